//! The conflicts screen: every case changed both here and elsewhere, and for
//! one of them the two versions side by side, differences highlighted,
//! with the choice to keep ours or take theirs.

use super::widgets::{error_text, format_time, status_label, violation_label, SENSITIVE_COLOUR};
use super::Action;
use crate::i18n::{error_message, t, t_args};
use crate::model::{changed_fields, Case};
use crate::vault::conflicts::ConflictInfo;
use crate::vault::Vault;
use egui::{RichText, Ui};
use uuid::Uuid;

/// Highlight for a field that differs between the two versions.
const CHANGED_BG: egui::Color32 = egui::Color32::from_rgba_premultiplied(0x80, 0x60, 0x00, 0x40);

/// One conflict being compared. Holds both decrypted versions; dropped when
/// the screen is left.
pub struct Comparison {
    pub conflict: Uuid,
    pub ours: Case,
    pub theirs: Case,
    pub changed: Vec<String>,
}

pub struct ConflictsPanel {
    /// Stored conflicts, or why one could not be read.
    pub entries: Vec<Result<ConflictInfo, String>>,
    pub open: Option<Comparison>,
    pub error: Option<String>,
    pub notice: Option<String>,
}

impl ConflictsPanel {
    pub fn new(vault: &Vault) -> ConflictsPanel {
        let mut entries: Vec<Result<ConflictInfo, String>> =
            vault.list_conflicts().into_iter().map(|r| r.map_err(|e| error_message(&e))).collect();
        entries.sort_by(|a, b| match (a, b) {
            (Ok(a), Ok(b)) => a.code.cmp(&b.code).then(a.detected_at.cmp(&b.detected_at)),
            (Ok(_), Err(_)) => std::cmp::Ordering::Less,
            (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
            (Err(a), Err(b)) => a.cmp(b),
        });
        ConflictsPanel { entries, open: None, error: None, notice: None }
    }

    /// Load one conflict for comparison.
    pub fn open(&mut self, vault: &Vault, conflict: Uuid) {
        match vault.load_conflict(conflict) {
            Ok((ours, theirs)) => {
                let changed = changed_fields(&ours, &theirs);
                self.open = Some(Comparison { conflict, ours, theirs, changed });
                self.error = None;
            }
            Err(e) => self.error = Some(error_message(&e)),
        }
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        if let Some(e) = &self.error {
            error_text(ui, e);
        }
        if let Some(n) = &self.notice {
            ui.label(RichText::new(n).color(super::widgets::OK_COLOUR));
        }
        if let Some(c) = &self.open {
            ui.horizontal(|ui| {
                if ui.button(t("conflicts-back")).clicked() {
                    action = Some(Action::ShowConflicts);
                }
                ui.heading(t_args("conflicts-compare-title", &[("code", &c.ours.code)]));
            });
            ui.label(t("conflicts-compare-explain"));
            ui.horizontal(|ui| {
                if ui.button(RichText::new(t("conflicts-keep-ours")).strong()).clicked() {
                    action = Some(Action::ResolveConflict { conflict: c.conflict, theirs: false });
                }
                if ui.button(RichText::new(t("conflicts-take-theirs")).strong()).clicked() {
                    action = Some(Action::ResolveConflict { conflict: c.conflict, theirs: true });
                }
            });
            ui.separator();
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| side_by_side(ui, c));
            return action;
        }
        ui.horizontal(|ui| {
            if ui.button(t("conflicts-back-to-list")).clicked() {
                action = Some(Action::ShowList);
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
                                action = Some(Action::OpenConflict(info.id));
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

/// Whether the field at `path` (or anything under it) differs.
fn differs(changed: &[String], path: &str) -> bool {
    changed.iter().any(|c| {
        c == path || c.strip_prefix(path).is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
    })
}

/// One field shown for both versions, on a highlighted background when
/// they differ.
fn row(grid: &mut Ui, changed: &[String], path: &str, label: &str, ours: &str, theirs: &str) {
    let diff = differs(changed, path);
    let name = if diff { RichText::new(label).strong().color(SENSITIVE_COLOUR) } else { RichText::new(label) };
    grid.label(name);
    for value in [ours, theirs] {
        let text = RichText::new(value);
        let text = if diff { text.background_color(CHANGED_BG) } else { text };
        grid.add(egui::Label::new(text).wrap());
    }
    grid.end_row();
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

fn side_by_side(ui: &mut Ui, c: &Comparison) {
    let (o, th) = (&c.ours, &c.theirs);
    let ch = &c.changed;
    let width = (ui.available_width() - 160.0).max(200.0) / 2.0;
    egui::Grid::new("conflict-grid").num_columns(3).striped(true).min_col_width(120.0).max_col_width(width).show(
        ui,
        |g| {
            g.label("");
            g.strong(t("conflicts-ours"));
            g.strong(t("conflicts-theirs"));
            g.end_row();
            row(g, ch, "status", &t("list-col-status"), &status_label(o.status), &status_label(th.status));
            row(g, ch, "interviewee.pseudonym", &t("form-pseudonym"), &o.interviewee.pseudonym, &th.interviewee.pseudonym);
            row(g, ch, "interviewee.real_name", &t("form-real-name"), &o.interviewee.real_name, &th.interviewee.real_name);
            row(g, ch, "interviewee.contact", &t("form-contact"), &o.interviewee.contact, &th.interviewee.contact);
            row(
                g,
                ch,
                "interviewee.home_province",
                &t("form-home-province"),
                &o.interviewee.home_province,
                &th.interviewee.home_province,
            );
            row(g, ch, "interview.place", &t("form-interview-place"), &o.interview.place, &th.interview.place);
            row(g, ch, "interview.interviewer", &t("form-interviewer"), &o.interview.interviewer, &th.interview.interviewer);
            row(g, ch, "narrative", &t("form-narrative"), &o.narrative, &th.narrative);
            row(g, ch, "interviewer_notes", &t("form-interviewer-notes"), &o.interviewer_notes, &th.interviewer_notes);
            row(g, ch, "tags", &t("conflicts-tags"), &o.tags.join(", "), &th.tags.join(", "));
            let n = o.incidents.len().max(th.incidents.len());
            for i in 0..n {
                let show = |c: &Case| {
                    c.incidents
                        .get(i)
                        .map(|inc| {
                            let place = [inc.province.as_str(), inc.county.as_str(), inc.place.as_str()]
                                .iter()
                                .filter(|s| !s.is_empty())
                                .copied()
                                .collect::<Vec<_>>()
                                .join(", ");
                            format!("{} · {place}\n{}", violation_label(inc.violation), inc.narrative)
                        })
                        .unwrap_or_default()
                };
                let label = t_args("conflicts-incident", &[("n", &(i + 1).to_string())]);
                let path = format!("incidents[{i}]");
                let added = differs(ch, &format!("incidents[+{i}]")) || differs(ch, &format!("incidents[-{i}]"));
                let ours_text = show(o);
                let theirs_text = show(th);
                if added {
                    row(g, std::slice::from_ref(&path), &path, &label, &ours_text, &theirs_text);
                } else {
                    row(g, ch, &path, &label, &ours_text, &theirs_text);
                }
            }
            row(g, &[], "history", &t("conflicts-history"), &history(o), &history(th));
        },
    );
    if !ch.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new(t_args("conflicts-changed-fields", &[("fields", &ch.join(", "))])).small());
    }
}

#[cfg(test)]
mod tests {
    use super::differs;

    #[test]
    fn a_field_differs_when_it_or_a_part_of_it_changed() {
        let changed = vec!["narrative".to_string(), "incidents[1].place".to_string(), "interviewee.real_name".to_string()];
        assert!(differs(&changed, "narrative"));
        assert!(differs(&changed, "incidents[1]"));
        assert!(differs(&changed, "interviewee"));
        assert!(!differs(&changed, "incidents[0]"));
        assert!(!differs(&changed, "incidents[10]") && !differs(&["incidents[10].place".into()], "incidents[1]"));
        assert!(!differs(&changed, "interviewer_notes"));
        assert!(!differs(&changed, "interviewee.real"), "a prefix of a name is not the field");
    }
}
