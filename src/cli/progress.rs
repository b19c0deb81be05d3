//! Progress on stderr while long work runs, only when stderr is a terminal
//! (scripts and tests see no control characters): a spinner with the time
//! taken, which becomes a bar with counts once the vault starts writing a
//! batch of cases (import, `add`, `import-table`).

use crate::vault::BatchProgress;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Duration;

/// Shown until dropped.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    pub fn start(message: String) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = ProgressBar::new_spinner();
        bar.set_style(ProgressStyle::with_template("{spinner} {msg} {elapsed}").unwrap_or_else(|_| ProgressStyle::default_spinner()));
        bar.set_message(message);
        bar.enable_steady_tick(Duration::from_millis(120));
        Progress(Some(bar))
    }

    /// For [`crate::vault::Vault::set_batch_progress`]: the cases written
    /// out of the batch, as a bar.
    pub fn batch_hook(&self) -> Option<BatchProgress> {
        let bar = self.0.clone()?;
        Some(Arc::new(move |done, total| {
            if bar.length() != Some(total as u64) {
                let style = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {elapsed}");
                bar.set_style(style.unwrap_or_else(|_| ProgressStyle::default_bar()));
                bar.set_length(total as u64);
            }
            bar.set_position(done as u64);
        }))
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = self.0.take() {
            bar.finish_and_clear();
        }
    }
}
