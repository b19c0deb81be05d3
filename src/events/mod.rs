//! Events: one incident told by many witnesses.
//!
//! Every case stands alone; an *event* (the HURIDOCS events standard's
//! unit) ties together the incidents of several cases that describe the
//! same happening, so an analyst can say how many independent sources stand
//! behind it. An event holds what is known of the happening itself (title,
//! violation, date or range, place, perpetrator, description) and links to
//! incidents by (case id, incident id); one incident belongs to at most one
//! event, which [`EventBook::link`] enforces.
//!
//! The module is core: plain types and rules, no window and no files but
//! through [`store`], which keeps the book encrypted in the vault like the
//! cases. [`suggest`] proposes links, [`corroborate`] lays the accounts of
//! an event side by side, [`stats`] counts incidents and events.

pub mod account;
pub mod corroborate;
mod dates;
mod error;
pub mod place;
pub mod stats;
pub mod store;
pub mod suggest;
pub mod synthetic;

pub use account::Account;
pub use error::EventError;

use crate::model::{now_utc, DateRange, Perpetrator, ViolationType};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// An incident of a case, by id: what an event links to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Link {
    pub case: Uuid,
    pub incident: Uuid,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: Uuid,
    pub title: String,
    pub violation: ViolationType,
    pub date: DateRange,
    pub province: String,
    pub county: String,
    pub place: String,
    pub perpetrator: Perpetrator,
    pub perpetrator_detail: String,
    pub description: String,
    pub links: Vec<Link>,
    #[serde(with = "time::serde::rfc3339")]
    pub created: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated: OffsetDateTime,
}

impl Event {
    pub fn new(title: impl Into<String>, violation: ViolationType) -> Event {
        let now = now_utc();
        Event {
            id: Uuid::new_v4(),
            title: title.into(),
            violation,
            date: DateRange::default(),
            province: String::new(),
            county: String::new(),
            place: String::new(),
            perpetrator: Perpetrator::Unknown,
            perpetrator_detail: String::new(),
            description: String::new(),
            links: Vec::new(),
            created: now,
            updated: now,
        }
    }

    /// A new event described like `account`'s incident, linked to it.
    pub fn from_account(account: &Account) -> Event {
        let title = [account.place.as_str(), account.county.as_str(), account.province.as_str()]
            .into_iter()
            .find(|s| !s.trim().is_empty())
            .map(|p| format!("{} — {p} {}", crate::i18n::labels::violation_label(account.violation), account.date.to_iso()))
            .unwrap_or_else(|| crate::i18n::labels::violation_label(account.violation));
        let mut event = Event::new(title.trim(), account.violation);
        event.date = account.date.clone();
        event.province = account.province.clone();
        event.county = account.county.clone();
        event.place = account.place.clone();
        event.perpetrator = account.perpetrator;
        event.perpetrator_detail = account.perpetrator_detail.clone();
        event.links.push(account.link());
        event
    }
}

/// What a suggestion proposed to join an incident to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    Event(Uuid),
    Incident(Link),
}

/// A suggestion the user turned down: never proposed again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rejection {
    pub incident: Link,
    pub target: Target,
}

/// What the organisation requires before it calls an event corroborated,
/// e.g. "at least 2 independent sources, 1 of them first-hand".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standard {
    pub min_sources: u32,
    /// Of those, how many must be first-hand (direct victim or eyewitness).
    pub min_first_hand: u32,
}

impl Default for Standard {
    fn default() -> Self {
        Standard { min_sources: 2, min_first_hand: 1 }
    }
}

/// Another vault's version of one of our events that differs from ours,
/// kept from an import for the user to settle: never dropped silently.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventConflict {
    /// Their version, as the bundle brought it.
    pub theirs: Event,
    /// The fields whose values differ (`title`, `date`, …).
    pub fields: Vec<String>,
    /// Their links that could not be added: the incident belongs to
    /// another event here.
    pub blocked_links: Vec<Link>,
    /// The vault the bundle came from.
    pub from_vault: Uuid,
    #[serde(with = "time::serde::rfc3339")]
    pub received: OffsetDateTime,
}

/// Every event of a vault, the suggestions turned down, the standard, and
/// the differences imports brought.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventBook {
    pub events: Vec<Event>,
    pub rejected: Vec<Rejection>,
    pub standard: Standard,
    #[serde(default)]
    pub conflicts: Vec<EventConflict>,
}

impl EventBook {
    pub fn get(&self, id: Uuid) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }

    /// The event an incident belongs to, if any.
    pub fn event_of(&self, incident: Uuid) -> Option<&Event> {
        self.events.iter().find(|e| e.links.iter().any(|l| l.incident == incident))
    }

    /// An event by its id, or by the start of its id (as the command line
    /// prints it), or by its exact title.
    pub fn find(&self, text: &str) -> Result<Uuid, EventError> {
        let t = text.trim();
        if let Ok(id) = Uuid::parse_str(t) {
            return self.get(id).map(|e| e.id).ok_or_else(|| EventError::NoSuchEvent(t.to_string()));
        }
        let found: Vec<&Event> = self
            .events
            .iter()
            .filter(|e| (t.len() >= 4 && e.id.simple().to_string().starts_with(t)) || e.title == t)
            .collect();
        match found.as_slice() {
            [one] => Ok(one.id),
            [] => Err(EventError::NoSuchEvent(t.to_string())),
            _ => Err(EventError::Ambiguous(t.to_string())),
        }
    }

    pub fn add(&mut self, event: Event) -> Result<Uuid, EventError> {
        for link in &event.links {
            self.check_free(link, None)?;
        }
        let id = event.id;
        self.events.push(event);
        Ok(id)
    }

    /// Link an incident to an event. Already linked to it: nothing to do
    /// (false); linked to another event: refused, naming that event.
    pub fn link(&mut self, event: Uuid, link: Link) -> Result<bool, EventError> {
        self.check_free(&link, Some(event))?;
        let e = self.events.iter_mut().find(|e| e.id == event).ok_or_else(|| EventError::NoSuchEvent(event.to_string()))?;
        if e.links.contains(&link) {
            return Ok(false);
        }
        e.links.push(link);
        e.updated = now_utc();
        Ok(true)
    }

    /// Take `edited`'s description (title, violation, date, place,
    /// perpetrator, description) for the event of its id. Links and the
    /// creation time stay as they are: they change only through
    /// [`EventBook::link`] and [`EventBook::unlink`], which keep the
    /// one-incident-one-event rule.
    pub fn update(&mut self, edited: &Event) -> Result<(), EventError> {
        let e = self.events.iter_mut().find(|e| e.id == edited.id).ok_or_else(|| EventError::NoSuchEvent(edited.id.to_string()))?;
        *e = Event { links: std::mem::take(&mut e.links), created: e.created, updated: now_utc(), ..edited.clone() };
        Ok(())
    }

    /// Delete an event; its incidents are free again. Differences an
    /// import brought for it go too: there is nothing left to settle.
    pub fn remove(&mut self, id: Uuid) -> Result<Event, EventError> {
        let at = self.events.iter().position(|e| e.id == id).ok_or_else(|| EventError::NoSuchEvent(id.to_string()))?;
        self.conflicts.retain(|c| c.theirs.id != id);
        Ok(self.events.remove(at))
    }

    /// Take an incident out of its event; the event stays, even empty.
    pub fn unlink(&mut self, incident: Uuid) -> Result<Uuid, EventError> {
        let e = self
            .events
            .iter_mut()
            .find(|e| e.links.iter().any(|l| l.incident == incident))
            .ok_or(EventError::NotLinked(incident))?;
        e.links.retain(|l| l.incident != incident);
        e.updated = now_utc();
        Ok(e.id)
    }

    /// Settle the differences an import brought for `event`: keep ours, or
    /// take their fields (their links are added where the incident is free).
    pub fn resolve(&mut self, event: Uuid, take_theirs: bool) -> Result<usize, EventError> {
        let (theirs, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut self.conflicts).into_iter().partition(|c| c.theirs.id == event);
        self.conflicts = rest;
        if theirs.is_empty() {
            return Err(EventError::NoSuchEvent(event.to_string()));
        }
        if take_theirs && let Some(last) = theirs.last() {
            let ours = self.events.iter_mut().find(|e| e.id == event).ok_or_else(|| EventError::NoSuchEvent(event.to_string()))?;
            let links = std::mem::take(&mut ours.links);
            *ours = Event { links, created: ours.created, updated: now_utc(), ..last.theirs.clone() };
        }
        Ok(theirs.len())
    }

    pub fn reject(&mut self, rejection: Rejection) {
        if !self.is_rejected(&rejection) {
            self.rejected.push(rejection);
        }
    }

    /// Whether the pair was turned down, in either direction.
    pub fn is_rejected(&self, r: &Rejection) -> bool {
        self.rejected.iter().any(|x| {
            x == r
                || matches!((x.target, r.target), (Target::Incident(a), Target::Incident(b))
                    if a == r.incident && b == x.incident)
        })
    }

    fn check_free(&self, link: &Link, allowed: Option<Uuid>) -> Result<(), EventError> {
        match self.event_of(link.incident) {
            Some(other) if Some(other.id) != allowed => {
                Err(EventError::AlreadyLinked { incident: link.incident, event: other.title.clone() })
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_incident_belongs_to_one_event_at_most() {
        let mut book = EventBook::default();
        let a = book.add(Event::new("A", ViolationType::PublicExecution)).unwrap();
        let b = book.add(Event::new("B", ViolationType::PublicExecution)).unwrap();
        let link = Link { case: Uuid::new_v4(), incident: Uuid::new_v4() };
        assert!(book.link(a, link).unwrap());
        assert!(!book.link(a, link).unwrap(), "linking twice changes nothing");
        assert!(matches!(book.link(b, link), Err(EventError::AlreadyLinked { .. })));
        assert_eq!(book.unlink(link.incident).unwrap(), a);
        assert!(book.link(b, link).unwrap());
        assert_eq!(book.event_of(link.incident).map(|e| e.id), Some(b));
    }

    #[test]
    fn an_edit_keeps_the_links_and_a_deleted_event_frees_its_incidents() {
        let mut book = EventBook::default();
        let link = Link { case: Uuid::new_v4(), incident: Uuid::new_v4() };
        let mut event = Event::new("A", ViolationType::PublicExecution);
        event.links.push(link);
        let id = book.add(event).unwrap();
        let mut edited = book.get(id).unwrap().clone();
        edited.title = "B".into();
        edited.date = DateRange::parse("2010-03").unwrap();
        // Links are not edited this way: the rule is kept by link().
        edited.links.clear();
        book.update(&edited).unwrap();
        let e = book.get(id).unwrap();
        assert_eq!((e.title.as_str(), e.date.to_iso()), ("B", "2010-03".to_string()));
        assert_eq!(e.links, vec![link]);
        assert!(matches!(book.update(&Event::new("C", ViolationType::Torture)), Err(EventError::NoSuchEvent(_))));

        let other = book.add(Event::new("other", ViolationType::Torture)).unwrap();
        assert!(matches!(book.link(other, link), Err(EventError::AlreadyLinked { .. })));
        assert_eq!(book.remove(id).unwrap().title, "B");
        assert!(book.get(id).is_none() && book.event_of(link.incident).is_none());
        assert!(book.link(other, link).unwrap(), "the incident is free again");
        assert!(matches!(book.remove(id), Err(EventError::NoSuchEvent(_))));
    }

    #[test]
    fn a_rejection_holds_both_ways() {
        let mut book = EventBook::default();
        let x = Link { case: Uuid::new_v4(), incident: Uuid::new_v4() };
        let y = Link { case: Uuid::new_v4(), incident: Uuid::new_v4() };
        book.reject(Rejection { incident: x, target: Target::Incident(y) });
        assert!(book.is_rejected(&Rejection { incident: y, target: Target::Incident(x) }));
        assert!(!book.is_rejected(&Rejection { incident: y, target: Target::Event(x.case) }));
    }
}
