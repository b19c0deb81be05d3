//! Slow vault work (writing or reading a bundle, encrypting an attachment,
//! saving or checking a decrypted copy) on its own thread, so the window
//! keeps repainting while it runs. One job at a time; the app shows a busy
//! overlay that takes every click and key until the job has ended, then
//! applies the job's result on the UI thread as if it had run there.
//!
//! The rule for the vault's `RwLock`: while a job runs, the UI thread does
//! not touch the vault at all, neither `read()` nor `write()`. A job may
//! hold the write guard for the whole operation (import, attach), and a
//! `read()` on the UI thread would then stop every frame until it ended.
//! So nothing that reads the vault can be started (the overlay), autosave
//! and the close prompt wait, and a lock asked for meanwhile (Ctrl+L, idle
//! timer) is carried out once the job has ended and its result is applied:
//! nothing is half-written and nothing is lost. `Session::read`/`write`
//! check the rule in debug builds.

use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// The overlay's text, which a job may change as it goes (the file being
/// encrypted now).
#[derive(Clone, Default)]
pub struct Status(Arc<Mutex<String>>);

impl Status {
    pub fn set(&self, text: String) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = text;
    }

    pub fn get(&self) -> String {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Holds jobs at their start until opened, so tests can look at the busy
/// state before the result exists. Never set in the program.
#[derive(Clone, Default)]
pub struct JobGate(Arc<(Mutex<bool>, Condvar)>);

impl std::fmt::Debug for JobGate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JobGate")
    }
}

impl JobGate {
    /// A gate that holds jobs until [`JobGate::open`].
    pub fn closed() -> JobGate {
        JobGate::default()
    }

    pub fn open(&self) {
        let (open, cv) = &*self.0;
        *open.lock().unwrap_or_else(|e| e.into_inner()) = true;
        cv.notify_all();
    }

    pub fn close(&self) {
        *self.0.0.lock().unwrap_or_else(|e| e.into_inner()) = false;
    }

    /// Bounded, so a failed test that never opens it cannot hang the run.
    fn wait(&self) {
        let (open, cv) = &*self.0;
        let guard = open.lock().unwrap_or_else(|e| e.into_inner());
        let _ = cv.wait_timeout_while(guard, Duration::from_secs(120), |open| !*open);
    }
}

struct Wake(egui::Context);

impl Drop for Wake {
    fn drop(&mut self) {
        self.0.request_repaint();
    }
}

pub enum Poll<T> {
    Running,
    Done(T),
    /// The thread ended without a result (it panicked).
    Crashed,
}

pub struct Job<T> {
    rx: Receiver<T>,
    handle: Option<JoinHandle<()>>,
    status: Status,
}

impl<T: Send + 'static> Job<T> {
    /// Run `work` on a new thread; egui is woken when it is done.
    pub fn spawn(
        ctx: &egui::Context,
        status: String,
        gate: Option<JobGate>,
        work: impl FnOnce(&Status) -> T + Send + 'static,
    ) -> std::io::Result<Job<T>> {
        let status = Status(Arc::new(Mutex::new(status)));
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        let shared = status.clone();
        let handle = std::thread::Builder::new().name("vault-job".into()).spawn(move || {
            // Dropped last, after `tx`: however the thread ends (a panic
            // shows as Crashed), the UI wakes up to see it.
            let _wake = Wake(ctx);
            let tx = tx;
            if let Some(g) = gate {
                g.wait();
            }
            let _ = tx.send(work(&shared));
        })?;
        Ok(Job { rx, handle: Some(handle), status })
    }

    pub fn status(&self) -> String {
        self.status.get()
    }

    pub fn poll(&self) -> Poll<T> {
        match self.rx.try_recv() {
            Ok(v) => Poll::Done(v),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => Poll::Crashed,
        }
    }

    /// Block until the job ends (only when the app itself is going away).
    pub fn wait(mut self) -> Option<T> {
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
        self.rx.try_recv().ok()
    }
}

impl<T> Drop for Job<T> {
    /// Wait for the thread, so no decrypted value outlives the session and
    /// the vault (and its lock file) is released when the session drops.
    fn drop(&mut self) {
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
