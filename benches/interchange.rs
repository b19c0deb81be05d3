//! Cases through `add` (JSON documents into the vault, one batch) and
//! tables out and back in. Target: 100,000 cases through `add` in under
//! 60 s. Vault creation (scrypt) and writing the input file happen outside
//! the measured part; each measured run starts from an empty vault.
//!
//! Run: cargo bench --bench interchange
//! The 100,000-case figure, once: TV_ADD_CASES=100000 cargo bench --bench interchange -- --test add
//! Under `cargo test` the same code runs once on 50 cases.

use age::secrecy::SecretString;
use criterion::{criterion_group, criterion_main, Criterion};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use testimony_vault::bundle::{Profile, Unlock};
use testimony_vault::interchange::{self, Mapping, TableFormat, TableOptions};
use testimony_vault::sample::sample_case;
use testimony_vault::vault::{CreateOptions, Vault};

const NARRATIVE_CHARS: usize = 3_000;

fn real_run() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn cases() -> u32 {
    let asked = std::env::var("TV_ADD_CASES").ok().and_then(|n| n.parse().ok());
    if real_run() { asked.unwrap_or(10_000) } else { 50 }
}

fn new_vault(dir: &Path) -> Vault {
    let pass = SecretString::from("benchmark passphrase".to_owned());
    Vault::create_with(dir, &pass, &CreateOptions { work_factor: 10 }).unwrap()
}

/// `n` sample cases as JSON Lines, streamed to a file.
fn documents(dir: &Path, n: u32) -> PathBuf {
    let path = dir.join("cases.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..n {
        serde_json::to_writer(&mut out, &sample_case(i, NARRATIVE_CHARS)).unwrap();
        out.write_all(b"\n").unwrap();
    }
    out.flush().unwrap();
    path
}

fn bench(c: &mut Criterion) {
    let n = cases();
    let work = tempfile::tempdir().unwrap();
    let input = documents(work.path(), n);
    println!("{n} case documents: {} MB", std::fs::metadata(&input).unwrap().len() / 1_000_000);

    let mut group = c.benchmark_group("interchange");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function(format!("add {n} cases from JSON Lines"), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let dir = tempfile::tempdir_in(work.path()).unwrap();
                let mut vault = new_vault(&dir.path().join("v"));
                let started = Instant::now();
                let added = interchange::add_documents(&mut vault, &input, "bench").unwrap();
                let took = started.elapsed();
                assert_eq!(added.len(), n as usize);
                println!("add {n} cases: {took:.2?}");
                total += took;
            }
            total
        })
    });

    // How much of `add` is reading and checking the documents.
    group.bench_function(format!("read and check {n} case documents"), |b| {
        b.iter(|| {
            let started = Instant::now();
            let cases = interchange::json::read_documents_file(&input).unwrap();
            println!("read {n} documents: {:.2?}", started.elapsed());
            cases.len()
        })
    });

    // Tables: export every case of one vault, and read the file back
    // (at 10,000 cases; the 100,000-case run measures `add` only).
    if n > 20_000 {
        group.finish();
        return;
    }
    let dir = tempfile::tempdir_in(work.path()).unwrap();
    let mut vault = new_vault(&dir.path().join("v"));
    let added = interchange::add_documents(&mut vault, &input, "bench").unwrap();
    let ids: Vec<_> = added.iter().map(|c| c.id).collect();
    for format in TableFormat::ALL {
        // The benchmark measures writing the table: every case goes.
        let consent = testimony_vault::bundle::ConsentChoice { include_all: true, ..Default::default() };
        let options = TableOptions { format, profile: Profile::Pseudonymised, bom: false, seal: None, consent };
        let kept = work.path().join(format!("kept.{}", format.key()));
        interchange::export_table(&vault, &ids, &options, &kept).unwrap();
        group.bench_function(format!("export {n} cases as {}", format.key()), |b| {
            b.iter(|| {
                let out = work.path().join(format!("{}.{}", uuid::Uuid::new_v4(), format.key()));
                interchange::export_table(&vault, &ids, &options, &out).unwrap();
                std::fs::remove_file(out).unwrap();
            })
        });
        group.bench_function(format!("read {n} cases from {}", format.key()), |b| {
            b.iter(|| interchange::read_table_file(&kept, &Unlock::default(), &Mapping::default()).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
