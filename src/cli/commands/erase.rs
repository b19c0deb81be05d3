//! `erase --yes`: every copy of the key material destroyed at once. No
//! passphrase is asked: the point is speed when the laptop is about to be
//! taken. Without `--yes` nothing happens.

use super::{say, Context};
use crate::cli::args::EraseArgs;
use crate::cli::error::CliError;
use crate::i18n::{t, t_args};
use crate::vault::erase::erase_keys;

pub fn run(ctx: &Context, args: EraseArgs) -> Result<(), CliError> {
    let dir = ctx.existing_vault_dir()?;
    if !args.yes {
        return Err(CliError::EraseNeedsYes);
    }
    let erased = erase_keys(&dir)?;
    say(t_args("cli-erase-done", &[("dir", &dir.display().to_string()), ("files", &erased.files.len().to_string())]));
    say(if erased.recoverable { t("cli-erase-recoverable") } else { t("cli-erase-not-recoverable") });
    Ok(())
}
