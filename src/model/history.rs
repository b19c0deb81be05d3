//! Every earlier revision of a case, rebuilt from its current content.
//!
//! A vault keeps a case's latest content (and one previous generation, for
//! recovery), yet an archive must be able to show what the record said at
//! any save, and how the account changed between two. So each revision
//! keeps, beside the names of the fields it changed, what those fields held
//! before it ([`Revision::before`]): for each field, a word-level edit that
//! turns its value after the save (as JSON) back into its value before.
//! Walking back from the current content, applying each revision's edit in
//! turn, gives every earlier revision. Each one rebuilt is checked against
//! the `content_hash` that revision recorded (and signed), so a changed
//! edit, or changed current content, shows as a mismatch and is never shown
//! as what the case said.
//!
//! An edit rather than the whole old value: 50 saves of a 3,000-character
//! account would otherwise keep 50 copies of it (see the size test in
//! `tests/core/history.rs`).
//!
//! The walk follows `prev_hash`, not the list: a revision whose content
//! hash is not the one the walk expects (copied from the other version of a
//! case when a conflict was resolved) is passed over as not kept here. A
//! revision with no edit (saved before earlier contents were kept, or in a
//! redacted copy, which must carry nothing the redaction removed) ends the
//! walk: the revisions before it are reported as not kept.

use super::{Case, Field, Part, Revision};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use similar::{ChangeTag, TextDiff};
use std::time::Duration;
use zeroize::{Zeroize, Zeroizing};

/// How every hash of a redacted copy's history begins (such a copy keeps no
/// earlier content; see `bundle::redact::history`).
pub const REDACTED_HASH_PREFIX: &str = "redacted-";

/// One field as it was before a save.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldBefore {
    /// [`Field::path`] of a field of the case itself (`narrative`,
    /// `interviewee.birth_year`, `incidents`).
    pub field: String,
    /// Applied to the JSON of the value after the save, gives the JSON of
    /// the value before it (empty: the field was left out of the record).
    pub edit: Vec<Step>,
}

/// One step of an edit, over the bytes of the later value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Step {
    /// The next bytes of the later value were there before too.
    Keep(u32),
    /// The next bytes of the later value were not there before.
    Skip(u32),
    /// Text the earlier value had here.
    Put(String),
}

/// Kept text is testimony: overwritten when a step is dropped, as a case's
/// strings are.
impl Drop for Step {
    fn drop(&mut self) {
        if let Step::Put(s) = self {
            s.zeroize();
        }
    }
}

/// Append `text` to `s`, overwriting the old block when `s` must grow (a
/// plain `push_str` frees the shorter copy in clear).
fn push_wiped(s: &mut String, text: &str) {
    if s.capacity() - s.len() < text.len() {
        let mut grown = String::with_capacity((s.len() + text.len()).max(s.capacity() * 2));
        grown.push_str(s);
        s.zeroize();
        *s = grown;
    }
    s.push_str(text);
}

/// The JSON text of `v`, built without freeing partial copies in clear.
fn json_text(v: &Value) -> String {
    struct Wiped(String);
    impl std::io::Write for Wiped {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            // serde_json writes whole UTF-8 sequences.
            let text = std::str::from_utf8(buf).map_err(std::io::Error::other)?;
            push_wiped(&mut self.0, text);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut out = Wiped(String::with_capacity(64));
    serde_json::to_writer(&mut out, v).expect("a JSON value always writes");
    out.0
}

/// What the history can say about one revision's content.
#[derive(Debug)]
pub enum Past {
    /// The case as it was at this revision, its hash checked.
    Rebuilt(Box<Case>),
    /// Not kept: saved before earlier contents were kept, in a redacted
    /// copy, or copied from the other version of a conflict.
    NotKept,
    /// The stored edits do not give the content this revision (or a later
    /// one) recorded: the history or the content was changed.
    Mismatch,
}

/// The fields of the case itself, whose earlier values a revision keeps.
fn kept_fields() -> impl Iterator<Item = Field> {
    Field::ALL.into_iter().filter(|f| f.part() == Part::Case)
}

fn pointer(field: Field) -> String {
    format!("/{}", field.path().replace('.', "/"))
}

fn as_value(case: &Case) -> Value {
    let mut value = serde_json::to_value(case).expect("a case always converts to a JSON value");
    // The history's kept values are testimony too: wiped, not just dropped.
    if let Value::Object(map) = &mut value
        && let Some(mut history) = map.insert("history".into(), Value::Array(Vec::new()))
    {
        wipe_value(&mut history);
    }
    value
}

/// The JSON text of each kept field; "" for one left out of the record.
fn field_texts(case: &Case) -> Vec<(Field, String)> {
    let mut value = as_value(case);
    let out = kept_fields().map(|f| (f, value.pointer(&pointer(f)).map(json_text).unwrap_or_default())).collect();
    wipe_value(&mut value);
    out
}

/// Overwrite every string of a JSON value before it is freed: it holds the
/// testimony in clear, like the case it came from.
pub fn wipe_value(value: &mut Value) {
    match value {
        Value::String(s) => s.zeroize(),
        Value::Array(items) => items.iter_mut().for_each(wipe_value),
        Value::Object(map) => map.values_mut().for_each(wipe_value),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// What a save from `old` to `new` must keep so `old` can be rebuilt from
/// `new`: each field that differs, as an edit of its new value.
pub fn before_of(old: &Case, new: &Case) -> Vec<FieldBefore> {
    let (mut a, mut b) = (field_texts(old), field_texts(new));
    let out = a
        .iter()
        .zip(&b)
        .filter(|(x, y)| x.1 != y.1)
        .map(|((f, was), (_, now))| FieldBefore { field: f.path().to_string(), edit: edit(now, was) })
        .collect();
    for (_, s) in a.iter_mut().chain(b.iter_mut()) {
        s.zeroize();
    }
    out
}

/// The steps that turn `from` into `to`, word by word (Unicode word
/// boundaries, so Hangul and Latin text both split into words).
pub fn edit(from: &str, to: &str) -> Vec<Step> {
    let diff = TextDiff::configure().timeout(Duration::from_secs(2)).diff_unicode_words(from, to);
    let mut steps: Vec<Step> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        let n = text.len() as u32;
        match (change.tag(), steps.last_mut()) {
            (ChangeTag::Equal, Some(Step::Keep(k))) | (ChangeTag::Delete, Some(Step::Skip(k))) => *k += n,
            (ChangeTag::Insert, Some(Step::Put(s))) => push_wiped(s, text),
            (ChangeTag::Equal, _) => steps.push(Step::Keep(n)),
            (ChangeTag::Delete, _) => steps.push(Step::Skip(n)),
            (ChangeTag::Insert, _) => steps.push(Step::Put(text.to_string())),
        }
    }
    steps
}

/// `from` with `steps` applied; `None` when they do not fit it.
pub fn apply(steps: &[Step], from: &str) -> Option<String> {
    let mut out = String::with_capacity(from.len());
    let mut at = 0usize;
    for step in steps {
        match step {
            Step::Keep(n) => {
                push_wiped(&mut out, from.get(at..at.checked_add(*n as usize)?)?);
                at += *n as usize;
            }
            Step::Skip(n) => {
                from.get(at..at.checked_add(*n as usize)?)?;
                at += *n as usize;
            }
            Step::Put(s) => push_wiped(&mut out, s),
        }
    }
    (at == from.len()).then_some(out)
}

/// `case` with each field of `before` set back; `None` when an edit does
/// not fit or names no field of the case.
fn set_back(case: &Case, before: &[FieldBefore]) -> Option<Case> {
    let mut value = as_value(case);
    let out = set_back_value(&mut value, before).and_then(|()| serde_json::from_value(value.clone()).ok());
    wipe_value(&mut value);
    out
}

fn set_back_value(value: &mut Value, before: &[FieldBefore]) -> Option<()> {
    for fb in before {
        let field = Field::from_path(&fb.field).filter(|f| f.part() == Part::Case)?;
        let (parent, key) = fb.field.rsplit_once('.').map_or(("", fb.field.as_str()), |(p, k)| (p, k));
        let mut now = Zeroizing::new(value.pointer(&pointer(field)).map(json_text).unwrap_or_default());
        let was = Zeroizing::new(apply(&fb.edit, &now)?);
        now.zeroize();
        let slot = if parent.is_empty() { Some(&mut *value) } else { value.pointer_mut(&format!("/{}", parent.replace('.', "/"))) };
        let map = slot?.as_object_mut()?;
        let old = if was.is_empty() { map.remove(key) } else { map.insert(key.to_string(), serde_json::from_str(&was).ok()?) };
        if let Some(mut old) = old {
            wipe_value(&mut old);
        }
    }
    Some(())
}

/// What each revision of `case` held, in history order.
pub fn rebuild_all(case: &Case) -> Vec<Past> {
    let mut out: Vec<Past> = Vec::with_capacity(case.history.len());
    let mut current: Option<Case> = Some(case.clone());
    let mut expected = case.last_hash().to_string();
    let mut broken = false;
    for (i, r) in case.history.iter().enumerate().rev() {
        let past = match &current {
            _ if broken => Past::Mismatch,
            None => Past::NotKept,
            Some(_) if r.content_hash != expected || expected.is_empty() => Past::NotKept,
            Some(_) if r.content_hash.starts_with(REDACTED_HASH_PREFIX) => Past::NotKept,
            Some(c) if c.content_hash() != r.content_hash => {
                broken = true;
                Past::Mismatch
            }
            Some(c) => {
                let earlier = r.before.as_ref().map(|b| set_back(c, b));
                let shown = as_of(c, case, i);
                match earlier {
                    Some(Some(prev)) => current = Some(prev),
                    Some(None) => broken = true,
                    None => current = None,
                }
                expected = r.prev_hash.clone();
                Past::Rebuilt(Box::new(shown))
            }
        };
        out.push(past);
    }
    out.reverse();
    out
}

/// The content `c` dressed as the case was at revision index `i`: the
/// history up to it, saved at its time.
fn as_of(c: &Case, case: &Case, i: usize) -> Case {
    let mut shown = c.clone();
    shown.history = case.history[..=i].to_vec();
    shown.updated = case.history[i].at;
    shown
}

/// The case as it was at revision `number`.
pub fn at_revision(case: &Case, number: u32) -> Option<Past> {
    let i = case.history.iter().position(|r| r.number == number)?;
    rebuild_all(case).into_iter().nth(i)
}

/// One field that differs between two versions of a case, as the case
/// shows it in the interface language.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    pub field: Field,
    /// The form's label (for a field of an incident, with its number).
    pub label: String,
    pub old: String,
    pub new: String,
}

/// Every field that differs from `old` to `new`, in the form's order: the
/// case's own, then each incident's (matched by id, so removing one does
/// not make all after it look changed), then the attachments.
pub fn differences(old: &Case, new: &Case) -> Vec<Difference> {
    let shown = |f: &Field| f.part() == Part::Case && !matches!(f, Field::Code | Field::Incidents | Field::Attachments);
    let mut out: Vec<Difference> = Vec::new();
    let mut push = |field: Field, label: String, old: String, new: String| {
        if old != new {
            out.push(Difference { field, label, old, new });
        }
    };
    for f in Field::ALL.into_iter().filter(shown) {
        push(f, f.label(), f.display(old), f.display(new));
    }
    let mut ids: Vec<uuid::Uuid> = new.incidents.iter().map(|i| i.id).collect();
    ids.extend(old.incidents.iter().map(|i| i.id).filter(|id| !new.incidents.iter().any(|i| i.id == *id)));
    for (n, id) in ids.iter().enumerate() {
        let (a, b) = (one_incident(old, *id), one_incident(new, *id));
        let title = crate::i18n::t_args("form-incident-title", &[("n", &(n + 1).to_string())]);
        for f in Field::ALL.into_iter().filter(|f| f.part() == Part::Incident) {
            push(f, format!("{title}: {}", f.label()), f.display(&a), f.display(&b));
        }
    }
    push(Field::Attachments, Field::Attachments.label(), Field::Attachments.display(old), Field::Attachments.display(new));
    out
}

/// A case holding only the incident `id` of `c` (none if `c` lacks it), so
/// [`Field::display`] shows that incident alone.
fn one_incident(c: &Case, id: uuid::Uuid) -> Case {
    let mut one = Case::new("");
    one.incidents = c.incidents.iter().filter(|i| i.id == id).cloned().collect();
    one
}

/// Overwrite the kept earlier values in place (with the case's own text,
/// before the memory is released).
pub(super) fn wipe(r: &mut Revision) {
    for fb in r.before.iter_mut().flatten() {
        for step in &mut fb.edit {
            if let Step::Put(s) = step {
                s.zeroize();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{apply, edit, Step};

    #[test]
    fn an_edit_turns_one_text_into_the_other_in_both_scripts() {
        let pairs = [
            ("", "처음"),
            ("처음", ""),
            ("보위부가 아버지를 데려갔다", "보위원 두 명이 아버지를 데려갔다, 1998년"),
            ("They took my father in 1998.", "They took my uncle in 1998, at night."),
            ("\"a\\nb\"", "\"a\\nb c\""),
        ];
        for (a, b) in pairs {
            let steps = edit(a, b);
            assert_eq!(apply(&steps, a).as_deref(), Some(b), "{a:?} -> {b:?}");
        }
        // Only the changed word is kept as text.
        let steps = edit("one two three", "one four three");
        assert_eq!(steps, vec![Step::Keep(4), Step::Skip(3), Step::Put("four".into()), Step::Keep(6)]);
    }

    /// A value of the case that no kept field covers would make every
    /// earlier revision a mismatch once it changed: each must be a field.
    #[test]
    fn every_value_of_a_case_is_a_kept_field() {
        use crate::model::{Field, Part};
        use serde_json::Value;
        let kept = |path: &str| Field::from_path(path).is_some_and(|f| f.part() == Part::Case);
        let case = crate::sample::sample_case(1, 50);
        let value = serde_json::to_value(&case).unwrap();
        for (k, x) in value.as_object().unwrap() {
            match x {
                // Identity and bookkeeping: never changed by a save, or not hashed.
                _ if ["id", "created", "updated", "history"].contains(&k.as_str()) => {}
                Value::Object(m) if !kept(k) => m.keys().for_each(|sub| assert!(kept(&format!("{k}.{sub}")), "{k}.{sub}")),
                _ => assert!(kept(k), "{k}"),
            }
        }
    }

    #[test]
    fn an_edit_that_does_not_fit_is_refused() {
        assert_eq!(apply(&[Step::Keep(10)], "short"), None);
        assert_eq!(apply(&[Step::Keep(1)], "short"), None);
        // Not on a character boundary.
        assert_eq!(apply(&[Step::Keep(1), Step::Skip(2)], "가"), None);
    }
}
