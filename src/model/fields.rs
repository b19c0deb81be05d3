//! Every field of a case a person sees or edits, as one enum.
//!
//! Merging, redaction, search, wiping, the conflict screen and the form all
//! need to know things about a field: its path in the history and RON, the
//! label the form gives it, whether it identifies the witness, whether a
//! merge may take it from another version, whether a statistics-only bundle
//! keeps it. Those used to be separate lists of strings, and a field added
//! to the case had to be added to each by hand (a typo showed an empty cell,
//! a forgotten entry let a detail leave the laptop). Here each fact is a
//! `match` on [`Field`] without a catch-all arm: a new field is one variant,
//! and the compiler names every place that must say something about it.
//!
//! Fields inside the records of a list (an incident's place, an attachment's
//! description, a revision's editor) are variants too, so the walk over a
//! case's text ([`super::text`]) can name each string it visits; they are
//! not merge fields, since a list is taken whole.

use super::{Case, FuzzyDate};
use crate::i18n::{labels, t, t_args};
use std::mem::swap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Code,
    Status,
    Tags,
    InterviewDate,
    InterviewPlace,
    InterviewLanguage,
    Interviewer,
    Interpreter,
    InterviewDuration,
    Pseudonym,
    RealName,
    Gender,
    BirthYear,
    HomeProvince,
    HomeCounty,
    DepartureYear,
    ArrivalYear,
    CurrentCountry,
    Contact,
    IdentifyingWords,
    ConsentGiven,
    ConsentDate,
    ConsentMethod,
    ShareWithUn,
    ShareWithNgos,
    UseInCourt,
    QuotePublicly,
    Anonymity,
    Incidents,
    Narrative,
    InterviewerNotes,
    CredibilityNotes,
    FollowUp,
    Attachments,
    // Inside each incident.
    IncidentViolation,
    IncidentViolationOther,
    IncidentDate,
    IncidentProvince,
    IncidentCounty,
    IncidentPlace,
    IncidentVictims,
    IncidentPerpetrator,
    IncidentPerpetratorDetail,
    IncidentSource,
    IncidentNarrative,
    // Inside each attachment reference.
    AttachmentFileName,
    AttachmentAddedBy,
    AttachmentDescription,
    // Inside a recording attachment (model::recording).
    RecordingMarkerLabel,
    RecordingTranscript,
    // Inside each revision of the history.
    RevisionEditor,
    RevisionNote,
}

/// What kind of value a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text people type.
    Text,
    /// A list of texts (tags, victims).
    Texts,
    /// One of a fixed set of choices.
    Choice,
    /// A fixed choice, or text typed when none fits (`Language::Other`).
    ChoiceOrText,
    Date,
    Number,
    Flag,
    /// A list of records (incidents, attachments), merged whole.
    Records,
}

/// Where a field lives: on the case itself or inside the items of a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Case,
    Incident,
    Attachment,
    Revision,
}

/// The facts about one field, written once per variant in [`Field::spec`].
struct Spec {
    path: &'static str,
    label_key: &'static str,
    kind: Kind,
    part: Part,
    sensitive: bool,
    mergeable: bool,
    always_shown: bool,
    kept_in_statistics: bool,
    bookkeeping: bool,
}

impl Spec {
    /// A field of the case itself that a merge may take from the other
    /// version; kept by a statistics-only bundle unless it is text.
    const fn case(path: &'static str, label_key: &'static str, kind: Kind) -> Spec {
        let text = matches!(kind, Kind::Text | Kind::Texts | Kind::ChoiceOrText);
        Spec {
            path,
            label_key,
            kind,
            part: Part::Case,
            sensitive: false,
            mergeable: true,
            always_shown: false,
            kept_in_statistics: !text,
            bookkeeping: false,
        }
    }
    /// A field inside the items of a list: never merged on its own.
    const fn item(part: Part, path: &'static str, label_key: &'static str, kind: Kind) -> Spec {
        Spec { part, mergeable: false, ..Spec::case(path, label_key, kind) }
    }
    /// Identifies the witness: emptied by redaction, marked ◆ in the form.
    const fn sensitive(self) -> Spec {
        Spec { sensitive: true, ..self }
    }
    /// Shown on the conflict screen even when both versions agree, so two
    /// cases can be told apart.
    const fn shown(self) -> Spec {
        Spec { always_shown: true, ..self }
    }
    /// Text a statistics-only bundle keeps (the code, to match later
    /// updates, and the coarse places counted in statistics).
    const fn statistic(self) -> Spec {
        Spec { kept_in_statistics: true, ..self }
    }
    /// Who saved what: not testimony, so not searched.
    const fn bookkeeping(self) -> Spec {
        Spec { bookkeeping: true, ..self }
    }
    /// Part of the case's identity: always stays ours in a merge.
    const fn identity(self) -> Spec {
        Spec { mergeable: false, ..self }
    }
}

impl Field {
    /// Every field, the case's own in the order the conflict screen shows
    /// them, then those inside incidents, attachments and revisions.
    pub const ALL: [Field; 52] = [
        Field::Code,
        Field::Status,
        Field::Tags,
        Field::InterviewDate,
        Field::InterviewPlace,
        Field::InterviewLanguage,
        Field::Interviewer,
        Field::Interpreter,
        Field::InterviewDuration,
        Field::Pseudonym,
        Field::RealName,
        Field::Gender,
        Field::BirthYear,
        Field::HomeProvince,
        Field::HomeCounty,
        Field::DepartureYear,
        Field::ArrivalYear,
        Field::CurrentCountry,
        Field::Contact,
        Field::IdentifyingWords,
        Field::ConsentGiven,
        Field::ConsentDate,
        Field::ConsentMethod,
        Field::ShareWithUn,
        Field::ShareWithNgos,
        Field::UseInCourt,
        Field::QuotePublicly,
        Field::Anonymity,
        Field::Incidents,
        Field::Narrative,
        Field::InterviewerNotes,
        Field::CredibilityNotes,
        Field::FollowUp,
        Field::Attachments,
        Field::IncidentViolation,
        Field::IncidentViolationOther,
        Field::IncidentDate,
        Field::IncidentProvince,
        Field::IncidentCounty,
        Field::IncidentPlace,
        Field::IncidentVictims,
        Field::IncidentPerpetrator,
        Field::IncidentPerpetratorDetail,
        Field::IncidentSource,
        Field::IncidentNarrative,
        Field::AttachmentFileName,
        Field::AttachmentAddedBy,
        Field::AttachmentDescription,
        Field::RecordingMarkerLabel,
        Field::RecordingTranscript,
        Field::RevisionEditor,
        Field::RevisionNote,
    ];

    fn spec(self) -> Spec {
        use Kind::*;
        use Part::{Attachment, Incident, Revision};
        let case = Spec::case;
        let item = Spec::item;
        match self {
            Field::Code => case("code", "list-col-code", Text).identity().statistic(),
            Field::Status => case("status", "list-col-status", Choice).shown(),
            Field::Tags => case("tags", "conflicts-tags", Texts).shown(),
            Field::InterviewDate => case("interview.date", "form-interview-date", Date),
            Field::InterviewPlace => case("interview.place", "form-interview-place", Text).shown(),
            Field::InterviewLanguage => case("interview.language", "form-language", ChoiceOrText),
            Field::Interviewer => case("interview.interviewer", "form-interviewer", Text).shown(),
            Field::Interpreter => case("interview.interpreter", "form-interpreter", Text),
            Field::InterviewDuration => case("interview.duration_minutes", "form-duration", Number),
            Field::Pseudonym => case("interviewee.pseudonym", "form-pseudonym", Text).shown(),
            Field::RealName => case("interviewee.real_name", "form-real-name", Text).sensitive().shown(),
            Field::Gender => case("interviewee.gender", "form-gender", Choice),
            Field::BirthYear => case("interviewee.birth_year", "form-birth-year", Number).sensitive(),
            Field::HomeProvince => {
                case("interviewee.home_province", "form-home-province", Text).shown().statistic()
            }
            // With the birth year, a county can identify a family.
            Field::HomeCounty => case("interviewee.home_county", "form-home-county", Text).sensitive(),
            Field::DepartureYear => case("interviewee.departure_year", "form-departure-year", Number),
            Field::ArrivalYear => case("interviewee.arrival_year", "form-arrival-year", Number),
            Field::CurrentCountry => case("interviewee.current_country", "form-current-country", Text).statistic(),
            Field::Contact => case("interviewee.contact", "form-contact", Text).sensitive().shown(),
            Field::IdentifyingWords => {
                case("interviewee.identifying_words", "form-identifying-words", Texts).sensitive()
            }
            Field::ConsentGiven => case("consent.given", "form-consent-given", Flag),
            Field::ConsentDate => case("consent.date", "form-consent-date", Date),
            Field::ConsentMethod => case("consent.method", "form-consent-method", Choice),
            Field::ShareWithUn => case("consent.share_with_un", "form-share-un", Flag),
            Field::ShareWithNgos => case("consent.share_with_ngos", "form-share-ngos", Flag),
            Field::UseInCourt => case("consent.use_in_court", "form-use-in-court", Flag),
            Field::QuotePublicly => case("consent.quote_publicly", "form-quote-publicly", Flag),
            Field::Anonymity => case("consent.anonymity", "form-anonymity", Choice),
            Field::Incidents => case("incidents", "form-section-incidents", Records).shown(),
            Field::Narrative => case("narrative", "form-narrative", Text).shown(),
            Field::InterviewerNotes => case("interviewer_notes", "form-interviewer-notes", Text).shown(),
            Field::CredibilityNotes => case("credibility_notes", "form-credibility-notes", Text),
            Field::FollowUp => case("follow_up", "form-follow-up", Text),
            // Statistics-only bundles carry no attachments at all.
            Field::Attachments => {
                Spec { kept_in_statistics: false, ..case("attachments", "form-section-attachments", Records) }
            }
            Field::IncidentViolation => item(Incident, "incidents.violation", "form-violation", Choice),
            Field::IncidentViolationOther => item(Incident, "incidents.violation_other", "form-violation-other", Text),
            Field::IncidentDate => item(Incident, "incidents.date", "form-incident-date", Date),
            Field::IncidentProvince => item(Incident, "incidents.province", "form-incident-province", Text).statistic(),
            Field::IncidentCounty => item(Incident, "incidents.county", "form-incident-county", Text),
            Field::IncidentPlace => item(Incident, "incidents.place", "form-incident-place", Text),
            Field::IncidentVictims => item(Incident, "incidents.victims", "form-victims", Texts),
            Field::IncidentPerpetrator => item(Incident, "incidents.perpetrator", "form-perpetrator", Choice),
            Field::IncidentPerpetratorDetail => {
                item(Incident, "incidents.perpetrator_detail", "form-perpetrator-detail", Text)
            }
            Field::IncidentSource => item(Incident, "incidents.source", "form-source", Choice),
            Field::IncidentNarrative => item(Incident, "incidents.narrative", "form-incident-narrative", Text),
            Field::AttachmentFileName => item(Attachment, "attachments.file_name", "attachment-file-name", Text),
            Field::AttachmentAddedBy => {
                item(Attachment, "attachments.added_by", "attachment-added-by-label", Text).bookkeeping()
            }
            Field::AttachmentDescription => {
                item(Attachment, "attachments.description", "attachment-description", Text)
            }
            Field::RecordingMarkerLabel => {
                item(Attachment, "attachments.recording.markers.label", "recording-marker-label-field", Text)
            }
            Field::RecordingTranscript => {
                item(Attachment, "attachments.recording.transcript", "player-transcript", Text)
            }
            Field::RevisionEditor => item(Revision, "history.editor", "review-history-editor", Text).bookkeeping(),
            Field::RevisionNote => item(Revision, "history.note", "review-history-note", Text).bookkeeping(),
        }
    }

    /// Dotted path, as the history's `changed_fields` and the RON name it
    /// (items of a list under the list's path: `incidents.place`).
    pub fn path(self) -> &'static str {
        self.spec().path
    }

    /// The field with this path, if any.
    pub fn from_path(path: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.path() == path)
    }

    /// Fluent key of the label the form gives the field.
    pub fn label_key(self) -> &'static str {
        self.spec().label_key
    }

    /// The label in the interface language.
    pub fn label(self) -> String {
        t(self.label_key())
    }

    pub fn kind(self) -> Kind {
        self.spec().kind
    }

    pub fn part(self) -> Part {
        self.spec().part
    }

    /// Whether the field can hold text people type: the walk over a case's
    /// text ([`Case::each_text`]) visits exactly these.
    pub fn is_text(self) -> bool {
        match self.kind() {
            Kind::Text | Kind::Texts | Kind::ChoiceOrText => true,
            Kind::Choice | Kind::Date | Kind::Number | Kind::Flag | Kind::Records => false,
        }
    }

    /// Identifies the witness: redaction empties it, the form marks it ◆.
    pub fn sensitive(self) -> bool {
        self.spec().sensitive
    }

    /// Whether a merge may take it from the other version. Lists of records
    /// are one field each: mixing the items of two lists could pair an
    /// incident with another version's account of it, or bring back an item
    /// one side removed. Identity and bookkeeping always stay ours.
    pub fn mergeable(self) -> bool {
        self.spec().mergeable
    }

    /// The fields a merge chooses between, in the conflict screen's order.
    pub fn mergeable_fields() -> impl Iterator<Item = Field> {
        Field::ALL.into_iter().filter(|f| f.mergeable())
    }

    /// Shown on the conflict screen even when both versions agree.
    pub fn always_shown(self) -> bool {
        self.spec().always_shown
    }

    /// Whether a statistics-only bundle keeps it. Every text field not
    /// marked to stay, including any added later, is emptied.
    pub fn kept_in_statistics(self) -> bool {
        self.spec().kept_in_statistics
    }

    /// Who saved what (editors, notes of revisions): not testimony.
    pub fn is_bookkeeping(self) -> bool {
        self.spec().bookkeeping
    }

    /// Swap this field between two cases, whole; false for a field that is
    /// not [`mergeable`](Field::mergeable). Swapped rather than assigned:
    /// the values swapped out stay in `t`, which wipes them when it drops.
    pub fn swap(self, m: &mut Case, t: &mut Case) -> bool {
        let (mi, ti) = (&mut m.interview, &mut t.interview);
        let (mw, tw) = (&mut m.interviewee, &mut t.interviewee);
        let (mc, tc) = (&mut m.consent, &mut t.consent);
        match self {
            Field::Status => swap(&mut m.status, &mut t.status),
            Field::Tags => swap(&mut m.tags, &mut t.tags),
            Field::InterviewDate => swap(&mut mi.date, &mut ti.date),
            Field::InterviewPlace => swap(&mut mi.place, &mut ti.place),
            Field::InterviewLanguage => swap(&mut mi.language, &mut ti.language),
            Field::Interviewer => swap(&mut mi.interviewer, &mut ti.interviewer),
            Field::Interpreter => swap(&mut mi.interpreter, &mut ti.interpreter),
            Field::InterviewDuration => swap(&mut mi.duration_minutes, &mut ti.duration_minutes),
            Field::Pseudonym => swap(&mut mw.pseudonym, &mut tw.pseudonym),
            Field::RealName => swap(&mut mw.real_name, &mut tw.real_name),
            Field::Gender => swap(&mut mw.gender, &mut tw.gender),
            Field::BirthYear => swap(&mut mw.birth_year, &mut tw.birth_year),
            Field::HomeProvince => swap(&mut mw.home_province, &mut tw.home_province),
            Field::HomeCounty => swap(&mut mw.home_county, &mut tw.home_county),
            Field::DepartureYear => swap(&mut mw.departure_year, &mut tw.departure_year),
            Field::ArrivalYear => swap(&mut mw.arrival_year, &mut tw.arrival_year),
            Field::CurrentCountry => swap(&mut mw.current_country, &mut tw.current_country),
            Field::Contact => swap(&mut mw.contact, &mut tw.contact),
            Field::IdentifyingWords => swap(&mut mw.identifying_words, &mut tw.identifying_words),
            Field::ConsentGiven => swap(&mut mc.given, &mut tc.given),
            Field::ConsentDate => swap(&mut mc.date, &mut tc.date),
            Field::ConsentMethod => swap(&mut mc.method, &mut tc.method),
            Field::ShareWithUn => swap(&mut mc.share_with_un, &mut tc.share_with_un),
            Field::ShareWithNgos => swap(&mut mc.share_with_ngos, &mut tc.share_with_ngos),
            Field::UseInCourt => swap(&mut mc.use_in_court, &mut tc.use_in_court),
            Field::QuotePublicly => swap(&mut mc.quote_publicly, &mut tc.quote_publicly),
            Field::Anonymity => swap(&mut mc.anonymity, &mut tc.anonymity),
            Field::Incidents => swap(&mut m.incidents, &mut t.incidents),
            Field::Narrative => swap(&mut m.narrative, &mut t.narrative),
            Field::InterviewerNotes => swap(&mut m.interviewer_notes, &mut t.interviewer_notes),
            Field::CredibilityNotes => swap(&mut m.credibility_notes, &mut t.credibility_notes),
            Field::FollowUp => swap(&mut m.follow_up, &mut t.follow_up),
            Field::Attachments => swap(&mut m.attachments, &mut t.attachments),
            Field::Code
            | Field::IncidentViolation
            | Field::IncidentViolationOther
            | Field::IncidentDate
            | Field::IncidentProvince
            | Field::IncidentCounty
            | Field::IncidentPlace
            | Field::IncidentVictims
            | Field::IncidentPerpetrator
            | Field::IncidentPerpetratorDetail
            | Field::IncidentSource
            | Field::IncidentNarrative
            | Field::AttachmentFileName
            | Field::AttachmentAddedBy
            | Field::AttachmentDescription
            | Field::RecordingMarkerLabel
            | Field::RecordingTranscript
            | Field::RevisionEditor
            | Field::RevisionNote => return false,
        }
        true
    }

    /// How the case shows this field, in the interface language (the
    /// conflict screen's cells). A field inside list items shows one line
    /// per item.
    pub fn display(self, c: &Case) -> String {
        let date = |d: &Option<FuzzyDate>| d.as_ref().map(FuzzyDate::to_iso).unwrap_or_default();
        let number = |n: Option<super::Year>| n.map(|n| n.to_string()).unwrap_or_default();
        let yes_no = |b: bool| if b { t("review-yes") } else { t("review-no") };
        let incidents = |f: &dyn Fn(&super::Incident) -> String| lines(c.incidents.iter().map(f));
        let attachments = |f: &dyn Fn(&super::AttachmentRef) -> String| lines(c.attachments.iter().map(f));
        let revisions = |f: &dyn Fn(&super::Revision) -> String| lines(c.history.iter().map(f));
        let (i, w, k) = (&c.interview, &c.interviewee, &c.consent);
        match self {
            Field::Code => c.code.clone(),
            Field::Status => labels::status_label(c.status),
            Field::Tags => c.tags.join(", "),
            Field::InterviewDate => date(&i.date),
            Field::InterviewPlace => i.place.clone(),
            Field::InterviewLanguage => labels::language_label(&i.language),
            Field::Interviewer => i.interviewer.clone(),
            Field::Interpreter => i.interpreter.clone(),
            Field::InterviewDuration => i.duration_minutes.map(|m| m.to_string()).unwrap_or_default(),
            Field::Pseudonym => w.pseudonym.clone(),
            Field::RealName => w.real_name.clone(),
            Field::Gender => labels::gender_label(w.gender),
            Field::BirthYear => number(w.birth_year),
            Field::HomeProvince => w.home_province.clone(),
            Field::HomeCounty => w.home_county.clone(),
            Field::DepartureYear => number(w.departure_year),
            Field::ArrivalYear => number(w.arrival_year),
            Field::CurrentCountry => w.current_country.clone(),
            Field::Contact => w.contact.clone(),
            Field::IdentifyingWords => w.identifying_words.join(", "),
            Field::ConsentGiven => yes_no(k.given),
            Field::ConsentDate => date(&k.date),
            Field::ConsentMethod => labels::consent_method_label(k.method),
            Field::ShareWithUn => yes_no(k.share_with_un),
            Field::ShareWithNgos => yes_no(k.share_with_ngos),
            Field::UseInCourt => yes_no(k.use_in_court),
            Field::QuotePublicly => yes_no(k.quote_publicly),
            Field::Anonymity => labels::anonymity_label(k.anonymity),
            Field::Incidents => incidents_text(c),
            Field::Narrative => c.narrative.clone(),
            Field::InterviewerNotes => c.interviewer_notes.clone(),
            Field::CredibilityNotes => c.credibility_notes.clone(),
            Field::FollowUp => c.follow_up.clone(),
            Field::Attachments => lines(c.attachments.iter().map(|a| {
                let size = a.size.to_string();
                t_args("attachment-line", &[("name", &a.file_name), ("size", &size), ("description", &a.description)])
            })),
            Field::IncidentViolation => incidents(&|inc| labels::violation_label(inc.violation)),
            Field::IncidentViolationOther => incidents(&|inc| inc.violation_other.clone()),
            Field::IncidentDate => incidents(&|inc| inc.date.to_iso()),
            Field::IncidentProvince => incidents(&|inc| inc.province.clone()),
            Field::IncidentCounty => incidents(&|inc| inc.county.clone()),
            Field::IncidentPlace => incidents(&|inc| inc.place.clone()),
            Field::IncidentVictims => incidents(&|inc| inc.victims.join(", ")),
            Field::IncidentPerpetrator => incidents(&|inc| labels::perpetrator_label(inc.perpetrator)),
            Field::IncidentPerpetratorDetail => incidents(&|inc| inc.perpetrator_detail.clone()),
            Field::IncidentSource => incidents(&|inc| labels::source_label(inc.source)),
            Field::IncidentNarrative => incidents(&|inc| inc.narrative.clone()),
            Field::AttachmentFileName => attachments(&|a| a.file_name.clone()),
            Field::AttachmentAddedBy => attachments(&|a| a.added_by.clone()),
            Field::AttachmentDescription => attachments(&|a| a.description.clone()),
            Field::RecordingMarkerLabel => attachments(&|a| {
                let markers = a.recording.iter().flat_map(|r| &r.markers);
                markers.map(|m| m.label.as_str()).collect::<Vec<_>>().join(" · ")
            }),
            Field::RecordingTranscript => attachments(&|a| a.recording.as_ref().map(|r| r.transcript.clone()).unwrap_or_default()),
            Field::RevisionEditor => revisions(&|r| r.editor.clone()),
            Field::RevisionNote => revisions(&|r| r.note.clone()),
        }
    }
}

/// The label of a fixed choice, as the case list and review name it.
fn lines(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join("\n")
}

/// Each incident as a title line (number, violation, when, where) and its
/// account below, a blank line between incidents.
fn incidents_text(c: &Case) -> String {
    c.incidents
        .iter()
        .enumerate()
        .map(|(n, inc)| {
            let place = [inc.province.as_str(), inc.county.as_str(), inc.place.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            let title = t_args("conflicts-incident", &[("n", &(n + 1).to_string())]);
            let when = inc.date.to_iso();
            format!("{title} · {} · {when} · {place}\n{}", labels::violation_label(inc.violation), inc.narrative)
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::{Field, Part};
    use crate::i18n::{has_key, Lang};

    #[test]
    fn all_lists_each_variant_once_and_paths_round_trip() {
        for (n, f) in Field::ALL.into_iter().enumerate() {
            assert_eq!(Field::from_path(f.path()), Some(f), "{f:?}");
            // In declaration order, so none is left out in the middle.
            assert_eq!(f as usize, n, "{f:?} out of place in Field::ALL");
        }
        assert_eq!(Field::ALL.len(), Field::RevisionNote as usize + 1, "a variant after the last one listed");
        assert_eq!(Field::from_path("incidents[0]"), None);
        assert_eq!(Field::from_path(""), None);
    }

    #[test]
    fn every_field_has_a_label_in_both_languages() {
        for field in Field::ALL {
            for lang in Lang::ALL {
                assert!(has_key(lang, field.label_key()), "{} missing in {lang:?}", field.label_key());
            }
        }
    }

    #[test]
    fn only_fields_of_the_case_itself_are_mergeable() {
        for f in Field::ALL {
            if f.mergeable() {
                assert_eq!(f.part(), Part::Case, "{f:?}");
            }
        }
        // What the redaction profiles and the form rely on.
        let sensitive: Vec<Field> = Field::ALL.into_iter().filter(|f| f.sensitive()).collect();
        assert_eq!(sensitive, [Field::RealName, Field::BirthYear, Field::HomeCounty, Field::Contact, Field::IdentifyingWords]);
    }

    #[test]
    fn a_field_swaps_exactly_when_it_is_mergeable() {
        for f in Field::ALL {
            let (mut a, mut b) = (crate::sample::sample_case(1, 10), crate::sample::sample_case(2, 10));
            assert_eq!(f.swap(&mut a, &mut b), f.mergeable(), "{f:?}");
        }
    }
}
