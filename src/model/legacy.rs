//! Older schema versions and how they become the current one.
//!
//! Schema 1 was the first field release: one flat witness block, free-text
//! incident dates and perpetrators, a single "may share" consent flag and a
//! `complete` boolean instead of a status. Migration keeps every value: what
//! has no structured home in schema 2 is carried into a text field with a note.

use super::{
    Anonymity, Case, CaseStatus, Consent, ConsentMethod, DateRange, FuzzyDate, Gender, Incident, Interview, Interviewee,
    Perpetrator, Revision, ViolationType,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CaseV1 {
    pub id: Uuid,
    pub code: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated: OffsetDateTime,
    pub complete: bool,
    pub interview_date: String,
    pub interview_place: String,
    pub interviewer: String,
    pub witness: WitnessV1,
    pub consent_given: bool,
    pub consent_oral: bool,
    pub may_share: bool,
    pub incidents: Vec<IncidentV1>,
    pub narrative: String,
    pub notes: String,
    pub history: Vec<RevisionV1>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WitnessV1 {
    pub pseudonym: String,
    pub real_name: String,
    pub gender: String,
    pub birth_year: Option<i32>,
    pub home_province: String,
    pub contact: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IncidentV1 {
    pub violation: String,
    pub date: String,
    pub place: String,
    pub perpetrator: String,
    pub narrative: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RevisionV1 {
    pub number: u32,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub editor: String,
    pub changed_fields: Vec<String>,
}

impl CaseV1 {
    /// Schema 1 -> schema 2. Nothing is dropped: values that do not fit
    /// their new field are noted in the interviewer notes.
    pub fn migrate(self) -> Case {
        let mut notes = Notes(self.notes.clone());
        let interview_date = self.interview_date(&mut notes);
        let gender = self.witness.gender(&mut notes);
        let mut case = Case::new(self.code.clone());
        case.id = self.id;
        case.created = self.created;
        case.updated = self.updated;
        case.status = if self.complete { CaseStatus::Complete } else { CaseStatus::Draft };
        case.interview = Interview {
            date: interview_date,
            place: self.interview_place.clone(),
            interviewer: self.interviewer.clone(),
            ..Interview::default()
        };
        case.interviewee = Interviewee {
            pseudonym: self.witness.pseudonym.clone(),
            real_name: self.witness.real_name.clone(),
            gender,
            birth_year: self.witness.birth_year.map(super::Year::exact),
            home_province: self.witness.home_province.clone(),
            contact: self.witness.contact.clone(),
            ..Interviewee::default()
        };
        case.consent = self.consent();
        case.incidents = self.incidents.iter().map(IncidentV1::migrate).collect();
        case.narrative = self.narrative.clone();
        case.interviewer_notes = notes.0;
        case.history = self.history.iter().map(RevisionV1::migrate).collect();
        case
    }

    /// The free-text date, parsed; noted when it does not parse.
    fn interview_date(&self, notes: &mut Notes) -> Option<FuzzyDate> {
        match FuzzyDate::parse(&self.interview_date) {
            Ok(d) => Some(d),
            Err(_) if self.interview_date.trim().is_empty() => None,
            Err(_) => {
                notes.add(format!("[schema 1] interview date as recorded: {}", self.interview_date));
                None
            }
        }
    }

    /// One "may share" flag became two; court and quoting were never asked.
    fn consent(&self) -> Consent {
        Consent {
            given: self.consent_given,
            date: None,
            method: match (self.consent_given, self.consent_oral) {
                (false, _) => ConsentMethod::NotRecorded,
                (true, true) => ConsentMethod::Oral,
                (true, false) => ConsentMethod::Written,
            },
            share_with_un: self.may_share,
            share_with_ngos: self.may_share,
            use_in_court: false,
            quote_publicly: false,
            anonymity: Anonymity::PseudonymOnly,
        }
    }
}

/// The interviewer notes, growing a line per value that found no home.
struct Notes(String);

impl Notes {
    fn add(&mut self, line: String) {
        if !self.0.is_empty() {
            self.0.push('\n');
        }
        self.0.push_str(&line);
    }
}

impl WitnessV1 {
    /// The free-text gender; anything unrecognised is `Other`, noted.
    fn gender(&self, notes: &mut Notes) -> Gender {
        match self.gender.trim().to_lowercase().as_str() {
            "f" | "female" | "여" | "여성" => Gender::Female,
            "m" | "male" | "남" | "남성" => Gender::Male,
            "" => Gender::Unspecified,
            other => {
                notes.add(format!("[schema 1] gender as recorded: {other}"));
                Gender::Other
            }
        }
    }
}

impl IncidentV1 {
    /// An unknown violation keeps its text in `violation_other`, the free
    /// perpetrator goes to `perpetrator_detail`, and a date that does not
    /// parse is kept with the place.
    fn migrate(&self) -> Incident {
        let violation = ViolationType::from_key(self.violation.trim()).unwrap_or(ViolationType::Other);
        let mut place = self.place.clone();
        let date = match DateRange::parse(&self.date) {
            Ok(d) => d,
            Err(_) => {
                place = format!("{place} [schema 1 date: {}]", self.date).trim().to_string();
                DateRange::default()
            }
        };
        Incident {
            violation,
            violation_other: if violation == ViolationType::Other { self.violation.clone() } else { String::new() },
            date,
            place,
            perpetrator: Perpetrator::Other,
            perpetrator_detail: self.perpetrator.clone(),
            narrative: self.narrative.clone(),
            ..Incident::default()
        }
    }
}

impl RevisionV1 {
    /// Schema 1 recorded no hashes, so its chain cannot be checked.
    fn migrate(&self) -> Revision {
        Revision {
            number: self.number,
            at: self.at,
            editor: self.editor.clone(),
            changed_fields: self.changed_fields.clone(),
            prev_hash: String::new(),
            content_hash: String::new(),
            note: "schema 1 revision (no hashes recorded)".into(),
            signature: None,
            before: None,
        }
    }
}
