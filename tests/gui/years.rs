//! Year fields in the form take approximate years as dates do: "~2019",
//! "2019년경", "around 2019" are kept as approximate, not refused; a month
//! is refused with one message beside the field, gone when the year reads.

use crate::drive::{click, create_in_window, harness, serial, Gui};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use testimony_vault::i18n::t;
use testimony_vault::model::Year;
use testimony_vault::ui::View;

fn replace_in_field(h: &mut Gui, label: &str, text: &str) {
    let node = h.get_by_label_contains(label);
    node.focus();
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_ok();
    h.get_by_label_contains(label).type_text(text);
    h.run_ok();
}

fn error_count(h: &Gui) -> usize {
    h.query_all_by_label_contains(&t("form-bad-year")).count()
}

#[test]
fn the_form_keeps_approximate_years_and_refuses_a_month_once() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(&tmp.path().join("vault"));
    create_in_window(&mut h);
    click(&mut h, &t("list-new-case"));
    assert_eq!(h.state().view(), Some(View::Form));
    let interviewee = |h: &Gui| h.state().form_case().unwrap().interviewee.clone();

    for (typed, expected) in [("~2019", Year::around(2019)), ("2019년경", Year::around(2019)), ("around 2018", Year::around(2018)), ("2017", Year::exact(2017))] {
        replace_in_field(&mut h, &t("form-departure-year"), typed);
        assert_eq!(interviewee(&h).departure_year, Some(expected), "{typed}");
        assert_eq!(error_count(&h), 0, "{typed} is a year");
    }
    replace_in_field(&mut h, &t("form-birth-year"), "c. 1961");
    assert_eq!(interviewee(&h).birth_year, Some(Year::around(1961)));

    replace_in_field(&mut h, &t("form-arrival-year"), "2019-03");
    assert_eq!(error_count(&h), 1, "one message, beside the field");
    replace_in_field(&mut h, &t("form-arrival-year"), "2020?");
    assert_eq!(error_count(&h), 0, "the message goes when the year reads");
    assert_eq!(interviewee(&h).arrival_year, Some(Year::around(2020)));

    // Saved as typed: approximate, not a guess recorded as exact.
    replace_in_field(&mut h, &t("form-pseudonym"), "옥수수");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_ok();
    assert!(!h.state().form_is_dirty(), "saved");
    assert_eq!(interviewee(&h).birth_year, Some(Year::around(1961)));
}
