//! The vault core end to end: files on disk, damage, crashes, migration.

use crate::common::*;
use std::fs;
use testimony_vault::model::{CaseStatus, FuzzyDate, Incident, ViolationType};
use testimony_vault::sample::sample_case;
use testimony_vault::vault::{atomic, crypto, format, SaveOutcome, Vault, VaultError};

#[test]
fn a_fully_filled_case_with_hangul_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create_vault(dir.path());
    let mut case = sample_case(7, 3000);
    case.narrative.push_str("마지막 문장: 혜산에서 공개처형을 목격했다.");
    let original = case.clone();
    let outcome = vault.save_case(&mut case, "면담자 A").unwrap();
    assert!(matches!(outcome, SaveOutcome::Saved { revision: 1, .. }));
    drop(vault);

    let vault = open_vault(dir.path());
    let loaded = vault.load_case(case.id).unwrap();
    assert_eq!(loaded, case);
    // Every field the user typed is there, unchanged.
    assert_eq!(loaded.narrative, original.narrative);
    assert_eq!(loaded.interviewee, original.interviewee);
    assert_eq!(loaded.incidents, original.incidents);
    assert_eq!(loaded.consent, original.consent);
    assert_eq!(loaded.history.len(), 1);
    assert_eq!(loaded.history[0].editor, "면담자 A");
    let summary = vault.summary(case.id).unwrap();
    assert_eq!(summary.pseudonym, original.interviewee.pseudonym);
    assert_eq!(summary.code, "NK-2026-0007");
}

#[test]
fn every_save_appends_a_chained_revision() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create_vault(dir.path());
    let mut case = vault.new_case();
    case.interviewee.pseudonym = "한별".into();
    vault.save_case(&mut case, "A").unwrap();
    case.narrative = "새로운 내용".into();
    case.incidents.push(Incident { violation: ViolationType::Torture, ..Default::default() });
    let out = vault.save_case(&mut case, "B").unwrap();
    assert_eq!(
        out,
        SaveOutcome::Saved { revision: 2, changed_fields: vec!["incidents[+0]".into(), "narrative".into()] }
    );
    assert_eq!(vault.save_case(&mut case, "B").unwrap(), SaveOutcome::Unchanged);
    let stored = vault.load_case(case.id).unwrap();
    assert_eq!(stored.history.len(), 2);
    assert_eq!(stored.history[1].prev_hash, stored.history[0].content_hash);
    assert_eq!(stored.history[1].content_hash, stored.content_hash());
    assert_eq!(stored.history[1].editor, "B");
}

#[test]
fn a_stale_copy_does_not_overwrite_history() {
    // Two edits based on the same loaded copy: the second keeps the first's
    // revision in the history instead of replacing it.
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create_vault(dir.path());
    let mut case = vault.new_case();
    vault.save_case(&mut case, "A").unwrap();
    let mut stale = case.clone();
    case.narrative = "first edit".into();
    vault.save_case(&mut case, "A").unwrap();
    stale.follow_up = "second edit".into();
    vault.save_case(&mut stale, "B").unwrap();
    let stored = vault.load_case(case.id).unwrap();
    assert_eq!(stored.history.len(), 3);
    assert_eq!(stored.history[1].changed_fields, vec!["narrative"]);
}

#[test]
fn wrong_passphrase_is_refused_plainly_and_changes_nothing() {
    let _english = english();
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create_vault(dir.path());
    let mut case = sample_case(1, 200);
    vault.save_case(&mut case, "A").unwrap();
    drop(vault);
    let before: Vec<_> = all_files(dir.path()).iter().map(|p| fs::read(p).unwrap()).collect();
    let err = Vault::open(dir.path(), &pass("not the passphrase")).unwrap_err();
    assert!(matches!(err, VaultError::WrongPassphrase), "{err:?}");
    assert!(err.to_string().contains("passphrase is not correct"));
    let after: Vec<_> = all_files(dir.path()).iter().map(|p| fs::read(p).unwrap()).collect();
    assert_eq!(before, after);
    assert_eq!(open_vault(dir.path()).len(), 1);
}

fn vault_with_three_cases() -> (tempfile::TempDir, Vec<uuid::Uuid>) {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create_vault(dir.path());
    let ids = (1..=3)
        .map(|n| {
            let mut c = sample_case(n, 500);
            vault.save_case(&mut c, "A").unwrap();
            c.id
        })
        .collect();
    (dir, ids)
}

#[test]
fn a_truncated_case_file_is_named_and_the_others_open() {
    let (dir, ids) = vault_with_three_cases();
    let victim = dir.path().join("cases").join(format!("{}.age", ids[1]));
    let bytes = fs::read(&victim).unwrap();
    fs::write(&victim, &bytes[..bytes.len() / 2]).unwrap();

    let vault = open_vault(dir.path());
    let report = vault.open_report();
    assert_eq!(report.damaged.len(), 1);
    let msg = report.damaged[0].to_string();
    assert!(msg.contains(&ids[1].to_string()) && msg.contains("damaged"), "{msg}");
    assert!(matches!(vault.load_case(ids[1]), Err(VaultError::Damaged { .. })));
    assert!(vault.load_case(ids[0]).is_ok());
    assert!(vault.load_case(ids[2]).is_ok());
}

#[test]
fn a_flipped_byte_anywhere_in_a_case_is_rejected_and_the_others_open() {
    let (dir, ids) = vault_with_three_cases();
    let victim = dir.path().join("cases").join(format!("{}.age", ids[0]));
    let original = fs::read(&victim).unwrap();
    // Header, first payload chunk, last byte.
    for pos in [20, original.len() / 2, original.len() - 1] {
        let mut bytes = original.clone();
        bytes[pos] ^= 0x01;
        fs::write(&victim, &bytes).unwrap();
        let vault = open_vault(dir.path());
        let err = vault.load_case(ids[0]).unwrap_err();
        assert!(matches!(err, VaultError::Damaged { ref file, .. } if *file == victim), "byte {pos}: {err:?}");
        assert_eq!(vault.load_case(ids[1]).unwrap().id, ids[1]);
        assert_eq!(vault.load_case(ids[2]).unwrap().id, ids[2]);
        // The previous generation is the way back (absent: saved only once).
        assert!(vault.load_previous_generation(ids[0]).unwrap().is_none());
    }
}

#[test]
fn a_damaged_case_can_be_recovered_from_its_previous_generation() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create_vault(dir.path());
    let mut case = sample_case(3, 300);
    vault.save_case(&mut case, "A").unwrap();
    case.follow_up = "second".into();
    vault.save_case(&mut case, "A").unwrap();
    let path = vault.case_path(case.id);
    let mut bytes = fs::read(&path).unwrap();
    let n = bytes.len();
    bytes[n - 5] ^= 0xff;
    fs::write(&path, bytes).unwrap();
    assert!(vault.load_case(case.id).is_err());
    let prev = vault.load_previous_generation(case.id).unwrap().unwrap();
    assert_eq!(prev.history.len(), 1);
}

/// The program never deletes a case: a case file that vanished (a hand in
/// the folder, damage) comes back from its previous generation, said so.
#[test]
fn a_vanished_case_file_is_put_back_from_its_previous_generation_and_reported() {
    let (dir, ids) = vault_with_three_cases();
    let mut vault = open_vault(dir.path());
    let mut case = vault.load_case(ids[1]).unwrap();
    case.follow_up = "second save".into();
    vault.save_case(&mut case, "A").unwrap();
    drop(vault);
    fs::remove_file(dir.path().join("cases").join(format!("{}.age", ids[1]))).unwrap();

    let vault = open_vault(dir.path());
    let report = vault.open_report();
    assert_eq!(report.restored, vec![(case.code.clone(), 1)]);
    assert!(report.missing.is_empty());
    let msg = report.damaged.iter().map(|e| e.to_string()).collect::<String>();
    assert!(msg.contains(&case.code) && msg.contains("revision 1") && msg.contains("lost"), "{msg}");
    let back = vault.load_case(ids[1]).unwrap();
    assert_eq!(back.revision(), 1);
    assert_eq!(vault.len(), 3, "the case is listed again");
    drop(vault);
    // Put back for good: the next open has nothing to report.
    assert!(open_vault(dir.path()).open_report().damaged.is_empty());
}

/// With no earlier copy, the loss is reported at every open (until the case
/// comes back or the user says to stop), and its code is never reused.
#[test]
fn a_vanished_case_with_no_earlier_copy_is_reported_until_forgotten() {
    let (dir, ids) = vault_with_three_cases();
    let vault = open_vault(dir.path());
    let gone = vault.summary(ids[2]).unwrap().clone();
    drop(vault);
    fs::remove_file(dir.path().join("cases").join(format!("{}.age", ids[2]))).unwrap();

    for _ in 0..2 {
        let vault = open_vault(dir.path());
        let report = vault.open_report();
        assert_eq!(report.missing.iter().map(|s| s.id).collect::<Vec<_>>(), vec![ids[2]]);
        let msg = report.damaged[0].to_string();
        assert!(msg.contains(&gone.code) && msg.contains(&gone.pseudonym) && msg.contains("vanished"), "{msg}");
        assert_eq!(vault.len(), 2);
        assert!(!vault.contains(ids[2]));
    }
    // Saving another case (same shard or not) keeps the report alive, and a
    // new case does not take the vanished case's code.
    let mut vault = open_vault(dir.path());
    let mut new_case = vault.new_case();
    new_case.interviewee.pseudonym = "새 증인".into();
    assert_ne!(new_case.code, gone.code);
    vault.save_case(&mut new_case, "A").unwrap();
    drop(vault);
    let mut vault = open_vault(dir.path());
    assert_eq!(vault.open_report().missing.len(), 1, "still reported after other saves");
    assert_eq!(vault.forget_missing().unwrap(), 1);
    drop(vault);
    let vault = open_vault(dir.path());
    assert!(vault.open_report().damaged.is_empty(), "{:?}", vault.open_report().damaged);
    assert_eq!(vault.len(), 3);
}

/// A crash between the renames of an import leaves part of it in place:
/// the next open says so (once), every case there is whole, and storing the
/// batch again completes it.
#[test]
fn a_batch_cut_short_by_a_crash_is_reported_at_the_next_open() {
    let _english = english();
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create_vault(dir.path());
    let cases: Vec<_> = (1..=10).map(|n| sample_case(n, 200)).collect();
    let err = vault.crash_during_batch(&cases, "field-2026-03.tvb", 4).unwrap_err();
    assert!(err.to_string().contains("simulated crash"));
    drop(vault);

    let mut vault = open_vault(dir.path());
    let report = vault.open_report();
    assert_eq!(vault.len(), 4, "the four renamed before the crash, whole");
    assert_eq!(report.damaged.len(), 1, "{:?}", report.damaged);
    let msg = report.damaged[0].to_string();
    assert!(matches!(report.damaged[0], VaultError::ImportInterrupted { cases: 10, .. }), "{msg}");
    assert!(msg.contains("field-2026-03.tvb") && msg.contains("again"), "{msg}");
    for case in &cases[..4] {
        assert_eq!(vault.load_case(case.id).unwrap(), *case);
    }
    vault.write_cases_all_or_nothing(&cases, "field-2026-03.tvb").unwrap();
    assert_eq!(vault.len(), 10);
    drop(vault);
    let vault = open_vault(dir.path());
    assert!(vault.open_report().damaged.is_empty(), "said once: {:?}", vault.open_report().damaged);
    assert_eq!(vault.len(), 10);
}

#[test]
fn a_damaged_index_is_rebuilt_from_the_cases() {
    let (dir, ids) = vault_with_three_cases();
    let shards = all_files(&dir.path().join("index"));
    assert!(!shards.is_empty() && shards.len() <= 3 * 2, "{shards:?}");
    let shard = shards.iter().find(|p| !p.to_string_lossy().ends_with(".prev")).unwrap();
    let mut bytes = fs::read(shard).unwrap();
    let n = bytes.len();
    bytes[n / 2] ^= 0x40;
    fs::write(shard, bytes).unwrap();
    let vault = open_vault(dir.path());
    assert!(vault.open_report().index_rebuilt);
    assert_eq!(vault.len(), 3);
    for id in ids {
        assert!(vault.summary(id).is_some());
    }
    drop(vault);
    fs::remove_dir_all(dir.path().join("index")).unwrap();
    assert_eq!(open_vault(dir.path()).len(), 3);
    // New case codes continue after the highest one seen.
    assert_eq!(open_vault(dir.path()).new_case().code[8..], *"0004");
}

#[test]
fn a_crash_at_any_point_of_a_save_leaves_the_last_saved_state() {
    use atomic::Stage;
    for stage in [Stage::TempWritten, Stage::PreviousKept, Stage::Renamed] {
        let dir = tempfile::tempdir().unwrap();
        let mut vault = create_vault(dir.path());
        let mut case = sample_case(5, 300);
        vault.save_case(&mut case, "A").unwrap();
        let saved = case.clone();

        // The next save is cut short at `stage`, as a power cut would.
        let mut edited = case.clone();
        edited.narrative = "edited, maybe never saved".into();
        let ct = crypto::encrypt(&[vault.key().recipient()], &format::encode_case(&edited), "case").unwrap();
        let r = atomic::write_atomic_with(&vault.case_path(case.id), &ct, true, &mut |s| s == stage);
        assert!(r.is_err());
        drop(vault);

        let vault = open_vault(dir.path());
        let now = vault.load_case(case.id).unwrap();
        if stage == Stage::Renamed {
            assert_eq!(now.narrative, edited.narrative);
            assert!(vault.open_report().index_rebuilt, "stale index entry refreshed");
        } else {
            assert_eq!(now, saved, "{stage:?}");
            assert_eq!(vault.open_report().leftovers_removed, 1, "{stage:?}");
        }
        assert!(vault.open_report().damaged.is_empty());
        assert!(all_files(dir.path()).iter().all(|p| !p.to_string_lossy().contains(".tmp-")));
    }
}

#[test]
fn no_plaintext_reaches_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create_vault(dir.path());
    let markers = ["MARKER-평양-수용소-7731", "marker phrase zebra quartz", "비밀연락처-010-9999"];
    let mut case = sample_case(9, 500);
    case.narrative = format!("{} and {}", markers[0], markers[1]);
    case.interviewee.contact = markers[2].into();
    vault.save_case(&mut case, "A").unwrap();
    let mut draft = case.clone();
    draft.follow_up = markers[1].to_uppercase();
    vault.save_draft(&draft).unwrap();
    let mut config = vault.config().clone();
    config.editor_name = markers[0].into();
    vault.set_config(config).unwrap();
    drop(vault);
    for m in markers.iter().map(|m| m.to_string()).chain([markers[1].to_uppercase()]) {
        let hits = files_containing(dir.path(), m.as_bytes());
        assert!(hits.is_empty(), "{m:?} found in {hits:?}");
    }
    // The same markers are readable through the vault.
    let vault = open_vault(dir.path());
    assert!(vault.load_case(case.id).unwrap().narrative.contains(markers[0]));
    assert_eq!(vault.load_draft(case.id).unwrap().unwrap().follow_up, markers[1].to_uppercase());
    assert_eq!(vault.config().editor_name, markers[0]);
}

#[test]
fn a_second_process_is_refused_while_the_vault_is_open() {
    let _english = english();
    let dir = tempfile::tempdir().unwrap();
    let vault = create_vault(dir.path());
    let err = Vault::open(dir.path(), &pass(PASS)).unwrap_err();
    assert!(matches!(err, VaultError::AlreadyOpen { pid: Some(p) } if p == std::process::id()), "{err:?}");
    assert!(err.to_string().contains("already open"));
    drop(vault);
    open_vault(dir.path());
}

#[test]
fn changing_the_passphrase_rewraps_the_key_only() {
    let (dir, ids) = vault_with_three_cases();
    let case_file = dir.path().join("cases").join(format!("{}.age", ids[0]));
    let before = fs::read(&case_file).unwrap();
    let mut vault = open_vault(dir.path());
    let err = vault.change_passphrase(&pass("wrong old one"), &pass("새 비밀번호 2026"), TEST_WORK_FACTOR);
    assert!(matches!(err, Err(VaultError::WrongPassphrase)));
    vault.change_passphrase(&pass(PASS), &pass("새 비밀번호 2026"), TEST_WORK_FACTOR).unwrap();
    drop(vault);
    assert!(matches!(Vault::open(dir.path(), &pass(PASS)), Err(VaultError::WrongPassphrase)));
    let vault = Vault::open(dir.path(), &pass("새 비밀번호 2026")).unwrap();
    assert_eq!(vault.len(), 3);
    assert_eq!(fs::read(&case_file).unwrap(), before, "records are not re-encrypted");
    assert!(!dir.path().join("key.age.prev").exists(), "the old wrap is not kept");
}

#[test]
fn a_case_from_a_newer_version_is_refused_not_misread() {
    let _english = english();
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create_vault(dir.path());
    let mut case = sample_case(2, 100);
    vault.save_case(&mut case, "A").unwrap();
    let text = String::from_utf8(format::encode_case(&case).to_vec()).unwrap().replacen("format:2", "format:99", 1);
    assert!(text.contains("format:99"));
    let ct = crypto::encrypt(&[vault.key().recipient()], text.as_bytes(), "case").unwrap();
    fs::write(vault.case_path(case.id), ct).unwrap();
    let err = vault.load_case(case.id).unwrap_err();
    assert!(matches!(err, VaultError::NewerVersion { found: 99, .. }), "{err:?}");
    assert!(err.to_string().contains("newer version"));
}

#[test]
fn weak_passphrases_and_occupied_folders_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = Vault::create(dir.path(), &pass("short")).unwrap_err();
    assert!(matches!(err, VaultError::WeakPassphrase { .. }));
    fs::write(dir.path().join("notes.txt"), "x").unwrap();
    let err = Vault::create(dir.path(), &pass(PASS)).unwrap_err();
    assert!(matches!(err, VaultError::AlreadyExists { .. }));
    let empty = tempfile::tempdir().unwrap();
    assert!(matches!(Vault::open(empty.path(), &pass(PASS)), Err(VaultError::NotAVault { .. })));
}

#[test]
fn drafts_are_kept_until_the_case_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create_vault(dir.path());
    let mut case = vault.new_case();
    case.narrative = "typed but not saved".into();
    vault.save_draft(&case).unwrap();
    drop(vault);
    let mut vault = open_vault(dir.path());
    assert_eq!(vault.drafts(), vec![case.id]);
    let mut draft = vault.load_draft(case.id).unwrap().unwrap();
    assert_eq!(draft.narrative, "typed but not saved");
    vault.save_case(&mut draft, "A").unwrap();
    assert!(vault.drafts().is_empty());
}

#[test]
fn a_read_only_folder_opens_for_reading_and_refuses_saves_clearly() {
    let _english = english();
    let Some(fs_) = Tmpfs::mount("8m") else { return };
    let dir = fs_.path.join("vault");
    let mut vault = create_vault(&dir);
    let mut case = sample_case(4, 300);
    vault.save_case(&mut case, "A").unwrap();
    drop(vault);
    assert!(fs_.remount_read_only());

    let mut vault = open_vault(&dir);
    assert!(vault.is_read_only());
    assert_eq!(vault.load_case(case.id).unwrap(), case);
    case.narrative = "cannot be written".into();
    let err = vault.save_case(&mut case, "A").unwrap_err();
    assert!(matches!(err, VaultError::ReadOnly { .. }), "{err:?}");
    assert!(err.to_string().contains("previously saved version is intact"));
    assert!(vault.save_draft(&case).is_err());
}

#[test]
fn a_full_disk_fails_the_save_and_keeps_the_previous_state() {
    let _english = english();
    let Some(fs_) = Tmpfs::mount("600k") else { return };
    let dir = fs_.path.join("vault");
    let mut vault = create_vault(&dir);
    let mut case = sample_case(6, 1000);
    vault.save_case(&mut case, "A").unwrap();
    let saved = case.clone();
    // A narrative far larger than the space left.
    case.narrative = "증언 ".repeat(200_000);
    let err = vault.save_case(&mut case, "A").unwrap_err();
    assert!(matches!(err, VaultError::DiskFull { .. }), "{err:?}");
    assert!(err.to_string().contains("disk is full"));
    assert!(all_files(&dir).iter().all(|p| !p.to_string_lossy().contains(".tmp-")), "no partial file left");
    drop(vault);
    let vault = open_vault(&dir);
    assert_eq!(vault.load_case(saved.id).unwrap(), saved);
    assert!(vault.open_report().damaged.is_empty());
}

#[test]
fn a_schema_1_vault_migrates_without_losing_anything() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault-v1");
    let dir = tempfile::tempdir().unwrap();
    for f in all_files(&fixture) {
        let rel = f.strip_prefix(&fixture).unwrap();
        fs::create_dir_all(dir.path().join(rel).parent().unwrap()).unwrap();
        fs::copy(&f, dir.path().join(rel)).unwrap();
    }
    let mut vault = Vault::open(dir.path(), &pass(V1_PASS)).unwrap();
    assert_eq!(vault.len(), 2, "{:?}", vault.open_report());
    let mut cases: Vec<_> = vault.load_all().into_iter().map(Result::unwrap).collect();
    cases.sort_by(|a, b| a.code.cmp(&b.code));
    let a = &cases[0];
    assert_eq!(a.code, "NK-2019-0001");
    assert_eq!(a.interviewee.pseudonym, "옥수수");
    assert_eq!(a.interviewee.real_name, "실명 하나");
    assert_eq!(a.status, CaseStatus::Complete);
    assert!(a.consent.is_recorded());
    assert_eq!(a.interview.date, Some(FuzzyDate::month(2019, 5)));
    assert_eq!(a.incidents[0].violation, ViolationType::PublicExecution);
    assert_eq!(a.incidents[0].perpetrator_detail, "보위부");
    assert_eq!(a.incidents[0].date.start, Some(FuzzyDate::year(2015).approx()));
    assert_eq!(a.history.len(), 1);
    // Unparseable old values are kept, not dropped.
    let b = &cases[1];
    assert!(b.interviewer_notes.contains("봄 무렵"), "{}", b.interviewer_notes);
    assert!(b.incidents[0].place.contains("작년 겨울"));
    assert_eq!(b.incidents[0].violation, ViolationType::Other);
    assert_eq!(b.incidents[0].violation_other, "beating at market");
    // Saving writes the current schema and chains onto the old history.
    let mut b = b.clone();
    b.follow_up = "migrated".into();
    vault.save_case(&mut b, "A").unwrap();
    assert_eq!(vault.load_case(b.id).unwrap().history.len(), 2);
}

const V1_PASS: &str = "fixture passphrase v1";

/// Writes `tests/fixtures/vault-v1`, a vault as schema 1 wrote it. Run once
/// with `cargo test --test core -- --ignored make_v1_fixture`; the files are
/// committed, so later changes to the writer cannot change the fixture.
#[test]
#[ignore]
fn make_v1_fixture() {
    use testimony_vault::model::legacy::*;
    use testimony_vault::vault::CreateOptions;
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault-v1");
    let _ = fs::remove_dir_all(&out);
    let vault = Vault::create_with(&out, &pass(V1_PASS), &CreateOptions { work_factor: 10 }).unwrap();
    let at = time::macros::datetime!(2019-06-01 09:00 UTC);
    let mk = |code: &str, pseudonym: &str, date: &str, inc: IncidentV1, complete: bool| CaseV1 {
        id: uuid::Uuid::new_v4(),
        code: code.into(),
        created: at,
        updated: at,
        complete,
        interview_date: date.into(),
        interview_place: "서울".into(),
        interviewer: "면담자 K".into(),
        witness: WitnessV1 {
            pseudonym: pseudonym.into(),
            real_name: "실명 하나".into(),
            gender: "여".into(),
            birth_year: Some(1970),
            home_province: "양강도".into(),
            contact: "010-1234-5678".into(),
        },
        consent_given: true,
        consent_oral: true,
        may_share: true,
        incidents: vec![inc],
        narrative: "혜산 비행장에서 공개처형이 있었다.".into(),
        notes: String::new(),
        history: vec![RevisionV1 { number: 1, at, editor: "면담자 K".into(), changed_fields: vec!["created".into()] }],
    };
    let cases = [
        mk(
            "NK-2019-0001",
            "옥수수",
            "2019-05",
            IncidentV1 { violation: "public-execution".into(), date: "~2015".into(), place: "혜산".into(), perpetrator: "보위부".into(), narrative: "군중 앞에서".into() },
            true,
        ),
        mk(
            "NK-2019-0002",
            "감자",
            "봄 무렵",
            IncidentV1 { violation: "beating at market".into(), date: "작년 겨울".into(), place: "장마당".into(), perpetrator: "규찰대".into(), narrative: "".into() },
            false,
        ),
    ];
    for c in &cases {
        #[derive(serde::Serialize)]
        struct FileV1<'a> {
            format: u32,
            case: &'a CaseV1,
        }
        let text = ron::to_string(&FileV1 { format: 1, case: c }).unwrap();
        let ct = crypto::encrypt(&[vault.key().recipient()], text.as_bytes(), "case").unwrap();
        fs::write(vault.case_path(c.id), ct).unwrap();
    }
    drop(vault);
    // Schema 1 had no index or lock file.
    for f in ["vault.lock", "config.age.prev"] {
        let _ = fs::remove_file(out.join(f));
    }
    let _ = fs::remove_dir_all(out.join("index"));
}
