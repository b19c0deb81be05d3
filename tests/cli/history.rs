//! `show --revision` and `history [--diff]`: an old revision read back as
//! it was, a word-level comparison marked without colour, and plain errors
//! for a revision that is missing, not kept or fails its hash.

use crate::commands::{fails, init_with_cases, ok, tv};
use crate::common::*;
use testimony_vault::model::history::Step;

/// A vault whose one case was saved three times: the narrative gains a
/// word, then the pseudonym changes.
fn three_revisions(dir: &std::path::Path) -> String {
    init_with_cases(dir, 0);
    let mut v = open_vault(dir);
    let mut c = testimony_vault::sample::sample_case(1, 0);
    c.narrative = "보위부가 아버지를 데려갔다. They took him at dawn.".into();
    c.interviewee.pseudonym = "옥수수".into();
    v.save_case(&mut c, "면담자 A").unwrap();
    c.narrative = "보위부가 아버지와 삼촌을 데려갔다. They took him at dawn, in March.".into();
    v.save_case(&mut c, "면담자 A").unwrap();
    c.interviewee.pseudonym = "감자".into();
    v.save_case(&mut c, "Interviewer B").unwrap();
    c.code.clone()
}

#[test]
fn an_old_revision_reads_back_as_it_was_and_two_compare_word_by_word() {
    let tmp = tempfile::tempdir().unwrap();
    let code = three_revisions(tmp.path());
    let listing = ok(tv(tmp.path()).args(["history", &code]));
    assert_eq!(listing.lines().filter(|l| l.contains("[kept, checked]")).count(), 3, "{listing}");
    let label = |key: &str| testimony_vault::i18n::t_in(testimony_vault::i18n::Lang::En, key, &[]);
    assert!(listing.contains(&label("form-narrative")) && listing.contains("Pseudonym"), "form labels, not paths: {listing}");
    assert!(listing.contains("Created") && !listing.contains("created"), "{listing}");
    assert!(!listing.contains("interviewee.pseudonym"), "{listing}");

    let first = ok(tv(tmp.path()).args(["show", &code, "--revision", "1"]));
    assert!(first.contains("Revision 1 of 3") && first.contains("Read-only"), "{first}");
    assert!(first.contains("보위부가 아버지를 데려갔다") && first.contains("옥수수"), "{first}");
    assert!(!first.contains("삼촌") && !first.contains("감자"), "{first}");
    let json: serde_json::Value = serde_json::from_str(&ok(tv(tmp.path()).args(["show", &code, "--revision", "2", "--json"]))).unwrap();
    assert_eq!(json["interviewee"]["pseudonym"], "옥수수");
    assert!(json["narrative"].as_str().unwrap().contains("삼촌을"));

    let diff = ok(tv(tmp.path()).args(["history", &code, "--diff", "1", "3"]));
    // Whole words, Hangul and English alike.
    assert!(diff.contains("보위부가 [-아버지를-]{+아버지와+} {+삼촌을 +}데려갔다."), "{diff}");
    assert!(diff.contains("at dawn{+, in March+}."), "{diff}");
    assert!(diff.contains("Pseudonym: [-옥수수-]{+감자+}"), "{diff}");
    let none = ok(tv(tmp.path()).args(["history", &code, "--diff", "3", "3"]));
    assert!(none.contains("Nothing differs"), "{none}");
    let json: serde_json::Value = serde_json::from_str(&ok(tv(tmp.path()).args(["history", &code, "--diff", "2", "3", "--json"]))).unwrap();
    assert_eq!(json["fields"].as_array().unwrap().len(), 1, "{json}");
    assert_eq!(json["fields"][0]["field"], "interviewee.pseudonym");
    assert_eq!(json["fields"][0]["words"][1], serde_json::json!({"change": "inserted", "text": "감자"}));

    let missing = fails(tv(tmp.path()).args(["show", &code, "--revision", "9"]));
    assert!(missing.contains("has no revision 9") && missing.contains("it has 3"), "{missing}");
}

#[test]
fn a_revision_not_kept_or_failing_its_hash_is_said_plainly() {
    let tmp = tempfile::tempdir().unwrap();
    let code = three_revisions(tmp.path());
    let mut v = open_vault(tmp.path());
    let id = v.summaries().find(|s| s.code == code).unwrap().id;
    let mut c = v.load_case(id).unwrap();
    // Revision 2 as a vault written before earlier content was kept.
    c.history[1].before = None;
    v.write_case(&c).unwrap();
    drop(v);
    let err = fails(tv(tmp.path()).args(["show", &code, "--revision", "1"]));
    assert!(err.contains("was not kept"), "{err}");
    let listing = ok(tv(tmp.path()).args(["history", &code]));
    assert!(listing.contains("[not kept]") && listing.contains("only their date, editor and changed fields"), "{listing}");

    // A kept value changed: the revision is refused, and so is the listing.
    let mut v = open_vault(tmp.path());
    let mut c = v.load_case(id).unwrap();
    let kept = c.history[2].before.as_mut().unwrap();
    kept[0].edit.push(Step::Put(" ".into()));
    kept[0].edit.insert(0, Step::Put("[\"가\"]".into()));
    v.write_case(&c).unwrap();
    drop(v);
    let err = fails(tv(tmp.path()).args(["show", &code, "--revision", "2"]));
    assert!(err.contains("cannot be shown") && err.contains("hash"), "{err}");
    let err = fails(tv(tmp.path()).args(["history", &code]));
    assert!(err.contains("revision 2 cannot be shown"), "{err}");
}

/// Approximate years through the command line: a JSON document gives them
/// as people write them, `show` prints them as `~2019`, a pseudonymised
/// bundle drops the birth year and scrubs it from the text.
#[test]
fn approximate_years_go_in_and_come_out_as_written() {
    let tmp = tempfile::tempdir().unwrap();
    let v = tmp.path().join("v");
    init_with_cases(&v, 0);
    let file = tmp.path().join("case.json");
    let doc = r#"{"interviewee": {"pseudonym": "옥수수", "birth_year": "1961년경", "departure_year": "around 2019", "arrival_year": 2020},
                  "narrative": "1961년경 태어났고 2019년에 떠났다."}"#;
    std::fs::write(&file, doc).unwrap();
    ok(tv(&v).arg("add").arg(&file));
    let list: serde_json::Value = serde_json::from_str(&ok(tv(&v).args(["list", "--json"]))).unwrap();
    let code = list[0]["code"].as_str().unwrap().to_string();
    let page = ok(tv(&v).args(["show", &code]));
    assert!(page.contains("Birth year ◆: ~1961"), "{page}");
    assert!(page.contains("Year left North Korea: ~2019"), "{page}");
    assert!(page.contains(": 2020"), "an exact year stays a plain number: {page}");
    let json: serde_json::Value = serde_json::from_str(&ok(tv(&v).args(["show", &code, "--json"]))).unwrap();
    assert_eq!(json["interviewee"]["departure_year"], "~2019");
    assert_eq!(json["interviewee"]["arrival_year"], 2020);
    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, r#"{"interviewee": {"departure_year": "2019-03"}}"#).unwrap();
    let err = fails(tv(&v).arg("add").arg(&bad));
    assert!(err.contains("interviewee.departure_year"), "{err}");
}
