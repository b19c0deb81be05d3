//! `show CASE [--json]`: one case, as a page of text (identifying fields
//! marked ◆) or as the JSON document `add` reads back.

use super::{find_case, say, Context};
use crate::cli::args::ShowArgs;
use crate::cli::error::CliError;
use crate::interchange::{json, show};

pub fn run(ctx: &Context, args: ShowArgs) -> Result<(), CliError> {
    let vault = ctx.open()?;
    let case = vault.load_case(find_case(&vault, &args.case)?)?;
    say(if args.json { json::case_to_json(&case) } else { show::case_text(&case) });
    Ok(())
}
