//! The library without a window: the vault, its formats, bundles,
//! attachments and Korean text handling.

#[path = "../common/mod.rs"]
mod common;
mod attachments;
mod bundle;
mod case_check;
mod consent_export;
mod custody;
mod events;
mod events_bundle;
mod formats;
mod history;
mod index_format;
mod interchange;
mod korean;
mod recording;
mod recording_output;
mod recording_transcript;
mod redaction;
mod search_formats;
mod search_store;
mod vault;
mod vault_props;
