//! The command line as clap types: global options, one variant a command,
//! one struct for each command's arguments.
//!
//! Descriptions of commands and arguments are not written here but in the
//! .ftl files (`cli-about`, `cli-cmd-<command>`,
//! `cli-arg-[<command>-]<argument>`, `cli-value-<NAME>`), so that English and
//! Korean help come through the same path: see [`super::help`].

use crate::bundle::Profile;
use crate::interchange::TableFormat;
use crate::model::CaseStatus;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use uuid::Uuid;

#[derive(Parser, Debug)]
#[command(name = "testimony-vault", version)]
pub struct Cli {
    #[arg(long, global = true, value_name = "DIR")]
    pub vault: Option<PathBuf>,
    #[arg(long, global = true, value_name = "N")]
    pub passphrase_fd: Option<u32>,
    #[arg(long, global = true, value_name = "PATH")]
    pub passphrase_file: Option<PathBuf>,
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Init(InitArgs),
    List(ListArgs),
    Export(ExportArgs),
    Import(ImportArgs),
    Verify(VerifyArgs),
    Keygen(KeygenArgs),
    Passwd(PasswdArgs),
    Attach(AttachArgs),
    Record(RecordArgs),
    Conflicts,
    ForgetMissing,
    Resolve(ResolveArgs),
    Add(AddArgs),
    Show(ShowArgs),
    History(HistoryArgs),
    Search(SearchArgs),
    ExportTable(ExportTableArgs),
    ImportTable(ImportTableArgs),
    Signer,
    Trust(TrustArgs),
    Recover(RecoverArgs),
    RotateKey,
    Erase(EraseArgs),
    Events(EventsArgs),
    Stats(StatsArgs),
}

#[derive(Args, Debug)]
pub struct InitArgs {
    #[arg(long, hide = true)]
    pub work_factor: Option<u8>,
    #[arg(long = "recovery-to", value_name = "AGE1…")]
    pub recovery_to: Vec<String>,
}

#[derive(Args, Debug)]
pub struct RecoverArgs {
    #[arg(long, value_name = "FILE")]
    pub identity: PathBuf,
    #[arg(long, value_name = "PATH")]
    pub new_passphrase_file: Option<PathBuf>,
    #[arg(long, hide = true)]
    pub work_factor: Option<u8>,
}

#[derive(Args, Debug)]
pub struct EraseArgs {
    #[arg(long)]
    pub yes: bool,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    #[arg(long)]
    pub json: bool,
}

/// Who an export is for: keys, or a passphrase (`export`, `export-table`).
#[derive(Args, Debug)]
pub struct AudienceArgs {
    #[arg(long = "to", value_name = "AGE1…")]
    pub to: Vec<String>,
    #[arg(long, value_name = "FILE")]
    pub recipients_file: Vec<PathBuf>,
    #[arg(long)]
    pub passphrase_protect: bool,
    #[arg(long, value_name = "PATH")]
    pub bundle_passphrase_file: Option<PathBuf>,
    #[arg(long, hide = true)]
    pub work_factor: Option<u8>,
}

/// Which cases an export takes (`export`, `export-table`).
#[derive(Args, Debug)]
pub struct SelectionArgs {
    #[arg(long)]
    pub code: Vec<String>,
    #[arg(long, value_enum)]
    pub status: Vec<StatusArg>,
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    #[arg(long)]
    pub all: bool,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    pub audience: AudienceArgs,
    #[arg(long, value_enum, default_value = "full")]
    pub profile: ProfileArg,
    #[command(flatten)]
    pub select: SelectionArgs,
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub verbose: bool,
    // Redaction that holds: words to scrub, and the review before export.
    #[arg(long = "scrub", value_name = "WORD")]
    pub scrub: Vec<String>,
    #[arg(long)]
    pub review: bool,
    #[arg(long, requires = "review")]
    pub reviewed: bool,
    #[arg(long)]
    pub roles: bool,
    #[command(flatten)]
    pub consent: ConsentArgs,
}

/// Consent, for `export` and `export-table`: what the export is for, and
/// held-back cases named on purpose.
#[derive(Args, Debug)]
pub struct ConsentArgs {
    #[arg(long, value_enum, default_value = "archive")]
    pub purpose: PurposeArg,
    #[arg(long = "include", value_name = "CODE")]
    pub include: Vec<String>,
    #[arg(long)]
    pub include_without_consent: bool,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    pub file: PathBuf,
    #[arg(long, value_name = "FILE")]
    pub identity: Vec<PathBuf>,
    #[arg(long, value_name = "PATH")]
    pub bundle_passphrase_file: Option<PathBuf>,
    /// The explicit step after an unknown-signer refusal.
    #[arg(long, value_name = "NAME")]
    pub trust_signer: Option<String>,
    #[arg(long)]
    pub verbose: bool,
}

#[derive(Args, Debug)]
pub struct TrustArgs {
    #[command(subcommand)]
    pub action: TrustAction,
}

#[derive(Subcommand, Debug)]
pub enum TrustAction {
    Add(TrustAddArgs),
    List,
    Remove(TrustRemoveArgs),
}

#[derive(Args, Debug)]
pub struct TrustAddArgs {
    /// The OpenSSH line may come as one quoted argument or as its words.
    #[arg(value_name = "KEY", num_args = 1.., required = true)]
    pub key: Vec<String>,
    #[arg(long, value_name = "NAME")]
    pub name: String,
}

#[derive(Args, Debug)]
pub struct TrustRemoveArgs {
    #[arg(value_name = "SIGNER")]
    pub signer: String,
}

#[derive(Args, Debug)]
pub struct AddArgs {
    pub file: PathBuf,
    #[arg(long)]
    pub verbose: bool,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    #[arg(value_name = "CASE")]
    pub case: String,
    #[arg(long)]
    pub json: bool,
    #[arg(long, value_name = "N")]
    pub revision: Option<u32>,
}

#[derive(Args, Debug)]
pub struct HistoryArgs {
    #[arg(value_name = "CASE")]
    pub case: String,
    #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
    pub diff: Option<Vec<u32>>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ExportTableArgs {
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: TableFormatArg,
    #[arg(long, value_enum, default_value = "pseudonymised")]
    pub profile: ProfileArg,
    #[command(flatten)]
    pub select: SelectionArgs,
    #[command(flatten)]
    pub audience: AudienceArgs,
    #[arg(long)]
    pub plaintext: bool,
    #[arg(long)]
    pub bom: bool,
    #[command(flatten)]
    pub consent: ConsentArgs,
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub verbose: bool,
}

#[derive(Args, Debug)]
pub struct ImportTableArgs {
    pub file: PathBuf,
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long)]
    pub skip_bad: bool,
    #[arg(long, value_name = "FILE")]
    pub identity: Vec<PathBuf>,
    #[arg(long, value_name = "PATH")]
    pub bundle_passphrase_file: Option<PathBuf>,
    #[arg(long)]
    pub verbose: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum TableFormatArg {
    Csv,
    Xlsx,
}

impl From<TableFormatArg> for TableFormat {
    fn from(f: TableFormatArg) -> TableFormat {
        match f {
            TableFormatArg::Csv => TableFormat::Csv,
            TableFormatArg::Xlsx => TableFormat::Xlsx,
        }
    }
}

#[derive(Args, Debug)]
pub struct VerifyArgs {
    pub file: PathBuf,
    #[arg(long, value_name = "FILE")]
    pub identity: Vec<PathBuf>,
    #[arg(long, value_name = "PATH")]
    pub bundle_passphrase_file: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct KeygenArgs {
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct PasswdArgs {
    #[arg(long, value_name = "PATH")]
    pub new_passphrase_file: Option<PathBuf>,
    #[arg(long, hide = true)]
    pub work_factor: Option<u8>,
}

#[derive(Args, Debug)]
pub struct AttachArgs {
    pub case: String,
    pub file: PathBuf,
    #[arg(long, default_value = "", value_name = "TEXT")]
    pub description: String,
}

#[derive(Args, Debug)]
pub struct RecordArgs {
    #[arg(required_unless_present = "list_devices")]
    pub case: Option<String>,
    /// Stop by itself after this many seconds (else at Ctrl+C).
    #[arg(long, value_name = "N")]
    pub seconds: Option<f64>,
    #[arg(long, value_name = "NAME")]
    pub device: Option<String>,
    #[arg(long)]
    pub list_devices: bool,
    #[arg(long, default_value = "", value_name = "TEXT")]
    pub description: String,
}

#[derive(Args, Debug)]
pub struct ResolveArgs {
    pub id: Uuid,
    #[arg(long, value_enum, value_name = "VERSION")]
    pub keep: KeepArg,
    #[arg(long, value_delimiter = ',', value_name = "FIELD", required_if_eq("keep", "merged"))]
    pub take_theirs: Vec<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ProfileArg {
    Full,
    Pseudonymised,
    StatisticsOnly,
}

impl From<ProfileArg> for Profile {
    fn from(p: ProfileArg) -> Profile {
        match p {
            ProfileArg::Full => Profile::Full,
            ProfileArg::Pseudonymised => Profile::Pseudonymised,
            ProfileArg::StatisticsOnly => Profile::StatisticsOnly,
        }
    }
}

/// What an export is for (`export --purpose`).
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum PurposeArg {
    Archive,
    Ngos,
    Un,
    Court,
}

impl From<PurposeArg> for crate::bundle::Purpose {
    fn from(p: PurposeArg) -> crate::bundle::Purpose {
        use crate::bundle::Purpose;
        match p {
            PurposeArg::Archive => Purpose::Archive,
            PurposeArg::Ngos => Purpose::Ngos,
            PurposeArg::Un => Purpose::Un,
            PurposeArg::Court => Purpose::Court,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum StatusArg {
    Draft,
    Complete,
    NeedsFollowUp,
}

impl From<StatusArg> for CaseStatus {
    fn from(s: StatusArg) -> CaseStatus {
        match s {
            StatusArg::Draft => CaseStatus::Draft,
            StatusArg::Complete => CaseStatus::Complete,
            StatusArg::NeedsFollowUp => CaseStatus::NeedsFollowUp,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum KeepArg {
    Ours,
    Theirs,
    /// Ours, with the fields named by `--take-theirs` from theirs.
    Merged,
}

// Events and statistics (`events …`, `stats`).

#[derive(Args, Debug)]
pub struct EventsArgs {
    #[command(subcommand)]
    pub action: EventsAction,
}

#[derive(Subcommand, Debug)]
pub enum EventsAction {
    List(JsonArgs),
    Show(EventsShowArgs),
    Create(EventsCreateArgs),
    Link(EventsLinkArgs),
    Unlink(EventsUnlinkArgs),
    Suggest(JsonArgs),
    Reject(EventsRejectArgs),
    Standard(EventsStandardArgs),
    Resolve(EventsResolveArgs),
}

#[derive(Args, Debug)]
pub struct EventsResolveArgs {
    #[arg(value_name = "EVENT")]
    pub event: String,
    /// Take their fields; without it ours are kept.
    #[arg(long)]
    pub take_theirs: bool,
}

#[derive(Args, Debug)]
pub struct JsonArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct EventsShowArgs {
    #[arg(value_name = "EVENT")]
    pub event: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct EventsCreateArgs {
    #[arg(long, value_name = "TEXT")]
    pub title: String,
    #[arg(long, value_name = "VIOLATION", value_parser = violation_arg)]
    pub violation: crate::model::ViolationType,
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub province: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub county: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub place: Option<String>,
    #[arg(long, value_name = "PERPETRATOR", value_parser = perpetrator_arg)]
    pub perpetrator: Option<crate::model::Perpetrator>,
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// Incidents to link at once, as `CASE#N` (N: 1, 2, … in the case).
    #[arg(long, value_name = "INCIDENT")]
    pub incident: Vec<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct EventsLinkArgs {
    #[arg(value_name = "EVENT")]
    pub event: String,
    /// `CASE#N`, or the case (code or id) and the incident's number or id.
    #[arg(value_name = "INCIDENT", num_args = 1..=2, required = true)]
    pub incident: Vec<String>,
}

#[derive(Args, Debug)]
pub struct EventsUnlinkArgs {
    #[arg(value_name = "INCIDENT", num_args = 1..=2, required = true)]
    pub incident: Vec<String>,
}

#[derive(Args, Debug)]
pub struct EventsRejectArgs {
    #[arg(value_name = "INCIDENT")]
    pub incident: String,
    #[arg(long = "with", value_name = "INCIDENT", required_unless_present = "event")]
    pub with: Option<String>,
    #[arg(long, value_name = "EVENT")]
    pub event: Option<String>,
}

#[derive(Args, Debug)]
pub struct EventsStandardArgs {
    #[arg(long, value_name = "N")]
    pub sources: Option<u32>,
    #[arg(long, value_name = "N")]
    pub first_hand: Option<u32>,
}

#[derive(Args, Debug)]
pub struct StatsArgs {
    #[arg(long)]
    pub json: bool,
    #[arg(long, value_name = "VIOLATION", value_parser = violation_arg)]
    pub violation: Option<crate::model::ViolationType>,
    #[arg(long, value_name = "TEXT")]
    pub province: Option<String>,
    #[arg(long, value_name = "YEAR")]
    pub from: Option<i32>,
    #[arg(long, value_name = "YEAR")]
    pub until: Option<i32>,
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
}

fn violation_arg(s: &str) -> Result<crate::model::ViolationType, String> {
    crate::model::ViolationType::from_key(s).ok_or_else(|| {
        let keys: Vec<&str> = crate::model::ViolationType::ALL.iter().map(|v| v.key()).collect();
        keys.join(", ")
    })
}

fn perpetrator_arg(s: &str) -> Result<crate::model::Perpetrator, String> {
    let all = crate::model::Perpetrator::ALL;
    all.into_iter().find(|p| p.key() == s).ok_or_else(|| all.map(|p| p.key()).join(", "))
}
