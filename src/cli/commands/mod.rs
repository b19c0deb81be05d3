//! One file a command. Each `run` takes the [`Context`] shared by every
//! command and its own arguments, prints what it did on stdout and returns
//! what went wrong for [`super::main`] to say.

pub mod add;
pub mod attach;
pub mod conflicts;
pub mod erase;
pub mod events;
pub mod export;
pub mod export_table;
pub mod forget_missing;
pub mod history;
pub mod import;
pub mod import_table;
pub mod init;
pub mod keygen;
pub mod list;
pub mod passwd;
pub mod record;
pub mod recover;
pub mod resolve;
pub mod rotate_key;
pub mod search;
pub mod show;
pub mod signer;
pub mod stats;
pub mod trust;
pub mod verify;

use super::error::{say_error, CliError};
use super::secrets::VaultPassphrase;
use crate::vault::{self, CaseCheck, Vault};
use std::io::Write;
use std::path::PathBuf;
use uuid::Uuid;

/// The global options every command shares.
pub struct Context {
    pub vault: Option<PathBuf>,
    pub passphrase: VaultPassphrase,
}

impl Context {
    /// `--vault`, else the default vault folder.
    pub fn vault_dir(&self) -> Result<PathBuf, CliError> {
        self.vault.clone().or_else(vault::default_vault_dir).ok_or(CliError::NoVaultDir)
    }

    /// The vault folder, when it holds a vault.
    pub fn existing_vault_dir(&self) -> Result<PathBuf, CliError> {
        let dir = self.vault_dir()?;
        if !vault::is_vault(&dir) {
            return Err(vault::not_a_vault(&dir).into());
        }
        Ok(dir)
    }

    /// The vault, opened with its passphrase; damaged cases are said.
    pub fn open(&self) -> Result<Vault, CliError> {
        self.open_with(&self.passphrase.read()?)
    }

    /// The vault, opened with a passphrase already read.
    pub fn open_with(&self, passphrase: &age::secrecy::SecretString) -> Result<Vault, CliError> {
        self.open_checking(passphrase, CaseCheck::Now)
    }

    /// The vault, its case files checked against the index as `check` says.
    pub fn open_checking(&self, passphrase: &age::secrecy::SecretString, check: CaseCheck) -> Result<Vault, CliError> {
        let dir = self.existing_vault_dir()?;
        let vault = Vault::open_with(&dir, passphrase, check)?;
        say_open_report(&vault);
        Ok(vault)
    }
}

/// What the open found that the user must know: damage, and loose modes
/// that were tightened.
pub fn say_open_report(vault: &Vault) {
    let report = vault.open_report();
    for damaged in &report.damaged {
        say_error(damaged);
    }
    for notice in report.notices() {
        say_error(notice);
    }
}

/// One line of a command's output. A closed stdout (`| head`) is not an
/// error worth failing for.
pub fn say(text: impl std::fmt::Display) {
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

/// A case by its code or its id.
pub fn find_case(vault: &Vault, code_or_id: &str) -> Result<Uuid, CliError> {
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
