//! Keys and local exposure: file modes, core dumps, organisation recovery,
//! key rotation, emergency erase, the key file's copy, the bounds on
//! passphrases and work factors, and the two new detections (a vanished
//! index shard, a case file holding another case).

use crate::common::{create_vault, english, open_vault, pass, PASS, TEST_WORK_FACTOR};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;
use testimony_vault::bundle::{self, ExportOptions, Profile};
use testimony_vault::sample::sample_case;
use testimony_vault::vault::erase::erase_keys;
use testimony_vault::vault::modes::mode_of;
use testimony_vault::vault::{keyfile, CreateOptions, Vault, VaultError};

const BIN: &str = env!("CARGO_BIN_EXE_testimony-vault");

fn every_entry(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    for e in fs::read_dir(dir).unwrap().flatten() {
        out.push(e.path());
        if e.path().is_dir() {
            out.extend(fs::read_dir(e.path()).unwrap().flatten().map(|f| f.path()));
        }
    }
    out
}

fn assert_private(dir: &Path) {
    for p in every_entry(dir) {
        let want = if p.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode_of(&p), want, "{} is {:o}", p.display(), mode_of(&p));
    }
}

fn identity() -> (age::x25519::Identity, String) {
    let id = age::x25519::Identity::generate();
    let r = id.to_public().to_string();
    (id, r)
}

#[test]
fn init_under_umask_022_makes_a_private_vault_and_open_tightens_an_old_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let script = format!("umask 022; exec '{BIN}' --vault '{}' init", dir.display());
    let out = Command::new("sh")
        .args(["-c", &script])
        .env("TESTIMONY_VAULT_PASSPHRASE", PASS)
        .env("TESTIMONY_VAULT_WORK_FACTOR", TEST_WORK_FACTOR.to_string())
        .env("TESTIMONY_VAULT_LANG", "en")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut v = open_vault(&dir);
    let mut case = sample_case(1, 100);
    v.save_case(&mut case, "A").unwrap();
    v.save_draft(&case).unwrap();
    drop(v);
    assert_private(&dir);
    // A vault from before: world-readable files and folders.
    use std::os::unix::fs::PermissionsExt;
    let loose: Vec<_> = every_entry(&dir);
    for p in &loose {
        fs::set_permissions(p, fs::Permissions::from_mode(if p.is_dir() { 0o755 } else { 0o644 })).unwrap();
    }
    let v = open_vault(&dir);
    assert_eq!(v.open_report().modes_tightened, loose.len(), "every loose entry counted");
    assert_private(&dir);
    drop(v);
    for p in &loose {
        fs::set_permissions(p, fs::Permissions::from_mode(if p.is_dir() { 0o755 } else { 0o644 })).unwrap();
    }
    let out = Command::new(BIN)
        .args(["--lang", "en", "--vault"])
        .arg(&dir)
        .arg("list")
        .env("TESTIMONY_VAULT_PASSPHRASE", PASS)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("could be read by other accounts"), "the command line says so: {said}");
}

/// Start the real binary so that it waits (reading a passphrase from a
/// pipe never written), look at /proc, then end it.
fn proc_of_waiting_cli(as_nobody: bool) -> (String, u32) {
    let mut c = if as_nobody {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", BIN]);
        c
    } else {
        Command::new(BIN)
    };
    let mut child = c
        .args(["--vault", "/nonexistent-vault", "--passphrase-file", "/dev/stdin", "init"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(400));
    let pid = child.id();
    let limits = fs::read_to_string(format!("/proc/{pid}/limits")).unwrap();
    let owner = std::os::unix::fs::MetadataExt::uid(&fs::metadata(format!("/proc/{pid}/status")).unwrap());
    let _ = child.kill();
    let _ = child.wait();
    (limits, owner)
}

fn core_limit(limits: &str) -> String {
    limits.lines().find(|l| l.starts_with("Max core file size")).unwrap_or("").to_string()
}

#[test]
fn the_command_line_makes_no_core_dump_and_is_not_dumpable() {
    let (limits, _) = proc_of_waiting_cli(false);
    let line = core_limit(&limits);
    let fields: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(&fields[4..6], ["0", "0"], "core size soft and hard limits: {line}");
    // Not dumpable: /proc/<pid>/ then belongs to root, not to the process's
    // user. Seen by running as another user (root here, so nobody).
    if Command::new("setpriv").arg("--version").output().is_ok() && crate::common::is_root() {
        let (_, owner) = proc_of_waiting_cli(true);
        assert_eq!(owner, 0, "a not dumpable process's /proc entries belong to root");
        // Control: an ordinary process of that user owns its entries.
        let mut sleeper = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "sleep", "5"])
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(200));
        let owner = std::os::unix::fs::MetadataExt::uid(&fs::metadata(format!("/proc/{}/status", sleeper.id())).unwrap());
        let _ = sleeper.kill();
        let _ = sleeper.wait();
        assert_eq!(owner, 65534, "the control process is dumpable");
    }
}

/// The real window under Xvfb: core size 0/0, and (run as nobody when we
/// are root) not dumpable: its /proc entries belong to root, while a
/// control process of the same user owns its own.
#[test]
fn the_window_makes_no_core_dump_and_is_not_dumpable() {
    if Command::new("xvfb-run").arg("--help").output().is_err() {
        eprintln!("SKIPPED: no xvfb-run");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let as_nobody = crate::common::is_root() && Command::new("setpriv").arg("--version").output().is_ok();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let out_file = tmp.path().join("seen");
    let nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups";
    let script = format!(
        "chmod 644 \"$XAUTHORITY\"; {run} env HOME='{home}' XDG_DATA_HOME='{home}/data' '{BIN}' --lang en & pid=$!; sleep 4; \
         {{ grep 'Max core' /proc/$pid/limits; echo \"OWNER $(stat -c %u /proc/$pid/status)\"; \
         {run} sleep 3 & c=$!; sleep 0.3; echo \"CONTROL $(stat -c %u /proc/$c/status)\"; }} > '{out}'; kill $pid",
        run = if as_nobody { nobody } else { "" },
        home = tmp.path().display(),
        out = out_file.display(),
    );
    let _ = Command::new("xvfb-run")
        .args(["-a", "-f"])
        .arg(tmp.path().join("auth"))
        .args(["-s", "-screen 0 1024x768x24", "sh", "-c", &script])
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    let seen = fs::read_to_string(&out_file).expect("the window was running");
    let line = core_limit(&seen);
    let fields: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(&fields[4..6], ["0", "0"], "window core size limits: {seen}");
    if as_nobody {
        assert!(seen.contains("OWNER 0\n"), "the window is not dumpable: {seen}");
        assert!(seen.contains("CONTROL 65534"), "the control is dumpable: {seen}");
    }
}

#[test]
fn the_organisation_recovers_and_the_old_passphrase_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let (org, org_recipient) = identity();
    let mut v = create_vault(&dir);
    let mut case = sample_case(1, 300);
    v.save_case(&mut case, "A").unwrap();
    v.set_recovery_recipients(vec![org_recipient.clone()]).unwrap();
    assert_eq!(v.config().recovery_recipients, vec![org_recipient]);
    drop(v);
    // A stranger's identity does not open the recovery file.
    let (stranger, _) = identity();
    let err = Vault::recover(&dir, &[stranger], &pass("new passphrase 2026"), TEST_WORK_FACTOR).unwrap_err();
    assert!(matches!(err, VaultError::NotARecoveryKey), "{err:?}");
    let v = Vault::recover(&dir, &[org.clone()], &pass("new passphrase 2026"), TEST_WORK_FACTOR).unwrap();
    assert_eq!(v.load_case(case.id).unwrap(), case);
    drop(v);
    assert!(matches!(Vault::open(&dir, &pass(PASS)).unwrap_err(), VaultError::WrongPassphrase));
    Vault::open(&dir, &pass("new passphrase 2026")).unwrap();
    // Bad recipients are refused before anything is written.
    let mut v = Vault::open(&dir, &pass("new passphrase 2026")).unwrap();
    assert!(matches!(v.set_recovery_recipients(vec!["age1nope".into()]), Err(VaultError::BadRecipient { .. })));
}

#[test]
fn recovery_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let (org, org_recipient) = identity();
    let id_file = tmp.path().join("org.txt");
    {
        use age::secrecy::ExposeSecret;
        fs::write(&id_file, format!("{}\n", org.to_string().expose_secret())).unwrap();
    }
    let newpass = tmp.path().join("new.txt");
    fs::write(&newpass, "organisation set this\n").unwrap();
    let tv = || {
        let mut c = Command::new(BIN);
        c.args(["--lang", "en", "--vault"])
            .arg(&dir)
            .env("TESTIMONY_VAULT_PASSPHRASE", PASS)
            .env("TESTIMONY_VAULT_WORK_FACTOR", TEST_WORK_FACTOR.to_string())
            .stdin(Stdio::null());
        c
    };
    let o = tv().args(["init", "--recovery-to", &org_recipient]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("1 organisation recovery key"));
    let o = tv().args(["erase", "--yes"]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("can still recover"), "{}", String::from_utf8_lossy(&o.stdout));
    let o = tv().arg("list").output().unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("were erased"), "{}", String::from_utf8_lossy(&o.stderr));
    let o = tv().args(["recover", "--identity"]).arg(&id_file).arg("--new-passphrase-file").arg(&newpass).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    Vault::open(&dir, &pass("organisation set this")).unwrap();
    assert!(matches!(Vault::open(&dir, &pass(PASS)).unwrap_err(), VaultError::WrongPassphrase));
}

#[test]
fn after_erase_every_open_fails_plainly_and_nothing_opens() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let mut v = create_vault(&dir);
    let mut case = sample_case(1, 300);
    v.save_case(&mut case, "A").unwrap();
    v.change_passphrase(&pass(PASS), &pass("second passphrase"), TEST_WORK_FACTOR).unwrap();
    let erased = erase_keys(&dir).unwrap();
    assert!(!erased.recoverable);
    drop(v);
    for p in keyfile::key_files(&dir) {
        assert!(!p.exists(), "{} survived", p.display());
    }
    let _en = english();
    for passphrase in [PASS, "second passphrase"] {
        let err = Vault::open(&dir, &pass(passphrase)).unwrap_err();
        assert!(matches!(err, VaultError::KeysErased { recoverable: false, .. }), "{err:?}");
        assert!(err.to_string().contains("erased"), "{err}");
    }
    // Not passwd's doing: erase leaves nothing named like a key.
    let names: Vec<String> = fs::read_dir(&dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into()).collect();
    assert!(names.iter().all(|n| !n.contains("key")), "{names:?}");
}

/// Erase touches only the key files: its time does not grow with the cases.
/// The case files here are sized like real ones but not encrypted (erase
/// never reads them), so that 100,000 of them take seconds to set up.
#[test]
fn erase_takes_under_a_second_at_10000_and_100000_cases() {
    for n in [10_000usize, 100_000] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("v");
        let (_, org) = identity();
        let mut v = create_vault(&dir);
        v.set_recovery_recipients(vec![org]).unwrap();
        drop(v);
        let cases = dir.join("cases");
        let filler = vec![0x5au8; 2_000];
        for i in 0..n {
            fs::write(cases.join(format!("{:08x}-0000-4000-8000-000000000000.age", i)), &filler).unwrap();
        }
        let start = Instant::now();
        let erased = erase_keys(&dir).unwrap();
        let took = start.elapsed();
        println!("erase at {n} cases: {:.1} ms, {} key files", took.as_secs_f64() * 1e3, erased.files.len());
        assert!(took.as_secs_f64() < 1.0, "erase at {n} cases took {took:?}");
        assert!(erased.recoverable);
    }
}

#[test]
fn rotation_leaves_every_file_under_the_new_key_only() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let (org, org_recipient) = identity();
    let mut v = create_vault(&dir);
    let mut cases = Vec::new();
    for i in 1..=5 {
        let mut c = sample_case(i, 200);
        v.save_case(&mut c, "A").unwrap();
        c.narrative.push_str(" again");
        v.save_case(&mut c, "A").unwrap();
        cases.push(c);
    }
    v.save_draft(&cases[0]).unwrap();
    v.set_recovery_recipients(vec![org_recipient]).unwrap();
    let old = v.key().identity().clone();
    let old_key_file = fs::read(dir.join("key.age")).unwrap();
    let rotated = v.rotate_key(&pass(PASS)).unwrap();
    assert!(rotated >= 12, "cases, their previous generations, draft, index, settings: {rotated}");
    let new = v.key().identity().clone();
    for c in &cases {
        assert_eq!(&v.load_case(c.id).unwrap(), c);
    }
    drop(v);
    assert_readable_by_exactly(&dir, &new, &old);
    // The old key file with the old passphrase still unwraps the old key,
    // which opens nothing any more.
    let v = open_vault(&dir);
    assert_eq!(v.len(), 5);
    assert!(v.open_report().damaged.is_empty(), "{:?}", v.open_report().damaged);
    drop(v);
    fs::write(dir.join("key.age"), &old_key_file).unwrap();
    fs::write(dir.join("key-copy.age"), &old_key_file).unwrap();
    let stale = Vault::open(&dir, &pass(PASS)).unwrap();
    assert_eq!(stale.len(), 0, "nothing opens with the old key");
    drop(stale);
    // The recovery file follows the new key.
    let v = Vault::recover(&dir, &[org], &pass("after rotation"), TEST_WORK_FACTOR).unwrap();
    assert_eq!(v.len(), 5);
}

/// Every vault file (not the key files) opens with `new` and not with `old`.
pub fn assert_readable_by_exactly(dir: &Path, new: &age::x25519::Identity, old: &age::x25519::Identity) {
    let skip = ["key.age", "key-copy.age", "recovery.age", "vault.lock", "rotation.age"];
    let opens = |bytes: &[u8], id: &age::x25519::Identity| {
        age::Decryptor::new_buffered(bytes).is_ok_and(|d| d.decrypt(std::iter::once(id as &dyn age::Identity)).is_ok())
    };
    for p in every_entry(dir).into_iter().filter(|p| p.is_file()) {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if skip.contains(&name.as_str()) || name.starts_with('.') {
            continue;
        }
        let bytes = fs::read(&p).unwrap();
        assert!(opens(&bytes, new) && !opens(&bytes, old), "{} is not under the new key only", p.display());
    }
}

#[test]
fn one_work_factor_range_everywhere_and_a_minimum_bundle_passphrase() {
    let tmp = tempfile::tempdir().unwrap();
    for wf in [9u8, 23, 30] {
        let err = Vault::create_with(&tmp.path().join(format!("v{wf}")), &pass(PASS), &CreateOptions { work_factor: wf })
            .unwrap_err();
        assert!(matches!(err, VaultError::WorkFactorOutOfRange { min: 10, max: 22, .. }), "{err:?}");
        assert!(!tmp.path().join(format!("v{wf}")).join("key.age").exists());
    }
    let dir = tmp.path().join("v");
    let mut v = create_vault(&dir);
    let err = v.change_passphrase(&pass(PASS), &pass("another passphrase"), 24).unwrap_err();
    assert!(matches!(err, VaultError::WorkFactorOutOfRange { asked: 24, .. }), "{err:?}");
    drop(v);
    open_vault(&dir);
    // Bundles: the same range, and the vault's minimum length.
    let mut v = open_vault(&dir);
    let mut case = sample_case(1, 100);
    v.save_case(&mut case, "A").unwrap();
    for (passphrase, wf) in [("short", Some(TEST_WORK_FACTOR)), ("long enough passphrase", Some(25))] {
        let options = ExportOptions {
            passphrase: Some(pass(passphrase)),
            work_factor: wf,
            profile: Profile::Full,
            ..ExportOptions::default()
        };
        let out = tmp.path().join(format!("b-{wf:?}.tvb"));
        let err = bundle::export_cases(&v, &[case.id], &options, &out).unwrap_err();
        assert!(
            matches!(err, bundle::BundleError::Vault(VaultError::WeakPassphrase { .. } | VaultError::WorkFactorOutOfRange { .. })),
            "{err:?}"
        );
    }
    drop(v);
    // The command line says the range rather than clamping silently.
    let o = Command::new(BIN)
        .args(["--lang", "en", "--vault"])
        .arg(&dir)
        .args(["passwd", "--work-factor", "24"])
        .env("TESTIMONY_VAULT_PASSPHRASE", PASS)
        .env("TESTIMONY_VAULT_NEW_PASSPHRASE", "another passphrase")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("10–22"), "{}", String::from_utf8_lossy(&o.stderr));
    open_vault(&dir);
}

#[test]
fn a_vanished_shard_and_a_case_under_another_name_are_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let mut v = create_vault(&dir);
    let mut a = sample_case(1, 100);
    let mut b = sample_case(2, 100);
    let mut c = sample_case(3, 100);
    for x in [&mut a, &mut b, &mut c] {
        v.save_case(x, "A").unwrap();
    }
    drop(v);
    // A case file deleted together with its shard.
    let shard = dir.join("index").join(format!("{:02x}.age", a.id.as_bytes()[0]));
    let same_shard = [&b, &c].iter().any(|x| x.id.as_bytes()[0] == a.id.as_bytes()[0]);
    fs::remove_file(dir.join("cases").join(format!("{}.age", a.id))).unwrap();
    fs::remove_file(&shard).unwrap();
    let _ = fs::remove_file(shard.with_extension("age.prev"));
    let v = open_vault(&dir);
    let lost = &v.open_report().lost_shards;
    assert_eq!(lost, &vec![a.id.as_bytes()[0]], "same shard as another case: {same_shard}");
    assert!(v.open_report().damaged.iter().any(|e| matches!(e, VaultError::ShardMissing { .. })));
    drop(v);
    // Reported at every open until forgotten.
    let mut v = open_vault(&dir);
    assert_eq!(v.open_report().lost_shards.len(), 1);
    v.forget_missing().unwrap();
    drop(v);
    assert!(open_vault(&dir).open_report().lost_shards.is_empty());
    // A case file put under another case's name.
    let b_file = dir.join("cases").join(format!("{}.age", b.id));
    fs::copy(dir.join("cases").join(format!("{}.age", c.id)), &b_file).unwrap();
    let v = open_vault(&dir);
    let found = v
        .open_report()
        .damaged
        .iter()
        .any(|e| matches!(e, VaultError::CaseIdMismatch { file, found, .. } if *file == b_file && *found == c.id));
    assert!(found, "{:?}", v.open_report().damaged);
    assert!(matches!(v.load_case(b.id), Err(VaultError::CaseIdMismatch { .. })));
    assert_eq!(v.load_case(c.id).unwrap(), c);
}
