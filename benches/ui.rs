//! One frame of the case list with 10,000 cases, and one keystroke of
//! search. A frame here is what the app does per repaint on the UI thread:
//! egui layout of the list screen plus tessellation (GPU upload excluded).
//! Target: under 4 ms.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use testimony_vault::sample::sample_case;
use testimony_vault::search::SearchIndex;
use testimony_vault::ui::case_list::{CaseList, SortColumn};
use testimony_vault::ui::fonts;

const CASES: u32 = 10_000;

/// `cargo test --all-targets` runs benchmarks once as a smoke test, in a
/// debug build: use a small list there.
fn case_count() -> u32 {
    if std::env::args().any(|a| a == "--bench") { CASES } else { 300 }
}

fn frame(ctx: &egui::Context, list: &mut CaseList) -> usize {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 900.0))),
        ..Default::default()
    };
    let mut out = ctx.run_ui(input, |ui| {
        egui::CentralPanel::default().show(ui, |ui| {
            black_box(list.ui(ui));
        });
    });
    // No GPU here: the font atlas updates are not uploaded anywhere.
    out.textures_delta.clear();
    ctx.tessellate(out.shapes, out.pixels_per_point).len()
}

fn bench(c: &mut Criterion) {
    let cases: Vec<_> = (1..=case_count()).map(|n| sample_case(n, 1500)).collect();
    let ctx = egui::Context::default();
    fonts::install(&ctx);
    let mut list = CaseList::new(cases.iter().map(|c| c.summary()));
    for _ in 0..3 {
        frame(&ctx, &mut list);
    }

    c.bench_function("list_frame_idle_10k", |b| b.iter(|| frame(&ctx, &mut list)));

    // Summary search (full text not loaded yet): the query changes every frame.
    let queries = ["김영", "김영희", "함경", "Ri Song"];
    let mut i = 0;
    c.bench_function("list_frame_keystroke_summary_search_10k", |b| {
        b.iter(|| {
            i += 1;
            list.query = queries[i % queries.len()].to_string();
            frame(&ctx, &mut list)
        })
    });

    // Full text: the search thread's answer arrives and the list applies it
    // in the same frame as the keystroke (the UI-thread share of a search).
    let mut index = SearchIndex::build(cases.iter());
    let answers: Vec<(String, Vec<uuid::Uuid>)> =
        ["수용소", "혜산", "강제노동", "Tumen"].iter().map(|q| (q.to_string(), index.search(q))).collect();
    list.set_full_text_ready();
    let mut i = 0;
    c.bench_function("list_frame_keystroke_full_text_10k", |b| {
        b.iter(|| {
            i += 1;
            let (q, ids) = &answers[i % answers.len()];
            list.query = q.clone();
            if let Some((seq, query)) = list.take_search_request() {
                list.apply_hits(seq, &query, ids);
            }
            frame(&ctx, &mut list)
        })
    });
    list.query.clear();

    // Clicking column headers: every order was sorted once when the list
    // was built, so a click is a copy of 10,000 indices and a frame.
    let mut n = 0;
    c.bench_function("list_frame_sort_click_10k", |b| {
        b.iter(|| {
            n += 1;
            list.set_sort(SortColumn::ALL[n % SortColumn::ALL.len()], n % 2 == 0);
            frame(&ctx, &mut list)
        })
    });

    // After a save: the saved case moves to its place in every order.
    let mut edited = cases[17].summary();
    let mut n = 0;
    c.bench_function("list_frame_after_save_10k", |b| {
        b.iter(|| {
            n += 1;
            edited.pseudonym = format!("김 {n}");
            list.upsert(edited.clone());
            frame(&ctx, &mut list)
        })
    });

    // Once per unlock (not a frame): summaries to rows, all six orders.
    let summaries: Vec<_> = cases.iter().map(|c| c.summary()).collect();
    c.bench_function("list_build_at_unlock_10k", |b| {
        b.iter_batched(
            || summaries.clone(),
            // Returned so that dropping the list is not timed.
            CaseList::new,
            criterion::BatchSize::LargeInput,
        )
    });

    // The search thread's own work for one fresh query over the full text
    // of 10,000 cases (not on the UI thread; the list shows the previous
    // results meanwhile).
    let mut i = 0;
    let fresh = ["수용소", "Tumen", "혜산", "강제노동"];
    c.bench_function("search_thread_fresh_query_10k", |b| {
        b.iter(|| {
            i += 1;
            index.search(fresh[i % fresh.len()]).len()
        })
    });
    // One more letter: only the previous hits are checked again.
    index.search("수용소");
    c.bench_function("search_thread_narrowing_keystroke_10k", |b| b.iter(|| index.search("수용소").len()));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
