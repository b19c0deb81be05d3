//! Attachment throughput beside the raw speed of age's STREAM encryption
//! (ChaCha20-Poly1305 in 64 KiB chunks) on this machine.
//!
//! `raw/*` is the age crate alone, memory to memory: the ceiling. The
//! `attach/*`, `open/*` and `export/*` rows are the vault API as the app
//! calls it (SHA-256 of the plaintext, file I/O, fsync, the case save),
//! on tmpfs (`shm`, so fsync costs nothing and the CPU work shows) and on
//! the real disk (`disk`). Run:
//!
//! ```text
//! cargo bench --bench attachments -- --warm-up-time 1 --measurement-time 3
//! ```

use age::secrecy::SecretString;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput};
use std::io::{self, Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};
use testimony_vault::model::Case;
use testimony_vault::vault::attachments;
use testimony_vault::vault::{CreateOptions, Vault};

const SIZE: usize = 32 << 20;

fn new_vault(dir: &Path) -> (Vault, Case) {
    let pass = SecretString::from("benchmark passphrase".to_owned());
    let mut vault = Vault::create_with(dir, &pass, &CreateOptions { work_factor: 10 }).unwrap();
    let mut case = vault.new_case();
    vault.save_case(&mut case, "bench").unwrap();
    (vault, case)
}

fn raw(c: &mut Criterion, data: &[u8]) {
    let id = age::x25519::Identity::generate();
    let recipient = id.to_public();
    let mut g = c.benchmark_group("raw");
    g.throughput(Throughput::Bytes(SIZE as u64)).sampling_mode(SamplingMode::Flat).sample_size(10);
    g.bench_function("age_stream_encrypt", |b| {
        b.iter(|| {
            let enc = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient)).unwrap();
            let mut w = enc.wrap_output(Vec::with_capacity(SIZE + SIZE / 4096 + 512)).unwrap();
            w.write_all(data).unwrap();
            w.finish().unwrap()
        })
    });
    let ct = age::encrypt(&recipient, data).unwrap();
    g.bench_function("age_stream_decrypt", |b| {
        let mut buf = vec![0u8; 256 * 1024];
        b.iter(|| {
            let d = age::Decryptor::new_buffered(&ct[..]).unwrap();
            let mut r = d.decrypt(std::iter::once(&id as &dyn age::Identity)).unwrap();
            let mut n = 0;
            loop {
                match r.read(&mut buf).unwrap() {
                    0 => break n,
                    k => n += k,
                }
            }
        })
    });
    g.bench_function("sha256", |b| b.iter(|| <sha2::Sha256 as sha2::Digest>::digest(data)));
    // The streaming encryptor attachments use, with the SHA-256, memory to memory.
    g.bench_function("stream_with_sha256", |b| {
        b.iter(|| {
            let out = Vec::with_capacity(SIZE + SIZE / 4096 + 512);
            attachments::encrypt_to(&recipient, &mut &data[..], out).unwrap()
        })
    });
    g.finish();
}

fn vault_api(c: &mut Criterion, data: &[u8], place: &str, root: &Path) {
    let dir = tempfile::tempdir_in(root).unwrap();
    let (mut vault, mut case) = new_vault(&dir.path().join("vault"));
    let source = dir.path().join("recording.wav");
    std::fs::write(&source, data).unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();

    let mut g = c.benchmark_group(place);
    g.throughput(Throughput::Bytes(SIZE as u64)).sampling_mode(SamplingMode::Flat).sample_size(10);
    // Time the attach only; take it out again untimed so the disk does not fill.
    g.bench_function(BenchmarkId::new("attach_file", "32MiB"), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                let r = vault.attach_file(&mut case, &source, "", "bench").unwrap();
                total += t.elapsed();
                vault.remove_attachment(&mut case, r.id, "bench").unwrap();
            }
            total
        })
    });
    let r = vault.attach_file(&mut case, &source, "", "bench").unwrap();
    g.bench_function(BenchmarkId::new("open_verify", "32MiB"), |b| {
        let mut buf = vec![0u8; 256 * 1024];
        b.iter(|| {
            let mut reader = vault.open_attachment(&r).unwrap();
            let mut n = 0;
            loop {
                match reader.read(&mut buf).unwrap() {
                    0 => break,
                    k => n += k,
                }
            }
            assert!(reader.is_verified() && n == SIZE);
        })
    });
    g.bench_function(BenchmarkId::new("export", "32MiB"), |b| {
        let dest = out_dir.join("copy.wav");
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                vault.export_attachment(&r, &dest).unwrap();
                total += t.elapsed();
                std::fs::remove_file(&dest).unwrap();
            }
            total
        })
    });
    g.finish();
    let _ = io::stdout().flush();
}

fn benches(c: &mut Criterion) {
    let data = testimony_vault::sample::sample_bytes(SIZE, 1);
    raw(c, &data);
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        vault_api(c, &data, "shm", shm);
    }
    vault_api(c, &data, "disk", &std::env::temp_dir());
}

criterion_group!(attachment_benches, benches);
criterion_main!(attachment_benches);
