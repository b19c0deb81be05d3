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

/// Width of the line reserved under a field for its message.
pub const MESSAGE_WIDTH: f32 = 360.0;

/// One line of fixed size, always allocated, holding `add`'s message
/// truncated to it (the whole text on hover): a message coming or going
/// never moves anything else.
pub fn reserved_line(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    let height = ui.text_style_height(&egui::TextStyle::Body) + 2.0;
    let width = ui.available_width().clamp(120.0, MESSAGE_WIDTH.max(ui.available_width().min(640.0)));
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let mut child = ui.new_child(
        egui::UiBuilder::new().max_rect(rect).layout(egui::Layout::left_to_right(egui::Align::Center)),
    );
    child.set_clip_rect(rect.intersect(ui.clip_rect()));
    child.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    add(&mut child);
}

/// A message in a reserved line: an error (red) or a warning (orange).
#[derive(Clone, Copy)]
pub enum Message<'a> {
    Error(&'a str),
    Warning(&'a str),
}

/// One grid row: label, single-line text field, and the line under it
/// reserved for its message, shown or not.
pub fn message_row(ui: &mut Ui, id: egui::Id, label: &str, value: &mut String, sensitive: bool, message: Option<Message>) -> bool {
    let l = field_label(ui, label, sensitive);
    let changed = ui
        .vertical(|ui| {
            let changed = ui
                .horizontal(|ui| {
                    let mut edit = egui::TextEdit::singleline(value).id(id).desired_width(320.0);
                    if matches!(message, Some(Message::Error(_))) {
                        edit = edit.text_color(ERROR_COLOUR);
                    }
                    let r = ui.add(edit).labelled_by(l.id);
                    if sensitive {
                        sensitive_badge(ui);
                    }
                    r.changed()
                })
                .inner;
            ui.spacing_mut().item_spacing.y = 0.0;
            reserved_line(ui, |ui| match message {
                Some(Message::Error(e)) => {
                    ui.label(RichText::new(e).color(ERROR_COLOUR)).on_hover_text(e);
                }
                Some(Message::Warning(w)) => {
                    ui.label(RichText::new(w).color(SENSITIVE_COLOUR)).on_hover_text(w);
                }
                None => {}
            });
            changed
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
                // Closed on a choice made with Enter or Space too, not
                // only with a click.
                if ui.selectable_value(value, *v, label(*v)).clicked() {
                    ui.close();
                }
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
pub fn section_heading(ui: &mut Ui, text: &str) -> egui::Response {
    ui.add_space(10.0);
    let r = ui.heading(text);
    ui.separator();
    r
}

pub fn error_text(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).color(ERROR_COLOUR));
}

/// How long a notice ("saved", "autosaved") stays before it goes.
pub const NOTICE_SECONDS: f64 = 8.0;

/// Clear `notice` once it has been shown for [`NOTICE_SECONDS`], so an old
/// "saved" never reads as news; `seen` remembers which text since when.
/// Errors are not notices: they stay until dealt with.
pub fn expire_notice(ui: &Ui, notice: &mut Option<String>, seen: &mut Option<(String, f64)>) {
    let now = ui.input(|i| i.time);
    let Some(text) = notice else {
        *seen = None;
        return;
    };
    match seen {
        Some((shown, since)) if shown == text => {
            let left = NOTICE_SECONDS - (now - *since);
            if left <= 0.0 {
                *notice = None;
                *seen = None;
            } else {
                ui.ctx().request_repaint_after(std::time::Duration::from_secs_f64(left));
            }
        }
        _ => {
            *seen = Some((text.clone(), now));
            ui.ctx().request_repaint_after(std::time::Duration::from_secs_f64(NOTICE_SECONDS));
        }
    }
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
