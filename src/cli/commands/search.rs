//! `search QUERY… [--json]`: the window's search over every case (text
//! normalised, names and places matched across Hangul and romanisations:
//! see [`crate::search`]), printing the codes and pseudonyms that match.

use super::{say, Context};
use crate::cli::args::SearchArgs;
use crate::cli::error::{say_error, CliError};
use crate::i18n::t_args;
use crate::search::SearchIndex;
use std::collections::HashSet;

pub fn run(ctx: &Context, args: SearchArgs) -> Result<(), CliError> {
    let vault = ctx.open()?;
    let (cases, damaged): (Vec<_>, Vec<_>) = vault.load_all().into_iter().partition(Result::is_ok);
    let cases: Vec<_> = cases.into_iter().flatten().collect();
    let mut index = SearchIndex::build(cases.iter());
    let found: HashSet<_> = index.search(&args.query.join(" ")).into_iter().collect();
    let mut hits: Vec<_> = cases.iter().filter(|c| found.contains(&c.id)).collect();
    hits.sort_by(|a, b| a.code.cmp(&b.code));
    if args.json {
        let rows: Vec<_> = hits
            .iter()
            .map(|c| serde_json::json!({ "id": c.id, "code": c.code, "pseudonym": c.interviewee.pseudonym }))
            .collect();
        say(serde_json::to_string_pretty(&rows).map_err(|e| CliError::io("-", e))?);
    } else {
        for c in &hits {
            say(t_args("cli-case-line", &[("code", &c.code), ("pseudonym", &c.interviewee.pseudonym)]));
        }
        say(t_args("cli-search-count", &[("count", &hits.len().to_string())]));
    }
    if !damaged.is_empty() {
        say_error(t_args("cli-search-damaged", &[("count", &damaged.len().to_string())]));
    }
    Ok(())
}
