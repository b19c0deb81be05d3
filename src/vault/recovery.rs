//! Organisation recovery: the vault key also wrapped to the organisation.
//!
//! `recovery.age` holds the vault's key file text encrypted to one or more
//! age recipients (`age1…`) of the organisation, whose identities are kept
//! off the laptop. With one of them, [`Vault::recover`] sets a new
//! passphrase on a vault whose passphrase is forgotten, or whose key files
//! were erased: the cases never change, only the wrapped key. The list of
//! recipients is kept in the settings, so the window can show it; the file
//! is rewritten whenever the list or the vault key changes (rotation).

use super::crypto::{self, check_passphrase_length, VaultKey};
use super::error::{Result, VaultError};
use super::keyfile::{self, RECOVERY_FILE};
use super::{atomic, lock, now_text, Vault};
use age::secrecy::SecretString;
use std::path::Path;
use std::str::FromStr;
use zeroize::Zeroizing;

/// Parse recovery recipients, refusing the first that is not `age1…`.
pub fn parse_recipients(texts: &[String]) -> Result<Vec<age::x25519::Recipient>> {
    texts
        .iter()
        .map(|t| age::x25519::Recipient::from_str(t.trim()).map_err(|_| VaultError::BadRecipient { text: t.clone() }))
        .collect()
}

/// Write (or, for no recipients, remove) `recovery.age` for `key`.
pub fn write_recovery_file(dir: &Path, key: &VaultKey, recipients: &[String]) -> Result<()> {
    let path = dir.join(RECOVERY_FILE);
    let parsed = parse_recipients(recipients)?;
    if parsed.is_empty() {
        return atomic::remove_with_previous(&path);
    }
    let refs: Vec<&dyn age::Recipient> = parsed.iter().map(|r| r as &dyn age::Recipient).collect();
    let text = key.to_identity_file(&now_text());
    let ciphertext = crypto::encrypt(&refs, text.as_bytes(), "the recovery file")?;
    atomic::write_atomic(&path, &ciphertext, false)
}

/// The age identities (`AGE-SECRET-KEY-1…` lines) in an identity file.
pub fn read_identity_file(path: &Path) -> Result<Vec<age::x25519::Identity>> {
    let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|e| VaultError::io(path, e))?);
    let ids: Vec<age::x25519::Identity> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("AGE-SECRET-KEY-"))
        .filter_map(|l| age::x25519::Identity::from_str(l).ok())
        .collect();
    if ids.is_empty() {
        return Err(VaultError::NotAnIdentityFile { path: path.to_path_buf() });
    }
    Ok(ids)
}

impl Vault {
    /// Wrap the vault key also to these organisation recipients (an empty
    /// list removes the recovery file), and keep the list in the settings.
    pub fn set_recovery_recipients(&mut self, recipients: Vec<String>) -> Result<()> {
        self.ensure_writable()?;
        write_recovery_file(&self.dir, &self.key, &recipients)?;
        let mut config = self.config.clone();
        config.recovery_recipients = recipients;
        self.set_config(config)
    }

    /// Set `new` as the passphrase of the vault in `dir` with the
    /// organisation's identities, which open `recovery.age`; the old
    /// passphrase stops opening this folder. Works after an erase too.
    pub fn recover(
        dir: &Path,
        identities: &[age::x25519::Identity],
        new: &SecretString,
        work_factor: u8,
    ) -> Result<Vault> {
        check_passphrase_length(new)?;
        let path = dir.join(RECOVERY_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(VaultError::NoRecovery { dir: dir.to_path_buf() });
            }
            Err(e) => return Err(VaultError::io(&path, e)),
        };
        let ids: Vec<&dyn age::Identity> = identities.iter().map(|i| i as &dyn age::Identity).collect();
        let plaintext = decrypt_any(&ids, &bytes, &path)?;
        let mut key = VaultKey::from_key_file(&plaintext, &path)?;
        let lock = lock::VaultLock::acquire(dir)?;
        let wrapped = key.wrap(new, work_factor, &now_text())?;
        // Written over whatever is left (an old or erased key): from now on
        // only the new passphrase opens the folder's key files.
        keyfile::write_wrapped(dir, &wrapped)?;
        if let Some(rotated) = super::rotate::resume(dir, &key, new)? {
            key = rotated;
        }
        Vault::open_unlocked(dir, key, Some(lock), super::CaseCheck::Now)
    }
}

fn decrypt_any(ids: &[&dyn age::Identity], bytes: &[u8], path: &Path) -> Result<Zeroizing<Vec<u8>>> {
    let decryptor = age::Decryptor::new_buffered(bytes).map_err(|e| crypto::classify(e, path))?;
    let mut reader = decryptor.decrypt(ids.iter().copied()).map_err(|e| match e {
        age::DecryptError::NoMatchingKeys | age::DecryptError::DecryptionFailed => VaultError::NotARecoveryKey,
        other => crypto::classify(other, path),
    })?;
    let mut out = Zeroizing::new(Vec::new());
    std::io::Read::read_to_end(&mut reader, &mut out).map_err(|e| VaultError::damaged(path, e.to_string()))?;
    Ok(out)
}
