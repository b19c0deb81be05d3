//! Suggestions over 100,000 incidents (the labelled synthetic set scaled
//! up: happenings told by two to five witnesses, places spelled every way
//! the romanisation module folds). Target: < 5 s.
//!
//! Run: cargo bench --bench events -- --warm-up-time 1 --measurement-time 10
//! Under `cargo test` the same code runs once on 2,000 incidents, so the
//! benchmark cannot rot.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::{Duration, Instant};
use testimony_vault::events::suggest::{pairs, quality, THRESHOLD};
use testimony_vault::events::synthetic::labelled;

fn real_run() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn bench(c: &mut Criterion) {
    let n = if real_run() { 100_000 } else { 2_000 };
    let set = labelled(n, 42);
    let start = Instant::now();
    let found = pairs(&set.accounts, THRESHOLD);
    eprintln!("events: {} incidents, {} pairs suggested in {:?}", set.accounts.len(), found.len(), start.elapsed());
    if real_run() {
        let q = quality(&set.accounts, &set.groups, THRESHOLD);
        eprintln!("events: at {n}: {q:?}");
    }
    let mut group = c.benchmark_group("events");
    group.sample_size(10).measurement_time(Duration::from_secs(if real_run() { 20 } else { 1 }));
    group.bench_function(format!("suggest {n} incidents"), |b| b.iter(|| black_box(pairs(&set.accounts, THRESHOLD).len())));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
