//! Phonetic keys: one lossy Latin spelling shared by Hangul and by the ways
//! people romanise it, so a search in either script finds the other.
//!
//! Korean names and places reach a vault written many ways: 신의주,
//! Sinuiju (Revised Romanisation), Sinŭiju (McCune–Reischauer), Shinuiju
//! (English habit), Sinuiju-si, Sin-ŭi-ju. Instead of listing spellings, both
//! the text and the query are reduced to a *key* and keys are compared:
//!
//! 1. Hangul syllables are split into jamo and written in Revised
//!    Romanisation letter by letter (final consonants move to a following
//!    silent ㅇ, as RR does). A second key applies the common sound changes
//!    (독립 → dongnip, 종로 → jongno, 신라 → silla), because RR spells place
//!    names as pronounced while names of people are spelled syllable by
//!    syllable; a Hangul word matches through either key.
//! 2. Latin text loses case, diacritics (ŏ ŭ), apostrophes and hyphens.
//! 3. The letters are folded into one class per Korean sound the systems
//!    disagree on: k/g/kh, t/d/th, p/b/ph/f, ch/j/tch/z, s/sh, r/l,
//!    eo/ŏ/o, eu/ŭ/u/oo, ae/e, yeo/yo, oe/oi/wae/we, ui/ŭi/ee/i, ng/n+g,
//!    doubled consonants single. A word-initial r/l before i
//!    or y is dropped and before another vowel becomes n, and an initial
//!    n before i or y is dropped (North Korea writes 리, 로동, 녕변; the South
//!    이, 노동, 영변), so Ri, Lee, Rhee, Yi and 이 share the key `i`.
//!
//! Limits, stated plainly:
//! - Lossy by design: different Korean words can share a key (개 and 게,
//!   초 and 조, 보이 and 뵈); short keys would therefore match almost
//!   anything, so the search only uses a key of 3 or more letters as a
//!   substring and a key of 2 letters as a word prefix (see `search`).
//! - Spellings that change a vowel class are not folded: Sung for 성
//!   (folded: song), Jung for 정 (jong), Kwang/Gwang are fine but Kwan/Gwan
//!   for 관 is another word. Only "Park" for 박 is special-cased.
//! - No dictionary: word-internal sound changes beyond the common
//!   assimilations above (e.g. tensing, ㅎ dropping) are not modelled.
//! - English, Chinese or Japanese readings of the same place (Mount Paektu
//!   vs 백두산 works; Changbai for 백두산 does not).

use crate::text::fold_forms;
use unicode_normalization::UnicodeNormalization;

const SYLLABLE_FIRST: u32 = 0xAC00;

/// Initial consonants, in Unicode order.
const INITIALS: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h",
];

const VOWELS: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu",
    "ui", "i",
];

/// Final consonant (batchim) as a consonant class, in Unicode order:
/// 0 none, then ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Final {
    None,
    K,
    N,
    T,
    L,
    M,
    P,
    Ng,
    /// ㅎ: silent before a vowel, aspirates what follows.
    H,
}

const FINALS: [(Final, &str); 28] = {
    use Final::*;
    // (class when a consonant follows, letter carried over before a vowel)
    [
        (None, ""),
        (K, "g"),
        (K, "kk"),
        (K, "ks"),
        (N, "n"),
        (N, "nj"),
        (N, "n"),
        (T, "d"),
        (L, "r"),
        (K, "lg"),
        (M, "lm"),
        (L, "lb"),
        (L, "ls"),
        (L, "lt"),
        (P, "lp"),
        (L, "r"),
        (M, "m"),
        (P, "b"),
        (P, "bs"),
        (T, "s"),
        (T, "ss"),
        (Ng, "ng"),
        (T, "j"),
        (T, "ch"),
        (K, "k"),
        (T, "t"),
        (P, "p"),
        (H, ""),
    ]
};

fn final_letters(f: Final) -> &'static str {
    match f {
        Final::None | Final::H => "",
        Final::K => "k",
        Final::N => "n",
        Final::T => "t",
        Final::L => "l",
        Final::M => "m",
        Final::P => "p",
        Final::Ng => "ng",
    }
}

pub use crate::text::is_syllable;

fn is_hangul(c: char) -> bool {
    is_syllable(c) || compat_jamo(c).is_some()
}

/// Romanisation of a lone jamo (ㄱ, ㅏ), as typed mid-composition. NFKC
/// turns compatibility jamo (U+3131..) into conjoining ones (U+1100..), so
/// both are accepted.
fn compat_jamo(c: char) -> Option<&'static str> {
    const CONSONANTS: [&str; 30] = [
        "g", "kk", "ks", "n", "nj", "nh", "d", "tt", "r", "lg", "lm", "lb", "ls", "lt", "lp", "lh", "m", "b", "pp",
        "bs", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h",
    ];
    let n = c as u32;
    match n {
        0x3131..=0x314E => Some(CONSONANTS[(n - 0x3131) as usize]),
        0x314F..=0x3163 => Some(VOWELS[(n - 0x314F) as usize]),
        0x1100..=0x1112 => Some(INITIALS[(n - 0x1100) as usize]),
        0x1161..=0x1175 => Some(VOWELS[(n - 0x1161) as usize]),
        0x11A8..=0x11C2 => Some(final_letters(FINALS[(n - 0x11A7) as usize].0)),
        _ => None,
    }
}

/// Hangul written in Revised Romanisation, letter by letter (no hyphens,
/// lower case). With `assimilate`, the common consonant sound changes
/// between syllables are applied, as RR does for place names.
pub fn hangul_to_latin(word: &str, assimilate: bool) -> String {
    let mut out = String::with_capacity(word.len());
    // The final consonant of the previous syllable, not yet written.
    let mut pending: Option<(Final, &'static str)> = None;
    for c in word.chars() {
        if !is_syllable(c) {
            if let Some((f, _)) = pending.take() {
                out.push_str(final_letters(f));
            }
            if let Some(s) = compat_jamo(c) {
                out.push_str(s);
            } else {
                out.push(c);
            }
            continue;
        }
        let s = c as u32 - SYLLABLE_FIRST;
        let (l, v, t) = ((s / 588) as usize, ((s % 588) / 28) as usize, (s % 28) as usize);
        let mut initial = INITIALS[l];
        if let Some((f, carried)) = pending.take() {
            if l == 11 {
                // Silent ㅇ: the final moves onto this syllable (연음).
                out.push_str(carried);
            } else if assimilate {
                let (f_out, i_out) = assimilated(f, initial);
                out.push_str(f_out);
                initial = i_out;
            } else {
                out.push_str(final_letters(f));
            }
        }
        out.push_str(initial);
        out.push_str(VOWELS[v]);
        if t != 0 {
            pending = Some(FINALS[t]);
        }
    }
    if let Some((f, _)) = pending {
        out.push_str(final_letters(f));
    }
    out
}

/// Nasalisation and liquidisation between a final and the next initial.
fn assimilated(f: Final, initial: &'static str) -> (&'static str, &'static str) {
    use Final::*;
    let nasal = initial == "n" || initial == "m";
    let liquid = initial == "r";
    match (f, nasal, liquid) {
        (K, true, _) => ("ng", initial),
        (K, _, true) => ("ng", "n"),
        (T, true, _) => ("n", initial),
        (T, _, true) => ("n", "n"),
        (P, true, _) => ("m", initial),
        (P, _, true) => ("m", "n"),
        (M | Ng, _, true) => (final_letters(f), "n"),
        (N, _, true) => ("l", "l"),
        (L, true, _) if initial == "n" => ("l", "l"),
        (L, _, true) => ("l", "l"),
        (H, ..) => ("", if initial == "g" { "k" } else if initial == "d" { "t" } else if initial == "j" { "ch" } else { initial }),
        _ => (final_letters(f), initial),
    }
}

/// While a word is typed with a 2-beolsik IME, its last consonant shows as
/// the final of the last syllable until the next vowel moves it on (typing
/// 수용 shows 숭 before 수요). For a word ending in a syllable with a final,
/// this returns the word with that final (or the second half of a double
/// final) detached as a lone jamo: 숭 -> 수ㅇ, 닭 -> 달ㄱ. `None` otherwise.
pub fn detach_last_final(word: &str) -> Option<String> {
    // For each final (Unicode order), the final that stays and the initial
    // consonant (compatibility jamo) that moves on.
    const SPLIT: [(u32, char); 28] = [
        (0, ' '),
        (0, 'ㄱ'),
        (0, 'ㄲ'),
        (1, 'ㅅ'),
        (0, 'ㄴ'),
        (4, 'ㅈ'),
        (4, 'ㅎ'),
        (0, 'ㄷ'),
        (0, 'ㄹ'),
        (8, 'ㄱ'),
        (8, 'ㅁ'),
        (8, 'ㅂ'),
        (8, 'ㅅ'),
        (8, 'ㅌ'),
        (8, 'ㅍ'),
        (8, 'ㅎ'),
        (0, 'ㅁ'),
        (0, 'ㅂ'),
        (17, 'ㅅ'),
        (0, 'ㅅ'),
        (0, 'ㅆ'),
        (0, 'ㅇ'),
        (0, 'ㅈ'),
        (0, 'ㅊ'),
        (0, 'ㅋ'),
        (0, 'ㅌ'),
        (0, 'ㅍ'),
        (0, 'ㅎ'),
    ];
    let last = word.chars().last()?;
    if !is_syllable(last) {
        return None;
    }
    let n = last as u32 - SYLLABLE_FIRST;
    let t = n % 28;
    if t == 0 {
        return None;
    }
    let (stays, moves) = SPLIT[t as usize];
    let syllable = char::from_u32(SYLLABLE_FIRST + n - t + stays)?;
    let mut out: String = word.chars().take(word.chars().count() - 1).collect();
    out.push(syllable);
    out.push(moves);
    Some(out)
}

/// Whether `c` is a lone Hangul jamo, as an IME shows mid-syllable.
pub fn is_lone_jamo(c: char) -> bool {
    compat_jamo(c).is_some()
}

/// The literal and sound-changed keys of `text`, for one token of the index
/// or one word of a query. The second is `None` when it equals the first.
pub fn phonetic_keys(text: &str) -> (String, Option<String>) {
    let mut plain = String::new();
    let mut changed = String::new();
    let mut any_hangul = false;
    for segment in segments(text) {
        match segment {
            Segment::Hangul(h) => {
                any_hangul = true;
                plain.push_str(&fold_latin(&hangul_to_latin(&h, false)));
                changed.push_str(&fold_latin(&hangul_to_latin(&h, true)));
            }
            Segment::Latin(l) => {
                let k = fold_latin(&l);
                plain.push_str(&k);
                changed.push_str(&k);
            }
        }
    }
    let changed = (any_hangul && changed != plain).then_some(changed);
    (plain, changed)
}

/// The literal key only (see `phonetic_keys`).
pub fn phonetic_key(text: &str) -> String {
    phonetic_keys(text).0
}

enum Segment {
    Hangul(String),
    /// Lower-case ASCII letters and digits, diacritics removed.
    Latin(String),
}

/// Split into runs of one script. Apostrophes and hyphens join (Ch'ŏngjin,
/// Jun-sik); other punctuation and spaces end a word, which matters for the
/// word-initial rules.
fn segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cur_hangul = false;
    let flush = |cur: &mut String, hangul: bool, out: &mut Vec<Segment>| {
        if !cur.is_empty() {
            let s = std::mem::take(cur);
            out.push(if hangul { Segment::Hangul(s) } else { Segment::Latin(s) });
        }
    };
    // NFKC first so decomposed Hangul composes and full-width forms fold
    // (skipped for plain ASCII and syllables, which it leaves alone); NFD of
    // each Latin letter then drops breves.
    for c in fold_forms(text).chars() {
        if is_hangul(c) {
            if !cur_hangul {
                flush(&mut cur, false, &mut out);
                cur_hangul = true;
            }
            cur.push(c);
            continue;
        }
        if c.is_ascii_alphanumeric() {
            if cur_hangul {
                flush(&mut cur, true, &mut out);
                cur_hangul = false;
            }
            cur.push(c.to_ascii_lowercase());
            continue;
        }
        let mut pushed = false;
        for d in std::iter::once(c).nfd() {
            if d.is_ascii_alphanumeric() {
                if cur_hangul {
                    flush(&mut cur, true, &mut out);
                    cur_hangul = false;
                }
                cur.push(d.to_ascii_lowercase());
                pushed = true;
            }
        }
        if pushed || is_joiner(c) || ('\u{0300}'..='\u{036F}').contains(&c) {
            continue;
        }
        flush(&mut cur, cur_hangul, &mut out);
        cur_hangul = false;
    }
    flush(&mut cur, cur_hangul, &mut out);
    out
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | '`' | '´' | '-' | '‐' | '‑' | '–')
}

/// The Latin letters and digits of one romanised word, lower case, with
/// diacritics, apostrophes and hyphens gone ("Ch'ŏl-su" -> "cholsu"): what
/// [`fold_latin`] takes. Other characters are dropped.
pub fn latin_letters(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in fold_forms(word).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !c.is_ascii() {
            out.extend(std::iter::once(c).nfd().filter(char::is_ascii_alphanumeric).map(|d| d.to_ascii_lowercase()));
        }
    }
    out
}

/// Hangul romanised one syllable at a time, as names are spelled
/// (박영호 -> "bakyeongho", where place-name romanisation links the final:
/// "bagyeongho").
pub fn syllable_by_syllable(word: &str) -> String {
    word.chars().map(|c| hangul_to_latin(c.encode_utf8(&mut [0; 4]), false)).collect()
}

/// Spellings folded into the key alphabet, longest match first.
const LATIN_FOLDS: &[(&str, &str)] = &[
    ("tch", "c"),
    ("yeo", "yo"),
    ("yae", "ye"),
    ("wae", "we"),
    ("weo", "wo"),
    ("eui", "i"),
    ("you", "yo"),
    ("ch", "c"),
    ("kh", "k"),
    ("ph", "p"),
    ("th", "t"),
    ("sh", "s"),
    ("rh", "l"),
    ("ng", "nk"),
    ("eo", "o"),
    ("eu", "u"),
    ("ae", "e"),
    ("oe", "we"),
    ("oi", "we"),
    ("ui", "i"),
    ("ee", "i"),
    ("oo", "u"),
    ("g", "k"),
    ("q", "k"),
    ("c", "k"),
    ("b", "p"),
    ("f", "p"),
    ("v", "p"),
    ("d", "t"),
    ("j", "c"),
    ("z", "c"),
    ("r", "l"),
    ("x", "ks"),
];

/// Fold one romanised word (lower-case ASCII) into its key.
///
/// The key alphabet: vowels a e i o u, glides w y, consonants k t p c
/// (ch/j) s l m n h, and digits. "ng" becomes "nk", the same as n + g: a
/// final ㅇ and ㄴ before ㄱ cannot be told apart once hyphens are gone
/// (Nyongbyon-gun, Hangang), so they are not.
pub fn fold_latin(word: &str) -> String {
    let word = match word {
        "park" => "pak",
        w => w,
    };
    let mut sym = to_key_letters(word);
    apply_initial_rules(&mut sym);
    let out = drop_silent_and_doubled(&sym);
    // Only ASCII went in, so this cannot fail.
    String::from_utf8(out).unwrap_or_default()
}

/// Each spelling in [`LATIN_FOLDS`] replaced by its key letters.
fn to_key_letters(word: &str) -> Vec<u8> {
    let b = word.as_bytes();
    let mut sym: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    'outer: while i < b.len() {
        for (from, to) in LATIN_FOLDS {
            // The first byte first: this loop runs for every letter of
            // every word a redaction compares.
            if from.as_bytes()[0] == b[i] && b[i..].starts_with(from.as_bytes()) {
                sym.extend_from_slice(to.as_bytes());
                i += from.len();
                continue 'outer;
            }
        }
        sym.push(b[i]);
        i += 1;
    }
    sym
}

fn is_key_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Word-initial rules (두음법칙 and its absence in the North).
fn apply_initial_rules(sym: &mut Vec<u8>) {
    match sym.as_slice() {
        [b'l', b'i' | b'y', ..] | [b'n', b'i' | b'y', ..] | [b'y', b'i', ..] => {
            sym.remove(0);
        }
        [b'l', v, ..] if is_key_vowel(*v) => sym[0] = b'n',
        [b'w', b'u', ..] => {
            sym.remove(0);
        }
        _ => {}
    }
}

/// An h after a vowel and before a consonant or the end is silent in
/// romanised names (Ahn, Oh, Noh); between vowels it is ㅎ. Doubled
/// consonants are written once (kk, ll, ss, nn, mm, GG).
fn drop_silent_and_doubled(sym: &[u8]) -> Vec<u8> {
    let is_vowel = is_key_vowel;
    let mut out: Vec<u8> = Vec::with_capacity(sym.len());
    for (j, &c) in sym.iter().enumerate() {
        if c == b'h' && j > 0 && is_vowel(sym[j - 1]) && sym.get(j + 1).is_none_or(|&n| !is_vowel(n) && n != b'w' && n != b'y') {
            continue;
        }
        if out.last() == Some(&c) && !is_vowel(c) && !c.is_ascii_digit() {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jamo_romanisation() {
        assert_eq!(hangul_to_latin("신의주", false), "sinuiju");
        assert_eq!(hangul_to_latin("청진", false), "cheongjin");
        assert_eq!(hangul_to_latin("회령", false), "hoeryeong");
        assert_eq!(hangul_to_latin("종로", true), "jongno");
        assert_eq!(hangul_to_latin("독립문", true), "dongnimmun");
        assert_eq!(hangul_to_latin("신라", true), "silla");
        assert_eq!(hangul_to_latin("박영", false), "bagyeong");
        assert_eq!(hangul_to_latin("ㄱ", false), "g");
        assert_eq!(hangul_to_latin("\u{1109}", false), "s");
        assert_eq!(phonetic_key("수용ㅅ"), phonetic_key("수용\u{1109}"));
    }

    #[test]
    fn detaching_the_last_final() {
        assert_eq!(detach_last_final("숭").as_deref(), Some("수ㅇ"));
        assert_eq!(detach_last_final("수용").as_deref(), Some("수요ㅇ"));
        assert_eq!(detach_last_final("닭").as_deref(), Some("달ㄱ"));
        assert_eq!(detach_last_final("값").as_deref(), Some("갑ㅅ"));
        assert_eq!(detach_last_final("수"), None);
        assert_eq!(detach_last_final("abc"), None);
        assert_eq!(detach_last_final(""), None);
    }

    #[test]
    fn keys_agree_across_systems() {
        let same = |a: &str, b: &str| assert_eq!(phonetic_key(a), phonetic_key(b), "{a} vs {b}");
        same("신의주", "Sinŭiju");
        same("Shinuiju", "Sinuiju");
        same("Ch'ŏngjin", "Cheongjin");
        same("최", "Choi");
        same("Choe", "Choi");
        same("Lee", "Ri");
        same("Rhee", "Yi");
        same("Joon", "Jun");
        same("Park", "Pak");
    }
}
