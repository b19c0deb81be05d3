//! Plain serde types for one testimony record.
//!
//! Shaped after the HURIDOCS events standard formats (event, act, victim,
//! perpetrator, source), cut down to what a defector interview needs. These
//! types know nothing of files, encryption or windows.

pub(crate) mod canonical;
mod date;
mod diff;
mod fields;
mod text;
mod year;
pub mod history;
pub mod legacy;
pub mod merge;
pub mod provenance;
pub mod recording;

pub use date::{DateRange, DateParseError, FuzzyDate};
pub use diff::{changed_fields, word_diff, WordChange};
pub use provenance::{RevisionSignature, SignedAs};
pub use fields::{Field, Kind, Part};
pub use year::Year;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use uuid::Uuid;
use zeroize::Zeroize;

/// Schema version written inside every case file. Bump it and add a migration
/// in `legacy` when a field changes meaning or disappears.
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CaseStatus {
    #[default]
    Draft,
    Complete,
    NeedsFollowUp,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 3] = [CaseStatus::Draft, CaseStatus::Complete, CaseStatus::NeedsFollowUp];
    /// Stable identifier, used for translation keys and the command line.
    pub fn key(self) -> &'static str {
        match self {
            CaseStatus::Draft => "draft",
            CaseStatus::Complete => "complete",
            CaseStatus::NeedsFollowUp => "needs-follow-up",
        }
    }
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Language {
    #[default]
    Korean,
    English,
    Other(String),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Gender {
    #[default]
    Unspecified,
    Female,
    Male,
    Other,
}

impl Gender {
    pub const ALL: [Gender; 4] = [Gender::Unspecified, Gender::Female, Gender::Male, Gender::Other];
    pub fn key(self) -> &'static str {
        match self {
            Gender::Unspecified => "unspecified",
            Gender::Female => "female",
            Gender::Male => "male",
            Gender::Other => "other",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConsentMethod {
    #[default]
    NotRecorded,
    Oral,
    Written,
}

impl ConsentMethod {
    pub const ALL: [ConsentMethod; 3] = [ConsentMethod::NotRecorded, ConsentMethod::Oral, ConsentMethod::Written];
    pub fn key(self) -> &'static str {
        match self {
            ConsentMethod::NotRecorded => "not-recorded",
            ConsentMethod::Oral => "oral",
            ConsentMethod::Written => "written",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Anonymity {
    FullName,
    #[default]
    PseudonymOnly,
    NoIdentifyingDetails,
}

impl Anonymity {
    pub const ALL: [Anonymity; 3] = [Anonymity::FullName, Anonymity::PseudonymOnly, Anonymity::NoIdentifyingDetails];
    pub fn key(self) -> &'static str {
        match self {
            Anonymity::FullName => "full-name",
            Anonymity::PseudonymOnly => "pseudonym-only",
            Anonymity::NoIdentifyingDetails => "no-identifying-details",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ViolationType {
    Execution,
    PublicExecution,
    ArbitraryDetention,
    Torture,
    ForcedLabour,
    PoliticalPrisonCamp,
    SexualViolence,
    ForcedRepatriation,
    SurveillanceOrSearch,
    PunishmentForForeignMedia,
    GuiltByAssociation,
    Other,
    /// A new incident before the interviewer chose: never a real type
    /// recorded by default. Not in `ALL` (nobody picks it); a case with
    /// one cannot be Complete.
    #[default]
    NotChosen,
}

impl ViolationType {
    pub const ALL: [ViolationType; 12] = [
        ViolationType::Execution,
        ViolationType::PublicExecution,
        ViolationType::ArbitraryDetention,
        ViolationType::Torture,
        ViolationType::ForcedLabour,
        ViolationType::PoliticalPrisonCamp,
        ViolationType::SexualViolence,
        ViolationType::ForcedRepatriation,
        ViolationType::SurveillanceOrSearch,
        ViolationType::PunishmentForForeignMedia,
        ViolationType::GuiltByAssociation,
        ViolationType::Other,
    ];
    /// Every value a stored case may hold: `ALL` and "not chosen".
    pub const STORED: [ViolationType; 13] = {
        let mut out = [ViolationType::NotChosen; 13];
        let mut i = 0;
        while i < 12 {
            out[i] = ViolationType::ALL[i];
            i += 1;
        }
        out
    };
    pub fn key(self) -> &'static str {
        match self {
            ViolationType::Execution => "execution",
            ViolationType::PublicExecution => "public-execution",
            ViolationType::ArbitraryDetention => "arbitrary-detention",
            ViolationType::NotChosen => "not-chosen",
            ViolationType::Torture => "torture",
            ViolationType::ForcedLabour => "forced-labour",
            ViolationType::PoliticalPrisonCamp => "political-prison-camp",
            ViolationType::SexualViolence => "sexual-violence",
            ViolationType::ForcedRepatriation => "forced-repatriation",
            ViolationType::SurveillanceOrSearch => "surveillance-search",
            ViolationType::PunishmentForForeignMedia => "foreign-media",
            ViolationType::GuiltByAssociation => "guilt-by-association",
            ViolationType::Other => "other",
        }
    }
    pub fn from_key(key: &str) -> Option<Self> {
        Self::STORED.into_iter().find(|v| v.key() == key)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Perpetrator {
    #[default]
    Unknown,
    MinistryOfStateSecurity,
    MinistryOfSocialSecurity,
    Group109,
    MilitarySecurity,
    Other,
}

impl Perpetrator {
    pub const ALL: [Perpetrator; 6] = [
        Perpetrator::Unknown,
        Perpetrator::MinistryOfStateSecurity,
        Perpetrator::MinistryOfSocialSecurity,
        Perpetrator::Group109,
        Perpetrator::MilitarySecurity,
        Perpetrator::Other,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Perpetrator::Unknown => "unknown",
            Perpetrator::MinistryOfStateSecurity => "mss",
            Perpetrator::MinistryOfSocialSecurity => "mps",
            Perpetrator::Group109 => "group-109",
            Perpetrator::MilitarySecurity => "military-security",
            Perpetrator::Other => "other",
        }
    }
}

/// How the witness knows what they describe.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SourceOfKnowledge {
    DirectVictim,
    Eyewitness,
    HeardFromOthers,
    Documentary,
    /// Not chosen yet (a new incident), like `ViolationType::NotChosen`.
    #[default]
    NotChosen,
}

impl SourceOfKnowledge {
    pub const ALL: [SourceOfKnowledge; 4] = [
        SourceOfKnowledge::DirectVictim,
        SourceOfKnowledge::Eyewitness,
        SourceOfKnowledge::HeardFromOthers,
        SourceOfKnowledge::Documentary,
    ];
    /// Every value a stored case may hold: `ALL` and "not chosen".
    pub const STORED: [SourceOfKnowledge; 5] = [
        SourceOfKnowledge::DirectVictim,
        SourceOfKnowledge::Eyewitness,
        SourceOfKnowledge::HeardFromOthers,
        SourceOfKnowledge::Documentary,
        SourceOfKnowledge::NotChosen,
    ];
    pub fn key(self) -> &'static str {
        match self {
            SourceOfKnowledge::DirectVictim => "direct-victim",
            SourceOfKnowledge::Eyewitness => "eyewitness",
            SourceOfKnowledge::HeardFromOthers => "heard-from-others",
            SourceOfKnowledge::Documentary => "documentary",
            SourceOfKnowledge::NotChosen => "not-chosen",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Interview {
    pub date: Option<FuzzyDate>,
    pub place: String,
    pub language: Language,
    pub interviewer: String,
    pub interpreter: String,
    pub duration_minutes: Option<u32>,
}

/// The witness, known in the record by a pseudonym.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Interviewee {
    pub pseudonym: String,
    /// Sensitive.
    pub real_name: String,
    pub gender: Gender,
    /// Sensitive. Years may be approximate ("~1961"); see [`Year`].
    pub birth_year: Option<Year>,
    pub home_province: String,
    /// Sensitive: with the birth year, a county can identify a family.
    pub home_county: String,
    pub departure_year: Option<Year>,
    pub arrival_year: Option<Year>,
    pub current_country: String,
    /// Sensitive.
    pub contact: String,
    /// Sensitive: other words that identify the witness (family members'
    /// names, a village, a workplace, a nickname), always scrubbed from
    /// redacted bundles. Absent from files that have none, so older cases
    /// read and hash as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifying_words: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Consent {
    pub given: bool,
    pub date: Option<FuzzyDate>,
    pub method: ConsentMethod,
    pub share_with_un: bool,
    pub share_with_ngos: bool,
    pub use_in_court: bool,
    pub quote_publicly: bool,
    pub anonymity: Anonymity,
}

impl Consent {
    /// Consent counts as recorded when it was given and we know how.
    pub fn is_recorded(&self) -> bool {
        self.given && self.method != ConsentMethod::NotRecorded
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub id: Uuid,
    pub violation: ViolationType,
    /// Free text when `violation` is `Other`.
    pub violation_other: String,
    pub date: DateRange,
    pub province: String,
    pub county: String,
    pub place: String,
    /// Pseudonyms of the victims.
    pub victims: Vec<String>,
    pub perpetrator: Perpetrator,
    pub perpetrator_detail: String,
    pub source: SourceOfKnowledge,
    pub narrative: String,
}

impl Default for Incident {
    fn default() -> Self {
        Incident {
            id: Uuid::new_v4(),
            violation: ViolationType::default(),
            violation_other: String::new(),
            date: DateRange::default(),
            province: String::new(),
            county: String::new(),
            place: String::new(),
            victims: Vec::new(),
            perpetrator: Perpetrator::default(),
            perpetrator_detail: String::new(),
            source: SourceOfKnowledge::default(),
            narrative: String::new(),
        }
    }
}

/// A file kept with the case (recording, photo, scan, map). The bytes live
/// encrypted in the vault; the case holds this reference and its hash.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttachmentRef {
    pub id: Uuid,
    pub file_name: String,
    pub size: u64,
    pub media_type: String,
    /// SHA-256 of the plaintext, hex, taken when the file was attached.
    pub sha256: String,
    #[serde(with = "time::serde::rfc3339")]
    pub added_at: OffsetDateTime,
    pub added_by: String,
    pub description: String,
    /// Duration, codec, markers: only for recordings made in the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording: Option<recording::RecordingInfo>,
}

/// One save of a case. Each revision names the hash of the one before it, so
/// the history is a chain that cannot be silently rewritten.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    pub number: u32,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub editor: String,
    pub changed_fields: Vec<String>,
    /// `content_hash` of the previous revision; empty for the first.
    pub prev_hash: String,
    /// SHA-256 of the case content (everything but the history) at this save.
    pub content_hash: String,
    /// Free-form note, e.g. "imported from bundle …" or "attachment removed".
    #[serde(default)]
    pub note: String,
    /// Who made this revision, and their signature over it; `None` for
    /// revisions written before revisions were signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<RevisionSignature>,
    /// The fields this save changed, as they were before it, so every
    /// earlier revision can be rebuilt from the current content (see
    /// [`history`]). `None` for a first revision, for revisions saved before
    /// this was kept (old files read as before), and in redacted copies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Vec<history::FieldBefore>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub id: Uuid,
    /// Code shown to people, e.g. `NK-2026-0042`.
    pub code: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated: OffsetDateTime,
    pub status: CaseStatus,
    pub tags: Vec<String>,
    pub interview: Interview,
    pub interviewee: Interviewee,
    pub consent: Consent,
    pub incidents: Vec<Incident>,
    /// The whole account, in Korean, English or both.
    pub narrative: String,
    pub interviewer_notes: String,
    pub credibility_notes: String,
    pub follow_up: String,
    #[serde(default)]
    pub attachments: Vec<AttachmentRef>,
    pub history: Vec<Revision>,
}

impl Case {
    pub fn new(code: impl Into<String>) -> Case {
        let now = now_utc();
        Case {
            id: Uuid::new_v4(),
            code: code.into(),
            created: now,
            updated: now,
            status: CaseStatus::Draft,
            tags: Vec::new(),
            interview: Interview::default(),
            interviewee: Interviewee::default(),
            consent: Consent::default(),
            incidents: Vec::new(),
            narrative: String::new(),
            interviewer_notes: String::new(),
            credibility_notes: String::new(),
            follow_up: String::new(),
            attachments: Vec::new(),
            history: Vec::new(),
        }
    }

    /// SHA-256 (hex) of the case content without its history and timestamps
    /// of saving, so equal content hashes equal.
    pub fn content_hash(&self) -> String {
        let bytes = self.content_bytes();
        hex::encode(Sha256::digest(&bytes[..]))
    }

    /// Canonical serialized content used for hashing: RON of the case with
    /// history emptied and `updated` fixed (see [`canonical`]).
    pub fn content_bytes(&self) -> zeroize::Zeroizing<Vec<u8>> {
        let mut copy = self.clone();
        copy.history.clear();
        copy.updated = copy.created;
        let text = canonical::ron_text(&copy);
        zeroize::Zeroizing::new(text.into_bytes())
    }

    pub fn revision(&self) -> u32 {
        self.history.last().map(|r| r.number).unwrap_or(0)
    }

    pub fn last_hash(&self) -> &str {
        self.history.last().map(|r| r.content_hash.as_str()).unwrap_or("")
    }

    /// Problems that stop the case being marked complete.
    pub fn validation_problems(&self) -> Vec<ValidationProblem> {
        let mut problems = Vec::new();
        if self.status == CaseStatus::Complete && !self.consent.is_recorded() {
            problems.push(ValidationProblem::CompleteWithoutConsent);
        }
        if self.status == CaseStatus::Complete && self.incidents.iter().any(|i| i.violation == ViolationType::NotChosen) {
            problems.push(ValidationProblem::CompleteWithoutIncidentType);
        }
        if self.interviewee.pseudonym.trim().is_empty() {
            problems.push(ValidationProblem::MissingPseudonym);
        }
        problems
    }

    pub fn summary(&self) -> CaseSummary {
        let mut violations: Vec<ViolationType> =
            self.incidents.iter().map(|i| i.violation).filter(|v| *v != ViolationType::NotChosen).collect();
        violations.sort();
        violations.dedup();
        let mut provinces: Vec<String> = self
            .incidents
            .iter()
            .map(|i| i.province.clone())
            .chain(std::iter::once(self.interviewee.home_province.clone()))
            .filter(|p| !p.trim().is_empty())
            .collect();
        provinces.sort();
        provinces.dedup();
        CaseSummary {
            id: self.id,
            code: self.code.clone(),
            pseudonym: self.interviewee.pseudonym.clone(),
            interview_date: self.interview.date.clone(),
            status: self.status,
            violations,
            provinces,
            updated: self.updated,
            revision: self.revision(),
            incident_count: self.incidents.len() as u32,
        }
    }

    /// Every free-text field, for search. Sensitive fields are included: the
    /// search runs only inside an unlocked vault. Who saved what (history,
    /// attachment editors) is not testimony and is left out.
    pub fn text_fields(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.each_text(|field, s| {
            if !field.is_bookkeeping() {
                out.push(s.as_str());
            }
        });
        out
    }

    /// Overwrite every string in place before the memory is released.
    pub fn wipe(&mut self) {
        self.each_text_mut(|_, s| s.zeroize());
        self.history.iter_mut().for_each(history::wipe);
    }
}

impl Drop for Case {
    fn drop(&mut self) {
        self.wipe();
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValidationProblem {
    CompleteWithoutConsent,
    /// Complete, with an incident whose violation type was never chosen.
    CompleteWithoutIncidentType,
    MissingPseudonym,
}

impl ValidationProblem {
    pub fn key(self) -> &'static str {
        match self {
            ValidationProblem::CompleteWithoutConsent => "complete-without-consent",
            ValidationProblem::CompleteWithoutIncidentType => "complete-without-incident-type",
            ValidationProblem::MissingPseudonym => "missing-pseudonym",
        }
    }
    /// Whether the problem blocks saving (as opposed to only warning).
    pub fn blocks_save(self) -> bool {
        self.blocks_complete()
    }

    /// Whether the problem keeps the case from being Complete (the window
    /// then saves it with the status it had).
    pub fn blocks_complete(self) -> bool {
        matches!(self, ValidationProblem::CompleteWithoutConsent | ValidationProblem::CompleteWithoutIncidentType)
    }
}

/// What the case list shows, kept in the encrypted index so the list opens
/// without decrypting every case.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub id: Uuid,
    pub code: String,
    pub pseudonym: String,
    pub interview_date: Option<FuzzyDate>,
    pub status: CaseStatus,
    pub violations: Vec<ViolationType>,
    pub provinces: Vec<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub updated: OffsetDateTime,
    pub revision: u32,
    pub incident_count: u32,
}

/// Current time in UTC, truncated to whole seconds so it survives RFC 3339.
pub fn now_utc() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(0).unwrap_or(now)
}
