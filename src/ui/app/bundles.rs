//! Carrying out the export, import and conflict actions against the vault.

use super::*;

// --- Bundles and conflicts (the dialogs and screen live in bundles.rs and conflicts.rs) ---

impl App {
    pub(super) fn act_on_bundles(ctx: &egui::Context, s: &mut Session, action: Action) {
        use crate::ui::bundles::{BundleDialog, ExportDialog, ImportDialog};
        use crate::ui::conflicts::ConflictsPanel;
        use crate::bundle::{self, ExportOptions, Unlock};
        match action {
            Action::OpenExport => {
                let mut ids: Vec<Uuid> = s.list.selected.iter().copied().collect();
                let v = s.read();
                // Same order as the command line: by case code.
                ids.sort_by_cached_key(|id| v.summary(*id).map(|x| x.code.clone()).unwrap_or_default());
                let dialog = ExportDialog::new(ids, &v.config().organisation_recipients);
                drop(v);
                s.bundle = BundleDialog::Export(dialog);
            }
            Action::Export(req) => {
                let vault = s.vault.clone();
                let status = t_args("app-job-exporting", &[("count", &req.ids.len().to_string())]);
                // Writing only reads the vault: a read guard for the job.
                let started = s.start_job(ctx, status, move |_| {
                    // The dialog starts with the organisation's keys and refuses an empty list.
                    let result = bundle::Audience::asked(&req.recipients, &[], req.passphrase.is_some())
                        .and_then(|audience| audience.recipients(&[]))
                        .and_then(|recipients| {
                            let options = ExportOptions {
                                recipients,
                                passphrase: req.passphrase,
                                work_factor: None,
                                profile: req.profile,
                            };
                            let vault = vault.read().unwrap_or_else(|e| e.into_inner());
                            bundle::export_cases(&vault, &req.ids, &options, &req.path)
                        });
                    Outcome::Export { result }
                });
                if let (Err(e), BundleDialog::Export(d)) = (started, &mut s.bundle) {
                    d.error = Some(e);
                }
            }
            Action::OpenImport => s.bundle = BundleDialog::Import(ImportDialog::default()),
            Action::Import { path, passphrase } => {
                let vault = s.vault.clone();
                let name =
                    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
                let status = t_args("app-job-importing", &[("file", &name)]);
                // Merging writes cases: the job holds the write guard.
                let started = s.start_job(ctx, status, move |_| {
                    let mut vault = vault.write().unwrap_or_else(|e| e.into_inner());
                    let mut unlock = Unlock::with_identity(vault.key().identity().clone());
                    unlock.passphrase = passphrase;
                    let editor = crate::vault::editor_name(vault.config(), None);
                    let result = bundle::import(&mut vault, &path, &unlock, &editor);
                    // What changed, reloaded for the list and the search index.
                    let changed: Vec<_> = match &result {
                        Ok(r) => r
                            .cases
                            .iter()
                            .filter(|(_, _, o)| {
                                matches!(o, bundle::MergeOutcome::Added | bundle::MergeOutcome::Updated { .. })
                            })
                            .filter_map(|(id, _, _)| vault.load_case(*id).ok())
                            .collect(),
                        Err(_) => Vec::new(),
                    };
                    let conflicts = vault.list_conflicts().len();
                    Outcome::Import { result, changed, conflicts }
                });
                if let (Err(e), BundleDialog::Import(d)) = (started, &mut s.bundle) {
                    d.error = Some(e);
                }
            }
            Action::ShowConflicts => {
                s.form = None;
                s.review = None;
                s.settings = None;
                let panel = ConflictsPanel::new(&s.read());
                s.list.conflicts = panel.entries.len();
                s.conflicts = Some(panel);
                s.view = View::Conflicts;
            }
            Action::OpenConflict(id) => {
                let v = s.vault.clone();
                let v = v.read().unwrap_or_else(|e| e.into_inner());
                if let Some(p) = &mut s.conflicts {
                    p.open(&v, id);
                }
            }
            Action::ResolveConflict { conflict, theirs } => {
                let resolution = if theirs { vault::conflicts::Resolution::TakeTheirs } else { vault::conflicts::Resolution::KeepOurs };
                let mut v = s.write();
                let editor = crate::vault::editor_name(v.config(), None);
                let result = v.resolve_conflict(conflict, resolution, &editor);
                drop(v);
                Self::conflict_resolved(s, result);
            }
            Action::MergeConflict { conflict, from_theirs } => {
                let mut v = s.write();
                let editor = crate::vault::editor_name(v.config(), None);
                let result = v.merge_conflict(conflict, &from_theirs, &editor);
                drop(v);
                Self::conflict_resolved(s, result);
            }
            _ => {}
        }
    }

    /// After resolving: the list of what is left, or, when the vault
    /// refused, the same comparison (with the user's choices) and why.
    pub(super) fn conflict_resolved(s: &mut Session, result: vault::Result<crate::model::Case>) {
        use crate::ui::conflicts::ConflictsPanel;
        s.view = View::Conflicts;
        match result {
            Ok(case) => {
                let mut panel = ConflictsPanel::new(&s.read());
                s.list.conflicts = panel.entries.len();
                panel.notice = Some(t_args("conflicts-resolved", &[("code", &case.code)]));
                s.list.upsert(case.summary());
                if let Some(search) = &s.search {
                    search.upsert(case);
                }
                s.conflicts = Some(panel);
            }
            Err(e) => {
                if s.conflicts.is_none() {
                    let panel = ConflictsPanel::new(&s.read());
                    s.conflicts = Some(panel);
                }
                if let Some(panel) = &mut s.conflicts {
                    panel.notice = None;
                    panel.error = Some(e.to_string());
                }
            }
        }
    }

    pub(super) fn export_done(
        s: &mut Session,
        result: crate::bundle::Result<crate::bundle::ExportReport>,
    ) -> Result<(), String> {
        use crate::ui::bundles::BundleDialog;
        let shown = match result {
            Ok(report) => {
                let done = report.summary();
                s.list.notice = Some(done.clone());
                Ok(done)
            }
            Err(e) => Err(e.to_string()),
        };
        match (&mut s.bundle, &shown) {
            (BundleDialog::Export(d), Ok(done)) => d.done = Some(done.clone()),
            (BundleDialog::Export(d), Err(e)) => d.error = Some(e.clone()),
            // The dialog cannot close while the job runs; never silent anyway.
            (_, Err(e)) => s.add_error(e.clone()),
            (_, Ok(_)) => {}
        }
        shown.map(|_| ())
    }

    pub(super) fn import_done(
        s: &mut Session,
        result: crate::bundle::Result<crate::bundle::ImportReport>,
        changed: Vec<crate::model::Case>,
        conflicts: usize,
    ) -> Result<(), String> {
        use crate::ui::bundles::BundleDialog;
        for case in changed {
            s.list.upsert(case.summary());
            if let Some(search) = &s.search {
                search.upsert(case);
            }
        }
        s.list.conflicts = conflicts;
        let shown = match result {
            Ok(report) => {
                let done = report.summary();
                s.list.notice = Some(done.clone());
                Ok(done)
            }
            Err(e) => Err(e.to_string()),
        };
        match (&mut s.bundle, &shown) {
            (BundleDialog::Import(d), Ok(done)) => d.done = Some(done.clone()),
            (BundleDialog::Import(d), Err(e)) => d.error = Some(e.clone()),
            (_, Err(e)) => s.add_error(e.clone()),
            (_, Ok(_)) => {}
        }
        shown.map(|_| ())
    }
}
