//! Archive scale (issue #19): 10,000 and 100,000 cases of `sample_case`
//! with ~3,000-character narratives. Unlock beyond scrypt (to a usable,
//! sortable case list: the vault open on the case files' names and the
//! list built, as the window does; then the check of every file's stamp
//! that its search thread makes before the full text is ready), a case-list
//! frame (idle, scrolling, sort click), saving one edited case, export and
//! import of 10,000 cases, and the peak memory of an open vault and its
//! list against the plaintext size (measured in a child process, VmHWM).
//!
//! `cargo bench --bench scale`. The vaults are made once and kept under
//! `target/tmp/bench-vaults/` (see `support/scale.rs`); the first run makes
//! the 100,000-case vault, which takes minutes. Under `cargo test` the same
//! code runs once on 200 cases.

#[path = "support/scale.rs"]
mod scale;

use criterion::{criterion_group, BatchSize, Criterion};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};
use testimony_vault::bundle::{self, ExportOptions, ImportOptions, Selection, Unlock};
use testimony_vault::ui::case_list::{CaseList, SortColumn};
use testimony_vault::ui::fonts;
use testimony_vault::vault::{format, CaseCheck, CreateOptions, Vault};

/// Set in the child process that measures peak memory: the vault folder.
const RSS_CHILD: &str = "TV_SCALE_RSS_CHILD";

fn real_run() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// Vault sizes measured, and the scrypt work factor of their key files.
fn sizes() -> (Vec<u32>, u8) {
    if real_run() { (vec![10_000, 100_000], 14) } else { (vec![200], 10) }
}

fn group<'a>(c: &'a mut Criterion, n: u32) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(format!("scale_{n}_cases"));
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(8));
    g
}

fn unlock(c: &mut Criterion, dir: &Path, n: u32) {
    let key = scale::scale_key(dir);
    let mut g = group(c, n);
    // The vault and list an iteration makes are dropped outside the timing
    // (wiping 100,000 summaries is not part of an unlock), and before the
    // next iteration opens the vault again (one open at a time).
    let once = BatchSize::PerIteration;
    g.bench_function("open_beyond_scrypt", |b| b.iter_batched(|| (), |()| Vault::open_with_key(dir, key.clone()).unwrap(), once));
    // What the window does at unlock: open on the case files' names,
    // then the list of every case with all its sort orders.
    g.bench_function("unlock_to_sortable_list_beyond_scrypt", |b| {
        b.iter_batched(
            || (),
            |()| {
                let vault = Vault::open_with_key_check(dir, key.clone(), CaseCheck::Later).unwrap();
                let list = CaseList::new(vault.summaries().cloned());
                assert_eq!(list.len(), n as usize);
                (vault, list)
            },
            once,
        )
    });
    // What its search thread does next, before loading the search index:
    // every case file's size and time against the index.
    let mut vault = Vault::open_with_key_check(dir, key.clone(), CaseCheck::Later).unwrap();
    g.bench_function("check_case_files_after_unlock", |b| {
        b.iter(|| {
            let checked = vault.apply_case_scan(Vault::scan_case_files(dir, true).unwrap());
            assert!(checked.changed.is_empty() && checked.removed.is_empty());
        })
    });
    drop(vault);
    let mut vault = Vault::open_with_key(dir, key.clone()).unwrap();
    scale::bench_save(&mut g, &mut vault);
    g.finish();
}

/// Frames so far: each is a sixtieth of a second later, so that smooth
/// scrolling moves on.
static FRAMES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn input(events: Vec<egui::Event>) -> egui::RawInput {
    let n = FRAMES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 900.0))),
        time: Some(n as f64 / 60.0),
        events,
        ..Default::default()
    }
}

/// One frame of the real list panel: layout and tessellation.
fn frame(ctx: &egui::Context, list: &mut CaseList, events: Vec<egui::Event>) -> usize {
    let mut out = ctx.run_ui(input(events), |ui| {
        egui::CentralPanel::default().show(ui, |ui| {
            black_box(list.ui(ui));
        });
    });
    // No GPU here: the font atlas updates are not uploaded anywhere.
    out.textures_delta.clear();
    ctx.tessellate(out.shapes, out.pixels_per_point).len()
}

/// A page down the table: the pointer over the rows, the wheel turned.
fn scroll_events() -> Vec<egui::Event> {
    vec![
        egui::Event::PointerMoved(egui::pos2(400.0, 600.0)),
        egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Page,
            delta: egui::vec2(0.0, -1.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::NONE,
        },
    ]
}

fn resident_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.trim().strip_suffix("kB")?.trim().parse().ok())
        .unwrap_or(0)
}

fn list_frames(c: &mut Criterion, dir: &Path, n: u32) {
    let vault = Vault::open_with_key(dir, scale::scale_key(dir)).unwrap();
    let ctx = egui::Context::default();
    fonts::install(&ctx);
    let mut list = CaseList::new(vault.summaries().cloned());
    drop(vault);
    for _ in 0..3 {
        frame(&ctx, &mut list, Vec::new());
    }
    let mut g = group(c, n);
    g.bench_function("list_frame_idle", |b| b.iter(|| frame(&ctx, &mut list, Vec::new())));
    g.bench_function("list_frame_scrolling", |b| b.iter(|| frame(&ctx, &mut list, scroll_events())));
    let mut k = 0;
    g.bench_function("list_frame_sort_click", |b| {
        b.iter(|| {
            k += 1;
            list.set_sort(SortColumn::ALL[k % SortColumn::ALL.len()], k % 2 == 0);
            frame(&ctx, &mut list, Vec::new())
        })
    });
    g.finish();
    // The window's memory while the whole list scrolls past, page by page,
    // twice: the first pass also fills the font atlas with every glyph the
    // pseudonyms use (bounded); the second shows whether anything else grows.
    list.set_sort(SortColumn::Code, true);
    let pages = (n as usize / 20).max(10);
    for pass in 1..=2 {
        // Back to the top (the wheel turned the other way far enough).
        let mut up = scroll_events();
        if let egui::Event::MouseWheel { delta, .. } = &mut up[1] {
            *delta = egui::vec2(0.0, pages as f32 * 2.0);
        }
        frame(&ctx, &mut list, up);
        for _ in 0..120 {
            frame(&ctx, &mut list, Vec::new());
        }
        let before = resident_kb("VmRSS:");
        let started = Instant::now();
        for _ in 0..pages {
            frame(&ctx, &mut list, scroll_events());
        }
        let after = resident_kb("VmRSS:");
        println!(
            "scale_{n}_cases/scroll_whole_list pass {pass}: {pages} pages in {:.2?}, resident {} -> {} MB ({:+} MB)",
            started.elapsed(),
            before / 1024,
            after / 1024,
            (after as i64 - before as i64) / 1024
        );
    }
}

/// What [`export_import`] wrote, kept until every benchmark has run.
struct Written {
    _imported: Vec<tempfile::TempDir>,
    _bundles: tempfile::TempDir,
}

fn export_import(c: &mut Criterion, dir: &Path, n: u32) -> Written {
    let vault = Vault::open_with_key(dir, scale::scale_key(dir)).unwrap();
    let ids = Selection { all: true, ..Default::default() }.select(&vault);
    let receiver = age::x25519::Identity::generate();
    let options = ExportOptions { recipients: vec![receiver.to_public()], ..Default::default() };
    let out = tempfile::tempdir().unwrap();
    let bundle_path = out.path().join("all.tvb");
    let mut g = group(c, n);
    g.bench_function("export_all_full_beyond_key_derivation", |b| {
        b.iter_batched(
            || out.path().join(format!("{}.tvb", uuid::Uuid::new_v4())),
            |path| bundle::export_cases(&vault, &ids, &options, &path).unwrap(),
            BatchSize::PerIteration,
        )
    });
    bundle::export_cases(&vault, &ids, &options, &bundle_path).unwrap();
    let unlock = Unlock::with_identity(receiver.clone());
    let trusting = ImportOptions { trust_signer: Some("source".into()) };
    let mut imported = Vec::new();
    g.bench_function("import_all_into_empty_vault_beyond_key_derivation", |b| {
        b.iter_batched(
            || {
                let target = tempfile::tempdir().unwrap();
                let v = Vault::create_with(&target.path().join("v"), &scale::passphrase(), &CreateOptions { work_factor: 10 }).unwrap();
                (target, v)
            },
            |(target, mut v)| {
                let report = bundle::import_with(&mut v, &bundle_path, &unlock, "bench", &trusting).unwrap();
                assert_eq!(report.added(), n as usize);
                imported.push((target, v));
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
    // Removed only after every benchmark: ext4 without a journal (this
    // machine's) is slow to make files for minutes after thousands were
    // deleted (it skips recently freed inodes, reading each), which an
    // interviewer's import never follows; deleting each vault before the
    // next import made file creation five times slower, and deleting them
    // here slowed the saves measured after. The exported bundles too
    // (deleting one is no part of exporting, and on a disk mounted with
    // `discard` freeing a gigabyte slows what follows).
    Written { _imported: imported.into_iter().map(|(folder, _vault)| folder).collect(), _bundles: out }
}

/// Bytes of plaintext in the vault's cases (as their files hold them),
/// counted once and kept beside the vault.
fn plaintext_bytes(dir: &Path) -> u64 {
    let cache = dir.with_extension("plaintext-bytes");
    if let Some(n) = std::fs::read_to_string(&cache).ok().and_then(|s| s.trim().parse().ok()) {
        return n;
    }
    let vault = Vault::open_with_key(dir, scale::scale_key(dir)).unwrap();
    let total: u64 = vault.summaries().map(|s| format::encode_case(&vault.load_case(s.id).unwrap()).len() as u64).sum();
    std::fs::write(&cache, total.to_string()).unwrap();
    total
}

/// Peak memory of a fresh process that unlocks the vault (passphrase and
/// all) and builds the case list, against the plaintext of its cases.
fn peak_memory(dir: &Path, n: u32) {
    let plaintext = plaintext_bytes(dir);
    let exe = std::env::current_exe().unwrap();
    let out = std::process::Command::new(exe).env(RSS_CHILD, dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let peak_kb: u64 = text.trim().parse().unwrap_or_else(|_| panic!("child said {text:?}"));
    let peak = peak_kb * 1024;
    println!(
        "scale_{n}_cases/peak_resident_open_and_list: {} MB, plaintext {} MB, ratio {:.2}",
        peak >> 20,
        plaintext >> 20,
        peak as f64 / plaintext as f64
    );
}

/// The child of [`peak_memory`]: unlock, build the list, print VmHWM (kB).
fn rss_child(dir: &Path) {
    let vault = Vault::open(dir, &scale::passphrase()).unwrap();
    let list = CaseList::new(vault.summaries().cloned());
    black_box(&list);
    println!("{}", resident_kb("VmHWM:"));
}

fn benches(c: &mut Criterion) {
    let (ns, wf) = sizes();
    let mut written = Vec::new();
    for n in ns {
        let dir = scale::scale_vault(n, wf);
        // First, before the saves below replace (delete) files.
        if n <= 10_000 {
            written.push(export_import(c, &dir, n));
        }
        unlock(c, &dir, n);
        list_frames(c, &dir, n);
        peak_memory(&dir, n);
    }
    drop(written);
}

criterion_group!(scale_benches, benches);

fn main() {
    // As the program does (src/cli/mod.rs), so these figures are its own.
    testimony_vault::allocator::no_huge_pages();
    if let Some(dir) = std::env::var_os(RSS_CHILD) {
        rss_child(Path::new(&dir));
        return;
    }
    scale_benches();
    Criterion::default().configure_from_args().final_summary();
}
