//! `show CASE [--revision N] [--json]`: one case, as a page of text
//! (identifying fields marked ◆) or as the JSON document `add` reads back;
//! with `--revision`, the case as it was at that save (model::history).

use super::{find_case, say, Context};
use crate::cli::args::ShowArgs;
use crate::cli::error::CliError;
use crate::i18n::t_args;
use crate::interchange::{json, show};
use crate::model::history::{at_revision, Past};
use crate::model::Case;
use time::format_description::well_known::Rfc3339;

pub fn run(ctx: &Context, args: ShowArgs) -> Result<(), CliError> {
    let vault = ctx.open()?;
    let case = vault.load_case(find_case(&vault, &args.case)?)?;
    let Some(number) = args.revision else {
        say(if args.json { json::case_to_json(&case) } else { show::case_text(&case) });
        return Ok(());
    };
    let old = revision_of(&case, number)?;
    if args.json {
        say(json::case_to_json(&old));
    } else {
        let r = old.history.last().expect("a rebuilt revision has its history");
        let when = r.at.format(&Rfc3339).unwrap_or_default();
        let count = case.history.len().to_string();
        let head = t_args("history-viewing", &[("number", &number.to_string()), ("count", &count), ("when", &when), ("editor", &r.editor)]);
        say(format!("{head}\n{}", show::case_text(&old)));
    }
    Ok(())
}

/// The case as it was at revision `number`, or why it cannot be shown.
pub fn revision_of(case: &Case, number: u32) -> Result<Case, CliError> {
    let code = case.code.clone();
    match at_revision(case, number) {
        Some(Past::Rebuilt(c)) => Ok(*c),
        Some(Past::NotKept) => Err(CliError::RevisionNotKept { code, number }),
        Some(Past::Mismatch) => Err(CliError::RevisionMismatch { code, number }),
        None => Err(CliError::NoSuchRevision { code, number, count: case.history.len() }),
    }
}
