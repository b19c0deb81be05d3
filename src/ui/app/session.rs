//! Everything that exists only while the vault is unlocked, and how it is
//! built from a freshly opened vault. Dropping a [`Session`] drops the
//! vault (key wiped, lock released) and every decrypted case.

use super::busy::Outcome;
use super::jobs::{JobGate, Status, VaultHandle, VaultSlot};
use super::{Dialog, View};
use crate::i18n::{t, t_args};
use crate::ui::Action;
use crate::ui::panels::attachments::Preview;
use crate::ui::panels::bundles::BundleDialog;
use crate::ui::panels::case_form::CaseForm;
use crate::ui::panels::case_list::CaseList;
use crate::ui::panels::conflicts::ConflictsPanel;
use crate::ui::panels::review::ReviewPanel;
use crate::ui::search_thread::SearchThread;
use crate::ui::panels::settings::SettingsPanel;
use crate::vault::Vault;
use std::sync::{Arc, RwLock};
use std::time::Instant;
use uuid::Uuid;

/// An autosaved draft offered at unlock.
pub struct DraftInfo {
    pub id: Uuid,
    pub label: String,
    /// Why it cannot be restored (it can still be discarded).
    pub error: Option<String>,
}

pub struct Session {
    /// The vault, or the job that has it (see jobs.rs).
    pub vault: VaultSlot,
    pub list: CaseList,
    pub form: Option<CaseForm>,
    pub review: Option<ReviewPanel>,
    pub settings: Option<SettingsPanel>,
    pub view: View,
    pub search: Option<SearchThread>,
    pub drafts: Vec<DraftInfo>,
    pub dialog: Option<Dialog>,
    /// Where to go once the leave-form prompt is answered.
    pub pending: Option<Action>,
    pub last_draft_write: Instant,
    /// A problem to show above every screen until dismissed.
    pub error: Option<String>,
    pub read_only: bool,
    pub bundle: BundleDialog,
    pub conflicts: Option<ConflictsPanel>,
    pub events: Option<crate::ui::panels::events::EventsPanel>,
    /// A decrypted picture shown in a window (in egui's memory only).
    pub preview: Option<Preview>,
    pub job_gate: Option<JobGate>,
    /// The idle lock's setting, kept here so the timer never reads the
    /// vault (a job may hold it).
    pub idle_lock_minutes: u32,
    /// The recorder running for the case in the form (ui::app::recording).
    pub recording: Option<super::recording::Active>,
    /// A recording decrypted into memory and played (ui::panels::player).
    pub player: Option<crate::ui::panels::player::PlayerPanel>,
}

impl Session {
    /// A session over a vault just opened: its list, drafts and the search
    /// thread (which loads every case in the background).
    pub fn open(vault: Vault, job_gate: Option<JobGate>, wake: impl Fn() + Send + 'static) -> Session {
        let mut list = CaseList::new(vault.summaries().cloned());
        list.damaged = vault.open_report().damaged.iter().map(ToString::to_string).collect();
        list.damaged.extend(vault.open_report().notices());
        list.missing = vault.open_report().missing.len();
        list.conflicts = vault.list_conflicts().len();
        let read_only = vault.is_read_only();
        let idle_lock_minutes = vault.config().idle_lock_minutes;
        let drafts = drafts(&vault);
        let vault = Arc::new(RwLock::new(vault));
        let search = match SearchThread::spawn(vault.clone(), wake) {
            Ok(s) => {
                list.full_text_loading();
                Some(s)
            }
            Err(e) => {
                list.damaged.push(t_args("app-thread-failed", &[("detail", &e.to_string())]));
                None
            }
        };
        Session {
            vault: VaultSlot::Free(vault),
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
            bundle: BundleDialog::default(),
            conflicts: None,
            events: None,
            preview: None,
            job_gate,
            idle_lock_minutes,
            recording: None,
            player: None,
        }
    }

    /// Show `e` above every screen, after any problem shown there already.
    pub fn add_error(&mut self, e: String) {
        self.error = Some(match self.error.take() {
            Some(old) => format!("{old} {e}"),
            None => e,
        });
    }

    pub fn job_running(&self) -> bool {
        self.vault.running().is_some()
    }

    /// Start `work` on its own thread with the vault; the overlay shows
    /// `status` until it ends. Err is the message to show where the result
    /// would have gone.
    pub fn start_job(
        &mut self,
        ctx: &egui::Context,
        vault: VaultHandle,
        status: String,
        work: impl FnOnce(&RwLock<Vault>, &Status) -> Outcome + Send + 'static,
    ) -> Result<(), String> {
        match self.vault.lend(vault, ctx, status, self.job_gate.clone(), work) {
            Ok(()) => {
                // Show the overlay now, not at the next input.
                ctx.request_repaint();
                Ok(())
            }
            Err(e) => Err(t_args("app-thread-failed", &[("detail", &e.to_string())])),
        }
    }

    /// Tell the list and the search thread that `case` was stored.
    pub fn stored(&mut self, case: crate::model::Case) {
        self.list.upsert(case.summary());
        if let Some(search) = &self.search {
            search.upsert(case);
        }
    }
}

/// The drafts found at unlock, labelled for the dialog.
fn drafts(vault: &Vault) -> Vec<DraftInfo> {
    vault
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
        .collect()
}

impl Drop for Session {
    fn drop(&mut self) {
        // A job still running is waited for (App::drop applies its result
        // first); then the search thread, which may still hold the vault.
        drop(self.vault.give_back());
        self.search = None;
    }
}
