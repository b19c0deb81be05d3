//! Cases in and out through the real binary: `show --json` and `add`,
//! `search`, `export-table` and `import-table`, and quiet `import`.

use crate::commands::{fails, init_with_cases, ok, run, trust, tv};
use serde_json::Value;
use std::fs;
use std::path::Path;

/// The codes `list --json` prints.
fn codes(vault: &Path) -> Vec<String> {
    let list: Value = serde_json::from_str(&ok(tv(vault).args(["list", "--json"]))).unwrap();
    list.as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap().to_string()).collect()
}

/// A case document without what the vault assigns.
fn content(json: &str) -> Value {
    let mut v: Value = serde_json::from_str(json).unwrap();
    for key in ["id", "code", "created", "updated", "history"] {
        v.as_object_mut().unwrap().remove(key);
    }
    v
}

#[test]
fn show_json_then_add_gives_the_same_case_in_another_vault() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    init_with_cases(&a, 2);
    init_with_cases(&b, 0);
    let code = codes(&a).remove(1);
    let shown = ok(tv(&a).args(["show", &code, "--json"]));
    let file = tmp.path().join("case.json");
    fs::write(&file, &shown).unwrap();
    let said = ok(tv(&b).arg("add").arg(&file));
    assert!(said.contains("Added 1 case"), "{said}");
    let new_code = codes(&b).remove(0);
    assert_eq!(content(&ok(tv(&b).args(["show", &new_code, "--json"]))), content(&shown));
    // The text view marks what identifies the witness.
    let page = ok(tv(&a).args(["show", &code]));
    assert!(page.lines().any(|l| l.contains("Real name ◆")), "{page}");
}

#[test]
fn a_bad_document_is_refused_by_position_and_field_and_nothing_is_added() {
    let tmp = tempfile::tempdir().unwrap();
    let v = tmp.path().join("v");
    init_with_cases(&v, 0);
    let file = tmp.path().join("cases.jsonl");
    fs::write(&file, "{\"interviewee\": {\"pseudonym\": \"A\"}}\n{\"incidents\": [{\"violation\": \"Picnic\"}]}\n").unwrap();
    let err = fails(tv(&v).arg("add").arg(&file));
    assert!(err.contains("document 2 (line 2), field incidents[0].violation"), "{err}");
    assert!(err.contains("nothing was added"), "{err}");
    assert!(codes(&v).is_empty());
}

#[test]
fn search_finds_romanised_names_and_places_like_the_window() {
    let tmp = tempfile::tempdir().unwrap();
    let v = tmp.path().join("v");
    init_with_cases(&v, 0);
    let file = tmp.path().join("cases.json");
    fs::write(&file, r#"[{"interviewee": {"pseudonym": "김준식"}, "narrative": "신의주에서"}, {"narrative": "혜산"}]"#).unwrap();
    ok(tv(&v).arg("add").arg(&file).arg("--verbose"));
    let found = ok(tv(&v).args(["search", "Sinuiju"]));
    assert!(found.contains("김준식") && found.contains("1 case matches"), "{found}");
    let json: Value = serde_json::from_str(&ok(tv(&v).args(["search", "Kim", "Joonsik", "--json"]))).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert!(ok(tv(&v).args(["search", "Pyongyang"])).contains("0 cases match"));
}

#[test]
fn a_table_goes_out_encrypted_or_with_a_warning_and_comes_back_in() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let recipient_a = init_with_cases(&a, 3);
    init_with_cases(&b, 0);
    let sealed = tmp.path().join("cases.xlsx.age");
    let said = ok(tv(&a).args(["export-table", "--all", "--format", "xlsx", "--to", &recipient_a]).arg("--out").arg(&sealed));
    assert!(said.contains("encrypted"), "{said}");
    assert!(fs::read(&sealed).unwrap().starts_with(b"age-encryption.org/v1"));
    let plain = tmp.path().join("cases.csv");
    let o = run(tv(&a).args(["export-table", "--all", "--format", "csv", "--plaintext"]).arg("--out").arg(&plain));
    assert!(o.ok && o.stderr.contains("NOT encrypted"), "{}", o.stderr);
    assert!(fs::read_to_string(&plain).unwrap().starts_with("title,code,pseudonym"));
    // Vault a opens its own encrypted table; b reads the plaintext one.
    let dry = ok(tv(&a).arg("import-table").arg(&sealed).arg("--dry-run"));
    assert!(dry.contains("Would add") && dry.contains("3 cases"), "{dry}");
    assert_eq!(codes(&a).len(), 3, "a dry run adds nothing");
    ok(tv(&b).arg("import-table").arg(&plain));
    assert_eq!(codes(&b).len(), 3);
}

#[test]
fn a_cp949_sheet_comes_in_through_a_mapping_and_bad_rows_stop_it() {
    let tmp = tempfile::tempdir().unwrap();
    let v = tmp.path().join("v");
    init_with_cases(&v, 0);
    let text = "사례,가명,위반,발생일\r\nA-1,김철수,고문,2018년경\r\nA-2,이영희,소풍,2019\r\nA-3,박,강제노동,\r\n";
    let (bytes, _, _) = encoding_rs::EUC_KR.encode(text);
    let sheet = tmp.path().join("excel.csv");
    fs::write(&sheet, &bytes).unwrap();
    let mapping = tmp.path().join("mapping.csv");
    fs::write(&mapping, "source,column\n사례,code\n가명,pseudonym\n위반,violation\n발생일,date_from\n").unwrap();
    let err = fails(tv(&v).arg("import-table").arg(&sheet).arg("--mapping").arg(&mapping));
    assert!(err.contains("row 3, field violation") && err.contains("nothing was added"), "{err}");
    assert!(codes(&v).is_empty());
    let o = run(tv(&v).arg("import-table").arg(&sheet).arg("--mapping").arg(&mapping).arg("--skip-bad"));
    assert!(o.ok && o.stdout.contains("(CP949)") && o.stderr.contains("row 3"), "{}\n{}", o.stdout, o.stderr);
    assert_eq!(codes(&v).len(), 2);
}

#[test]
fn import_prints_a_summary_and_the_conflicts_not_a_line_a_case() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    init_with_cases(&a, 60);
    let recipient_b = init_with_cases(&b, 0);
    let bundle = tmp.path().join("all.tvb");
    let exported = ok(tv(&a).args(["export", "--all", "--to", &recipient_b]).arg("--out").arg(&bundle));
    assert_eq!(exported.lines().count(), 1, "{exported}");
    trust(&b, &a, "A");
    // Who signed it, and the summary.
    let said = ok(tv(&b).arg("import").arg(&bundle));
    assert_eq!(said.lines().count(), 2, "{said}");
    assert!(said.contains("Signed by A") && said.contains("60 added"), "{said}");
    let verbose = ok(tv(&b).arg("import").arg(&bundle).arg("--verbose"));
    assert_eq!(verbose.lines().count(), 62, "{verbose}");
}

#[test]
fn search_answers_for_a_case_file_put_back_behind_the_programs_back() {
    let tmp = tempfile::tempdir().unwrap();
    let v = tmp.path().join("v");
    init_with_cases(&v, 2);
    let mut vault = crate::common::open_vault(&v);
    let mut case = vault.new_case();
    case.narrative = "압록강 alphaword".into();
    vault.save_case(&mut case, "A").unwrap();
    case.narrative = "두만강 betaword".into();
    vault.save_case(&mut case, "A").unwrap();
    let path = vault.case_path(case.id);
    drop(vault);
    assert!(ok(tv(&v).args(["search", "betaword"])).contains("1 case matches"));
    // The earlier copy written over the file in place (same name, so an
    // open that reads only names would not notice).
    fs::write(&path, fs::read(testimony_vault::vault::atomic::previous_path(&path)).unwrap()).unwrap();
    let old = ok(tv(&v).args(["search", "alphaword"]));
    assert!(old.contains("1 case matches"), "{old}");
    assert!(ok(tv(&v).args(["search", "betaword"])).contains("0 cases match"));
    assert!(ok(tv(&v).args(["search", "압록강"])).contains("1 case matches"));
}
