//! SHA-256 beside the cipher, on a second core.
//!
//! Hashing a plaintext costs about as much per byte as age's encryption or
//! decryption of it, so done in line it nearly halves attachment
//! throughput. Past the first megabyte the hash moves to a helper thread:
//! the bytes are copied into one of a few 256 KiB buffers and hashed there
//! while the caller carries on. Small files, and machines with one core,
//! hash in line. Buffers holding plaintext are wiped when dropped.

use sha2::{Digest, Sha256};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::JoinHandle;
use zeroize::Zeroizing;

/// Bytes hashed in line before a helper thread is worth starting.
const THREAD_AFTER: u64 = 1 << 20;
const BUF_LEN: usize = 256 * 1024;
/// Buffers queued for the helper; one more is being filled.
const DEPTH: usize = 3;

type Buf = Zeroizing<Vec<u8>>;

pub(super) struct Hasher {
    mode: Mode,
    seen: u64,
}

enum Mode {
    Inline(Sha256),
    Threaded(Worker),
    /// The helper thread died (it cannot, short of a bug): the hash is lost.
    Broken,
}

struct Worker {
    work: Option<SyncSender<Buf>>,
    free: Receiver<Buf>,
    handle: Option<JoinHandle<Sha256>>,
    current: Buf,
}

impl Hasher {
    pub(super) fn new() -> Hasher {
        Hasher { mode: Mode::Inline(Sha256::new()), seen: 0 }
    }

    pub(super) fn update(&mut self, data: &[u8]) {
        self.seen += data.len() as u64;
        match &mut self.mode {
            Mode::Inline(sha) => {
                sha.update(data);
                if self.seen >= THREAD_AFTER && parallel() {
                    let Mode::Inline(sha) = std::mem::replace(&mut self.mode, Mode::Broken) else { unreachable!() };
                    self.mode = match Worker::start(sha) {
                        Ok(worker) => Mode::Threaded(worker),
                        Err(sha) => Mode::Inline(sha),
                    };
                }
            }
            Mode::Threaded(worker) => {
                if !worker.feed(data) {
                    self.mode = Mode::Broken;
                }
            }
            Mode::Broken => {}
        }
    }

    /// The hex SHA-256 of everything fed; `None` if the helper died.
    pub(super) fn finish(self) -> Option<String> {
        let sha = match self.mode {
            Mode::Inline(sha) => sha,
            Mode::Threaded(worker) => worker.finish()?,
            Mode::Broken => return None,
        };
        Some(hex::encode(sha.finalize()))
    }
}

fn parallel() -> bool {
    std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
}

impl Worker {
    /// Start the helper with the hash so far; on failure, give it back.
    fn start(sha: Sha256) -> Result<Worker, Sha256> {
        let (work_tx, work_rx) = sync_channel::<Buf>(DEPTH);
        let (free_tx, free_rx) = sync_channel::<Buf>(DEPTH + 1);
        for _ in 0..DEPTH {
            let _ = free_tx.send(Zeroizing::new(Vec::with_capacity(BUF_LEN)));
        }
        // The state moves to the thread; keep a copy in case it cannot start.
        let fallback = sha.clone();
        let spawned = std::thread::Builder::new().name("attachment-sha256".into()).spawn(move || {
            let mut sha = sha;
            for mut buf in work_rx {
                sha.update(&buf[..]);
                buf.clear();
                // The caller may have gone; the buffer is then wiped here.
                let _ = free_tx.send(buf);
            }
            sha
        });
        match spawned {
            Ok(handle) => Ok(Worker {
                work: Some(work_tx),
                free: free_rx,
                handle: Some(handle),
                current: Zeroizing::new(Vec::with_capacity(BUF_LEN)),
            }),
            Err(_) => Err(fallback),
        }
    }

    /// Copy `data` into buffers, sending each full one. False if the helper died.
    fn feed(&mut self, mut data: &[u8]) -> bool {
        while !data.is_empty() {
            let take = (BUF_LEN - self.current.len()).min(data.len());
            self.current.extend_from_slice(&data[..take]);
            data = &data[take..];
            if self.current.len() == BUF_LEN && !self.send_current() {
                return false;
            }
        }
        true
    }

    fn send_current(&mut self) -> bool {
        let Ok(fresh) = self.free.recv() else { return false };
        let full = std::mem::replace(&mut self.current, fresh);
        self.work.as_ref().is_some_and(|w| w.send(full).is_ok())
    }

    fn finish(mut self) -> Option<Sha256> {
        if !self.current.is_empty() {
            let last = std::mem::take(&mut *self.current);
            let sent = self.work.as_ref().is_some_and(|w| w.send(Zeroizing::new(last)).is_ok());
            if !sent {
                return None;
            }
        }
        self.work = None;
        self.handle.take()?.join().ok()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing the queue ends the helper; wait so no thread outlives the read.
        self.work = None;
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equals_the_plain_hash_at_any_split() {
        let data: Vec<u8> = (0..5_000_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        let want = hex::encode(Sha256::digest(&data));
        for piece in [1usize, 7, 4096, 65_536, 262_144, 300_001, 5_000_000] {
            let mut h = Hasher::new();
            // Odd pieces cover the move to the thread mid-piece.
            for chunk in data.chunks(piece).take(if piece == 1 { 2_000_000 } else { usize::MAX }) {
                h.update(chunk);
            }
            let got = h.finish().unwrap();
            if piece == 1 {
                assert_eq!(got, hex::encode(Sha256::digest(&data[..2_000_000])));
            } else {
                assert_eq!(got, want, "piece {piece}");
            }
        }
        assert_eq!(Hasher::new().finish().unwrap(), hex::encode(Sha256::digest(b"")));
    }

    #[test]
    fn dropping_midway_stops_the_helper() {
        let mut h = Hasher::new();
        h.update(&vec![1u8; 3 << 20]);
        assert!(matches!(h.mode, Mode::Threaded(_)) || !parallel());
        drop(h);
    }
}
