//! Settings' custody section: this vault's signing key (fingerprint and
//! public key, to give to whoever imports its bundles) and the trusted
//! signers, with adding and removing. Plain values in, actions out.

use crate::i18n::t;
use crate::ui::widgets::{error_text, expire_notice, field_id, OK_COLOUR};
use crate::ui::{Action, TrustAction};
use egui::{RichText, Ui};

/// One trusted signer as shown.
pub struct SignerRow {
    pub name: String,
    pub fingerprint: String,
    pub added: String,
}

#[derive(Default)]
pub struct SignersSection {
    /// This vault's key; `None` when it has none (the open report said why).
    own: Option<(String, String)>,
    rows: Vec<SignerRow>,
    new_key: String,
    new_name: String,
    pub notice: Option<String>,
    /// Which notice is shown since when: it goes after a while.
    notice_seen: Option<(String, f64)>,
    pub error: Option<String>,
}

impl SignersSection {
    /// `own`: this vault's fingerprint and public key line, if it has a
    /// key; `rows`: the trusted signers.
    pub fn new(own: Option<(String, String)>, rows: Vec<SignerRow>) -> SignersSection {
        SignersSection { own, rows, ..SignersSection::default() }
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<Action> {
        ui.heading(t("settings-signing"));
        match &self.own {
            Some((fingerprint, key)) => {
                ui.label(t("settings-signing-fingerprint"));
                ui.label(RichText::new(fingerprint).monospace().strong());
                let l = ui.label(t("settings-signing-public-key"));
                // A text field so it can be selected and copied; edits are dropped.
                let mut shown = key.clone();
                let field = egui::TextEdit::multiline(&mut shown)
                    .id(field_id("settings.signing-key"))
                    .font(egui::TextStyle::Monospace)
                    .desired_rows(2)
                    .desired_width(560.0);
                ui.add(field).labelled_by(l.id);
            }
            None => error_text(ui, &t("settings-signing-none")),
        }
        ui.add_space(8.0);
        ui.heading(t("settings-trusted"));
        let mut action = self.rows_ui(ui);
        action = action.or_else(|| self.add_ui(ui));
        expire_notice(ui, &mut self.notice, &mut self.notice_seen);
        if let Some(n) = &self.notice {
            ui.label(RichText::new(n).color(OK_COLOUR));
        }
        if let Some(e) = &self.error {
            error_text(ui, e);
        }
        action
    }

    fn rows_ui(&mut self, ui: &mut Ui) -> Option<Action> {
        if self.rows.is_empty() {
            ui.label(RichText::new(t("settings-trusted-none")).small());
            return None;
        }
        let mut action = None;
        egui::Grid::new("settings-trusted").num_columns(4).striped(true).spacing([16.0, 4.0]).show(ui, |ui| {
            for r in &self.rows {
                ui.label(&r.name);
                ui.label(RichText::new(&r.fingerprint).monospace().small());
                ui.label(RichText::new(&r.added).small());
                if ui.button(t("settings-trusted-remove")).on_hover_text(&r.name).clicked() {
                    action = Some(Action::Trust(TrustAction::Remove { name: r.name.clone() }));
                }
                ui.end_row();
            }
        });
        action
    }

    fn add_ui(&mut self, ui: &mut Ui) -> Option<Action> {
        let l = ui.label(t("settings-trusted-key"));
        let key = egui::TextEdit::singleline(&mut self.new_key)
            .id(field_id("settings.trust-key"))
            .font(egui::TextStyle::Monospace)
            .hint_text(t("settings-trusted-key-hint"))
            .desired_width(560.0);
        ui.add(key).labelled_by(l.id);
        let l = ui.label(t("settings-trusted-name"));
        let name = egui::TextEdit::singleline(&mut self.new_name).id(field_id("settings.trust-name")).desired_width(320.0);
        ui.add(name).labelled_by(l.id);
        if ui.button(t("settings-trusted-add")).clicked() {
            let (key, name) = (self.new_key.clone(), self.new_name.clone());
            return Some(Action::Trust(TrustAction::Add { name, key }));
        }
        None
    }
}
