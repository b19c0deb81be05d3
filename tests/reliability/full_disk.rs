//! A full disk, a full inode table and a read-only file system: every write
//! fails with a clear error or succeeds whole, the previous state is intact,
//! and no partial file is left for a later open to trip over.
//!
//! Needs root (a small tmpfs is mounted per test); elsewhere each test prints
//! why it was skipped. To extend to attachments and bundles: add the
//! operation to `OPS` in `disk_filled_to_every_level_...` (e.g. store an
//! attachment: on failure the attachment is absent or whole, and no
//! `.tmp-` file remains), and to the read-only list.

use crate::common::*;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use testimony_vault::sample::sample_case;
use testimony_vault::vault::{CreateOptions, Vault, VaultError};

const PAGE: u64 = 4096;

/// Fill the file system holding `dir` with one file; returns its path.
fn fill_space(dir: &Path) -> PathBuf {
    let path = dir.join("filler");
    let mut f = File::create(&path).unwrap();
    let chunk = vec![0u8; 64 * 1024];
    loop {
        match f.write_all(&chunk) {
            Ok(()) => {}
            Err(e) if e.raw_os_error() == Some(28) => break,
            Err(e) => panic!("filling: {e}"),
        }
    }
    // Down to the last page.
    let small = vec![0u8; 512];
    while f.write_all(&small).is_ok() {}
    path
}

fn free_space(filler: &Path, bytes: u64) {
    let f = File::options().write(true).open(filler).unwrap();
    let len = f.metadata().unwrap().len();
    f.set_len(len.saturating_sub(bytes)).unwrap();
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    all_files(dir).into_iter().filter(|p| p.to_string_lossy().contains(".tmp-")).collect()
}

fn assert_disk_full(r: &Result<impl std::fmt::Debug, VaultError>, what: &str) {
    if let Err(e) = r {
        assert!(matches!(e, VaultError::DiskFull { .. }), "{what}: expected DiskFull, got {e:?}");
        assert!(e.to_string().contains("disk is full") && e.to_string().contains("intact"), "{what}: {e}");
    }
}

/// Free space swept from nothing to enough, one page at a time, so the
/// failure moves through every step of each save.
#[test]
fn disk_filled_to_every_level_fails_saves_cleanly_and_keeps_the_previous_state() {
    let Some(fs_) = Tmpfs::mount("4m") else { return };
    let dir = fs_.path.join("vault");
    let mut vault = create_vault(&dir);
    let mut existing = sample_case(1, 2000);
    vault.save_case(&mut existing, "A").unwrap();
    drop(vault);
    let mut passphrase = PASS.to_string();
    let mut editor = String::new();
    let mut failures = [0usize; 5];
    for k in 0..=14u64 {
        let what = |op: &str| format!("{op} with {k} pages free");
        let mut vault = Vault::open(&dir, &pass(&passphrase)).unwrap();
        let before_rev = vault.load_case(existing.id).unwrap().revision();
        let filler = fill_space(&fs_.path);
        free_space(&filler, k * PAGE);

        let mut new_case = sample_case(100 + k as u32, 2500);
        let r_new = vault.save_case(&mut new_case, "A");
        assert_disk_full(&r_new, &what("new case"));
        let mut edited = vault.load_case(existing.id).unwrap();
        edited.narrative = format!("편집 {k} ").repeat(300);
        let r_edit = vault.save_case(&mut edited, "A");
        assert_disk_full(&r_edit, &what("edit"));
        let mut draft = edited.clone();
        draft.follow_up = format!("draft {k}");
        let r_draft = vault.save_draft(&draft);
        assert_disk_full(&r_draft, &what("draft"));
        let mut config = vault.config().clone();
        config.editor_name = format!("round {k}");
        let r_config = vault.set_config(config);
        assert_disk_full(&r_config, &what("settings"));
        let new_pass = format!("passphrase round {k}");
        let r_pass = vault.change_passphrase(&pass(&passphrase), &pass(&new_pass), TEST_WORK_FACTOR);
        assert_disk_full(&r_pass, &what("passphrase"));
        for (i, failed) in [r_new.is_err(), r_edit.is_err(), r_draft.is_err(), r_config.is_err(), r_pass.is_err()]
            .into_iter()
            .enumerate()
        {
            failures[i] += usize::from(failed);
        }
        // A failed write cleans up after itself, before any reopen.
        assert!(temp_files(&dir).is_empty(), "{}: {:?}", what("partial files"), temp_files(&dir));
        drop(vault);
        fs::remove_file(&filler).unwrap();

        if r_pass.is_ok() {
            passphrase = new_pass;
        }
        let vault = Vault::open(&dir, &pass(&passphrase)).unwrap_or_else(|e| panic!("{}: {e}", what("reopen")));
        let report = vault.open_report();
        assert!(report.damaged.is_empty() && report.leftovers_removed == 0, "{}: {report:?}", what("reopen"));
        // The new case: saved whole, or absent; a save whose case file was
        // written but whose index was not is whole too.
        match vault.load_case(new_case.id) {
            Ok(c) => assert_eq!(c.revision(), 1, "{}", what("new case")),
            Err(VaultError::NoSuchCase(_)) => assert!(r_new.is_err(), "{}: reported saved, missing", what("new case")),
            Err(e) => panic!("{}: {e}", what("new case")),
        }
        let now = vault.load_case(existing.id).unwrap();
        if r_edit.is_ok() {
            assert_eq!(now.revision(), before_rev + 1);
            assert_eq!(now.narrative, edited.narrative);
        } else {
            assert!(now.revision() == before_rev || now.revision() == before_rev + 1, "{}", what("edit"));
        }
        assert_eq!(now.last_hash(), now.content_hash());
        match vault.load_draft(existing.id).unwrap() {
            Some(d) if r_draft.is_ok() => assert_eq!(d.follow_up, draft.follow_up),
            Some(d) => assert_ne!(d.follow_up, draft.follow_up, "{}", what("draft")),
            None => assert!(r_draft.is_err() || now.revision() > before_rev, "{}", what("draft")),
        }
        if r_config.is_ok() {
            editor = format!("round {k}");
        }
        assert_eq!(vault.config().editor_name, editor, "{}", what("settings"));
        search_answers_as_the_cases_do(&vault, &what("search"));
        drop(vault);
    }
    println!("full disk: 15 levels of free space; failures per operation (new case, edit, draft, settings, passphrase): {failures:?}");
    assert!(failures.iter().all(|&f| f > 0), "the sweep must start on a disk too full for every operation");
    assert!(failures.iter().all(|&f| f < 15), "the sweep must end with room for every operation");
}

/// The search index, loaded (and repaired) after a save that may have
/// failed at its delta, answers as a fresh index of the case files does.
fn search_answers_as_the_cases_do(vault: &Vault, what: &str) {
    use testimony_vault::search::{store, SearchIndex};
    let (mut stored, report) = store::open(vault);
    assert!(report.damaged.is_empty() && report.not_saved.is_none(), "{what}: {report:?}");
    let cases: Vec<_> = vault.load_all().into_iter().map(Result::unwrap).collect();
    let mut fresh = SearchIndex::build(cases.iter());
    for q in ["", "편집", "수용소", "Hyesan"] {
        let (mut a, mut b) = (stored.search(q), fresh.search(q));
        a.sort();
        b.sort();
        assert_eq!(a, b, "{what}: {q}");
    }
}

/// A search index that cannot be saved (a full disk at open) is said, does
/// not stop search, and is saved at a later open with room.
#[test]
fn a_search_index_that_cannot_be_saved_is_said_and_rebuilt_later() {
    let _en = english();
    let Some(fs_) = Tmpfs::mount("2m") else { return };
    let dir = fs_.path.join("vault");
    let mut vault = create_vault(&dir);
    let mut case = sample_case(4, 500);
    case.narrative = "qqzx 혜산".into();
    vault.save_case(&mut case, "A").unwrap();
    drop(vault);
    let _ = fs::remove_dir_all(dir.join("search"));
    let filler = fill_space(&fs_.path);
    let vault = Vault::open(&dir, &pass(PASS)).expect("opens on a full disk");
    let (mut index, report) = testimony_vault::search::store::open(&vault);
    assert_eq!(index.search("qqzx"), vec![case.id], "search works without the saved index");
    let said = report.notices();
    assert!(matches!(report.not_saved, Some(VaultError::DiskFull { .. })), "{report:?}");
    assert!(said.iter().any(|n| n.contains("search index could not be saved")), "{said:?}");
    assert!(temp_files(&dir).is_empty(), "no partial index left");
    drop(vault);
    fs::remove_file(filler).unwrap();
    let vault = open_vault(&dir);
    let (_, report) = testimony_vault::search::store::open(&vault);
    assert!(report.not_saved.is_none() && report.rebuilt.is_some(), "{report:?}");
    let (mut index, report) = testimony_vault::search::store::open(&vault);
    assert!(report.rebuilt.is_none(), "saved once there was room");
    assert_eq!(index.search("Hyesan"), vec![case.id]);
}

/// No free inodes: the temporary file cannot even be created.
#[test]
fn no_free_inodes_fails_saves_cleanly() {
    let Some(fs_) = Tmpfs::mount("4m,nr_inodes=40") else { return };
    let dir = fs_.path.join("vault");
    let mut vault = create_vault(&dir);
    let mut case = sample_case(2, 500);
    vault.save_case(&mut case, "A").unwrap();
    let saved = case.clone();
    let spare = fs_.path.join("spare");
    fs::create_dir(&spare).unwrap();
    let mut n = 0;
    while File::create(spare.join(n.to_string())).is_ok() {
        n += 1;
    }
    case.narrative = "no inode for this".into();
    let err = vault.save_case(&mut case, "A").unwrap_err();
    assert!(matches!(err, VaultError::DiskFull { .. }), "{err:?}");
    assert!(vault.save_draft(&case).is_err());
    assert!(temp_files(&dir).is_empty());
    drop(vault);
    fs::remove_dir_all(&spare).unwrap();
    let vault = open_vault(&dir);
    assert_eq!(vault.load_case(saved.id).unwrap(), saved);
    assert!(vault.open_report().damaged.is_empty());
    println!("inodes: {n} spare files filled the table; the save failed with: {err}");
}

/// A vault whose index must be rebuilt still opens on a full disk: the
/// index is only a cache, and reading needs no space.
#[test]
fn a_full_disk_does_not_stop_the_vault_opening() {
    let Some(fs_) = Tmpfs::mount("2m") else { return };
    let dir = fs_.path.join("vault");
    let mut vault = create_vault(&dir);
    let mut case = sample_case(3, 500);
    vault.save_case(&mut case, "A").unwrap();
    drop(vault);
    for shard in all_files(&dir.join("index")) {
        fs::remove_file(shard).unwrap();
    }
    let filler = fill_space(&fs_.path);
    let mut vault = Vault::open(&dir, &pass(PASS)).expect("opens on a full disk");
    assert_eq!(vault.load_case(case.id).unwrap(), case);
    case.narrative = "no room".into();
    assert!(matches!(vault.save_case(&mut case, "A"), Err(VaultError::DiskFull { .. })));
    drop(vault);
    fs::remove_file(filler).unwrap();
    assert!(open_vault(&dir).open_report().index_rebuilt);
}

/// Creating a vault on a full disk fails clearly and leaves the folder
/// empty, so the same folder can be used once there is room.
#[test]
fn creating_a_vault_on_a_full_disk_fails_clearly_and_can_be_retried() {
    let Some(fs_) = Tmpfs::mount("2m") else { return };
    let dir = fs_.path.join("vault");
    let filler = fill_space(&fs_.path);
    let err = Vault::create_with(&dir, &pass(PASS), &CreateOptions { work_factor: TEST_WORK_FACTOR }).unwrap_err();
    assert!(matches!(err, VaultError::DiskFull { .. }), "{err:?}");
    assert!(matches!(Vault::open(&dir, &pass(PASS)), Err(VaultError::NotAVault { .. })));
    fs::remove_file(filler).unwrap();
    let vault = Vault::create_with(&dir, &pass(PASS), &CreateOptions { work_factor: TEST_WORK_FACTOR })
        .expect("the folder a failed creation used can be used again");
    drop(vault);
    open_vault(&dir);
}

/// The file system turns read-only under a vault (a write-protected stick, a
/// disk remounted read-only after errors): reading works, every write is
/// refused plainly, not a byte changes, and all is well once writable again.
#[test]
fn a_read_only_remount_refuses_every_write_and_changes_nothing() {
    let Some(fs_) = Tmpfs::mount("4m") else { return };
    let dir = fs_.path.join("vault");
    let mut vault = create_vault(&dir);
    let mut case = sample_case(4, 800);
    vault.save_case(&mut case, "A").unwrap();
    vault.save_draft(&case).unwrap();
    drop(vault);
    let snapshot: Vec<(PathBuf, Vec<u8>)> = all_files(&dir).into_iter().map(|p| (p.clone(), fs::read(&p).unwrap())).collect();
    assert!(fs_.remount_read_only());

    let mut vault = open_vault(&dir);
    assert!(vault.is_read_only());
    assert_eq!(vault.load_case(case.id).unwrap(), case);
    let mut edited = case.clone();
    edited.narrative = "cannot be written".into();
    let results = [
        ("save", vault.save_case(&mut edited, "A").map(|_| ())),
        ("write", vault.write_case(&edited)),
        ("draft", vault.save_draft(&edited)),
        ("settings", vault.set_config(vault.config().clone())),
        ("passphrase", vault.change_passphrase(&pass(PASS), &pass("another passphrase"), TEST_WORK_FACTOR)),
        ("discard draft", vault.discard_draft(case.id)),
    ];
    for (what, r) in results {
        let err = r.expect_err(what);
        assert!(matches!(err, VaultError::ReadOnly { .. }), "{what}: {err:?}");
        assert!(err.to_string().contains("intact"), "{what}: {err}");
    }
    drop(vault);
    let after: Vec<(PathBuf, Vec<u8>)> = all_files(&dir).into_iter().map(|p| (p.clone(), fs::read(&p).unwrap())).collect();
    assert_eq!(snapshot, after, "nothing changed on a read-only disk");

    let ok = Command::new("mount").args(["-o", "remount,rw"]).arg(&fs_.path).status().is_ok_and(|s| s.success());
    assert!(ok, "remount read-write");
    let mut vault = open_vault(&dir);
    assert!(!vault.is_read_only());
    let report = vault.open_report();
    assert!(report.damaged.is_empty() && report.leftovers_removed == 0, "{report:?}");
    vault.save_case(&mut edited, "A").unwrap();
    assert_eq!(vault.load_case(case.id).unwrap().revision(), 2);
}

/// An import is one step: on a disk that fills up part way through, either
/// every case of the bundle is stored or none is, a case it would have
/// replaced keeps its stored version, and no temporary file is left.
#[test]
fn an_import_on_a_full_disk_stores_every_case_or_none() {
    use testimony_vault::bundle::{self, BundleError, ExportOptions, Selection, Unlock};
    let Some(fs_) = Tmpfs::mount("4m") else { return };
    let outside = tempfile::tempdir().unwrap();
    let key = age::x25519::Identity::generate();
    let export = |vault: &Vault, name: &str| {
        let ids = Selection { all: true, ..Default::default() }.select(vault);
        let path = outside.path().join(name);
        let options = ExportOptions { recipients: vec![key.to_public()], ..Default::default() };
        bundle::export_cases(vault, &ids, &options, &path).unwrap();
        path
    };
    let unlock = Unlock::with_identity(key.clone());

    // The field vault has case A; the organisation's copy then moves A on
    // and adds 40 cases.
    let mut source = create_vault(&outside.path().join("source"));
    let mut a = sample_case(1, 1500);
    source.save_case(&mut a, "A").unwrap();
    let first = export(&source, "first.tvb");
    let dir = fs_.path.join("vault");
    let mut vault = create_vault(&dir);
    bundle::import_with(&mut vault, &first, &unlock, "A", &trusting()).unwrap();
    let a_here = vault.load_case(a.id).unwrap();
    drop(vault);
    a.narrative = "수정된 진술 / edited account".repeat(40);
    source.save_case(&mut a, "A").unwrap();
    for n in 2..=41 {
        source.save_case(&mut sample_case(n, 1500), "A").unwrap();
    }
    let second = export(&source, "second.tvb");

    let (mut failed, mut stored) = (0, 0);
    for k in (0..=160u64).step_by(10) {
        let what = format!("import with {k} pages free");
        let mut vault = open_vault(&dir);
        let filler = fill_space(&fs_.path);
        free_space(&filler, k * PAGE);
        let result = bundle::import_with(&mut vault, &second, &unlock, "A", &trusting());
        assert!(temp_files(&dir).is_empty(), "{what}: {:?}", temp_files(&dir));
        fs::remove_file(&filler).unwrap();
        match result {
            Ok(report) => {
                assert_eq!((report.added(), report.updated()), (40, 1), "{what}");
                stored += 1;
                break;
            }
            Err(BundleError::Vault(e)) => {
                assert!(matches!(e, VaultError::DiskFull { .. }), "{what}: {e:?}");
                failed += 1;
                // The vault in memory and on disk is as before.
                assert_eq!(vault.len(), 1, "{what}");
                drop(vault);
                let vault = open_vault(&dir);
                let report = vault.open_report();
                assert!(report.damaged.is_empty() && report.leftovers_removed == 0, "{what}: {report:?}");
                assert_eq!(vault.len(), 1, "{what}: a case of a failed import was kept");
                assert_eq!(vault.load_case(a.id).unwrap(), a_here, "{what}: case A changed");
            }
            Err(e) => panic!("{what}: {e:?}"),
        }
    }
    let vault = open_vault(&dir);
    assert_eq!(vault.len(), 41);
    assert_eq!(vault.load_case(a.id).unwrap().narrative, a.narrative);
    println!("full disk import: {failed} levels failed cleanly before one had room");
    assert!(failed > 0 && stored == 1, "the sweep must start too full and end with room");
}

/// The import options of a vault that trusts the sending vault: the
/// bundles here come from a vault made for the test.
fn trusting() -> testimony_vault::bundle::ImportOptions {
    testimony_vault::bundle::ImportOptions { trust_signer: Some("source".into()) }
}
