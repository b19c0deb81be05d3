//! Which fields a save changed, and how a text changed word by word, for
//! the edit history.

use super::Case;
use serde_json::Value;
use similar::{ChangeTag, TextDiff};
use std::time::Duration;

/// What happened to a run of words between two versions of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordChange {
    Same,
    Inserted,
    Deleted,
}

/// The words of `old` and `new` in reading order, each run marked same,
/// inserted or deleted. Words are split at Unicode word boundaries (UAX
/// #29), so a Hangul word (어절) and an English word are each one unit;
/// runs of the same kind are joined.
pub fn word_diff(old: &str, new: &str) -> Vec<(WordChange, String)> {
    let diff = TextDiff::configure().timeout(Duration::from_secs(2)).diff_unicode_words(old, new);
    let mut out: Vec<(WordChange, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => WordChange::Same,
            ChangeTag::Insert => WordChange::Inserted,
            ChangeTag::Delete => WordChange::Deleted,
        };
        match out.last_mut() {
            Some((k, text)) if *k == kind => text.push_str(change.value()),
            _ => out.push((kind, change.value().to_string())),
        }
    }
    out
}

/// Dotted paths of the fields that differ between two versions of a case,
/// e.g. `interviewee.pseudonym`, `incidents[1].narrative`, `incidents[+2]`
/// (added), `incidents[-2]` (removed). Bookkeeping fields (history, updated)
/// are ignored.
pub fn changed_fields(old: &Case, new: &Case) -> Vec<String> {
    let (mut a, mut b) = (to_value(old), to_value(new));
    for v in [&mut a, &mut b] {
        if let Value::Object(map) = v {
            // The history's kept earlier values are testimony: wiped.
            if let Some(mut history) = map.remove("history") {
                super::history::wipe_value(&mut history);
            }
            map.remove("updated");
        }
    }
    let mut out = Vec::new();
    diff(&a, &b, String::new(), &mut out);
    // The values hold the testimony in clear, like the cases.
    super::history::wipe_value(&mut a);
    super::history::wipe_value(&mut b);
    out
}

fn to_value(case: &Case) -> Value {
    serde_json::to_value(case).expect("a case always converts to a JSON value")
}

fn diff(a: &Value, b: &Value, path: String, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                match (x.get(k), y.get(k)) {
                    (Some(va), Some(vb)) => diff(va, vb, p, out),
                    _ => out.push(p),
                }
            }
        }
        // Lists of records (incidents) are compared item by item; lists of
        // plain values (tags, victims) count as one field.
        (Value::Array(x), Value::Array(y)) if x.iter().chain(y).any(Value::is_object) => {
            for i in 0..x.len().max(y.len()) {
                match (x.get(i), y.get(i)) {
                    (Some(va), Some(vb)) => diff(va, vb, format!("{path}[{i}]"), out),
                    (None, Some(_)) => out.push(format!("{path}[+{i}]")),
                    (Some(_), None) => out.push(format!("{path}[-{i}]")),
                    (None, None) => {}
                }
            }
        }
        _ if a != b => out.push(path),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Incident, ViolationType};

    #[test]
    fn word_diff_marks_whole_words_in_both_scripts() {
        use WordChange::*;
        let d = word_diff("보위부가 아버지를 데려갔다", "보위부가 삼촌을 데려갔다");
        assert_eq!(d, vec![(Same, "보위부가 ".into()), (Deleted, "아버지를".into()), (Inserted, "삼촌을".into()), (Same, " 데려갔다".into())]);
        let d = word_diff("They took him.", "They took him at night.");
        assert!(d.contains(&(Inserted, " at night".into())) || d.contains(&(Inserted, "at night ".into())), "{d:?}");
        assert_eq!(word_diff("same", "same"), vec![(Same, "same".into())]);
    }

    #[test]
    fn names_changed_fields() {
        let old = Case::new("NK-2026-0001");
        let mut new = old.clone();
        assert!(changed_fields(&old, &new).is_empty());
        new.interviewee.pseudonym = "김철".into();
        new.narrative = "새 증언".into();
        new.incidents.push(Incident { violation: ViolationType::Torture, ..Default::default() });
        new.tags.push("camp".into());
        let fields = changed_fields(&old, &new);
        assert_eq!(fields, vec!["incidents[+0]", "interviewee.pseudonym", "narrative", "tags"]);
        let mut newer = new.clone();
        newer.incidents[0].place = "요덕".into();
        assert_eq!(changed_fields(&new, &newer), vec!["incidents[0].place"]);
    }
}
