//! `history CASE [--diff A B] [--json]`: a case's revisions (who, when,
//! which fields, whether the content at that save is kept and checks), or
//! the fields that differ between two revisions, long texts word by word:
//! `[-deleted-]` and `{+inserted+}`, as `wdiff` and `git diff --word-diff`
//! mark them, so the change reads without colour.

use super::show::revision_of;
use super::{find_case, say, Context};
use crate::cli::args::HistoryArgs;
use crate::cli::error::CliError;
use crate::i18n::labels::{changed_field_label, changed_fields_text};
use crate::i18n::{t, t_args};
use crate::model::history::{differences, rebuild_all, Difference, Past};
use crate::model::{word_diff, Case, WordChange};
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;

pub fn run(ctx: &Context, args: HistoryArgs) -> Result<(), CliError> {
    let vault = ctx.open()?;
    let case = vault.load_case(find_case(&vault, &args.case)?)?;
    match args.diff.as_deref() {
        Some([a, b]) => compare(&case, *a, *b, args.json),
        _ => list(&case, args.json),
    }
}

fn content_key(p: &Past) -> &'static str {
    match p {
        Past::Rebuilt(_) => "kept",
        Past::NotKept => "not-kept",
        Past::Mismatch => "mismatch",
    }
}

/// Every revision, newest last; a revision whose kept content fails its
/// hash is an error after the list, so a script cannot miss it.
fn list(case: &Case, as_json: bool) -> Result<(), CliError> {
    let pasts = rebuild_all(case);
    let when = |r: &crate::model::Revision| r.at.format(&Rfc3339).unwrap_or_default();
    if as_json {
        let rows: Vec<Value> = case.history.iter().zip(&pasts).map(|(r, p)| {
            let labels: Vec<String> = r.changed_fields.iter().map(|f| changed_field_label(f)).collect();
            json!({"number": r.number, "at": when(r), "editor": r.editor, "changed_fields": r.changed_fields,
                   "changed": labels, "note": r.note, "content": content_key(p)})
        }).collect();
        say(serde_json::to_string_pretty(&json!({"case": case.code, "revisions": rows})).expect("JSON values serialize"));
    } else {
        say(format!("{}  r{}", case.code, case.revision()));
        for (r, p) in case.history.iter().zip(&pasts) {
            let content = t(&format!("history-content-{}", content_key(p)));
            let mut fields = changed_fields_text(&r.changed_fields);
            if !r.note.is_empty() {
                fields = format!("{fields} — {}", r.note);
            }
            let n = r.number.to_string();
            let args = [("number", n.as_str()), ("when", &when(r)), ("editor", &r.editor), ("content", &content), ("fields", &fields)];
            say(t_args("history-cli-line", &args));
        }
        if pasts.iter().any(|p| matches!(p, Past::NotKept)) {
            say(t("history-not-kept-explain"));
        }
    }
    let broken = case.history.iter().zip(&pasts).filter(|(_, p)| matches!(p, Past::Mismatch)).map(|(r, _)| r.number).max();
    match broken {
        Some(number) => Err(CliError::RevisionMismatch { code: case.code.clone(), number }),
        None => Ok(()),
    }
}

/// The fields that differ from revision `a` to revision `b`.
fn compare(case: &Case, a: u32, b: u32, as_json: bool) -> Result<(), CliError> {
    let (old, new) = (revision_of(case, a)?, revision_of(case, b)?);
    let diffs = differences(&old, &new);
    let (from, to) = (a.to_string(), b.to_string());
    if as_json {
        let fields: Vec<Value> = diffs.iter().map(|d| {
            let words: Vec<Value> = word_diff(&d.old, &d.new).into_iter().map(|(k, text)| json!({"change": change_key(k), "text": text})).collect();
            json!({"field": d.field.path(), "label": d.label, "old": d.old, "new": d.new, "words": words})
        }).collect();
        say(serde_json::to_string_pretty(&json!({"case": case.code, "from": a, "to": b, "fields": fields})).expect("JSON values serialize"));
        return Ok(());
    }
    say(t_args("history-compare-title", &[("from", &from), ("to", &to)]));
    if diffs.is_empty() {
        say(t_args("history-compare-none", &[("from", &from), ("to", &to)]));
    }
    for d in &diffs {
        say(field_text(d));
    }
    if diffs.iter().any(|d| d.field.sensitive()) {
        say(t("form-sensitive-explain"));
    }
    Ok(())
}

fn change_key(k: WordChange) -> &'static str {
    match k {
        WordChange::Same => "same",
        WordChange::Inserted => "inserted",
        WordChange::Deleted => "deleted",
    }
}

/// `label: words` (◆ on identifying fields), long or many-line values
/// under the label, indented.
fn field_text(d: &Difference) -> String {
    let marked: String = word_diff(&d.old, &d.new)
        .into_iter()
        .map(|(k, text)| match k {
            WordChange::Same => text,
            WordChange::Inserted => format!("{{+{text}+}}"),
            WordChange::Deleted => format!("[-{text}-]"),
        })
        .collect();
    let mark = if d.field.sensitive() { " ◆" } else { "" };
    if marked.contains('\n') || marked.chars().count() > 60 {
        let body: Vec<String> = marked.lines().map(|l| format!("    {l}")).collect();
        format!("  {}{mark}:\n{}", d.label, body.join("\n"))
    } else {
        format!("  {}{mark}: {marked}", d.label)
    }
}
