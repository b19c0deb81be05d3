//! Suggestions: which incidents of other cases may describe the same
//! happening, and which events an incident may belong to.
//!
//! Every pair of accounts from different cases is scored on five signals:
//! violation type (the same, or of one family such as execution and public
//! execution), dates (their intervals must overlap; the more precisely they
//! agree, the higher), place (resolved against the place list, so
//! spellings and a county within its province agree; different provinces
//! rule a pair out), perpetrator, and rare words shared by the narratives.
//! Scoring everything against everything is quadratic, so accounts are
//! first put in *blocks* by violation family and year (an undated account
//! by its county), and only pairs within a block are scored, each once.
//! The weights and the threshold were set on the labelled synthetic set
//! ([`super::synthetic`]); its precision and recall are checked by a test.

use super::account::Account;
use super::dates::{span, Span};
use super::place::{resolve, PlaceMatch, Where};
use super::{EventBook, Link, Rejection, Target};
use crate::korean::romanise::phonetic_key;
use crate::model::{Perpetrator, ViolationType};
use crate::text::normalise;
use serde::Serialize;
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use uuid::Uuid;

/// Pairs scoring at least this are suggested.
pub const THRESHOLD: f32 = 0.58;
/// Partners kept for each account (a happening has up to five witnesses
/// in the labelled set: four partners each).
const BEST_PER_INCIDENT: usize = 4;
/// A range longer than this many years is blocked by its first years only.
const MAX_BLOCK_YEARS: i32 = 12;
/// Words in more than this share of accounts say nothing about a pair.
const COMMON_WORD_SHARE: f64 = 0.02;

/// Why a pair scored as it did, for the inbox to show.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Reasons {
    pub same_violation: bool,
    /// Days both accounts' dates can mean; `None` when one has no date.
    pub overlap_days: Option<i64>,
    /// The wider of the two dates, in days (1 = both to the day).
    pub widest_days: Option<i64>,
    pub place: &'static str,
    /// `None` when one side does not know the perpetrator.
    pub same_perpetrator: Option<bool>,
    pub shared_words: usize,
}

/// Two accounts that may tell of the same happening (indexes into the
/// accounts scored, `a < b`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    pub score: f32,
    pub reasons: Reasons,
}

/// A proposal for the inbox: join `incident` to `target`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Suggestion {
    pub incident: Link,
    pub target: Target,
    pub score: f32,
    pub reasons: Reasons,
    /// The account the target was matched through (an incident of the
    /// target event, or the target incident itself).
    pub via: Link,
}

impl Suggestion {
    pub fn rejection(&self) -> Rejection {
        Rejection { incident: self.incident, target: self.target }
    }
}

/// What scoring needs of an account, computed once.
struct Prepared {
    case: Uuid,
    family: u8,
    violation: ViolationType,
    span: Option<Span>,
    place: Where,
    perpetrator: Perpetrator,
    /// Hashes of the rarer words' keys, sorted.
    words: Vec<u64>,
}

fn family(v: ViolationType) -> u8 {
    match v {
        ViolationType::Execution | ViolationType::PublicExecution => 0,
        ViolationType::ArbitraryDetention | ViolationType::PoliticalPrisonCamp => 1,
        other => 2 + ViolationType::ALL.iter().position(|x| *x == other).unwrap_or(0) as u8,
    }
}

fn word_hashes(a: &Account) -> Vec<u64> {
    let text = normalise(&format!("{} {} {}", a.narrative, a.perpetrator_detail, a.place));
    let mut out: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(phonetic_key)
        .filter(|k| k.len() >= 4)
        .map(|k| {
            let mut h = DefaultHasher::new();
            k.hash(&mut h);
            h.finish()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The words of every account, on all cores: the narratives are the
/// longest text the suggestions read.
fn all_word_hashes(accounts: &[Account], threads: usize) -> Vec<Vec<u64>> {
    let chunk = accounts.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> =
            accounts.chunks(chunk).map(|part| s.spawn(move || part.iter().map(word_hashes).collect::<Vec<_>>())).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    })
}

fn prepare(accounts: &[Account], threads: usize) -> Vec<Prepared> {
    let mut places: HashMap<(&str, &str, &str), Where> = HashMap::new();
    let mut words = all_word_hashes(accounts, threads).into_iter();
    let mut prepared: Vec<Prepared> = accounts
        .iter()
        .map(|a| Prepared {
            case: a.case,
            family: family(a.violation),
            violation: a.violation,
            span: span(&a.date),
            place: places.entry((&a.province, &a.county, &a.place)).or_insert_with(|| resolve(&a.province, &a.county, &a.place)).clone(),
            perpetrator: a.perpetrator,
            words: words.next().unwrap_or_default(),
        })
        .collect();
    // Words most accounts share ("보위부", "arrested") are dropped.
    let mut df: HashMap<u64, u32> = HashMap::new();
    for p in &prepared {
        for w in &p.words {
            *df.entry(*w).or_default() += 1;
        }
    }
    let limit = ((accounts.len() as f64 * COMMON_WORD_SHARE) as u32).max(3);
    for p in &mut prepared {
        p.words.retain(|w| df[w] <= limit);
    }
    prepared
}

fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The score of a pair, or `None` when something rules it out.
fn score(a: &Prepared, b: &Prepared) -> Option<(f32, Reasons)> {
    if a.case == b.case || a.family != b.family {
        return None;
    }
    let same_violation = a.violation == b.violation;
    let (date, overlap_days, widest_days) = match (a.span, b.span) {
        (Some(x), Some(y)) => {
            let overlap = x.overlap(&y);
            if overlap == 0 {
                return None;
            }
            let widest = x.len().max(y.len());
            (0.45 + 0.55 * (overlap as f32 / widest as f32).sqrt(), Some(overlap), Some(widest))
        }
        _ => (0.3, None, None),
    };
    let place_match = a.place.compare(&b.place);
    let place = match place_match {
        PlaceMatch::Same => 1.0,
        PlaceMatch::Within => 0.7,
        PlaceMatch::SameProvince => 0.25,
        PlaceMatch::Unknown => 0.3,
        PlaceMatch::Different => return None,
    };
    let same_perpetrator = (a.perpetrator != Perpetrator::Unknown && b.perpetrator != Perpetrator::Unknown)
        .then_some(a.perpetrator == b.perpetrator);
    let perpetrator = match same_perpetrator {
        Some(true) => 1.0,
        None => 0.5,
        Some(false) => 0.0,
    };
    let shared_words = shared(&a.words, &b.words);
    let fewest = a.words.len().min(b.words.len()).max(1);
    let words = (shared_words as f32 / fewest.min(6) as f32).min(1.0);
    let violation = if same_violation { 1.0 } else { 0.6 };
    let total = 0.1 * violation + 0.3 * date + 0.3 * place + 0.1 * perpetrator + 0.2 * words;
    let reasons = Reasons { same_violation, overlap_days, widest_days, place: place_match.key(), same_perpetrator, shared_words };
    Some((total, reasons))
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Block {
    /// Dated accounts by family, year and province (`None`: unknown).
    Year(u8, i32, Option<&'static str>),
    /// Undated accounts, by county.
    County(u8, &'static str),
}

fn years(p: &Prepared) -> Option<(i32, i32)> {
    p.span.map(|s| (s.first_year(), s.last_year().min(s.first_year() + MAX_BLOCK_YEARS - 1)))
}

fn blocks(prepared: &[Prepared]) -> Vec<(Block, Vec<usize>)> {
    let mut map: HashMap<Block, Vec<usize>> = HashMap::new();
    let provinces: Vec<Option<&'static str>> =
        crate::korean::places::provinces().into_iter().map(|p| Some(p.hangul)).chain([None]).collect();
    for (i, p) in prepared.iter().enumerate() {
        // Different provinces never match: a block a province. An account
        // of unknown province goes in every one (and `owns` scores each
        // pair once).
        let in_provinces = if p.place.province.is_some() { &[p.place.province][..] } else { &provinces[..] };
        if let Some((first, last)) = years(p) {
            for y in first..=last {
                for prov in in_provinces {
                    map.entry(Block::Year(p.family, y, *prov)).or_default().push(i);
                }
            }
        }
        if let Some(county) = p.place.county {
            map.entry(Block::County(p.family, county)).or_default().push(i);
        }
    }
    let mut out: Vec<_> = map.into_iter().filter(|(_, v)| v.len() > 1).collect();
    // Largest first, so the threads finish together.
    out.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
    out
}

/// Whether `block` is where the pair (i, j) is scored: the first year both
/// dated accounts share, or their county when one is undated.
fn owns(block: Block, a: &Prepared, b: &Prepared) -> bool {
    match (block, years(a), years(b)) {
        (Block::Year(_, y, prov), Some((fa, la)), Some((fb, lb))) => {
            let here = match prov {
                Some(_) => a.place.province == prov || b.place.province == prov,
                None => a.place.province.is_none() && b.place.province.is_none(),
            };
            here && y == fa.max(fb) && y <= la.min(lb)
        }
        (Block::County(..), Some(_), Some(_)) => false,
        (Block::County(..), _, _) => true,
        (Block::Year(..), _, _) => false,
    }
}

fn score_blocks(prepared: &[Prepared], blocks: &[(Block, Vec<usize>)], threshold: f32) -> Vec<Pair> {
    let mut out = Vec::new();
    for (block, members) in blocks {
        for (n, &i) in members.iter().enumerate() {
            for &j in &members[n + 1..] {
                let (a, b) = (&prepared[i], &prepared[j]);
                if a.case == b.case || !owns(*block, a, b) {
                    continue;
                }
                if let Some((score, reasons)) = score(a, b)
                    && score >= threshold
                {
                    out.push(Pair { a: i.min(j), b: i.max(j), score, reasons });
                }
            }
        }
    }
    out
}

/// Every pair of accounts from different cases scoring `threshold` or
/// more, best first. Runs on all cores.
pub fn pairs(accounts: &[Account], threshold: f32) -> Vec<Pair> {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(8);
    let prepared = prepare(accounts, threads);
    let blocks = blocks(&prepared);
    // Deal the blocks round-robin (largest first) so each thread gets a share.
    let shares: Vec<Vec<(Block, Vec<usize>)>> = (0..threads)
        .map(|t| blocks.iter().skip(t).step_by(threads).cloned().collect())
        .collect();
    let mut out: Vec<Pair> = std::thread::scope(|s| {
        let handles: Vec<_> = shares.iter().map(|share| s.spawn(|| score_blocks(&prepared, share, threshold))).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    out.sort_by(|x, y| y.score.total_cmp(&x.score).then((x.a, x.b).cmp(&(y.a, y.b))));
    keep_best(out, accounts.len())
}

/// Each account keeps its [`BEST_PER_INCIDENT`] best partners: a pair
/// stays when it is among the best of either side. In a dense collection a
/// year-only account overlaps many happenings; the inbox offers the likeliest.
fn keep_best(sorted: Vec<Pair>, accounts: usize) -> Vec<Pair> {
    let mut taken = vec![0usize; accounts];
    sorted
        .into_iter()
        .filter(|p| {
            let keep = taken[p.a] < BEST_PER_INCIDENT || taken[p.b] < BEST_PER_INCIDENT;
            if keep {
                taken[p.a] += 1;
                taken[p.b] += 1;
            }
            keep
        })
        .collect()
}

/// The inbox: for each incident, the events it may belong to and the
/// incidents of other cases it may share an event with; pairs already in
/// one event, and suggestions turned down, are left out. Best first.
pub fn suggest(accounts: &[Account], book: &EventBook) -> Vec<Suggestion> {
    let event_of: HashMap<Uuid, Uuid> =
        book.events.iter().flat_map(|e| e.links.iter().map(move |l| (l.incident, e.id))).collect();
    let mut seen: HashSet<(Link, Target)> = HashSet::new();
    let mut out = Vec::new();
    for pair in pairs(accounts, THRESHOLD) {
        let (a, b) = (&accounts[pair.a], &accounts[pair.b]);
        let proposal = match (event_of.get(&a.incident), event_of.get(&b.incident)) {
            (Some(_), Some(_)) => None,
            (Some(e), None) => Some((b.link(), Target::Event(*e), a.link())),
            (None, Some(e)) => Some((a.link(), Target::Event(*e), b.link())),
            (None, None) => Some((a.link(), Target::Incident(b.link()), b.link())),
        };
        let Some((incident, target, via)) = proposal else { continue };
        let s = Suggestion { incident, target, score: pair.score, reasons: pair.reasons, via };
        if book.is_rejected(&s.rejection()) || !seen.insert((incident, target)) {
            continue;
        }
        out.push(s);
    }
    out
}

/// Precision and recall of [`pairs`] against known groupings: accounts
/// with the same group number tell of one happening.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Quality {
    pub precision: f64,
    pub recall: f64,
    pub true_pairs: usize,
    pub suggested: usize,
}

pub fn quality(accounts: &[Account], groups: &[Option<u32>], threshold: f32) -> Quality {
    let found = pairs(accounts, threshold);
    let same = |a: usize, b: usize| groups[a].is_some() && groups[a] == groups[b];
    let correct = found.iter().filter(|p| same(p.a, p.b)).count();
    let mut members: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        if let Some(g) = g {
            members.entry(*g).or_default().push(i);
        }
    }
    let true_pairs: usize = members
        .values()
        .map(|m| {
            let mut n = 0;
            for (x, &i) in m.iter().enumerate() {
                n += m[x + 1..].iter().filter(|&&j| accounts[i].case != accounts[j].case).count();
            }
            n
        })
        .sum();
    Quality {
        precision: if found.is_empty() { 1.0 } else { correct as f64 / found.len() as f64 },
        recall: if true_pairs == 0 { 1.0 } else { correct as f64 / true_pairs as f64 },
        true_pairs,
        suggested: found.len(),
    }
}

