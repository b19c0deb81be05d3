//! What can go wrong with a bundle, in words a person can act on. Every
//! error that stops an import means nothing was imported. The words are
//! written once, in the Fluent files (`bundle-error-…`).

use crate::i18n::{t, t_args};
use super::signature::CustodyError;
use crate::vault::VaultError;
use std::fmt;
use std::path::{Path, PathBuf};

/// The text of each variant is its Fluent message (`bundle-error-…`), in
/// the current language; a vault error inside keeps its own.
#[derive(Debug)]
pub enum BundleError {
    NotForUs,
    WrongPassphrase,
    NeedsPassphrase,
    NotABundle { file: PathBuf, detail: String },
    Damaged { file: PathBuf, detail: String },
    NewerFormat { file: PathBuf, found: u32, supported: u32 },
    NoRecipients,
    /// age does not mix the two in one file.
    PassphraseAndRecipients,
    BadRecipient { text: String, detail: String },
    NothingSelected,
    /// Every selected case was held back for its consent.
    AllHeldBack { held: Vec<super::HeldBack> },
    OutputExists { path: PathBuf },
    Write { path: PathBuf, detail: String },
    Read { path: PathBuf, detail: String },
    Redaction { detail: String },
    Vault(VaultError),
    /// Who made the bundle, or whether it is as they signed it.
    Custody(CustodyError),
}

impl BundleError {
    pub fn damaged(file: &Path, detail: impl Into<String>) -> BundleError {
        BundleError::Damaged { file: file.to_path_buf(), detail: detail.into() }
    }
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use BundleError as E;
        let p = |path: &Path| path.display().to_string();
        let text = match self {
            E::NotForUs => t("bundle-error-not-for-us"),
            E::WrongPassphrase => t("bundle-error-wrong-passphrase"),
            E::NeedsPassphrase => t("bundle-error-needs-passphrase"),
            E::NotABundle { file, detail } => t_args("bundle-error-not-a-bundle", &[("file", &p(file)), ("detail", detail)]),
            E::Damaged { file, detail } => t_args("bundle-error-damaged", &[("file", &p(file)), ("detail", detail)]),
            E::NewerFormat { file, found, supported } => t_args(
                "bundle-error-newer-format",
                &[("file", &p(file)), ("found", &found.to_string()), ("supported", &supported.to_string())],
            ),
            E::NoRecipients => t("bundle-error-no-recipients"),
            E::PassphraseAndRecipients => t("bundle-error-passphrase-and-recipients"),
            E::BadRecipient { text, detail } => t_args("bundle-error-bad-recipient", &[("text", text), ("detail", detail)]),
            E::NothingSelected => t("bundle-error-nothing-selected"),
            E::AllHeldBack { held } => t_args("bundle-error-all-held-back", &[("count", &held.len().to_string())]),
            E::OutputExists { path } => t_args("bundle-error-output-exists", &[("path", &p(path))]),
            E::Write { path, detail } => t_args("bundle-error-write", &[("path", &p(path)), ("detail", detail)]),
            E::Read { path, detail } => t_args("bundle-error-read", &[("path", &p(path)), ("detail", detail)]),
            E::Redaction { detail } => t_args("bundle-error-redaction", &[("detail", detail)]),
            E::Vault(e) => return e.fmt(f),
            E::Custody(e) => return e.fmt(f),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for BundleError {
    // As `#[error(transparent)]` did: a vault error stands for itself.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BundleError::Vault(e) => e.source(),
            _ => None,
        }
    }
}

impl From<VaultError> for BundleError {
    fn from(e: VaultError) -> Self {
        BundleError::Vault(e)
    }
}

impl From<CustodyError> for BundleError {
    fn from(e: CustodyError) -> Self {
        BundleError::Custody(e)
    }
}

#[cfg(test)]
mod tests {
    use super::BundleError;
    use crate::bundle::CustodyError;
    use crate::i18n::{assert_shown_in_both_languages, in_language, Lang};
    use crate::vault::VaultError;
    use std::path::PathBuf;

    /// One value of every variant. The match in the test has no catch-all,
    /// so a new variant does not compile until it is listed there, next to this.
    fn one_of_each() -> Vec<BundleError> {
        let path = || PathBuf::from("/tmp/out/cases.tvb");
        let text = || "detail".to_string();
        vec![
            BundleError::NotForUs,
            BundleError::WrongPassphrase,
            BundleError::NeedsPassphrase,
            BundleError::NotABundle { file: path(), detail: text() },
            BundleError::Damaged { file: path(), detail: text() },
            BundleError::NewerFormat { file: path(), found: 3, supported: 2 },
            BundleError::NoRecipients,
            BundleError::PassphraseAndRecipients,
            BundleError::BadRecipient { text: "age1nope".into(), detail: text() },
            BundleError::NothingSelected,
            BundleError::AllHeldBack { held: Vec::new() },
            BundleError::OutputExists { path: path() },
            BundleError::Write { path: path(), detail: text() },
            BundleError::Read { path: path(), detail: text() },
            BundleError::Redaction { detail: text() },
            BundleError::Vault(VaultError::WrongPassphrase),
            BundleError::Custody(CustodyError::SignerNameMissing),
        ]
    }

    #[test]
    fn every_variant_has_its_text_in_both_languages() {
        for e in one_of_each() {
            match e {
                BundleError::NotForUs
                | BundleError::WrongPassphrase
                | BundleError::NeedsPassphrase
                | BundleError::NotABundle { .. }
                | BundleError::Damaged { .. }
                | BundleError::NewerFormat { .. }
                | BundleError::NoRecipients
                | BundleError::PassphraseAndRecipients
                | BundleError::BadRecipient { .. }
                | BundleError::NothingSelected
                | BundleError::AllHeldBack { .. }
                | BundleError::OutputExists { .. }
                | BundleError::Write { .. }
                | BundleError::Read { .. }
                | BundleError::Redaction { .. }
                | BundleError::Vault(_)
                | BundleError::Custody(_) => assert_shown_in_both_languages(&e),
            }
        }
    }

    #[test]
    fn a_vault_error_inside_keeps_its_own_text() {
        let inner = || VaultError::DiskFull { path: PathBuf::from("/full") };
        for lang in Lang::ALL {
            let (outer, own) = in_language(lang, || (BundleError::from(inner()).to_string(), inner().to_string()));
            assert_eq!(outer, own);
        }
    }
}
