//! Recording cost on this machine: encoding to Opus and encrypting the
//! segments, against real time; and the peak memory of a 3-hour recording
//! (synthetic speech-band signal, as fast as the encoder goes), through
//! the same recorder thread and join the app uses.
//!
//! ```text
//! cargo bench --bench recording                 # throughput
//! TV_RECORDING_HOURS=3 cargo bench --bench recording -- --bench memory
//! ```
//! Under `cargo test` each runs once on a few seconds.

use age::secrecy::SecretString;
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};
use testimony_vault::audio::capture::ToneSource;
use testimony_vault::audio::encoder::OggOpusEncoder;
use testimony_vault::audio::recorder;
use testimony_vault::audio::segments::{PendingMeta, SegmentWriter};
use testimony_vault::audio::{SAMPLE_RATE, SEGMENT_SECONDS};
use testimony_vault::model::Case;
use testimony_vault::vault::{CreateOptions, Vault};

fn benching() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn new_vault(dir: &Path) -> (Vault, Case) {
    let pass = SecretString::from("benchmark passphrase".to_owned());
    let mut vault = Vault::create_with(dir, &pass, &CreateOptions { work_factor: 10 }).unwrap();
    let mut case = vault.new_case();
    vault.save_case(&mut case, "bench").unwrap();
    (vault, case)
}

/// A voice-like test signal: a 180 Hz fundamental with harmonics and a
/// slow amplitude change.
fn speechlike(seconds: u32) -> Vec<f32> {
    (0..seconds * SAMPLE_RATE)
        .map(|i| {
            let t = i as f32 / SAMPLE_RATE as f32;
            let env = 0.5 + 0.5 * (2.0 * std::f32::consts::PI * 3.0 * t).sin();
            let f = |h: f32| (2.0 * std::f32::consts::PI * 180.0 * h * t).sin() / h;
            0.3 * env * (f(1.0) + f(2.0) + f(3.0) + f(5.0))
        })
        .collect()
}

/// Encode and encrypt `signal` as the recorder does: a segment every SEGMENT_SECONDS.
fn encode_and_store(vault: &Vault, case: &Case, signal: &[f32]) {
    let meta = PendingMeta::starting(case, "bench".into(), String::new());
    let (_, mut writer) = SegmentWriter::create(vault.dir(), vault.key().recipient().clone(), meta).unwrap();
    let mut encoder = OggOpusEncoder::new().unwrap();
    for chunk in signal.chunks((SEGMENT_SECONDS * SAMPLE_RATE) as usize) {
        encoder.push(chunk).unwrap();
        writer.write_segment(&encoder.take_pages(false).unwrap()).unwrap();
    }
    writer.write_segment(&encoder.take_pages(true).unwrap()).unwrap();
}

fn throughput(c: &mut Criterion) {
    let seconds = if benching() { 60 } else { 4 };
    let signal = speechlike(seconds);
    let dir = tempfile::tempdir_in(std::env::temp_dir()).unwrap();
    let (vault, case) = new_vault(dir.path());
    let mut g = c.benchmark_group("recording");
    g.throughput(Throughput::Elements(signal.len() as u64)).sampling_mode(SamplingMode::Flat).sample_size(10);
    g.bench_function("encode_encrypt_store", |b| b.iter(|| encode_and_store(&vault, &case, &signal)));
    g.finish();
    let start = Instant::now();
    encode_and_store(&vault, &case, &signal);
    let took = start.elapsed().as_secs_f64();
    eprintln!("recording: {seconds} s of audio encoded, encrypted and stored in {took:.3} s = {:.0}x real time", seconds as f64 / took);
}

fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.split_whitespace().next()?.parse().ok()).unwrap_or(0)
}

/// A long recording through the recorder thread and the join, for the
/// peak memory (constant: segments are written and joined one at a time).
fn memory(c: &mut Criterion) {
    let hours: f64 = std::env::var("TV_RECORDING_HOURS").ok().and_then(|h| h.parse().ok()).unwrap_or(3.0);
    let seconds = if benching() { hours * 3600.0 } else { 20.0 };
    let dir = tempfile::tempdir_in(std::env::temp_dir()).unwrap();
    let (mut vault, case) = new_vault(dir.path());
    let before = peak_rss_kib();
    let start = Instant::now();
    let tone = ToneSource { frequency: 440.0, speed: 0.0, stop: Arc::new(AtomicBool::new(false)) };
    let meta = PendingMeta::starting(&case, "bench".into(), String::new());
    let handle = recorder::start(vault.dir(), vault.key().recipient().clone(), meta, Box::new(tone), Some(seconds)).unwrap();
    while !handle.is_finished() {
        std::thread::sleep(Duration::from_millis(50));
    }
    let ended = handle.stop();
    let recorded = start.elapsed().as_secs_f64();
    let mid = peak_rss_kib();
    let (_, a) = vault.finish_recording(ended.recording, false).unwrap().unwrap();
    let after = peak_rss_kib();
    eprintln!(
        "recording: {:.0} s of audio ({} bytes, {:.1} MB/hour) recorded in {recorded:.1} s and joined in {:.1} s; peak RSS {before} KiB before, {mid} KiB after recording, {after} KiB after the join",
        seconds,
        a.size,
        a.size as f64 / 1e6 / (seconds / 3600.0),
        start.elapsed().as_secs_f64() - recorded,
    );
    // Keep criterion's report shape: one trivial sample.
    c.bench_function("recording/memory_reported_above", |b| b.iter(peak_rss_kib));
}

criterion_group!(benches, throughput, memory);
criterion_main!(benches);
