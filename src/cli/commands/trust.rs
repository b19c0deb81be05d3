//! `trust add KEY --name NAME`, `trust list`, `trust remove SIGNER`: whose
//! bundles this vault imports. This vault's own key is always trusted.

use super::{say, Context};
use crate::cli::args::{TrustAction, TrustArgs};
use crate::cli::error::CliError;
use crate::i18n::{t, t_args};
use crate::vault::Vault;
use time::format_description::well_known::Rfc3339;

pub fn run(ctx: &Context, args: TrustArgs) -> Result<(), CliError> {
    let mut vault = ctx.open()?;
    match args.action {
        TrustAction::Add(a) => {
            let s = vault.trust_signer(&a.name, &key_text(&a.key)?)?;
            say(t_args("cli-trust-added", &[("name", &s.name), ("fingerprint", &s.fingerprint())]));
        }
        TrustAction::List => list(&vault)?,
        TrustAction::Remove(a) => {
            let s = vault.untrust_signer(&a.signer)?;
            say(t_args("cli-trust-removed", &[("name", &s.name), ("fingerprint", &s.fingerprint())]));
        }
    }
    Ok(())
}

/// The key as given, or read from a `.pub` file when the one argument
/// names a file.
fn key_text(words: &[String]) -> Result<String, CliError> {
    match words {
        [one] if std::path::Path::new(one).is_file() => {
            std::fs::read_to_string(one).map_err(|e| CliError::io(std::path::Path::new(one), e))
        }
        _ => Ok(words.join(" ")),
    }
}

/// This vault first, then each trusted signer: name, fingerprint, when
/// added, and the public key on its own line.
fn list(vault: &Vault) -> Result<(), CliError> {
    let own = vault.signer()?;
    say(t_args("cli-trust-own", &[("fingerprint", &own.fingerprint())]));
    if vault.trust_list().signers.is_empty() {
        say(t("cli-trust-none"));
    }
    for s in &vault.trust_list().signers {
        let added = s.added.format(&Rfc3339).unwrap_or_default();
        say(t_args("cli-trust-line", &[("name", &s.name), ("fingerprint", &s.fingerprint()), ("added", &added)]));
        say(format!("    {}", s.key));
    }
    Ok(())
}
