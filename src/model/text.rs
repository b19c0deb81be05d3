//! Every piece of text in a case, in one list.
//!
//! Search reads it, redaction scrubs or empties it, and wiping zeroizes it.
//! Each of those used to keep its own list of fields, and a field added to
//! the model had to be added to all of them: a field forgotten in the
//! redaction list would leave the laptop. Now there is one list, and
//! `every_string_of_a_case_is_visited` fails when a new string field is not
//! in it (or in [`NOT_TEXT`]).

use super::{Case, Language};

/// String fields that are identifiers, hashes or machine values, not text
/// anyone types: never searched, scrubbed or needed in a wipe. Paths as in
/// [`super::SENSITIVE_FIELDS`], list items under their list's path.
pub const NOT_TEXT: &[&str] = &[
    "id",
    // Fixed choices (enums), written as their names.
    "status",
    "consent.anonymity",
    "consent.method",
    "interviewee.gender",
    "incidents.violation",
    "incidents.perpetrator",
    "incidents.source",
    "incidents.id",
    "created",
    "updated",
    "attachments.id",
    "attachments.media_type",
    "attachments.sha256",
    "attachments.added_at",
    "history.at",
    "history.changed_fields",
    "history.prev_hash",
    "history.content_hash",
    "history.signature.signer",
    "history.signature.sig",
];

/// Calls `$f(path, field)` for every text field of the case `$c`, where
/// `$r` is `&` or `&mut` (so one list serves reading and changing).
macro_rules! each_text_field {
    ($c:ident, $f:ident, $($r:tt)+) => {{
        $f("code", $($r)+ $c.code);
        for s in $($r)+ $c.tags {
            $f("tags", s);
        }
        $f("interview.place", $($r)+ $c.interview.place);
        $f("interview.interviewer", $($r)+ $c.interview.interviewer);
        $f("interview.interpreter", $($r)+ $c.interview.interpreter);
        if let Language::Other(l) = $($r)+ $c.interview.language {
            $f("interview.language", l);
        }
        $f("interviewee.pseudonym", $($r)+ $c.interviewee.pseudonym);
        $f("interviewee.real_name", $($r)+ $c.interviewee.real_name);
        $f("interviewee.home_province", $($r)+ $c.interviewee.home_province);
        $f("interviewee.home_county", $($r)+ $c.interviewee.home_county);
        $f("interviewee.current_country", $($r)+ $c.interviewee.current_country);
        $f("interviewee.contact", $($r)+ $c.interviewee.contact);
        for inc in $($r)+ $c.incidents {
            $f("incidents.violation_other", $($r)+ inc.violation_other);
            $f("incidents.province", $($r)+ inc.province);
            $f("incidents.county", $($r)+ inc.county);
            $f("incidents.place", $($r)+ inc.place);
            for v in $($r)+ inc.victims {
                $f("incidents.victims", v);
            }
            $f("incidents.perpetrator_detail", $($r)+ inc.perpetrator_detail);
            $f("incidents.narrative", $($r)+ inc.narrative);
        }
        $f("narrative", $($r)+ $c.narrative);
        $f("interviewer_notes", $($r)+ $c.interviewer_notes);
        $f("credibility_notes", $($r)+ $c.credibility_notes);
        $f("follow_up", $($r)+ $c.follow_up);
        for a in $($r)+ $c.attachments {
            $f("attachments.file_name", $($r)+ a.file_name);
            $f("attachments.added_by", $($r)+ a.added_by);
            $f("attachments.description", $($r)+ a.description);
        }
        for h in $($r)+ $c.history {
            $f("history.editor", $($r)+ h.editor);
            $f("history.note", $($r)+ h.note);
        }
    }};
}

impl Case {
    /// Every text field with its path, in a stable order.
    pub fn each_text<'a>(&'a self, mut f: impl FnMut(&'static str, &'a String)) {
        let c = self;
        each_text_field!(c, f, &);
    }

    /// Every text field with its path, to change in place.
    pub fn each_text_mut(&mut self, mut f: impl FnMut(&'static str, &mut String)) {
        let c = self;
        each_text_field!(c, f, &mut);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AttachmentRef, Incident, Revision};
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
        });
        c.history.push(Revision {
            number: 9,
            at: crate::model::now_utc(),
            editor: "e".into(),
            changed_fields: vec!["narrative".into()],
            prev_hash: String::new(),
            content_hash: String::new(),
            note: "n".into(),
            signature: Some(crate::model::RevisionSignature { signer: "ssh-ed25519 AAAA".into(), sig: "sig".into() }),
        });
        c
    }

    #[test]
    fn every_string_of_a_case_is_visited() {
        let case = full_case();
        let mut all = BTreeSet::new();
        string_paths(&serde_json::to_value(&case).unwrap(), "", &mut all);
        let mut visited = BTreeSet::new();
        case.each_text(|path, _| {
            visited.insert(path.to_string());
        });
        let not_text: BTreeSet<String> = NOT_TEXT.iter().map(|s| s.to_string()).collect();
        let unlisted: Vec<&String> = all.iter().filter(|p| !visited.contains(*p) && !not_text.contains(*p)).collect();
        assert!(unlisted.is_empty(), "string fields in neither each_text_field! nor NOT_TEXT: {unlisted:?}");
        let stale: Vec<&String> = visited.iter().chain(&not_text).filter(|p| !all.contains(*p)).collect();
        assert!(stale.is_empty(), "listed paths that are not strings of a case: {stale:?}");
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
