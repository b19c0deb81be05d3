//! One pass over `cases/` at open, on every core.
//!
//! Opening used to walk the case folder three times (modes, leftover
//! temporary files, the stamps that tell a stale index entry) and stat
//! each file twice: at 100,000 cases that was most of an unlock. Now the
//! folder is read once, and each file is stat'ed once, the stats spread
//! over threads; the one stat gives the mode to tighten and the size and
//! time that say whether the index entry is fresh.
//!
//! The window's unlock reads only the names (see [`super::CaseCheck`]):
//! the stats of 100,000 files were half of an unlock, and they are done
//! just after, off the window's thread ([`super::Vault::scan_case_files`],
//! then [`super::Vault::apply_case_scan`]).

use super::error::{Result, VaultError};
use super::{atomic, file_stamp, modes, worker_threads, FileStamp};
use std::collections::HashMap;
use std::fs::{self, DirEntry};
use std::io;
use std::path::Path;
use uuid::Uuid;

/// What the scan of the case folder found and did.
#[derive(Debug, Default)]
pub struct CaseScan {
    /// Each case file's stamp, by case id (`None`: names only, not stat'ed).
    pub(crate) stamps: HashMap<Uuid, Option<FileStamp>>,
    /// Files whose mode was loose and is now 0600.
    pub(crate) modes_tightened: usize,
    /// Temporary files of an interrupted save, removed.
    pub(crate) leftovers_removed: usize,
}

/// What a scan does besides listing the case files.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ScanMode {
    /// Stat each file: its stamp, and its mode tightened.
    pub stat: bool,
    /// Change files (tighten modes, remove leftovers): not in a read-only vault.
    pub writable: bool,
    /// Remove temporary files of interrupted saves: only while nothing else
    /// can be saving (at open), never from a scan running beside the window.
    pub remove_leftovers: bool,
}

/// What one entry of the folder is.
enum Found {
    Case(Uuid, Option<FileStamp>),
    Other,
    Leftover,
}

/// Scan `dir` (the case folder) as `mode` says.
pub(crate) fn scan_cases(dir: &Path, mode: ScanMode) -> Result<CaseScan> {
    let entries: Vec<DirEntry> = match fs::read_dir(dir) {
        Ok(e) => e.flatten().collect(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(CaseScan::default()),
        Err(e) => return Err(VaultError::io(dir, e)),
    };
    let threads = worker_threads();
    let chunk = entries.len().div_ceil(threads).max(1);
    let parts: Vec<Result<CaseScan>> = std::thread::scope(|s| {
        let handles: Vec<_> = entries.chunks(chunk).map(|part| s.spawn(move || scan_part(part, mode))).collect();
        handles.into_iter().map(|h| h.join().expect("scanning does not panic")).collect()
    });
    let mut scan = CaseScan { stamps: HashMap::with_capacity(entries.len()), ..CaseScan::default() };
    for part in parts {
        let part = part?;
        scan.stamps.extend(part.stamps);
        scan.modes_tightened += part.modes_tightened;
        scan.leftovers_removed += part.leftovers_removed;
    }
    Ok(scan)
}

fn scan_part(entries: &[DirEntry], mode: ScanMode) -> Result<CaseScan> {
    let mut scan = CaseScan::default();
    for entry in entries {
        match scan_entry(entry, mode, &mut scan.modes_tightened)? {
            Found::Case(id, stamp) => {
                scan.stamps.insert(id, stamp);
            }
            Found::Leftover => scan.leftovers_removed += 1,
            Found::Other => {}
        }
    }
    Ok(scan)
}

fn scan_entry(entry: &DirEntry, mode: ScanMode, tightened: &mut usize) -> Result<Found> {
    let name = entry.file_name();
    let name = name.to_str();
    let leftover = name.is_some_and(|n| n.starts_with('.') && n.contains(atomic::TEMP_MARKER));
    if leftover && mode.writable && mode.remove_leftovers && fs::remove_file(entry.path()).is_ok() {
        return Ok(Found::Leftover);
    }
    let id = name.and_then(|n| n.strip_suffix(".age")).and_then(|stem| Uuid::parse_str(stem).ok());
    let stamp = if mode.stat {
        // Not following links, as tightening never did. A file gone since
        // the folder was read (a save beside the window's check renames its
        // temporary file) is no error; a case file gone is then missing.
        let meta = match entry.metadata() {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Found::Other),
            Err(e) => return Err(VaultError::io(&entry.path(), e)),
        };
        if mode.writable && meta.is_file() && modes::tighten_file(&entry.path(), &meta) {
            *tightened += 1;
        }
        Some(file_stamp(&meta))
    } else {
        None
    };
    Ok(match id {
        Some(id) if !leftover => Found::Case(id, stamp),
        _ => Found::Other,
    })
}
