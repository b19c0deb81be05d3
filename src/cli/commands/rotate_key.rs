//! `rotate-key`: a new vault key, every file re-encrypted under it, the old
//! key's copies destroyed. The passphrase stays the same.

use super::{say, Context};
use crate::cli::error::CliError;
use crate::i18n::t_args;

pub fn run(ctx: &Context) -> Result<(), CliError> {
    let passphrase = ctx.passphrase.read()?;
    let mut vault = ctx.open_with(&passphrase)?;
    let rotated = vault.rotate_key(&passphrase)?;
    say(t_args("cli-rotate-done", &[("files", &rotated.to_string())]));
    Ok(())
}
