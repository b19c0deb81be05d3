//! The modal questions over a session: drafts found at unlock, leaving a
//! form with unsaved edits, closing the window with unsaved edits. Each
//! is drawn by its own function and answers with one [`Answer`], carried
//! out in one place.

use super::logic::save_form;
use super::session::{DraftInfo, Session};
use super::{App, Dialog, View};
use crate::i18n::t;
use crate::ui::{Action, DraftAction};
use crate::ui::widgets::{error_text, reserved_line};
use egui::{RichText, Ui, ViewportCommand};

/// What the user answered in a dialog this frame.
enum Answer {
    /// An action to carry out (restore or discard a draft).
    Act(Action),
    /// Close the dialog and stay where we were.
    Stay,
    /// Save the form, then go where the user was going.
    SaveAndLeave,
    /// Save the form, then close the window.
    SaveAndClose,
    /// Leave the form without saving; its draft is deleted.
    Discard,
    /// Close the window; the unsaved edits stay as an encrypted draft.
    CloseKeepDraft,
}

impl App {
    pub(super) fn dialogs(&mut self, ctx: &egui::Context) -> Option<Action> {
        let s = self.session.as_mut()?;
        if s.dialog.is_none() && s.bundle.is_open() {
            return s.bundle.show(ctx);
        }
        let dialog = s.dialog?;
        let mut answer = None;
        egui::Modal::new(egui::Id::unique(("dialog", dialog as u8))).show(ctx, |ui| {
            ui.set_max_width(520.0);
            answer = match dialog {
                Dialog::Drafts => drafts(ui, &s.drafts),
                Dialog::LeaveForm => leave_form(ui),
                Dialog::CloseWindow => close_window(ui),
            };
            if dialog != Dialog::Drafts {
                // Reserved whether or not a save failed: the dialog keeps
                // its size and place when the error comes.
                let error = s.form.as_ref().and_then(|f| f.save_error.as_deref());
                reserved_line(ui, |ui| {
                    if let Some(e) = error {
                        error_text(ui, e);
                    }
                });
            }
        });
        if dialog == Dialog::Drafts && s.drafts.is_empty() && answer.is_none() {
            answer = Some(Answer::Stay);
        }
        self.answer(ctx, answer?)
    }

    /// Carry out a dialog's answer; an action goes back to be routed.
    fn answer(&mut self, ctx: &egui::Context, answer: Answer) -> Option<Action> {
        let s = self.session.as_mut()?;
        match answer {
            Answer::Act(action) => return Some(action),
            Answer::Stay => {
                s.dialog = None;
                s.pending = None;
            }
            Answer::SaveAndLeave | Answer::SaveAndClose => {
                let vault = s.vault.handle()?;
                if save_form(s, &vault) {
                    s.dialog = None;
                    if matches!(answer, Answer::SaveAndClose) {
                        self.close_window(ctx);
                    } else if let Some(next) = s.pending.take() {
                        s.form = None;
                        return Some(next);
                    }
                }
            }
            Answer::Discard => return discard_form(s),
            Answer::CloseKeepDraft => {
                s.dialog = None;
                self.close_window(ctx);
            }
        }
        None
    }

    fn close_window(&mut self, ctx: &egui::Context) {
        self.allow_close = true;
        ctx.send_viewport_cmd(ViewportCommand::Close);
    }
}

/// Drop the form's edits and its draft; then where the user was going.
fn discard_form(s: &mut Session) -> Option<Action> {
    if let Some(form) = s.form.take()
        && let Some(vault) = s.vault.handle()
    {
        let _ = vault.read().discard_draft(form.case.id);
    }
    s.dialog = None;
    s.view = View::List;
    s.pending.take()
}

fn drafts(ui: &mut Ui, drafts: &[DraftInfo]) -> Option<Answer> {
    let mut answer = None;
    ui.heading(t("drafts-title"));
    ui.label(t("drafts-explain"));
    ui.add_space(8.0);
    for d in drafts {
        ui.horizontal(|ui| {
            ui.label(&d.label);
            if let Some(e) = &d.error {
                error_text(ui, e);
            } else if ui.button(t("drafts-restore")).clicked() {
                answer = Some(Answer::Act(Action::Draft(DraftAction::Restore(d.id))));
            }
            if ui.button(t("drafts-discard")).clicked() {
                answer = Some(Answer::Act(Action::Draft(DraftAction::Discard(d.id))));
            }
        });
    }
    ui.add_space(8.0);
    if ui.button(t("drafts-later")).clicked() {
        answer = Some(Answer::Stay);
    }
    answer
}

fn leave_form(ui: &mut Ui) -> Option<Answer> {
    question(ui, "leave-title", "leave-explain", [("leave-save", Answer::SaveAndLeave), ("leave-discard", Answer::Discard)])
}

fn close_window(ui: &mut Ui) -> Option<Answer> {
    question(ui, "close-title", "close-explain", [("close-save", Answer::SaveAndClose), ("close-keep-draft", Answer::CloseKeepDraft)])
}

/// A question with a title, an explanation, two answers (the first in
/// bold) and Stay.
fn question(ui: &mut Ui, title: &str, explain: &str, answers: [(&str, Answer); 2]) -> Option<Answer> {
    let mut answer = None;
    ui.heading(t(title));
    ui.label(t(explain));
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        let [(first, first_answer), (second, second_answer)] = answers;
        if ui.button(RichText::new(t(first)).strong()).clicked() {
            answer = Some(first_answer);
        }
        if ui.button(t(second)).clicked() {
            answer = Some(second_answer);
        }
        if ui.button(t("leave-stay")).clicked() {
            answer = Some(Answer::Stay);
        }
    });
    answer
}
