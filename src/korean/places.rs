//! North Korean provinces and their cities and counties, for the pick lists
//! of interview and incident locations (free text stays allowed).
//!
//! The list ships in the binary (`nk_places.txt`, whose header names its
//! sources and limits). Names match in Hangul, in either romanisation, in
//! the South Korean spelling and by former names, through the same phonetic
//! keys as case search.

use super::romanise::phonetic_keys;
use crate::text::normalise;
use std::sync::OnceLock;

const DATA: &str = include_str!("nk_places.txt");

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// 도
    Province,
    /// 직할시, 특별시, 특급시: a city at province level.
    ProvinceLevelCity,
    /// 시
    City,
    /// 군
    County,
    /// 구역 (a district of a large city)
    District,
    /// 구, 지구 (a workers' district)
    WorkersDistrict,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub kind: PlaceKind,
    /// Hangul name of the first-level division; empty for a first-level one.
    pub province: &'static str,
    pub hangul: &'static str,
    /// Revised Romanisation.
    pub rr: &'static str,
    /// McCune–Reischauer.
    pub mr: &'static str,
    /// Common English name (first-level divisions only).
    pub english: &'static str,
    pub former: Vec<&'static str>,
    pub note: &'static str,
}

impl Place {
    pub fn is_first_level(&self) -> bool {
        self.province.is_empty()
    }

    /// The label for a pick list: Hangul first for Korean, English or
    /// McCune–Reischauer (the DPRK's own usage) first otherwise.
    pub fn label(&self, lang: crate::i18n::Lang) -> String {
        let latin = if self.english.is_empty() { self.mr } else { self.english };
        match lang {
            crate::i18n::Lang::Ko => format!("{} ({latin})", self.hangul),
            crate::i18n::Lang::En => format!("{latin} ({})", self.hangul),
        }
    }

    fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        [self.hangul, self.rr, self.mr, self.english].into_iter().chain(self.former.iter().copied()).filter(|n| !n.is_empty())
    }
}

struct Entry {
    place: Place,
    /// For each name: its normalised text, and its phonetic keys without
    /// the unit (시, -gun...), so "Hoeryong" equals "회령시".
    names: Vec<(String, Vec<String>)>,
}

fn kind_of(hangul: &str, first_level: bool) -> PlaceKind {
    if first_level {
        if hangul.ends_with('도') { PlaceKind::Province } else { PlaceKind::ProvinceLevelCity }
    } else if hangul.ends_with("구역") {
        PlaceKind::District
    } else if hangul.ends_with("지구") || hangul.ends_with('구') {
        PlaceKind::WorkersDistrict
    } else if hangul.ends_with('군') {
        PlaceKind::County
    } else {
        PlaceKind::City
    }
}

/// A place name without its administrative unit, for comparing stems.
fn stem(name: &str) -> &str {
    const UNITS: &[&str] = &[
        "특별시", "직할시", "특급시", "구역", "지구", "시", "군", "구", "도", "-teukbyeolsi", "-t'ŭkpyŏlsi", "-jikhalsi",
        "-chikhalsi", "-teukgeupsi", "-t'ŭkkŭpsi", "-guyeok", "-guyŏk", "-jigu", "-chigu", "-si", "-gun", "-gu", "-do",
        "-namdo", "-pukto",
    ];
    for unit in UNITS {
        if let Some(s) = name.strip_suffix(unit)
            && !s.is_empty() {
                return s;
            }
    }
    name
}

/// A query word naming a place with its unit ("회령시", "hoeryong-si",
/// "녕변군"), without the unit; `None` if it has none or too little is left.
pub fn without_unit(word: &str) -> Option<&str> {
    const UNITS: &[&str] = &[
        "특별시", "직할시", "구역", "시", "군", "도", "-guyeok", "-guyŏk", "-guyok", "-kuyŏk", "-kuyok", "-si", "-shi",
        "-gun", "-kun", "-do", "-to",
    ];
    UNITS.iter().find_map(|u| {
        let s = word.strip_suffix(u)?;
        let enough = if u.starts_with('-') { s.chars().count() >= 3 } else { s.chars().count() >= 2 };
        enough.then_some(s)
    })
}

fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| parse(DATA))
}

fn parse(data: &'static str) -> Vec<Entry> {
    let mut out = Vec::new();
    for line in data.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&'static str> = line.split('|').map(str::trim).collect();
        // A malformed line is skipped, never a panic; a test checks the count.
        if f.len() != 8 || (f[0] != "P" && f[0] != "C") {
            continue;
        }
        let first_level = f[0] == "P";
        let place = Place {
            kind: kind_of(f[2], first_level),
            province: if first_level { "" } else { f[1] },
            hangul: f[2],
            rr: f[3],
            mr: f[4],
            english: f[5],
            former: f[6].split(';').map(str::trim).filter(|s| !s.is_empty()).collect(),
            note: f[7],
        };
        let names = place
            .names()
            .map(|n| {
                let (k, k2) = phonetic_keys(stem(n));
                (normalise(n), std::iter::once(k).chain(k2).collect())
            })
            .collect();
        out.push(Entry { place, names });
    }
    out
}

/// Every place, first-level divisions followed by their cities and counties.
pub fn all() -> Vec<&'static Place> {
    entries().iter().map(|e| &e.place).collect()
}

/// The first-level divisions: nine provinces and the province-level cities.
pub fn provinces() -> Vec<&'static Place> {
    entries().iter().map(|e| &e.place).filter(|p| p.is_first_level()).collect()
}

/// The first-level division named `name`, in any script or spelling
/// ("함경북도", "North Hamgyong", "Hamgyŏng-pukto", "함북" is not known).
pub fn province(name: &str) -> Option<&'static Place> {
    let n = normalise(name.trim());
    if n.is_empty() {
        return None;
    }
    let first_level = || entries().iter().filter(|e| e.place.is_first_level());
    // A name as written first, then by sound: "Hwanghae-namdo" and
    // "Hwanghae-pukto" share their stem, so the stem alone cannot tell them.
    if let Some(e) = first_level().find(|e| e.names.iter().any(|(text, _)| *text == n)) {
        return Some(&e.place);
    }
    let whole = phonetic_keys(&n).0;
    if let Some(e) = first_level().find(|e| e.names.iter().any(|(text, _)| phonetic_keys(text).0 == whole)) {
        return Some(&e.place);
    }
    let (k, k2) = phonetic_keys(stem(&n));
    first_level().find(|e| e.names.iter().any(|(_, keys)| keys.iter().any(|pk| *pk == k || Some(pk) == k2.as_ref()))).map(|e| &e.place)
}

/// Cities, counties and districts of the first-level division `province`
/// (named in any form `province()` accepts); empty if unknown.
pub fn counties(province_name: &str) -> Vec<&'static Place> {
    let Some(p) = province(province_name) else {
        return Vec::new();
    };
    entries().iter().map(|e| &e.place).filter(|c| c.province == p.hangul).collect()
}

/// Places whose name in any form matches `query`, best first: exact names,
/// then names starting with the query, then names containing it. Typing a
/// prefix ("hye", "혜") narrows the list as the user types.
pub fn search_places(query: &str) -> Vec<&'static Place> {
    let Some((q, qkeys)) = query_keys(query) else {
        return Vec::new();
    };
    let mut scored: Vec<(u8, usize, &'static Place)> = Vec::new();
    for (i, e) in entries().iter().enumerate() {
        if let Some(s) = score(e, &q, &qkeys) {
            scored.push((s, i, &e.place));
        }
    }
    scored.sort_by_key(|(s, i, _)| (*s, *i));
    scored.into_iter().map(|(_, _, p)| p).collect()
}

/// The places one of whose names, in any script or spelling, is `name`
/// (the unit may be left off: "Hoeryong", "회령" and "회령시" are one
/// place). Several when the name is shared (중구역 in several cities).
pub fn named(name: &str) -> Vec<&'static Place> {
    let Some((q, qkeys)) = query_keys(name) else {
        return Vec::new();
    };
    entries().iter().filter(|e| score(e, &q, &qkeys) == Some(0)).map(|e| &e.place).collect()
}

/// The normalised query and its phonetic keys; `None` when empty.
fn query_keys(query: &str) -> Option<(String, Vec<String>)> {
    let q = normalise(query.trim());
    if q.is_empty() {
        return None;
    }
    let (k, k2) = phonetic_keys(stem(&q));
    let qkeys: Vec<String> = std::iter::once(k).chain(k2).filter(|k| !k.is_empty()).collect();
    Some((q, qkeys))
}

/// How well `e` matches: 0 a name, 1 a name's start, 2 inside a name.
fn score(e: &Entry, q: &str, qkeys: &[String]) -> Option<u8> {
    let mut best: Option<u8> = None;
    for (text, keys) in &e.names {
        let score = if *text == q || keys.iter().any(|k| qkeys.contains(k)) {
            Some(0)
        } else if text.starts_with(q) || keys.iter().any(|k| qkeys.iter().any(|qk| qk.len() >= 2 && k.starts_with(qk.as_str()))) {
            Some(1)
        } else if text.contains(q) || keys.iter().any(|k| qkeys.iter().any(|qk| qk.len() >= 3 && k.contains(qk.as_str()))) {
            Some(2)
        } else {
            None
        };
        best = match (best, score) {
            (Some(b), Some(s)) => Some(b.min(s)),
            (b, s) => b.or(s),
        };
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_line_parses() {
        let lines = DATA.lines().filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')).count();
        assert_eq!(entries().len(), lines, "a line of nk_places.txt is malformed");
    }

    #[test]
    fn provinces_by_any_name() {
        assert_eq!(province("North Hamgyong").map(|p| p.hangul), Some("함경북도"));
        assert_eq!(province("Hamgyŏng-pukto").map(|p| p.hangul), Some("함경북도"));
        assert_eq!(province("함경북도").map(|p| p.hangul), Some("함경북도"));
        assert_eq!(province("양강도").map(|p| p.hangul), Some("량강도"));
        assert_eq!(province("Pyongyang").map(|p| p.hangul), Some("평양직할시"));
        assert_eq!(province(""), None);
        assert_eq!(province("Tokyo"), None);
        // North and South share a stem; every name of every province finds it.
        assert_eq!(province("Hwanghae-namdo").map(|p| p.hangul), Some("황해남도"));
        assert_eq!(province("P'yŏngan-pukto").map(|p| p.hangul), Some("평안북도"));
        for p in provinces() {
            for name in [p.hangul, p.rr, p.mr, p.english].into_iter().filter(|n| !n.is_empty()) {
                assert_eq!(province(name).map(|f| f.hangul), Some(p.hangul), "{name}");
            }
        }
        assert!(counties("North Hamgyong").iter().any(|c| c.hangul == "회령시"));
        assert!(!counties("South Hamgyong").iter().any(|c| c.hangul == "회령시"));
    }
}
