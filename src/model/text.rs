//! Every piece of text in a case, in one walk.
//!
//! Search reads it, redaction scrubs or empties it, and wiping zeroizes it.
//! Each of those used to keep its own list of fields, and a field added to
//! the model had to be added to all of them: a field forgotten in the
//! redaction list would leave the laptop. Now there is one walk, each string
//! reported with its [`Field`], and `every_string_of_a_case_is_visited`
//! fails when a string of the case is not a field, or a text field
//! ([`Field::is_text`]) is not visited.

use super::{Case, Field, Language};

/// Calls `$f(field, string)` for every text of the case `$c`, where `$r` is
/// `&` or `&mut` (so one walk serves reading and changing).
macro_rules! each_text_field {
    ($c:ident, $f:ident, $($r:tt)+) => {{
        $f(Field::Code, $($r)+ $c.code);
        for s in $($r)+ $c.tags {
            $f(Field::Tags, s);
        }
        $f(Field::InterviewPlace, $($r)+ $c.interview.place);
        $f(Field::Interviewer, $($r)+ $c.interview.interviewer);
        $f(Field::Interpreter, $($r)+ $c.interview.interpreter);
        if let Language::Other(l) = $($r)+ $c.interview.language {
            $f(Field::InterviewLanguage, l);
        }
        $f(Field::Pseudonym, $($r)+ $c.interviewee.pseudonym);
        $f(Field::RealName, $($r)+ $c.interviewee.real_name);
        $f(Field::HomeProvince, $($r)+ $c.interviewee.home_province);
        $f(Field::HomeCounty, $($r)+ $c.interviewee.home_county);
        $f(Field::CurrentCountry, $($r)+ $c.interviewee.current_country);
        $f(Field::Contact, $($r)+ $c.interviewee.contact);
        for w in $($r)+ $c.interviewee.identifying_words {
            $f(Field::IdentifyingWords, w);
        }
        for inc in $($r)+ $c.incidents {
            $f(Field::IncidentViolationOther, $($r)+ inc.violation_other);
            $f(Field::IncidentProvince, $($r)+ inc.province);
            $f(Field::IncidentCounty, $($r)+ inc.county);
            $f(Field::IncidentPlace, $($r)+ inc.place);
            for v in $($r)+ inc.victims {
                $f(Field::IncidentVictims, v);
            }
            $f(Field::IncidentPerpetratorDetail, $($r)+ inc.perpetrator_detail);
            $f(Field::IncidentNarrative, $($r)+ inc.narrative);
        }
        $f(Field::Narrative, $($r)+ $c.narrative);
        $f(Field::InterviewerNotes, $($r)+ $c.interviewer_notes);
        $f(Field::CredibilityNotes, $($r)+ $c.credibility_notes);
        $f(Field::FollowUp, $($r)+ $c.follow_up);
        for a in $($r)+ $c.attachments {
            $f(Field::AttachmentFileName, $($r)+ a.file_name);
            $f(Field::AttachmentAddedBy, $($r)+ a.added_by);
            $f(Field::AttachmentDescription, $($r)+ a.description);
            if let Some(rec) = $($r)+ a.recording {
                for m in $($r)+ rec.markers {
                    $f(Field::RecordingMarkerLabel, $($r)+ m.label);
                }
                $f(Field::RecordingTranscript, $($r)+ rec.transcript);
            }
        }
        for h in $($r)+ $c.history {
            $f(Field::RevisionEditor, $($r)+ h.editor);
            $f(Field::RevisionNote, $($r)+ h.note);
        }
    }};
}

impl Case {
    /// Every text with its field, in a stable order.
    pub fn each_text<'a>(&'a self, mut f: impl FnMut(Field, &'a String)) {
        let c = self;
        each_text_field!(c, f, &);
    }

    /// Every text with its field, to change in place.
    pub fn each_text_mut(&mut self, mut f: impl FnMut(Field, &mut String)) {
        let c = self;
        each_text_field!(c, f, &mut);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{AttachmentRef, Case, Field, Incident, Language, Revision};
    use std::collections::BTreeSet;

    /// The path (without list indices) of every string in `v`.
    fn string_paths(v: &serde_json::Value, path: &str, out: &mut BTreeSet<String>) {
        let join = |k: &str| if path.is_empty() { k.to_string() } else { format!("{path}.{k}") };
        match v {
            serde_json::Value::String(_) => {
                out.insert(path.to_string());
            }
            serde_json::Value::Array(items) => items.iter().for_each(|x| string_paths(x, path, out)),
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    // Enum variants with data (`{"Other": "…"}`) name the field, not a path step.
                    let next = if k.chars().next().is_some_and(char::is_uppercase) { path.to_string() } else { join(k) };
                    string_paths(x, &next, out);
                }
            }
            _ => {}
        }
    }

    /// A case with at least one of everything, so every string field shows.
    fn full_case() -> Case {
        let mut c = crate::sample::sample_case(7, 100);
        c.interview.language = Language::Other("Russian".into());
        c.tags.push("tag".into());
        let mut inc = Incident::default();
        inc.victims.push("victim".into());
        c.incidents.push(inc);
        c.attachments.push(AttachmentRef {
            id: uuid::Uuid::new_v4(),
            file_name: "a.m4a".into(),
            size: 1,
            media_type: "audio/mp4".into(),
            sha256: "00".into(),
            added_at: crate::model::now_utc(),
            added_by: "Kim".into(),
            description: "d".into(),
            recording: Some(crate::model::recording::RecordingInfo {
                duration_seconds: 1.0,
                codec: "opus".into(),
                sample_rate: 48_000,
                markers: vec![crate::model::recording::Marker { at_seconds: 0.5, label: "m".into(), incident: Some(uuid::Uuid::new_v4()) }],
                recovered_cut_at: None,
                transcript: "[00:00] t".into(),
            }),
        });
        c.history.push(Revision {
            number: 9,
            at: crate::model::now_utc(),
            editor: "e".into(),
            changed_fields: vec!["narrative".into()],
            prev_hash: String::new(),
            content_hash: String::new(),
            note: "n".into(),
            signature: Some(crate::model::RevisionSignature { signer: "ssh-ed25519 AAAA".into(), sig: "sig".into(), signed_as: None }),
            before: None,
        });
        c
    }

    /// Strings of a case that are identifiers, hashes or timestamps, not
    /// fields anyone types or reads: never searched, scrubbed or wiped.
    const BOOKKEEPING: &[&str] = &[
        "id",
        "created",
        "updated",
        "incidents.id",
        "attachments.id",
        "attachments.media_type",
        "attachments.sha256",
        "attachments.added_at",
        "attachments.recording.codec",
        "attachments.recording.markers.incident",
        "history.at",
        "history.changed_fields",
        "history.prev_hash",
        "history.content_hash",
        "history.signature.signer",
        "history.signature.sig",
    ];

    /// Fixed choices are strings too, written as their variant names.
    fn is_choice(f: Field) -> bool {
        f.kind() == crate::model::Kind::Choice
    }

    #[test]
    fn every_string_of_a_case_is_visited() {
        let case = full_case();
        let mut all = BTreeSet::new();
        string_paths(&serde_json::to_value(&case).unwrap(), "", &mut all);
        let mut visited = BTreeSet::new();
        case.each_text(|field, _| {
            visited.insert(field);
        });
        let fields: BTreeSet<&str> = Field::ALL.iter().map(|f| f.path()).chain(BOOKKEEPING.iter().copied()).collect();
        let unlisted: Vec<&String> = all.iter().filter(|p| !fields.contains(p.as_str())).collect();
        assert!(unlisted.is_empty(), "strings of a case that are no Field (nor bookkeeping): {unlisted:?}");
        let text: BTreeSet<Field> = Field::ALL.into_iter().filter(|f| f.is_text()).collect();
        assert_eq!(visited, text, "each_text_field! must visit exactly the text fields");
        let not_strings: Vec<&str> = BOOKKEEPING.iter().copied().filter(|p| !all.contains(*p)).collect();
        assert!(not_strings.is_empty(), "bookkeeping paths that are not strings of a case: {not_strings:?}");
        let fields_of_strings = all.iter().map(String::as_str).filter_map(Field::from_path);
        let wrong_kind: Vec<Field> = fields_of_strings.filter(|f| !f.is_text() && !is_choice(*f)).collect();
        assert!(wrong_kind.is_empty(), "strings of a case whose Field is neither text nor a choice: {wrong_kind:?}");
    }

    #[test]
    fn the_mutable_visit_sees_the_same_fields_in_the_same_order() {
        let mut case = full_case();
        let mut read = Vec::new();
        case.each_text(|p, s| read.push((p, s.clone())));
        let mut changed = Vec::new();
        case.each_text_mut(|p, s| changed.push((p, s.clone())));
        assert_eq!(read, changed);
    }
}
