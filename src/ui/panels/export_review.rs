//! The review inside the export dialog: what may still identify someone
//! once the cases are redacted, each with its context and a box to tick to
//! remove it from this export. The app computes the list (it reads the
//! vault) and hands it here; the ticked words go back in the request.

use crate::bundle::redact::review::Candidate;
use crate::bundle::Profile;
use crate::i18n::{t, t_args};
use crate::ui::widgets::SENSITIVE_COLOUR;
use egui::RichText;

#[derive(Default)]
pub struct ReviewList {
    /// The profile the list was made for; `None` until the app made one.
    pub profile: Option<Profile>,
    rows: Vec<(Candidate, bool)>,
    /// The interviewer says the list was read (recorded in the manifest).
    pub reviewed: bool,
    /// Why no list could be made (the export will fail the same way).
    pub error: Option<String>,
}

impl ReviewList {
    pub fn new(profile: Profile, candidates: Vec<Candidate>) -> ReviewList {
        ReviewList { profile: Some(profile), rows: candidates.into_iter().map(|c| (c, false)).collect(), ..Default::default() }
    }

    /// The words ticked for removal, each once.
    pub fn ticked(&self) -> Vec<String> {
        let mut words: Vec<String> = self.rows.iter().filter(|(_, t)| *t).map(|(c, _)| c.text.clone()).collect();
        words.sort();
        words.dedup();
        words
    }

    pub fn ui(&mut self, ui: &mut egui::Ui) {
        ui.strong(t("export-review-heading"));
        ui.label(RichText::new(t("export-review-explain")).small());
        if let Some(e) = &self.error {
            crate::ui::widgets::error_text(ui, e);
        } else if self.rows.is_empty() {
            ui.label(t("export-review-none"));
        }
        // One block a candidate, the context wrapped: a grid let a long
        // context widen the dialog past a small window.
        for (i, (c, ticked)) in self.rows.iter_mut().enumerate() {
            ui.push_id(("review-row", i), |ui| ui.checkbox(ticked, t_args("export-review-scrub", &[("word", &c.text)])));
            ui.indent(("review-context", i), |ui| {
                ui.label(RichText::new(format!("{} · {} · {}", c.code, c.field.label(), t(c.kind.label_key()))).small());
                ui.add(egui::Label::new(RichText::new(&c.context).color(SENSITIVE_COLOUR)).wrap());
            });
        }
        ui.checkbox(&mut self.reviewed, t("export-review-reviewed"));
    }
}
