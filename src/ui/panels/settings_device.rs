//! The input device block of Settings: the devices cpal lists (asked for
//! by a button, through the app: a panel does no I/O), the choice saved in
//! the vault's settings and used by the Record button. A saved device that
//! is not connected stays chosen and is marked so; the recorder then asks
//! before recording from the default device instead.

use crate::audio::capture::DeviceInfo;
use crate::i18n::{t, t_args};
use crate::ui::app::action::RecordAction;
use crate::ui::Action;
use egui::{RichText, Ui};

/// The device choice and the button that lists the devices, at the end
/// of Settings (saved by its Save settings, with the rest).
pub fn device_block(ui: &mut Ui, chosen: &mut Option<String>, devices: Option<&[DeviceInfo]>) -> Option<Action> {
    let mut action = None;
    let l = ui.strong(t("settings-input-device"));
    ui.vertical(|ui| {
        ui.horizontal(|ui| {
            let default = t("recorder-default-device");
            let shown = chosen.clone().unwrap_or(default.clone());
            egui::ComboBox::from_id_salt("settings-input-device")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(chosen, None, default);
                    for d in devices.into_iter().flatten() {
                        ui.selectable_value(chosen, Some(d.name.clone()), &d.name);
                    }
                })
                .response
                .labelled_by(l.id);
            if ui.button(t("settings-input-device-list")).clicked() {
                action = Some(Action::Record(RecordAction::ListDevices));
            }
        });
        let missing = chosen.as_ref().filter(|name| devices.is_some_and(|list| !list.iter().any(|d| &d.name == *name)));
        if let Some(name) = missing {
            ui.label(RichText::new(t_args("recorder-device-missing", &[("name", name)])).color(ui.visuals().error_fg_color).small());
        }
        ui.label(RichText::new(t("settings-input-device-hint")).small().weak());
    });
    action
}
