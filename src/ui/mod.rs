//! The desktop interface (eframe/egui). Panels edit plain values and return
//! an [`Action`]; only `app` carries actions out against the vault.

mod app;
pub mod attachments;
pub mod bundles;
pub mod case_form;
pub mod case_list;
pub mod conflicts;
pub mod file_pick;
pub mod fonts;
pub mod ime;
mod ime_guard;
mod jobs;
pub mod place_pick;
pub mod review;
mod search_thread;
pub mod settings;
pub mod unlock;
mod widgets;

pub use app::{App, AppOptions, Dialog, View};
pub use jobs::JobGate;

use age::secrecy::SecretString;
use std::path::PathBuf;
use uuid::Uuid;

/// What a panel asks the app to do. Panels never touch files; the app
/// matches on this and calls the vault.
#[derive(Debug)]
pub enum Action {
    /// Unlock the vault in `dir` (scrypt runs off the UI thread).
    OpenVault { dir: PathBuf, passphrase: SecretString },
    /// Create a new vault in `dir`, then open it.
    CreateVault { dir: PathBuf, passphrase: SecretString },
    /// Drop the vault and every decrypted value; back to the unlock screen.
    Lock,
    ShowList,
    ShowSettings,
    NewCase,
    EditCase(Uuid),
    ReviewCase(Uuid),
    /// Save the case in the open form as a new revision.
    SaveCase,
    /// Leave the form (asks first when it has unsaved changes).
    CloseForm,
    SaveSettings(crate::vault::VaultConfig),
    /// Open an autosaved draft found at unlock in the form.
    RestoreDraft(Uuid),
    /// Delete an autosaved draft (the user chose to).
    DiscardDraft(Uuid),
    /// Stop reporting the cases whose file vanished (the user chose to).
    ForgetMissing,
    /// Open the export dialog for the cases ticked in the list.
    OpenExport,
    /// Write a bundle (see [`bundles::ExportRequest`]).
    Export(bundles::ExportRequest),
    OpenImport,
    /// Import a bundle into the vault; the passphrase is for passphrase bundles.
    Import { path: PathBuf, passphrase: Option<SecretString> },
    ShowConflicts,
    /// Compare the two versions of one stored conflict.
    OpenConflict(Uuid),
    /// Settle a conflict: `theirs` takes the other version, else ours is kept.
    ResolveConflict { conflict: Uuid, theirs: bool },
    /// Settle a conflict with our version, the listed fields taken from
    /// the other.
    MergeConflict { conflict: Uuid, from_theirs: Vec<crate::model::Field> },
    /// Encrypt files into the vault and attach them to the case in the form.
    Attach(Vec<attachments::NewAttachment>),
    /// Remove an attachment of the case in the form (the user confirmed).
    RemoveAttachment(Uuid),
    /// Decrypt a picture into memory and show it in a window.
    PreviewAttachment(Uuid),
    /// Check an attachment against its recorded SHA-256.
    VerifyAttachment(Uuid),
    /// Save an unencrypted copy where the user asked (after the warning).
    SaveAttachmentCopy { id: Uuid, dest: PathBuf },
    /// Open the chooser for a path field (a Browse button).
    Browse(file_pick::PickRequest),
}

/// Open the main window. Blocks until it is closed.
/// Open the window. `vault_dir` is the folder offered on the start screen
/// (`--vault`); `language`, when asked for on the command line, is used
/// for this run whatever the system or the vault's settings say.
pub fn run_gui(vault_dir: Option<std::path::PathBuf>, language: Option<crate::i18n::Lang>) -> eframe::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            // The title is fixed: it must never show case content.
            .with_title(crate::i18n::t("app-title"))
            .with_inner_size([1100.0, 760.0])
            .with_min_inner_size([640.0, 480.0]),
        // No persistence feature: egui memory (which could hold typed text)
        // is never written to disk.
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "testimony-vault",
        options,
        Box::new(move |cc| {
            let options = AppOptions { vault_dir, language, ..AppOptions::default() };
            Ok(Box::new(App::new(&cc.egui_ctx, options)))
        }),
    )
}
