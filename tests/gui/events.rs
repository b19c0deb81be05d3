//! The Events screen through the real app: accept a suggestion in the
//! inbox and see the event's badge change from "not yet" to "meets the
//! standard"; the link is in the vault afterwards. Events made, edited,
//! linked and deleted in the window, and the one-incident-one-event rule
//! said in the window.

use crate::common::events::save_small_vault;
use crate::common::*;
use crate::drive::*;
use egui_kittest::kittest::Queryable;
use testimony_vault::events::{store, Event, EventBook, Link, Rejection, Target};
use testimony_vault::i18n::labels::violation_label;
use testimony_vault::i18n::{t, t_args};
use testimony_vault::model::ViolationType;

fn badge(key: &str) -> String {
    t_args(key, &[("sources", "2"), ("first", "1")])
}

#[test]
fn accepting_a_suggestion_joins_the_event_and_the_badge_changes() {
    let _serial = serial();
    let _en = english();
    let dir = tempfile::tempdir().unwrap();
    let (a, c, id) = {
        let mut vault = create_vault(dir.path());
        let [a, b, c] = save_small_vault(&mut vault);
        let mut book = EventBook::default();
        let mut event = Event::new("회령 공개처형", ViolationType::PublicExecution);
        // Hearsay alone: below the standard (2 sources, 1 first-hand).
        event.links = vec![Link { case: b.id, incident: b.incidents[0].id }];
        let id = book.add(event).unwrap();
        // The third witness was turned down before: one suggestion is left.
        let c1 = Link { case: c.id, incident: c.incidents[0].id };
        book.reject(Rejection { incident: c1, target: Target::Event(id) });
        book.reject(Rejection { incident: c1, target: Target::Incident(Link { case: a.id, incident: a.incidents[0].id }) });
        store::save(&vault, &book).unwrap();
        (a, c, id)
    };
    let mut h = unlocked(dir.path());
    click(&mut h, &t("nav-events"));
    click(&mut h, &t_args("events-list-line", &[("title", "회령 공개처형"), ("count", "1")]));
    assert!(shown(&h, &badge("events-standard-not-met")), "hearsay alone does not meet the standard");

    click(&mut h, &t_args("events-tab-inbox", &[("count", "1")]));
    click(&mut h, &t("events-accept"));
    assert!(shown(&h, &badge("events-standard-met")), "two sources, one an eyewitness");
    assert!(!shown(&h, &badge("events-standard-not-met")));
    assert!(shown(&h, &t_args("events-list-line", &[("title", "회령 공개처형"), ("count", "2")])));

    // The statistics and their charts, counted as the command line does.
    click(&mut h, &t("events-tab-statistics"));
    let total = t_args("cli-stats-total", &[("incidents", "5"), ("events", "1"), ("unlinked", "3")]);
    assert!(shown(&h, &total), "{total}");
    assert!(shown(&h, &t("events-chart-by-year")));
    // Filtered like the case list: one province, in any spelling.
    type_into(&mut h, &t("events-filter-province"), "Ryanggang");
    let total = t_args("cli-stats-total", &[("incidents", "1"), ("events", "0"), ("unlinked", "1")]);
    assert!(shown(&h, &total), "{total}");
    // The standard is in Settings too.
    click(&mut h, &t("nav-settings"));
    assert!(shown(&h, &t("events-standard-heading")));
    drop(h);

    let vault = open_vault(dir.path());
    let book = store::load(&vault).unwrap().book;
    let event = book.get(id).unwrap();
    assert!(event.links.contains(&Link { case: a.id, incident: a.incidents[0].id }), "saved in events.age");
    assert!(book.event_of(c.incidents[0].id).is_none());
}

#[test]
fn a_difference_an_import_brought_is_settled_in_the_window() {
    let _serial = serial();
    let _en = english();
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let vault = create_vault(dir.path());
        let mut book = EventBook::default();
        let id = book.add(Event::new("ours", ViolationType::Torture)).unwrap();
        let mut theirs = book.get(id).unwrap().clone();
        theirs.title = "theirs".into();
        book.conflicts.push(testimony_vault::events::EventConflict {
            theirs,
            fields: vec!["title".into()],
            blocked_links: Vec::new(),
            from_vault: uuid::Uuid::new_v4(),
            received: testimony_vault::model::now_utc(),
        });
        store::save(&vault, &book).unwrap();
        id
    };
    let mut h = unlocked(dir.path());
    click(&mut h, &t("nav-events"));
    click(&mut h, &t_args("events-list-line", &[("title", "ours"), ("count", "0")]));
    assert!(shown(&h, &t_args("events-conflict-theirs", &[("title", "theirs"), ("date", "")])));
    click(&mut h, &t("events-take-theirs"));
    assert!(shown(&h, &t_args("events-list-line", &[("title", "theirs"), ("count", "0")])));
    assert!(!shown(&h, &t("events-take-theirs")), "settled");
    drop(h);
    let book = store::load(&open_vault(dir.path())).unwrap().book;
    assert_eq!(book.get(id).unwrap().title, "theirs");
    assert!(book.conflicts.is_empty());
}

/// Open the dropdown labelled `combo` and pick `option` in its list (the
/// last node so named: the closed dropdown may show the same text).
fn choose(h: &mut Gui, combo: &str, option: &str) {
    click(h, combo);
    h.query_all_by_label(option).last().unwrap_or_else(|| panic!("no option {option:?}")).click();
    h.run_ok();
}

fn sources(n: usize, first: usize) -> String {
    t_args("events-sources-line", &[("sources", &n.to_string()), ("first", &first.to_string())])
}

#[test]
fn an_event_made_edited_and_linked_in_the_window_is_in_the_vault() {
    let _serial = serial();
    let _en = english();
    let dir = tempfile::tempdir().unwrap();
    let [a, b, _] = save_small_vault(&mut create_vault(dir.path()));
    let mut h = unlocked(dir.path());
    click(&mut h, &t("nav-events"));
    assert!(shown(&h, &t("events-none")));
    click(&mut h, &t("events-new"));
    // Saving without a title is refused in the form, which stays.
    click(&mut h, &t("events-edit-save"));
    assert!(shown(&h, &t("events-edit-no-title")));
    type_into(&mut h, &t("events-field-title"), "회령 공개처형");
    type_into(&mut h, &t("events-field-date"), "2010-13");
    click(&mut h, &t("events-edit-save"));
    assert!(shown(&h, &t("events-edit-fix-date")), "a date that does not parse is not saved");
    replace_text(&mut h, &t("events-field-date"), "~2010");
    // Any spelling: stored by the place list's name, as in the case form.
    type_into(&mut h, &t("events-field-province"), "North Hamgyong");
    click(&mut h, &t("events-edit-save"));
    assert!(shown(&h, &t_args("events-list-line", &[("title", "회령 공개처형"), ("count", "0")])));

    // Edit its title and date.
    click(&mut h, &t("events-edit"));
    replace_text(&mut h, &t("events-field-title"), "Hoeryong public execution");
    replace_text(&mut h, &t("events-field-date"), "2010-03 ~ 2010-04");
    click(&mut h, &t("events-edit-save"));
    assert!(shown(&h, &t_args("events-list-line", &[("title", "Hoeryong public execution"), ("count", "0")])));
    assert!(shown(&h, &badge("events-standard-not-met")));

    // Link the eyewitness, then the hearsay: the corroboration follows.
    choose(&mut h, &t("events-link-case"), &format!("{} 김영희", a.code));
    choose(&mut h, &t("events-link-incident"), &format!("#1 {} 2010-03-05", violation_label(ViolationType::PublicExecution)));
    click(&mut h, &t("events-link-button"));
    assert!(shown(&h, &sources(1, 1)), "one eyewitness");
    assert!(shown(&h, &badge("events-standard-not-met")));
    choose(&mut h, &t("events-link-case"), &format!("{} Ri Chol", b.code));
    click(&mut h, &t("events-link-button"));
    assert!(shown(&h, &sources(2, 1)));
    assert!(shown(&h, &badge("events-standard-met")), "two sources, one first-hand");
    assert!(shown(&h, &t_args("events-list-line", &[("title", "Hoeryong public execution"), ("count", "2")])));
    drop(h);

    let book = store::load(&open_vault(dir.path())).unwrap().book;
    let [event] = book.events.as_slice() else { panic!("one event: {:?}", book.events) };
    assert_eq!(event.title, "Hoeryong public execution");
    assert_eq!(event.date.to_iso(), "2010-03 ~ 2010-04");
    assert_eq!(event.province, "함경북도");
    let mut links = event.links.clone();
    links.sort();
    let mut want = vec![Link { case: a.id, incident: a.incidents[0].id }, Link { case: b.id, incident: b.incidents[0].id }];
    want.sort();
    assert_eq!(links, want);
}

#[test]
fn an_incident_of_another_event_is_refused_and_a_deleted_event_frees_it() {
    let _serial = serial();
    let _en = english();
    let dir = tempfile::tempdir().unwrap();
    let (c, other) = {
        let mut vault = create_vault(dir.path());
        let [_, _, c] = save_small_vault(&mut vault);
        let mut book = EventBook::default();
        let mut torture = Event::new("Sinuiju torture", ViolationType::Torture);
        torture.links = vec![Link { case: c.id, incident: c.incidents[1].id }];
        let other = book.add(torture).unwrap();
        book.add(Event::new("Hoeryong", ViolationType::PublicExecution)).unwrap();
        store::save(&vault, &book).unwrap();
        (c, other)
    };
    let mut h = unlocked(dir.path());
    click(&mut h, &t("nav-events"));
    click(&mut h, &t_args("events-list-line", &[("title", "Hoeryong"), ("count", "0")]));
    choose(&mut h, &t("events-link-case"), &format!("{} 박순자", c.code));
    let in_other = t_args("events-link-in-other", &[("title", "Sinuiju torture")]);
    choose(&mut h, &t("events-link-incident"), &format!("#2 {} 2012 ({in_other})", violation_label(ViolationType::Torture)));
    click(&mut h, &t("events-link-button"));
    let refused = t_args("events-error-already-linked", &[("incident", &c.incidents[1].id.to_string()), ("event", "Sinuiju torture")]);
    assert!(shown(&h, &refused), "{refused}");
    assert!(shown(&h, &t_args("events-list-line", &[("title", "Hoeryong"), ("count", "0")])), "nothing linked");

    // Delete the other event, after a yes: the incident is free.
    click(&mut h, &t_args("events-list-line", &[("title", "Sinuiju torture"), ("count", "1")]));
    click(&mut h, &t("events-delete"));
    click(&mut h, &t("events-delete-no"));
    assert!(shown(&h, &t_args("events-list-line", &[("title", "Sinuiju torture"), ("count", "1")])), "kept on no");
    click(&mut h, &t("events-delete"));
    click(&mut h, &t("events-delete-yes"));
    assert!(!shown(&h, &t_args("events-list-line", &[("title", "Sinuiju torture"), ("count", "1")])));
    drop(h);
    let book = store::load(&open_vault(dir.path())).unwrap().book;
    assert!(book.get(other).is_none());
    assert!(book.event_of(c.incidents[1].id).is_none(), "its incident is free again");
    assert_eq!(book.events.len(), 1);
}

#[test]
fn an_event_that_cannot_be_saved_says_why_and_keeps_the_form() {
    let _serial = serial();
    let _en = english();
    let Some((_fs, mut h)) = unlocked_read_only() else { return };
    click(&mut h, &t("nav-events"));
    click(&mut h, &t("events-new"));
    type_into(&mut h, &t("events-field-title"), "혜산 구금");
    click(&mut h, &t("events-edit-save"));
    let said = t("error-read-only");
    let said = said.split("cannot be written").nth(1).map(|s| format!("cannot be written{s}")).unwrap_or(said);
    assert!(h.query_by_label_contains(&said[..20]).is_some(), "the reason is shown");
    let title = h.get_by_label(&t("events-field-title")).value();
    assert_eq!(title.as_deref(), Some("혜산 구금"), "the form keeps what was typed");
    assert!(!shown(&h, &t_args("events-list-line", &[("title", "혜산 구금"), ("count", "0")])), "not shown as made");
}
