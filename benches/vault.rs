//! Vault speed at 10,000 realistic cases (~3,000-character mixed Hangul and
//! English narratives): unlock (scrypt apart from the rest), load all, save
//! one edited case, full-text search.
//!
//! `cargo bench --bench vault`. Under `cargo test` the same code runs once
//! on 50 cases with a cheap scrypt, so the benchmark cannot rot.

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;
use std::time::Duration;
use testimony_vault::search::SearchIndex;
use testimony_vault::vault::{Vault, VaultKey, DEFAULT_WORK_FACTOR};

fn real_run() -> bool {
    std::env::args().any(|a| a == "--bench")
}

#[path = "support/scale.rs"]
mod scale;
use scale::{make_vault, passphrase as pass};

fn benches(c: &mut Criterion) {
    let (n, wf) = if real_run() { (10_000, DEFAULT_WORK_FACTOR) } else { (50, 10) };
    let dir = tempfile::tempdir().unwrap();
    make_vault(dir.path(), n, wf);
    let key_bytes = std::fs::read(dir.path().join("key.age")).unwrap();
    let key = VaultKey::unwrap(&key_bytes, &pass(), Path::new("key.age")).unwrap();

    let mut g = c.benchmark_group(format!("vault_{n}_cases"));
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    g.bench_function("unlock_scrypt_only", |b| {
        b.iter(|| VaultKey::unwrap(&key_bytes, &pass(), Path::new("key.age")).unwrap())
    });
    g.bench_function("unlock_beyond_scrypt", |b| {
        b.iter(|| Vault::open_with_key(dir.path(), key.clone()).unwrap())
    });

    let mut vault = Vault::open_with_key(dir.path(), key.clone()).unwrap();
    g.bench_function("load_all_cases", |b| {
        b.iter(|| {
            let all = vault.load_all();
            assert_eq!(all.len(), n as usize);
        })
    });
    scale::bench_save(&mut g, &mut vault);

    let cases: Vec<_> = vault.load_all().into_iter().map(Result::unwrap).collect();
    g.bench_function("build_search_index", |b| b.iter(|| SearchIndex::build(cases.iter())));
    let mut index = SearchIndex::build(cases.iter());
    let mut flip = false;
    g.bench_function("full_text_search_hangul", |b| {
        b.iter(|| {
            // Alternate queries so each search scans every case afresh.
            flip = !flip;
            index.search(if flip { "강제송환" } else { "집결소" })
        })
    });
    g.finish();
}

criterion_group!(vault_benches, benches);
criterion_main!(vault_benches);
