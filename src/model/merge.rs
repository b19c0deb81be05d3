//! Field-by-field merge of two versions of one case, for settling a
//! conflict: our version, with the fields the user chose taken from theirs.

use super::{changed_fields, Case};
use std::mem::swap;

/// The fields a merge chooses between, in the order the conflict screen
/// shows them. A list of records (incidents, attachments) is one field:
/// mixing the items of two lists could pair an incident with another
/// version's account of it, or bring back an item one side removed. The
/// case's identity and bookkeeping (id, code, created, updated, history)
/// are not here: they always stay ours.
pub const MERGE_FIELDS: &[&str] = &[
    "status",
    "tags",
    "interview.date",
    "interview.place",
    "interview.language",
    "interview.interviewer",
    "interview.interpreter",
    "interview.duration_minutes",
    "interviewee.pseudonym",
    "interviewee.real_name",
    "interviewee.gender",
    "interviewee.birth_year",
    "interviewee.home_province",
    "interviewee.home_county",
    "interviewee.departure_year",
    "interviewee.arrival_year",
    "interviewee.current_country",
    "interviewee.contact",
    "consent.given",
    "consent.date",
    "consent.method",
    "consent.share_with_un",
    "consent.share_with_ngos",
    "consent.use_in_court",
    "consent.quote_publicly",
    "consent.anonymity",
    "incidents",
    "narrative",
    "interviewer_notes",
    "credibility_notes",
    "follow_up",
    "attachments",
];

/// A field name that is not in [`MERGE_FIELDS`]; its text names them all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownField(pub String);

impl std::fmt::Display for UnknownField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fields = MERGE_FIELDS.join(", ");
        f.write_str(&crate::i18n::t_args("error-unknown-merge-field", &[("field", &self.0), ("fields", &fields)]))
    }
}

impl std::error::Error for UnknownField {}

/// The merge field that a path from [`changed_fields`] belongs to
/// (`incidents[1].place` is part of `incidents`, `interview.date.year` of
/// `interview.date`); `None` for identity and bookkeeping (`code`, `created`).
pub fn merge_field_of(path: &str) -> Option<&'static str> {
    MERGE_FIELDS.iter().copied().find(|f| {
        path.strip_prefix(f).is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
    })
}

/// The merge fields in which `a` and `b` differ, in [`MERGE_FIELDS`] order.
pub fn differing_fields(a: &Case, b: &Case) -> Vec<&'static str> {
    let changed = changed_fields(a, b);
    MERGE_FIELDS.iter().copied().filter(|f| changed.iter().any(|p| merge_field_of(p) == Some(*f))).collect()
}

/// `ours` with each of `fields` (names from [`MERGE_FIELDS`]) taken from
/// `theirs`, whole; everything else, id, code and history included, stays
/// ours. A name that is not a merge field is an error, not a silent no-op:
/// the user would believe it was taken.
pub fn take_fields<S: AsRef<str>>(ours: &Case, theirs: &Case, fields: &[S]) -> Result<Case, UnknownField> {
    let mut merged = ours.clone();
    // Swapped rather than assigned: the values swapped out end in `spare`,
    // which wipes them when it drops, as every case does.
    let mut spare = theirs.clone();
    let mut taken: Vec<&str> = Vec::new();
    for field in fields.iter().map(AsRef::as_ref) {
        // Swapping twice would give the field back.
        if taken.contains(&field) {
            continue;
        }
        if !swap_field(&mut merged, &mut spare, field) {
            return Err(UnknownField(field.to_string()));
        }
        taken.push(field);
    }
    Ok(merged)
}

/// Swap one merge field between two cases; false for an unknown name.
fn swap_field(m: &mut Case, t: &mut Case, field: &str) -> bool {
    let (mi, ti) = (&mut m.interview, &mut t.interview);
    let (mw, tw) = (&mut m.interviewee, &mut t.interviewee);
    let (mc, tc) = (&mut m.consent, &mut t.consent);
    match field {
        "status" => swap(&mut m.status, &mut t.status),
        "tags" => swap(&mut m.tags, &mut t.tags),
        "interview.date" => swap(&mut mi.date, &mut ti.date),
        "interview.place" => swap(&mut mi.place, &mut ti.place),
        "interview.language" => swap(&mut mi.language, &mut ti.language),
        "interview.interviewer" => swap(&mut mi.interviewer, &mut ti.interviewer),
        "interview.interpreter" => swap(&mut mi.interpreter, &mut ti.interpreter),
        "interview.duration_minutes" => swap(&mut mi.duration_minutes, &mut ti.duration_minutes),
        "interviewee.pseudonym" => swap(&mut mw.pseudonym, &mut tw.pseudonym),
        "interviewee.real_name" => swap(&mut mw.real_name, &mut tw.real_name),
        "interviewee.gender" => swap(&mut mw.gender, &mut tw.gender),
        "interviewee.birth_year" => swap(&mut mw.birth_year, &mut tw.birth_year),
        "interviewee.home_province" => swap(&mut mw.home_province, &mut tw.home_province),
        "interviewee.home_county" => swap(&mut mw.home_county, &mut tw.home_county),
        "interviewee.departure_year" => swap(&mut mw.departure_year, &mut tw.departure_year),
        "interviewee.arrival_year" => swap(&mut mw.arrival_year, &mut tw.arrival_year),
        "interviewee.current_country" => swap(&mut mw.current_country, &mut tw.current_country),
        "interviewee.contact" => swap(&mut mw.contact, &mut tw.contact),
        "consent.given" => swap(&mut mc.given, &mut tc.given),
        "consent.date" => swap(&mut mc.date, &mut tc.date),
        "consent.method" => swap(&mut mc.method, &mut tc.method),
        "consent.share_with_un" => swap(&mut mc.share_with_un, &mut tc.share_with_un),
        "consent.share_with_ngos" => swap(&mut mc.share_with_ngos, &mut tc.share_with_ngos),
        "consent.use_in_court" => swap(&mut mc.use_in_court, &mut tc.use_in_court),
        "consent.quote_publicly" => swap(&mut mc.quote_publicly, &mut tc.quote_publicly),
        "consent.anonymity" => swap(&mut mc.anonymity, &mut tc.anonymity),
        "incidents" => swap(&mut m.incidents, &mut t.incidents),
        "narrative" => swap(&mut m.narrative, &mut t.narrative),
        "interviewer_notes" => swap(&mut m.interviewer_notes, &mut t.interviewer_notes),
        "credibility_notes" => swap(&mut m.credibility_notes, &mut t.credibility_notes),
        "follow_up" => swap(&mut m.follow_up, &mut t.follow_up),
        "attachments" => swap(&mut m.attachments, &mut t.attachments),
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Anonymity, AttachmentRef, CaseStatus, Consent, ConsentMethod, FuzzyDate, Gender, Incident, Language, ViolationType,
    };
    use crate::sample::sample_case;

    /// Two versions of one case that differ in every merge field.
    fn two_versions() -> (Case, Case) {
        let ours = sample_case(1, 120);
        // Another sample, so that a field added to the case later most
        // likely differs too; then every field made to differ for certain.
        let mut theirs = sample_case(2, 60);
        theirs.id = ours.id;
        theirs.created = ours.created;
        theirs.status = if ours.status == CaseStatus::Draft { CaseStatus::Complete } else { CaseStatus::Draft };
        theirs.tags = vec!["다른 태그".into()];
        let i = &mut theirs.interview;
        i.date = Some(FuzzyDate { year: 2011, month: None, day: None, approximate: true });
        i.place = "다른 곳".into();
        i.language = Language::Other("러시아어".into());
        i.interviewer = "면담자 C".into();
        i.interpreter = String::new();
        i.duration_minutes = None;
        let w = &mut theirs.interviewee;
        w.pseudonym = "다른 가명".into();
        w.real_name = "다른 실명".into();
        w.gender = if ours.interviewee.gender == Gender::Other { Gender::Female } else { Gender::Other };
        (w.birth_year, w.departure_year, w.arrival_year) = (Some(1901), Some(1902), Some(1903));
        w.home_province = "자강도".into();
        w.home_county = "강계시".into();
        w.current_country = "영국".into();
        w.contact = "없음".into();
        theirs.consent = Consent {
            given: !ours.consent.given,
            date: None,
            method: ConsentMethod::Written,
            share_with_un: !ours.consent.share_with_un,
            share_with_ngos: !ours.consent.share_with_ngos,
            use_in_court: !ours.consent.use_in_court,
            quote_publicly: !ours.consent.quote_publicly,
            anonymity: Anonymity::NoIdentifyingDetails,
        };
        theirs.incidents.push(Incident { violation: ViolationType::Other, ..Incident::default() });
        theirs.narrative = "다른 진술".into();
        theirs.interviewer_notes = "다른 메모".into();
        theirs.credibility_notes = "다른 평가".into();
        theirs.follow_up = "다른 후속 조치".into();
        theirs.attachments.push(AttachmentRef {
            id: uuid::Uuid::new_v4(),
            file_name: "map.png".into(),
            size: 3,
            media_type: "image/png".into(),
            sha256: "00".repeat(32),
            added_at: ours.created,
            added_by: "C".into(),
            description: String::new(),
        });
        theirs.history.clear();
        (ours, theirs)
    }

    #[test]
    fn taking_a_field_copies_exactly_that_field() {
        let (ours, theirs) = two_versions();
        let merged = take_fields(&ours, &theirs, &["narrative", "interviewee.pseudonym"]).unwrap();
        assert_eq!(merged.narrative, theirs.narrative);
        assert_eq!(merged.interviewee.pseudonym, theirs.interviewee.pseudonym);
        assert_eq!(changed_fields(&ours, &merged), vec!["interviewee.pseudonym", "narrative"]);
        // Nothing else of theirs came along, and ours' identity stayed.
        assert_eq!(merged.interviewee.real_name, ours.interviewee.real_name);
        assert_eq!((merged.id, &merged.code, &merged.history), (ours.id, &ours.code, &ours.history));
        // Taking no field is ours as it was.
        assert_eq!(take_fields::<&str>(&ours, &theirs, &[]).unwrap(), ours);
    }

    #[test]
    fn lists_of_records_are_taken_whole() {
        let (ours, theirs) = two_versions();
        let merged = take_fields(&ours, &theirs, &["incidents"]).unwrap();
        assert_eq!(merged.incidents, theirs.incidents);
        assert_eq!(merged.attachments, ours.attachments);
        let changed = changed_fields(&ours, &merged);
        assert!(!changed.is_empty() && changed.iter().all(|p| p.starts_with("incidents[")), "{changed:?}");
        // An item of a list is not a field of its own.
        assert_eq!(take_fields(&ours, &theirs, &["incidents[0]"]), Err(UnknownField("incidents[0]".into())));
    }

    #[test]
    fn taking_every_field_gives_theirs_under_our_identity() {
        let (ours, theirs) = two_versions();
        let merged = take_fields(&ours, &theirs, MERGE_FIELDS).unwrap();
        // Only identity and bookkeeping still differ: a field added to the
        // case but not to MERGE_FIELDS would show up here.
        assert_eq!(changed_fields(&merged, &theirs), vec!["code"]);
        assert_eq!(merged.history, ours.history);
        // Every field differed, and each is named once.
        assert_eq!(differing_fields(&ours, &theirs), MERGE_FIELDS);
    }

    #[test]
    fn an_unknown_or_bookkeeping_field_is_an_error() {
        let (ours, theirs) = two_versions();
        for bad in ["narative", "code", "id", "history", "interviewee", "consent.", ""] {
            assert_eq!(take_fields(&ours, &theirs, &["narrative", bad]), Err(UnknownField(bad.into())), "{bad}");
        }
    }

    #[test]
    fn naming_a_field_twice_takes_it_once() {
        let (ours, theirs) = two_versions();
        let merged = take_fields(&ours, &theirs, &["tags", "tags"]).unwrap();
        assert_eq!(merged.tags, theirs.tags);
    }

    #[test]
    fn changed_paths_map_to_their_merge_field() {
        assert_eq!(merge_field_of("incidents[1].place"), Some("incidents"));
        assert_eq!(merge_field_of("incidents[+2]"), Some("incidents"));
        assert_eq!(merge_field_of("attachments[-0]"), Some("attachments"));
        assert_eq!(merge_field_of("interview.date.year"), Some("interview.date"));
        assert_eq!(merge_field_of("consent.given"), Some("consent.given"));
        assert_eq!(merge_field_of("narrative"), Some("narrative"));
        assert_eq!(merge_field_of("code"), None);
        assert_eq!(merge_field_of("tagsx"), None, "a prefix of a name is not the field");
    }
}
