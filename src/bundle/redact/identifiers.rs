//! What identifies the witness, gathered from one case into a
//! [`Scrubber`]: the values the redaction empties (real name, birth year,
//! home county, contact, the per-case identifying words) and the words the
//! interviewer adds for one export, each expanded into the forms it takes
//! in running text.

use super::scrub::{significant_digits, word_keys, word_letters, Scrubber};
use crate::korean::names::{is_surname, name_splits};
use crate::korean::places;
use crate::korean::romanise::{fold_latin, is_syllable, syllable_by_syllable};
use crate::model::Case;
use crate::text::fold_forms;

/// Keys shorter than this would match ordinary words ("i" is Lee, Ri and
/// Yi; "an" is Ahn), so a value whose key is shorter is matched only in the
/// forms that cannot be mistaken (Hangul, a whole name).
const MIN_KEY: usize = 3;

impl Scrubber {
    /// Everything that identifies the witness of `case`, and `extra` words
    /// (from the review before an export, or `--scrub`).
    pub fn for_case(case: &Case, extra: &[String]) -> Scrubber {
        let mut s = Scrubber::default();
        let w = &case.interviewee;
        for name in script_runs(&w.real_name) {
            s.add_name(&name);
        }
        for place in script_runs(&w.home_county) {
            s.add_place(&place);
        }
        // The year itself: "~1961" in the field is still 1961 in the text.
        s.years.extend(w.birth_year.map(|y| y.year));
        s.add_contact(&w.contact);
        for word in w.identifying_words.iter().chain(extra) {
            s.add_phrase(word);
            for run in script_runs(word) {
                if looks_like_a_name(&run) {
                    s.add_name(&run);
                } else {
                    s.add_phrase(&run);
                }
            }
        }
        s.finish();
        s
    }

    /// Only the given words (the review's "scrub these too").
    pub fn for_words(words: &[String]) -> Scrubber {
        let mut s = Scrubber::default();
        for word in words {
            s.add_phrase(word);
        }
        s.finish();
        s
    }

    /// A personal name: the whole in both orders, the given name alone, the
    /// surname alone (only where it cannot be an ordinary word).
    pub(super) fn add_name(&mut self, name: &str) {
        let name = fold_forms(name.trim()).into_owned();
        self.add_phrase(&name);
        for split in name_splits(&name) {
            let given: Vec<&str> = split.given.iter().map(String::as_str).collect();
            let hangul = split.surname.chars().all(is_syllable);
            if hangul {
                let g: String = given.concat();
                self.hangul.insert(format!("{}{g}", split.surname));
                if g.chars().count() >= 2 {
                    self.hangul.insert(g);
                }
                self.surnames_hangul.insert(split.surname.clone());
            }
            self.surname_keys.extend(word_keys(&split.surname).into_iter().filter(|k| k.len() >= MIN_KEY));
            let sur = vec![split.surname.as_str()];
            let both = [sur.clone(), given.clone()].concat();
            let reversed = [given.clone(), sur].concat();
            self.add_keys(&both, hangul, 1);
            self.add_keys(&reversed, hangul, 1);
            self.add_keys(&given, hangul, MIN_KEY);
            // Romanised text may split a given name written as one word
            // (영호: "Yong Ho").
            self.max_words = self.max_words.max(both.len() + 1);
        }
    }

    /// A place: with or without its unit (시, 군, -gun), under every name
    /// the list of places knows for it (회령, Hoeryong, Hoeryŏng).
    pub(super) fn add_place(&mut self, place: &str) {
        let place = fold_forms(place.trim()).into_owned();
        if place.is_empty() {
            return;
        }
        let stem = places::without_unit(&place).unwrap_or(&place).to_string();
        let keys = word_keys(&stem);
        let known = places::search_places(&stem).into_iter().find(|p| {
            let theirs = word_keys(places::without_unit(p.hangul).unwrap_or(p.hangul));
            theirs.iter().any(|k| keys.contains(k))
        });
        // A place the list knows is found in Hangul text by its Hangul
        // name, exactly; its romanised names need only be compared with
        // romanised words (much cheaper than romanising every Hangul word).
        let latin_only = known.is_some();
        self.add_phrase_as(&place, latin_only);
        self.add_phrase_as(&stem, latin_only);
        if let Some(p) = known {
            for name in [p.hangul, p.rr, p.mr].into_iter().chain(p.former.iter().copied()) {
                let name_stem = places::without_unit(name).unwrap_or(name);
                self.add_phrase_as(name_stem, true);
            }
        }
    }

    fn add_contact(&mut self, contact: &str) {
        let contact = contact.trim();
        let digits = significant_digits(contact);
        if !digits.is_empty() {
            self.phones.push(digits);
        }
        for part in std::iter::once(contact).chain(contact.split_whitespace()) {
            self.add_literal(part);
        }
    }

    /// Any other value: the words as a sequence (Hangul exactly and with an
    /// ending, romanised by key) and the whole text wherever it occurs.
    pub(super) fn add_phrase(&mut self, phrase: &str) {
        self.add_phrase_as(phrase, false);
    }

    /// [`add_phrase`](Self::add_phrase); with `latin_only`, its keys are
    /// compared with romanised words only.
    fn add_phrase_as(&mut self, phrase: &str, latin_only: bool) {
        let phrase = fold_forms(phrase.trim()).into_owned();
        let words: Vec<&str> = phrase.split_whitespace().collect();
        if words.is_empty() {
            return;
        }
        self.add_literal(&phrase);
        // Digits are the same in both scripts ("가족 실명 2" is Hangul).
        let hangul = words.iter().any(|w| w.chars().any(is_syllable))
            && words.iter().all(|w| w.chars().all(|c| is_syllable(c) || c.is_ascii_digit()));
        if hangul && words.concat().chars().count() >= 2 {
            self.hangul.insert(words.concat());
        }
        self.add_keys(&words, hangul || latin_only, MIN_KEY);
        self.max_words = self.max_words.max(words.len());
    }

    /// The keys of `words` read one after another; long enough ones only.
    fn add_keys(&mut self, words: &[&str], hangul: bool, min: usize) {
        // Every reading of every word, one after another, folded once.
        let mut joined: Vec<String> = vec![String::new()];
        for w in words {
            let readings = letters_with_variants(w);
            joined = joined.iter().flat_map(|head| readings.iter().map(move |r| format!("{head}{r}"))).collect();
            joined.truncate(64);
        }
        let set = if hangul { &mut self.keys_latin } else { &mut self.keys_any };
        set.extend(joined.iter().map(|l| fold_latin(l)).filter(|k| k.len() >= min.max(2)));
    }

    /// A value replaced wherever it occurs, if long enough not to match
    /// inside ordinary words.
    fn add_literal(&mut self, value: &str) {
        let n = value.chars().count();
        if n >= 4 || (n >= 2 && !value.is_ascii()) {
            self.literals.push(value.to_ascii_lowercase());
        }
    }
}

/// The readings of a word of a value ([`word_letters`]), and the
/// spellings of it the keys do not fold together: ㅓ written "u" (성 Sung,
/// 정 Jung, 철 Chul, 현 Hyun) and, for a romanised value, "u" and "o" that
/// may each stand for ㅓ, and McCune–Reischauer's ŏ.
fn letters_with_variants(word: &str) -> Vec<String> {
    let mut out = word_letters(word);
    if word.chars().all(is_syllable) {
        out.push(syllable_by_syllable(word).replace("eo", "u"));
    } else {
        let l = out[0].clone();
        out.push(l.replace('u', "o"));
        out.push(l.replace('o', "u"));
        // McCune–Reischauer's ŏ is ㅓ: "Hyŏk-ok" is also "Hyuk-ok".
        out.push(crate::korean::romanise::latin_letters(&word.replace(['ŏ', 'Ŏ'], "u")));
    }
    out.sort();
    out.dedup();
    out
}

/// A value typed in both scripts ("홍길순 Hong Gil-sun", "Kapsan-gun
/// 갑산군") as its runs of words in one script, each a value of its own.
fn script_runs(value: &str) -> Vec<String> {
    let mut runs: Vec<(bool, Vec<&str>)> = Vec::new();
    for w in value.split_whitespace() {
        let hangul = w.chars().any(is_syllable);
        match runs.last_mut() {
            Some((h, words)) if *h == hangul => words.push(w),
            _ => runs.push((hangul, vec![w])),
        }
    }
    runs.into_iter().map(|(_, words)| words.join(" ")).collect()
}

/// Whether an identifying word is a person's name (expanded like the real
/// name: given name alone, both orders) rather than a place or a phrase:
/// 2 to 4 Hangul syllables starting with a common surname, or two or three
/// romanised words with a surname at one end.
fn looks_like_a_name(word: &str) -> bool {
    let word = word.trim();
    let parts: Vec<&str> = word.split_whitespace().collect();
    if parts.iter().all(|p| p.chars().all(is_syllable)) {
        let joined = parts.concat();
        let n = joined.chars().count();
        let first: String = joined.chars().take(1).collect();
        let place_unit = ["리", "동", "시", "군", "구", "읍", "면", "소", "장", "관"].iter().any(|u| joined.ends_with(u));
        return (3..=4).contains(&n) && is_surname(&first) && !place_unit;
    }
    (2..=3).contains(&parts.len()) && (is_surname(parts[0]) || is_surname(parts[parts.len() - 1]))
}
