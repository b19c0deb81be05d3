//! The command line as clap types: global options, one variant a command,
//! one struct for each command's arguments.
//!
//! Descriptions of commands and arguments are not written here but in the
//! .ftl files (`cli-about`, `cli-cmd-<command>`,
//! `cli-arg-[<command>-]<argument>`, `cli-value-<NAME>`), so that English and
//! Korean help come through the same path: see [`super::help`].

use crate::bundle::Profile;
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
    Conflicts,
    ForgetMissing,
    Resolve(ResolveArgs),
    Recover(RecoverArgs),
    RotateKey,
    Erase(EraseArgs),
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

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[arg(long = "to", value_name = "AGE1…")]
    pub to: Vec<String>,
    #[arg(long, value_name = "FILE")]
    pub recipients_file: Vec<PathBuf>,
    #[arg(long)]
    pub passphrase_protect: bool,
    #[arg(long, value_name = "PATH")]
    pub bundle_passphrase_file: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "full")]
    pub profile: ProfileArg,
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
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[arg(long, hide = true)]
    pub work_factor: Option<u8>,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    pub file: PathBuf,
    #[arg(long, value_name = "FILE")]
    pub identity: Vec<PathBuf>,
    #[arg(long, value_name = "PATH")]
    pub bundle_passphrase_file: Option<PathBuf>,
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
