//! Export and import of 1,000 cases (about 3,000-character narratives each),
//! each with a signed revision: export signs the manifest, import checks it
//! and every revision's signature and signs the revision it adds. Vault
//! creation and unlocking (scrypt) happen outside the measured part: the
//! target is under a second for each beyond key derivation. The cost of
//! one signature and one check is measured apart.

use age::secrecy::SecretString;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::time::Duration;
use testimony_vault::bundle::{self, ExportOptions, Profile, Selection, Unlock};
use testimony_vault::model::{now_utc, Case, Revision};
use testimony_vault::sample::sample_case;
use testimony_vault::vault::custody::{check_revision, RevisionCheck};
use testimony_vault::vault::{CreateOptions, Vault};

const CASES: u32 = 1000;

fn pass() -> SecretString {
    SecretString::from("benchmark passphrase".to_owned())
}

fn new_vault(dir: &std::path::Path) -> Vault {
    Vault::create_with(dir, &pass(), &CreateOptions { work_factor: 10 }).unwrap()
}

fn bench(c: &mut Criterion) {
    let source_dir = tempfile::tempdir().unwrap();
    let mut source = new_vault(source_dir.path());
    let cases: Vec<_> = (1..=CASES).map(|n| with_signed_revision(&source, sample_case(n, 3000))).collect();
    source.write_cases(&cases).unwrap();
    let receiver_key = age::x25519::Identity::generate();
    let ids = Selection { all: true, ..Default::default() }.select(&source);
    let out_dir = tempfile::tempdir().unwrap();

    let mut group = c.benchmark_group("bundle");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    for profile in [Profile::Full, Profile::Pseudonymised] {
        let options = ExportOptions { recipients: vec![receiver_key.to_public()], profile, ..Default::default() };
        group.bench_function(format!("export 1000 cases ({})", profile.key()), |b| {
            b.iter_batched(
                || out_dir.path().join(format!("{}.tvb", uuid::Uuid::new_v4())),
                |path| {
                    bundle::export_cases(&source, &ids, &options, &path).unwrap();
                    std::fs::remove_file(path).unwrap();
                },
                BatchSize::PerIteration,
            )
        });
    }

    // One bundle, imported into a fresh vault each time.
    let bundle_path = out_dir.path().join("all.tvb");
    let options = ExportOptions { recipients: vec![receiver_key.to_public()], ..Default::default() };
    bundle::export_cases(&source, &ids, &options, &bundle_path).unwrap();
    println!("bundle of {CASES} cases: {} bytes", std::fs::metadata(&bundle_path).unwrap().len());
    let unlock = Unlock::with_identity(receiver_key.clone());
    let trusting = bundle::ImportOptions { trust_signer: Some("source".into()) };
    group.bench_function("import 1000 cases into an empty vault", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let vault = new_vault(&dir.path().join("v"));
                (dir, vault)
            },
            |(dir, mut vault)| {
                let report = bundle::import_with(&mut vault, &bundle_path, &unlock, "bench", &trusting).unwrap();
                assert_eq!(report.added(), CASES as usize);
                (dir, vault)
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("re-import 1000 cases (no-op)", |b| {
        let dir = tempfile::tempdir().unwrap();
        let mut vault = new_vault(&dir.path().join("v"));
        bundle::import_with(&mut vault, &bundle_path, &unlock, "bench", &trusting).unwrap();
        b.iter(|| {
            let report = bundle::import_with(&mut vault, &bundle_path, &unlock, "bench", &trusting).unwrap();
            assert!(report.is_no_op());
        })
    });
    group.bench_function("verify 1000 cases", |b| b.iter(|| bundle::verify(&bundle_path, &unlock).unwrap()));
    group.finish();

    let mut group = c.benchmark_group("signatures");
    let case = &cases[0];
    let unsigned = Revision { signature: None, ..case.history[0].clone() };
    group.bench_function("sign one revision", |b| b.iter(|| source.signed(case.id, unsigned.clone())));
    group.bench_function("check one revision", |b| {
        b.iter(|| assert!(matches!(check_revision(case.id, &case.history[0]), RevisionCheck::Valid(_))))
    });
    group.finish();
}

/// The case as a save would leave it: one revision, signed by `vault`.
fn with_signed_revision(vault: &Vault, mut case: Case) -> Case {
    let revision = Revision {
        number: 1,
        at: now_utc(),
        editor: "bench".into(),
        changed_fields: vec!["created".into()],
        prev_hash: String::new(),
        content_hash: case.content_hash(),
        note: String::new(),
        signature: None,
        before: None,
    };
    case.history.push(vault.signed(case.id, revision));
    case
}

criterion_group!(benches, bench);
criterion_main!(benches);
