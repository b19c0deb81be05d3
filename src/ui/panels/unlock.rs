//! Start screen: choose the vault folder, type the passphrase, or create a
//! new vault. The slow part (scrypt) is the app's job, on another thread.

use crate::ui::file_pick::{PickRequest, PickTarget};
use crate::ui::widgets::{error_text, field_id, ERROR_COLOUR, OK_COLOUR, SENSITIVE_COLOUR};
use crate::ui::{Action, Start};
use crate::i18n::{t, t_args};
use crate::vault::MIN_PASSPHRASE_CHARS;
use age::secrecy::SecretString;
use egui::{Key, RichText, Ui};
use std::path::PathBuf;
use zeroize::Zeroize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Open,
    Create,
}

/// How hard a passphrase looks to guess; a hint, not a rule (the vault only
/// enforces the minimum length).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    TooShort,
    Weak,
    Fair,
    Strong,
}

pub fn strength(passphrase: &str) -> Strength {
    let len = passphrase.chars().count();
    if len < MIN_PASSPHRASE_CHARS {
        return Strength::TooShort;
    }
    let classes = [
        passphrase.chars().any(|c| c.is_lowercase()),
        passphrase.chars().any(|c| c.is_uppercase()),
        passphrase.chars().any(|c| c.is_ascii_digit()),
        passphrase.chars().any(|c| !c.is_alphanumeric()),
        // Hangul and other scripts without case widen the alphabet too.
        passphrase.chars().any(|c| c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase()),
    ]
    .iter()
    .filter(|&&b| b)
    .count();
    let words = passphrase.split_whitespace().count();
    if len >= 20 || (len >= 14 && classes >= 3) || words >= 4 {
        Strength::Strong
    } else if len >= 12 || classes >= 3 {
        Strength::Fair
    } else {
        Strength::Weak
    }
}

pub struct UnlockPanel {
    pub dir: String,
    passphrase: String,
    confirm: String,
    show: bool,
    /// Set by the app from whether the folder holds a vault.
    pub mode: Mode,
    /// Set by the app while scrypt runs.
    pub busy: bool,
    pub error: Option<String>,
    /// Why the vault was locked, shown once (e.g. idle lock).
    pub notice: Option<String>,
    /// Set by the app while the chooser is open over this screen: the
    /// passphrase field must not take the keyboard from it.
    pub covered: bool,
    /// Recovery with the organisation's key, below the unlock form.
    pub recover: super::recover::RecoverForm,
}

impl UnlockPanel {
    pub fn new(dir: String) -> Self {
        UnlockPanel {
            dir,
            passphrase: String::new(),
            confirm: String::new(),
            show: false,
            mode: Mode::Open,
            busy: false,
            error: None,
            notice: None,
            covered: false,
            recover: Default::default(),
        }
    }

    /// Forget the typed passphrases (after a submit, and on drop).
    pub fn clear_passphrases(&mut self) {
        self.passphrase.zeroize();
        self.confirm.zeroize();
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        ui.vertical_centered(|ui| {
            ui.add_space(40.0);
            ui.heading(RichText::new(t("app-title")).size(28.0));
            ui.label(t("unlock-tagline"));
            ui.add_space(24.0);
        });
        let width = 460.0_f32.min(ui.available_width());
        let left = ((ui.available_width() - width) / 2.0).max(0.0);
        ui.horizontal(|ui| {
            ui.add_space(left);
            ui.vertical(|ui| {
                ui.set_width(width);
                action = self.form(ui);
                if self.mode == Mode::Open && !self.busy && action.is_none() {
                    action = self.recover.ui(ui, &self.dir);
                }
            });
        });
        action
    }

    fn form(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut submit = false;
        let mut browse = None;
        ui.add_enabled_ui(!self.busy, |ui| {
            browse = self.folder(ui);
            ui.add_space(12.0);
            submit = self.passphrases(ui);
            ui.checkbox(&mut self.show, t("unlock-show"));
            ui.add_space(12.0);
            let label = match self.mode {
                Mode::Open => t("unlock-open"),
                Mode::Create => t("unlock-create"),
            };
            submit |= ui.add_sized([width_left(ui, 0.0), 32.0], egui::Button::new(label)).clicked();
        });
        self.messages(ui);
        if submit && !self.busy {
            return self.submit();
        }
        browse
    }

    /// The vault folder, its Browse and default buttons, and what the
    /// folder holds (a vault to open, or room for a new one).
    fn folder(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut browse = None;
        let l = ui.label(t("unlock-folder"));
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut self.dir).id(field_id("unlock.dir")).desired_width(width_left(ui, 210.0)))
                .labelled_by(l.id);
            if ui.button(t("file-pick-browse")).clicked() {
                browse = Some(Action::Browse(PickRequest::new(PickTarget::VaultFolder, &self.dir)));
            }
            if let Some(default) = crate::vault::default_vault_dir()
                && ui.button(t("unlock-use-default")).clicked()
            {
                self.dir = default.display().to_string();
            }
        });
        ui.label(
            RichText::new(match self.mode {
                Mode::Open => t("unlock-mode-open"),
                Mode::Create => t("unlock-mode-create"),
            })
            .small(),
        );
        browse
    }

    /// The passphrase (and, for a new vault, its repeat and strength).
    /// Returns whether Enter was pressed in one of them.
    fn passphrases(&mut self, ui: &mut Ui) -> bool {
        let l = ui.label(t("unlock-passphrase"));
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut self.passphrase)
                    .id(field_id("unlock.passphrase"))
                    .password(!self.show)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        if self.error.is_some() && r.changed() {
            self.error = None;
        }
        let mut submit = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        // Ready to type into at start and after a lock, unless the user
        // has put the cursor somewhere else. After the line above: asking
        // for focus would hide that Enter just left the field.
        if !self.busy && !submit && !self.covered && ui.memory(|m| m.focused().is_none()) {
            r.request_focus();
        }
        if self.mode == Mode::Create {
            let l = ui.label(t("unlock-confirm"));
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.confirm)
                        .id(field_id("unlock.confirm"))
                        .password(!self.show)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id);
            submit |= r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            self.strength_hint(ui);
        }
        submit
    }

    /// Below the form: scrypt running, the last error, why it was locked.
    fn messages(&self, ui: &mut Ui) {
        if self.busy {
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(match self.mode {
                    Mode::Open => t("unlock-busy-open"),
                    Mode::Create => t("unlock-busy-create"),
                });
            });
        }
        if let Some(e) = &self.error {
            ui.add_space(12.0);
            error_text(ui, e);
        }
        if let Some(n) = &self.notice {
            ui.add_space(12.0);
            ui.label(RichText::new(n).color(SENSITIVE_COLOUR));
        }
    }

    fn strength_hint(&self, ui: &mut Ui) {
        let (key, colour) = match strength(&self.passphrase) {
            Strength::TooShort => ("unlock-strength-too-short", ERROR_COLOUR),
            Strength::Weak => ("unlock-strength-weak", ERROR_COLOUR),
            Strength::Fair => ("unlock-strength-fair", SENSITIVE_COLOUR),
            Strength::Strong => ("unlock-strength-strong", OK_COLOUR),
        };
        let text = if key == "unlock-strength-too-short" {
            t_args(key, &[("min", &MIN_PASSPHRASE_CHARS.to_string())])
        } else {
            t(key)
        };
        if self.passphrase.is_empty() {
            // Nothing typed yet: the rule, not a warning.
            ui.label(RichText::new(text).small().weak());
        } else {
            ui.label(RichText::new(text).small().color(colour));
        }
        if !self.confirm.is_empty() && self.confirm != self.passphrase {
            ui.label(RichText::new(t("unlock-mismatch")).small().color(ERROR_COLOUR));
        }
    }

    fn submit(&mut self) -> Option<Action> {
        let dir = self.dir.trim();
        if dir.is_empty() {
            self.error = Some(t("unlock-no-folder"));
            return None;
        }
        let dir = PathBuf::from(dir);
        match self.mode {
            Mode::Open => {
                if self.passphrase.is_empty() {
                    self.error = Some(t("unlock-empty"));
                    return None;
                }
                let passphrase = SecretString::from(self.passphrase.clone());
                self.clear_passphrases();
                Some(Action::Start(Start::Open { dir, passphrase }))
            }
            Mode::Create => {
                if strength(&self.passphrase) == Strength::TooShort {
                    self.error = Some(t_args("unlock-strength-too-short", &[("min", &MIN_PASSPHRASE_CHARS.to_string())]));
                    return None;
                }
                if self.passphrase != self.confirm {
                    self.error = Some(t("unlock-mismatch"));
                    return None;
                }
                let passphrase = SecretString::from(self.passphrase.clone());
                self.clear_passphrases();
                Some(Action::Start(Start::Create { dir, passphrase }))
            }
        }
    }
}

impl Drop for UnlockPanel {
    fn drop(&mut self) {
        self.clear_passphrases();
    }
}

fn width_left(ui: &Ui, reserve: f32) -> f32 {
    (ui.available_width() - reserve).max(80.0)
}

#[cfg(test)]
mod tests {
    use super::{strength, Strength};

    #[test]
    fn strength_grows_with_length_and_variety() {
        assert_eq!(strength("short"), Strength::TooShort);
        assert_eq!(strength("abcdefgh"), Strength::Weak);
        assert_eq!(strength("abcdefghijkl"), Strength::Fair);
        assert_eq!(strength("correct horse battery staple"), Strength::Strong);
        assert_eq!(strength("비밀번호는길어야합니다"), Strength::Weak);
        assert_eq!(strength("비밀번호는 꼭 길어야 합니다"), Strength::Strong);
        assert!(strength("Ab1!Ab1!Ab1!Ab") >= Strength::Strong);
    }
}
