//! The search index kept on disk (`search/`): built at the first open of a
//! vault that has none (today's and older formats), used at later opens,
//! updated by every write, and rebuilt whenever it is missing, damaged,
//! stale or from elsewhere, always giving what a fresh index of the case
//! files gives.

use crate::common::*;
use std::fs;
use std::path::Path;
use testimony_vault::sample::sample_case;
use testimony_vault::search::store::{self, Rebuilt};
use testimony_vault::search::SearchIndex;
use testimony_vault::vault::Vault;
use testimony_vault::Case;
use uuid::Uuid;

const QUERIES: &[&str] = &["수용소", "Sinuiju", "Kim Joonsik", "Hoeryong", "hyes", "ㅅ", "s", "zqxj", "", "detention 2026"];

/// What a fresh index of the case files answers.
fn fresh_answers(vault: &Vault, queries: &[&str]) -> Vec<Vec<Uuid>> {
    let cases: Vec<Case> = vault.load_all().into_iter().map(Result::unwrap).collect();
    let mut index = SearchIndex::build(cases.iter());
    queries.iter().map(|q| sorted(index.search(q))).collect()
}

fn answers(index: &mut SearchIndex, queries: &[&str]) -> Vec<Vec<Uuid>> {
    queries.iter().map(|q| sorted(index.search(q))).collect()
}

fn sorted(mut ids: Vec<Uuid>) -> Vec<Uuid> {
    ids.sort();
    ids
}

/// A vault of `n` sample cases, closed.
fn vault_of(n: u32) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create_vault(dir.path());
    let cases: Vec<Case> = (1..=n).map(|i| sample_case(i, 600)).collect();
    vault.write_cases(&cases).unwrap();
    dir
}

fn index_file(dir: &Path) -> std::path::PathBuf {
    dir.join("search/index.age")
}

fn deltas(dir: &Path) -> usize {
    fs::read_dir(dir.join("search")).map_or(0, |d| {
        d.flatten().filter(|e| e.file_name().to_string_lossy().starts_with("delta-")).count()
    })
}

/// Open the index and check it answers as a fresh one does.
fn open_and_check(dir: &Path) -> store::LoadReport {
    let vault = open_vault(dir);
    let (mut index, report) = store::open(&vault);
    assert_eq!(answers(&mut index, QUERIES), fresh_answers(&vault, QUERIES), "{report:?}");
    assert_eq!(index.len(), vault.len());
    report
}

#[test]
fn the_first_open_builds_the_index_and_later_opens_read_it() {
    let dir = vault_of(30);
    // write_cases of 30 cases wrote a delta: the first open folds it in.
    fs::remove_dir_all(dir.path().join("search")).unwrap();
    let first = open_and_check(dir.path());
    assert_eq!(first.rebuilt, Some(Rebuilt::Missing));
    assert_eq!(first.reindexed, 30);
    assert!(first.notices().is_empty(), "a first build is no news: {:?}", first.notices());
    assert!(index_file(dir.path()).is_file());
    let second = open_and_check(dir.path());
    assert_eq!((second.rebuilt, second.reindexed, second.deltas), (None, 0, 0));
}

#[test]
fn a_save_writes_a_delta_that_the_next_open_folds_in() {
    let dir = vault_of(10);
    open_and_check(dir.path());
    assert_eq!(deltas(dir.path()), 0, "the open folded the deltas into the index");
    let mut vault = open_vault(dir.path());
    let id = vault.summaries().next().unwrap().id;
    let mut case = vault.load_case(id).unwrap();
    case.narrative = "회령 근처 zzkw 마을".into();
    vault.save_case(&mut case, "A").unwrap();
    assert_eq!(deltas(dir.path()), 1);
    drop(vault);
    let report = open_and_check(dir.path());
    assert_eq!((report.rebuilt, report.reindexed, report.deltas), (None, 0, 1), "{report:?}");
    let vault = open_vault(dir.path());
    let (mut index, _) = store::open(&vault);
    assert_eq!(index.search("zzkw"), vec![id]);
    assert_eq!(deltas(dir.path()), 0);
}

#[test]
fn a_case_saved_without_its_index_update_is_indexed_again() {
    let dir = vault_of(10);
    open_and_check(dir.path());
    let mut vault = open_vault(dir.path());
    let id = vault.summaries().next().unwrap().id;
    let mut case = vault.load_case(id).unwrap();
    case.narrative = "qqvx 평양".into();
    vault.save_case(&mut case, "A").unwrap();
    drop(vault);
    // As a crash between the case file and its delta leaves it.
    fs::remove_dir_all(dir.path().join("search")).unwrap();
    fs::create_dir(dir.path().join("search")).unwrap();
    let report = open_and_check(dir.path());
    assert_eq!(report.rebuilt, Some(Rebuilt::Missing));
    // And with an old index still in place: only the changed case is read.
    let mut vault = open_vault(dir.path());
    let mut case = vault.load_case(id).unwrap();
    case.narrative = "wwjq 평양".into();
    vault.save_case(&mut case, "A").unwrap();
    drop(vault);
    for d in fs::read_dir(dir.path().join("search")).unwrap().flatten() {
        if d.file_name().to_string_lossy().starts_with("delta-") {
            fs::remove_file(d.path()).unwrap();
        }
    }
    let report = open_and_check(dir.path());
    assert_eq!((report.rebuilt, report.reindexed), (None, 1), "{report:?}");
    let vault = open_vault(dir.path());
    let (mut index, _) = store::open(&vault);
    assert_eq!(index.search("wwjq"), vec![id]);
    assert!(index.search("qqvx").is_empty());
}

#[test]
fn a_damaged_truncated_or_foreign_index_is_rebuilt_with_a_notice() {
    let _en = english();
    let dir = vault_of(12);
    open_and_check(dir.path());
    let good = fs::read(index_file(dir.path())).unwrap();
    let other = vault_of(5);
    open_and_check(other.path());
    let foreign = fs::read(index_file(other.path())).unwrap();
    let mut flipped = good.clone();
    let at = flipped.len() / 2;
    flipped[at] ^= 0x40;
    let damaged: [(&str, Vec<u8>); 4] = [
        ("flipped", flipped),
        ("truncated", good[..good.len() * 2 / 3].to_vec()),
        ("another vault's", foreign),
        ("garbage", b"not an age file".to_vec()),
    ];
    for (what, bytes) in damaged {
        fs::write(index_file(dir.path()), &bytes).unwrap();
        let report = open_and_check(dir.path());
        assert_eq!(report.rebuilt, Some(Rebuilt::Damaged), "{what}");
        assert!(report.notices().iter().any(|n| n.contains("search index")), "{what}: the user is told");
        let again = open_and_check(dir.path());
        assert_eq!(again.rebuilt, None, "{what}: the rebuilt index was saved");
    }
}

#[test]
fn an_older_copy_of_the_index_is_brought_up_to_date() {
    let dir = vault_of(8);
    open_and_check(dir.path());
    let old = fs::read(index_file(dir.path())).unwrap();
    let mut vault = open_vault(dir.path());
    let ids: Vec<Uuid> = vault.summaries().map(|s| s.id).take(3).collect();
    for id in &ids {
        let mut case = vault.load_case(*id).unwrap();
        case.narrative = format!("edited kkzv {id}");
        vault.save_case(&mut case, "A").unwrap();
    }
    drop(vault);
    open_and_check(dir.path());
    // Put the older index back (a restored backup, a swapped file).
    fs::write(index_file(dir.path()), &old).unwrap();
    let report = open_and_check(dir.path());
    assert_eq!((report.rebuilt, report.reindexed), (None, 3));
    let vault = open_vault(dir.path());
    let (mut index, _) = store::open(&vault);
    assert_eq!(sorted(index.search("kkzv")), sorted(ids));
}

#[test]
fn an_index_of_another_format_version_is_rebuilt() {
    let _en = english();
    let dir = vault_of(4);
    open_and_check(dir.path());
    let vault = open_vault(dir.path());
    // A header naming format 99 (postcard: varint, then the 16 id bytes).
    let mut plaintext = postcard::to_stdvec(&(99u32, vault.vault_id())).unwrap();
    plaintext.extend_from_slice(b"whatever a later version writes");
    let recipient = vault.key().recipient().clone();
    let bytes = testimony_vault::vault::crypto::encrypt(&[&recipient], &plaintext, "test").unwrap();
    drop(vault);
    fs::write(index_file(dir.path()), bytes).unwrap();
    let report = open_and_check(dir.path());
    assert_eq!(report.rebuilt, Some(Rebuilt::OtherVersion));
    assert!(!report.notices().is_empty());
}

#[test]
fn an_unreadable_case_is_left_out_and_the_others_are_found() {
    let dir = vault_of(6);
    fs::remove_dir_all(dir.path().join("search")).unwrap();
    let vault = open_vault(dir.path());
    let bad = vault.summaries().next().unwrap().id;
    drop(vault);
    let path = dir.path().join(format!("cases/{bad}.age"));
    let mut bytes = fs::read(&path).unwrap();
    let at = bytes.len() - 20;
    bytes[at] ^= 1;
    fs::write(&path, bytes).unwrap();
    let vault = open_vault(dir.path());
    assert!(!vault.open_report().damaged.is_empty(), "the vault says so");
    let (mut index, _) = store::open(&vault);
    assert_eq!(index.len(), 5);
    assert!(!index.search("").contains(&bad));
}

#[test]
fn nothing_of_the_index_is_in_plaintext() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create_vault(dir.path());
    let mut case = sample_case(1, 300);
    case.narrative = "unmistakablesecretword 비밀증언단어".into();
    vault.write_case(&case).unwrap();
    drop(vault);
    open_and_check(dir.path());
    for needle in ["unmistakablesecretword", "비밀증언단어"] {
        let found = files_containing(dir.path(), needle.as_bytes());
        assert!(found.is_empty(), "{needle} in {found:?}");
    }
    assert!(index_file(dir.path()).is_file());
}

#[test]
fn a_vault_of_todays_format_without_an_index_migrates() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault-no-search-index");
    let dir = tempfile::tempdir().unwrap();
    for f in all_files(&fixture) {
        let rel = f.strip_prefix(&fixture).unwrap();
        fs::create_dir_all(dir.path().join(rel).parent().unwrap()).unwrap();
        fs::copy(&f, dir.path().join(rel)).unwrap();
    }
    assert!(!dir.path().join("search").exists());
    let report = open_and_check(dir.path());
    assert_eq!(report.rebuilt, Some(Rebuilt::Missing));
    assert_eq!(report.reindexed, 3);
    let vault = open_vault(dir.path());
    let (mut index, report) = store::open(&vault);
    assert_eq!(report.rebuilt, None);
    let codes: Vec<&str> = index.search("Sinuiju").iter().map(|id| vault.summary(*id).unwrap().code.as_str()).collect();
    assert!(codes.contains(&"NK-2026-0002"), "the case naming 신의주: {codes:?}");
}

/// Writes `tests/fixtures/vault-no-search-index`: a vault as the program
/// wrote it before the search index was kept (the same case files and
/// shards, no `search/`). Run once with `cargo test --test core --
/// --ignored make_no_search_index_fixture`; the files are committed.
#[test]
#[ignore]
fn make_no_search_index_fixture() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault-no-search-index");
    let _ = fs::remove_dir_all(&out);
    let mut vault = create_vault(&out);
    let mut cases: Vec<Case> = (1..=3).map(|i| sample_case(i, 200)).collect();
    cases[0].narrative = "혜산에서 태어났다.".into();
    cases[1].narrative = "신의주 보위부에 끌려갔다.".into();
    cases[2].narrative = "Detained near Hoeryong.".into();
    for mut c in cases {
        vault.save_case(&mut c, "fixture").unwrap();
    }
    drop(vault);
    fs::remove_dir_all(out.join("search")).unwrap();
    let _ = fs::remove_file(out.join("vault.lock"));
}
