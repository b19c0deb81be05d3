//! Storing many cases at once (an import): each case file is written
//! atomically as by [`Vault::write_case`], but encryption runs on every core
//! and the index is written once at the end instead of after every case.

use super::error::Result;
use super::format::{self, IndexEntry};
use super::{atomic, code_number, crypto, file_stamp, Vault, VaultError};
use crate::model::Case;
use std::fs;

impl Vault {
    /// Store each case exactly as given (history included), replacing any
    /// stored version. On an error the cases before it are stored (each file
    /// is whole); the index is brought up to date either way.
    pub fn write_cases(&mut self, cases: &[Case]) -> Result<()> {
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
        let mut first_error = None;
        for (case, ciphertext) in cases.iter().zip(encrypted) {
            let stored = ciphertext.and_then(|ct| {
                let path = self.case_path(case.id);
                atomic::write_atomic(&path, &ct, true)?;
                let meta = fs::metadata(&path).map_err(|e| VaultError::io(&path, e))?;
                Ok(file_stamp(&meta))
            });
            match stored {
                Ok((file_len, file_mtime_ns)) => {
                    self.entries.insert(case.id, IndexEntry { summary: case.summary(), file_len, file_mtime_ns });
                    self.next_number = self.next_number.max(code_number(&case.code).map_or(0, |n| n + 1));
                }
                Err(e) => {
                    first_error = Some(e);
                    break;
                }
            }
        }
        // The case files are the truth and the index only a cache (rebuilt
        // at the next open if this fails), but a failure is still reported.
        let indexed = self.write_index();
        match first_error {
            Some(e) => Err(e),
            None => indexed,
        }
    }
}
