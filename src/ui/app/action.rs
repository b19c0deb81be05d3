//! What a panel asks the app to do, as one nested type. Panels never touch
//! files; they return an [`Action`] and the app routes it in one `match`
//! (`logic.rs`). Each group is its own enum, matched in full where it is
//! carried out, so a new variant is a compile error until it is handled:
//! nothing can fall into a catch-all and silently do nothing.

use crate::ui::panels::attachments::NewAttachment;
use crate::ui::panels::bundles::ExportRequest;
use crate::ui::file_pick::PickRequest;
use crate::vault::VaultConfig;
use age::secrecy::SecretString;
use std::path::PathBuf;
use uuid::Uuid;

#[derive(Debug)]
pub enum Action {
    /// Unlock or create a vault (scrypt runs off the UI thread).
    Start(Start),
    /// Drop the vault and every decrypted value; back to the unlock screen.
    Lock,
    /// Open the chooser for a path field (a Browse button).
    Browse(PickRequest),
    /// Go to another screen.
    Nav(Nav),
    Case(CaseAction),
    Draft(DraftAction),
    SaveSettings(VaultConfig),
    Bundle(BundleAction),
    Conflict(ConflictAction),
    Attachment(AttachmentAction),
    Trust(TrustAction),
    Keys(KeyAction),
    Record(RecordAction),
    Events(EventAction),
}

/// The Events screen (see `ui::panels::events`).
#[derive(Debug)]
pub enum EventAction {
    /// Create the event the suggestion proposes, or join the one it names.
    Accept(crate::events::suggest::Suggestion),
    /// Never suggest this again.
    Reject(crate::events::Rejection),
    /// Take an incident out of its event.
    Unlink(Uuid),
    SetStandard(crate::events::Standard),
    /// Settle the differences an import brought for an event.
    Resolve { event: Uuid, take_theirs: bool },
    /// An event made in the window, and an existing one's edited
    /// description (its links are changed only by Link and Unlink).
    Create(crate::events::Event),
    Update(crate::events::Event),
    /// Delete an event; its incidents are free again.
    Delete(Uuid),
    Link { event: Uuid, link: crate::events::Link },
}

/// The start screen's two ways into a vault.
#[derive(Debug)]
pub enum Start {
    /// Unlock the vault in `dir`.
    Open { dir: PathBuf, passphrase: SecretString },
    /// Create a new vault in `dir`, then open it.
    Create { dir: PathBuf, passphrase: SecretString },
    /// Set a new passphrase with the organisation's recovery identity
    /// (an identity file), then open the vault.
    Recover { dir: PathBuf, identity: PathBuf, passphrase: SecretString },
}

/// The Keys section of the settings.
#[derive(Debug)]
pub enum KeyAction {
    /// Wrap the vault key to these organisation recovery recipients.
    SetRecovery(Vec<String>),
    /// A new vault key; the passphrase proves it is the user.
    Rotate(SecretString),
    /// Destroy every key file now (the user confirmed once), then lock.
    Erase,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    List,
    Settings,
    Conflicts,
    Events,
    /// Leave the form (asks first when it has unsaved changes).
    CloseForm,
}

#[derive(Debug)]
pub enum CaseAction {
    New,
    Edit(Uuid),
    Review(Uuid),
    /// Save the case in the open form as a new revision.
    Save,
    /// Stop reporting the cases whose file vanished (the user chose to).
    ForgetMissing,
}

/// Autosaved drafts found at unlock.
#[derive(Debug)]
pub enum DraftAction {
    /// Open the draft in the form.
    Restore(Uuid),
    /// Delete the draft (the user chose to).
    Discard(Uuid),
}

#[derive(Debug)]
pub enum BundleAction {
    /// Open the export dialog for the cases ticked in the list.
    OpenExport,
    /// Write a bundle.
    Export(ExportRequest),
    /// List what may still identify someone in the dialog's cases under
    /// this (redacted) profile.
    Review(crate::bundle::Profile),
    OpenImport,
    /// Import a bundle into the vault; the passphrase is for passphrase bundles.
    /// `trust_signer`: the explicit step after an unknown-signer refusal.
    Import { path: PathBuf, passphrase: Option<SecretString>, trust_signer: Option<String> },
}

/// Whose bundles this vault imports (Settings).
#[derive(Debug)]
pub enum TrustAction {
    Add { name: String, key: String },
    Remove { name: String },
}

/// Which version of a conflicting case to keep whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

#[derive(Debug)]
pub enum ConflictAction {
    /// Compare the two versions of one stored conflict.
    Open(Uuid),
    /// Settle a conflict by keeping one version whole.
    Resolve { conflict: Uuid, keep: Side },
    /// Settle a conflict with our version, the listed fields taken from
    /// the other.
    Merge { conflict: Uuid, from_theirs: Vec<crate::model::Field> },
}

/// The Attachments section of the form.
#[derive(Debug)]
pub enum AttachmentAction {
    /// Encrypt files into the vault and attach them to the case in the form.
    Attach(Vec<NewAttachment>),
    /// Remove an attachment of the case in the form (the user confirmed).
    Remove(Uuid),
    /// Decrypt a picture into memory and show it in a window.
    Preview(Uuid),
    /// Check an attachment against its recorded SHA-256.
    Verify(Uuid),
    /// Save an unencrypted copy where the user asked (after the warning).
    SaveCopy { id: Uuid, dest: PathBuf },
}

/// The recorder in the case form.
#[derive(Debug)]
pub enum RecordAction {
    /// Record into the case in the form; `None`: the device chosen in
    /// Settings, else the system's default.
    Start { device: Option<String> },
    /// The device chosen in Settings is not connected, and the user agreed
    /// to record from the system's default device.
    StartFromDefault,
    Pause,
    Resume,
    /// Drop a marker now, with this label (may be empty).
    Marker(String),
    /// Stop and attach the recording to the case.
    Stop,
    /// List the input devices for the device choice.
    ListDevices,
    /// Decrypt a recording of the form's case into memory and open the player.
    OpenPlayer(Uuid),
    /// Link marker `marker` of recording `attachment` to an incident of the
    /// form's case (None: unlink). An edit of the form, saved with it.
    LinkMarker { attachment: Uuid, marker: usize, incident: Option<Uuid> },
    /// The player's transcription of recording `attachment` changed: an
    /// edit of the form, saved with it.
    Transcript { attachment: Uuid, text: String },
}

impl Action {
    /// Whether carrying this out leaves the open form (and so asks first
    /// when the form has unsaved edits). Every variant is named.
    pub fn leaves_form(&self) -> bool {
        match self {
            Action::Nav(Nav::List | Nav::Settings | Nav::Conflicts | Nav::Events | Nav::CloseForm) => true,
            Action::Case(CaseAction::New | CaseAction::Edit(_) | CaseAction::Review(_)) => true,
            Action::Case(CaseAction::Save | CaseAction::ForgetMissing) => false,
            Action::Draft(DraftAction::Restore(_)) => true,
            Action::Draft(DraftAction::Discard(_)) => false,
            // The lock keeps unsaved edits as a draft; it never asks.
            Action::Start(_) | Action::Lock | Action::Browse(_) => false,
            Action::SaveSettings(_) | Action::Bundle(_) | Action::Conflict(_) | Action::Attachment(_) => false,
            Action::Trust(_) => false,
            Action::Keys(_) => false,
            // Recording goes on while the interviewer types and moves around.
            Action::Record(_) => false,
            Action::Events(_) => false,
        }
    }
}
