//! The Keys section of the settings: organisation recovery recipients, key
//! rotation and the emergency erase. Returns a [`KeyAction`]; the app
//! carries it out (`app/keys.rs`).

use crate::i18n::t;
use crate::ui::widgets::{error_text, expire_notice, field_id, OK_COLOUR};
use crate::ui::{Action, KeyAction};
use crate::vault::crypto::secret_from;
use egui::{RichText, Ui};

pub struct KeysPanel {
    recovery_text: String,
    recovery_errors: Vec<String>,
    rotate_passphrase: String,
    /// The erase button was pressed once: the next press erases.
    erase_armed: bool,
    /// Set by the app after an action, or when it failed.
    pub notice: Option<String>,
    /// Which notice is shown since when: it goes after a while.
    notice_seen: Option<(String, f64)>,
    pub error: Option<String>,
}

impl KeysPanel {
    pub fn new(recovery_recipients: &[String]) -> KeysPanel {
        KeysPanel {
            recovery_text: recovery_recipients.join("\n"),
            recovery_errors: Vec::new(),
            rotate_passphrase: String::new(),
            erase_armed: false,
            notice: None,
            notice_seen: None,
            error: None,
        }
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        ui.heading(t("keys-title"));
        action = action.or(self.recovery(ui));
        ui.add_space(10.0);
        action = action.or(self.rotation(ui));
        ui.add_space(10.0);
        action = action.or(self.erase(ui));
        expire_notice(ui, &mut self.notice, &mut self.notice_seen);
        if let Some(n) = &self.notice {
            ui.label(RichText::new(n).color(OK_COLOUR));
        }
        if let Some(e) = &self.error {
            error_text(ui, e);
        }
        action
    }

    fn recovery(&mut self, ui: &mut Ui) -> Option<Action> {
        let l = ui.label(t("keys-recovery"));
        ui.add(
            egui::TextEdit::multiline(&mut self.recovery_text)
                .id(field_id("keys.recovery"))
                .font(egui::TextStyle::Monospace)
                .desired_rows(2)
                .desired_width(560.0)
                .hint_text("age1…"),
        )
        .labelled_by(l.id);
        ui.label(RichText::new(t("keys-recovery-hint")).small());
        for e in &self.recovery_errors {
            error_text(ui, e);
        }
        if !ui.button(t("keys-recovery-save")).clicked() {
            return None;
        }
        match super::settings::parse_recipients(&self.recovery_text) {
            Ok(keys) => {
                self.recovery_errors.clear();
                Some(Action::Keys(KeyAction::SetRecovery(keys)))
            }
            Err(errors) => {
                self.recovery_errors = errors;
                None
            }
        }
    }

    fn rotation(&mut self, ui: &mut Ui) -> Option<Action> {
        ui.label(RichText::new(t("keys-rotate-hint")).small());
        let mut action = None;
        ui.horizontal(|ui| {
            let l = ui.label(t("keys-rotate-passphrase"));
            ui.add(
                egui::TextEdit::singleline(&mut self.rotate_passphrase)
                    .id(field_id("keys.rotate-passphrase"))
                    .password(true)
                    .desired_width(240.0),
            )
            .labelled_by(l.id);
            if ui.button(t("keys-rotate")).clicked() && !self.rotate_passphrase.is_empty() {
                let typed = std::mem::take(&mut self.rotate_passphrase);
                action = Some(Action::Keys(KeyAction::Rotate(secret_from(typed))));
            }
        });
        action
    }

    /// One confirmation: the first press arms, the second erases.
    fn erase(&mut self, ui: &mut Ui) -> Option<Action> {
        ui.label(RichText::new(t("keys-erase-hint")).small());
        let danger = egui::Color32::from_rgb(0xb0, 0x20, 0x20);
        if !self.erase_armed {
            if ui.button(RichText::new(t("keys-erase")).color(danger)).clicked() {
                self.erase_armed = true;
            }
            return None;
        }
        let mut action = None;
        ui.horizontal(|ui| {
            ui.label(RichText::new(t("keys-erase-confirm-text")).color(danger).strong());
            if ui.button(RichText::new(t("keys-erase-confirm")).color(danger).strong()).clicked() {
                action = Some(Action::Keys(KeyAction::Erase));
            }
            if ui.button(t("keys-erase-cancel")).clicked() {
                self.erase_armed = false;
            }
        });
        action
    }
}
