//! `verify`: a bundle opened and checked entry by entry, nothing imported.
//! With identity files (or a passphrase) no vault is needed.

use super::{say, Context};
use crate::bundle::{self, Unlock};
use crate::cli::args::VerifyArgs;
use crate::cli::error::CliError;
use crate::cli::secrets::{bundle_unlock, needs_passphrase};
use crate::i18n::{t, t_args};
use crate::vault::signing::SignerKey;

pub fn run(ctx: &Context, args: VerifyArgs) -> Result<(), CliError> {
    let mut own = Unlock::default();
    // The vault, when it opens the bundle, also says whether it trusts the signer.
    let mut vault = None;
    if args.identity.is_empty() && !needs_passphrase(&args.file)? {
        let v = ctx.open()?;
        own.identities.push(v.key().identity().clone());
        vault = Some(v);
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
    let signer = SignerKey::parse(&m.signer).ok();
    let fingerprint = signer.as_ref().map(SignerKey::fingerprint).unwrap_or_default();
    say(t_args("cli-verify-signer", &[("fingerprint", &fingerprint)]));
    if let (Some(v), Some(k)) = (&vault, &signer) {
        say(match v.signer_name(k) {
            Some(name) => t_args("cli-verify-trusted", &[("name", &name)]),
            None => t("cli-verify-untrusted"),
        });
    }
    Ok(())
}
