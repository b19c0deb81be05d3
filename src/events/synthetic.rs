//! A labelled synthetic set for measuring suggestions: happenings told by
//! two to five witnesses each, with known groupings, beside accounts that
//! belong to no group. Each witness gives the date at their own precision
//! (day, month, year, approximate, a range), names the place in one of the
//! spellings the romanisation module folds together (Hangul with or without
//! its unit, Revised Romanisation, McCune–Reischauer with and without
//! breves, "Sh" for "S", former names) or only its province, sometimes does
//! not know the perpetrator, and tells the story in their own words around
//! a few details of the happening. Deterministic for a seed; no real
//! person or happening appears here.

use super::account::Account;
use crate::korean::places::{self, Place};
use crate::model::{CaseStatus, DateRange, FuzzyDate, Perpetrator, SourceOfKnowledge, ViolationType};
use crate::sample::SampleRng;
use uuid::Uuid;

const FILLER: &[&str] = &[
    "그날 사람들이 모두 모였다",
    "보위부원들이 와서 끌고 갔다",
    "The agents came at night and took him away",
    "나는 멀리서 그 장면을 보았다",
    "I heard about it from my neighbour later",
    "다들 무서워서 아무 말도 못 했다",
    "It was cold and the ground was frozen",
    "재판은 십 분도 걸리지 않았다",
];

/// The labelled set: accounts, and for each its group (`None`: alone).
pub struct Labelled {
    pub accounts: Vec<Account>,
    pub groups: Vec<Option<u32>>,
}

struct Happening {
    violation: ViolationType,
    date: (i32, u8, u8),
    county: &'static Place,
    perpetrator: Perpetrator,
    details: Vec<String>,
}

fn word(rng: &mut SampleRng) -> String {
    (0..2 + rng.below(2)).map(|_| char::from_u32(0xAC00 + rng.below(11172) as u32).unwrap_or('가')).collect()
}

fn counties() -> Vec<&'static Place> {
    places::all().into_iter().filter(|p| !p.is_first_level()).collect()
}

/// The border provinces most escapees come from: most happenings fall in
/// their counties, so unrelated accounts often share a county and a year,
/// as they do in real collections.
fn border(counties: &[&'static Place]) -> Vec<&'static Place> {
    counties.iter().copied().filter(|p| ["함경북도", "량강도", "평안북도"].contains(&p.province)).collect()
}

fn happening(rng: &mut SampleRng, counties: &[&'static Place], border: &[&'static Place]) -> Happening {
    let pool = if rng.below(10) < 7 { border } else { counties };
    Happening {
        violation: ViolationType::ALL[rng.below(ViolationType::ALL.len() - 1)],
        date: (2000 + rng.below(12) as i32, 1 + rng.below(12) as u8, 1 + rng.below(28) as u8),
        county: pool[rng.below(pool.len())],
        perpetrator: Perpetrator::ALL[1 + rng.below(Perpetrator::ALL.len() - 2)],
        details: (0..4).map(|_| word(rng)).collect(),
    }
}

/// One of the ways a witness may write the county.
fn spelling(rng: &mut SampleRng, p: &Place) -> String {
    let strip = |s: &str| {
        let mut t = s.to_string();
        for unit in ["-si", "-gun", "-kun", "-guyeok", "-kuyŏk", "-gu", "-ku", "-jigu", "-chigu"] {
            if let Some(x) = t.strip_suffix(unit) {
                t = x.to_string();
                break;
            }
        }
        t
    };
    let plain_mr = strip(p.mr).replace('ŏ', "o").replace('ŭ', "u").replace(['\'', '’'], "");
    let hangul_stem: String = places::without_unit(p.hangul).unwrap_or(p.hangul).to_string();
    let mut ways = vec![p.hangul.to_string(), hangul_stem, p.rr.to_string(), strip(p.rr), p.mr.to_string(), plain_mr.clone()];
    if let Some(rest) = plain_mr.strip_prefix('S').filter(|r| r.starts_with('i')) {
        ways.push(format!("Sh{rest}"));
    }
    ways.extend(p.former.iter().map(|f| f.to_string()));
    ways.swap_remove(rng.below(ways.len()))
}

fn province_spelling(rng: &mut SampleRng, p: &Place) -> String {
    let Some(prov) = places::province(p.province) else { return p.province.to_string() };
    let ways = [prov.hangul, prov.english, prov.rr, prov.mr, ""];
    ways[rng.below(ways.len())].to_string()
}

/// The date as this witness remembers it.
fn remembered(rng: &mut SampleRng, (y, m, d): (i32, u8, u8)) -> DateRange {
    match rng.below(6) {
        0 | 1 => DateRange::single(FuzzyDate::day(y, m, d)),
        2 => DateRange::single(FuzzyDate::month(y, m)),
        3 => DateRange::single(FuzzyDate::year(y)),
        4 => DateRange::single(FuzzyDate::month(y, m).approx()),
        _ => DateRange { start: Some(FuzzyDate::month(y, m.saturating_sub(1).max(1))), end: Some(FuzzyDate::month(y, (m + 1).min(12))) },
    }
}

fn account(rng: &mut SampleRng, h: &Happening, n: usize) -> Account {
    let (province, county) = if rng.below(6) == 0 {
        (province_spelling(rng, h.county), String::new())
    } else {
        (province_spelling(rng, h.county), spelling(rng, h.county))
    };
    let mut words: Vec<String> = h.details.iter().filter(|_| rng.below(3) > 0).cloned().collect();
    words.push(FILLER[rng.below(FILLER.len())].to_string());
    words.push(word(rng));
    words.push(FILLER[rng.below(FILLER.len())].to_string());
    Account {
        case: Uuid::new_v4(),
        code: format!("NK-SYN-{n:06}"),
        pseudonym: format!("증인 {n}"),
        status: CaseStatus::Complete,
        incident: Uuid::new_v4(),
        number: 1,
        violation: h.violation,
        date: remembered(rng, h.date),
        province,
        county,
        place: String::new(),
        perpetrator: if rng.below(4) == 0 { Perpetrator::Unknown } else { h.perpetrator },
        perpetrator_detail: String::new(),
        source: SourceOfKnowledge::ALL[rng.below(SourceOfKnowledge::ALL.len())],
        narrative: words.join(". "),
    }
}

/// About `size` accounts: three in four belong to a happening told by two
/// to five witnesses, the rest stand alone.
pub fn labelled(size: usize, seed: u64) -> Labelled {
    let mut rng = SampleRng::new(seed);
    let counties = counties();
    let border = border(&counties);
    let mut out = Labelled { accounts: Vec::with_capacity(size), groups: Vec::with_capacity(size) };
    let mut group = 0u32;
    while out.accounts.len() < size {
        let h = happening(&mut rng, &counties, &border);
        let alone = rng.below(4) == 0;
        let witnesses = if alone { 1 } else { 2 + rng.below(4) };
        for _ in 0..witnesses {
            let n = out.accounts.len();
            out.accounts.push(account(&mut rng, &h, n));
            out.groups.push((!alone).then_some(group));
        }
        group += 1;
    }
    out
}
