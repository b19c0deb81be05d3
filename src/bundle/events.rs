//! Events in bundles: `events.ron`, after the cases, holding the events
//! that link an incident of an exported case (with only those links), its
//! size and SHA-256 in the manifest, so `manifest.sig` covers it like every
//! case. A bundle without events has no entry and no manifest line, and
//! reads as before.
//!
//! Redaction follows the case's profile: *full* keeps everything;
//! *pseudonymised* keeps links by id and scrubs every removed value of the
//! linked cases (real names, contacts…) from the event's text, through the
//! same rules as the cases ([`super::redact`]); *statistics only* keeps the
//! links and the structured fields (violation, dates, province,
//! perpetrator type) and empties every free text.
//!
//! At import events merge like cases: a new event is added; links are
//! added; a link whose incident belongs to another event here, and a field
//! that differs from ours, are kept as an [`EventConflict`] for the user,
//! never dropped. Fields a redacted bundle emptied are not differences.

use super::format::sha256_hex;
use super::redact::{redact, Profile};
use super::{BundleError, Result};
use crate::events::{store, Event, EventBook, EventConflict, Link};
use crate::model::{now_utc, Case};
use crate::vault::Vault;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;
use uuid::Uuid;

pub const EVENTS_ENTRY: &str = "events.ron";
pub const BUNDLE_EVENTS_FORMAT: u32 = 1;

/// The manifest's line for `events.ron`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEvents {
    pub sha256: String,
    pub size: u64,
    pub count: u32,
}

#[derive(Serialize, Deserialize)]
struct EventsEntry {
    format: u32,
    events: Vec<Event>,
}

/// What an import did with the bundle's events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventsMerge {
    pub added: usize,
    pub links_added: usize,
    pub conflicts: usize,
}

impl EventsMerge {
    /// The line an import adds when the bundle brought events.
    pub fn summary(&self) -> Option<String> {
        (*self != EventsMerge::default()).then(|| {
            crate::i18n::t_args(
                "import-events-done",
                &[
                    ("added", &self.added.to_string()),
                    ("links", &self.links_added.to_string()),
                    ("conflicts", &self.conflicts.to_string()),
                ],
            )
        })
    }
}

/// The entry for the exported `cases` (as they were before redaction), or
/// `None` when no event links any of them.
pub fn export_entry(vault: &Vault, cases: &[Case], profile: Profile) -> Result<Option<(ManifestEvents, Vec<u8>)>> {
    let book = store::load(vault)?.book;
    let exported: HashSet<Uuid> = cases.iter().map(|c| c.id).collect();
    let mut events = Vec::new();
    for event in &book.events {
        let links: Vec<Link> = event.links.iter().filter(|l| exported.contains(&l.case)).copied().collect();
        if links.is_empty() {
            continue;
        }
        let linked: Vec<&Case> = cases.iter().filter(|c| links.iter().any(|l| l.case == c.id)).collect();
        events.push(redacted(Event { links, ..event.clone() }, &linked, profile)?);
    }
    if events.is_empty() {
        return Ok(None);
    }
    let count = events.len() as u32;
    let bytes = ron::to_string(&EventsEntry { format: BUNDLE_EVENTS_FORMAT, events })
        .map_err(|e| BundleError::Redaction { detail: e.to_string() })?
        .into_bytes();
    Ok(Some((ManifestEvents { sha256: sha256_hex(&bytes), size: bytes.len() as u64, count }, bytes)))
}

fn texts(e: &mut Event) -> [&mut String; 4] {
    [&mut e.title, &mut e.description, &mut e.place, &mut e.perpetrator_detail]
}

fn redacted(mut event: Event, linked: &[&Case], profile: Profile) -> Result<Event> {
    match profile {
        Profile::Full => {}
        Profile::Pseudonymised => {
            // Each linked case's removed values, scrubbed by the cases' own
            // rules: the event's texts ride in a copy of the case.
            for case in linked {
                let mut probe = (*case).clone();
                let [a, b, c, d] = texts(&mut event);
                probe.narrative = std::mem::take(a);
                probe.interviewer_notes = std::mem::take(b);
                probe.credibility_notes = std::mem::take(c);
                probe.follow_up = std::mem::take(d);
                let mut scrubbed = redact(&probe, Profile::Pseudonymised)?;
                let [a, b, c, d] = texts(&mut event);
                *a = std::mem::take(&mut scrubbed.narrative);
                *b = std::mem::take(&mut scrubbed.interviewer_notes);
                *c = std::mem::take(&mut scrubbed.credibility_notes);
                *d = std::mem::take(&mut scrubbed.follow_up);
            }
        }
        Profile::StatisticsOnly => {
            for text in texts(&mut event) {
                text.clear();
            }
            event.county.clear();
        }
    }
    Ok(event)
}

/// Check and decode the entry against its manifest line.
pub fn read_entry(bytes: &[u8], line: &ManifestEvents, file: &Path) -> Result<Vec<Event>> {
    let damaged = |detail: String| BundleError::damaged(file, detail);
    if bytes.len() as u64 != line.size || sha256_hex(bytes) != line.sha256 {
        return Err(damaged(format!("{EVENTS_ENTRY} does not match its hash in the manifest")));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| damaged(format!("{EVENTS_ENTRY} is not text")))?;
    #[derive(Deserialize)]
    struct Probe {
        format: u32,
    }
    let probe: Probe = ron::from_str(text).map_err(|e| damaged(format!("{EVENTS_ENTRY}: {e}")))?;
    if probe.format > BUNDLE_EVENTS_FORMAT {
        return Err(BundleError::NewerFormat { file: file.to_path_buf(), found: probe.format, supported: BUNDLE_EVENTS_FORMAT });
    }
    let entry: EventsEntry = ron::from_str(text).map_err(|e| damaged(format!("{EVENTS_ENTRY}: {e}")))?;
    if entry.events.len() as u32 != line.count {
        return Err(damaged(format!("{EVENTS_ENTRY} does not hold the events the manifest counts")));
    }
    Ok(entry.events)
}

/// The fields of `theirs` that differ from `ours`, leaving out those a
/// redacted bundle emptied.
fn differing(ours: &Event, theirs: &Event) -> Vec<String> {
    let text = |name: &str, a: &str, b: &str| (!b.trim().is_empty() && a != b).then(|| name.to_string());
    [
        text("title", &ours.title, &theirs.title),
        text("description", &ours.description, &theirs.description),
        text("place", &ours.place, &theirs.place),
        text("perpetrator-detail", &ours.perpetrator_detail, &theirs.perpetrator_detail),
        text("province", &ours.province, &theirs.province),
        text("county", &ours.county, &theirs.county),
        (ours.violation != theirs.violation).then(|| "violation".to_string()),
        (ours.date != theirs.date && theirs.date != Default::default()).then(|| "date".to_string()),
        (ours.perpetrator != theirs.perpetrator).then(|| "perpetrator".to_string()),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Merge one of their events into the book.
fn merge_one(book: &mut EventBook, theirs: Event, from_vault: Uuid, report: &mut EventsMerge) {
    let exists = book.get(theirs.id).is_some();
    let mut blocked = Vec::new();
    let mut fields = Vec::new();
    if !exists {
        let mut new = Event { links: Vec::new(), ..theirs.clone() };
        new.updated = now_utc();
        book.events.push(new);
        report.added += 1;
    } else if let Some(ours) = book.get(theirs.id) {
        fields = differing(ours, &theirs);
    }
    for link in &theirs.links {
        match book.link(theirs.id, *link) {
            Ok(true) => report.links_added += 1,
            Ok(false) => {}
            Err(_) => blocked.push(*link),
        }
    }
    if fields.is_empty() && blocked.is_empty() {
        return;
    }
    // The same difference from an earlier import of the same bundle is not
    // stored twice.
    let known = book.conflicts.iter().any(|c| c.theirs == theirs && c.from_vault == from_vault);
    if !known {
        book.conflicts.push(EventConflict { theirs, fields, blocked_links: blocked, from_vault, received: now_utc() });
        report.conflicts += 1;
    }
}

/// Merge the bundle's events into the vault's book and save it when it
/// changed. A book that does not open here is never overwritten.
pub fn merge_into(vault: &Vault, events: &[Event], from_vault: Uuid) -> Result<EventsMerge> {
    let mut report = EventsMerge::default();
    if events.is_empty() {
        return Ok(report);
    }
    let mut book = store::load(vault)?.book;
    let before = book.clone();
    for theirs in events {
        merge_one(&mut book, theirs.clone(), from_vault, &mut report);
    }
    if book != before {
        store::save(vault, &book)?;
    }
    Ok(report)
}
