//! Every format the vault reads: round trips for arbitrary values, and no
//! panic for arbitrary or mutated input (errors only). A stable-toolchain
//! companion of the cargo-fuzz targets in `fuzz/`: the same decoders, driven
//! by proptest, in every normal test run. Inputs the fuzzers found are kept
//! in `fuzz/regressions/<target>/` and replayed here.
//!
//! To extend to bundles: add a strategy for the bundle manifest and a
//! `bundle_manifest_round_trips` property, add the bundle decoder to
//! `check` (target name `bundle`) and to `arbitrary_bytes_never_panic`.

use proptest::prelude::*;
use std::path::Path;
use testimony_vault::model::*;
use testimony_vault::vault::format::{self, IndexEntry, IndexFile, INDEX_FORMAT};
use testimony_vault::vault::{crypto, VaultConfig, VaultKey};
use time::{OffsetDateTime, UtcOffset};
use uuid::Uuid;

const FILE: &str = "prop/file.age";

/// Cases per property: the figure given, or `PROPTEST_CASES` for long runs.
fn cases(normal: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(normal)
}

fn file() -> &'static Path {
    Path::new(FILE)
}

/// Text as people and attackers type it: any character, with extra weight on
/// what RON and Korean input make special.
fn text() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        4 => any::<char>(),
        2 => prop::sample::select(vec!['"', '\\', '\n', '\r', '\t', '#', '(', ')', '[', ']', ',', ':', '\'', '\u{0}', 'r']),
        3 => prop::sample::select(vec!['가', '힣', '한', 'ᄒ', 'ᅡ', 'ᆫ', 'ㅎ', '경', '년', '～', '\u{feff}', '\u{200b}']),
        3 => proptest::char::range('a', 'z'),
    ];
    prop::collection::vec(ch, 0..24).prop_map(String::from_iter)
}

fn date() -> impl Strategy<Value = FuzzyDate> {
    (1900i32..=2100, 0u8..=12, 0u8..=31, any::<bool>()).prop_map(|(y, m, d, approximate)| {
        let month = (m > 0).then_some(m);
        let day = month.and_then(|m| {
            let max = time::util::days_in_month(time::Month::try_from(m).unwrap(), y);
            (d > 0).then(|| 1 + (d - 1) % max)
        });
        FuzzyDate { year: y, month, day, approximate }
    })
}

fn range() -> impl Strategy<Value = DateRange> {
    (prop::option::of(date()), prop::option::of(date())).prop_map(|(start, end)| DateRange { start, end })
}

/// Instants from 1900 to 2200 with any nanosecond and any whole-minute
/// offset (RFC 3339 has no seconds in offsets).
fn instant() -> impl Strategy<Value = OffsetDateTime> {
    (-2_208_988_800i64..7_258_118_400, 0u32..1_000_000_000, -1439i32..=1439).prop_map(|(secs, nanos, minutes)| {
        OffsetDateTime::from_unix_timestamp(secs)
            .unwrap()
            .replace_nanosecond(nanos)
            .unwrap()
            .to_offset(UtcOffset::from_whole_seconds(minutes * 60).unwrap())
    })
}

fn uuid() -> impl Strategy<Value = Uuid> {
    any::<u128>().prop_map(Uuid::from_u128)
}

fn pick<T: Clone + std::fmt::Debug + 'static>(all: &[T]) -> impl Strategy<Value = T> + use<T> {
    prop::sample::select(all.to_vec())
}

fn incident() -> impl Strategy<Value = Incident> {
    (
        uuid(),
        pick(&ViolationType::ALL),
        (text(), range(), text(), text(), text()),
        prop::collection::vec(text(), 0..3),
        pick(&Perpetrator::ALL),
        text(),
        pick(&SourceOfKnowledge::ALL),
        text(),
    )
        .prop_map(|(id, violation, (violation_other, date, province, county, place), victims, perpetrator, perpetrator_detail, source, narrative)| {
            Incident { id, violation, violation_other, date, province, county, place, victims, perpetrator, perpetrator_detail, source, narrative }
        })
}

/// What a revision keeps of the fields before it (model::history).
fn kept_before() -> impl Strategy<Value = Option<Vec<testimony_vault::model::history::FieldBefore>>> {
    use testimony_vault::model::history::{FieldBefore, Step};
    let step = prop_oneof![any::<u32>().prop_map(Step::Keep), any::<u32>().prop_map(Step::Skip), text().prop_map(Step::Put)];
    let field = (text(), prop::collection::vec(step, 0..4)).prop_map(|(field, edit)| FieldBefore { field, edit });
    prop::option::of(prop::collection::vec(field, 0..3))
}

fn revision() -> impl Strategy<Value = Revision> {
    (any::<u32>(), instant(), text(), prop::collection::vec(text(), 0..3), text(), text(), text(), kept_before()).prop_map(
        |(number, at, editor, changed_fields, prev_hash, content_hash, note, before)| Revision {
            number,
            at,
            editor,
            changed_fields,
            prev_hash,
            content_hash,
            note,
            signature: None,
            before,
        },
    )
}

fn attachment() -> impl Strategy<Value = AttachmentRef> {
    (uuid(), text(), any::<u64>(), text(), text(), instant(), text(), text()).prop_map(
        |(id, file_name, size, media_type, sha256, added_at, added_by, description)| AttachmentRef {
            id,
            file_name,
            size,
            media_type,
            sha256,
            added_at,
            added_by,
            description,
            recording: None,
        },
    )
}

fn interview() -> impl Strategy<Value = Interview> {
    (prop::option::of(date()), text(), prop_oneof![Just(Language::Korean), Just(Language::English), text().prop_map(Language::Other)], text(), text(), prop::option::of(any::<u32>()))
        .prop_map(|(date, place, language, interviewer, interpreter, duration_minutes)| Interview { date, place, language, interviewer, interpreter, duration_minutes })
}

/// Exact or approximate, any year (what the type can hold, not only what the form takes).
fn year() -> impl Strategy<Value = testimony_vault::model::Year> {
    (any::<i32>(), any::<bool>()).prop_map(|(year, approximate)| testimony_vault::model::Year { year, approximate })
}

fn interviewee() -> impl Strategy<Value = Interviewee> {
    (
        (text(), text(), pick(&Gender::ALL), prop::option::of(year())),
        (text(), text(), prop::option::of(year()), prop::option::of(year()), text(), text()),
        prop::collection::vec(text(), 0..3),
    )
        .prop_map(|((pseudonym, real_name, gender, birth_year), (home_province, home_county, departure_year, arrival_year, current_country, contact), identifying_words)| {
            Interviewee { pseudonym, real_name, gender, birth_year, home_province, home_county, departure_year, arrival_year, current_country, contact, identifying_words }
        })
}

fn consent() -> impl Strategy<Value = Consent> {
    (any::<bool>(), prop::option::of(date()), pick(&ConsentMethod::ALL), any::<[bool; 4]>(), pick(&Anonymity::ALL)).prop_map(
        |(given, date, method, [share_with_un, share_with_ngos, use_in_court, quote_publicly], anonymity)| Consent {
            given,
            date,
            method,
            share_with_un,
            share_with_ngos,
            use_in_court,
            quote_publicly,
            anonymity,
        },
    )
}

fn case() -> impl Strategy<Value = Case> {
    (
        (uuid(), text(), instant(), instant(), pick(&CaseStatus::ALL), prop::collection::vec(text(), 0..3)),
        (interview(), interviewee(), consent(), prop::collection::vec(incident(), 0..3)),
        (text(), text(), text(), text()),
        (prop::collection::vec(attachment(), 0..2), prop::collection::vec(revision(), 0..3)),
    )
        .prop_map(|((id, code, created, updated, status, tags), (interview, interviewee, consent, incidents), (narrative, notes, credibility, follow_up), (attachments, history))| {
            let mut c = Case::new(code);
            c.id = id;
            c.created = created;
            c.updated = updated;
            c.status = status;
            c.tags = tags;
            c.interview = interview;
            c.interviewee = interviewee;
            c.consent = consent;
            c.incidents = incidents;
            c.narrative = narrative;
            c.interviewer_notes = notes;
            c.credibility_notes = credibility;
            c.follow_up = follow_up;
            c.attachments = attachments;
            c.history = history;
            c
        })
}

fn config() -> impl Strategy<Value = VaultConfig> {
    (prop::collection::vec(text(), 0..3), any::<u32>(), text(), text()).prop_map(
        |(organisation_recipients, idle_lock_minutes, editor_name, language)| VaultConfig {
            organisation_recipients,
            idle_lock_minutes,
            editor_name,
            language,
            ..VaultConfig::default()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(96)))]

    #[test]
    fn case_file_round_trips(c in case()) {
        let decoded = format::decode_case(&format::encode_case(&c), file()).unwrap();
        prop_assert_eq!(&decoded, &c);
        // Revision hashes are checked against content: they must survive too.
        prop_assert_eq!(decoded.content_hash(), c.content_hash());
    }

    #[test]
    fn index_round_trips(cases in prop::collection::vec(case(), 0..3), next_number in any::<u32>(), stamps in any::<[(u64, i64); 3]>(), vault_id in uuid()) {
        let entries = cases.iter().zip(stamps).map(|(c, (file_len, file_mtime_ns))| IndexEntry { summary: c.summary(), file_len, file_mtime_ns }).collect();
        let index = IndexFile { format: INDEX_FORMAT, vault_id, next_number, entries };
        let bytes = format::encode_index(&index);
        let decoded = format::decode_index(&bytes, file()).unwrap();
        prop_assert_eq!(decoded.vault_id, vault_id);
        prop_assert_eq!(decoded.next_number, next_number);
        for (d, c) in decoded.entries.iter().zip(&cases) {
            prop_assert_eq!(&d.summary, &c.summary());
        }
        prop_assert_eq!(&format::encode_index(&decoded)[..], &bytes[..]);
    }

    #[test]
    fn config_round_trips(c in config()) {
        prop_assert_eq!(format::decode_config(&format::encode_config(&c), file()).unwrap(), c);
    }

    #[test]
    fn key_file_round_trips(created in text().prop_filter("one line", |s| !s.contains(['\n', '\r']))) {
        let key = VaultKey::generate();
        let text = key.key_file_text(&created);
        let back = VaultKey::from_key_file(text.as_bytes(), file()).unwrap();
        prop_assert_eq!(back.vault_id(), key.vault_id());
        prop_assert_eq!(back.recipient().to_string(), key.recipient().to_string());
    }

    #[test]
    fn dates_print_and_parse_back(d in date()) {
        prop_assert_eq!(FuzzyDate::parse(&d.to_iso()), Ok(d.clone()));
        prop_assert_eq!(FuzzyDate::parse(&d.to_korean()), Ok(d.clone()));
        prop_assert_eq!(FuzzyDate::parse(&d.to_string()), Ok(d));
    }

    #[test]
    fn date_ranges_print_and_parse_back(r in range()) {
        prop_assert_eq!(DateRange::parse(&r.to_iso()), Ok(r));
    }
}

/// One decoder, by fuzz-target name, on one input: Ok or an error, never a
/// panic; whatever decodes must re-encode to the same value.
fn check(target: &str, data: &[u8]) {
    match target {
        "case_ron" => {
            if let Ok(c) = format::decode_case(data, file()) {
                assert_eq!(format::decode_case(&format::encode_case(&c), file()).unwrap(), c);
            }
        }
        "index" => {
            if let Ok(i) = format::decode_index(data, file()) {
                format::decode_index(&format::encode_index(&i), file()).unwrap();
            }
        }
        "config" => {
            if let Ok(c) = format::decode_config(data, file()) {
                assert_eq!(format::decode_config(&format::encode_config(&c), file()).unwrap(), c);
            }
        }
        "key_file" => {
            let _ = VaultKey::from_key_file(data, file());
        }
        "dates" => {
            if let Ok(s) = std::str::from_utf8(data) {
                if let Ok(d) = FuzzyDate::parse(s) {
                    assert_eq!(FuzzyDate::parse(&d.to_iso()), Ok(d));
                }
                if let Ok(r) = DateRange::parse(s) {
                    assert_eq!(DateRange::parse(&r.to_iso()), Ok(r));
                }
            }
        }
        "age_file" => {
            let id = age::x25519::Identity::generate();
            assert!(crypto::decrypt(&id, data, file()).is_err());
        }
        other => panic!("unknown fuzz target {other}"),
    }
}

const TARGETS: [&str; 6] = ["case_ron", "index", "config", "key_file", "dates", "age_file"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(512)))]

    #[test]
    fn arbitrary_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..512)) {
        for target in TARGETS {
            check(target, &data);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(s in text()) {
        for target in TARGETS {
            check(target, s.as_bytes());
        }
    }
}

/// Valid documents of each format, to mutate: random bytes rarely get past
/// the first token, mutated real files reach deep into the decoders.
fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let case = testimony_vault::sample::sample_case(3, 300);
    let mut old = String::from_utf8(format::encode_case(&case).to_vec()).unwrap();
    old = old.replacen("format:2", "format:1", 1);
    let index = IndexFile {
        format: INDEX_FORMAT,
        vault_id: Uuid::from_u128(7),
        next_number: 4,
        entries: vec![IndexEntry { summary: case.summary(), file_len: 900, file_mtime_ns: 1 }],
    };
    let key = VaultKey::generate();
    vec![
        ("case_ron", format::encode_case(&case).to_vec()),
        ("case_ron", old.into_bytes()),
        ("index", format::encode_index(&index).to_vec()),
        ("index", format::encode_index_v1(&index).to_vec()),
        ("config", format::encode_config(&VaultConfig::default()).to_vec()),
        ("key_file", key.key_file_text("2026-11-26T00:00:00Z").as_bytes().to_vec()),
        ("dates", "2019년 3월 ~ 2020-04-05경".as_bytes().to_vec()),
        ("age_file", crypto::encrypt(&[key.recipient()], b"payload", "test").unwrap()),
    ]
}

const TOKENS: &[&[u8]] = &[b"(", b")", b"[", b"]", b"\"", b",", b":", b"Some(", b"None", b"r#\"", b"\\u{", b"9999999999999999999", b"-", b"format:99", b"\xed\x95\x9c"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(384)))]

    #[test]
    fn mutated_valid_files_never_panic(which in any::<prop::sample::Index>(), edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..4, any::<u8>(), any::<prop::sample::Index>()), 1..6)) {
        let seeds = seeds();
        let (target, mut data) = seeds[which.index(seeds.len())].clone();
        for (at, kind, byte, token) in edits {
            let pos = at.index(data.len() + 1);
            match kind {
                0 if pos < data.len() => data[pos] ^= byte | 1,
                1 if pos < data.len() => { data.remove(pos); }
                2 => data.splice(pos..pos, TOKENS[token.index(TOKENS.len())].iter().copied()).for_each(drop),
                _ => data.truncate(pos),
            }
        }
        check(target, &data);
    }
}

#[test]
fn replays_committed_fuzz_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for target in TARGETS {
        for entry in std::fs::read_dir(root.join(target)).into_iter().flatten().flatten() {
            check(target, &std::fs::read(entry.path()).unwrap());
            replayed += 1;
        }
    }
    println!("replayed {replayed} committed fuzz findings");
}

/// Writes the valid documents above as starting corpora for the fuzzers
/// (`fuzz/seeds/<target>/`). Run once with
/// `cargo test --test core -- --ignored write_fuzz_seeds`; the key file
/// seed holds a throwaway key made for it.
#[test]
#[ignore]
fn write_fuzz_seeds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    for (n, (target, data)) in seeds().into_iter().enumerate() {
        std::fs::create_dir_all(root.join(target)).unwrap();
        std::fs::write(root.join(target).join(format!("seed-{n}")), data).unwrap();
    }
}
