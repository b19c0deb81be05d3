//! Case-list search at 10,000 cases with ~3,000-character narratives:
//! index build, a full query, and one keystroke of incremental typing, with
//! normalisation and romanisation-aware matching. GUI target: < 4 ms a
//! keystroke.
//!
//! Two corpora: the deterministic samples (`sample::sample_case`, whose
//! narratives reuse a few sentences, so the vocabulary is small) and the
//! same cases with 200 extra words each drawn from a 400,000-word random
//! Hangul lexicon, a pessimistic stand-in for real testimony's vocabulary.
//!
//! Run: cargo bench --bench search -- --warm-up-time 1 --measurement-time 3
//! Under `cargo test` the same code runs once on 50 cases with a small
//! lexicon, so the benchmark cannot rot.

#[path = "support/query_timing.rs"]
mod query_timing;

use criterion::{Criterion, criterion_group, criterion_main};
use query_timing::{full, keystroke};
use std::hint::black_box;
use testimony_vault::Case;
use testimony_vault::sample::{SampleRng, sample_case};
use testimony_vault::search::SearchIndex;

const CASES: u32 = 10_000;
const NARRATIVE_CHARS: usize = 3_000;
const LEXICON: usize = 400_000;

fn real_run() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn samples() -> Vec<Case> {
    let n = if real_run() { CASES } else { 50 };
    (0..n).map(|n| sample_case(n, NARRATIVE_CHARS)).collect()
}

/// A random Hangul word of 2 to 4 syllables.
fn word(rng: &mut SampleRng) -> String {
    (0..2 + rng.below(3)).map(|_| char::from_u32(0xAC00 + rng.below(11172) as u32).unwrap_or('가')).collect()
}

fn with_large_vocabulary(mut cases: Vec<Case>) -> Vec<Case> {
    let mut rng = SampleRng::new(7);
    let size = if real_run() { LEXICON } else { 1_000 };
    let lexicon: Vec<String> = (0..size).map(|_| word(&mut rng)).collect();
    for case in &mut cases {
        for _ in 0..200 {
            case.narrative.push(' ');
            case.narrative.push_str(&lexicon[rng.below(lexicon.len())]);
        }
    }
    cases
}

fn bench_corpus(c: &mut Criterion, name: &str, cases: &[Case]) {
    let mut g = c.benchmark_group(format!("search/{name}"));
    g.sample_size(10);
    g.bench_function("build_index", |b| b.iter(|| black_box(SearchIndex::build(cases))));
    let mut index = SearchIndex::build(cases);
    for q in ["수용소", "Sinuiju", "Kim Joonsik", "Hoeryong", "zqxj", "s", "ㅅ"] {
        g.bench_function(format!("full_query/{q}"), |b| b.iter_custom(|n| full(&mut index, q, n)));
    }
    for q in ["Sinuiju", "Kim Joonsik", "수용소", "Hoeryong", "hyes"] {
        g.bench_function(format!("keystroke/{q}"), |b| b.iter_custom(|n| keystroke(&mut index, q, n)));
    }
    g.finish();
}

fn search(c: &mut Criterion) {
    let cases = samples();
    bench_corpus(c, "samples", &cases);
    let cases = with_large_vocabulary(cases);
    bench_corpus(c, "large_vocabulary", &cases);
}

criterion_group!(benches, search);
criterion_main!(benches);
