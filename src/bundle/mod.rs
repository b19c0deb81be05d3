//! Encrypted bundles: how testimony leaves a laptop and reaches the
//! organisation, offline.
//!
//! A bundle (`.tvb`) is one [age](https://age-encryption.org) file, encrypted
//! to one or more X25519 recipients (`age1…`) or to a passphrase (age cannot
//! mix the two in one file). It opens with the standard tool:
//! `age -d -i key.txt bundle.tvb | tar t`. Its plaintext is a POSIX (ustar)
//! tar archive:
//!
//! ```text
//! manifest.ron            always the first entry
//! manifest.sig            SSHSIG over manifest.ron's bytes (format 2)
//! cases/<uuid>.ron        one per case, in manifest order: the same RON
//!                         document a vault stores (`(format: 2, case: (…))`)
//! attachments/<uuid>      raw attachment bytes, streamed, after the cases
//! ```
//!
//! `manifest.ron` is `(format: 2, exported_at: "…", vault_id: "…",
//! profile: Full | Pseudonymised | StatisticsOnly, program: "…",
//! cases: [(id, code, revision, sha256, size)],
//! attachments: [(id, case_id, size, sha256)], signer: "ssh-ed25519 …")`, and since
//! consent-aware export `purpose` and each case's `consent` flags (both
//! optional: older bundles lack them); each `sha256` is the hex
//! SHA-256 of that entry's bytes exactly as stored in the archive. Nothing
//! else may appear in the archive; a reader refuses unknown entries,
//! missing or duplicated ones and any hash mismatch. Attachment entries are
//! part of format 1 from the start (the list is simply empty when there are
//! none), so adding them changes no version. A reader refuses a manifest
//! whose `format` is newer than it knows.
//!
//! Import reads and checks the whole bundle, its signature and its signer
//! (see [`signature`]) before it writes anything to the vault (all or
//! nothing), then merges by case id (see [`import`]).

pub mod consent;
mod decide;
mod entries;
mod error;
pub mod events;
pub mod export;
pub mod format;
pub mod import;
pub mod keys;
pub mod redact;
pub mod signature;

pub use consent::{ConsentChoice, HeldBack, HoldReason, Purpose};
pub use error::BundleError;
pub use export::{export_cases, write_bundle, ExportOptions, ExportReport, Selection};
pub use format::{Manifest, ManifestAttachment, ManifestCase, BUNDLE_FORMAT};
pub use import::{import, import_bundle, import_with, read_bundle, verify, Bundle, ImportOptions, ImportReport, MergeOutcome};
pub use keys::{parse_recipient, parse_recipients_file, Audience, Unlock};
pub use signature::CustodyError;
pub use redact::{redact, Profile};

/// File name extension for bundles.
pub const EXTENSION: &str = "tvb";

pub type Result<T, E = BundleError> = std::result::Result<T, E>;
