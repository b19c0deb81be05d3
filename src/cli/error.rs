//! Why a command failed, and how the command line says so: every failure
//! and warning is printed by [`say_error`], `testimony-vault: ` and the
//! text, on stderr; a failed command exits with 1.

use super::secrets::ENV_PASSPHRASE;
use crate::audio::AudioError;
use crate::bundle::{BundleError, CustodyError};
use crate::interchange::InterchangeError;
use crate::i18n::{t, t_args};
use crate::vault::VaultError;
use std::fmt;
use std::path::PathBuf;

#[derive(Debug)]
pub enum CliError {
    Vault(VaultError),
    Bundle(BundleError),
    /// An import refused for its signer: the refusal, and how to trust.
    UntrustedSigner(BundleError),
    Interchange(InterchangeError),
    Audio(AudioError),
    Events(crate::events::EventError),
    /// No passphrase source and no terminal to ask on.
    NoTerminal,
    PassphraseMismatch,
    EmptyPassphrase,
    BadDate { input: String, detail: String },
    NoVaultDir,
    NoSelection,
    NoSuchCode(String),
    /// `show --revision` or `history --diff` with a revision the case lacks,
    /// whose content was not kept, or whose kept content fails its hash.
    NoSuchRevision { code: String, number: u32, count: usize },
    RevisionNotKept { code: String, number: u32 },
    RevisionMismatch { code: String, number: u32 },
    /// `export --include CODE` naming no selected case: a typo must not
    /// quietly leave a case out.
    IncludeNotSelected(String),
    /// `--take-theirs` given without `--keep merged`: it would be ignored.
    TakeTheirsNeedsMerged,
    /// `erase` without `--yes`: nothing is destroyed by accident.
    EraseNeedsYes,
    FileExists(PathBuf),
    /// `--scrub` or `--review` with the full profile, which redacts nothing.
    ScrubNeedsRedaction,
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
            e @ BundleError::Custody(CustodyError::UnknownSigner { .. }) => CliError::UntrustedSigner(e),
            other => CliError::Bundle(other),
        }
    }
}

impl From<AudioError> for CliError {
    fn from(e: AudioError) -> Self {
        match e {
            AudioError::Vault(v) => CliError::Vault(v),
            other => CliError::Audio(other),
        }
    }
}

impl From<InterchangeError> for CliError {
    fn from(e: InterchangeError) -> Self {
        match e {
            InterchangeError::Vault(v) => CliError::Vault(v),
            InterchangeError::Bundle(b) => b.into(),
            other => CliError::Interchange(other),
        }
    }
}

impl From<crate::events::EventError> for CliError {
    fn from(e: crate::events::EventError) -> Self {
        match e {
            crate::events::EventError::Vault(v) => CliError::Vault(v),
            other => CliError::Events(other),
        }
    }
}

impl CliError {
    pub fn io(path: impl Into<PathBuf>, e: impl fmt::Display) -> CliError {
        CliError::Io { path: path.into(), detail: e.to_string() }
    }
}

/// The failure in the current language: each text is written once, in the
/// Fluent files.
impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            CliError::Vault(e) => e.to_string(),
            CliError::Bundle(e) => e.to_string(),
            CliError::UntrustedSigner(e) => format!("{e}\n{}", t("cli-import-trust-hint")),
            CliError::Interchange(e) => e.to_string(),
            CliError::Audio(e) => e.to_string(),
            CliError::Events(e) => e.to_string(),
            CliError::NoTerminal => t_args("cli-error-no-terminal", &[("env", ENV_PASSPHRASE)]),
            CliError::PassphraseMismatch => t("cli-error-passphrase-mismatch"),
            CliError::EmptyPassphrase => t("cli-error-empty-passphrase"),
            CliError::BadDate { input, detail } => t_args("cli-error-bad-date", &[("input", input), ("detail", detail)]),
            CliError::NoVaultDir => t("cli-error-no-vault-dir"),
            CliError::NoSelection => t("cli-error-no-selection"),
            CliError::ScrubNeedsRedaction => t("cli-error-scrub-needs-redaction"),
            CliError::NoSuchCode(code) => t_args("cli-error-no-such-code", &[("code", code)]),
            CliError::NoSuchRevision { code, number, count } => t_args(
                "cli-error-no-such-revision",
                &[("code", code), ("number", &number.to_string()), ("count", &count.to_string())],
            ),
            CliError::RevisionNotKept { code, number } => {
                t_args("cli-error-revision-not-kept", &[("code", code), ("number", &number.to_string())])
            }
            CliError::RevisionMismatch { code, number } => {
                t_args("cli-error-revision-mismatch", &[("code", code), ("number", &number.to_string())])
            }
            CliError::IncludeNotSelected(code) => t_args("cli-error-include-not-selected", &[("code", code)]),
            CliError::TakeTheirsNeedsMerged => t("cli-error-take-theirs-needs-merged"),
            CliError::EraseNeedsYes => t("cli-error-erase-needs-yes"),
            CliError::FileExists(p) => t_args("cli-error-file-exists", &[("path", &p.display().to_string())]),
            CliError::Io { path, detail } => {
                t_args("error-io", &[("path", &path.display().to_string()), ("detail", detail)])
            }
        };
        f.write_str(&text)
    }
}

/// Print a failure or a warning, as every one is printed.
pub fn say_error(text: impl fmt::Display) {
    eprintln!("testimony-vault: {text}");
}
