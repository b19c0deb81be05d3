//! `recover`: a new passphrase set with the organisation's recovery
//! identity, for a forgotten passphrase or erased keys.

use super::{say, say_open_report, Context};
use crate::cli::args::RecoverArgs;
use crate::cli::error::CliError;
use crate::cli::secrets::{new_passphrase, vault_work_factor};
use crate::i18n::t_args;
use crate::vault::recovery::read_identity_file;
use crate::vault::Vault;

pub fn run(ctx: &Context, args: RecoverArgs) -> Result<(), CliError> {
    let dir = ctx.vault_dir()?;
    let identities = read_identity_file(&args.identity)?;
    let new = new_passphrase(args.new_passphrase_file.as_deref())?;
    let vault = Vault::recover(&dir, &identities, &new, vault_work_factor(args.work_factor))?;
    say_open_report(&vault);
    say(t_args("cli-recover-done", &[("dir", &dir.display().to_string()), ("cases", &vault.len().to_string())]));
    Ok(())
}
