//! The canonical text that content hashes cover: `ron::to_string` of the
//! value, byte for byte (every hash and signature already stored depends
//! on it), made about six times faster.
//!
//! RON escapes each character of a string through `char::escape_debug`,
//! whose Unicode table walk costs tens of nanoseconds for each Hangul
//! syllable: hashing one case with a 3,000-character narrative took
//! 235 µs, most of an import. Here RON writes the strings unescaped (as
//! the vault's files are written), and each string is then escaped again
//! exactly as RON would have, with a shortcut for the characters
//! `escape_debug` leaves as they are (ASCII, Hangul, CJK, punctuation;
//! checked one by one in the tests against the standard library).

use serde::Serialize;

/// `ron::to_string(value)`, the same bytes.
pub fn ron_text<T: Serialize>(value: &T) -> String {
    let unescaped = ron::Options::default().to_string_pretty(value, unescaped()).expect("a case always serializes");
    let text = escape_strings(&unescaped);
    zeroize::Zeroize::zeroize(&mut { unescaped });
    text
}

/// RON's compact output (as `to_string` writes it), strings unescaped:
/// quoted when they hold neither `"` nor `\`, raw (`r#"…"#`) otherwise.
/// Also how the vault writes its files (`vault::format`).
pub(crate) fn unescaped() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .new_line("")
        .indentor("")
        .separator("")
        .compact_structs(true)
        .compact_arrays(true)
        .compact_maps(true)
        .escape_strings(false)
}

/// Every string of RON text escaped as `to_string` escapes it. Outside
/// strings this RON (field names, variants, numbers) holds no `"`, and an
/// `r` opens a raw string only where a value starts.
fn escape_strings(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut rest = text;
    while let Some(at) = rest.find(['"', 'r']) {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let value_starts = out.is_empty() || out.ends_with([':', ',', '(', '[', '{']);
        let (content, after) = match from.as_bytes()[0] {
            b'"' => quoted(from),
            _ if value_starts => raw(from).unwrap_or(("", from)),
            _ => ("", from),
        };
        if after.len() == from.len() {
            // An `r` inside a name: copied as it is.
            out.push('r');
            rest = &from[1..];
            continue;
        }
        out.push('"');
        push_escaped(&mut out, content);
        out.push('"');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// `"content"` at the start of `from`: the content and what follows.
fn quoted(from: &str) -> (&str, &str) {
    let end = from[1..].find('"').map_or(from.len(), |i| i + 1);
    (&from[1..end], from.get(end + 1..).unwrap_or(""))
}

/// `r##"content"##` at the start of `from`, if it is one.
fn raw(from: &str) -> Option<(&str, &str)> {
    let hashes = from[1..].bytes().take_while(|b| *b == b'#').count();
    let open = 1 + hashes;
    if from.as_bytes().get(open) != Some(&b'"') {
        return None;
    }
    let close = format!("\"{}", "#".repeat(hashes));
    let body = &from[open + 1..];
    let end = body.find(&close)?;
    Some((&body[..end], &body[end + close.len()..]))
}

/// Runs of characters left as they are are copied whole.
fn push_escaped(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some((at, c)) = rest.char_indices().find(|(_, c)| !unchanged_by_escape(*c)) {
        out.push_str(&rest[..at]);
        out.extend(c.escape_debug());
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
}

/// Characters `char::escape_debug` returns as they are, recognised without
/// its table walk. Anything else takes the standard library's way.
fn unchanged_by_escape(c: char) -> bool {
    match c {
        '"' | '\'' | '\\' => false,
        ' '..='~' => true,
        '\u{AC00}'..='\u{D7A3}' | '\u{3131}'..='\u{318E}' | '\u{4E00}'..='\u{9FFF}' | '\u{2010}'..='\u{2027}' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_case;
    use proptest::prelude::*;

    #[test]
    fn the_shortcut_agrees_with_the_standard_library() {
        let all = (0..=0x10FFFFu32).filter_map(char::from_u32);
        for c in all.filter(|c| unchanged_by_escape(*c)) {
            assert!(c.escape_debug().eq([c]), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn sample_cases_come_out_as_ron_writes_them() {
        for i in 1..40 {
            let case = sample_case(i, 500 + 50 * i as usize);
            assert_eq!(ron_text(&case), ron::to_string(&case).unwrap(), "case {i}");
        }
    }

    /// Strings that make RON choose raw strings, escapes, and names with `r`.
    fn awkward() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "\"", "\\", "#", "r#\"", "\"#", "'", "\n", "\t", "\r", "\0", "\u{7}", "\u{301}", "\u{200B}", "\u{FEFF}",
            "증언", "평양", "金", "— ", "r", "(", ":", ",", "\u{1F600}", "\u{E000}", "\u{D7A4}", "ㄱ", "\u{1160}",
        ]);
        prop::collection::vec(prop_oneof![pieces.prop_map(String::from), any::<String>()], 0..12).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn any_text_comes_out_as_ron_writes_it(a in awkward(), b in awkward(), c in awkward()) {
            let mut case = sample_case(3, 200);
            case.narrative = a;
            case.interviewee.pseudonym = b.clone();
            case.follow_up = c;
            case.tags = vec![b];
            prop_assert_eq!(ron_text(&case), ron::to_string(&case).unwrap());
        }
    }
}
