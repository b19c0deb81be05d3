//! Command-line front end (clap) over the library. With no subcommand the
//! binary opens the GUI.
//!
//! Passphrases never come from a plain argument (it would show in the
//! process list and the shell history). They are read, in this order, from
//! `--passphrase-fd N`, `--passphrase-file PATH`, the environment variable
//! `TESTIMONY_VAULT_PASSPHRASE`, or the terminal without echo. A new
//! passphrase (`passwd`) comes from `--new-passphrase-file` or
//! `TESTIMONY_VAULT_NEW_PASSPHRASE`; a bundle passphrase from
//! `--bundle-passphrase-file` or `TESTIMONY_VAULT_BUNDLE_PASSPHRASE`.
//! `TESTIMONY_VAULT_WORK_FACTOR` (or the hidden `--work-factor`) sets the
//! scrypt cost of new passphrases, for tests and slow machines.

use crate::bundle::{self, BundleError, ExportOptions, MergeOutcome, Profile, Selection, Unlock};
use crate::i18n::{self, t, t_args, Lang};
use crate::model::{CaseStatus, CaseSummary, FuzzyDate};
use crate::model::merge::{self, differing_fields};
use crate::vault::conflicts::Resolution;
use crate::vault::{self, CreateOptions, Vault, VaultError, DEFAULT_WORK_FACTOR};
use age::secrecy::SecretString;
use clap::{Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use uuid::Uuid;
use zeroize::Zeroizing;

mod help;

pub const ENV_PASSPHRASE: &str = "TESTIMONY_VAULT_PASSPHRASE";
pub const ENV_NEW_PASSPHRASE: &str = "TESTIMONY_VAULT_NEW_PASSPHRASE";
pub const ENV_BUNDLE_PASSPHRASE: &str = "TESTIMONY_VAULT_BUNDLE_PASSPHRASE";
pub const ENV_WORK_FACTOR: &str = "TESTIMONY_VAULT_WORK_FACTOR";
pub const ENV_LANG: &str = "TESTIMONY_VAULT_LANG";

/// The command line. Descriptions of commands and arguments are not written
/// here but in the .ftl files (`cli-about`, `cli-cmd-<command>`,
/// `cli-arg-[<command>-]<argument>`, `cli-value-<NAME>`), so that English and
/// Korean help come through the same path: see [`help`].
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
    Init {
        #[arg(long, hide = true)]
        work_factor: Option<u8>,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    Export {
        #[arg(long = "to", value_name = "AGE1…")]
        to: Vec<String>,
        #[arg(long, value_name = "FILE")]
        recipients_file: Vec<PathBuf>,
        #[arg(long)]
        passphrase_protect: bool,
        #[arg(long, value_name = "PATH")]
        bundle_passphrase_file: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "full")]
        profile: ProfileArg,
        #[arg(long)]
        code: Vec<String>,
        #[arg(long, value_enum)]
        status: Vec<StatusArg>,
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        #[arg(long)]
        all: bool,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[arg(long, hide = true)]
        work_factor: Option<u8>,
    },
    Import {
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        identity: Vec<PathBuf>,
        #[arg(long, value_name = "PATH")]
        bundle_passphrase_file: Option<PathBuf>,
    },
    Verify {
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        identity: Vec<PathBuf>,
        #[arg(long, value_name = "PATH")]
        bundle_passphrase_file: Option<PathBuf>,
    },
    Keygen {
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    Passwd {
        #[arg(long, value_name = "PATH")]
        new_passphrase_file: Option<PathBuf>,
        #[arg(long, hide = true)]
        work_factor: Option<u8>,
    },
    Attach {
        case: String,
        file: PathBuf,
        #[arg(long, default_value = "", value_name = "TEXT")]
        description: String,
    },
    Conflicts,
    ForgetMissing,
    Resolve {
        id: Uuid,
        #[arg(long, value_enum, value_name = "VERSION")]
        keep: KeepArg,
        #[arg(long, value_delimiter = ',', value_name = "FIELD", required_if_eq("keep", "merged"))]
        take_theirs: Vec<String>,
    },
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

/// Why a command failed; shown translated, exit code 1.
#[derive(Debug)]
pub enum CliError {
    Vault(VaultError),
    Bundle(BundleError),
    /// No passphrase source and no terminal to ask on.
    NoTerminal,
    PassphraseMismatch,
    EmptyPassphrase,
    BadDate { input: String, detail: String },
    NoVaultDir,
    NoSelection,
    NoSuchCode(String),
    /// `--take-theirs` given without `--keep merged`: it would be ignored.
    TakeTheirsNeedsMerged,
    FileExists(PathBuf),
    Io { path: PathBuf, detail: String },
}

impl From<VaultError> for CliError {
    fn from(e: VaultError) -> Self {
        CliError::Vault(e)
    }
}

impl From<BundleError> for CliError {
    fn from(e: BundleError) -> Self {
        match e {
            BundleError::Vault(v) => CliError::Vault(v),
            other => CliError::Bundle(other),
        }
    }
}

/// The message in the current language; vault and bundle errors keep their own.
impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            CliError::Vault(e) => e.to_string(),
            CliError::Bundle(e) => e.to_string(),
            CliError::NoTerminal => t_args(
                "cli-error-no-terminal",
                &[("env", ENV_PASSPHRASE)],
            ),
            CliError::PassphraseMismatch => t("cli-error-passphrase-mismatch"),
            CliError::EmptyPassphrase => t("cli-error-empty-passphrase"),
            CliError::BadDate { input, detail } => t_args("cli-error-bad-date", &[("input", input), ("detail", detail)]),
            CliError::NoVaultDir => t("cli-error-no-vault-dir"),
            CliError::NoSelection => t("cli-error-no-selection"),
            CliError::NoSuchCode(code) => t_args("cli-error-no-such-code", &[("code", code)]),
            CliError::TakeTheirsNeedsMerged => t("cli-error-take-theirs-needs-merged"),
            CliError::FileExists(p) => t_args("cli-error-file-exists", &[("path", &p.display().to_string())]),
            CliError::Io { path, detail } => {
                t_args("error-io", &[("path", &path.display().to_string()), ("detail", detail)])
            }
        })
    }
}

/// The language asked for: `--lang`, else `TESTIMONY_VAULT_LANG`.
pub fn asked_language(flag: Option<&str>) -> Option<Lang> {
    flag.map(str::to_owned).or_else(|| std::env::var(ENV_LANG).ok()).and_then(|l| Lang::from_code(&l))
}

/// The language of messages: the one asked for, else the system's.
pub fn choose_language(flag: Option<&str>) -> Lang {
    asked_language(flag).unwrap_or_else(i18n::system_language)
}

pub fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    // Chosen before clap parses, so that its help and usage errors are in
    // the same language as everything else.
    i18n::set_language(choose_language(help::lang_flag(&args).as_deref()));
    let cli = match help::parse(&args, i18n::language()) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    i18n::set_language(choose_language(cli.lang.as_deref()));
    let Some(command) = cli.command else {
        // Only a language asked for (flag or variable) overrides the vault's setting.
        return match crate::ui::run_gui(cli.vault, asked_language(cli.lang.as_deref())) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("testimony-vault: {}", t_args("cli-error-window", &[("detail", &e.to_string())]));
                ExitCode::FAILURE
            }
        };
    };
    let ctx = Context {
        vault: cli.vault,
        passphrase_fd: cli.passphrase_fd,
        passphrase_file: cli.passphrase_file,
    };
    match run(&ctx, command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("testimony-vault: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Options shared by every command.
pub struct Context {
    pub vault: Option<PathBuf>,
    pub passphrase_fd: Option<u32>,
    pub passphrase_file: Option<PathBuf>,
}

impl Context {
    fn vault_dir(&self) -> Result<PathBuf, CliError> {
        self.vault.clone().or_else(vault::default_vault_dir).ok_or(CliError::NoVaultDir)
    }

    fn passphrase(&self) -> Result<SecretString, CliError> {
        if let Some(fd) = self.passphrase_fd {
            return read_secret_file(Path::new(&format!("/dev/fd/{fd}")));
        }
        if let Some(path) = &self.passphrase_file {
            return read_secret_file(path);
        }
        from_env_or_terminal(ENV_PASSPHRASE, &t("cli-prompt-passphrase"), false)
    }

    fn open(&self) -> Result<Vault, CliError> {
        let dir = self.vault_dir()?;
        if !vault::is_vault(&dir) {
            return Err(VaultError::NotAVault { dir }.into());
        }
        let vault = Vault::open(&dir, &self.passphrase()?)?;
        for damaged in &vault.open_report().damaged {
            eprintln!("testimony-vault: {damaged}");
        }
        Ok(vault)
    }
}

fn read_secret_file(path: &Path) -> Result<SecretString, CliError> {
    let text = Zeroizing::new(
        std::fs::read_to_string(path).map_err(|e| CliError::Io { path: path.to_path_buf(), detail: e.to_string() })?,
    );
    let line = text.lines().next().unwrap_or("");
    if line.is_empty() {
        return Err(CliError::EmptyPassphrase);
    }
    Ok(SecretString::from(line.to_owned()))
}

fn from_env_or_terminal(env: &str, prompt: &str, confirm: bool) -> Result<SecretString, CliError> {
    if let Ok(value) = std::env::var(env) {
        if value.is_empty() {
            return Err(CliError::EmptyPassphrase);
        }
        return Ok(SecretString::from(value));
    }
    let first = Zeroizing::new(rpassword::prompt_password(prompt).map_err(|_| CliError::NoTerminal)?);
    if first.is_empty() {
        return Err(CliError::EmptyPassphrase);
    }
    if confirm {
        let again = Zeroizing::new(rpassword::prompt_password(t("cli-prompt-repeat")).map_err(|_| CliError::NoTerminal)?);
        if *again != *first {
            return Err(CliError::PassphraseMismatch);
        }
    }
    Ok(SecretString::from(first.to_string()))
}

fn work_factor(flag: Option<u8>) -> u8 {
    flag.or_else(|| std::env::var(ENV_WORK_FACTOR).ok()?.trim().parse().ok()).unwrap_or(DEFAULT_WORK_FACTOR).clamp(1, 30)
}

fn editor_name(vault: &Vault) -> String {
    let name = vault.config().editor_name.trim();
    if name.is_empty() { "command line".to_string() } else { name.to_string() }
}

fn bundle_passphrase(file: &Option<PathBuf>, confirm: bool) -> Result<SecretString, CliError> {
    match file {
        Some(p) => read_secret_file(p),
        None => from_env_or_terminal(ENV_BUNDLE_PASSPHRASE, &t("cli-prompt-bundle-passphrase"), confirm),
    }
}

/// Carry out one command. Output goes to stdout; failures come back.
pub fn run(ctx: &Context, command: Command) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    let w = |out: &mut std::io::StdoutLock<'_>, text: String| {
        let _ = writeln!(out, "{text}");
    };
    match command {
        Command::Init { work_factor: wf } => {
            let dir = ctx.vault_dir()?;
            let pass = match (&ctx.passphrase_fd, &ctx.passphrase_file) {
                (None, None) => from_env_or_terminal(ENV_PASSPHRASE, &t("cli-prompt-new-passphrase"), true)?,
                _ => ctx.passphrase()?,
            };
            let vault = Vault::create_with(&dir, &pass, &CreateOptions { work_factor: work_factor(wf) })?;
            w(&mut out, t_args("cli-init-done", &[("dir", &dir.display().to_string())]));
            w(&mut out, t_args("cli-vault-recipient", &[("recipient", &vault.recipient())]));
        }
        Command::List { json } => {
            let vault = ctx.open()?;
            let mut rows: Vec<&CaseSummary> = vault.summaries().collect();
            rows.sort_by(|a, b| a.code.cmp(&b.code));
            if json {
                let text = serde_json::to_string_pretty(&rows).map_err(|e| CliError::Io { path: "-".into(), detail: e.to_string() })?;
                w(&mut out, text);
            } else {
                w(&mut out, table(&rows));
                w(&mut out, t_args("cli-list-count", &[("count", &rows.len().to_string())]));
                let conflicts = vault.list_conflicts().len();
                if conflicts > 0 {
                    w(&mut out, t_args("cli-list-conflicts", &[("count", &conflicts.to_string())]));
                }
            }
        }
        Command::Export {
            to,
            recipients_file,
            passphrase_protect,
            bundle_passphrase_file,
            profile,
            code,
            status,
            from,
            until,
            all,
            out: out_path,
            work_factor: wf,
        } => {
            let parse_date = |s: &Option<String>| -> Result<Option<FuzzyDate>, CliError> {
                s.as_ref()
                    .map(|x| FuzzyDate::parse(x).map_err(|e| CliError::BadDate { input: x.clone(), detail: e.to_string() }))
                    .transpose()
            };
            let selection = Selection {
                all,
                codes: code,
                statuses: status.into_iter().map(CaseStatus::from).collect(),
                from: parse_date(&from)?,
                until: parse_date(&until)?,
            };
            if selection.is_empty() {
                return Err(CliError::NoSelection);
            }
            let mut recipients = Vec::new();
            for text in &to {
                recipients.push(bundle::parse_recipient(text)?);
            }
            for file in &recipients_file {
                recipients.extend(bundle::parse_recipients_file(file)?);
            }
            let vault = ctx.open()?;
            let passphrase = if passphrase_protect {
                if !recipients.is_empty() {
                    return Err(BundleError::PassphraseAndRecipients.into());
                }
                Some(bundle_passphrase(&bundle_passphrase_file, true)?)
            } else {
                if recipients.is_empty() {
                    for text in &vault.config().organisation_recipients {
                        recipients.push(bundle::parse_recipient(text)?);
                    }
                }
                None
            };
            let options = ExportOptions {
                recipients,
                passphrase,
                work_factor: wf.or_else(|| std::env::var(ENV_WORK_FACTOR).ok()?.trim().parse().ok()),
                profile: profile.into(),
            };
            let ids = selection.select(&vault);
            if ids.is_empty() {
                return Err(BundleError::NothingSelected.into());
            }
            let path = out_path.unwrap_or_else(|| {
                let stamp = crate::model::now_utc()
                    .format(time::macros::format_description!("[year][month][day]-[hour][minute][second]"))
                    .unwrap_or_default();
                PathBuf::from(format!("testimony-{stamp}.{}", bundle::EXTENSION))
            });
            let report = bundle::export_cases(&vault, &ids, &options, &path)?;
            w(&mut out, report.summary());
            if !report.attachments_missing.is_empty() {
                eprintln!(
                    "testimony-vault: {}",
                    t_args("cli-export-attachments-missing", &[("count", &report.attachments_missing.len().to_string())])
                );
            }
        }
        Command::Import { file, identity, bundle_passphrase_file } => {
            let mut vault = ctx.open()?;
            let mut unlock = Unlock::with_identity(vault.key().identity().clone());
            for f in &identity {
                unlock.add_identity_file(f)?;
            }
            if needs_passphrase(&file)? {
                unlock.passphrase = Some(bundle_passphrase(&bundle_passphrase_file, false)?);
            }
            let editor = editor_name(&vault);
            let report = bundle::import(&mut vault, &file, &unlock, &editor)?;
            for (_, code, outcome) in &report.cases {
                let line = match outcome {
                    MergeOutcome::Added => t_args("cli-import-added", &[("code", code)]),
                    MergeOutcome::Updated { from_revision, to_revision } => t_args(
                        "cli-import-updated",
                        &[("code", code), ("from", &from_revision.to_string()), ("to", &to_revision.to_string())],
                    ),
                    MergeOutcome::Unchanged | MergeOutcome::AlreadyNewer => t_args("cli-import-unchanged", &[("code", code)]),
                    MergeOutcome::Conflict { conflict } => {
                        t_args("cli-import-conflict", &[("code", code), ("id", &conflict.to_string())])
                    }
                    MergeOutcome::ConflictAlreadyStored => t_args("cli-import-conflict-known", &[("code", code)]),
                };
                w(&mut out, line);
            }
            w(&mut out, report.summary());
        }
        Command::Verify { file, identity, bundle_passphrase_file } => {
            let mut unlock = Unlock::default();
            if identity.is_empty() && !needs_passphrase(&file)? {
                unlock.identities.push(ctx.open()?.key().identity().clone());
            }
            for f in &identity {
                unlock.add_identity_file(f)?;
            }
            if needs_passphrase(&file)? {
                unlock.passphrase = Some(bundle_passphrase(&bundle_passphrase_file, false)?);
            }
            let m = bundle::verify(&file, &unlock)?;
            let exported = m.exported_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
            w(
                &mut out,
                t_args(
                    "cli-verify-ok",
                    &[
                        ("path", &file.display().to_string()),
                        ("count", &m.cases.len().to_string()),
                        ("attachments", &m.attachments.len().to_string()),
                        ("profile", &m.profile.label()),
                        ("exported", &exported),
                        ("vault", &m.vault_id.to_string()),
                    ],
                ),
            );
            for c in &m.cases {
                w(&mut out, format!("  {}  r{}  {}", c.code, c.revision, c.sha256));
            }
        }
        Command::Keygen { out: path } => {
            let identity = age::x25519::Identity::generate();
            let text = bundle::keys::new_identity_file(&identity);
            match path {
                None => w(&mut out, text.trim_end().to_string()),
                Some(path) => {
                    write_new_private_file(&path, text.as_bytes())?;
                    w(&mut out, t_args("cli-keygen-written", &[("path", &path.display().to_string())]));
                    w(&mut out, t_args("cli-keygen-public", &[("recipient", &identity.to_public().to_string())]));
                }
            }
        }
        Command::Passwd { new_passphrase_file, work_factor: wf } => {
            let old = ctx.passphrase()?;
            let dir = ctx.vault_dir()?;
            if !vault::is_vault(&dir) {
                return Err(VaultError::NotAVault { dir }.into());
            }
            let mut vault = Vault::open(&dir, &old)?;
            let new = match &new_passphrase_file {
                Some(p) => read_secret_file(p)?,
                None => from_env_or_terminal(ENV_NEW_PASSPHRASE, &t("cli-prompt-new-passphrase"), true)?,
            };
            vault.change_passphrase(&old, &new, work_factor(wf))?;
            w(&mut out, t("cli-passwd-done"));
        }
        Command::Attach { case, file, description } => {
            let mut vault = ctx.open()?;
            let id = find_case(&vault, &case)?;
            let mut stored = vault.load_case(id)?;
            let editor = editor_name(&vault);
            let r = vault.attach_file(&mut stored, &file, &description, &editor)?;
            w(
                &mut out,
                t_args(
                    "attachment-added",
                    &[("name", &r.file_name), ("size", &r.size.to_string()), ("sha256", &r.sha256), ("case", &stored.code)],
                ),
            );
            w(&mut out, t_args("attachment-original-remains", &[("path", &file.display().to_string())]));
        }
        Command::ForgetMissing => {
            let mut vault = ctx.open()?;
            let n = vault.forget_missing()?;
            w(&mut out, t_args("list-forgot-missing", &[("count", &n.to_string())]));
        }
        Command::Conflicts => {
            let vault = ctx.open()?;
            let list = vault.list_conflicts();
            if list.is_empty() {
                w(&mut out, t("cli-conflicts-none"));
            }
            for item in list {
                match item {
                    Ok(c) => {
                        w(
                            &mut out,
                            t_args(
                                "cli-conflict-line",
                                &[
                                    ("id", &c.id.to_string()),
                                    ("code", &c.code),
                                    ("revision", &c.theirs_revision.to_string()),
                                    ("vault", &c.source.vault_id.to_string()),
                                ],
                            ),
                        );
                        // The names `resolve --take-theirs` accepts.
                        match vault.load_conflict(c.id) {
                            Ok((ours, theirs)) => {
                                let fields = merge::joined_paths(&differing_fields(&ours, &theirs));
                                // Indented under its conflict line.
                                w(&mut out, format!("    {}", t_args("cli-conflict-fields", &[("fields", &fields)])));
                            }
                            Err(e) => eprintln!("testimony-vault: {e}"),
                        }
                    }
                    Err(e) => eprintln!("testimony-vault: {e}"),
                }
            }
        }
        Command::Resolve { id, keep, take_theirs } => {
            if !take_theirs.is_empty() && !matches!(keep, KeepArg::Merged) {
                return Err(CliError::TakeTheirsNeedsMerged);
            }
            let mut vault = ctx.open()?;
            let editor = editor_name(&vault);
            let case = match keep {
                KeepArg::Ours => vault.resolve_conflict(id, Resolution::KeepOurs, &editor)?,
                KeepArg::Theirs => vault.resolve_conflict(id, Resolution::TakeTheirs, &editor)?,
                KeepArg::Merged => vault.merge_conflict(id, &merge::parse_fields(&take_theirs).map_err(VaultError::from)?, &editor)?,
            };
            w(&mut out, t_args("cli-resolve-done", &[("code", &case.code), ("revision", &case.revision().to_string())]));
        }
    }
    Ok(())
}

/// A case by its code or its id.
fn find_case(vault: &Vault, code_or_id: &str) -> Result<Uuid, CliError> {
    if let Ok(id) = Uuid::parse_str(code_or_id)
        && vault.contains(id) {
            return Ok(id);
        }
    vault
        .summaries()
        .find(|s| s.code == code_or_id)
        .map(|s| s.id)
        .ok_or_else(|| CliError::NoSuchCode(code_or_id.to_string()))
}

fn needs_passphrase(file: &Path) -> Result<bool, CliError> {
    let f = std::fs::File::open(file)
        .map_err(|e| CliError::Bundle(BundleError::Read { path: file.to_path_buf(), detail: e.to_string() }))?;
    Ok(age::Decryptor::new(std::io::BufReader::new(f)).is_ok_and(|d| d.is_scrypt()))
}

/// Create `path` readable by the owner only; never replace a file.
fn write_new_private_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let io_err = |e: std::io::Error| CliError::Io { path: path.to_path_buf(), detail: e.to_string() };
    let mut file = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => CliError::FileExists(path.to_path_buf()),
        _ => io_err(e),
    })?;
    file.write_all(bytes).and_then(|_| file.sync_all()).map_err(io_err)
}

/// The case list as an aligned text table.
fn table(rows: &[&CaseSummary]) -> String {
    let header = [
        t("cli-col-code"),
        t("cli-col-status"),
        t("cli-col-interview"),
        t("cli-col-pseudonym"),
        t("cli-col-revision"),
        t("cli-col-updated"),
    ];
    let mut lines: Vec<[String; 6]> = vec![header];
    for s in rows {
        lines.push([
            s.code.clone(),
            t(&format!("status-{}", s.status.key())),
            s.interview_date.as_ref().map(|d| d.to_iso()).unwrap_or_default(),
            s.pseudonym.clone(),
            s.revision.to_string(),
            s.updated.date().to_string(),
        ]);
    }
    // Hangul takes two columns in a terminal.
    let width = |s: &str| s.chars().map(|c| if ('\u{1100}'..='\u{d7af}').contains(&c) { 2 } else { 1 }).sum::<usize>();
    let mut widths = [0usize; 6];
    for l in &lines {
        for (i, cell) in l.iter().enumerate() {
            widths[i] = widths[i].max(width(cell));
        }
    }
    lines
        .iter()
        .map(|l| {
            let mut row = String::new();
            for (i, cell) in l.iter().enumerate() {
                row.push_str(cell);
                if i + 1 < l.len() {
                    row.push_str(&" ".repeat(widths[i] - width(cell) + 2));
                }
            }
            row.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}
