//! Kill a saving process with SIGKILL at random moments, again and again, and
//! prove after every kill that everything it reported saved is there, intact.
//!
//! The helper `tv-crash-writer` saves new cases, edits, drafts and settings in
//! a loop and prints a line only after each save has returned. The test kills
//! it at a random moment (often in the middle of a write: the saves fsync, so
//! they take milliseconds), reopens the vault and checks:
//! - the vault opens, nothing is reported damaged, no temporary file is left;
//! - every case reported saved is there at that revision or a later one, and
//!   its history holds each reported revision with the reported content hash;
//! - every case decrypts, its hash chain is unbroken and its last hash matches
//!   its content; the index agrees with the case files;
//! - every draft opens; a reported draft is gone only if a later save took it;
//! - the settings are those last reported or newer;
//! - the search index opens without damage and answers as a fresh index of
//!   the case files does (a kill between a case file and its delta).
//!
//! 200 kills in the normal run; `TV_LONG=1` runs 1,000 (or `TV_KILLS=n`).
//! `TV_SEED=n` replays a run. Imports are killed the same way in
//! `sigkill_during_an_import_…`. Extending to attachments: make the writer
//! print `ATTACHED <case> <attachment-id> <sha256>` after an attachment is
//! stored, and in `verify` read each reported attachment back and compare
//! its hash, like the `SAVED` lines here.

use crate::common;

use crate::common::all_files;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};
use testimony_vault::sample::SampleRng;
use testimony_vault::vault::{is_vault, CaseCheck, CreateOptions, Vault, VaultError};
use uuid::Uuid;
use crate::writer::{Writer, PASS};

/// What the writer promised, line by line.
#[derive(Default)]
struct Promised {
    /// Reported (revision, content hash) per case, in order.
    saves: HashMap<Uuid, Vec<(u32, String)>>,
    /// Highest revision seen on disk or reported, per case.
    seen_rev: HashMap<Uuid, u32>,
    /// Drafts reported after the case's last reported save, with the
    /// revision the case had then: the draft may only vanish through a save.
    drafts: HashMap<Uuid, u32>,
    config_k: u64,
    /// Events reported saved (the writer adds one at a time).
    events: usize,
    /// Case files already checked, by id.
    checked: HashMap<Uuid, Checked>,
}

/// What a check found in a case file.
struct Checked {
    stamp: (u64, u64, i64),
    revision: u32,
    /// Content hash of each revision, oldest first.
    hashes: Vec<String>,
}

fn stamp(path: &Path) -> (u64, u64, i64) {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).unwrap();
    (m.ino(), m.len(), m.mtime() * 1_000_000_000 + m.mtime_nsec())
}

impl Promised {
    fn take(&mut self, lines: &[String], stats: &mut Stats) {
        for line in lines {
            let mut parts = line.split(' ');
            match parts.next() {
                Some("SAVED") => {
                    let id: Uuid = parts.next().unwrap().parse().unwrap();
                    let rev: u32 = parts.next().unwrap().parse().unwrap();
                    let hash = parts.next().unwrap().to_string();
                    self.saves.entry(id).or_default().push((rev, hash));
                    let seen = self.seen_rev.entry(id).or_default();
                    *seen = (*seen).max(rev);
                    self.drafts.remove(&id);
                    stats.saves += 1;
                }
                Some("DRAFT") => {
                    let id: Uuid = parts.next().unwrap().parse().unwrap();
                    self.drafts.insert(id, self.seen_rev.get(&id).copied().unwrap_or(0));
                    stats.drafts += 1;
                }
                Some("CONFIG") => {
                    self.config_k = parts.next().unwrap().parse().unwrap();
                    stats.configs += 1;
                }
                Some("EVENTS") => {
                    self.events = parts.next().unwrap().parse().unwrap();
                    stats.events += 1;
                }
                Some("READY") => {}
                _ => panic!("the writer failed: {line}"),
            }
        }
    }
}

#[derive(Default, Debug)]
struct Stats {
    kills: usize,
    kills_before_ready: usize,
    saves: usize,
    drafts: usize,
    configs: usize,
    events: usize,
    leftovers_removed: usize,
    index_rebuilds: usize,
    cases_checked: usize,
    verify_time: Duration,
}

/// Reopen the vault and check every promise. Panics with the reason.
fn verify(dir: &Path, promised: &mut Promised, stats: &mut Stats, context: &str, full: bool) {
    let vault = match Vault::open(dir, &common::pass(PASS)) {
        Ok(v) => v,
        Err(e) => panic!("{context}: the vault does not open: {e}"),
    };
    let report = vault.open_report();
    assert!(report.damaged.is_empty(), "{context}: damaged after a kill: {:?}", report.damaged);
    stats.leftovers_removed += report.leftovers_removed;
    stats.index_rebuilds += usize::from(report.index_rebuilt);
    let temps: Vec<_> = all_files(dir).into_iter().filter(|p| p.to_string_lossy().contains(".tmp-")).collect();
    assert!(temps.is_empty(), "{context}: temporary files left after open: {temps:?}");

    // A case file that has not changed since it was last checked (same
    // inode, size and time: every save writes a new inode) holds what it held
    // then; only changed files are decrypted again, except on a full check.
    if full {
        promised.checked.clear();
    }
    let mut ids = HashSet::new();
    for entry in std::fs::read_dir(dir.join("cases")).unwrap().flatten() {
        let name = entry.file_name().into_string().unwrap();
        let Some(id) = name.strip_suffix(".age").and_then(|s| Uuid::parse_str(s).ok()) else { continue };
        ids.insert(id);
        let stamp = stamp(&entry.path());
        if promised.checked.get(&id).is_some_and(|c| c.stamp == stamp) {
            continue;
        }
        let case = vault.load_case(id).unwrap_or_else(|e| panic!("{context}: a case does not open: {e}"));
        stats.cases_checked += 1;
        let h = &case.history;
        assert!(!h.is_empty(), "{context}: {id} has no history");
        for (i, r) in h.iter().enumerate() {
            assert_eq!(r.number as usize, i + 1, "{context}: {id} revision numbers");
            let prev = if i == 0 { "" } else { h[i - 1].content_hash.as_str() };
            assert_eq!(r.prev_hash, prev, "{context}: {id} hash chain broken at {}", r.number);
        }
        assert_eq!(case.last_hash(), case.content_hash(), "{context}: {id} content differs from its hash");
        let hashes = h.iter().map(|r| r.content_hash.clone()).collect();
        promised.checked.insert(id, Checked { stamp, revision: case.revision(), hashes });
    }
    promised.checked.retain(|id, _| ids.contains(id));
    assert_eq!(ids.len(), vault.len(), "{context}: the index does not list every case");
    for (id, checked) in &promised.checked {
        let summary = vault.summary(*id).expect("every case is in the index");
        assert_eq!(summary.revision, checked.revision, "{context}: {id} index is stale");
        let seen = promised.seen_rev.entry(*id).or_default();
        *seen = (*seen).max(checked.revision);
    }
    for (id, saves) in &promised.saves {
        let checked = promised.checked.get(id).unwrap_or_else(|| panic!("{context}: reported-saved case {id} lost"));
        for (rev, hash) in saves {
            let stored = checked.hashes.get(*rev as usize - 1).unwrap_or_else(|| {
                panic!("{context}: {id} is at revision {} but revision {rev} was reported saved", checked.revision)
            });
            assert_eq!(stored, hash, "{context}: {id} revision {rev} is not what was saved");
        }
    }
    let on_disk: HashSet<Uuid> = vault.drafts().into_iter().collect();
    for id in &on_disk {
        vault.load_draft(*id).unwrap_or_else(|e| panic!("{context}: draft {id} does not open: {e}"));
    }
    promised.drafts.retain(|id, base| {
        if on_disk.contains(id) {
            return true;
        }
        let now = vault.summary(*id).map_or(0, |s| s.revision);
        assert!(now > *base, "{context}: draft of {id} vanished without a save");
        false
    });
    let k: u64 = vault.config().editor_name.strip_prefix("writer-").and_then(|k| k.parse().ok()).unwrap_or(0);
    assert!(k >= promised.config_k, "{context}: settings went back from {} to {k}", promised.config_k);
    let events = testimony_vault::events::store::load(&vault).unwrap_or_else(|e| panic!("{context}: events do not open: {e}"));
    assert!(events.warnings.is_empty(), "{context}: events damaged after a kill: {:?}", events.warnings);
    assert!(events.book.events.len() >= promised.events, "{context}: events went back to {}", events.book.events.len());
    verify_search(&vault, context);
}

/// The search index after a kill (maybe between a case file and its
/// delta, or in the middle of either): never damaged, never stale.
fn verify_search(vault: &Vault, context: &str) {
    use testimony_vault::search::{store, SearchIndex};
    let (mut stored, report) = store::open(vault);
    assert!(report.damaged.is_empty() && report.notices().is_empty(), "{context}: search index after a kill: {report:?}");
    let cases: Vec<_> = vault.load_all().into_iter().map(Result::unwrap).collect();
    let mut fresh = SearchIndex::build(cases.iter());
    let queries = cases.iter().map(|c| c.interviewee.pseudonym.clone()).chain(["".into(), "수용소".into(), "Hyesan".into()]);
    for q in queries {
        let (mut a, mut b) = (stored.search(&q), fresh.search(&q));
        a.sort();
        b.sort();
        assert_eq!(a, b, "{context}: search for {q:?} differs from the case files");
    }
}

fn seed() -> u64 {
    std::env::var("TV_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64)
    })
}

fn kills_wanted() -> usize {
    if let Some(n) = std::env::var("TV_KILLS").ok().and_then(|s| s.parse().ok()) {
        return n;
    }
    if std::env::var("TV_LONG").is_ok_and(|v| v == "1") { 1000 } else { 200 }
}

/// A fresh vault every this many kills, so histories stay short and the
/// run's speed does not drift.
const KILLS_PER_VAULT: usize = 100;

#[test]
fn sigkill_at_random_moments_loses_nothing_reported_saved() {
    let seed = seed();
    let wanted = kills_wanted();
    println!("crash loop: seed {seed} (replay with TV_SEED={seed}), {wanted} kills");
    let mut rng = SampleRng::new(seed);
    let started = Instant::now();
    let mut stats = Stats::default();
    let mut vaults = Vec::new();
    while stats.kills < wanted {
        let dir = tempfile::tempdir().unwrap();
        let mut promised = Promised::default();
        let round = KILLS_PER_VAULT.min(wanted - stats.kills);
        for i in 0..round {
            let mut w = Writer::spawn(dir.path(), "write", rng.next_u64());
            if rng.below(5) == 0 {
                // Early: during the open, the leftover clean-up or the first save.
                std::thread::sleep(Duration::from_micros(rng.below(20_000) as u64));
                stats.kills_before_ready += 1;
            } else {
                let ready = w.wait_for("READY", Duration::from_secs(30));
                assert!(ready.is_some(), "the writer did not start: {:?}", w.lines);
                // Let it finish 0 to 2 operations, then kill it at a random
                // point of the next one: timing follows the writer's own
                // pace, so a slow or busy machine still gets kills mid-save.
                let mut op = Duration::from_millis(20);
                for _ in 0..rng.below(3) {
                    let t = Instant::now();
                    if w.wait_for("", Duration::from_secs(30)).is_none() {
                        break;
                    }
                    op = t.elapsed();
                }
                std::thread::sleep(op.mul_f64(rng.below(1000) as f64 / 1000.0));
            }
            let lines = w.kill();
            stats.kills += 1;
            promised.take(&lines, &mut stats);
            if is_vault(dir.path()) {
                let t = Instant::now();
                let context = format!("kill {} (seed {seed})", stats.kills);
                // Every tenth kill and the last of each vault, decrypt everything again.
                let full = i % 10 == 9 || i + 1 == round;
                verify(dir.path(), &mut promised, &mut stats, &context, full);
                stats.verify_time += t.elapsed();
            }
        }
        vaults.push(dir);
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "crash loop: {} kills survived ({} before the vault was ready) in {secs:.1} s; {} saves, {} drafts, {} settings changes, {} event saves confirmed; {} temporary files from interrupted writes cleaned up; index rebuilt {} times; {} case loads verified ({:.1} s verifying)",
        stats.kills,
        stats.kills_before_ready,
        stats.saves,
        stats.drafts,
        stats.configs,
        stats.events,
        stats.leftovers_removed,
        stats.index_rebuilds,
        stats.cases_checked,
        stats.verify_time.as_secs_f64()
    );
    assert!(stats.saves > 0, "no save confirmed: {stats:?}");
    assert!(stats.leftovers_removed > 0, "no kill landed inside a write: {stats:?}");
}

/// A kill while a vault is being created leaves either a whole vault or a
/// folder that is plainly not one, never a vault that half opens.
#[test]
fn sigkill_during_creation_leaves_a_whole_vault_or_none() {
    let seed = seed();
    let mut rng = SampleRng::new(seed ^ 0x5eed);
    let (mut whole, mut none) = (0, 0);
    for i in 0..30 {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("vault");
        let w = Writer::spawn(&dir, "create", 0);
        std::thread::sleep(Duration::from_micros(rng.below(60_000) as u64));
        let lines = w.kill();
        if is_vault(&dir) {
            let vault = Vault::open(&dir, &common::pass(PASS))
                .unwrap_or_else(|e| panic!("creation {i} (seed {seed}): a vault with a key does not open: {e}"));
            assert!(vault.open_report().damaged.is_empty());
            assert!(vault.is_empty());
            whole += 1;
        } else {
            assert!(!lines.iter().any(|l| l == "CREATED"), "reported created but no key file");
            let err = Vault::open(&dir, &common::pass(PASS)).unwrap_err();
            assert!(matches!(err, VaultError::NotAVault { .. }), "creation {i}: {err:?}");
            // The folder can be used again: creating there now works.
            let again = Vault::create_with(&dir, &common::pass(PASS), &CreateOptions { work_factor: common::TEST_WORK_FACTOR })
                .unwrap_or_else(|e| panic!("creation {i} (seed {seed}): the folder cannot be reused: {e}"));
            drop(again);
            common::open_vault(&dir);
            none += 1;
        }
    }
    println!("creation killed 30 times: {whole} whole vaults, {none} folders without a vault");
}

/// Copy a vault folder (a few small files) to a fresh place.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A kill at any moment of an import (whose files are made durable with one
/// `syncfs`, then renamed in): nothing is damaged, every case is whole and
/// either as before the import or as in the bundle, an import that reported
/// success is all there, and importing the same bundle again completes
/// whatever the kill cut short.
#[test]
fn sigkill_during_an_import_leaves_whole_cases_and_importing_again_completes_it() {
    use testimony_vault::bundle::{self, ExportOptions, Selection, Unlock};
    let seed = seed();
    let mut rng = SampleRng::new(seed ^ 0x1a9);
    let work = tempfile::tempdir().unwrap();
    let options = CreateOptions { work_factor: common::TEST_WORK_FACTOR };
    let key = age::x25519::Identity::generate();
    let identity = work.path().join("key.txt");
    std::fs::write(&identity, testimony_vault::bundle::keys::new_identity_file(&key).as_bytes()).unwrap();
    let export = |vault: &Vault, name: &str| {
        let ids = Selection { all: true, ..Default::default() }.select(vault);
        let path = work.path().join(name);
        let options = ExportOptions { recipients: vec![key.to_public()], ..Default::default() };
        bundle::export_cases(vault, &ids, &options, &path).unwrap();
        path
    };
    let unlock = Unlock::with_identity(key.clone());

    // The field vault holds case A; the bundle moves A on and adds 60 cases.
    let mut source = Vault::create_with(&work.path().join("source"), &common::pass(PASS), &options).unwrap();
    let mut a = testimony_vault::sample::sample_case(1, 300);
    source.save_case(&mut a, "A").unwrap();
    let first = export(&source, "first.tvb");
    let template = work.path().join("template");
    let mut vault = Vault::create_with(&template, &common::pass(PASS), &options).unwrap();
    bundle::import_with(&mut vault, &first, &unlock, "A", &trusting()).unwrap();
    let a_before = vault.load_case(a.id).unwrap().content_hash();
    drop(vault);
    a.narrative = "수정된 진술 / edited account".repeat(20);
    source.save_case(&mut a, "A").unwrap();
    let a_after = a.content_hash();
    let mut new_cases: HashMap<Uuid, String> = HashMap::new();
    for n in 2..=61 {
        let mut c = testimony_vault::sample::sample_case(n, 400);
        source.save_case(&mut c, "A").unwrap();
        new_cases.insert(c.id, c.content_hash());
    }
    let bundle_path = export(&source, "second.tvb");

    // How long a whole run takes here, to spread the kills over it.
    let timed = work.path().join("timed");
    copy_dir(&template, &timed);
    let started = Instant::now();
    let mut w = Writer::spawn_args(&timed, "import", &[bundle_path.as_os_str(), identity.as_os_str()]);
    assert!(w.wait_for("IMPORTED", Duration::from_secs(120)).is_some(), "a whole import: {:?}", w.lines);
    let whole_run = started.elapsed();
    drop(w);

    let kills = 40;
    let (mut finished, mut partial, mut none_placed, mut placed_unreported, mut leftovers) = (0, 0, 0, 0, 0);
    for k in 0..kills {
        let context = format!("import kill {k} (seed {seed})");
        let dir = work.path().join(format!("kill-{k}"));
        copy_dir(&template, &dir);
        let w = Writer::spawn_args(&dir, "import", &[bundle_path.as_os_str(), identity.as_os_str()]);
        // Half the kills anywhere, half in the last third of the run, where
        // the files are renamed into place.
        let at = if k % 2 == 0 { rng.below(1100) } else { 700 + rng.below(350) };
        let wait = whole_run.mul_f64(at as f64 / 1000.0);
        std::thread::sleep(wait);
        let lines = w.kill();
        let imported = lines.iter().any(|l| l.starts_with("IMPORTED"));

        let mut vault = Vault::open(&dir, &common::pass(PASS)).unwrap_or_else(|e| panic!("{context}: {e}"));
        let report = vault.open_report();
        let (said_cut_short, other): (Vec<_>, Vec<_>) =
            report.damaged.iter().partition(|e| matches!(e, VaultError::ImportInterrupted { .. }));
        assert!(other.is_empty(), "{context}: {other:?}");
        leftovers += report.leftovers_removed;
        let a_now = vault.load_case(a.id).unwrap_or_else(|e| panic!("{context}: case A: {e}")).content_hash();
        assert!(a_now == a_before || a_now == a_after, "{context}: case A is neither before nor after");
        let mut present = 0;
        for (id, hash) in &new_cases {
            if vault.contains(*id) {
                let case = vault.load_case(*id).unwrap_or_else(|e| panic!("{context}: {e}"));
                assert_eq!(&case.content_hash(), hash, "{context}: a case differs from the bundle's");
                present += 1;
            }
        }
        let whole = present == 60 && a_now == a_after;
        if imported {
            assert!(whole, "{context}: reported imported, {present} of 60 there");
            finished += 1;
        } else if present == 0 && a_now == a_before {
            none_placed += 1;
        } else if !whole {
            // Cut short between the first and the last rename: said so.
            assert!(!said_cut_short.is_empty(), "{context}: {present} of 60 placed and nothing said");
            let msg = said_cut_short[0].to_string();
            assert!(msg.contains("second.tvb") && msg.contains("again"), "{context}: {msg}");
            partial += 1;
        } else {
            placed_unreported += 1;
        }
        // Importing again completes it, whatever the kill left.
        let again = bundle::import_with(&mut vault, &bundle_path, &unlock, "A", &trusting()).unwrap_or_else(|e| panic!("{context}: {e}"));
        assert_eq!(again.added(), 60 - present, "{context}");
        assert_eq!(vault.len(), 61, "{context}");
        assert_eq!(vault.load_case(a.id).unwrap().content_hash(), a_after, "{context}");
        drop(vault);
        assert!(common::open_vault(&dir).open_report().damaged.is_empty(), "{context}: after completing");
    }
    println!(
        "import killed {kills} times (whole run {whole_run:?}): {finished} finished, {placed_unreported} all in place but not yet reported, {partial} cut short part way (each said so at the next open), {none_placed} before any case was placed; {leftovers} temporary files cleaned up"
    );
    assert!(finished < kills, "no kill landed before the import ended");
}

/// The import options of a vault that trusts the sending vault: the
/// bundles here come from a vault made for the test.
fn trusting() -> testimony_vault::bundle::ImportOptions {
    testimony_vault::bundle::ImportOptions { trust_signer: Some("source".into()) }
}

/// A key rotation killed with SIGKILL at a random moment of its run: the
/// next open completes it (or it had not begun), every case opens with the
/// content saved, and every file of the vault opens with exactly one key:
/// the new one when the rotation had begun, else the old.
#[test]
fn sigkill_during_a_key_rotation_leaves_every_case_under_exactly_one_key() {
    let seed = seed();
    let mut rng = SampleRng::new(seed ^ 0x70a7);
    let work = tempfile::tempdir().unwrap();
    let template = work.path().join("template");
    let options = CreateOptions { work_factor: common::TEST_WORK_FACTOR };
    let mut vault = Vault::create_with(&template, &common::pass(PASS), &options).unwrap();
    let mut hashes = HashMap::new();
    for n in 1..=40 {
        let mut c = testimony_vault::sample::sample_case(n, 400);
        vault.save_case(&mut c, "A").unwrap();
        c.narrative.push_str(" (다시)");
        vault.save_case(&mut c, "A").unwrap();
        hashes.insert(c.id, c.content_hash());
    }
    vault.save_draft(&testimony_vault::sample::sample_case(99, 100)).unwrap();
    let old = vault.key().identity().clone();
    drop(vault);

    let timed = work.path().join("timed");
    copy_dir(&template, &timed);
    let started = Instant::now();
    let mut w = Writer::spawn(&timed, "rotate", 0);
    assert!(w.wait_for("ROTATED", Duration::from_secs(120)).is_some(), "a whole rotation: {:?}", w.lines);
    let whole_run = started.elapsed();
    drop(w);

    let kills = 30;
    let (mut rotated, mut unreported, mut completed_at_open, mut not_begun) = (0, 0, 0, 0);
    for k in 0..kills {
        let context = format!("rotation kill {k} (seed {seed})");
        let dir = work.path().join(format!("rot-{k}"));
        copy_dir(&template, &dir);
        let w = Writer::spawn(&dir, "rotate", 0);
        std::thread::sleep(whole_run.mul_f64(rng.below(1100) as f64 / 1000.0));
        let lines = w.kill();
        // What runs beside the open (the command line's search index) gets
        // the key the open ends with, even when it completes the rotation.
        let public = |key: &testimony_vault::vault::VaultKey| key.identity().to_public().to_string();
        let (vault, beside) = Vault::open_beside(&dir, &common::pass(PASS), CaseCheck::Now, public)
            .unwrap_or_else(|e| panic!("{context}: {e}"));
        assert_eq!(beside, public(vault.key()), "{context}: the key beside the open");
        let report = vault.open_report();
        assert!(report.damaged.is_empty(), "{context}: {:?}", report.damaged);
        for (id, hash) in &hashes {
            let case = vault.load_case(*id).unwrap_or_else(|e| panic!("{context}: {e}"));
            assert_eq!(&case.content_hash(), hash, "{context}");
        }
        let current = vault.key().identity().clone();
        let changed = current.to_public().to_string() != old.to_public().to_string();
        if lines.iter().any(|l| l.starts_with("ROTATED")) {
            assert!(changed, "{context}: reported rotated, old key still in use");
            rotated += 1;
        } else if report.rotation_completed {
            completed_at_open += 1;
        } else if changed {
            // Finished before the kill, which came before its line was read.
            unreported += 1;
        } else {
            not_begun += 1;
        }
        drop(vault);
        assert!(!dir.join("rotation.age").exists(), "{context}: the journal is gone after the open");
        let other = if changed { old.clone() } else { current_other() };
        crate::keys::assert_readable_by_exactly(&dir, &current, &other);
    }
    println!(
        "rotation: {kills} kills over a {:.0} ms run: {rotated} finished, {unreported} finished but not yet reported, {completed_at_open} completed at the next open, {not_begun} not begun",
        whole_run.as_secs_f64() * 1e3
    );
    assert_eq!(rotated + unreported + completed_at_open + not_begun, kills, "every kill is one of the four");
}

/// A key no file is encrypted to, for "exactly one key" when the rotation
/// had not begun (the old key is then the one).
fn current_other() -> age::x25519::Identity {
    age::x25519::Identity::generate()
}
