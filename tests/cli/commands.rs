//! The real binary, run as a script would: no standard input, passphrases
//! from the environment, a file or a file descriptor.

use crate::common::*;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use testimony_vault::sample::sample_case;

const BIN: &str = env!("CARGO_BIN_EXE_testimony-vault");

struct Out {
    ok: bool,
    stdout: String,
    stderr: String,
}

/// The binary against `vault`, English messages, the test passphrase in the
/// environment and a low scrypt cost.
fn tv(vault: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--vault")
        .arg(vault)
        .env("TESTIMONY_VAULT_PASSPHRASE", PASS)
        .env("TESTIMONY_VAULT_WORK_FACTOR", TEST_WORK_FACTOR.to_string())
        .env("TESTIMONY_VAULT_LANG", "en")
        .env_remove("TESTIMONY_VAULT_NEW_PASSPHRASE")
        .env_remove("TESTIMONY_VAULT_BUNDLE_PASSPHRASE")
        .stdin(Stdio::null());
    c
}

fn run(c: &mut Command) -> Out {
    let o = c.output().expect("run the binary");
    Out { ok: o.status.success(), stdout: String::from_utf8_lossy(&o.stdout).into(), stderr: String::from_utf8_lossy(&o.stderr).into() }
}

fn ok(c: &mut Command) -> String {
    let o = run(c);
    assert!(o.ok, "command failed: {c:?}\nstdout: {}\nstderr: {}", o.stdout, o.stderr);
    o.stdout
}

fn fails(c: &mut Command) -> String {
    let o = run(c);
    assert!(!o.ok, "command should have failed: {c:?}\nstdout: {}", o.stdout);
    assert!(o.stderr.starts_with("testimony-vault: ") || o.stderr.contains("error:"), "unclear error: {}", o.stderr);
    o.stderr
}

/// A vault made by `init`, with `n` sample cases saved through the library.
fn init_with_cases(dir: &Path, n: u32) -> String {
    let out = ok(tv(dir).arg("init"));
    assert!(out.contains("Created a new vault"), "{out}");
    let recipient = out.lines().find_map(|l| l.split_whitespace().find(|w| w.starts_with("age1"))).unwrap().to_string();
    if n > 0 {
        let mut v = open_vault(dir);
        for i in 1..=n {
            let mut c = sample_case(i, 300);
            v.save_case(&mut c, "A").unwrap();
        }
    }
    recipient
}

#[test]
fn init_list_export_verify_import_between_two_vaults() {
    let (a, b, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, b) = (a.path().join("vault"), b.path().join("vault"));
    init_with_cases(&a, 3);
    let b_key = init_with_cases(&b, 0);

    let table = ok(tv(&a).arg("list"));
    for code in ["NK-2026-0001", "NK-2026-0002", "NK-2026-0003"] {
        assert!(table.contains(code), "{table}");
    }
    assert!(table.contains("Pseudonym") && table.contains("3 cases."), "{table}");
    let json: serde_json::Value = serde_json::from_str(&ok(tv(&a).args(["list", "--json"]))).unwrap();
    let codes: Vec<&str> = json.as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["NK-2026-0001", "NK-2026-0002", "NK-2026-0003"]);

    let bundle = out.path().join("field.tvb");
    let said = ok(tv(&a).args(["export", "--to", &b_key, "--all", "--profile", "pseudonymised", "--out"]).arg(&bundle));
    assert!(said.contains("Exported 3 cases") && said.contains("pseudonymised"), "{said}");

    let verified = ok(tv(&b).arg("verify").arg(&bundle));
    assert!(verified.contains("intact") && verified.contains("3 cases"), "{verified}");
    let imported = ok(tv(&b).arg("import").arg(&bundle));
    assert!(imported.contains("3 added, 0 updated, 0 unchanged, 0 conflicts"), "{imported}");
    let again = ok(tv(&b).arg("import").arg(&bundle));
    assert!(again.contains("0 added, 0 updated, 3 unchanged, 0 conflicts"), "{again}");
    let json: serde_json::Value = serde_json::from_str(&ok(tv(&b).args(["list", "--json"]))).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 3);

    // The sending vault cannot open a bundle made for the receiving one.
    let err = fails(tv(&a).arg("import").arg(&bundle));
    assert!(err.contains("encrypted for someone else"), "{err}");
    let err = fails(tv(&a).args(["--lang", "ko", "verify"]).arg(&bundle));
    assert!(err.contains("다른 사람을 위해 암호화"), "{err}");

    // A damaged copy is refused and imports nothing.
    let c_dir = tempfile::tempdir().unwrap();
    let c = c_dir.path().join("vault");
    let c_key = init_with_cases(&c, 0);
    let for_c = out.path().join("for-c.tvb");
    ok(tv(&a).args(["export", "--to", &c_key, "--all", "--out"]).arg(&for_c));
    let mut bytes = fs::read(&for_c).unwrap();
    let n = bytes.len();
    bytes[n / 2] ^= 0x40;
    let bad = out.path().join("bad.tvb");
    fs::write(&bad, &bytes).unwrap();
    let err = fails(tv(&c).arg("import").arg(&bad));
    assert!(err.contains("damaged, truncated or has been tampered with") && err.contains("Nothing was imported"), "{err}");
    fs::write(&bad, &fs::read(&for_c).unwrap()[..n - 100]).unwrap();
    let err = fails(tv(&c).arg("import").arg(&bad));
    assert!(err.contains("damaged, truncated or has been tampered with"), "{err}");
    let json: serde_json::Value = serde_json::from_str(&ok(tv(&c).args(["list", "--json"]))).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 0, "a damaged bundle imported something");
    assert!(ok(tv(&c).arg("import").arg(&for_c)).contains("3 added"));
}

#[test]
fn export_selection_and_recipient_errors_are_plain() {
    let (a, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = a.path().join("v");
    init_with_cases(&a, 2);
    let key = age::x25519::Identity::generate().to_public().to_string();
    let f = out.path().join("x.tvb");
    let err = fails(tv(&a).args(["export", "--to", &key, "--out"]).arg(&f));
    assert!(err.contains("Choose what to export"), "{err}");
    let err = fails(tv(&a).args(["export", "--to", "age1notakey", "--all", "--out"]).arg(&f));
    assert!(err.contains("is not an age public key"), "{err}");
    let err = fails(tv(&a).args(["export", "--all", "--out"]).arg(&f));
    assert!(err.contains("Nobody to encrypt for"), "{err}");
    let err = fails(tv(&a).args(["export", "--to", &key, "--passphrase-protect", "--all", "--out"]).arg(&f));
    assert!(err.contains("not both"), "{err}");
    let err = fails(tv(&a).args(["export", "--to", &key, "--code", "NK-1999-0001", "--out"]).arg(&f));
    assert!(err.contains("No case matches"), "{err}");
    let err = fails(tv(&a).args(["export", "--to", &key, "--from", "yesterday", "--out"]).arg(&f));
    assert!(err.contains("is not a date"), "{err}");
    assert!(!f.exists());

    // A recipients file in the age format, and a selection by code.
    let rfile = out.path().join("org.txt");
    fs::write(&rfile, format!("# organisation archive\n{key}\n")).unwrap();
    let said = ok(tv(&a).args(["export", "--recipients-file"]).arg(&rfile).args(["--code", "NK-2026-0002", "--out"]).arg(&f));
    assert!(said.contains("Exported 1 case to"), "{said}");
    let err = fails(tv(&a).args(["export", "--recipients-file"]).arg(&rfile).args(["--all", "--out"]).arg(&f));
    assert!(err.contains("already exists"), "{err}");

    // Without --to, the organisation's keys from the settings are used.
    {
        let mut v = open_vault(&a);
        let mut config = v.config().clone();
        config.organisation_recipients = vec![key.clone()];
        v.set_config(config).unwrap();
    }
    let g = out.path().join("org.tvb");
    let said = ok(tv(&a).args(["export", "--status", "draft", "--status", "complete", "--status", "needs-follow-up", "--out"]).arg(&g));
    assert!(said.contains("Exported 2 cases"), "{said}");
}

#[test]
fn keygen_and_verify_with_an_identity_file_need_no_vault() {
    let out = tempfile::tempdir().unwrap();
    let printed = ok(Command::new(BIN).args(["--lang", "en", "keygen"]).stdin(Stdio::null()));
    assert!(printed.contains("# public key: age1") && printed.contains("AGE-SECRET-KEY-1"), "{printed}");

    let key = out.path().join("org-key.txt");
    let said = ok(Command::new(BIN).args(["--lang", "en", "keygen", "--out"]).arg(&key).stdin(Stdio::null()));
    let recipient = said.lines().find_map(|l| l.split_whitespace().find(|w| w.starts_with("age1"))).unwrap().to_string();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(&key).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let err = fails(Command::new(BIN).args(["--lang", "en", "keygen", "--out"]).arg(&key).stdin(Stdio::null()));
    assert!(err.contains("already exists"), "{err}");

    let a = tempfile::tempdir().unwrap();
    let a = a.path().join("v");
    init_with_cases(&a, 2);
    let bundle = out.path().join("org.tvb");
    ok(tv(&a).args(["export", "--to", &recipient, "--all", "--profile", "statistics-only", "--out"]).arg(&bundle));
    // No vault, no passphrase: the identity file alone checks the bundle.
    let verified = ok(Command::new(BIN)
        .args(["--lang", "en", "verify", "--identity"])
        .arg(&key)
        .arg(&bundle)
        .env_remove("TESTIMONY_VAULT_PASSPHRASE")
        .stdin(Stdio::null()));
    assert!(verified.contains("2 cases") && verified.contains("statistics only"), "{verified}");
}

#[test]
fn passphrase_from_file_fd_and_wrong_ones() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("v");
    init_with_cases(&v, 1);
    let file = dir.path().join("pass.txt");
    fs::write(&file, format!("{PASS}\n")).unwrap();
    let listed = ok(tv(&v).env_remove("TESTIMONY_VAULT_PASSPHRASE").arg("--passphrase-file").arg(&file).arg("list"));
    assert!(listed.contains("NK-2026-0001"));

    let script = format!("exec 3<'{}'; exec '{}' --vault '{}' --passphrase-fd 3 list", file.display(), BIN, v.display());
    let listed = ok(Command::new("sh")
        .arg("-c")
        .arg(script)
        .env_remove("TESTIMONY_VAULT_PASSPHRASE")
        .env("TESTIMONY_VAULT_LANG", "en")
        .stdin(Stdio::null()));
    assert!(listed.contains("NK-2026-0001"), "{listed}");

    let err = fails(tv(&v).env("TESTIMONY_VAULT_PASSPHRASE", "wrong passphrase").arg("list"));
    assert!(err.contains("The passphrase is not correct"), "{err}");
    let err = fails(tv(&v).env("TESTIMONY_VAULT_PASSPHRASE", "wrong passphrase").args(["--lang", "ko", "list"]));
    assert!(err.contains("암호가 아닙니다"), "{err}");
    let err = fails(tv(&dir.path().join("nowhere")).arg("list"));
    assert!(err.contains("is not a testimony vault"), "{err}");
    let err = fails(tv(&v).arg("init"));
    assert!(err.contains("already contains a vault"), "{err}");
}

#[test]
fn without_a_passphrase_or_terminal_the_error_says_what_to_do() {
    // setsid leaves the binary without a controlling terminal, as in a
    // cron job; without it a developer's terminal would be asked.
    if Command::new("setsid").arg("--version").output().is_err() {
        eprintln!("SKIPPED: no setsid to run without a terminal");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("v");
    init_with_cases(&v, 0);
    let o = run(Command::new("setsid")
        .arg("-w")
        .arg(BIN)
        .arg("--vault")
        .arg(&v)
        .arg("list")
        .env_remove("TESTIMONY_VAULT_PASSPHRASE")
        .env("TESTIMONY_VAULT_LANG", "en")
        .stdin(Stdio::null()));
    assert!(!o.ok);
    assert!(o.stderr.contains("no terminal") && o.stderr.contains("TESTIMONY_VAULT_PASSPHRASE"), "{}", o.stderr);
}

#[test]
fn passwd_changes_the_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("v");
    init_with_cases(&v, 1);
    let new = "새로운 암호 new passphrase";
    let err = fails(tv(&v).env("TESTIMONY_VAULT_NEW_PASSPHRASE", "short").arg("passwd"));
    assert!(err.contains("too short"), "{err}");
    ok(tv(&v).env("TESTIMONY_VAULT_NEW_PASSPHRASE", new).arg("passwd"));
    let err = fails(tv(&v).arg("list"));
    assert!(err.contains("not correct"), "{err}");
    assert!(ok(tv(&v).env("TESTIMONY_VAULT_PASSPHRASE", new).arg("list")).contains("NK-2026-0001"));
}

#[test]
fn passphrase_protected_bundle_through_the_command_line() {
    let (a, b, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, b) = (a.path().join("v"), b.path().join("v"));
    init_with_cases(&a, 2);
    init_with_cases(&b, 0);
    let f = out.path().join("p.tvb");
    let bundle_pass = "transfer 묶음 passphrase";
    ok(tv(&a).env("TESTIMONY_VAULT_BUNDLE_PASSPHRASE", bundle_pass).args(["export", "--passphrase-protect", "--all", "--out"]).arg(&f));
    let err = fails(tv(&b).env("TESTIMONY_VAULT_BUNDLE_PASSPHRASE", "wrong one").arg("import").arg(&f));
    assert!(err.contains("bundle passphrase is not correct"), "{err}");
    let bp = out.path().join("bp.txt");
    fs::write(&bp, bundle_pass).unwrap();
    let said = ok(tv(&b).arg("import").arg(&f).arg("--bundle-passphrase-file").arg(&bp));
    assert!(said.contains("2 added"), "{said}");
}

/// Vault `a` with one case, and vault `b` that imported it from a bundle;
/// returns both folders and `b`'s public key.
fn one_case_in_two_vaults(root: &Path) -> (std::path::PathBuf, std::path::PathBuf, String) {
    let (a, b) = (root.join("a"), root.join("b"));
    init_with_cases(&a, 1);
    let b_key = init_with_cases(&b, 0);
    let f1 = root.join("1.tvb");
    ok(tv(&a).args(["export", "--to", &b_key, "--all", "--out"]).arg(&f1));
    ok(tv(&b).arg("import").arg(&f1));
    (a, b, b_key)
}

#[test]
fn conflicts_are_listed_and_resolved_from_the_command_line() {
    let root = tempfile::tempdir().unwrap();
    let (a, b, b_key) = one_case_in_two_vaults(root.path());
    for (dir, text) in [(&a, "edited in A"), (&b, "edited in B")] {
        let mut v = open_vault(dir);
        let id = v.summaries().next().unwrap().id;
        let mut c = v.load_case(id).unwrap();
        c.follow_up = text.into();
        v.save_case(&mut c, "x").unwrap();
    }
    let f2 = root.path().join("2.tvb");
    ok(tv(&a).args(["export", "--to", &b_key, "--all", "--out"]).arg(&f2));
    let said = ok(tv(&b).arg("import").arg(&f2));
    assert!(said.contains("1 conflict.") && said.contains("changed in both places"), "{said}");
    assert!(ok(tv(&b).arg("list")).contains("1 conflict waits to be resolved"));
    let listed = ok(tv(&b).arg("conflicts"));
    let id = listed.split_whitespace().next().unwrap().to_string();
    assert!(listed.contains("NK-2026-0001"), "{listed}");
    let said = ok(tv(&b).args(["resolve", &id, "--keep", "theirs"]));
    assert!(said.contains("conflict resolved"), "{said}");
    assert!(ok(tv(&b).arg("conflicts")).contains("No conflicts"));
    let v = open_vault(&b);
    let case = v.load_case(v.summaries().next().unwrap().id).unwrap();
    assert_eq!(case.follow_up, "edited in A");
    assert!(case.history.iter().any(|r| r.editor == "x" && r.changed_fields == ["follow_up"]));
}

#[test]
fn a_conflict_is_merged_field_by_field_from_the_command_line() {
    let root = tempfile::tempdir().unwrap();
    let (a, b, b_key) = one_case_in_two_vaults(root.path());
    for (dir, side) in [(&a, "A"), (&b, "B")] {
        let mut v = open_vault(dir);
        let id = v.summaries().next().unwrap().id;
        let mut c = v.load_case(id).unwrap();
        c.narrative = format!("narrative from {side}");
        c.follow_up = format!("follow-up from {side}");
        v.save_case(&mut c, side).unwrap();
    }
    let f2 = root.path().join("2.tvb");
    ok(tv(&a).args(["export", "--to", &b_key, "--all", "--out"]).arg(&f2));
    ok(tv(&b).arg("import").arg(&f2));
    let listed = ok(tv(&b).arg("conflicts"));
    assert!(listed.contains("fields that differ: narrative, follow_up"), "{listed}");
    let id = listed.split_whitespace().next().unwrap().to_string();

    // Refused, each with a reason, and nothing changes.
    let err = fails(tv(&b).args(["resolve", &id, "--keep", "ours", "--take-theirs", "narrative"]));
    assert!(err.contains("--take-theirs is used only with --keep merged"), "{err}");
    let o = run(tv(&b).args(["resolve", &id, "--keep", "merged"]));
    assert!(!o.ok && o.stderr.contains("--take-theirs"), "{}", o.stderr);
    let err = fails(tv(&b).args(["resolve", &id, "--keep", "merged", "--take-theirs", "narrative,narative"]));
    assert!(err.contains("\u{201c}narative\u{201d} is not a field") && err.contains("follow_up"), "{err}");
    assert!(ok(tv(&b).arg("conflicts")).contains(&id), "the conflict still waits");

    let said = ok(tv(&b).args(["resolve", &id, "--keep", "merged", "--take-theirs", "narrative"]));
    assert!(said.contains("conflict resolved"), "{said}");
    assert!(ok(tv(&b).arg("conflicts")).contains("No conflicts"));
    let v = open_vault(&b);
    let case = v.load_case(v.summaries().next().unwrap().id).unwrap();
    assert_eq!((case.narrative.as_str(), case.follow_up.as_str()), ("narrative from A", "follow-up from B"));
    let last = case.history.last().unwrap();
    assert_eq!(last.changed_fields, vec!["narrative"]);
    assert!(last.note.contains("from the other version: narrative;"), "{}", last.note);
}

#[test]
fn a_vanished_case_is_reported_by_every_command_until_forgotten() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    init_with_cases(&dir, 2);
    let vault = open_vault(&dir);
    let gone = vault.summaries().next().unwrap().clone();
    fs::remove_file(vault.case_path(gone.id)).unwrap();
    drop(vault);
    for _ in 0..2 {
        let o = run(tv(&dir).arg("list"));
        assert!(o.ok, "{}", o.stderr);
        assert!(o.stderr.contains(&gone.code) && o.stderr.contains("vanished"), "{}", o.stderr);
        assert!(!o.stdout.contains(&gone.code));
    }
    let out = ok(tv(&dir).arg("forget-missing"));
    assert!(out.contains("The vanished case will no longer be reported"), "{out}");
    let o = run(tv(&dir).arg("list"));
    assert!(o.ok && o.stderr.is_empty(), "{}", o.stderr);
}

#[test]
fn attach_encrypts_a_file_into_a_case_by_code() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    init_with_cases(&vault, 2);
    let src = dir.path().join("map of 요덕.png");
    let marker = b"ATTACHED-MARKER-\xec\x9a\x94\xeb\x8d\x95-2231";
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(marker);
    fs::write(&src, &bytes).unwrap();

    let out = ok(tv(&vault).args(["attach", "NK-2026-0002"]).arg(&src).args(["--description", "hand-drawn map"]));
    assert!(out.contains("Attached") && out.contains("NK-2026-0002") && out.contains("unencrypted"), "{out}");
    let err = fails(tv(&vault).args(["attach", "NK-2026-9999"]).arg(&src));
    assert!(err.contains("NK-2026-9999"), "{err}");

    let v = open_vault(&vault);
    let id = v.summaries().find(|s| s.code == "NK-2026-0002").unwrap().id;
    let case = v.load_case(id).unwrap();
    assert_eq!(case.attachments.len(), 1);
    assert_eq!(case.attachments[0].description, "hand-drawn map");
    assert_eq!(case.attachments[0].size, bytes.len() as u64);
    let mut back = Vec::new();
    std::io::Read::read_to_end(&mut v.open_attachment(&case.attachments[0]).unwrap(), &mut back).unwrap();
    assert_eq!(back, bytes);
    assert!(files_containing(&vault, marker).is_empty(), "attachment plaintext in the vault");
}

/// The binary alone (no vault needed), messages in `lang` by the environment.
fn bare(lang: &str) -> Command {
    let mut c = Command::new(BIN);
    c.env("TESTIMONY_VAULT_LANG", lang).env_remove("TESTIMONY_VAULT_PASSPHRASE").stdin(Stdio::null());
    c
}

/// Exit code, stdout, stderr.
fn exit(c: &mut Command) -> (Option<i32>, String, String) {
    let o = c.output().expect("run the binary");
    (o.status.code(), String::from_utf8_lossy(&o.stdout).into(), String::from_utf8_lossy(&o.stderr).into())
}

fn ko(key: &str) -> String {
    testimony_vault::i18n::t_in(testimony_vault::i18n::Lang::Ko, key, &[])
}

fn en(key: &str) -> String {
    testimony_vault::i18n::t_in(testimony_vault::i18n::Lang::En, key, &[])
}

const ENGLISH_HEADINGS: [&str; 4] = ["Usage:", "Commands:", "Options:", "Arguments:"];

#[test]
fn help_is_korean_when_the_environment_says_so() {
    let (code, help, err) = exit(bare("ko").arg("--help"));
    assert_eq!(code, Some(0), "{err}");
    assert!(help.contains("\n사용법: testimony-vault [옵션] [명령]\n\n명령:\n"), "{help}");
    assert!(help.contains("\n옵션:\n") && help.contains(&ko("cli-about")), "{help}");
    let export_line = help.lines().find(|l| l.trim_start().starts_with("export ")).unwrap_or_default();
    assert!(export_line.contains(&ko("cli-cmd-export")), "{help}");
    assert!(help.contains(&ko("cli-flag-help")) && help.contains(&ko("cli-arg-vault")), "{help}");
    for english in ENGLISH_HEADINGS.iter().chain(&["[OPTIONS]", "Print help", "Print version"]) {
        assert!(!help.contains(english), "{english:?} left in the Korean help:\n{help}");
    }
}

#[test]
fn command_help_is_korean_too() {
    let (code, help, err) = exit(bare("ko").args(["export", "--help"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(help.starts_with(&ko("cli-cmd-export")), "{help}");
    assert!(help.contains("사용법: testimony-vault export [옵션]"), "{help}");
    let profile = help.lines().find(|l| l.contains("--profile")).unwrap_or_default();
    assert!(profile.contains("--profile <프로필>") && profile.contains(&ko("cli-arg-export-profile")), "{help}");
    assert!(profile.contains("[기본값: full]") && profile.contains("[가능한 값: full, pseudonymised, statistics-only]"), "{help}");
    for english in ENGLISH_HEADINGS.iter().chain(&["[default:", "[possible values:", "<FILE>"]) {
        assert!(!help.contains(english), "{english:?} left in the Korean help:\n{help}");
    }
    // Positional arguments have their own translated section.
    let (_, attach, _) = exit(bare("ko").args(["attach", "--help"]));
    assert!(attach.contains("\n인수:\n  <사례>") && attach.contains(&ko("cli-arg-attach-file")), "{attach}");
    // `help <command>` shows the same.
    let (code, again, _) = exit(bare("ko").args(["help", "export"]));
    assert_eq!((code, again), (Some(0), help));
}

#[test]
fn usage_errors_are_korean_name_the_argument_and_exit_2() {
    let (code, out, err) = exit(bare("ko").args(["list", "--no-such-flag"]));
    assert_eq!(code, Some(2), "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.starts_with("testimony-vault: 알 수 없는 인수입니다: '--no-such-flag'"), "{err}");
    assert!(err.contains("\n사용법: testimony-vault list [옵션]\n") && err.contains("'--help'"), "{err}");
    for english in ["error:", "Usage:", "unexpected argument", "For more information"] {
        assert!(!err.contains(english), "{english:?} left in the Korean error:\n{err}");
    }

    let (code, _, err) = exit(bare("ko").args(["export", "--profile", "everything"]));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("'everything'") && err.contains("'--profile <프로필>'"), "{err}");
    assert!(err.contains("[가능한 값: full, pseudonymised, statistics-only]"), "{err}");

    let (code, _, err) = exit(bare("ko").args(["attach", "NK-2026-0001"]));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("필수 인수") && err.contains("<파일>"), "{err}");

    let (code, _, err) = exit(bare("ko").arg("lis"));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("알 수 없는 명령입니다: 'lis'") && err.contains("비슷한 명령이 있습니다: 'list'"), "{err}");
}

#[test]
fn lang_flag_chooses_the_language_of_help_and_errors() {
    // --lang wins over the environment, wherever it stands.
    let (code, help, _) = exit(bare("ko").args(["--lang", "en", "--help"]));
    assert_eq!(code, Some(0));
    assert!(help.contains("Usage: testimony-vault [OPTIONS] [COMMAND]") && help.contains(&en("cli-cmd-export")), "{help}");
    assert!(!help.contains("사용법") && !help.contains(&ko("cli-cmd-export")), "{help}");
    let (code, help, _) = exit(bare("en").args(["export", "--help", "--lang=ko"]));
    assert_eq!(code, Some(0));
    assert!(help.contains("사용법: testimony-vault export") && help.contains(&ko("cli-arg-export-profile")), "{help}");

    let (code, _, err) = exit(bare("en").args(["--lang", "ko", "list", "--no-such-flag"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("알 수 없는 인수입니다: '--no-such-flag'"), "{err}");
    let (code, _, err) = exit(bare("ko").args(["list", "--no-such-flag", "--lang", "en"]));
    assert_eq!(code, Some(2));
    assert!(err.starts_with("testimony-vault: Unknown argument '--no-such-flag'."), "{err}");
    assert!(err.contains("\nUsage: testimony-vault list [OPTIONS]"), "{err}");

    // The version is printed as before, in any language.
    for lang in ["ko", "en"] {
        let (code, out, err) = exit(bare(lang).args(["--lang", lang, "--version"]));
        assert_eq!(code, Some(0), "{err}");
        assert_eq!(out, format!("testimony-vault {}\n", env!("CARGO_PKG_VERSION")));
    }
}
