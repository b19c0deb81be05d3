//! The Events screen through the real app: accept a suggestion in the
//! inbox and see the event's badge change from "not yet" to "meets the
//! standard"; the link is in the vault afterwards.

use crate::common::events::save_small_vault;
use crate::common::*;
use crate::drive::*;
use testimony_vault::events::{store, Event, EventBook, Link, Rejection, Target};
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
