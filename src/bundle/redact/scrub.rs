//! Finding a removed value again in running text, however it was written.
//!
//! A name removed from the form comes back in the narrative in other
//! shapes: the given name alone, with a particle (영호는, 영호이네, 영호 씨가),
//! an English possessive (Yong-ho's), in the other script (박영호 typed,
//! "Pak Yong-ho" written, or the reverse), spaced or hyphenated (Yong Ho,
//! Yongho, Yong-ho), decomposed (NFD), full-width or in capitals. Literal
//! search misses all of those, so the text is cut into words and each run
//! of up to [`Scrubber::max_words`] adjacent words is compared three ways:
//!
//! - Hangul against Hangul exactly, after taking off any ending
//!   ([`crate::korean::names::hangul_endings`]);
//! - anything against a romanised value through the phonetic keys of
//!   [`crate::korean::romanise`] (so 영호, Yong-ho, Young Ho and Yeongho
//!   agree);
//! - romanised text against a Hangul value through the same keys.
//!
//! A whole word is replaced, ending included (the particle 은 or 는 would
//! tell whether the name ends in a consonant). Birth years match as 1961,
//! '61, 61년생 and 1961년생; phone numbers by their digits whatever the
//! separators.

use crate::korean::names::{hangul_endings, is_address_ending, LATIN_ENDINGS};
use crate::korean::romanise::{fold_latin, hangul_to_latin, is_syllable, latin_letters, syllable_by_syllable};
use crate::text::fold_forms;
use std::collections::HashSet;
use std::ops::Range;

/// Everything to look for in the text of one case.
#[derive(Default, Debug)]
pub struct Scrubber {
    /// Hangul forms (composed, no spaces), matched exactly before an ending.
    pub(super) hangul: HashSet<String>,
    /// Keys of values typed romanised: any word may match them.
    pub(super) keys_any: HashSet<String>,
    /// Keys of values typed in Hangul: only romanised words are compared by
    /// key (a Hangul word is compared exactly, so 용호 stays for 영호).
    pub(super) keys_latin: HashSet<String>,
    /// Surnames, taken alone only with a term of address (박 씨, 리동무).
    pub(super) surnames_hangul: HashSet<String>,
    /// Keys of romanised surnames, taken alone when capitalised mid-sentence
    /// or after a title ("Mr Pak", "said Kim").
    pub(super) surname_keys: HashSet<String>,
    pub(super) years: Vec<i32>,
    /// Phone numbers, as their significant digits.
    pub(super) phones: Vec<String>,
    /// Whole values (an e-mail address, a phrase), lower case, replaced
    /// wherever they occur.
    pub(super) literals: Vec<String>,
    pub(super) max_words: usize,
    max_key: usize,
    /// The first one and two letters of every key.
    prefixes: HashSet<String>,
    /// The first syllable of every Hangul form and surname.
    hangul_first: HashSet<char>,
}

/// Replacement for a removed value found inside other text.
pub const REDACTED_MARK: &str = "[…]";

/// One word of the text: its place and the forms it is compared in.
struct Word {
    span: Range<usize>,
    /// NFKC of the word.
    folded: String,
    /// Whether the word is all Hangul syllables (after folding).
    hangul: bool,
    /// Each way to read it as a stem and an ending (byte lengths in
    /// `folded`), with the stem's Latin readings when keys are compared.
    stems: Vec<Stem>,
    /// Whether a run of words starting here can match a key at all: its
    /// key starts as some removed value's key does.
    may_start_key: bool,
    /// Whether it is compared by key at all.
    read_in_latin: bool,
}

struct Stem {
    len: usize,
    /// Its Latin readings, made the first time a comparison needs them
    /// (romanising every Hangul word of a long narrative is the costly
    /// part, and most words start no key at all).
    letters: std::cell::OnceCell<Vec<String>>,
}

impl Word {
    fn stem(&self, s: &Stem) -> &str {
        &self.folded[..s.len]
    }
    fn rest(&self, s: &Stem) -> &str {
        &self.folded[s.len..]
    }
    /// The Latin readings of a stem; none for a word not read in Latin.
    fn readings<'a>(&'a self, s: &'a Stem) -> &'a [String] {
        if !self.read_in_latin {
            return &[];
        }
        s.letters.get_or_init(|| word_letters(self.stem(s)))
    }
    /// The readings of the whole word (its first stem is the whole).
    fn letters(&self) -> &[String] {
        self.readings(&self.stems[0])
    }
}

impl Scrubber {
    /// The phonetic keys of every removed value (for the review's loose
    /// matches).
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.keys_any.iter().chain(&self.keys_latin)
    }

    /// Whether there is anything to look for.
    pub fn is_empty(&self) -> bool {
        self.hangul.is_empty()
            && self.keys_any.is_empty()
            && self.keys_latin.is_empty()
            && self.surnames_hangul.is_empty()
            && self.surname_keys.is_empty()
            && self.years.is_empty()
            && self.phones.is_empty()
            && self.literals.is_empty()
    }

    pub(super) fn finish(&mut self) {
        self.max_words = self.max_words.clamp(1, 6);
        self.max_key = self.keys_any.iter().chain(&self.keys_latin).map(String::len).max().unwrap_or(0);
        self.hangul_first = self.hangul.iter().chain(&self.surnames_hangul).filter_map(|h| h.chars().next()).collect();
        for k in self.keys_any.iter().chain(&self.keys_latin) {
            self.prefixes.insert(k[..1].to_string());
            if k.len() >= 2 {
                self.prefixes.insert(k[..2].to_string());
            }
        }
        self.literals.sort_by_key(|s| std::cmp::Reverse(s.len()));
        self.literals.dedup();
    }

    /// The spans of `text` that hold a removed value, in order, not
    /// overlapping.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        let mut spans = self.word_spans(text);
        spans.extend(self.phone_spans(text));
        spans.extend(self.literal_spans(text));
        merge(spans)
    }

    /// `text` with every span [`find`](Self::find) returns replaced by
    /// [`REDACTED_MARK`]. Returns how many were replaced.
    pub fn scrub(&self, text: &mut String) -> usize {
        let spans = self.find(text);
        for s in spans.iter().rev() {
            text.replace_range(s.clone(), REDACTED_MARK);
        }
        spans.len()
    }

    fn word_spans(&self, text: &str) -> Vec<Range<usize>> {
        let words = self.words(text);
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let longest = self.max_words.min(words.len() - i);
            let hit = (1..=longest).rev().find(|&n| adjacent(text, &words[i..i + n]) && self.window_matches(text, &words, i, n));
            // A leading word that only joins the name by accident ("We Ŭn
            // Hyŏn": "we" + "un" folds into "un") is not part of it.
            let hit = hit.filter(|&n| n == 1 || !self.absorbed(text, &words, i, n));
            match hit {
                Some(n) => {
                    out.push(words[i].span.start..words[i + n - 1].span.end);
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Whether the first word of a matching window of `n` words is there
    /// only by accident: the rest matches without it, and it is no surname
    /// and matches nothing alone.
    fn absorbed(&self, text: &str, words: &[Word], i: usize, n: usize) -> bool {
        self.window_matches(text, words, i + 1, n - 1)
            && !crate::korean::names::is_surname(&words[i].folded)
            && !self.window_matches(text, words, i, 1)
    }

    fn window_matches(&self, text: &str, words: &[Word], i: usize, n: usize) -> bool {
        let window = &words[i..i + n];
        let last = &window[n - 1];
        if window.iter().all(|w| w.hangul) && self.hangul_matches(window) {
            return true;
        }
        if n == 1 && (self.is_year(&last.folded) || self.is_lone_surname(text, words, i)) {
            return true;
        }
        let any_latin = window.iter().any(|w| !w.hangul);
        let comparable = !self.keys_any.is_empty() || (any_latin && !self.keys_latin.is_empty());
        if !window[0].may_start_key || !comparable {
            return false;
        }
        let head = &window[..n - 1];
        // A word not read in Latin (Hangul, when no value was typed
        // romanised) cannot be part of a key match.
        if window.iter().any(|w| w.letters().is_empty()) {
            return false;
        }
        if head.iter().map(|w| w.letters().iter().map(String::len).min().unwrap_or(0)).sum::<usize>() > 3 * self.max_key {
            return false;
        }
        last.stems.iter().any(|stem| {
            let tail = last.readings(stem);
            let variants = head.iter().map(|w| w.letters().len()).chain([tail.len()]).max().unwrap_or(1);
            (0..variants).any(|v| {
                let mut letters = String::new();
                for part in head.iter().map(Word::letters).chain([tail]) {
                    if let Some(p) = part.get(v.min(part.len().saturating_sub(1))) {
                        letters.push_str(p);
                    }
                }
                let k = fold_latin(&letters);
                self.keys_any.contains(&k) || (any_latin && self.keys_latin.contains(&k))
            })
        })
    }

    /// Hangul compared exactly, with any ending on the last word.
    fn hangul_matches(&self, window: &[Word]) -> bool {
        let n = window.len();
        let last = &window[n - 1];
        let first = window[0].folded.chars().next().unwrap_or(' ');
        // Most words start with a syllable no value starts with.
        if !self.hangul_first.contains(&first) {
            return false;
        }
        let head: String = window[..n - 1].iter().map(|w| w.folded.as_str()).collect();
        for s in &last.stems {
            let (stem, rest) = (last.stem(s), last.rest(s));
            if self.hangul.contains(&format!("{head}{stem}")) {
                return true;
            }
            if n == 1 && self.surnames_hangul.contains(stem) && is_address_ending(rest) {
                return true;
            }
        }
        // 박 씨가: the surname, then the term of address as a word.
        n == 2 && self.surnames_hangul.contains(&window[0].folded) && is_address_ending(&last.folded)
    }

    fn is_year(&self, word: &str) -> bool {
        if self.years.is_empty() || !word.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '\'' | '’' | '‘')) {
            return false;
        }
        let apostrophe = word.starts_with(['\'', '’', '‘']);
        let body = word.trim_start_matches(['\'', '’', '‘']);
        let digits: String = body.chars().take_while(char::is_ascii_digit).collect();
        let rest = &body[digits.len()..];
        let marked = rest.starts_with('년') || rest.starts_with('생') || rest.starts_with("-born");
        self.years.iter().any(|y| {
            let full = y.to_string();
            let short = format!("{:02}", y.rem_euclid(100));
            (digits == full && (rest.is_empty() || marked || hangul_endings().contains(rest)))
                || (digits == short && (apostrophe || marked))
        })
    }

    /// A romanised surname standing alone: capitalised and not the first
    /// word of a sentence (where any word is capitalised), or after a title.
    fn is_lone_surname(&self, text: &str, words: &[Word], i: usize) -> bool {
        let w = &words[i];
        if w.hangul || self.surname_keys.is_empty() {
            return false;
        }
        let Some(s) = w.stems.last() else { return false };
        let stem = w.stem(s);
        const TITLES: [&str; 10] = ["mr", "mrs", "ms", "miss", "mister", "dr", "madam", "comrade", "grandma", "grandpa"];
        let titled = i > 0 && {
            let prev = &words[i - 1].folded;
            let between = &text[words[i - 1].span.end..w.span.start];
            TITLES.iter().any(|t| prev.eq_ignore_ascii_case(t)) && between.trim_matches(|c: char| c == '.' || c.is_whitespace()).is_empty()
        };
        let capitalised = stem.chars().next().is_some_and(char::is_uppercase);
        let named = titled || (capitalised && stem.chars().count() >= 2);
        if !named {
            return false;
        }
        let before = text[..w.span.start].trim_end();
        let sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', '\n', '"', '“', ':']);
        if !titled && sentence_start {
            return false;
        }
        let letters = latin_letters(stem);
        self.surname_keys.contains(&fold_latin(if letters == "park" { "pak" } else { &letters }))
    }

    fn phone_spans(&self, text: &str) -> Vec<Range<usize>> {
        if self.phones.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let is_part = |c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '(' | ')' | '.' | ' ' | '/');
        let mut start: Option<usize> = None;
        let check = |s: usize, e: usize, out: &mut Vec<Range<usize>>| {
            let run = text[s..e].trim_matches(|c: char| !c.is_ascii_digit());
            let offset = s + text[s..e].find(|c: char| c.is_ascii_digit()).unwrap_or(0);
            if self.phones.contains(&significant_digits(run)) {
                out.push(offset..offset + run.len());
            }
        };
        for (i, c) in text.char_indices() {
            match (is_part(fold_digit(c)), start) {
                (true, None) if fold_digit(c).is_ascii_digit() || c == '+' => start = Some(i),
                (false, Some(s)) => {
                    check(s, i, &mut out);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            check(s, text.len(), &mut out);
        }
        out
    }

    fn literal_spans(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        if self.literals.is_empty() {
            return out;
        }
        // ASCII lowercasing keeps byte offsets, so positions found in the
        // lowered copy are valid (and on char boundaries) in the original.
        let lowered = text.to_ascii_lowercase();
        for needle in &self.literals {
            let mut from = 0;
            while let Some(pos) = lowered[from..].find(needle.as_str()) {
                out.push(from + pos..from + pos + needle.len());
                from += pos + needle.len();
            }
        }
        out
    }
}

/// The significant digits of a phone number: without a leading +82 or 0,
/// so "+82 10-1234-5678" and "010 1234 5678" agree. Empty below 7 digits.
pub(super) fn significant_digits(s: &str) -> String {
    let digits: String = s.chars().map(fold_digit).filter(char::is_ascii_digit).collect();
    let d = digits.strip_prefix("82").filter(|_| s.trim_start().starts_with('+')).unwrap_or(&digits);
    let d = d.trim_start_matches('0');
    if d.len() >= 7 { d.to_string() } else { String::new() }
}

fn fold_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        c => c,
    }
}

/// The key of one Hangul syllable read alone, from a table made once: the
/// first letters of any key a word starting with it can have.
fn syllable_key(c: char) -> &'static str {
    static TABLE: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0xAC00u32..=0xD7A3).map(|n| fold_latin(&syllable_by_syllable(&char::from_u32(n).unwrap_or('가').to_string()))).collect()
    });
    let i = (c as u32).wrapping_sub(0xAC00) as usize;
    table.get(i).map_or("", String::as_str)
}

/// Characters that make up a word: letters and digits of any script,
/// combining marks (NFD), and the joiners inside romanised names.
fn is_word_char(c: char) -> bool {
    // Syllables first: most of a Korean narrative, and the general test
    // is slow for them.
    is_syllable(c)
        || c.is_ascii_alphanumeric()
        || c.is_alphanumeric() || ('\u{0300}'..='\u{036F}').contains(&c) || matches!(c, '-' | '\'' | '’' | '‐' | '‑' | '－' | '＇')
}

impl Scrubber {
    /// The words of `text`, with what comparing them needs computed once.
    fn words(&self, text: &str) -> Vec<Word> {
        let mut words = words(text);
        let keys = !self.keys_any.is_empty() || !self.keys_latin.is_empty() || !self.surname_keys.is_empty();
        for w in &mut words {
            w.read_in_latin = keys && (!w.hangul || !self.keys_any.is_empty());
            w.stems = stems(&w.folded).into_iter().map(|(stem, _)| Stem { len: stem.len(), letters: Default::default() }).collect();
            if !w.read_in_latin {
                continue;
            }
            // The key's first letters come from the first syllable or the
            // word itself, however the rest is read.
            w.may_start_key = if w.hangul {
                let first = syllable_key(w.folded.chars().next().unwrap_or('가'));
                self.prefixes.contains(&first[..first.len().min(2)])
            } else {
                // The first letters decide the key's first two.
                let l = &w.letters()[0];
                let k = fold_latin(&l[..l.len().min(6)]);
                self.prefixes.contains(if k.len() >= 3 { &k[..2] } else { &k[..k.len().min(1)] })
            };
        }
        words
    }
}

fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let push = |s: usize, e: usize, out: &mut Vec<Word>| {
        let raw = &text[s..e];
        // Quotes and dashes around a word are not part of it ('61 keeps its
        // apostrophe: that is how a year is shortened).
        let alnum = |c: char| is_syllable(c) || c.is_ascii_alphanumeric() || c.is_alphanumeric();
        let lead = raw.len() - raw.trim_start_matches(|c: char| !alnum(c)).len();
        let lead = if raw[lead..].starts_with(|c: char| c.is_ascii_digit()) && lead > 0 { lead - 1 } else { lead };
        let trimmed = raw[lead..].trim_end_matches(['-', '‐', '‑']);
        if trimmed.is_empty() || !trimmed.chars().any(alnum) {
            return;
        }
        let folded = fold_forms(trimmed).into_owned();
        let hangul = folded.chars().all(is_syllable);
        out.push(Word {
            span: s + lead..s + lead + trimmed.len(),
            folded,
            hangul,
            stems: Vec::new(),
            may_start_key: false,
            read_in_latin: false,
        });
    };
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push(s, i, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut out);
    }
    out
}

/// Whether the words follow each other with only spaces (or a middle dot)
/// between them: a name does not run across a comma or a line.
fn adjacent(text: &str, window: &[Word]) -> bool {
    window.windows(2).all(|p| text[p[0].span.end..p[1].span.start].chars().all(|c| c == ' ' || c == '·' || c == '\u{3000}'))
}

/// The ways to read a word as a stem and an ending: the whole word, and
/// each Hangul ending or English possessive it ends with.
fn stems(word: &str) -> Vec<(&str, &str)> {
    let mut out = vec![(word, "")];
    for (i, _) in word.char_indices().skip(1) {
        let (stem, rest) = word.split_at(i);
        let latin_end = rest.starts_with(['\'', '’', '-']) && LATIN_ENDINGS.iter().any(|e| rest.eq_ignore_ascii_case(e));
        if latin_end || (rest.chars().all(is_syllable) && hangul_endings().contains(rest)) {
            out.push((stem, rest));
        }
    }
    out
}

/// The Latin letters a word may be read as, to be joined with the next
/// words' and folded into a key: a romanised word has one reading; a
/// Hangul word is romanised as a name (syllable by syllable) and as a place
/// (linked, and with the sound changes).
pub(super) fn word_letters(word: &str) -> Vec<String> {
    // A romanised word with a Korean ending (Yong-ho는) reads as its Latin
    // letters; its stem is compared on its own.
    if !word.is_empty() && word.chars().all(is_syllable) {
        let mut out = vec![syllable_by_syllable(word), hangul_to_latin(word, false), hangul_to_latin(word, true)];
        out.dedup();
        return out;
    }
    let letters = latin_letters(word);
    vec![if letters == "park" { "pak".into() } else { letters }]
}

/// The phonetic keys of one word read alone.
pub(super) fn word_keys(word: &str) -> Vec<String> {
    let mut keys: Vec<String> = word_letters(word).iter().map(|l| fold_latin(l)).collect();
    keys.sort();
    keys.dedup();
    keys
}

fn merge(mut spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}
