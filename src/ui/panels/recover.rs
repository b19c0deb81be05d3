//! Recovery on the unlock screen: the organisation's identity file and a
//! new passphrase, for a forgotten passphrase or erased keys.

use crate::i18n::{t, t_args};
use crate::ui::widgets::{error_text, field_id};
use crate::ui::{Action, Start};
use crate::vault::crypto::secret_from;
use crate::vault::MIN_PASSPHRASE_CHARS;
use egui::Ui;
use std::path::PathBuf;
use zeroize::Zeroize;

#[derive(Default)]
pub struct RecoverForm {
    pub open: bool,
    pub identity: String,
    passphrase: String,
    error: Option<String>,
}

impl RecoverForm {
    pub fn ui(&mut self, ui: &mut Ui, dir: &str) -> Option<Action> {
        ui.add_space(16.0);
        ui.toggle_value(&mut self.open, t("unlock-recover-toggle"));
        if !self.open {
            return None;
        }
        let l = ui.label(t("unlock-recover-identity"));
        ui.add(egui::TextEdit::singleline(&mut self.identity).id(field_id("unlock.recover-identity")).desired_width(f32::INFINITY))
            .labelled_by(l.id);
        let l = ui.label(t("unlock-recover-new"));
        ui.add(
            egui::TextEdit::singleline(&mut self.passphrase)
                .id(field_id("unlock.recover-passphrase"))
                .password(true)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
        if let Some(e) = &self.error {
            error_text(ui, e);
        }
        if !ui.button(t("unlock-recover-button")).clicked() {
            return None;
        }
        if self.passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
            self.error = Some(t_args("unlock-strength-too-short", &[("min", &MIN_PASSPHRASE_CHARS.to_string())]));
            return None;
        }
        if dir.trim().is_empty() || self.identity.trim().is_empty() {
            self.error = Some(t("unlock-no-folder"));
            return None;
        }
        self.error = None;
        let passphrase = secret_from(std::mem::take(&mut self.passphrase));
        let identity = PathBuf::from(self.identity.trim());
        Some(Action::Start(Start::Recover { dir: PathBuf::from(dir.trim()), identity, passphrase }))
    }
}

impl Drop for RecoverForm {
    fn drop(&mut self) {
        self.passphrase.zeroize();
    }
}
