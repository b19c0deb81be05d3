//! The conflicts screen: every case changed both here and elsewhere, and for
//! one of them the two versions side by side, differences highlighted,
//! with the choice to keep ours, take theirs, or pick version by version
//! in each differing row and save the merged result.

use crate::ui::widgets::{error_text, expire_notice, format_time, SENSITIVE_COLOUR};
use crate::ui::{Action, ConflictAction, Nav, Side};
use crate::i18n::{t, t_args};
use crate::model::merge::{differing_fields, merge_field_of};
use crate::model::{changed_fields, Case, Field};
use crate::vault::conflicts::ConflictInfo;
use crate::vault::Vault;
use egui::{RichText, Ui};
use uuid::Uuid;

/// Highlight for a field that differs between the two versions: the
/// version the merge takes stands out, the other is shaded lighter.
const CHANGED_BG: egui::Color32 = egui::Color32::from_rgba_premultiplied(0x80, 0x60, 0x00, 0x40);
const NOT_CHOSEN_BG: egui::Color32 = egui::Color32::from_rgba_premultiplied(0x30, 0x24, 0x00, 0x18);

/// One conflict being compared. Holds both decrypted versions; dropped when
/// the screen is left.
pub struct Comparison {
    pub conflict: Uuid,
    pub ours: Case,
    pub theirs: Case,
    pub changed: Vec<String>,
    /// Each differing merge field, and whether the merge takes theirs
    /// (ours until the user picks theirs).
    pub choices: Vec<(Field, bool)>,
    /// Theirs' attachments whose files are not in this vault: their list
    /// cannot be taken (the vault would refuse it).
    pub missing_attachments: Vec<String>,
}

impl Comparison {
    /// The fields the merge takes from theirs.
    pub fn from_theirs(&self) -> Vec<Field> {
        self.choices.iter().filter(|(_, theirs)| *theirs).map(|(f, _)| *f).collect()
    }
}

pub struct ConflictsPanel {
    /// Stored conflicts, or why one could not be read.
    pub entries: Vec<Result<ConflictInfo, String>>,
    pub open: Option<Comparison>,
    pub error: Option<String>,
    pub notice: Option<String>,
    /// Which notice is shown since when: it goes after a while.
    notice_seen: Option<(String, f64)>,
}

impl ConflictsPanel {
    pub fn new(vault: &Vault) -> ConflictsPanel {
        let mut entries: Vec<Result<ConflictInfo, String>> =
            vault.list_conflicts().into_iter().map(|r| r.map_err(|e| e.to_string())).collect();
        entries.sort_by(|a, b| match (a, b) {
            (Ok(a), Ok(b)) => a.code.cmp(&b.code).then(a.detected_at.cmp(&b.detected_at)),
            (Ok(_), Err(_)) => std::cmp::Ordering::Less,
            (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
            (Err(a), Err(b)) => a.cmp(b),
        });
        ConflictsPanel { entries, open: None, error: None, notice: None, notice_seen: None }
    }

    /// Load one conflict for comparison.
    pub fn open(&mut self, vault: &Vault, conflict: Uuid) {
        match vault.load_conflict(conflict) {
            Ok((ours, theirs)) => {
                let changed = changed_fields(&ours, &theirs);
                let choices = differing_fields(&ours, &theirs).into_iter().map(|f| (f, false)).collect();
                let missing_attachments =
                    vault.attachments_not_here(&ours, &theirs).into_iter().map(|a| a.file_name).collect();
                self.open = Some(Comparison { conflict, ours, theirs, changed, choices, missing_attachments });
                self.error = None;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        if let Some(e) = &self.error {
            error_text(ui, e);
        }
        expire_notice(ui, &mut self.notice, &mut self.notice_seen);
        if let Some(n) = &self.notice {
            ui.label(RichText::new(n).color(crate::ui::widgets::OK_COLOUR));
        }
        if let Some(c) = &mut self.open {
            ui.horizontal(|ui| {
                if ui.button(t("conflicts-back")).clicked() {
                    action = Some(Action::Nav(Nav::Conflicts));
                }
                ui.heading(t_args("conflicts-compare-title", &[("code", &c.ours.code)]));
            });
            ui.label(t("conflicts-compare-explain"));
            ui.horizontal(|ui| {
                if ui.button(RichText::new(t("conflicts-keep-ours")).strong()).clicked() {
                    action = Some(Action::Conflict(ConflictAction::Resolve { conflict: c.conflict, keep: Side::Ours }));
                }
                if ui.button(RichText::new(t("conflicts-take-theirs")).strong()).clicked() {
                    action = Some(Action::Conflict(ConflictAction::Resolve { conflict: c.conflict, keep: Side::Theirs }));
                }
            });
            if !c.choices.is_empty() {
                ui.label(t("conflicts-merge-explain"));
                ui.horizontal_wrapped(|ui| {
                    if ui.button(RichText::new(t("conflicts-merge-save")).strong()).clicked() {
                        let from_theirs = c.from_theirs();
                        action = Some(Action::Conflict(ConflictAction::Merge { conflict: c.conflict, from_theirs }));
                    }
                    ui.label(merge_summary(c));
                });
            }
            ui.separator();
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| side_by_side(ui, c));
            return action;
        }
        ui.horizontal(|ui| {
            if ui.button(t("conflicts-back-to-list")).clicked() {
                action = Some(Action::Nav(Nav::List));
            }
            ui.heading(t("conflicts-title"));
        });
        if self.entries.is_empty() {
            ui.label(t("conflicts-none"));
            return action;
        }
        ui.label(t("conflicts-explain"));
        ui.separator();
        egui::ScrollArea::vertical().show(ui, |ui| {
            for entry in &self.entries {
                match entry {
                    Ok(info) => {
                        ui.horizontal(|ui| {
                            ui.strong(&info.code);
                            ui.label(t_args(
                                "conflicts-entry",
                                &[
                                    ("bundle", &info.source.bundle_name),
                                    ("detected", &format_time(info.detected_at)),
                                    ("revision", &info.theirs_revision.to_string()),
                                ],
                            ));
                            if ui.button(t_args("conflicts-compare", &[("code", &info.code)])).clicked() {
                                action = Some(Action::Conflict(ConflictAction::Open(info.id)));
                            }
                        });
                    }
                    Err(e) => error_text(ui, e),
                }
            }
        });
        action
    }
}

/// What the merge will be, in one line.
fn merge_summary(c: &Comparison) -> String {
    let taken = c.from_theirs();
    let total = c.choices.len().to_string();
    if taken.is_empty() {
        return t_args("conflicts-merge-summary-ours", &[("total", &total)]);
    }
    let names = taken.iter().map(|f| f.label()).collect::<Vec<_>>().join(", ");
    t_args("conflicts-merge-summary", &[("theirs", &taken.len().to_string()), ("total", &total), ("fields", &names)])
}

/// The changed paths as people read them: `incidents[1].place` and
/// `incidents[-1]` are both "Incidents", named once.
fn changed_labels(paths: &[String]) -> String {
    let mut labels: Vec<String> = Vec::new();
    for p in paths {
        let label = merge_field_of(p).map_or_else(|| p.clone(), Field::label);
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    labels.join(", ")
}

fn history(c: &Case) -> String {
    c.history
        .iter()
        .map(|r| {
            let note = if r.note.is_empty() { String::new() } else { format!(" — {}", r.note) };
            format!("{} · {} · {}{note}", r.number, format_time(r.at), r.editor)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One value in a row where the versions agree, or in the history row.
fn plain_cells(grid: &mut Ui, label: &str, ours: &str, theirs: &str) {
    grid.label(label);
    for value in [ours, theirs] {
        grid.add(egui::Label::new(value).wrap());
    }
    grid.end_row();
}

/// A row where the versions differ: highlighted, each value a radio button
/// choosing that version for the merge. `theirs_allowed` is false when the
/// vault would refuse theirs.
fn choice_cells(grid: &mut Ui, label: &str, ours: &str, theirs: &str, take_theirs: &mut bool, theirs_allowed: bool) {
    grid.label(RichText::new(label).strong().color(SENSITIVE_COLOUR));
    let empty = t("conflicts-empty");
    let cell = |v: &str, chosen: bool| {
        RichText::new(if v.is_empty() { empty.as_str() } else { v })
            .background_color(if chosen { CHANGED_BG } else { NOT_CHOSEN_BG })
    };
    let take = *take_theirs;
    if grid.radio(!take, cell(ours, !take)).clicked() {
        *take_theirs = false;
    }
    if grid.add_enabled(theirs_allowed, egui::RadioButton::new(take, cell(theirs, take))).clicked() {
        *take_theirs = true;
    }
    grid.end_row();
}

fn side_by_side(ui: &mut Ui, c: &mut Comparison) {
    let width = (ui.available_width() - 160.0).max(200.0) / 2.0;
    egui::Grid::new("conflict-grid").num_columns(3).striped(true).min_col_width(120.0).max_col_width(width).show(
        ui,
        |g| {
            // Long values (narratives) wrap inside their radio buttons too.
            g.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
            g.label("");
            g.strong(t("conflicts-ours"));
            g.strong(t("conflicts-theirs"));
            g.end_row();
            for field in Field::mergeable_fields() {
                let choice = c.choices.iter_mut().find(|(f, _)| *f == field);
                if choice.is_none() && !field.always_shown() {
                    continue;
                }
                let (ours, theirs) = (field.display(&c.ours), field.display(&c.theirs));
                let label = field.label();
                match choice {
                    Some((_, take)) => {
                        let allowed = field != Field::Attachments || c.missing_attachments.is_empty();
                        choice_cells(g, &label, &ours, &theirs, take, allowed);
                        if !allowed {
                            g.label("");
                            g.label("");
                            let names = c.missing_attachments.join(", ");
                            error_text(g, &t_args("conflicts-attachments-missing", &[("name", &names)]));
                            g.end_row();
                        }
                    }
                    None => plain_cells(g, &label, &ours, &theirs),
                }
            }
            plain_cells(g, &t("conflicts-history"), &history(&c.ours), &history(&c.theirs));
        },
    );
    if !c.changed.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new(t_args("conflicts-changed-fields", &[("fields", &changed_labels(&c.changed))])).small());
    }
}

#[cfg(test)]
mod tests {
    use super::changed_labels;
    use crate::i18n::{t, Lang};

    #[test]
    fn changed_paths_are_named_as_the_form_names_them_once() {
        crate::i18n::set_language(Lang::En);
        let paths: Vec<String> =
            ["incidents[1].place", "incidents[-1]", "narrative", "consent.use_in_court"].map(String::from).to_vec();
        let shown = changed_labels(&paths);
        assert_eq!(shown.matches(&t("form-section-incidents")).count(), 1, "{shown}");
        assert!(!shown.contains('[') && !shown.contains("consent."), "{shown}");
    }
}
