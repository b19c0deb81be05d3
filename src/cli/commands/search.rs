//! `search QUERY… [--json]`: the window's search over every case (text
//! normalised, names and places matched across Hangul and romanisations:
//! see [`crate::search`]), printing the codes and pseudonyms that match.
//! The index comes from disk ([`crate::search::store`]): no case is
//! decrypted unless it changed since it was indexed. Every case file's size
//! and time is checked before the query, so the answer is the same as
//! after a full open; the index is decrypted meanwhile, beside the open
//! (which, from a cold cache, mostly waits on the disk).

use super::{say_open_report, Context};
use crate::cli::args::SearchArgs;
use crate::cli::error::{say_error, CliError};
use crate::i18n::t_args;
use crate::search::store;
use crate::vault::{CaseCheck, Vault};
use std::io::{BufWriter, Write};

/// One match, as `--json` prints it (keys in the order printed before).
#[derive(serde::Serialize)]
struct Hit<'a> {
    code: &'a str,
    id: uuid::Uuid,
    pseudonym: &'a str,
}

pub fn run(ctx: &Context, args: SearchArgs) -> Result<(), CliError> {
    let dir = ctx.existing_vault_dir()?;
    let (vault, read) = Vault::open_beside(&dir, &ctx.passphrase.read()?, CaseCheck::Now, |key| store::read(&dir, key))?;
    say_open_report(&vault);
    let (mut index, report) = store::open_read(&vault, read);
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
