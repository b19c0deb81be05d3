//! The window's unlock reads the case files' names only
//! ([`CaseCheck::Later`]); their sizes and times are checked just after
//! ([`Vault::scan_case_files`], [`Vault::apply_case_scan`]). Whatever that
//! check finds, an open with [`CaseCheck::Now`] finds too, and a save made
//! between the two halves is never taken for a change behind its back.

use crate::common::{create_vault, open_vault, pass, PASS};
use std::fs;
use testimony_vault::model::Case;
use testimony_vault::sample::sample_case;
use testimony_vault::vault::{atomic, CaseCheck, Vault};

fn later(dir: &std::path::Path) -> Vault {
    Vault::open_with(dir, &pass(PASS), CaseCheck::Later).unwrap()
}

/// Three saved cases; the second saved twice, so it has an older generation.
fn three_cases(dir: &std::path::Path) -> Vec<Case> {
    let mut vault = create_vault(dir);
    let mut cases: Vec<Case> = (1..=3).map(|i| sample_case(i, 300)).collect();
    for c in &mut cases {
        vault.save_case(c, "A").unwrap();
    }
    cases[1].follow_up = "a second revision".into();
    vault.save_case(&mut cases[1], "A").unwrap();
    cases
}

#[test]
fn files_changed_in_place_are_found_by_the_check_after_a_names_only_open() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let cases = three_cases(&dir);
    let (damaged, older) = (&cases[0], &cases[1]);
    {
        let vault = open_vault(&dir);
        // In place, as a careless copy would: the names stay, the bytes change.
        let path = vault.case_path(damaged.id);
        let mut bytes = fs::read(&path).unwrap();
        let n = bytes.len();
        bytes[n - 10] ^= 0x55;
        fs::write(&path, bytes).unwrap();
        let path = vault.case_path(older.id);
        fs::write(&path, fs::read(atomic::previous_path(&path)).unwrap()).unwrap();
    }
    let mut vault = later(&dir);
    assert!(vault.open_report().damaged.is_empty(), "names only: {:?}", vault.open_report().damaged);
    assert_eq!(vault.len(), 3);
    assert_eq!(vault.summary(older.id).unwrap().revision, 2, "the index entry, not yet checked");

    let scan = Vault::scan_case_files(&dir, true).unwrap();
    let checked = vault.apply_case_scan(scan);
    assert_eq!(checked.removed, vec![damaged.id], "{checked:?}");
    assert_eq!(checked.changed.iter().map(|s| (s.id, s.revision)).collect::<Vec<_>>(), vec![(older.id, 1)]);
    assert_eq!(checked.said.len(), 1, "{checked:?}");
    assert!(checked.said[0].contains(&damaged.id.to_string()), "{:?}", checked.said);
    assert_eq!(vault.len(), 2);
    assert_eq!(vault.summary(older.id).unwrap().revision, 1);
    drop(vault);

    // The index now describes the files: an open that checks everything
    // agrees, and rebuilds nothing but the damaged case's entry again.
    let vault = open_vault(&dir);
    assert_eq!(vault.len(), 2);
    assert_eq!(vault.summary(older.id).unwrap().revision, 1);
    assert_eq!(vault.open_report().damaged.len(), 1, "{:?}", vault.open_report().damaged);
}

#[test]
fn saves_between_the_scan_and_its_check_are_not_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let mut cases = three_cases(&dir);
    let mut vault = later(&dir);
    let scan = Vault::scan_case_files(&dir, true).unwrap();
    // The interviewer is quick: an edit and a new case before the check.
    cases[2].follow_up = "edited before the check".into();
    vault.save_case(&mut cases[2], "A").unwrap();
    let mut new = sample_case(9, 100);
    vault.save_case(&mut new, "A").unwrap();
    let checked = vault.apply_case_scan(scan);
    assert!(checked.changed.is_empty() && checked.removed.is_empty() && checked.said.is_empty(), "{checked:?}");
    assert_eq!(checked.missing, 0);
    assert_eq!(vault.len(), 4);
    drop(vault);
    let vault = open_vault(&dir);
    assert!(!vault.open_report().index_rebuilt, "every entry matched its file");
    assert_eq!(vault.summary(cases[2].id).unwrap().revision, 2);
}

#[test]
fn a_names_only_open_still_deals_with_vanished_files_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let cases = three_cases(&dir);
    {
        let vault = open_vault(&dir);
        // Gone with no earlier copy, and gone with one (the second case).
        fs::remove_file(vault.case_path(cases[0].id)).unwrap();
        fs::remove_file(vault.case_path(cases[1].id)).unwrap();
    }
    let mut vault = later(&dir);
    let report = vault.open_report();
    assert_eq!(report.missing.iter().map(|s| s.id).collect::<Vec<_>>(), vec![cases[0].id], "{report:?}");
    assert_eq!(report.restored, vec![(cases[1].code.clone(), 1)], "{report:?}");
    assert_eq!(vault.len(), 2);
    let checked = vault.apply_case_scan(Vault::scan_case_files(&dir, true).unwrap());
    assert!(checked.changed.is_empty() && checked.removed.is_empty() && checked.said.is_empty(), "{checked:?}");
}

#[test]
fn loose_modes_are_tightened_and_said_by_the_check_after_a_names_only_open() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let cases = three_cases(&dir);
    let path = open_vault(&dir).case_path(cases[2].id);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let mut vault = later(&dir);
    assert_eq!(vault.open_report().modes_tightened, 0, "names only: no stat, no chmod");
    let _english = crate::common::english();
    let checked = vault.apply_case_scan(Vault::scan_case_files(&dir, true).unwrap());
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(checked.said.len(), 1, "{checked:?}");
    assert!(checked.said[0].contains('1'), "{:?}", checked.said);
    assert!(checked.changed.is_empty(), "a mode is not a change of content: {checked:?}");
}
