//! Carrying out the export, import and conflict actions against the vault
//! (the dialogs and screen live in `ui/bundles.rs` and `ui/conflicts.rs`).

use super::busy::Outcome;
use super::jobs::VaultHandle;
use super::session::Session;
use super::View;
use crate::bundle::redact::review::candidates;
use crate::bundle::redact::RedactOptions;
use crate::bundle::{self, ExportOptions, Unlock};
use crate::ui::panels::export_consent::ExportCase;
use crate::ui::panels::export_review::ReviewList;
use crate::i18n::{t_args};
use crate::ui::{BundleAction, ConflictAction, Side};
use crate::ui::panels::bundles::{BundleDialog, ExportDialog, ExportRequest, ImportDialog};
use crate::ui::panels::conflicts::ConflictsPanel;
use crate::vault::{self, conflicts::Resolution, Vault};
use age::secrecy::SecretString;
use std::path::PathBuf;
use std::sync::RwLock;
use uuid::Uuid;

pub(super) fn act_on_bundle(ctx: &egui::Context, s: &mut Session, vault: VaultHandle, action: BundleAction) {
    match action {
        BundleAction::OpenExport => {
            let ids: Vec<Uuid> = s.list.selected.iter().copied().collect();
            let status = t_args("app-job-reading-selection", &[("count", &ids.len().to_string())]);
            // Each case's consent is in its file: decrypting thousands takes
            // seconds, so not on the window's thread.
            let started = s.start_job(ctx, vault, status, move |vault, _| {
                let v = vault.read().unwrap_or_else(|e| e.into_inner());
                Outcome::ExportChoices { cases: export_cases(&v, ids), recipients: v.config().organisation_recipients.clone() }
            });
            if let Err(e) = started {
                s.add_error(e);
            }
        }
        BundleAction::Export(req) => {
            let status = t_args("app-job-exporting", &[("count", &req.going_out.to_string())]);
            // Writing only reads the vault: a read guard for the job.
            let started = s.start_job(ctx, vault, status, move |vault, _| Outcome::Export { result: export(vault, req) });
            if let (Err(e), BundleDialog::Export(d)) = (started, &mut s.bundle) {
                d.error = Some(e);
            }
        }
        BundleAction::Review(profile) => {
            if let BundleDialog::Export(d) = &mut s.bundle {
                d.review = review(&vault.read(), &d.consent.going_out(profile), profile);
            }
        }
        BundleAction::OpenImport => s.bundle = BundleDialog::Import(ImportDialog::default()),
        BundleAction::Import { path, passphrase, trust_signer } => {
            let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            let status = t_args("app-job-importing", &[("file", &name)]);
            // Merging writes cases: the job holds the write guard.
            let started = s.start_job(ctx, vault, status, move |vault, _| import(vault, path, passphrase, trust_signer));
            if let (Err(e), BundleDialog::Import(d)) = (started, &mut s.bundle) {
                d.error = Some(e);
            }
        }
    }
}

/// The export job.
fn export(vault: &RwLock<Vault>, req: ExportRequest) -> bundle::Result<bundle::ExportReport> {
    // The dialog starts with the organisation's keys and refuses an empty list.
    let recipients = bundle::Audience::asked(&req.recipients, &[], req.passphrase.is_some())?.recipients(&[])?;
    let redact = RedactOptions { scrub: req.scrub, reviewed: req.reviewed, by_role: req.by_role };
    let options =
        ExportOptions { recipients, passphrase: req.passphrase, work_factor: None, profile: req.profile, redact, consent: req.consent };
    let vault = vault.read().unwrap_or_else(|e| e.into_inner());
    bundle::export_cases(&vault, &req.ids, &options, &req.path)
}

/// The export dialog, once the selection's consent is read.
pub(super) fn export_choices_done(s: &mut Session, cases: Vec<ExportCase>, recipients: &[String]) -> Result<(), String> {
    s.bundle = BundleDialog::Export(ExportDialog::new(cases, recipients));
    Ok(())
}

/// Each selected case with its consent, for the dialog to say what goes
/// (the cases decrypted on every core), in the command line's order: by
/// case code.
fn export_cases(vault: &Vault, mut ids: Vec<Uuid>) -> Vec<ExportCase> {
    ids.sort_by_cached_key(|id| vault.summary(*id).map(|x| x.code.clone()).unwrap_or_default());
    let one = |id: &Uuid| {
        let (code, pseudonym) = vault.summary(*id).map(|s| (s.code.clone(), s.pseudonym.clone())).unwrap_or_default();
        let consent = vault.load_case(*id).ok().map(|c| c.consent.clone());
        ExportCase { id: *id, code, pseudonym, consent, include: false }
    };
    crate::parallel::map(&ids, one)
}

/// The review list for the export dialog. A case that does not open is
/// left out here; the export itself then fails on it and says so.
fn review(vault: &Vault, ids: &[Uuid], profile: bundle::Profile) -> ReviewList {
    let cases: Vec<_> = vault.load_cases(ids).into_iter().filter_map(Result::ok).collect();
    match candidates(&cases, profile, &RedactOptions::default()) {
        Ok(found) => ReviewList::new(profile, found),
        Err(e) => {
            let mut list = ReviewList::new(profile, Vec::new());
            list.error = Some(e.to_string());
            list
        }
    }
}

/// The import job.
fn import(vault: &RwLock<Vault>, path: PathBuf, passphrase: Option<SecretString>, trust_signer: Option<String>) -> Outcome {
    let mut vault = vault.write().unwrap_or_else(|e| e.into_inner());
    let mut unlock = Unlock::with_identity(vault.key().identity().clone());
    unlock.passphrase = passphrase;
    let editor = crate::vault::editor_name(vault.config(), None);
    let options = bundle::ImportOptions { trust_signer };
    let result = bundle::import_with(&mut vault, &path, &unlock, &editor, &options);
    // What changed, reloaded for the list and the search index.
    let changed: Vec<_> = match &result {
        Ok(r) => r
            .cases
            .iter()
            .filter(|(_, _, o)| matches!(o, bundle::MergeOutcome::Added | bundle::MergeOutcome::Updated { .. }))
            .filter_map(|(id, _, _)| vault.load_case(*id).ok())
            .collect(),
        Err(_) => Vec::new(),
    };
    let conflicts = vault.list_conflicts().len();
    Outcome::Import { result, changed, conflicts }
}

/// The conflicts screen, listing what is stored now.
pub(super) fn show_conflicts(s: &mut Session, vault: &VaultHandle) {
    let panel = ConflictsPanel::new(&vault.read());
    s.list.conflicts = panel.entries.len();
    s.conflicts = Some(panel);
    s.view = View::Conflicts;
}

pub(super) fn act_on_conflict(s: &mut Session, vault: VaultHandle, action: ConflictAction) {
    match action {
        ConflictAction::Open(id) => {
            if let Some(p) = &mut s.conflicts {
                p.open(&vault.read(), id);
            }
        }
        ConflictAction::Resolve { conflict, keep } => {
            let resolution = match keep {
                Side::Ours => Resolution::KeepOurs,
                Side::Theirs => Resolution::TakeTheirs,
            };
            let mut v = vault.write();
            let editor = crate::vault::editor_name(v.config(), None);
            let result = v.resolve_conflict(conflict, resolution, &editor);
            drop(v);
            conflict_resolved(s, &vault, result);
        }
        ConflictAction::Merge { conflict, from_theirs } => {
            let mut v = vault.write();
            let editor = crate::vault::editor_name(v.config(), None);
            let result = v.merge_conflict(conflict, &from_theirs, &editor);
            drop(v);
            conflict_resolved(s, &vault, result);
        }
    }
}

/// After resolving: the list of what is left, or, when the vault
/// refused, the same comparison (with the user's choices) and why.
fn conflict_resolved(s: &mut Session, vault: &VaultHandle, result: vault::Result<crate::model::Case>) {
    s.view = View::Conflicts;
    match result {
        Ok(case) => {
            let mut panel = ConflictsPanel::new(&vault.read());
            s.list.conflicts = panel.entries.len();
            panel.notice = Some(t_args("conflicts-resolved", &[("code", &case.code)]));
            s.conflicts = Some(panel);
            s.stored(case);
        }
        Err(e) => {
            let panel = s.conflicts.get_or_insert_with(|| ConflictsPanel::new(&vault.read()));
            panel.notice = None;
            panel.error = Some(e.to_string());
        }
    }
}

pub(super) fn export_done(s: &mut Session, result: bundle::Result<bundle::ExportReport>) -> Result<(), String> {
    let shown = result.map(|report| report.summary()).map_err(|e| e.to_string());
    if let Ok(done) = &shown {
        s.list.notice = Some(done.clone());
    }
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
    result: bundle::Result<bundle::ImportReport>,
    changed: Vec<crate::model::Case>,
    conflicts: usize,
) -> Result<(), String> {
    for case in changed {
        s.stored(case);
    }
    s.list.conflicts = conflicts;
    // Refused for its signer: the dialog offers to trust it, showing whom.
    let untrusted = match &result {
        Err(bundle::BundleError::Custody(bundle::CustodyError::UnknownSigner { signer, .. })) => Some(signer.fingerprint()),
        _ => None,
    };
    if let BundleDialog::Import(d) = &mut s.bundle {
        d.untrusted = untrusted;
        d.signed_by = result.as_ref().ok().map(|r| r.signed_by());
    }
    // The events line, when the bundle brought events.
    let shown = result
        .map(|report| [Some(report.summary()), report.events.summary()].into_iter().flatten().collect::<Vec<_>>().join(" "))
        .map_err(|e| e.to_string());
    if let Ok(done) = &shown {
        s.list.notice = Some(done.clone());
    }
    match (&mut s.bundle, &shown) {
        (BundleDialog::Import(d), Ok(done)) => d.done = Some(done.clone()),
        (BundleDialog::Import(d), Err(e)) => d.error = Some(e.clone()),
        (_, Err(e)) => s.add_error(e.clone()),
        (_, Ok(_)) => {}
    }
    shown.map(|_| ())
}
