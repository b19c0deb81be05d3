//! The desktop interface (eframe/egui). Panels edit plain values and return
//! an [`Action`]; only `app` carries actions out against the vault.

mod app;
pub mod attachments;
pub mod bundles;
pub mod case_form;
pub mod case_list;
pub mod conflicts;
pub mod file_pick;
pub mod fonts;
pub mod ime;
mod ime_guard;
pub mod place_pick;
pub mod review;
mod search_thread;
pub mod settings;
pub mod unlock;
mod widgets;

pub use app::action::{
    Action, AttachmentAction, BundleAction, CaseAction, ConflictAction, DraftAction, Nav, Side, Start,
};
pub use app::jobs::JobGate;
pub use app::{App, AppOptions, Dialog, View};

/// Open the window. Blocks until it is closed. `vault_dir` is the folder offered on the start screen
/// (`--vault`); `language`, when asked for on the command line, is used
/// for this run whatever the system or the vault's settings say.
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
