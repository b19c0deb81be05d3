//! The app: which screen is shown, and carrying out panels' actions against
//! the vault. Also the guards that keep work and secrets safe: autosave of
//! drafts, prompts before unsaved edits are left, the lock (button, Ctrl+L,
//! idle timer) that drops every decrypted value.

use super::case_form::CaseForm;
use super::case_list::CaseList;
use super::jobs::{Job, JobGate, Poll};
use super::review::ReviewPanel;
use super::search_thread::{Reply, SearchThread};
use super::settings::SettingsPanel;
use super::file_pick::{FilePicker, PickTarget, Picked};
use super::unlock::{Mode, UnlockPanel};
use super::widgets::{error_text, format_time, SENSITIVE_COLOUR};
use super::{fonts, Action};
use crate::i18n::{self, t, t_args, Lang};
use crate::model::now_utc;
use crate::vault::{self, CreateOptions, SaveOutcome, Vault, VaultError, DEFAULT_WORK_FACTOR};
use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui, ViewportCommand};
use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, TryRecvError};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};
use uuid::Uuid;

mod attach;
mod bundles;
mod busy;
mod choose;

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

struct DraftInfo {
    id: Uuid,
    label: String,
    error: Option<String>,
}

/// Everything that exists only while the vault is unlocked. Dropping it
/// drops the vault (key wiped, lock released) and every decrypted case.
struct Session {
    vault: Arc<RwLock<Vault>>,
    list: CaseList,
    form: Option<CaseForm>,
    review: Option<ReviewPanel>,
    settings: Option<SettingsPanel>,
    view: View,
    search: Option<SearchThread>,
    drafts: Vec<DraftInfo>,
    dialog: Option<Dialog>,
    /// Where to go once the leave-form prompt is answered.
    pending: Option<Action>,
    last_draft_write: Instant,
    /// A problem to show above every screen until dismissed.
    error: Option<String>,
    read_only: bool,
    bundle: super::bundles::BundleDialog,
    conflicts: Option<super::conflicts::ConflictsPanel>,
    /// A decrypted picture shown in a window (in egui's memory only).
    preview: Option<super::attachments::Preview>,
    /// Export, import, attaching or a decrypted copy, on its own thread.
    job: Option<Running>,
    job_gate: Option<JobGate>,
    /// The idle lock's setting, kept here so the timer never reads the
    /// vault (a job may hold it).
    idle_lock_minutes: u32,
}

/// What a background job hands back to the UI thread.
enum Outcome {
    Export { result: crate::bundle::Result<crate::bundle::ExportReport> },
    Import {
        result: crate::bundle::Result<crate::bundle::ImportReport>,
        changed: Vec<crate::model::Case>,
        conflicts: usize,
    },
    Attach(Box<attach::Attached>),
    /// A copy saved or an attachment checked: the Attachments section's message.
    Attachment { case: Uuid, close_question: bool, result: Result<String, String> },
}

/// The job running, and what was asked for while it ran.
struct Running {
    job: Job<Outcome>,
    /// A lock asked for meanwhile, with its reason: done when the job ends.
    lock_after: Option<Option<String>>,
    /// The window was asked to close meanwhile.
    close_after: bool,
    /// Files were dropped on the window meanwhile (not attached: said after).
    drop_ignored: bool,
}

impl Session {
    // The UI thread's only ways to the vault. While a job runs it must not
    // use them (see jobs.rs): the job may hold the write guard.
    fn read(&self) -> RwLockReadGuard<'_, Vault> {
        debug_assert!(self.job.is_none(), "the UI thread read the vault while a job ran");
        self.vault.read().unwrap_or_else(|e| e.into_inner())
    }
    fn write(&self) -> RwLockWriteGuard<'_, Vault> {
        debug_assert!(self.job.is_none(), "the UI thread wrote the vault while a job ran");
        self.vault.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Show `e` above every screen, after any problem shown there already.
    fn add_error(&mut self, e: String) {
        self.error = Some(match self.error.take() {
            Some(old) => format!("{old} {e}"),
            None => e,
        });
    }

    /// Start `work` on its own thread; the overlay shows `status` until it
    /// ends. Err is the message to show where the result would have gone.
    fn start_job(
        &mut self,
        ctx: &egui::Context,
        status: String,
        work: impl FnOnce(&super::jobs::Status) -> Outcome + Send + 'static,
    ) -> Result<(), String> {
        debug_assert!(self.job.is_none(), "one job at a time");
        match Job::spawn(ctx, status, self.job_gate.clone(), work) {
            Ok(job) => {
                self.job = Some(Running { job, lock_after: None, close_after: false, drop_ignored: false });
                // Show the overlay now, not at the next input.
                ctx.request_repaint();
                Ok(())
            }
            Err(e) => Err(t_args("app-thread-failed", &[("detail", &e.to_string())])),
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A job still running is waited for (App::drop applies its result
        // first); then the search thread, which may still hold the vault.
        self.job = None;
        self.search = None;
    }
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
    ime: super::ime_guard::ImeGuard,
    /// The file or folder chooser, over whatever screen or dialog opened it.
    chooser: Option<FilePicker>,
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
        self.session.as_ref().filter(|s| s.job.is_none()).map(|s| s.read().config().clone())
    }

    /// An export, import, attachment or copy is running: its overlay text.
    pub fn job_status(&self) -> Option<String> {
        Some(self.session.as_ref()?.job.as_ref()?.job.status())
    }

    fn job_running(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.job.is_some())
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
        self.session.as_ref().is_some_and(|s| !s.list.loading_text)
    }

    /// Pretend the user has been away for `d` (tests of the idle lock).
    pub fn simulate_idle(&mut self, d: Duration) {
        self.idle_bias = d;
    }

    fn idle_for(&self) -> Duration {
        self.last_activity.elapsed() + self.idle_bias
    }

    fn idle_limit(&self) -> Option<Duration> {
        let minutes = self.session.as_ref()?.idle_lock_minutes;
        (minutes > 0).then(|| Duration::from_secs(minutes as u64 * 60))
    }

    // --- Unlocking ---

    fn start_opening(&mut self, dir: PathBuf, passphrase: age::secrecy::SecretString, create: bool) {
        // egui keeps each text field's undo history, passphrase included.
        self.ctx.data_mut(|d| d.clear());
        let (tx, rx) = channel();
        let ctx = self.ctx.clone();
        let work_factor = self.options.work_factor;
        let spawned = std::thread::Builder::new().name("unlock".into()).spawn(move || {
            let result = if create {
                Vault::create_with(&dir, &passphrase, &CreateOptions { work_factor })
            } else {
                Vault::open(&dir, &passphrase)
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

    fn poll_opening(&mut self) {
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
        let config = vault.config().clone();
        if let Some(lang) = Lang::from_code(&config.language)
            && self.options.language.is_none()
        {
            self.set_language(lang);
        }
        let mut list = CaseList::new(vault.summaries().cloned());
        list.damaged = vault.open_report().damaged.iter().map(ToString::to_string).collect();
        list.missing = vault.open_report().missing.len();
        list.conflicts = vault.list_conflicts().len();
        let read_only = vault.is_read_only();
        let drafts = vault
            .drafts()
            .into_iter()
            .map(|id| match vault.load_draft(id) {
                Ok(Some(case)) => {
                    let new = if vault.contains(id) { "" } else { " *" };
                    DraftInfo { id, label: format!("{} — {}{new}", case.code, case.interviewee.pseudonym), error: None }
                }
                Ok(None) => DraftInfo { id, label: id.to_string(), error: Some(t("app-draft-gone")) },
                Err(e) => DraftInfo { id, label: id.to_string(), error: Some(e.to_string()) },
            })
            .collect::<Vec<_>>();
        let vault = Arc::new(RwLock::new(vault));
        let ctx = self.ctx.clone();
        let search = match SearchThread::spawn(vault.clone(), move || ctx.request_repaint()) {
            Ok(s) => {
                list.loading_text = true;
                Some(s)
            }
            Err(e) => {
                list.damaged.push(t_args("app-thread-failed", &[("detail", &e.to_string())]));
                None
            }
        };
        self.session = Some(Session {
            vault,
            list,
            form: None,
            review: None,
            settings: None,
            view: View::List,
            search,
            dialog: (!drafts.is_empty()).then_some(Dialog::Drafts),
            drafts,
            pending: None,
            last_draft_write: Instant::now(),
            error: read_only.then(|| t("app-read-only")),
            read_only,
            bundle: Default::default(),
            conflicts: None,
            preview: None,
            job: None,
            job_gate: self.options.job_gate.clone(),
            idle_lock_minutes: config.idle_lock_minutes,
        });
        self.last_activity = Instant::now();
        self.idle_bias = Duration::ZERO;
    }

    fn set_language(&mut self, lang: Lang) {
        i18n::set_language(lang);
        if lang != self.language {
            self.language = lang;
            // The title is the program's name only, never case content.
            self.ctx.send_viewport_cmd(ViewportCommand::Title(t("app-title")));
        }
    }

    // --- Locking ---

    /// Drop the vault and everything decrypted; back to the start screen.
    /// Unsaved edits are first written as an encrypted draft. While a job
    /// runs the lock waits for it to end (see jobs.rs).
    pub fn lock(&mut self, reason: Option<String>) {
        if let Some(running) = self.session.as_mut().and_then(|s| s.job.as_mut()) {
            running.lock_after.get_or_insert(reason);
            return;
        }
        let Some(mut session) = self.session.take() else { return };
        Self::close_preview(&self.ctx, &mut session);
        // Its listing names files (recordings, bundles): gone with the rest.
        self.chooser = None;
        let mut notice = reason;
        if let Some(form) = &session.form
            && form.is_dirty()
            && let Err(e) = session.read().save_draft(&form.case) {
                notice = Some(t_args("app-lock-draft-failed", &[("detail", &e.to_string())]));
            }
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

    // --- Per-frame bookkeeping ---

    fn note_activity(&mut self, ctx: &egui::Context) {
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

    fn check_idle(&mut self) {
        let Some(limit) = self.idle_limit() else { return };
        let idle = self.idle_for();
        if idle >= limit {
            let minutes = (limit.as_secs() / 60).to_string();
            self.lock(Some(t_args("app-locked-idle", &[("minutes", &minutes)])));
        } else {
            // Wake up when the limit is reached even without input.
            self.ctx.request_repaint_after(limit - idle);
        }
    }

    fn autosave(&mut self) {
        let every = self.options.autosave_every;
        let Some(session) = &mut self.session else { return };
        // A job may hold the vault: the draft is written once it has ended.
        if session.job.is_some() {
            return;
        }
        let Some(form) = &mut session.form else { return };
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
        let result = session.vault.read().unwrap_or_else(|e| e.into_inner()).save_draft(&form.case);
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

    fn pump_search(&mut self) {
        let Some(session) = &mut self.session else { return };
        let Some(search) = &session.search else { return };
        loop {
            match search.try_recv() {
                Ok(Some(Reply::Ready { damaged })) => {
                    session.list.set_full_text_ready();
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
                    session.list.loading_text = false;
                    session.error = Some(t("app-search-stopped"));
                    break;
                }
            }
        }
        if let (Some(search), Some((seq, q))) = (&session.search, session.list.take_search_request()) {
            search.query(seq, q);
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.allow_close {
            return;
        }
        let Some(session) = &mut self.session else { return };
        if let Some(running) = &mut session.job {
            // Never in the middle of a job: the window closes once it ends.
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            running.close_after = true;
            return;
        }
        let Some(form) = &mut session.form else { return };
        if !form.is_dirty() {
            return;
        }
        ctx.send_viewport_cmd(ViewportCommand::CancelClose);
        // Whatever is answered, the edits are on disk (encrypted) now.
        if session.vault.read().unwrap_or_else(|e| e.into_inner()).save_draft(&form.case).is_ok() {
            form.take_draft_due();
        }
        session.dialog = Some(Dialog::CloseWindow);
    }

    // --- Carrying out actions ---

    fn act(&mut self, action: Action) {
        if self.job_running() {
            // One job at a time; the overlay lets nothing else through.
            return;
        }
        match action {
            Action::OpenVault { dir, passphrase } => self.start_opening(dir, passphrase, false),
            Action::CreateVault { dir, passphrase } => self.start_opening(dir, passphrase, true),
            Action::Lock => self.lock(None),
            Action::Browse(request) => {
                self.chooser = Some(FilePicker::new(request));
                self.ctx.request_repaint();
            }
            other => {
                let Some(session) = &mut self.session else { return };
                // Leaving a form with unsaved edits asks first.
                let leaves_form = matches!(
                    other,
                    Action::ShowList
                        | Action::ShowSettings
                        | Action::NewCase
                        | Action::EditCase(_)
                        | Action::ReviewCase(_)
                        | Action::CloseForm
                        | Action::RestoreDraft(_)
                );
                if leaves_form && session.view == View::Form && session.form.as_ref().is_some_and(CaseForm::is_dirty) {
                    session.pending = Some(other);
                    session.dialog = Some(Dialog::LeaveForm);
                    return;
                }
                self.act_in_session(other);
            }
        }
    }

    fn act_in_session(&mut self, action: Action) {
        let Some(s) = &mut self.session else { return };
        match action {
            Action::ShowList | Action::CloseForm => {
                // Leaving drops the decrypted case the screen held.
                s.form = None;
                s.review = None;
                s.settings = None;
                s.conflicts = None;
                s.view = View::List;
            }
            Action::ShowSettings => {
                let (config, recipient) = {
                    let v = s.read();
                    (v.config().clone(), v.recipient())
                };
                s.form = None;
                s.review = None;
                s.settings = Some(SettingsPanel::new(config, recipient));
                s.view = View::Settings;
            }
            Action::NewCase => {
                let case = s.write().new_case();
                s.review = None;
                s.form = Some(CaseForm::new(case, true));
                s.view = View::Form;
            }
            Action::EditCase(id) => {
                let v = s.read();
                let loaded = if v.drafts().contains(&id) {
                    v.load_draft(id).map(|d| d.map(|case| (case, true)))
                } else {
                    Ok(None)
                };
                let loaded = match loaded {
                    Ok(Some(x)) => Ok(x),
                    Ok(None) => v.load_case(id).map(|c| (c, false)),
                    Err(e) => Err(e),
                };
                let exists = v.contains(id);
                drop(v);
                match loaded {
                    Ok((case, from_draft)) => {
                        let mut form = if from_draft {
                            CaseForm::from_draft(case, !exists)
                        } else {
                            CaseForm::new(case, false)
                        };
                        if from_draft {
                            form.notice = Some(t("form-restored-draft"));
                        }
                        s.form = Some(form);
                        s.review = None;
                        s.view = View::Form;
                    }
                    Err(e) => s.error = Some(e.to_string()),
                }
            }
            Action::ReviewCase(id) => {
                let v = s.read();
                let loaded = v.load_case(id);
                let has_draft = v.drafts().contains(&id);
                drop(v);
                match loaded {
                    Ok(case) => {
                        s.form = None;
                        s.review = Some(ReviewPanel::new(case, has_draft));
                        s.view = View::Review;
                    }
                    Err(e) => s.error = Some(e.to_string()),
                }
            }
            Action::SaveCase => {
                Self::save_form(s);
            }
            Action::SaveSettings(config) => {
                let lang = Lang::from_code(&config.language).unwrap_or_else(i18n::system_language);
                let minutes = config.idle_lock_minutes;
                let result = s.write().set_config(config);
                let panel = s.settings.as_mut();
                match result {
                    Ok(()) => {
                        s.idle_lock_minutes = minutes;
                        if let Some(p) = panel {
                            p.error = None;
                            p.notice = Some(t_in_lang(lang, "settings-saved"));
                        }
                        self.set_language(lang);
                    }
                    Err(e) => {
                        if let Some(p) = panel {
                            p.error = Some(e.to_string());
                        }
                    }
                }
            }
            Action::RestoreDraft(id) => {
                let v = s.read();
                let loaded = v.load_draft(id);
                let exists = v.contains(id);
                drop(v);
                match loaded {
                    Ok(Some(case)) => {
                        let mut form = CaseForm::from_draft(case, !exists);
                        form.notice = Some(t("form-restored-draft"));
                        s.form = Some(form);
                        s.view = View::Form;
                        s.drafts.retain(|d| d.id != id);
                        s.dialog = None;
                    }
                    Ok(None) => s.drafts.retain(|d| d.id != id),
                    Err(e) => s.error = Some(e.to_string()),
                }
            }
            Action::DiscardDraft(id) => {
                let result = s.read().discard_draft(id);
                match result {
                    Ok(()) => s.drafts.retain(|d| d.id != id),
                    Err(e) => s.error = Some(e.to_string()),
                }
            }
            Action::ForgetMissing => {
                let result = s.write().forget_missing();
                match result {
                    Ok(n) => {
                        s.list.missing = 0;
                        s.list.notice = Some(t_args("list-forgot-missing", &[("count", &n.to_string())]));
                    }
                    Err(e) => s.error = Some(e.to_string()),
                }
            }
            Action::OpenExport
            | Action::Export(_)
            | Action::OpenImport
            | Action::Import { .. }
            | Action::ShowConflicts
            | Action::OpenConflict(_)
            | Action::ResolveConflict { .. }
            | Action::MergeConflict { .. } => Self::act_on_bundles(&self.ctx, s, action),
            Action::Attach(_)
            | Action::RemoveAttachment(_)
            | Action::PreviewAttachment(_)
            | Action::VerifyAttachment(_)
            | Action::SaveAttachmentCopy { .. } => Self::act_attachment(&self.ctx, s, action),
            Action::OpenVault { .. } | Action::CreateVault { .. } | Action::Lock | Action::Browse(_) => {}
        }
    }

    /// Save the open form. Returns whether it is now saved.
    fn save_form(s: &mut Session) -> bool {
        let Some(form) = &mut s.form else { return false };
        let problems = form.blocking_problems();
        if !problems.is_empty() {
            form.save_error = Some(problems.join(" "));
            return false;
        }
        let mut case = form.case.clone();
        let mut vault = s.vault.write().unwrap_or_else(|e| e.into_inner());
        let editor = crate::vault::editor_name(vault.config(), Some(&case));
        match vault.save_case(&mut case, &editor) {
            Ok(outcome) => {
                let notice = match outcome {
                    SaveOutcome::Saved { revision, .. } => t_args("form-saved-revision", &[("revision", &revision.to_string())]),
                    SaveOutcome::Unchanged => {
                        // Nothing differed: the draft is redundant.
                        let _ = vault.discard_draft(case.id);
                        t("form-unchanged")
                    }
                };
                drop(vault);
                s.list.upsert(case.summary());
                if let Some(search) = &s.search {
                    search.upsert(case.clone());
                }
                form.mark_saved(case);
                form.notice = Some(notice);
                s.list.notice = Some(t_args("list-saved", &[("code", &form.case.code)]));
                true
            }
            Err(e) => {
                // Keep the edits: as a draft on disk, and in the form.
                let _ = vault.save_draft(&form.case);
                form.save_error = Some(t_args("form-save-failed", &[("detail", &e.to_string())]));
                false
            }
        }
    }

    // --- Drawing ---

    fn top_bar(&mut self, ui: &mut Ui) -> Option<Action> {
        let s = self.session.as_ref()?;
        let mut action = None;
        egui::Panel::top("top-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(t("app-title"));
                ui.separator();
                if ui.selectable_label(matches!(s.view, View::List | View::Review), t("nav-cases")).clicked() {
                    action = Some(Action::ShowList);
                }
                if ui.selectable_label(s.view == View::Settings, t("nav-settings")).clicked() {
                    action = Some(Action::ShowSettings);
                }
                if s.read_only {
                    ui.label(RichText::new(t("app-read-only-short")).color(SENSITIVE_COLOUR));
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button(RichText::new(t("nav-lock")).strong())
                        .on_hover_text(t("nav-lock-hint"))
                        .clicked()
                    {
                        action = Some(Action::Lock);
                    }
                });
            });
        });
        action
    }

    fn dialogs(&mut self, ctx: &egui::Context) -> Option<Action> {
        let s = self.session.as_mut()?;
        if s.dialog.is_none() && s.bundle.is_open() {
            return s.bundle.show(ctx);
        }
        let dialog = s.dialog?;
        let mut action = None;
        let mut close = false;
        let mut save_then: Option<bool> = None; // Some(close window?)
        let mut discard_then = false;
        let mut quit_keep_draft = false;
        egui::Modal::new(egui::Id::unique(("dialog", dialog as u8))).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match dialog {
                Dialog::Drafts => {
                    ui.heading(t("drafts-title"));
                    ui.label(t("drafts-explain"));
                    ui.add_space(8.0);
                    for d in &s.drafts {
                        ui.horizontal(|ui| {
                            ui.label(&d.label);
                            if let Some(e) = &d.error {
                                error_text(ui, e);
                            } else if ui.button(t("drafts-restore")).clicked() {
                                action = Some(Action::RestoreDraft(d.id));
                            }
                            if ui.button(t("drafts-discard")).clicked() {
                                action = Some(Action::DiscardDraft(d.id));
                            }
                        });
                    }
                    ui.add_space(8.0);
                    if ui.button(t("drafts-later")).clicked() {
                        close = true;
                    }
                }
                Dialog::LeaveForm => {
                    ui.heading(t("leave-title"));
                    ui.label(t("leave-explain"));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button(RichText::new(t("leave-save")).strong()).clicked() {
                            save_then = Some(false);
                        }
                        if ui.button(t("leave-discard")).clicked() {
                            discard_then = true;
                        }
                        if ui.button(t("leave-stay")).clicked() {
                            close = true;
                        }
                    });
                }
                Dialog::CloseWindow => {
                    ui.heading(t("close-title"));
                    ui.label(t("close-explain"));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button(RichText::new(t("close-save")).strong()).clicked() {
                            save_then = Some(true);
                        }
                        if ui.button(t("close-keep-draft")).clicked() {
                            quit_keep_draft = true;
                        }
                        if ui.button(t("leave-stay")).clicked() {
                            close = true;
                        }
                    });
                }
            }
            if let Some(form) = &s.form
                && let Some(e) = &form.save_error
                && dialog != Dialog::Drafts
            {
                error_text(ui, e);
            }
        });
        if s.dialog == Some(Dialog::Drafts) && s.drafts.is_empty() && action.is_none() {
            close = true;
        }
        if close {
            s.dialog = None;
            s.pending = None;
        }
        if let Some(close_window) = save_then
            && Self::save_form(s) {
                s.dialog = None;
                if close_window {
                    self.allow_close = true;
                    ctx.send_viewport_cmd(ViewportCommand::Close);
                } else if let Some(next) = s.pending.take() {
                    s.form = None;
                    return Some(next);
                }
            }
        if discard_then {
            if let Some(form) = s.form.take() {
                let _ = s.read().discard_draft(form.case.id);
            }
            s.dialog = None;
            s.view = View::List;
            return s.pending.take();
        }
        if quit_keep_draft {
            s.dialog = None;
            self.allow_close = true;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
        action
    }

    fn central(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        egui::CentralPanel::default().show(ui, |ui| {
            let Some(s) = &mut self.session else {
                // The folder check reads the disk: only when the text changed.
                if self.checked_dir.as_deref() != Some(self.unlock.dir.as_str()) {
                    let dir = self.unlock.dir.trim();
                    self.unlock.mode =
                        if !dir.is_empty() && vault::is_vault(std::path::Path::new(dir)) { Mode::Open } else { Mode::Create };
                    self.checked_dir = Some(self.unlock.dir.clone());
                }
                action = self.unlock.ui(ui);
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
            };
        });
        action
    }
}

fn t_in_lang(lang: Lang, key: &str) -> String {
    i18n::t_in(lang, key, &[])
}

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        // Before any widget reads the input. `ime::guard` commits a
        // composition ended by a key or click; `ime_guard` drops what is
        // left of one whose field lost the focus any other way.
        super::ime::guard(ctx);
        self.ime.filter(ctx);
        self.note_activity(ctx);
        if self.session.is_some()
            && ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::L)))
        {
            self.lock(None);
        }
        // Before anything is drawn, so no dialog can hold the lock off.
        self.check_idle();
        self.poll_opening();
        if self.opening.is_some() {
            // Keep the spinner turning while scrypt runs.
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        self.poll_job(ctx);
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
        // Last, so it is on top of the export and import dialogs.
        self.show_chooser(&ctx);
        for a in actions {
            self.act(a);
        }
        self.pump_search();
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if let Some(s) = &mut self.session
            && let Some(running) = s.job.take()
        {
            // Gone mid-job (the close waits for it, so rarely): keep what
            // it stored, so the draft below matches the stored case.
            if let Some(outcome) = running.job.wait() {
                let _ = Self::apply_outcome(s, outcome);
            }
        }
        // Closing the window with a dirty form: the draft is on disk already
        // (close prompt), but write it once more in case of a later edit.
        if let Some(s) = &mut self.session
            && let Some(form) = &s.form
            && form.is_dirty()
        {
            let _ = s.read().save_draft(&form.case);
        }
    }
}
