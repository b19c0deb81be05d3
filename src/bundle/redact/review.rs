//! The review before an export: what in the redacted text still looks
//! like it could identify someone.
//!
//! Scrubbing removes what the record says identifies the witness. What it
//! cannot know (a neighbour's name, a second phone number, a nickname the
//! form lacks) may still be there, so before a redacted export every
//! remaining candidate is listed with its context for the interviewer to
//! tick and scrub for this export ([`super::RedactOptions::scrub`]):
//!
//! - words loosely like a removed value (one letter off in the phonetic
//!   key: a misspelt name);
//! - Korean personal-name patterns: three syllables starting with a common
//!   surname (박영철이), or a surname and a term of address (박 씨);
//! - romanised name patterns: a surname next to a capitalised word
//!   (Kim Chol-su, Chol-su Kim), or a capitalised hyphenated word
//!   (Yong-ho);
//! - phone numbers (seven digits or more, any separators);
//! - dates of birth (1961년생, '61년생, born 1961, b. 1961).
//!
//! The list errs on the side of showing too much; it is never applied
//! without the interviewer.

use super::scrub::{word_keys, REDACTED_MARK};
use super::{redact_with, Profile, RedactOptions, Result, Scrubber};
use crate::korean::names::{hangul_endings, hangul_surnames, is_address_ending, is_surname};
use crate::korean::romanise::is_syllable;
use crate::model::{Case, Field};

/// Why a word is listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CandidateKind {
    LikeRemovedValue,
    KoreanName,
    RomanisedName,
    Phone,
    BirthDate,
}

impl CandidateKind {
    /// Fluent key of its label.
    pub fn label_key(self) -> &'static str {
        match self {
            CandidateKind::LikeRemovedValue => "review-candidate-like-removed",
            CandidateKind::KoreanName => "review-candidate-korean-name",
            CandidateKind::RomanisedName => "review-candidate-romanised-name",
            CandidateKind::Phone => "review-candidate-phone",
            CandidateKind::BirthDate => "review-candidate-birth-date",
        }
    }
}

/// One word (or run of words) still in a redacted case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub code: String,
    pub field: Field,
    /// The text as it stands in the case.
    pub text: String,
    /// Up to 30 characters each side, on one line.
    pub context: String,
    pub kind: CandidateKind,
}

/// Every candidate left in `cases` once redacted under `profile` with
/// `options`, in case order; none for the full profile (nothing is
/// redacted, so there is nothing to review).
pub fn candidates(cases: &[Case], profile: Profile, options: &RedactOptions) -> Result<Vec<Candidate>> {
    let mut out = Vec::new();
    if profile == Profile::Full {
        return Ok(out);
    }
    for case in cases {
        let removed = Scrubber::for_case(case, &options.scrub);
        let redacted = redact_with(case, profile, options)?;
        redacted.each_text(|field, text| {
            if field != Field::Code && !text.trim().is_empty() {
                for (span, kind) in in_text(text, &removed) {
                    out.push(Candidate {
                        code: redacted.code.clone(),
                        field,
                        text: text[span.clone()].to_string(),
                        context: context(text, span),
                        kind,
                    });
                }
            }
        });
    }
    Ok(out)
}

type Span = std::ops::Range<usize>;

fn in_text(text: &str, removed: &Scrubber) -> Vec<(Span, CandidateKind)> {
    let words = words_of(text);
    let mut out = Vec::new();
    for (i, (span, word)) in words.iter().enumerate() {
        let next = words.get(i + 1).filter(|(s, _)| text[span.end..s.start].trim().is_empty());
        if let Some(kind) = name_like(word, next.map(|(_, w)| w.as_str())) {
            let end = if kind == CandidateKind::RomanisedName && next.is_some_and(|(_, w)| capitalised(w)) {
                next.map_or(span.end, |(s, _)| s.end)
            } else {
                span.end
            };
            out.push((span.start..end, kind));
        } else if birth_date(word, i.checked_sub(1).map(|j| words[j].1.as_str())) {
            out.push((span.clone(), CandidateKind::BirthDate));
        } else if loosely_like(word, removed) {
            out.push((span.clone(), CandidateKind::LikeRemovedValue));
        }
    }
    out.extend(phones(text).into_iter().map(|s| (s, CandidateKind::Phone)));
    out.sort_by_key(|(s, _)| s.start);
    out.dedup_by(|b, a| b.0.start < a.0.end);
    out
}

/// Words with their spans; the redaction mark is not a word.
fn words_of(text: &str) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    let mut start = None;
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’');
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let w = text[s..i].trim_matches(['-', '\'', '’']);
                if !w.is_empty() && w != REDACTED_MARK {
                    let lead = text[s..i].find(w).unwrap_or(0);
                    out.push((s + lead..s + lead + w.len(), crate::text::fold_forms(w).into_owned()));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The stem of a Hangul word without any ending.
fn hangul_stem(word: &str) -> &str {
    word.char_indices()
        .skip(1)
        .map(|(i, _)| word.split_at(i))
        .find(|(_, rest)| hangul_endings().contains(*rest))
        .map_or(word, |(stem, _)| stem)
}

/// The surnames of most people (over 80 %): a three-syllable word starting
/// with one of these is listed; with rarer ones (주, 도, 기) too many
/// ordinary words would be.
const COMMON_SURNAMES: &str = "김 이 리 박 최 정 강 조 윤 장 임 림 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 노 하";

/// Three-syllable words of testimony that start like a name and are not.
const NOT_NAMES: &str = "장마당 정치범 안전원 김정은 김정일 김일성 조선족 한국인 이야기 이사람 이번에 강제로 노동자 남한의 전거리 \
    정부가 한국에 이렇게 이상한 조사를 고난의 신분증 한국말 조선말 한국어 한반도 이동을 정보를 조사관 심문관 송환된 박해를 고문을 한밤중";

fn name_like(word: &str, next: Option<&str>) -> Option<CandidateKind> {
    if word.chars().all(is_syllable) {
        let stem = hangul_stem(word);
        let first: String = stem.chars().take(1).collect();
        let common = COMMON_SURNAMES.split_whitespace().any(|s| s == first);
        let three = stem.chars().count() == 3 && common && !NOT_NAMES.split_whitespace().any(|w| w == stem);
        let addressed = hangul_surnames().contains(stem) && next.is_some_and(is_address_ending);
        let attached = word.chars().count() > 1 && {
            let (s, rest) = word.split_at(first.len());
            hangul_surnames().contains(s) && is_address_ending(rest)
        };
        return (three || addressed || attached).then_some(CandidateKind::KoreanName);
    }
    if !capitalised(word) || !word.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’') {
        return None;
    }
    let hyphenated = word.contains('-') && word.split('-').all(|p| p.chars().count() >= 2 && p.chars().count() <= 5);
    let surname_next = is_surname(word) && word.chars().count() >= 2 && next.is_some_and(|n| capitalised(n) && n.contains('-'));
    (hyphenated || surname_next).then_some(CandidateKind::RomanisedName)
}

fn birth_date(word: &str, prev: Option<&str>) -> bool {
    let body = word.trim_start_matches(['\'', '’']);
    let digits: String = body.chars().take_while(char::is_ascii_digit).collect();
    let rest = &body[digits.len()..];
    let year_like = digits.len() == 4 && (1900..=2025).contains(&digits.parse::<u32>().unwrap_or(0));
    let marked = rest.starts_with("년생") || rest.starts_with('생');
    let born = prev.is_some_and(|p| matches!(p.to_lowercase().as_str(), "born" | "b" | "dob" | "출생" | "생년"));
    (year_like && (marked || born)) || (digits.len() == 2 && marked)
}

/// One letter off a removed value's key (a misspelling the scrubbing missed).
fn loosely_like(word: &str, removed: &Scrubber) -> bool {
    let keys = word_keys(hangul_stem(word));
    keys.iter().filter(|k| k.len() >= 4).any(|k| removed.keys().any(|r| r.len() >= 4 && r != k && one_edit(k, r)))
}

fn one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    a.len().max(b.len()) - prefix - suffix <= 1 && a.len().min(b.len()) >= prefix + suffix
}

fn phones(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    let part = |c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '(' | ')' | '.' | ' ');
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), 'x'))) {
        match (part(c), start) {
            (true, None) if c.is_ascii_digit() || c == '+' => start = Some(i),
            (false, Some(s)) => {
                let run = text[s..i].trim_end_matches(|c: char| !c.is_ascii_digit());
                if run.chars().filter(char::is_ascii_digit).count() >= 7 {
                    out.push(s..s + run.len());
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn context(text: &str, span: Span) -> String {
    let before: String = text[..span.start].chars().rev().take(30).collect::<Vec<_>>().into_iter().rev().collect();
    let after: String = text[span.end..].chars().take(30).collect();
    format!("…{before}[{}]{after}…", &text[span]).replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::{candidates, CandidateKind};
    use crate::bundle::redact::{Profile, RedactOptions};
    use crate::sample::sample_case;

    #[test]
    fn names_phones_and_birth_years_left_in_the_text_are_listed_and_scrubbed_once_ticked() {
        let mut case = sample_case(3, 10);
        case.interviewee.real_name = "박영호".into();
        case.narrative = "이웃 김철수가 도와줬다. Pak Yeong-hoo came later. Call 010 9876 5432. 동생은 1965년생. \
                          We met Ri Chol-man at the market."
            .into();
        let found = candidates(std::slice::from_ref(&case), Profile::Pseudonymised, &RedactOptions::default()).unwrap();
        let kinds: Vec<(String, CandidateKind)> = found.iter().map(|c| (c.text.clone(), c.kind)).collect();
        for (text, kind) in [
            ("김철수가", CandidateKind::KoreanName),
            ("Pak Yeong-hoo", CandidateKind::RomanisedName),
            ("010 9876 5432", CandidateKind::Phone),
            ("1965년생", CandidateKind::BirthDate),
            ("Ri Chol-man", CandidateKind::RomanisedName),
        ] {
            assert!(kinds.contains(&(text.to_string(), kind)), "{text} not listed: {kinds:?}");
        }
        assert!(found.iter().all(|c| c.context.contains(&format!("[{}]", c.text))));
        let ticked = RedactOptions { scrub: found.iter().map(|c| c.text.clone()).collect(), ..Default::default() };
        let left = candidates(std::slice::from_ref(&case), Profile::Pseudonymised, &ticked).unwrap();
        assert!(left.iter().all(|c| c.field != crate::model::Field::Narrative), "{left:?}");
    }
}
