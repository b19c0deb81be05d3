//! Case entries decoded and checked on every core while the rest of the
//! archive is still being decrypted and read: decoding (RON) is most of
//! reading a large bundle, and it need not wait for the end of the stream.

use super::format::{check_case_entry, ManifestCase};
use super::Result;
use crate::model::Case;
use std::path::Path;
use std::sync::{mpsc, Arc, Mutex};
use std::thread::{Scope, ScopedJoinHandle};
use zeroize::Zeroizing;

/// One entry to decode: its place in the archive, its bytes, its line.
type Work = (usize, Zeroizing<Vec<u8>>, ManifestCase);
type Done<T> = Vec<(usize, Result<(Case, T)>)>;

/// Threads decoding the case entries sent to them, each case then passed
/// to `check` (the signature checks of an import) on the same thread.
pub(super) struct Decoders<'scope, T> {
    sender: mpsc::Sender<Work>,
    workers: Vec<ScopedJoinHandle<'scope, Done<T>>>,
    sent: usize,
}

impl<'scope, T: Send + 'scope> Decoders<'scope, T> {
    pub(super) fn start(s: &'scope Scope<'scope, '_>, file: &'scope Path, check: &'scope (dyn Fn(&Case) -> T + Sync)) -> Self {
        let (sender, receiver) = mpsc::channel::<Work>();
        let receiver = Arc::new(Mutex::new(receiver));
        let workers = (0..crate::parallel::threads())
            .map(|_| {
                let receiver = Arc::clone(&receiver);
                s.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        // Its own statement: the lock is not held while decoding.
                        let next = receiver.lock().expect("no decoder panics").recv();
                        // Until the reader has sent the last entry (or stopped).
                        let Ok((at, bytes, line)) = next else { break };
                        let decoded = check_case_entry(&bytes, &line, file).map(|case| {
                            let checked = check(&case);
                            (case, checked)
                        });
                        done.push((at, decoded));
                    }
                    done
                })
            })
            .collect();
        Decoders { sender, workers, sent: 0 }
    }

    /// Every case in the order sent, with what `check` said of it; the
    /// first entry that did not decode is the error.
    pub(super) fn finish(self) -> Result<(Vec<Case>, Vec<T>)> {
        drop(self.sender);
        let mut done: Done<T> = self.workers.into_iter().flat_map(|w| w.join().expect("decoding does not panic")).collect();
        done.sort_unstable_by_key(|(at, _)| *at);
        let decoded: Vec<(Case, T)> = done.into_iter().map(|(_, r)| r).collect::<Result<_>>()?;
        Ok(decoded.into_iter().unzip())
    }
}

impl<T> Decoders<'_, T> {
    /// Hand over the next case entry, the one `line` lists.
    pub(super) fn send(&mut self, bytes: Zeroizing<Vec<u8>>, line: &ManifestCase) {
        // The workers only stop once the sender is gone.
        let _ = self.sender.send((self.sent, bytes, line.clone()));
        self.sent += 1;
    }

    /// How many case entries have been sent.
    pub(super) fn sent(&self) -> usize {
        self.sent
    }
}
