//! Each index entry against its case file, after the window's unlock.
//!
//! An open trusts an index entry while its file's size and modification
//! time are those indexed; a file changed behind the program's back is
//! read again. At 100,000 cases the stat of every file was half of an
//! unlock, so the window opens on the names alone ([`CaseCheck::Later`]: a
//! vanished or a new file is still dealt with at once) and checks the
//! stamps just after, on its search thread, before the full text is ready:
//! [`Vault::scan_case_files`] without the vault, then
//! [`Vault::apply_case_scan`]. The command line checks at open.

use super::error::Result;
use super::scan::{self, CaseScan, ScanMode};
use super::{file_stamp, number_after, FileStamp, Vault, CASES_DIR};
use crate::model::CaseSummary;
use std::collections::HashMap;
use std::fs;
use std::path::Path;
use uuid::Uuid;

/// How an open checks that each index entry describes its case file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseCheck {
    /// Every file's size and time, before the open returns.
    Now,
    /// The names now; sizes and times by [`Vault::apply_case_scan`].
    Later,
}

/// What [`Vault::apply_case_scan`] changed, for the case list.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Cases indexed again from their changed files.
    pub changed: Vec<CaseSummary>,
    /// Cases that left the index (damaged, or vanished).
    pub removed: Vec<Uuid>,
    /// What the user must be told (damage, vanished cases, loose file
    /// modes tightened), in the current language.
    pub said: Vec<String>,
    /// Cases newly missing (their file vanished, nothing to put back).
    pub missing: usize,
}

impl Vault {
    /// The stamp of every case file in the vault at `dir` (a stat of each,
    /// on every core), loose modes tightened when `writable`. Needs no
    /// vault, so it runs without holding one; it never removes a file.
    pub fn scan_case_files(dir: &Path, writable: bool) -> Result<CaseScan> {
        scan::scan_cases(&dir.join(CASES_DIR), ScanMode { stat: true, writable, remove_leftovers: false })
    }

    /// Bring the index up to date with `scan`, as an open with
    /// [`CaseCheck::Now`] would have. A file that disagrees with its entry
    /// is stat'ed again first: one saved since the scan is left alone.
    pub fn apply_case_scan(&mut self, scan: CaseScan) -> CheckReport {
        self.report.modes_tightened += scan.modes_tightened;
        let (damaged_before, missing_before) = (self.report.damaged.len(), self.missing.len());
        let mut entries = std::mem::take(&mut self.entries);
        let indexed = |e: &super::IndexEntry| (e.file_len, e.file_mtime_ns);
        let suspects: Vec<Uuid> = entries
            .iter()
            .filter(|(id, e)| scan.stamps.get(*id).copied().flatten() != Some(indexed(e)))
            .map(|(id, _)| *id)
            .collect();
        let (mut now, mut gone): (HashMap<Uuid, FileStamp>, Vec<Uuid>) = (HashMap::new(), Vec::new());
        for id in &suspects {
            match fs::symlink_metadata(self.case_path(*id)) {
                Ok(meta) if Some(file_stamp(&meta)) == entries.get(id).map(indexed) => {}
                Ok(meta) => drop(now.insert(*id, file_stamp(&meta))),
                Err(_) => gone.push(*id),
            }
        }
        self.account_for(gone, &mut entries, &mut now);
        let rebuilt = self.refresh_stale_entries(&mut entries, &now);
        let changed = suspects.iter().filter(|id| now.contains_key(id)).filter_map(|id| entries.get(id)).map(|e| e.summary.clone());
        let changed: Vec<CaseSummary> = changed.collect();
        let removed = suspects.iter().filter(|id| !entries.contains_key(id)).copied().collect();
        for e in &changed {
            self.next_number = self.next_number.max(number_after(&e.code));
        }
        self.entries = entries;
        self.report.index_rebuilt |= rebuilt;
        if !self.dirty_shards.is_empty() && self.lock.is_some() {
            // A cache, as at open: the next open rebuilds what is not written.
            let _ = self.write_index();
        }
        let mut said: Vec<String> = self.report.damaged[damaged_before..].iter().map(ToString::to_string).collect();
        if scan.modes_tightened > 0 {
            said.push(crate::i18n::t_args("notice-modes-tightened", &[("count", &scan.modes_tightened.to_string())]));
        }
        CheckReport { changed, removed, said, missing: self.missing.len() - missing_before }
    }
}
