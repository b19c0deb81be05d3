//! `export` and consent: cases whose consent does not cover the purpose are
//! left out and listed, in English and Korean; `--include` takes one anyway
//! and the manifest records it; nothing left means no file and a failure.

use super::commands::{fails, ok, run, tv};
use crate::common::*;
use std::path::Path;
use testimony_vault::bundle::{self, Purpose, Unlock};
use testimony_vault::model::{Anonymity, Case, Consent, ConsentMethod};
use testimony_vault::sample::sample_case;

/// A vault (made by `init`) with NK-2026-0001 (consent for the archive, the
/// UN and NGOs, not court), NK-2026-0002 (no consent recorded) and
/// NK-2026-0003 (consent for the archive only). Returns its own key.
fn vault_of_three(dir: &Path) -> String {
    let out = ok(tv(dir).arg("init"));
    let recipient = out.lines().find_map(|l| l.split_whitespace().find(|w| w.starts_with("age1"))).unwrap().to_string();
    let mut v = open_vault(dir);
    let agreed = Consent { given: true, method: ConsentMethod::Written, ..Consent::default() };
    let consents = [
        Consent { share_with_un: true, share_with_ngos: true, use_in_court: false, anonymity: Anonymity::PseudonymOnly, ..agreed.clone() },
        Consent::default(),
        agreed,
    ];
    for (n, consent) in (1..).zip(consents) {
        let mut c: Case = sample_case(n, 200);
        c.consent = consent;
        v.save_case(&mut c, "A").unwrap();
    }
    recipient
}

fn manifest_of(vault: &Path, bundle_path: &Path) -> bundle::Manifest {
    let v = open_vault(vault);
    bundle::read_bundle(bundle_path, &Unlock::with_identity(v.key().identity().clone())).unwrap().manifest
}

fn codes(m: &bundle::Manifest) -> Vec<&str> {
    m.cases.iter().map(|c| c.code.as_str()).collect()
}

#[test]
fn a_case_without_consent_is_left_out_and_listed_and_the_manifest_records_the_flags() {
    let tmp = tempfile::tempdir().unwrap();
    let v = tmp.path().join("vault");
    let key = vault_of_three(&v);
    let out = tmp.path().join("b.tvb");
    let r = run(tv(&v).args(["export", "--all", "--to", &key, "--out"]).arg(&out));
    assert!(r.ok, "{}", r.stderr);
    assert!(r.stderr.contains("left out NK-2026-0002: no consent recorded"), "{}", r.stderr);
    assert!(r.stderr.contains("--include CODE"), "{}", r.stderr);
    assert!(!r.stderr.contains("NK-2026-0001") && !r.stderr.contains("NK-2026-0003"), "{}", r.stderr);
    assert!(r.stdout.contains("Exported 2 cases"), "{}", r.stdout);
    let m = manifest_of(&v, &out);
    assert_eq!(m.purpose, Some(Purpose::Archive));
    assert_eq!(codes(&m), ["NK-2026-0001", "NK-2026-0003"]);
    let first = m.cases[0].consent.as_ref().expect("consent flags in the manifest");
    assert!(first.given && first.share_with_un && first.share_with_ngos && !first.use_in_court && !first.included_explicitly);
    assert_eq!((first.method, first.anonymity), (ConsentMethod::Written, Anonymity::PseudonymOnly));
}

#[test]
fn include_takes_a_held_back_case_and_the_manifest_says_it_was_explicit() {
    let tmp = tempfile::tempdir().unwrap();
    let v = tmp.path().join("vault");
    let key = vault_of_three(&v);
    let out = tmp.path().join("b.tvb");
    let r = run(tv(&v).args(["export", "--all", "--include", "nk-2026-0002", "--to", &key, "--out"]).arg(&out));
    assert!(r.ok, "{}", r.stderr);
    assert!(!r.stderr.contains("left out"), "{}", r.stderr);
    assert!(r.stderr.contains("included without consent covering it: NK-2026-0002 (no consent recorded)"), "{}", r.stderr);
    let m = manifest_of(&v, &out);
    assert_eq!(codes(&m), ["NK-2026-0001", "NK-2026-0002", "NK-2026-0003"]);
    let explicit: Vec<bool> = m.cases.iter().map(|c| c.consent.as_ref().unwrap().included_explicitly).collect();
    assert_eq!(explicit, [false, true, false]);
    // A name that is not among the selected cases is refused, not ignored.
    let typo = fails(tv(&v).args(["export", "--code", "NK-2026-0001", "--include", "NK-2026-0002", "--to", &key, "--out"]).arg(tmp.path().join("c.tvb")));
    assert!(typo.contains("--include NK-2026-0002") && typo.contains("Nothing was written"), "{typo}");
    assert!(!tmp.path().join("c.tvb").exists());
}

#[test]
fn each_purpose_needs_its_consent_and_nothing_left_writes_nothing_in_either_language() {
    let tmp = tempfile::tempdir().unwrap();
    let v = tmp.path().join("vault");
    let key = vault_of_three(&v);
    let out = tmp.path().join("un.tvb");
    let r = run(tv(&v).args(["export", "--all", "--purpose", "un", "--profile", "pseudonymised", "--to", &key, "--out"]).arg(&out));
    assert!(r.ok, "{}", r.stderr);
    assert!(r.stderr.contains("left out NK-2026-0003: consent does not cover sharing with the UN"), "{}", r.stderr);
    assert_eq!(codes(&manifest_of(&v, &out)), ["NK-2026-0001"]);
    // The full profile carries the name the witness did not want shared.
    let full = run(tv(&v).args(["export", "--code", "NK-2026-0001", "--purpose", "un", "--to", &key, "--out"]).arg(tmp.path().join("f.tvb")));
    assert!(!full.ok && full.stderr.contains("asked not to be named"), "{}", full.stderr);
    let court = tmp.path().join("court.tvb");
    let e = fails(tv(&v).args(["export", "--all", "--purpose", "court", "--profile", "pseudonymised", "--to", &key, "--out"]).arg(&court));
    assert!(e.contains("left out NK-2026-0001: consent does not cover use in court"), "{e}");
    assert!(e.contains("All 3 selected cases were left out") && e.contains("Nothing was written"), "{e}");
    assert!(!court.exists());
    let ko = run(tv(&v).env("TESTIMONY_VAULT_LANG", "ko").args(["export", "--all", "--purpose", "court", "--to", &key, "--out"]).arg(&court));
    assert!(!ko.ok, "{}", ko.stdout);
    assert!(ko.stderr.contains("제외됨 NK-2026-0002: 동의가 기록되지 않음"), "{}", ko.stderr);
    assert!(ko.stderr.contains("법정 사용에 동의하지 않음") && ko.stderr.contains("아무것도 쓰지 않았습니다"), "{}", ko.stderr);
    assert!(!court.exists());
    let all = tmp.path().join("all.tvb");
    ok(tv(&v).args(["export", "--all", "--purpose", "court", "--profile", "pseudonymised", "--include-without-consent", "--to", &key, "--out"]).arg(&all));
    let m = manifest_of(&v, &all);
    assert_eq!((m.purpose, m.cases.len()), (Some(Purpose::Court), 3));
    assert!(m.cases.iter().all(|c| c.consent.as_ref().unwrap().included_explicitly));
}

#[test]
fn export_table_leaves_out_the_same_cases_and_includes_them_only_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let v = tmp.path().join("vault");
    vault_of_three(&v);
    let table = |name: &str, extra: &[&str]| {
        let out = tmp.path().join(name);
        let r = run(tv(&v).args(["export-table", "--all", "--format", "csv", "--plaintext"]).args(extra).arg("--out").arg(&out));
        (r, out)
    };
    let (r, out) = table("a.csv", &[]);
    assert!(r.ok, "{}", r.stderr);
    assert!(r.stderr.contains("left out NK-2026-0002: no consent recorded"), "{}", r.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("NK-2026-0001") && text.contains("NK-2026-0003") && !text.contains("NK-2026-0002"), "{text}");

    let (r, out) = table("b.csv", &["--include", "NK-2026-0002"]);
    assert!(r.ok, "{}", r.stderr);
    assert!(r.stderr.contains("included without consent covering it: NK-2026-0002 (no consent recorded)"), "{}", r.stderr);
    assert!(std::fs::read_to_string(&out).unwrap().contains("NK-2026-0002"));

    // Court: no case agreed to it, so nothing is written and the command fails.
    let (r, out) = table("c.csv", &["--purpose", "court"]);
    assert!(!r.ok, "{}", r.stdout);
    assert!(r.stderr.contains("left out NK-2026-0001"), "{}", r.stderr);
    assert!(!out.exists());
}
