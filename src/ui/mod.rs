//! The desktop interface (eframe/egui). Panels edit plain values and return
//! an [`Action`]; only `app` carries actions out against the vault.

//!
//! Layout: `app/` (the window: session, routing, jobs), `panels/` (one
//! module a screen or dialog), `widgets/` (building blocks the panels
//! share), `ime/` (Korean input made safe across focus changes),
//! `file_pick/` (the in-window file and folder chooser), `fonts`, and
//! `search_thread` (full-text search off the UI thread).

mod app;
pub mod file_pick;
pub mod fonts;
pub mod ime;
pub mod panels;
mod search_thread;
pub mod shortcuts;
mod widgets;

// The panels' modules under their earlier paths (tests and benches use
// `ui::case_list`).
pub use panels::{attachments, bundles, case_form, case_list, conflicts, keys, recorder, review, settings, unlock};
pub use widgets::place_pick;

pub use app::action::{
    Action, AttachmentAction, BundleAction, CaseAction, ConflictAction, DraftAction, KeyAction, Nav, Side, Start,
    TrustAction,
};
pub use app::action::EventAction;
pub use app::jobs::JobGate;
pub use app::lifecycle::LockReason;
pub use app::recording::use_source_for_tests;
pub use app::{App, AppOptions, Dialog, View};

/// Open the window; blocks until it is closed. `vault_dir` is the folder
/// offered on the start screen (`--vault`); `language`, when asked for on
/// the command line, is used for this run whatever the system or the
/// vault's settings say.
pub fn run_gui(vault_dir: Option<std::path::PathBuf>, language: Option<crate::i18n::Lang>) -> eframe::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            // The title is fixed: it must never show case content.
            .with_title(crate::i18n::t("app-title"))
            .with_inner_size([1100.0, 760.0])
            .with_min_inner_size([640.0, 480.0]),
        // No persistence feature: egui memory (which could hold typed text)
        // is never written to disk.
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "testimony-vault",
        options,
        Box::new(move |cc| {
            let options = AppOptions { vault_dir, language, ..AppOptions::default() };
            Ok(Box::new(App::new(&cc.egui_ctx, options)))
        }),
    )
}
