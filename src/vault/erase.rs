//! Emergency erase: destroy every copy of the key material at once, so
//! nothing in the folder opens any more.
//!
//! Only the files of [`keyfile::key_files`] (with their previous
//! generations and the temporary files a crash may have left beside them)
//! are touched, whatever the number of cases: each is overwritten with
//! random bytes, fsynced and removed, then the folder is fsynced. The
//! cases stay as ciphertext no one can read. `recovery.age` is kept: it
//! opens only with the organisation's identity, which is not on this
//! machine, and lets the organisation recover a copy of the folder.
//!
//! What this cannot promise: on SSDs (wear levelling) and copy-on-write
//! file systems (btrfs, ZFS, APFS) an overwrite goes to new blocks and the
//! old ones may survive until the device reuses them; backups and
//! snapshots are out of reach. The key file is scrypt-wrapped, so what
//! survives still needs the passphrase. See the README.

use super::atomic::{self, TEMP_MARKER};
use super::error::{Result, VaultError};
use super::keyfile;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What [`erase_keys`] destroyed.
#[derive(Debug, Default)]
pub struct Erased {
    pub files: Vec<PathBuf>,
    /// Whether `recovery.age` remains, so the organisation can recover.
    pub recoverable: bool,
}

/// Destroy every key file of the vault in `dir`. Works on a locked or
/// unlocked vault and without the passphrase: the point is speed when the
/// laptop is about to be taken. The first error stops nothing: every file
/// is tried, then the first failure is returned.
pub fn erase_keys(dir: &Path) -> Result<Erased> {
    let targets = targets(dir);
    let mut erased = Erased { files: Vec::new(), recoverable: dir.join(keyfile::RECOVERY_FILE).is_file() };
    let mut first_error = None;
    for path in targets {
        match shred(&path) {
            Ok(true) => erased.files.push(path),
            Ok(false) => {}
            Err(e) => {
                first_error.get_or_insert(VaultError::io(&path, e));
            }
        }
    }
    if let Err(e) = atomic::sync_dir(dir) {
        first_error.get_or_insert(VaultError::io(dir, e));
    }
    match first_error {
        Some(e) => Err(e),
        None => Ok(erased),
    }
}

/// The key files, their previous generations and any temporary file named
/// after one of them.
fn targets(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let names: Vec<String> = keyfile::key_files(dir)
        .iter()
        .filter_map(|p| p.file_name()?.to_str().map(str::to_owned))
        .collect();
    for path in keyfile::key_files(dir) {
        out.push(atomic::previous_path(&path));
        out.push(path);
    }
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let Some(name) = e.file_name().to_str().map(str::to_owned) else { continue };
            let temp_of_key = name.starts_with('.')
                && name.contains(TEMP_MARKER)
                && names.iter().any(|k| name[1..].starts_with(k.as_str()));
            if temp_of_key {
                out.push(e.path());
            }
        }
    }
    out
}

/// Overwrite `path` in place with random bytes, fsync, remove. False when
/// there was nothing there.
pub(crate) fn shred(path: &Path) -> io::Result<bool> {
    let len = match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => m.len(),
        Ok(_) => {
            fs::remove_file(path)?;
            return Ok(true);
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    // A file we cannot open for writing (read-only mode) is still removed.
    if let Ok(mut file) = OpenOptions::new().write(true).open(path) {
        let mut noise = vec![0u8; len as usize];
        fill_random(&mut noise);
        file.write_all(&noise)?;
        file.sync_all()?;
    }
    fs::remove_file(path)?;
    Ok(true)
}

/// Random bytes without another dependency: a fresh age identity is 32
/// bytes from the system's generator; key files are a few hundred bytes.
fn fill_random(buf: &mut [u8]) {
    use age::secrecy::ExposeSecret;
    use sha2::{Digest, Sha256};
    let seed = age::x25519::Identity::generate();
    let seed = seed.to_string();
    for (i, chunk) in buf.chunks_mut(32).enumerate() {
        let block = Sha256::new().chain_update(seed.expose_secret().as_bytes()).chain_update(i.to_le_bytes()).finalize();
        chunk.copy_from_slice(&block[..chunk.len()]);
    }
}
