//! Every user-visible string, in English and Korean, kept in Fluent files
//! (`en.ftl`, `ko.ftl`) so translators work on text, not code.
//!
//! `t("key")` looks a message up in the current language. Unicode isolation
//! marks are off: egui has no glyph for them.
//!
//! Each error enum formats itself where it is defined (its `Display` calls
//! `t`/`t_args`, as age's `wfl!` does): this table knows keys and languages,
//! never the vault's, bundle's or merge's types.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::cell::Cell;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

pub mod labels;

pub const EN_FTL: &str = include_str!("en.ftl");
pub const KO_FTL: &str = include_str!("ko.ftl");

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.get(..2)?.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "ko" => Some(Lang::Ko),
            _ => None,
        }
    }

    /// The language's own name, for the settings picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ko => "한국어",
        }
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => EN_FTL,
            Lang::Ko => KO_FTL,
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

thread_local! {
    /// Set by [`in_language`] for this thread only.
    static SCOPED: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// The language of the whole process: the window's or the command line's.
pub fn set_language(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

pub fn language() -> Lang {
    if let Some(lang) = SCOPED.with(Cell::get) {
        return lang;
    }
    if CURRENT.load(Ordering::Relaxed) == Lang::Ko as u8 { Lang::Ko } else { Lang::En }
}

/// `f()` with messages (errors' `Display` included) in `lang` on this
/// thread only, leaving other threads' language alone: tests run in
/// parallel and must not switch each other's.
pub fn in_language<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            SCOPED.with(|s| s.set(self.0));
        }
    }
    let _restore = Restore(SCOPED.with(|s| s.replace(Some(lang))));
    f()
}

/// Korean when the system locale is Korean, English otherwise.
pub fn system_language() -> Lang {
    sys_locale::get_locale().and_then(|l| Lang::from_code(&l)).unwrap_or(Lang::En)
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 2]> = OnceLock::new();
    let bundles = BUNDLES.get_or_init(|| Lang::ALL.map(make_bundle));
    &bundles[lang as usize]
}

fn make_bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().expect("valid language id");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(lang.source().to_string()).expect("the bundled .ftl files parse");
    bundle.add_resource(resource).expect("no duplicate keys in the bundled .ftl files");
    bundle
}

/// The message `key` in the current language (the key itself if missing,
/// which a test prevents).
pub fn t(key: &str) -> String {
    t_in(language(), key, &[])
}

/// The message `key` with `{ $name }` placeables filled from `args`.
pub fn t_args(key: &str, args: &[(&str, &str)]) -> String {
    t_in(language(), key, args)
}

pub fn t_in(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        return key.to_string();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, arg_value(value));
    }
    let mut errors = Vec::new();
    bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned()
}

/// Counts go to Fluent as numbers, so messages can choose "1 case" or
/// "2 cases". Only plain counts: "0042" or "2026-0042" stay text.
fn arg_value(value: &str) -> FluentValue<'_> {
    let plain = (1..=15).contains(&value.len())
        && value.bytes().all(|b| b.is_ascii_digit())
        && (value == "0" || !value.starts_with('0'));
    match value.parse::<u64>() {
        Ok(n) if plain => FluentValue::from(n as f64),
        _ => FluentValue::from(value),
    }
}

pub fn has_key(lang: Lang, key: &str) -> bool {
    bundle(lang).get_message(key).is_some_and(|m| m.value().is_some())
}

/// Every message key defined for `lang`.
pub fn keys(lang: Lang) -> Vec<String> {
    let resource = FluentResource::try_new(lang.source().to_string()).expect("bundled .ftl parses");
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// Panics unless `value` is shown as real text in both languages: not a raw
/// key (what [`t`] gives for a missing message) and no unfilled placeable.
/// Each error module's tests call it for one value of every variant.
#[cfg(test)]
pub(crate) fn assert_shown_in_both_languages(value: &dyn std::fmt::Display) {
    for lang in Lang::ALL {
        let text = in_language(lang, || value.to_string());
        let raw_key = !text.is_empty() && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        assert!(!text.trim().is_empty() && !raw_key, "{lang:?}: no message, only {text:?}");
        assert!(!text.contains("{$") && !text.contains("{ $"), "{lang:?}: a placeable is not filled: {text}");
    }
}

#[cfg(test)]
mod tests {
    use super::{has_key, in_language, keys, language, t, t_in, Lang};
    use crate::model::{Anonymity, CaseStatus, ConsentMethod, Gender, Perpetrator, SourceOfKnowledge, ValidationProblem, ViolationType};

    #[test]
    fn in_language_is_for_this_thread_and_this_call_only() {
        let before = language();
        let inside = in_language(Lang::Ko, || {
            let other_thread = std::thread::spawn(language).join().unwrap();
            (language(), t("nav-lock"), other_thread)
        });
        assert_eq!(inside, (Lang::Ko, t_in(Lang::Ko, "nav-lock", &[]), before));
        assert_eq!(language(), before);
    }

    #[test]
    fn counts_choose_singular_or_plural_and_codes_stay_text() {
        assert_eq!(t_in(Lang::En, "export-count", &[("count", "1")]), "1 case selected.");
        assert_eq!(t_in(Lang::En, "export-count", &[("count", "2")]), "2 cases selected.");
        assert_eq!(t_in(Lang::En, "export-count", &[("count", "0")]), "0 cases selected.");
        // Not counts: kept exactly as given.
        for code in ["0042", "NK-2026-0042", "12345678901234567890", "1.5", ""] {
            assert!(t_in(Lang::En, "error-no-such-case", &[("id", code)]).contains(code), "{code}");
        }
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let mut en = keys(Lang::En);
        let mut ko = keys(Lang::Ko);
        en.sort();
        ko.sort();
        let missing_ko: Vec<_> = en.iter().filter(|k| !ko.contains(k)).collect();
        let missing_en: Vec<_> = ko.iter().filter(|k| !en.contains(k)).collect();
        assert!(missing_ko.is_empty(), "missing in ko.ftl: {missing_ko:?}");
        assert!(missing_en.is_empty(), "missing in en.ftl: {missing_en:?}");
    }

    #[test]
    fn every_enum_value_has_a_label() {
        let mut keys: Vec<String> = Vec::new();
        keys.extend(CaseStatus::ALL.iter().map(|v| format!("status-{}", v.key())));
        keys.extend(ViolationType::ALL.iter().map(|v| format!("violation-{}", v.key())));
        keys.extend(Perpetrator::ALL.iter().map(|v| format!("perpetrator-{}", v.key())));
        keys.extend(SourceOfKnowledge::ALL.iter().map(|v| format!("source-{}", v.key())));
        keys.extend(Gender::ALL.iter().map(|v| format!("gender-{}", v.key())));
        keys.extend(ConsentMethod::ALL.iter().map(|v| format!("consent-method-{}", v.key())));
        keys.extend(Anonymity::ALL.iter().map(|v| format!("anonymity-{}", v.key())));
        keys.push(format!("problem-{}", ValidationProblem::CompleteWithoutConsent.key()));
        keys.push(format!("problem-{}", ValidationProblem::MissingPseudonym.key()));
        keys.push(format!("problem-{}", ValidationProblem::CompleteWithoutIncidentType.key()));
        keys.push(format!("violation-{}", ViolationType::NotChosen.key()));
        keys.push(format!("source-{}", SourceOfKnowledge::NotChosen.key()));
        for lang in Lang::ALL {
            for k in &keys {
                assert!(has_key(lang, k), "{k} missing in {lang:?}");
            }
        }
    }

    /// Every literal key passed to `t(...)`/`t_args(...)` in the sources exists.
    #[test]
    fn every_key_used_in_the_code_exists() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut stack = vec![root];
        let mut checked = 0;
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for call in ["t(\"", "t_args(\""] {
                    for (pos, _) in text.match_indices(call) {
                        let prev = text[..pos].chars().last();
                        let line_start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
                        let in_comment = text[line_start..pos].trim_start().starts_with("//");
                        if in_comment || prev.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                            continue;
                        }
                        let rest = &text[pos + call.len()..];
                        let key = &rest[..rest.find('"').unwrap()];
                        if key.is_empty() || key.contains(char::is_whitespace) {
                            continue;
                        }
                        for lang in Lang::ALL {
                            assert!(has_key(lang, key), "{key} (used in {}) missing in {lang:?}", path.display());
                        }
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 10, "the scan found only {checked} keys");
    }

    #[test]
    fn placeables_are_filled_without_isolation_marks() {
        let s = t_in(Lang::Ko, "error-weak-passphrase", &[("min", "8")]);
        assert_eq!(s, "암호가 너무 짧습니다. 8자 이상 사용하십시오.");
        assert!(!s.contains('\u{2068}'));
    }
}
