//! The figures an analyst reports: incidents and distinct events by
//! violation type × year × province, and incidents by how the witnesses
//! know, over the accounts a filter keeps (like the case list's filters).
//!
//! An incident's year is the first year its date can mean; its province is
//! the place list's name when it resolves (so 함경북도 and North Hamgyong
//! count together), else the text as typed. An event counts once in every
//! cell one of its incidents falls in, and once in the totals; an incident
//! in no event is "unlinked".

use super::account::Account;
use super::place::resolve;
use super::EventBook;
use crate::model::{CaseStatus, SourceOfKnowledge, ViolationType};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

/// Which accounts count. Empty fields keep everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub violation: Option<ViolationType>,
    /// Any spelling of a province.
    pub province: Option<String>,
    pub from_year: Option<i32>,
    pub until_year: Option<i32>,
    pub status: Option<CaseStatus>,
    pub source: Option<SourceOfKnowledge>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    pub violation: ViolationType,
    pub year: Option<i32>,
    /// Empty when no province was given.
    pub province: String,
    pub incidents: u32,
    pub events: u32,
    pub unlinked: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub incidents: u32,
    pub events: u32,
    pub unlinked: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Stats {
    pub rows: Vec<Row>,
    pub by_year: Vec<(Option<i32>, Counts)>,
    pub by_violation: Vec<(ViolationType, Counts)>,
    pub by_source: Vec<(SourceOfKnowledge, u32)>,
    pub total: Counts,
}

pub fn year(a: &Account) -> Option<i32> {
    a.date.start.as_ref().or(a.date.end.as_ref()).map(|d| d.year)
}

pub fn province(a: &Account) -> String {
    resolve(&a.province, &a.county, &a.place).province.map(str::to_string).unwrap_or_else(|| a.province.trim().to_string())
}

impl Filter {
    pub fn keeps(&self, a: &Account) -> bool {
        let wanted_province = self.province.as_ref().map(|p| resolve(p, "", "").province.map(str::to_string).unwrap_or(p.trim().to_string()));
        self.violation.is_none_or(|v| v == a.violation)
            && self.status.is_none_or(|s| s == a.status)
            && self.source.is_none_or(|s| s == a.source)
            && wanted_province.is_none_or(|p| p == province(a))
            && self.from_year.is_none_or(|y| year(a).is_some_and(|ay| ay >= y))
            && self.until_year.is_none_or(|y| year(a).is_some_and(|ay| ay <= y))
    }
}

/// Incidents, distinct events and unlinked incidents of a set of accounts.
#[derive(Default)]
struct Tally {
    incidents: u32,
    events: HashSet<Uuid>,
    unlinked: u32,
}

impl Tally {
    fn add(&mut self, event: Option<Uuid>) {
        self.incidents += 1;
        match event {
            Some(e) => {
                self.events.insert(e);
            }
            None => self.unlinked += 1,
        }
    }
    fn counts(&self) -> Counts {
        Counts { incidents: self.incidents, events: self.events.len() as u32, unlinked: self.unlinked }
    }
}

pub fn stats(accounts: &[Account], book: &EventBook, filter: &Filter) -> Stats {
    let event_of: HashMap<Uuid, Uuid> =
        book.events.iter().flat_map(|e| e.links.iter().map(move |l| (l.incident, e.id))).collect();
    let mut cells: BTreeMap<(ViolationType, Option<i32>, String), Tally> = BTreeMap::new();
    let mut years: BTreeMap<Option<i32>, Tally> = BTreeMap::new();
    let mut violations: BTreeMap<ViolationType, Tally> = BTreeMap::new();
    let mut sources = [0u32; SourceOfKnowledge::ALL.len()];
    let mut total = Tally::default();
    for a in accounts.iter().filter(|a| filter.keeps(a)) {
        let event = event_of.get(&a.incident).copied();
        cells.entry((a.violation, year(a), province(a))).or_default().add(event);
        years.entry(year(a)).or_default().add(event);
        violations.entry(a.violation).or_default().add(event);
        sources[SourceOfKnowledge::ALL.iter().position(|s| *s == a.source).unwrap_or(0)] += 1;
        total.add(event);
    }
    let rows = cells
        .into_iter()
        .map(|((violation, year, province), t)| {
            let c = t.counts();
            Row { violation, year, province, incidents: c.incidents, events: c.events, unlinked: c.unlinked }
        })
        .collect();
    Stats {
        rows,
        by_year: years.into_iter().map(|(y, t)| (y, t.counts())).collect(),
        by_violation: violations.into_iter().map(|(v, t)| (v, t.counts())).collect(),
        by_source: SourceOfKnowledge::ALL.iter().copied().zip(sources).collect(),
        total: total.counts(),
    }
}
