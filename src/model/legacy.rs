//! Older schema versions and how they become the current one.
//!
//! Schema 1 was the first field release: one flat witness block, free-text
//! incident dates and perpetrators, a single "may share" consent flag and a
//! `complete` boolean instead of a status. Migration keeps every value: what
//! has no structured home in schema 2 is carried into a text field with a note.

use super::*;

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
    /// Schema 1 -> schema 2. Nothing is dropped.
    pub fn migrate(self) -> Case {
        let mut notes = self.notes.clone();
        let mut note = |line: String| {
            if !notes.is_empty() {
                notes.push('\n');
            }
            notes.push_str(&line);
        };
        let interview_date = match FuzzyDate::parse(&self.interview_date) {
            Ok(d) => Some(d),
            Err(_) if self.interview_date.trim().is_empty() => None,
            Err(_) => {
                note(format!("[schema 1] interview date as recorded: {}", self.interview_date));
                None
            }
        };
        let gender = match self.witness.gender.trim().to_lowercase().as_str() {
            "f" | "female" | "여" | "여성" => Gender::Female,
            "m" | "male" | "남" | "남성" => Gender::Male,
            "" => Gender::Unspecified,
            other => {
                note(format!("[schema 1] gender as recorded: {other}"));
                Gender::Other
            }
        };
        let incidents = self
            .incidents
            .iter()
            .map(|old| {
                let violation = ViolationType::from_key(old.violation.trim()).unwrap_or(ViolationType::Other);
                let mut place = old.place.clone();
                let date = match DateRange::parse(&old.date) {
                    Ok(d) => d,
                    Err(_) => {
                        place = format!("{place} [schema 1 date: {}]", old.date).trim().to_string();
                        DateRange::default()
                    }
                };
                Incident {
                    violation,
                    violation_other: if violation == ViolationType::Other { old.violation.clone() } else { String::new() },
                    date,
                    place,
                    perpetrator: Perpetrator::Other,
                    perpetrator_detail: old.perpetrator.clone(),
                    narrative: old.narrative.clone(),
                    ..Incident::default()
                }
            })
            .collect();
        let consent = Consent {
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
        };
        let history = self
            .history
            .iter()
            .map(|r| Revision {
                number: r.number,
                at: r.at,
                editor: r.editor.clone(),
                changed_fields: r.changed_fields.clone(),
                prev_hash: String::new(),
                content_hash: String::new(),
                note: "schema 1 revision (no hashes recorded)".into(),
                signature: None,
            })
            .collect();
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
            birth_year: self.witness.birth_year,
            home_province: self.witness.home_province.clone(),
            contact: self.witness.contact.clone(),
            ..Interviewee::default()
        };
        case.consent = consent;
        case.incidents = incidents;
        case.narrative = self.narrative.clone();
        case.interviewer_notes = notes;
        case.history = history;
        case
    }
}
