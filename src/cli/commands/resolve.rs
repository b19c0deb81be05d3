//! `resolve`: a conflict settled by keeping ours, taking theirs, or ours
//! with the fields named by `--take-theirs` from theirs.

use super::{say, Context};
use crate::cli::args::{KeepArg, ResolveArgs};
use crate::cli::error::CliError;
use crate::i18n::t_args;
use crate::vault::conflicts::Resolution;
use crate::model::merge;
use crate::vault::{editor_name, VaultError};

pub fn run(ctx: &Context, args: ResolveArgs) -> Result<(), CliError> {
    let ResolveArgs { id, keep, take_theirs } = args;
    if !take_theirs.is_empty() && !matches!(keep, KeepArg::Merged) {
        return Err(CliError::TakeTheirsNeedsMerged);
    }
    let mut vault = ctx.open()?;
    let editor = editor_name(vault.config(), None);
    let case = match keep {
        KeepArg::Ours => vault.resolve_conflict(id, Resolution::KeepOurs, &editor)?,
        KeepArg::Theirs => vault.resolve_conflict(id, Resolution::TakeTheirs, &editor)?,
        KeepArg::Merged => vault.merge_conflict(id, &merge::parse_fields(&take_theirs).map_err(VaultError::from)?, &editor)?,
    };
    say(t_args("cli-resolve-done", &[("code", &case.code), ("revision", &case.revision().to_string())]));
    Ok(())
}
