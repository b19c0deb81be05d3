//! `signer`: this vault's signing key. The fingerprint first (to read aloud
//! when someone trusts this vault), then the OpenSSH public key alone on
//! the last line, so a script can take it for `trust add` elsewhere.

use super::{say, Context};
use crate::cli::error::CliError;
use crate::i18n::t_args;

pub fn run(ctx: &Context) -> Result<(), CliError> {
    let vault = ctx.open()?;
    let key = vault.signer()?;
    say(t_args("cli-signer-fingerprint", &[("fingerprint", &key.fingerprint())]));
    say(key.openssh());
    Ok(())
}
