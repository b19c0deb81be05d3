//! Custody: signed bundles and revisions, trusted signers, and merges that
//! never undo an edit. Each test is an attack or an accident that got
//! through before: forged bundles made with only the organisation's public
//! key and the stock tools, a stale bundle re-imported after consent was
//! withdrawn, a pseudonymised copy sent back as "full", a damaged case file
//! overwritten, an attachment owned by another case, a hostile case code.

use crate::common::*;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use testimony_vault::bundle::format::{sha256_hex, Manifest, MANIFEST_ENTRY, SIGNATURE_ENTRY};
use testimony_vault::bundle::{
    self, export::NoAttachments, BundleError, CustodyError, ExportOptions, ImportOptions, ImportReport, MergeOutcome,
    Profile, Selection, Unlock,
};
use testimony_vault::model::{AttachmentRef, Case};
use testimony_vault::sample::sample_case;
use testimony_vault::vault::custody::{check_revision, RevisionCheck};
use testimony_vault::vault::signing::{SignerKey, SigningKey, BUNDLE_NAMESPACE, REVISION_NAMESPACE};
use testimony_vault::vault::{Vault, VaultError};
use uuid::Uuid;

fn options_for(to: &Vault, profile: Profile) -> ExportOptions {
    ExportOptions { recipients: vec![to.key().recipient().clone()], profile, ..Default::default() }
}

fn export_all(from: &Vault, to: &Vault, profile: Profile, out: &Path) {
    let ids = Selection { all: true, ..Default::default() }.select(from);
    bundle::export_cases(from, &ids, &options_for(to, profile), out).unwrap();
}

fn import(to: &mut Vault, path: &Path) -> Result<ImportReport, BundleError> {
    let unlock = Unlock::with_identity(to.key().identity().clone());
    bundle::import(to, path, &unlock, "receiver")
}

/// `to` trusts `from` under `name`.
fn trust(to: &mut Vault, from: &Vault, name: &str) {
    to.trust_signer(name, &from.signer().unwrap().openssh()).unwrap();
}

/// A field vault `a` with `n` cases, and an archive `b` that trusts it.
struct Pair {
    _dirs: [tempfile::TempDir; 3],
    a: Vault,
    b: Vault,
    cases: Vec<Case>,
    out: PathBuf,
}

fn pair(n: u32) -> Pair {
    let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    let mut a = create_vault(&dirs[0].path().join("a"));
    let mut b = create_vault(&dirs[1].path().join("b"));
    let mut cases = Vec::new();
    for i in 1..=n {
        let mut c = sample_case(i, 300);
        a.save_case(&mut c, "면담자 A").unwrap();
        cases.push(c);
    }
    trust(&mut b, &a, "field office");
    trust(&mut a, &b, "archive");
    let out = dirs[2].path().to_path_buf();
    Pair { _dirs: dirs, a, b, cases, out }
}

fn outcome(report: &ImportReport, id: Uuid) -> MergeOutcome {
    report.cases.iter().find(|(i, _, _)| *i == id).map(|(_, _, o)| o.clone()).unwrap()
}

// ---- forging a bundle with the organisation's public key and the stock tools ----

/// A bundle's tar entries, as an attacker holding the recipient's key would
/// see them after `age -d`.
fn entries(path: &Path, identity: &age::x25519::Identity) -> Vec<(String, Vec<u8>)> {
    let ct = fs::read(path).unwrap();
    let pt = age::decrypt(identity, &ct).unwrap();
    let mut tar = tar::Archive::new(&pt[..]);
    let mut out = Vec::new();
    for e in tar.entries().unwrap() {
        let mut e = e.unwrap();
        let name = String::from_utf8(e.path_bytes().to_vec()).unwrap();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        out.push((name, bytes));
    }
    out
}

/// `tar c` the entries and `age -r` them to `recipient`.
fn reseal(entries: &[(String, Vec<u8>)], recipient: &age::x25519::Recipient, path: &Path) {
    let mut tar = tar::Builder::new(Vec::new());
    for (name, bytes) in entries {
        let mut h = tar::Header::new_ustar();
        h.set_entry_type(tar::EntryType::Regular);
        h.set_size(bytes.len() as u64);
        h.set_mode(0o600);
        tar.append_data(&mut h, name, &bytes[..]).unwrap();
    }
    fs::write(path, age::encrypt(recipient, &tar.into_inner().unwrap()).unwrap()).unwrap();
}

fn manifest_of(entries: &[(String, Vec<u8>)]) -> Manifest {
    Manifest::decode(&entries[0].1, Path::new(MANIFEST_ENTRY)).unwrap()
}

fn set_manifest(entries: &mut [(String, Vec<u8>)], m: &Manifest) {
    entries[0].1 = m.encode();
}

/// Change the `n`th case entry with `change`, and its manifest line to
/// match (hash and size), as a forger holding the stock tools would.
fn alter_case(entries: &mut [(String, Vec<u8>)], n: usize, change: impl FnOnce(&mut Case)) {
    let entry = &mut entries[2 + n].1;
    let mut case = testimony_vault::vault::format::decode_case(entry, Path::new("c")).unwrap();
    change(&mut case);
    *entry = testimony_vault::vault::format::encode_case(&case).to_vec();
    let mut m = manifest_of(entries);
    (m.cases[n].sha256, m.cases[n].size) = (sha256_hex(&entries[2 + n].1), entries[2 + n].1.len() as u64);
    set_manifest(entries, &m);
}

/// A genuine bundle from `a` to `b`, and its entries.
fn genuine(p: &Pair) -> (PathBuf, Vec<(String, Vec<u8>)>) {
    let path = p.out.join("genuine.tvb");
    export_all(&p.a, &p.b, Profile::Full, &path);
    let e = entries(&path, p.b.key().identity());
    assert_eq!(e[1].0, SIGNATURE_ENTRY, "the signature follows the manifest");
    (path, e)
}

fn assert_nothing_imported(b: &Vault) {
    assert!(b.is_empty(), "a refused bundle imported something");
    assert!(b.list_conflicts().is_empty());
}

#[test]
fn an_invented_case_re_encrypted_with_the_org_key_is_refused() {
    let _en = english();
    let mut p = pair(2);
    let (_, mut e) = genuine(&p);
    // A copied case file under a new id, with a matching manifest line.
    let mut invented: Case = testimony_vault::vault::format::decode_case(&e[2].1, Path::new("c")).unwrap();
    invented.id = Uuid::new_v4();
    invented.code = "NK-2026-0999".into();
    let bytes = testimony_vault::vault::format::encode_case(&invented).to_vec();
    let mut m = manifest_of(&e);
    let mut line = m.cases[0].clone();
    (line.id, line.code, line.sha256, line.size) = (invented.id, invented.code.clone(), sha256_hex(&bytes), bytes.len() as u64);
    m.cases.push(line);
    set_manifest(&mut e, &m);
    let at = 2 + m.cases.len() - 1;
    e.insert(at, (format!("cases/{}.ron", invented.id), bytes));
    let forged = p.out.join("invented.tvb");
    reseal(&e, p.b.key().recipient(), &forged);

    let err = import(&mut p.b, &forged).unwrap_err();
    assert!(matches!(err, BundleError::Custody(CustodyError::BadSignature { .. })), "{err:?}");
    let says = err.to_string();
    assert!(says.contains("changed after it was signed") && says.contains(&p.a.signer().unwrap().fingerprint()), "{says}");
    assert!(says.contains("Nothing was imported"), "{says}");
    assert_nothing_imported(&p.b);
}

#[test]
fn an_altered_case_with_a_re_hashed_manifest_is_refused() {
    let _en = english();
    let mut p = pair(1);
    let (_, mut e) = genuine(&p);
    alter_case(&mut e, 0, |case| case.consent.use_in_court = !case.consent.use_in_court);
    let forged = p.out.join("altered.tvb");
    reseal(&e, p.b.key().recipient(), &forged);
    let err = import(&mut p.b, &forged).unwrap_err();
    assert!(matches!(err, BundleError::Custody(CustodyError::BadSignature { .. })), "{err:?}");
    assert_nothing_imported(&p.b);
}

#[test]
fn a_stripped_signature_is_refused_as_unsigned() {
    let _en = english();
    let mut p = pair(1);
    let (_, mut e) = genuine(&p);
    e.remove(1);
    let forged = p.out.join("stripped.tvb");
    reseal(&e, p.b.key().recipient(), &forged);
    let err = import(&mut p.b, &forged).unwrap_err();
    assert!(matches!(err, BundleError::Custody(CustodyError::Unsigned { .. })), "{err:?}");
    assert!(err.to_string().contains("not signed"), "{}", err.to_string());
    assert_nothing_imported(&p.b);
}

#[test]
fn a_bundle_re_signed_by_an_unknown_key_is_refused_until_trusted_explicitly() {
    let _en = english();
    let mut p = pair(1);
    let (_, mut e) = genuine(&p);
    let mallory = SigningKey::generate("mallory");
    let mut m = manifest_of(&e);
    m.signer = mallory.public().openssh();
    set_manifest(&mut e, &m);
    e[1].1 = mallory.sign(BUNDLE_NAMESPACE, &e[0].1).into_bytes();
    let forged = p.out.join("resigned.tvb");
    reseal(&e, p.b.key().recipient(), &forged);

    let err = import(&mut p.b, &forged).unwrap_err();
    let fingerprint = mallory.public().fingerprint();
    assert!(matches!(&err, BundleError::Custody(CustodyError::UnknownSigner { signer, .. }) if *signer == mallory.public()));
    assert!(err.to_string().contains(&fingerprint) && err.to_string().contains("does not trust"), "{}", err.to_string());
    assert_nothing_imported(&p.b);
    assert_eq!(p.b.trust_list().signers.len(), 1, "refusing adds no signer");

    // Trusting is its own, explicit step; an empty name is not one.
    let unlock = Unlock::with_identity(p.b.key().identity().clone());
    let blank = ImportOptions { trust_signer: Some("  ".into()) };
    assert!(bundle::import_with(&mut p.b, &forged, &unlock, "B", &blank).is_err());
    let named = ImportOptions { trust_signer: Some("Mallory (checked by phone)".into()) };
    let report = bundle::import_with(&mut p.b, &forged, &unlock, "B", &named).unwrap();
    assert_eq!(report.added(), 1);
    assert_eq!(report.signer_name.as_deref(), Some("Mallory (checked by phone)"));
    assert!(report.signed_by().contains("Mallory (checked by phone)") && report.signed_by().contains(&fingerprint));
    assert_eq!(p.b.signer_name(&mallory.public()).as_deref(), Some("Mallory (checked by phone)"));
}

/// Trusting a signer through the import is for that import: when the
/// import then fails, the signer is not left trusted.
#[test]
fn a_signer_trusted_for_an_import_that_fails_is_not_left_trusted() {
    let _en = english();
    let p = pair(1);
    let id = p.cases[0].id;
    let c_dir = tempfile::tempdir().unwrap();
    let mut c = create_vault(c_dir.path());
    let path = p.out.join("a.tvb");
    export_all(&p.a, &c, Profile::Full, &path);
    // A damaged copy of the case here makes the import store a conflict,
    // and a file where the conflicts folder goes makes that fail.
    fs::write(c.case_path(id), b"damaged").unwrap();
    let blocker = c_dir.path().join("conflicts");
    fs::write(&blocker, b"not a folder").unwrap();
    let unlock = Unlock::with_identity(c.key().identity().clone());
    let named = ImportOptions { trust_signer: Some("field office".into()) };
    assert!(bundle::import_with(&mut c, &path, &unlock, "C", &named).is_err());
    assert!(c.trust_list().signers.is_empty(), "{:?}", c.trust_list().signers);
    drop(c);
    let mut c = open_vault(c_dir.path());
    assert!(c.trust_list().signers.is_empty(), "still untrusted after reopening");

    fs::remove_file(&blocker).unwrap();
    let report = bundle::import_with(&mut c, &path, &unlock, "C", &named).unwrap();
    assert!(matches!(outcome(&report, id), MergeOutcome::Conflict { .. }));
    assert_eq!(c.signer_name(&p.a.signer().unwrap()).as_deref(), Some("field office"));
}

#[test]
fn a_revision_altered_after_signing_is_refused_even_in_a_signed_bundle() {
    let _en = english();
    let p = pair(1);
    let mut b = p.b;
    let mut case = p.cases[0].clone();
    case.history[0].editor = "someone else".into();
    assert!(matches!(check_revision(case.id, &case.history[0]), RevisionCheck::Invalid { .. }));
    // Signed by a vault the archive trusts, so only the revision check can see it.
    let opts = options_for(&b, Profile::Full);
    let (_, ct) = bundle::write_bundle(Vec::new(), p.a.vault_id(), p.a.signing_key().unwrap(), &[case], &opts, &NoAttachments).unwrap();
    let path = p.out.join("bad-revision.tvb");
    fs::write(&path, ct).unwrap();
    let err = import(&mut b, &path).unwrap_err();
    assert!(matches!(err, BundleError::Custody(CustodyError::BadRevision { number: 1, .. })), "{err:?}");
    assert!(err.to_string().contains(&p.cases[0].code), "{}", err.to_string());
    assert_nothing_imported(&b);
}

#[test]
fn of_several_bad_revisions_the_first_in_the_bundle_is_named() {
    // The cases are decoded and their revisions checked on several threads
    // while the bundle streams in; what is said must not depend on which
    // thread finished first.
    let _en = english();
    let p = pair(40);
    let mut b = p.b;
    let mut cases = p.cases.clone();
    for at in [29, 5, 17] {
        cases[at].history[0].editor = "someone else".into();
    }
    let opts = options_for(&b, Profile::Full);
    let (_, ct) = bundle::write_bundle(Vec::new(), p.a.vault_id(), p.a.signing_key().unwrap(), &cases, &opts, &NoAttachments).unwrap();
    let path = p.out.join("bad-revisions.tvb");
    fs::write(&path, ct).unwrap();
    for _ in 0..5 {
        let err = import(&mut b, &path).unwrap_err();
        assert!(matches!(&err, BundleError::Custody(CustodyError::BadRevision { code, .. }) if *code == cases[5].code), "{err:?}");
    }
    assert_nothing_imported(&b);
}

#[test]
fn among_hundreds_of_signed_revisions_one_bad_is_found_and_named() {
    // A bundle's revision signatures are checked in batches, one a core;
    // a failed batch is checked one by one to name the bad revision. 600
    // signatures make several batches; the altered one is in the last.
    let _en = english();
    let p = pair(1);
    let mut b = p.b;
    let mut cases: Vec<Case> = (1..=600)
        .map(|i| {
            let mut c = sample_case(i, 40);
            let revision = testimony_vault::model::Revision {
                number: 1,
                at: testimony_vault::model::now_utc(),
                editor: "면담자 A".into(),
                changed_fields: vec!["created".into()],
                prev_hash: String::new(),
                content_hash: c.content_hash(),
                note: String::new(),
                signature: None,
                before: None,
            };
            c.history.push(p.a.signed(c.id, revision));
            c
        })
        .collect();
    let opts = options_for(&b, Profile::Full);
    let write = |cases: &[Case], name: &str| {
        let (_, ct) = bundle::write_bundle(Vec::new(), p.a.vault_id(), p.a.signing_key().unwrap(), cases, &opts, &NoAttachments).unwrap();
        let path = p.out.join(name);
        fs::write(&path, ct).unwrap();
        path
    };
    let good = write(&cases, "good.tvb");
    cases[570].history[0].editor = "someone else".into();
    let bad = write(&cases, "bad.tvb");
    let err = import(&mut b, &bad).unwrap_err();
    assert!(matches!(&err, BundleError::Custody(CustodyError::BadRevision { code, number: 1, .. }) if *code == cases[570].code), "{err:?}");
    assert_nothing_imported(&b);
    // The same bundle unaltered: every batch checks, every case comes in.
    assert_eq!(import(&mut b, &good).unwrap().added(), 600);
}

#[test]
fn a_forged_bundle_signature_is_said_before_a_bad_revision_inside() {
    // Revisions are checked as the cases are decoded, before the bundle's
    // own signature; the bundle's forgery is still what the user is told.
    let _en = english();
    let mut p = pair(3);
    let (_, mut e) = genuine(&p);
    alter_case(&mut e, 1, |case| case.history[0].editor = "someone else".into());
    let forged = p.out.join("forged-with-bad-revision.tvb");
    reseal(&e, p.b.key().recipient(), &forged);
    let err = import(&mut p.b, &forged).unwrap_err();
    assert!(matches!(err, BundleError::Custody(CustodyError::BadSignature { .. })), "{err:?}");
    assert_nothing_imported(&p.b);
}

// ---- revisions ----

#[test]
fn every_revision_is_signed_by_the_vault_that_made_it_and_travels_with_the_case() {
    let _en = english();
    let mut p = pair(1);
    let id = p.cases[0].id;
    p.cases[0].follow_up = "두 번째 저장".into();
    p.a.save_case(&mut p.cases[0], "면담자 A").unwrap();
    let path = p.out.join("a.tvb");
    export_all(&p.a, &p.b, Profile::Full, &path);
    import(&mut p.b, &path).unwrap();
    let there = p.b.load_case(id).unwrap();
    let signers: Vec<SignerKey> = there
        .history
        .iter()
        .map(|r| match check_revision(id, r) {
            RevisionCheck::Valid(k) => k,
            other => panic!("revision {}: {other:?}", r.number),
        })
        .collect();
    let (a_key, b_key) = (p.a.signer().unwrap(), p.b.signer().unwrap());
    assert_eq!(signers, vec![a_key.clone(), a_key.clone(), b_key], "two saves by A, the import by B");
    assert_eq!(p.b.signer_name(&a_key).as_deref(), Some("field office"));
    assert_eq!(p.b.revision_status(id, &there.history[0]), "signed by field office, checks");
    assert_eq!(p.b.revision_status(id, &there.history[2]), "signed by this vault, checks");
    let mut forged = there.history[0].clone();
    forged.number = 7;
    assert!(p.b.revision_status(id, &forged).starts_with("signature does not check"));
}

/// Two laptops edit one case; the archive resolves the conflict. The other
/// laptop's revisions keep their author's signature in the resolved
/// history, a third vault checks them all, and the resolved case goes back
/// to the laptop as an update, not as the same conflict again; the laptop's
/// stale bundle then changes nothing at the archive.
#[test]
fn a_resolved_conflict_keeps_every_authors_signature_and_does_not_come_back() {
    let _en = english();
    let mut p = pair(1);
    let id = p.cases[0].id;
    let first = p.out.join("1.tvb");
    export_all(&p.a, &p.b, Profile::Full, &first);
    import(&mut p.b, &first).unwrap();
    let mut at_b = p.b.load_case(id).unwrap();
    at_b.credibility_notes = "B: 다른 증언과 일치".into();
    p.b.save_case(&mut at_b, "기록관 B").unwrap();
    p.cases[0].follow_up = "A: 지도 확인 완료".into();
    p.a.save_case(&mut p.cases[0], "면담자 A").unwrap();
    let second = p.out.join("2.tvb");
    export_all(&p.a, &p.b, Profile::Full, &second);
    let MergeOutcome::Conflict { conflict } = outcome(&import(&mut p.b, &second).unwrap(), id) else {
        panic!("expected a conflict")
    };
    let merged = p.b.merge_conflict(conflict, &[testimony_vault::model::Field::FollowUp], "기록관 B").unwrap();
    assert_eq!((merged.follow_up.as_str(), merged.credibility_notes.as_str()), ("A: 지도 확인 완료", "B: 다른 증언과 일치"));

    // Every revision still checks, and A's edit still names A.
    let (a_key, b_key) = (p.a.signer().unwrap(), p.b.signer().unwrap());
    let a_edit = p.cases[0].history.last().unwrap();
    let copied = merged.history.iter().find(|r| r.at == a_edit.at && r.content_hash == a_edit.content_hash).expect("A's edit kept");
    assert_ne!(copied.number, a_edit.number, "renumbered after B's own revisions");
    assert!(copied.note.contains("from the other version"), "{}", copied.note);
    assert_eq!(check_revision(id, copied), RevisionCheck::Valid(a_key.clone()));
    assert_eq!(p.b.revision_status(id, copied), "signed by field office, checks");
    for r in &merged.history {
        assert!(matches!(check_revision(id, r), RevisionCheck::Valid(_)), "revision {}: {:?}", r.number, check_revision(id, r));
    }
    let sig_text = testimony_vault::model::provenance::signed_text(id, copied);
    assert!(sig_text.contains(&format!("number: {}\n", a_edit.number)), "{sig_text}");

    // A third vault trusting both reads the resolved case with every signature checked.
    let c_dir = tempfile::tempdir().unwrap();
    let mut c = create_vault(c_dir.path());
    trust(&mut c, &p.a, "field office");
    trust(&mut c, &p.b, "archive");
    let to_c = p.out.join("c.tvb");
    export_all(&p.b, &c, Profile::Full, &to_c);
    assert_eq!(outcome(&import(&mut c, &to_c).unwrap(), id), MergeOutcome::Added);
    let at_c = c.load_case(id).unwrap();
    let signers: Vec<_> = at_c.history.iter().map(|r| check_revision(id, r)).collect();
    assert!(signers.contains(&RevisionCheck::Valid(a_key.clone())) && signers.contains(&RevisionCheck::Valid(b_key)));

    // Back at A: the resolution descends from A's edit, so it is an update.
    let back = p.out.join("back.tvb");
    export_all(&p.b, &p.a, Profile::Full, &back);
    let got = outcome(&import(&mut p.a, &back).unwrap(), id);
    assert!(matches!(got, MergeOutcome::Updated { .. }), "{got:?}");
    assert!(p.a.list_conflicts().is_empty());
    let at_a = p.a.load_case(id).unwrap();
    assert_eq!((at_a.follow_up.as_str(), at_a.credibility_notes.as_str()), ("A: 지도 확인 완료", "B: 다른 증언과 일치"));

    // A's stale bundle at B: already newer, no new conflict.
    let again = import(&mut p.b, &second).unwrap();
    assert_eq!(outcome(&again, id), MergeOutcome::AlreadyNewer);
    assert!(p.b.list_conflicts().is_empty());
    assert_eq!(p.b.load_case(id).unwrap().follow_up, "A: 지도 확인 완료");
}

#[test]
fn revisions_from_before_signing_read_as_unsigned_and_still_import() {
    let _en = english();
    let mut p = pair(0);
    let mut old = sample_case(5, 200);
    old.history.push(testimony_vault::model::Revision {
        number: 1,
        at: testimony_vault::model::now_utc(),
        editor: "earlier version".into(),
        changed_fields: vec!["created".into()],
        prev_hash: String::new(),
        content_hash: old.content_hash(),
        note: String::new(),
        signature: None,
        before: None,
    });
    p.a.write_case(&old).unwrap();
    old = p.a.load_case(old.id).unwrap();
    assert_eq!(check_revision(old.id, &old.history[0]), RevisionCheck::Unsigned);
    assert_eq!(p.a.revision_status(old.id, &old.history[0]), "unsigned (older version)");
    let path = p.out.join("old.tvb");
    export_all(&p.a, &p.b, Profile::Full, &path);
    assert_eq!(import(&mut p.b, &path).unwrap().added(), 1);
}

#[test]
fn a_redacted_copy_carries_its_own_signed_history_and_a_full_copy_later_replaces_it() {
    let _en = english();
    let mut p = pair(1);
    let id = p.cases[0].id;
    let stats = p.out.join("stats.tvb");
    export_all(&p.a, &p.b, Profile::StatisticsOnly, &stats);
    assert_eq!(import(&mut p.b, &stats).unwrap().added(), 1);
    let there = p.b.load_case(id).unwrap();
    // The copy's own history, signed again by the exporter (no hash of the
    // unredacted case travels; see bundle::redact::history).
    assert!(matches!(check_revision(id, &there.history[0]), RevisionCheck::Valid(k) if k == p.a.signer().unwrap()));
    assert!(there.history[0].content_hash.starts_with("redacted-"));
    let full = p.out.join("full.tvb");
    export_all(&p.a, &p.b, Profile::Full, &full);
    assert!(matches!(outcome(&import(&mut p.b, &full).unwrap(), id), MergeOutcome::Updated { .. }));
    let now = p.b.load_case(id).unwrap();
    assert_eq!(now.interviewee.real_name, p.cases[0].interviewee.real_name);
    assert!(matches!(check_revision(id, &now.history[0]), RevisionCheck::Valid(_)));
}

// ---- merges that never undo an edit ----

#[test]
fn a_stale_bundle_re_imported_after_consent_was_withdrawn_changes_nothing() {
    let _en = english();
    let mut p = pair(1);
    let id = p.cases[0].id;
    let c1 = p.cases[0].consent.use_in_court;
    // The witness grants court use ...
    p.cases[0].consent.use_in_court = !c1;
    p.a.save_case(&mut p.cases[0], "A").unwrap();
    let granted = p.out.join("granted.tvb");
    export_all(&p.a, &p.b, Profile::Full, &granted);
    import(&mut p.b, &granted).unwrap();
    // ... then withdraws it: the content is C1 again.
    p.cases[0].consent.use_in_court = c1;
    p.a.save_case(&mut p.cases[0], "A").unwrap();
    let withdrawn = p.out.join("withdrawn.tvb");
    export_all(&p.a, &p.b, Profile::Full, &withdrawn);
    assert!(matches!(outcome(&import(&mut p.b, &withdrawn).unwrap(), id), MergeOutcome::Updated { .. }));
    assert_eq!(p.b.load_case(id).unwrap().consent.use_in_court, c1);

    let stale = import(&mut p.b, &granted).unwrap();
    assert_eq!(outcome(&stale, id), MergeOutcome::AlreadyNewer);
    assert_eq!(p.b.load_case(id).unwrap().consent.use_in_court, c1, "the stale bundle re-granted court use");
    assert!(p.b.list_conflicts().is_empty());
}

#[test]
fn a_pseudonymised_copy_sent_back_as_full_never_replaces_the_full_copy() {
    let _en = english();
    let mut p = pair(1);
    let id = p.cases[0].id;
    let real_name = p.cases[0].interviewee.real_name.clone();
    assert!(!real_name.is_empty());
    let there = p.out.join("pseudonymised.tvb");
    export_all(&p.a, &p.b, Profile::Pseudonymised, &there);
    import(&mut p.b, &there).unwrap();
    // The archive re-exports its copy under the "full" profile.
    let back = p.out.join("back-as-full.tvb");
    export_all(&p.b, &p.a, Profile::Full, &back);
    let report = import(&mut p.a, &back).unwrap();
    assert_eq!(outcome(&report, id), MergeOutcome::Unchanged);
    assert_eq!(p.a.load_case(id).unwrap().interviewee.real_name, real_name);

    // Edited at the archive first: now a conflict, never an update.
    let mut edited = p.b.load_case(id).unwrap();
    edited.credibility_notes = "기관 검토 완료".into();
    p.b.save_case(&mut edited, "B").unwrap();
    let back = p.out.join("edited-back-as-full.tvb");
    export_all(&p.b, &p.a, Profile::Full, &back);
    let report = import(&mut p.a, &back).unwrap();
    assert!(matches!(outcome(&report, id), MergeOutcome::Conflict { .. }), "{:?}", report.cases);
    assert_eq!(p.a.load_case(id).unwrap().interviewee.real_name, real_name);
}

#[test]
fn a_later_version_that_empties_a_field_or_marks_words_redacted_is_a_conflict() {
    let _en = english();
    let mut p = pair(2);
    let path = p.out.join("full.tvb");
    export_all(&p.a, &p.b, Profile::Full, &path);
    import(&mut p.b, &path).unwrap();
    let (x, y) = (p.cases[0].id, p.cases[1].id);
    let mut cx = p.b.load_case(x).unwrap();
    cx.interviewer_notes.clear();
    p.b.save_case(&mut cx, "B").unwrap();
    let mut cy = p.b.load_case(y).unwrap();
    cy.narrative = cy.narrative.replacen(&cy.narrative.chars().take(5).collect::<String>(), "[…]", 1);
    p.b.save_case(&mut cy, "B").unwrap();
    let back = p.out.join("back.tvb");
    export_all(&p.b, &p.a, Profile::Full, &back);
    let report = import(&mut p.a, &back).unwrap();
    assert!(matches!(outcome(&report, x), MergeOutcome::Conflict { .. }), "{:?}", report.cases);
    assert!(matches!(outcome(&report, y), MergeOutcome::Conflict { .. }), "{:?}", report.cases);
    assert_eq!(p.a.load_case(x).unwrap(), p.cases[0]);
    assert_eq!(p.a.load_case(y).unwrap(), p.cases[1]);
}

#[test]
fn a_damaged_case_here_is_never_overwritten_and_its_previous_generation_stays() {
    let _en = english();
    let mut p = pair(1);
    let id = p.cases[0].id;
    let first = p.out.join("first.tvb");
    export_all(&p.a, &p.b, Profile::Full, &first);
    import(&mut p.b, &first).unwrap();
    let mut again = p.b.load_case(id).unwrap();
    again.follow_up = "second save here".into();
    p.b.save_case(&mut again, "B").unwrap();
    p.cases[0].narrative.push_str(" 추가 진술");
    p.a.save_case(&mut p.cases[0], "A").unwrap();
    let newer = p.out.join("newer.tvb");
    export_all(&p.a, &p.b, Profile::Full, &newer);

    let (dir, case_file) = (p.b.dir().to_path_buf(), p.b.case_path(id));
    let prev_file = PathBuf::from(format!("{}.prev", case_file.display()));
    drop(p.b);
    for damage in ["flip", "truncate"] {
        let mut bytes = fs::read(&case_file).unwrap();
        if damage == "flip" {
            let n = bytes.len() - 10;
            bytes[n] ^= 0x20;
        } else {
            bytes.truncate(bytes.len() / 2);
        }
        fs::write(&case_file, &bytes).unwrap();
        let prev = fs::read(&prev_file).unwrap();
        let mut b = open_vault(&dir);
        assert!(!b.open_report().damaged.is_empty(), "{damage}: the damage is reported");
        let report = import(&mut b, &newer).unwrap();
        assert!(matches!(outcome(&report, id), MergeOutcome::Conflict { .. } | MergeOutcome::ConflictAlreadyStored), "{damage}: {:?}", report.cases);
        assert_eq!(fs::read(&case_file).unwrap(), bytes, "{damage}: the damaged file was overwritten");
        assert_eq!(fs::read(&prev_file).unwrap(), prev, "{damage}: the previous generation was replaced");
        assert!(b.load_previous_generation(id).unwrap().is_some(), "{damage}: the way back still opens");
        drop(b);
    }
}

#[test]
fn a_case_pointing_at_another_cases_attachment_is_refused() {
    let _en = english();
    let mut p = pair(1);
    let src = p.out.join("evidence.bin");
    fs::write(&src, b"recording of the witness").unwrap();
    let mut owner = sample_case(7, 100);
    p.b.save_case(&mut owner, "B").unwrap();
    let aref: AttachmentRef = p.b.attach_file(&mut owner, &src, "evidence", "B").unwrap();

    let mut intruder = sample_case(8, 100);
    intruder.attachments.push(AttachmentRef { description: "mine now".into(), ..aref.clone() });
    p.a.save_case(&mut intruder, "A").unwrap();
    let path = p.out.join("intruder.tvb");
    let ids = vec![intruder.id];
    bundle::export_cases(&p.a, &ids, &options_for(&p.b, Profile::Full), &path).unwrap();
    let err = import(&mut p.b, &path).unwrap_err();
    assert!(matches!(err, BundleError::Custody(CustodyError::ForeignAttachment { attachment, .. }) if attachment == aref.id), "{err:?}");
    assert!(!p.b.contains(intruder.id));
    assert_eq!(&p.b.read_attachment_verified(&aref, 1024).unwrap()[..], b"recording of the witness");
}

#[test]
fn a_hostile_case_code_neither_overflows_nor_collides() {
    let _en = english();
    let mut p = pair(0);
    let mut c = sample_case(1, 50);
    c.code = "NK-2026-4294967294".into();
    p.a.save_case(&mut c, "A").unwrap();
    let path = p.out.join("code.tvb");
    export_all(&p.a, &p.b, Profile::Full, &path);
    import(&mut p.b, &path).unwrap();
    let mut codes: Vec<String> = p.b.summaries().map(|s| s.code.clone()).collect();
    for _ in 0..3 {
        let mut n = p.b.new_case();
        codes.push(n.code.clone());
        n.interviewee.pseudonym = "새 증인".into();
        p.b.save_case(&mut n, "B").unwrap();
    }
    let unique: std::collections::BTreeSet<_> = codes.iter().collect();
    assert_eq!(unique.len(), codes.len(), "{codes:?}");
    assert!(codes[1..].iter().all(|c| c.len() < 16), "{codes:?}");
}

// ---- signing keys and trusted signers ----

#[test]
fn trusted_signers_are_added_listed_and_removed_and_survive_reopening() {
    let _en = english();
    let dirs = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut b = create_vault(dirs.0.path());
    let other = SigningKey::generate("x").public();
    assert!(matches!(b.trust_signer("me", &b.signer().unwrap().openssh()), Err(VaultError::SignerAlreadyTrusted { .. })));
    assert!(matches!(b.trust_signer("x", "ssh-rsa AAAA"), Err(VaultError::BadSignerKey { .. })));
    b.trust_signer("서울 사무소", &other.openssh()).unwrap();
    assert!(matches!(b.trust_signer("again", &other.openssh()), Err(VaultError::SignerAlreadyTrusted { .. })));
    drop(b);
    let mut b = open_vault(dirs.0.path());
    assert_eq!(b.trust_list().signers[0].name, "서울 사무소");
    assert!(b.is_trusted(&other));
    let removed = b.untrust_signer(&other.fingerprint()).unwrap();
    assert_eq!(removed.name, "서울 사무소");
    assert!(!b.is_trusted(&other));
    assert!(matches!(b.untrust_signer("nobody"), Err(VaultError::NoSuchSigner { .. })));
    // Fingerprint: sixteen groups of four hex digits.
    assert_eq!(other.fingerprint().split(' ').count(), 16);
}

#[test]
fn a_vault_from_before_signing_gets_a_key_at_first_open() {
    let _en = english();
    let dir = tempfile::tempdir().unwrap();
    let v = create_vault(dir.path());
    drop(v);
    fs::remove_file(dir.path().join("signing.age")).unwrap();
    let v = open_vault(dir.path());
    assert!(v.open_report().damaged.is_empty(), "{:?}", v.open_report().damaged);
    let key = v.signer().unwrap();
    drop(v);
    assert!(dir.path().join("signing.age").is_file());
    assert_eq!(open_vault(dir.path()).signer().unwrap(), key, "the key made is kept");
}

#[test]
fn without_a_writable_key_saving_works_and_export_refuses_plainly() {
    let _en = english();
    let Some(fs_) = Tmpfs::mount("8m") else { return };
    let dir = fs_.path.join("v");
    let mut v = create_vault(&dir);
    let mut c = sample_case(1, 100);
    v.save_case(&mut c, "A").unwrap();
    drop(v);
    fs::remove_file(dir.join("signing.age")).unwrap();
    assert!(fs_.remount_read_only());
    let v = open_vault(&dir);
    assert!(v.open_report().damaged.iter().any(|e| matches!(e, VaultError::SigningUnavailable { .. })));
    let err = bundle::export_cases(&v, &[c.id], &options_for(&v, Profile::Full), Path::new("/tmp/never.tvb")).unwrap_err();
    assert!(matches!(err, BundleError::Vault(VaultError::SigningUnavailable { .. })), "{err:?}");
    assert!(err.to_string().contains("Nothing is lost") && err.to_string().contains("unsigned"), "{}", err.to_string());
    assert!(!Path::new("/tmp/never.tvb").exists());
}

// ---- the stock tool: ssh-keygen ----

fn ssh_keygen() -> Option<&'static str> {
    let found = Command::new("ssh-keygen").arg("-?").output().is_ok();
    if !found {
        eprintln!("ssh-keygen not installed (openssh-client): interop not checked");
    }
    found.then_some("ssh-keygen")
}

#[test]
fn a_bundle_signature_verifies_with_ssh_keygen_by_hand() {
    let _en = english();
    let Some(tool) = ssh_keygen() else { return };
    let p = pair(2);
    let (_, e) = genuine(&p);
    let work = p.out.join("by-hand");
    fs::create_dir(&work).unwrap();
    fs::write(work.join("manifest.ron"), &e[0].1).unwrap();
    fs::write(work.join("manifest.sig"), &e[1].1).unwrap();
    let signer = p.a.signer().unwrap();
    fs::write(work.join("allowed_signers"), format!("field-office {}\n", signer.openssh())).unwrap();
    let run = |manifest: &str| {
        Command::new("sh")
            .arg("-c")
            .arg(format!(
                "{tool} -Y verify -f allowed_signers -I field-office -n {BUNDLE_NAMESPACE} -s manifest.sig < {manifest}"
            ))
            .current_dir(&work)
            .output()
            .unwrap()
    };
    let ok = run("manifest.ron");
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let mut changed = e[0].1.clone();
    changed[10] ^= 1;
    fs::write(work.join("changed.ron"), changed).unwrap();
    assert!(!run("changed.ron").status.success(), "ssh-keygen accepted a changed manifest");
}

#[test]
fn a_signature_made_by_ssh_keygen_checks_in_the_program() {
    let _en = english();
    let Some(tool) = ssh_keygen() else { return };
    let work = tempfile::tempdir().unwrap();
    let key = work.path().join("key");
    let st = Command::new(tool).args(["-q", "-t", "ed25519", "-N", "", "-C", "Interviewer A", "-f"]).arg(&key).status().unwrap();
    assert!(st.success());
    let msg = work.path().join("msg");
    fs::write(&msg, "testimony-vault revision signature 1\n").unwrap();
    let st = Command::new(tool).args(["-Y", "sign", "-n", REVISION_NAMESPACE, "-f"]).arg(&key).arg(&msg).status().unwrap();
    assert!(st.success());
    let sig = fs::read_to_string(work.path().join("msg.sig")).unwrap();
    let public = SignerKey::parse(&fs::read_to_string(work.path().join("key.pub")).unwrap()).unwrap();
    public.verify(REVISION_NAMESPACE, &fs::read(&msg).unwrap(), &sig).unwrap();
    assert!(public.verify(BUNDLE_NAMESPACE, &fs::read(&msg).unwrap(), &sig).is_err());
    // And the private key file ssh-keygen wrote is one a vault can sign with.
    let ours = SigningKey::from_openssh(&fs::read(&key).unwrap(), &key).unwrap();
    assert_eq!(ours.public(), public);
}

#[test]
fn a_revision_signature_made_by_the_program_verifies_with_ssh_keygen() {
    let _en = english();
    let Some(tool) = ssh_keygen() else { return };
    let p = pair(1);
    let case = &p.cases[0];
    let r = &case.history[0];
    let work = p.out.join("rev");
    fs::create_dir(&work).unwrap();
    let text = testimony_vault::model::provenance::signed_text(case.id, r);
    fs::write(work.join("revision.txt"), &text).unwrap();
    fs::write(work.join("revision.sig"), &r.signature.as_ref().unwrap().sig).unwrap();
    fs::write(work.join("allowed_signers"), format!("a {}\n", r.signature.as_ref().unwrap().signer)).unwrap();
    let out = Command::new(tool)
        .args(["-Y", "verify", "-f", "allowed_signers", "-I", "a", "-n", REVISION_NAMESPACE, "-s", "revision.sig"])
        .current_dir(&work)
        .stdin(fs::File::open(work.join("revision.txt")).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
