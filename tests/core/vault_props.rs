//! Property tests: any case, however odd its text, survives the vault.

use crate::common::*;
use proptest::prelude::*;
use std::path::Path;
use testimony_vault::model::*;
use testimony_vault::vault::{crypto, format};

fn text() -> impl Strategy<Value = String> {
    // Any Unicode, plus Hangul and RON-significant characters on purpose.
    prop_oneof![any::<String>(), "[가-힣 ()\\[\\]\"'\\\\,:#/*\n\t]{0,40}", "[a-zA-Z0-9 ]{0,20}"]
}

fn fuzzy_date() -> impl Strategy<Value = Option<FuzzyDate>> {
    proptest::option::of((1900i32..2100, proptest::option::of(1u8..=12), 1u8..=28, any::<bool>(), any::<bool>()).prop_map(
        |(year, month, day, with_day, approximate)| FuzzyDate {
            year,
            month,
            day: if with_day && month.is_some() { Some(day) } else { None },
            approximate,
        },
    ))
}

fn timestamp() -> impl Strategy<Value = time::OffsetDateTime> {
    (0i64..4_102_444_800).prop_map(|s| time::OffsetDateTime::from_unix_timestamp(s).unwrap())
}

fn incident() -> impl Strategy<Value = Incident> {
    (
        proptest::sample::select(ViolationType::ALL.to_vec()),
        (text(), text(), text(), text()),
        (fuzzy_date(), fuzzy_date()),
        proptest::collection::vec(text(), 0..3),
        proptest::sample::select(Perpetrator::ALL.to_vec()),
        proptest::sample::select(SourceOfKnowledge::ALL.to_vec()),
        text(),
    )
        .prop_map(|(violation, (violation_other, province, county, place), (start, end), victims, perpetrator, source, narrative)| Incident {
            violation,
            violation_other,
            date: DateRange { start, end },
            province,
            county,
            place,
            victims,
            perpetrator,
            perpetrator_detail: String::new(),
            source,
            narrative,
            ..Incident::default()
        })
}

prop_compose! {
    fn case()(
        code in text(),
        status in proptest::sample::select(CaseStatus::ALL.to_vec()),
        tags in proptest::collection::vec(text(), 0..3),
        (created, updated) in (timestamp(), timestamp()),
        (idate, place, interviewer, lang_other) in (fuzzy_date(), text(), text(), text()),
        duration in proptest::option::of(any::<u32>()),
        (pseudonym, real_name, province, contact) in (text(), text(), text(), text()),
        (birth_year, gender) in (proptest::option::of((any::<i32>(), any::<bool>()).prop_map(|(year, approximate)| testimony_vault::model::Year { year, approximate })), proptest::sample::select(Gender::ALL.to_vec())),
        (given, method, flags) in (any::<bool>(), proptest::sample::select(ConsentMethod::ALL.to_vec()), any::<[bool; 4]>()),
        incidents in proptest::collection::vec(incident(), 0..3),
        (narrative, notes, follow_up) in (text(), text(), text()),
    ) -> Case {
        let mut c = Case::new(code);
        c.status = status;
        c.tags = tags;
        c.created = created;
        c.updated = updated;
        c.interview = Interview {
            date: idate,
            place,
            language: if lang_other.is_empty() { Language::Korean } else { Language::Other(lang_other) },
            interviewer,
            interpreter: String::new(),
            duration_minutes: duration,
        };
        c.interviewee = Interviewee { pseudonym, real_name, gender, birth_year, home_province: province, contact, ..Interviewee::default() };
        c.consent = Consent {
            given, date: None, method,
            share_with_un: flags[0], share_with_ngos: flags[1], use_in_court: flags[2], quote_publicly: flags[3],
            anonymity: Anonymity::PseudonymOnly,
        };
        c.incidents = incidents;
        c.narrative = narrative;
        c.interviewer_notes = notes;
        c.follow_up = follow_up;
        c
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_case_round_trips_through_encryption(case in case()) {
        let key = testimony_vault::vault::VaultKey::generate();
        let plaintext = format::encode_case(&case);
        let ct = crypto::encrypt(&[key.recipient()], &plaintext, "case").unwrap();
        let back = crypto::decrypt(key.identity(), &ct, Path::new("p")).unwrap();
        let decoded = format::decode_case(&back, Path::new("p")).unwrap();
        prop_assert_eq!(decoded, case);
    }

    #[test]
    fn decoding_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = format::decode_case(&bytes, Path::new("x"));
        let _ = format::decode_index(&bytes, Path::new("x"));
        let _ = format::decode_config(&bytes, Path::new("x"));
    }
}

#[test]
fn any_case_round_trips_through_a_vault_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let vault = std::cell::RefCell::new(create_vault(dir.path()));
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(40));
    let saved = std::cell::RefCell::new(Vec::new());
    runner
        .run(&case(), |mut c| {
            vault.borrow_mut().save_case(&mut c, "편집자").unwrap();
            let back = vault.borrow().load_case(c.id).unwrap();
            prop_assert_eq!(&back, &c);
            saved.borrow_mut().push(c);
            Ok(())
        })
        .unwrap();
    drop(vault);
    let saved = saved.into_inner();
    let vault = open_vault(dir.path());
    for c in &saved {
        assert_eq!(&vault.load_case(c.id).unwrap(), c);
    }
}
