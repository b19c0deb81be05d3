//! Field-by-field merge of two versions of one case, for settling a
//! conflict: our version, with the fields the user chose taken from theirs.

use super::{changed_fields, Case, Field};

/// A name that is not a field a merge can take from the other version; its
/// text names the fields that can be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownField(pub String);

impl std::fmt::Display for UnknownField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fields = mergeable_paths();
        f.write_str(&crate::i18n::t_args("error-unknown-merge-field", &[("field", &self.0), ("fields", &fields)]))
    }
}

impl std::error::Error for UnknownField {}

/// The mergeable field named `path`, as the command line's `--take-theirs`
/// gives it. Identity and bookkeeping (`code`, `history`), items of a list
/// (`incidents[0]`, `incidents.place`) and typos are unknown.
pub fn parse_field(path: &str) -> Result<Field, UnknownField> {
    Field::from_path(path).filter(|f| f.mergeable()).ok_or_else(|| UnknownField(path.to_string()))
}

/// Each of `paths` as a mergeable field; the first unknown name is the error.
pub fn parse_fields<S: AsRef<str>>(paths: &[S]) -> Result<Vec<Field>, UnknownField> {
    paths.iter().map(|p| parse_field(p.as_ref())).collect()
}

/// The paths of `fields`, comma-separated, for notes and messages.
pub fn joined_paths(fields: &[Field]) -> String {
    fields.iter().map(|f| f.path()).collect::<Vec<_>>().join(", ")
}

/// The paths of the mergeable fields, in the conflict screen's order, for
/// messages that list them.
pub fn mergeable_paths() -> String {
    joined_paths(&Field::mergeable_fields().collect::<Vec<_>>())
}

/// The merge field that a path from [`changed_fields`] belongs to
/// (`incidents[1].place` is part of `incidents`, `interview.date.year` of
/// `interview.date`); `None` for identity and bookkeeping (`code`, `created`).
pub fn merge_field_of(path: &str) -> Option<Field> {
    Field::mergeable_fields().find(|f| {
        path.strip_prefix(f.path()).is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
    })
}

/// The merge fields in which `a` and `b` differ, in the conflict screen's order.
pub fn differing_fields(a: &Case, b: &Case) -> Vec<Field> {
    let changed = changed_fields(a, b);
    Field::mergeable_fields().filter(|f| changed.iter().any(|p| merge_field_of(p) == Some(*f))).collect()
}

/// `ours` with each of `fields` taken from `theirs`, whole; everything
/// else, id, code and history included, stays ours. A field that is not
/// mergeable is an error, not a silent no-op: the user would believe it
/// was taken.
pub fn take_fields(ours: &Case, theirs: &Case, fields: &[Field]) -> Result<Case, UnknownField> {
    let mut merged = ours.clone();
    // Swapped rather than assigned: the values swapped out end in `spare`,
    // which wipes them when it drops, as every case does.
    let mut spare = theirs.clone();
    let mut taken: Vec<Field> = Vec::new();
    for &field in fields {
        // Swapping twice would give the field back.
        if taken.contains(&field) {
            continue;
        }
        if !field.swap(&mut merged, &mut spare) {
            return Err(UnknownField(field.path().to_string()));
        }
        taken.push(field);
    }
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::{differing_fields, merge_field_of, parse_field, take_fields, UnknownField};
    use crate::model::{
        changed_fields, Anonymity, AttachmentRef, Case, CaseStatus, Consent, ConsentMethod, Field, FuzzyDate, Gender,
        Incident, Language, ViolationType, Year,
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
        (w.birth_year, w.departure_year, w.arrival_year) = (Some(Year::exact(1901)), Some(Year::exact(1902)), Some(Year::exact(1903)));
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
            recording: None,
        });
        theirs.history.clear();
        (ours, theirs)
    }

    #[test]
    fn taking_a_field_copies_exactly_that_field() {
        let (ours, theirs) = two_versions();
        let merged = take_fields(&ours, &theirs, &[Field::Narrative, Field::Pseudonym]).unwrap();
        assert_eq!(merged.narrative, theirs.narrative);
        assert_eq!(merged.interviewee.pseudonym, theirs.interviewee.pseudonym);
        assert_eq!(changed_fields(&ours, &merged), vec!["interviewee.pseudonym", "narrative"]);
        // Nothing else of theirs came along, and ours' identity stayed.
        assert_eq!(merged.interviewee.real_name, ours.interviewee.real_name);
        assert_eq!((merged.id, &merged.code, &merged.history), (ours.id, &ours.code, &ours.history));
        // Taking no field is ours as it was.
        assert_eq!(take_fields(&ours, &theirs, &[]).unwrap(), ours);
    }

    #[test]
    fn lists_of_records_are_taken_whole() {
        let (ours, theirs) = two_versions();
        let merged = take_fields(&ours, &theirs, &[Field::Incidents]).unwrap();
        assert_eq!(merged.incidents, theirs.incidents);
        assert_eq!(merged.attachments, ours.attachments);
        let changed = changed_fields(&ours, &merged);
        assert!(!changed.is_empty() && changed.iter().all(|p| p.starts_with("incidents[")), "{changed:?}");
        // An item of a list is not a field of its own.
        assert_eq!(parse_field("incidents[0]"), Err(UnknownField("incidents[0]".into())));
        let field_of_an_item = take_fields(&ours, &theirs, &[Field::IncidentPlace]);
        assert_eq!(field_of_an_item, Err(UnknownField("incidents.place".into())));
    }

    #[test]
    fn taking_every_field_gives_theirs_under_our_identity() {
        let (ours, theirs) = two_versions();
        let all: Vec<Field> = Field::mergeable_fields().collect();
        let merged = take_fields(&ours, &theirs, &all).unwrap();
        // Only identity and bookkeeping still differ: a field added to the
        // case but not as a mergeable Field would show up here.
        assert_eq!(changed_fields(&merged, &theirs), vec!["code"]);
        assert_eq!(merged.history, ours.history);
        // Every field differed, and each is named once.
        assert_eq!(differing_fields(&ours, &theirs), all);
    }

    #[test]
    fn an_unknown_or_bookkeeping_field_is_an_error() {
        let (ours, theirs) = two_versions();
        for bad in ["narative", "code", "id", "history", "interviewee", "consent.", "history.editor", ""] {
            assert_eq!(parse_field(bad), Err(UnknownField(bad.into())), "{bad}");
        }
        assert_eq!(parse_field("consent.given"), Ok(Field::ConsentGiven));
        let refused = take_fields(&ours, &theirs, &[Field::Narrative, Field::Code]);
        assert_eq!(refused, Err(UnknownField("code".into())));
    }

    #[test]
    fn naming_a_field_twice_takes_it_once() {
        let (ours, theirs) = two_versions();
        let merged = take_fields(&ours, &theirs, &[Field::Tags, Field::Tags]).unwrap();
        assert_eq!(merged.tags, theirs.tags);
    }

    #[test]
    fn changed_paths_map_to_their_merge_field() {
        assert_eq!(merge_field_of("incidents[1].place"), Some(Field::Incidents));
        assert_eq!(merge_field_of("incidents[+2]"), Some(Field::Incidents));
        assert_eq!(merge_field_of("attachments[-0]"), Some(Field::Attachments));
        assert_eq!(merge_field_of("interview.date.year"), Some(Field::InterviewDate));
        assert_eq!(merge_field_of("consent.given"), Some(Field::ConsentGiven));
        assert_eq!(merge_field_of("narrative"), Some(Field::Narrative));
        assert_eq!(merge_field_of("code"), None);
        assert_eq!(merge_field_of("tagsx"), None, "a prefix of a name is not the field");
    }
}
