//! How the search benchmarks time a query: from a fresh query, and as one
//! keystroke after its prefix (as the window searches while typing).

use std::hint::black_box;
use std::time::{Duration, Instant};
use testimony_vault::search::SearchIndex;

/// Time only the last keystroke of `typed`: the prefix is searched first,
/// untimed, as the GUI would have done on the previous frame.
pub fn keystroke(index: &mut SearchIndex, typed: &str, iters: u64) -> Duration {
    let mut chars = typed.chars();
    chars.next_back();
    let prefix = chars.as_str();
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        index.search("");
        black_box(index.search(prefix));
        let t = Instant::now();
        black_box(index.search(typed));
        total += t.elapsed();
    }
    total
}

/// A query on an index with no previous query (nothing to narrow from).
pub fn full(index: &mut SearchIndex, query: &str, iters: u64) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        index.search("");
        let t = Instant::now();
        black_box(index.search(query));
        total += t.elapsed();
    }
    total
}
