//! One module a screen or dialog. A panel is a plain struct with a `ui`
//! function that edits its own values and returns an [`Action`] for the
//! app to carry out; panels never touch files or the vault.
//!
//! [`Action`]: crate::ui::Action

pub mod attachments;
pub mod bundles;
pub mod case_form;
pub mod case_list;
pub mod conflicts;
pub mod events;
pub mod events_edit;
pub mod export_consent;
pub mod export_review;
pub mod keys;
pub mod player;
pub mod recorder;
pub mod recover;
pub mod review;
pub mod review_history;
pub mod settings;
pub mod settings_device;
pub mod signers;
pub mod standard;
pub mod unlock;
