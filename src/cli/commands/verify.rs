//! `verify`: a bundle opened and checked entry by entry, nothing imported.
//! With identity files (or a passphrase) no vault is needed.

use super::{say, Context};
use crate::bundle::{self, Unlock};
use crate::cli::args::VerifyArgs;
use crate::cli::error::CliError;
use crate::cli::secrets::{bundle_unlock, needs_passphrase};
use crate::i18n::t_args;

pub fn run(ctx: &Context, args: VerifyArgs) -> Result<(), CliError> {
    let mut own = Unlock::default();
    if args.identity.is_empty() && !needs_passphrase(&args.file)? {
        own.identities.push(ctx.open()?.key().identity().clone());
    }
    let unlock = bundle_unlock(own, &args.file, &args.identity, args.bundle_passphrase_file.as_deref())?;
    let m = bundle::verify(&args.file, &unlock)?;
    let exported = m.exported_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
    say(t_args(
        "cli-verify-ok",
        &[
            ("path", &args.file.display().to_string()),
            ("count", &m.cases.len().to_string()),
            ("attachments", &m.attachments.len().to_string()),
            ("profile", &m.profile.label()),
            ("exported", &exported),
            ("vault", &m.vault_id.to_string()),
        ],
    ));
    for c in &m.cases {
        say(format!("  {}  r{}  {}", c.code, c.revision, c.sha256));
    }
    Ok(())
}
