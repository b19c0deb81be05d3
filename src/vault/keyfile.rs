//! The vault key on disk, in two copies kept in step.
//!
//! `key.age` and `key-copy.age` hold the same bytes (the vault identity
//! wrapped with the passphrase): one bad sector no longer locks every
//! testimony away. Both are written at every change, the copy first; at
//! open the first one that unwraps is used and the other is rewritten from
//! it when they differ, so a change cut short by a crash ends with both the
//! same at the next open. Damage to the main file is reported.
//!
//! [`key_files`] lists every file that holds key material the laptop can
//! open (rotation, erase and the copies work from it): adding a key file
//! to the vault is one line there.

use super::atomic;
use super::crypto::VaultKey;
use super::error::{Result, VaultError};
use super::KEY_FILE;
use age::secrecy::SecretString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The second copy of `key.age`.
pub const KEY_COPY_FILE: &str = "key-copy.age";
/// A key rotation under way: the old and the new vault key, encrypted to
/// both (see `rotate`).
pub const ROTATION_FILE: &str = "rotation.age";
/// The vault key wrapped to the organisation's recovery recipients. Not in
/// [`key_files`]: the laptop cannot open it, and it must survive an erase
/// so the organisation can still recover a copy of the folder.
pub const RECOVERY_FILE: &str = "recovery.age";

/// Every file in `dir` that holds key material openable on this machine:
/// the passphrase-wrapped key, its copy and a rotation journal. Erase
/// destroys them all; rotation replaces or removes them all.
pub fn key_files(dir: &Path) -> Vec<PathBuf> {
    [KEY_FILE, KEY_COPY_FILE, ROTATION_FILE].iter().map(|name| dir.join(name)).collect()
}

/// The passphrase-wrapped key files, main first.
fn wrapped_copies(dir: &Path) -> [PathBuf; 2] {
    [dir.join(KEY_FILE), dir.join(KEY_COPY_FILE)]
}

/// Whether `dir` has a wrapped key file (the main one or its copy).
pub fn has_key(dir: &Path) -> bool {
    wrapped_copies(dir).iter().any(|p| p.is_file())
}

/// Write the wrapped key to both copies, the copy first, durably and with
/// no previous generation (an old wrap would open with an old passphrase).
pub fn write_wrapped(dir: &Path, wrapped: &[u8]) -> Result<()> {
    let [main, copy] = wrapped_copies(dir);
    atomic::write_atomic(&copy, wrapped, false)?;
    atomic::write_atomic(&main, wrapped, false)?;
    for p in [main, copy] {
        let _ = fs::remove_file(atomic::previous_path(&p));
    }
    Ok(())
}

/// The wrapped key as it is on disk now (the main file, else the copy),
/// for a passphrase check.
pub fn read_wrapped(dir: &Path) -> Result<(Vec<u8>, PathBuf)> {
    let mut first_err = None;
    for path in wrapped_copies(dir) {
        match fs::read(&path) {
            Ok(bytes) => return Ok((bytes, path)),
            Err(e) => {
                first_err.get_or_insert(VaultError::io(&path, e));
            }
        }
    }
    Err(first_err.expect("two paths were tried"))
}

/// Unwrap the vault key with `passphrase` from the first copy that opens.
/// Returns it with what the open report should say: the main file damaged
/// or out of step and rewritten from the copy. When neither opens, the
/// main file's error (a wrong passphrase when either says so).
pub fn unwrap(dir: &Path, passphrase: &SecretString, writable: bool) -> Result<(VaultKey, Vec<VaultError>)> {
    let [main, copy] = wrapped_copies(dir);
    let main_bytes = read_optional(&main)?;
    let copy_bytes = read_optional(&copy)?;
    let mut report = Vec::new();
    let first = match &main_bytes {
        Some(bytes) => VaultKey::unwrap(bytes, passphrase, &main),
        None => Err(VaultError::damaged(&main, "the file has vanished")),
    };
    let (key, good) = match first {
        Ok(key) => (key, main_bytes.clone().expect("it opened")),
        // Identical bytes fail identically: spare a second scrypt.
        Err(e) if copy_bytes.is_none() || copy_bytes == main_bytes => return Err(e),
        Err(main_err) => {
            let bytes = copy_bytes.clone().expect("checked above");
            match VaultKey::unwrap(&bytes, passphrase, &copy) {
                Ok(key) => {
                    // The copy is written first: no main file is a change
                    // (creation, passwd) cut short, not damage.
                    if main_bytes.is_some() {
                        report.push(VaultError::KeyCopyUsed { file: main.clone() });
                    }
                    (key, bytes)
                }
                Err(copy_err) => return Err(worse_of(main_err, copy_err)),
            }
        }
    };
    if writable {
        for (path, bytes) in [(&main, &main_bytes), (&copy, &copy_bytes)] {
            if bytes.as_deref() != Some(good.as_slice()) {
                atomic::write_atomic(path, &good, false)?;
                // A vault made before the copy existed gets one silently,
                // and so does a main file a creation cut short never wrote.
                if *path == copy && bytes.is_some() {
                    report.push(VaultError::KeyCopyRewritten { file: copy.clone() });
                }
            }
        }
    }
    Ok((key, report))
}

/// A wrong passphrase says more than damage when the two copies disagree.
fn worse_of(main: VaultError, copy: VaultError) -> VaultError {
    match (&main, &copy) {
        (VaultError::WrongPassphrase, _) | (_, VaultError::WrongPassphrase) => VaultError::WrongPassphrase,
        _ => main,
    }
}

fn read_optional(path: &Path) -> Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(VaultError::io(path, e)),
    }
}
