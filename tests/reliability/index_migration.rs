//! The migration of index shards from RON (format 1) to postcard (format
//! 2) at open: on a full disk the vault still opens from its old shards
//! and migrates later; shards of both formats side by side (a migration
//! cut short) open without a rebuild; a damaged shard of either format is
//! rebuilt from the case files.

use crate::common::index_fixture::{copy_index_v1_fixture, key_of, plaintext, shards, FIXTURE_PASS, MAGIC};
use crate::common::*;
use std::fs::{self, File};
use std::io::Write;
use testimony_vault::vault::{crypto, format, Vault};

fn fill(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("filler");
    let mut f = File::create(&path).unwrap();
    let chunk = vec![0u8; 16 * 1024];
    while f.write_all(&chunk).is_ok() {}
    while f.write_all(&[0u8; 256]).is_ok() {}
    path
}

#[test]
fn a_full_disk_opens_old_shards_and_the_next_open_migrates_them() {
    let Some(fs_) = Tmpfs::mount("2m") else { return };
    let dir = fs_.path.join("vault");
    copy_index_v1_fixture(&dir);
    let filler = fill(&fs_.path);
    let vault = Vault::open(&dir, &pass(FIXTURE_PASS)).expect("opens on a full disk");
    assert_eq!(vault.len(), 3);
    assert!(!vault.open_report().index_rebuilt, "{:?}", vault.open_report());
    for s in vault.summaries() {
        assert_eq!(&vault.load_case(s.id).unwrap().summary(), s);
    }
    drop(vault);
    let key = key_of(&dir, FIXTURE_PASS);
    for shard in shards(&dir) {
        // No room: each shard is whole, of one format or the other.
        let bytes = plaintext(&key, &shard);
        assert!(format::decode_index(&bytes, &shard).is_ok(), "{}", shard.display());
    }
    assert!(all_files(&dir).iter().all(|p| !p.to_string_lossy().contains(".tmp-")), "no partial file left");
    fs::remove_file(filler).unwrap();
    let vault = Vault::open(&dir, &pass(FIXTURE_PASS)).unwrap();
    assert_eq!(vault.len(), 3);
    drop(vault);
    for shard in shards(&dir) {
        assert!(plaintext(&key, &shard).starts_with(MAGIC), "{} migrated once there was room", shard.display());
    }
}

#[test]
fn shards_of_both_formats_open_without_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    copy_index_v1_fixture(dir.path());
    let key = key_of(dir.path(), FIXTURE_PASS);
    // As a migration cut short after its first shard.
    let first = shards(dir.path())[0].clone();
    let index = format::decode_index(&plaintext(&key, &first), &first).unwrap();
    let modern = crypto::encrypt(&[key.recipient()], &format::encode_index(&index), "test").unwrap();
    fs::write(&first, modern).unwrap();
    let vault = Vault::open(dir.path(), &pass(FIXTURE_PASS)).unwrap();
    assert_eq!(vault.len(), 3);
    assert!(!vault.open_report().index_rebuilt && vault.open_report().damaged.is_empty(), "{:?}", vault.open_report());
}

#[test]
fn a_damaged_old_shard_is_rebuilt_in_the_new_format() {
    let dir = tempfile::tempdir().unwrap();
    copy_index_v1_fixture(dir.path());
    let key = key_of(dir.path(), FIXTURE_PASS);
    let first = shards(dir.path())[0].clone();
    let mut text = plaintext(&key, &first);
    text.truncate(text.len() / 2);
    fs::write(&first, crypto::encrypt(&[key.recipient()], &text, "test").unwrap()).unwrap();
    let vault = Vault::open(dir.path(), &pass(FIXTURE_PASS)).unwrap();
    assert!(vault.open_report().index_rebuilt);
    assert_eq!(vault.len(), 3);
    drop(vault);
    assert!(plaintext(&key, &first).starts_with(MAGIC));
}
