//! The real window's memory after a lock: the testimony it showed is gone
//! from the process, not only from the screen.
//!
//! The binary under Xvfb, its writable memory read through `/proc/PID/mem`
//! (root only: the program makes itself non-dumpable, so nobody else may).
//! A scan while the case is open is the control: it finds the narrative's
//! marker and the one typed into the search field.
//!
//! The words typed into the search field are erased and selected first:
//! egui used to give every settled selection to the primary selection,
//! which kept a copy of the whole query alive after the lock (in about half
//! the runs) and offered it to every program on the display; the window now
//! drops those commands (`ui/app/clipboard.rs`).

use crate::common;
use crate::drive::serial;
use testimony_vault::vault::Vault;

/// Count each word's occurrences in the writable memory of process `$pid`.
/// Only a word's last 20 letters are looked for: an allocator writes its
/// free-list pointer over the first bytes of a freed block, and a copy so
/// cut is still a copy.
const SCAN: &str = r#"scan() {
  while read -r range perms rest; do
    case $perms in rw*)
      s=$((0x${range%-*})); e=$((0x${range#*-}))
      dd if=/proc/$pid/mem bs=4096 skip=$((s / 4096)) count=$(((e - s) / 4096)) 2>/dev/null;;
    esac
  done < /proc/$pid/maps | grep -a -o -E "$A|$B" | sort | uniq -c | tr '\n' ' '
}"#;

/// 32 random lower-case letters, different at every run.
fn marker(tag: u64) -> String {
    let mut rng = testimony_vault::sample::SampleRng::new(tag ^ u64::from(std::process::id()) ^ 0x5eed);
    (0..32).map(|_| char::from(b'a' + rng.below(26) as u8)).collect()
}

/// A case whose narrative holds one marker; the window unlocks, the other
/// marker is typed into the search field and erased, the case opened; then
/// Ctrl+L.
/// Clicks go to the unlock screen's passphrase field and the list's first
/// row at the default window size.
#[test]
fn after_a_lock_the_real_window_holds_no_testimony_in_its_memory() {
    let _serial = serial();
    let missing: Vec<&str> = ["xvfb-run", "xdotool"].into_iter().filter(|t| !common::have(t)).collect();
    if !missing.is_empty() || !common::is_root() {
        eprintln!("SKIPPED: needs root (to read a non-dumpable process's memory) and {missing:?}");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let ascii = "correct horse battery staple";
    let (told, typed) = (marker(1), marker(2));
    let options = testimony_vault::vault::CreateOptions { work_factor: common::TEST_WORK_FACTOR };
    let mut vault = Vault::create_with(&dir, &common::pass(ascii), &options).unwrap();
    let mut case = testimony_vault::sample::sample_case(1, 300);
    case.narrative = format!("신의주에서 {told} 보위부가 데려갔다");
    vault.save_case(&mut case, "A").unwrap();
    drop(vault);
    let (a, b) = (&told[12..], &typed[12..]);
    let script = format!(
        r#"A={a}; B={b}
{SCAN}
'{bin}' --vault '{dir}' --lang en & pid=$!
sleep 4
xdotool windowfocus --sync "$(xdotool search --onlyvisible --pid $pid | head -1)"
xdotool mousemove 550 222 click 1; sleep 0.3
xdotool type --delay 20 '{ascii}'; xdotool key Return; sleep 4
xdotool key ctrl+f; sleep 0.3
xdotool type --delay 20 '{typed}'; sleep 1
xdotool key ctrl+a BackSpace; sleep 0.5
xdotool mousemove 86 151 click 1; sleep 2
echo "OPEN[$(scan)]"
xdotool key ctrl+l; sleep 2
echo "LOCKED[$(scan)]"
kill $pid"#,
        bin = env!("CARGO_BIN_EXE_testimony-vault"),
        dir = dir.display(),
    );
    let said = crate::drive::on_xvfb(&script, tmp.path());
    let part = |name: &str| said.split(&format!("{name}[")).nth(1).and_then(|s| s.split(']').next()).unwrap_or("?").to_string();
    let (open, locked) = (part("OPEN"), part("LOCKED"));
    println!("narrative {a}, typed {b}; copies in the window's memory, open: [{open}], after lock: [{locked}]");
    assert!(open.contains(a) && open.contains(b), "control: the scan sees the open case and the typed words: {said}");
    assert!(!locked.contains(a), "after the lock no copy of the narrative is left: {said}");
    assert!(!locked.contains(b), "after the lock no copy of the typed words is left: {said}");
}
