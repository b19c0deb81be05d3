//! Bundles end to end: export, redaction, import and merge, damage, wrong
//! keys, and the standard `age` tool reading what we write.

use age::secrecy::ExposeSecret;
use crate::common::*;
use proptest::prelude::*;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use testimony_vault::bundle::format::{case_entry, read_archive, ArchiveWriter, Manifest, ManifestCase};
use testimony_vault::bundle::import::IMPORT_NOTE_PREFIX;
use testimony_vault::bundle::{
    self, export::NoAttachments, BundleError, ExportOptions, MergeOutcome, Profile, Selection, Unlock,
};
use testimony_vault::model::{AttachmentRef, Case, CaseStatus, Field, FuzzyDate};
use testimony_vault::sample::sample_case;
use testimony_vault::vault::conflicts::Resolution;
use testimony_vault::vault::signing::SigningKey;
use testimony_vault::vault::{Vault, VaultError};
use uuid::Uuid;

fn options_for(vault: &Vault, profile: Profile) -> ExportOptions {
    ExportOptions { recipients: vec![vault.key().recipient().clone()], profile, ..Default::default() }
}

fn unlock(vault: &Vault) -> Unlock {
    Unlock::with_identity(vault.key().identity().clone())
}

/// Import with the receiving vault's own key, trusting the sender (the
/// custody checks have their own tests, in custody.rs).
fn import_into(vault: &mut Vault, path: &Path, editor: &str) -> Result<bundle::ImportReport, BundleError> {
    let u = unlock(vault);
    bundle::import_with(vault, path, &u, editor, &bundle::ImportOptions { trust_signer: Some("sender".into()) })
}

/// A vault holding `n` saved sample cases.
fn vault_with_cases(dir: &Path, n: u32) -> (Vault, Vec<Case>) {
    let mut vault = create_vault(dir);
    let mut cases = Vec::new();
    for i in 1..=n {
        let mut c = sample_case(i, 800);
        vault.save_case(&mut c, "면담자 A").unwrap();
        cases.push(c);
    }
    (vault, cases)
}

fn export_all(from: &Vault, to: &Vault, profile: Profile, out: &Path) {
    let ids = Selection { all: true, ..Default::default() }.select(from);
    bundle::export_cases(from, &ids, &options_for(to, profile), out).unwrap();
}

/// Export every case of `from` for `to` and import the bundle there.
fn send(from: &Vault, to: &mut Vault, profile: Profile, out: &Path, editor: &str) -> bundle::ImportReport {
    export_all(from, to, profile, out);
    import_into(to, out, editor).unwrap()
}

/// The case as an import adds it: the original plus one revision noting it.
fn expected_after_import(original: &Case, imported: &Case) -> Case {
    let mut expected = original.clone();
    expected.history.push(imported.history.last().unwrap().clone());
    expected
}

#[test]
fn export_then_import_into_a_fresh_vault_preserves_every_field() {
    let (a_dir, b_dir, out_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, cases) = vault_with_cases(a_dir.path(), 5);
    let mut b = create_vault(b_dir.path());
    let path = out_dir.path().join("field.tvb");
    export_all(&a, &b, Profile::Full, &path);

    let report = import_into(&mut b, &path, "기관 담당자").unwrap();
    assert_eq!(report.added(), 5);
    assert_eq!(report.manifest.vault_id, a.vault_id());
    assert_eq!(report.manifest.profile, Profile::Full);
    drop(b);
    let b = open_vault(b_dir.path());
    for original in &cases {
        let imported = b.load_case(original.id).unwrap();
        assert_eq!(imported, expected_after_import(original, &imported));
        let note = imported.history.last().unwrap();
        assert!(note.note.starts_with(IMPORT_NOTE_PREFIX), "{}", note.note);
        assert!(note.note.contains(&a.vault_id().to_string()));
        assert_eq!(note.editor, "기관 담당자");
        assert_eq!(note.prev_hash, original.last_hash());
        assert_eq!(note.content_hash, imported.content_hash());
        assert_eq!(note.number, original.revision() + 1);
    }
    // Nothing in plaintext landed in the receiving vault or beside the bundle.
    let name = cases[0].interviewee.real_name.as_bytes();
    assert!(files_containing(b_dir.path(), name).is_empty());
    assert!(files_containing(out_dir.path(), name).is_empty());
}

#[test]
fn reimporting_the_same_bundle_is_a_no_op() {
    let (a_dir, b_dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, _) = vault_with_cases(a_dir.path(), 3);
    let mut b = create_vault(b_dir.path());
    let path = out.path().join("b.tvb");
    send(&a, &mut b, Profile::Full, &path, "x");
    let snapshot: Vec<(PathBuf, Vec<u8>)> =
        all_files(&b_dir.path().join("cases")).into_iter().map(|p| (p.clone(), fs::read(&p).unwrap())).collect();
    let again = import_into(&mut b, &path, "x").unwrap();
    assert!(again.is_no_op(), "{:?}", again.cases);
    assert_eq!(again.unchanged(), 3);
    let after: Vec<(PathBuf, Vec<u8>)> =
        all_files(&b_dir.path().join("cases")).into_iter().map(|p| (p.clone(), fs::read(&p).unwrap())).collect();
    assert_eq!(snapshot, after, "a repeated import rewrote files");
    assert!(b.list_conflicts().is_empty());
}

#[test]
fn merge_of_two_vaults_that_edited_the_same_case_keeps_both() {
    let (a_dir, b_dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut a, mut cases) = vault_with_cases(a_dir.path(), 2);
    let mut b = create_vault(b_dir.path());
    let first = out.path().join("1.tvb");
    send(&a, &mut b, Profile::Full, &first, "B");

    // Both sides edit case 0 differently.
    let id = cases[0].id;
    cases[0].follow_up = "A: 지도 확인 완료".into();
    a.save_case(&mut cases[0], "A").unwrap();
    let mut ours = b.load_case(id).unwrap();
    ours.credibility_notes = "B: 다른 증언과 일치".into();
    b.save_case(&mut ours, "B").unwrap();

    let second = out.path().join("2.tvb");
    let report = send(&a, &mut b, Profile::Full, &second, "B");
    let outcome = report.cases.iter().find(|(cid, _, _)| *cid == id).unwrap().2.clone();
    let MergeOutcome::Conflict { conflict } = outcome else { panic!("expected a conflict, got {outcome:?}") };
    assert_eq!(report.unchanged(), 1, "the untouched case is unchanged");

    // Ours is untouched; theirs is kept whole, history included.
    assert_eq!(b.load_case(id).unwrap(), ours);
    let listed: Vec<_> = b.list_conflicts().into_iter().map(Result::unwrap).collect();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, conflict);
    assert_eq!(listed[0].case_id, id);
    assert_eq!(listed[0].source.vault_id, a.vault_id());
    let (o, t) = b.load_conflict(conflict).unwrap();
    assert_eq!(o, ours);
    assert_eq!(t, cases[0]);
    assert!(files_containing(b_dir.path(), "A: 지도 확인 완료".as_bytes()).is_empty(), "conflict stored in plaintext");

    // The same bundle again stores nothing new.
    let again = import_into(&mut b, &second, "B").unwrap();
    assert!(again.is_no_op(), "{:?}", again.cases);
    assert_eq!(b.list_conflicts().len(), 1);

    // Survives closing the vault.
    drop(b);
    let mut b = open_vault(b_dir.path());
    assert_eq!(b.conflicts_for(id).len(), 1);

    // Resolving keeps both histories and records the decision.
    let resolved = b.resolve_conflict(conflict, Resolution::TakeTheirs, "B").unwrap();
    assert_eq!(resolved.follow_up, "A: 지도 확인 완료");
    assert_eq!(resolved.credibility_notes, cases[0].credibility_notes);
    for r in ours.history.iter().chain(cases[0].history.iter()) {
        assert!(
            resolved.history.iter().any(|x| x.content_hash == r.content_hash && x.at == r.at && x.editor == r.editor),
            "revision {} by {} lost",
            r.number,
            r.editor
        );
    }
    let last = resolved.history.last().unwrap();
    assert!(last.note.starts_with("conflict resolved"), "{}", last.note);
    assert_eq!(last.content_hash, resolved.content_hash());
    assert_eq!(b.load_case(id).unwrap(), resolved);
    assert!(b.list_conflicts().is_empty());
    assert!(b.load_conflict(conflict).is_err());
}

#[test]
fn resolving_by_keeping_ours_or_a_merged_copy() {
    let (a_dir, b_dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut a, mut cases) = vault_with_cases(a_dir.path(), 1);
    let mut b = create_vault(b_dir.path());
    let p1 = out.path().join("1.tvb");
    send(&a, &mut b, Profile::Full, &p1, "B");
    let id = cases[0].id;
    let mut ours = b.load_case(id).unwrap();
    ours.tags.push("B-tag".into());
    b.save_case(&mut ours, "B").unwrap();
    cases[0].tags.push("A-tag".into());
    a.save_case(&mut cases[0], "A").unwrap();
    let p2 = out.path().join("2.tvb");
    send(&a, &mut b, Profile::Full, &p2, "B");
    let conflict = b.list_conflicts()[0].as_ref().unwrap().id;

    let (o, t) = b.load_conflict(conflict).unwrap();
    let mut merged = o.clone();
    merged.tags.push("A-tag".into());
    assert_ne!(t.tags, merged.tags);
    let resolved = b.resolve_conflict(conflict, Resolution::Merged(Box::new(merged.clone())), "B").unwrap();
    assert!(resolved.tags.contains(&"A-tag".to_string()) && resolved.tags.contains(&"B-tag".to_string()));
    assert_eq!(resolved.history.last().unwrap().changed_fields, vec!["tags"]);

    // Keep ours: content stays, the decision is still recorded.
    cases[0].narrative.push_str(" 추가 진술.");
    a.save_case(&mut cases[0], "A").unwrap();
    let p3 = out.path().join("3.tvb");
    send(&a, &mut b, Profile::Full, &p3, "B");
    let conflict = b.list_conflicts()[0].as_ref().unwrap().id;
    let before = b.load_case(id).unwrap();
    let kept = b.resolve_conflict(conflict, Resolution::KeepOurs, "B").unwrap();
    assert_eq!(kept.narrative, before.narrative);
    assert!(kept.history.len() > before.history.len());
    // A merged copy of another case is refused.
    assert!(b.list_conflicts().is_empty());
}

#[test]
fn a_later_bundle_from_the_same_source_updates_and_an_older_one_changes_nothing() {
    let (a_dir, b_dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut a, mut cases) = vault_with_cases(a_dir.path(), 1);
    let mut b = create_vault(b_dir.path());
    let p1 = out.path().join("1.tvb");
    send(&a, &mut b, Profile::Full, &p1, "B");
    let imported_once = b.load_case(cases[0].id).unwrap();

    cases[0].status = CaseStatus::NeedsFollowUp;
    a.save_case(&mut cases[0], "A").unwrap();
    let p2 = out.path().join("2.tvb");
    let report = send(&a, &mut b, Profile::Full, &p2, "B");
    assert!(matches!(report.cases[0].2, MergeOutcome::Updated { from_revision: 2, to_revision: 3 }), "{:?}", report.cases);
    let now = b.load_case(cases[0].id).unwrap();
    assert_eq!(now.status, CaseStatus::NeedsFollowUp);
    // Their history continues ours, and is taken as it is (so its
    // signatures still check); our import note is replaced by a new one.
    assert_eq!(now.history[0], imported_once.history[0], "our history is kept first");
    assert_eq!(now.history[1], cases[0].history[1], "their new revision follows, unchanged");
    assert!(now.history[2].note.starts_with(IMPORT_NOTE_PREFIX));
    assert!(b.list_conflicts().is_empty());

    // The older bundle again: we already have more.
    let report = import_into(&mut b, &p1, "B").unwrap();
    assert!(report.is_no_op(), "{:?}", report.cases);
    assert_eq!(b.load_case(cases[0].id).unwrap(), now);
}

#[test]
fn a_redacted_copy_never_replaces_a_fuller_one() {
    let (a_dir, b_dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut a, mut cases) = vault_with_cases(a_dir.path(), 1);
    let mut b = create_vault(b_dir.path());
    let p1 = out.path().join("full.tvb");
    send(&a, &mut b, Profile::Full, &p1, "B");
    cases[0].follow_up = "새 후속 조치".into();
    a.save_case(&mut cases[0], "A").unwrap();
    let p2 = out.path().join("pseudo.tvb");
    let report = send(&a, &mut b, Profile::Pseudonymised, &p2, "B");
    assert!(matches!(report.cases[0].2, MergeOutcome::Conflict { .. }), "{:?}", report.cases);
    let ours = b.load_case(cases[0].id).unwrap();
    assert_eq!(ours.interviewee.real_name, cases[0].interviewee.real_name);

    // Pseudonymised copies from the same source do follow each other.
    let c_dir = tempfile::tempdir().unwrap();
    let mut c = create_vault(c_dir.path());
    send(&a, &mut c, Profile::Pseudonymised, &out.path().join("c1.tvb"), "C");
    cases[0].status = if cases[0].status == CaseStatus::Complete { CaseStatus::Draft } else { CaseStatus::Complete };
    let new_status = cases[0].status;
    a.save_case(&mut cases[0], "A").unwrap();
    let report = send(&a, &mut c, Profile::Pseudonymised, &out.path().join("c2.tvb"), "C");
    assert!(matches!(report.cases[0].2, MergeOutcome::Updated { .. }), "{:?}", report.cases);
    let theirs = c.load_case(cases[0].id).unwrap();
    assert_eq!(theirs.status, new_status);
    assert_eq!(theirs.interviewee.real_name, "");
}

fn vault_case_count(dir: &Path) -> usize {
    all_files(&dir.join("cases")).len()
}

#[test]
fn a_tampered_or_truncated_bundle_imports_nothing() {
    let (a_dir, b_dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, _) = vault_with_cases(a_dir.path(), 4);
    let mut b = create_vault(b_dir.path());
    let good = out.path().join("good.tvb");
    export_all(&a, &b, Profile::Full, &good);
    let bytes = fs::read(&good).unwrap();
    let bad = out.path().join("bad.tvb");
    let len = bytes.len();
    let header_len = bytes.windows(5).position(|w| w == b"\n--- ").unwrap() + 5 + 43 + 1;
    // Header, first payload chunk, a middle chunk, the last bytes.
    let flips = [30, 200, len / 2, len * 3 / 4, len - 20, len - 1];
    let cuts = [10, 150, len / 3, len - 17, len - 1];
    let mut tried = 0;
    for (kind, damaged) in flips
        .iter()
        .map(|&i| {
            let mut d = bytes.clone();
            d[i] ^= 0x01;
            (format!("flip at {i}"), d)
        })
        .chain(cuts.iter().map(|&n| (format!("cut at {n}"), bytes[..n].to_vec())))
    {
        fs::write(&bad, &damaged).unwrap();
        let err = import_into(&mut b, &bad, "B").err().unwrap_or_else(|| panic!("{kind}: imported"));
        // A damaged recipient line in the header cannot be told from one
        // for another key; age reports no matching key.
        let in_header = kind.starts_with("flip") && kind[8..].parse::<usize>().unwrap() < header_len;
        assert!(
            matches!(err, BundleError::Damaged { .. } | BundleError::NotABundle { .. })
                || (in_header && matches!(err, BundleError::NotForUs)),
            "{kind}: unexpected error {err:?}"
        );
        assert!(bundle::verify(&bad, &unlock(&b)).is_err(), "{kind}: verified");
        assert_eq!(vault_case_count(b_dir.path()), 0, "{kind}: something was imported");
        assert!(b.is_empty());
        tried += 1;
    }
    assert_eq!(tried, flips.len() + cuts.len());
    // Plain messages name the damage.
    fs::write(&bad, &bytes[..len / 2]).unwrap();
    let msg = import_into(&mut b, &bad, "B").unwrap_err().to_string();
    assert!(msg.contains("damaged, truncated or has been tampered with") && msg.contains("Nothing was imported"), "{msg}");
    // And the intact bundle still imports.
    assert_eq!(import_into(&mut b, &good, "B").unwrap().added(), 4);
}

#[test]
fn a_bundle_whose_case_does_not_match_the_manifest_is_refused() {
    let _english = english();
    // Re-encrypt a valid archive after changing one case entry's content but
    // not the manifest: the encryption is intact, the hash check must catch it.
    let b_dir = tempfile::tempdir().unwrap();
    let mut b = create_vault(b_dir.path());
    let case = sample_case(1, 100);
    let (line, bytes) = case_entry(&case);
    let mut manifest = Manifest::new(Uuid::new_v4(), Profile::Full);
    manifest.cases = vec![line];
    let mut w = ArchiveWriter::new(Vec::new(), manifest).unwrap();
    w.add_case(&bytes).unwrap();
    let mut archive = w.finish().unwrap();
    let needle = case.interviewee.real_name.as_bytes();
    let pos = archive.windows(needle.len()).position(|w| w == needle).unwrap();
    archive[pos] = b'X';
    let ct = age::encrypt(b.key().recipient(), &archive).unwrap();
    let path = b_dir.path().join("../forged.tvb");
    fs::write(&path, ct).unwrap();
    let err = import_into(&mut b, &path, "B").unwrap_err();
    assert!(err.to_string().contains("does not match its hash"), "{err}");
    assert!(b.is_empty());
    let _ = fs::remove_file(path);
}

#[test]
fn a_bundle_for_someone_else_says_so() {
    let (a_dir, b_dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, _) = vault_with_cases(a_dir.path(), 1);
    let mut b = create_vault(b_dir.path());
    let stranger = age::x25519::Identity::generate();
    let path = out.path().join("other.tvb");
    let ids = Selection { all: true, ..Default::default() }.select(&a);
    let opts = ExportOptions { recipients: vec![stranger.to_public()], ..Default::default() };
    bundle::export_cases(&a, &ids, &opts, &path).unwrap();
    let err = import_into(&mut b, &path, "B").unwrap_err();
    assert!(matches!(err, BundleError::NotForUs), "{err:?}");
    assert!(err.to_string().contains("encrypted for someone else"));
    // In Korean on this thread only: the other tests read English meanwhile.
    let ko = testimony_vault::i18n::in_language(testimony_vault::i18n::Lang::Ko, || err.to_string());
    assert!(ko.contains("다른 사람을 위해 암호화"), "{ko}");
    assert!(b.is_empty());
    // The right identity, from an age identity file, opens it.
    let key_file = out.path().join("key.txt");
    fs::write(&key_file, bundle::keys::new_identity_file(&stranger).as_bytes()).unwrap();
    let mut u = Unlock::default();
    u.add_identity_file(&key_file).unwrap();
    assert_eq!(bundle::verify(&path, &u).unwrap().cases.len(), 1);
    // Not an age file at all.
    fs::write(out.path().join("plain.tvb"), b"hello, not a bundle").unwrap();
    let err = bundle::verify(&out.path().join("plain.tvb"), &u).unwrap_err();
    assert!(matches!(err, BundleError::NotABundle { .. }), "{err:?}");
}

#[test]
fn a_passphrase_protected_bundle() {
    let (a_dir, b_dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, cases) = vault_with_cases(a_dir.path(), 2);
    let mut b = create_vault(b_dir.path());
    let ids = Selection { all: true, ..Default::default() }.select(&a);
    let path = out.path().join("pass.tvb");
    let opts = ExportOptions {
        passphrase: Some(pass("묶음 암호 for transfer")),
        work_factor: Some(TEST_WORK_FACTOR),
        profile: Profile::Pseudonymised,
        ..Default::default()
    };
    bundle::export_cases(&a, &ids, &opts, &path).unwrap();
    assert!(matches!(import_into(&mut b, &path, "B"), Err(BundleError::NeedsPassphrase)));
    let wrong = Unlock::with_passphrase(pass("not the passphrase"));
    assert!(matches!(bundle::import(&mut b, &path, &wrong, "B"), Err(BundleError::WrongPassphrase)));
    assert!(b.is_empty());
    let right = Unlock::with_passphrase(pass("묶음 암호 for transfer"));
    let trusting = bundle::ImportOptions { trust_signer: Some("A".into()) };
    let report = bundle::import_with(&mut b, &path, &right, "B", &trusting).unwrap();
    assert_eq!(report.added(), 2);
    assert_eq!(b.load_case(cases[0].id).unwrap().interviewee.real_name, "");

    // Keys and a passphrase cannot be mixed in one age file.
    let both = ExportOptions { passphrase: Some(pass("x")), ..options_for(&b, Profile::Full) };
    let err = bundle::export_cases(&a, &ids, &both, &out.path().join("both.tvb")).unwrap_err();
    assert!(matches!(err, BundleError::PassphraseAndRecipients));
    let none = ExportOptions::default();
    assert!(matches!(bundle::export_cases(&a, &ids, &none, &out.path().join("n.tvb")), Err(BundleError::NoRecipients)));
    assert!(!out.path().join("both.tvb").exists() && !out.path().join("n.tvb").exists());
}

#[test]
fn export_refuses_to_replace_a_file_and_leaves_nothing_when_it_fails() {
    let (a_dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, _) = vault_with_cases(a_dir.path(), 2);
    let ids = Selection { all: true, ..Default::default() }.select(&a);
    let existing = out.path().join("exists.tvb");
    fs::write(&existing, b"keep me").unwrap();
    let err = bundle::export_cases(&a, &ids, &options_for(&a, Profile::Full), &existing).unwrap_err();
    assert!(matches!(err, BundleError::OutputExists { .. }));
    assert_eq!(fs::read(&existing).unwrap(), b"keep me");
    let err = bundle::export_cases(&a, &ids, &options_for(&a, Profile::Full), &out.path().join("no/such/dir/x.tvb"));
    assert!(matches!(err, Err(BundleError::Write { .. })), "{err:?}");
    assert!(matches!(
        bundle::export_cases(&a, &[], &options_for(&a, Profile::Full), &out.path().join("e.tvb")),
        Err(BundleError::NothingSelected)
    ));
    // A case that cannot be loaded stops the export before anything is written.
    let err = bundle::export_cases(&a, &[Uuid::new_v4()], &options_for(&a, Profile::Full), &out.path().join("m.tvb"));
    assert!(err.is_err());
    assert_eq!(all_files(out.path()), vec![existing], "temporary files left behind");
}

#[test]
fn selection_by_code_status_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create_vault(dir.path());
    for (i, (status, date)) in [
        (CaseStatus::Draft, FuzzyDate::day(2026, 1, 10)),
        (CaseStatus::Complete, FuzzyDate::day(2026, 3, 31)),
        (CaseStatus::Complete, FuzzyDate::month(2026, 6)),
    ]
    .into_iter()
    .enumerate()
    {
        let mut c = sample_case(i as u32 + 1, 50);
        c.status = status;
        c.consent.given = true;
        c.interview.date = Some(date);
        vault.save_case(&mut c, "A").unwrap();
    }
    let codes = |s: Selection| -> Vec<String> {
        s.select(&vault).iter().map(|id| vault.summary(*id).unwrap().code.clone()).collect()
    };
    assert!(codes(Selection::default()).is_empty(), "no criterion selects nothing");
    assert_eq!(codes(Selection { all: true, ..Default::default() }).len(), 3);
    assert_eq!(codes(Selection { codes: vec!["nk-2026-0002".into()], ..Default::default() }), vec!["NK-2026-0002"]);
    assert_eq!(
        codes(Selection { statuses: vec![CaseStatus::Complete], ..Default::default() }),
        vec!["NK-2026-0002", "NK-2026-0003"]
    );
    assert_eq!(
        codes(Selection { from: Some(FuzzyDate::month(2026, 2)), until: Some(FuzzyDate::month(2026, 3)), ..Default::default() }),
        vec!["NK-2026-0002"]
    );
    assert_eq!(codes(Selection { until: Some(FuzzyDate::year(2026)), ..Default::default() }).len(), 3);
}

// ---- redaction: search the decrypted bytes for every removed value ----

/// A case whose identifying values are distinctive, and repeated in the
/// narrative (as witnesses do).
fn identifying_case() -> Case {
    let mut c = sample_case(42, 1500);
    c.interviewee.real_name = "홍길순 Hong Gil-sun".into();
    c.interviewee.contact = "+82-10-5555-0199 hong.gs@example.org".into();
    c.interviewee.birth_year = Some(testimony_vault::model::Year::exact(1937));
    c.interviewee.home_county = "Kapsan-gun 갑산군".into();
    c.narrative = format!("{} 제 이름은 홍길순 Hong Gil-sun입니다. 1937년 갑산군에서... HONG GIL-SUN", c.narrative);
    c.incidents[0].narrative.push_str(" contact me at +82-10-5555-0199");
    c
}

fn decrypted_bundle(profile: Profile) -> (Case, Vec<u8>) {
    let identity = age::x25519::Identity::generate();
    let case = identifying_case();
    let opts = ExportOptions { recipients: vec![identity.to_public()], profile, ..Default::default() };
    let (manifest, ct) = bundle::write_bundle(Vec::new(), Uuid::new_v4(), &SigningKey::generate("t"), std::slice::from_ref(&case), &opts, &NoAttachments).unwrap();
    assert_eq!(manifest.profile, profile);
    let pt = age::decrypt(&identity, &ct).unwrap();
    (case, pt)
}

/// Whether `needle` is in `hay`. A needle that starts or ends with a digit
/// must not run on into letters, digits or base64's `+` and `/` there: a
/// timestamp's nanoseconds, a hash or a signature holds any four digits by
/// chance, a leaked "1937" or "1937년" stands apart.
fn contains(hay: &[u8], needle: &str) -> bool {
    let word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/');
    let n = needle.as_bytes();
    let (edge_start, edge_end) = (n[0].is_ascii_digit(), n[n.len() - 1].is_ascii_digit());
    hay.windows(n.len()).enumerate().any(|(at, w)| {
        w == n
            && !(edge_start && at > 0 && word(hay.get(at - 1)))
            && !(edge_end && word(hay.get(at + n.len())))
    })
}

#[test]
fn a_number_inside_a_longer_run_of_letters_and_digits_is_not_that_number() {
    assert!(contains(b"birth_year: Some((year: 1937", "1937"));
    assert!(contains("1937년 갑산군".as_bytes(), "1937"));
    assert!(contains(b"1937", "1937"));
    assert!(!contains(b"at: \"2026-12-02T18:12:05.419375512Z\"", "1937"));
    assert!(!contains(b"sha256: \"9f1937ab\"", "1937"));
    assert!(!contains(b"sig: \"AA+1937/Q\"", "1937"));
    assert!(contains(b"security agentsXY", "security agents"), "words are found inside longer ones");
}

#[test]
fn full_profile_keeps_every_value() {
    // Proves the leak search below can find what it looks for.
    let (case, pt) = decrypted_bundle(Profile::Full);
    for v in ["홍길순", "Hong Gil-sun", "+82-10-5555-0199", "1937", "갑산군", &case.interviewer_notes, &case.incidents[0].place] {
        assert!(contains(&pt, v), "full bundle lacks {v}");
    }
    assert!(contains(&pt, "profile: Full"));
}

#[test]
fn pseudonymised_bundle_contains_no_removed_value() {
    let (case, pt) = decrypted_bundle(Profile::Pseudonymised);
    for v in ["홍길순", "Hong Gil-sun", "HONG GIL-SUN", "hong.gs@example.org", "5555-0199", "1937", "Kapsan", "갑산군"] {
        assert!(!contains(&pt, v), "pseudonymised bundle leaks {v}");
    }
    // What is kept is still there.
    assert!(contains(&pt, &case.interviewee.pseudonym));
    assert!(contains(&pt, &case.incidents[0].place));
    assert!(contains(&pt, "profile: Pseudonymised"));
}

#[test]
fn statistics_only_bundle_contains_no_free_text() {
    let (case, pt) = decrypted_bundle(Profile::StatisticsOnly);
    let mut gone: Vec<String> = vec!["홍길순".into(), "Hong Gil-sun".into(), "5555-0199".into(), "1937".into(), "갑산군".into()];
    gone.extend([
        case.interviewee.pseudonym.clone(),
        case.interview.place.clone(),
        case.interview.interviewer.clone(),
        case.interviewer_notes.clone(),
        case.credibility_notes.clone(),
        case.follow_up.clone(),
        case.incidents[0].place.clone(),
        case.incidents[0].perpetrator_detail.clone(),
        case.incidents[0].victims[0].clone(),
        case.tags[0].clone(),
        "면담자".into(),
    ]);
    // Every sentence the sample narratives are made of.
    gone.extend(["보위부원들이", "security agents", "Tumen River", "강제송환", "노동단련대"].map(String::from));
    for v in &gone {
        assert!(!contains(&pt, v), "statistics-only bundle leaks {v}");
    }
    let back = read_archive(&pt[..], Path::new("t"), &mut |_, _| Ok(())).unwrap();
    let c = &back.cases[0];
    assert_eq!(c.status, case.status);
    assert_eq!(c.incidents.len(), case.incidents.len());
    assert_eq!(c.incidents[0].violation, case.incidents[0].violation);
    assert_eq!(c.incidents[0].province, case.incidents[0].province);
    assert_eq!(c.consent, case.consent);
}

// ---- attachments travel with a full bundle only ----

fn add_attachment(vault: &mut Vault, case: &mut Case, bytes: &[u8]) -> Uuid {
    let id = Uuid::new_v4();
    let ct = age::encrypt(vault.key().recipient(), bytes).unwrap();
    fs::write(vault.attachment_path(id), ct).unwrap();
    case.attachments.push(AttachmentRef {
        id,
        file_name: "recording.ogg".into(),
        size: bytes.len() as u64,
        media_type: "audio/ogg".into(),
        sha256: testimony_vault::bundle::format::sha256_hex(bytes),
        added_at: testimony_vault::model::now_utc(),
        added_by: "A".into(),
        description: "면담 녹음".into(),
        recording: None,
    });
    vault.save_case(case, "A").unwrap();
    id
}

#[test]
fn attachments_travel_in_a_full_bundle_and_are_checked() {
    let (a_dir, b_dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut a, mut cases) = vault_with_cases(a_dir.path(), 1);
    let blob: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let att = add_attachment(&mut a, &mut cases[0], &blob);
    let mut b = create_vault(b_dir.path());

    let pseudo = out.path().join("p.tvb");
    export_all(&a, &b, Profile::Pseudonymised, &pseudo);
    assert!(bundle::verify(&pseudo, &unlock(&b)).unwrap().attachments.is_empty());

    let full = out.path().join("f.tvb");
    export_all(&a, &b, Profile::Full, &full);
    let m = bundle::verify(&full, &unlock(&b)).unwrap();
    assert_eq!(m.attachments.len(), 1);
    assert_eq!(m.attachments[0].id, att);
    let report = import_into(&mut b, &full, "B").unwrap();
    assert_eq!(report.attachments_stored, 1);
    let stored = age::decrypt(b.key().identity(), &fs::read(b.attachment_path(att)).unwrap()).unwrap();
    assert_eq!(stored, blob);
    assert_eq!(b.load_case(cases[0].id).unwrap().attachments, cases[0].attachments);
    assert!(import_into(&mut b, &full, "B").unwrap().is_no_op());

    // An attachment that changed in the vault since it was attached stops
    // the export.
    let ct = age::encrypt(a.key().recipient(), b"something else").unwrap();
    fs::write(a.attachment_path(att), ct).unwrap();
    let err = bundle::export_cases(&a, &[cases[0].id], &options_for(&b, Profile::Full), &out.path().join("x.tvb"));
    assert!(matches!(err, Err(BundleError::Write { .. })), "{err:?}");
    assert!(!out.path().join("x.tvb").exists());
}

/// Two cases edited in both vaults (narratives differ), theirs with one
/// attachment each: case 0's file missing from the exporting vault, case
/// 1's present. Returns B, both cases as A has them, and the conflict ids.
fn conflicts_with_attachments(dirs: (&Path, &Path, &Path)) -> (Vault, Vec<Case>, [Uuid; 2]) {
    let (a_dir, b_dir, out) = dirs;
    let (mut a, mut cases) = vault_with_cases(a_dir, 2);
    let mut b = create_vault(b_dir);
    send(&a, &mut b, Profile::Full, &out.join("1.tvb"), "B");
    for (n, case) in cases.iter_mut().enumerate() {
        case.narrative = format!("A의 진술 {n}");
        add_attachment(&mut a, case, format!("녹음 {n}").as_bytes());
        let mut ours = b.load_case(case.id).unwrap();
        ours.narrative = format!("B의 진술 {n}");
        ours.follow_up = format!("B의 후속 조치 {n}");
        b.save_case(&mut ours, "B").unwrap();
    }
    // A has lost case 0's file: the bundle carries the reference only.
    fs::remove_file(a.attachment_path(cases[0].attachments[0].id)).unwrap();
    let report = send(&a, &mut b, Profile::Full, &out.join("2.tvb"), "B");
    assert_eq!((report.conflicts(), report.attachments_stored), (2, 1));
    let conflict = |case: &Case| b.conflicts_for(case.id)[0].id;
    let ids = [conflict(&cases[0]), conflict(&cases[1])];
    (b, cases, ids)
}

#[test]
fn merging_a_conflict_field_by_field_records_which_fields_came_from_the_other_version() {
    let (a_dir, b_dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut b, cases, [_, conflict]) = conflicts_with_attachments((a_dir.path(), b_dir.path(), out.path()));
    let (ours, theirs) = b.load_conflict(conflict).unwrap();

    // A field that is not a merge field is refused, and nothing changes.
    let err = b.merge_conflict(conflict, &[Field::Narrative, Field::Code], "B").unwrap_err();
    assert!(matches!(&err, VaultError::UnknownField { field, .. } if field == "code"), "{err:?}");
    assert_eq!(b.load_case(ours.id).unwrap(), ours);
    assert_eq!(b.conflicts_for(ours.id).len(), 1);

    let merged = b.merge_conflict(conflict, &[Field::Narrative, Field::Attachments], "B").unwrap();
    assert_eq!(merged.narrative, cases[1].narrative, "taken from theirs");
    assert_eq!(merged.attachments, cases[1].attachments, "taken from theirs, file present");
    assert_eq!(merged.follow_up, ours.follow_up, "kept ours");
    assert_eq!((merged.id, &merged.code), (ours.id, &ours.code));
    let last = merged.history.last().unwrap();
    assert_eq!(last.changed_fields, vec!["attachments[+0]", "narrative"]);
    assert!(
        last.note.starts_with("conflict resolved: merged field by field, from the other version: narrative, attachments;"),
        "{}",
        last.note
    );
    assert_eq!(last.editor, "B");
    // Both histories are kept, as with the other resolutions.
    for r in ours.history.iter().chain(&theirs.history) {
        assert!(merged.history.iter().any(|x| x.content_hash == r.content_hash && x.at == r.at), "revision lost");
    }
    assert!(b.verify_attachments(&merged).is_empty());
    drop(b);
    let b = open_vault(b_dir.path());
    assert_eq!(b.load_case(ours.id).unwrap(), merged);
    assert!(b.conflicts_for(ours.id).is_empty());
}

#[test]
fn a_resolution_never_points_at_an_attachment_whose_file_is_not_here() {
    let (a_dir, b_dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut b, cases, [lacking, complete]) = conflicts_with_attachments((a_dir.path(), b_dir.path(), out.path()));
    let (ours, theirs) = b.load_conflict(lacking).unwrap();
    assert_eq!(b.attachments_not_here(&ours, &theirs), theirs.attachments);
    for refused in [
        b.merge_conflict(lacking, &[Field::Attachments], "B"),
        b.resolve_conflict(lacking, Resolution::TakeTheirs, "B"),
    ] {
        let err = refused.unwrap_err();
        assert!(
            matches!(&err, VaultError::ConflictAttachmentMissing { name, .. } if *name == cases[0].attachments[0].file_name),
            "{err:?}"
        );
    }
    assert_eq!(b.load_case(ours.id).unwrap(), ours, "nothing changed");
    assert_eq!(b.conflicts_for(ours.id).len(), 1, "the conflict still waits");
    // Without their attachments the merge goes through.
    let merged = b.merge_conflict(lacking, &[Field::Narrative], "B").unwrap();
    assert_eq!((merged.narrative.as_str(), merged.attachments.len()), (cases[0].narrative.as_str(), 0));

    // A file only a waiting conflict refers to is not an orphan to clean up.
    let kept = cases[1].attachments[0].id;
    assert!(b.orphan_attachments().unwrap().is_empty());
    assert!(b.remove_orphan_attachments().unwrap().is_empty());
    assert!(b.attachment_path(kept).is_file());
    b.resolve_conflict(complete, Resolution::KeepOurs, "B").unwrap();
    assert_eq!(b.orphan_attachments().unwrap(), vec![kept], "an orphan once the conflict is settled without it");
}

// ---- the standard age tool reads our bundles ----

/// The `age` binary, installed with apt when missing and possible.
fn age_tool() -> Option<&'static str> {
    let have = || Command::new("age").arg("--version").output().is_ok_and(|o| o.status.success());
    if have() {
        return Some("age");
    }
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if root {
        let _ = Command::new("apt-get").args(["update", "-qq"]).status();
        let _ = Command::new("apt-get").args(["install", "-y", "-qq", "age"]).env("DEBIAN_FRONTEND", "noninteractive").status();
        if have() {
            return Some("age");
        }
    }
    None
}

#[test]
fn the_age_command_line_tool_decrypts_a_bundle_to_the_documented_archive() {
    let Some(age_bin) = age_tool() else {
        eprintln!("SKIPPED: the `age` tool is not installed and could not be installed (apt-get install age needs root and the package archive).");
        return;
    };
    let (a_dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, cases) = vault_with_cases(a_dir.path(), 3);
    let identity = age::x25519::Identity::generate();
    let key = out.path().join("key.txt");
    fs::write(&key, identity.to_string().expose_secret()).unwrap();
    let path = out.path().join("bundle.tvb");
    let ids = Selection { all: true, ..Default::default() }.select(&a);
    let opts = ExportOptions { recipients: vec![identity.to_public()], ..Default::default() };
    bundle::export_cases(&a, &ids, &opts, &path).unwrap();

    let decrypted = Command::new(age_bin).arg("-d").arg("-i").arg(&key).arg(&path).output().unwrap();
    assert!(decrypted.status.success(), "age failed: {}", String::from_utf8_lossy(&decrypted.stderr));
    let plain = out.path().join("plain.tar");
    fs::write(&plain, &decrypted.stdout).unwrap();
    let listing = Command::new("tar").arg("tf").arg(&plain).output().unwrap();
    assert!(listing.status.success());
    let names: Vec<String> = String::from_utf8(listing.stdout).unwrap().lines().map(String::from).collect();
    let mut expected = vec!["manifest.ron".to_string(), "manifest.sig".to_string()];
    let mut sorted = cases.clone();
    sorted.sort_by(|x, y| x.code.cmp(&y.code));
    expected.extend(sorted.iter().map(|c| format!("cases/{}.ron", c.id)));
    assert_eq!(names, expected);

    // The manifest names each entry's SHA-256 as `tar` extracts it.
    let manifest_text = Command::new("tar").arg("xOf").arg(&plain).arg("manifest.ron").output().unwrap().stdout;
    let manifest = Manifest::decode(&manifest_text, Path::new("manifest.ron")).unwrap();
    assert_eq!(manifest.cases.len(), 3);
    for line in &manifest.cases {
        let entry = Command::new("tar").arg("xOf").arg(&plain).arg(format!("cases/{}.ron", line.id)).output().unwrap().stdout;
        assert_eq!(testimony_vault::bundle::format::sha256_hex(&entry), line.sha256);
        assert!(String::from_utf8(entry).unwrap().starts_with("(format:"));
    }
    fs::remove_file(&plain).unwrap();

    // And a bundle the age tool encrypted from our archive imports.
    let b_dir = tempfile::tempdir().unwrap();
    let mut b = create_vault(b_dir.path());
    let reencrypted = out.path().join("by-age.tvb");
    let mut child = Command::new(age_bin)
        .arg("-r")
        .arg(b.recipient())
        .arg("-o")
        .arg(&reencrypted)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&decrypted.stdout).unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(import_into(&mut b, &reencrypted, "B").unwrap().added(), 3);
}

// ---- property tests ----

fn arb_case() -> impl Strategy<Value = Case> {
    (any::<u16>(), "\\PC{0,200}", "\\PC{0,40}", prop::sample::select(CaseStatus::ALL.to_vec()), any::<bool>()).prop_map(
        |(n, narrative, name, status, given)| {
            let mut c = sample_case(n as u32, 10);
            c.narrative = narrative;
            c.interviewee.real_name = name;
            c.status = status;
            c.consent.given = given;
            c
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_bundle_round_trips(cases in prop::collection::vec(arb_case(), 0..6), profile in prop::sample::select(Profile::ALL.to_vec())) {
        let identity = age::x25519::Identity::generate();
        let opts = ExportOptions { recipients: vec![identity.to_public()], profile, ..Default::default() };
        let vault_id = Uuid::new_v4();
        let (manifest, ct) = bundle::write_bundle(Vec::new(), vault_id, &SigningKey::generate("t"), &cases, &opts, &NoAttachments).unwrap();
        let mut reader = age::Decryptor::new(&ct[..]).unwrap().decrypt(std::iter::once(&identity as &dyn age::Identity)).unwrap();
        let mut pt = Vec::new();
        reader.read_to_end(&mut pt).unwrap();
        let back = read_archive(&pt[..], Path::new("p"), &mut |_, _| Ok(())).unwrap();
        prop_assert_eq!(&back.manifest, &manifest);
        prop_assert_eq!(back.manifest.vault_id, vault_id);
        let expected: Vec<Case> = cases.iter().map(|c| bundle::redact(c, profile).unwrap()).collect();
        prop_assert_eq!(back.cases, expected);
        for (line, c) in manifest.cases.iter().zip(&cases) {
            prop_assert_eq!(line.id, c.id);
            prop_assert_eq!(&line.code, &c.code);
        }
    }

    #[test]
    fn any_manifest_round_trips(codes in prop::collection::vec("\\PC{0,30}", 0..20), revs in prop::collection::vec(any::<u32>(), 20)) {
        let mut m = Manifest::new(Uuid::new_v4(), Profile::Pseudonymised);
        m.cases = codes.iter().zip(&revs).map(|(code, rev)| ManifestCase {
            id: Uuid::new_v4(), code: code.clone(), revision: *rev, sha256: "ab".repeat(32), size: *rev as u64, consent: None,
        }).collect();
        let back = Manifest::decode(&m.encode(), Path::new("m")).unwrap();
        prop_assert_eq!(back, m);
    }

    #[test]
    fn damaged_plaintext_never_panics_and_is_refused(cut in 0usize..4000, flip in 0usize..4000) {
        let case = sample_case(9, 300);
        let (line, bytes) = case_entry(&case);
        let mut manifest = Manifest::new(Uuid::new_v4(), Profile::Full);
        manifest.cases = vec![line];
        let mut w = ArchiveWriter::new(Vec::new(), manifest).unwrap();
        w.add_case(&bytes).unwrap();
        let archive = w.finish().unwrap();
        let mut damaged = archive.clone();
        let i = flip % damaged.len();
        damaged[i] ^= 0x80;
        let r = read_archive(&damaged[..], Path::new("d"), &mut |_, _| Ok(()));
        // A flip inside padding or unused header space is harmless; anything
        // that reads back must be exactly the original.
        if let Ok(a) = r { prop_assert_eq!(a.cases, vec![case.clone()]); }
        let n = cut % archive.len();
        if n < archive.len() - 1024 {
            prop_assert!(read_archive(&archive[..n], Path::new("d"), &mut |_, _| Ok(())).is_err());
        }
    }
}

#[test]
fn a_newer_bundle_format_is_refused_plainly() {
    let identity = age::x25519::Identity::generate();
    let mut m = Manifest::new(Uuid::new_v4(), Profile::Full);
    m.format = 99;
    let mut tar = tar::Builder::new(Vec::new());
    let bytes = m.encode();
    let mut h = tar::Header::new_ustar();
    h.set_entry_type(tar::EntryType::Regular);
    h.set_size(bytes.len() as u64);
    h.set_mode(0o600);
    tar.append_data(&mut h, "manifest.ron", &bytes[..]).unwrap();
    let ct = age::encrypt(&identity.to_public(), &tar.into_inner().unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.tvb");
    fs::write(&path, ct).unwrap();
    let err = bundle::verify(&path, &Unlock::with_identity(identity)).unwrap_err();
    assert!(matches!(err, BundleError::NewerFormat { found: 99, .. }), "{err:?}");
}

// ---- a full disk ----

#[test]
fn a_full_disk_stops_an_export_cleanly() {
    let _english = english();
    let Some(fs_) = Tmpfs::mount("64k") else { return };
    let a_dir = tempfile::tempdir().unwrap();
    let (a, _) = vault_with_cases(a_dir.path(), 20);
    let ids = Selection { all: true, ..Default::default() }.select(&a);
    let out = fs_.path.join("big.tvb");
    let err = bundle::export_cases(&a, &ids, &options_for(&a, Profile::Full), &out).unwrap_err();
    assert!(matches!(err, BundleError::Write { .. }), "{err:?}");
    assert!(err.to_string().contains("No partial bundle"), "{err}");
    assert!(all_files(&fs_.path).is_empty(), "left behind: {:?}", all_files(&fs_.path));
}

#[test]
fn a_full_disk_during_import_imports_nothing_and_the_vault_still_opens() {
    let _english = english();
    let Some(fs_) = Tmpfs::mount("160k") else { return };
    let (a_dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut a, mut cases) = vault_with_cases(a_dir.path(), 60);
    let b_dir = fs_.path.join("v");
    let mut b = create_vault(&b_dir);
    // One case already there (to be updated), the rest new.
    let first = out.path().join("first.tvb");
    bundle::export_cases(&a, &[cases[0].id], &options_for(&b, Profile::Full), &first).unwrap();
    import_into(&mut b, &first, "B").unwrap();
    let before = b.load_case(cases[0].id).unwrap();
    cases[0].follow_up = "갱신된 내용".into();
    a.save_case(&mut cases[0], "A").unwrap();

    let path = out.path().join("all.tvb");
    export_all(&a, &b, Profile::Full, &path);
    let err = import_into(&mut b, &path, "B").unwrap_err();
    assert!(err.to_string().contains("disk is full"), "{err}");
    assert_eq!(b.len(), 1);
    drop(b);
    let b = open_vault(&b_dir);
    assert!(b.open_report().damaged.is_empty(), "{:?}", b.open_report().damaged);
    assert_eq!(b.len(), 1, "a failed import left cases behind");
    assert_eq!(b.load_case(cases[0].id).unwrap(), before);
}

#[test]
fn a_case_edited_at_the_receiver_and_sent_back_updates_the_origin() {
    let (a_dir, b_dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut a, cases) = vault_with_cases(a_dir.path(), 1);
    let mut b = create_vault(b_dir.path());
    send(&a, &mut b, Profile::Full, &out.path().join("there.tvb"), "B");
    let mut edited = b.load_case(cases[0].id).unwrap();
    edited.credibility_notes = "기관 검토: 신빙성 높음".into();
    b.save_case(&mut edited, "B").unwrap();

    let report = send(&b, &mut a, Profile::Full, &out.path().join("back.tvb"), "A");
    assert!(matches!(report.cases[0].2, MergeOutcome::Updated { .. }), "{:?}", report.cases);
    let now = a.load_case(cases[0].id).unwrap();
    assert_eq!(now.credibility_notes, "기관 검토: 신빙성 높음");
    // A's own revision first, then B's import note and edit, then A's import note.
    assert_eq!(now.history[0], cases[0].history[0]);
    assert_eq!(now.history.len(), 4);
    assert!(now.history[1].note.starts_with(IMPORT_NOTE_PREFIX));
    assert_eq!(now.history[2].editor, "B");
    assert_eq!(now.history[2].changed_fields, vec!["credibility_notes"]);
    assert!(now.history[3].note.contains(&b.vault_id().to_string()));
    assert!(a.list_conflicts().is_empty());
    // And sending it on again changes nothing on either side.
    assert!(import_into(&mut a, &out.path().join("back.tvb"), "A").unwrap().is_no_op());
}
