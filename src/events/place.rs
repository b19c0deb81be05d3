//! Where an account happened, resolved against the North Korean place list
//! so that spellings compare: 신의주, Sinuiju, Sinŭiju and Shinuiju-si are
//! one county; Hoeryong lies within North Hamgyong, so an account naming
//! only the province does not contradict one naming the county.
//!
//! Names go through the same phonetic keys as search
//! ([`crate::korean::romanise`]), their administrative unit (시, 군, -si,
//! -gun…) removed first. Free text that names no listed place still
//! compares by its words' keys ("시장 옆 공터" and "the market square" do
//! not: different words are different words).

use crate::korean::places::{self, Place};
use crate::korean::romanise::phonetic_keys;
use crate::text::normalise;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A place resolved as far as the list allows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Where {
    /// Hangul name of the first-level division, when known.
    pub province: Option<&'static str>,
    /// Hangul name of the city or county, when known.
    pub county: Option<&'static str>,
    /// Phonetic keys of the free-text place's words (3 letters or more).
    pub words: Vec<String>,
}

/// How two places compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceMatch {
    /// Same county (or the same free-text place where no county is known).
    Same,
    /// One lies within the other (a county and its province).
    Within,
    SameProvince,
    Different,
    /// One side or both gave no place we can compare.
    Unknown,
}

impl PlaceMatch {
    pub fn key(self) -> &'static str {
        match self {
            PlaceMatch::Same => "same",
            PlaceMatch::Within => "within",
            PlaceMatch::SameProvince => "same-province",
            PlaceMatch::Different => "different",
            PlaceMatch::Unknown => "unknown",
        }
    }
}

/// Keys of a name with its unit removed (a name shorter than a unit keeps it).
fn name_keys(name: &str) -> Vec<String> {
    let n = normalise(name.trim());
    let stem = places::without_unit(&n).unwrap_or(&n).trim_end_matches('-');
    let (k, k2) = phonetic_keys(stem);
    std::iter::once(k).chain(k2).filter(|k| k.len() >= 2).collect()
}

/// The first-level division named `text`. The whole name's key is tried
/// first: with the unit stripped, North and South Hwanghae (Hwanghae-pukto,
/// Hwanghae-namdo) share a stem, and `places::province` can pick the wrong
/// one.
fn province_of(text: &str) -> Option<&'static str> {
    static KEYS: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let mut map = HashMap::new();
        for p in places::provinces() {
            for name in [p.hangul, p.rr, p.mr, p.english].into_iter().chain(p.former.iter().copied()).filter(|n| !n.is_empty()) {
                map.insert(whole_key(name), p.hangul);
            }
        }
        map
    });
    if text.trim().is_empty() {
        return None;
    }
    keys.get(&whole_key(text)).copied().or_else(|| places::province(text).map(|p| p.hangul))
}

fn whole_key(name: &str) -> String {
    phonetic_keys(&normalise(name.trim())).0
}

/// Cities and counties by every key of every name.
fn county_keys() -> &'static HashMap<String, Vec<&'static Place>> {
    static KEYS: OnceLock<HashMap<String, Vec<&'static Place>>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut map: HashMap<String, Vec<&'static Place>> = HashMap::new();
        for p in places::all().into_iter().filter(|p| !p.is_first_level()) {
            let names = [p.hangul, p.rr, p.mr].into_iter().chain(p.former.iter().copied());
            for key in names.filter(|n| !n.is_empty()).flat_map(name_keys) {
                let list = map.entry(key).or_default();
                if !list.contains(&p) {
                    list.push(p);
                }
            }
        }
        map
    })
}

/// The county named `text`, preferring one in `province` when the name is
/// shared.
fn county(text: &str, province: Option<&'static str>) -> Option<&'static Place> {
    let map = county_keys();
    let found: Vec<&'static Place> = name_keys(text).iter().filter_map(|k| map.get(k)).flatten().copied().collect();
    found.iter().find(|p| Some(p.province) == province).or(found.first()).copied()
}

/// Resolve the three place fields of an incident.
pub fn resolve(province: &str, county_text: &str, place: &str) -> Where {
    let mut prov = province_of(province);
    let mut found = county(county_text, prov);
    // A county typed in the province field, or named in the free text.
    if found.is_none() && prov.is_none() && !province.trim().is_empty() {
        found = county(province, None);
    }
    if found.is_none() {
        found = place.split_whitespace().filter_map(|w| county(w, prov)).next();
    }
    if let Some(c) = found {
        prov = prov.or(Some(province_of(c.province).unwrap_or(c.province)));
    }
    let words = place
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .filter_map(|w| {
            let key = phonetic_keys(&normalise(w)).0;
            (key.len() >= 3).then_some(key)
        })
        .collect();
    Where { province: prov, county: found.map(|c| c.hangul), words }
}

impl Where {
    pub fn is_empty(&self) -> bool {
        self.province.is_none() && self.county.is_none() && self.words.is_empty()
    }

    fn shares_words(&self, other: &Where) -> bool {
        self.words.iter().any(|w| other.words.contains(w))
    }

    pub fn compare(&self, other: &Where) -> PlaceMatch {
        match (self.county, other.county) {
            (Some(a), Some(b)) if a == b => return PlaceMatch::Same,
            (Some(_), Some(_)) if self.province == other.province => return PlaceMatch::SameProvince,
            (Some(_), Some(_)) => return PlaceMatch::Different,
            _ => {}
        }
        match (self.province, other.province) {
            (Some(a), Some(b)) if a != b => PlaceMatch::Different,
            (Some(_), Some(_)) if self.county.is_some() != other.county.is_some() => PlaceMatch::Within,
            (Some(_), Some(_)) if self.shares_words(other) => PlaceMatch::Same,
            (Some(_), Some(_)) => PlaceMatch::SameProvince,
            _ if self.shares_words(other) => PlaceMatch::Same,
            _ => PlaceMatch::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_county_are_one_place() {
        let a = resolve("", "신의주", "");
        for spelling in ["Sinuiju", "Sinŭiju", "Shinuiju", "Sinuiju-si", "신의주시"] {
            let b = resolve("", spelling, "");
            assert_eq!(b.county, Some("신의주시"), "{spelling}");
            assert_eq!(a.compare(&b), PlaceMatch::Same, "{spelling}");
        }
        assert_eq!(a.province, Some("평안북도"));
    }

    #[test]
    fn a_county_lies_within_its_province() {
        let county = resolve("함경북도", "회령", "");
        let province = resolve("North Hamgyong", "", "");
        assert_eq!(county.compare(&province), PlaceMatch::Within);
        let elsewhere = resolve("Ryanggang", "", "");
        assert_eq!(county.compare(&elsewhere), PlaceMatch::Different);
        assert_eq!(resolve("Hwanghae-namdo", "", "").province, Some("황해남도"));
        assert_eq!(resolve("P'yŏngan-pukto", "", "").province, Some("평안북도"));
        assert_eq!(resolve("Pyeonganbuk-do", "", "").province, Some("평안북도"));
        assert_eq!(county.compare(&resolve("", "", "")), PlaceMatch::Unknown);
    }
}
