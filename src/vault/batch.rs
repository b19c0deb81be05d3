//! Storing many cases at once as one step (an import).
//!
//! The same crash-safe steps as [`atomic::write_atomic`], arranged for a
//! batch: every case is encrypted and written to its temporary file on
//! many threads, then all are made durable at once (one `syncfs` on Linux,
//! concurrent fsyncs elsewhere: see [`atomic::sync_files`]); only when all
//! are safely on disk are they renamed into place, keeping each
//! replaced file as `.prev`, and the folder is fsynced once. A failure at
//! any point (a full disk) puts back everything, so the vault is exactly as
//! it was before. [`Vault::write_cases`] instead keeps what was written.

use super::error::Result;
use super::format::{self, IndexEntry, IndexFile};
use super::{atomic, crypto, number_after, file_stamp, shard_of, shard_path, FileStamp, Vault, VaultError, CASES_DIR, INDEX_DIR};
use crate::model::Case;
use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Threads writing at once: creating a file waits on the file system's
/// journal more than on the processor (1,000 files took half as long on 16
/// threads as on one, on the 2-core test machine), and so do the fsyncs
/// where `syncfs` is not available.
const WRITERS: usize = 16;

/// Batches of at least this many files start syncing halfway (see
/// [`stage_files`]); smaller ones have too little to write to gain.
const EARLY_SYNC_ITEMS: usize = 1000;

/// Present in the vault folder while a batch is being renamed into place.
pub const BATCH_MARKER: &str = "import-in-progress.age";

/// What the marker says (encrypted like every other file).
#[derive(serde::Serialize, serde::Deserialize)]
struct BatchMarker {
    format: u32,
    what: String,
    cases: usize,
}

impl Vault {
    /// At open: a marker left by a batch cut short becomes a warning, once.
    pub(super) fn report_interrupted_batch(&mut self) {
        let path = self.dir.join(BATCH_MARKER);
        let (what, cases) = match fs::read(&path) {
            Err(_) => return,
            Ok(bytes) => crypto::decrypt(&self.key.identity, &bytes, &path)
                .ok()
                .and_then(|plain| ron::from_str::<BatchMarker>(std::str::from_utf8(&plain).ok()?).ok())
                .map_or((String::new(), 0), |m| (m.what, m.cases)),
        };
        self.report.damaged.push(VaultError::ImportInterrupted { what, cases });
        if self.lock.is_some() {
            let _ = atomic::remove_with_previous(&path);
        }
    }
}

/// Why placing a batch stopped: a simulated crash leaves everything as it
/// is on disk; a failure is undone.
enum Stop {
    Crash(VaultError),
    Failed(VaultError),
}

fn remove_temporaries(staged: &[Staged]) {
    for s in staged {
        let _ = fs::remove_file(&s.temp);
    }
}

/// A case file written and synced under a temporary name.
struct Staged {
    temp: PathBuf,
    path: PathBuf,
    /// Whether `path` existed when staged (the vault's lock keeps it so).
    existed: bool,
    /// The written file's stamp, which the rename into place keeps: read
    /// on the writing threads, not one file at a time while placing.
    stamp: FileStamp,
}

impl Vault {
    /// Store each case exactly as given (history included), replacing any
    /// stored version. All or nothing: on an error (a full disk) every file
    /// this call wrote is removed or restored to what it replaced.
    ///
    /// `what` names the batch (the bundle's file name) for the one case a
    /// failure cannot undo: a crash while the files are renamed into place.
    /// A marker written before the first rename and removed after the last
    /// makes the next open say that this import was cut short.
    pub fn write_cases_all_or_nothing(&mut self, cases: &[Case], what: &str) -> Result<()> {
        self.write_batch(cases, what, None)
    }

    /// For the crash tests: stop dead after `placed` files are renamed into
    /// place, as a power cut would, leaving everything as it is on disk.
    #[doc(hidden)]
    pub fn crash_during_batch(&mut self, cases: &[Case], what: &str, placed: usize) -> Result<()> {
        self.write_batch(cases, what, Some(placed))
    }

    fn write_batch(&mut self, cases: &[Case], what: &str, crash_after: Option<usize>) -> Result<()> {
        self.ensure_writable()?;
        if cases.is_empty() {
            return Ok(());
        }
        // Each file is staged knowing whether it replaces one: one case a batch.
        debug_assert_eq!(cases.iter().map(|c| c.id).collect::<std::collections::HashSet<_>>().len(), cases.len());
        let dir = self.dir.join(CASES_DIR);
        // Nothing is in place before this succeeds; on failure it leaves no
        // temporary file behind.
        let staged = self.stage(cases, &dir)?;
        let marker = self.dir.join(BATCH_MARKER);
        if let Err(e) = self.write_batch_marker(&marker, what, cases.len()) {
            remove_temporaries(&staged);
            return Err(e);
        }
        let before = (self.entries.clone(), self.next_number);
        // (path, whether it replaced a file) of each file moved into place.
        let mut placed: Vec<(PathBuf, bool)> = Vec::new();
        let placed_all = match self.place_batch(cases, &staged, crash_after, &mut placed) {
            Err(Stop::Crash(e)) => return Err(e),
            Err(Stop::Failed(e)) => Err(e),
            Ok(()) => Ok(()),
        };
        let durable = placed_all
            .and_then(|()| atomic::sync_dir(&dir).map_err(|e| VaultError::io(&dir, e)))
            .and_then(|()| self.write_index_batched());
        let Err(failure) = durable else {
            // Every case is in place and durable: the batch is whole. A
            // marker left behind only repeats a warning.
            let _ = atomic::remove_with_previous(&marker);
            // The batch is whole: a search delta that cannot be written
            // undoes nothing, the next open indexes these cases by stamp.
            let _ = crate::search::store::record(self, cases);
            return Ok(());
        };
        self.undo_batch(&placed, &staged, &dir, &marker, before);
        Err(failure)
    }

    /// The marker that says a batch is being renamed into place.
    fn write_batch_marker(&self, marker: &Path, what: &str, cases: usize) -> Result<()> {
        let note = BatchMarker { format: 1, what: what.to_string(), cases };
        ron::to_string(&note)
            .map_err(|e| VaultError::Encrypt { what: "the import marker".into(), detail: e.to_string() })
            .and_then(|text| crypto::encrypt(&[&self.key.recipient], text.as_bytes(), "the import marker"))
            .and_then(|ct| atomic::write_atomic(marker, &ct, false))
    }

    /// Rename each staged file into place and index it, recording in
    /// `placed` what was moved, until the first failure.
    fn place_batch(
        &mut self,
        cases: &[Case],
        staged: &[Staged],
        crash_after: Option<usize>,
        placed: &mut Vec<(PathBuf, bool)>,
    ) -> std::result::Result<(), Stop> {
        for (case, s) in cases.iter().zip(staged) {
            if crash_after == Some(placed.len()) {
                let source = std::io::Error::other("simulated crash");
                return Err(Stop::Crash(VaultError::Io { path: s.path.clone(), source }));
            }
            place(s).map_err(Stop::Failed)?;
            placed.push((s.path.clone(), s.existed));
            let (file_len, file_mtime_ns) = s.stamp;
            self.entries.insert(case.id, IndexEntry { summary: case.summary(), file_len, file_mtime_ns });
            self.dirty_shards.insert(shard_of(case.id));
            self.next_number = self.next_number.max(number_after(&case.code));
        }
        Ok(())
    }

    /// Put back what a failed batch moved, newest first: a new file goes, a
    /// replaced one gets its previous generation back.
    fn undo_batch(
        &mut self,
        placed: &[(PathBuf, bool)],
        staged: &[Staged],
        dir: &Path,
        marker: &Path,
        (entries, next_number): (std::collections::HashMap<uuid::Uuid, IndexEntry>, u32),
    ) {
        let mut undone = true;
        for (path, existed) in placed.iter().rev() {
            let result = if *existed { fs::rename(atomic::previous_path(path), path) } else { fs::remove_file(path) };
            undone &= result.is_ok();
        }
        remove_temporaries(staged);
        let _ = atomic::sync_dir(dir);
        if undone {
            let _ = atomic::remove_with_previous(marker);
            // Shards written before the failure stay dirty and are rewritten
            // at the next save; the next open also finds them stale.
            self.entries = entries;
            self.next_number = next_number;
        } else {
            // Could not put everything back: record what is there now (the
            // next open rebuilds the index from the files in any case).
            let _ = self.write_index();
        }
    }

    /// Encrypt and write every case to a synced temporary file, in order.
    fn stage(&self, cases: &[Case], dir: &Path) -> Result<Vec<Staged>> {
        let recipient = &self.key.recipient;
        let written = std::sync::atomic::AtomicUsize::new(0);
        stage_files(
            cases,
            dir,
            |c| self.case_path(c.id),
            |c| {
                let plaintext = format::encode_case(c);
                let ct = crypto::encrypt(&[recipient], &plaintext, &format!("case {}", c.code));
                if let Some(progress) = &self.batch_progress {
                    progress(written.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1, cases.len());
                }
                ct
            },
        )
    }

    /// Write the changed index shards the same way: all staged and synced
    /// in parallel, then moved into place, then one folder sync.
    fn write_index_batched(&mut self) -> Result<()> {
        let index_dir = self.dir.join(INDEX_DIR);
        let shards: BTreeMap<u8, Vec<IndexEntry>> =
            self.dirty_shards.iter().map(|s| (*s, self.shard_entries(*s))).collect();
        let (empty, full): (Vec<_>, Vec<_>) = shards.into_iter().partition(|(_, list)| list.is_empty());
        for (shard, _) in &empty {
            atomic::remove_with_previous(&shard_path(&index_dir, *shard))?;
            self.dirty_shards.remove(shard);
        }
        let recipient = &self.key.recipient;
        let (vault_id, next_number) = (self.key.vault_id, self.next_number);
        let staged = stage_files(
            &full,
            &index_dir,
            |(shard, _)| shard_path(&index_dir, *shard),
            |(_, list)| {
                let entries = list.clone();
                let index = IndexFile { format: format::INDEX_FORMAT, vault_id, next_number, entries };
                crypto::encrypt(&[recipient], &format::encode_index(&index), "the case index")
            },
        )?;
        for (i, s) in staged.iter().enumerate() {
            if let Err(e) = place(s) {
                for rest in &staged[i..] {
                    let _ = fs::remove_file(&rest.temp);
                }
                return Err(e);
            }
            self.dirty_shards.remove(&full[i].0);
        }
        atomic::sync_dir(&index_dir).map_err(|e| VaultError::io(&index_dir, e))?;
        // Only a detector of vanished shards: a full disk must not fail
        // (and undo) a batch whose shards are in place.
        let _ = self.update_shard_list(false);
        Ok(())
    }
}

/// Write `bytes(item)` for every item to a temporary file beside
/// `dest(item)` on [`WRITERS`] threads, then make them all durable at once
/// ([`atomic::sync_files`]; the first half already started halfway, see
/// [`atomic::sync_early`]). In item order; on an error no temporary file
/// is left.
fn stage_files<T: Sync>(
    items: &[T],
    dir: &Path,
    dest: impl Fn(&T) -> PathBuf + Sync,
    bytes: impl Fn(&T) -> Result<Vec<u8>> + Sync,
) -> Result<Vec<Staged>> {
    let chunk = items.len().div_ceil(WRITERS).max(1);
    let (dest, bytes) = (&dest, &bytes);
    let done = &std::sync::atomic::AtomicUsize::new(0);
    let written: Vec<Result<Staged>> = std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|item| {
                            let ct = bytes(item)?;
                            let path = dest(item);
                            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file").to_string();
                            let temp = dir.join(format!(".{name}{}{}", atomic::TEMP_MARKER, uuid::Uuid::new_v4().simple()));
                            let written = super::modes::private_file()
                                .write(true)
                                .create_new(true)
                                .open(&temp)
                                .and_then(|mut f| f.write_all(&ct).and_then(|()| f.metadata()));
                            // Halfway, this writer starts the first half's bytes
                            // on their way to the disk; the others go on.
                            let so_far = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                            if items.len() >= EARLY_SYNC_ITEMS && so_far == items.len() / 2 {
                                atomic::sync_early(dir);
                            }
                            match written {
                                Ok(meta) => Ok(Staged { existed: path.exists(), stamp: file_stamp(&meta), temp, path }),
                                Err(e) => {
                                    let _ = fs::remove_file(&temp);
                                    // Name the file being saved, not the temporary one.
                                    Err(VaultError::io(&path, e))
                                }
                            }
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("writing a file does not panic")).collect()
    });
    let mut staged = Vec::with_capacity(written.len());
    let mut failure = None;
    for r in written {
        match r {
            Ok(s) => staged.push(s),
            Err(e) => {
                failure.get_or_insert(e);
            }
        }
    }
    let temps: Vec<PathBuf> = staged.iter().map(|s| s.temp.clone()).collect();
    let synced = match failure {
        Some(e) => Err(e),
        None => atomic::sync_files(&temps, WRITERS),
    };
    if let Err(e) = synced {
        for t in &temps {
            let _ = fs::remove_file(t);
        }
        return Err(e);
    }
    Ok(staged)
}

/// Move a staged file into place, keeping the file it replaces as `.prev`
/// (a hard link, so the real name never disappears).
fn place(s: &Staged) -> Result<()> {
    if s.existed {
        atomic::keep_previous_generation(&s.path)?;
    }
    fs::rename(&s.temp, &s.path).map_err(|e| VaultError::io(&s.path, e))
}
