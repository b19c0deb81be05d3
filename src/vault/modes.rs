//! File modes: a vault is for its owner only.
//!
//! The folder and every folder in it are 0700, every file 0600, whatever the
//! umask: a `key.age` readable by another local account can be copied and
//! guessed offline. New files and folders get the mode at creation
//! ([`private_file`], [`create_private_dir`]); a vault made by an older
//! version (or copied with other modes) is tightened at open by
//! [`tighten`], and the open report says how many entries were changed.

use super::error::{Result, VaultError};
use std::fs::{self, OpenOptions};
use std::io;
use std::path::Path;

/// Mode of the vault folder and its sub-folders.
pub const DIR_MODE: u32 = 0o700;
/// Mode of every file in the vault.
pub const FILE_MODE: u32 = 0o600;

/// Options for a new file readable and writable by its owner only.
pub fn private_file() -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
    options
}

/// Create `dir` and any missing parent as 0700 (parents outside the vault
/// keep the umask's mode), and set 0700 on `dir` itself when it already
/// existed: the user may have chosen an empty folder made with 0755.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, DIR_MODE);
    builder.create(dir).map_err(|e| VaultError::io(dir, e))?;
    set_mode(dir, DIR_MODE).map(|_| ()).map_err(|e| VaultError::io(dir, e))
}

/// Bring every entry of the vault in `dir` (one level of sub-folders, which
/// is all a vault has, plus the folder itself) to 0700/0600. Returns how
/// many entries had a looser mode. Errors are not fatal: a read-only copy
/// of a vault must still open; it is only reported as unchanged.
///
/// The files of the sub-folders named in `files_elsewhere` are left to the
/// caller (the case folder's are tightened by the one scan of it at open,
/// see `scan`); the sub-folders themselves are tightened here.
pub fn tighten(dir: &Path, files_elsewhere: &[&str]) -> usize {
    let mut changed = usize::from(set_mode(dir, DIR_MODE).unwrap_or(false));
    let Ok(entries) = fs::read_dir(dir) else { return changed };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            changed += usize::from(set_mode(&path, DIR_MODE).unwrap_or(false));
            if files_elsewhere.iter().any(|f| entry.file_name() == **f) {
                continue;
            }
            if let Ok(inner) = fs::read_dir(&path) {
                for file in inner.flatten().filter(|e| e.file_type().is_ok_and(|t| t.is_file())) {
                    changed += usize::from(set_mode(&file.path(), FILE_MODE).unwrap_or(false));
                }
            }
        } else if kind.is_file() {
            changed += usize::from(set_mode(&path, FILE_MODE).unwrap_or(false));
        }
    }
    changed
}

/// Set the permission bits of `path` to `mode` when they differ; true if
/// they were changed. Never follows a symbolic link's target mode blindly:
/// only regular files and folders are passed here.
/// Set a file whose metadata is already at hand to 0600; true if it was
/// looser. Errors count as unchanged, as in [`tighten`].
#[cfg(unix)]
pub fn tighten_file(path: &Path, meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o7777 != FILE_MODE && fs::set_permissions(path, fs::Permissions::from_mode(FILE_MODE)).is_ok()
}

#[cfg(not(unix))]
pub fn tighten_file(_path: &Path, _meta: &fs::Metadata) -> bool {
    false
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> io::Result<bool> {
    use std::os::unix::fs::PermissionsExt;
    let current = fs::symlink_metadata(path)?.permissions().mode() & 0o7777;
    if current == mode {
        return Ok(false);
    }
    fs::set_permissions(path, fs::Permissions::from_mode(mode))?;
    Ok(true)
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> io::Result<bool> {
    Ok(false)
}

/// The permission bits of `path` (0 where the system has none), for tests
/// and reports.
pub fn mode_of(path: &Path) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::symlink_metadata(path).map_or(0, |m| m.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        0
    }
}
