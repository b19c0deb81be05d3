//! The vault on disk.
//!
//! ```text
//! <vault>/
//!   key.age               vault X25519 identity, passphrase-encrypted (scrypt)
//!   key-copy.age          the same bytes again, kept in step (one bad sector)
//!   recovery.age          the identity again, to the organisation's recovery
//!                         recipients, when any are set
//!   rotation.age          only while a key rotation is under way
//!   config.age            settings (recipients, idle lock, editor name)
//!   signing.age           the vault's Ed25519 signing key (see `signing`)
//!   trust.age             trusted signers (see `trust`)
//!   events.age            events and their links (see `crate::events::store`)
//!   index/<xx>.age        summaries of the cases, for the case list, in
//!                         shards by the first byte of the case id
//!   cases/<uuid>.age      one case each, RON, encrypted to the vault key
//!   cases/<uuid>.age.prev the generation before the last save
//!   drafts/<uuid>.age     autosaved unsaved edits
//!   attachments/<uuid>.age  attachment blobs (streamed)
//!   vault.lock            who holds the vault open (advisory lock)
//! ```
//! Every `.age` file is an age file; nothing is written in plaintext. The
//! passphrase is needed once, to unwrap `key.age`; every other file is
//! encrypted to the vault key, so a save costs one X25519 operation, not scrypt.

mod add;
pub mod atomic;
mod check;
mod batch;
pub mod conflicts;
pub mod attachments;
pub mod crypto;
pub mod custody;
mod editor;
pub mod erase;
pub mod error;
pub mod format;
pub mod keyfile;
pub mod lock;
pub mod modes;
pub mod recovery;
pub mod rotate;
mod scan;
mod shards;
pub mod signing;
pub mod trust;

pub use crypto::{
    check_passphrase_length, check_work_factor, VaultKey, DEFAULT_WORK_FACTOR, MAX_WORK_FACTOR, MIN_PASSPHRASE_CHARS,
    MIN_WORK_FACTOR,
};
pub use check::{CaseCheck, CheckReport};
pub use scan::CaseScan;
pub use keyfile::key_files;
pub use editor::editor_name;
pub use error::{Result, VaultError};
pub use format::VaultConfig;

use crate::model::{changed_fields, now_utc, Case, CaseSummary, Revision};
use age::secrecy::SecretString;
use format::{IndexEntry, IndexFile};
use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;
use uuid::Uuid;

pub const KEY_FILE: &str = "key.age";
pub const CONFIG_FILE: &str = "config.age";
/// Folder of the case index, split in up to 256 shards by the first byte of
/// the case id, so a save rewrites one small shard, not the whole index.
pub const INDEX_DIR: &str = "index";
pub const CASES_DIR: &str = "cases";
pub const DRAFTS_DIR: &str = "drafts";
pub const ATTACHMENTS_DIR: &str = "attachments";

/// Options for a new vault.
#[derive(Clone, Debug)]
pub struct CreateOptions {
    /// scrypt work factor (log2 N) protecting the key file.
    pub work_factor: u8,
}

impl Default for CreateOptions {
    fn default() -> Self {
        CreateOptions { work_factor: DEFAULT_WORK_FACTOR }
    }
}

/// What [`Vault::save_case`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    /// A new revision was written.
    Saved { revision: u32, changed_fields: Vec<String> },
    /// Nothing differed from the stored version; nothing was written.
    Unchanged,
}

/// Facts about an open, in which a damaged file did not stop the rest.
#[derive(Debug, Default)]
pub struct OpenReport {
    /// Case files that could not be read; the other cases opened.
    pub damaged: Vec<VaultError>,
    /// Whether the index was missing, damaged or stale and was rebuilt.
    pub index_rebuilt: bool,
    /// Temporary files left by an interrupted save, removed.
    pub leftovers_removed: usize,
    /// Cases whose file had vanished and whose previous generation was put
    /// back (their last save is lost): code and restored revision. Also
    /// reported in `damaged`.
    pub restored: Vec<(String, u32)>,
    /// Cases the index lists whose file has vanished, with nothing to put
    /// back: also reported in `damaged`, at every open until the file
    /// returns or [`Vault::forget_missing`] is called.
    pub missing: Vec<CaseSummary>,
    /// Files and folders of the vault that other accounts could read (an
    /// older version, a copy), now set to 0600/0700.
    pub modes_tightened: usize,
    /// A key rotation cut short by a crash was completed at this open.
    pub rotation_completed: bool,
    /// Index shards that vanished from the folder (reported in `damaged`
    /// until [`Vault::forget_missing`]); the cases they listed are unknown.
    pub lost_shards: Vec<u8>,
    /// Recordings a crash left under way, joined and attached at this open.
    pub recordings: Vec<attachments::recording::Recovered>,
}

impl OpenReport {
    /// What the open changed that is not damage, in the current language:
    /// loose modes tightened, a rotation completed. Said with the damage
    /// by the command line and the window.
    pub fn notices(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.modes_tightened > 0 {
            out.push(crate::i18n::t_args("notice-modes-tightened", &[("count", &self.modes_tightened.to_string())]));
        }
        if self.rotation_completed {
            out.push(crate::i18n::t("notice-rotation-completed"));
        }
        out.extend(self.recordings.iter().map(attachments::recording::Recovered::notice));
        out
    }
}

/// An unlocked vault. Dropping it releases the lock and wipes the key.
pub struct Vault {
    dir: PathBuf,
    /// Boxed so that its memory stays put and can be kept out of swap.
    key: Box<VaultKey>,
    config: VaultConfig,
    next_number: u32,
    entries: HashMap<Uuid, IndexEntry>,
    /// Index shards changed in memory and not yet written.
    dirty_shards: BTreeSet<u8>,
    /// Index entries of cases whose file has vanished: kept in the index so
    /// the loss is reported at every open, and their codes are not reused.
    missing: HashMap<Uuid, IndexEntry>,
    /// None when the folder is read-only: reading works, saving is refused.
    lock: Option<lock::VaultLock>,
    report: OpenReport,
    /// None when the key could not be read or written: saving still works
    /// (revisions unsigned), exporting is refused.
    signing: Option<signing::SigningKey>,
    trust: trust::TrustList,
    /// Told how many cases of a batch are written, for a progress bar.
    batch_progress: Option<BatchProgress>,
    /// The shards recorded in `index/shards.age`, when known to be written.
    shard_list: Option<shards::ShardList>,
}

/// Called with (cases written, cases in the batch) as a batch is written,
/// from the writing threads.
pub type BatchProgress = std::sync::Arc<dyn Fn(usize, usize) + Send + Sync>;

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault").field("dir", &self.dir).field("cases", &self.entries.len()).finish_non_exhaustive()
    }
}

/// What [`Vault::unlock`] hands to the rest of an open.
struct Unlocked {
    key: VaultKey,
    lock: Option<lock::VaultLock>,
    key_report: Vec<VaultError>,
    rotation_completed: bool,
}

impl Vault {
    pub fn create(dir: &Path, passphrase: &SecretString) -> Result<Vault> {
        Self::create_with(dir, passphrase, &CreateOptions::default())
    }

    /// Create a new vault in `dir`, which must be missing or empty.
    pub fn create_with(dir: &Path, passphrase: &SecretString, options: &CreateOptions) -> Result<Vault> {
        check_passphrase_length(passphrase)?;
        check_work_factor(options.work_factor)?;
        let occupied = fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(false);
        if keyfile::has_key(dir) || (occupied && !is_unfinished_creation(dir)) {
            return Err(VaultError::AlreadyExists { dir: dir.to_path_buf() });
        }
        if occupied {
            // A creation cut short (a crash, a power cut) left files encrypted
            // to a key that was never stored: nothing can read them. Clear
            // them so the folder can be used again.
            undo_create(dir, true);
        }
        let existed = dir.exists();
        for sub in [dir.to_path_buf(), dir.join(CASES_DIR), dir.join(DRAFTS_DIR), dir.join(ATTACHMENTS_DIR), dir.join(INDEX_DIR)] {
            modes::create_private_dir(&sub)?;
        }
        let lock = lock::VaultLock::acquire(dir)?;
        let key = VaultKey::generate();
        let mut vault = Vault::fresh(dir, key, None);
        let written = vault.key.wrap(passphrase, options.work_factor, &now_text()).and_then(|wrapped| {
            vault.write_config()?;
            vault.write_new_signing_key()?;
            // The key goes last: a folder without a key file is not yet a vault,
            // so a crash during creation leaves nothing half-made that looks usable.
            keyfile::write_wrapped(dir, &wrapped)
        });
        if let Err(e) = written {
            // Leave the folder as it was found, so it can be chosen again once
            // the cause (usually a full disk) is gone. All in it is ours: it
            // was empty, and the lock is still held.
            undo_create(dir, existed);
            return Err(e);
        }
        vault.lock = Some(lock);
        Ok(vault)
    }

    /// Unlock the vault in `dir`. Pays the scrypt cost once.
    pub fn open(dir: &Path, passphrase: &SecretString) -> Result<Vault> {
        Self::open_with(dir, passphrase, CaseCheck::Now)
    }

    /// [`Vault::open`], checking the case files against the index as
    /// `check` says.
    pub fn open_with(dir: &Path, passphrase: &SecretString, check: CaseCheck) -> Result<Vault> {
        let unlocked = Self::unlock(dir, passphrase)?;
        let vault = Self::open_unlocked(dir, unlocked.key, unlocked.lock, check)?;
        Ok(vault.finish_open(unlocked.key_report, unlocked.rotation_completed))
    }

    /// [`Vault::open_with`], running `beside` with the unlocked key on
    /// another thread while the vault's own files are read. From a cold
    /// cache the open mostly waits on the disk, so a caller's own
    /// decryption (the command line's search index) costs little time beside it.
    pub fn open_beside<T: Send>(
        dir: &Path,
        passphrase: &SecretString,
        check: CaseCheck,
        beside: impl FnOnce(&VaultKey) -> T + Send,
    ) -> Result<(Vault, T)> {
        let unlocked = Self::unlock(dir, passphrase)?;
        // Lent, not moved: a key moved into the thread's boxed closure would
        // be freed in clear with it (tests/secrets_in_memory.rs).
        let key_beside = unlocked.key.clone();
        let (vault, beside) = std::thread::scope(|s| {
            let beside = s.spawn(|| beside(&key_beside));
            let vault = Self::open_unlocked(dir, unlocked.key, unlocked.lock, check);
            (vault, beside.join().expect("the work beside the open does not panic"))
        });
        Ok((vault?.finish_open(unlocked.key_report, unlocked.rotation_completed), beside))
    }

    /// The lock and the key of the vault in `dir`, an interrupted key
    /// rotation completed first (files may be under either key until then).
    fn unlock(dir: &Path, passphrase: &SecretString) -> Result<Unlocked> {
        if !keyfile::has_key(dir) {
            return Err(not_a_vault(dir));
        }
        // Lock before reading, so two processes never interleave writes. A
        // read-only folder cannot hold a lock; it opens for reading only.
        let lock = match lock::VaultLock::acquire(dir) {
            Ok(l) => Some(l),
            Err(VaultError::ReadOnly { .. }) => None,
            Err(e) => return Err(e),
        };
        let (key, key_report) = keyfile::unwrap(dir, passphrase, lock.is_some())?;
        let rotated = match lock {
            Some(_) => rotate::resume(dir, &key, passphrase)?,
            None => None,
        };
        let rotation_completed = rotated.is_some();
        Ok(Unlocked { key: rotated.unwrap_or(key), lock, key_report, rotation_completed })
    }

    /// The open's last steps, once the vault's files are read: what the
    /// key files showed, and recordings cut short.
    fn finish_open(mut self, key_report: Vec<VaultError>, rotation_completed: bool) -> Vault {
        // A rotation cut short between the two key files is no damage: the
        // rotation has just rewritten both.
        let key_report = key_report.into_iter().filter(|e| !(rotation_completed && matches!(e, VaultError::KeyCopyRewritten { .. })));
        self.report.damaged.splice(0..0, key_report);
        self.report.rotation_completed = rotation_completed;
        if self.lock.is_some() {
            self.report.recordings = self.recover_recordings();
        }
        self
    }

    /// Open with a key already unwrapped (everything after the scrypt step:
    /// lock, settings, index). Used to measure unlock cost apart from scrypt.
    pub fn open_with_key(dir: &Path, key: VaultKey) -> Result<Vault> {
        Self::open_with_key_check(dir, key, CaseCheck::Now)
    }

    /// [`Vault::open_with_key`], checking the case files as `check` says.
    pub fn open_with_key_check(dir: &Path, key: VaultKey, check: CaseCheck) -> Result<Vault> {
        let lock = match lock::VaultLock::acquire(dir) {
            Ok(l) => Some(l),
            Err(VaultError::ReadOnly { .. }) => None,
            Err(e) => return Err(e),
        };
        Self::open_unlocked(dir, key, lock, check)
    }

    /// A vault value with nothing loaded yet.
    fn fresh(dir: &Path, key: VaultKey, lock: Option<lock::VaultLock>) -> Vault {
        let key = Box::new(key);
        // Best effort: a low RLIMIT_MEMLOCK refuses, and the key may then
        // reach swap (use an encrypted one).
        crate::harden::lock_in_memory(&*key);
        Vault {
            dir: dir.to_path_buf(),
            key,
            config: VaultConfig::default(),
            next_number: 1,
            entries: HashMap::new(),
            dirty_shards: BTreeSet::new(),
            missing: HashMap::new(),
            lock,
            report: OpenReport::default(),
            signing: None,
            trust: trust::TrustList::default(),
            batch_progress: None,
            shard_list: None,
        }
    }

    pub(crate) fn open_unlocked(dir: &Path, key: VaultKey, lock: Option<lock::VaultLock>, check: CaseCheck) -> Result<Vault> {
        let mut vault = Vault::fresh(dir, key, lock);
        if vault.lock.is_some() {
            vault.report.modes_tightened = modes::tighten(dir, &[CASES_DIR]);
            for sub in [CASES_DIR, DRAFTS_DIR, ATTACHMENTS_DIR, INDEX_DIR] {
                let p = dir.join(sub);
                modes::create_private_dir(&p)?;
                if sub != CASES_DIR {
                    vault.report.leftovers_removed += atomic::remove_leftover_temps(&p);
                }
            }
            // Made by the search index when it first writes (not here: a
            // vault on a full disk must still open).
            vault.report.leftovers_removed += atomic::remove_leftover_temps(&dir.join(crate::search::store::SEARCH_DIR));
            vault.report.leftovers_removed += atomic::remove_leftover_temps(dir);
        }
        // Settings are not testimony: damaged ones fall back to the previous
        // generation, then to the defaults, and are reported, so the cases
        // stay reachable. Settings from a newer version are refused instead.
        let config_path = dir.join(CONFIG_FILE);
        vault.config = match vault.read_config(&config_path) {
            Ok(config) => config,
            Err(damage @ VaultError::Damaged { .. }) => {
                vault.report.damaged.push(damage);
                match vault.read_config(&atomic::previous_path(&config_path)) {
                    Ok(config) => config,
                    Err(damage @ VaultError::Damaged { .. }) => {
                        vault.report.damaged.push(damage);
                        VaultConfig::default()
                    }
                    Err(e) => return Err(e),
                }
            }
            Err(e) => return Err(e),
        };
        vault.check_shard_list();
        vault.load_custody()?;
        vault.load_index(check)?;
        vault.report_interrupted_batch();
        Ok(vault)
    }

    /// Read the index shards and bring them up to date with the case files
    /// on disk: a missing, damaged or stale entry is rebuilt from its case
    /// (stale by size and time only with [`CaseCheck::Now`]).
    fn load_index(&mut self, check: CaseCheck) -> Result<()> {
        let mode = scan::ScanMode { stat: check == CaseCheck::Now, writable: self.lock.is_some(), remove_leftovers: true };
        let cases_dir = self.dir.join(CASES_DIR);
        // The case folder is read while the shards are decrypted.
        let (shards, scan) = std::thread::scope(|s| {
            let scan = s.spawn(|| scan::scan_cases(&cases_dir, mode));
            (self.read_index_shards(), scan.join().expect("scanning does not panic"))
        });
        let (mut entries, mut next_number, shards_rebuilt) = shards?;
        let scan = scan?;
        self.report.modes_tightened += scan.modes_tightened;
        self.report.leftovers_removed += scan.leftovers_removed;
        let vanished: Vec<Uuid> = entries.keys().filter(|id| !scan.stamps.contains_key(id)).copied().collect();
        let mut on_disk = self.stamps_to_compare(scan.stamps, &entries);
        self.account_for(vanished, &mut entries, &mut on_disk);
        let entries_rebuilt = self.refresh_stale_entries(&mut entries, &on_disk);
        let rebuilt = shards_rebuilt || entries_rebuilt;
        for entry in entries.values().chain(self.missing.values()) {
            next_number = next_number.max(number_after(&entry.summary.code));
        }
        self.entries = entries;
        self.next_number = next_number;
        self.report.index_rebuilt = rebuilt;
        // Dirty without a rebuild: shards of an older format, migrated.
        if !self.dirty_shards.is_empty() && self.lock.is_some() {
            // The index is a cache: when it cannot be written (a full disk),
            // the vault still opens and the next open rebuilds it again.
            let _ = self.write_index();
        }
        Ok(())
    }

    /// Every entry of the readable index shards, the highest next number
    /// they record, and whether any shard must be rebuilt. Shards to rebuild
    /// or of an older format are marked dirty, so they are written again.
    fn read_index_shards(&mut self) -> Result<(HashMap<Uuid, IndexEntry>, u32, bool)> {
        let mut entries: HashMap<Uuid, IndexEntry> = HashMap::new();
        let mut next_number = 1;
        let mut rebuilt = false;
        for (shard, read) in self.read_all_shards() {
            let index = match read? {
                ShardRead::Absent => continue,
                // Not ours or unreadable: only a cache, rebuilt from the cases.
                ShardRead::Unreadable => {
                    rebuilt = true;
                    self.dirty_shards.insert(shard);
                    continue;
                }
                ShardRead::Read(index) => index,
            };
            if index.format < format::INDEX_FORMAT {
                // Migration: the same entries, rewritten in today's format.
                self.dirty_shards.insert(shard);
            }
            next_number = next_number.max(index.next_number.min(MAX_RUNNING_NUMBER + 1));
            entries.reserve(index.entries.len());
            // An entry filed under the wrong shard is dropped and rebuilt.
            entries.extend(index.entries.into_iter().filter(|e| shard_of(e.summary.id) == shard).map(|e| (e.summary.id, e)));
        }
        Ok((entries, next_number, rebuilt))
    }

    /// Decrypt and decode all 256 shards, on every core (decryption is
    /// most of an unlock's work), in shard order.
    fn read_all_shards(&self) -> Vec<(u8, Result<ShardRead>)> {
        let index_dir = self.dir.join(INDEX_DIR);
        let threads = worker_threads();
        let mut all: Vec<(u8, Result<ShardRead>)> = std::thread::scope(|s| {
            let index_dir = &index_dir;
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    s.spawn(move || {
                        (0..=255u8)
                            .filter(|shard| usize::from(*shard) % threads == t)
                            .map(|shard| (shard, self.read_shard(index_dir, shard)))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().flat_map(|h| h.join().expect("reading a shard does not panic")).collect()
        });
        all.sort_by_key(|(shard, _)| *shard);
        all
    }

    fn read_shard(&self, index_dir: &Path, shard: u8) -> Result<ShardRead> {
        let path = shard_path(index_dir, shard);
        match self.read_encrypted(&path) {
            Ok(Some(bytes)) => match format::decode_index(&bytes, &path) {
                Ok(index) if index.vault_id == self.key.vault_id => Ok(ShardRead::Read(index)),
                Err(e @ VaultError::NewerVersion { .. }) => Err(e),
                _ => Ok(ShardRead::Unreadable),
            },
            Ok(None) => Ok(ShardRead::Absent),
            Err(VaultError::Damaged { .. }) => Ok(ShardRead::Unreadable),
            Err(e) => Err(e),
        }
    }

    /// Entries whose case file is gone (`vanished`): the product never
    /// deletes a case, so a vanished file is damage or a hand in the
    /// folder. Put back the previous generation if there is one (its stamp
    /// goes into `on_disk`); otherwise keep the entry as missing and say so
    /// every time.
    fn account_for(&mut self, vanished: Vec<Uuid>, entries: &mut HashMap<Uuid, IndexEntry>, on_disk: &mut HashMap<Uuid, FileStamp>) {
        for id in vanished {
            let entry = entries.remove(&id).expect("listed above");
            match self.restore_previous_generation(id) {
                Some((revision, stamp)) => {
                    on_disk.insert(id, stamp);
                    self.report.restored.push((entry.summary.code.clone(), revision));
                    self.report.damaged.push(VaultError::CaseRestored { code: entry.summary.code.clone(), revision });
                }
                None => {
                    self.report.missing.push(entry.summary.clone());
                    self.report.damaged.push(VaultError::CaseMissing {
                        code: entry.summary.code.clone(),
                        pseudonym: entry.summary.pseudonym.clone(),
                    });
                    self.missing.insert(id, entry);
                }
            }
        }
    }

    /// Rebuild each entry whose case file changed size or time since it was
    /// indexed (or has none) from the case itself; true if any was.
    fn refresh_stale_entries(&mut self, entries: &mut HashMap<Uuid, IndexEntry>, on_disk: &HashMap<Uuid, FileStamp>) -> bool {
        let mut rebuilt = false;
        for (id, (len, mtime)) in on_disk {
            let fresh = entries.get(id).is_some_and(|e: &IndexEntry| e.file_len == *len && e.file_mtime_ns == *mtime);
            if fresh {
                continue;
            }
            rebuilt = true;
            self.dirty_shards.insert(shard_of(*id));
            entries.remove(id);
            match self.load_case(*id) {
                Ok(case) => {
                    entries.insert(*id, IndexEntry { summary: case.summary(), file_len: *len, file_mtime_ns: *mtime });
                }
                Err(e) => self.report.damaged.push(e),
            }
        }
        rebuilt
    }

    /// Put back the previous generation of a case whose file vanished, when
    /// it exists and opens. Returns its revision and the restored file's
    /// stamp. Not in a read-only vault: nothing may be written there.
    fn restore_previous_generation(&self, id: Uuid) -> Option<(u32, (u64, i64))> {
        self.lock.as_ref()?;
        let path = self.case_path(id);
        let prev = atomic::previous_path(&path);
        // Read once: the bytes checked are the bytes put back.
        let bytes = fs::read(&prev).ok()?;
        let plaintext = crypto::decrypt(&self.key.identity, &bytes, &prev).ok()?;
        let case = format::decode_case(&plaintext, &prev).ok()?;
        atomic::write_atomic(&path, &bytes, false).ok()?;
        let meta = fs::metadata(&path).ok()?;
        Some((case.revision(), file_stamp(&meta)))
    }

    /// Stop reporting the cases whose file vanished ([`OpenReport::missing`]):
    /// their entries leave the index. Returns how many were forgotten.
    pub fn forget_missing(&mut self) -> Result<usize> {
        self.ensure_writable()?;
        let n = self.missing.len() + self.report.lost_shards.len();
        self.dirty_shards.extend(self.missing.keys().map(|id| shard_of(*id)));
        self.missing.clear();
        self.write_index()?;
        self.update_shard_list(true)?;
        self.report.lost_shards.clear();
        Ok(n)
    }

    /// The index entries of one shard: the cases, and the vanished cases
    /// still to be reported (a case stored again replaces its vanished entry).
    fn shard_entries(&self, shard: u8) -> Vec<IndexEntry> {
        let mut entries: Vec<IndexEntry> = self
            .entries
            .values()
            .chain(self.missing.values().filter(|e| !self.entries.contains_key(&e.summary.id)))
            .filter(|e| shard_of(e.summary.id) == shard)
            .cloned()
            .collect();
        entries.sort_by_key(|e| e.summary.id);
        entries
    }

    /// Every case file in the folder now, with its stamp (read only).
    fn case_files_on_disk(&self) -> Result<HashMap<Uuid, FileStamp>> {
        let mode = scan::ScanMode { stat: true, writable: false, remove_leftovers: false };
        let scan = scan::scan_cases(&self.dir.join(CASES_DIR), mode)?;
        Ok(scan.stamps.into_iter().filter_map(|(id, stamp)| Some((id, stamp?))).collect())
    }

    /// The stamps to compare with the index: every file's when the scan
    /// stat'ed them; after a scan of names only, those of the files the
    /// index does not list (stat'ed now, so a new file is indexed at once;
    /// the others are trusted until [`Vault::apply_case_scan`]).
    fn stamps_to_compare(&self, found: HashMap<Uuid, Option<FileStamp>>, entries: &HashMap<Uuid, IndexEntry>) -> HashMap<Uuid, FileStamp> {
        found
            .into_iter()
            .filter_map(|(id, stamp)| match stamp {
                Some(stamp) => Some((id, stamp)),
                None if entries.contains_key(&id) => None,
                None => fs::symlink_metadata(self.case_path(id)).ok().map(|m| (id, file_stamp(&m))),
            })
            .collect()
    }

    /// Report the progress of batch writes (imports, `add`) to `progress`.
    pub fn set_batch_progress(&mut self, progress: Option<BatchProgress>) {
        self.batch_progress = progress;
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn vault_id(&self) -> Uuid {
        self.key.vault_id
    }

    pub fn key(&self) -> &VaultKey {
        &self.key
    }

    /// The vault's own age public key (`age1…`).
    pub fn recipient(&self) -> String {
        self.key.recipient.to_string()
    }

    pub fn is_read_only(&self) -> bool {
        self.lock.is_none()
    }

    /// What happened while opening (damaged files, rebuilt index).
    pub fn open_report(&self) -> &OpenReport {
        &self.report
    }

    pub fn config(&self) -> &VaultConfig {
        &self.config
    }

    pub fn set_config(&mut self, config: VaultConfig) -> Result<()> {
        let old = std::mem::replace(&mut self.config, config);
        if let Err(e) = self.write_config() {
            self.config = old;
            return Err(e);
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Summaries of every case, in no particular order.
    pub fn summaries(&self) -> impl Iterator<Item = &CaseSummary> {
        self.entries.values().map(|e| &e.summary)
    }

    /// Each case and its file's (length, modification time) as last read
    /// or written: what the search index checks itself against.
    pub fn case_stamps(&self) -> impl Iterator<Item = (Uuid, (u64, i64))> + '_ {
        self.entries.iter().map(|(id, e)| (*id, (e.file_len, e.file_mtime_ns)))
    }

    pub fn summary(&self, id: Uuid) -> Option<&CaseSummary> {
        self.entries.get(&id).map(|e| &e.summary)
    }

    pub fn contains(&self, id: Uuid) -> bool {
        self.entries.contains_key(&id)
    }

    /// A new, unsaved case with the next case code.
    pub fn new_case(&mut self) -> Case {
        let year = now_utc().year();
        // Codes are never reused, whatever an import brought in.
        loop {
            let code = format!("NK-{year}-{:04}", self.next_number);
            self.next_number = self.next_number.saturating_add(1);
            let taken = self.entries.values().chain(self.missing.values()).any(|e| e.summary.code == code);
            if !taken {
                return Case::new(code);
            }
        }
    }

    pub fn case_path(&self, id: Uuid) -> PathBuf {
        self.dir.join(CASES_DIR).join(format!("{id}.age"))
    }

    pub fn draft_path(&self, id: Uuid) -> PathBuf {
        self.dir.join(DRAFTS_DIR).join(format!("{id}.age"))
    }

    pub fn attachment_path(&self, id: Uuid) -> PathBuf {
        self.dir.join(ATTACHMENTS_DIR).join(format!("{id}.age"))
    }

    /// Decrypt one case. A damaged file is an error naming it.
    pub fn load_case(&self, id: Uuid) -> Result<Case> {
        let path = self.case_path(id);
        let bytes = self.read_encrypted(&path)?.ok_or(VaultError::NoSuchCase(id))?;
        let case = format::decode_case(&bytes, &path)?;
        // A file renamed or swapped by hand would show one case under
        // another's name (and be overwritten by the next save of either).
        if case.id != id {
            return Err(VaultError::CaseIdMismatch { file: path, found: case.id, code: case.code.clone() });
        }
        Ok(case)
    }

    /// The generation before the last save of a case, if one is kept: the
    /// way back when the current file is damaged.
    pub fn load_previous_generation(&self, id: Uuid) -> Result<Option<Case>> {
        let path = atomic::previous_path(&self.case_path(id));
        match self.read_encrypted(&path)? {
            Some(bytes) => format::decode_case(&bytes, &path).map(Some),
            None => Ok(None),
        }
    }

    /// Decrypt every case, on all cores. Damaged cases come back as errors
    /// beside the ones that opened.
    pub fn load_all(&self) -> Vec<Result<Case>> {
        let ids: Vec<Uuid> = self.entries.keys().copied().collect();
        self.load_cases(&ids)
    }

    /// Decrypt the cases `ids`, on all cores, in the order given.
    pub fn load_cases(&self, ids: &[Uuid]) -> Vec<Result<Case>> {
        crate::parallel::map(ids, |id| self.load_case(*id))
    }

    /// Save a case: append a revision naming the changed fields and chained
    /// to the previous revision's hash, then write it atomically. The
    /// history on disk is the base, so nothing saved before is overwritten.
    /// On success `case` holds what was stored.
    pub fn save_case(&mut self, case: &mut Case, editor: &str) -> Result<SaveOutcome> {
        self.ensure_writable()?;
        let stored = if self.entries.contains_key(&case.id) || self.case_path(case.id).exists() {
            Some(self.load_case(case.id)?)
        } else {
            None
        };
        let mut next = case.clone();
        let (changed, base_history) = match &stored {
            Some(old) => (changed_fields(old, &next), old.history.clone()),
            None => (vec!["created".to_string()], Vec::new()),
        };
        if changed.is_empty() {
            return Ok(SaveOutcome::Unchanged);
        }
        let before = stored.as_ref().map(|old| crate::model::history::before_of(old, &next));
        let number = self.append_revision(&mut next, base_history, changed.clone(), before, editor);
        self.write_case(&next)?;
        self.discard_draft(next.id)?;
        *case = next;
        Ok(SaveOutcome::Saved { revision: number, changed_fields: changed })
    }

    /// The revision a save appends: changed fields, chained to the previous
    /// revision's hash. Every save makes its revision here (single saves and
    /// [`Vault::add_cases`]), so what a revision carries is decided once.
    fn append_revision(
        &self,
        next: &mut Case,
        base_history: Vec<Revision>,
        changed: Vec<String>,
        before: Option<Vec<crate::model::history::FieldBefore>>,
        editor: &str,
    ) -> u32 {
        let prev_hash = base_history.last().map(|r| r.content_hash.clone()).unwrap_or_default();
        let number = base_history.last().map_or(1, |r| r.number + 1);
        next.updated = now_utc();
        next.history = base_history;
        let revision = Revision {
            number,
            at: next.updated,
            editor: editor.to_string(),
            changed_fields: changed,
            prev_hash,
            content_hash: next.content_hash(),
            note: String::new(),
            signature: None,
            before,
        };
        next.history.push(self.signed(next.id, revision));
        number
    }

    /// Store a case exactly as given (history included), replacing any
    /// stored version. For import and merge, which build the history
    /// themselves; everyday edits go through [`Vault::save_case`].
    pub fn write_case(&mut self, case: &Case) -> Result<()> {
        self.write_cases(std::slice::from_ref(case))
    }

    /// Store several cases exactly as given, then rewrite the index once
    /// (import and bulk loads; one index write instead of one per case).
    /// Each case file is written atomically; on error, the cases written
    /// before it stay saved and the index still describes every file.
    pub fn write_cases(&mut self, cases: &[Case]) -> Result<()> {
        self.ensure_writable()?;
        let mut first_error = None;
        let mut written = 0;
        for case in cases {
            match self.write_case_file(case) {
                Ok(entry) => {
                    written += 1;
                    self.entries.insert(case.id, entry);
                    self.dirty_shards.insert(shard_of(case.id));
                    self.next_number = self.next_number.max(number_after(&case.code));
                }
                Err(e) => {
                    first_error = Some(e);
                    break;
                }
            }
        }
        // Written case files are the truth; the index is a cache that the
        // next open rebuilds if this write fails. Report either failure.
        let indexed = self.write_index();
        // The search index's update: a failure is said like the index's,
        // and the next open indexes the case again from its file.
        let searched = crate::search::store::record(self, &cases[..written]);
        match first_error {
            Some(e) => Err(e),
            None => indexed.and(searched),
        }
    }

    fn write_case_file(&self, case: &Case) -> Result<IndexEntry> {
        let path = self.case_path(case.id);
        let plaintext = format::encode_case(case);
        let ciphertext = crypto::encrypt(&[&self.key.recipient], &plaintext, &format!("case {}", case.code))?;
        atomic::write_atomic(&path, &ciphertext, true)?;
        let meta = fs::metadata(&path).map_err(|e| VaultError::io(&path, e))?;
        let (file_len, file_mtime_ns) = file_stamp(&meta);
        Ok(IndexEntry { summary: case.summary(), file_len, file_mtime_ns })
    }

    /// Autosave unsaved edits, encrypted like everything else.
    pub fn save_draft(&self, case: &Case) -> Result<()> {
        self.ensure_writable()?;
        let plaintext = format::encode_case(case);
        let ciphertext = crypto::encrypt(&[&self.key.recipient], &plaintext, "the draft")?;
        atomic::write_atomic(&self.draft_path(case.id), &ciphertext, false)
    }

    pub fn load_draft(&self, id: Uuid) -> Result<Option<Case>> {
        let path = self.draft_path(id);
        match self.read_encrypted(&path)? {
            Some(bytes) => format::decode_case(&bytes, &path).map(Some),
            None => Ok(None),
        }
    }

    /// Ids of cases with autosaved edits not yet saved.
    pub fn drafts(&self) -> Vec<Uuid> {
        let Ok(entries) = fs::read_dir(self.dir.join(DRAFTS_DIR)) else { return Vec::new() };
        entries
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.strip_suffix(".age").and_then(|s| Uuid::parse_str(s).ok()))
            .collect()
    }

    pub fn discard_draft(&self, id: Uuid) -> Result<()> {
        let path = self.draft_path(id);
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(VaultError::io(&path, e)),
        }
    }

    /// Re-wrap the vault key under a new passphrase. Records are encrypted to
    /// the key, not the passphrase, so none of them is rewritten.
    pub fn change_passphrase(&mut self, old: &SecretString, new: &SecretString, work_factor: u8) -> Result<()> {
        self.ensure_writable()?;
        check_passphrase_length(new)?;
        // Prove the old passphrase before replacing anything.
        let (bytes, key_path) = keyfile::read_wrapped(&self.dir)?;
        let check = VaultKey::unwrap(&bytes, old, &key_path)?;
        if check.vault_id != self.key.vault_id {
            return Err(VaultError::damaged(&key_path, "key file belongs to another vault"));
        }
        let wrapped = self.key.wrap(new, work_factor, &now_text())?;
        // No previous generation: the old wrap would still open with the old
        // passphrase, which is what changing it is meant to stop. The vault
        // key itself stays: an old key file still opens everything with the
        // old passphrase ([`Vault::rotate_key`] is the remedy).
        keyfile::write_wrapped(&self.dir, &wrapped)
    }

    pub(crate) fn ensure_writable(&self) -> Result<()> {
        if self.lock.is_none() {
            return Err(VaultError::ReadOnly { path: self.dir.clone() });
        }
        Ok(())
    }

    fn write_config(&self) -> Result<()> {
        let path = self.dir.join(CONFIG_FILE);
        let plaintext = format::encode_config(&self.config);
        let ciphertext = crypto::encrypt(&[&self.key.recipient], &plaintext, "the settings")?;
        atomic::write_atomic(&path, &ciphertext, true)
    }

    /// Write the index shards changed since the last write.
    fn write_index(&mut self) -> Result<()> {
        let index_dir = self.dir.join(INDEX_DIR);
        while let Some(&shard) = self.dirty_shards.first() {
            let entries = self.shard_entries(shard);
            let path = shard_path(&index_dir, shard);
            if entries.is_empty() {
                atomic::remove_with_previous(&path)?;
            } else {
                let index = IndexFile {
                    format: format::INDEX_FORMAT,
                    vault_id: self.key.vault_id,
                    next_number: self.next_number,
                    entries,
                };
                let plaintext = format::encode_index(&index);
                let ciphertext = crypto::encrypt(&[&self.key.recipient], &plaintext, "the case index")?;
                // A cache checked against the case files' stamps at open:
                // not worth two fsyncs at every save.
                atomic::write_atomic_cache(&path, &ciphertext, true)?;
            }
            self.dirty_shards.remove(&shard);
        }
        // Only a detector of vanished shards: its failure fails no save.
        let _ = self.update_shard_list(false);
        Ok(())
    }

    /// Read and decrypt a file; `None` when it does not exist.
    fn read_encrypted(&self, path: &Path) -> Result<Option<zeroize::Zeroizing<Vec<u8>>>> {
        match fs::read(path) {
            Ok(bytes) => crypto::decrypt(&self.key.identity, &bytes, path).map(Some),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(VaultError::io(path, e)),
        }
    }

    /// The settings in `path`; the defaults when the file does not exist.
    fn read_config(&self, path: &Path) -> Result<VaultConfig> {
        match self.read_encrypted(path)? {
            Some(bytes) => format::decode_config(&bytes, path),
            None => Ok(VaultConfig::default()),
        }
    }
}

/// Whether `dir` holds only what an interrupted [`Vault::create_with`]
/// writes before the key: settings, index, lock, temporary files and empty
/// folders. Anything else (a case, a draft, a stranger's file) means no.
fn is_unfinished_creation(dir: &Path) -> bool {
    let Ok(entries) = fs::read_dir(dir) else { return false };
    entries.flatten().all(|e| {
        let name = e.file_name();
        let Some(name) = name.to_str() else { return false };
        let ours = [CONFIG_FILE, signing::SIGNING_FILE, lock::LOCK_FILE]
            .iter()
            .any(|f| name == *f || name.strip_suffix(atomic::PREVIOUS_SUFFIX) == Some(f));
        let temp = name.starts_with('.') && name.contains(atomic::TEMP_MARKER);
        let empty_sub = [CASES_DIR, DRAFTS_DIR, ATTACHMENTS_DIR, INDEX_DIR].contains(&name)
            && fs::read_dir(e.path()).is_ok_and(|mut d| d.next().is_none());
        ours || temp || empty_sub
    })
}

/// Remove what a failed [`Vault::create_with`] wrote.
fn undo_create(dir: &Path, existed: bool) {
    for name in [KEY_FILE, keyfile::KEY_COPY_FILE, keyfile::RECOVERY_FILE, CONFIG_FILE, signing::SIGNING_FILE] {
        let _ = atomic::remove_with_previous(&dir.join(name));
    }
    atomic::remove_leftover_temps(dir);
    let _ = fs::remove_file(dir.join(lock::LOCK_FILE));
    for sub in [CASES_DIR, DRAFTS_DIR, ATTACHMENTS_DIR, INDEX_DIR] {
        let _ = fs::remove_dir(dir.join(sub));
    }
    if !existed {
        let _ = fs::remove_dir(dir);
    }
}

/// What one index shard held at open.
enum ShardRead {
    Absent,
    /// Damaged, or another vault's: rebuilt from the case files.
    Unreadable,
    Read(IndexFile),
}

/// Threads for work spread over the cores (decrypting at open and load).
fn worker_threads() -> usize {
    crate::parallel::threads()
}

/// Index shard of a case: the first byte of its id.
fn shard_of(id: Uuid) -> u8 {
    id.as_bytes()[0]
}

fn shard_path(index_dir: &Path, shard: u8) -> PathBuf {
    index_dir.join(format!("{shard:02x}.age"))
}

/// Now, as the key files record their creation.
pub(crate) fn now_text() -> String {
    now_utc().format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// Why a folder without a key file does not open: never a vault, or a
/// vault whose keys were erased (cases or settings remain).
pub fn not_a_vault(dir: &Path) -> VaultError {
    let recoverable = dir.join(keyfile::RECOVERY_FILE).is_file();
    // Settings alone are what a creation cut short before the key leaves.
    let had_vault = recoverable || (dir.join(CONFIG_FILE).is_file() && !is_unfinished_creation(dir));
    if had_vault {
        VaultError::KeysErased { dir: dir.to_path_buf(), recoverable }
    } else {
        VaultError::NotAVault { dir: dir.to_path_buf() }
    }
}

/// A case file's length and modification time (ns), as its index entry
/// records them to tell whether the entry is still fresh.
type FileStamp = (u64, i64);

fn file_stamp(meta: &fs::Metadata) -> FileStamp {
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i64);
    (meta.len(), mtime)
}

/// Largest running number that moves the counter: a bundle's case coded
/// `NK-2026-4294967294` must not push the next codes to overflow.
const MAX_RUNNING_NUMBER: u32 = 99_999_999;

/// The running number in a case code like `NK-2026-0042`.
fn code_number(code: &str) -> Option<u32> {
    code.rsplit('-').next()?.parse().ok()
}

/// The counter value a code asks for: one past its number, or 0 when it has
/// none worth following.
fn number_after(code: &str) -> u32 {
    code_number(code).filter(|n| *n <= MAX_RUNNING_NUMBER).map_or(0, |n| n + 1)
}

/// Whether `dir` holds a vault (a key file).
pub fn is_vault(dir: &Path) -> bool {
    keyfile::has_key(dir)
}

/// Where a vault lives when the user does not choose: the per-user data
/// folder (`~/.local/share/testimony-vault/vault` on Linux). Shared by the
/// GUI and the command line.
pub fn default_vault_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "testimony-vault", "testimony-vault").map(|d| d.data_dir().join("vault"))
}
