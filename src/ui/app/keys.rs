//! Carrying out the Keys section of the settings: recovery recipients,
//! rotation, erase. Rotation re-encrypts every file, so it runs as a
//! background job under the overlay (like an import); erase only touches
//! the key files and is immediate.

use super::busy::Outcome;
use super::session::Session;
use super::App;
use crate::i18n::{t, t_args};
use crate::ui::KeyAction;
use crate::vault::erase::erase_keys;

impl App {
    pub(super) fn act_on_keys(&mut self, action: KeyAction) {
        let Some(s) = &mut self.session else { return };
        let Some(vault) = s.vault.handle() else { return };
        let result = match action {
            KeyAction::SetRecovery(keys) => {
                let count = keys.len();
                vault.write().set_recovery_recipients(keys).map(|()| t_args("keys-recovery-saved", &[("count", &count.to_string())]))
            }
            KeyAction::Rotate(passphrase) => {
                let started = s.start_job(&self.ctx, vault, t("keys-rotating"), move |vault, _| {
                    let mut vault = vault.write().unwrap_or_else(|e| e.into_inner());
                    let result = vault.rotate_key(&passphrase);
                    Outcome::Rotated {
                        result: result.map(|n| t_args("cli-rotate-done", &[("files", &n.to_string())])).map_err(|e| e.to_string()),
                    }
                });
                if let Err(e) = started {
                    keys_done(s, Err(e));
                }
                return;
            }
            KeyAction::Erase => {
                let dir = vault.read().dir().to_path_buf();
                drop(vault);
                let erased = erase_keys(&dir);
                // Locked whatever happened: what is left must not stay open.
                let notice = match erased {
                    Ok(e) if e.recoverable => t("keys-erased-recoverable"),
                    Ok(_) => t("keys-erased"),
                    Err(e) => t_args("keys-erase-failed", &[("detail", &e.to_string())]),
                };
                if let Some(s) = &mut self.session {
                    s.form = None;
                }
                self.lock_now(Some(notice));
                return;
            }
        };
        keys_done(s, result.map_err(|e| e.to_string()));
    }
}

/// Show what a key action did (or why not) in the Keys section.
pub(super) fn keys_done(s: &mut Session, result: Result<String, String>) {
    let Some(p) = s.settings.as_mut() else { return };
    match result {
        Ok(n) => {
            p.keys.notice = Some(n);
            p.keys.error = None;
        }
        Err(e) => {
            p.keys.notice = None;
            p.keys.error = Some(e);
        }
    }
}
