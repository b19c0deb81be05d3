//! Review's history, as a reader uses it: a revision opened read-only shows
//! the case as it was then, two revisions compared show the inserted and
//! deleted words, and a revision whose content was not kept cannot open.
//! Screenshots at 900×600 in both languages go to `docs/screenshots/` with
//! `UPDATE_SCREENSHOTS=1`.

use crate::drive::{click, click_node, harness_sized, options, screenshot, serial, unlock, unlocked, wait_until, Gui};
use egui_kittest::kittest::{NodeT, Queryable};
use testimony_vault::i18n::{set_language, t, t_args, Lang};
use testimony_vault::ui::View;

const FIRST: &str = "보위부가 아버지를 데려갔다. They took him at dawn.";
const SECOND: &str = "보위부가 아버지와 삼촌을 데려갔다. They took him at dawn.";
const THIRD: &str = "보위부가 아버지와 삼촌을 데려갔다. They took him at dawn, in March.";

/// A vault whose one case was saved three times; the first revision's
/// content kept or, with `keep_first` false, as an older vault has it.
fn three_saves(dir: &std::path::Path, keep_first: bool) -> String {
    let mut v = crate::common::create_vault(dir);
    let mut c = testimony_vault::sample::sample_case(1, 0);
    c.interviewee.pseudonym = "옥수수".into();
    for (n, text) in [FIRST, SECOND, THIRD].into_iter().enumerate() {
        c.narrative = text.into();
        if n == 2 {
            c.interviewee.pseudonym = "감자".into();
        }
        v.save_case(&mut c, "면담자 A").unwrap();
    }
    if !keep_first {
        let mut stored = v.load_case(c.id).unwrap();
        stored.history[1].before = None;
        v.write_case(&stored).unwrap();
    }
    c.code.clone()
}

fn open_review(h: &mut Gui, code: &str) {
    h.get_by_label(code).click_accesskit();
    h.run_ok();
    assert_eq!(h.state().view(), Some(View::Review));
    h.get_by_label(&t("review-history")).scroll_to_me();
    h.run_ok();
}

fn has_text(h: &Gui, text: &str) -> bool {
    h.query_by_label_contains(text).is_some()
}

#[test]
fn open_revision_two_read_only_then_compare_one_and_three() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let code = three_saves(tmp.path(), true);
    let mut h = unlocked(tmp.path());
    open_review(&mut h, &code);

    click_node(&mut h, &t_args("history-open-revision", &[("n", "2")]));
    assert!(has_text(&h, "Revision 2 of 3"), "the banner says which revision");
    assert!(h.query_by_label(SECOND).is_some(), "revision 2's narrative");
    assert!(h.query_by_label(THIRD).is_none(), "not today's");
    assert!(h.query_by_label("옥수수").is_some() && h.query_by_label("감자").is_none(), "the pseudonym it had");
    assert!(h.query_by_role(egui::accesskit::Role::TextInput).is_none(), "read-only: nothing to type into");
    click_node(&mut h, &t("history-back"));
    assert!(h.query_by_label(THIRD).is_some(), "back to the case now");

    h.get_by_label(&t_args("history-compare-from-revision", &[("n", "1")])).click_accesskit();
    h.get_by_label(&t_args("history-compare-to-revision", &[("n", "3")])).click_accesskit();
    h.run_ok();
    click_node(&mut h, &t("history-compare"));
    assert!(has_text(&h, "Changes from revision 1 to revision 3"));
    // The narrative's words: deleted (revision 1 only), inserted (3 only).
    for word in ["아버지를", "아버지와 삼촌을", ", in March"] {
        assert!(has_text(&h, word), "{word} is not in the comparison");
    }
    assert!(h.query_by_label(THIRD).is_none(), "the comparison, not the record");
    assert!(h.query_by_label_contains(&t("form-pseudonym")).is_some());
    // The layout job marks inserted words by an underline, deleted by a
    // strikethrough (checked on the marked runs, not by colour alone).
    assert!(has_text(&h, &t("history-compare-legend")));
    click_node(&mut h, &t("history-back"));
    assert!(h.query_by_label(THIRD).is_some());
}

#[test]
fn a_revision_whose_content_was_not_kept_says_so_and_does_not_open() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let code = three_saves(tmp.path(), false);
    let mut h = unlocked(tmp.path());
    open_review(&mut h, &code);
    assert!(has_text(&h, &t("history-not-kept-explain")));
    let label = t_args("history-open-revision", &[("n", "1")]);
    assert!(h.get_by_label(&label).accesskit_node().is_disabled(), "revision 1 cannot open");
    click_node(&mut h, &t_args("history-open-revision", &[("n", "2")]));
    assert!(h.query_by_label(SECOND).is_some());
}

/// The history, a revision opened and a comparison, at 900×600 in English
/// and Korean.
#[test]
fn history_screenshots_at_900_by_600_in_both_languages() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let code = three_saves(tmp.path(), true);
    let out = if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots")
    } else {
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots")
    };
    std::fs::create_dir_all(&out).unwrap();
    let mut h = harness_sized(options(tmp.path()), [900.0, 600.0]);
    h.set_render_cursor(false);
    h.run_ok();
    unlock(&mut h, crate::common::PASS);
    wait_until(&mut h, "unlocked", |h| h.state().is_unlocked());
    let shoot = |h: &mut Gui, name: &str| screenshot(h, &out, name);
    for lang in [Lang::En, Lang::Ko] {
        set_language(lang);
        h.run_ok();
        let l = lang.code();
        open_review(&mut h, &code);
        if !shoot(&mut h, &format!("small-history-table-{l}")) {
            break;
        }
        click_node(&mut h, &t_args("history-open-revision", &[("n", "1")]));
        shoot(&mut h, &format!("small-revision-{l}"));
        click_node(&mut h, &t("history-back"));
        h.get_by_label(&t_args("history-compare-from-revision", &[("n", "1")])).click_accesskit();
        h.get_by_label(&t_args("history-compare-to-revision", &[("n", "3")])).click_accesskit();
        h.run_ok();
        click_node(&mut h, &t("history-compare"));
        shoot(&mut h, &format!("small-compare-{l}"));
        click_node(&mut h, &t("history-back"));
        click(&mut h, &t("review-back"));
    }
    set_language(Lang::En);
}
