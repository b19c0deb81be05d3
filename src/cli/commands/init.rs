//! `init`: a new vault in the vault folder.

use super::{say, Context};
use crate::cli::args::InitArgs;
use crate::cli::error::CliError;
use crate::cli::secrets::vault_work_factor;
use crate::i18n::t_args;
use crate::vault::{recovery, CreateOptions, Vault};

pub fn run(ctx: &Context, args: InitArgs) -> Result<(), CliError> {
    let dir = ctx.vault_dir()?;
    // A mistyped recovery key is refused before anything is created.
    recovery::parse_recipients(&args.recovery_to)?;
    let pass = ctx.passphrase.read_new()?;
    let mut vault = Vault::create_with(&dir, &pass, &CreateOptions { work_factor: vault_work_factor(args.work_factor) })?;
    if !args.recovery_to.is_empty() {
        let count = args.recovery_to.len();
        vault.set_recovery_recipients(args.recovery_to)?;
        say(t_args("cli-init-recovery", &[("count", &count.to_string())]));
    }
    say(t_args("cli-init-done", &[("dir", &dir.display().to_string())]));
    say(t_args("cli-vault-recipient", &[("recipient", &vault.recipient())]));
    Ok(())
}
