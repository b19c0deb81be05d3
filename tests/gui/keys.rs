//! The window's part of keys and local exposure: the lock never drops
//! unsaved edits, the Keys section of the settings (recovery recipients,
//! rotation, erase with one confirmation) and recovery on the unlock screen.

use crate::common::{self, pass, PASS};
use crate::drive::{click, finish_job, harness, serial, type_into, unlocked, unlocked_read_only, wait_until};
use egui_kittest::kittest::Queryable;
use std::time::Duration;
use testimony_vault::i18n::t;
use testimony_vault::vault::{Vault, VaultError};

#[test]
fn locking_with_edits_that_cannot_be_kept_stays_open_and_says_why() {
    let _serial = serial();
    let Some((_fs, mut h)) = unlocked_read_only() else { return };
    click(&mut h, &t("list-new-case"));
    type_into(&mut h, &t("form-pseudonym"), "최명호");
    click(&mut h, &t("nav-lock"));
    assert!(h.state().is_unlocked(), "a lock that would lose the edits does not happen");
    assert!(h.state().form_is_dirty(), "the edits are kept");
    let said = t("app-lock-draft-failed").split('(').next().unwrap().trim().to_string();
    assert!(h.query_by_label_contains(&said).is_some(), "the reason is shown");
    // The idle lock likewise.
    h.state_mut().simulate_idle(Duration::from_secs(3600));
    h.step();
    h.run_ok();
    assert!(h.state().is_unlocked() && h.state().form_is_dirty(), "the idle lock keeps them too");
}

#[test]
fn erase_from_the_settings_asks_once_then_nothing_opens() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    drop(common::create_vault(&dir));
    let mut h = unlocked(&dir);
    click(&mut h, &t("nav-settings"));
    click(&mut h, &t("keys-erase"));
    assert!(h.state().is_unlocked(), "the first press only asks");
    assert!(dir.join("key.age").exists());
    click(&mut h, &t("keys-erase-confirm"));
    assert!(!h.state().is_unlocked(), "erased and locked");
    assert_eq!(h.state().lock_notice(), Some(t("keys-erased").as_str()));
    let err = Vault::open(&dir, &pass(PASS)).unwrap_err();
    assert!(matches!(err, VaultError::KeysErased { .. }), "{err:?}");
}

#[test]
fn recovery_keys_and_rotation_from_the_settings_then_recovery_at_unlock() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let mut v = common::create_vault(&dir);
    let mut case = testimony_vault::sample::sample_case(1, 200);
    v.save_case(&mut case, "A").unwrap();
    let old_recipient = v.recipient();
    drop(v);
    let org = age::x25519::Identity::generate();
    let mut h = unlocked(&dir);
    click(&mut h, &t("nav-settings"));
    type_into(&mut h, &t("keys-recovery"), &org.to_public().to_string());
    click(&mut h, &t("keys-recovery-save"));
    assert_eq!(h.state().config().unwrap().recovery_recipients, vec![org.to_public().to_string()]);
    assert!(dir.join("recovery.age").exists());
    type_into(&mut h, &t("keys-rotate-passphrase"), PASS);
    click(&mut h, &t("keys-rotate"));
    // A background job, like an import: the overlay until it ends.
    finish_job(&mut h);
    let done = t("cli-rotate-done").split('{').next().unwrap().trim().to_string();
    assert!(h.query_by_label_contains(&done).is_some(), "the rotation says it is done");
    click(&mut h, &t("nav-lock"));
    assert!(!h.state().is_unlocked());
    drop(h);
    let v = Vault::open(&dir, &pass(PASS)).unwrap();
    assert_ne!(v.recipient(), old_recipient, "rotated");
    assert_eq!(v.load_case(case.id).unwrap(), case);
    drop(v);

    // Forgotten passphrase: the organisation's identity file on the
    // unlock screen sets a new one.
    let id_file = tmp.path().join("org-key.txt");
    std::fs::write(&id_file, testimony_vault::bundle::keys::new_identity_file(&org).as_bytes()).unwrap();
    let mut h = harness(&dir);
    h.run_ok();
    click(&mut h, &t("unlock-recover-toggle"));
    type_into(&mut h, &t("unlock-recover-identity"), &id_file.display().to_string());
    type_into(&mut h, &t("unlock-recover-new"), "the organisation chose this");
    click(&mut h, &t("unlock-recover-button"));
    wait_until(&mut h, "recovered and unlocked", |h| h.state().is_unlocked());
    click(&mut h, &t("nav-lock"));
    drop(h);
    assert!(matches!(Vault::open(&dir, &pass(PASS)).unwrap_err(), VaultError::WrongPassphrase));
    let v = Vault::open(&dir, &pass("the organisation chose this")).unwrap();
    assert_eq!(v.load_case(case.id).unwrap(), case);
}

/// The real binary under Xvfb with a real X clipboard: the vault folder's
/// text selected with Ctrl+A is not on the primary selection, and copied
/// with Ctrl+C it is on the clipboard (read back with `xclip`),
/// stays there while unlocked, and is gone after Ctrl+L. Clicks go to the
/// unlock screen's fields at the default window size.
#[test]
fn text_copied_from_the_window_is_cleared_from_the_x_clipboard_at_lock() {
    let _serial = serial();
    let missing: Vec<&str> = ["xvfb-run", "xdotool", "xclip"].into_iter().filter(|t| !common::have(t)).collect();
    if !missing.is_empty() {
        eprintln!("SKIPPED: missing {missing:?} (scripts/debian-packages.txt)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let ascii = "correct horse battery staple";
    let options = testimony_vault::vault::CreateOptions { work_factor: common::TEST_WORK_FACTOR };
    drop(Vault::create_with(&dir, &pass(ascii), &options).unwrap());
    let script = format!(
        r#"clip() {{ xclip -o -selection clipboard 2>/dev/null; }}
'{bin}' --vault '{dir}' --lang en & pid=$!
sleep 4
xdotool windowfocus --sync "$(xdotool search --onlyvisible --pid $pid | head -1)"
xdotool mousemove 445 156 click 1; sleep 0.3
xdotool key ctrl+a; sleep 0.5
echo "SELECTED[$(xclip -o -selection primary 2>/dev/null)]"
xdotool key ctrl+c; sleep 0.5
echo "COPIED[$(clip)]"
xdotool mousemove 550 222 click 1; sleep 0.3
xdotool type --delay 20 '{ascii}'; xdotool key Return; sleep 4
echo "UNLOCKED[$(clip)]"
xdotool key ctrl+l; sleep 1
echo "LOCKED[$(clip)]"
kill $pid"#,
        bin = env!("CARGO_BIN_EXE_testimony-vault"),
        dir = dir.display(),
    );
    let said = crate::drive::on_xvfb(&script, tmp.path());
    let path = dir.display().to_string();
    assert!(said.contains("SELECTED[") && !said.contains(&format!("SELECTED[{path}]")), "selecting is not copying: nothing reaches the primary selection: {said}");
    assert!(said.contains(&format!("COPIED[{path}]")), "the copy reached the X clipboard: {said}");
    assert!(said.contains(&format!("UNLOCKED[{path}]")), "kept while unlocked: {said}");
    assert!(said.contains("LOCKED[]"), "cleared at lock: {said}");
}
