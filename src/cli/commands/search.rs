//! `search QUERY… [--json]`: the window's search over every case (text
//! normalised, names and places matched across Hangul and romanisations:
//! see [`crate::search`]), printing the codes and pseudonyms that match.
//! The index comes from disk ([`crate::search::store`]): no case is
//! decrypted unless it changed since it was indexed. The case files' sizes
//! and times are read while the index loads (from a cold cache, both wait
//! on the disk) and checked before the query, so the answer is the same
//! as after a full open.

use super::Context;
use crate::cli::args::SearchArgs;
use crate::cli::error::{say_error, CliError};
use crate::i18n::t_args;
use crate::search::store;
use crate::vault::CaseCheck;
use std::io::{BufWriter, Write};

/// One match, as `--json` prints it (keys in the order printed before).
#[derive(serde::Serialize)]
struct Hit<'a> {
    code: &'a str,
    id: uuid::Uuid,
    pseudonym: &'a str,
}

pub fn run(ctx: &Context, args: SearchArgs) -> Result<(), CliError> {
    let mut vault = ctx.open_checking(&ctx.passphrase.read()?, CaseCheck::Later)?;
    let (mut index, report, scan) = store::open_while_scanning(&vault);
    let checked = vault.apply_case_scan(scan?);
    let unreadable = store::apply_check(&vault, &mut index, &checked);
    for said in checked.said.iter().map(ToString::to_string).chain(unreadable.iter().map(ToString::to_string)) {
        say_error(said);
    }
    let found = index.search(&args.query.join(" "));
    let mut hits: Vec<_> = found.iter().filter_map(|id| vault.summary(*id)).collect();
    hits.sort_by(|a, b| a.code.cmp(&b.code));
    // Buffered: stdout writes each line at once otherwise, and a search
    // can match 100,000 cases. A closed stdout (`| head`) is no error.
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.json {
        let rows: Vec<Hit<'_>> = hits.iter().map(|c| Hit { code: &c.code, id: c.id, pseudonym: &c.pseudonym }).collect();
        let _ = serde_json::to_writer_pretty(&mut out, &rows).map(|()| writeln!(out));
    } else {
        for c in &hits {
            let _ = writeln!(out, "{}", t_args("cli-case-line", &[("code", &c.code), ("pseudonym", &c.pseudonym)]));
        }
        let _ = writeln!(out, "{}", t_args("cli-search-count", &[("count", &hits.len().to_string())]));
    }
    drop(out);
    if !report.damaged.is_empty() {
        say_error(t_args("cli-search-damaged", &[("count", &report.damaged.len().to_string())]));
    }
    for notice in report.notices() {
        say_error(notice);
    }
    Ok(())
}
