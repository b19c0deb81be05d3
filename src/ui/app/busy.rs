//! The background job of a session: polling it, applying its outcome, and
//! the busy overlay drawn while it runs.

use super::*;

// --- Background jobs (the runner and the vault-lock rule are in jobs.rs) ---

impl App {
    /// Apply a finished job's result; then a lock or close asked for
    /// while it ran.
    pub(super) fn poll_job(&mut self, ctx: &egui::Context) {
        let Some(s) = &mut self.session else { return };
        let Some(running) = &mut s.job else { return };
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
        let Some(Running { job, lock_after, close_after, drop_ignored }) = s.job.take() else { return };
        drop(job);
        // Errors are shown where they were before (dialog, form section);
        // a crash and ignored drops above every screen.
        let result = match outcome {
            Some(outcome) => Self::apply_outcome(s, outcome),
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
            self.lock(Some(reason.into_iter().chain([ended]).collect::<Vec<_>>().join(" ")));
        }
        if close_after {
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    pub(super) fn apply_outcome(s: &mut Session, outcome: Outcome) -> Result<(), String> {
        match outcome {
            Outcome::Export { result } => Self::export_done(s, result),
            Outcome::Import { result, changed, conflicts } => Self::import_done(s, result, changed, conflicts),
            Outcome::Attach(attached) => Self::attach_done(s, *attached),
            Outcome::Attachment { case, close_question, result } => {
                Self::attachment_done(s, case, close_question, result)
            }
        }
    }

    /// The overlay while a job runs: what is happening, and what waits.
    pub(super) fn busy_overlay(&self, ctx: &egui::Context) {
        let Some(running) = self.session.as_ref().and_then(|s| s.job.as_ref()) else { return };
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
