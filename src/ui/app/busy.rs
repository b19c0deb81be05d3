//! The background job of a session: what it hands back, polling it,
//! applying its outcome, and the busy overlay drawn while it runs.

use super::attach::{self, Attached};
use super::bundles;
use super::jobs::{Poll, Running};
use super::session::Session;
use super::App;
use crate::i18n::{t, t_args};
use crate::ui::widgets::{error_text, SENSITIVE_COLOUR};
use egui::{RichText, ViewportCommand};
use std::time::Duration;
use uuid::Uuid;

/// What a background job hands back to the UI thread.
pub enum Outcome {
    Export { result: crate::bundle::Result<crate::bundle::ExportReport> },
    Import {
        result: crate::bundle::Result<crate::bundle::ImportReport>,
        changed: Vec<crate::model::Case>,
        conflicts: usize,
    },
    Attach(Box<Attached>),
    /// A copy saved or an attachment checked: the Attachments section's message.
    Attachment { case: Uuid, close_question: bool, result: Result<String, String> },
    /// A key rotation ended: the Keys section's message.
    Rotated { result: Result<String, String> },
    /// The selection's consent read: the export dialog opens on it.
    ExportChoices { cases: Vec<crate::ui::panels::export_consent::ExportCase>, recipients: Vec<String> },
}

// --- Background jobs (the runner and the vault-lock rule are in jobs.rs) ---

impl App {
    /// Apply a finished job's result; then a lock or close asked for
    /// while it ran.
    pub(super) fn poll_job(&mut self, ctx: &egui::Context) {
        let Some(s) = &mut self.session else { return };
        let Some(running) = s.vault.running_mut() else { return };
        let outcome = match running.job.poll() {
            Poll::Running => {
                // The disabled form cannot take dropped files now.
                if ctx.input(|i| !i.raw.dropped_files.is_empty()) {
                    running.drop_ignored = true;
                }
                // The spinner turns; also wake up if the job ends quietly.
                ctx.request_repaint_after(Duration::from_millis(100));
                return;
            }
            Poll::Done(outcome) => Some(outcome),
            Poll::Crashed => None,
        };
        let Some(Running { job, lock_after, close_after, drop_ignored, .. }) = s.vault.give_back() else { return };
        drop(job);
        // Errors are shown where they were before (dialog, form section);
        // a crash and ignored drops above every screen.
        let result = match outcome {
            Some(outcome) => apply_outcome(s, outcome),
            None => {
                s.add_error(t("app-job-crashed"));
                Err(t("app-job-crashed"))
            }
        };
        if drop_ignored {
            s.add_error(t("app-job-drop-ignored"));
        }
        if let Some(reason) = lock_after {
            // The result would go with the session: the start screen says
            // how the job ended (never case content, only an error's text).
            let ended = match &result {
                Ok(()) => t("app-job-done-before-lock"),
                Err(e) => t_args("app-job-failed-before-lock", &[("detail", e)]),
            };
            let notice = super::lifecycle::lock_notice(reason).into_iter().chain([ended]).collect::<Vec<_>>().join(" ");
            self.lock_now(Some(notice));
        }
        if close_after {
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    /// The overlay while a job runs: what is happening, and what waits.
    pub(super) fn busy_overlay(&self, ctx: &egui::Context) {
        let Some(running) = self.session.as_ref().and_then(|s| s.vault.running()) else { return };
        egui::Modal::new(egui::Id::unique("busy-overlay")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.horizontal(|ui| {
                ui.spinner();
                ui.strong(running.job.status());
            });
            ui.label(RichText::new(t("app-job-wait")).small());
            if running.lock_after.is_some() {
                ui.label(RichText::new(t("app-job-lock-after")).color(SENSITIVE_COLOUR));
            }
            if running.close_after {
                ui.label(t("app-job-close-after"));
            }
            if running.drop_ignored {
                error_text(ui, &t("app-job-drop-ignored"));
            }
        });
    }
}

/// Carry a job's result into the screens, as if it had run here.
pub(super) fn apply_outcome(s: &mut Session, outcome: Outcome) -> Result<(), String> {
    match outcome {
        Outcome::Export { result } => bundles::export_done(s, result),
        Outcome::ExportChoices { cases, recipients } => bundles::export_choices_done(s, cases, &recipients),
        Outcome::Import { result, changed, conflicts } => bundles::import_done(s, result, changed, conflicts),
        Outcome::Attach(attached) => attach::attach_done(s, *attached),
        Outcome::Attachment { case, close_question, result } => attach::attachment_done(s, case, close_question, result),
        Outcome::Rotated { result } => {
            super::keys::keys_done(s, result);
            Ok(())
        }
    }
}
