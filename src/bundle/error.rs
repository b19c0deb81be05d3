//! What can go wrong with a bundle, in words a person can act on. Every
//! error that stops an import means nothing was imported.

use crate::i18n::{t, t_args};
use crate::vault::VaultError;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("This bundle was encrypted for someone else: none of your keys can open it. Nothing was imported.")]
    NotForUs,

    #[error("The bundle passphrase is not correct. Nothing was imported.")]
    WrongPassphrase,

    #[error("This bundle is protected by a passphrase; give it to open the bundle.")]
    NeedsPassphrase,

    #[error("{file} is not a testimony bundle ({detail}).")]
    NotABundle { file: PathBuf, detail: String },

    #[error("The bundle {file} is damaged, truncated or has been tampered with ({detail}). Nothing was imported.")]
    Damaged { file: PathBuf, detail: String },

    #[error("The bundle {file} was made by a newer version of testimony-vault (format {found}, this version reads up to {supported}). Update the program; nothing was imported.")]
    NewerFormat { file: PathBuf, found: u32, supported: u32 },

    #[error("Nobody to encrypt for: give a recipient (age1…), a recipients file, set the organisation's keys in the settings, or protect the bundle with a passphrase.")]
    NoRecipients,

    #[error("A bundle is opened either with keys or with a passphrase, not both (age does not mix them). Make two bundles if both are needed.")]
    PassphraseAndRecipients,

    #[error("“{text}” is not an age public key (age1…): {detail}")]
    BadRecipient { text: String, detail: String },

    #[error("No case matches the selection; no bundle was written.")]
    NothingSelected,

    #[error("{path} already exists; choose another file name. Nothing was written.")]
    OutputExists { path: PathBuf },

    #[error("Could not write the bundle {path}: {detail}. No partial bundle was left behind.")]
    Write { path: PathBuf, detail: String },

    #[error("Could not read {path}: {detail}")]
    Read { path: PathBuf, detail: String },

    #[error("Could not redact a case: {detail}. No bundle was written.")]
    Redaction { detail: String },

    #[error(transparent)]
    Vault(#[from] VaultError),

    #[error(transparent)]
    Custody(#[from] super::signature::CustodyError),
}

impl BundleError {
    pub fn damaged(file: &Path, detail: impl Into<String>) -> BundleError {
        BundleError::Damaged { file: file.to_path_buf(), detail: detail.into() }
    }

    /// The message in the current interface language.
    pub fn message(&self) -> String {
        let p = |path: &Path| path.display().to_string();
        match self {
            BundleError::NotForUs => t("bundle-error-not-for-us"),
            BundleError::WrongPassphrase => t("bundle-error-wrong-passphrase"),
            BundleError::NeedsPassphrase => t("bundle-error-needs-passphrase"),
            BundleError::NotABundle { file, detail } => {
                t_args("bundle-error-not-a-bundle", &[("file", &p(file)), ("detail", detail)])
            }
            BundleError::Damaged { file, detail } => {
                t_args("bundle-error-damaged", &[("file", &p(file)), ("detail", detail)])
            }
            BundleError::NewerFormat { file, found, supported } => t_args(
                "bundle-error-newer-format",
                &[("file", &p(file)), ("found", &found.to_string()), ("supported", &supported.to_string())],
            ),
            BundleError::NoRecipients => t("bundle-error-no-recipients"),
            BundleError::PassphraseAndRecipients => t("bundle-error-passphrase-and-recipients"),
            BundleError::BadRecipient { text, detail } => {
                t_args("bundle-error-bad-recipient", &[("text", text), ("detail", detail)])
            }
            BundleError::NothingSelected => t("bundle-error-nothing-selected"),
            BundleError::OutputExists { path } => t_args("bundle-error-output-exists", &[("path", &p(path))]),
            BundleError::Write { path, detail } => {
                t_args("bundle-error-write", &[("path", &p(path)), ("detail", detail)])
            }
            BundleError::Read { path, detail } => t_args("bundle-error-read", &[("path", &p(path)), ("detail", detail)]),
            BundleError::Redaction { detail } => t_args("bundle-error-redaction", &[("detail", detail)]),
            BundleError::Vault(e) => crate::i18n::error_message(e),
            BundleError::Custody(e) => e.message(),
        }
    }
}
