//! The chooser's plain logic, without drawing: listing a folder, going
//! up, where to start, save-as names, sizes, removable media. Free
//! functions, unit-tested in `file_pick`'s tests.

use crate::i18n::t_args;
use std::io;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// One line of a folder listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// For display: NFC, so Hangul names from macOS disks (stored
    /// decomposed) show as syllables.
    pub name: String,
    pub path: PathBuf,
    pub is_dir: bool,
    /// Files only, when it could be read.
    pub size: Option<u64>,
}

/// Dot-files are hidden unless asked for.
pub fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

/// Folders first, then files; each by name, ignoring case.
pub fn sort_entries(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        b.is_dir
            .cmp(&a.is_dir)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.name.cmp(&b.name))
    });
}

/// The sorted content of `dir`. Only reads: nothing is created, changed
/// or recorded.
pub fn list_folder(dir: &Path, show_hidden: bool) -> io::Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for item in std::fs::read_dir(dir)? {
        // One entry that cannot be read does not hide the others.
        let Ok(item) = item else { continue };
        let name: String = item.file_name().to_string_lossy().nfc().collect();
        if !show_hidden && is_hidden(&name) {
            continue;
        }
        let path = item.path();
        // Follows links, so a link to a folder opens like a folder.
        let meta = std::fs::metadata(&path).ok();
        let is_dir = meta.as_ref().is_some_and(|m| m.is_dir());
        let size = meta.filter(|m| m.is_file()).map(|m| m.len());
        entries.push(Entry { name, path, is_dir, size });
    }
    sort_entries(&mut entries);
    Ok(entries)
}

/// The folder above `dir`; `None` at the top.
pub fn parent_folder(dir: &Path) -> Option<PathBuf> {
    dir.parent().filter(|p| !p.as_os_str().is_empty()).map(Path::to_path_buf)
}

/// Where the chooser opens for a field holding `current`: that folder; or
/// the folder of that file, with the file's name (to select it, or to
/// offer it as the new name); or the nearest folder above that exists;
/// else `home`.
pub fn start_point(current: &str, home: &Path) -> (PathBuf, Option<String>) {
    let text = current.trim();
    if text.is_empty() {
        return (home.to_path_buf(), None);
    }
    // Relative to the working folder, as the field's path would be used.
    let path = std::path::absolute(text).unwrap_or_else(|_| PathBuf::from(text));
    if path.is_dir() {
        return (path, None);
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let mut up = path.parent();
    while let Some(dir) = up {
        if dir.is_dir() {
            return (dir.to_path_buf(), name);
        }
        up = dir.parent();
    }
    (home.to_path_buf(), name)
}

/// Why a save-as name cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameProblem {
    Missing,
    /// A separator, `.` or `..`: it would name another folder.
    Invalid,
    /// Something of that name is there: nothing is ever overwritten.
    Exists,
}

/// The new file `name` in `folder`, with `extension` added when the name
/// does not end with it. Pure: [`check_new_file`] looks at the disk.
pub fn save_as_path(folder: &Path, name: &str, extension: Option<&str>) -> Result<PathBuf, NameProblem> {
    let name = name.trim();
    if name.is_empty() {
        return Err(NameProblem::Missing);
    }
    if name == "." || name == ".." || name.contains(['/', '\\', '\0']) {
        return Err(NameProblem::Invalid);
    }
    let mut name = name.to_string();
    if let Some(ext) = extension
        && !name.to_lowercase().ends_with(&format!(".{}", ext.to_lowercase()))
    {
        name = format!("{name}.{ext}");
    }
    Ok(folder.join(name))
}

/// Refuses a path where anything exists already (a dangling link too).
pub fn check_new_file(path: &Path) -> Result<(), NameProblem> {
    match path.symlink_metadata() {
        Ok(_) => Err(NameProblem::Exists),
        Err(_) => Ok(()),
    }
}

/// A file size for the listing: "532 KB", "1.5 MB".
pub fn format_size(bytes: u64) -> String {
    const UNITS: [&str; 3] = ["file-pick-size-kb", "file-pick-size-mb", "file-pick-size-gb"];
    if bytes < 1024 {
        return t_args("file-pick-size-bytes", &[("size", &bytes.to_string())]);
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let shown = if value < 10.0 { format!("{value:.1}") } else { format!("{value:.0}") };
    t_args(UNITS[unit], &[("size", &shown)])
}

/// The user's home folder ("/" when it cannot be told).
pub fn home_folder() -> PathBuf {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
        .or_else(|| directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf()))
        .unwrap_or_else(|| PathBuf::from("/"))
}

/// Where removable media are mounted for `user`, on Linux and macOS.
pub fn media_roots(user: Option<&str>) -> Vec<PathBuf> {
    let mut roots = Vec::new();
    if let Some(user) = user.filter(|u| !u.is_empty()) {
        roots.push(Path::new("/media").join(user));
        roots.push(Path::new("/run/media").join(user));
    }
    if cfg!(target_os = "macos") {
        roots.push(PathBuf::from("/Volumes"));
    }
    roots
}

/// The mounted media: the folders in those of `roots` that exist. The
/// system disk's own entry in `/Volumes` (a link to `/`) is left out.
pub fn media_under(roots: &[PathBuf]) -> Vec<Entry> {
    roots
        .iter()
        .filter_map(|root| list_folder(root, false).ok())
        .flatten()
        .filter(|e| e.is_dir && e.path.canonicalize().is_ok_and(|p| p.parent().is_some()))
        .collect()
}

pub(super) fn user_name(home: &Path) -> Option<String> {
    std::env::var("USER")
        .ok()
        .filter(|u| !u.is_empty())
        .or_else(|| home.file_name().map(|n| n.to_string_lossy().into_owned()))
}

/// A folder listing's failure, in words.
pub(super) fn unreadable(dir: &Path, e: &io::Error) -> String {
    let path = dir.display().to_string();
    match e.kind() {
        io::ErrorKind::NotFound => t_args("file-pick-not-found", &[("path", &path)]),
        io::ErrorKind::PermissionDenied => t_args("file-pick-denied", &[("path", &path)]),
        _ => t_args("file-pick-unreadable", &[("path", &path), ("detail", &e.to_string())]),
    }
}
