//! A case as a page of text for the terminal (`show CODE`): the form's
//! sections and labels in the interface language, identifying fields
//! marked ◆ as in the window, empty fields left out.

use crate::i18n::{t, t_args};
use crate::model::{Case, FuzzyDate, Language};
use std::fmt::Write;

/// Mark of a field that identifies the witness (as in the form).
pub const SENSITIVE_MARK: &str = "◆";

struct Page {
    out: String,
}

impl Page {
    fn section(&mut self, key: &str) {
        let _ = write!(self.out, "\n{}\n", t(key));
    }

    fn field(&mut self, key: &str, value: &str, sensitive: bool) {
        if value.trim().is_empty() {
            return;
        }
        let mark = if sensitive { format!(" {SENSITIVE_MARK}") } else { String::new() };
        let label = t(key);
        if value.contains('\n') || value.chars().count() > 60 {
            let _ = writeln!(self.out, "  {label}{mark}:");
            for line in value.lines() {
                let _ = writeln!(self.out, "    {line}");
            }
        } else {
            let _ = writeln!(self.out, "  {label}{mark}: {value}");
        }
    }
}

fn date(d: &Option<FuzzyDate>) -> String {
    d.as_ref().map(FuzzyDate::to_iso).unwrap_or_default()
}

fn number<T: ToString>(n: &Option<T>) -> String {
    n.as_ref().map(T::to_string).unwrap_or_default()
}

fn yes_no(b: bool) -> String {
    t(if b { "review-yes" } else { "review-no" })
}

/// The page for `case`.
pub fn case_text(case: &Case) -> String {
    let mut p = Page { out: String::new() };
    let _ = writeln!(p.out, "{}  {}  r{}", case.code, case.interviewee.pseudonym, case.revision());
    let _ = writeln!(p.out, "{}", t("form-sensitive-explain"));
    p.field("form-status", &t(&format!("status-{}", case.status.key())), false);
    p.field("form-tags", &case.tags.join(", "), false);
    interview(&mut p, case);
    interviewee(&mut p, case);
    consent(&mut p, case);
    for (n, i) in case.incidents.iter().enumerate() {
        let _ = write!(p.out, "\n{}\n", t_args("form-incident-title", &[("n", &(n + 1).to_string())]));
        p.field("form-violation", &t(&format!("violation-{}", i.violation.key())), false);
        p.field("form-violation-other", &i.violation_other, false);
        p.field("form-incident-date", &i.date.to_iso(), false);
        p.field("form-incident-province", &i.province, false);
        p.field("form-incident-county", &i.county, false);
        p.field("form-incident-place", &i.place, false);
        p.field("form-victims", &i.victims.join(", "), false);
        p.field("form-perpetrator", &t(&format!("perpetrator-{}", i.perpetrator.key())), false);
        p.field("form-perpetrator-detail", &i.perpetrator_detail, false);
        p.field("form-source", &t(&format!("source-{}", i.source.key())), false);
        p.field("form-incident-narrative", &i.narrative, false);
    }
    p.section("form-section-narrative");
    p.field("form-section-narrative", &case.narrative, false);
    p.section("form-section-notes");
    p.field("form-interviewer-notes", &case.interviewer_notes, false);
    p.field("form-credibility-notes", &case.credibility_notes, false);
    p.field("form-follow-up", &case.follow_up, false);
    p.out
}

fn interview(p: &mut Page, case: &Case) {
    let i = &case.interview;
    p.section("form-section-interview");
    p.field("form-interview-date", &date(&i.date), false);
    p.field("form-interview-place", &i.place, false);
    let language = match &i.language {
        Language::Korean => t("form-language-korean"),
        Language::English => t("form-language-english"),
        Language::Other(other) => other.clone(),
    };
    p.field("form-language", &language, false);
    p.field("form-interviewer", &i.interviewer, false);
    p.field("form-interpreter", &i.interpreter, false);
    p.field("form-duration", &number(&i.duration_minutes), false);
}

fn interviewee(p: &mut Page, case: &Case) {
    let w = &case.interviewee;
    p.section("form-section-interviewee");
    p.field("form-pseudonym", &w.pseudonym, false);
    p.field("form-real-name", &w.real_name, true);
    p.field("form-gender", &t(&format!("gender-{}", w.gender.key())), false);
    p.field("form-birth-year", &number(&w.birth_year), true);
    p.field("form-home-province", &w.home_province, false);
    p.field("form-home-county", &w.home_county, true);
    p.field("form-departure-year", &number(&w.departure_year), false);
    p.field("form-arrival-year", &number(&w.arrival_year), false);
    p.field("form-current-country", &w.current_country, false);
    p.field("form-contact", &w.contact, true);
}

fn consent(p: &mut Page, case: &Case) {
    let c = &case.consent;
    p.section("form-section-consent");
    p.field("form-consent-given", &yes_no(c.given), false);
    p.field("form-consent-date", &date(&c.date), false);
    p.field("form-consent-method", &t(&format!("consent-method-{}", c.method.key())), false);
    p.field("form-share-un", &yes_no(c.share_with_un), false);
    p.field("form-share-ngos", &yes_no(c.share_with_ngos), false);
    p.field("form-use-in-court", &yes_no(c.use_in_court), false);
    p.field("form-quote-publicly", &yes_no(c.quote_publicly), false);
    p.field("form-anonymity", &t(&format!("anonymity-{}", c.anonymity.key())), false);
}

#[cfg(test)]
mod tests {
    use super::{case_text, SENSITIVE_MARK};
    use crate::i18n::{in_language, Lang};

    #[test]
    fn identifying_fields_are_marked_in_both_languages() {
        let case = crate::sample::sample_case(4, 80);
        for lang in Lang::ALL {
            let text = in_language(lang, || case_text(&case));
            let real_name = text.lines().find(|l| l.contains(&case.interviewee.real_name)).unwrap();
            assert!(real_name.contains(SENSITIVE_MARK), "{real_name}");
            let pseudonym = text.lines().find(|l| l.trim_start().starts_with(&crate::i18n::t_in(lang, "form-pseudonym", &[]))).unwrap();
            assert!(!pseudonym.contains(SENSITIVE_MARK), "{pseudonym}");
            assert!(!text.contains("form-") && !text.contains("review-"), "a label is missing: {text}");
        }
    }
}
