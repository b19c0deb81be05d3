//! `list`: the cases, as an aligned table or as JSON.

use super::{say, Context};
use crate::cli::args::ListArgs;
use crate::cli::error::CliError;
use crate::i18n::labels::status_label;
use crate::i18n::{t, t_args};
use crate::model::CaseSummary;

pub fn run(ctx: &Context, args: ListArgs) -> Result<(), CliError> {
    let vault = ctx.open()?;
    let mut rows: Vec<&CaseSummary> = vault.summaries().collect();
    rows.sort_by(|a, b| a.code.cmp(&b.code));
    if args.json {
        say(serde_json::to_string_pretty(&rows).map_err(|e| CliError::io("-", e))?);
        return Ok(());
    }
    say(table(&rows));
    say(t_args("cli-list-count", &[("count", &rows.len().to_string())]));
    let conflicts = vault.list_conflicts().len();
    if conflicts > 0 {
        say(t_args("cli-list-conflicts", &[("count", &conflicts.to_string())]));
    }
    Ok(())
}

/// The case list as an aligned text table.
fn table(rows: &[&CaseSummary]) -> String {
    let header = ["cli-col-code", "cli-col-status", "cli-col-interview", "cli-col-pseudonym", "cli-col-revision", "cli-col-updated"];
    let mut lines: Vec<[String; 6]> = vec![header.map(t)];
    for s in rows {
        lines.push([
            s.code.clone(),
            status_label(s.status),
            s.interview_date.as_ref().map(|d| d.to_iso()).unwrap_or_default(),
            s.pseudonym.clone(),
            s.revision.to_string(),
            s.updated.date().to_string(),
        ]);
    }
    let mut widths = [0usize; 6];
    for l in &lines {
        for (i, cell) in l.iter().enumerate() {
            widths[i] = widths[i].max(width(cell));
        }
    }
    let row = |l: &[String; 6]| {
        let mut row = String::new();
        for (i, cell) in l.iter().enumerate() {
            row.push_str(cell);
            if i + 1 < l.len() {
                row.push_str(&" ".repeat(widths[i] - width(cell) + 2));
            }
        }
        row.trim_end().to_string()
    };
    lines.iter().map(row).collect::<Vec<_>>().join("\n")
}

/// Columns a cell takes in a terminal: Hangul takes two.
fn width(s: &str) -> usize {
    s.chars().map(|c| if ('\u{1100}'..='\u{d7af}').contains(&c) { 2 } else { 1 }).sum()
}
