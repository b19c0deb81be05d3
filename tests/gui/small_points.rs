//! The smaller points, as a user meets them: a "saved" notice that
//! goes once the settings change again; an empty search that says so and
//! offers one click back to every case; Korean "전체" no longer meaning
//! both "Any" and "Full"; a click anywhere on a row opens the case; a
//! letter typed and deleted is no unsaved change.

use crate::common;
use crate::drive::{click, click_node, create_in_window, finish_job, harness, serial, shown, type_into, unlocked, wait_until};
use egui_kittest::kittest::Queryable;
use testimony_vault::i18n::{set_language, t, t_in, Lang};
use testimony_vault::ui::View;

#[test]
fn the_saved_notice_in_settings_goes_after_a_while_and_with_the_next_change() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(&tmp.path().join("vault"));
    create_in_window(&mut h);
    click(&mut h, &t("nav-settings"));
    type_into(&mut h, &t("settings-editor"), "면담자 갑");
    click(&mut h, &t("settings-save"));
    assert!(shown(&h, &t("settings-saved")), "the save is confirmed");
    // A minute later (longer than any notice stays) it has gone by itself.
    let later = h.ctx.input(|i| i.time) + 60.0;
    h.input_mut().time = Some(later);
    h.run_ok();
    assert!(!shown(&h, &t("settings-saved")), "gone after a while");
    type_into(&mut h, &t("settings-editor"), " 갑");
    click(&mut h, &t("settings-save"));
    assert!(shown(&h, &t("settings-saved")), "confirmed again");
    type_into(&mut h, &t("settings-editor"), "을");
    assert!(!shown(&h, &t("settings-saved")), "no stale 'saved' beside an unsaved change");
    assert_eq!(h.state().view(), Some(View::Settings));
}

#[test]
fn a_search_that_matches_nothing_says_so_and_one_click_shows_every_case_again() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    {
        let mut vault = common::create_vault(&dir);
        for n in 1..=3 {
            vault.save_case(&mut testimony_vault::sample::sample_case(n, 100), "A").unwrap();
        }
    }
    let mut h = unlocked(&dir);
    assert!(shown(&h, "NK-2026-0001"));
    type_into(&mut h, &t("list-search"), "zzqx-nothing-like-this");
    wait_until(&mut h, "the search answers", |h| h.query_by_label("NK-2026-0001").is_none());
    assert!(shown(&h, &t("list-no-match")), "said, not a blank table");
    assert!(shown(&h, &t("list-no-match-how")));
    click_node(&mut h, &t("list-clear-search"));
    wait_until(&mut h, "every case is back", |h| h.query_by_label("NK-2026-0003").is_some());
    assert!(shown(&h, "NK-2026-0001") && shown(&h, "NK-2026-0002"));
    assert!(!shown(&h, &t("list-no-match")));
}

#[test]
fn in_korean_any_and_the_full_profile_are_different_words() {
    let (any, full, all) = (t_in(Lang::Ko, "list-filter-any", &[]), t_in(Lang::Ko, "profile-full", &[]), t_in(Lang::Ko, "events-filter-all", &[]));
    assert_ne!(any, full);
    assert_eq!(any, all, "one word for 'any' in both filters");
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    {
        let mut vault = common::create_vault(&dir);
        vault.save_case(&mut testimony_vault::sample::sample_case(1, 100), "A").unwrap();
    }
    let mut h = unlocked(&dir);
    set_language(Lang::Ko);
    h.run_ok();
    click_node(&mut h, &t("list-select-shown"));
    click_node(&mut h, &t("list-export"));
    // The selection's consent is read in the background.
    finish_job(&mut h);
    assert!(shown(&h, &full), "the export dialog's full profile says {full}");
    assert!(!shown(&h, "전체"), "no control is labelled 전체 alone");
    set_language(Lang::En);
}

fn one_case(dir: &std::path::Path) -> testimony_vault::model::Case {
    let mut vault = common::create_vault(dir);
    let mut c = testimony_vault::sample::sample_case(1, 100);
    vault.save_case(&mut c, "A").unwrap();
    c
}

#[test]
fn a_click_on_a_row_opens_the_case_and_a_letter_typed_and_deleted_is_no_change() {
    use egui::{Key, Modifiers};
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let case = one_case(&dir);
    let mut h = unlocked(&dir);
    // The pseudonym cell, not the code link: the row itself answers.
    click(&mut h, &case.interviewee.pseudonym);
    assert_eq!(h.state().view(), Some(View::Form), "a click on the row opens the case");
    assert_eq!(h.state().form_case().map(|c| c.id), Some(case.id));
    let label = t("form-narrative");
    let field = h.get_by_label(&label);
    field.focus();
    field.type_text("x");
    h.run_ok();
    assert!(h.state().form_is_dirty(), "a typed letter is a change");
    h.key_press_modifiers(Modifiers::NONE, Key::Backspace);
    h.run_ok();
    assert_eq!(h.state().form_case().unwrap().narrative, case.narrative);
    assert!(!h.state().form_is_dirty(), "typed and deleted: nothing unsaved");
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run_ok();
    assert_eq!(h.state().view(), Some(View::List), "closed without a question");
    assert!(h.state().dialog().is_none());
}

/// Dialogs do not move when they show an error: the buttons and fields
/// of the import and export dialogs keep their rectangles.
#[test]
fn the_bundle_dialogs_keep_their_place_when_an_error_shows() {
    use crate::drive::replace_text;
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    one_case(&dir);
    let mut h = unlocked(&dir);
    let rects = |h: &crate::drive::Gui, labels: &[String]| -> Vec<egui::Rect> { labels.iter().map(|l| h.get_by_label(l).rect()).collect() };

    click_node(&mut h, &t("list-import"));
    let import = [t("import-run"), t("import-path"), t("import-passphrase"), t("export-cancel")];
    let before = rects(&h, &import);
    click_node(&mut h, &t("import-run"));
    assert!(shown(&h, &t("import-path-missing")), "the error is shown");
    assert_eq!(rects(&h, &import), before, "nothing moved for a short error");
    replace_text(&mut h, &t("import-path"), &tmp.path().join("no-such-bundle.tvb").display().to_string());
    click_node(&mut h, &t("import-run"));
    finish_job(&mut h);
    assert!(!shown(&h, &t("import-path-missing")));
    assert_eq!(rects(&h, &import), before, "nothing moved for a long error either");
    click_node(&mut h, &t("export-cancel"));

    click_node(&mut h, &t("list-select-shown"));
    click_node(&mut h, &t("list-export"));
    // The selection's consent is read in the background.
    finish_job(&mut h);
    let export = [t("export-run"), t("export-cancel"), t("export-title")];
    let before = rects(&h, &export);
    replace_text(&mut h, &testimony_vault::i18n::t_args("export-recipient-n", &[("n", "1")]), "");
    click_node(&mut h, &t("export-run"));
    assert!(shown(&h, &t("export-no-recipients")), "the problem is shown");
    assert_eq!(rects(&h, &export), before, "the export dialog did not move");
}
