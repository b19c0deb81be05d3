//! `tests/fixtures/vault-index-v1`: a vault whose index shards are RON
//! (index format 1), as every version before format 2 wrote them.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};
use testimony_vault::vault::{crypto, format, VaultKey};

pub const FIXTURE: &str = "tests/fixtures/vault-index-v1";
pub const FIXTURE_PASS: &str = "fixture passphrase index v1";
/// The first bytes of a format-2 shard's plaintext.
pub const MAGIC: &[u8] = b"TVINDEX\0";

/// The shard files (`index/<xx>.age`) of the vault in `dir`, sorted.
pub fn shards(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<_> = fs::read_dir(dir.join("index"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().len() == 6 && p.extension().is_some_and(|x| x == "age"))
        .collect();
    out.sort();
    out
}

pub fn key_of(dir: &Path, passphrase: &str) -> VaultKey {
    let bytes = fs::read(dir.join("key.age")).unwrap();
    VaultKey::unwrap(&bytes, &super::pass(passphrase), Path::new("key.age")).unwrap()
}

pub fn plaintext(key: &VaultKey, file: &Path) -> Vec<u8> {
    crypto::decrypt(key.identity(), &fs::read(file).unwrap(), file).unwrap().to_vec()
}

/// Copy the fixture into `to` (a vault folder, made here), giving its case
/// files the times its index records (a checkout does not keep them), so
/// that the index is fresh and is read, not rebuilt.
pub fn copy_index_v1_fixture(to: &Path) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
    for f in super::all_files(&fixture) {
        let dest = to.join(f.strip_prefix(&fixture).unwrap());
        fs::create_dir_all(dest.parent().unwrap()).unwrap();
        fs::copy(&f, &dest).unwrap();
    }
    let key = key_of(to, FIXTURE_PASS);
    for shard in shards(to) {
        let index = format::decode_index(&plaintext(&key, &shard), &shard).unwrap();
        assert_eq!(index.format, 1, "the fixture is of format 1");
        for e in &index.entries {
            let case = to.join("cases").join(format!("{}.age", e.summary.id));
            let at = UNIX_EPOCH + Duration::from_nanos(e.file_mtime_ns as u64);
            fs::File::options().write(true).open(&case).unwrap().set_modified(at).unwrap();
        }
    }
}
