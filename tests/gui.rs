//! The real app driven through egui_kittest: every click and keystroke goes
//! through egui's input, as a user's would.

mod common;

use common::{files_containing, PASS, TEST_WORK_FACTOR};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use testimony_vault::i18n::t;
use testimony_vault::ui::{fonts, App, AppOptions, Dialog, View};

/// The interface language is process-wide and the machine is small: one GUI
/// test at a time.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

fn harness(dir: &Path) -> Harness<'static, App> {
    let options = AppOptions {
        work_factor: TEST_WORK_FACTOR,
        vault_dir: Some(dir.to_path_buf()),
        autosave_every: Duration::from_millis(100),
    };
    Harness::builder()
        .with_size([1280.0, 900.0])
        .with_max_steps(64)
        .with_context_setup(fonts::install)
        .build_eframe(move |cc| App::new(&cc.egui_ctx, options))
}

/// Step until `cond` holds (background threads answer asynchronously).
fn wait_until(h: &mut Harness<'static, App>, what: &str, cond: impl Fn(&mut Harness<'static, App>) -> bool) {
    let start = Instant::now();
    while !cond(h) {
        assert!(start.elapsed() < Duration::from_secs(60), "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run_ok();
}

fn type_into(h: &mut Harness<'static, App>, label: &str, text: &str) {
    let node = h.get_by_label(label);
    node.focus();
    node.type_text(text);
    h.run_ok();
}

fn click(h: &mut Harness<'static, App>, label: &str) {
    h.get_by_label(label).click();
    h.run_ok();
}

fn unlock(h: &mut Harness<'static, App>, passphrase: &str) {
    type_into(h, &t("unlock-passphrase"), passphrase);
    click(h, &t("unlock-open"));
}

fn create_vault(h: &mut Harness<'static, App>) {
    h.run_ok();
    type_into(h, &t("unlock-passphrase"), PASS);
    type_into(h, &t("unlock-confirm"), PASS);
    click(h, &t("unlock-create"));
    wait_until(h, "the vault is created", |h| h.state().is_unlocked());
}

/// The window title is only ever the program's name.
fn assert_title_is_plain(h: &Harness<'static, App>) {
    for vp in h.output().viewport_output.values() {
        for cmd in &vp.commands {
            if let egui::ViewportCommand::Title(title) = cmd {
                assert_eq!(title, &t("app-title"), "the window title must not show case content");
            }
        }
    }
}

#[test]
fn create_type_hangul_save_lock_unlock_search_review_history() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let mut h = harness(&dir);
    create_vault(&mut h);
    assert_eq!(h.state().view(), Some(View::List));

    // First case: Hangul in the pseudonym and the narrative.
    click(&mut h, &t("list-new-case"));
    assert_eq!(h.state().view(), Some(View::Form));
    type_into(&mut h, &t("form-pseudonym"), "김영희");
    type_into(&mut h, &t("form-interview-date"), "2024년 9월");
    type_into(&mut h, &t("form-narrative"), "1998년 요덕수용소에서 강제노동을 했다.");
    assert!(h.state().form_is_dirty());
    click(&mut h, &t("form-save"));
    assert!(!h.state().form_is_dirty(), "saved");
    let first = h.state().form_case().unwrap().clone();
    assert_eq!(first.interviewee.pseudonym, "김영희");
    assert_eq!(first.narrative, "1998년 요덕수용소에서 강제노동을 했다.");
    assert_eq!(first.interview.date.as_ref().unwrap().to_iso(), "2024-09");
    assert_eq!(first.revision(), 1);

    // A second revision, changing only the narrative.
    type_into(&mut h, &t("form-narrative"), " 1999년에 풀려났다.");
    click(&mut h, &t("form-save"));
    assert_eq!(h.state().form_case().unwrap().revision(), 2);
    click(&mut h, &t("form-close"));
    assert_eq!(h.state().view(), Some(View::List));

    // A second case that must not match the search.
    click(&mut h, &t("list-new-case"));
    type_into(&mut h, &t("form-pseudonym"), "이철수");
    type_into(&mut h, &t("form-narrative"), "두만강을 건넜다.");
    click(&mut h, &t("form-save"));
    let second_code = h.state().form_case().unwrap().code.clone();
    click(&mut h, &t("form-close"));

    // Nothing typed is on disk in plaintext.
    for needle in ["요덕수용소", "김영희", "두만강"] {
        assert!(files_containing(&dir, needle.as_bytes()).is_empty(), "{needle} found in plaintext");
    }

    click(&mut h, &t("nav-lock"));
    assert!(!h.state().is_unlocked());
    assert!(h.query_by_label(&first.code).is_none(), "nothing of the case is shown once locked");

    unlock(&mut h, PASS);
    wait_until(&mut h, "unlocked again", |h| h.state().is_unlocked());
    wait_until(&mut h, "full text loaded", |h| h.state().full_text_ready());
    assert!(h.query_by_label(&first.code).is_some());
    assert!(h.query_by_label(&second_code).is_some());

    // "요덕" is only in the narrative: found by full-text search.
    type_into(&mut h, &t("list-search"), "요덕");
    wait_until(&mut h, "the search answers", |h| h.query_by_label(&second_code).is_none());
    assert!(h.query_by_label(&first.code).is_some(), "the Hangul word finds its case");

    click(&mut h, &first.code);
    assert_eq!(h.state().view(), Some(View::Review));
    // History: newest first, revision 2 changed the narrative.
    assert!(h.query_by_label("narrative").is_some(), "history names the changed field");
    assert!(h.query_by_label("created").is_some(), "history shows the first save");
    assert!(h.query_by_label_contains("요덕수용소").is_some(), "the review shows the narrative");
    assert_title_is_plain(&h);
}

#[test]
fn wrong_passphrase_says_so_and_allows_retry() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    drop(common::create_vault(&dir));
    let mut h = harness(&dir);
    h.run_ok();
    unlock(&mut h, "not the passphrase");
    wait_until(&mut h, "the unlock attempt ends", |h| !h.state().is_busy());
    assert!(!h.state().is_unlocked());
    assert!(h.query_by_label(&t("error-wrong-passphrase")).is_some(), "the error is shown plainly");
    // Retry with the right one.
    unlock(&mut h, PASS);
    wait_until(&mut h, "unlocked", |h| h.state().is_unlocked());
    assert!(h.query_by_label(&t("error-wrong-passphrase")).is_none());
}
