//! The search index on disk, so unlocking a large vault does not decrypt
//! and re-read every case before search covers them all.
//!
//! ```text
//! <vault>/search/index.age         the whole index (format, vault id, words,
//!                                  keys, postings), postcard, then age
//! <vault>/search/delta-<time>-<uuid>.age  the words of cases saved
//!                                  since, one file a write
//! ```
//! Both are encrypted to the vault key like every other file. The index is
//! a cache of the case files, never the truth: each case is indexed with
//! its file's stamp (length, modification time: the vault's own check of
//! its summary shards), and at open every stamp is compared with the
//! vault's. A case saved without its index update (a crash between the two
//! writes, a full disk), restored from its previous generation or changed
//! behind the program's back is indexed again from its file; a case whose
//! file is gone leaves the index. A file that is missing, damaged, from
//! another vault or of another format is replaced by an index built from
//! the case files (the first open of a vault made before this file existed
//! does exactly that), with a notice, never an error that blocks the vault.
//!
//! A save writes one small delta (no rewrite of the whole index); the open
//! that finds deltas folds them into a new `index.age` and removes them.
//! Deltas are applied in the order written, and only the words written for
//! the file now on disk count. (Like the vault's summary shards, this
//! trusts that a changed file has a changed length or time.)

use super::postings::Postings;
use super::{CaseWords, Entry, SearchIndex, Token, Version, LETTERS};
use crate::model::Case;
use crate::vault::{atomic, crypto, modes, CaseScan, CheckReport, Vault, VaultError, VaultKey};
use roaring::RoaringBitmap;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use uuid::Uuid;
use zeroize::Zeroizing;

/// Folder of the search index in a vault.
pub const SEARCH_DIR: &str = "search";
const INDEX_FILE: &str = "index.age";
const DELTA_PREFIX: &str = "delta-";
/// Version of `index.age` and of the deltas; another one is rebuilt.
pub const FORMAT: u32 = 1;
/// Writes of more cases than this (imports) write no delta: the next open
/// finds them by their stamps and indexes them from their files on every
/// core, which costs less than normalising them here, during the import.
pub const MAX_DELTA_CASES: usize = 256;

/// What loading the index found, for the user and the tests.
#[derive(Debug, Default)]
pub struct LoadReport {
    /// Why the stored index was not used and one was built from the cases.
    pub rebuilt: Option<Rebuilt>,
    /// Cases indexed again from their files (stale, new or unlisted).
    pub reindexed: usize,
    /// Deltas folded in.
    pub deltas: usize,
    /// Cases whose file could not be read: left out of search.
    pub damaged: Vec<VaultError>,
    /// The new index could not be written (it is rebuilt next time).
    pub not_saved: Option<VaultError>,
}

/// Why the stored index was not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rebuilt {
    /// None yet: a vault made before the index was kept, or a new one.
    Missing,
    /// Unreadable, truncated, changed, from another vault or inconsistent.
    Damaged,
    /// Written by another version of the program.
    OtherVersion,
}

impl LoadReport {
    /// What the user must be told about the index, in the current
    /// language (damaged cases are in `damaged`). A first build is no
    /// news; a damaged index rebuilt and one not saved are.
    pub fn notices(&self) -> Vec<String> {
        let mut out = Vec::new();
        if matches!(self.rebuilt, Some(Rebuilt::Damaged | Rebuilt::OtherVersion)) {
            out.push(crate::i18n::t("notice-search-index-rebuilt"));
        }
        if let Some(e) = &self.not_saved {
            out.push(crate::i18n::t_args("notice-search-index-not-saved", &[("error", &e.to_string())]));
        }
        out
    }
}

#[derive(Serialize, Deserialize)]
struct Header {
    format: u32,
    vault_id: Uuid,
}

#[derive(Serialize, Deserialize)]
struct StoredToken {
    key: u32,
    key_changed: Option<u32>,
    /// A roaring bitmap in its portable serialisation.
    postings: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
struct StoredIndex {
    ids: Vec<Uuid>,
    versions: Vec<Version>,
    dead: Vec<u8>,
    texts: String,
    text_starts: Vec<u32>,
    keys: String,
    key_starts: Vec<u32>,
    key_owner: Vec<u32>,
    tokens: Vec<StoredToken>,
    first_letters: Vec<Vec<u8>>,
}

impl Drop for StoredIndex {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.texts.zeroize();
        self.keys.zeroize();
    }
}

#[derive(Serialize, Deserialize)]
struct Delta {
    cases: Vec<CaseWords>,
}

pub fn search_dir(vault_dir: &Path) -> PathBuf {
    vault_dir.join(SEARCH_DIR)
}

/// The index of `vault`'s cases, from disk when it is there and sound,
/// brought up to date with the case files and saved back when it changed
/// (not in a read-only vault). Never fails: at worst it is built from the
/// case files.
pub fn open(vault: &Vault) -> (SearchIndex, LoadReport) {
    open_read(vault, read(vault.dir(), vault.key()))
}

/// `index.age` decrypted and decoded, not yet checked against the case
/// files: the slow part of [`open`], which needs only the key, so it can
/// run beside the vault's own open ([`Vault::open_beside`]).
pub struct Decrypted(Result<SearchIndex, Rebuilt>);

/// Read the index of the vault in `vault_dir` (see [`Decrypted`]).
pub fn read(vault_dir: &Path, key: &VaultKey) -> Decrypted {
    Decrypted(read_index(key, &search_dir(vault_dir).join(INDEX_FILE)))
}

/// [`open`], with the index already read by [`read`] with the vault's key.
pub fn open_read(vault: &Vault, read: Decrypted) -> (SearchIndex, LoadReport) {
    let dir = search_dir(vault.dir());
    let mut report = LoadReport::default();
    let writable = !vault.is_read_only();
    if writable {
        atomic::remove_leftover_temps(&dir);
    }
    let mut index = match read.0 {
        Ok(index) => index,
        Err(why) => {
            report.rebuilt = Some(why);
            SearchIndex::new()
        }
    };
    let current: HashMap<Uuid, Version> = vault.case_stamps().collect();
    let deltas = delta_files(&dir);
    report.deltas = apply_deltas(vault, &mut index, &deltas, &current);
    let changed = bring_up_to_date(vault, &mut index, &current, &mut report);
    if writable && (changed || report.deltas > 0 || report.rebuilt.is_some()) {
        match save(vault, &index) {
            Ok(()) => deltas.iter().for_each(|d| drop(atomic::remove_with_previous(d))),
            Err(e) => report.not_saved = Some(e),
        }
    }
    (index, report)
}

/// [`open`], while the case files' stamps are read for
/// [`Vault::apply_case_scan`] (from a cold cache both wait on the disk,
/// so side by side they take the time of the longer). For an open that
/// read only the names ([`crate::vault::CaseCheck::Later`]).
pub fn open_while_scanning(vault: &Vault) -> (SearchIndex, LoadReport, Result<CaseScan, VaultError>) {
    let (dir, writable) = (vault.dir(), !vault.is_read_only());
    std::thread::scope(|s| {
        let scan = s.spawn(|| Vault::scan_case_files(dir, writable));
        let (index, report) = open(vault);
        (index, report, scan.join().expect("scanning does not panic"))
    })
}

/// After [`Vault::apply_case_scan`]: `index`, loaded against the stamps
/// the check has since corrected, indexes the changed cases again and
/// forgets the removed ones. Returns the cases that could not be read.
/// The index on disk is left for the next open, which finds them by stamp.
pub fn apply_check(vault: &Vault, index: &mut SearchIndex, checked: &CheckReport) -> Vec<VaultError> {
    for id in &checked.removed {
        index.remove(*id);
    }
    let wanted: std::collections::HashSet<Uuid> = checked.changed.iter().map(|s| s.id).collect();
    let stamps: Vec<(Uuid, Version)> = vault.case_stamps().filter(|(id, _)| wanted.contains(id)).collect();
    let mut unreadable = Vec::new();
    for result in words_of(vault, &stamps) {
        match result {
            Ok(words) => index.insert_words(&words),
            Err((id, e)) => {
                index.remove(id);
                unreadable.push(e);
            }
        }
    }
    unreadable
}

/// Index again every case whose stamp differs from what it was indexed
/// from, and forget the ones the vault no longer lists. True if any.
fn bring_up_to_date(vault: &Vault, index: &mut SearchIndex, current: &HashMap<Uuid, Version>, report: &mut LoadReport) -> bool {
    let gone: Vec<Uuid> = index.versions().filter(|(id, _)| !current.contains_key(id)).map(|(id, _)| id).collect();
    for id in &gone {
        index.remove(*id);
    }
    let mut stale: Vec<(Uuid, Version)> =
        current.iter().filter(|(id, v)| index.version_of(**id) != Some(**v)).map(|(id, v)| (*id, *v)).collect();
    // Index in a stable order (the case list sorts anyway).
    stale.sort_unstable();
    report.reindexed = stale.len();
    for result in words_of(vault, &stale) {
        match result {
            Ok(words) => index.insert_words(&words),
            Err((id, e)) => {
                index.remove(id);
                report.damaged.push(e);
            }
        }
    }
    !gone.is_empty() || !stale.is_empty()
}

/// Decrypt and normalise the cases `ids` on every core; only their words
/// are kept.
fn words_of(vault: &Vault, ids: &[(Uuid, Version)]) -> Vec<Result<CaseWords, (Uuid, VaultError)>> {
    crate::parallel::map(ids, |&(id, version)| vault.load_case(id).map(|c| CaseWords::of(&c, version)).map_err(|e| (id, e)))
}

/// Record the words of `cases`, just written, for the next open (see the
/// module documentation). Called by the vault after each write of case
/// files; their stamps must already be the vault's.
pub fn record(vault: &Vault, cases: &[Case]) -> Result<(), VaultError> {
    if cases.is_empty() || cases.len() > MAX_DELTA_CASES {
        return Ok(());
    }
    // Only these cases' stamps: a save at 100,000 cases must not copy them all.
    let wanted: std::collections::HashSet<Uuid> = cases.iter().map(|c| c.id).collect();
    let stamps: HashMap<Uuid, Version> = vault.case_stamps().filter(|(id, _)| wanted.contains(id)).collect();
    let delta = Delta {
        cases: cases.iter().filter_map(|c| Some(CaseWords::of(c, *stamps.get(&c.id)?))).collect(),
    };
    let dir = search_dir(vault.dir());
    modes::create_private_dir(&dir)?;
    // Named by time, so they are applied in the order written: of two
    // saves within one tick of the file system's clock (same stamp), the
    // later wins.
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let path = dir.join(format!("{DELTA_PREFIX}{nanos:024}-{}.age", Uuid::new_v4().simple()));
    let plaintext = encode(vault, &delta)?;
    let ciphertext = crypto::encrypt(&[vault.key().recipient()], &plaintext, "the search index")?;
    atomic::write_atomic(&path, &ciphertext, false)
}

fn encode<T: Serialize>(vault: &Vault, body: &T) -> Result<Zeroizing<Vec<u8>>, VaultError> {
    encode_for(vault.vault_id(), body)
}

fn encode_for<T: Serialize>(vault_id: Uuid, body: &T) -> Result<Zeroizing<Vec<u8>>, VaultError> {
    let header = Header { format: FORMAT, vault_id };
    let fail = |e: postcard::Error| VaultError::Encrypt { what: "the search index".into(), detail: e.to_string() };
    let mut out = Zeroizing::new(postcard::to_stdvec(&header).map_err(fail)?);
    out.extend_from_slice(&Zeroizing::new(postcard::to_stdvec(body).map_err(fail)?));
    Ok(out)
}

/// Decrypt `path` and decode its body, checking the header.
fn decode<T: for<'de> Deserialize<'de>>(key: &VaultKey, path: &Path) -> Result<T, Rebuilt> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Rebuilt::Missing),
        Err(_) => return Err(Rebuilt::Damaged),
    };
    let plaintext = crypto::decrypt(key.identity(), &bytes, path).map_err(|_| Rebuilt::Damaged)?;
    parse(&plaintext, key.vault_id())
}

/// The body of a decrypted file of the vault `vault_id`.
fn parse<T: for<'de> Deserialize<'de>>(plaintext: &[u8], vault_id: Uuid) -> Result<T, Rebuilt> {
    let (header, rest) = postcard::take_from_bytes::<Header>(plaintext).map_err(|_| Rebuilt::Damaged)?;
    if header.vault_id != vault_id {
        return Err(Rebuilt::Damaged);
    }
    if header.format != FORMAT {
        return Err(Rebuilt::OtherVersion);
    }
    postcard::from_bytes(rest).map_err(|_| Rebuilt::Damaged)
}

fn delta_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_name().to_str().is_some_and(|n| n.starts_with(DELTA_PREFIX) && n.ends_with(".age")))
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

/// Apply the words in `deltas` of cases whose file is the one they were
/// written for. An unreadable delta is skipped: its cases are stale and
/// indexed again from their files. Returns how many deltas were read.
fn apply_deltas(vault: &Vault, index: &mut SearchIndex, deltas: &[PathBuf], current: &HashMap<Uuid, Version>) -> usize {
    for path in deltas {
        let Ok(delta) = decode::<Delta>(vault.key(), path) else { continue };
        for words in &delta.cases {
            if current.get(&words.id) == Some(&words.version) {
                index.insert_words(words);
            }
        }
    }
    deltas.len()
}

fn save(vault: &Vault, index: &SearchIndex) -> Result<(), VaultError> {
    let dir = search_dir(vault.dir());
    modes::create_private_dir(&dir)?;
    let plaintext = encode(vault, &to_stored(index))?;
    let ciphertext = crypto::encrypt(&[vault.key().recipient()], &plaintext, "the search index")?;
    atomic::write_atomic(&dir.join(INDEX_FILE), &ciphertext, false)
}

fn read_index(key: &VaultKey, path: &Path) -> Result<SearchIndex, Rebuilt> {
    let mut stored = decode::<StoredIndex>(key, path)?;
    from_stored(&mut stored).ok_or(Rebuilt::Damaged)
}

/// The plaintext of `index.age` for `index` (for the decoder tests).
#[doc(hidden)]
pub fn index_plaintext(index: &SearchIndex, vault_id: Uuid) -> Zeroizing<Vec<u8>> {
    encode_for(vault_id, &to_stored(index)).expect("encoding to memory does not fail")
}

/// The index in a decrypted `index.age`, or why it cannot be used; never
/// panics, whatever the bytes (for the decoder tests and fuzzing).
#[doc(hidden)]
pub fn index_from_plaintext(plaintext: &[u8], vault_id: Uuid) -> Result<SearchIndex, Rebuilt> {
    let mut stored = parse::<StoredIndex>(plaintext, vault_id)?;
    from_stored(&mut stored).ok_or(Rebuilt::Damaged)
}

fn bitmap_bytes(b: &RoaringBitmap) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.serialized_size());
    b.serialize_into(&mut out).expect("writing to memory does not fail");
    out
}

fn to_stored(index: &SearchIndex) -> StoredIndex {
    StoredIndex {
        ids: index.ids.clone(),
        versions: index.versions.clone(),
        dead: bitmap_bytes(&index.dead),
        texts: index.texts.buf.clone(),
        text_starts: index.texts.entries.iter().map(|e| e.start).collect(),
        keys: index.keys.buf.clone(),
        key_starts: index.keys.entries.iter().map(|e| e.start).collect(),
        key_owner: index.keys.entries.iter().map(|e| e.owner).collect(),
        tokens: index
            .tokens
            .iter()
            .map(|t| StoredToken { key: t.key, key_changed: t.key_changed, postings: bitmap_bytes(&t.postings.to_bitmap()) })
            .collect(),
        first_letters: index.first_letters.iter().map(bitmap_bytes).collect(),
    }
}

/// The index a stored one describes, or `None` when it does not hold
/// together (every offset and slot is checked: a searched index must
/// never panic or point at another case). Its buffers are moved, not
/// copied: at 100,000 cases they are tens of megabytes.
fn from_stored(s: &mut StoredIndex) -> Option<SearchIndex> {
    let slots = s.ids.len() as u32;
    let bitmap = |bytes: &[u8]| {
        RoaringBitmap::deserialize_from(bytes).ok().filter(|b| b.max().is_none_or(|m| m < slots))
    };
    let tokens = s.tokens.len() as u32;
    let keys = s.key_starts.len() as u32;
    let consistent = s.versions.len() == s.ids.len()
        && s.text_starts.len() == s.tokens.len()
        && s.key_owner.len() == s.key_starts.len()
        && s.key_owner.iter().all(|&o| o < tokens)
        && s.tokens.iter().all(|t| t.key < keys && t.key_changed.is_none_or(|k| k < keys))
        && s.first_letters.len() <= LETTERS
        && packed_ok(&s.texts, &s.text_starts)
        && packed_ok(&s.keys, &s.key_starts);
    if !consistent {
        return None;
    }
    let mut index = SearchIndex::new();
    index.slots = s.ids.iter().enumerate().map(|(i, id)| (*id, i as u32)).collect();
    if index.slots.len() != s.ids.len() {
        return None;
    }
    index.dead = bitmap(&s.dead)?;
    index.ids = std::mem::take(&mut s.ids);
    index.versions = std::mem::take(&mut s.versions);
    index.texts.buf = std::mem::take(&mut s.texts);
    index.texts.entries = s.text_starts.iter().zip(0..).map(|(&start, owner)| Entry { start, owner }).collect();
    index.keys.buf = std::mem::take(&mut s.keys);
    index.keys.entries = s.key_starts.iter().zip(&s.key_owner).map(|(&start, &owner)| Entry { start, owner }).collect();
    index.tokens = s
        .tokens
        .iter()
        .map(|t| Some(Token { key: t.key, key_changed: t.key_changed, postings: Postings::from_bitmap(bitmap(&t.postings)?) }))
        .collect::<Option<_>>()?;
    index.first_letters = s.first_letters.iter().map(|b| bitmap(b)).collect::<Option<_>>()?;
    index.first_letters.resize_with(LETTERS, RoaringBitmap::new);
    Some(index)
}

/// Whether `starts` cut `buf` into '\n'-terminated entries on character
/// boundaries, as [`super::Packed`] makes them.
fn packed_ok(buf: &str, starts: &[u32]) -> bool {
    let bytes = buf.as_bytes();
    let in_order = starts.first().is_none_or(|&s| s == 0) && starts.windows(2).all(|w| w[0] < w[1]);
    in_order
        && (starts.is_empty() == buf.is_empty())
        && bytes.last().is_none_or(|&b| b == b'\n')
        && starts.iter().all(|&s| {
            let s = s as usize;
            s < bytes.len() && buf.is_char_boundary(s) && (s == 0 || bytes[s - 1] == b'\n')
        })
}
