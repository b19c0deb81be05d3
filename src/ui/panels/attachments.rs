//! The Attachments section of the interview form: the list of encrypted
//! files, adding by path or by dropping files on the window, and the
//! confirmations before a removal or an unencrypted copy. Like every panel
//! it only returns [`Action`]s; the app does the reading and writing.

use crate::ui::file_pick::{PickRequest, PickTarget};
use crate::ui::widgets::{error_text, format_time, ERROR_COLOUR, OK_COLOUR, SENSITIVE_COLOUR};
use crate::ui::{Action, AttachmentAction};
use crate::i18n::{t, t_args};
use crate::model::AttachmentRef;
use crate::vault::attachments::media::MediaKind;
use egui::{RichText, Ui};
use std::path::PathBuf;
use uuid::Uuid;
use zeroize::Zeroize;

/// Where a new attachment's content comes from.
#[derive(Clone, Debug)]
pub enum AttachSource {
    /// A file on disk, read (and left untouched) by the vault.
    Path(PathBuf),
    /// A file dropped on the window: read from its path when that is a
    /// file, else through the platform's handle.
    Dropped(egui::DroppedFileHandle),
}

#[derive(Clone, Debug)]
pub struct NewAttachment {
    pub source: AttachSource,
    pub description: String,
}

/// Typed text and open confirmations of the section.
#[derive(Default)]
pub struct AttachmentsPanel {
    path: String,
    description: String,
    /// Asking whether to remove this attachment.
    confirm_remove: Option<Uuid>,
    /// Asking where to save an unencrypted copy (after the warning).
    export: Option<(Uuid, String)>,
    /// Set by the app after an action.
    pub notice: Option<String>,
    pub error: Option<String>,
}

impl Drop for AttachmentsPanel {
    fn drop(&mut self) {
        self.path.zeroize();
        self.description.zeroize();
        if let Some((_, dest)) = &mut self.export {
            dest.zeroize();
        }
    }
}

impl AttachmentsPanel {
    /// The path and description were used: clear them for the next file.
    pub fn added(&mut self) {
        self.path.zeroize();
        self.description.zeroize();
    }

    /// The chooser picked the file to attach.
    pub fn set_path(&mut self, path: String) {
        self.path.zeroize();
        self.path = path;
    }

    /// The chooser picked where to save the copy of `id` (if still asked).
    pub fn set_copy_dest(&mut self, id: Uuid, path: String) {
        if let Some((asked, dest)) = &mut self.export
            && *asked == id
        {
            dest.zeroize();
            *dest = path;
        }
    }

    /// The attachment was removed or its copy saved: close the question.
    pub fn done(&mut self) {
        self.confirm_remove = None;
        self.export = None;
    }

    /// Files dropped on the window this frame, as one action.
    pub fn dropped(&self, ctx: &egui::Context) -> Option<Action> {
        let files = ctx.input(|i| i.raw.dropped_files.clone());
        let items: Vec<NewAttachment> = files
            .into_iter()
            .map(|f| NewAttachment { source: AttachSource::Dropped(f), description: self.description.trim().to_string() })
            .collect();
        (!items.is_empty()).then_some(Action::Attachment(AttachmentAction::Attach(items)))
    }

    pub fn ui(&mut self, ui: &mut Ui, attachments: &[AttachmentRef], incidents: &[crate::model::Incident]) -> Option<Action> {
        let mut action = None;
        ui.label(RichText::new(t("attachment-drop-hint")).small().weak());
        if let Some(n) = &self.notice {
            ui.label(RichText::new(n).color(OK_COLOUR));
        }
        if let Some(e) = &self.error {
            error_text(ui, e);
        }
        if attachments.is_empty() {
            ui.label(RichText::new(t("attachments-none")).weak());
        }
        for a in attachments {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                action = action.take().or_else(|| self.row(ui, a, incidents));
            });
        }
        ui.add_space(6.0);
        egui::Grid::new("grid-attach-new").num_columns(2).spacing([16.0, 6.0]).show(ui, |ui| {
            let l = ui.label(t("gui-attach-path"));
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut self.path)
                        .id(egui::Id::unique("attach-path"))
                        .hint_text(t("gui-attach-path-hint"))
                        .desired_width(420.0),
                )
                .labelled_by(l.id);
                if ui.button(t("file-pick-browse")).clicked() {
                    action = Some(Action::Browse(PickRequest::new(PickTarget::AttachFile, &self.path)));
                }
            });
            ui.end_row();
            let l = ui.label(t("attachment-description"));
            ui.add(
                egui::TextEdit::singleline(&mut self.description)
                    .id(egui::Id::unique("attach-description"))
                    .desired_width(420.0),
            )
            .labelled_by(l.id);
            ui.end_row();
        });
        let path = self.path.trim();
        if ui.add_enabled(!path.is_empty(), egui::Button::new(t("attachment-add"))).clicked() {
            action = Some(Action::Attachment(AttachmentAction::Attach(vec![NewAttachment {
                source: AttachSource::Path(PathBuf::from(path)),
                description: self.description.trim().to_string(),
            }])));
        }
        action
    }

    fn row(&mut self, ui: &mut Ui, a: &AttachmentRef, incidents: &[crate::model::Incident]) -> Option<Action> {
        let kind = MediaKind::of(a);
        ui.horizontal(|ui| {
            ui.strong(&a.file_name);
            ui.label(t(&kind.label_key()));
            ui.label(t_args("gui-attach-size", &[("size", &a.size.to_string())]));
            let short: String = a.sha256.chars().take(12).collect();
            ui.monospace(format!("{} {short}…", t("attachment-sha256"))).on_hover_text(&a.sha256);
        });
        ui.label(
            RichText::new(t_args("attachment-added-by", &[("at", &format_time(a.added_at)), ("editor", &a.added_by)]))
                .small()
                .weak(),
        );
        if !a.description.is_empty() {
            ui.label(&a.description);
        }
        let mut action = crate::ui::panels::player::recording_facts_linkable(ui, a, incidents);
        ui.horizontal(|ui| {
            if let Some(play) = crate::ui::panels::player::play_button(ui, a) {
                action = Some(play);
            }
            if kind.is_image() && ui.button(t("attachment-preview")).clicked() {
                action = Some(Action::Attachment(AttachmentAction::Preview(a.id)));
            }
            if ui.button(t("gui-attach-verify")).clicked() {
                action = Some(Action::Attachment(AttachmentAction::Verify(a.id)));
            }
            if ui.button(t("attachment-save-copy")).clicked() {
                self.export = Some((a.id, String::new()));
                self.confirm_remove = None;
            }
            if ui.button(t("attachment-remove")).clicked() {
                self.confirm_remove = Some(a.id);
                self.export = None;
            }
        });
        if self.confirm_remove == Some(a.id) {
            ui.label(RichText::new(t_args("attachment-remove-confirm", &[("name", &a.file_name)])).color(ERROR_COLOUR));
            ui.horizontal(|ui| {
                if ui.button(t("gui-attach-remove-yes")).clicked() {
                    action = Some(Action::Attachment(AttachmentAction::Remove(a.id)));
                }
                if ui.button(t("gui-attach-cancel")).clicked() {
                    self.confirm_remove = None;
                }
            });
        }
        if let Some((id, dest)) = &mut self.export
            && *id == a.id
        {
            ui.label(RichText::new(t("attachment-export-warning")).color(SENSITIVE_COLOUR));
            let mut cancel = false;
            ui.horizontal(|ui| {
                let l = ui.label(t("gui-attach-export-dest"));
                ui.add(egui::TextEdit::singleline(dest).id(egui::Id::unique(("attach-export", a.id))).desired_width(360.0))
                    .labelled_by(l.id);
                if ui.button(t("file-pick-browse")).clicked() {
                    let request = PickRequest {
                        target: PickTarget::AttachmentCopy(a.id),
                        current: dest.clone(),
                        suggested_name: Some(a.file_name.clone()),
                    };
                    action = Some(Action::Browse(request));
                }
                let ready = !dest.trim().is_empty();
                if ui.add_enabled(ready, egui::Button::new(t("attachment-export-confirm"))).clicked() {
                    action = Some(Action::Attachment(AttachmentAction::SaveCopy { id: a.id, dest: PathBuf::from(dest.trim()) }));
                }
                if ui.button(t("gui-attach-cancel")).clicked() {
                    cancel = true;
                }
            });
            if cancel {
                self.export = None;
            }
        }
        action
    }
}

/// A picture decrypted into egui's memory (never a file) and shown in a
/// window until closed or the vault is locked.
pub struct Preview {
    pub id: Uuid,
    pub name: String,
    pub uri: String,
}

impl Preview {
    pub fn uri_for(id: Uuid) -> String {
        format!("bytes://att/{id}")
    }

    /// Draw the window; `false` once the user closed it.
    pub fn show(&self, ctx: &egui::Context) -> bool {
        let mut open = true;
        let mut close = false;
        egui::Window::new(&self.name)
            .id(egui::Id::unique(("attachment-preview", self.id)))
            .open(&mut open)
            .default_size([640.0, 480.0])
            .show(ctx, |ui| {
                if ui.button(t("gui-attach-close-preview")).clicked() {
                    close = true;
                }
                egui::ScrollArea::both().show(ui, |ui| {
                    ui.add(egui::Image::new(self.uri.clone()).max_size(egui::vec2(1024.0, 768.0)).shrink_to_fit());
                });
            });
        open && !close
    }
}
