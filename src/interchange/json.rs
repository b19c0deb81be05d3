//! Case documents as JSON: what `show --json` prints and `add` reads.
//!
//! A document is a case with the record's own field names (the serde names
//! of [`Case`]); any field left out takes its default, so
//! `{"interviewee": {"pseudonym": "A"}, "narrative": "…"}` is a whole case.
//! The defaults are filled in here, on the JSON value, from a default case:
//! the RON case files on disk keep their strict reading, where a missing
//! field is an error. Dates are written as the record stores them
//! (`{"year": 2019, "month": 3, "day": null, "approximate": true}`) or as
//! the text the form takes (`"~2019-03"`, `"2019 ~ 2020"`).
//!
//! The vault gives each case its id, code, timestamps and first revision,
//! so those fields (as `show --json` prints them) are ignored; attachments
//! come in with their bytes, never by reference. A field the record does
//! not have is refused rather than dropped: a typo would lose testimony.
//!
//! Input is a JSON array of documents or documents one after another (JSON
//! Lines). Every document is checked before anything is returned, and each
//! problem names the document, its line and the field at fault.

use super::error::{At, InterchangeError, Problem, ProblemKind};
use crate::model::{Case, CaseStatus, DateRange, FuzzyDate, Field, Incident};
use serde_json::Value;

/// Longest string a document may hold: a day-long transcript is well under
/// it; a bigger value is a mistake (or an attack) that would sit in every
/// export and every search.
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// Fields the vault assigns; present in what `show --json` prints.
const ASSIGNED: &[&str] = &["id", "code", "created", "updated", "history", SENSITIVE_KEY];

/// The key under which `show --json` lists the sensitive fields.
pub const SENSITIVE_KEY: &str = "sensitive_fields";

/// A case as `show --json` prints it: the record, and which of its fields
/// identify a person.
pub fn case_to_json(case: &Case) -> String {
    let mut value = serde_json::to_value(case).expect("a case always serializes");
    let sensitive = Field::ALL.iter().filter(|f| f.sensitive()).map(|f| Value::String(f.path().to_string())).collect();
    value[SENSITIVE_KEY] = Value::Array(sensitive);
    serde_json::to_string_pretty(&value).expect("a JSON value always prints")
}

/// Every case document in `bytes`, checked. On any problem, all problems
/// and no case.
pub fn read_documents(bytes: &[u8]) -> Result<Vec<Case>, Vec<Problem>> {
    let mut template = serde_json::to_value(Case::new("")).expect("a case always serializes");
    // A list left out of the record when empty may still be given.
    if let Some(w) = template.pointer_mut("/interviewee").and_then(Value::as_object_mut) {
        w.entry("identifying_words").or_insert(Value::Array(Vec::new()));
    }
    let docs = split(bytes);
    // Documents are independent: read them on every core, keep the order.
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 8);
    let chunk = docs.len().div_ceil(threads).max(1);
    let results: Vec<Result<Case, Vec<Problem>>> = std::thread::scope(|s| {
        let template = &template;
        let handles: Vec<_> = docs
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|doc| read_one(doc, template)).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("reading a document does not panic")).collect()
    });
    let mut cases = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(case) => cases.push(case),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if problems.is_empty() { Ok(cases) } else { Err(problems) }
}

/// [`read_documents`] for a file: a refusal, or an empty file, is an error.
pub fn read_documents_file(path: &std::path::Path) -> Result<Vec<Case>, InterchangeError> {
    let bytes = zeroize::Zeroizing::new(std::fs::read(path).map_err(|e| InterchangeError::read(path, e))?);
    let cases = read_documents(&bytes).map_err(|problems| InterchangeError::Refused { problems })?;
    if cases.is_empty() {
        return Err(InterchangeError::Empty { path: path.to_path_buf() });
    }
    Ok(cases)
}

/// One document's bytes and where it starts.
struct Doc<'a> {
    number: usize,
    line: usize,
    bytes: &'a [u8],
}

fn read_one(doc: &Doc, template: &Value) -> Result<Case, Vec<Problem>> {
    let problem = |line: usize, field: String, kind| Problem { at: At::Document { number: doc.number, line }, field, kind };
    let text = std::str::from_utf8(doc.bytes).map_err(|e| {
        vec![problem(doc.line + count_lines(&doc.bytes[..e.valid_up_to()]), String::new(), ProblemKind::NotUtf8)]
    })?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let detail = e.to_string();
        let detail = detail.split(" at line ").next().unwrap_or(&detail).to_string();
        vec![problem(doc.line + e.line().saturating_sub(1), String::new(), ProblemKind::Syntax { detail })]
    })?;
    let Value::Object(mut fields) = value else {
        return Err(vec![problem(doc.line, String::new(), ProblemKind::NotAnObject)]);
    };
    let mut found = Vec::new();
    for key in ASSIGNED {
        fields.remove(*key);
    }
    match fields.remove("attachments") {
        Some(Value::Array(a)) if !a.is_empty() => found.push((String::from("attachments"), ProblemKind::Attachments)),
        _ => {}
    }
    let fields = Value::Object(fields);
    check_lengths(&fields, "", &mut found);
    let merged = fill(fields, template, "", &mut found);
    if found.is_empty() {
        match serde_path_to_error::deserialize::<_, Case>(merged) {
            Ok(case) if case.status == CaseStatus::Complete && !case.consent.is_recorded() => {
                found.push(("status".into(), ProblemKind::CompleteWithoutConsent));
            }
            Ok(case) => return Ok(case),
            Err(e) => {
                let field = e.path().to_string();
                found.push((field, ProblemKind::BadValue { detail: e.into_inner().to_string() }));
            }
        }
    }
    Err(found.into_iter().map(|(field, kind)| problem(doc.line, field, kind)).collect())
}

/// `doc` with every field it leaves out taken from `template`, and fields
/// the template does not have reported. Incidents are filled one by one
/// from a new incident (each with its own id); date fields also take text.
fn fill(doc: Value, template: &Value, path: &str, found: &mut Vec<(String, ProblemKind)>) -> Value {
    match (doc, template) {
        (Value::Object(given), Value::Object(defaults)) => {
            let mut out = defaults.clone();
            for (key, value) in given {
                let here = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                let Some(default) = defaults.get(&key) else {
                    found.push((here, ProblemKind::UnknownField));
                    continue;
                };
                let filled = match (key.as_str(), value) {
                    ("incidents", Value::Array(items)) if path.is_empty() => Value::Array(
                        items.into_iter().enumerate().map(|(i, item)| fill_incident(item, &format!("incidents[{i}]"), found)).collect(),
                    ),
                    ("date" | "start" | "end", Value::String(text)) => date_from_text(&text, default, &here, found),
                    (_, value) => fill(value, default, &here, found),
                };
                out.insert(key, filled);
            }
            Value::Object(out)
        }
        // Types are checked when the whole is read as a case.
        (doc, _) => doc,
    }
}

fn fill_incident(item: Value, path: &str, found: &mut Vec<(String, ProblemKind)>) -> Value {
    let template = serde_json::to_value(Incident::default()).expect("an incident always serializes");
    fill(item, &template, path, found)
}

/// A date field given as text: a range where the record holds a range
/// (an incident's `date`), a single date elsewhere; empty text is no date.
fn date_from_text(text: &str, default: &Value, path: &str, found: &mut Vec<(String, ProblemKind)>) -> Value {
    let is_range = default.get("start").is_some();
    let parsed = if is_range {
        DateRange::parse(text).map(|r| serde_json::to_value(r).expect("a date serializes"))
    } else if text.trim().is_empty() {
        Ok(Value::Null)
    } else {
        FuzzyDate::parse(text).map(|d| serde_json::to_value(d).expect("a date serializes"))
    };
    parsed.unwrap_or_else(|e| {
        found.push((path.to_string(), ProblemKind::BadValue { detail: e.to_string() }));
        default.clone()
    })
}

fn check_lengths(value: &Value, path: &str, found: &mut Vec<(String, ProblemKind)>) {
    match value {
        Value::String(s) if s.len() > MAX_TEXT_BYTES => {
            found.push((path.to_string(), ProblemKind::TooLong { limit: MAX_TEXT_BYTES }));
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_lengths(item, &format!("{path}[{i}]"), found);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                let here = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                check_lengths(item, &here, found);
            }
        }
        _ => {}
    }
}

/// The documents of an array (`[{…}, {…}]`) or of a stream of documents
/// (JSON Lines), by scanning brackets and strings only: a bad document is
/// still found whole, so the ones after it are checked too.
fn split(bytes: &[u8]) -> Vec<Doc<'_>> {
    let mut docs = Vec::new();
    let mut pos = skip_space(bytes, 0);
    let array = bytes.get(pos) == Some(&b'[');
    if array {
        pos = skip_space(bytes, pos + 1);
    }
    let mut line = 1 + count_lines(&bytes[..pos]);
    while pos < bytes.len() {
        if array && bytes[pos] == b']' {
            let rest = skip_space(bytes, pos + 1);
            if rest < bytes.len() {
                // Something after the closing bracket: let JSON say what.
                line += count_lines(&bytes[pos..rest]);
                docs.push(Doc { number: docs.len() + 1, line, bytes: &bytes[rest..] });
            }
            break;
        }
        let end = value_end(bytes, pos);
        docs.push(Doc { number: docs.len() + 1, line, bytes: &bytes[pos..end] });
        let mut next = skip_space(bytes, end);
        if array && bytes.get(next) == Some(&b',') {
            next = skip_space(bytes, next + 1);
        }
        line += count_lines(&bytes[pos..next]);
        pos = next;
    }
    docs
}

/// Where the JSON value starting at `start` ends: after its closing
/// bracket, or for a bare value at the next separator.
fn value_end(bytes: &[u8], start: usize) -> usize {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            b',' | b']' | b'\n' if depth == 0 && i > start => return i,
            _ => {}
        }
    }
    bytes.len()
}

fn skip_space(bytes: &[u8], mut pos: usize) -> usize {
    while bytes.get(pos).is_some_and(|b| b.is_ascii_whitespace()) {
        pos += 1;
    }
    pos
}

fn count_lines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

#[cfg(test)]
mod tests {
    use super::{read_documents, split};
    use crate::interchange::error::{At, ProblemKind};

    #[test]
    fn splits_arrays_and_lines_keeping_each_start() {
        let array = b"[\n {\"a\": \"]\\\"}\"},\n {\"b\": [1, {}]}\n]\n";
        let docs = split(array);
        assert_eq!(docs.iter().map(|d| (d.number, d.line)).collect::<Vec<_>>(), vec![(1, 2), (2, 3)]);
        assert_eq!(docs[0].bytes, b"{\"a\": \"]\\\"}\"}");
        let lines = b"{\"a\": 1}\n\n{\"b\": 2}\n";
        let docs = split(lines);
        assert_eq!(docs.iter().map(|d| d.line).collect::<Vec<_>>(), vec![1, 3]);
        assert!(split(b"  \n ").is_empty() && split(b"[]").is_empty());
    }

    #[test]
    fn a_partial_document_takes_the_defaults() {
        let cases = read_documents(br#"{"interviewee": {"pseudonym": "A"}, "narrative": "x"}"#).unwrap();
        assert_eq!(cases[0].interviewee.pseudonym, "A");
        assert_eq!(cases[0].narrative, "x");
        assert!(cases[0].incidents.is_empty() && cases[0].interview.date.is_none());
    }

    #[test]
    fn problems_name_document_line_and_field() {
        let text = b"{\"narrative\": \"ok\"}\n{\"interviewee\": {\"birth_year\": \"the seventies\"}}\n{\"incidents\": [{}, {\"violation\": \"Nope\"}]}\n";
        let problems = read_documents(text).unwrap_err();
        let got: Vec<_> = problems.iter().map(|p| (p.at.clone(), p.field.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (At::Document { number: 2, line: 2 }, "interviewee.birth_year"),
                (At::Document { number: 3, line: 3 }, "incidents[1].violation"),
            ]
        );
        assert!(matches!(&problems[1].kind, ProblemKind::BadValue { detail } if detail.contains("unknown variant")));
    }

    #[test]
    fn dates_come_as_the_record_stores_them_or_as_text() {
        let doc = br#"{"interview": {"date": "~2019-03"}, "incidents": [{"date": "2018 ~ 2019-06"}],
                      "consent": {"date": {"year": 2020, "month": null, "day": null, "approximate": false}}}"#;
        let case = read_documents(doc).unwrap().remove(0);
        assert_eq!(case.interview.date.as_ref().unwrap().to_iso(), "~2019-03");
        assert_eq!(case.incidents[0].date.to_iso(), "2018 ~ 2019-06");
        assert_eq!(case.consent.date.as_ref().unwrap().to_iso(), "2020");
        let bad = read_documents(br#"{"interview": {"date": "yesterday"}}"#).unwrap_err();
        assert_eq!(bad[0].field, "interview.date");
    }
}
