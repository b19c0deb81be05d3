//! Damage every file of a vault in turn (one flipped byte at many places,
//! truncation at many lengths) and check that the damage is named, that
//! nothing panics, and that everything else still opens.
//!
//! Each file is classified by what it is (`Kind`); a file the test does not
//! know fails it, so a new kind of file (attachments, bundle manifests) cannot
//! be added to the vault without saying here what its damage must do. To
//! extend: add a `Kind`, a branch in `classify`, and an `expect` arm (e.g. an
//! attachment: the vault opens, reading that attachment is an error naming
//! its file, every case and every other attachment opens).

use crate::common::*;
use std::fs;
use std::path::{Path, PathBuf};
use testimony_vault::sample::{sample_case, SampleRng};
use testimony_vault::vault::{Vault, VaultError};
use uuid::Uuid;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Key,
    KeyCopy,
    ShardList,
    Config,
    ConfigPrev,
    Index,
    IndexPrev,
    Case(Uuid),
    CasePrev(Uuid),
    Draft(Uuid),
    Lock,
    SigningKey,
    Trust,
    TrustPrev,
    Events,
    EventsPrev,
    /// `search/index.age` and `search/delta-….age`: caches of the cases.
    SearchIndex,
    SearchDelta,
}

fn classify(rel: &str) -> Kind {
    let id = |s: &str| Uuid::parse_str(s).unwrap_or_else(|_| panic!("unexpected file {rel}"));
    match rel {
        "key.age" => Kind::Key,
        "key-copy.age" => Kind::KeyCopy,
        "index/shards.age" => Kind::ShardList,
        "config.age" => Kind::Config,
        "config.age.prev" => Kind::ConfigPrev,
        "vault.lock" => Kind::Lock,
        "signing.age" => Kind::SigningKey,
        "trust.age" => Kind::Trust,
        "trust.age.prev" => Kind::TrustPrev,
        "events.age" => Kind::Events,
        "events.age.prev" => Kind::EventsPrev,
        _ => {
            if let Some(name) = rel.strip_prefix("cases/") {
                if let Some(s) = name.strip_suffix(".age.prev") {
                    return Kind::CasePrev(id(s));
                }
                if let Some(s) = name.strip_suffix(".age") {
                    return Kind::Case(id(s));
                }
            }
            if let Some(name) = rel.strip_prefix("index/") {
                // One shard per first byte of the case id: `index/3f.age`.
                let shard = |s: &str| s.len() == 2 && s.chars().all(|c| c.is_ascii_hexdigit());
                if name.strip_suffix(".age.prev").is_some_and(shard) {
                    return Kind::IndexPrev;
                }
                if name.strip_suffix(".age").is_some_and(shard) {
                    return Kind::Index;
                }
            }
            if let Some(s) = rel.strip_prefix("drafts/").and_then(|n| n.strip_suffix(".age")) {
                return Kind::Draft(id(s));
            }
            if rel == "search/index.age" {
                return Kind::SearchIndex;
            }
            if rel.strip_prefix("search/delta-").is_some_and(|n| n.ends_with(".age")) {
                return Kind::SearchDelta;
            }
            panic!("the tamper test does not know what {rel} is: add it to `classify` and `expect`")
        }
    }
}

struct Pristine {
    dir: tempfile::TempDir,
    cases: Vec<testimony_vault::Case>,
    editor_name: String,
    signers: Vec<String>,
}

/// Three cases (the first saved twice, so it has a previous generation), a
/// draft, settings saved twice, two trusted signers added one by one.
fn pristine() -> Pristine {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create_vault(dir.path());
    let mut cases = Vec::new();
    for n in 1..=3 {
        let mut c = sample_case(n, 400);
        vault.save_case(&mut c, "A").unwrap();
        cases.push(c);
    }
    // The search index written (its deltas folded in), then one delta.
    let _ = testimony_vault::search::store::open(&vault);
    cases[0].follow_up = "second save".into();
    vault.save_case(&mut cases[0], "A").unwrap();
    let mut draft = cases[1].clone();
    draft.narrative.push_str(" (unsaved)");
    vault.save_draft(&draft).unwrap();
    for name in ["first", "면담자 둘"] {
        let mut config = vault.config().clone();
        config.editor_name = name.into();
        vault.set_config(config).unwrap();
    }
    let mut signers = Vec::new();
    for name in ["서울 사무소", "archive"] {
        let key = testimony_vault::vault::signing::SigningKey::generate(name).public().openssh();
        vault.trust_signer(name, &key).unwrap();
        signers.push(name.to_string());
    }
    // Events saved twice: one event, then two (so a previous generation).
    let mut book = testimony_vault::events::EventBook::default();
    for title in ["회령 공개처형", "혜산 구금"] {
        let mut event = testimony_vault::events::Event::new(title, testimony_vault::model::ViolationType::Torture);
        event.links.push(testimony_vault::events::Link { case: cases[0].id, incident: cases[0].incidents[0].id });
        event.links.truncate(usize::from(book.events.is_empty()));
        book.add(event).unwrap();
        testimony_vault::events::store::save(&vault, &book).unwrap();
    }
    drop(vault);
    Pristine { dir, cases, editor_name: "면담자 둘".into(), signers }
}

fn copy_dir(from: &Path, to: &Path) {
    for f in all_files(from) {
        let target = to.join(f.strip_prefix(from).unwrap());
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::copy(&f, &target).unwrap();
        // Keep the times, so the copy's index is as fresh as the original's.
        restore_mtime(&target, fs::metadata(&f).unwrap().modified().unwrap());
    }
}

#[derive(Clone, Copy, Debug)]
enum Damage {
    Flip(usize),
    Truncate(usize),
}

/// Places worth hitting: the start, the age header (stanzas, MAC), the
/// first payload bytes, the middle, the end, and a few random ones.
fn damages(bytes: &[u8], rng: &mut SampleRng) -> Vec<Damage> {
    let len = bytes.len();
    let header_end = bytes.windows(4).position(|w| w == b"\n---").map_or(len / 4, |p| p + 1);
    let payload = bytes[header_end..].iter().position(|&b| b == b'\n').map_or(len / 2, |p| header_end + p + 1);
    let mut flips = vec![0, 22, header_end.saturating_sub(3), header_end + 5, payload, payload + 20, len / 2, len - 1];
    flips.extend((0..2).map(|_| rng.below(len)));
    let mut out: Vec<Damage> = flips.into_iter().filter(|&p| p < len).map(Damage::Flip).collect();
    out.extend([0, 1, header_end, payload, len / 2, len - 1].into_iter().filter(|&n| n < len).map(Damage::Truncate));
    out
}

fn apply(path: &Path, original: &[u8], damage: Damage) {
    let mut bytes = original.to_vec();
    match damage {
        Damage::Flip(p) => bytes[p] ^= 0x01 << (p % 8),
        Damage::Truncate(n) => bytes.truncate(n),
    }
    fs::write(path, bytes).unwrap();
}

/// Reset a file's modification time: a careful tamperer leaves size and
/// time as they were, so the index still believes the file is unchanged.
fn restore_mtime(path: &Path, mtime: std::time::SystemTime) {
    fs::File::options().write(true).open(path).unwrap().set_modified(mtime).unwrap();
}

fn trusted(vault: &Vault) -> Vec<String> {
    vault.trust_list().signers.iter().map(|s| s.name.clone()).collect()
}

fn names(err: &VaultError, file: &Path) -> bool {
    matches!(err, VaultError::Damaged { file: f, .. } if f == file) && err.to_string().contains(&file.display().to_string())
}

/// What the damage of one file must do, checked on a fresh copy.
fn expect(dir: &Path, kind: Kind, damaged: &Path, p: &Pristine, what: &str, mtime_kept: bool) {
    let opened = Vault::open(dir, &pass(PASS));
    let vault = opened.unwrap_or_else(|e| panic!("{what}: the vault must still open: {e}"));
    let report = vault.open_report();
    if matches!(kind, Kind::Key | Kind::KeyCopy) {
        // One copy of the key damaged: the other opens, the damaged one is
        // named and written again, and both are the same once more.
        let named = |e: &VaultError| match e {
            VaultError::KeyCopyUsed { file } | VaultError::KeyCopyRewritten { file } => file == damaged,
            _ => false,
        };
        assert!(report.damaged.len() == 1 && named(&report.damaged[0]), "{what}: {:?}", report.damaged);
        assert_eq!(fs::read(dir.join("key.age")).unwrap(), fs::read(dir.join("key-copy.age")).unwrap(), "{what}");
        assert_eq!(vault.len(), p.cases.len(), "{what}");
        return;
    }
    // Cases other than a damaged one open, with the content saved.
    for c in &p.cases {
        if kind == Kind::Case(c.id) {
            let err = vault.load_case(c.id).expect_err(what);
            assert!(names(&err, damaged), "{what}: the error names the file: {err:?}");
            if !mtime_kept {
                assert!(report.damaged.iter().any(|e| names(e, damaged)), "{what}: open report {:?}", report.damaged);
            }
            // The way back: the previous generation, where there is one.
            if c.history.len() > 1 {
                assert_eq!(vault.load_previous_generation(c.id).unwrap().unwrap().history.len(), c.history.len() - 1);
            }
        } else {
            assert_eq!(&vault.load_case(c.id).unwrap_or_else(|e| panic!("{what}: other case: {e}")), c, "{what}");
        }
    }
    let other_damage: Vec<_> = report.damaged.iter().filter(|e| !names(e, damaged)).collect();
    assert!(other_damage.is_empty(), "{what}: only the damaged file is reported: {other_damage:?}");
    match kind {
        Kind::Config => {
            // Settings fall back to the previous generation, and say so.
            assert!(report.damaged.iter().any(|e| names(e, damaged)), "{what}: settings damage is reported");
            assert_eq!(vault.config().editor_name, "first", "{what}: previous settings");
        }
        Kind::ConfigPrev | Kind::Lock | Kind::IndexPrev | Kind::ShardList => {
            assert!(report.damaged.is_empty(), "{what}");
            assert_eq!(vault.config().editor_name, p.editor_name);
        }
        Kind::Index => {
            assert!(report.index_rebuilt, "{what}: a damaged index is rebuilt");
            assert_eq!(vault.len(), p.cases.len());
        }
        Kind::CasePrev(id) => {
            let err = vault.load_previous_generation(id).expect_err(what);
            assert!(names(&err, damaged), "{what}: {err:?}");
        }
        Kind::Draft(id) => {
            assert_eq!(vault.drafts(), vec![id], "{what}: the draft is still listed");
            let err = vault.load_draft(id).expect_err(what);
            assert!(names(&err, damaged), "{what}: {err:?}");
        }
        Kind::SigningKey => {
            // Never replaced by a new key: signing is off until it is restored.
            assert!(report.damaged.iter().any(|e| names(e, damaged)), "{what}: signing key damage is reported");
            assert!(vault.signing_key().is_none(), "{what}: a damaged key is not used or replaced");
            assert_eq!(trusted(&vault), p.signers, "{what}");
        }
        Kind::Trust => {
            assert!(report.damaged.iter().any(|e| names(e, damaged)), "{what}: trust list damage is reported");
            assert_eq!(trusted(&vault), p.signers[..1], "{what}: the previous trust list");
        }
        Kind::TrustPrev => {
            assert!(report.damaged.is_empty(), "{what}");
            assert_eq!(trusted(&vault), p.signers, "{what}");
        }
        Kind::Events => {
            // The previous generation, and the damage said, never passed over.
            let loaded = testimony_vault::events::store::load(&vault).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(loaded.book.events.len(), 1, "{what}: the previous events");
            assert!(loaded.warnings.iter().any(|e| names(e, damaged)), "{what}: {:?}", loaded.warnings);
        }
        Kind::EventsPrev => {
            let loaded = testimony_vault::events::store::load(&vault).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!((loaded.book.events.len(), loaded.warnings.len()), (2, 0), "{what}");
        }
        Kind::SearchIndex | Kind::SearchDelta => {
            // Never damage of the vault: the index is rebuilt (and the user
            // told) or the lost delta's case indexed again from its file;
            // search answers as a fresh index of the cases does.
            assert!(report.damaged.is_empty(), "{what}");
            let (mut index, loaded) = testimony_vault::search::store::open(&vault);
            let rebuilt = loaded.rebuilt.is_some();
            assert!(rebuilt || kind == Kind::SearchDelta, "{what}: a damaged index is not used");
            assert!(rebuilt == !loaded.notices().is_empty(), "{what}: the user is told: {loaded:?}");
            let mut fresh = testimony_vault::search::SearchIndex::build(&p.cases);
            for q in ["", "second", "수용소", "Hyesan", "detention"] {
                let (mut a, mut b) = (index.search(q), fresh.search(q));
                a.sort();
                b.sort();
                assert_eq!(a, b, "{what}: {q}");
            }
        }
        Kind::Case(_) | Kind::Key | Kind::KeyCopy => {}
    }
    if !matches!(kind, Kind::Events | Kind::EventsPrev) {
        let loaded = testimony_vault::events::store::load(&vault).unwrap_or_else(|e| panic!("{what}: events: {e}"));
        assert_eq!(loaded.book.events.len(), 2, "{what}: the events open");
    }
    if !matches!(kind, Kind::SigningKey) {
        assert!(vault.signing_key().is_some(), "{what}: the signing key opens");
    }
    if !matches!(kind, Kind::Config) {
        assert_eq!(vault.config().editor_name, p.editor_name, "{what}");
    }
}

#[test]
fn every_file_flipped_and_truncated_is_named_and_the_rest_opens() {
    let p = pristine();
    let mut rng = SampleRng::new(0x7a3e);
    let files = all_files(p.dir.path());
    let mut tried = 0;
    let mut kinds = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(p.dir.path()).unwrap().to_string_lossy().into_owned();
        let kind = classify(&rel);
        kinds.push(kind);
        let original = fs::read(file).unwrap();
        let mtime = fs::metadata(file).unwrap().modified().unwrap();
        for damage in damages(&original, &mut rng) {
            for mtime_kept in [false, true] {
                if mtime_kept && !matches!((kind, damage), (Kind::Case(_), Damage::Flip(_))) {
                    continue;
                }
                let copy = tempfile::tempdir().unwrap();
                copy_dir(p.dir.path(), copy.path());
                let target: PathBuf = copy.path().join(&rel);
                apply(&target, &original, damage);
                if mtime_kept {
                    restore_mtime(&target, mtime);
                }
                let what = format!("{rel} {damage:?}{}", if mtime_kept { " (time kept)" } else { "" });
                expect(copy.path(), kind, &target, &p, &what, mtime_kept);
                tried += 1;
            }
        }
    }
    for wanted in [
        Kind::Key,
        Kind::KeyCopy,
        Kind::ShardList,
        Kind::Config,
        Kind::ConfigPrev,
        Kind::Index,
        Kind::IndexPrev,
        Kind::Lock,
        Kind::SigningKey,
        Kind::Trust,
        Kind::TrustPrev,
        Kind::Events,
        Kind::EventsPrev,
        Kind::SearchIndex,
        Kind::SearchDelta,
    ] {
        assert!(kinds.contains(&wanted), "the pristine vault has no {wanted:?}");
    }
    assert!(kinds.iter().any(|k| matches!(k, Kind::CasePrev(_))) && kinds.iter().any(|k| matches!(k, Kind::Draft(_))));
    println!("tamper: {} files, {tried} damaged copies opened, each damage named, the rest intact", files.len());
}

/// Every byte of the key file's header (the part that is parsed before any
/// authentication) and every 16th byte of its payload, flipped in both
/// copies alike: always the passphrase or damage message, never a panic,
/// never an open. (One copy damaged opens: see the test above.)
#[test]
fn every_header_byte_of_the_key_file_flipped_is_refused_plainly() {
    let p = pristine();
    let key = p.dir.path().join("key.age");
    let key_copy = p.dir.path().join("key-copy.age");
    let original = fs::read(&key).unwrap();
    assert_eq!(fs::read(&key_copy).unwrap(), original, "the copy is kept in step");
    let header_end = original.windows(4).position(|w| w == b"\n---").unwrap() + 50;
    let (mut wrong, mut damaged) = (0, 0);
    let positions: Vec<usize> = (0..header_end).chain((header_end..original.len()).step_by(16)).collect();
    for &pos in &positions {
        apply(&key, &original, Damage::Flip(pos));
        apply(&key_copy, &original, Damage::Flip(pos));
        match Vault::open(p.dir.path(), &pass(PASS)) {
            Err(VaultError::WrongPassphrase) => wrong += 1,
            Err(e) if names(&e, &key) => damaged += 1,
            other => panic!("key byte {pos}: {other:?}"),
        }
    }
    fs::write(&key, &original).unwrap();
    fs::write(&key_copy, &original).unwrap();
    Vault::open(p.dir.path(), &pass(PASS)).unwrap();
    println!(
        "key file: {} of its {} bytes flipped one by one: {wrong} wrong-passphrase, {damaged} damaged-file refusals",
        positions.len(),
        original.len()
    );
}

/// With no previous generation to fall back on, damaged settings still do
/// not lock the interviewer out of the cases.
#[test]
fn damaged_settings_without_a_previous_generation_do_not_block_the_cases() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = create_vault(dir.path());
    let mut case = sample_case(1, 200);
    vault.save_case(&mut case, "A").unwrap();
    drop(vault);
    let config = dir.path().join("config.age");
    assert!(!dir.path().join("config.age.prev").exists());
    let mut bytes = fs::read(&config).unwrap();
    let n = bytes.len();
    bytes[n - 3] ^= 0x10;
    fs::write(&config, bytes).unwrap();
    let vault = Vault::open(dir.path(), &pass(PASS)).expect("the cases open with default settings");
    assert!(vault.open_report().damaged.iter().any(|e| names(e, &config)), "{:?}", vault.open_report().damaged);
    assert_eq!(vault.load_case(case.id).unwrap(), case);
}
