//! The real app driven through egui_kittest: every click and keystroke goes
//! through egui's input, as a user's would.

use crate::common::{self, files_containing, have, PASS};
use crate::drive::{
    click, click_node, create_in_window, finish_job, harness, harness_with, harness_with_gate, options, replace_text,
    screenshot, serial, shown, type_into, unlock, unlocked, unlocked_read_only, unlocked_with_gate, wait_until, Gui,
};
use egui_kittest::kittest::Queryable;
use std::path::Path;
use std::time::{Duration, Instant};
use testimony_vault::i18n::{t, t_args};
use testimony_vault::ui::{AppOptions, Dialog, JobGate, View};

/// The window title is only ever the program's name.
fn assert_title_is_plain(h: &Gui) {
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
    create_in_window(&mut h);
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
    assert!(h.query_by_label(&t("form-narrative")).is_some(), "history names the changed field as the form does");
    assert!(h.query_by_label("narrative").is_none(), "not by its internal path");
    assert!(h.query_by_label(&t("history-created")).is_some(), "history shows the first save, in words");
    assert!(h.query_by_label_contains("요덕수용소").is_some(), "the review shows the narrative");
    assert_title_is_plain(&h);
}

/// The passphrase field takes the keyboard at start and after a lock; a
/// language asked for on the command line holds over the vault's setting.
#[test]
fn passphrase_field_is_ready_and_a_language_asked_for_holds_after_unlock() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    {
        let mut vault = common::create_vault(&dir);
        let mut config = vault.config().clone();
        config.language = "en".into();
        vault.set_config(config).unwrap();
    }
    let mut h = harness_with(AppOptions { language: Some(testimony_vault::i18n::Lang::Ko), ..options(&dir) });
    h.run_ok();
    let field = testimony_vault::i18n::t_in(testimony_vault::i18n::Lang::Ko, "unlock-passphrase", &[]);
    assert!(h.get_by_label(&field).is_focused(), "the passphrase field has the keyboard at start");
    h.get_by_label(&field).type_text(PASS);
    h.key_press(egui::Key::Enter);
    h.run_ok();
    wait_until(&mut h, "unlocked", |h| h.state().is_unlocked());
    let lock = testimony_vault::i18n::t_in(testimony_vault::i18n::Lang::Ko, "nav-lock", &[]);
    assert!(h.query_by_label(&lock).is_some(), "still Korean after unlocking a vault set to English");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    h.run_ok();
    assert!(!h.state().is_unlocked());
    assert!(h.get_by_label(&field).is_focused(), "and again after a lock");
    testimony_vault::i18n::set_language(testimony_vault::i18n::Lang::En);
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

fn drafts_on_disk(dir: &Path) -> usize {
    std::fs::read_dir(dir.join("drafts")).map(|d| d.count()).unwrap_or(0)
}

/// Let the autosave interval pass and a frame run.
fn let_autosave_run(h: &mut Gui) {
    std::thread::sleep(Duration::from_millis(150));
    h.step();
    h.run_ok();
}

#[test]
fn dirty_form_is_not_silently_discarded() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let mut h = harness(&dir);
    create_in_window(&mut h);
    click(&mut h, &t("list-new-case"));
    type_into(&mut h, &t("form-pseudonym"), "박순자");
    type_into(&mut h, &t("form-narrative"), "회령에서 체포되었다.");
    let_autosave_run(&mut h);
    assert_eq!(drafts_on_disk(&dir), 1, "the edits were autosaved as a draft");
    assert!(files_containing(&dir, "회령".as_bytes()).is_empty(), "the draft is encrypted");

    // Navigating away asks first; "keep editing" keeps everything.
    click(&mut h, &t("nav-cases"));
    assert_eq!(h.state().dialog(), Some(Dialog::LeaveForm));
    assert_eq!(h.state().view(), Some(View::Form));
    click(&mut h, &t("leave-stay"));
    assert_eq!(h.state().dialog(), None);
    assert_eq!(h.state().form_case().unwrap().interviewee.pseudonym, "박순자");

    // Closing the form asks too.
    click(&mut h, &t("form-close"));
    assert_eq!(h.state().dialog(), Some(Dialog::LeaveForm));
    click(&mut h, &t("leave-stay"));

    // Closing the window with unsaved edits is cancelled and asked about.
    h.input_mut().viewports.entry(egui::ViewportId::ROOT).or_default().events.push(egui::ViewportEvent::Close);
    h.step();
    let cancelled = h.output().viewport_output[&egui::ViewportId::ROOT]
        .commands
        .iter()
        .any(|c| matches!(c, egui::ViewportCommand::CancelClose));
    assert!(cancelled, "the close is cancelled");
    h.run_ok();
    assert_eq!(h.state().dialog(), Some(Dialog::CloseWindow));
    click(&mut h, &t("leave-stay"));
    assert!(h.state().form_is_dirty());

    // "Save and continue" saves, then goes where the user was going.
    click(&mut h, &t("nav-cases"));
    click(&mut h, &t("leave-save"));
    assert_eq!(h.state().view(), Some(View::List));
    assert_eq!(drafts_on_disk(&dir), 0, "saving removes the draft");
    assert_eq!(std::fs::read_dir(dir.join("cases")).unwrap().count(), 1);

    // Discarding is an explicit choice, and removes the draft.
    click(&mut h, &t("list-new-case"));
    type_into(&mut h, &t("form-pseudonym"), "버릴 사례");
    let_autosave_run(&mut h);
    assert_eq!(drafts_on_disk(&dir), 1);
    click(&mut h, &t("form-close"));
    click(&mut h, &t("leave-discard"));
    assert_eq!(h.state().view(), Some(View::List));
    assert_eq!(drafts_on_disk(&dir), 0);
}

#[test]
fn locking_keeps_unsaved_edits_as_a_draft_offered_at_unlock() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let mut h = harness(&dir);
    create_in_window(&mut h);
    click(&mut h, &t("list-new-case"));
    type_into(&mut h, &t("form-pseudonym"), "정은실");
    // Lock by keyboard straight away, before any autosave ran.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    h.run_ok();
    assert!(!h.state().is_unlocked(), "Ctrl+L locks");
    assert_eq!(drafts_on_disk(&dir), 1, "the lock wrote the edits as a draft");

    // Unlocked again in the same window: back in the form, no question.
    unlock(&mut h, PASS);
    wait_until(&mut h, "unlocked", |h| h.state().is_unlocked());
    assert_eq!(h.state().dialog(), None);
    assert_eq!(h.state().view(), Some(View::Form));
    assert_eq!(h.state().form_case().unwrap().interviewee.pseudonym, "정은실");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    h.run_ok();
    drop(h);

    // The next run of the program offers the draft.
    let mut h = harness(&dir);
    h.run_ok();
    unlock(&mut h, PASS);
    wait_until(&mut h, "unlocked", |h| h.state().is_unlocked());
    assert_eq!(h.state().dialog(), Some(Dialog::Drafts), "drafts are offered");
    click(&mut h, &t("drafts-restore"));
    assert_eq!(h.state().view(), Some(View::Form));
    assert!(h.state().form_is_dirty(), "restored edits still need saving");
    assert_eq!(h.state().form_case().unwrap().interviewee.pseudonym, "정은실");
    click(&mut h, &t("form-save"));
    assert!(!h.state().form_is_dirty());
    assert_eq!(drafts_on_disk(&dir), 0);
}

#[test]
fn idle_lock_fires_with_a_dialog_open() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let mut h = harness(&dir);
    create_in_window(&mut h);
    assert_eq!(h.state().config().unwrap().idle_lock_minutes, 15, "default idle lock");
    click(&mut h, &t("list-new-case"));
    type_into(&mut h, &t("form-pseudonym"), "윤하나");
    click(&mut h, &t("nav-settings"));
    assert_eq!(h.state().dialog(), Some(Dialog::LeaveForm), "a modal dialog is open");

    h.state_mut().simulate_idle(Duration::from_secs(14 * 60));
    h.step();
    assert!(h.state().is_unlocked(), "not yet: fourteen minutes");

    h.state_mut().simulate_idle(Duration::from_secs(15 * 60 + 1));
    h.step();
    h.run_ok();
    assert!(!h.state().is_unlocked(), "locked despite the open dialog");
    let notice = t_args("app-locked-idle", &[("minutes", "15")]);
    assert_eq!(h.state().lock_notice(), Some(notice.as_str()));
    assert!(h.query_by_label(&notice).is_some());
    assert!(h.query_by_label_contains("윤하나").is_none());
    assert_eq!(drafts_on_disk(&dir), 1, "the unsaved edits survive the lock");
    // The app's vault is gone (its lock released): another open succeeds.
    drop(common::open_vault(&dir));
}

#[test]
fn a_malformed_date_blocks_saving_with_the_reason_beside_the_field() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let mut h = harness(&dir);
    create_in_window(&mut h);
    click(&mut h, &t("list-new-case"));
    type_into(&mut h, &t("form-pseudonym"), "조강");
    // A malformed date blocks saving (a stale value would be stored), with
    // the reason beside the field.
    type_into(&mut h, &t("form-interview-date"), "2024-13");
    assert!(h.query_by_label(&t("date-error-bad-month")).is_some());
    click(&mut h, &t("form-save"));
    assert!(h.state().form_is_dirty(), "the bad date blocks");
    assert!(!dir.join("cases").exists() || std::fs::read_dir(dir.join("cases")).unwrap().count() == 0, "not saved");
    h.get_by_label(&t("form-interview-date")).focus();
    h.run_ok();
    for _ in 0..2 {
        h.key_press(egui::Key::Backspace);
    }
    h.get_by_label(&t("form-interview-date")).type_text("09");
    h.run_ok();
    click(&mut h, &t("form-save"));
    assert!(!h.state().form_is_dirty(), "saved once the date parses");
    let case = h.state().form_case().unwrap();
    assert_eq!(case.interview.date.as_ref().unwrap().to_iso(), "2024-09");
}

#[test]
fn ime_composition_commits_hangul_once() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let mut h = harness(&dir);
    create_in_window(&mut h);
    click(&mut h, &t("list-new-case"));
    h.get_by_label(&t("form-pseudonym")).focus();
    h.run_ok();
    let ime = |text: &str| {
        egui::Event::Ime(egui::ImeEvent::Preedit { text: text.into(), active_range_chars: None })
    };
    // 김영: each syllable composed from jamo, then committed.
    for ev in [ime("ㄱ"), ime("기"), ime("김"), egui::Event::Ime(egui::ImeEvent::Commit("김".into()))] {
        h.event(ev);
        h.step();
        assert!(h.get_by_label(&t("form-pseudonym")).is_focused(), "composing keeps the focus");
    }
    h.run_ok();
    for ev in [ime("ㅇ"), ime("여"), ime("영"), egui::Event::Ime(egui::ImeEvent::Commit("영".into()))] {
        h.event(ev);
    }
    h.run_ok();
    assert_eq!(h.state().form_case().unwrap().interviewee.pseudonym, "김영");

    // Composing, then moving to another field: the syllable is not doubled.
    for ev in [ime("ㅎ"), ime("희")] {
        h.event(ev);
    }
    h.run_ok();
    h.get_by_label(&t("form-narrative")).focus();
    h.run_ok();
    h.event(egui::Event::Ime(egui::ImeEvent::Commit("희".into())));
    h.run_ok();
    let case = h.state().form_case().unwrap();
    let count = format!("{}{}", case.interviewee.pseudonym, case.narrative).matches('희').count();
    assert_eq!(count, 1, "composition duplicated or lost: {:?} / {:?}", case.interviewee.pseudonym, case.narrative);
    assert_eq!(case.interviewee.pseudonym, "김영희", "the syllable stays where it was composed");
}

#[test]
fn settings_check_recipients_and_switch_language() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let mut h = harness(&dir);
    create_in_window(&mut h);
    click(&mut h, &t("nav-settings"));
    assert_eq!(h.state().view(), Some(View::Settings));
    type_into(&mut h, &t("settings-editor"), "면담자 A");
    type_into(&mut h, &t("settings-recipients"), "age1notakey");
    click(&mut h, &t("settings-save"));
    let bad = t_args("settings-bad-recipient", &[("line", "1")]);
    assert!(h.query_by_label(&bad).is_some(), "a bad key is refused with its line");
    assert_eq!(h.state().config().unwrap().editor_name, "", "nothing saved");

    let good = age::x25519::Identity::generate().to_public().to_string();
    h.get_by_label(&t("settings-recipients")).focus();
    h.run_ok();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(&t("settings-recipients")).type_text(&good);
    h.run_ok();
    // Idle timeout and language.
    h.get_by_label(&t("settings-idle")).focus();
    h.run_ok();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(&t("settings-idle")).type_text("2");
    h.run_ok();
    click(&mut h, &t("settings-language"));
    click(&mut h, "한국어");
    click(&mut h, &t("settings-save"));
    let config = h.state().config().unwrap();
    assert_eq!(config.organisation_recipients, vec![good]);
    assert_eq!(config.editor_name, "면담자 A");
    assert_eq!(config.idle_lock_minutes, 2);
    assert_eq!(config.language, "ko");
    assert!(h.query_by_label("사례").is_some(), "the interface is now Korean");
    assert_title_is_plain(&h);
    testimony_vault::i18n::set_language(testimony_vault::i18n::Lang::En);
}

/// Render each main screen to a PNG: into `docs/screenshots/` when
/// `UPDATE_SCREENSHOTS=1`, else into the target folder (still checking that
/// every screen renders, with Hangul, on this machine's GPU or CPU renderer).
#[test]
fn screenshots_of_each_screen() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    {
        let mut vault = common::create_vault(&dir);
        let mut config = vault.config().clone();
        config.editor_name = "Interviewer A".into();
        vault.set_config(config).unwrap();
        for n in 1..=50 {
            let mut case = testimony_vault::sample::sample_case(n, 600);
            vault.save_case(&mut case, "Interviewer A").unwrap();
        }
        // A second revision for the first case, so the history has two rows.
        let id = vault.summaries().find(|s| s.code == "NK-2026-0001").unwrap().id;
        let mut case = vault.load_case(id).unwrap();
        case.follow_up = "지도 확인 완료 / map confirmed".into();
        case.status = testimony_vault::model::CaseStatus::NeedsFollowUp;
        vault.save_case(&mut case, "Interviewer B").unwrap();
    }
    let out = if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots")
    } else {
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots")
    };
    std::fs::create_dir_all(&out).unwrap();
    let mut h = harness(&dir);
    h.set_render_cursor(false);
    h.run_ok();
    let shoot = |h: &mut Gui, name: &str| screenshot(h, &out, name);
    type_into(&mut h, &t("unlock-passphrase"), PASS);
    if !shoot(&mut h, "unlock") {
        return;
    }
    click(&mut h, &t("unlock-open"));
    wait_until(&mut h, "unlocked", |h| h.state().is_unlocked());
    wait_until(&mut h, "full text loaded", |h| h.state().full_text_ready());
    shoot(&mut h, "case-list");
    type_into(&mut h, &t("list-search"), "수용소");
    wait_until(&mut h, "search answered", |h| h.query_all_by_label_contains("NK-2026").next().is_some() && !h.state().search_pending());
    shoot(&mut h, "case-list-search");
    h.get_by_label(&t("list-search")).focus();
    h.run_ok();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run_ok();
    assert_eq!(h.get_by_label(&t("list-search")).value().as_deref(), Some(""));
    // Sort by code (saves within one second tie on "last edited").
    click(&mut h, &t("list-col-code"));

    click(&mut h, "NK-2026-0001");
    assert_eq!(h.state().view(), Some(View::Review));
    shoot(&mut h, "review");
    // Scroll to the history at the bottom.
    h.get_by_label(&t("review-history")).scroll_to_me();
    shoot(&mut h, "review-history");
    click(&mut h, &t("review-edit"));
    assert_eq!(h.state().view(), Some(View::Form));
    shoot(&mut h, "form");
    h.get_by_label(&t("form-section-incidents")).scroll_to_me();
    shoot(&mut h, "form-incidents");
    click(&mut h, &t("form-close"));
    click(&mut h, &t("nav-settings"));
    shoot(&mut h, "settings");

    // The same list in Korean.
    testimony_vault::i18n::set_language(testimony_vault::i18n::Lang::Ko);
    h.run_ok();
    click(&mut h, &t("nav-cases"));
    shoot(&mut h, "case-list-ko");
    click(&mut h, "NK-2026-0001");
    click(&mut h, &t("review-edit"));
    shoot(&mut h, "form-ko");
    testimony_vault::i18n::set_language(testimony_vault::i18n::Lang::En);
}

/// The real binary, opening its window under a virtual X server, traced for
/// every socket it opens and every connection it makes: only local (Unix,
/// netlink) sockets, never an internet one.
#[test]
fn the_gui_opens_no_network_socket() {
    let _serial = serial();
    for tool in ["strace", "xvfb-run", "timeout"] {
        if !have(tool) {
            eprintln!("SKIPPED: `{tool}` is not installed (apt-get install strace xvfb)");
            return;
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let trace = tmp.path().join("trace");
    // The program's own exit status, apart from xvfb-run's (which also
    // fails when it cannot clean up its temporary folder).
    let status = tmp.path().join("status");
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("xvfb-unlock.png");
    let _ = std::fs::remove_file(&shot);
    let bin = env!("CARGO_BIN_EXE_testimony-vault");
    // Runs 12 s; `timeout` ends it (exit 124), which proves the window was
    // still up rather than the program having failed early.
    let script = format!(
        "strace -f -e trace=socket,connect -o '{}' timeout -s TERM 12 '{}' & pid=$!; sleep 9; \
         command -v import >/dev/null && import -window root '{}'; wait $pid; echo $? > '{}'",
        trace.display(),
        bin,
        shot.display(),
        status.display()
    );
    let out = std::process::Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x800x24", "sh", "-c", &script])
        .env("HOME", tmp.path())
        .env("XDG_DATA_HOME", tmp.path().join("data"))
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run xvfb-run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let code = std::fs::read_to_string(&status).unwrap_or_default();
    assert_eq!(code.trim(), "124", "the GUI did not stay open (xvfb-run: {:?}): {stderr}", out.status.code());
    let trace = std::fs::read_to_string(&trace).expect("strace wrote its trace");
    let mut local = 0;
    for line in trace.lines().filter(|l| l.contains("socket(") || l.contains("connect(")) {
        assert!(
            !(line.contains("AF_INET") || line.contains("AF_INET6") || line.contains("AF_PACKET")),
            "network socket opened: {line}"
        );
        if line.contains("connect(") && line.contains("AF_UNIX") {
            local += 1;
        }
    }
    assert!(local > 0, "no connection to the X server seen: the trace is not working\n{trace}");
    if shot.exists() {
        eprintln!("screenshot of the real window: {}", shot.display());
        if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
            let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots/xvfb-unlock.png");
            std::fs::copy(&shot, docs).unwrap();
        }
    }
}

#[test]
fn a_failed_save_keeps_the_edits_and_says_why() {
    let _serial = serial();
    let Some((_fs, mut h)) = unlocked_read_only() else { return };
    assert!(h.query_by_label(&t("app-read-only")).is_some(), "read-only is said up front");
    click(&mut h, &t("list-new-case"));
    type_into(&mut h, &t("form-pseudonym"), "최명호");
    type_into(&mut h, &t("form-narrative"), "청진에서 일어난 일");
    let_autosave_run(&mut h);
    let autosave_failed = t("form-autosave-failed").split('{').next().unwrap().trim().to_string();
    assert!(h.query_by_label_contains(&autosave_failed).is_some(), "a failed autosave is shown, not hidden");
    click(&mut h, &t("form-save"));
    assert!(h.state().form_is_dirty(), "not saved, still unsaved");
    assert_eq!(h.state().view(), Some(View::Form), "the form stays open");
    let prefix = t("form-save-failed").split('{').next().unwrap().trim().to_string();
    assert!(h.query_by_label_contains(&prefix).is_some(), "the failure is shown");
    assert_eq!(h.state().form_case().unwrap().narrative, "청진에서 일어난 일", "the edits are kept");
    // Leaving still asks: nothing is dropped because the disk refused it.
    click(&mut h, &t("form-close"));
    assert_eq!(h.state().dialog(), Some(Dialog::LeaveForm));
}

/// A new vault in `dir` holding two saved sample cases.
fn vault_with_two_cases(dir: &Path) -> (testimony_vault::model::Case, testimony_vault::model::Case) {
    let mut vault = common::create_vault(dir);
    let mut a = testimony_vault::sample::sample_case(1, 200);
    let mut b = testimony_vault::sample::sample_case(2, 200);
    vault.save_case(&mut a, "A").unwrap();
    vault.save_case(&mut b, "A").unwrap();
    (a, b)
}

#[test]
fn a_damaged_case_file_is_reported_and_the_others_open() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let (a, b) = vault_with_two_cases(&dir);
    let (good, bad) = (a.code.clone(), common::open_vault(&dir).case_path(b.id));
    let mut bytes = std::fs::read(&bad).unwrap();
    let n = bytes.len();
    bytes[n - 20] ^= 0xff;
    std::fs::write(&bad, bytes).unwrap();

    let mut h = harness(&dir);
    h.run_ok();
    unlock(&mut h, PASS);
    wait_until(&mut h, "unlocked", |h| h.state().is_unlocked());
    wait_until(&mut h, "full text loaded", |h| h.state().full_text_ready());
    assert!(h.query_by_label(&good).is_some(), "the intact case opens");
    // The unlock read the names only; the check just after took it out.
    assert!(h.query_by_label(&b.code).is_none(), "the damaged case is not listed");
    let warning = t_args("list-damaged", &[("count", "1")]);
    assert!(h.query_by_label_contains(&warning).is_some(), "the damaged file is reported");
}

#[test]
fn a_case_file_put_back_in_place_is_listed_and_searched_as_it_is_now() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let (mut a, b) = vault_with_two_cases(&dir);
    let mut vault = common::open_vault(&dir);
    a.narrative = "압록강 건너 alphaword".into();
    vault.save_case(&mut a, "A").unwrap();
    a.narrative = "두만강 건너 betaword".into();
    a.interviewee.pseudonym = "나중이름".into();
    vault.save_case(&mut a, "A").unwrap();
    let path = vault.case_path(a.id);
    drop(vault);
    // The earlier copy written over the file, in place: the unlock reads
    // only names, so the check after it must notice.
    std::fs::write(&path, std::fs::read(testimony_vault::vault::atomic::previous_path(&path)).unwrap()).unwrap();

    let mut h = unlocked(&dir);
    assert!(h.query_by_label_contains("나중이름").is_none(), "the list shows the file as it is now");
    type_into(&mut h, &t("list-search"), "alphaword");
    wait_until(&mut h, "the search answers", |h| h.query_by_label(&b.code).is_none());
    assert!(h.query_by_label(&a.code).is_some(), "found by the words its file holds now");
    replace_text(&mut h, &t("list-search"), "betaword");
    wait_until(&mut h, "the search answers", |h| h.query_by_label(&a.code).is_none());
}

#[test]
fn a_vanished_case_is_reported_until_the_user_stops_it() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let (a, gone) = vault_with_two_cases(&dir);
    let kept = a.code.clone();
    std::fs::remove_file(common::open_vault(&dir).case_path(gone.id)).unwrap();
    let mut h = unlocked(&dir);
    assert!(h.query_by_label(&kept).is_some());
    let warning = t_args("list-damaged", &[("count", "1")]);
    h.get_by_label_contains(&warning).click();
    h.run_ok();
    let message = t_args("error-case-missing", &[("code", &gone.code), ("pseudonym", &gone.interviewee.pseudonym)]);
    assert!(h.query_by_label_contains(&message).is_some(), "the vanished case is named");
    click_node(&mut h, &t_args("list-forget-missing", &[("count", "1")]));
    assert!(shown(&h, &t_args("list-forgot-missing", &[("count", "1")])));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    h.run_ok();
    assert!(!h.state().is_unlocked());
    drop(h);
    let vault = common::open_vault(&dir);
    assert!(vault.open_report().damaged.is_empty(), "forgotten: {:?}", vault.open_report().damaged);
}

// --- Bundles and conflicts ---

/// The vault in `to` trusts the signing key of the vault in `from` (done
/// here through the library; `export_selected_cases_…` trusts through the
/// window).
fn trust_vault(to: &Path, from: &Path) {
    let key = common::open_vault(from).signer().unwrap().openssh();
    common::open_vault(to).trust_signer("A", &key).unwrap();
}

fn import_through_gui(h: &mut Gui, bundle: &Path) {
    start_import(h, bundle);
    finish_job(h);
}

fn start_import(h: &mut Gui, bundle: &Path) {
    click_node(h, &t("list-import"));
    replace_text(h, &t("import-path"), &bundle.display().to_string());
    click_node(h, &t("import-run"));
}

/// The review in the export dialog: a name the profile does not know is
/// listed with its context, ticking it removes it from this export, the
/// box for interviewer names by role takes theirs out, and the manifest
/// records the review and the count, never the word.
#[test]
fn the_export_review_lists_a_name_left_and_ticking_it_scrubs_it_from_the_bundle() {
    use testimony_vault::bundle::{self, redact::review::candidates, redact::RedactOptions, Profile};
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let case = {
        let mut vault = common::create_vault(&dir);
        let mut c = testimony_vault::sample::sample_case(1, 100);
        c.narrative = "이웃 김철수가 국경까지 도와줬다고 했다.".into();
        c.interview.interviewer = "면담자 한지민".into();
        vault.save_case(&mut c, "A").unwrap();
        c
    };
    let listed = candidates(std::slice::from_ref(&case), Profile::Pseudonymised, &RedactOptions::default()).unwrap();
    let neighbour = listed.iter().find(|c| c.text.contains("김철수")).expect("the neighbour's name is a candidate").text.clone();
    let identity = age::x25519::Identity::generate();
    let out = tmp.path().join("out.tvb");

    let mut h = unlocked(&dir);
    fill_export(&mut h, &identity.to_public().to_string(), &out, None);
    click_node(&mut h, &t("profile-pseudonymised"));
    h.run_ok();
    assert!(shown(&h, &t("export-review-heading")), "the review is in the dialog");
    click_node(&mut h, &t_args("export-review-scrub", &[("word", &neighbour)]));
    click_node(&mut h, &t("export-review-reviewed"));
    click_node(&mut h, &t("export-by-role"));
    click(&mut h, &t("export-run"));
    finish_job(&mut h);
    assert!(out.is_file(), "the bundle is written");
    drop(h);

    let plain = age::decrypt(&identity, &std::fs::read(&out).unwrap()).unwrap();
    let has = |needle: &str| plain.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(!has("김철수"), "the ticked name is scrubbed");
    assert!(has("국경까지"), "the rest of the narrative stays");
    assert!(!has("한지민") && has("Interviewer 1"), "the interviewer is named by role");
    let m = bundle::verify(&out, &bundle::Unlock::with_identity(identity)).unwrap();
    assert_eq!(m.review, Some(bundle::format::ExportReview { scrubbed_words: 1 }));
}

#[test]
fn export_selected_cases_pseudonymised_then_import_them_into_another_vault() {
    use testimony_vault::bundle;
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let (dir_a, dir_b) = (tmp.path().join("a"), tmp.path().join("b"));
    let cases: Vec<_> = {
        let mut vault = common::create_vault(&dir_a);
        (1..=3)
            .map(|n| {
                let mut c = testimony_vault::sample::sample_case(n, 200);
                vault.save_case(&mut c, "A").unwrap();
                c
            })
            .collect()
    };
    let b_recipient = common::create_vault(&dir_b).recipient();
    let identity = age::x25519::Identity::generate();
    let out = tmp.path().join("out.tvb");

    let mut h = unlocked(&dir_a);
    click_node(&mut h, &t_args("list-select-case", &[("code", &cases[0].code)]));
    click_node(&mut h, &t_args("list-select-case", &[("code", &cases[2].code)]));
    assert!(shown(&h, &t_args("list-selected", &[("count", "2")])));
    click_node(&mut h, &t("list-export"));
    // The selection's consent is read in the background.
    finish_job(&mut h);
    assert!(shown(&h, &t_args("export-count", &[("count", "2")])));
    click_node(&mut h, &t("profile-pseudonymised"));
    // A bad key is refused before anything is written.
    replace_text(&mut h, &t_args("export-recipient-n", &[("n", "1")]), "age1notakey");
    replace_text(&mut h, &t("export-path"), &out.display().to_string());
    click_node(&mut h, &t("export-run"));
    assert!(!out.exists(), "nothing written with an invalid key");
    assert!(shown(&h, &t("export-recipient-bad")), "the bad key is pointed out");
    replace_text(&mut h, &t_args("export-recipient-n", &[("n", "1")]), &identity.to_public().to_string());
    click_node(&mut h, &t("export-recipient-add"));
    replace_text(&mut h, &t_args("export-recipient-n", &[("n", "2")]), &b_recipient);
    // A real pointer click: the button stays in view however long the dialog.
    click(&mut h, &t("export-run"));
    finish_job(&mut h);
    assert!(out.is_file(), "the bundle is written");
    let done = t_args(
        "export-done",
        &[("path", &out.display().to_string()), ("count", "2"), ("profile", &t("profile-pseudonymised"))],
    );
    assert!(shown(&h, &done), "success names path, count and profile");
    click_node(&mut h, &t("export-close"));

    // Exporting again to the same file is refused; the file is untouched.
    let before = std::fs::read(&out).unwrap();
    click_node(&mut h, &t("list-export"));
    // The selection's consent is read in the background.
    finish_job(&mut h);
    replace_text(&mut h, &t_args("export-recipient-n", &[("n", "1")]), &identity.to_public().to_string());
    replace_text(&mut h, &t("export-path"), &out.display().to_string());
    click_node(&mut h, &t("export-run"));
    let exists = t_args("export-path-exists", &[("path", &out.display().to_string())]);
    assert!(shown(&h, &exists), "overwriting is refused and said");
    assert_eq!(std::fs::read(&out).unwrap(), before);
    click_node(&mut h, &t("export-cancel"));
    drop(h);

    // The generated identity opens it; the selected codes are in, no real name.
    let plain = age::decrypt(&identity, &std::fs::read(&out).unwrap()).expect("decrypts with the identity");
    let has = |needle: &str| plain.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(has(&cases[0].code) && has(&cases[2].code), "the selected cases are in the bundle");
    assert!(!has(&cases[1].code), "the unselected case is not");
    for c in &cases {
        assert!(!c.interviewee.real_name.is_empty());
        assert!(!has(&c.interviewee.real_name), "no real name in a pseudonymised bundle");
    }
    let manifest = bundle::verify(&out, &bundle::Unlock::with_identity(identity)).unwrap();
    assert_eq!(manifest.profile, bundle::Profile::Pseudonymised);

    // The second vault imports it through the GUI: refused at first (it
    // does not know A's key), then trusted as an explicit step.
    let a_key = common::open_vault(&dir_a).signer().unwrap();
    let mut h = unlocked(&dir_b);
    assert!(!shown(&h, &cases[0].code));
    import_through_gui(&mut h, &out);
    assert!(shown(&h, &a_key.fingerprint()), "the refusal shows the signer's fingerprint");
    assert!(!shown(&h, &cases[0].code), "nothing imported before the signer is trusted");
    type_into(&mut h, &t("import-untrusted-name"), "현장 사무소 A");
    click_node(&mut h, &t("import-trust-and-import"));
    finish_job(&mut h);
    let signed = t_args("import-signed-by", &[("signer", "현장 사무소 A"), ("fingerprint", &a_key.fingerprint())]);
    assert!(shown(&h, &signed), "the summary says who signed the bundle");
    let summary = t_args("import-done", &[("added", "2"), ("unchanged", "0"), ("updated", "0"), ("conflicts", "0")]);
    assert!(shown(&h, &summary), "the summary is shown");
    click_node(&mut h, &t("export-close"));
    assert!(shown(&h, &cases[0].code), "imported cases appear in the list");
    assert!(shown(&h, &cases[2].code));
    assert!(!shown(&h, &cases[1].code));
    // And in the full-text search index.
    type_into(&mut h, &t("list-search"), &cases[2].code);
    wait_until(&mut h, "search answered", |h| !h.state().search_pending());
    assert!(shown(&h, &cases[2].code));

    // A damaged bundle: the translated error, and the vault unchanged.
    let damaged = tmp.path().join("damaged.tvb");
    let mut bytes = std::fs::read(&out).unwrap();
    let n = bytes.len();
    bytes[n - 30] ^= 0xff;
    std::fs::write(&damaged, bytes).unwrap();
    import_through_gui(&mut h, &damaged);
    assert!(!shown(&h, &t("export-close")), "no success");
    assert!(shown(&h, &t("import-run")), "the dialog stays open with the error");
    click_node(&mut h, &t("export-cancel"));
    drop(h);
    assert_eq!(common::open_vault(&dir_b).summaries().count(), 2, "nothing imported from a damaged bundle");
}

/// Vault B (`tmp/b`) and a bundle from vault A (`tmp/second.tvb`) in which
/// `n` sample cases, already imported into B once, were then changed on
/// both sides by `edit(case, "A" or "B", index)`: importing the bundle into
/// B makes `n` conflicts. Returns B's folder, the bundle and the cases.
fn conflicting_edits(
    tmp: &Path,
    n: u32,
    edit: impl Fn(&mut testimony_vault::Case, &str, usize),
) -> (std::path::PathBuf, std::path::PathBuf, Vec<testimony_vault::Case>) {
    use testimony_vault::bundle::{self, ExportOptions, Profile, Unlock};
    let (dir_a, dir_b) = (tmp.join("a"), tmp.join("b"));
    let mut a = common::create_vault(&dir_a);
    let mut b = common::create_vault(&dir_b);
    let mut cases = Vec::new();
    for n in 1..=n {
        let mut c = testimony_vault::sample::sample_case(n, 200);
        a.save_case(&mut c, "A").unwrap();
        cases.push(c);
    }
    let ids: Vec<_> = cases.iter().map(|c| c.id).collect();
    let b_recipient = b.key().recipient().clone();
    let to_b = || ExportOptions { recipients: vec![b_recipient.clone()], profile: Profile::Full, ..Default::default() };
    let first = tmp.join("first.tvb");
    bundle::export_cases(&a, &ids, &to_b(), &first).unwrap();
    let unlock_b = Unlock::with_identity(b.key().identity().clone());
    bundle::import_with(&mut b, &first, &unlock_b, "B", &bundle::ImportOptions { trust_signer: Some("A".into()) }).unwrap();
    for (i, id) in ids.iter().enumerate() {
        let mut ca = a.load_case(*id).unwrap();
        edit(&mut ca, "A", i);
        a.save_case(&mut ca, "A").unwrap();
        let mut cb = b.load_case(*id).unwrap();
        edit(&mut cb, "B", i);
        b.save_case(&mut cb, "B").unwrap();
    }
    let second = tmp.join("second.tvb");
    bundle::export_cases(&a, &ids, &to_b(), &second).unwrap();
    (dir_b, second, cases)
}

#[test]
fn conflicts_are_badged_compared_side_by_side_and_resolved() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let (dir_b, second, cases) = conflicting_edits(tmp.path(), 2, |c, side, i| {
        c.narrative = format!("{} 쪽 진술 {i}", if side == "A" { "함흥" } else { "청진" });
    });
    let ids: Vec<_> = cases.iter().map(|c| c.id).collect();

    let mut h = unlocked(&dir_b);
    let badge = |n: &str| t_args("list-conflicts-badge", &[("count", n)]);
    assert!(!shown(&h, &badge("2")), "no badge without conflicts");
    import_through_gui(&mut h, &second);
    let summary = t_args("import-done", &[("added", "0"), ("unchanged", "0"), ("updated", "0"), ("conflicts", "2")]);
    assert!(shown(&h, &summary), "the summary counts the conflicts");
    click_node(&mut h, &t("export-close"));
    click_node(&mut h, &badge("2"));
    assert_eq!(h.state().view(), Some(View::Conflicts));

    // First conflict: both narratives side by side; keep ours.
    click_node(&mut h, &t_args("conflicts-compare", &[("code", &cases[0].code)]));
    assert!(shown(&h, "청진 쪽 진술 0"), "ours is shown");
    assert!(shown(&h, "함흥 쪽 진술 0"), "theirs is shown");
    assert!(shown(&h, &t("conflicts-ours")) && shown(&h, &t("conflicts-theirs")));
    let changed = t_args("conflicts-changed-fields", &[("fields", &t("form-narrative"))]);
    assert!(shown(&h, &changed), "the changed field is named as the form names it");
    click_node(&mut h, &t("conflicts-keep-ours"));
    assert!(shown(&h, &t_args("conflicts-resolved", &[("code", &cases[0].code)])));
    click_node(&mut h, &t("conflicts-back-to-list"));
    assert!(shown(&h, &badge("1")), "one conflict left");

    // Second: take theirs.
    click_node(&mut h, &badge("1"));
    click_node(&mut h, &t_args("conflicts-compare", &[("code", &cases[1].code)]));
    assert!(shown(&h, "함흥 쪽 진술 1"));
    click_node(&mut h, &t("conflicts-take-theirs"));
    assert!(shown(&h, &t("conflicts-none")));
    click_node(&mut h, &t("conflicts-back-to-list"));
    assert!(!shown(&h, &badge("1")) && !shown(&h, &badge("0")), "the badge is gone");
    drop(h);

    let b = common::open_vault(&dir_b);
    assert!(b.list_conflicts().is_empty());
    assert_eq!(b.load_case(ids[0]).unwrap().narrative, "청진 쪽 진술 0", "ours kept");
    assert_eq!(b.load_case(ids[1]).unwrap().narrative, "함흥 쪽 진술 1", "theirs taken");
}

#[test]
fn a_conflict_is_merged_field_by_field() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    // Two fields differ: the narrative and the pseudonym.
    let (dir_b, bundle, cases) = conflicting_edits(tmp.path(), 1, |c, side, _| {
        c.narrative = format!("{side} 쪽 진술");
        c.interviewee.pseudonym = format!("가명 {side}");
    });
    let id = cases[0].id;
    let before = common::open_vault(&dir_b).load_case(id).unwrap();

    let mut h = unlocked(&dir_b);
    import_through_gui(&mut h, &bundle);
    click_node(&mut h, &t("export-close"));
    let badge = t_args("list-conflicts-badge", &[("count", "1")]);
    click_node(&mut h, &badge);
    click_node(&mut h, &t_args("conflicts-compare", &[("code", &cases[0].code)]));
    // Each differing field offers both versions, ours chosen to begin with.
    let summary = |theirs: &str, fields: &str| {
        t_args("conflicts-merge-summary", &[("theirs", theirs), ("total", "2"), ("fields", fields)])
    };
    assert!(shown(&h, &t_args("conflicts-merge-summary-ours", &[("total", "2")])));
    // Theirs for the narrative; theirs, then ours again, for the pseudonym.
    click_node(&mut h, "A 쪽 진술");
    click_node(&mut h, "가명 A");
    assert!(shown(&h, &summary("2", &format!("{}, {}", t("form-pseudonym"), t("form-narrative")))));
    click_node(&mut h, "가명 B");
    assert!(shown(&h, &summary("1", &t("form-narrative"))), "the summary follows the choices");
    click_node(&mut h, &t("conflicts-merge-save"));
    assert!(shown(&h, &t_args("conflicts-resolved", &[("code", &cases[0].code)])));
    assert!(shown(&h, &t("conflicts-none")));
    click_node(&mut h, &t("conflicts-back-to-list"));
    assert!(!shown(&h, &badge), "the badge is gone");
    drop(h);

    // Stored: exactly that mix, and the history says where each part came from.
    let b = common::open_vault(&dir_b);
    assert!(b.list_conflicts().is_empty());
    let merged = b.load_case(id).unwrap();
    assert_eq!(merged.narrative, "A 쪽 진술", "taken from the other version");
    assert_eq!(merged.interviewee.pseudonym, "가명 B", "kept from this vault");
    assert_eq!(testimony_vault::model::changed_fields(&before, &merged), vec!["narrative"]);
    let last = merged.history.last().unwrap();
    assert_eq!(last.changed_fields, vec!["narrative"]);
    assert!(last.note.contains("merged field by field, from the other version: narrative;"), "{}", last.note);
    assert!(merged.history.iter().any(|r| r.note.starts_with("from the other version")), "their revisions are kept");
    drop(b);

    // Reopened, the vault has no conflict to show.
    let h = unlocked(&dir_b);
    assert!(!shown(&h, &badge));
}

#[test]
fn idle_lock_fires_with_the_export_dialog_open() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let code = {
        let mut vault = common::create_vault(&dir);
        let mut c = testimony_vault::sample::sample_case(1, 100);
        vault.save_case(&mut c, "A").unwrap();
        c.code.clone()
    };
    let mut h = unlocked(&dir);
    click_node(&mut h, &t_args("list-select-case", &[("code", &code)]));
    click_node(&mut h, &t("list-export"));
    // The selection's consent is read in the background.
    finish_job(&mut h);
    click_node(&mut h, &t("export-use-passphrase"));
    replace_text(&mut h, &t("export-passphrase"), "번들 비밀 문구 1234");
    assert!(shown(&h, &t("export-title")), "the export dialog is open");

    h.state_mut().simulate_idle(Duration::from_secs(15 * 60 + 1));
    h.step();
    h.run_ok();
    assert!(!h.state().is_unlocked(), "locked despite the open export dialog");
    assert!(!shown(&h, &t("export-title")), "the dialog went with the session");
    assert!(h.query_by_label_contains(&code).is_none());
    let notice = t_args("app-locked-idle", &[("minutes", "15")]);
    assert_eq!(h.state().lock_notice(), Some(notice.as_str()));
}

#[test]
fn passphrase_bundle_exports_and_imports_through_the_gui() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let (dir_a, dir_b) = (tmp.path().join("a"), tmp.path().join("b"));
    let code = {
        let mut vault = common::create_vault(&dir_a);
        let mut c = testimony_vault::sample::sample_case(4, 100);
        vault.save_case(&mut c, "A").unwrap();
        c.code.clone()
    };
    drop(common::create_vault(&dir_b));
    trust_vault(&dir_b, &dir_a);
    let out = tmp.path().join("pass.tvb");
    let secret = "번들 비밀 문구 1234";

    let mut h = unlocked(&dir_a);
    click_node(&mut h, &t("list-select-shown"));
    click_node(&mut h, &t("list-export"));
    // The selection's consent is read in the background.
    finish_job(&mut h);
    click_node(&mut h, &t("profile-full"));
    click_node(&mut h, &t("export-use-passphrase"));
    replace_text(&mut h, &t("export-passphrase"), secret);
    replace_text(&mut h, &t("export-passphrase-repeat"), "something else");
    replace_text(&mut h, &t("export-path"), &out.display().to_string());
    click_node(&mut h, &t("export-run"));
    assert!(shown(&h, &t("export-passphrase-mismatch")));
    assert!(!out.exists());
    replace_text(&mut h, &t("export-passphrase-repeat"), secret);
    click_node(&mut h, &t("export-run"));
    finish_job(&mut h);
    assert!(out.is_file(), "the bundle is written");
    drop(h);

    let mut h = unlocked(&dir_b);
    import_through_gui(&mut h, &out);
    assert!(!shown(&h, &t("export-close")), "no passphrase: not imported");
    replace_text(&mut h, &t("import-passphrase"), "wrong passphrase");
    click_node(&mut h, &t("import-run"));
    finish_job(&mut h);
    assert!(!shown(&h, &t("export-close")), "wrong passphrase: not imported");
    assert!(!shown(&h, &code));
    replace_text(&mut h, &t("import-passphrase"), secret);
    click_node(&mut h, &t("import-run"));
    finish_job(&mut h);
    let summary = t_args("import-done", &[("added", "1"), ("unchanged", "0"), ("updated", "0"), ("conflicts", "0")]);
    assert!(shown(&h, &summary));
    click_node(&mut h, &t("export-close"));
    assert!(shown(&h, &code), "the case is in the list");
}

// --- Attachments and place suggestions in the form ---

/// A file dropped on the window, as the platform would hand it over.
#[derive(Debug)]
struct Dropped {
    path: std::path::PathBuf,
    bytes: Option<Vec<u8>>,
}

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.path
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        match &self.bytes {
            Some(b) => Ok(b.clone()),
            None => std::fs::read(&self.path).map_err(|e| e.to_string()),
        }
    }
}

fn drop_file(h: &mut Gui, file: Dropped) {
    h.input_mut().dropped_files.push(std::sync::Arc::new(file));
    h.run_ok();
    finish_job(h);
}

/// Click a widget further down the form (scrolled into view first).
fn click_below(h: &mut Gui, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run_ok();
    click(h, label);
}

fn tiny_png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(4, 3, |x, y| image::Rgb([x as u8 * 60, y as u8 * 80, 200]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn new_saved_case(h: &mut Gui) {
    click(h, &t("list-new-case"));
    type_into(h, &t("form-pseudonym"), "박은정");
    click(h, &t("form-save"));
    assert!(!h.state().form_is_dirty());
}

fn attachment_count(h: &Gui) -> usize {
    h.state().form_case().map_or(0, |c| c.attachments.len())
}

#[test]
fn attach_by_path_keeps_unsaved_edits_and_stores_only_ciphertext() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let mut h = harness(&dir);
    create_in_window(&mut h);
    new_saved_case(&mut h);
    // An edit not yet saved must survive the attachment's own revision.
    type_into(&mut h, &t("form-narrative"), "회령에서 보위부에 끌려갔다.");
    assert!(h.state().form_is_dirty());

    let marker = b"PLAINTEXT-MARKER-7731 interview transcript";
    let source = tmp.path().join("witness-note.txt");
    std::fs::write(&source, marker).unwrap();
    // A path that does not exist: said plainly, nothing attached.
    type_into(&mut h, &t("gui-attach-path"), &tmp.path().join("missing.txt").display().to_string());
    click_below(&mut h, &t("attachment-add"));
    finish_job(&mut h);
    assert_eq!(attachment_count(&h), 0);
    let (_, error) = h.state().attachment_messages().unwrap();
    assert!(error.is_some_and(|e| e.contains("missing.txt")), "the error names the file: {error:?}");

    h.get_by_label(&t("gui-attach-path")).focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run_ok();
    type_into(&mut h, &t("gui-attach-path"), &source.display().to_string());
    type_into(&mut h, &t("attachment-description"), "면담 기록");
    click_below(&mut h, &t("attachment-add"));
    finish_job(&mut h);
    assert_eq!(attachment_count(&h), 1, "{:?}", h.state().attachment_messages());
    let case = h.state().form_case().unwrap().clone();
    assert_eq!(case.attachments[0].file_name, "witness-note.txt");
    assert_eq!(case.attachments[0].description, "면담 기록");
    assert_eq!(case.narrative, "회령에서 보위부에 끌려갔다.", "the unsaved edit is kept");
    assert!(h.state().form_is_dirty(), "the narrative is still unsaved");
    assert!(h.query_by_label("witness-note.txt").is_some(), "the list shows the file");
    assert!(files_containing(&dir, b"PLAINTEXT-MARKER-7731").is_empty(), "no plaintext in the vault folder");
    assert!(std::fs::read(&source).unwrap() == marker, "the original is left untouched");

    // The stored case has the attachment but not the unsaved narrative.
    click(&mut h, &t("nav-lock"));
    assert!(!h.state().is_unlocked());
    let vault = common::open_vault(&dir);
    let stored = vault.load_case(case.id).unwrap();
    assert_eq!(stored.attachments.len(), 1);
    assert!(stored.narrative.is_empty(), "only the attachment change was saved");
    assert!(stored.history.last().unwrap().note.contains("witness-note.txt"));
    assert_eq!(&vault.read_attachment_verified(&stored.attachments[0], 1 << 20).unwrap()[..], marker);
}

#[test]
fn dropped_files_attach_by_path_and_by_content() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let mut h = harness(&dir);
    create_in_window(&mut h);
    new_saved_case(&mut h);
    let on_disk = tmp.path().join("map-of-camp.pdf");
    std::fs::write(&on_disk, b"%PDF-1.4 DROPPED-MARKER-4410").unwrap();
    drop_file(&mut h, Dropped { path: on_disk, bytes: None });
    assert_eq!(attachment_count(&h), 1, "{:?}", h.state().attachment_messages());
    // A drop whose path is not a readable file: its content is used.
    drop_file(&mut h, Dropped { path: "photo.png".into(), bytes: Some(tiny_png()) });
    assert_eq!(attachment_count(&h), 2, "{:?}", h.state().attachment_messages());
    let case = h.state().form_case().unwrap().clone();
    assert_eq!(case.attachments[1].file_name, "photo.png");
    assert_eq!(case.attachments[1].media_type, "image/png");
    assert!(h.query_by_label("map-of-camp.pdf").is_some());
    assert!(files_containing(&dir, b"DROPPED-MARKER-4410").is_empty());
    // A drop that cannot be read is reported, not ignored.
    drop_file(&mut h, Dropped { path: tmp.path().join("gone.m4a"), bytes: None });
    assert_eq!(attachment_count(&h), 2);
    assert!(h.state().attachment_messages().unwrap().1.is_some(), "a failed drop says so");
}

#[test]
fn image_preview_shows_from_memory_and_is_forgotten() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let mut h = harness(&dir);
    create_in_window(&mut h);
    new_saved_case(&mut h);
    drop_file(&mut h, Dropped { path: "photo.png".into(), bytes: Some(tiny_png()) });
    assert_eq!(attachment_count(&h), 1);
    let before = common::all_files(&dir).len();
    click_below(&mut h, &t("attachment-preview"));
    let uri = h.state().preview_uri().expect("the preview opened").to_string();
    assert_eq!(h.query_all_by_label("photo.png").count(), 2, "the list row and the preview window");
    let ctx = h.ctx.clone();
    wait_until(&mut h, "the picture is decoded", |_| {
        matches!(ctx.try_load_image(&uri, egui::SizeHint::default()), Ok(egui::load::ImagePoll::Ready { .. }))
    });
    let Ok(egui::load::ImagePoll::Ready { image }) = ctx.try_load_image(&uri, egui::SizeHint::default()) else {
        unreachable!()
    };
    assert_eq!(image.size, [4, 3], "the decrypted picture is the one attached");
    assert_eq!(common::all_files(&dir).len(), before, "no file written to show it");

    click(&mut h, &t("gui-attach-close-preview"));
    assert!(h.state().preview_uri().is_none());
    assert!(ctx.try_load_bytes(&uri).is_err(), "closing forgets the decrypted bytes");

    // Locking with the preview open forgets it too.
    click_below(&mut h, &t("attachment-preview"));
    assert!(h.state().preview_uri().is_some());
    click(&mut h, &t("nav-lock"));
    assert!(ctx.try_load_bytes(&uri).is_err(), "locking forgets the decrypted bytes");
}

#[test]
fn removing_an_attachment_asks_first_and_is_in_the_history() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let mut h = harness(&dir);
    create_in_window(&mut h);
    new_saved_case(&mut h);
    drop_file(&mut h, Dropped { path: "photo.png".into(), bytes: Some(tiny_png()) });
    assert_eq!(attachment_count(&h), 1);
    // Attachment files only: the save also writes a search-index delta.
    let blobs = common::all_files(&dir.join("attachments")).len();

    click_below(&mut h, &t("attachment-remove"));
    assert_eq!(attachment_count(&h), 1, "nothing is removed before confirming");
    let question = t_args("attachment-remove-confirm", &[("name", "photo.png")]);
    assert!(h.query_by_label(&question).is_some(), "the question names the file");
    click_below(&mut h, &t("gui-attach-cancel"));
    assert_eq!(attachment_count(&h), 1);
    assert!(h.query_by_label(&question).is_none());

    click_below(&mut h, &t("attachment-remove"));
    click_below(&mut h, &t("gui-attach-remove-yes"));
    assert_eq!(attachment_count(&h), 0);
    assert!(common::all_files(&dir.join("attachments")).len() < blobs, "the encrypted file is deleted");
    let case = h.state().form_case().unwrap().clone();
    assert!(case.history.last().unwrap().note.contains("attachment removed"));

    // The review's history shows the chain-of-custody notes.
    click(&mut h, &t("form-close"));
    click(&mut h, &case.code);
    assert_eq!(h.state().view(), Some(View::Review));
    assert!(h.query_by_label_contains("attachment removed: \"photo.png\"").is_some());
    assert!(h.query_by_label_contains("attachment added: \"photo.png\"").is_some());
}

#[test]
fn saving_a_copy_warns_first_and_refuses_the_vault_folder() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let mut h = harness(&dir);
    create_in_window(&mut h);
    new_saved_case(&mut h);
    drop_file(&mut h, Dropped { path: "photo.png".into(), bytes: Some(tiny_png()) });
    click_below(&mut h, &t("attachment-save-copy"));
    assert!(h.query_by_label(&t("attachment-export-warning")).is_some(), "the warning is shown first");
    // Into the vault folder: refused, said plainly.
    type_into(&mut h, &t("gui-attach-export-dest"), &dir.join("copy.png").display().to_string());
    click_below(&mut h, &t("attachment-export-confirm"));
    finish_job(&mut h);
    assert!(!dir.join("copy.png").exists());
    assert!(h.state().attachment_messages().unwrap().1.is_some());
    let dest = tmp.path().join("copy.png");
    h.get_by_label(&t("gui-attach-export-dest")).focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run_ok();
    type_into(&mut h, &t("gui-attach-export-dest"), &dest.display().to_string());
    click_below(&mut h, &t("attachment-export-confirm"));
    finish_job(&mut h);
    assert_eq!(std::fs::read(&dest).unwrap(), tiny_png());
    assert!(h.state().attachment_messages().unwrap().1.is_none());
}

#[test]
fn place_field_suggests_sinuiju_and_keeps_free_text() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(&tmp.path().join("vault"));
    create_in_window(&mut h);
    click(&mut h, &t("list-new-case"));
    type_into(&mut h, &t("form-interview-place"), "Sinuiju");
    let lang = testimony_vault::i18n::language();
    let place = testimony_vault::korean::places::search_places("Sinuiju")[0];
    assert_eq!(place.hangul, "신의주시");
    click(&mut h, &place.label(lang));
    assert_eq!(h.state().form_case().unwrap().interview.place, "신의주시");
    assert!(h.query_by_label(&place.label(lang)).is_none(), "the suggestions close once picked");

    // Free text stays as typed.
    type_into(&mut h, &t("form-home-province"), "어딘가 산골");
    assert_eq!(h.state().form_case().unwrap().interviewee.home_province, "어딘가 산골");
    // Counties of the chosen province come first.
    h.get_by_label(&t("form-home-province")).focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run_ok();
    type_into(&mut h, &t("form-home-province"), "함경북도");
    // A sensitive field's label carries a marker.
    let county_label = t("form-home-county");
    let county = h.get_by_label_contains(&county_label);
    county.focus();
    county.type_text("Hoeryong");
    h.run_ok();
    let hoeryong = testimony_vault::korean::places::search_places("Hoeryong")
        .into_iter()
        .find(|p| p.hangul == "회령시")
        .unwrap();
    click(&mut h, &hoeryong.label(lang));
    assert_eq!(h.state().form_case().unwrap().interviewee.home_county, "회령시");
}

#[test]
fn attaching_to_a_new_case_saves_it_first_unless_it_cannot_be_saved() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let mut h = harness(&dir);
    create_in_window(&mut h);
    click(&mut h, &t("list-new-case"));
    // A case with a malformed date cannot be saved: nor can a file be attached.
    type_into(&mut h, &t("form-pseudonym"), "최민준");
    type_into(&mut h, &t("form-interview-date"), "2024-13");
    drop_file(&mut h, Dropped { path: "photo.png".into(), bytes: Some(tiny_png()) });
    assert_eq!(attachment_count(&h), 0);
    assert!(h.state().attachment_messages().unwrap().1.is_some(), "why is said");
    assert!(!dir.join("cases").exists() || std::fs::read_dir(dir.join("cases")).unwrap().count() == 0, "not saved");
    let files = common::all_files(&dir).len();

    h.get_by_label(&t("form-interview-date")).focus();
    h.run_ok();
    h.key_press(egui::Key::Backspace);
    h.get_by_label(&t("form-interview-date")).type_text("2");
    h.run_ok();
    drop_file(&mut h, Dropped { path: "photo.png".into(), bytes: Some(tiny_png()) });
    assert_eq!(attachment_count(&h), 1, "{:?}", h.state().attachment_messages());
    let case = h.state().form_case().unwrap().clone();
    assert_eq!(case.interviewee.pseudonym, "최민준", "saved whole with its first file");
    assert!(common::all_files(&dir).len() > files);
    assert!(!h.state().form_is_dirty());
    click(&mut h, &t("form-close"));
    assert_eq!(h.state().view(), Some(View::List), "nothing unsaved to ask about");
    assert!(h.query_by_label(&case.code).is_some(), "the list shows the new case");
}

// --- Slow work in the background: export, import, attaching ---

/// A vault holding `n` sample cases; their codes.
fn vault_with_cases(dir: &Path, n: u32) -> Vec<String> {
    let mut vault = common::create_vault(dir);
    (1..=n)
        .map(|i| {
            let mut c = testimony_vault::sample::sample_case(i, 100);
            vault.save_case(&mut c, "A").unwrap();
            c.code.clone()
        })
        .collect()
}

/// Tick every case and fill in the export dialog, up to the Export button.
/// `gate`: held jobs (closed again once the dialog is open).
fn fill_export(h: &mut Gui, recipient: &str, out: &Path, gate: Option<&JobGate>) {
    click_node(h, &t("list-select-shown"));
    // The selection's consent is read in the background, by a job.
    gate.inspect(|g| g.open());
    click_node(h, &t("list-export"));
    finish_job(h);
    gate.inspect(|g| g.close());
    replace_text(h, &t_args("export-recipient-n", &[("n", "1")]), recipient);
    replace_text(h, &t("export-path"), &out.display().to_string());
}

fn viewport_commands<'h>(h: &'h Gui) -> impl Iterator<Item = &'h egui::ViewportCommand> + 'h {
    h.output().viewport_output[&egui::ViewportId::ROOT].commands.iter()
}

/// A file dropped on the window, without waiting for its job.
fn start_drop(h: &mut Gui, file: Dropped) {
    h.input_mut().dropped_files.push(std::sync::Arc::new(file));
    h.run_ok();
}

#[test]
fn export_runs_behind_a_busy_overlay_and_reports_when_done() {
    use testimony_vault::bundle;
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let codes = vault_with_cases(&dir, 2);
    let identity = age::x25519::Identity::generate();
    let out = tmp.path().join("out.tvb");
    let gate = JobGate::closed();

    let mut h = unlocked_with_gate(&dir, Some(gate.clone()));
    fill_export(&mut h, &identity.to_public().to_string(), &out, Some(&gate));
    click_node(&mut h, &t("export-run"));
    let busy = t_args("app-job-exporting", &[("count", "2")]);
    let done = t_args(
        "export-done",
        &[("path", &out.display().to_string()), ("count", "2"), ("profile", &t("profile-pseudonymised"))],
    );
    // The window keeps drawing frames while the job runs, and says so.
    for _ in 0..5 {
        h.step();
        assert!(shown(&h, &busy), "the overlay names the work");
        assert!(shown(&h, &t("app-job-wait")));
        assert!(!shown(&h, &done), "no result before the job ends");
        assert!(!out.exists(), "nothing written yet");
    }
    // Other actions wait: "New case" under the overlay does nothing.
    click_node(&mut h, &t("list-new-case"));
    assert_eq!(h.state().view(), Some(View::List));
    assert!(h.state().job_status().is_some());
    // Closing the window waits for the job too.
    h.input_mut().viewports.entry(egui::ViewportId::ROOT).or_default().events.push(egui::ViewportEvent::Close);
    h.step();
    assert!(viewport_commands(&h).any(|c| matches!(c, egui::ViewportCommand::CancelClose)), "not closed mid-job");
    h.run_ok();
    assert!(shown(&h, &t("app-job-close-after")), "and says it will close");

    gate.open();
    let start = Instant::now();
    let mut closes = false;
    while h.state().job_status().is_some() {
        assert!(start.elapsed() < Duration::from_secs(60), "timed out waiting for the export");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
        closes |= viewport_commands(&h).any(|c| matches!(c, egui::ViewportCommand::Close));
    }
    h.run_ok();
    assert!(closes, "the window closes once the export has ended");
    assert!(!shown(&h, &busy), "the overlay is gone");
    assert!(shown(&h, &done), "the result is reported as before");
    click_node(&mut h, &t("export-close"));
    assert!(shown(&h, &codes[0]));
    let manifest = bundle::verify(&out, &bundle::Unlock::with_identity(identity)).expect("a complete bundle");
    assert_eq!(manifest.cases.len(), 2);
}

#[test]
fn import_runs_in_the_background_and_a_tampered_bundle_still_says_why() {
    use testimony_vault::bundle::{self, ExportOptions, Profile, Unlock};
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let (dir_a, dir_b) = (tmp.path().join("a"), tmp.path().join("b"));
    let codes = vault_with_cases(&dir_a, 2);
    let b = common::create_vault(&dir_b);
    let unlock_b = Unlock::with_identity(b.key().identity().clone());
    let good = tmp.path().join("good.tvb");
    {
        let a = common::open_vault(&dir_a);
        let ids: Vec<_> = a.summaries().map(|s| s.id).collect();
        let options = ExportOptions { recipients: vec![b.key().recipient().clone()], profile: Profile::Full, ..Default::default() };
        bundle::export_cases(&a, &ids, &options, &good).unwrap();
    }
    drop(b);
    trust_vault(&dir_b, &dir_a);
    let damaged = tmp.path().join("damaged.tvb");
    let mut bytes = std::fs::read(&good).unwrap();
    let n = bytes.len();
    bytes[n - 30] ^= 0xff;
    std::fs::write(&damaged, bytes).unwrap();
    let why = bundle::verify(&damaged, &unlock_b).expect_err("the damage is found").to_string();

    let gate = JobGate::closed();
    let mut h = unlocked_with_gate(&dir_b, Some(gate.clone()));
    start_import(&mut h, &good);
    let busy = t_args("app-job-importing", &[("file", "good.tvb")]);
    let summary = t_args("import-done", &[("added", "2"), ("unchanged", "0"), ("updated", "0"), ("conflicts", "0")]);
    assert!(shown(&h, &busy), "the overlay names the bundle");
    assert!(!shown(&h, &summary) && !shown(&h, &codes[0]), "nothing imported yet");
    gate.open();
    finish_job(&mut h);
    assert!(!shown(&h, &busy));
    assert!(shown(&h, &summary), "the summary after the job");
    click_node(&mut h, &t("export-close"));
    assert!(shown(&h, &codes[0]) && shown(&h, &codes[1]), "the list shows the imported cases");

    // A tampered bundle: overlay, then the same translated error as before.
    gate.close();
    start_import(&mut h, &damaged);
    let busy = t_args("app-job-importing", &[("file", "damaged.tvb")]);
    assert!(shown(&h, &busy));
    assert!(!shown(&h, &why));
    gate.open();
    finish_job(&mut h);
    assert!(shown(&h, &why), "the error is said: {why}");
    assert!(shown(&h, &t("import-run")), "the dialog stays open with the error");
    click_node(&mut h, &t("export-cancel"));
    drop(h);
    assert_eq!(common::open_vault(&dir_b).summaries().count(), 2, "nothing imported from the tampered bundle");
}

#[test]
fn attaching_runs_in_the_background_and_keeps_unsaved_edits() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let gate = JobGate::closed();
    let mut h = harness_with_gate(&dir, Some(gate.clone()));
    create_in_window(&mut h);
    new_saved_case(&mut h);
    type_into(&mut h, &t("form-narrative"), "온성에서 강을 건넜다.");
    let recording = tmp.path().join("recording.m4a");
    std::fs::write(&recording, b"RECORDING-MARKER-5521 audio").unwrap();

    start_drop(&mut h, Dropped { path: recording.clone(), bytes: None });
    let busy = t_args("attachment-encrypting", &[("name", "recording.m4a")]);
    assert!(shown(&h, &busy), "the overlay names the file");
    assert_eq!(attachment_count(&h), 0, "not attached before the job ends");
    // The form takes no typing meanwhile, and a second drop is refused aloud.
    type_into(&mut h, &t("form-narrative"), " 끼어든 글");
    start_drop(&mut h, Dropped { path: "photo.png".into(), bytes: Some(tiny_png()) });
    assert!(shown(&h, &t("app-job-drop-ignored")), "the ignored drop is said");

    gate.open();
    finish_job(&mut h);
    assert!(!shown(&h, &busy));
    assert_eq!(attachment_count(&h), 1, "{:?}", h.state().attachment_messages());
    let case = h.state().form_case().unwrap().clone();
    assert_eq!(case.attachments[0].file_name, "recording.m4a");
    assert_eq!(case.narrative, "온성에서 강을 건넜다.", "the unsaved edit is kept, nothing typed meanwhile");
    assert!(h.state().form_is_dirty(), "the narrative is still unsaved");
    let (notice, error) = h.state().attachment_messages().unwrap();
    assert!(error.is_none() && notice.is_some_and(|n| n.contains("recording.m4a")), "{notice:?} {error:?}");
    assert!(shown(&h, &t("app-job-drop-ignored")), "still said after the job");
    assert!(files_containing(&dir, b"RECORDING-MARKER-5521").is_empty(), "only ciphertext in the vault");
}

#[test]
fn a_lock_asked_for_during_a_job_waits_for_it_and_loses_nothing() {
    use testimony_vault::bundle;
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let gate = JobGate::closed();

    // Ctrl+L during an export: the bundle is finished first.
    let dir = tmp.path().join("vault");
    let codes = vault_with_cases(&dir, 3);
    let identity = age::x25519::Identity::generate();
    let out = tmp.path().join("out.tvb");
    let mut h = unlocked_with_gate(&dir, Some(gate.clone()));
    fill_export(&mut h, &identity.to_public().to_string(), &out, Some(&gate));
    click_node(&mut h, &t("export-run"));
    assert!(h.state().job_status().is_some());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    h.run_ok();
    assert!(h.state().is_unlocked(), "the lock waits for the export");
    assert!(shown(&h, &t("app-job-lock-after")), "and says it will lock");
    gate.open();
    wait_until(&mut h, "locked after the export", |h| !h.state().is_unlocked());
    let manifest = bundle::verify(&out, &bundle::Unlock::with_identity(identity)).expect("the bundle is complete");
    assert_eq!(manifest.cases.len(), 3);
    assert_eq!(h.state().lock_notice(), Some(t("app-job-done-before-lock").as_str()));
    assert!(codes.iter().all(|c| !shown(&h, c)), "nothing of the cases is shown once locked");
    drop(h);
    drop(common::open_vault(&dir));

    // The idle lock during an attachment, with unsaved edits in the form:
    // the file is stored, and the edits are kept as a draft with it.
    gate.close();
    let dir = tmp.path().join("vault2");
    let mut h = harness_with_gate(&dir, Some(gate.clone()));
    create_in_window(&mut h);
    new_saved_case(&mut h);
    type_into(&mut h, &t("form-narrative"), "무산에서 보위부에 잡혔다.");
    let marker = b"ATTACH-MARKER-9034 scan";
    let scan = tmp.path().join("scan.pdf");
    std::fs::write(&scan, marker).unwrap();
    start_drop(&mut h, Dropped { path: scan, bytes: None });
    assert!(h.state().job_status().is_some());
    h.state_mut().simulate_idle(Duration::from_secs(15 * 60 + 1));
    h.step();
    h.run_ok();
    assert!(h.state().is_unlocked(), "the idle lock waits for the attachment");
    assert!(shown(&h, &t("app-job-lock-after")));
    let id = h.state().form_case().unwrap().id;
    gate.open();
    wait_until(&mut h, "locked after the attachment", |h| !h.state().is_unlocked());
    let idle = t_args("app-locked-idle", &[("minutes", "15")]);
    let notice = h.state().lock_notice().unwrap_or_default().to_string();
    assert!(notice.contains(&idle) && notice.contains(&t("app-job-done-before-lock")), "{notice}");
    drop(h);

    let vault = common::open_vault(&dir);
    let stored = vault.load_case(id).unwrap();
    assert_eq!(stored.attachments.len(), 1, "the attachment is stored");
    assert_eq!(&vault.read_attachment_verified(&stored.attachments[0], 1 << 20).unwrap()[..], marker);
    assert!(stored.narrative.is_empty(), "only the attachment change was saved");
    let draft = vault.load_draft(id).unwrap().expect("the unsaved edits are a draft");
    assert_eq!(draft.narrative, "무산에서 보위부에 잡혔다.");
    assert_eq!(draft.attachments, stored.attachments, "the draft does not lose the attachment");
    assert!(files_containing(&dir, b"ATTACH-MARKER-9034").is_empty(), "no plaintext left behind");
}

// --- Choosing files and folders in the window (no system file dialog) ---

/// Two clicks in one frame. (`Node::click` steps once per event, each
/// step a quarter second: too slow for egui's double-click delay.)
fn double_click(h: &mut Gui, label: &str) {
    let pos = h.get_by_label(label).rect().center();
    let events = &mut h.input_mut().events;
    events.push(egui::Event::PointerMoved(pos));
    for pressed in [true, false, true, false] {
        let button = egui::PointerButton::Primary;
        events.push(egui::Event::PointerButton { pos, button, pressed, modifiers: egui::Modifiers::default() });
    }
    h.run_ok();
}

/// Type a folder into the chooser's path line and go there.
fn chooser_go(h: &mut Gui, folder: &Path) {
    replace_text(h, &t("file-pick-folder"), &folder.display().to_string());
    click_node(h, &t("file-pick-go"));
}

fn field_value(h: &Gui, label: &str) -> String {
    h.get_by_label(label).value().unwrap_or_default()
}

/// Names, sizes and times of everything under `dir`, folders included.
fn tree_state(dir: &Path) -> Vec<(std::path::PathBuf, u64, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let m = std::fs::symlink_metadata(&d).unwrap();
        out.push((d.clone(), m.len(), m.modified().unwrap()));
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let m = std::fs::symlink_metadata(&p).unwrap();
                out.push((p, m.len(), m.modified().unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_recording_in_a_subfolder_is_chosen_attached_and_a_copy_saved_through_the_chooser() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let recordings = tmp.path().join("recordings");
    std::fs::create_dir_all(recordings.join("interviews")).unwrap();
    std::fs::write(recordings.join("readme.txt"), b"about the recordings").unwrap();
    std::fs::write(recordings.join(".hidden-note"), b"x").unwrap();
    let marker = b"RECORDING-MARKER-6120 audio";
    let recording = recordings.join("interviews").join("면담-녹음.m4a");
    std::fs::write(&recording, marker).unwrap();
    let untouched = tree_state(&recordings);

    let mut h = harness(&dir);
    create_in_window(&mut h);
    new_saved_case(&mut h);
    click_below(&mut h, &t("file-pick-browse"));
    assert!(h.state().chooser_open());
    assert!(shown(&h, &t("file-pick-title-attach")));
    // A typed folder that is not there is said, not a panic.
    let nowhere = tmp.path().join("nowhere");
    chooser_go(&mut h, &nowhere);
    assert!(shown(&h, &t_args("file-pick-not-found", &[("path", &nowhere.display().to_string())])));
    chooser_go(&mut h, &recordings);
    assert!(shown(&h, "interviews") && shown(&h, "readme.txt"));
    assert!(shown(&h, &t_args("file-pick-count", &[("folders", "1"), ("files", "1")])));
    assert!(!shown(&h, ".hidden-note"), "dot-files are hidden at first");
    click_node(&mut h, &t("file-pick-show-hidden"));
    assert!(shown(&h, ".hidden-note"));
    // Into the subfolder, up again, and back in.
    double_click(&mut h, "interviews");
    assert!(shown(&h, "면담-녹음.m4a"));
    assert!(!shown(&h, "readme.txt"));
    click_node(&mut h, &t("file-pick-up"));
    assert!(shown(&h, "readme.txt"));
    double_click(&mut h, "interviews");
    click(&mut h, "면담-녹음.m4a");
    click_node(&mut h, &t("file-pick-choose"));
    assert!(!h.state().chooser_open(), "the chooser closes on a choice");
    assert_eq!(field_value(&h, &t("gui-attach-path")), recording.display().to_string());

    // The chosen file is attached as a typed path would be.
    click_below(&mut h, &t("attachment-add"));
    finish_job(&mut h);
    assert_eq!(attachment_count(&h), 1, "{:?}", h.state().attachment_messages());
    let case = h.state().form_case().unwrap().clone();
    assert_eq!(case.attachments[0].file_name, "면담-녹음.m4a");
    assert!(files_containing(&dir, b"RECORDING-MARKER-6120").is_empty(), "only ciphertext in the vault");
    assert_eq!(tree_state(&recordings), untouched, "browsing and attaching left the folder as it was");

    // A decrypted copy: save-as offers the attachment's name.
    let copies = tmp.path().join("copies");
    std::fs::create_dir(&copies).unwrap();
    click_below(&mut h, &t("attachment-save-copy"));
    h.query_all_by_label(&t("file-pick-browse")).next().expect("a Browse button by the copy's field").click_accesskit();
    h.run_ok();
    assert!(shown(&h, &t("file-pick-title-copy")));
    assert_eq!(field_value(&h, &t("file-pick-name")), "면담-녹음.m4a");
    chooser_go(&mut h, &copies);
    click_node(&mut h, &t("file-pick-choose"));
    let dest = copies.join("면담-녹음.m4a");
    assert_eq!(field_value(&h, &t("gui-attach-export-dest")), dest.display().to_string());
    assert!(!dest.exists(), "choosing writes nothing");
    click_below(&mut h, &t("attachment-export-confirm"));
    finish_job(&mut h);
    assert_eq!(std::fs::read(&dest).unwrap(), marker);

    click(&mut h, &t("nav-lock"));
    let vault = common::open_vault(&dir);
    let stored = vault.load_case(case.id).unwrap();
    assert_eq!(&vault.read_attachment_verified(&stored.attachments[0], 1 << 20).unwrap()[..], marker);
}

#[test]
fn a_bundle_chosen_in_the_chooser_is_imported() {
    use testimony_vault::bundle::{self, ExportOptions, Profile};
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let (dir_a, dir_b) = (tmp.path().join("a"), tmp.path().join("b"));
    let codes = vault_with_cases(&dir_a, 2);
    let b_recipient = common::create_vault(&dir_b).key().recipient().clone();
    let bundles = tmp.path().join("bundles");
    std::fs::create_dir(&bundles).unwrap();
    std::fs::create_dir(bundles.join("older")).unwrap();
    let out = bundles.join("서울-사무소.tvb");
    {
        let a = common::open_vault(&dir_a);
        let ids: Vec<_> = a.summaries().map(|s| s.id).collect();
        let options = ExportOptions { recipients: vec![b_recipient], profile: Profile::Full, ..Default::default() };
        bundle::export_cases(&a, &ids, &options, &out).unwrap();
    }
    trust_vault(&dir_b, &dir_a);

    let mut h = unlocked(&dir_b);
    click_node(&mut h, &t("list-import"));
    click_node(&mut h, &t("file-pick-browse"));
    assert!(shown(&h, &t("file-pick-title-import")), "the chooser opens over the import dialog");
    chooser_go(&mut h, &bundles);
    assert!(shown(&h, "older"));
    // A double-click on a file chooses it.
    double_click(&mut h, "서울-사무소.tvb");
    assert!(!h.state().chooser_open());
    assert!(shown(&h, &t("import-title")), "the import dialog is still open");
    assert_eq!(field_value(&h, &t("import-path")), out.display().to_string());
    click_node(&mut h, &t("import-run"));
    finish_job(&mut h);
    let summary = t_args("import-done", &[("added", "2"), ("unchanged", "0"), ("updated", "0"), ("conflicts", "0")]);
    assert!(shown(&h, &summary));
    click_node(&mut h, &t("export-close"));
    assert!(shown(&h, &codes[0]) && shown(&h, &codes[1]));
}

#[test]
fn export_saves_under_a_typed_name_in_a_chosen_folder_and_never_over_a_file() {
    use testimony_vault::bundle;
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    vault_with_cases(&dir, 2);
    let identity = age::x25519::Identity::generate();
    let usb = tmp.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    let old = usb.join("old.tvb");
    std::fs::write(&old, b"an earlier bundle").unwrap();

    let mut h = unlocked(&dir);
    click_node(&mut h, &t("list-select-shown"));
    click_node(&mut h, &t("list-export"));
    // The selection's consent is read in the background.
    finish_job(&mut h);
    replace_text(&mut h, &t_args("export-recipient-n", &[("n", "1")]), &identity.to_public().to_string());
    let suggested = field_value(&h, &t("export-path"));
    click_node(&mut h, &t("file-pick-browse"));
    assert!(shown(&h, &t("file-pick-title-export")));
    // The name in the field is offered; the folder is chosen.
    let offered = Path::new(&suggested).file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(field_value(&h, &t("file-pick-name")), offered);
    chooser_go(&mut h, &usb);
    // An existing name is refused, typed or clicked, with or without extension.
    replace_text(&mut h, &t("file-pick-name"), "old");
    click_node(&mut h, &t("file-pick-choose"));
    let refused = t_args("file-pick-name-exists", &[("name", "old.tvb")]);
    assert!(shown(&h, &refused), "overwriting is refused and said");
    assert!(h.state().chooser_open());
    click(&mut h, "old.tvb");
    assert_eq!(field_value(&h, &t("file-pick-name")), "old.tvb");
    click_node(&mut h, &t("file-pick-choose"));
    assert!(shown(&h, &refused));
    assert_eq!(field_value(&h, &t("export-path")), suggested, "nothing filled in while refused");
    // A new name: the extension is added.
    replace_text(&mut h, &t("file-pick-name"), "함흥 면담");
    click_node(&mut h, &t("file-pick-choose"));
    assert!(!h.state().chooser_open());
    let out = usb.join("함흥 면담.tvb");
    assert_eq!(field_value(&h, &t("export-path")), out.display().to_string());
    assert!(!out.exists(), "choosing writes nothing");
    click(&mut h, &t("export-run"));
    finish_job(&mut h);
    let manifest = bundle::verify(&out, &bundle::Unlock::with_identity(identity)).expect("a complete bundle");
    assert_eq!(manifest.cases.len(), 2);
    assert_eq!(std::fs::read(&old).unwrap(), b"an earlier bundle", "the old bundle is untouched");
}

#[test]
fn the_vault_folder_is_chosen_on_the_start_screen() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let vault_dir = tmp.path().join("vaults").join("mine");
    drop(common::create_vault(&vault_dir));
    std::fs::create_dir(tmp.path().join("vaults").join("empty")).unwrap();
    // The field names a folder that does not exist: the chooser opens at
    // the nearest one that does.
    let mut h = harness(&tmp.path().join("nowhere").join("vault"));
    h.run_ok();
    assert!(shown(&h, &t("unlock-mode-create")));
    click_node(&mut h, &t("file-pick-browse"));
    assert!(shown(&h, &t("file-pick-title-vault")));
    assert_eq!(field_value(&h, &t("file-pick-folder")), tmp.path().display().to_string());
    double_click(&mut h, "vaults");
    click(&mut h, "mine");
    let will_use = t_args("file-pick-will-use", &[("path", &vault_dir.display().to_string())]);
    assert!(shown(&h, &will_use), "says which folder will be used");
    click_node(&mut h, &t("file-pick-use-folder"));
    assert!(!h.state().chooser_open());
    assert_eq!(field_value(&h, &t("unlock-folder")), vault_dir.display().to_string());
    assert!(shown(&h, &t("unlock-mode-open")), "the chosen folder is checked for a vault");
    unlock(&mut h, PASS);
    wait_until(&mut h, "unlocked", |h| h.state().is_unlocked());
}

/// A new vault on a drive whose top folder is not empty: a new folder
/// typed in the chooser, made when the vault is created.
#[test]
fn a_new_vault_goes_into_a_new_folder_typed_in_the_chooser() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let stick = tmp.path().join("USB");
    std::fs::create_dir(&stick).unwrap();
    std::fs::write(stick.join("사진.jpg"), b"not a vault").unwrap();
    let mut h = harness(&stick);
    h.run_ok();
    click_node(&mut h, &t("file-pick-browse"));
    double_click(&mut h, "USB");
    replace_text(&mut h, &t("file-pick-new-folder"), "증언 보관함");
    let wanted = stick.join("증언 보관함");
    assert!(shown(&h, &t_args("file-pick-will-use", &[("path", &wanted.display().to_string())])));
    click_node(&mut h, &t("file-pick-use-folder"));
    assert!(!h.state().chooser_open());
    assert_eq!(field_value(&h, &t("unlock-folder")), wanted.display().to_string());
    assert!(!wanted.exists(), "the chooser makes nothing");
    create_in_window(&mut h);
    wait_until(&mut h, "created", |h| h.state().is_unlocked());
    assert!(testimony_vault::vault::is_vault(&wanted));
}

#[test]
fn the_chooser_closes_on_lock_and_never_opens_over_a_job() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    vault_with_cases(&dir, 1);
    let gate = JobGate::closed();
    gate.open();
    let mut h = unlocked_with_gate(&dir, Some(gate.clone()));

    // Ctrl+L with the chooser open over the export dialog.
    click_node(&mut h, &t("list-select-shown"));
    click_node(&mut h, &t("list-export"));
    // The selection's consent is read in the background.
    finish_job(&mut h);
    click_node(&mut h, &t("file-pick-browse"));
    assert!(h.state().chooser_open());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    h.run_ok();
    assert!(!h.state().is_unlocked());
    assert!(!h.state().chooser_open(), "the chooser went with the session");
    assert!(!shown(&h, &t("file-pick-title-export")));
    unlock(&mut h, PASS);
    wait_until(&mut h, "unlocked", |h| h.state().is_unlocked());
    assert!(!h.state().chooser_open(), "and does not come back");

    // The idle lock with the chooser open over the import dialog.
    click_node(&mut h, &t("list-import"));
    click_node(&mut h, &t("file-pick-browse"));
    assert!(h.state().chooser_open());
    h.state_mut().simulate_idle(Duration::from_secs(15 * 60 + 1));
    h.step();
    h.run_ok();
    assert!(!h.state().is_unlocked(), "locked despite the chooser");
    assert!(!h.state().chooser_open());
    assert!(!shown(&h, &t("file-pick-title-import")));

    // A job (a file dropped on the form) closes it, and while the job
    // runs Browse does nothing.
    unlock(&mut h, PASS);
    wait_until(&mut h, "unlocked", |h| h.state().is_unlocked());
    new_saved_case(&mut h);
    click_below(&mut h, &t("file-pick-browse"));
    assert!(h.state().chooser_open());
    gate.close();
    start_drop(&mut h, Dropped { path: "photo.png".into(), bytes: Some(tiny_png()) });
    assert!(h.state().job_status().is_some());
    assert!(!h.state().chooser_open(), "the chooser gives way to the job");
    h.get_by_label(&t("file-pick-browse")).click_accesskit();
    h.run_ok();
    assert!(!h.state().chooser_open(), "not opened while the job runs");
    gate.open();
    finish_job(&mut h);
    assert_eq!(attachment_count(&h), 1);
    assert!(!h.state().chooser_open());

    // Cancel and Escape close it without touching the field.
    click_below(&mut h, &t("file-pick-browse"));
    click_node(&mut h, &t("file-pick-cancel"));
    assert!(!h.state().chooser_open());
    click_below(&mut h, &t("file-pick-browse"));
    h.key_press(egui::Key::Escape);
    h.run_ok();
    assert!(!h.state().chooser_open());
    assert_eq!(field_value(&h, &t("gui-attach-path")), "");
}

/// The list's incident types follow the interface language: switched in
/// the settings, they show in the new language at once (they used to stay
/// in the old one until the data changed).
#[test]
fn switching_the_language_relabels_the_case_lists_incident_types() {
    use testimony_vault::i18n::{t_in, Lang};
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let (a, _) = vault_with_two_cases(&dir);
    let violation = *a.summary().violations.first().expect("the sample case has an incident type");
    let key = format!("violation-{}", violation.key());
    let (english, korean) = (t_in(Lang::En, &key, &[]), t_in(Lang::Ko, &key, &[]));
    let mut h = unlocked(&dir);
    assert!(h.query_by_label_contains(&english).is_some(), "in English first");
    click(&mut h, &t("nav-settings"));
    click(&mut h, &t("settings-language"));
    click(&mut h, "한국어");
    click(&mut h, &t("settings-save"));
    click(&mut h, &t("nav-cases"));
    assert_eq!(h.state().view(), Some(View::List));
    let relabelled = h.query_by_label_contains(&korean).is_some();
    let stale = h.query_by_label_contains(&english).is_some();
    testimony_vault::i18n::set_language(Lang::En);
    assert!(relabelled, "the incident types are shown in Korean");
    assert!(!stale, "no incident type is left in English");
}

#[test]
fn settings_show_the_signing_key_and_trust_and_stop_trusting_a_signer() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let own = common::create_vault(&dir).signer().unwrap();
    let other = testimony_vault::vault::signing::SigningKey::generate("other").public();

    let mut h = unlocked(&dir);
    click(&mut h, &t("nav-settings"));
    assert!(shown(&h, &own.fingerprint()), "the fingerprint, to read aloud");
    assert_eq!(field_value(&h, &t("settings-signing-public-key")), own.openssh(), "the public key, to give");
    assert!(shown(&h, &t("settings-trusted-none")));
    // A malformed key is refused and said; nothing is trusted.
    type_into(&mut h, &t("settings-trusted-key"), "ssh-ed25519 AAAAnot-a-key");
    type_into(&mut h, &t("settings-trusted-name"), "서울 사무소");
    click_node(&mut h, &t("settings-trusted-add"));
    assert!(h.query_by_label_contains("is not a signer's public key").is_some());
    replace_text(&mut h, &t("settings-trusted-key"), &other.openssh());
    click_node(&mut h, &t("settings-trusted-add"));
    assert!(shown(&h, &t_args("settings-trusted-added", &[("name", "서울 사무소")])));
    assert!(shown(&h, &other.fingerprint()) && shown(&h, "서울 사무소"), "the list shows the new signer");
    // The notice is news, not a state: it goes after a while.
    let later = h.ctx.input(|i| i.time) + 60.0;
    h.input_mut().time = Some(later);
    h.run_ok();
    assert!(!shown(&h, &t_args("settings-trusted-added", &[("name", "서울 사무소")])), "a stale notice lingers");
    click(&mut h, &t("nav-lock"));
    drop(h);
    assert_eq!(common::open_vault(&dir).signer_name(&other).as_deref(), Some("서울 사무소"), "kept in the vault");

    let mut h = unlocked(&dir);
    click(&mut h, &t("nav-settings"));
    click_node(&mut h, &t("settings-trusted-remove"));
    assert!(shown(&h, &t_args("settings-trusted-removed", &[("name", "서울 사무소")])));
    assert!(shown(&h, &t("settings-trusted-none")));
    click(&mut h, &t("nav-lock"));
    drop(h);
    assert!(!common::open_vault(&dir).is_trusted(&other));
}

#[test]
fn review_shows_who_signed_each_revision_and_whether_it_checks() {
    use testimony_vault::bundle::{self, ExportOptions, ImportOptions, Profile, Unlock};
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let (dir_a, dir_b) = (tmp.path().join("a"), tmp.path().join("b"));
    let codes = vault_with_cases(&dir_a, 1);
    let mut b = common::create_vault(&dir_b);
    let out = tmp.path().join("a.tvb");
    {
        let a = common::open_vault(&dir_a);
        let ids: Vec<_> = a.summaries().map(|s| s.id).collect();
        let options = ExportOptions { recipients: vec![b.key().recipient().clone()], profile: Profile::Full, ..Default::default() };
        bundle::export_cases(&a, &ids, &options, &out).unwrap();
    }
    let unlock = Unlock::with_identity(b.key().identity().clone());
    let trusting = ImportOptions { trust_signer: Some("현장 사무소".into()) };
    bundle::import_with(&mut b, &out, &unlock, "B", &trusting).unwrap();
    drop(b);

    let mut h = unlocked(&dir_b);
    click(&mut h, &codes[0]);
    assert_eq!(h.state().view(), Some(View::Review));
    assert!(shown(&h, &t("review-history-signature")));
    let by_a = t_args("revision-signature-valid", &[("signer", "현장 사무소")]);
    let by_us = t_args("revision-signature-valid", &[("signer", &t("signer-this-vault"))]);
    assert!(shown(&h, &by_a), "A's save, by the name B trusts it under");
    assert!(shown(&h, &by_us), "B's import revision");
}
