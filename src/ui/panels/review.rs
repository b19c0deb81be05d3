//! A read-only view of one case, laid out like a printed record, with its
//! edit history (who saved, when, which fields changed), from which any
//! kept revision opens read-only and two compare word by word
//! ([`super::review_history`]).

use crate::ui::widgets::*;
use crate::ui::{Action, CaseAction, Nav};
use crate::i18n::{t, t_args};
use crate::model::{Case, Field, FuzzyDate};
use super::review_history::{HistoryView, Shown};
use egui::{Color32, RichText, Ui};

pub struct ReviewPanel {
    pub case: Case,
    /// The case has an autosaved draft newer than this saved version.
    pub has_draft: bool,
    /// Who signed each revision (in history order) and whether it checks.
    pub signatures: Vec<String>,
    /// The events the case's incidents belong to, one line each.
    pub events: Vec<String>,
    /// Each revision as it was, and what of it is shown.
    pub history: HistoryView,
}

/// Paper-like colours, the same in light and dark themes.
const PAPER: Color32 = Color32::from_rgb(0xfb, 0xfa, 0xf6);
const INK: Color32 = Color32::from_rgb(0x22, 0x22, 0x22);
const FAINT: Color32 = Color32::from_rgb(0x6b, 0x6b, 0x6b);

impl ReviewPanel {
    pub fn new(case: Case, has_draft: bool) -> Self {
        let history = HistoryView::new(&case);
        ReviewPanel { case, has_draft, signatures: Vec::new(), events: Vec::new(), history }
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        ui.horizontal(|ui| {
            if ui.button(t("review-back")).clicked() {
                action = Some(Action::Nav(Nav::List));
            }
            if ui.button(t("review-edit")).clicked() {
                action = Some(Action::Case(CaseAction::Edit(self.case.id)));
            }
            if self.has_draft {
                ui.label(RichText::new(t("review-has-draft")).color(SENSITIVE_COLOUR));
            }
        });
        for line in &self.events {
            ui.label(line);
        }
        self.history.banner(ui, &self.case);
        ui.separator();
        // Each revision opened and each comparison starts at its top; the
        // case now keeps where it was when the reader comes back.
        let view = match self.history.shown {
            Shown::Current => 0,
            Shown::Revision(i) => i + 1,
            Shown::Compare { .. } => usize::MAX,
        };
        egui::ScrollArea::vertical().id_salt(("review-scroll", self.case.id, view)).auto_shrink(false).show(ui, |ui| {
            let width = 760.0_f32.min(ui.available_width() - 16.0);
            let pad = ((ui.available_width() - width) / 2.0).max(0.0);
            ui.horizontal(|ui| {
                ui.add_space(pad);
                egui::Frame::new()
                    .fill(PAPER)
                    .stroke(egui::Stroke::new(1.0, Color32::from_gray(200)))
                    .inner_margin(28.0)
                    .show(ui, |ui| {
                        ui.vertical(|ui| {
                            ui.set_width(width - 56.0);
                            // Paper is light whatever the theme.
                            ui.style_mut().visuals = egui::Visuals::light();
                            ui.visuals_mut().override_text_color = Some(INK);
                            if matches!(self.history.shown, Shown::Compare { .. }) {
                                self.history.comparison(ui);
                            } else {
                                self.paper(ui);
                            }
                        });
                    });
            });
            ui.add_space(30.0);
        });
        action
    }

    /// The record (the case now, or the revision opened), then the history
    /// table under the case now.
    fn paper(&mut self, ui: &mut Ui) {
        Self::record(ui, self.history.shown_case().unwrap_or(&self.case));
        if matches!(self.history.shown, Shown::Current) {
            heading(ui, &t("review-history"));
            self.history.table(ui, &self.case, &self.signatures);
        }
    }

    fn record(ui: &mut Ui, c: &Case) {
        ui.label(RichText::new(t("review-title")).size(13.0).color(FAINT));
        ui.label(RichText::new(&c.code).size(24.0).strong().color(INK));
        ui.label(
            RichText::new(t_args(
                "review-meta",
                &[
                    ("status", &status_label(c.status)),
                    ("revision", &c.revision().to_string()),
                    ("updated", &format_time(c.updated)),
                ],
            ))
            .color(FAINT),
        );
        if !c.tags.is_empty() {
            ui.label(RichText::new(c.tags.join(" · ")).color(FAINT));
        }

        Self::interview(ui, c);
        Self::interviewee(ui, c);
        Self::consent(ui, c);
        Self::incidents(ui, c);
        Self::narrative_and_notes(ui, c);
    }

    fn interview(ui: &mut Ui, c: &Case) {
        heading(ui, &t("form-section-interview"));
        let date = |d: &Option<FuzzyDate>| d.as_ref().map(FuzzyDate::to_iso).unwrap_or_default();
        let language = crate::i18n::labels::language_label(&c.interview.language);
        pairs(
            ui,
            "review-interview",
            &[
                (t("form-interview-date"), date(&c.interview.date), false),
                (t("form-interview-place"), c.interview.place.clone(), false),
                (t("form-language"), language, false),
                (t("form-interviewer"), c.interview.interviewer.clone(), false),
                (t("form-interpreter"), c.interview.interpreter.clone(), false),
                (t("form-duration"), c.interview.duration_minutes.map(|d| d.to_string()).unwrap_or_default(), false),
            ],
        );
    }

    fn interviewee(ui: &mut Ui, c: &Case) {
        heading(ui, &t("form-section-interviewee"));
        let w = &c.interviewee;
        let year = |y: Option<crate::model::Year>| y.map(|y| y.to_string()).unwrap_or_default();
        pairs(
            ui,
            "review-interviewee",
            &[
                (t("form-pseudonym"), w.pseudonym.clone(), false),
                (t("form-real-name"), w.real_name.clone(), Field::RealName.sensitive()),
                (t("form-gender"), gender_label(w.gender), false),
                (t("form-birth-year"), year(w.birth_year), Field::BirthYear.sensitive()),
                (t("form-home-province"), w.home_province.clone(), false),
                (t("form-home-county"), w.home_county.clone(), Field::HomeCounty.sensitive()),
                (t("form-departure-year"), year(w.departure_year), false),
                (t("form-arrival-year"), year(w.arrival_year), false),
                (t("form-current-country"), w.current_country.clone(), false),
                (t("form-contact"), w.contact.clone(), Field::Contact.sensitive()),
            ],
        );
    }

    fn consent(ui: &mut Ui, c: &Case) {
        heading(ui, &t("form-section-consent"));
        let k = &c.consent;
        let yes_no = |b: bool| if b { t("review-yes") } else { t("review-no") };
        pairs(
            ui,
            "review-consent",
            &[
                (t("form-consent-given"), yes_no(k.given), false),
                (t("form-consent-date"), date(&k.date), false),
                (t("form-consent-method"), consent_method_label(k.method), false),
                (t("form-share-un"), yes_no(k.share_with_un), false),
                (t("form-share-ngos"), yes_no(k.share_with_ngos), false),
                (t("form-use-in-court"), yes_no(k.use_in_court), false),
                (t("form-quote-publicly"), yes_no(k.quote_publicly), false),
                (t("form-anonymity"), anonymity_label(k.anonymity), false),
            ],
        );
    }

    /// Each incident: its type as a title, its details, its account.
    fn incidents(ui: &mut Ui, c: &Case) {
        heading(ui, &t("form-section-incidents"));
        if c.incidents.is_empty() {
            ui.label(RichText::new(t("review-none")).color(FAINT));
        }
        for (n, inc) in c.incidents.iter().enumerate() {
            let mut title = violation_label(inc.violation);
            if !inc.violation_other.is_empty() {
                title = format!("{title}: {}", inc.violation_other);
            }
            ui.label(RichText::new(format!("{}. {title}", n + 1)).strong());
            pairs(
                ui,
                ("review-incident", n),
                &[
                    (t("form-incident-date"), inc.date.to_iso(), false),
                    (
                        t("form-incident-place"),
                        [&inc.province, &inc.county, &inc.place]
                            .iter()
                            .filter(|s| !s.is_empty())
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                        false,
                    ),
                    (t("form-victims"), inc.victims.join(", "), false),
                    (t("form-perpetrator"), perpetrator_label(inc.perpetrator), false),
                    (t("form-perpetrator-detail"), inc.perpetrator_detail.clone(), false),
                    (t("form-source"), source_label(inc.source), false),
                ],
            );
            if !inc.narrative.is_empty() {
                ui.label(&inc.narrative);
            }
            ui.add_space(8.0);
        }
    }

    /// The account in the interviewee's words, the notes, the files.
    fn narrative_and_notes(ui: &mut Ui, c: &Case) {
        heading(ui, &t("form-section-narrative"));
        if c.narrative.is_empty() {
            ui.label(RichText::new(t("review-none")).color(FAINT));
        } else {
            ui.label(&c.narrative);
        }

        heading(ui, &t("form-section-notes"));
        pairs(
            ui,
            "review-notes",
            &[
                (t("form-interviewer-notes"), c.interviewer_notes.clone(), false),
                (t("form-credibility-notes"), c.credibility_notes.clone(), false),
                (t("form-follow-up"), c.follow_up.clone(), false),
            ],
        );

        if !c.attachments.is_empty() {
            heading(ui, &t("form-section-attachments"));
            for a in &c.attachments {
                ui.label(t_args(
                    "attachment-line",
                    &[("name", &a.file_name), ("size", &a.size.to_string()), ("description", &a.description)],
                ));
                // A recording's length, recovery and markers.
                crate::ui::panels::player::recording_facts(ui, a, &c.incidents);
            }
        }
    }
}

fn date(d: &Option<FuzzyDate>) -> String {
    d.as_ref().map(FuzzyDate::to_iso).unwrap_or_default()
}

fn heading(ui: &mut Ui, text: &str) {
    ui.add_space(14.0);
    ui.label(RichText::new(text).size(17.0).strong());
    ui.add(egui::Separator::default().spacing(4.0));
}

/// Label/value rows; empty values are shown as a dash so a blank is visibly
/// blank on paper.
fn pairs(ui: &mut Ui, id: impl egui::AsIdSalt, rows: &[(String, String, bool)]) {
    egui::Grid::new(id).num_columns(2).spacing([20.0, 4.0]).show(ui, |ui| {
        for (label, value, sensitive) in rows {
            if *sensitive {
                ui.label(RichText::new(format!("{label} ◆")).color(SENSITIVE_COLOUR));
            } else {
                ui.label(RichText::new(label).color(FAINT));
            }
            let value = if value.is_empty() { "—" } else { value.as_str() };
            ui.add(egui::Label::new(value).wrap());
            ui.end_row();
        }
    });
}
