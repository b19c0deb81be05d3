//! Small building blocks shared by the panels: labelled fields (so screen
//! readers and tests find them by name), dropdowns for fixed lists, and the
//! marks for sensitive fields and errors.

pub mod place_pick;

use crate::i18n::t;
use egui::{Color32, RichText, Ui};

pub const ERROR_COLOUR: Color32 = Color32::from_rgb(0xd0, 0x3a, 0x2f);
pub const SENSITIVE_COLOUR: Color32 = Color32::from_rgb(0xc2, 0x6a, 0x00);
pub const OK_COLOUR: Color32 = Color32::from_rgb(0x2e, 0x8b, 0x57);

/// A field label, marked when the field identifies a person.
pub fn field_label(ui: &mut Ui, text: &str, sensitive: bool) -> egui::Response {
    if sensitive {
        ui.label(RichText::new(format!("{text} ◆")).color(SENSITIVE_COLOUR).strong())
            .on_hover_text(t("form-sensitive-hint"))
    } else {
        ui.label(text)
    }
}

/// A small badge after a sensitive field.
pub fn sensitive_badge(ui: &mut Ui) {
    ui.label(RichText::new(t("form-sensitive")).small().color(SENSITIVE_COLOUR))
        .on_hover_text(t("form-sensitive-hint"));
}

/// A stable id for a text field. egui otherwise numbers widgets by position,
/// so a message appearing above a field (a validation hint, "autosaved")
/// would change the field's id and take the keyboard focus away mid-word,
/// breaking IME composition. Every text field gets one of these.
pub fn field_id(key: impl std::hash::Hash + std::fmt::Debug) -> egui::Id {
    egui::Id::unique(("field", key))
}

/// One grid row: label, single-line text field. Returns whether it changed.
pub fn text_row(ui: &mut Ui, id: egui::Id, label: &str, value: &mut String, sensitive: bool, error: Option<&str>) -> bool {
    let l = field_label(ui, label, sensitive);
    let changed = ui
        .horizontal(|ui| {
            let mut edit = egui::TextEdit::singleline(value).id(id).desired_width(320.0);
            if error.is_some() {
                edit = edit.text_color(ERROR_COLOUR);
            }
            let r = ui.add(edit).labelled_by(l.id);
            if sensitive {
                sensitive_badge(ui);
            }
            if let Some(e) = error {
                ui.label(RichText::new(e).color(ERROR_COLOUR));
            }
            r.changed()
        })
        .inner;
    ui.end_row();
    changed
}

/// One grid row: label, multi-line text field.
pub fn multiline_row(ui: &mut Ui, id: egui::Id, label: &str, value: &mut String, rows: usize) -> bool {
    let l = field_label(ui, label, false);
    let changed = ui
        .add(egui::TextEdit::multiline(value).id(id).desired_rows(rows).desired_width(f32::INFINITY))
        .labelled_by(l.id)
        .changed();
    ui.end_row();
    changed
}

/// One grid row: label, checkbox. The checkbox carries the label text too,
/// so it has an accessible name.
pub fn check_row(ui: &mut Ui, label: &str, value: &mut bool) -> bool {
    ui.label("");
    let changed = ui.checkbox(value, label).changed();
    ui.end_row();
    changed
}

/// A dropdown over a fixed list, each value shown by its translated label.
pub fn enum_combo<T: Copy + PartialEq>(
    ui: &mut Ui,
    id_salt: impl egui::AsIdSalt,
    labelled_by: egui::Id,
    value: &mut T,
    all: &[T],
    label: impl Fn(T) -> String,
) -> bool {
    let before = *value;
    let r = egui::ComboBox::from_id_salt(id_salt)
        .selected_text(label(*value))
        .width(240.0)
        .show_ui(ui, |ui| {
            for v in all {
                ui.selectable_value(value, *v, label(*v));
            }
        });
    r.response.labelled_by(labelled_by);
    *value != before
}

/// One grid row: label, dropdown.
pub fn combo_row<T: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    id_salt: impl egui::AsIdSalt,
    value: &mut T,
    all: &[T],
    name: impl Fn(T) -> String,
) -> bool {
    let l = field_label(ui, label, false);
    let changed = enum_combo(ui, id_salt, l.id, value, all, name);
    ui.end_row();
    changed
}

/// A heading for a group of fields.
pub fn section_heading(ui: &mut Ui, text: &str) {
    ui.add_space(10.0);
    ui.heading(text);
    ui.separator();
}

pub fn error_text(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).color(ERROR_COLOUR));
}

/// Case list and review labels for the fixed lists: one place, shared
/// with the command line.
pub use crate::i18n::labels::{
    anonymity_label, consent_method_label, gender_label, perpetrator_label, source_label, status_label, violation_label,
};

/// The local UTC offset, asked once: the lookup can read files, and a
/// frame must not do I/O. UTC when the system will not say.
fn local_offset() -> time::UtcOffset {
    static OFFSET: std::sync::OnceLock<time::UtcOffset> = std::sync::OnceLock::new();
    *OFFSET.get_or_init(|| time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC))
}

/// `2026-03-01 14:05` in local time when known, else UTC.
pub fn format_time(at: time::OffsetDateTime) -> String {
    let f = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
    at.to_offset(local_offset()).format(&f).unwrap_or_default()
}
