//! Files going out, encrypted like bundles, and files coming in, which may
//! be.
//!
//! A table holds testimony, so it leaves encrypted unless the user asks
//! otherwise: the same recipients (or passphrase) and the same age format
//! as a bundle, so `age -d -i key.txt cases.csv.age > cases.csv` opens it
//! with the stock tool. Either way the file is written to a temporary name,
//! synced, and only then given its name, never replacing a file, so a
//! failure leaves nothing behind. The plaintext exists only in memory.

use super::error::InterchangeError;
use crate::bundle::export::{check_options, encryptor, publish};
use crate::bundle::import::open_decrypted;
use crate::bundle::{BundleError, ExportOptions, Unlock};
use crate::vault::atomic;
use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// Extension added to an encrypted file's name.
pub const AGE_EXTENSION: &str = "age";

/// Write `plaintext` to the new file `out`: encrypted as `seal` says, or as
/// it is when `seal` is `None`. Returns the bytes written.
pub fn write_new_file(out: &Path, plaintext: &[u8], seal: Option<&ExportOptions>) -> Result<u64, InterchangeError> {
    if let Some(options) = seal {
        check_options(options)?;
    }
    if out.exists() {
        return Err(InterchangeError::OutputExists { path: out.to_path_buf() });
    }
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("table");
    let temp = dir.join(format!(".{name}{}{}", atomic::TEMP_MARKER, uuid::Uuid::new_v4().simple()));
    let result = write_temp(&temp, plaintext, seal).map_err(|e| InterchangeError::write(out, e)).and_then(|bytes| {
        publish(&temp, out).map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => InterchangeError::OutputExists { path: out.to_path_buf() },
            _ => InterchangeError::write(out, e),
        })?;
        let _ = atomic::sync_dir(&dir);
        Ok(bytes)
    });
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

fn write_temp(temp: &Path, plaintext: &[u8], seal: Option<&ExportOptions>) -> io::Result<u64> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(temp)?;
    match seal {
        Some(options) => {
            let encryptor = encryptor(options).map_err(io::Error::other)?;
            let mut w = encryptor.wrap_output(&mut file)?;
            w.write_all(plaintext)?;
            w.finish()?;
        }
        None => file.write_all(plaintext)?,
    }
    file.sync_all()?;
    Ok(file.metadata()?.len())
}

/// Whether `bytes` begin an age file (binary or armoured).
pub fn is_age(bytes: &[u8]) -> bool {
    bytes.starts_with(b"age-encryption.org/") || bytes.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----")
}

/// The bytes of `path`, decrypted with `unlock` when it is an age file.
pub fn read_maybe_encrypted(path: &Path, unlock: &Unlock) -> Result<Zeroizing<Vec<u8>>, InterchangeError> {
    let bytes = Zeroizing::new(fs::read(path).map_err(|e| InterchangeError::read(path, e))?);
    if !is_age(&bytes) {
        return Ok(bytes);
    }
    let mut reader = open_decrypted(path, unlock)?;
    let mut plain = Zeroizing::new(Vec::new());
    // A changed byte in the payload shows only here, as InvalidData.
    reader.read_to_end(&mut plain).map_err(|e| BundleError::damaged(path, e.to_string()))?;
    Ok(plain)
}
