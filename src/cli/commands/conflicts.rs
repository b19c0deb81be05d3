//! `conflicts`: the cases changed in two places, each with the fields that
//! differ (the names `resolve --take-theirs` accepts).

use super::{say, Context};
use crate::cli::error::{say_error, CliError};
use crate::i18n::{t, t_args};
use crate::model::merge::{differing_fields, joined_paths};
use crate::vault::conflicts::ConflictInfo;
use crate::vault::Vault;

pub fn run(ctx: &Context) -> Result<(), CliError> {
    let vault = ctx.open()?;
    let list = vault.list_conflicts();
    if list.is_empty() {
        say(t("cli-conflicts-none"));
    }
    for item in list {
        match item {
            Ok(c) => show(&vault, &c),
            Err(e) => say_error(&e),
        }
    }
    Ok(())
}

fn show(vault: &Vault, c: &ConflictInfo) {
    say(t_args(
        "cli-conflict-line",
        &[
            ("id", &c.id.to_string()),
            ("code", &c.code),
            ("revision", &c.theirs_revision.to_string()),
            ("vault", &c.source.vault_id.to_string()),
        ],
    ));
    match vault.load_conflict(c.id) {
        Ok((ours, theirs)) => {
            let fields = joined_paths(&differing_fields(&ours, &theirs));
            // Indented under its conflict line.
            say(format!("    {}", t_args("cli-conflict-fields", &[("fields", &fields)])));
        }
        Err(e) => say_error(&e),
    }
}
