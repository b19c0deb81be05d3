//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

pub mod audio;
pub mod index_fixture;

use age::secrecy::SecretString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};
use testimony_vault::i18n::{self, Lang};
use testimony_vault::vault::{CreateOptions, Vault};

/// Low scrypt cost: tests create many vaults. Real vaults use the default.
pub const TEST_WORK_FACTOR: u8 = 10;
pub const PASS: &str = "correct horse 말 battery";

pub fn pass(s: &str) -> SecretString {
    SecretString::from(s.to_owned())
}

pub fn create_vault(dir: &Path) -> Vault {
    Vault::create_with(dir, &pass(PASS), &CreateOptions { work_factor: TEST_WORK_FACTOR }).expect("create vault")
}

pub fn open_vault(dir: &Path) -> Vault {
    Vault::open(dir, &pass(PASS)).expect("open vault")
}

/// The interface language is process-wide and test binaries run tests in
/// parallel: a test that reads messages in English holds [`english`], one
/// that switches the language holds [`switch_language`] (and English is back
/// when it ends).
static LANGUAGE: RwLock<()> = RwLock::new(());

pub fn english() -> RwLockReadGuard<'static, ()> {
    LANGUAGE.read().unwrap_or_else(|e| e.into_inner())
}

pub struct LanguageSwitch(#[allow(dead_code)] RwLockWriteGuard<'static, ()>);

pub fn switch_language(lang: Lang) -> LanguageSwitch {
    let guard = LANGUAGE.write().unwrap_or_else(|e| e.into_inner());
    i18n::set_language(lang);
    LanguageSwitch(guard)
}

impl Drop for LanguageSwitch {
    fn drop(&mut self) {
        i18n::set_language(Lang::En);
    }
}

/// Whether `tool` is installed (on the PATH).
pub fn have(tool: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().is_ok_and(|o| o.status.success())
}

/// Whether this process runs as root (some tests need it: reading another
/// process's memory, running a program as nobody, remounting).
pub fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("Uid:"))
        .is_some_and(|l| l.split_whitespace().nth(1) == Some("0"))
}

/// Every file under `dir`, recursively.
pub fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() { stack.push(p) } else { out.push(p) }
        }
    }
    out.sort();
    out
}

/// Files under `dir` whose bytes contain `needle`.
pub fn files_containing(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    all_files(dir)
        .into_iter()
        .filter(|p| std::fs::read(p).map(|b| b.windows(needle.len()).any(|w| w == needle)).unwrap_or(false))
        .collect()
}

/// A small tmpfs mounted for one test (needs root); unmounted on drop.
pub struct Tmpfs {
    pub path: PathBuf,
    _dir: tempfile::TempDir,
}

impl Tmpfs {
    /// `None` (with the reason printed) when mounting is not possible here.
    pub fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().ok()?;
        let path = dir.path().to_path_buf();
        let out = Command::new("mount").args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"]).arg(&path).output();
        match out {
            Ok(o) if o.status.success() => Some(Tmpfs { path, _dir: dir }),
            Ok(o) => {
                eprintln!("SKIPPED: cannot mount a tmpfs here (needs root): {}", String::from_utf8_lossy(&o.stderr).trim());
                None
            }
            Err(e) => {
                eprintln!("SKIPPED: cannot run mount: {e}");
                None
            }
        }
    }

    pub fn remount_read_only(&self) -> bool {
        Command::new("mount").args(["-o", "remount,ro"]).arg(&self.path).status().is_ok_and(|s| s.success())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
    }
}
pub mod events;
