//! Into and out of a session: unlocking or creating a vault off the UI
//! thread, starting the session, the interface language, and the lock
//! (button, Ctrl+L, idle timer) that drops every decrypted value.

use super::session::Session;
use super::App;
use crate::i18n::{self, t, t_args, Lang};
use crate::ui::Start;
use crate::vault::{recovery, CaseCheck, CreateOptions, Vault};
use egui::ViewportCommand;
use std::sync::mpsc::{channel, TryRecvError};
use std::time::{Duration, Instant};

/// Why the vault is being locked; the start screen says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockReason {
    /// The user asked (the button, Ctrl+L): nothing to explain.
    Asked,
    /// No input for this many minutes (the idle timer).
    Idle { minutes: u64 },
}

/// What the start screen says after a lock for `reason`.
pub(super) fn lock_notice(reason: LockReason) -> Option<String> {
    match reason {
        LockReason::Asked => None,
        LockReason::Idle { minutes } => Some(t_args("app-locked-idle", &[("minutes", &minutes.to_string())])),
    }
}

impl App {
    pub(super) fn start_opening(&mut self, start: Start) {
        // egui keeps each text field's undo history, passphrase included.
        self.ctx.data_mut(|d| d.clear());
        let (tx, rx) = channel();
        let ctx = self.ctx.clone();
        let work_factor = self.options.work_factor;
        let spawned = std::thread::Builder::new().name("unlock".into()).spawn(move || {
            let result = match start {
                Start::Create { dir, passphrase } => Vault::create_with(&dir, &passphrase, &CreateOptions { work_factor }),
                // The list shows before every file's stamp is checked: the
                // search thread checks them (see search_thread.rs).
                Start::Open { dir, passphrase } => Vault::open_with(&dir, &passphrase, CaseCheck::Later),
                Start::Recover { dir, identity, passphrase } => recovery::read_identity_file(&identity)
                    .and_then(|ids| Vault::recover(&dir, &ids, &passphrase, work_factor)),
            };
            let _ = tx.send(result);
            ctx.request_repaint();
        });
        match spawned {
            Ok(_) => {
                self.unlock.busy = true;
                self.unlock.error = None;
                self.unlock.notice = None;
                self.opening = Some(rx);
            }
            Err(e) => self.unlock.error = Some(t_args("app-thread-failed", &[("detail", &e.to_string())])),
        }
    }

    pub(super) fn poll_opening(&mut self) {
        let Some(rx) = &self.opening else { return };
        let result = match rx.try_recv() {
            Ok(r) => r,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => {
                self.opening = None;
                self.unlock.busy = false;
                self.unlock.error = Some(t("app-unlock-crashed"));
                return;
            }
        };
        self.opening = None;
        self.unlock.busy = false;
        match result {
            Ok(vault) => self.start_session(vault),
            Err(e) => self.unlock.error = Some(e.to_string()),
        }
    }

    fn start_session(&mut self, vault: Vault) {
        self.chooser = None;
        if let Some(lang) = Lang::from_code(&vault.config().language)
            && self.options.language.is_none()
        {
            self.set_language(lang);
        }
        crate::ui::fonts::set_larger_text(&self.ctx, vault.config().larger_text);
        let ctx = self.ctx.clone();
        let resume = self.resume.take();
        let mut session = Session::open(vault, self.options.job_gate.clone(), move || ctx.request_repaint());
        if let Some(r) = resume
            && let Some(vault) = session.vault.handle()
        {
            r.apply(&mut session, &vault.read());
        }
        self.session = Some(session);
        self.last_activity = Instant::now();
        self.idle_bias = Duration::ZERO;
    }

    pub(super) fn set_language(&mut self, lang: Lang) {
        i18n::set_language(lang);
        if lang != self.language {
            self.language = lang;
            // The title is the program's name only, never case content.
            self.ctx.send_viewport_cmd(ViewportCommand::Title(t("app-title")));
        }
    }

    /// Drop the vault and everything decrypted; back to the start screen.
    /// Unsaved edits are first written as an encrypted draft. While a job
    /// runs the lock waits for it to end (see jobs.rs).
    pub fn lock(&mut self, reason: LockReason) {
        if let Some(running) = self.session.as_mut().and_then(|s| s.vault.running_mut()) {
            running.lock_after.get_or_insert(reason);
            return;
        }
        self.lock_now(lock_notice(reason));
    }

    /// Lock now (no job runs); `notice` is said on the start screen.
    pub(super) fn lock_now(&mut self, notice: Option<String>) {
        let Some(session) = &mut self.session else { return };
        // A recording is finished and saved first, then the vault locks.
        super::recording::finish(session);
        // Unsaved edits that cannot be kept as a draft (a full or read-only
        // disk) would be lost by locking: stay open and say why instead.
        if let Some(form) = &session.form
            && form.is_dirty()
            && let Some(vault) = session.vault.handle()
            && let Err(e) = vault.read().save_draft(&form.case)
        {
            session.error = Some(t_args("app-lock-draft-failed", &[("detail", &e.to_string())]));
            // The idle timer starts again rather than retrying every frame.
            self.last_activity = Instant::now();
            self.idle_bias = Duration::ZERO;
            return;
        }
        let Some(mut session) = self.session.take() else { return };
        let dir = session.vault.handle().map(|v| v.read().dir().to_path_buf());
        self.resume = dir.map(|d| super::resume::Resume::capture(&session, d));
        super::attach::close_preview(&self.ctx, &mut session);
        // Its listing names files (recordings, bundles): gone with the rest.
        self.chooser = None;
        super::clipboard::clear_if_ours(&mut self.copied);
        drop(session);
        // Text-field state (including undo history) lives in egui's memory.
        self.ctx.data_mut(|d| d.clear());
        self.ctx.memory_mut(|m| m.request_focus(egui::Id::NULL));
        self.unlock.clear_passphrases();
        self.unlock.notice = notice;
        self.unlock.error = None;
        self.checked_dir = None;
        self.idle_bias = Duration::ZERO;
    }
}
