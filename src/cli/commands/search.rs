//! `search QUERY… [--json]`: the window's search over every case (text
//! normalised, names and places matched across Hangul and romanisations:
//! see [`crate::search`]), printing the codes and pseudonyms that match.
//! The index comes from disk ([`crate::search::store`]): no case is
//! decrypted unless it changed since it was indexed.

use super::{say, Context};
use crate::cli::args::SearchArgs;
use crate::cli::error::{say_error, CliError};
use crate::i18n::t_args;
use crate::search::store;

pub fn run(ctx: &Context, args: SearchArgs) -> Result<(), CliError> {
    let vault = ctx.open()?;
    let (mut index, report) = store::open(&vault);
    let found = index.search(&args.query.join(" "));
    let mut hits: Vec<_> = found.iter().filter_map(|id| vault.summary(*id)).collect();
    hits.sort_by(|a, b| a.code.cmp(&b.code));
    if args.json {
        let rows: Vec<_> =
            hits.iter().map(|c| serde_json::json!({ "id": c.id, "code": c.code, "pseudonym": c.pseudonym })).collect();
        say(serde_json::to_string_pretty(&rows).map_err(|e| CliError::io("-", e))?);
    } else {
        for c in &hits {
            say(t_args("cli-case-line", &[("code", &c.code), ("pseudonym", &c.pseudonym)]));
        }
        say(t_args("cli-search-count", &[("count", &hits.len().to_string())]));
    }
    if !report.damaged.is_empty() {
        say_error(t_args("cli-search-damaged", &[("count", &report.damaged.len().to_string())]));
    }
    for notice in report.notices() {
        say_error(notice);
    }
    Ok(())
}
