//! The corroboration of an event: its testimonies side by side, where they
//! agree or differ, how many independent sources stand behind it, and
//! whether that meets the organisation's standard.
//!
//! Independent sources are distinct witnesses: two incidents of one case
//! are one source, and so are two cases under one pseudonym (the same
//! person interviewed twice). A source is first-hand when one of its
//! accounts is a direct victim's or an eyewitness's. Dates agree when the
//! days the accounts can mean overlap; places agree when they resolve to
//! one county, or one lies within the other's province; perpetrators
//! agree when every account that names one names the same.

use super::account::{self, Account};
use super::dates::span;
use super::place::{resolve, PlaceMatch, Where};
use super::{Event, Link, Standard};
use crate::model::{Perpetrator, SourceOfKnowledge};
use crate::text::normalise;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Verdict {
    Agree,
    Differ,
    /// Fewer than two accounts say.
    Unknown,
}

impl Verdict {
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Agree => "agree",
            Verdict::Differ => "differ",
            Verdict::Unknown => "unknown",
        }
    }
}

/// One account in the side-by-side view, with whether each of its facts
/// agrees with every other account that gives one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Testimony {
    pub account: Account,
    pub date_agrees: bool,
    pub place_agrees: bool,
    pub perpetrator_agrees: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Corroboration {
    pub testimonies: Vec<Testimony>,
    /// Links whose case or incident is not in this vault (any more).
    pub missing: Vec<Link>,
    pub dates: Verdict,
    pub place: Verdict,
    pub perpetrator: Verdict,
    pub sources: u32,
    pub first_hand: u32,
    pub standard: Standard,
    pub meets_standard: bool,
}

fn first_hand(s: SourceOfKnowledge) -> bool {
    matches!(s, SourceOfKnowledge::DirectVictim | SourceOfKnowledge::Eyewitness)
}

/// (independent sources, of them first-hand).
pub fn count_sources<'a>(accounts: impl IntoIterator<Item = &'a Account>) -> (u32, u32) {
    let mut witnesses: HashMap<String, bool> = HashMap::new();
    for a in accounts {
        let name = normalise(a.pseudonym.trim());
        let key = if name.is_empty() { a.case.to_string() } else { name };
        *witnesses.entry(key).or_default() |= first_hand(a.source);
    }
    (witnesses.len() as u32, witnesses.values().filter(|f| **f).count() as u32)
}

/// For each account, whether it agrees with at least as many of the others
/// that have a value as it disagrees with (so the odd one out is marked,
/// not everyone); and the verdict: agreement only when every pair agrees.
fn judge<T>(values: &[Option<T>], agree: impl Fn(&T, &T) -> bool) -> (Vec<bool>, Verdict) {
    let known = values.iter().filter(|v| v.is_some()).count();
    let mut all_agree = true;
    let flags: Vec<bool> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let Some(v) = v else { return true };
            let others = values.iter().enumerate().filter(|(j, _)| *j != i).filter_map(|(_, w)| w.as_ref());
            let (yes, no) = others.fold((0, 0), |(y, n), w| if agree(v, w) { (y + 1, n) } else { (y, n + 1) });
            all_agree &= no == 0;
            yes >= no
        })
        .collect();
    let verdict = match (known, all_agree) {
        (0 | 1, _) => Verdict::Unknown,
        (_, true) => Verdict::Agree,
        (_, false) => Verdict::Differ,
    };
    (flags, verdict)
}

/// The event's corroboration from the accounts of the vault.
pub fn corroborate(event: &Event, accounts: &[Account], standard: Standard) -> Corroboration {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    let mut seen = HashSet::new();
    for link in event.links.iter().filter(|l| seen.insert(**l)) {
        match account::find(accounts, link) {
            Some(a) => found.push(a.clone()),
            None => missing.push(*link),
        }
    }
    let spans: Vec<_> = found.iter().map(|a| span(&a.date)).collect();
    let (date_flags, dates) = judge(&spans, |a, b| a.overlap(b) > 0);
    let places: Vec<Option<Where>> = found
        .iter()
        .map(|a| Some(resolve(&a.province, &a.county, &a.place)).filter(|w| !w.is_empty()))
        .collect();
    let (place_flags, place) = judge(&places, |a, b| matches!(a.compare(b), PlaceMatch::Same | PlaceMatch::Within));
    let perps: Vec<_> = found.iter().map(|a| Some(a.perpetrator).filter(|p| *p != Perpetrator::Unknown)).collect();
    let (perp_flags, perpetrator) = judge(&perps, |a, b| a == b);
    let (sources, first) = count_sources(&found);
    let testimonies = found
        .into_iter()
        .enumerate()
        .map(|(i, account)| Testimony {
            account,
            date_agrees: date_flags[i],
            place_agrees: place_flags[i],
            perpetrator_agrees: perp_flags[i],
        })
        .collect();
    Corroboration {
        testimonies,
        missing,
        dates,
        place,
        perpetrator,
        sources,
        first_hand: first,
        standard,
        meets_standard: sources >= standard.min_sources && first >= standard.min_first_hand,
    }
}
