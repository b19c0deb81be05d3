//! Settings' trusted signers: the section's values read from the vault,
//! and adding or removing a signer.

use super::jobs::VaultHandle;
use super::session::Session;
use crate::i18n::t_args;
use crate::ui::panels::signers::{SignerRow, SignersSection};
use crate::ui::TrustAction;
use crate::vault::Vault;
use time::format_description::well_known::Rfc3339;

/// The section as the vault stands now.
pub(super) fn signers_section(v: &Vault) -> SignersSection {
    let own = v.signer().ok().map(|k| (k.fingerprint(), k.openssh()));
    let rows = v
        .trust_list()
        .signers
        .iter()
        .map(|s| SignerRow {
            name: s.name.clone(),
            fingerprint: s.fingerprint(),
            added: s.added.format(&Rfc3339).unwrap_or_default(),
        })
        .collect();
    SignersSection::new(own, rows)
}

pub(super) fn act_on_trust(s: &mut Session, vault: VaultHandle, action: TrustAction) {
    let result = match action {
        TrustAction::Add { name, key } => vault.write().trust_signer(&name, &key).map(|t| ("settings-trusted-added", t)),
        TrustAction::Remove { name } => vault.write().untrust_signer(&name).map(|t| ("settings-trusted-removed", t)),
    };
    let Some(panel) = s.settings.as_mut() else { return };
    match result {
        Ok((key, signer)) => {
            // A fresh section: the typed key and name are cleared.
            panel.signers = signers_section(&vault.read());
            panel.signers.notice = Some(t_args(key, &[("name", &signer.name)]));
        }
        Err(e) => {
            panel.signers.notice = None;
            panel.signers.error = Some(e.to_string());
        }
    }
}
