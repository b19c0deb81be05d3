//! The idle lock warns, and unlocking returns to where the interviewer
//! was: a countdown in the last 30 seconds that any input postpones, then
//! the lock, then the same case at the same scroll position with its
//! unsaved edits and no question; the list keeps its sort.

use crate::common::PASS;
use crate::drive::{click, create_in_window, harness, serial, type_into, unlock, wait_until, Gui};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::time::Duration;
use testimony_vault::i18n::{t, t_args};
use testimony_vault::ui::case_list::SortColumn;
use testimony_vault::ui::View;

const LIMIT: u64 = 15 * 60;

fn idle(h: &mut Gui, seconds: u64) {
    h.state_mut().simulate_idle(Duration::from_secs(seconds));
    h.step();
    h.run_ok();
}

fn unlock_again(h: &mut Gui) {
    unlock(h, PASS);
    wait_until(h, "unlocked", |h| h.state().is_unlocked());
}

#[test]
fn countdown_then_lock_then_back_in_the_same_case_and_place() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(&tmp.path().join("vault"));
    create_in_window(&mut h);
    click(&mut h, &t("list-new-case"));
    type_into(&mut h, &t("form-pseudonym"), "박서연");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_ok();
    let id = h.state().form_case().unwrap().id;
    // Down to the notes, and an edit there not saved yet.
    // Through the side outline.
    h.get_by_role_and_label(egui::accesskit::Role::Button, &t("form-section-notes")).click();
    h.run_ok();
    h.get_by_label(&t("form-follow-up")).focus();
    h.run_ok();
    h.get_by_label(&t("form-follow-up")).type_text("다음 주에 다시 연락");
    h.run_ok();
    assert!(h.state().form_is_dirty());
    let scroll = h.state().form_scroll().unwrap();
    assert!(scroll.y > 100.0, "scrolled down to the notes: {scroll:?}");

    // No warning long before; a countdown in the last 30 seconds.
    idle(&mut h, LIMIT - 60);
    assert_eq!(h.state().lock_countdown(), None);
    idle(&mut h, LIMIT - 20);
    assert_eq!(h.state().lock_countdown(), Some(20));
    assert!(h.query_by_label(&t_args("idle-countdown", &[("seconds", "20")])).is_some(), "shown");
    // Moving the mouse postpones it.
    h.event(egui::Event::PointerMoved(egui::pos2(400.0, 300.0)));
    h.run_ok();
    assert_eq!(h.state().lock_countdown(), None, "postponed by input");
    assert!(h.state().is_unlocked());
    idle(&mut h, LIMIT - 5);
    assert_eq!(h.state().lock_countdown(), Some(5));
    idle(&mut h, LIMIT + 1);
    assert!(!h.state().is_unlocked(), "locked at the limit");

    unlock_again(&mut h);
    assert_eq!(h.state().view(), Some(View::Form), "back in the form");
    assert_eq!(h.state().dialog(), None, "no drafts question: nothing conflicts");
    let case = h.state().form_case().unwrap();
    assert_eq!(case.id, id, "the same case");
    assert_eq!(case.follow_up, "다음 주에 다시 연락", "with the unsaved edit");
    assert!(h.state().form_is_dirty(), "still unsaved");
    let back = h.state().form_scroll().unwrap();
    assert!((back.y - scroll.y).abs() < 2.0, "same scroll position: {back:?} against {scroll:?}");
}

#[test]
fn the_list_keeps_its_sort_and_filters_across_a_lock() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(&tmp.path().join("vault"));
    create_in_window(&mut h);
    for name in ["가", "나"] {
        h.key_press_modifiers(Modifiers::COMMAND, Key::N);
        h.run_ok();
        type_into(&mut h, &t("form-pseudonym"), name);
        h.key_press_modifiers(Modifiers::COMMAND, Key::S);
        h.key_press_modifiers(Modifiers::COMMAND, Key::W);
        h.run_ok();
    }
    assert_eq!(h.state().view(), Some(View::List));
    h.get_by_label_contains(&t("list-col-pseudonym")).click();
    h.run_ok();
    let sort = h.state().list_sort().unwrap();
    assert_eq!(sort.0, SortColumn::Pseudonym);
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run_ok();
    assert!(!h.state().is_unlocked());
    unlock_again(&mut h);
    assert_eq!(h.state().view(), Some(View::List));
    assert_eq!(h.state().list_sort(), Some(sort), "the sort is kept");
}

#[test]
fn edit_opens_a_case_at_the_top_or_where_it_was_last_edited() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(&tmp.path().join("vault"));
    create_in_window(&mut h);
    let mut codes = Vec::new();
    for name in ["가", "나"] {
        h.key_press_modifiers(Modifiers::COMMAND, Key::N);
        h.run_ok();
        type_into(&mut h, &t("form-pseudonym"), name);
        h.key_press_modifiers(Modifiers::COMMAND, Key::S);
        h.run_ok();
        codes.push(h.state().form_case().unwrap().code.clone());
        if name == "가" {
            h.get_by_role_and_label(egui::accesskit::Role::Button, &t("form-section-notes")).click();
            h.run_ok();
            assert!(h.state().form_scroll().unwrap().y > 100.0);
        }
        h.key_press_modifiers(Modifiers::COMMAND, Key::W);
        h.run_ok();
    }
    // The second case was never scrolled: it opens at the top, not where
    // the first one was.
    let open = |h: &mut Gui, code: &str| {
        h.get_by_label(code).click_accesskit();
        h.run_ok();
        click(h, &t("review-edit"));
        assert_eq!(h.state().view(), Some(View::Form));
        h.state().form_scroll().unwrap().y
    };
    assert!(open(&mut h, &codes[1]) < 1.0, "a case never scrolled opens at the top");
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run_ok();
    assert!(open(&mut h, &codes[0]) > 100.0, "the first opens where it was left");
}
