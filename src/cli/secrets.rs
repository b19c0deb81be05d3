//! Every secret the command line reads, and the scrypt cost of new ones.
//!
//! Passphrases never come from a plain argument (it would show in the
//! process list and the shell history). The vault's is read, in this order,
//! from `--passphrase-fd N`, `--passphrase-file PATH`, the environment
//! variable `TESTIMONY_VAULT_PASSPHRASE`, or the terminal without echo. A new
//! passphrase (`passwd`) comes from `--new-passphrase-file` or
//! `TESTIMONY_VAULT_NEW_PASSPHRASE`; a bundle passphrase from
//! `--bundle-passphrase-file` or `TESTIMONY_VAULT_BUNDLE_PASSPHRASE`; each
//! falls back to the terminal. `TESTIMONY_VAULT_WORK_FACTOR` (or the hidden
//! `--work-factor`) sets the scrypt cost of new passphrases, for tests and
//! slow machines: read and read in [`asked_work_factor`] only.

use super::error::CliError;
use crate::bundle::{BundleError, Unlock};
use crate::i18n::t;
use crate::vault::DEFAULT_WORK_FACTOR;
use age::secrecy::SecretString;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

pub const ENV_PASSPHRASE: &str = "TESTIMONY_VAULT_PASSPHRASE";
pub const ENV_NEW_PASSPHRASE: &str = "TESTIMONY_VAULT_NEW_PASSPHRASE";
pub const ENV_BUNDLE_PASSPHRASE: &str = "TESTIMONY_VAULT_BUNDLE_PASSPHRASE";
pub const ENV_WORK_FACTOR: &str = "TESTIMONY_VAULT_WORK_FACTOR";

/// Where the vault passphrase comes from (the global options).
pub struct VaultPassphrase {
    pub fd: Option<u32>,
    pub file: Option<PathBuf>,
}

impl VaultPassphrase {
    /// The passphrase of an existing vault.
    pub fn read(&self) -> Result<SecretString, CliError> {
        self.from_option().unwrap_or_else(|| from_env_or_terminal(ENV_PASSPHRASE, &t("cli-prompt-passphrase"), false))
    }

    /// The passphrase of a new vault: asked twice on a terminal.
    pub fn read_new(&self) -> Result<SecretString, CliError> {
        self.from_option().unwrap_or_else(|| from_env_or_terminal(ENV_PASSPHRASE, &t("cli-prompt-new-passphrase"), true))
    }

    fn from_option(&self) -> Option<Result<SecretString, CliError>> {
        match (self.fd, &self.file) {
            (Some(fd), _) => Some(read_secret_file(Path::new(&format!("/dev/fd/{fd}")))),
            (None, Some(path)) => Some(read_secret_file(path)),
            (None, None) => None,
        }
    }
}

/// The new passphrase `passwd` sets.
pub fn new_passphrase(file: Option<&Path>) -> Result<SecretString, CliError> {
    match file {
        Some(p) => read_secret_file(p),
        None => from_env_or_terminal(ENV_NEW_PASSPHRASE, &t("cli-prompt-new-passphrase"), true),
    }
}

/// A bundle's passphrase; `confirm` (asked twice) when it seals a new one.
pub fn bundle_passphrase(file: Option<&Path>, confirm: bool) -> Result<SecretString, CliError> {
    match file {
        Some(p) => read_secret_file(p),
        None => from_env_or_terminal(ENV_BUNDLE_PASSPHRASE, &t("cli-prompt-bundle-passphrase"), confirm),
    }
}

/// What opens `bundle`: `unlock` with the identity files added and, when
/// the bundle is sealed with a passphrase, that passphrase.
pub fn bundle_unlock(
    mut unlock: Unlock,
    bundle: &Path,
    identities: &[PathBuf],
    passphrase_file: Option<&Path>,
) -> Result<Unlock, CliError> {
    for f in identities {
        unlock.add_identity_file(f)?;
    }
    if needs_passphrase(bundle)? {
        unlock.passphrase = Some(bundle_passphrase(passphrase_file, false)?);
    }
    Ok(unlock)
}

/// Whether `bundle` is sealed with a passphrase rather than to keys.
pub fn needs_passphrase(bundle: &Path) -> Result<bool, CliError> {
    let f = std::fs::File::open(bundle)
        .map_err(|e| CliError::Bundle(BundleError::Read { path: bundle.to_path_buf(), detail: e.to_string() }))?;
    Ok(age::Decryptor::new(std::io::BufReader::new(f)).is_ok_and(|d| d.is_scrypt()))
}

/// The scrypt work factor asked for: `--work-factor`, else the variable.
/// Not clamped here: the vault refuses a value outside the one range that
/// unlocking accepts ([`crate::vault::check_work_factor`]) and says so.
pub fn asked_work_factor(flag: Option<u8>) -> Option<u8> {
    flag.or_else(|| std::env::var(ENV_WORK_FACTOR).ok()?.trim().parse().ok())
}

/// The work factor of a new vault passphrase: as asked, else the default.
pub fn vault_work_factor(flag: Option<u8>) -> u8 {
    asked_work_factor(flag).unwrap_or(DEFAULT_WORK_FACTOR)
}

fn read_secret_file(path: &Path) -> Result<SecretString, CliError> {
    let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|e| CliError::io(path, e))?);
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
