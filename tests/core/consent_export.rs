//! Consent-aware export through the library: cases whose consent does not
//! cover the purpose are held back (reported, not written) unless named;
//! the manifest records the purpose and each case's flags; bundles written
//! before the flags existed still import.

use crate::common::*;
use std::fs;
use std::path::Path;
use testimony_vault::bundle::format::{case_entry, ArchiveWriter, Manifest};
use testimony_vault::bundle::{self, BundleError, ConsentChoice, ExportOptions, HoldReason, Profile, Purpose, Selection, Unlock};
use testimony_vault::model::{Consent, ConsentMethod};
use testimony_vault::sample::sample_case;
use testimony_vault::Vault;

/// NK-2026-0001 agreed to everything but court; NK-2026-0002 has no
/// consent recorded.
fn two_cases(vault: &mut Vault) {
    let mut agreed = sample_case(1, 100);
    agreed.consent = Consent { given: true, method: ConsentMethod::Oral, share_with_un: true, share_with_ngos: true, ..Consent::default() };
    vault.save_case(&mut agreed, "A").unwrap();
    let mut none = sample_case(2, 100);
    none.consent = Consent::default();
    vault.save_case(&mut none, "A").unwrap();
}

fn read(vault: &Vault, path: &Path) -> bundle::Bundle {
    bundle::read_bundle(path, &Unlock::with_identity(vault.key().identity().clone())).unwrap()
}

#[test]
fn held_back_cases_are_reported_not_written_unless_named() {
    let _en = english();
    let (dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut v = create_vault(dir.path());
    two_cases(&mut v);
    let ids = Selection { all: true, ..Default::default() }.select(&v);
    let options = |consent| ExportOptions { recipients: vec![v.key().recipient().clone()], consent, ..Default::default() };

    let path = out.path().join("archive.tvb");
    let report = bundle::export_cases(&v, &ids, &options(ConsentChoice::default()), &path).unwrap();
    assert_eq!(report.held_back.iter().map(|h| (h.code.as_str(), h.reason)).collect::<Vec<_>>(), [("NK-2026-0002", HoldReason::NoConsent)]);
    let b = read(&v, &path);
    assert_eq!(b.cases.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(), ["NK-2026-0001"]);
    assert_eq!(b.manifest.purpose, Some(Purpose::Archive));
    let flags = b.manifest.cases[0].consent.clone().unwrap();
    assert!(flags.given && flags.share_with_un && !flags.use_in_court && !flags.included_explicitly);

    let named = ConsentChoice { include: vec![ids[1]], ..ConsentChoice::default() };
    let path = out.path().join("named.tvb");
    let report = bundle::export_cases(&v, &ids, &options(named), &path).unwrap();
    assert!(report.held_back.is_empty());
    let m = read(&v, &path).manifest;
    assert_eq!(m.cases.iter().map(|c| c.consent.as_ref().unwrap().included_explicitly).collect::<Vec<_>>(), [false, true]);

    let court = ConsentChoice { purpose: Purpose::Court, ..ConsentChoice::default() };
    let path = out.path().join("court.tvb");
    match bundle::export_cases(&v, &ids, &options(court), &path) {
        Err(BundleError::AllHeldBack { held }) => {
            assert_eq!(held.iter().map(|h| h.reason).collect::<Vec<_>>(), [HoldReason::NotForCourt, HoldReason::NoConsent]);
        }
        other => panic!("expected every case held back, got {other:?}"),
    }
    assert!(!path.exists());
    assert!(fs::read_dir(out.path()).unwrap().flatten().all(|e| !e.file_name().to_string_lossy().starts_with('.')), "no temporary file left");
}

#[test]
fn a_bundle_written_before_the_consent_flags_still_imports() {
    let _en = english();
    let (a_dir, b_dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut a = create_vault(a_dir.path());
    let mut b = create_vault(b_dir.path());
    let mut case = sample_case(7, 100);
    a.save_case(&mut case, "A").unwrap();
    let case = a.load_case(case.id).unwrap();
    // As the program wrote it before: no purpose, no flags on the case line.
    let (line, bytes) = case_entry(&case);
    let mut manifest = Manifest::new(a.vault_id(), Profile::Full);
    manifest.cases = vec![line];
    let text = String::from_utf8(manifest.encode()).unwrap();
    assert!(!text.contains("purpose") && !text.contains("consent"), "{text}");
    let mut w = ArchiveWriter::signed(Vec::new(), manifest, a.signing_key().unwrap()).unwrap();
    w.add_case(&bytes).unwrap();
    let ct = age::encrypt(b.key().recipient(), &w.finish().unwrap()).unwrap();
    let path = out.path().join("old.tvb");
    fs::write(&path, ct).unwrap();

    let unlock = Unlock::with_identity(b.key().identity().clone());
    let report = bundle::import_with(&mut b, &path, &unlock, "B", &bundle::ImportOptions { trust_signer: Some("old laptop".into()) }).unwrap();
    assert!(matches!(report.cases[..], [(_, _, bundle::MergeOutcome::Added)]), "{:?}", report.cases);
    let bundle = read(&b, &path);
    assert_eq!((bundle.manifest.purpose, bundle.manifest.cases[0].consent.clone()), (None, None));
    assert_eq!(b.load_case(case.id).unwrap().consent, case.consent);
}
