//! Errors a person can act on. Each message says what happened and whether
//! anything was lost (it never is: a failed write leaves the previous state).
//! The words live once, in the Fluent files; `Display` gives them in the
//! current language, so the window and the command line say the same.

use crate::i18n::{t, t_args};
use crate::model::merge::UnknownField;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// The text of each variant is its Fluent message (`error-…` in
/// `src/i18n/*.ftl`), in the current language: see the `Display` below.
#[derive(Debug)]
pub enum VaultError {
    WrongPassphrase,
    Damaged { file: PathBuf, detail: String },
    NewerVersion { file: PathBuf, found: u32, supported: u32 },
    CaseMissing { code: String, pseudonym: String },
    CaseRestored { code: String, revision: u32 },
    ImportInterrupted { what: String, cases: usize },
    DiskFull { path: PathBuf },
    ReadOnly { path: PathBuf },
    /// `pid`: the holder, when its lock file names it.
    AlreadyOpen { pid: Option<u32> },
    NotAVault { dir: PathBuf },
    AlreadyExists { dir: PathBuf },
    NoSuchCase(Uuid),
    WeakPassphrase { min: usize },
    WorkFactorOutOfRange { asked: u8, min: u8, max: u8 },
    Encrypt { what: String, detail: String },
    Io { path: PathBuf, source: io::Error },

    // Keys.
    /// The main key file did not open and its copy did (open report).
    KeyCopyUsed { file: PathBuf },
    /// The copy differed from the key file that opened and was rewritten.
    KeyCopyRewritten { file: PathBuf },
    /// No key file, but a vault was here: its keys were erased.
    KeysErased { dir: PathBuf, recoverable: bool },
    NoRecovery { dir: PathBuf },
    NotARecoveryKey,
    BadRecipient { text: String },
    NotAnIdentityFile { path: PathBuf },
    /// A case file holding another case than its name says (open report).
    CaseIdMismatch { file: PathBuf, found: Uuid, code: String },
    /// An index shard that the others list has vanished (open report).
    ShardMissing { shard: u8 },

    // Attachments.
    AttachmentSource { path: PathBuf, source: io::Error },
    AttachmentMissing { name: String, file: PathBuf },
    NoSuchAttachment(Uuid),
    TooLargeToPreview { name: String, size: u64, max: u64 },
    ExportIntoVault { path: PathBuf },

    // Conflicts.
    UnknownField { field: String },
    ConflictAttachmentMissing { code: String, name: String },

    // Custody: the signing key and trusted signers.
    /// Nothing is lost; export is refused (it would be unsigned).
    SigningUnavailable { detail: String },
    BadSignerKey { text: String, detail: String },
    SignerNameMissing,
    SignerAlreadyTrusted { name: String, fingerprint: String },
    SignerNameTaken { name: String },
    NoSuchSigner { name: String },
}

impl fmt::Display for VaultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use VaultError as E;
        let p = |path: &Path| path.display().to_string();
        let text = match self {
            E::WrongPassphrase => t("error-wrong-passphrase"),
            E::Damaged { file, detail } => t_args("error-damaged", &[("file", &p(file)), ("detail", detail)]),
            E::NewerVersion { file, found, supported } => t_args(
                "error-newer-version",
                &[("file", &p(file)), ("found", &found.to_string()), ("supported", &supported.to_string())],
            ),
            E::CaseMissing { code, pseudonym } => t_args("error-case-missing", &[("code", code), ("pseudonym", pseudonym)]),
            E::CaseRestored { code, revision } => {
                t_args("error-case-restored", &[("code", code), ("revision", &revision.to_string())])
            }
            E::ImportInterrupted { what, cases } => {
                t_args("error-import-interrupted", &[("what", what), ("cases", &cases.to_string())])
            }
            E::DiskFull { path } => t_args("error-disk-full", &[("path", &p(path))]),
            E::ReadOnly { path } => t_args("error-read-only", &[("path", &p(path))]),
            E::AlreadyOpen { pid: None } => t("error-already-open"),
            E::AlreadyOpen { pid: Some(pid) } => t_args("error-already-open-by", &[("pid", &pid.to_string())]),
            E::NotAVault { dir } => t_args("error-not-a-vault", &[("dir", &p(dir))]),
            E::AlreadyExists { dir } => t_args("error-already-exists", &[("dir", &p(dir))]),
            E::NoSuchCase(id) => t_args("error-no-such-case", &[("id", &id.to_string())]),
            E::WeakPassphrase { min } => t_args("error-weak-passphrase", &[("min", &min.to_string())]),
            E::WorkFactorOutOfRange { asked, min, max } => t_args(
                "error-work-factor-range",
                &[("asked", &asked.to_string()), ("min", &min.to_string()), ("max", &max.to_string())],
            ),
            E::Encrypt { what, detail } => t_args("error-encrypt", &[("what", what), ("detail", detail)]),
            E::Io { path, source } => t_args("error-io", &[("path", &p(path)), ("detail", &source.to_string())]),
            E::KeyCopyUsed { file } => t_args("error-key-copy-used", &[("file", &p(file))]),
            E::KeyCopyRewritten { file } => t_args("error-key-copy-rewritten", &[("file", &p(file))]),
            E::KeysErased { dir, recoverable: true } => t_args("error-keys-erased-recoverable", &[("dir", &p(dir))]),
            E::KeysErased { dir, recoverable: false } => t_args("error-keys-erased", &[("dir", &p(dir))]),
            E::NoRecovery { dir } => t_args("error-no-recovery", &[("dir", &p(dir))]),
            E::NotARecoveryKey => t("error-not-a-recovery-key"),
            E::BadRecipient { text } => t_args("error-bad-recipient", &[("text", text)]),
            E::NotAnIdentityFile { path } => t_args("error-not-an-identity-file", &[("path", &p(path))]),
            E::CaseIdMismatch { file, found, code } => t_args(
                "error-case-id-mismatch",
                &[("file", &p(file)), ("found", &found.to_string()), ("code", code)],
            ),
            E::ShardMissing { shard } => t_args("error-shard-missing", &[("shard", &format!("{shard:02x}"))]),
            E::AttachmentSource { path, source } => {
                t_args("error-attachment-source", &[("path", &p(path)), ("detail", &source.to_string())])
            }
            E::AttachmentMissing { name, file } => {
                t_args("error-attachment-missing", &[("name", name), ("file", &p(file))])
            }
            E::NoSuchAttachment(id) => t_args("error-no-such-attachment", &[("id", &id.to_string())]),
            E::TooLargeToPreview { name, size, max } => t_args(
                "error-too-large-to-preview",
                &[("name", name), ("size", &size.to_string()), ("max", &max.to_string())],
            ),
            E::ExportIntoVault { path } => t_args("error-export-into-vault", &[("path", &p(path))]),
            // The same refusal as the model's, which knows the list of fields.
            E::UnknownField { field } => UnknownField(field.clone()).to_string(),
            E::ConflictAttachmentMissing { code, name } => {
                t_args("error-conflict-attachment-missing", &[("code", code), ("name", name)])
            }
            E::SigningUnavailable { detail } => t_args("error-signing-unavailable", &[("detail", detail)]),
            E::BadSignerKey { text, detail } => t_args("error-bad-signer-key", &[("text", text), ("detail", detail)]),
            E::SignerNameMissing => t("error-signer-name-missing"),
            E::SignerAlreadyTrusted { name, fingerprint } => {
                t_args("error-signer-already-trusted", &[("name", name), ("fingerprint", fingerprint)])
            }
            E::SignerNameTaken { name } => t_args("error-signer-name-taken", &[("name", name)]),
            E::NoSuchSigner { name } => t_args("error-no-such-signer", &[("name", name)]),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for VaultError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            VaultError::Io { source, .. } | VaultError::AttachmentSource { source, .. } => Some(source),
            _ => None,
        }
    }
}

pub type Result<T, E = VaultError> = std::result::Result<T, E>;

impl VaultError {
    /// Classify an I/O error on `path` into the cases people need told apart.
    pub fn io(path: &Path, err: io::Error) -> VaultError {
        let path = path.to_path_buf();
        match err.kind() {
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => VaultError::DiskFull { path },
            io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied => VaultError::ReadOnly { path },
            _ => match err.raw_os_error() {
                Some(28) | Some(122) => VaultError::DiskFull { path },
                Some(30) | Some(13) | Some(1) => VaultError::ReadOnly { path },
                _ => VaultError::Io { path, source: err },
            },
        }
    }

    pub fn damaged(file: &Path, detail: impl Into<String>) -> VaultError {
        VaultError::Damaged { file: file.to_path_buf(), detail: detail.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::VaultError;
    use crate::i18n::{assert_shown_in_both_languages, in_language, Lang};
    use std::io;
    use std::path::PathBuf;
    use uuid::Uuid;

    /// One value of every variant. The match in the test has no catch-all,
    /// so a new variant does not compile until it is listed there, next to this.
    fn one_of_each() -> Vec<VaultError> {
        let path = || PathBuf::from("/tmp/vault/cases/x.age");
        let text = || "detail".to_string();
        vec![
            VaultError::WrongPassphrase,
            VaultError::Damaged { file: path(), detail: text() },
            VaultError::NewerVersion { file: path(), found: 3, supported: 2 },
            VaultError::CaseMissing { code: "NK-2026-0001".into(), pseudonym: text() },
            VaultError::CaseRestored { code: "NK-2026-0001".into(), revision: 4 },
            VaultError::ImportInterrupted { what: text(), cases: 2 },
            VaultError::DiskFull { path: path() },
            VaultError::ReadOnly { path: path() },
            VaultError::AlreadyOpen { pid: None },
            VaultError::AlreadyOpen { pid: Some(4242) },
            VaultError::NotAVault { dir: path() },
            VaultError::AlreadyExists { dir: path() },
            VaultError::NoSuchCase(Uuid::nil()),
            VaultError::WeakPassphrase { min: 8 },
            VaultError::WorkFactorOutOfRange { asked: 24, min: 10, max: 22 },
            VaultError::Encrypt { what: text(), detail: text() },
            VaultError::Io { path: path(), source: io::Error::other("gone") },
            VaultError::KeyCopyUsed { file: path() },
            VaultError::KeyCopyRewritten { file: path() },
            VaultError::KeysErased { dir: path(), recoverable: true },
            VaultError::KeysErased { dir: path(), recoverable: false },
            VaultError::NoRecovery { dir: path() },
            VaultError::NotARecoveryKey,
            VaultError::BadRecipient { text: text() },
            VaultError::NotAnIdentityFile { path: path() },
            VaultError::CaseIdMismatch { file: path(), found: Uuid::nil(), code: "NK-2026-0002".into() },
            VaultError::ShardMissing { shard: 0x3a },
            VaultError::AttachmentSource { path: path(), source: io::Error::other("gone") },
            VaultError::AttachmentMissing { name: text(), file: path() },
            VaultError::NoSuchAttachment(Uuid::nil()),
            VaultError::TooLargeToPreview { name: text(), size: 10, max: 5 },
            VaultError::ExportIntoVault { path: path() },
            VaultError::UnknownField { field: "narative".into() },
            VaultError::ConflictAttachmentMissing { code: "NK-2026-0001".into(), name: text() },
            VaultError::SigningUnavailable { detail: text() },
            VaultError::BadSignerKey { text: "ssh-rsa AAAA".into(), detail: text() },
            VaultError::SignerNameMissing,
            VaultError::SignerAlreadyTrusted { name: text(), fingerprint: "0a1b 2c3d".into() },
            VaultError::SignerNameTaken { name: text() },
            VaultError::NoSuchSigner { name: text() },
        ]
    }

    #[test]
    fn every_variant_has_its_text_in_both_languages() {
        for e in one_of_each() {
            match e {
                VaultError::WrongPassphrase
                | VaultError::Damaged { .. }
                | VaultError::NewerVersion { .. }
                | VaultError::CaseMissing { .. }
                | VaultError::CaseRestored { .. }
                | VaultError::ImportInterrupted { .. }
                | VaultError::DiskFull { .. }
                | VaultError::ReadOnly { .. }
                | VaultError::AlreadyOpen { .. }
                | VaultError::NotAVault { .. }
                | VaultError::AlreadyExists { .. }
                | VaultError::NoSuchCase(_)
                | VaultError::WeakPassphrase { .. }
                | VaultError::WorkFactorOutOfRange { .. }
                | VaultError::Encrypt { .. }
                | VaultError::Io { .. }
                | VaultError::KeyCopyUsed { .. }
                | VaultError::KeyCopyRewritten { .. }
                | VaultError::KeysErased { .. }
                | VaultError::NoRecovery { .. }
                | VaultError::NotARecoveryKey
                | VaultError::BadRecipient { .. }
                | VaultError::NotAnIdentityFile { .. }
                | VaultError::CaseIdMismatch { .. }
                | VaultError::ShardMissing { .. }
                | VaultError::AttachmentSource { .. }
                | VaultError::AttachmentMissing { .. }
                | VaultError::NoSuchAttachment(_)
                | VaultError::TooLargeToPreview { .. }
                | VaultError::ExportIntoVault { .. }
                | VaultError::UnknownField { .. }
                | VaultError::ConflictAttachmentMissing { .. }
                | VaultError::SigningUnavailable { .. }
                | VaultError::BadSignerKey { .. }
                | VaultError::SignerNameMissing
                | VaultError::SignerAlreadyTrusted { .. }
                | VaultError::SignerNameTaken { .. }
                | VaultError::NoSuchSigner { .. } => assert_shown_in_both_languages(&e),
            }
        }
    }

    #[test]
    fn the_holder_and_the_fields_are_named() {
        let open = in_language(Lang::En, || VaultError::AlreadyOpen { pid: Some(4242) }.to_string());
        assert!(open.contains("already open") && open.contains("(process 4242)"), "{open}");
        let unknown = in_language(Lang::En, || VaultError::UnknownField { field: "narative".into() }.to_string());
        assert!(unknown.contains("“narative”") && unknown.contains("narrative, interviewer_notes"), "{unknown}");
    }
}
