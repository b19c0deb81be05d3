//! `init`: a new vault in the vault folder.

use super::{say, Context};
use crate::cli::args::InitArgs;
use crate::cli::error::CliError;
use crate::cli::secrets::vault_work_factor;
use crate::i18n::t_args;
use crate::vault::{CreateOptions, Vault};

pub fn run(ctx: &Context, args: InitArgs) -> Result<(), CliError> {
    let dir = ctx.vault_dir()?;
    let pass = ctx.passphrase.read_new()?;
    let vault = Vault::create_with(&dir, &pass, &CreateOptions { work_factor: vault_work_factor(args.work_factor) })?;
    say(t_args("cli-init-done", &[("dir", &dir.display().to_string())]));
    say(t_args("cli-vault-recipient", &[("recipient", &vault.recipient())]));
    Ok(())
}
