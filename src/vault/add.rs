//! Many new cases at once (`add`, `import-table`).
//!
//! Each case gets a fresh id, the next case code and its first revision
//! from the same code a single save uses ([`Vault::save_case`]), so what a
//! revision records (and anything a later version adds to it, such as a
//! signature) is the same whichever way a case was made. The files go in
//! through the batch path an import uses: all or nothing, one sync for the
//! lot instead of one per case.

use super::error::Result;
use super::Vault;
use crate::model::Case;

impl Vault {
    /// Store `cases` as new cases and return them as stored. Whatever id,
    /// code, timestamps or history they carry is replaced; attachments are
    /// not copied (their bytes are not in this vault). `what` names the
    /// source for the warning a crash in the middle leaves (see
    /// [`Vault::write_cases_all_or_nothing`]). On an error nothing is added
    /// and the case numbers taken are given back.
    pub fn add_cases(&mut self, cases: Vec<Case>, editor: &str, what: &str) -> Result<Vec<Case>> {
        self.ensure_writable()?;
        let next_before = self.next_number;
        let mut stored = Vec::with_capacity(cases.len());
        for mut case in cases {
            let mut fresh = self.new_case();
            case.id = fresh.id;
            case.code = std::mem::take(&mut fresh.code);
            case.created = fresh.created;
            case.attachments.clear();
            stored.push(case);
        }
        // Hashing each case for its revision is most of the work before
        // the files: on every core.
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 8);
        let chunk = stored.len().div_ceil(threads).max(1);
        let this = &*self;
        std::thread::scope(|s| {
            for part in stored.chunks_mut(chunk) {
                s.spawn(move || {
                    for case in part {
                        this.append_revision(case, Vec::new(), vec!["created".to_string()], None, editor);
                    }
                });
            }
        });
        if let Err(e) = self.write_cases_all_or_nothing(&stored, what) {
            self.next_number = next_before;
            return Err(e);
        }
        Ok(stored)
    }
}
