//! Opening the file and folder chooser and putting what it chose into the
//! field that asked.

use super::App;
use crate::ui::panels::bundles::BundleDialog;
use crate::ui::file_pick::{PickTarget, Picked};

// --- The file and folder chooser (ui/file_pick/) ---

impl App {
    pub(super) fn show_chooser(&mut self, ctx: &egui::Context) {
        let Some(chooser) = &mut self.chooser else { return };
        match chooser.show(ctx) {
            Picked::Open => {}
            Picked::Cancelled => self.chooser = None,
            Picked::Chosen(path) => {
                let target = chooser.target();
                self.chooser = None;
                self.fill_chosen(target, path.display().to_string());
            }
        }
    }

    /// Put a chosen path in the field whose Browse button asked for it;
    /// the user still confirms there (Unlock, Attach, Export, ...).
    pub(super) fn fill_chosen(&mut self, target: PickTarget, path: String) {
        if target == PickTarget::VaultFolder {
            self.unlock.dir = path;
            return;
        }
        let Some(s) = &mut self.session else { return };
        match (target, &mut s.bundle) {
            (PickTarget::ExportBundle, BundleDialog::Export(d)) => d.path = path,
            (PickTarget::ImportBundle, BundleDialog::Import(d)) => d.path = path,
            (PickTarget::AttachFile, _) => {
                if let Some(form) = &mut s.form {
                    form.attachments.set_path(path);
                }
            }
            (PickTarget::AttachmentCopy(id), _) => {
                if let Some(form) = &mut s.form {
                    form.attachments.set_copy_dest(id, path);
                }
            }
            _ => {}
        }
    }
}
