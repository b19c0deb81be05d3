//! Errors a person can act on. Each message says what happened and whether
//! anything was lost (it never is: a failed write leaves the previous state).

use std::io;
use std::path::{Path, PathBuf};
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("The passphrase is not correct for this vault. Nothing was changed; try again.")]
    WrongPassphrase,

    #[error("The file {file} is damaged or has been tampered with ({detail}). It was not opened; other files are unaffected.")]
    Damaged { file: PathBuf, detail: String },

    #[error("The file {file} was written by a newer version of testimony-vault (format {found}, this version reads up to {supported}). Update the program; the file was not changed.")]
    NewerVersion { file: PathBuf, found: u32, supported: u32 },

    #[error("The file of case {code} ({pseudonym}) has vanished from the vault folder and no earlier copy is kept. Restore the folder from a backup or import a bundle holding the case; the case list no longer shows it.")]
    CaseMissing { code: String, pseudonym: String },

    #[error("The file of case {code} had vanished from the vault folder; its previous version (revision {revision}) was put back. Changes of its last save are lost: check the case.")]
    CaseRestored { code: String, revision: u32 },

    #[error("An import was cut short ({what}, {cases} cases): some of its cases may be missing. Import the same bundle again to finish it; cases already stored are not changed twice.")]
    ImportInterrupted { what: String, cases: usize },

    #[error("The disk is full: {path} could not be written. The previously saved version is intact; free some space and save again.")]
    DiskFull { path: PathBuf },

    #[error("{path} cannot be written (read-only or no permission). The previously saved version is intact.")]
    ReadOnly { path: PathBuf },

    #[error("This vault is already open in another testimony-vault window or process{}. Close it there first.", pid.map(|p| format!(" (process {p})")).unwrap_or_default())]
    AlreadyOpen { pid: Option<u32> },

    #[error("{dir} is not a testimony vault (no key file found).")]
    NotAVault { dir: PathBuf },

    #[error("{dir} already contains a vault or other files; choose an empty folder.")]
    AlreadyExists { dir: PathBuf },

    #[error("No case with id {0} is in this vault.")]
    NoSuchCase(Uuid),

    #[error("The passphrase is too short: use at least {min} characters.")]
    WeakPassphrase { min: usize },

    #[error("Could not encrypt {what}: {detail}. Nothing was written.")]
    Encrypt { what: String, detail: String },

    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },

    // Attachments.
    #[error("{path} could not be read ({source}). Nothing was attached.")]
    AttachmentSource { path: PathBuf, source: io::Error },

    #[error("The encrypted file of the attachment \"{name}\" is missing ({file}). The case still records its name, size and SHA-256; restore the file from a backup.")]
    AttachmentMissing { name: String, file: PathBuf },

    #[error("No attachment with id {0} is in this case.")]
    NoSuchAttachment(Uuid),

    #[error("\"{name}\" is too large to show here ({size} bytes; the limit is {max}). Save a copy instead.")]
    TooLargeToPreview { name: String, size: u64, max: u64 },

    #[error("A decrypted copy cannot be saved inside the vault folder ({path}). Choose another folder.")]
    ExportIntoVault { path: PathBuf },

    // Conflicts.
    #[error("\"{field}\" is not a field that can be taken from the other version. Nothing was changed. The fields are: {fields}.")]
    UnknownField { field: String, fields: String },

    #[error("The other version of case {code} lists the attachment \"{name}\", whose encrypted file is not in this vault (it did not come with the bundle). Nothing was changed: keep this vault's attachments, or first import a bundle that carries the file.")]
    ConflictAttachmentMissing { code: String, name: String },
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
