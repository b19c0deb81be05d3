//! Carrying out the Keys section of the settings: recovery recipients,
//! rotation, erase. Rotation re-encrypts every file on the UI thread (a
//! few seconds for thousands of cases); erase only touches the key files.

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
            KeyAction::Rotate(passphrase) => vault
                .write()
                .rotate_key(&passphrase)
                .map(|n| t_args("cli-rotate-done", &[("files", &n.to_string())])),
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
        if let Some(p) = s.settings.as_mut() {
            match result {
                Ok(n) => {
                    p.keys.notice = Some(n);
                    p.keys.error = None;
                }
                Err(e) => {
                    p.keys.notice = None;
                    p.keys.error = Some(e.to_string());
                }
            }
        }
    }
}
