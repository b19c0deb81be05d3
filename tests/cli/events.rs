//! `events …` and `stats` through the real binary, on the small vault
//! counted by hand (`common::events`).

use crate::commands::{fails, init_with_cases, ok, tv};
use crate::common::events::save_small_vault;
use crate::common::*;
use serde_json::Value;

fn json(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn events_create_link_show_suggest_unlink_and_stats() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    init_with_cases(&vault, 0);
    let [a, b, c] = save_small_vault(&mut open_vault(&vault));
    let (a1, b1, c1) = (format!("{}#1", a.code), format!("{}#1", b.code), format!("{}#1", c.code));

    let suggested = json(&ok(tv(&vault).args(["events", "suggest", "--json"])));
    assert_eq!(suggested.as_array().unwrap().len(), 3, "{suggested}");

    let created = ok(tv(&vault).args(["events", "create", "--title", "회령 공개처형", "--violation", "public-execution"])
        .args(["--date", "2010-03", "--county", "회령", "--incident", &b1]));
    assert!(created.contains("Event created: 회령 공개처형"), "{created}");
    let shown = json(&ok(tv(&vault).args(["events", "show", "회령 공개처형", "--json"])));
    assert_eq!(shown["corroboration"]["sources"], 1);
    assert_eq!(shown["corroboration"]["meets_standard"], false);

    let linked = ok(tv(&vault).args(["events", "link", "회령 공개처형", &a1]));
    assert!(linked.contains("is now part of the event"), "{linked}");
    let shown = json(&ok(tv(&vault).args(["events", "show", "회령 공개처형", "--json"])));
    assert_eq!((shown["corroboration"]["sources"].as_u64(), shown["corroboration"]["first_hand"].as_u64()), (Some(2), Some(1)));
    assert_eq!(shown["corroboration"]["meets_standard"], true);
    let text = ok(tv(&vault).args(["events", "show", "회령 공개처형"]));
    assert!(text.contains("Meets the standard") && text.contains("김영희"), "{text}");

    // The third witness is now proposed for the event.
    let suggested = json(&ok(tv(&vault).args(["events", "suggest", "--json"])));
    let list = suggested.as_array().unwrap();
    assert_eq!(list.len(), 1, "{suggested}");
    assert_eq!(list[0]["incident"]["incident"], c.incidents[0].id.to_string());
    assert!(list[0]["target"]["Event"].is_string(), "{suggested}");

    // One event at most per incident.
    let other = ok(tv(&vault).args(["events", "create", "--title", "other", "--violation", "torture"]));
    assert!(other.contains("other"));
    let err = fails(tv(&vault).args(["events", "link", "other", &a1]));
    assert!(err.contains("already belongs to the event"), "{err}");

    let stats = json(&ok(tv(&vault).args(["stats", "--json"])));
    assert_eq!(stats["total"]["incidents"], 5);
    assert_eq!(stats["total"]["events"], 1);
    assert_eq!(stats["total"]["unlinked"], 3, "C#1 is not linked yet: {stats}");
    let north = json(&ok(tv(&vault).args(["stats", "--json", "--province", "North Hamgyong"])));
    assert_eq!(north["total"]["incidents"], 3);
    let table = ok(tv(&vault).args(["stats"]));
    assert!(table.contains("In all: 5 incidents, 1 distinct events, 3 incidents in no event."), "{table}");

    ok(tv(&vault).args(["events", "link", "회령 공개처형", &c1]));
    let stats = json(&ok(tv(&vault).args(["stats", "--json"])));
    assert_eq!((stats["total"]["events"].as_u64(), stats["total"]["unlinked"].as_u64()), (Some(1), Some(2)));
    let listed = ok(tv(&vault).args(["events", "list"]));
    assert!(listed.contains("회령 공개처형") && listed.contains("2 events"), "{listed}");
    ok(tv(&vault).args(["events", "unlink", &a1]));
    let shown = json(&ok(tv(&vault).args(["events", "show", "회령 공개처형", "--json"])));
    assert_eq!(shown["corroboration"]["sources"], 2, "B and C are left");

    let ko = ok(tv(&vault).args(["--lang", "ko", "stats"]));
    assert!(ko.contains("전체: 사건 기록 5건"), "{ko}");
    let missing = fails(tv(&vault).args(["events", "link", "회령 공개처형", &format!("{}#9", a.code)]));
    assert!(missing.contains("has no incident"), "{missing}");
}

#[test]
fn a_rejected_suggestion_is_not_suggested_again_and_the_standard_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    init_with_cases(&vault, 0);
    let [a, b, _] = save_small_vault(&mut open_vault(&vault));
    let before = json(&ok(tv(&vault).args(["events", "suggest", "--json"]))).as_array().unwrap().len();
    ok(tv(&vault).args(["events", "reject", &format!("{}#1", b.code), "--with", &format!("{}#1", a.code)]));
    let after = json(&ok(tv(&vault).args(["events", "suggest", "--json"]))).as_array().unwrap().len();
    assert_eq!(after, before - 1);
    let set = ok(tv(&vault).args(["events", "standard", "--sources", "3", "--first-hand", "2"]));
    assert!(set.contains("at least 3 independent sources, 2 of them first-hand"), "{set}");
    let shown = ok(tv(&vault).args(["events", "standard"]));
    assert!(shown.contains("at least 3"), "{shown}");
}
