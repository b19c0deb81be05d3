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
