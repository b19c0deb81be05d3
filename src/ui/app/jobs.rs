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
//! The rule is a type, [`VaultSlot`]: the session holds either the vault
//! ([`VaultSlot::Free`]) or the running job, which has it
//! ([`VaultSlot::Lent`]); the only way to the vault on the UI thread,
//! [`VaultSlot::handle`], has to handle the busy case. So nothing that
//! reads the vault can be started (the overlay), autosave and the close
//! prompt wait, and a lock asked for meanwhile (Ctrl+L, idle timer) is
//! carried out once the job has ended and its result is applied: nothing
//! is half-written and nothing is lost.

use super::busy::Outcome;
use super::lifecycle::LockReason;
use crate::vault::Vault;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Condvar, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};
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

/// The UI thread's way to the vault, had only from [`VaultSlot::handle`]
/// while no job has the vault. It lives for one action or one frame's
/// step (routing hands one to each action) and is spent by
/// [`VaultSlot::lend`], so code that starts a job cannot go on using it.
pub struct VaultHandle(Arc<RwLock<Vault>>);

impl VaultHandle {
    pub fn read(&self) -> RwLockReadGuard<'_, Vault> {
        self.0.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn write(&self) -> RwLockWriteGuard<'_, Vault> {
        self.0.write().unwrap_or_else(|e| e.into_inner())
    }
}

/// The job running, and what was asked for while it ran.
pub struct Running {
    pub job: Job<Outcome>,
    /// The vault, kept for the session while the job has it: out of reach
    /// until the job has ended, so a job that crashed gives it back too.
    vault: Arc<RwLock<Vault>>,
    /// A lock asked for meanwhile: done when the job ends.
    pub lock_after: Option<LockReason>,
    /// The window was asked to close meanwhile.
    pub close_after: bool,
    /// Files were dropped on the window meanwhile (not attached: said after).
    pub drop_ignored: bool,
}

/// The session's vault: here, or lent to the one job running.
pub enum VaultSlot {
    Free(Arc<RwLock<Vault>>),
    Lent(Running),
}

impl VaultSlot {
    /// The vault for the UI thread; `None` while a job has it.
    pub fn handle(&self) -> Option<VaultHandle> {
        match self {
            VaultSlot::Free(vault) => Some(VaultHandle(Arc::clone(vault))),
            VaultSlot::Lent(_) => None,
        }
    }

    pub fn running(&self) -> Option<&Running> {
        match self {
            VaultSlot::Free(_) => None,
            VaultSlot::Lent(running) => Some(running),
        }
    }

    pub fn running_mut(&mut self) -> Option<&mut Running> {
        match self {
            VaultSlot::Free(_) => None,
            VaultSlot::Lent(running) => Some(running),
        }
    }

    /// Start `work` on its own thread with the vault; until it ends the UI
    /// thread has no way to it. The handle is spent, so the caller cannot
    /// go on using the vault. Err (the thread could not start) gives the
    /// vault back at once.
    pub fn lend(
        &mut self,
        handle: VaultHandle,
        ctx: &egui::Context,
        status: String,
        gate: Option<JobGate>,
        work: impl FnOnce(&RwLock<Vault>, &Status) -> Outcome + Send + 'static,
    ) -> std::io::Result<()> {
        debug_assert!(matches!(self, VaultSlot::Free(_)), "one job at a time");
        let vault = handle.0;
        let lent = Arc::clone(&vault);
        let job = Job::spawn(ctx, status, gate, move |status| work(&lent, status))?;
        *self = VaultSlot::Lent(Running { job, vault, lock_after: None, close_after: false, drop_ignored: false });
        Ok(())
    }

    /// Take the vault back from a job that has ended (or crashed), with
    /// what was asked for meanwhile. The job's thread is joined first.
    pub fn give_back(&mut self) -> Option<Running> {
        let VaultSlot::Lent(running) = self else { return None };
        let vault = Arc::clone(&running.vault);
        match std::mem::replace(self, VaultSlot::Free(vault)) {
            VaultSlot::Lent(running) => Some(running),
            VaultSlot::Free(_) => None,
        }
    }
}
