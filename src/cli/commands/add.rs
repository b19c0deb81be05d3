//! `add FILE`: new cases from JSON case documents, all or nothing (see
//! [`crate::interchange::json`]). Each gets the next code and its first
//! revision the way any save makes one.

use super::{say, Context};
use crate::cli::args::AddArgs;
use crate::cli::error::CliError;
use crate::cli::progress::Progress;
use crate::i18n::{t, t_args};
use crate::interchange;
use crate::model::Case;
use crate::vault::editor_name;

pub fn run(ctx: &Context, args: AddArgs) -> Result<(), CliError> {
    let mut vault = ctx.open()?;
    let editor = editor_name(vault.config(), None);
    let added = {
        let progress = Progress::start(t("cli-progress-adding"));
        vault.set_batch_progress(progress.batch_hook());
        interchange::add_documents(&mut vault, &args.file, &editor)?
    };
    if args.verbose {
        list_cases(&added);
    }
    let code = |c: Option<&Case>| c.map_or(String::new(), |c| c.code.clone());
    say(t_args(
        "cli-add-done",
        &[("count", &added.len().to_string()), ("first", &code(added.first())), ("last", &code(added.last()))],
    ));
    Ok(())
}

/// One line a case: its code and pseudonym.
pub fn list_cases(cases: &[Case]) {
    for c in cases {
        say(t_args("cli-case-line", &[("code", &c.code), ("pseudonym", &c.interviewee.pseudonym)]));
    }
}
