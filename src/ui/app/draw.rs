//! Drawing the window's frame around the panels: the top bar, and the
//! central area that shows the start screen or the session's screen.

use super::{App, View};
use crate::i18n::{t, t_args};
use crate::ui::{Action, Nav};
use crate::ui::panels::unlock::Mode;
use crate::ui::widgets::{error_text, SENSITIVE_COLOUR};
use crate::vault;
use egui::{Button, RichText, Sense, Ui};

impl App {
    pub(super) fn top_bar(&mut self, ui: &mut Ui) -> Option<Action> {
        let countdown = self.lock_countdown;
        let s = self.session.as_ref()?;
        let mut action = None;
        egui::Panel::top("top-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(t("app-title"));
                ui.separator();
                // None of the bar's buttons takes the keyboard focus: Tab
                // stays in the screen below, and a space typed into a form
                // can never press Lock (a click, Ctrl+L or the idle timer).
                if ui.add(Button::selectable(matches!(s.view, View::List | View::Review), t("nav-cases")).sense(Sense::CLICK)).clicked() {
                    action = Some(Action::Nav(Nav::List));
                }
                if ui.add(Button::selectable(s.view == View::Events, t("nav-events")).sense(Sense::CLICK)).clicked() {
                    action = Some(Action::Nav(Nav::Events));
                }
                if ui.add(Button::selectable(s.view == View::Settings, t("nav-settings")).sense(Sense::CLICK)).clicked() {
                    action = Some(Action::Nav(Nav::Settings));
                }
                if s.read_only {
                    ui.label(RichText::new(t("app-read-only-short")).color(SENSITIVE_COLOUR));
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .add(Button::new(RichText::new(t("nav-lock")).strong()).sense(Sense::CLICK))
                        .on_hover_text(t("nav-lock-hint"))
                        .clicked()
                    {
                        action = Some(Action::Lock);
                    }
                    if let Some(seconds) = countdown {
                        let text = t_args("idle-countdown", &[("seconds", &seconds.to_string())]);
                        ui.label(RichText::new(text).strong().color(SENSITIVE_COLOUR));
                    }
                });
            });
        });
        action
    }

    pub(super) fn central(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        egui::CentralPanel::default().show(ui, |ui| {
            let Some(s) = &mut self.session else {
                action = self.start_screen(ui);
                return;
            };
            if let Some(e) = s.error.clone() {
                ui.horizontal(|ui| {
                    error_text(ui, &e);
                    if ui.small_button(t("app-dismiss")).clicked() {
                        s.error = None;
                    }
                });
                ui.separator();
            }
            action = match s.view {
                View::List => s.list.ui(ui),
                View::Form => s.form.as_mut().and_then(|f| f.ui(ui)),
                View::Review => s.review.as_mut().and_then(|r| r.ui(ui)),
                View::Settings => s.settings.as_mut().and_then(|p| p.ui(ui)),
                View::Conflicts => s.conflicts.as_mut().and_then(|p| p.ui(ui)),
                View::Events => s.events.as_mut().and_then(|p| p.ui(ui)),
            };
        });
        action
    }

    fn start_screen(&mut self, ui: &mut Ui) -> Option<Action> {
        // The folder check reads the disk: only when the text changed.
        if self.checked_dir.as_deref() != Some(self.unlock.dir.as_str()) {
            let dir = self.unlock.dir.trim();
            self.unlock.mode =
                if !dir.is_empty() && vault::is_vault(std::path::Path::new(dir)) { Mode::Open } else { Mode::Create };
            self.checked_dir = Some(self.unlock.dir.clone());
        }
        self.unlock.ui(ui)
    }
}
