//! Full-text search over decrypted cases, in memory only.
//!
//! Text is normalised once when a case is indexed (NFC, lower case, full-width
//! forms folded), and each query the same way, so text pasted from macOS
//! (decomposed Hangul) or typed with full-width digits still matches.
//!
//! Names and places also match across scripts and romanisations: every word
//! carries a phonetic key (see [`crate::korean::romanise`]), so "Sinuiju",
//! "Sinŭiju", "Shinuiju" and "신의주" find each other, and "Kim Joonsik" finds
//! "Kim Jun-sik" and "김준식".
//!
//! The index is a vocabulary: each distinct word (whitespace-separated, after
//! normalisation) is stored once with its keys and the cases that contain it.
//! A query word without spaces occurs in a case's text exactly when it occurs
//! inside one of its words, so matching scans the vocabulary, not every
//! narrative: the cost grows with the number of distinct words, not with the
//! length of the testimony. Short fields (names, places) are also stored
//! whole, so "Kimjunsik" finds "Kim Jun sik" and "Ri Song-hui" finds 리송희.
//!
//! Matching rules, per query word (all words must match, in any order):
//! - its normalised text is a substring of a word of the case, or
//! - its phonetic key (3+ letters) is a substring of a word's key, or a
//!   2-letter key starts a word's key ("Cho" finds 조, 조선; "Yi" alone is
//!   too short and only matches as written).
//!
//! A query of several words also matches when its words joined together
//! match phonetically (a name split differently from how it was stored).
//!
//! The search box shows what a Korean IME is still composing, so the last
//! word may end in a lone jamo (수용ㅅ) or carry a consonant that the next
//! vowel will move on (숭 on the way to 수용). The last word therefore also
//! matches by the key of its detached form (수ㅇ), and a lone jamo counts
//! as a one-letter key at the start of a word: results do not blink empty
//! while a syllable is half typed.
//!
//! The index is kept on disk too, encrypted, and updated on every save
//! ([`store`]): unlocking a large vault loads it instead of decrypting and
//! re-reading every case. Postings are compressed bitmaps (`roaring`), so
//! words found in most cases cost a few bits a case.

mod postings;
pub mod store;

use crate::korean::romanise::{self, phonetic_keys};
use crate::model::Case;
use roaring::RoaringBitmap;
use std::collections::HashMap;
use uuid::Uuid;
use zeroize::Zeroize;

/// The one normalisation, from [`crate::text`]; here too because callers
/// matching against search results (the case list, tests) use it from here.
pub use crate::text::normalise;

/// What a case was indexed from: its file's length and modification time
/// (the vault's own stamp of a case file), so a case saved without its
/// index update is found and indexed again. (0, 0) when not known.
pub type Version = (u64, i64);

/// FNV-1a: the vocabulary map is hashed millions of times while indexing,
/// and its keys come from the user's own vault, so a keyed hash buys nothing.
#[derive(Default, Clone, Copy)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf29ce484222325 } else { self.0 };
        for &b in bytes {
            h = (h ^ b as u64).wrapping_mul(0x100000001b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// Fields up to this many characters are also indexed whole (names, places).
const WHOLE_FIELD_CHARS: usize = 80;
/// Phonetic keys shorter than this match only at the start of a word.
const SUBSTRING_KEY_LEN: usize = 3;
/// Phonetic keys shorter than this are not used at all.
const MIN_KEY_LEN: usize = 2;
/// Postings of more cases than this are merged as bitmaps (see `cases_of`).
const LARGE_POSTINGS: u64 = 1024;
/// A word's matched entries are kept for the next keystroke (see
/// [`Matched`]) up to this many; past it the next keystroke scans the
/// vocabulary again (a one-letter word can match most of it).
const KEPT_ENTRIES: usize = 100_000;
/// Keys are ASCII: one set of cases per first byte.
const LETTERS: usize = 128;

/// Strings of all tokens in one buffer, each followed by '\n', so one SIMD
/// substring scan covers the whole vocabulary. A query word has no
/// whitespace and a key no '\n', so no match spans two entries.
#[derive(Default)]
struct Packed {
    buf: String,
    /// Where each entry starts in `buf`, and its token.
    entries: Vec<Entry>,
}

/// One entry of a [`Packed`]: its start and its token side by side, so a
/// match, found by its start, costs one cache miss and not two (with tens
/// of thousands of matches, the owner's miss was most of a keystroke).
#[derive(Clone, Copy)]
struct Entry {
    start: u32,
    owner: u32,
}

impl Packed {
    fn push(&mut self, owner: u32, s: &str) -> u32 {
        self.entries.push(Entry { start: self.buf.len() as u32, owner });
        self.buf.push_str(s);
        self.buf.push('\n');
        (self.entries.len() - 1) as u32
    }

    fn get(&self, entry: u32) -> &str {
        let start = self.entries[entry as usize].start as usize;
        &self.buf[start..self.end_of(entry as usize) - 1]
    }

    fn end_of(&self, entry: usize) -> usize {
        self.entries.get(entry + 1).map_or(self.buf.len(), |e| e.start as usize)
    }

    /// The owners of the entries containing one of `needles` (see
    /// [`Packed::find`]), and, if `keep`, a copy of those entries, each
    /// once, unless they are more than [`KEPT_ENTRIES`]. Copied as found,
    /// while the entry is in the cache.
    fn matching(&self, needles: &[&str], prefix_only: bool, keep: bool) -> (Vec<u32>, Option<Packed>) {
        let (mut owners, mut entries) = (Vec::new(), Vec::new());
        let mut copy = keep.then(Packed::default);
        for needle in needles {
            self.find(needle, prefix_only, |e| {
                let entry = self.entries[e];
                owners.push(entry.owner);
                match &mut copy {
                    Some(c) if entries.len() < KEPT_ENTRIES => {
                        entries.push(e);
                        c.push(entry.owner, self.get(e as u32));
                    }
                    _ => copy = None,
                }
            });
        }
        // An entry can contain two of the needles: keep it once.
        if let Some(c) = copy.as_mut().filter(|_| needles.len() > 1) {
            let mut order: Vec<u32> = (0..entries.len() as u32).collect();
            order.sort_unstable_by_key(|&i| entries[i as usize]);
            order.dedup_by_key(|i| entries[*i as usize]);
            if order.len() < entries.len() {
                let mut once = Packed::default();
                for i in order {
                    once.push(c.entries[i as usize].owner, c.get(i));
                }
                *c = once;
            }
        }
        (owners, copy)
    }

    /// Call `found` with each entry containing `needle` (starting with it,
    /// if `prefix_only`), in order.
    fn find(&self, needle: &str, prefix_only: bool, mut found: impl FnMut(usize)) {
        if needle.is_empty() || self.entries.is_empty() {
            return;
        }
        let hay = self.buf.as_bytes();
        if prefix_only {
            // Entries start at 0 and after each '\n': look for "\n" + needle.
            if self.buf.starts_with(needle) {
                found(0);
            }
            let with_newline = format!("\n{needle}");
            let finder = memchr::memmem::Finder::new(with_newline.as_bytes());
            let mut entry = 0;
            for i in finder.find_iter(hay) {
                entry = self.entry_at(i + 1, entry);
                found(entry);
            }
            return;
        }
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let (mut from, mut entry) = (0, 0);
        while let Some(i) = finder.find(&hay[from..]) {
            entry = self.entry_at(from + i, entry);
            found(entry);
            from = self.end_of(entry);
        }
    }

    /// The entry holding byte `pos`, at or after entry `first` (which
    /// starts at or before `pos`). Matches come in order, often tens of
    /// thousands: galloping from the previous one touches a few nearby
    /// starts where a binary search over all of them missed the cache at
    /// every step.
    fn entry_at(&self, pos: usize, first: usize) -> usize {
        let rest = &self.entries[first..];
        let mut end = 1;
        while end < rest.len() && rest[end].start as usize <= pos {
            end *= 2;
        }
        let low = end / 2;
        let end = end.min(rest.len());
        first + low + rest[low..end].partition_point(|e| e.start as usize <= pos) - 1
    }
}

struct Token {
    /// Entries in `keys`: the literal phonetic key, and the sound-changed
    /// one for Hangul if different. (The text is entry `id` of `texts`.)
    key: u32,
    key_changed: Option<u32>,
    /// Case slots containing the token.
    postings: postings::Postings,
}

/// The distinct normalised words of one case, as the index stores them:
/// what a save hands to the index on disk, and what indexing needs of a
/// case. Wiped when dropped (it is testimony).
#[derive(serde::Serialize, serde::Deserialize)]
pub struct CaseWords {
    pub id: Uuid,
    pub version: Version,
    words: Vec<String>,
}

impl CaseWords {
    /// The words of `case`: each whitespace-separated word of every text
    /// field after normalisation, and short fields (names, places) whole.
    pub fn of(case: &Case, version: Version) -> CaseWords {
        // All fields normalised into one buffer, so each distinct word is
        // allocated once, not each time it occurs.
        let mut text = String::new();
        let mut words: Vec<String> = Vec::new();
        for field in case.text_fields() {
            if field.is_empty() {
                continue;
            }
            let mut normalised = normalise(field);
            if field.chars().count() <= WHOLE_FIELD_CHARS && normalised.split_whitespace().nth(1).is_some() {
                words.push(normalised.split_whitespace().collect::<Vec<_>>().join(" "));
            }
            text.push_str(&normalised);
            text.push('\n');
            normalised.zeroize();
        }
        let mut each: Vec<&str> = text.split_whitespace().collect();
        each.sort_unstable();
        each.dedup();
        words.extend(each.into_iter().map(str::to_string));
        words.sort_unstable();
        words.dedup();
        text.zeroize();
        CaseWords { id: case.id, version, words }
    }
}

impl Drop for CaseWords {
    fn drop(&mut self) {
        self.words.iter_mut().for_each(|w| w.zeroize());
    }
}

/// The keys of one query word and how they may match.
#[derive(PartialEq)]
struct QueryKeys {
    keys: Vec<String>,
    /// False when the keys are 2 letters: they must start a word's key.
    substring: bool,
}

impl QueryKeys {
    /// Keys of `word`; for the `last` word of a query, also the keys it
    /// may be on its way to while a Korean IME is still composing.
    fn of(word: &str, last: bool) -> Option<QueryKeys> {
        let (key, changed) = phonetic_keys(word);
        let mut keys: Vec<String> = std::iter::once(key).chain(changed).collect();
        let mut min_len = MIN_KEY_LEN;
        if last {
            if let Some(detached) = romanise::detach_last_final(word) {
                keys.push(phonetic_keys(&detached).0);
            }
            // A lone jamo is the first keystroke of a syllable: match its
            // sound at the start of words even though it is one letter.
            if word.chars().last().is_some_and(romanise::is_lone_jamo) {
                min_len = 1;
            }
        }
        // "회령시" and "Hoeryong-si" also find text naming 회령 without its unit.
        if let Some(stem) = crate::korean::places::without_unit(word) {
            let (k, k2) = phonetic_keys(stem);
            keys.extend(std::iter::once(k).chain(k2));
        }
        keys.retain(|k| k.len() >= min_len);
        keys.sort();
        keys.dedup();
        if keys.is_empty() {
            return None;
        }
        let substring = keys.iter().all(|k| k.len() >= SUBSTRING_KEY_LEN);
        Some(QueryKeys { keys, substring })
    }
}

/// What one query word matched, kept so the next keystroke can narrow.
struct WordMatch {
    word: String,
    keys: Option<QueryKeys>,
    /// The entries it matched, when kept.
    matched: Option<Matched>,
    /// Bit set of the case slots containing one of its tokens (dense: ORing
    /// thousands of small postings into it costs a few cycles a posting).
    cases: Vec<u64>,
    /// False for the joined query, matched by key only.
    by_text: bool,
    /// False when its tokens were only the text matches (one-letter keys
    /// were matched through `first_letters`): nothing can narrow from it.
    all_tokens: bool,
}

/// The vocabulary entries one word matched (its text, its keys), copied
/// out with their tokens: typing one more letter re-scans these few
/// hundred kilobytes instead of the vocabulary, or instead of fetching
/// each token's text and keys from it, a cache miss apiece (10,000
/// tokens took 6 ms that way at 100,000 cases, more than a new scan).
struct Matched {
    texts: Packed,
    keys: Packed,
}

/// Words of each case, ready to match.
#[derive(Default)]
pub struct SearchIndex {
    /// The case of each slot, in the order first inserted.
    ids: Vec<Uuid>,
    /// What each slot was indexed from (see [`Version`]).
    versions: Vec<Version>,
    /// Slot of each case id.
    slots: FnvMap<Uuid, u32>,
    /// Slots of cases removed since (their ids stay, never returned).
    dead: RoaringBitmap,
    tokens: Vec<Token>,
    /// Normalised text of each token (entry = token id).
    texts: Packed,
    /// Phonetic keys of the tokens.
    keys: Packed,
    /// Token id of each text; made on the first insert after a load, as
    /// only inserting needs it.
    token_ids: Option<FnvMap<String, u32>>,
    /// For each first letter of a key (keys are ASCII), the cases having a
    /// word whose key starts with it: a lone jamo, the first keystroke of
    /// a Korean word, matches this way without listing tens of thousands
    /// of words.
    first_letters: Vec<RoaringBitmap>,
    /// The last query's per-word matches: typing one more letter re-checks
    /// only the words the previous letters matched, when that is sound.
    last: Vec<WordMatch>,
}

impl SearchIndex {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn build<'a>(cases: impl IntoIterator<Item = &'a Case>) -> Self {
        let mut index = SearchIndex::new();
        for case in cases {
            index.insert(case);
        }
        index
    }

    /// Add or replace one case.
    pub fn insert(&mut self, case: &Case) {
        let version = self.version_of(case.id).unwrap_or_default();
        self.insert_words(&CaseWords::of(case, version));
    }

    /// Add or replace one case by its words (see [`CaseWords`]).
    pub fn insert_words(&mut self, words: &CaseWords) {
        let slot = match self.slots.get(&words.id) {
            Some(&slot) => {
                self.clear_slot(slot);
                self.dead.remove(slot);
                slot
            }
            None => {
                let slot = self.ids.len() as u32;
                self.ids.push(words.id);
                self.versions.push((0, 0));
                self.slots.insert(words.id, slot);
                slot
            }
        };
        self.versions[slot as usize] = words.version;
        for word in &words.words {
            let t = self.token_id(word);
            let token = &mut self.tokens[t as usize];
            token.postings.insert(slot);
            for entry in std::iter::once(token.key).chain(token.key_changed) {
                if let Some(&b) = self.keys.get(entry).as_bytes().first() {
                    self.first_letters[(b & 0x7f) as usize].insert(slot);
                }
            }
        }
        self.last.clear();
    }

    /// Forget a case (its file is gone or unreadable).
    pub fn remove(&mut self, id: Uuid) {
        if let Some(&slot) = self.slots.get(&id) {
            self.clear_slot(slot);
            self.dead.insert(slot);
            self.versions[slot as usize] = (0, 0);
            self.last.clear();
        }
    }

    /// Take `slot` out of every posting. Slots do not list their words (that
    /// would double the index), so the vocabulary is scanned: milliseconds,
    /// once a save.
    fn clear_slot(&mut self, slot: u32) {
        for token in &mut self.tokens {
            token.postings.remove(slot);
        }
        for set in &mut self.first_letters {
            set.remove(slot);
        }
    }

    fn token_id(&mut self, text: &str) -> u32 {
        if self.first_letters.len() < LETTERS {
            self.first_letters.resize_with(LETTERS, RoaringBitmap::new);
        }
        let texts = &self.texts;
        let map = self.token_ids.get_or_insert_with(|| (0..texts.entries.len() as u32).map(|t| (texts.get(t).to_string(), t)).collect());
        if let Some(&id) = map.get(text) {
            return id;
        }
        let (key, key_changed) = phonetic_keys(text);
        let id = self.tokens.len() as u32;
        self.texts.push(id, text);
        let key = self.keys.push(id, &key);
        let key_changed = key_changed.map(|k| self.keys.push(id, &k));
        self.tokens.push(Token { key, key_changed, postings: postings::Postings::Empty });
        map.insert(text.to_string(), id);
        id
    }

    /// How many cases are indexed.
    pub fn len(&self) -> usize {
        self.ids.len() - self.dead.len() as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// What `id` was indexed from, if it is indexed.
    pub fn version_of(&self, id: Uuid) -> Option<Version> {
        let slot = *self.slots.get(&id)?;
        (!self.dead.contains(slot)).then(|| self.versions[slot as usize])
    }

    /// Every indexed case and what it was indexed from.
    pub fn versions(&self) -> impl Iterator<Item = (Uuid, Version)> + '_ {
        self.ids.iter().zip(&self.versions).enumerate().filter(|(slot, _)| !self.dead.contains(*slot as u32)).map(|(_, (id, v))| (*id, *v))
    }

    /// Ids of the cases matching every word of `query` (see the module
    /// documentation), in the order the cases were first inserted.
    pub fn search(&mut self, query: &str) -> Vec<Uuid> {
        let q = normalise(query);
        let words: Vec<&str> = q.split_whitespace().collect();
        if words.is_empty() {
            self.last.clear();
            return self.versions().map(|(id, _)| id).collect();
        }
        // Each previous match serves at most one word: a reused one is moved.
        let mut previous_matches = std::mem::take(&mut self.last);
        let mut matches: Vec<WordMatch> = Vec::with_capacity(words.len() + 1);
        for (n, word) in words.iter().enumerate() {
            let last = n + 1 == words.len();
            let keys = QueryKeys::of(word, last);
            let previous = previous_matches.get_mut(n).filter(|p| p.by_text);
            matches.push(self.match_word(previous, word, true, keys, last));
        }
        let mut hits = matches[0].cases.clone();
        for m in &matches[1..] {
            hits.iter_mut().zip(&m.cases).for_each(|(a, b)| *a &= b);
        }
        if words.len() > 1 {
            let joined: String = words.concat();
            if let Some(keys) = QueryKeys::of(&joined, false).filter(|k| k.substring) {
                let previous = previous_matches.iter_mut().find(|p| !p.by_text);
                let m = self.match_word(previous, &joined, false, Some(keys), true);
                hits.iter_mut().zip(&m.cases).for_each(|(a, b)| *a |= b);
                matches.push(m);
            }
        }
        for slot in &self.dead {
            hits[slot as usize / 64] &= !(1 << (slot % 64));
        }
        self.last = matches;
        (0..self.ids.len()).filter(|&i| hits[i / 64] & (1 << (i % 64)) != 0).map(|i| self.ids[i]).collect()
    }

    /// Match one query word (`by_text`: as text and by key; otherwise by key
    /// only, for the joined query), reusing or narrowing `previous`, the
    /// previous query's match at the same position.
    fn match_word(
        &self,
        mut previous: Option<&mut WordMatch>,
        word: &str,
        by_text: bool,
        keys: Option<QueryKeys>,
        may_narrow: bool,
    ) -> WordMatch {
        // The same word is reused only with the same keys: the last word of
        // a query has extra ones while it may still be being composed.
        if let Some(p) = previous.as_deref_mut().filter(|p| p.word == word && p.keys == keys) {
            return WordMatch {
                word: std::mem::take(&mut p.word),
                keys,
                matched: p.matched.take(),
                cases: std::mem::take(&mut p.cases),
                by_text,
                all_tokens: p.all_tokens,
            };
        }
        let previous = previous.as_deref();
        let text = if by_text { word } else { "" };
        if let Some(k) = keys.as_ref().filter(|k| !k.substring && k.keys.iter().all(|k| k.len() == 1)) {
            // One-letter keys: text matches listed, key matches by letter
            // (nothing narrows from these, so no entries are kept).
            let (tokens, _) = self.matching_tokens(text, None, None, false);
            let mut cases = self.cases_of(&tokens);
            for b in k.keys.iter().filter_map(|k| k.as_bytes().first()) {
                for slot in self.first_letters.get((b & 0x7f) as usize).into_iter().flatten() {
                    cases[slot as usize / 64] |= 1 << (slot % 64);
                }
            }
            return WordMatch { word: word.to_string(), keys, matched: None, cases, by_text, all_tokens: false };
        }
        let narrow_from = previous.filter(|p| may_narrow && can_narrow(p, word, keys.as_ref())).and_then(|p| p.matched.as_ref());
        let (tokens, matched) = self.matching_tokens(text, keys.as_ref(), narrow_from, true);
        let cases = self.cases_of(&tokens);
        WordMatch { word: word.to_string(), keys, matched, cases, by_text, all_tokens: true }
    }

    /// Tokens matching `word` as text or by key (an empty `word` matches
    /// by key only), and, if `keep`, the entries they matched by, unless
    /// too many to keep. Narrowing, only the entries `previous` matched are
    /// checked; otherwise the whole vocabulary is scanned.
    fn matching_tokens(
        &self,
        word: &str,
        keys: Option<&QueryKeys>,
        previous: Option<&Matched>,
        keep: bool,
    ) -> (Vec<u32>, Option<Matched>) {
        let (texts, key_entries) = previous.map_or((&self.texts, &self.keys), |m| (&m.texts, &m.keys));
        let (mut tokens, text_copy) = texts.matching(&[word], false, keep);
        let needles: Vec<&str> = keys.map_or(Vec::new(), |k| k.keys.iter().map(String::as_str).collect());
        let (by_key, key_copy) = key_entries.matching(&needles, keys.is_some_and(|k| !k.substring), keep);
        tokens.extend(by_key);
        tokens.sort_unstable();
        tokens.dedup();
        tokens.retain(|&t| !self.tokens[t as usize].postings.is_empty());
        let matched = text_copy.zip(key_copy).map(|(texts, keys)| Matched { texts, keys });
        (tokens, matched)
    }

    /// The case slots containing any of `tokens`.
    /// Small postings are set bit by bit; large ones (common words, in
    /// thousands of cases) are ORed as bitmaps first, a word at a time.
    fn cases_of(&self, tokens: &[u32]) -> Vec<u64> {
        let mut set = vec![0u64; self.ids.len().div_ceil(64)];
        let mut large = RoaringBitmap::new();
        for &t in tokens {
            match &self.tokens[t as usize].postings {
                postings::Postings::Many(b) if b.len() > LARGE_POSTINGS => large |= b,
                p => p.for_each(|slot| set[slot as usize / 64] |= 1 << (slot % 64)),
            }
        }
        for slot in &large {
            set[slot as usize / 64] |= 1 << (slot % 64);
        }
        set
    }
}

/// Whether every token matching `word` must also have matched the previous
/// word `p`: true when `word` extends `p.word` and each of its keys contains
/// one of the previous keys, which were used as substrings.
fn can_narrow(p: &WordMatch, word: &str, keys: Option<&QueryKeys>) -> bool {
    if !p.all_tokens || !word.starts_with(p.word.as_str()) {
        return false;
    }
    match (&p.keys, keys) {
        // The new word matches by text only: text matches narrow.
        (_, None) => true,
        (Some(old), Some(new)) => {
            old.substring && new.keys.iter().all(|nk| old.keys.iter().any(|ok| nk.contains(ok.as_str())))
        }
        // The previous word was too short to match by key; the new one may
        // match tokens the previous one did not.
        (None, Some(_)) => false,
    }
}

/// Entries are testimony (words of it, their sounds), here or copied.
impl Drop for Packed {
    fn drop(&mut self) {
        self.buf.zeroize();
    }
}

impl Drop for SearchIndex {
    fn drop(&mut self) {
        // The map's keys are copies of the token texts.
        for (mut k, _) in self.token_ids.iter_mut().flat_map(|m| m.drain()) {
            k.zeroize();
        }
        for m in &mut self.last {
            m.word.zeroize();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SearchIndex;
    use crate::model::Case;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn normal_forms_and_width_do_not_matter() {
        let mut case = Case::new("NK-2026-0001");
        let decomposed: String = "요덕 수용소".nfd().collect();
        case.narrative = format!("He was held in {decomposed} in １９９８.");
        let mut index = SearchIndex::build([&case]);
        assert_eq!(index.search("수용소"), vec![case.id]);
        assert_eq!(index.search("1998"), vec![case.id]);
        assert_eq!(index.search("HELD"), vec![case.id]);
        assert!(index.search("화성").is_empty());
    }

    #[test]
    fn matched_entries_are_copied_once_with_their_tokens() {
        let mut packed = super::Packed::default();
        for (owner, text) in [(7, "kimcunsik12"), (7, "cunsik"), (9, "pak"), (4, "kimsik")] {
            packed.push(owner, text);
        }
        // "kimcunsik12" holds both needles: one copy of it.
        let (owners, copy) = packed.matching(&["kim", "sik"], false, true);
        let copy = copy.unwrap();
        let copied: Vec<(u32, &str)> = (0..copy.entries.len() as u32).map(|e| (copy.entries[e as usize].owner, copy.get(e))).collect();
        assert_eq!(copied, vec![(7, "kimcunsik12"), (7, "cunsik"), (4, "kimsik")]);
        let mut owners = owners;
        owners.sort_unstable();
        owners.dedup();
        assert_eq!(owners, vec![4, 7]);
        // Narrowing from the copy finds what the whole vocabulary would.
        assert_eq!(copy.matching(&["cunsik"], false, true).0, vec![7, 7]);
        assert_eq!(packed.matching(&["cun"], true, true).0, vec![7]);
        // Nothing is copied where nothing will narrow from it.
        assert!(packed.matching(&["kim"], false, false).1.is_none());
    }

    #[test]
    fn narrowing_gives_the_same_result_as_a_fresh_search() {
        let mut a = Case::new("A");
        a.narrative = "public execution in Hyesan".into();
        let mut b = Case::new("B");
        b.narrative = "public meeting".into();
        let mut index = SearchIndex::build([&a, &b]);
        assert_eq!(index.search("public").len(), 2);
        assert_eq!(index.search("public ex"), vec![a.id]);
        assert_eq!(index.search("public"), index.search("public"));
        assert_eq!(index.search("public").len(), 2);
    }

    #[test]
    fn replacing_a_case_forgets_its_old_words() {
        let mut a = Case::new("A");
        a.narrative = "회령에서 태어났다".into();
        let mut index = SearchIndex::build([&a]);
        assert_eq!(index.search("Hoeryong"), vec![a.id]);
        a.narrative = "혜산에서 태어났다".into();
        index.insert(&a);
        assert_eq!(index.len(), 1);
        assert!(index.search("Hoeryong").is_empty());
        assert!(index.search("회령").is_empty());
        assert_eq!(index.search("Hyesan"), vec![a.id]);
    }
}
