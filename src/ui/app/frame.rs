//! Per-frame bookkeeping, before anything is drawn: noticing input (for
//! the idle lock), the idle timer, autosave of drafts, the search thread's
//! answers, and a close request while edits are unsaved.

use super::lifecycle::LockReason;
use super::{App, Dialog};
use crate::i18n::{t, t_args};
use crate::model::now_utc;
use crate::ui::search_thread::Reply;
use crate::ui::widgets::format_time;
use egui::ViewportCommand;
use std::time::{Duration, Instant};

/// How long before the idle lock its countdown shows.
pub const LOCK_WARNING: Duration = Duration::from_secs(30);

impl App {
    pub(super) fn note_activity(&mut self, ctx: &egui::Context) {
        let active = ctx.input(|i| {
            i.events.iter().any(|e| {
                matches!(
                    e,
                    egui::Event::Key { .. }
                        | egui::Event::Text(_)
                        | egui::Event::Ime(_)
                        | egui::Event::Paste(_)
                        | egui::Event::PointerButton { .. }
                        | egui::Event::PointerMoved(_)
                        | egui::Event::MouseWheel { .. }
                        | egui::Event::Touch { .. }
                )
            })
        });
        if active {
            self.last_activity = Instant::now();
            self.idle_bias = Duration::ZERO;
        }
    }

    fn idle_for(&self) -> Duration {
        self.last_activity.elapsed() + self.idle_bias
    }

    fn idle_limit(&self) -> Option<Duration> {
        let minutes = self.session.as_ref()?.idle_lock_minutes;
        (minutes > 0).then(|| Duration::from_secs(minutes as u64 * 60))
    }

    pub(super) fn check_idle(&mut self) {
        let Some(limit) = self.idle_limit() else {
            self.lock_countdown = None;
            return;
        };
        let idle = self.idle_for();
        if idle >= limit {
            self.lock_countdown = None;
            self.lock(LockReason::Idle { minutes: limit.as_secs() / 60 });
            return;
        }
        let left = limit - idle;
        // The last seconds are counted down in the top bar, so a lock never
        // comes as a surprise; any key or movement starts the time again.
        if left <= LOCK_WARNING {
            self.lock_countdown = Some(left.as_secs_f32().ceil() as u64);
            self.ctx.request_repaint_after(left.min(Duration::from_millis(250)));
        } else {
            self.lock_countdown = None;
            // Wake up when the warning is due even without input.
            self.ctx.request_repaint_after(left - LOCK_WARNING);
        }
    }

    pub(super) fn autosave(&mut self) {
        let every = self.options.autosave_every;
        let Some(session) = &mut self.session else { return };
        // A job may hold the vault: the draft is written once it has ended.
        let Some(vault) = session.vault.handle() else { return };
        let Some(form) = &mut session.form else { return };
        if form.take_draft_redundant() {
            // Edits undone by hand: the draft written meanwhile is stale.
            // Should removing it fail, it equals the stored case: offered
            // at the next unlock, it loses nothing.
            let _ = vault.read().discard_draft(form.case.id);
        }
        if !form.is_dirty() {
            return;
        }
        let since = session.last_draft_write.elapsed();
        if since < every {
            self.ctx.request_repaint_after(every - since);
            return;
        }
        if !form.take_draft_due() {
            return;
        }
        session.last_draft_write = Instant::now();
        let result = vault.read().save_draft(&form.case);
        match result {
            Ok(()) => {
                form.notice = Some(t_args("form-autosaved", &[("time", &format_time(now_utc()))]));
                form.autosave_error = None;
            }
            Err(e) => {
                form.draft_failed();
                form.autosave_error = Some(t_args("form-autosave-failed", &[("detail", &e.to_string())]));
            }
        }
    }

    pub(super) fn pump_search(&mut self) {
        let Some(session) = &mut self.session else { return };
        let Some(search) = &session.search else { return };
        loop {
            match search.try_recv() {
                Ok(Some(Reply::Ready { damaged, checked })) => {
                    session.list.set_full_text_ready();
                    session.list.apply_check(checked);
                    for d in damaged {
                        if !session.list.damaged.contains(&d) {
                            session.list.damaged.push(d);
                        }
                    }
                }
                Ok(Some(Reply::Hits { seq, query, ids })) => session.list.apply_hits(seq, &query, &ids),
                Ok(None) => break,
                Err(()) => {
                    // The thread ended (it never should): fall back to
                    // searching the summaries, and say so.
                    session.search = None;
                    session.list.full_text_stopped();
                    session.error = Some(t("app-search-stopped"));
                    break;
                }
            }
        }
        if let (Some(search), Some((seq, q))) = (&session.search, session.list.take_search_request()) {
            search.query(seq, q);
        }
    }

    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.allow_close {
            return;
        }
        let Some(session) = &mut self.session else { return };
        if let Some(running) = session.vault.running_mut() {
            // Never in the middle of a job: the window closes once it ends.
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            running.close_after = true;
            return;
        }
        let Some(vault) = session.vault.handle() else { return };
        let Some(form) = &mut session.form else { return };
        if !form.is_dirty() {
            return;
        }
        ctx.send_viewport_cmd(ViewportCommand::CancelClose);
        // Whatever is answered, the edits are on disk (encrypted) now.
        if vault.read().save_draft(&form.case).is_ok() {
            form.take_draft_due();
        }
        session.dialog = Some(Dialog::CloseWindow);
    }
}
