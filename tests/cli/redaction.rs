//! The leak tests through the real binary: witnesses added with `add`,
//! exported pseudonymised with `export`, the bundle opened with the stock
//! `age -d`, and its bytes searched for every planted identifier. Also the
//! review before export (`--review`, `--reviewed`, `--scrub`).

use crate::commands::{init_with_cases, ok, run, tv};
use std::fs;
use std::process::Command;
use unicode_normalization::UnicodeNormalization;

/// (Hangul name, given name, romanised given name, romanised surname).
const WITNESSES: [(&str, &str, &str, &str); 6] = [
    ("박영호", "영호", "Yong-ho", "Pak"),
    ("김은순", "은순", "Eun-soon", "Kim"),
    ("리철남", "철남", "Chol-nam", "Ri"),
    ("최광혁", "광혁", "Kwang-hyok", "Choi"),
    ("정미란", "미란", "Mi-ran", "Jung"),
    ("한성일", "성일", "Sung-il", "Han"),
];

/// A JSON case document per witness, the real name typed in Hangul for
/// even ones and romanised for odd ones, the narrative naming them in both
/// scripts and with particles; and what must not be in the bundle.
fn documents() -> (String, Vec<String>) {
    let mut lines = Vec::new();
    let mut planted = Vec::new();
    for (n, (hangul, given, latin, sur)) in WITNESSES.iter().enumerate() {
        let year = 1950 + n as i32 * 7;
        let phone = format!("010-55{n}1-20{n}9");
        let real_name = if n % 2 == 0 { hangul.to_string() } else { format!("{sur} {latin}") };
        let village = ["청암리", "송평리", "중평리", "학포리", "유선리", "남산동"][n];
        let narrative = format!(
            "{given}는 {}년생이다. {given}이네 가족은 {village}에 살았다. {sur} {latin}'s mother said {latin} was born in '{:02}. \
             전화 {} 로 연락했다. {}는 보위부에 끌려갔다. {} 씨가 회령시에서 일했다.",
            year % 100,
            year % 100,
            phone.replace('-', " "),
            given.nfd().collect::<String>(),
            hangul,
        );
        planted.extend([hangul.to_string(), given.to_string(), latin.to_string(), year.to_string(), format!("{:02}년생", year % 100), village.into(), phone.replace('-', " "), "회령".into()]);
        let doc = serde_json::json!({
            "interviewee": {
                "pseudonym": format!("증인 {n}"),
                "real_name": real_name,
                "birth_year": year,
                "home_county": "회령시",
                "contact": phone,
                "identifying_words": [village],
            },
            "narrative": narrative,
            "interviewer_notes": format!("{latin} asked to be called by a pseudonym."),
            // Agreed to the organisation's archive, which the exports are for.
            "consent": {"given": true, "method": "Oral"},
        });
        lines.push(doc.to_string());
    }
    (lines.join("\n"), planted)
}

#[test]
fn added_cases_exported_pseudonymised_and_opened_with_stock_age_carry_no_planted_identifier() {
    if Command::new("age").arg("--version").output().is_err() {
        panic!("the stock age tool is needed (apt-get install age)");
    }
    let tmp = tempfile::tempdir().unwrap();
    let v = tmp.path().join("vault");
    init_with_cases(&v, 0);
    let (docs, planted) = documents();
    let file = tmp.path().join("cases.jsonl");
    fs::write(&file, docs).unwrap();
    ok(tv(&v).arg("add").arg(&file));
    let key = tmp.path().join("key.txt");
    let keygen = Command::new("age-keygen").arg("-o").arg(&key).output().unwrap();
    assert!(keygen.status.success());
    let recipient = String::from_utf8_lossy(&keygen.stderr).split_whitespace().find(|w| w.starts_with("age1")).unwrap().to_string();

    let decrypt = |bundle: &std::path::Path| {
        let o = Command::new("age").arg("-d").arg("-i").arg(&key).arg(bundle).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o.stdout
    };
    let full = tmp.path().join("full.tvb");
    ok(tv(&v).args(["export", "--all", "--to", &recipient, "--out"]).arg(&full));
    let full_bytes = decrypt(&full);
    let pseudo = tmp.path().join("pseudo.tvb");
    ok(tv(&v).args(["export", "--all", "--profile", "pseudonymised", "--to", &recipient, "--out"]).arg(&pseudo));
    let bytes = decrypt(&pseudo);
    let text = String::from_utf8_lossy(&bytes);
    let composed: String = text.nfc().collect();
    for p in &planted {
        assert!(String::from_utf8_lossy(&full_bytes).nfc().collect::<String>().contains(p.as_str()), "the search cannot find {p} in the full bundle");
        if let Some(i) = composed.find(p.as_str()) {
            println!("{p} occurs in: {:?}", composed[composed.floor_char_boundary(i.saturating_sub(60))..composed.ceil_char_boundary(i + 60)].to_string());
        }
        assert!(!occurs_as_written(&composed, p), "the pseudonymised bundle leaks {p}");
    }
    assert!(text.contains("증인 0") && text.contains("보위부"), "what is kept is still there");
}

/// Whether `planted` occurs in `text` as text, not as four digits inside
/// a hash, a uuid or a signature (which, being random, sometimes hold a
/// planted year: "1978" turns up in a few bundles in a hundred).
fn occurs_as_written(text: &str, planted: &str) -> bool {
    let in_token = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/');
    text.match_indices(planted).any(|(i, m)| {
        !(planted.chars().all(|c| c.is_ascii_digit()) && (in_token(text[..i].chars().next_back()) || in_token(text[i + m.len()..].chars().next())))
    })
}

#[test]
fn review_lists_what_is_left_exports_nothing_until_reviewed_and_the_manifest_records_only_the_count() {
    let tmp = tempfile::tempdir().unwrap();
    let v = tmp.path().join("vault");
    let recipient = init_with_cases(&v, 0);
    let doc = serde_json::json!({
        "interviewee": {"pseudonym": "증인", "real_name": "박영호"},
        "narrative": "영호는 이웃 김철수가 도와줬다고 했다. Call 010 9876 5432.",
        "consent": {"given": true, "method": "Oral"},
    });
    let file = tmp.path().join("case.json");
    fs::write(&file, doc.to_string()).unwrap();
    ok(tv(&v).arg("add").arg(&file));
    let out = tmp.path().join("b.tvb");
    let listed = run(tv(&v).args(["export", "--all", "--profile", "pseudonymised", "--review", "--to", &recipient, "--out"]).arg(&out));
    assert!(listed.ok, "{}", listed.stderr);
    assert!(listed.stdout.contains("김철수가") && listed.stdout.contains("Korean name"), "{}", listed.stdout);
    assert!(listed.stdout.contains("010 9876 5432") && listed.stdout.contains("phone number"), "{}", listed.stdout);
    assert!(!listed.stdout.contains("영호"), "the removed name is not listed as left: {}", listed.stdout);
    assert!(listed.stderr.contains("Nothing exported"), "{}", listed.stderr);
    assert!(!out.exists(), "a review alone writes no bundle");

    let full = run(tv(&v).args(["export", "--all", "--scrub", "x", "--to", &recipient, "--out"]).arg(&out));
    assert!(!full.ok && full.stderr.contains("redacted profile"), "{}", full.stderr);

    ok(tv(&v)
        .args(["export", "--all", "--profile", "pseudonymised", "--review", "--reviewed", "--scrub", "김철수", "--scrub", "010 9876 5432"])
        .args(["--to", &recipient, "--out"])
        .arg(&out));
    let v2 = crate::common::open_vault(&v);
    let unlock = testimony_vault::bundle::Unlock::with_identity(v2.key().identity().clone());
    let bundle = testimony_vault::bundle::read_bundle(&out, &unlock).unwrap();
    assert_eq!(bundle.manifest.review, Some(testimony_vault::bundle::format::ExportReview { scrubbed_words: 2 }));
    let narrative = &bundle.cases[0].narrative;
    assert!(!narrative.contains("김철수") && !narrative.contains("9876") && !narrative.contains("영호"), "{narrative}");
}

#[test]
fn roles_replace_the_interviewers_name_and_need_a_redacted_profile() {
    let tmp = tempfile::tempdir().unwrap();
    let v = tmp.path().join("vault");
    let recipient = init_with_cases(&v, 0);
    let doc = serde_json::json!({
        "interview": {"interviewer": "김면담", "interpreter": "Lee Tong-yok"},
        "interviewee": {"pseudonym": "증인"},
        "narrative": "김면담이 묻고 Lee Tong-yok이 옮겼다.",
        "consent": {"given": true, "method": "Oral"},
    });
    let file = tmp.path().join("case.json");
    fs::write(&file, doc.to_string()).unwrap();
    ok(tv(&v).arg("add").arg(&file));
    let out = tmp.path().join("b.tvb");
    let full = run(tv(&v).args(["export", "--all", "--roles", "--to", &recipient, "--out"]).arg(&out));
    assert!(!full.ok && full.stderr.contains("--roles"), "{}", full.stderr);
    assert!(!out.exists());
    ok(tv(&v).args(["export", "--all", "--profile", "pseudonymised", "--roles", "--to", &recipient, "--out"]).arg(&out));
    let v2 = crate::common::open_vault(&v);
    let unlock = testimony_vault::bundle::Unlock::with_identity(v2.key().identity().clone());
    let case = testimony_vault::bundle::read_bundle(&out, &unlock).unwrap().cases.remove(0);
    assert_eq!((case.interview.interviewer.as_str(), case.interview.interpreter.as_str()), ("Interviewer 1", "Interpreter 1"));
    assert_eq!(case.narrative, "Interviewer 1이 묻고 Interpreter 1이 옮겼다.");
}
