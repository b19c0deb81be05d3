//! One writer per vault: an advisory lock (flock) on `vault.lock`. The
//! operating system drops it when the holder dies, so a lock left by a killed
//! process never blocks the next open.

use super::error::{Result, VaultError};
use std::fs::{File, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

pub const LOCK_FILE: &str = "vault.lock";
const RETRIES: u32 = 10;
const RETRY_PAUSE: std::time::Duration = std::time::Duration::from_millis(20);

#[derive(Debug)]
pub struct VaultLock {
    _file: File,
}

impl VaultLock {
    pub fn acquire(dir: &Path) -> Result<VaultLock> {
        let path = dir.join(LOCK_FILE);
        let mut file = super::modes::private_file()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| VaultError::io(&path, e))?;
        // A child process being started by this program holds a copy of the
        // descriptor until it executes, so a lock released a moment ago may
        // still look held: ask a few times before calling the vault taken.
        let mut tries = 0;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) if tries < RETRIES => {
                    tries += 1;
                    std::thread::sleep(RETRY_PAUSE);
                }
                Err(TryLockError::WouldBlock) => {
                    let mut text = String::new();
                    let _ = file.read_to_string(&mut text);
                    return Err(VaultError::AlreadyOpen { pid: text.trim().parse().ok() });
                }
                Err(TryLockError::Error(e)) => return Err(VaultError::io(&path, e)),
            }
        }
        // Record who holds it, for the message the next opener sees.
        let _ = file.set_len(0);
        let _ = file.seek(SeekFrom::Start(0));
        let _ = write!(file, "{}", std::process::id());
        let _ = file.sync_all();
        Ok(VaultLock { _file: file })
    }
}
