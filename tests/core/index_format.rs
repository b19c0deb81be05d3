//! The index shards' binary format (2, postcard) and the migration of
//! vaults whose shards are RON (format 1): they open from their index, are
//! rewritten, and a damaged or newer shard is handled like any other.

use crate::common::index_fixture::{copy_index_v1_fixture, key_of, plaintext, shards, FIXTURE, FIXTURE_PASS, MAGIC};
use crate::common::{all_files, create_vault, open_vault, pass};
use std::fs;
use std::path::Path;
use testimony_vault::sample::sample_case;
use testimony_vault::vault::format::{self, IndexFile, INDEX_FORMAT};
use testimony_vault::vault::{crypto, Vault, VaultError, VaultKey};

fn write_shard(key: &VaultKey, file: &Path, plaintext: &[u8]) {
    fs::write(file, crypto::encrypt(&[key.recipient()], plaintext, "test").unwrap()).unwrap();
}

fn fixture_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_index_v1_fixture(dir.path());
    dir
}

#[test]
fn a_vault_with_format_1_shards_opens_from_its_index_and_is_migrated() {
    let dir = fixture_copy();
    let vault = Vault::open(dir.path(), &pass(FIXTURE_PASS)).unwrap();
    let report = vault.open_report();
    assert!(report.damaged.is_empty(), "{report:?}");
    assert!(!report.index_rebuilt, "fresh format-1 entries are read, not rebuilt from the cases");
    assert_eq!(vault.len(), 3);
    for s in vault.summaries() {
        assert_eq!(&vault.load_case(s.id).unwrap().summary(), s);
    }
    let codes: Vec<_> = vault.summaries().map(|s| s.code.clone()).collect();
    drop(vault);
    let key = key_of(dir.path(), FIXTURE_PASS);
    for shard in shards(dir.path()) {
        assert!(plaintext(&key, &shard).starts_with(MAGIC), "{} rewritten as format 2", shard.display());
    }
    let mut again = Vault::open(dir.path(), &pass(FIXTURE_PASS)).unwrap();
    assert!(!again.open_report().index_rebuilt && again.open_report().damaged.is_empty());
    let mut codes_again: Vec<_> = again.summaries().map(|s| s.code.clone()).collect();
    codes_again.sort();
    let mut codes = codes;
    codes.sort();
    assert_eq!(codes, codes_again);
    assert_eq!(again.new_case().code.rsplit('-').next(), Some("0004"), "the counter survives the migration");
}

#[test]
fn a_damaged_binary_shard_is_rebuilt_from_the_cases() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create_vault(dir.path());
    let cases: Vec<_> = (1..=40).map(|i| sample_case(i, 200)).collect();
    vault.write_cases(&cases).unwrap();
    let key = vault.key().clone();
    drop(vault);
    let shard = shards(dir.path())[0].clone();
    let mut bytes = plaintext(&key, &shard);
    assert!(bytes.starts_with(MAGIC));
    // Valid encryption, nonsense after the header: as a damaged shard.
    bytes.truncate(MAGIC.len() + 4);
    bytes.extend_from_slice(&[0xff; 9]);
    write_shard(&key, &shard, &bytes);
    let vault = open_vault(dir.path());
    assert!(vault.open_report().index_rebuilt);
    assert_eq!(vault.len(), 40);
    drop(vault);
    assert!(!open_vault(dir.path()).open_report().index_rebuilt, "rewritten whole");
}

#[test]
fn a_shard_of_a_newer_format_is_refused_not_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create_vault(dir.path());
    vault.write_case(&sample_case(1, 100)).unwrap();
    let key = vault.key().clone();
    drop(vault);
    let shard = shards(dir.path())[0].clone();
    let mut bytes = plaintext(&key, &shard);
    bytes[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&(INDEX_FORMAT + 1).to_le_bytes());
    write_shard(&key, &shard, &bytes);
    let err = Vault::open(dir.path(), &pass(crate::common::PASS)).unwrap_err();
    assert!(matches!(err, VaultError::NewerVersion { found, .. } if found == INDEX_FORMAT + 1), "{err:?}");
}

#[test]
fn both_formats_decode_to_the_same_index() {
    let case = sample_case(5, 300);
    let index = IndexFile {
        format: INDEX_FORMAT,
        vault_id: uuid::Uuid::from_u128(9),
        next_number: 6,
        entries: vec![format::IndexEntry { summary: case.summary(), file_len: 10, file_mtime_ns: -3 }],
    };
    let new = format::decode_index(&format::encode_index(&index), Path::new("n")).unwrap();
    let old = format::decode_index(&format::encode_index_v1(&index), Path::new("o")).unwrap();
    assert_eq!((new.format, old.format), (INDEX_FORMAT, 1));
    assert_eq!(new.entries[0].summary, old.entries[0].summary);
    assert_eq!((new.vault_id, new.next_number, new.entries[0].file_mtime_ns), (old.vault_id, old.next_number, -3));
}

/// Writes `tests/fixtures/vault-index-v1`: a vault whose index shards are
/// RON, format 1, exactly as versions before format 2 wrote them. Run once
/// with `cargo test --test core -- --ignored make_index_v1_fixture`.
#[test]
#[ignore]
fn make_index_v1_fixture() {
    use testimony_vault::vault::CreateOptions;
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
    let _ = fs::remove_dir_all(&out);
    let mut vault = Vault::create_with(&out, &pass(FIXTURE_PASS), &CreateOptions { work_factor: 10 }).unwrap();
    let mut cases: Vec<_> = (1..=3).map(|i| sample_case(i, 400)).collect();
    for c in &mut cases {
        vault.save_case(c, "면담자 K").unwrap();
    }
    let key = vault.key().clone();
    drop(vault);
    for shard in shards(&out) {
        let index = format::decode_index(&plaintext(&key, &shard), &shard).unwrap();
        write_shard(&key, &shard, &format::encode_index_v1(&index));
    }
    for f in all_files(&out) {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        if name == "vault.lock" || name.ends_with(".prev") {
            fs::remove_file(f).unwrap();
        }
    }
}
