//! Korean-first behaviour of the library: normalisation- and
//! romanisation-aware search, the North Korean place list, Korean dates.

use testimony_vault::korean::places;
use testimony_vault::model::{DateRange, FuzzyDate};
use testimony_vault::search::{SearchIndex, normalise};
use testimony_vault::{Case, sample};
use unicode_normalization::UnicodeNormalization;

fn case_with(text: &str) -> Case {
    let mut c = Case::new("NK-TEST");
    c.narrative = text.to_string();
    c
}

/// An index over one case per text, and a lookup: does `query` find `text`?
struct Corpus {
    texts: Vec<&'static str>,
    cases: Vec<Case>,
    index: SearchIndex,
}

impl Corpus {
    fn new(texts: &[&'static str]) -> Corpus {
        let cases: Vec<Case> = texts.iter().map(|t| case_with(t)).collect();
        let index = SearchIndex::build(&cases);
        Corpus { texts: texts.to_vec(), cases, index }
    }

    fn finds(&mut self, query: &str, text: &str) -> bool {
        let i = self.texts.iter().position(|t| *t == text).expect("text in corpus");
        let hits = self.index.search(query);
        hits.contains(&self.cases[i].id)
    }
}

/// Each text stands alone in its case; the other texts are the distractors
/// the negatives below rely on.
const TEXTS: &[&str] = &[
    "신의주에서 강을 건넜다",
    "Crossed at Sinuiju",
    "He came from Sinŭiju-si",
    "김준식은 보위부에 끌려갔다",
    "Kim Jun-sik was taken",
    "김정숙군 출신",
    "청진 집결소",
    "Ch'ŏngjin holding centre",
    "회령시 출신",
    "Hoeryeong",
    "혜산",
    "Hyesan market",
    "함흥",
    "평양",
    "양강도 혜산시",
    "Ryanggang province",
    "라선",
    "나선시",
    "녕변군",
    "영변",
    "로동단련대",
    "최명호",
    "Choi Myong-ho",
    "조명호",
    "박순자",
    "백순자",
    "리송희",
    "이송희",
    "Lee Song-hee",
    "개성",
    "개천",
    "요덕 수용소",
    "Yongdok",
    "온성",
    "화성",
    "무산",
    "마산",
    "종로",
    "독립문",
    "Silla",
    "정주",
    "김영희",
    "Kim Young-hee",
    "신천",
    "윤하나",
    "남포",
    "Kaech'ŏn",
];

/// (query, text it must find). At least 30 pairs, both directions.
const POSITIVES: &[(&str, &str)] = &[
    ("Sinuiju", "신의주에서 강을 건넜다"),
    ("Sinŭiju", "신의주에서 강을 건넜다"),
    ("Shinuiju", "신의주에서 강을 건넜다"),
    ("SINUIJU", "He came from Sinŭiju-si"),
    ("Sin-ŭi-ju", "Crossed at Sinuiju"),
    ("신의주", "Crossed at Sinuiju"),
    ("신의주", "He came from Sinŭiju-si"),
    ("Kim Joonsik", "Kim Jun-sik was taken"),
    ("Kim Joonsik", "김준식은 보위부에 끌려갔다"),
    ("Kimjunsik", "Kim Jun-sik was taken"),
    ("김준식", "Kim Jun-sik was taken"),
    ("Gim Junsik", "김준식은 보위부에 끌려갔다"),
    ("Bowibu", "김준식은 보위부에 끌려갔다"),
    ("Chongjin", "청진 집결소"),
    ("Cheongjin", "Ch'ŏngjin holding centre"),
    ("Ch'ŏngjin", "청진 집결소"),
    ("Hoeryong", "회령시 출신"),
    ("Hoeryong", "Hoeryeong"),
    ("회령", "Hoeryeong"),
    ("Hyesan", "혜산"),
    ("혜산", "Hyesan market"),
    ("Hamhung", "함흥"),
    ("Hamheung", "함흥"),
    ("Pyongyang", "평양"),
    ("P'yŏngyang", "평양"),
    ("Phyongyang", "평양"),
    ("Ryanggang", "양강도 혜산시"),
    ("Yanggang", "Ryanggang province"),
    ("량강도", "Ryanggang province"),
    ("Rason", "나선시"),
    ("Nason", "라선"),
    ("Nyongbyon", "영변"),
    ("Yongbyon", "녕변군"),
    ("Rodong", "로동단련대"),
    ("Choe Myong-ho", "최명호"),
    ("Choi", "Choi Myong-ho"),
    ("Choe", "최명호"),
    ("Cho", "조명호"),
    ("Park Soon-ja", "박순자"),
    ("Pak Sunja", "박순자"),
    ("Ri Song-hui", "리송희"),
    ("Ri Song-hui", "이송희"),
    ("Lee Song-hee", "리송희"),
    ("Yi Songhui", "Lee Song-hee"),
    ("Kaesong", "개성"),
    ("Gaeseong", "개성"),
    ("Kaechon", "개천"),
    ("개천", "Kaech'ŏn"),
    ("Yodok", "요덕 수용소"),
    ("Onsong", "온성"),
    ("Musan", "무산"),
    ("Jongno", "종로"),
    ("Dongnimmun", "독립문"),
    ("신라", "Silla"),
    ("Kim Young-hee", "김영희"),
    ("Kim Yong-hui", "Kim Young-hee"),
    ("Yun Hana", "윤하나"),
    ("Yoon Hana", "윤하나"),
    ("Nampo", "남포"),
    ("Namp'o", "남포"),
];

/// (query, text it must NOT find): the folding is not so loose that
/// similar but different names collide.
const NEGATIVES: &[(&str, &str)] = &[
    ("Sinuiju", "신천"),
    ("Sinuiju", "정주"),
    ("Kim Joonsik", "김정숙군 출신"),
    ("Chongjin", "정주"),
    ("Hoeryong", "화성"),
    ("Hyesan", "함흥"),
    ("Onsong", "화성"),
    ("Musan", "마산"),
    ("Choe", "조명호"),
    ("Pak", "백순자"),
    ("Kaesong", "개천"),
    ("Kaechon", "개성"),
    ("Yodok", "Yongdok"),
    ("Rim", "김영희"),
    ("Lee", "김준식은 보위부에 끌려갔다"),
    ("Ryanggang", "평양"),
    ("Hamhung", "남포"),
    ("Nampo", "함흥"),
];

#[test]
fn romanised_queries_find_hangul_and_other_spellings() {
    assert!(POSITIVES.len() >= 30);
    let mut corpus = Corpus::new(TEXTS);
    let failed: Vec<_> = POSITIVES.iter().filter(|(q, t)| !corpus.finds(q, t)).collect();
    assert!(failed.is_empty(), "not found: {failed:?}");
}

#[test]
fn similar_names_do_not_match() {
    let mut corpus = Corpus::new(TEXTS);
    let wrong: Vec<_> = NEGATIVES.iter().filter(|(q, t)| corpus.finds(q, t)).collect();
    assert!(wrong.is_empty(), "matched but should not: {wrong:?}");
}

/// Queries that name one place find only the texts about that place: the
/// phonetic keys are selective across the whole table, not just pairwise.
#[test]
fn a_place_query_finds_only_that_place() {
    let mut corpus = Corpus::new(TEXTS);
    let expect = |corpus: &mut Corpus, q: &str, want: &[&str]| {
        let mut got: Vec<&str> = corpus.texts.clone().into_iter().filter(|t| corpus.finds(q, t)).collect();
        got.sort();
        let mut want = want.to_vec();
        want.sort();
        assert_eq!(got, want, "query {q}");
    };
    expect(&mut corpus, "Sinuiju", &["신의주에서 강을 건넜다", "Crossed at Sinuiju", "He came from Sinŭiju-si"]);
    expect(&mut corpus, "Hyesan", &["혜산", "Hyesan market", "양강도 혜산시"]);
    expect(&mut corpus, "Hoeryong", &["회령시 출신", "Hoeryeong"]);
    expect(&mut corpus, "Chongjin", &["청진 집결소", "Ch'ŏngjin holding centre"]);
}

#[test]
fn nfd_text_and_full_width_forms_are_found() {
    let nfd: String = "요덕 수용소에 있었다".nfd().collect();
    assert_ne!(nfd, "요덕 수용소에 있었다");
    let cases = [case_with(&nfd), case_with("ＫＩＭ　Ｊｕｎ－ｓｉｋ ２０１９년"), case_with("정치범 수용소")];
    let mut index = SearchIndex::build(&cases);
    assert_eq!(index.search("수용소"), vec![cases[0].id, cases[2].id]);
    // A decomposed query finds composed text too.
    let nfd_query: String = "정치범".nfd().collect();
    assert_eq!(index.search(&nfd_query), vec![cases[2].id]);
    assert_eq!(index.search("kim jun-sik"), vec![cases[1].id]);
    assert_eq!(index.search("2019"), vec![cases[1].id]);
    assert_eq!(index.search("Yodok"), vec![cases[0].id]);
    assert_eq!(normalise("ＡＢＣ１２３"), "abc123");
    assert_eq!(normalise(&nfd), "요덕 수용소에 있었다");
}

/// Typing a query letter by letter (incremental narrowing) gives exactly
/// what a fresh index gives for every prefix, romanised or not.
#[test]
fn incremental_search_equals_fresh_search() {
    let cases: Vec<Case> = TEXTS.iter().map(|t| case_with(t)).collect();
    let mut typed = SearchIndex::build(&cases);
    for query in ["Sinuiju", "Kim Joonsik", "Ri Song-hui", "Ch'ŏngjin", "수용소", "Hoeryong", "Lee Song-hee", "Ryanggang", "숭 요덕", "수용 소", "ㅅ 수"] {
        let mut prefix = String::new();
        for c in query.chars() {
            prefix.push(c);
            let mut fresh = SearchIndex::build(&cases);
            assert_eq!(typed.search(&prefix), fresh.search(&prefix), "prefix {prefix:?}");
        }
        // and deleting back again
        while prefix.pop().is_some() {
            let mut fresh = SearchIndex::build(&cases);
            assert_eq!(typed.search(&prefix), fresh.search(&prefix), "prefix {prefix:?}");
        }
    }
}

/// What the search box holds at each keystroke of a 2-beolsik IME (the
/// pre-edit included) keeps the case in the results all the way.
#[test]
fn half_typed_syllables_do_not_empty_the_results() {
    let cases = [case_with("요덕 수용소에서 김준식을 만났다"), case_with("Hyesan market")];
    let mut index = SearchIndex::build(&cases);
    for typed in [
        "ㅅ", "수", "숭", "수요", "수용", "수용ㅅ", "수용소", "ㄱ", "기", "김", "김ㅈ", "김주", "김준", "김준ㅅ", "김준시", "김준식",
    ] {
        assert!(index.search(typed).contains(&cases[0].id), "{typed}");
        assert!(!index.search(typed).contains(&cases[1].id), "{typed}");
    }
    // The extra leniency is for the syllable being typed only.
    assert!(index.search("숭 요덕").is_empty());
}

#[test]
fn sample_cases_are_found_by_romanised_place() {
    let cases: Vec<Case> = (0..200).map(|n| sample::sample_case(n, 300)).collect();
    let mut index = SearchIndex::build(&cases);
    let by_hangul = index.search("신의주");
    let by_latin = index.search("Sinuiju");
    assert!(!by_hangul.is_empty());
    assert_eq!(by_hangul, by_latin);
    // 회령 and Hoeryong are both used in the samples; each query finds both.
    let both = index.search("Hoeryong");
    assert_eq!(both, index.search("회령"));
    let literal = cases
        .iter()
        .filter(|c| c.text_fields().iter().any(|f| f.contains("회령") || f.contains("Hoeryong")))
        .count();
    assert_eq!(both.len(), literal);
    assert_eq!(index.len(), 200);
}

#[test]
fn unusual_input_does_not_panic() {
    let cases = [case_with("\u{0}\u{FEFF}ㄱㅏ 각 👍🏽 \u{200B} 'ŏ' - ’"), case_with("")];
    let mut index = SearchIndex::build(&cases);
    for q in ["", " ", "'", "-", "ㄱ", "ᄀ", "👍🏽", "\u{0}", "’’’", "ŏŏŏ", "a-b-c", "ㅏ"] {
        let _ = index.search(q);
    }
    // Decomposed jamo compose under NFKC: 각 is 각.
    assert_eq!(index.search("각"), vec![cases[0].id]);
}

// ---- place list ----

#[test]
fn place_list_has_every_first_level_division() {
    let provinces = places::provinces();
    let names: Vec<&str> = provinces.iter().map(|p| p.hangul).collect();
    for want in [
        "평양직할시",
        "라선특별시",
        "남포특별시",
        "평안남도",
        "평안북도",
        "자강도",
        "량강도",
        "함경북도",
        "함경남도",
        "황해북도",
        "황해남도",
        "강원도",
    ] {
        assert!(names.contains(&want), "{want} missing");
    }
    for p in &provinces {
        assert!(!p.rr.is_empty() && !p.mr.is_empty() && !p.english.is_empty(), "{p:?}");
        let counties = places::counties(p.hangul);
        assert!(!counties.is_empty(), "{} has no counties", p.hangul);
        for c in counties {
            assert!(!c.rr.is_empty() && !c.mr.is_empty(), "{c:?}");
            assert_eq!(c.province, p.hangul);
        }
    }
    assert!(places::all().len() > 180, "only {} entries", places::all().len());
    assert!(places::counties("없는도").is_empty());
}

#[test]
fn place_names_are_unique_within_a_province() {
    for p in places::provinces() {
        let mut names: Vec<&str> = places::counties(p.hangul).iter().map(|c| c.hangul).collect();
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n, "duplicate in {}", p.hangul);
    }
}

#[test]
fn romanised_forms_agree_with_the_hangul() {
    // Every romanised form in the data file has the phonetic key of its
    // Hangul (literal or with RR's sound changes), so a typo that would
    // hide a place from search fails here.
    use testimony_vault::korean::romanise::phonetic_keys;
    let mut bad = Vec::new();
    for c in places::all() {
        let (k, k2) = phonetic_keys(c.hangul);
        for roman in [c.rr, c.mr] {
            let rk = phonetic_keys(roman).0;
            if rk != k && Some(&rk) != k2.as_ref() {
                bad.push(format!("{} {roman} -> {rk} (want {k} / {k2:?})", c.hangul));
            }
        }
    }
    assert!(bad.is_empty(), "{} mismatches:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn search_places_matches_hangul_and_romanisations() {
    let hits = |q: &str| places::search_places(q).iter().map(|p| p.hangul).collect::<Vec<_>>();
    assert!(hits("Sinuiju").contains(&"신의주시"));
    assert!(hits("Sinŭiju").contains(&"신의주시"));
    assert!(hits("신의주").contains(&"신의주시"));
    assert!(hits("Hoeryong").contains(&"회령시"));
    assert!(hits("Hoeryeong").contains(&"회령시"));
    assert!(hits("Onsong").contains(&"온성군"));
    assert!(hits("Yodok").contains(&"요덕군"));
    assert!(hits("Nyongbyon").contains(&"녕변군"));
    assert!(hits("영변").contains(&"녕변군"), "South Korean spelling finds the North's");
    assert!(hits("Ryanggang").contains(&"량강도"));
    assert!(hits("양강도").contains(&"량강도"));
    assert!(hits("혜산").contains(&"혜산시"));
    // Prefix typing narrows but keeps the place.
    assert!(hits("hye").contains(&"혜산시"));
    assert!(!hits("Hoeryong").contains(&"혜산시"));
    assert!(hits("").is_empty());
    assert!(hits("zzzz").is_empty());
    // Exact names rank first.
    assert_eq!(hits("Musan").first(), Some(&"무산군"));
}

// ---- dates ----

#[test]
fn korean_date_forms() {
    assert_eq!(FuzzyDate::parse("2024년 9월").unwrap(), FuzzyDate::month(2024, 9));
    assert_eq!(FuzzyDate::parse("2024년9월").unwrap(), FuzzyDate::month(2024, 9));
    assert_eq!(FuzzyDate::parse("2024.09").unwrap(), FuzzyDate::month(2024, 9));
    assert_eq!(FuzzyDate::parse("2024. 9. 3.").unwrap(), FuzzyDate::day(2024, 9, 3));
    assert_eq!(FuzzyDate::parse("2024년 9월경").unwrap(), FuzzyDate::month(2024, 9).approx());
    assert_eq!(FuzzyDate::parse("약 2024년 9월").unwrap(), FuzzyDate::month(2024, 9).approx());
    assert_eq!(FuzzyDate::parse("2019년쯤").unwrap(), FuzzyDate::year(2019).approx());
    assert_eq!(FuzzyDate::parse("~2024.09").unwrap(), FuzzyDate::month(2024, 9).approx());
    assert_eq!(FuzzyDate::parse("２０２４년 ９월").unwrap(), FuzzyDate::month(2024, 9));
    assert_eq!(FuzzyDate::parse("2024-09").unwrap(), FuzzyDate::month(2024, 9));
    let nfd: String = "2024년 9월".nfd().collect();
    assert_eq!(FuzzyDate::parse(&nfd).unwrap(), FuzzyDate::month(2024, 9));
    // Display in both forms, and the Korean form parses back.
    for d in [FuzzyDate::month(2024, 9), FuzzyDate::month(2024, 9).approx(), FuzzyDate::day(2019, 3, 1), FuzzyDate::year(1997).approx()] {
        assert_eq!(FuzzyDate::parse(&d.to_korean()).unwrap(), d, "{}", d.to_korean());
        assert_eq!(FuzzyDate::parse(&d.to_iso()).unwrap(), d);
    }
    assert_eq!(FuzzyDate::month(2024, 9).to_korean(), "2024년 9월");
    let r = DateRange::parse("2019년 3월 ~ 2020년경").unwrap();
    assert_eq!(r.start, Some(FuzzyDate::month(2019, 3)));
    assert_eq!(r.end, Some(FuzzyDate::year(2020).approx()));
    let r = DateRange::parse("2019년 3월부터 2019년 6월까지").unwrap();
    assert_eq!(r.end, Some(FuzzyDate::month(2019, 6)));
}

#[test]
fn bad_korean_dates_are_rejected_not_guessed() {
    assert!(FuzzyDate::parse("2024년 13월").is_err());
    assert!(FuzzyDate::parse("2023년 2월 29일").is_err());
    assert!(FuzzyDate::parse("작년 여름").is_err());
    assert!(FuzzyDate::parse("24년 9월").is_err());
    assert!(FuzzyDate::parse("2024년 9월 3일 5시").is_err());
    assert!(FuzzyDate::parse("경").is_err());
    assert!(FuzzyDate::parse("약").is_err());
}

// ---- UI strings ----

/// No user-visible text is written as a literal in the GUI code: every
/// label, button, hint, tooltip and window title goes through `t("key")`
/// so it exists in English and Korean. (`i18n`'s own tests check that both
/// .ftl files have the same keys and that every key used exists.)
#[test]
fn no_literal_user_visible_strings_in_the_gui() {
    // Calls whose string arguments are shown to the user.
    const CALLS: &[&str] = &[
        "label(", "button(", "heading(", "hint_text(", "on_hover_text(", "on_disabled_hover_text(", "small(",
        "strong(", "weak(", "RichText::new(", "Button::new(", "Label::new(", "Window::new(", "selectable_label(",
        "selectable_value(", "checkbox(", "Checkbox::new(", "radio_value(", "radio(", "toggle_value(", "collapsing(",
        "CollapsingHeader::new(", "menu_button(", "ComboBox::from_label(", "selected_text(", "hyperlink_to(",
        "link(", "show_tooltip_text(", "monospace(", "code(", "text_edit_singleline(",
    ];
    // Proper names that are the same in every language.
    // The start of an age public key is a format, not a word.
    const ALLOWED: &[&str] = &["Testimony Vault", "testimony-vault", "English", "한국어", "age1…"];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut files = vec![root];
    let mut found = Vec::new();
    let mut scanned = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().flatten().map(|e| e.path()));
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        scanned += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        // Test modules may use literals.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") {
                continue;
            }
            for call in CALLS {
                for (pos, _) in line.match_indices(call) {
                    // `label(` must be the call, not the end of `my_label(`.
                    let before = line[..pos].chars().last();
                    if call.chars().next().is_some_and(char::is_lowercase)
                        && before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    {
                        continue;
                    }
                    for lit in literal_arguments(&line[pos + call.len()..]) {
                        let visible = strip_placeholders(&lit);
                        if visible.chars().any(char::is_alphabetic) && !ALLOWED.contains(&lit.as_str()) {
                            found.push(format!("{}:{}: {call}\"{lit}\"", path.display(), n + 1));
                        }
                    }
                }
            }
        }
    }
    assert!(scanned >= 1, "no GUI sources found");
    assert!(found.is_empty(), "user-visible literals (use t(\"key\") and add the key to en.ftl and ko.ftl):\n{}", found.join("\n"));
}

/// String literals among the arguments of a call, from just after its `(`
/// to the matching `)` on the same line, leaving out those passed to
/// `t(...)`/`t_args(...)`/`t_in(...)` (keys, not text).
fn literal_arguments(rest: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 1;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            '"' => {
                let mut lit = String::new();
                let mut escaped = false;
                for (_, d) in chars.by_ref() {
                    if escaped {
                        lit.push(d);
                        escaped = false;
                    } else if d == '\\' {
                        escaped = true;
                    } else if d == '"' {
                        break;
                    } else {
                        lit.push(d);
                    }
                }
                let head = rest[..i].trim_end();
                let is_key = head.ends_with("t(") || head.ends_with("t_args(") || head.ends_with("t_in(");
                // `&[("n", &value)]`: the name of a Fluent argument.
                let after = &rest[i + 1 + lit.len()..];
                let is_arg_name = head.ends_with('(') && after.starts_with("\",") && rest[..i].contains("&[");
                if !is_key && !is_arg_name {
                    out.push(lit);
                }
            }
            _ => {}
        }
    }
    out
}

/// `{name}` and `{}` placeholders of a format string removed.
fn strip_placeholders(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn the_literal_scanner_catches_what_it_should() {
    assert_eq!(literal_arguments(r#""Save").clicked()"#), vec!["Save"]);
    assert!(literal_arguments(r#"t("case-save")).clicked()"#).is_empty());
    assert!(literal_arguments(r#"t_args("form-incident", &[("n", &number)]));"#).is_empty());
    assert_eq!(literal_arguments(r#"&mut x, "Consent given")"#), vec!["Consent given"]);
    assert_eq!(literal_arguments(r#"format!("{} ({})", a, b))"#), vec!["{} ({})"]);
    assert!(!strip_placeholders("{} ({})").chars().any(char::is_alphabetic));
    assert!(strip_placeholders("{n} cases").chars().any(char::is_alphabetic));
}

mod typing {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "sin", "ui", "ŭi", "ju", "shi", "김", "준", "식", "ㅅ", "숭", " ", "-", "'", "ŏ", "hoe", "ryong", "수", "용", "소",
        "ri", "lee", "song", "hui", "ch", "on", "g", "k", "요덕", "혜산", "hye", "san",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Typing any query letter by letter, with incremental narrowing,
        /// gives what a search with nothing to narrow from gives.
        #[test]
        fn narrowing_never_changes_results(pieces in proptest::collection::vec(0..PIECES.len(), 1..6)) {
            let cases: Vec<Case> = TEXTS.iter().map(|t| case_with(t)).collect();
            let mut typed = SearchIndex::build(&cases);
            let mut fresh = SearchIndex::build(&cases);
            let query: String = pieces.iter().map(|&i| PIECES[i]).collect();
            let mut prefix = String::new();
            for c in query.chars() {
                prefix.push(c);
                fresh.search("");
                prop_assert_eq!(typed.search(&prefix), fresh.search(&prefix), "prefix {:?}", prefix);
            }
        }
    }
}
