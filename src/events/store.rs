//! The events of a vault on disk: `events.age`, one RON document (format
//! 1) holding every event, the suggestions turned down and the
//! organisation's standard, encrypted to the vault key like a case and
//! written the same way (temporary file, fsync, rename, folder fsync; the
//! generation before kept as `events.age.prev`). One file, because an
//! event and its links change together and a vault holds far fewer events
//! than cases; key rotation and erase cover it like every vault file.
//!
//! A damaged file falls back to its previous generation, and the damage is
//! reported, never passed over; a file from a newer version is refused.

use super::EventBook;
use crate::vault::error::Result;
use crate::vault::{atomic, crypto, format, Vault, VaultError};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub const EVENTS_FILE: &str = "events.age";
/// Format of `events.age`'s plaintext. Readers refuse newer ones.
pub const EVENTS_FORMAT: u32 = 1;

#[derive(Serialize, Deserialize)]
struct EventsFile {
    format: u32,
    book: EventBook,
}

#[derive(Deserialize)]
struct Probe {
    format: u32,
}

/// The book, and what went wrong reading it that the user must be told.
#[derive(Debug, Default)]
pub struct Loaded {
    pub book: EventBook,
    pub warnings: Vec<VaultError>,
}

pub fn path(vault: &Vault) -> PathBuf {
    vault.dir().join(EVENTS_FILE)
}

pub fn encode(book: &EventBook) -> Vec<u8> {
    let file = EventsFile { format: EVENTS_FORMAT, book: book.clone() };
    ron::Options::default().to_string_pretty(&file, format::written()).expect("events always serialize").into_bytes()
}

pub fn decode(bytes: &[u8], path: &Path) -> Result<EventBook> {
    let text = std::str::from_utf8(bytes).map_err(|_| VaultError::damaged(path, "the events are not text"))?;
    let probe: Probe = ron::from_str(text).map_err(|e| VaultError::damaged(path, e.to_string()))?;
    if probe.format > EVENTS_FORMAT {
        return Err(VaultError::NewerVersion { file: path.to_path_buf(), found: probe.format, supported: EVENTS_FORMAT });
    }
    let file: EventsFile = ron::from_str(text).map_err(|e| VaultError::damaged(path, e.to_string()))?;
    Ok(file.book)
}

fn read(vault: &Vault, path: &Path) -> Result<Option<EventBook>> {
    match fs::read(path) {
        Ok(bytes) => decode(&crypto::decrypt(vault.key().identity(), &bytes, path)?, path).map(Some),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(VaultError::io(path, e)),
    }
}

/// The vault's events; an empty book when it has none yet.
pub fn load(vault: &Vault) -> Result<Loaded> {
    let current = path(vault);
    let damage = match read(vault, &current) {
        Ok(Some(book)) => return Ok(Loaded { book, warnings: Vec::new() }),
        Ok(None) if !atomic::previous_path(&current).exists() => return Ok(Loaded::default()),
        Ok(None) => VaultError::damaged(&current, "the file has vanished"),
        Err(e @ VaultError::NewerVersion { .. }) => return Err(e),
        Err(e) => e,
    };
    match read(vault, &atomic::previous_path(&current)) {
        Ok(Some(book)) => Ok(Loaded { book, warnings: vec![damage] }),
        // Neither opens: refused, so that nothing is saved over them.
        _ => Err(damage),
    }
}

pub fn save(vault: &Vault, book: &EventBook) -> Result<()> {
    vault.ensure_writable()?;
    let ciphertext = crypto::encrypt(&[vault.key().recipient()], &encode(book), "the events")?;
    atomic::write_atomic(&path(vault), &ciphertext, true)
}
