//! Review's edit history: who saved what and when, each revision opened
//! read-only as the case was then, and two compared word by word.
//!
//! What each revision held is rebuilt once, when Review opens, from the
//! case in memory ([`crate::model::history`]): no file is read here. A
//! revision whose content was not kept, or does not match its hash, says
//! so and cannot be opened; it is never shown as what the case said.
//! Inserted and deleted words are marked by colour and by a line (underline,
//! strikethrough), so the change reads without telling colours apart.

use crate::i18n::labels::changed_fields_text;
use crate::i18n::{t, t_args};
use crate::model::history::{differences, rebuild_all, Difference, Past};
use crate::model::{word_diff, Case, WordChange};
use crate::ui::widgets::{format_time, ERROR_COLOUR, SENSITIVE_COLOUR};
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, RichText, Role, Stroke, Ui, WidgetInfo};

/// What Review shows: the case now, one revision as it was, or a comparison.
pub enum Shown {
    Current,
    Revision(usize),
    Compare { from: usize, to: usize, diffs: Vec<Difference> },
}

pub struct HistoryView {
    /// What each revision held, in history order.
    pasts: Vec<Past>,
    /// Revisions (history indices) chosen to compare.
    from: usize,
    to: usize,
    pub shown: Shown,
}

const FAINT: Color32 = Color32::from_rgb(0x6b, 0x6b, 0x6b);
const INSERTED_BG: Color32 = Color32::from_rgb(0xd3, 0xf2, 0xd9);
const DELETED_BG: Color32 = Color32::from_rgb(0xf9, 0xd6, 0xd3);
const INSERTED_INK: Color32 = Color32::from_rgb(0x0b, 0x5a, 0x22);
const DELETED_INK: Color32 = Color32::from_rgb(0x9a, 0x1c, 0x12);

impl HistoryView {
    pub fn new(case: &Case) -> Self {
        let n = case.history.len();
        HistoryView { pasts: rebuild_all(case), from: n.saturating_sub(2), to: n.saturating_sub(1), shown: Shown::Current }
    }

    /// The case as it was at the revision being shown, if one is.
    pub fn shown_case(&self) -> Option<&Case> {
        match (&self.shown, self.pasts.get(self.revision_index()?)) {
            (Shown::Revision(_), Some(Past::Rebuilt(c))) => Some(c),
            _ => None,
        }
    }

    fn revision_index(&self) -> Option<usize> {
        match self.shown {
            Shown::Revision(i) => Some(i),
            _ => None,
        }
    }

    /// Open revision index `i` read-only (when its content is kept).
    pub fn open(&mut self, i: usize) {
        if matches!(self.pasts.get(i), Some(Past::Rebuilt(_))) {
            self.shown = Shown::Revision(i);
        }
    }

    /// Compare revision indices `from` and `to` (both kept).
    pub fn compare(&mut self, from: usize, to: usize) {
        if let (Some(Past::Rebuilt(a)), Some(Past::Rebuilt(b))) = (self.pasts.get(from), self.pasts.get(to)) {
            self.shown = Shown::Compare { from, to, diffs: differences(a, b) };
        }
    }

    /// The banner over an old revision or a comparison, with the way back.
    pub fn banner(&mut self, ui: &mut Ui, case: &Case) {
        let text = match &self.shown {
            Shown::Current => return,
            Shown::Revision(i) => {
                let r = &case.history[*i];
                let (number, count) = (r.number.to_string(), case.history.len().to_string());
                let when = format_time(r.at);
                t_args("history-viewing", &[("number", &number), ("count", &count), ("when", &when), ("editor", &r.editor)])
            }
            Shown::Compare { from, to, .. } => {
                let (a, b) = (case.history[*from].number.to_string(), case.history[*to].number.to_string());
                t_args("history-compare-title", &[("from", &a), ("to", &b)])
            }
        };
        ui.horizontal_wrapped(|ui| {
            if ui.button(t("history-back")).clicked() {
                self.shown = Shown::Current;
            }
            ui.label(RichText::new(text).strong().color(SENSITIVE_COLOUR));
        });
    }

    /// The table of revisions, newest first, with Open and the choice of
    /// two to compare.
    pub fn table(&mut self, ui: &mut Ui, case: &Case, signatures: &[String]) {
        if case.history.is_empty() {
            ui.label(RichText::new(t("review-history-empty")).color(FAINT));
            return;
        }
        let heads = [
            "review-history-revision",
            "review-history-when",
            "review-history-editor",
            "review-history-signature",
            "review-history-fields",
            "history-content",
        ];
        let mut open = None;
        egui::Grid::new("review-history").num_columns(8).striped(true).spacing([12.0, 4.0]).show(ui, |ui| {
            for key in heads {
                ui.label(RichText::new(t(key)).strong());
            }
            ui.label(RichText::new(t("history-compare-from")).strong());
            ui.label(RichText::new(t("history-compare-to")).strong());
            ui.end_row();
            for (i, r) in case.history.iter().enumerate().rev() {
                if self.row(ui, i, r, signatures.get(i).map_or("", String::as_str)) {
                    open = Some(i);
                }
                ui.end_row();
            }
        });
        if let Some(i) = open {
            self.open(i);
        }
        self.compare_button(ui);
        self.explanations(ui);
    }

    /// One revision's row; true when its Open button was clicked.
    fn row(&mut self, ui: &mut Ui, i: usize, r: &crate::model::Revision, signature: &str) -> bool {
        let number = r.number.to_string();
        let kept = matches!(self.pasts.get(i), Some(Past::Rebuilt(_)));
        let clicked = ui
            .horizontal(|ui| {
                ui.label(&number);
                let open = ui.add_enabled(kept, egui::Button::new(t("history-open")).small());
                // Each row's button named for its revision, for screen readers.
                let label = t_args("history-open-revision", &[("n", &number)]);
                open.widget_info(|| WidgetInfo::labeled(Role::Button, kept, &label));
                open.clicked()
            })
            .inner;
        ui.label(format_time(r.at));
        ui.label(&r.editor);
        ui.label(signature);
        let mut fields = changed_fields_text(&r.changed_fields);
        if !r.note.is_empty() {
            fields = format!("{fields} — {}", r.note);
        }
        ui.add(egui::Label::new(fields).wrap());
        self.content_cell(ui, i);
        for key in ["history-compare-from-revision", "history-compare-to-revision"] {
            let slot = if key == "history-compare-from-revision" { &mut self.from } else { &mut self.to };
            let chosen = *slot == i;
            let radio = ui.add_enabled(kept, egui::RadioButton::new(chosen, ""));
            let label = t_args(key, &[("n", &number)]);
            radio.widget_info(|| WidgetInfo::selected(Role::RadioButton, kept, chosen, &label));
            if radio.clicked() {
                *slot = i;
            }
        }
        clicked
    }

    fn content_cell(&self, ui: &mut Ui, i: usize) {
        let (key, colour) = match self.pasts.get(i) {
            Some(Past::Rebuilt(_)) => ("history-content-kept", FAINT),
            Some(Past::NotKept) | None => ("history-content-not-kept", FAINT),
            Some(Past::Mismatch) => ("history-content-mismatch", ERROR_COLOUR),
        };
        ui.label(RichText::new(t(key)).color(colour));
    }

    fn compare_button(&mut self, ui: &mut Ui) {
        let kept = |i: usize| matches!(self.pasts.get(i), Some(Past::Rebuilt(_)));
        let can = self.from != self.to && kept(self.from) && kept(self.to);
        ui.add_space(4.0);
        if ui.add_enabled(can, egui::Button::new(t("history-compare"))).clicked() {
            let (a, b) = (self.from.min(self.to), self.from.max(self.to));
            self.compare(a, b);
        }
    }

    /// Why some revisions cannot be opened, said once under the table.
    fn explanations(&self, ui: &mut Ui) {
        if self.pasts.iter().any(|p| matches!(p, Past::NotKept)) {
            ui.add(egui::Label::new(RichText::new(t("history-not-kept-explain")).color(FAINT)).wrap());
        }
        if self.pasts.iter().any(|p| matches!(p, Past::Mismatch)) {
            ui.add(egui::Label::new(RichText::new(t("history-mismatch-explain")).color(ERROR_COLOUR)).wrap());
        }
    }

    /// The comparison being shown: each field that differs, its words
    /// marked.
    pub fn comparison(&self, ui: &mut Ui) {
        let Shown::Compare { diffs, from, to } = &self.shown else { return };
        ui.label(RichText::new(t("history-compare-legend")).color(FAINT));
        if diffs.is_empty() {
            let (a, b) = ((from + 1).to_string(), (to + 1).to_string());
            ui.label(t_args("history-compare-none", &[("from", &a), ("to", &b)]));
        }
        for d in diffs {
            ui.add_space(10.0);
            let mut label = RichText::new(&d.label).strong();
            if d.field.sensitive() {
                label = RichText::new(format!("{} ◆", d.label)).strong().color(SENSITIVE_COLOUR);
            }
            ui.label(label);
            let font = egui::TextStyle::Body.resolve(ui.style());
            ui.add(egui::Label::new(marked_words(font, ui.visuals().text_color(), &d.old, &d.new)).wrap());
        }
    }
}

/// `old` to `new` as one text: inserted words underlined on green, deleted
/// ones struck through on red, the rest as they are.
fn marked_words(font: egui::FontId, ink: Color32, old: &str, new: &str) -> LayoutJob {
    let mut job = LayoutJob::default();
    let runs = word_diff(old, new);
    if runs.iter().all(|(_, s)| s.is_empty()) {
        job.append(&t("history-compare-empty-value"), 0.0, TextFormat { font_id: font, color: FAINT, ..Default::default() });
        return job;
    }
    for (kind, text) in runs {
        let format = match kind {
            WordChange::Same => TextFormat { font_id: font.clone(), color: ink, ..Default::default() },
            WordChange::Inserted => TextFormat {
                font_id: font.clone(),
                color: INSERTED_INK,
                background: INSERTED_BG,
                underline: Stroke::new(1.5, INSERTED_INK),
                ..Default::default()
            },
            WordChange::Deleted => TextFormat {
                font_id: font.clone(),
                color: DELETED_INK,
                background: DELETED_BG,
                strikethrough: Stroke::new(1.5, DELETED_INK),
                ..Default::default()
            },
        };
        job.append(&text, 0.0, format);
    }
    job
}

#[cfg(test)]
mod tests {
    use super::marked_words;
    use egui::{Color32, FontId};

    /// Colour is never the only mark: inserted words are underlined,
    /// deleted ones struck through, unchanged ones neither.
    #[test]
    fn inserted_and_deleted_words_carry_a_line_as_well_as_a_colour() {
        let job = marked_words(FontId::proportional(14.0), Color32::BLACK, "아버지를 데려갔다", "삼촌을 데려갔다");
        let text = |i: usize| {
            let r = &job.sections[i].byte_range;
            &job.text[r.start.0..r.end.0]
        };
        let mut seen = (false, false, false);
        for (i, s) in job.sections.iter().enumerate() {
            let (under, strike) = (s.format.underline.width > 0.0, s.format.strikethrough.width > 0.0);
            match text(i) {
                "아버지를" => {
                    assert!(strike && !under, "deleted");
                    seen.0 = true;
                }
                "삼촌을" => {
                    assert!(under && !strike, "inserted");
                    seen.1 = true;
                }
                _ => {
                    assert!(!under && !strike, "unchanged: {:?}", text(i));
                    seen.2 = true;
                }
            }
        }
        assert_eq!(seen, (true, true, true), "{:?}", job.text);
    }
}
