//! The window's keyboard shortcuts, carried out from the one table in
//! `ui::shortcuts`, and the help overlay (F1) that lists the same table.

use super::lifecycle::LockReason;
use super::{App, View};
use crate::i18n::t;
use crate::ui::shortcuts::{self, Command, SHORTCUTS, WIDGET_KEYS};
use crate::ui::widgets::field_id;
use crate::ui::{Action, CaseAction, Nav};

impl App {
    /// Take this frame's shortcuts out of the input and carry them out.
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        for command in shortcuts::take_pressed(ctx) {
            self.command(ctx, command);
        }
    }

    fn command(&mut self, ctx: &egui::Context, command: Command) {
        if command == Command::Help {
            self.help_open = !self.help_open;
            return;
        }
        let Some(s) = &self.session else { return };
        if command == Command::Lock {
            self.lock(LockReason::Asked);
            return;
        }
        // A question on screen is answered first; the overlay takes no keys.
        if s.dialog.is_some() || self.job_running() || self.help_open {
            return;
        }
        let in_form = s.view == View::Form && s.form.is_some();
        let action = match command {
            Command::Save if in_form => Action::Case(CaseAction::Save),
            Command::CloseForm if in_form => Action::Nav(Nav::CloseForm),
            Command::NewCase if !s.read_only => Action::Case(CaseAction::New),
            Command::Search => {
                if s.view != View::List {
                    self.act(Action::Nav(Nav::List));
                }
                if self.view() == Some(View::List) {
                    ctx.memory_mut(|m| m.request_focus(field_id("list.search")));
                }
                return;
            }
            _ => return,
        };
        self.act(action);
    }

    /// The list of shortcuts, over everything, while asked for.
    pub(super) fn help_overlay(&mut self, ctx: &egui::Context) {
        if !self.help_open {
            return;
        }
        let modal = egui::Modal::new(egui::Id::unique("help-overlay")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading(t("help-title"));
            ui.add_space(6.0);
            egui::Grid::new("help-grid").num_columns(2).spacing([24.0, 6.0]).striped(true).show(ui, |ui| {
                for s in SHORTCUTS {
                    ui.strong(shortcuts::keys_text(&s.keys));
                    ui.label(t(s.label_key));
                    ui.end_row();
                }
                for (keys, label) in WIDGET_KEYS {
                    ui.strong(*keys);
                    ui.label(t(label));
                    ui.end_row();
                }
            });
            ui.add_space(8.0);
            ui.button(t("help-close")).clicked()
        });
        if modal.inner || modal.should_close() {
            self.help_open = false;
        }
    }
}
