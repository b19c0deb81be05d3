//! Redaction profiles: what of a case leaves the laptop.
//!
//! - `Full`: everything, attachments included.
//! - `Pseudonymised`: every [`Field::sensitive`] field is emptied (real
//!   name, contact, birth year, home county) and any of their values found in
//!   other text (a narrative that names the witness) is replaced by `[…]`.
//!   Attachments (voices, faces, scans) and their references are left out.
//! - `StatisticsOnly`: pseudonymised, then every free-text field is emptied
//!   (narratives, notes, places, names, tags, victims); only structured
//!   fields remain: status, dates, violation types, provinces, perpetrator
//!   types, consent flags. Editors and notes in the history go too.

use super::{BundleError, Result};
use crate::model::{Case, Field};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Profile {
    #[default]
    Full,
    Pseudonymised,
    StatisticsOnly,
}

impl Profile {
    pub const ALL: [Profile; 3] = [Profile::Full, Profile::Pseudonymised, Profile::StatisticsOnly];

    /// Stable identifier for the command line and translation keys.
    pub fn key(self) -> &'static str {
        match self {
            Profile::Full => "full",
            Profile::Pseudonymised => "pseudonymised",
            Profile::StatisticsOnly => "statistics-only",
        }
    }

    pub fn from_key(key: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The profile's name in the interface language.
    pub fn label(self) -> String {
        crate::i18n::t(&format!("profile-{}", self.key()))
    }

    pub fn includes_attachments(self) -> bool {
        self == Profile::Full
    }
}

/// Replacement for a removed value found inside other text.
pub const REDACTED_MARK: &str = "[…]";

/// The case as it may leave the laptop under `profile`. Fails (rather than
/// leak) if a field marked sensitive cannot be found in the record.
pub fn redact(case: &Case, profile: Profile) -> Result<Case> {
    match profile {
        Profile::Full => Ok(case.clone()),
        Profile::Pseudonymised => pseudonymise(case),
        Profile::StatisticsOnly => {
            let mut c = pseudonymise(case)?;
            statistics_only(&mut c);
            Ok(c)
        }
    }
}

fn pseudonymise(case: &Case) -> Result<Case> {
    let fail = |detail: String| BundleError::Redaction { detail };
    let mut value = serde_json::to_value(case).map_err(|e| fail(e.to_string()))?;
    let mut removed: Vec<String> = Vec::new();
    for path in Field::ALL.into_iter().filter(|f| f.sensitive()).map(Field::path) {
        let pointer = format!("/{}", path.replace('.', "/"));
        let slot = value.pointer_mut(&pointer).ok_or_else(|| fail(format!("no field {path} in the record")))?;
        collect_text(slot, &mut removed);
        *slot = emptied(slot);
    }
    // Witnesses repeat parts of a name ("Gil-sun", "HONG"): each word of a
    // removed value goes too. Short values ("1", "A", "Ri") would blank
    // unrelated text, so Latin words need four letters; Hangul words (names,
    // places) need two.
    let words: Vec<String> = removed.iter().flat_map(|v| v.split_whitespace().map(str::to_string)).collect();
    removed.extend(words);
    removed.retain(|s| {
        let n = s.trim().chars().count();
        n >= 4 || (n >= 2 && !s.is_ascii())
    });
    removed.sort_by_key(|s| std::cmp::Reverse(s.len()));
    removed.dedup();
    let mut out: Case = serde_json::from_value(value).map_err(|e| fail(e.to_string()))?;
    if !removed.is_empty() {
        out.each_text_mut(|field, text| {
            if is_free_text(field) {
                for needle in &removed {
                    replace_ignoring_ascii_case(text, needle);
                }
            }
        });
    }
    out.attachments.clear();
    Ok(out)
}

/// Every string and number under `v`, as text.
fn collect_text(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.trim().to_string()),
        Value::Number(n) => out.push(n.to_string()),
        Value::Array(a) => a.iter().for_each(|x| collect_text(x, out)),
        Value::Object(m) => m.values().for_each(|x| collect_text(x, out)),
        _ => {}
    }
}

/// The empty value of the same shape: "" for text, none for optional
/// numbers, false, [] and objects emptied field by field.
fn emptied(v: &Value) -> Value {
    match v {
        Value::String(_) => Value::String(String::new()),
        Value::Number(_) | Value::Null => Value::Null,
        Value::Bool(_) => Value::Bool(false),
        Value::Array(_) => Value::Array(Vec::new()),
        Value::Object(m) => Value::Object(m.iter().map(|(k, x)| (k.clone(), emptied(x))).collect()),
    }
}

/// Whether a removed value may be repeated in this field: any text people
/// type, except the emptied fields themselves and the case code.
fn is_free_text(field: Field) -> bool {
    field != Field::Code && !field.sensitive()
}

fn replace_ignoring_ascii_case(haystack: &mut String, needle: &str) {
    let needle_lower = needle.to_ascii_lowercase();
    // ASCII lowercasing keeps byte offsets, so positions found in the
    // lowered copy are valid (and on char boundaries) in the original.
    loop {
        let lowered = haystack.to_ascii_lowercase();
        let Some(pos) = lowered.find(&needle_lower) else { break };
        haystack.replace_range(pos..pos + needle.len(), REDACTED_MARK);
    }
}

/// Empties every text a statistics-only bundle does not keep
/// ([`Field::kept_in_statistics`]: the code, to match later updates, and
/// the coarse places counted in statistics).
fn statistics_only(c: &mut Case) {
    c.each_text_mut(|field, s| {
        if !field.kept_in_statistics() {
            s.clear();
        }
    });
    // Lists whose items were emptied go whole: how many tags or victims
    // there were is no statistic anyone needs.
    c.tags.clear();
    for inc in &mut c.incidents {
        inc.victims.clear();
    }
    c.attachments.clear();
}

#[cfg(test)]
mod tests {
    use super::{redact, Profile};
    use crate::sample::sample_case;

    #[test]
    fn every_sensitive_field_is_emptied() {
        let case = sample_case(5, 200);
        let out = redact(&case, Profile::Pseudonymised).unwrap();
        assert_eq!(out.interviewee.real_name, "");
        assert_eq!(out.interviewee.contact, "");
        assert_eq!(out.interviewee.birth_year, None);
        assert_eq!(out.interviewee.home_county, "");
        assert_eq!(out.interviewee.pseudonym, case.interviewee.pseudonym);
        assert_eq!(out.narrative.len(), case.narrative.len());
    }

    #[test]
    fn removed_values_are_scrubbed_from_other_text() {
        let mut case = sample_case(6, 100);
        case.interviewee.real_name = "Pak Yong-ho".into();
        case.narrative = "My name is PAK YONG-HO (Yong-ho), born 1961, phone 010-1234 — 박영호, Pak".into();
        case.interviewee.birth_year = Some(1961);
        case.interviewee.contact = "010-1234".into();
        let out = redact(&case, Profile::Pseudonymised).unwrap();
        assert_eq!(out.narrative, "My name is […] ([…]), born […], phone […] — 박영호, Pak");
    }

    #[test]
    fn full_keeps_everything_and_statistics_keeps_structure() {
        let case = sample_case(8, 200);
        assert_eq!(redact(&case, Profile::Full).unwrap(), case);
        let s = redact(&case, Profile::StatisticsOnly).unwrap();
        assert!(s.narrative.is_empty() && s.interviewee.pseudonym.is_empty());
        assert_eq!(s.status, case.status);
        assert_eq!(s.incidents.len(), case.incidents.len());
        assert_eq!(s.incidents[0].violation, case.incidents[0].violation);
        assert_eq!(s.consent, case.consent);
    }

    #[test]
    fn profile_keys_round_trip() {
        for p in Profile::ALL {
            assert_eq!(Profile::from_key(p.key()), Some(p));
        }
    }
}
