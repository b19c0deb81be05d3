//! Redaction profiles: what of a case leaves the laptop.
//!
//! - `Full`: everything, attachments included.
//! - `Pseudonymised`: every [`Field::sensitive`] field is emptied (real
//!   name, contact, birth year, home county, identifying words) and any of
//!   their values found in other text, in any form it takes there (see
//!   [`scrub`]), is replaced by `[…]`. Attachments (voices, faces, scans),
//!   their references and every trace of them in the history (names,
//!   sizes, hashes) are left out, so no photo ever leaves in a redacted
//!   profile. An incident at the home county is generalised to its
//!   province (see [`incidents`]).
//! - `StatisticsOnly`: pseudonymised, then every free-text field is emptied
//!   (narratives, notes, places, names, tags, victims); only structured
//!   fields remain: status, dates, violation types, provinces, perpetrator
//!   types, consent flags. Editors and notes in the history go too.

pub mod history;
mod identifiers;
mod incidents;
pub mod review;
pub mod roles;
mod scrub;

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

pub use scrub::{Scrubber, REDACTED_MARK};

/// What the interviewer asked for one export beyond the profile.
#[derive(Clone, Debug, Default)]
pub struct RedactOptions {
    /// More words to scrub from every case of this export (ticked in the
    /// review, or `--scrub`).
    pub scrub: Vec<String>,
    /// The interviewer went through the review's candidates (recorded in
    /// the manifest with the number of words scrubbed).
    pub reviewed: bool,
    /// Interviewer and interpreter names replaced by their role over the
    /// whole export (see [`roles`]).
    pub by_role: bool,
}

/// The case as it may leave the laptop under `profile`. Fails (rather than
/// leak) if a field marked sensitive cannot be found in the record.
pub fn redact(case: &Case, profile: Profile) -> Result<Case> {
    redact_with(case, profile, &RedactOptions::default())
}

/// [`redact`], scrubbing the words of `options` too.
pub fn redact_with(case: &Case, profile: Profile, options: &RedactOptions) -> Result<Case> {
    match profile {
        Profile::Full => Ok(case.clone()),
        Profile::Pseudonymised => pseudonymise(case, options),
        Profile::StatisticsOnly => {
            let mut c = pseudonymise(case, options)?;
            statistics_only(&mut c);
            Ok(c)
        }
    }
}

fn pseudonymise(case: &Case, options: &RedactOptions) -> Result<Case> {
    let fail = |detail: String| BundleError::Redaction { detail };
    let mut value = serde_json::to_value(case).map_err(|e| fail(e.to_string()))?;
    for field in Field::ALL.into_iter().filter(|f| f.sensitive()) {
        let path = field.path();
        let pointer = format!("/{}", path.replace('.', "/"));
        match value.pointer_mut(&pointer) {
            // A value that is not text (a birth year, "~1961" when
            // approximate) is removed, not emptied into a text.
            Some(slot) if !field.is_text() => *slot = Value::Null,
            Some(slot) => *slot = emptied(slot),
            // An empty list is left out of the record: nothing to empty.
            None if case_has_no(case, path) => {}
            None => return Err(fail(format!("no field {path} in the record"))),
        }
    }
    let mut extra = options.scrub.clone();
    // The attachments go, and with them any trace of their names.
    extra.extend(case.attachments.iter().map(|a| a.file_name.clone()));
    let scrubber = Scrubber::for_case(case, &extra);
    let mut out: Case = serde_json::from_value(value).map_err(|e| fail(e.to_string()))?;
    incidents::generalise_home_county(case, &mut out);
    out.each_text_mut(|field, text| {
        if is_free_text(field) {
            scrubber.scrub(text);
            scrub_hashes(text);
        }
    });
    for r in &mut out.history {
        // Earlier values would bring back what redaction removed from the current text.
        r.before = None;
        incidents::plain_custody_note(&mut r.note);
    }
    out.attachments.clear();
    Ok(out)
}

/// Whether a sensitive field missing from the serialized record is one
/// left out because it is empty (see `Interviewee::identifying_words`).
fn case_has_no(case: &Case, path: &str) -> bool {
    path == Field::IdentifyingWords.path() && case.interviewee.identifying_words.is_empty()
}

/// Hex strings of 32 digits or more (SHA-256 of attachments in custody
/// notes, hashes pasted by hand) go: each ties the record to a file that
/// exists elsewhere.
fn scrub_hashes(text: &mut String) {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_hexdigit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let end = i + bytes[i..].iter().take_while(|b| b.is_ascii_hexdigit()).count();
            if end - i >= 32 && bytes.get(end).is_none_or(|b| !b.is_ascii_alphanumeric()) {
                spans.push(i..end);
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    for s in spans.into_iter().rev() {
        text.replace_range(s, REDACTED_MARK);
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
        case.narrative = "My name is PAK YONG-HO (Yong-ho), born 1961, phone 010-1234-5678 — 박영호, Pak".into();
        case.interviewee.birth_year = Some(crate::model::Year::exact(1961));
        case.interviewee.contact = "010-1234-5678".into();
        let out = redact(&case, Profile::Pseudonymised).unwrap();
        assert_eq!(out.narrative, "My name is […] ([…]), born […], phone […] — […], […]");
    }

    /// An approximate birth year: the field goes, and the year in every
    /// form it is written in the text ("~1961" too).
    #[test]
    fn an_approximate_birth_year_goes_in_every_written_form() {
        let mut case = sample_case(6, 100);
        case.interviewee.birth_year = Some(crate::model::Year::around(1961));
        case.narrative = "born ~1961, or around 1961 (c. 1961); 1961년경 태어났다, 61년생, 1961? 2019년에 떠났다".into();
        let out = redact(&case, Profile::Pseudonymised).unwrap();
        assert_eq!(out.interviewee.birth_year, None);
        assert!(!out.narrative.contains("1961") && !out.narrative.contains("61년"), "{}", out.narrative);
        assert!(out.narrative.contains("2019년에 떠났다"), "other years stay: {}", out.narrative);
        let stats = redact(&case, Profile::StatisticsOnly).unwrap();
        assert_eq!(stats.interviewee.birth_year, None);
    }

    #[test]
    fn the_given_name_goes_with_any_particle_in_either_script() {
        let mut case = sample_case(6, 100);
        case.interviewee.real_name = "박영호".into();
        case.interviewee.birth_year = Some(crate::model::Year::exact(1961));
        case.interviewee.home_county = "회령시".into();
        case.interviewee.identifying_words = vec!["박영철".into(), "승리자동차연합기업소".into()];
        case.narrative = "영호는 61년생이다. 영호이네 집은 회령에 있었다. Yong-ho's brother 영철이가 \
                          승리자동차연합기업소에서 일했다. Young Ho Park, '61. 박 씨가 말했다. 이 사람은 용호가 아니다."
            .into();
        let out = redact(&case, Profile::Pseudonymised).unwrap();
        assert_eq!(
            out.narrative,
            "[…] […]. […] 집은 […] 있었다. […] brother […] […] 일했다. […], […]. […] 말했다. 이 사람은 용호가 아니다."
        );
        assert!(out.interviewee.identifying_words.is_empty());
    }

    #[test]
    fn an_incident_at_home_is_generalised_to_its_province_and_hashes_go() {
        let mut case = sample_case(6, 100);
        case.interviewee.home_county = "Hoeryŏng-si".into();
        case.incidents[0].county = "회령시".into();
        case.incidents[0].province = String::new();
        case.interviewer_notes = format!("copy of {} on the stick", "ab".repeat(32));
        let out = redact(&case, Profile::Pseudonymised).unwrap();
        assert_eq!(out.incidents[0].county, "");
        assert_eq!(out.incidents[0].province, "함경북도");
        assert_eq!(out.interviewer_notes, "copy of […] on the stick");
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
