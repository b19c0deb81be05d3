//! One pass over `cases/` at open, on every core.
//!
//! Opening used to walk the case folder three times (modes, leftover
//! temporary files, the stamps that tell a stale index entry) and stat
//! each file twice: at 100,000 cases that was most of an unlock. Now the
//! folder is read once, and each file is stat'ed once, the stats spread
//! over threads; the one stat gives the mode to tighten and the size and
//! time that say whether the index entry is fresh.

use super::error::{Result, VaultError};
use super::{atomic, file_stamp, modes, worker_threads, FileStamp};
use std::collections::HashMap;
use std::fs::{self, DirEntry};
use std::io;
use std::path::Path;
use uuid::Uuid;

/// What the scan of the case folder found and did.
#[derive(Debug, Default)]
pub(crate) struct CaseScan {
    /// Each case file's stamp, by case id.
    pub stamps: HashMap<Uuid, FileStamp>,
    /// Files whose mode was loose and is now 0600.
    pub modes_tightened: usize,
    /// Temporary files of an interrupted save, removed.
    pub leftovers_removed: usize,
}

/// What one entry of the folder is.
enum Found {
    Case(Uuid, FileStamp),
    Other,
    Leftover,
}

/// Scan `dir` (the case folder). `writable`: tighten modes and remove
/// leftovers (a read-only vault is only read).
pub(crate) fn scan_cases(dir: &Path, writable: bool) -> Result<CaseScan> {
    let entries: Vec<DirEntry> = match fs::read_dir(dir) {
        Ok(e) => e.flatten().collect(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(CaseScan::default()),
        Err(e) => return Err(VaultError::io(dir, e)),
    };
    let threads = worker_threads();
    let chunk = entries.len().div_ceil(threads).max(1);
    let parts: Vec<Result<CaseScan>> = std::thread::scope(|s| {
        let handles: Vec<_> = entries.chunks(chunk).map(|part| s.spawn(move || scan_part(part, writable))).collect();
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

fn scan_part(entries: &[DirEntry], writable: bool) -> Result<CaseScan> {
    let mut scan = CaseScan::default();
    for entry in entries {
        match scan_entry(entry, writable, &mut scan.modes_tightened)? {
            Found::Case(id, stamp) => {
                scan.stamps.insert(id, stamp);
            }
            Found::Leftover => scan.leftovers_removed += 1,
            Found::Other => {}
        }
    }
    Ok(scan)
}

fn scan_entry(entry: &DirEntry, writable: bool, tightened: &mut usize) -> Result<Found> {
    let name = entry.file_name();
    let name = name.to_str();
    let leftover = name.is_some_and(|n| n.starts_with('.') && n.contains(atomic::TEMP_MARKER));
    if leftover && writable && fs::remove_file(entry.path()).is_ok() {
        return Ok(Found::Leftover);
    }
    // Not following links, as tightening never did.
    let meta = entry.metadata().map_err(|e| VaultError::io(&entry.path(), e))?;
    if writable && meta.is_file() && modes::tighten_file(&entry.path(), &meta) {
        *tightened += 1;
    }
    let id = name.and_then(|n| n.strip_suffix(".age")).and_then(|stem| Uuid::parse_str(stem).ok());
    Ok(match id {
        Some(id) if !leftover => Found::Case(id, file_stamp(&meta)),
        _ => Found::Other,
    })
}
