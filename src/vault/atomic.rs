//! Crash-safe file replacement.
//!
//! Write the new bytes to a temporary file in the same folder, fsync it, keep
//! the current file as `<name>.prev` (a hard link, so the current name never
//! disappears), rename the temporary file over the current one, then fsync the
//! folder. A crash at any step leaves either the old or the new file under the
//! real name, never a mixture. Only ciphertext ever passes through here.

use super::error::{Result, VaultError};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Suffix of the previous generation kept beside each file.
pub const PREVIOUS_SUFFIX: &str = ".prev";
/// Marker in temporary file names, so leftovers from a crash can be removed.
pub const TEMP_MARKER: &str = ".tmp-";

/// The points in a save where a crash can be simulated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The temporary file has been written (maybe partially, when crashed).
    TempWritten,
    /// The previous generation has been kept; the rename has not happened.
    PreviousKept,
    /// The new file is in place; the folder has not been synced.
    Renamed,
}

/// Replace `path` with `bytes`, atomically and durably.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_previous: bool) -> Result<()> {
    write_atomic_with(path, bytes, keep_previous, &mut |_| false)
}

/// As [`write_atomic`], calling `crash_at` at each stage; when it answers
/// `true` the write stops right there, as if the power failed, and leaves
/// whatever is on disk. Used by the crash-simulation tests.
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    keep_previous: bool,
    crash_at: &mut dyn FnMut(Stage) -> bool,
) -> Result<()> {
    replace(path, bytes, keep_previous, true, crash_at)
}

/// As [`write_atomic`] (never a mixture under the real name), without the
/// two fsyncs: for caches that are checked against the files they describe
/// and rebuilt when they disagree (the index shards). After a power cut
/// such a file may be the old one or damaged, never silently wrong; a save
/// then costs the fsyncs of its case file alone.
pub fn write_atomic_cache(path: &Path, bytes: &[u8], keep_previous: bool) -> Result<()> {
    replace(path, bytes, keep_previous, false, &mut |_| false)
}

fn replace(path: &Path, bytes: &[u8], keep_previous: bool, durable: bool, crash_at: &mut dyn FnMut(Stage) -> bool) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temp = dir.join(format!(".{name}{TEMP_MARKER}{}", uuid::Uuid::new_v4().simple()));
    let crashed = || VaultError::Io { path: path.to_path_buf(), source: io::Error::other("simulated crash") };

    if let Err(e) = write_and_sync(&temp, bytes, durable) {
        let _ = fs::remove_file(&temp);
        // Name the file being saved: the temporary name means nothing to people.
        return Err(VaultError::io(path, e));
    }
    if crash_at(Stage::TempWritten) {
        return Err(crashed());
    }
    if keep_previous
        && path.exists()
        && let Err(e) = keep_previous_generation(path)
    {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    if crash_at(Stage::PreviousKept) {
        return Err(crashed());
    }
    if let Err(e) = fs::rename(&temp, path) {
        let _ = fs::remove_file(&temp);
        return Err(VaultError::io(path, e));
    }
    if crash_at(Stage::Renamed) {
        return Err(crashed());
    }
    if !durable {
        return Ok(());
    }
    sync_dir(dir).map_err(|e| VaultError::io(dir, e))
}

fn write_and_sync(temp: &Path, bytes: &[u8], durable: bool) -> io::Result<()> {
    let mut file = super::modes::private_file().write(true).create_new(true).open(temp)?;
    file.write_all(bytes)?;
    if durable { file.sync_all() } else { Ok(()) }
}

/// Hard-link the current `path` as `<path>.prev` (through a temporary
/// name, so `.prev` is always whole), before something replaces `path`.
pub fn keep_previous_generation(path: &Path) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let prev = previous_path(path);
    let prev_temp = dir.join(format!(".{name}.prev{TEMP_MARKER}{}", uuid::Uuid::new_v4().simple()));
    let kept = fs::hard_link(path, &prev_temp).and_then(|_| fs::rename(&prev_temp, &prev));
    // After a crash between keeping the previous generation and the
    // rename, `prev` and `path` are one file; renaming a link onto
    // another link of the same file does nothing and leaves the
    // temporary name behind (POSIX rename). Remove it either way.
    let _ = fs::remove_file(&prev_temp);
    kept.map_err(|e| VaultError::io(&prev, e))
}

/// Start writing out what is pending on `dir`'s file system, best effort,
/// so that a [`sync_files`] later waits for less: a batch calls it halfway,
/// and the first half travels to the disk while the second is encrypted.
/// (Linux only: elsewhere each file is fsynced on its own anyway.)
pub fn sync_early(dir: &Path) {
    #[cfg(target_os = "linux")]
    let _ = syncfs(dir);
    #[cfg(not(target_os = "linux"))]
    let _ = dir;
}

/// `syncfs` of the file system holding `path`.
#[cfg(target_os = "linux")]
fn syncfs(path: &Path) -> io::Result<()> {
    File::open(path).and_then(|f| rustix::fs::syncfs(&f).map_err(io::Error::from))
}

/// Make files just written (and closed, not yet synced) durable, all at once.
///
/// On Linux one `syncfs` writes out the file system and commits its journal
/// once: importing 1,000 cases took 0.34 s this way against 0.65 s with
/// 1,000 concurrent fsyncs (medians, 2-core machine). The price: it also
/// waits for whatever else is unwritten on that file system, acceptable for
/// a batch; single saves keep their own fsync. Should it fail, and on
/// other systems, each file is fsynced on its own (on `threads` threads: the
/// disk commits concurrent fsyncs together), which also names the file that
/// could not be written.
pub fn sync_files(files: &[PathBuf], threads: usize) -> Result<()> {
    #[cfg(target_os = "linux")]
    if let Some(first) = files.first()
        && syncfs(first).is_ok()
    {
        return Ok(());
    }
    sync_each(files, threads)
}

/// The portable half of [`sync_files`]: every file fsynced on its own, on
/// `threads` threads. A plain function so the Linux tests run it too (it
/// is the only path on other systems).
pub fn sync_each(files: &[PathBuf], threads: usize) -> Result<()> {
    let chunk = files.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    for f in part {
                        // Write access: Windows flushes only a handle open for writing.
                        OpenOptions::new().write(true).open(f).and_then(|f| f.sync_all()).map_err(|e| VaultError::io(f, e))?;
                    }
                    Ok(())
                })
            })
            .collect();
        handles.into_iter().try_for_each(|h| h.join().expect("fsync does not panic"))
    })
}

/// fsync a folder so a rename in it survives power loss.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    if cfg!(unix) { sync_dir_handle(dir) } else { check_dir(dir) }
}

/// Where folders can be opened (Unix): open it and fsync.
pub fn sync_dir_handle(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Where a folder cannot be opened as a file (Windows refuses, and NTFS
/// journals renames itself): only check that it is there, so a missing
/// folder is still an error. Tested on Linux too.
pub fn check_dir(dir: &Path) -> io::Result<()> {
    if fs::metadata(dir)?.is_dir() {
        Ok(())
    } else {
        Err(io::Error::new(io::ErrorKind::NotADirectory, "not a folder"))
    }
}

pub fn previous_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(PREVIOUS_SUFFIX);
    PathBuf::from(s)
}

/// Remove temporary files a crash left in `dir`. They hold only ciphertext,
/// but they would accumulate. Returns how many were removed.
pub fn remove_leftover_temps(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .filter(|e| e.file_name().to_str().is_some_and(|n| n.starts_with('.') && n.contains(TEMP_MARKER)))
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// Remove a file and its previous generation, durably.
pub fn remove_with_previous(path: &Path) -> Result<()> {
    for p in [path.to_path_buf(), previous_path(path)] {
        match fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(VaultError::io(&p, e)),
        }
    }
    if let Some(dir) = path.parent() {
        sync_dir(dir).map_err(|e| VaultError::io(dir, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fallbacks_of_other_systems_work_here_too() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = (0..5).map(|i| dir.path().join(format!("{i}"))).collect();
        for f in &files {
            fs::write(f, b"x").unwrap();
        }
        sync_each(&files, 2).unwrap();
        sync_each(&[], 2).unwrap();
        let missing = dir.path().join("missing");
        assert!(matches!(sync_each(&[missing.clone()], 1), Err(VaultError::Io { ref path, .. }) if *path == missing));
        check_dir(dir.path()).unwrap();
        assert!(check_dir(&missing).is_err() && check_dir(&files[0]).is_err());
        sync_dir_handle(dir.path()).unwrap();
    }

    #[test]
    fn replaces_and_keeps_previous() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.age");
        write_atomic(&p, b"one", true).unwrap();
        write_atomic(&p, b"two", true).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read(previous_path(&p)).unwrap(), b"one");
        write_atomic(&p, b"three", true).unwrap();
        assert_eq!(fs::read(previous_path(&p)).unwrap(), b"two");
    }

    #[test]
    fn a_save_after_a_crash_between_link_and_rename_leaves_no_temporary_file() {
        // Found by the crash loop: `.prev` and the file were one inode, so
        // the next save's rename of the new `.prev` link was a no-op.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.age");
        write_atomic(&p, b"one", true).unwrap();
        assert!(write_atomic_with(&p, b"two", true, &mut |s| s == Stage::PreviousKept).is_err());
        assert_eq!(remove_leftover_temps(dir.path()), 1, "the unrenamed new file");
        write_atomic(&p, b"three", true).unwrap();
        let names: Vec<String> =
            fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        assert!(names.iter().all(|n| !n.contains(TEMP_MARKER)), "{names:?}");
        assert_eq!(fs::read(&p).unwrap(), b"three");
        assert_eq!(fs::read(previous_path(&p)).unwrap(), b"one");
    }

    #[test]
    fn a_crash_at_any_stage_leaves_old_or_new() {
        for stage in [Stage::TempWritten, Stage::PreviousKept, Stage::Renamed] {
            let dir = tempfile::tempdir().unwrap();
            let p = dir.path().join("a.age");
            write_atomic(&p, b"old", true).unwrap();
            let r = write_atomic_with(&p, b"new", true, &mut |s| s == stage);
            assert!(r.is_err());
            let now = fs::read(&p).unwrap();
            assert!(now == b"old" || now == b"new", "{stage:?}: {now:?}");
            if stage != Stage::Renamed {
                assert_eq!(now, b"old");
                assert_eq!(remove_leftover_temps(dir.path()), 1);
            }
        }
    }
}
