//! The translated label of each fixed choice in a case (status, violation,
//! interview language, …), written once for the command line's table and
//! the window's lists, forms and review.
//!
//! Each label is the Fluent message `<list>-<key>`, the key being the
//! choice's stable `key()`; the i18n tests check every one exists.

use super::t;
use crate::model::{Anonymity, CaseStatus, ConsentMethod, Gender, Language, Perpetrator, SourceOfKnowledge, ViolationType};

pub fn status_label(s: CaseStatus) -> String {
    t(&format!("status-{}", s.key()))
}

pub fn violation_label(v: ViolationType) -> String {
    t(&format!("violation-{}", v.key()))
}

pub fn perpetrator_label(p: Perpetrator) -> String {
    t(&format!("perpetrator-{}", p.key()))
}

pub fn source_label(s: SourceOfKnowledge) -> String {
    t(&format!("source-{}", s.key()))
}

pub fn gender_label(g: Gender) -> String {
    t(&format!("gender-{}", g.key()))
}

pub fn consent_method_label(m: ConsentMethod) -> String {
    t(&format!("consent-method-{}", m.key()))
}

pub fn anonymity_label(a: Anonymity) -> String {
    t(&format!("anonymity-{}", a.key()))
}

/// The language an interview was held in; another language is shown as
/// the interviewer wrote it.
pub fn language_label(l: &Language) -> String {
    match l {
        Language::Korean => t("form-language-korean"),
        Language::English => t("form-language-english"),
        Language::Other(name) => name.clone(),
    }
}

/// `.recording.markers[1].label` without its list indices.
fn strip_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for ch in path.chars() {
        match ch {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    out
}

/// A changed field of the edit history (`interviewee.pseudonym`,
/// `incidents[1].narrative`, `attachments[+0]`) as the form labels it, in
/// the interface language: "Pseudonym", "Incident 2: What happened",
/// "Attachment added". A path this version does not know is shown as it is.
pub fn changed_field_label(path: &str) -> String {
    let (list, rest) = match path.split_once('[') {
        Some((list, rest)) => (list, rest),
        // The words a first revision records instead of fields.
        None if matches!(path, "created" | "imported") => return t(&format!("history-{path}")),
        None => {
            return crate::model::Field::from_path(path).map(|f| f.label()).unwrap_or_else(|| path.to_string());
        }
    };
    let Some((index, sub)) = rest.split_once(']') else { return path.to_string() };
    let (change, n) = match index.as_bytes().first() {
        Some(b'+') => ("added", &index[1..]),
        Some(b'-') => ("removed", &index[1..]),
        _ => ("changed", index),
    };
    let Ok(n) = n.parse::<usize>() else { return path.to_string() };
    let number = (n + 1).to_string();
    match list {
        "incidents" => {
            let title = super::t_args("form-incident-title", &[("n", &number)]);
            match (change, incident_field_key(sub.trim_start_matches('.'))) {
                ("changed", Some(key)) => format!("{title}: {}", t(key)),
                ("changed", None) => title,
                (change, _) => super::t_args(&format!("history-incident-{change}"), &[("n", &number)]),
            }
        }
        "attachments" => match change {
            // A field inside the attachment (a recording's transcription) by its label.
            "changed" => match crate::model::Field::from_path(&format!("attachments{}", strip_indices(sub))) {
                Some(f) => format!("{}: {}", t("form-section-attachments"), f.label()),
                None => t("form-section-attachments"),
            },
            change => t(&format!("history-attachment-{change}")),
        },
        _ => path.to_string(),
    }
}

/// The Fluent key of an incident field's label in the form.
fn incident_field_key(field: &str) -> Option<&'static str> {
    Some(match field.split('.').next()? {
        "violation" => "form-violation",
        "violation_other" => "form-violation-other",
        "date" => "form-incident-date",
        "province" => "form-incident-province",
        "county" => "form-incident-county",
        "place" => "form-incident-place",
        "victims" => "form-victims",
        "perpetrator" => "form-perpetrator",
        "perpetrator_detail" => "form-perpetrator-detail",
        "source" => "form-source",
        "narrative" => "form-incident-narrative",
        _ => return None,
    })
}

/// The changed fields of one revision, labelled, each once.
pub fn changed_fields_text(paths: &[String]) -> String {
    let mut out: Vec<String> = Vec::new();
    for p in paths {
        let label = changed_field_label(p);
        if !out.contains(&label) {
            out.push(label);
        }
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::changed_field_label;
    use crate::i18n::{t, t_args};

    #[test]
    fn history_paths_read_as_the_form_labels_them() {
        assert_eq!(changed_field_label("interviewee.pseudonym"), t("form-pseudonym"));
        assert_eq!(changed_field_label("follow_up"), t("form-follow-up"));
        let title = t_args("form-incident-title", &[("n", "2")]);
        assert_eq!(changed_field_label("incidents[1].narrative"), format!("{title}: {}", t("form-incident-narrative")));
        assert_eq!(changed_field_label("incidents[+0]"), t_args("history-incident-added", &[("n", "1")]));
        assert_eq!(changed_field_label("attachments[+0]"), t("history-attachment-added"));
        assert_eq!(changed_field_label("something.new"), "something.new");
    }
}
