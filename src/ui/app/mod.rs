//! The app: which screen is shown, and carrying out panels' actions against
//! the vault. Also the guards that keep work and secrets safe: autosave of
//! drafts, prompts before unsaved edits are left, the lock (button, Ctrl+L,
//! idle timer) that drops every decrypted value.
//!
//! Laid out by concern: `action` (what panels ask for), `logic` (routing
//! it), `session` (what exists while unlocked), `lifecycle` (unlock, lock,
//! language), `frame` (per-frame bookkeeping), `keyboard` (shortcuts and
//! their help overlay), `dialogs`, `draw`, `jobs`
//! and `busy` (background work and its overlay), `attach`, `bundles` and
//! `choose` (the attachment, bundle and chooser actions).

use crate::i18n::{self, t, Lang};
use crate::ui::file_pick::FilePicker;
use crate::ui::ime::focus::ImeGuard;
use crate::ui::panels::case_form::CaseForm;
use crate::ui::panels::case_list::FullText;
use crate::ui::panels::unlock::UnlockPanel;
use crate::ui::{fonts, ime};
use crate::vault::{self, Vault, VaultError, DEFAULT_WORK_FACTOR};
use egui::{Ui, ViewportCommand};
use jobs::JobGate;
use session::Session;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

pub mod action;
mod attach;
mod bundles;
mod busy;
mod choose;
mod clipboard;
mod dialogs;
mod draw;
mod events;
mod frame;
mod keyboard;
mod keys;
pub mod jobs;
pub mod lifecycle;
mod logic;
mod resume;
pub mod recording;
mod session;
mod trust;

/// How the app is started. Tests lower the scrypt cost and the autosave
/// interval; the program uses the defaults.
#[derive(Clone, Debug)]
pub struct AppOptions {
    /// scrypt work factor for vaults created from the start screen.
    pub work_factor: u8,
    /// Folder offered on the start screen (default: the per-user data folder).
    pub vault_dir: Option<PathBuf>,
    /// Unsaved edits are written as an encrypted draft this often.
    pub autosave_every: Duration,
    /// Tests hold background jobs at their start to see the busy state.
    pub job_gate: Option<JobGate>,
    /// Language asked for on the command line (`--lang`, or the variable):
    /// wins over the system's and over the vault's setting for this run.
    pub language: Option<Lang>,
}

impl Default for AppOptions {
    fn default() -> Self {
        AppOptions {
            work_factor: DEFAULT_WORK_FACTOR,
            vault_dir: None,
            autosave_every: Duration::from_secs(3),
            job_gate: None,
            language: None,
        }
    }
}

/// The main screens behind the unlock screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    List,
    Form,
    Review,
    Settings,
    Conflicts,
    Events,
}

/// Modal dialogs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialog {
    /// Drafts autosaved in an earlier session: restore or discard.
    Drafts,
    /// The form has unsaved edits and the user is leaving it.
    LeaveForm,
    /// The window is closing with unsaved edits.
    CloseWindow,
}

type Opening = Receiver<Result<Vault, VaultError>>;

pub struct App {
    options: AppOptions,
    ctx: egui::Context,
    unlock: UnlockPanel,
    /// The folder last checked for a vault (the check reads the disk).
    checked_dir: Option<String>,
    opening: Option<Opening>,
    session: Option<Session>,
    last_activity: Instant,
    /// Tests pretend time passed without input.
    idle_bias: Duration,
    allow_close: bool,
    language: Lang,
    ime: ImeGuard,
    /// The file or folder chooser, over whatever screen or dialog opened it.
    chooser: Option<FilePicker>,
    /// What we last put on the clipboard (taken back at lock and exit).
    copied: clipboard::Copied,
    /// The keyboard shortcuts overlay (F1) is shown.
    help_open: bool,
    /// Where the last session was at its lock, to go back there.
    resume: Option<resume::Resume>,
    /// Seconds left before the idle lock, in its last 30 seconds.
    lock_countdown: Option<u64>,
}

impl App {
    pub fn new(ctx: &egui::Context, options: AppOptions) -> App {
        fonts::install(ctx);
        // PNG and JPEG attachments are shown from memory.
        egui_extras::install_image_loaders(ctx);
        let language = options.language.unwrap_or_else(i18n::system_language);
        i18n::set_language(language);
        ctx.send_viewport_cmd(ViewportCommand::Title(t("app-title")));
        let dir = options
            .vault_dir
            .clone()
            .or_else(vault::default_vault_dir)
            .map(|d| d.display().to_string())
            .unwrap_or_default();
        App {
            options,
            ctx: ctx.clone(),
            unlock: UnlockPanel::new(dir),
            checked_dir: None,
            opening: None,
            session: None,
            last_activity: Instant::now(),
            idle_bias: Duration::ZERO,
            allow_close: false,
            language,
            ime: Default::default(),
            chooser: None,
            copied: Default::default(),
            help_open: false,
            resume: None,
            lock_countdown: None,
        }
    }

    // --- Read-only views for tests and the lead's wiring ---

    pub fn is_unlocked(&self) -> bool {
        self.session.is_some()
    }

    /// scrypt is running (unlock or create).
    pub fn is_busy(&self) -> bool {
        self.opening.is_some()
    }

    pub fn view(&self) -> Option<View> {
        self.session.as_ref().map(|s| s.view)
    }

    pub fn dialog(&self) -> Option<Dialog> {
        self.session.as_ref().and_then(|s| s.dialog)
    }

    /// The case in the open form.
    pub fn form_case(&self) -> Option<&crate::model::Case> {
        self.session.as_ref()?.form.as_ref().map(|f| &f.case)
    }

    pub fn form_is_dirty(&self) -> bool {
        self.session.as_ref().and_then(|s| s.form.as_ref()).is_some_and(CaseForm::is_dirty)
    }

    /// A full-text search is on its way.
    pub fn search_pending(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.list.search_pending())
    }

    /// The open vault's settings (`None` while a job holds the vault).
    pub fn config(&self) -> Option<crate::vault::VaultConfig> {
        Some(self.session.as_ref()?.vault.handle()?.read().config().clone())
    }

    /// An export, import, attachment or copy is running: its overlay text.
    pub fn job_status(&self) -> Option<String> {
        Some(self.session.as_ref()?.vault.running()?.job.status())
    }

    fn job_running(&self) -> bool {
        self.session.as_ref().is_some_and(Session::job_running)
    }

    /// The file or folder chooser is open.
    pub fn chooser_open(&self) -> bool {
        self.chooser.is_some()
    }

    /// The reason shown on the start screen after a lock, if any.
    pub fn lock_notice(&self) -> Option<&str> {
        self.unlock.notice.as_deref()
    }

    /// Whether full-text search over every case is ready.
    pub fn full_text_ready(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.list.full_text() != FullText::Loading)
    }

    /// Whether something this program copied may still be on the clipboard.
    pub fn has_copied(&self) -> bool {
        self.copied.is_some()
    }

    /// How far the open form is scrolled.
    pub fn form_scroll(&self) -> Option<egui::Vec2> {
        self.session.as_ref()?.form.as_ref().map(CaseForm::scroll_offset)
    }

    /// The case list's sort column and direction.
    pub fn list_sort(&self) -> Option<(crate::ui::case_list::SortColumn, bool)> {
        self.session.as_ref().map(|s| s.list.sort())
    }

    /// Seconds left before the idle lock, while its countdown shows.
    pub fn lock_countdown(&self) -> Option<u64> {
        self.lock_countdown
    }

    /// The keyboard shortcuts overlay is shown.
    pub fn help_open(&self) -> bool {
        self.help_open
    }

    /// Pretend the user has been away for `d` (tests of the idle lock).
    pub fn simulate_idle(&mut self, d: Duration) {
        self.idle_bias = d;
    }
}

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        // Before any widget reads the input. `ime::guard` commits a
        // composition ended by a key or click; `ime::focus` drops what is
        // left of one whose field lost the focus any other way.
        ime::guard(ctx);
        self.ime.filter(ctx);
        self.note_activity(ctx);
        self.shortcuts(ctx);
        // Before anything is drawn, so no dialog can hold the lock off.
        self.check_idle();
        self.poll_opening();
        if self.opening.is_some() {
            // Keep the spinner turning while scrypt runs.
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        self.poll_job(ctx);
        recording::poll(ctx, self.session.as_mut());
        self.autosave();
        self.handle_close_request(ctx);
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let busy = self.job_running();
        if busy {
            // The screen stays in view under the overlay but takes no input.
            ui.disable();
        }
        // A job or a question (drafts, unsaved edits) comes before choosing
        // a file: the chooser never stays open under them.
        if busy || self.dialog().is_some() {
            self.chooser = None;
        }
        let mut actions = Vec::new();
        actions.extend(self.top_bar(ui));
        if busy {
            self.busy_overlay(&ctx);
        } else {
            actions.extend(self.dialogs(&ctx));
        }
        self.unlock.covered = self.chooser.is_some();
        actions.extend(self.central(ui));
        self.show_preview(&ctx);
        recording::show_player(&ctx, self.session.as_mut());
        // Last, so it is on top of the export and import dialogs.
        self.show_chooser(&ctx);
        self.help_overlay(&ctx);
        for a in actions {
            self.act(a);
        }
        self.pump_search();
        clipboard::note_copies(&ctx, &mut self.copied);
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if let Some(s) = &mut self.session
            && let Some(running) = s.vault.give_back()
        {
            // Gone mid-job (the close waits for it, so rarely): keep what
            // it stored, so the draft below matches the stored case.
            if let Some(outcome) = running.job.wait() {
                let _ = busy::apply_outcome(s, outcome);
            }
        }
        // A recording under way is finished and attached before the vault goes.
        if let Some(s) = &mut self.session {
            recording::finish(s);
        }
        // Closing the window with a dirty form: the draft is on disk already
        // (close prompt), but write it once more in case of a later edit.
        if let Some(s) = &mut self.session
            && let Some(form) = &s.form
            && form.is_dirty()
            && let Some(vault) = s.vault.handle()
        {
            let _ = vault.read().save_draft(&form.case);
        }
        clipboard::clear_if_ours(&mut self.copied);
    }
}
