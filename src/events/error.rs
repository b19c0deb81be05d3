//! What can go wrong with events, said in the user's language: each
//! variant's `Display` is its Fluent message (`events-error-…`).

use crate::i18n::t_args;
use crate::vault::VaultError;
use std::fmt;
use uuid::Uuid;

#[derive(Debug)]
pub enum EventError {
    Vault(VaultError),
    NoSuchEvent(String),
    /// More than one event starts with the id or has the title given.
    Ambiguous(String),
    AlreadyLinked { incident: Uuid, event: String },
    NotLinked(Uuid),
    /// A case has no incident numbered or identified so.
    NoSuchIncident { case: String, incident: String },
}

impl From<VaultError> for EventError {
    fn from(e: VaultError) -> Self {
        EventError::Vault(e)
    }
}

impl fmt::Display for EventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            EventError::Vault(e) => e.to_string(),
            EventError::NoSuchEvent(id) => t_args("events-error-no-such-event", &[("event", id)]),
            EventError::Ambiguous(id) => t_args("events-error-ambiguous", &[("event", id)]),
            EventError::AlreadyLinked { incident, event } => {
                t_args("events-error-already-linked", &[("incident", &incident.to_string()), ("event", event)])
            }
            EventError::NotLinked(incident) => t_args("events-error-not-linked", &[("incident", &incident.to_string())]),
            EventError::NoSuchIncident { case, incident } => {
                t_args("events-error-no-such-incident", &[("case", case), ("incident", incident)])
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for EventError {}
