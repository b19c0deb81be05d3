//! Drives the `tv-crash-writer` helper binary from the tests: spawn it on a
//! vault, read what it promises to have saved, kill it with SIGKILL.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

pub const PASS: &str = "correct horse 말 battery";

pub struct Writer {
    child: Child,
    rx: Receiver<String>,
    /// Every line read so far, in order.
    pub lines: Vec<String>,
}

impl Writer {
    /// Start `tv-crash-writer <dir> <mode> <seed>`.
    pub fn spawn(dir: &Path, mode: &str, seed: u64) -> Writer {
        Writer::spawn_args(dir, mode, &[seed.to_string().as_ref()])
    }

    /// Start `tv-crash-writer <dir> <mode> <args…>`.
    pub fn spawn_args(dir: &Path, mode: &str, args: &[&std::ffi::OsStr]) -> Writer {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tv-crash-writer"))
            .arg(dir)
            .arg(mode)
            .args(args)
            .env("TV_PASSPHRASE", PASS)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start tv-crash-writer");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        // The pipe keeps what was written before the kill; read it to the end.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Writer { child, rx, lines: Vec::new() }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Wait until a line starting with `prefix` arrives (or the writer exits).
    pub fn wait_for(&mut self, prefix: &str, timeout: Duration) -> Option<String> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(line) => {
                    self.lines.push(line.clone());
                    if line.starts_with(prefix) {
                        return Some(line);
                    }
                }
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    /// SIGKILL (what `Child::kill` sends on Unix), reap, and return every
    /// line the writer printed before it died.
    pub fn kill(mut self) -> Vec<String> {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.drain()
    }

    /// Wait for a normal exit; returns (exit code, lines).
    pub fn wait_exit(mut self, timeout: Duration) -> (Option<i32>, Vec<String>) {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return (status.code(), self.drain());
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                return (None, self.drain());
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn drain(&mut self) -> Vec<String> {
        // The reader thread ends at end of file, which comes once the
        // process is gone: this does not block for long.
        while let Ok(line) = self.rx.recv_timeout(Duration::from_secs(10)) {
            self.lines.push(line);
        }
        std::mem::take(&mut self.lines)
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
