//! Carrying out the Attachments section's actions against the vault.
//!
//! Attaching or removing saves the attachment change as its own revision;
//! other unsaved edits in the form stay unsaved (the vault updates only the
//! form case's attachments and history).
//!
//! Attaching, checking and saving a copy read or write whole files: they
//! run as background jobs (see `jobs.rs`). An attach job works on a copy
//! of the form's case; when it ends, only what the vault changed in that
//! copy (attachments, history, time of change) is carried into the form
//! showing the same case, so the form's unsaved edits stay as they are.

use super::busy::Outcome;
use super::jobs::{Status, VaultHandle};
use super::session::Session;
use super::{App, View};
use crate::i18n::{t, t_args};
use crate::model::{AttachmentRef, Case, CaseSummary};
use crate::ui::AttachmentAction;
use crate::ui::panels::attachments::{AttachSource, NewAttachment, Preview};
use crate::vault::attachments::media::MediaKind;
use crate::vault::attachments::PREVIEW_LIMIT;
use crate::vault::Vault;
use std::sync::RwLock;
use uuid::Uuid;

fn find(case: &Case, id: Uuid) -> Option<AttachmentRef> {
    case.attachments.iter().find(|a| a.id == id).cloned()
}

/// What an attach job did, for the form of the same case.
pub struct Attached {
    /// The job's copy of the form's case: attachments and history as stored.
    case: Case,
    was_new: bool,
    notices: Vec<String>,
    error: Option<String>,
    /// The stored case's new list line (a case saved before).
    stored: Option<CaseSummary>,
}

/// The name a new attachment is shown by while it is encrypted.
fn source_name(item: &NewAttachment) -> String {
    let path = match &item.source {
        AttachSource::Path(p) => p.as_path(),
        AttachSource::Dropped(f) => f.path(),
    };
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| t("gui-attach-dropped-name"))
}

/// The attach job: encrypt each file into the vault and record it in
/// `case` (a copy of the form's), stopping at the first failure.
fn attach_all(
    vault: &RwLock<Vault>,
    mut case: Case,
    was_new: bool,
    items: Vec<NewAttachment>,
    status: &Status,
) -> Attached {
    let mut vault = vault.write().unwrap_or_else(|e| e.into_inner());
    let mut notices = Vec::new();
    let mut error = None;
    for item in items {
        status.set(t_args("attachment-encrypting", &[("name", &source_name(&item))]));
        let who = crate::vault::editor_name(vault.config(), Some(&case));
        let (result, original) = match &item.source {
            AttachSource::Path(p) => {
                (vault.attach_file(&mut case, p, &item.description, &who), Some(p.display().to_string()))
            }
            AttachSource::Dropped(f) if f.path().is_file() => (
                vault.attach_file(&mut case, f.path(), &item.description, &who),
                Some(f.path().display().to_string()),
            ),
            AttachSource::Dropped(f) => {
                let name = source_name(&item);
                let result = match f.bytes() {
                    Ok(bytes) => {
                        // Wiped when dropped.
                        let bytes = zeroize::Zeroizing::new(bytes);
                        vault.attach_reader(&mut case, &name, &mut &bytes[..], &item.description, &who)
                    }
                    Err(detail) => Err(crate::vault::VaultError::AttachmentSource {
                        path: f.path().to_path_buf(),
                        source: std::io::Error::other(detail),
                    }),
                };
                (result, None)
            }
        };
        match result {
            Ok(r) => {
                notices.push(t_args(
                    "attachment-added",
                    &[
                        ("name", &r.file_name),
                        ("size", &r.size.to_string()),
                        ("sha256", &r.sha256),
                        ("case", &case.code),
                    ],
                ));
                if let Some(path) = original {
                    notices.push(t_args("attachment-original-remains", &[("path", &path)]));
                }
            }
            Err(e) => {
                error = Some(e.to_string());
                break;
            }
        }
    }
    // The stored case gained a file: the list's copy too.
    let stored = (!notices.is_empty() && !was_new).then(|| vault.load_case(case.id).ok().map(|c| c.summary())).flatten();
    Attached { case, was_new, notices, error, stored }
}

/// Put a result in the Attachments section, as every action does.
fn report(form: &mut crate::ui::panels::case_form::CaseForm, result: Result<String, String>) {
    let panel = &mut form.attachments;
    match result {
        Ok(notice) => {
            panel.error = None;
            if !notice.is_empty() {
                panel.notice = Some(notice);
            }
        }
        Err(e) => panel.error = Some(e),
    }
}

pub(super) fn act_attachment(ctx: &egui::Context, s: &mut Session, vault: VaultHandle, action: AttachmentAction) {
    let Some(form) = &mut s.form else { return };
    let panel_result: Result<String, String> = match action {
        // A case never saved is saved whole with its first file: only
        // when it could be saved by the Save button too.
        AttachmentAction::Attach(_) if form.is_new && !form.blocking_problems().is_empty() => {
            Err(form.blocking_problems().join(" "))
        }
        AttachmentAction::Attach(items) => match start_attaching(ctx, s, vault, items) {
            Ok(()) => return,
            Err(e) => Err(e),
        },
        AttachmentAction::Remove(id) => {
            let mut v = vault.write();
            let who = crate::vault::editor_name(v.config(), Some(&form.case));
            match v.remove_attachment(&mut form.case, id, &who) {
                Ok(r) => {
                    form.attachments.done();
                    if s.preview.as_ref().is_some_and(|p| p.id == id) {
                        ctx.forget_image(&Preview::uri_for(id));
                        s.preview = None;
                    }
                    Ok(t_args("attachment-removed", &[("name", &r.file_name), ("case", &form.case.code)]))
                }
                Err(e) => Err(e.to_string()),
            }
        }
        AttachmentAction::Preview(id) => match find(&form.case, id) {
            None => Err(crate::vault::VaultError::NoSuchAttachment(id).to_string()),
            Some(r) => preview(ctx, &mut s.preview, &vault, id, r),
        },
        AttachmentAction::Verify(id) => match find(&form.case, id) {
            None => Err(crate::vault::VaultError::NoSuchAttachment(id).to_string()),
            Some(r) => match start_decrypting(ctx, s, vault, r, None) {
                Ok(()) => return,
                Err(e) => Err(e),
            },
        },
        AttachmentAction::SaveCopy { id, dest } => match find(&form.case, id) {
            None => Err(crate::vault::VaultError::NoSuchAttachment(id).to_string()),
            Some(r) => match start_decrypting(ctx, s, vault, r, Some(dest)) {
                Ok(()) => return,
                Err(e) => Err(e),
            },
        },
    };
    // `s.form` again: starting a job borrowed the session.
    if let Some(form) = &mut s.form {
        report(form, panel_result);
    }
}

/// Encrypt `items` into the vault on a job, for a copy of the form's case.
fn start_attaching(ctx: &egui::Context, s: &mut Session, vault: VaultHandle, items: Vec<NewAttachment>) -> Result<(), String> {
    let Some(form) = &s.form else { return Ok(()) };
    let (case, was_new) = (form.case.clone(), form.is_new);
    let first = items.first().map(source_name).unwrap_or_default();
    let status = t_args("attachment-encrypting", &[("name", &first)]);
    // Encrypting writes the vault: the job holds the write guard.
    s.start_job(ctx, vault, status, move |vault, status| {
        Outcome::Attach(Box::new(attach_all(vault, case, was_new, items, status)))
    })
}

/// Decrypt a picture into egui's memory and show it.
fn preview(
    ctx: &egui::Context,
    shown: &mut Option<Preview>,
    vault: &VaultHandle,
    id: Uuid,
    r: AttachmentRef,
) -> Result<String, String> {
    if !MediaKind::of(&r).is_image() {
        return Err(t_args("gui-attach-not-image", &[("name", &r.file_name)]));
    }
    let bytes = vault.read().read_attachment_verified(&r, PREVIEW_LIMIT).map_err(|e| e.to_string())?;
    if let Some(old) = shown.take() {
        ctx.forget_image(&old.uri);
    }
    let uri = Preview::uri_for(id);
    // Forget any earlier decode of the same URI first.
    ctx.forget_image(&uri);
    let shared: std::sync::Arc<[u8]> = bytes.as_slice().into();
    ctx.include_bytes(uri.clone(), shared);
    *shown = Some(Preview { id, name: r.file_name.clone(), uri });
    Ok(String::new())
}

/// Check an attachment, or with `dest` save a decrypted copy there.
/// Both decrypt the whole file: a job with a read guard.
fn start_decrypting(
    ctx: &egui::Context,
    s: &mut Session,
    vault: VaultHandle,
    r: AttachmentRef,
    dest: Option<std::path::PathBuf>,
) -> Result<(), String> {
    let case = s.form.as_ref().map(|f| f.case.id).unwrap_or_default();
    let status = match dest {
        Some(_) => t_args("app-job-saving-copy", &[("name", &r.file_name)]),
        None => t_args("app-job-verifying", &[("name", &r.file_name)]),
    };
    s.start_job(ctx, vault, status, move |vault, _| {
        let vault = vault.read().unwrap_or_else(|e| e.into_inner());
        let result = match &dest {
            Some(dest) => vault.export_attachment(&r, dest).map(|_| {
                t_args("attachment-exported", &[("name", &r.file_name), ("path", &dest.display().to_string())])
            }),
            None => vault.verify_attachment(&r).map(|()| format!("{}: {}", r.file_name, t("attachment-verified"))),
        };
        // A saved copy closes the question that asked where to.
        let close_question = dest.is_some();
        Outcome::Attachment { case, close_question, result: result.map_err(|e| e.to_string()) }
    })
}

/// An attach job ended: carry what the vault changed into the form of
/// the same case, keeping its unsaved edits, and report as before.
pub(super) fn attach_done(s: &mut Session, mut a: Attached) -> Result<(), String> {
    if let Some(summary) = a.stored {
        s.list.upsert(summary);
    }
    let saved_new = a.was_new && !a.case.history.is_empty();
    if saved_new {
        s.list.upsert(a.case.summary());
    }
    let result = match a.error {
        Some(e) => Err(e),
        None => Ok(a.notices.join(" ")),
    };
    let Some(form) = s.form.as_mut().filter(|f| f.case.id == a.case.id) else {
        // The overlay keeps the form open while the job runs; should it
        // be gone anyway, the outcome is still said.
        match &result {
            Ok(notice) => s.list.notice = Some(notice.clone()),
            Err(e) => s.add_error(e.clone()),
        }
        return result.map(|_| ());
    };
    if saved_new {
        // Saved whole with its first file, as the form stood.
        form.mark_saved(a.case);
    } else {
        // Swapped, not moved: `Case` wipes itself on drop.
        std::mem::swap(&mut form.case.attachments, &mut a.case.attachments);
        std::mem::swap(&mut form.case.history, &mut a.case.history);
        form.case.updated = a.case.updated;
    }
    if result.is_ok() {
        form.attachments.added();
    } else {
        form.attachments.notice = (!a.notices.is_empty()).then(|| a.notices.join(" "));
    }
    report(form, result.clone());
    result.map(|_| ())
}

/// A copy saved or an attachment checked.
pub(super) fn attachment_done(
    s: &mut Session,
    case: Uuid,
    close_question: bool,
    result: Result<String, String>,
) -> Result<(), String> {
    match s.form.as_mut().filter(|f| f.case.id == case) {
        Some(form) => {
            if result.is_ok() && close_question {
                form.attachments.done();
            }
            report(form, result.clone());
        }
        None => match &result {
            Ok(notice) => s.list.notice = Some(notice.clone()),
            Err(e) => s.add_error(e.clone()),
        },
    }
    result.map(|_| ())
}

/// Drop the decrypted picture from egui's memory.
pub(super) fn close_preview(ctx: &egui::Context, s: &mut Session) {
    if let Some(p) = s.preview.take() {
        ctx.forget_image(&p.uri);
    }
}

impl App {
    /// The preview window, while the form it belongs to is open.
    pub(super) fn show_preview(&mut self, ctx: &egui::Context) {
        let Some(s) = &mut self.session else { return };
        let Some(p) = &s.preview else { return };
        let belongs = s.form.as_ref().is_some_and(|f| f.case.attachments.iter().any(|a| a.id == p.id));
        let keep = s.view == View::Form && belongs && p.show(ctx);
        if !keep {
            close_preview(ctx, s);
        }
    }

    /// The URI of the picture shown, if any (tests).
    pub fn preview_uri(&self) -> Option<&str> {
        self.session.as_ref()?.preview.as_ref().map(|p| p.uri.as_str())
    }

    /// The Attachments section's last message and error (tests).
    pub fn attachment_messages(&self) -> Option<(Option<&str>, Option<&str>)> {
        let f = self.session.as_ref()?.form.as_ref()?;
        Some((f.attachments.notice.as_deref(), f.attachments.error.as_deref()))
    }
}
