//! Two processes and one vault: the second is refused plainly, and a lock
//! left by a killed process never blocks the next open.

use crate::common;

use std::fs;
use std::time::{Duration, Instant};
use testimony_vault::vault::{lock::LOCK_FILE, Vault, VaultError};
use crate::writer::{Writer, PASS};

fn open(dir: &std::path::Path) -> Result<Vault, VaultError> {
    Vault::open(dir, &common::pass(PASS))
}

#[test]
fn a_second_process_is_refused_and_a_killed_holder_leaves_no_stale_lock() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = common::create_vault(dir.path());
    let mut case = testimony_vault::sample::sample_case(1, 300);
    vault.save_case(&mut case, "A").unwrap();
    drop(vault);

    let mut holder = Writer::spawn(dir.path(), "hold", 0);
    let line = holder.wait_for("OPEN", Duration::from_secs(30)).expect("the holder opened the vault");
    assert_eq!(line, format!("OPEN {}", holder.pid()));

    let err = open(dir.path()).unwrap_err();
    match err {
        VaultError::AlreadyOpen { pid } => assert_eq!(pid, Some(holder.pid()), "the refusal names the holder"),
        other => panic!("expected AlreadyOpen, got {other:?}"),
    }
    let msg = err_text(dir.path());
    assert!(msg.contains("already open") && msg.contains(&holder.pid().to_string()), "{msg}");

    // kill -9: the operating system drops the lock with the process.
    holder.kill();
    let stale = fs::read_to_string(dir.path().join(LOCK_FILE)).unwrap();
    assert!(!stale.trim().is_empty(), "the dead holder's pid is still written in the lock file");
    let vault = open(dir.path()).expect("a stale lock is recovered");
    assert!(vault.open_report().damaged.is_empty());
    assert_eq!(vault.load_case(case.id).unwrap(), case);
    assert_eq!(fs::read_to_string(dir.path().join(LOCK_FILE)).unwrap(), std::process::id().to_string());
}

fn err_text(dir: &std::path::Path) -> String {
    open(dir).map(|_| String::new()).unwrap_or_else(|e| e.to_string())
}

#[test]
fn a_garbage_lock_file_does_not_block_an_open() {
    let dir = tempfile::tempdir().unwrap();
    drop(common::create_vault(dir.path()));
    fs::write(dir.path().join(LOCK_FILE), "not a pid \u{0} 잠금").unwrap();
    open(dir.path()).expect("a lock file nobody holds is taken over");
    fs::remove_file(dir.path().join(LOCK_FILE)).unwrap();
    open(dir.path()).expect("a missing lock file is recreated");
}

/// Two writers started together: exactly one works, the other is refused
/// and exits without touching anything.
#[test]
fn two_writers_started_together_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    drop(common::create_vault(dir.path()));
    for round in 0..5 {
        let mut a = Writer::spawn(dir.path(), "write", round * 2);
        let mut b = Writer::spawn(dir.path(), "write", round * 2 + 1);
        let deadline = Instant::now() + Duration::from_secs(30);
        let (mut a_line, mut b_line) = (None, None);
        while (a_line.is_none() || b_line.is_none()) && Instant::now() < deadline {
            if a_line.is_none() {
                a_line = first_verdict(&mut a);
            }
            if b_line.is_none() {
                b_line = first_verdict(&mut b);
            }
        }
        let (a_line, b_line) = (a_line.expect("writer a answered"), b_line.expect("writer b answered"));
        let (winner, loser, loser_line) =
            if a_line.starts_with("READY") { (a, b, b_line) } else { (b, a, a_line) };
        assert!(loser_line.starts_with("REFUSED") && loser_line.contains("already open"), "round {round}: {loser_line}");
        let (code, _) = loser.wait_exit(Duration::from_secs(30));
        assert_eq!(code, Some(3), "round {round}: the refused writer exits with its own code");
        // While the winner writes, every open from here is refused too.
        for _ in 0..3 {
            assert!(matches!(open(dir.path()), Err(VaultError::AlreadyOpen { .. })));
        }
        winner.kill();
        let vault = open(dir.path()).expect("opens after the winner is killed");
        assert!(vault.open_report().damaged.is_empty(), "{:?}", vault.open_report().damaged);
    }
}

/// The first READY or REFUSED line, waiting a little.
fn first_verdict(w: &mut Writer) -> Option<String> {
    let line = w.wait_for("", Duration::from_millis(50))?;
    if line.starts_with("READY") || line.starts_with("REFUSED") || line.starts_with("ERROR") {
        Some(line)
    } else {
        first_verdict(w)
    }
}
