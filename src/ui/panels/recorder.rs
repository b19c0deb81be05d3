//! The recorder's controls in the case form: Record, then a level meter,
//! the elapsed time, Pause/Resume, a marker (button or Ctrl+M, with an
//! optional short label) and Stop. The recorder itself runs on its own
//! thread, held by the app (`ui::app::recording`); this panel only draws
//! the status the app gives it each frame and returns what was clicked,
//! so the interviewer can type in the form while it records.

use crate::audio::capture::DeviceInfo;
use crate::audio::recorder::Status;
use crate::i18n::{t, t_args};
use crate::model::recording::clock;
use crate::ui::app::action::RecordAction;
use crate::ui::Action;
use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

/// Drops a marker while recording.
pub const MARKER_KEY: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::M);

#[derive(Default)]
pub struct RecorderPanel {
    /// Set by the app each frame: `Some` while this case is recording.
    pub status: Option<Status>,
    /// Set by the app: the input devices, once listed.
    pub devices: Option<Vec<DeviceInfo>>,
    /// The device chosen (None: the one saved in Settings, else the
    /// system default).
    pub device: Option<String>,
    /// Set by the app: the device saved in Settings, if any.
    pub saved_device: Option<String>,
    marker_label: String,
    /// Set by the app: the last recording's result or problem.
    pub message: Option<(String, bool)>,
    /// Set by the app: the device saved in Settings is not connected (the
    /// user is asked before the default device is used instead).
    pub device_missing: Option<String>,
}

impl RecorderPanel {
    /// `saved`: the case exists in the vault (a recording needs a case to
    /// be recovered into after a crash).
    pub fn ui(&mut self, ui: &mut Ui, saved: bool) -> Option<Action> {
        let mut action = None;
        ui.horizontal(|ui| {
            action = match self.status.clone() {
                None => self.idle(ui, saved),
                Some(status) => self.recording(ui, &status),
            };
        });
        if let Some(name) = &self.device_missing {
            ui.horizontal(|ui| {
                ui.label(RichText::new(t_args("recorder-device-missing", &[("name", name)])).color(ui.visuals().error_fg_color));
                if ui.button(t("recorder-use-default")).clicked() {
                    action = Some(Action::Record(RecordAction::StartFromDefault));
                }
            });
        }
        if let Some((text, is_error)) = &self.message {
            let colour = if *is_error { ui.visuals().error_fg_color } else { ui.visuals().weak_text_color() };
            ui.label(RichText::new(text).color(colour).small());
        }
        action
    }

    fn idle(&mut self, ui: &mut Ui, saved: bool) -> Option<Action> {
        let record = ui.add_enabled(saved, egui::Button::new(RichText::new(t("recorder-record")).strong()));
        let record = if saved { record } else { record.on_disabled_hover_text(t("recorder-save-first")) };
        let mut action = record.clicked().then(|| Action::Record(RecordAction::Start { device: self.device.clone() }));
        let default = match &self.saved_device {
            Some(name) => t_args("recorder-settings-device", &[("name", name)]),
            None => t("recorder-default-device"),
        };
        let shown = self.device.clone().unwrap_or(default.clone());
        let combo = egui::ComboBox::from_label(t("recorder-device")).selected_text(shown).show_ui(ui, |ui| {
            ui.selectable_value(&mut self.device, None, default);
            for d in self.devices.iter().flatten() {
                ui.selectable_value(&mut self.device, Some(d.name.clone()), &d.name);
            }
        });
        if combo.response.clicked() && self.devices.is_none() {
            action = Some(Action::Record(RecordAction::ListDevices));
        }
        action
    }

    fn recording(&mut self, ui: &mut Ui, status: &Status) -> Option<Action> {
        let mut action = None;
        let state = if status.paused { t("recorder-paused") } else { t("recorder-recording") };
        ui.label(RichText::new(format!("● {state} {}", clock(status.seconds))).color(ui.visuals().error_fg_color).strong());
        ui.add(egui::ProgressBar::new(status.level).desired_width(90.0)).on_hover_text(t("recorder-level"));
        if status.paused {
            if ui.button(t("recorder-resume")).clicked() {
                action = Some(RecordAction::Resume);
            }
        } else if ui.button(t("recorder-pause")).clicked() {
            action = Some(RecordAction::Pause);
        }
        let label = ui.label(t("recorder-marker-label"));
        ui.add(egui::TextEdit::singleline(&mut self.marker_label).desired_width(140.0)).labelled_by(label.id);
        let pressed = ui.ctx().input_mut(|i| i.consume_shortcut(&MARKER_KEY));
        let marker = ui.button(t("recorder-marker")).on_hover_text(ui.ctx().format_shortcut(&MARKER_KEY));
        if marker.clicked() || pressed {
            action = Some(RecordAction::Marker(std::mem::take(&mut self.marker_label)));
        }
        ui.label(RichText::new(t_args("recorder-markers", &[("count", &status.markers.to_string())])).small());
        if ui.button(RichText::new(t("recorder-stop")).strong()).clicked() {
            action = Some(RecordAction::Stop);
        }
        action.map(Action::Record)
    }
}
