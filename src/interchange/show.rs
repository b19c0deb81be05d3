//! A case as a page of text for the terminal (`show CODE`): every field of
//! [`Field::ALL`] with its form label in the interface language and its
//! value as the window shows it, identifying fields marked ◆ as in the
//! form, empty fields left out, each incident under its own heading.

use crate::i18n::{t, t_args};
use crate::model::{Case, Field, Kind, Part};
use std::fmt::Write;

/// Mark of a field that identifies the witness (as in the form).
pub const SENSITIVE_MARK: &str = "◆";

/// The page for `case`.
pub fn case_text(case: &Case) -> String {
    let mut out = format!("{}  {}  r{}\n{}\n", case.code, case.interviewee.pseudonym, case.revision(), t("form-sensitive-explain"));
    let shown = |f: &Field, part| f.part() == part && f.kind() != Kind::Records && !f.is_bookkeeping();
    for field in Field::ALL.iter().filter(|f| shown(f, Part::Case) && **f != Field::Code) {
        line(&mut out, *field, &field.display(case), "  ");
    }
    for (n, incident) in case.incidents.iter().enumerate() {
        let _ = writeln!(out, "\n{}", t_args("form-incident-title", &[("n", &(n + 1).to_string())]));
        // Field::display shows a line per incident: give it this one alone.
        let mut one = Case::new("");
        one.incidents = vec![incident.clone()];
        for field in Field::ALL.iter().filter(|f| shown(f, Part::Incident)) {
            line(&mut out, *field, &field.display(&one), "  ");
        }
    }
    out
}

fn line(out: &mut String, field: Field, value: &str, indent: &str) {
    if value.trim().is_empty() {
        return;
    }
    let mark = if field.sensitive() { format!(" {SENSITIVE_MARK}") } else { String::new() };
    let label = field.label();
    if value.contains('\n') || value.chars().count() > 60 {
        let _ = writeln!(out, "{indent}{label}{mark}:");
        for text in value.lines() {
            let _ = writeln!(out, "{indent}  {text}");
        }
    } else {
        let _ = writeln!(out, "{indent}{label}{mark}: {value}");
    }
}

#[cfg(test)]
mod tests {
    use super::{case_text, SENSITIVE_MARK};
    use crate::i18n::{in_language, t_in, Lang};

    #[test]
    fn identifying_fields_are_marked_in_both_languages() {
        let case = crate::sample::sample_case(4, 80);
        for lang in Lang::ALL {
            let text = in_language(lang, || case_text(&case));
            let real_name = text.lines().find(|l| l.contains(&case.interviewee.real_name)).unwrap();
            assert!(real_name.contains(SENSITIVE_MARK), "{real_name}");
            let label = t_in(lang, "form-pseudonym", &[]);
            let pseudonym = text.lines().find(|l| l.trim_start().starts_with(&label)).unwrap();
            assert!(!pseudonym.contains(SENSITIVE_MARK), "{pseudonym}");
            assert!(text.contains(&case.incidents[0].narrative[..20]), "{text}");
            assert!(!text.contains("form-"), "a label is missing: {text}");
        }
    }
}
