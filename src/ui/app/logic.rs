//! Routing: every [`Action`] a panel returns goes through the one `match`
//! in [`App::act`], which the compiler checks is complete. Screens, cases,
//! drafts and settings are carried out here; bundles, conflicts and
//! attachments in their own files.

use super::jobs::VaultHandle;
use super::lifecycle::LockReason;
use super::session::Session;
use super::{attach, bundles, trust, App, Dialog, View};
use crate::i18n::{self, t, t_args, Lang};
use crate::ui::{Action, CaseAction, DraftAction, Nav};
use crate::ui::panels::case_form::CaseForm;
use crate::ui::file_pick::FilePicker;
use crate::ui::panels::review::ReviewPanel;
use crate::ui::panels::settings::SettingsPanel;
use crate::vault::{SaveOutcome, VaultConfig};
use uuid::Uuid;

impl App {
    pub(super) fn act(&mut self, action: Action) {
        if self.job_running() {
            // One job at a time; the overlay lets nothing else through.
            return;
        }
        if let Some(s) = &mut self.session
            && s.view == View::Settings
            && action.leaves_form()
            && !matches!(action, Action::Nav(Nav::Settings))
            && let Some(p) = &mut s.settings
            && p.is_dirty()
            && !p.discarded
        {
            // Unsaved settings are never dropped silently: asked there.
            p.ask_before_leaving(action);
            return;
        }
        if let Some(s) = &mut self.session
            && action.leaves_form()
            && s.view == View::Form
            && s.form.as_ref().is_some_and(CaseForm::is_dirty)
        {
            // Leaving a form with unsaved edits asks first.
            s.pending = Some(action);
            s.dialog = Some(Dialog::LeaveForm);
            return;
        }
        let ctx = self.ctx.clone();
        match action {
            Action::Start(start) => self.start_opening(start),
            Action::Lock => self.lock(LockReason::Asked),
            Action::Browse(request) => {
                self.chooser = Some(FilePicker::new(request));
                self.ctx.request_repaint();
            }
            Action::SaveSettings(config) => self.save_settings(config),
            Action::Nav(nav) => self.in_session(|s, vault| navigate(s, vault, nav)),
            Action::Case(case) => self.in_session(|s, vault| act_on_case(s, vault, case)),
            Action::Draft(draft) => self.in_session(|s, vault| act_on_draft(s, vault, draft)),
            Action::Bundle(b) => self.in_session(|s, vault| bundles::act_on_bundle(&ctx, s, vault, b)),
            Action::Conflict(c) => self.in_session(|s, vault| bundles::act_on_conflict(s, vault, c)),
            Action::Attachment(a) => self.in_session(|s, vault| attach::act_attachment(&ctx, s, vault, a)),
            Action::Trust(t) => self.in_session(|s, vault| trust::act_on_trust(s, vault, t)),
            Action::Keys(k) => self.act_on_keys(k),
            Action::Record(r) => self.in_session(|s, vault| super::recording::act_record(s, vault, r)),
            Action::Events(e) => self.in_session(|s, vault| super::events::act_on_events(s, vault, e)),
        }
    }

    /// Run `f` with the session and its vault; nothing without a session
    /// (the action came from a screen that is gone) or while a job has the
    /// vault (the overlay takes every input then).
    fn in_session(&mut self, f: impl FnOnce(&mut Session, VaultHandle)) {
        let Some(s) = &mut self.session else { return };
        let Some(vault) = s.vault.handle() else { return };
        f(s, vault);
    }

    fn save_settings(&mut self, config: VaultConfig) {
        let Some(s) = &mut self.session else { return };
        let Some(vault) = s.vault.handle() else { return };
        let lang = Lang::from_code(&config.language).unwrap_or_else(i18n::system_language);
        let minutes = config.idle_lock_minutes;
        let larger_text = config.larger_text;
        let mut config = config;
        let saved = config.clone();
        let result = {
            let mut v = vault.write();
            // The recovery keys are saved by their own button, with
            // recovery.age: the settings' Save never changes them.
            config.recovery_recipients = v.config().recovery_recipients.clone();
            v.set_config(config)
        };
        let panel = s.settings.as_mut();
        match result {
            Ok(()) => {
                s.idle_lock_minutes = minutes;
                crate::ui::fonts::set_larger_text(&self.ctx, larger_text);
                if let Some(p) = panel {
                    p.mark_saved(saved);
                    p.error = None;
                    p.notice = Some(i18n::t_in(lang, "settings-saved", &[]));
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
}

fn navigate(s: &mut Session, vault: VaultHandle, nav: Nav) {
    // Leaving a screen drops the decrypted case it held.
    s.form = None;
    s.review = None;
    match nav {
        Nav::List | Nav::CloseForm => {
            s.settings = None;
            s.conflicts = None;
            s.events = None;
            s.view = View::List;
        }
        Nav::Events => {
            s.settings = None;
            super::events::show_events(s, &vault);
        }
        Nav::Settings => {
            let (config, recipient, signers) = {
                let v = vault.read();
                (v.config().clone(), v.recipient(), trust::signers_section(&v))
            };
            let mut panel = SettingsPanel::new(config, recipient, signers);
            panel.standard = super::events::standard_section(&vault);
            s.settings = Some(panel);
            s.view = View::Settings;
        }
        Nav::Conflicts => {
            s.settings = None;
            bundles::show_conflicts(s, &vault);
        }
    }
}

fn act_on_case(s: &mut Session, vault: VaultHandle, action: CaseAction) {
    match action {
        CaseAction::New => {
            let case = vault.write().new_case();
            s.review = None;
            s.form = Some(CaseForm::new(case, true));
            s.view = View::Form;
        }
        CaseAction::Edit(id) => edit_case(s, &vault, id),
        CaseAction::Review(id) => {
            let v = vault.read();
            let loaded = v.load_case(id);
            let has_draft = v.drafts().contains(&id);
            // Who signed each revision, and whether it checks.
            let signatures: Vec<String> =
                loaded.as_ref().map(|c| c.history.iter().map(|r| v.revision_status(c.id, r)).collect()).unwrap_or_default();
            drop(v);
            match loaded {
                Ok(case) => {
                    s.form = None;
                    let mut panel = ReviewPanel::new(case, has_draft);
                    panel.signatures = signatures;
                    panel.events = super::events::review_lines(&vault.read(), &panel.case);
                    s.review = Some(panel);
                    s.view = View::Review;
                }
                Err(e) => s.error = Some(e.to_string()),
            }
        }
        CaseAction::Save => {
            save_form(s, &vault);
        }
        CaseAction::ForgetMissing => {
            let result = vault.write().forget_missing();
            match result {
                Ok(n) => {
                    s.list.missing = 0;
                    s.list.notice = Some(t_args("list-forgot-missing", &[("count", &n.to_string())]));
                }
                Err(e) => s.error = Some(e.to_string()),
            }
        }
    }
}

/// Open a case in the form: its draft when there is one, else as stored.
fn edit_case(s: &mut Session, vault: &VaultHandle, id: Uuid) {
    let v = vault.read();
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
        Ok((case, true)) => {
            let mut form = CaseForm::from_draft(case, !exists);
            form.notice = Some(t("form-restored-draft"));
            s.form = Some(form);
        }
        Ok((case, false)) => s.form = Some(CaseForm::new(case, false)),
        Err(e) => {
            s.error = Some(e.to_string());
            return;
        }
    }
    s.review = None;
    s.view = View::Form;
}

fn act_on_draft(s: &mut Session, vault: VaultHandle, action: DraftAction) {
    match action {
        DraftAction::Restore(id) => {
            let v = vault.read();
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
        DraftAction::Discard(id) => {
            let result = vault.read().discard_draft(id);
            match result {
                Ok(()) => s.drafts.retain(|d| d.id != id),
                Err(e) => s.error = Some(e.to_string()),
            }
        }
    }
}

/// Save the open form. Returns whether it is now saved.
pub(super) fn save_form(s: &mut Session, vault: &VaultHandle) -> bool {
    let Some(form) = &mut s.form else { return false };
    let problems = form.blocking_problems();
    if !problems.is_empty() {
        form.save_error = Some(problems.join(" "));
        return false;
    }
    let mut case = form.to_save();
    let held_back = form.held_back();
    let mut v = vault.write();
    let who = crate::vault::editor_name(v.config(), Some(&case));
    let notice = match v.save_case(&mut case, &who) {
        Ok(SaveOutcome::Saved { revision, .. }) if held_back => {
            t_args("form-saved-not-complete", &[("revision", &revision.to_string())])
        }
        Ok(SaveOutcome::Saved { revision, .. }) => t_args("form-saved-revision", &[("revision", &revision.to_string())]),
        Ok(SaveOutcome::Unchanged) => {
            // Nothing differed: the draft is redundant.
            let _ = v.discard_draft(case.id);
            t("form-unchanged")
        }
        Err(e) => {
            // Keep the edits: as a draft on disk, and in the form.
            let _ = v.save_draft(&form.case);
            form.save_error = Some(t_args("form-save-failed", &[("detail", &e.to_string())]));
            return false;
        }
    };
    drop(v);
    let code = case.code.clone();
    form.mark_saved(case.clone());
    form.notice = Some(notice);
    s.stored(case);
    s.list.notice = Some(t_args("list-saved", &[("code", &code)]));
    true
}
