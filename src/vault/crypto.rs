//! age encryption as the vault uses it: records to the vault's X25519
//! recipient, the vault key itself under the passphrase (scrypt).

use super::error::{Result, VaultError};
use age::secrecy::{ExposeSecret, SecretString};
use std::io::{Read, Write};
use std::path::Path;
use std::str::FromStr;
use uuid::Uuid;
use zeroize::Zeroizing;

/// Format of the key file's plaintext (an age identity file with comments).
pub const KEY_FORMAT: u32 = 1;

/// scrypt work factor (log2 N) for new vaults: about a second on a laptop.
pub const DEFAULT_WORK_FACTOR: u8 = 18;
/// Largest work factor we agree to pay when unlocking, so a debug build and a
/// release build open the same vault, and a hostile file cannot stall us.
/// Also the largest accepted when a passphrase is set (vault or bundle): a
/// factor above it would make the key file one no unlock accepts.
pub const MAX_WORK_FACTOR: u8 = 22;
/// Smallest work factor accepted for a new passphrase (tests use it; below
/// it a guess costs next to nothing).
pub const MIN_WORK_FACTOR: u8 = 10;

/// `asked` within the one range every passphrase uses (create, passwd,
/// bundles, unlock), or the error saying the range.
pub fn check_work_factor(asked: u8) -> Result<u8> {
    if (MIN_WORK_FACTOR..=MAX_WORK_FACTOR).contains(&asked) {
        Ok(asked)
    } else {
        Err(VaultError::WorkFactorOutOfRange { asked, min: MIN_WORK_FACTOR, max: MAX_WORK_FACTOR })
    }
}

/// Refuse a passphrase shorter than [`MIN_PASSPHRASE_CHARS`] (vault and
/// bundle passphrases alike).
pub fn check_passphrase_length(passphrase: &SecretString) -> Result<()> {
    if passphrase.expose_secret().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(VaultError::WeakPassphrase { min: MIN_PASSPHRASE_CHARS });
    }
    Ok(())
}

/// Shortest passphrase accepted for a new vault.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// The unlocked vault key. The age identity zeroizes its secret on drop.
#[derive(Clone)]
pub struct VaultKey {
    pub(crate) identity: age::x25519::Identity,
    pub(crate) recipient: age::x25519::Recipient,
    pub(crate) vault_id: Uuid,
}

impl VaultKey {
    pub fn generate() -> VaultKey {
        let identity = age::x25519::Identity::generate();
        let recipient = identity.to_public();
        VaultKey { identity, recipient, vault_id: Uuid::new_v4() }
    }

    pub fn vault_id(&self) -> Uuid {
        self.vault_id
    }

    pub fn recipient(&self) -> &age::x25519::Recipient {
        &self.recipient
    }

    pub fn identity(&self) -> &age::x25519::Identity {
        &self.identity
    }

    /// The key file's plaintext: a standard age identity file, so the `age`
    /// tool can decrypt vault files with `age -d -i key.age` in an emergency.
    pub(crate) fn to_identity_file(&self, created: &str) -> Zeroizing<String> {
        Zeroizing::new(format!(
            "# testimony-vault key file, format {KEY_FORMAT}\n# vault-id: {}\n# created: {created}\n# public key: {}\n{}\n",
            self.vault_id,
            self.recipient,
            self.identity.to_string().expose_secret()
        ))
    }

    pub(crate) fn from_identity_file(text: &str, file: &Path) -> Result<VaultKey> {
        let mut format = None;
        let mut vault_id = None;
        let mut identity = None;
        for line in text.lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_prefix("# testimony-vault key file, format ") {
                format = rest.trim().parse::<u32>().ok();
            } else if let Some(rest) = line.strip_prefix("# vault-id: ") {
                vault_id = Uuid::from_str(rest.trim()).ok();
            } else if line.starts_with("AGE-SECRET-KEY-") {
                identity = age::x25519::Identity::from_str(line).ok();
            }
        }
        let format = format.ok_or_else(|| VaultError::damaged(file, "no format line"))?;
        if format > KEY_FORMAT {
            return Err(VaultError::NewerVersion { file: file.to_path_buf(), found: format, supported: KEY_FORMAT });
        }
        let identity = identity.ok_or_else(|| VaultError::damaged(file, "no key inside"))?;
        let vault_id = vault_id.ok_or_else(|| VaultError::damaged(file, "no vault id"))?;
        let recipient = identity.to_public();
        Ok(VaultKey { identity, recipient, vault_id })
    }

    /// Encrypt the key under a passphrase (what `age -p` does).
    pub fn wrap(&self, passphrase: &SecretString, work_factor: u8, created: &str) -> Result<Vec<u8>> {
        let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
        recipient.set_work_factor(check_work_factor(work_factor)?);
        let plaintext = self.to_identity_file(created);
        encrypt(&[&recipient as &dyn age::Recipient], plaintext.as_bytes(), "the vault key")
    }

    pub fn unwrap(ciphertext: &[u8], passphrase: &SecretString, file: &Path) -> Result<VaultKey> {
        let mut identity = age::scrypt::Identity::new(passphrase.clone());
        identity.set_max_work_factor(MAX_WORK_FACTOR);
        let plaintext = decrypt(&identity, ciphertext, file).map_err(|e| match e {
            VaultError::Damaged { ref detail, .. } if detail == NO_MATCHING_KEY => VaultError::WrongPassphrase,
            other => other,
        })?;
        VaultKey::from_key_file(&plaintext, file)
    }

    /// Parse the decrypted key file. Public for the fuzz targets: a key file
    /// is input like any other and must give errors, never a panic.
    pub fn from_key_file(plaintext: &[u8], file: &Path) -> Result<VaultKey> {
        let text = std::str::from_utf8(plaintext).map_err(|_| VaultError::damaged(file, "key is not text"))?;
        VaultKey::from_identity_file(text, file)
    }

    /// The key file's plaintext, for the round-trip tests.
    pub fn key_file_text(&self, created: &str) -> Zeroizing<String> {
        self.to_identity_file(created)
    }
}

const NO_MATCHING_KEY: &str = "not encrypted for this key";

/// A passphrase typed into a `String` (a text field, a terminal prompt) as a
/// [`SecretString`], leaving no copy behind. `SecretString::from(String)`
/// first shrinks the string to fit, which hands the old block back to the
/// allocator unwiped when it had spare room; copy, then wipe the original.
pub fn secret_from(mut typed: String) -> SecretString {
    let secret = SecretString::from(typed.as_str());
    zeroize::Zeroize::zeroize(&mut typed);
    secret
}

/// Encrypt `plaintext` to every recipient. Never writes anything itself.
pub fn encrypt(recipients: &[&dyn age::Recipient], plaintext: &[u8], what: &str) -> Result<Vec<u8>> {
    let fail = |e: &dyn std::fmt::Display| VaultError::Encrypt { what: what.to_string(), detail: e.to_string() };
    let encryptor = age::Encryptor::with_recipients(recipients.iter().copied()).map_err(|e| fail(&e))?;
    let mut out = Vec::with_capacity(plaintext.len() + 256);
    let mut writer = encryptor.wrap_output(&mut out).map_err(|e| fail(&e))?;
    writer.write_all(plaintext).map_err(|e| fail(&e))?;
    writer.finish().map_err(|e| fail(&e))?;
    Ok(out)
}

/// Decrypt and authenticate the whole of `ciphertext`. Any damage, anywhere
/// in the file, is an error naming `file`.
pub fn decrypt(identity: &dyn age::Identity, ciphertext: &[u8], file: &Path) -> Result<Zeroizing<Vec<u8>>> {
    let decryptor = age::Decryptor::new_buffered(ciphertext).map_err(|e| classify(e, file))?;
    let mut reader = decryptor.decrypt(std::iter::once(identity)).map_err(|e| classify(e, file))?;
    let mut plaintext = Zeroizing::new(Vec::with_capacity(ciphertext.len()));
    // age authenticates each chunk as it is read: a flipped payload byte shows
    // up here, not in `decrypt`, so read to the very end.
    reader
        .read_to_end(&mut plaintext)
        .map_err(|e| VaultError::damaged(file, format!("authentication failed while reading: {e}")))?;
    Ok(plaintext)
}

pub(crate) fn classify(err: age::DecryptError, file: &Path) -> VaultError {
    match err {
        age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => {
            VaultError::damaged(file, NO_MATCHING_KEY)
        }
        age::DecryptError::ExcessiveWork { required, target } => VaultError::damaged(
            file,
            format!("key derivation cost {required} is above the limit {target}"),
        ),
        other => VaultError::damaged(file, other.to_string()),
    }
}
