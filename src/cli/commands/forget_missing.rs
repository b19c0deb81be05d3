//! `forget-missing`: cases whose files vanished are dropped from the index.

use super::{say, Context};
use crate::cli::error::CliError;
use crate::i18n::t_args;

pub fn run(ctx: &Context) -> Result<(), CliError> {
    let mut vault = ctx.open()?;
    let n = vault.forget_missing()?;
    say(t_args("list-forgot-missing", &[("count", &n.to_string())]));
    Ok(())
}
