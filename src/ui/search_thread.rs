//! Full-text search off the UI thread. While the thread loads the vault's
//! search index it reads every case file's stamp, then checks them against
//! the vault's index (the window's unlock read only their names:
//! [`crate::vault::CaseCheck::Later`]) and indexes changed cases again. The
//! index comes from disk ([`crate::search::store::open`]: only cases changed since
//! they were indexed are decrypted, on every core), then answers queries. Only the newest
//! waiting query is answered, so typing fast never queues up work, and a
//! frame never waits for a search.

use crate::model::Case;
use crate::search::{store, SearchIndex};
use crate::vault::{CheckReport, Vault};
use std::sync::mpsc::{channel, Receiver, Sender, TryRecvError};
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;
use uuid::Uuid;

enum Request {
    Query { seq: u64, query: String },
    /// A case was saved: index its new text.
    Upsert(Box<Case>),
}

pub enum Reply {
    /// The index is ready; `damaged` names cases that could not be read,
    /// then what the user must know about the index (rebuilt, not saved).
    /// `checked`: what the check of the case files changed in the list.
    Ready { damaged: Vec<String>, checked: CheckReport },
    Hits { seq: u64, query: String, ids: Vec<Uuid> },
}

pub struct SearchThread {
    tx: Option<Sender<Request>>,
    rx: Receiver<Reply>,
    handle: Option<JoinHandle<()>>,
}

impl SearchThread {
    /// Load the vault's search index and serve queries. `wake` is called
    /// after each reply (the app asks egui for a repaint).
    pub fn spawn(vault: Arc<RwLock<Vault>>, wake: impl Fn() + Send + 'static) -> std::io::Result<SearchThread> {
        Self::spawn_with(
            move || {
                let read = || vault.read().unwrap_or_else(|e| e.into_inner());
                let (mut index, report, scan) = store::open_while_scanning(&read());
                // Written only for the comparison: the window's reads wait
                // a moment, not for the whole load.
                let checked = match scan {
                    Ok(scan) => vault.write().unwrap_or_else(|e| e.into_inner()).apply_case_scan(scan),
                    Err(e) => CheckReport { said: vec![e.to_string()], ..CheckReport::default() },
                };
                let unreadable = store::apply_check(&read(), &mut index, &checked);
                let mut said: Vec<String> = report.damaged.iter().chain(&unreadable).map(ToString::to_string).collect();
                said.extend(report.notices());
                (index, said, checked)
            },
            wake,
        )
    }

    /// Serve queries over an index built by `build` on the new thread.
    pub fn spawn_with(
        build: impl FnOnce() -> (SearchIndex, Vec<String>, CheckReport) + Send + 'static,
        wake: impl Fn() + Send + 'static,
    ) -> std::io::Result<SearchThread> {
        let (tx, requests) = channel::<Request>();
        let (replies, rx) = channel::<Reply>();
        let handle = std::thread::Builder::new().name("case-search".into()).spawn(move || {
            let (mut index, damaged, checked) = build();
            if replies.send(Reply::Ready { damaged, checked }).is_err() {
                return;
            }
            wake();
            while let Ok(first) = requests.recv() {
                let mut latest = None;
                let mut next = Some(first);
                while let Some(req) = next {
                    match req {
                        Request::Query { seq, query } => latest = Some((seq, query)),
                        Request::Upsert(case) => index.insert(&case),
                    }
                    next = requests.try_recv().ok();
                }
                if let Some((seq, query)) = latest {
                    let ids = index.search(&query);
                    if replies.send(Reply::Hits { seq, query, ids }).is_err() {
                        return;
                    }
                    wake();
                }
            }
        })?;
        Ok(SearchThread { tx: Some(tx), rx, handle: Some(handle) })
    }

    pub fn query(&self, seq: u64, query: String) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Request::Query { seq, query });
        }
    }

    pub fn upsert(&self, case: Case) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Request::Upsert(Box::new(case)));
        }
    }

    /// The next reply, if one is waiting. `Err` when the thread is gone.
    pub fn try_recv(&self) -> Result<Option<Reply>, ()> {
        match self.rx.try_recv() {
            Ok(r) => Ok(Some(r)),
            Err(TryRecvError::Empty) => Ok(None),
            Err(TryRecvError::Disconnected) => Err(()),
        }
    }
}

impl Drop for SearchThread {
    /// Stop the thread and wait for it, so that when this returns its index
    /// (decrypted text) is gone. If it is still loading, that finishes first.
    fn drop(&mut self) {
        self.tx = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
