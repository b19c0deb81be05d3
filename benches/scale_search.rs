//! Search at archive scale (issue 19, the search half): 100,000 cases of
//! `sample_case` with ~3,000-character narratives, the vault generated once
//! and kept under `target/tmp/bench-vaults/` (see `support/scale.rs`; its
//! search index is built there at the first run, like any vault of the
//! previous format at its first open).
//!
//! Measured:
//! - `index_load`: loading the persisted index and checking it against the
//!   case list (what the window's search thread does after unlock);
//! - `after_unlock`: the vault opened with its key (scrypt apart), then the
//!   index loaded: when search covers every case (`vault_open_beyond_scrypt`
//!   alone, the vault's part);
//! - warm queries and one keystroke on the loaded index;
//! - `cold_cli`: the real `testimony-vault search`, a fresh process, page
//!   cache dropped before each run (`/proc/sys/vm/drop_caches`, root);
//! - SQLite FTS5 (trigram tokenizer) over the same text, side by side: a
//!   cold query in a fresh process and a warm one (its database is made
//!   once, beside the vault);
//! - peak and current resident memory of a fresh process with the vault
//!   open and search ready, against the plaintext size (printed).
//!
//! Run: cargo bench --bench scale_search -- --warm-up-time 1 --measurement-time 3
//! Under `cargo test` everything runs once on a 200-case vault.

#[path = "support/query_timing.rs"]
mod query_timing;
#[path = "support/scale.rs"]
mod scale;

use criterion::{Criterion, criterion_group};
use query_timing::{full, keystroke};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use testimony_vault::search::store;
use testimony_vault::vault::{Vault, VaultKey};

const WORK_FACTOR: u8 = 10;
const FTS_QUERY: &str = "수용소";
/// Set in a child process: what it is to do (see `child`).
const CHILD: &str = "SCALE_SEARCH_CHILD";

fn real_run() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn cases() -> u32 {
    if real_run() { 100_000 } else { 200 }
}

fn vault_dir() -> PathBuf {
    scale::scale_vault(cases(), WORK_FACTOR)
}

fn open(dir: &Path, key: &VaultKey) -> Vault {
    Vault::open_with_key(dir, key.clone()).unwrap()
}

/// Make sure the vault has its search index, timing the first build.
fn prepare(dir: &Path, key: &VaultKey) {
    let vault = open(dir, key);
    let t = Instant::now();
    let (index, report) = store::open(&vault);
    eprintln!(
        "scale_search: {} cases; search index ready in {:?} (rebuilt: {:?}, cases indexed from their files: {}); index file {} bytes",
        vault.len(),
        t.elapsed(),
        report.rebuilt,
        report.reindexed,
        std::fs::metadata(dir.join("search/index.age")).map_or(0, |m| m.len())
    );
    drop(index);
}

fn bench_load(c: &mut Criterion, dir: &Path, key: &VaultKey) {
    let mut g = c.benchmark_group("scale_search");
    g.sample_size(10);
    let vault = open(dir, key);
    g.bench_function("index_load", |b| b.iter(|| black_box(store::open(&vault))));
    drop(vault);
    // The vault's own part of an unlock (the other half of issue 19).
    g.bench_function("vault_open_beyond_scrypt", |b| b.iter(|| black_box(open(dir, key))));
    g.bench_function("after_unlock", |b| {
        b.iter(|| {
            let vault = open(dir, key);
            let (mut index, _) = store::open(&vault);
            black_box(index.search(FTS_QUERY));
        })
    });
    g.finish();
}

fn bench_queries(c: &mut Criterion, dir: &Path, key: &VaultKey) {
    let vault = open(dir, key);
    let (mut index, _) = store::open(&vault);
    let mut g = c.benchmark_group("scale_search");
    g.sample_size(10);
    for q in ["수용소", "Sinuiju", "Kim Joonsik", "Hoeryong", "zqxj", "s", "ㅅ"] {
        g.bench_function(format!("warm_query/{q}"), |b| b.iter_custom(|n| full(&mut index, q, n)));
    }
    for q in ["Sinuiju", "Kim Joonsik", "수용소", "Hoeryong", "hyes"] {
        g.bench_function(format!("keystroke/{q}"), |b| b.iter_custom(|n| keystroke(&mut index, q, n)));
    }
    eprintln!("scale_search: {FTS_QUERY:?} finds {} cases", index.search(FTS_QUERY).len());
    g.finish();
}

/// Drop the page cache (root only); false when it could not.
fn drop_caches() -> bool {
    let _ = Command::new("sync").status();
    std::fs::write("/proc/sys/vm/drop_caches", "3\n").is_ok()
}

/// Run `cmd` `iters` times from a cold cache; the total wall time.
fn cold(iters: u64, mut cmd: impl FnMut() -> Command) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        drop_caches();
        let t = Instant::now();
        let out = cmd().output().unwrap();
        total += t.elapsed();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        black_box(out.stdout);
    }
    total
}

fn cli(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_testimony-vault"));
    cmd.args(["--vault", dir.to_str().unwrap(), "search", "--json", FTS_QUERY]);
    cmd.env("TESTIMONY_VAULT_PASSPHRASE", "benchmark passphrase 증언");
    cmd
}

fn child(what: &str, arg: &Path) -> Command {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.env(CHILD, what).env("SCALE_SEARCH_ARG", arg);
    cmd
}

fn bench_cold(c: &mut Criterion, dir: &Path, fts: &Path) {
    if !drop_caches() {
        eprintln!("scale_search: cannot drop the page cache (not root): cold figures are warm-cache ones");
    }
    let mut g = c.benchmark_group("scale_search");
    g.sample_size(10);
    g.bench_function("cold_cli", |b| b.iter_custom(|n| cold(n, || cli(dir))));
    g.bench_function("cold_fts5_trigram", |b| b.iter_custom(|n| cold(n, || child("fts", fts))));
    let conn = rusqlite::Connection::open(fts).unwrap();
    g.bench_function("warm_fts5_trigram", |b| b.iter(|| black_box(fts_query(&conn))));
    g.finish();
}

fn fts_query(conn: &rusqlite::Connection) -> usize {
    let mut stmt = conn.prepare_cached("SELECT rowid FROM docs WHERE docs MATCH ?1").unwrap();
    let rows = stmt.query_map([format!("\"{FTS_QUERY}\"")], |r| r.get::<_, i64>(0)).unwrap();
    rows.count()
}

/// The SQLite FTS5 (trigram) database of the same text, made once beside
/// the vault; also returns the plaintext size of the cases.
fn fts_database(dir: &Path, key: &VaultKey) -> (PathBuf, u64) {
    let path = dir.with_extension("fts5.sqlite");
    let done = dir.with_extension("fts5.done");
    if let Some(size) = std::fs::read_to_string(&done).ok().and_then(|s| s.trim().parse().ok()) {
        return (path, size);
    }
    let _ = std::fs::remove_file(&path);
    let vault = open(dir, key);
    let t = Instant::now();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE VIRTUAL TABLE docs USING fts5(body, tokenize = 'trigram'); BEGIN;").unwrap();
    let mut plaintext = 0u64;
    let ids: Vec<_> = vault.summaries().map(|s| s.id).collect();
    for id in ids {
        let case = vault.load_case(id).unwrap();
        plaintext += testimony_vault::vault::format::encode_case(&case).len() as u64;
        conn.execute("INSERT INTO docs(body) VALUES (?1)", [case.text_fields().join("\n")]).unwrap();
    }
    conn.execute_batch("COMMIT;").unwrap();
    eprintln!("scale_search: FTS5 trigram database built in {:?}, {} bytes", t.elapsed(), std::fs::metadata(&path).unwrap().len());
    std::fs::write(&done, plaintext.to_string()).unwrap();
    (path, plaintext)
}

/// Peak and current resident memory of a fresh process with the vault open
/// and search ready, printed beside the plaintext size.
fn memory(dir: &Path, plaintext: u64) {
    let out = child("memory", dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let kb = |name: &str| -> u64 {
        text.lines().find_map(|l| l.strip_prefix(name)?.trim().parse().ok()).unwrap_or(0)
    };
    let (hwm, rss, index) = (kb("hwm_kb"), kb("rss_kb"), kb("index_kb"));
    let mb = |kb: u64| kb as f64 / 1024.0;
    let p = plaintext as f64 / 1024.0 / 1024.0;
    eprintln!(
        "scale_search memory: plaintext {p:.0} MB; vault open + search ready: peak {:.0} MB ({:.2}x), now {:.0} MB ({:.2}x); index alone ~{:.0} MB",
        mb(hwm),
        mb(hwm) / p,
        mb(rss),
        mb(rss) / p,
        mb(index)
    );
}

fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find_map(|l| l.strip_prefix(field)?.trim().trim_end_matches("kB").trim().parse().ok()).unwrap_or(0)
}

/// A child's work: a cold FTS5 query, or the memory of an open vault.
fn run_child(what: &str) {
    let arg = PathBuf::from(std::env::var_os("SCALE_SEARCH_ARG").unwrap());
    match what {
        "fts" => {
            let conn = rusqlite::Connection::open(&arg).unwrap();
            println!("{}", fts_query(&conn));
        }
        "memory" => {
            let vault = Vault::open(&arg, &scale::passphrase()).unwrap();
            let before = status_kb("VmRSS:");
            let (mut index, _) = store::open(&vault);
            black_box(index.search(FTS_QUERY));
            println!("index_kb {}", status_kb("VmRSS:").saturating_sub(before));
            println!("hwm_kb {}\nrss_kb {}", status_kb("VmHWM:"), status_kb("VmRSS:"));
        }
        "cold_parts" => {
            // Page cache dropped by the parent: the vault's open and the
            // index's load, each from a cold cache, timed apart.
            let t = Instant::now();
            let vault = Vault::open(&arg, &scale::passphrase()).unwrap();
            let opened = t.elapsed();
            let t = Instant::now();
            let (mut index, _) = store::open(&vault);
            black_box(index.search(FTS_QUERY));
            println!("vault_open_ms {}\nindex_ms {}", opened.as_millis(), t.elapsed().as_millis());
        }
        other => panic!("unknown child {other}"),
    }
}

/// A cold CLI search split in its two parts, three runs: printed.
fn cold_parts(dir: &Path) {
    for _ in 0..3 {
        drop_caches();
        let out = child("cold_parts", dir).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).replace('\n', ", ");
        eprintln!("scale_search cold, fresh process: {text} (scrypt at work factor {WORK_FACTOR} included in the open)");
    }
}

fn scale_search(c: &mut Criterion) {
    let dir = vault_dir();
    let key = scale::scale_key(&dir);
    prepare(&dir, &key);
    let (fts, plaintext) = fts_database(&dir, &key);
    bench_load(c, &dir, &key);
    bench_queries(c, &dir, &key);
    bench_cold(c, &dir, &fts);
    cold_parts(&dir);
    memory(&dir, plaintext);
}

criterion_group!(benches, scale_search);

fn main() {
    // As the program does (src/cli/mod.rs), so these figures are its own.
    testimony_vault::allocator::no_huge_pages();
    if let Ok(what) = std::env::var(CHILD) {
        run_child(&what);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
