//! The desktop interface (eframe/egui). Panels edit plain values and return
//! actions; only `app` talks to the vault.

pub mod ime;

/// Open the main window. Blocks until it is closed.
pub fn run_gui() -> eframe::Result<()> {
    eframe::run_ui_native(
        "Testimony Vault",
        eframe::NativeOptions::default(),
        |ui, _frame| {
            ui.label("Testimony Vault");
        },
    )
}
