//! The real binary never opens an Internet socket: every flow runs under
//! `strace -f -e trace=socket,connect` and the trace must hold no AF_INET or
//! AF_INET6. Local sockets (AF_UNIX: the X server, D-Bus) are allowed.
//!
//! Skipped, with the reason printed, when `strace` is missing (Debian package
//! `strace`); the GUI flow also needs `xvfb-run` (package `xvfb`).
//! To extend: add command-line flows to `CLI_FLOWS` (init, list, export,
//! import...) with the stdin they need; flows run in a scratch HOME.

use crate::common::{self, have};
use std::path::Path;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_testimony-vault");

/// (name, arguments, stdin).
const CLI_FLOWS: &[(&str, &[&str], &str)] = &[
    ("help", &["--help"], ""),
    ("version", &["--version"], ""),
    ("unknown argument", &["--no-such-option"], ""),
];

/// Run `cmd` (program and arguments) under strace; returns the trace.
fn traced(cmd: &[&str], home: &Path, stdin: &str, wrapper: &[&str]) -> String {
    let out = home.join(format!("trace-{}", std::process::id()));
    let mut args: Vec<String> = wrapper.iter().map(|s| s.to_string()).collect();
    args.extend(["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o"].map(String::from));
    args.push(out.display().to_string());
    args.extend(cmd.iter().map(|s| s.to_string()));
    let mut child = Command::new(&args[0])
        .args(&args[1..])
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_RUNTIME_DIR", home)
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start strace");
    {
        use std::io::Write;
        let mut input = child.stdin.take().unwrap();
        let _ = input.write_all(stdin.as_bytes());
    }
    child.wait().unwrap();
    let trace = std::fs::read_to_string(&out).expect("strace wrote its trace");
    let _ = std::fs::remove_file(&out);
    trace
}

fn internet_lines(trace: &str) -> Vec<&str> {
    trace.lines().filter(|l| l.contains("AF_INET")).collect()
}

#[test]
fn cli_flows_open_no_internet_socket() {
    if !have("strace") {
        println!("SKIPPED: strace is not installed (apt-get install strace)");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    // Control: the check does see an Internet socket (a refused connection
    // to this machine's own port 9, nothing leaves it).
    if have("bash") {
        let control = traced(&["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9 || true"], home.path(), "", &[]);
        assert!(!internet_lines(&control).is_empty(), "control: strace must show AF_INET: {control}");
    }
    let mut calls = 0;
    for (name, args, stdin) in CLI_FLOWS {
        let mut cmd = vec![BIN];
        cmd.extend(args.iter());
        let trace = traced(&cmd, home.path(), stdin, &[]);
        let bad = internet_lines(&trace);
        assert!(bad.is_empty(), "{name}: Internet socket opened: {bad:?}");
        calls += trace.lines().count();
    }
    println!("no network: {} command-line flows traced, {calls} socket/connect calls, none AF_INET/AF_INET6", CLI_FLOWS.len());
}

#[test]
fn the_gui_opens_no_internet_socket() {
    if !have("strace") || !Path::new("/usr/bin/xvfb-run").exists() {
        println!("SKIPPED: needs strace and xvfb-run (apt-get install strace xvfb)");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    // The window runs for six seconds on a virtual display, then is stopped.
    let trace = traced(&["timeout", "-s", "TERM", "6", BIN], home.path(), "", &["xvfb-run", "-a"]);
    let bad = internet_lines(&trace);
    assert!(bad.is_empty(), "GUI: Internet socket opened: {bad:?}");
    let local = trace.lines().filter(|l| l.contains("AF_UNIX")).count();
    assert!(local > 0, "the GUI never reached the display, so the trace proves little: {trace}");
    println!("no network: GUI ran 6 s under Xvfb: {} socket/connect calls ({local} local), none AF_INET/AF_INET6", trace.lines().count());
}

#[test]
fn the_main_command_line_flows_open_no_internet_socket() {
    if !have("strace") {
        println!("SKIPPED: strace is not installed (apt-get install strace)");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let pass = h.join("pass");
    std::fs::write(&pass, format!("{}\n", common::PASS)).unwrap();
    let vault = h.join("vault");
    let file = h.join("photo.png");
    std::fs::write(&file, b"\x89PNG\r\n\x1a\nnot really a picture").unwrap();
    let bundle = h.join("out.tvb");
    let docs = h.join("cases.jsonl");
    // With consent recorded, so `export-table` takes it (and `import-table` adds it back).
    let doc = r#"{"interviewee": {"pseudonym": "김 A"}, "narrative": "신의주", "consent": {"given": true, "method": "Oral"}}"#;
    std::fs::write(&docs, format!("{doc}\n")).unwrap();
    let table = h.join("cases.csv");
    let (v, p, f, b) = (
        vault.to_str().unwrap(),
        pass.to_str().unwrap(),
        file.to_str().unwrap(),
        bundle.to_str().unwrap(),
    );
    let (d, t) = (docs.to_str().unwrap(), table.to_str().unwrap());
    let base = [BIN, "--vault", v, "--passphrase-file", p];
    let flows: Vec<(&str, Vec<&str>)> = vec![
        ("init", vec!["init", "--work-factor", "10"]),
        ("list", vec!["list", "--json"]),
        ("attach", vec!["attach", "NK-2026-0001", f]),
        ("export", vec!["export", "--all", "--passphrase-protect", "--bundle-passphrase-file", p, "--out", b]),
        ("verify", vec!["verify", b, "--bundle-passphrase-file", p]),
        ("import", vec!["import", b, "--bundle-passphrase-file", p]),
        ("keygen", vec!["keygen"]),
        ("add", vec!["add", d]),
        ("show", vec!["show", "NK-2026-0001", "--json"]),
        ("search", vec!["search", "Sinuiju"]),
        ("export-table", vec!["export-table", "--all", "--format", "csv", "--plaintext", "--out", t]),
        ("import-table", vec!["import-table", t]),
    ];
    let mut calls = 0;
    for (name, args) in &flows {
        let mut cmd: Vec<&str> = base.to_vec();
        cmd.extend(args.iter());
        let trace = traced(&cmd, h, "", &[]);
        let bad = internet_lines(&trace);
        assert!(bad.is_empty(), "{name}: Internet socket opened: {bad:?}");
        calls += trace.lines().count();
        if *name == "init" {
            // A case to list, attach to and export.
            let mut vault = common::open_vault(&vault);
            let mut case = testimony_vault::sample::sample_case(1, 300);
            vault.save_case(&mut case, "A").unwrap();
        }
    }
    // The flows really ran: the attachment and the bundle exist.
    let opened = common::open_vault(&vault);
    let id = opened.summaries().find(|s| s.code == "NK-2026-0001").unwrap().id;
    assert_eq!(opened.load_case(id).unwrap().attachments.len(), 1, "attach ran");
    assert!(bundle.exists(), "export ran");
    assert!(table.exists() && opened.len() == 4, "add, export-table and import-table ran");
    println!("no network: {} main command-line flows traced, {calls} socket/connect calls, none AF_INET/AF_INET6", flows.len());
}
