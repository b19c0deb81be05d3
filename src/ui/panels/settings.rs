//! Settings kept inside the vault: idle lock, interface language, the
//! editor's name for the history, and the organisation's age public keys
//! offered for export.

use crate::ui::widgets::*;
use crate::ui::{Action, Nav};
use crate::i18n::{t, t_args, Lang};
use crate::ui::panels::signers::SignersSection;
use crate::vault::VaultConfig;
use egui::{RichText, Ui};

pub struct SettingsPanel {
    config: VaultConfig,
    idle_text: String,
    recipients_text: String,
    idle_error: Option<String>,
    recipient_errors: Vec<String>,
    /// The vault's own public key, shown for reference.
    vault_recipient: String,
    /// Set by the app after saving, or when saving failed.
    pub notice: Option<String>,
    /// Which notice is shown since when: "saved" goes after a while.
    notice_seen: Option<(String, f64)>,
    pub error: Option<String>,
    /// This vault's signing key and the trusted signers.
    pub signers: SignersSection,
    /// Recovery, rotation, erase: their own section.
    pub keys: super::keys::KeysPanel,
    /// The settings as saved, to tell unsaved changes.
    saved: VaultConfig,
    /// Where the user was going when the unsaved changes stopped them.
    leaving: Option<Action>,
    /// The user chose to drop the unsaved changes: let them leave.
    pub discarded: bool,
    /// The corroboration standard, kept with the events (set by the app).
    pub standard: Option<super::standard::StandardSection>,
    /// The input devices, once listed (set by the app; see settings_device).
    pub devices: Option<Vec<crate::audio::capture::DeviceInfo>>,
}

/// Parse the recipients box: one `age1…` key a line; blank lines and
/// `#` comments are ignored. Returns the keys or one message per bad line.
pub fn parse_recipients(text: &str) -> Result<Vec<String>, Vec<String>> {
    let mut keys = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.parse::<age::x25519::Recipient>() {
            Ok(r) => {
                let key = r.to_string();
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
            Err(_) => errors.push(t_args("settings-bad-recipient", &[("line", &(n + 1).to_string())])),
        }
    }
    if errors.is_empty() { Ok(keys) } else { Err(errors) }
}

impl SettingsPanel {
    pub fn new(config: VaultConfig, vault_recipient: String, signers: SignersSection) -> Self {
        SettingsPanel {
            keys: super::keys::KeysPanel::new(&config.recovery_recipients),
            saved: config.clone(),
            leaving: None,
            discarded: false,
            idle_text: config.idle_lock_minutes.to_string(),
            recipients_text: config.organisation_recipients.join("\n"),
            config,
            idle_error: None,
            recipient_errors: Vec::new(),
            vault_recipient,
            notice: None,
            notice_seen: None,
            error: None,
            signers,
            standard: None,
            devices: None,
        }
    }

    /// Whether something was changed and not saved (the keys and signers
    /// sections save at once and are not counted).
    pub fn is_dirty(&self) -> bool {
        let mut edited = self.config.clone();
        edited.recovery_recipients = self.saved.recovery_recipients.clone();
        edited != self.saved
            || self.idle_text.trim() != self.saved.idle_lock_minutes.to_string()
            || parse_recipients(&self.recipients_text).ok().as_ref() != Some(&self.saved.organisation_recipients)
    }

    /// The settings were saved as `config`.
    pub fn mark_saved(&mut self, config: VaultConfig) {
        self.saved = config;
        self.leaving = None;
    }

    /// Leaving was asked with unsaved changes: ask first, here.
    pub fn ask_before_leaving(&mut self, action: Action) {
        self.leaving = Some(action);
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        // "Saved" beside new unsaved edits would be stale: it goes with the
        // first change, or after a while.
        if self.notice.is_some() && self.is_dirty() {
            self.notice = None;
        }
        expire_notice(ui, &mut self.notice, &mut self.notice_seen);
        ui.horizontal(|ui| {
            if ui.button(t("review-back")).clicked() {
                action = Some(Action::Nav(Nav::List));
            }
            ui.heading(t("settings-title"));
            // After the heading, on its line: the question moves nothing.
            if self.leaving.is_some() {
                ui.separator();
                ui.label(RichText::new(t("settings-unsaved")).color(SENSITIVE_COLOUR));
                if ui.button(t("settings-discard")).clicked() {
                    self.discarded = true;
                    action = self.leaving.take();
                }
                if ui.button(t("leave-stay")).clicked() {
                    self.leaving = None;
                }
            }
        });
        ui.separator();
        egui::ScrollArea::vertical().id_salt("settings-scroll").show(ui, |ui| {
            egui::Grid::new("settings-grid").num_columns(2).spacing([16.0, 10.0]).show(ui, |ui| {
                self.idle_and_language(ui);
                self.editor_and_keys(ui);
            });
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if ui.button(RichText::new(t("settings-save")).strong()).clicked()
                    && let Some(config) = self.validated()
                {
                    action = Some(Action::SaveSettings(config));
                }
                if let Some(n) = &self.notice {
                    ui.label(RichText::new(n).color(OK_COLOUR));
                }
            });
            if let Some(e) = &self.error {
                error_text(ui, e);
            }
            ui.add_space(16.0);
            ui.separator();
            if let Some(a) = self.signers.ui(ui) {
                action = Some(a);
            }
            ui.add_space(12.0);
            ui.separator();
            if let Some(a) = self.keys.ui(ui) {
                action = Some(a);
            }
            if let Some(section) = &mut self.standard {
                ui.separator();
                ui.strong(t("events-standard-heading"));
                if let Some(a) = section.ui(ui) {
                    action = Some(a);
                }
            }
            // Saved with the settings above (Save settings).
            ui.separator();
            if let Some(a) = super::settings_device::device_block(ui, &mut self.config.input_device, self.devices.as_deref()) {
                action = Some(a);
            }
        });
        action
    }

    /// Grid rows: the idle lock and the interface language.
    fn idle_and_language(&mut self, ui: &mut Ui) {
        let l = ui.label(t("settings-idle"));
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut self.idle_text).id(field_id("settings.idle")).desired_width(60.0)).labelled_by(l.id);
            ui.label(RichText::new(t("settings-idle-hint")).small());
        });
        ui.end_row();
        if let Some(e) = &self.idle_error {
            ui.label("");
            error_text(ui, e);
            ui.end_row();
        }

        let l = ui.label(t("settings-language"));
        let current = Lang::from_code(&self.config.language);
        let name = |l: Option<Lang>| match l {
            None => t("settings-language-system"),
            Some(l) => l.native_name().to_string(),
        };
        egui::ComboBox::from_id_salt("settings-language")
            .selected_text(name(current))
            .show_ui(ui, |ui| {
                for choice in [None, Some(Lang::En), Some(Lang::Ko)] {
                    if ui.selectable_label(current == choice, name(choice)).clicked() {
                        self.config.language = choice.map(|l| l.code().to_string()).unwrap_or_default();
                    }
                }
            })
            .response
            .labelled_by(l.id);
        ui.end_row();

        ui.label("");
        ui.checkbox(&mut self.config.larger_text, t("settings-larger-text"));
        ui.end_row();
    }

    /// Grid rows: the editor's name, the organisation's keys, the vault's key.
    fn editor_and_keys(&mut self, ui: &mut Ui) {
        let l = ui.label(t("settings-editor"));
        ui.add(
            egui::TextEdit::singleline(&mut self.config.editor_name)
                .id(field_id("settings.editor"))
                .hint_text(t("settings-editor-hint"))
                .desired_width(320.0),
        )
        .labelled_by(l.id);
        ui.end_row();

        let l = ui.label(t("settings-recipients"));
        ui.vertical(|ui| {
            ui.add(
                egui::TextEdit::multiline(&mut self.recipients_text)
                    .id(field_id("settings.recipients"))
                    .font(egui::TextStyle::Monospace)
                    .desired_rows(4)
                    .desired_width(560.0)
                    .hint_text("age1…"),
            )
            .labelled_by(l.id);
            ui.label(RichText::new(t("settings-recipients-hint")).small());
            for e in &self.recipient_errors {
                error_text(ui, e);
            }
        });
        ui.end_row();

        ui.label(t("settings-vault-key"));
        ui.label(RichText::new(&self.vault_recipient).monospace().small());
        ui.end_row();
    }

    /// The settings as typed, or `None` with the problems shown.
    fn validated(&mut self) -> Option<VaultConfig> {
        self.notice = None;
        let idle = match self.idle_text.trim().parse::<u32>() {
            Ok(m) if m <= 24 * 60 => {
                self.idle_error = None;
                Some(m)
            }
            _ => {
                self.idle_error = Some(t("settings-bad-idle"));
                None
            }
        };
        let recipients = match parse_recipients(&self.recipients_text) {
            Ok(keys) => {
                self.recipient_errors.clear();
                Some(keys)
            }
            Err(errors) => {
                self.recipient_errors = errors;
                None
            }
        };
        let mut config = self.config.clone();
        config.idle_lock_minutes = idle?;
        config.organisation_recipients = recipients?;
        config.editor_name = config.editor_name.trim().to_string();
        Some(config)
    }
}

#[cfg(test)]
mod tests {
    use super::parse_recipients;

    #[test]
    fn recipients_are_checked_line_by_line() {
        let good = age::x25519::Identity::generate().to_public().to_string();
        let text = format!("# org key\n{good}\n\n{good}\n");
        assert_eq!(parse_recipients(&text), Ok(vec![good.clone()]));
        let bad = format!("{good}\nage1notakey\nssh-ed25519 AAAA");
        let errors = parse_recipients(&bad).unwrap_err();
        assert_eq!(errors.len(), 2);
    }
}
