//! Carrying out the Attachments section's actions against the vault.
//!
//! Attaching or removing saves the attachment change as its own revision;
//! other unsaved edits in the form stay unsaved (the vault updates only the
//! form case's attachments and history).

use super::{App, Session, View};
use crate::i18n::{error_message, t, t_args};
use crate::model::{AttachmentRef, Case};
use crate::ui::attachments::{AttachSource, Preview};
use crate::ui::Action;
use crate::vault::attachments::media::MediaKind;
use crate::vault::attachments::PREVIEW_LIMIT;
use crate::vault::Vault;
use uuid::Uuid;

/// Who the history names for a change: the vault's editor name, else the
/// interviewer of the case.
fn editor(vault: &Vault, case: &Case) -> String {
    let name = vault.config().editor_name.trim();
    if !name.is_empty() {
        name.to_string()
    } else if !case.interview.interviewer.trim().is_empty() {
        case.interview.interviewer.trim().to_string()
    } else {
        t("app-editor-unknown")
    }
}

fn find(case: &Case, id: Uuid) -> Option<AttachmentRef> {
    case.attachments.iter().find(|a| a.id == id).cloned()
}

impl App {
    pub(super) fn act_attachment(ctx: &egui::Context, s: &mut Session, action: Action) {
        let Some(form) = &mut s.form else { return };
        let panel_result: Result<String, String> = match action {
            // A case never saved is saved whole with its first file: only
            // when it could be saved by the Save button too.
            Action::Attach(_) if form.is_new && !form.blocking_problems().is_empty() => {
                Err(form.blocking_problems().join(" "))
            }
            Action::Attach(items) => {
                let mut vault = s.vault.write().unwrap_or_else(|e| e.into_inner());
                let was_new = form.is_new;
                let mut notices = Vec::new();
                let mut error = None;
                for item in items {
                    let who = editor(&vault, &form.case);
                    let (result, original) = match &item.source {
                        AttachSource::Path(p) => {
                            (vault.attach_file(&mut form.case, p, &item.description, &who), Some(p.display().to_string()))
                        }
                        AttachSource::Dropped(f) if f.path().is_file() => (
                            vault.attach_file(&mut form.case, f.path(), &item.description, &who),
                            Some(f.path().display().to_string()),
                        ),
                        AttachSource::Dropped(f) => {
                            let name = f
                                .path()
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_else(|| t("gui-attach-dropped-name"));
                            let result = match f.bytes() {
                                Ok(bytes) => {
                                    // Wiped when dropped.
                                    let bytes = zeroize::Zeroizing::new(bytes);
                                    vault.attach_reader(&mut form.case, &name, &mut &bytes[..], &item.description, &who)
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
                                    ("case", &form.case.code),
                                ],
                            ));
                            if let Some(path) = original {
                                notices.push(t_args("attachment-original-remains", &[("path", &path)]));
                            }
                        }
                        Err(e) => {
                            error = Some(error_message(&e));
                            break;
                        }
                    }
                }
                drop(vault);
                if was_new && !form.case.history.is_empty() {
                    let stored = form.case.clone();
                    form.mark_saved(stored);
                    s.list.upsert(form.case.summary());
                }
                if !notices.is_empty() && !was_new {
                    // The stored case gained a file: the list's copy too.
                    if let Ok(stored) = s.vault.read().unwrap_or_else(|e| e.into_inner()).load_case(form.case.id) {
                        s.list.upsert(stored.summary());
                    }
                }
                if error.is_none() {
                    form.attachments.added();
                }
                match error {
                    Some(e) => {
                        form.attachments.notice = (!notices.is_empty()).then(|| notices.join(" "));
                        Err(e)
                    }
                    None => Ok(notices.join(" ")),
                }
            }
            Action::RemoveAttachment(id) => {
                let mut vault = s.vault.write().unwrap_or_else(|e| e.into_inner());
                let who = editor(&vault, &form.case);
                match vault.remove_attachment(&mut form.case, id, &who) {
                    Ok(r) => {
                        form.attachments.done();
                        if s.preview.as_ref().is_some_and(|p| p.id == id) {
                            ctx.forget_image(&Preview::uri_for(id));
                            s.preview = None;
                        }
                        Ok(t_args("attachment-removed", &[("name", &r.file_name), ("case", &form.case.code)]))
                    }
                    Err(e) => Err(error_message(&e)),
                }
            }
            Action::PreviewAttachment(id) => match find(&form.case, id) {
                None => Err(error_message(&crate::vault::VaultError::NoSuchAttachment(id))),
                Some(r) if !MediaKind::of(&r).is_image() => Err(t_args("gui-attach-not-image", &[("name", &r.file_name)])),
                Some(r) => {
                    let read = s.vault.read().unwrap_or_else(|e| e.into_inner()).read_attachment_verified(&r, PREVIEW_LIMIT);
                    match read {
                        Ok(bytes) => {
                            if let Some(old) = s.preview.take() {
                                ctx.forget_image(&old.uri);
                            }
                            let uri = Preview::uri_for(id);
                            // Forget any earlier decode of the same URI first.
                            ctx.forget_image(&uri);
                            let shared: std::sync::Arc<[u8]> = bytes.as_slice().into();
                            ctx.include_bytes(uri.clone(), shared);
                            s.preview = Some(Preview { id, name: r.file_name.clone(), uri });
                            Ok(String::new())
                        }
                        Err(e) => Err(error_message(&e)),
                    }
                }
            },
            Action::VerifyAttachment(id) => match find(&form.case, id) {
                None => Err(error_message(&crate::vault::VaultError::NoSuchAttachment(id))),
                Some(r) => match s.vault.read().unwrap_or_else(|e| e.into_inner()).verify_attachment(&r) {
                    Ok(()) => Ok(format!("{}: {}", r.file_name, t("attachment-verified"))),
                    Err(e) => Err(error_message(&e)),
                },
            },
            Action::SaveAttachmentCopy { id, dest } => match find(&form.case, id) {
                None => Err(error_message(&crate::vault::VaultError::NoSuchAttachment(id))),
                Some(r) => match s.vault.read().unwrap_or_else(|e| e.into_inner()).export_attachment(&r, &dest) {
                    Ok(_) => {
                        form.attachments.done();
                        Ok(t_args("attachment-exported", &[("name", &r.file_name), ("path", &dest.display().to_string())]))
                    }
                    Err(e) => Err(error_message(&e)),
                },
            },
            _ => return,
        };
        let panel = &mut form.attachments;
        match panel_result {
            Ok(notice) => {
                panel.error = None;
                if !notice.is_empty() {
                    panel.notice = Some(notice);
                }
            }
            Err(e) => panel.error = Some(e),
        }
    }

    /// Drop the decrypted picture from egui's memory.
    pub(super) fn close_preview(ctx: &egui::Context, s: &mut Session) {
        if let Some(p) = s.preview.take() {
            ctx.forget_image(&p.uri);
        }
    }

    /// The preview window, while the form it belongs to is open.
    pub(super) fn show_preview(&mut self, ctx: &egui::Context) {
        let Some(s) = &mut self.session else { return };
        let Some(p) = &s.preview else { return };
        let belongs = s.form.as_ref().is_some_and(|f| f.case.attachments.iter().any(|a| a.id == p.id));
        let keep = s.view == View::Form && belongs && p.show(ctx);
        if !keep {
            Self::close_preview(ctx, s);
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
