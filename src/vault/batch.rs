//! Storing many cases at once as one step (an import): encryption runs on
//! every core, the index is written once at the end, and a failure part-way
//! (a full disk) puts back every file already written, so the vault is as
//! it was before. [`Vault::write_cases`] instead keeps what was written.

use super::error::Result;
use super::format::{self, IndexEntry};
use super::{atomic, code_number, crypto, file_stamp, shard_of, Vault, VaultError};
use crate::model::Case;
use std::fs;
use std::path::PathBuf;

impl Vault {
    /// Store each case exactly as given (history included), replacing any
    /// stored version. All or nothing: on an error (a full disk) every file
    /// this call wrote is removed or restored to what it replaced.
    pub fn write_cases_all_or_nothing(&mut self, cases: &[Case]) -> Result<()> {
        self.ensure_writable()?;
        if cases.is_empty() {
            return Ok(());
        }
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 8);
        let chunk = cases.len().div_ceil(threads).max(1);
        let recipient = &self.key.recipient;
        let encrypted: Vec<Result<Vec<u8>>> = std::thread::scope(|s| {
            let handles: Vec<_> = cases
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || {
                        part.iter()
                            .map(|c| {
                                let plaintext = format::encode_case(c);
                                crypto::encrypt(&[recipient], &plaintext, &format!("case {}", c.code))
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().flat_map(|h| h.join().expect("encryption does not panic")).collect()
        });
        // Remember what each file replaced, so a failure part-way (a full
        // disk) can put everything back: an import is all or nothing.
        let before = self.entries.clone();
        let next_before = self.next_number;
        let mut written: Vec<(PathBuf, bool)> = Vec::new();
        let mut failure = None;
        for (case, ciphertext) in cases.iter().zip(encrypted) {
            let path = self.case_path(case.id);
            let existed = path.exists();
            let stored = ciphertext.and_then(|ct| {
                atomic::write_atomic(&path, &ct, true)?;
                written.push((path.clone(), existed));
                let meta = fs::metadata(&path).map_err(|e| VaultError::io(&path, e))?;
                Ok(file_stamp(&meta))
            });
            match stored {
                Ok((file_len, file_mtime_ns)) => {
                    self.entries.insert(case.id, IndexEntry { summary: case.summary(), file_len, file_mtime_ns });
                    self.dirty_shards.insert(shard_of(case.id));
                    self.next_number = self.next_number.max(code_number(&case.code).map_or(0, |n| n + 1));
                }
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        if failure.is_none() {
            match self.write_index() {
                Ok(()) => return Ok(()),
                Err(e) => failure = Some(e),
            }
        }
        let error = failure.expect("only failures reach here");
        // Undo newest first: a new file goes, a replaced one gets its
        // previous generation back (kept by write_atomic as `.prev`).
        let mut undone = true;
        for (path, existed) in written.iter().rev() {
            let result = if *existed { fs::rename(atomic::previous_path(path), path) } else { fs::remove_file(path) };
            undone &= result.is_ok();
        }
        let _ = atomic::sync_dir(&self.dir.join(super::CASES_DIR));
        if undone {
            // Shards written before the failure are rewritten at the next
            // save (they stay dirty); the next open also finds them stale.
            self.entries = before;
            self.next_number = next_before;
        } else {
            // Could not put everything back: the index is rebuilt from the
            // files at the next open; try to record what is there now.
            let _ = self.write_index();
        }
        Err(error)
    }
}
