//! Key rotation: a new vault key, every file encrypted again under it, then
//! the old key's copies destroyed.
//!
//! `passwd` only re-wraps the same key, so an old passphrase with an old
//! copy of `key.age` still opens every file; rotation is the remedy.
//! Crash-safe and resumable: first `rotation.age` is written, holding the
//! old and the new identity and encrypted to both, so whichever key the
//! key files hold after a crash opens it. Each file is then rewritten
//! (temporary file, fsync, rename), unless it already opens with the new
//! key; then the folders are synced, the key files and `recovery.age` are
//! replaced, and the journal is destroyed like an erased key. At the next
//! open a journal left by a crash is found before anything else is read,
//! and the rotation is completed ([`resume`]).

use super::atomic::{self, TEMP_MARKER};
use super::crypto::{self, VaultKey, DEFAULT_WORK_FACTOR};
use super::error::{Result, VaultError};
use super::keyfile::{self, KEY_COPY_FILE, RECOVERY_FILE, ROTATION_FILE};
use super::{erase, format, lock, modes, now_text, recovery, Vault, CONFIG_FILE, KEY_FILE};
use age::secrecy::{ExposeSecret, SecretString};
use std::fs;
use std::io::{self, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use zeroize::Zeroizing;

impl Vault {
    /// Rotate the vault key (the passphrase stays). Returns how many files
    /// were encrypted again.
    pub fn rotate_key(&mut self, passphrase: &SecretString) -> Result<usize> {
        self.ensure_writable()?;
        let (bytes, path) = keyfile::read_wrapped(&self.dir)?;
        if VaultKey::unwrap(&bytes, passphrase, &path)?.vault_id != self.key.vault_id {
            return Err(VaultError::damaged(&path, "key file belongs to another vault"));
        }
        let mut new = VaultKey::generate();
        new.vault_id = self.key.vault_id;
        write_journal(&self.dir, &self.key, &new)?;
        let count = complete(&self.dir, &self.key, &new, passphrase)?;
        self.key = Box::new(new);
        crate::harden::lock_in_memory(&*self.key);
        Ok(count)
    }
}

/// When a rotation was cut short in `dir`, complete it with `key` (the one
/// the key files gave) and return the new key; else `None`. Needs the
/// passphrase to wrap the new key. Called at open, before anything else is
/// read, and only with the lock held.
pub fn resume(dir: &Path, key: &VaultKey, passphrase: &SecretString) -> Result<Option<VaultKey>> {
    shred_journal_leftovers(dir);
    let path = dir.join(ROTATION_FILE);
    let bytes = match fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(VaultError::io(&path, e)),
    };
    let text = crypto::decrypt(&key.identity, &bytes, &path)?;
    let (old, new) = parse_journal(&text, key, &path)?;
    complete(dir, &old, &new, passphrase)?;
    Ok(Some(new))
}

/// The journal's text: both identities, one a line.
fn write_journal(dir: &Path, old: &VaultKey, new: &VaultKey) -> Result<()> {
    let text = Zeroizing::new(format!(
        "# testimony-vault key rotation, format 1\nold: {}\nnew: {}\n",
        old.identity.to_string().expose_secret(),
        new.identity.to_string().expose_secret()
    ));
    let ciphertext = crypto::encrypt(&[&old.recipient, &new.recipient], text.as_bytes(), "the key rotation journal")?;
    atomic::write_atomic(&dir.join(ROTATION_FILE), &ciphertext, false)
}

fn parse_journal(text: &[u8], key: &VaultKey, path: &Path) -> Result<(VaultKey, VaultKey)> {
    let text = std::str::from_utf8(text).map_err(|_| VaultError::damaged(path, "journal is not text"))?;
    let find = |prefix: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(prefix))
            .and_then(|s| age::x25519::Identity::from_str(s.trim()).ok())
            .map(|identity| VaultKey { recipient: identity.to_public(), identity, vault_id: key.vault_id })
            .ok_or_else(|| VaultError::damaged(path, "journal without both keys"))
    };
    Ok((find("old: ")?, find("new: ")?))
}

/// Encrypt every file still under `old` to `new`, then put the new key in
/// place and destroy the journal. Idempotent: run again after a crash.
fn complete(dir: &Path, old: &VaultKey, new: &VaultKey, passphrase: &SecretString) -> Result<usize> {
    let mut count = 0;
    let mut folders = vec![dir.to_path_buf()];
    for path in encrypted_files(dir, &mut folders) {
        if reencrypt(&path, old, new)? {
            count += 1;
        }
    }
    // The renames are durable before the key that needs them is stored.
    for folder in &folders {
        atomic::sync_dir(folder).map_err(|e| VaultError::io(folder, e))?;
    }
    let (bytes, _) = keyfile::read_wrapped(dir)?;
    let wrapped = new.wrap(passphrase, work_factor_of(&bytes).unwrap_or(DEFAULT_WORK_FACTOR), &now_text())?;
    keyfile::write_wrapped(dir, &wrapped)?;
    recovery::write_recovery_file(dir, new, &recovery_recipients(dir, new))?;
    retire_journal(dir)?;
    Ok(count)
}

/// Take the journal out of the way in one step (a rename: the rotation is
/// then over), then overwrite and remove it. A crash in between leaves a
/// temporary file that [`shred_journal_leftovers`] destroys at the next open.
fn retire_journal(dir: &Path) -> Result<()> {
    let path = dir.join(ROTATION_FILE);
    let temp = dir.join(format!(".{ROTATION_FILE}{TEMP_MARKER}{}", uuid::Uuid::new_v4().simple()));
    fs::rename(&path, &temp).map_err(|e| VaultError::io(&path, e))?;
    atomic::sync_dir(dir).map_err(|e| VaultError::io(dir, e))?;
    erase::shred(&temp).map_err(|e| VaultError::io(&path, e))?;
    Ok(())
}

/// Temporary copies of a journal (being written or being retired when a
/// crash came) hold both keys: destroyed like erased keys, not just removed.
fn shred_journal_leftovers(dir: &Path) {
    let prefix = format!(".{ROTATION_FILE}{TEMP_MARKER}");
    for e in fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.file_name().to_str().is_some_and(|n| n.starts_with(&prefix)) {
            let _ = erase::shred(&e.path());
        }
    }
}

/// The settings' recovery recipients (the settings are under `key` by now).
fn recovery_recipients(dir: &Path, key: &VaultKey) -> Vec<String> {
    let path = dir.join(CONFIG_FILE);
    fs::read(&path)
        .ok()
        .and_then(|b| crypto::decrypt(&key.identity, &b, &path).ok())
        .and_then(|p| format::decode_config(&p, &path).ok())
        .map(|c| c.recovery_recipients)
        .unwrap_or_default()
}

/// Every file of the vault encrypted to the vault key: all but the key
/// files, the recovery file, the lock and temporary files. Sub-folders
/// are added to `folders`.
fn encrypted_files(dir: &Path, folders: &mut Vec<PathBuf>) -> Vec<PathBuf> {
    let skip = [KEY_FILE, KEY_COPY_FILE, ROTATION_FILE, RECOVERY_FILE, lock::LOCK_FILE];
    let wanted = |name: &str| {
        let base = name.strip_suffix(atomic::PREVIOUS_SUFFIX).unwrap_or(name);
        !skip.contains(&base) && !(name.starts_with('.') && name.contains(TEMP_MARKER))
    };
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else { return out };
    for e in entries.flatten() {
        let Ok(kind) = e.file_type() else { continue };
        let Some(name) = e.file_name().to_str().map(str::to_owned) else { continue };
        if kind.is_dir() {
            folders.push(e.path());
            let inner = fs::read_dir(e.path()).into_iter().flatten().flatten();
            out.extend(inner.filter(|f| f.file_type().is_ok_and(|t| t.is_file())).filter_map(|f| {
                let n = f.file_name().to_str()?.to_owned();
                wanted(&n).then(|| f.path())
            }));
        } else if kind.is_file() && wanted(&name) {
            out.push(e.path());
        }
    }
    out
}

/// Rewrite `path` under `new` when it opens with `old`; true if it did. A
/// file that opens with neither (damage) is left for the open report.
fn reencrypt(path: &Path, old: &VaultKey, new: &VaultKey) -> Result<bool> {
    let opens_with = |id: &age::x25519::Identity| -> Result<bool> {
        let file = fs::File::open(path).map_err(|e| VaultError::io(path, e))?;
        Ok(age::Decryptor::new_buffered(BufReader::new(file))
            .is_ok_and(|d| d.decrypt(std::iter::once(id as &dyn age::Identity)).is_ok()))
    };
    if opens_with(&new.identity)? || !opens_with(&old.identity)? {
        return Ok(false);
    }
    let file = fs::File::open(path).map_err(|e| VaultError::io(path, e))?;
    let decryptor = age::Decryptor::new_buffered(BufReader::new(file)).map_err(|e| crypto::classify(e, path))?;
    let mut reader = decryptor
        .decrypt(std::iter::once(&old.identity as &dyn age::Identity))
        .map_err(|e| crypto::classify(e, path))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temp = dir.join(format!(".{name}{TEMP_MARKER}{}", uuid::Uuid::new_v4().simple()));
    let written = (|| -> io::Result<()> {
        let out = modes::private_file().write(true).create_new(true).open(&temp)?;
        let encryptor = age::Encryptor::with_recipients(std::iter::once(&new.recipient as &dyn age::Recipient))
            .map_err(io::Error::other)?;
        let mut writer = encryptor.wrap_output(BufWriter::new(out))?;
        io::copy(&mut reader, &mut writer)?;
        let mut out = writer.finish()?;
        out.flush()?;
        out.get_ref().sync_all()?;
        fs::rename(&temp, path)
    })();
    match written {
        Ok(()) => Ok(true),
        Err(e) => {
            let _ = fs::remove_file(&temp);
            // Damage found while reading is the open report's to name.
            if e.kind() == io::ErrorKind::InvalidData {
                return Ok(false);
            }
            Err(VaultError::io(path, e))
        }
    }
}

/// The scrypt work factor in a passphrase-wrapped age file's header
/// (`-> scrypt <salt> <log N>`), so rotation keeps the cost chosen.
fn work_factor_of(wrapped: &[u8]) -> Option<u8> {
    let header = String::from_utf8_lossy(&wrapped[..wrapped.len().min(512)]);
    header.lines().find_map(|l| l.strip_prefix("-> scrypt ")?.split(' ').nth(1)?.trim().parse().ok())
}
