//! The vaults the scale benchmarks share: `n` cases of `sample_case` with
//! ~3,000-character narratives, generated once and kept under
//! `target/tmp/bench-vaults/` (Cargo's `CARGO_TARGET_TMPDIR`), so that
//! `cargo bench` pays for the 100,000-case vault once. A finished vault is
//! marked by a `complete` file; a half-written one is discarded and made
//! again. Bump `LAYOUT` when the vault's files change shape, so a vault of
//! an older layout is not measured as if it were current.
#![allow(dead_code)]

use age::secrecy::SecretString;
use std::path::{Path, PathBuf};
use testimony_vault::model::history::before_of;
use testimony_vault::model::{now_utc, Case, Revision};
use testimony_vault::sample::sample_case;
use testimony_vault::vault::{CreateOptions, Vault, VaultKey};

pub const LAYOUT: &str = "layout-3";

/// The program's allocator (src/main.rs), so these figures are its own.
#[global_allocator]
static ALLOCATOR: testimony_vault::allocator::Program = testimony_vault::allocator::PROGRAM;

pub fn passphrase() -> SecretString {
    SecretString::from("benchmark passphrase 증언".to_string())
}

/// The folder of a ready vault of `n` cases (made now if missing).
pub fn scale_vault(n: u32, work_factor: u8) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("bench-vaults")
        .join(format!("{LAYOUT}-{n}-cases-wf{work_factor}"));
    if dir.join("complete").exists() {
        return dir;
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    make_vault(&dir, n, work_factor);
    std::fs::write(dir.join("complete"), b"").unwrap();
    dir
}

/// The vault key of a vault made by [`scale_vault`] (scrypt once).
pub fn scale_key(dir: &Path) -> VaultKey {
    let bytes = std::fs::read(dir.join("key.age")).unwrap();
    VaultKey::unwrap(&bytes, &passphrase(), Path::new("key.age")).unwrap()
}

/// A vault of `n` cases, written in batches (as an import writes them:
/// one sync a batch, not one a file). Each case has the history of a case
/// made in the program and saved once more: two revisions, each signed by
/// the vault, so an export of it carries the signatures an import checks.
pub fn make_vault(dir: &Path, n: u32, work_factor: u8) {
    let mut vault = Vault::create_with(dir, &passphrase(), &CreateOptions { work_factor }).unwrap();
    let mut start = 1;
    while start <= n {
        let end = (start + 999).min(n);
        let cases: Vec<_> = (start..=end).map(|i| sample_with_history(&vault, i)).collect();
        vault.write_cases_all_or_nothing(&cases, "benchmark").unwrap();
        start = end + 1;
    }
}

fn sample_with_history(vault: &Vault, i: u32) -> Case {
    let mut case = sample_case(i, 3000);
    let mut first = case.clone();
    first.follow_up.clear();
    let revision = |number: u32, changed: &str, prev_hash: String, content_hash: String, before: Option<_>| Revision {
        number,
        at: now_utc(),
        editor: "bench".into(),
        changed_fields: vec![changed.into()],
        prev_hash,
        content_hash,
        note: String::new(),
        signature: None,
        before,
    };
    let created = revision(1, "created", String::new(), first.content_hash(), None);
    let saved = revision(2, "follow_up", created.content_hash.clone(), case.content_hash(), Some(before_of(&first, &case)));
    case.history = vec![vault.signed(case.id, created), vault.signed(case.id, saved)];
    case
}

/// `save_one_edited_case`: an interviewer's save (one case file, its shard,
/// its search delta), each iteration on the next case of the vault, so
/// that every save is of a case with an everyday history. Saving one case
/// over and over instead measures a history that grows by a revision per
/// iteration (hundreds within one run, thousands over a few runs).
pub fn bench_save(g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, vault: &mut Vault) {
    let mut ids: Vec<_> = vault.summaries().map(|s| s.id).collect();
    ids.sort();
    let mut i = 0usize;
    g.bench_function("save_one_edited_case", |b| {
        // Only the saves are timed, not the loads that prepare them.
        b.iter_custom(|iters| {
            let mut timed = std::time::Duration::ZERO;
            for _ in 0..iters {
                i += 1;
                let mut case = vault.load_case(ids[i % ids.len()]).unwrap();
                case.follow_up = format!("edit {i} at {:?}", std::time::SystemTime::now());
                let started = std::time::Instant::now();
                vault.save_case(&mut case, "bench").unwrap();
                timed += started.elapsed();
            }
            timed
        })
    });
}
