//! `passwd`: the vault's passphrase changed (only the key files are
//! rewritten; the vault key stays, see `rotate-key`).

use super::{say, Context};
use crate::cli::args::PasswdArgs;
use crate::cli::error::CliError;
use crate::cli::secrets::{new_passphrase, vault_work_factor};
use crate::i18n::t;
use crate::vault::Vault;

pub fn run(ctx: &Context, args: PasswdArgs) -> Result<(), CliError> {
    let old = ctx.passphrase.read()?;
    let mut vault = Vault::open(&ctx.existing_vault_dir()?, &old)?;
    let new = new_passphrase(args.new_passphrase_file.as_deref())?;
    vault.change_passphrase(&old, &new, vault_work_factor(args.work_factor))?;
    say(t("cli-passwd-done"));
    // Plainly: an old copy of the key file still opens with the old one.
    say(t("cli-passwd-not-rotated"));
    Ok(())
}
