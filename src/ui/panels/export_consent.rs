//! The consent part of the export dialog: what the export is for, every
//! case going out, and the cases left out with the reason and a box to
//! include one anyway. The app reads each case's consent from the vault
//! when it opens the dialog; the decision is the core's
//! ([`crate::bundle::consent`]), the same one the export makes again.

use crate::bundle::consent::{hold_reason, ConsentChoice, HoldReason, Purpose};
use crate::bundle::Profile;
use crate::i18n::{t, t_args};
use crate::model::Consent;
use crate::ui::widgets::{OK_COLOUR, SENSITIVE_COLOUR};
use egui::RichText;
use uuid::Uuid;

/// One selected case as the dialog shows it.
#[derive(Clone, Debug)]
pub struct ExportCase {
    pub id: Uuid,
    pub code: String,
    pub pseudonym: String,
    /// `None` when the case could not be read: it is listed as going out,
    /// and the export then fails on it and says why.
    pub consent: Option<Consent>,
    /// Ticked "include anyway" (only matters when held back).
    pub include: bool,
}

impl ExportCase {
    fn held(&self, purpose: Purpose, profile: Profile) -> Option<HoldReason> {
        self.consent.as_ref().and_then(|c| hold_reason(c, purpose, profile))
    }

    fn name(&self) -> String {
        match self.pseudonym.trim() {
            "" => self.code.clone(),
            p => format!("{} · {p}", self.code),
        }
    }
}

#[derive(Default)]
pub struct ConsentList {
    pub purpose: Purpose,
    pub cases: Vec<ExportCase>,
}

impl ConsentList {
    pub fn new(cases: Vec<ExportCase>) -> ConsentList {
        ConsentList { purpose: Purpose::default(), cases }
    }

    /// The ids that leave under `profile`: covered, or included anyway.
    pub fn going_out(&self, profile: Profile) -> Vec<Uuid> {
        let goes = |c: &&ExportCase| c.include || c.held(self.purpose, profile).is_none();
        self.cases.iter().filter(goes).map(|c| c.id).collect()
    }

    /// The purpose and the explicit inclusions, for the core to apply again.
    pub fn choice(&self, profile: Profile) -> ConsentChoice {
        let include = self.cases.iter().filter(|c| c.include && c.held(self.purpose, profile).is_some()).map(|c| c.id);
        ConsentChoice { purpose: self.purpose, include: include.collect(), include_all: false }
    }

    /// Draw it; true when the set of cases going out changed.
    pub fn ui(&mut self, ui: &mut egui::Ui, profile: Profile) -> bool {
        let before = self.going_out(profile);
        ui.strong(t("export-purpose"));
        ui.label(RichText::new(t("export-purpose-explain")).small());
        ui.horizontal_wrapped(|ui| {
            for p in Purpose::ALL {
                ui.radio_value(&mut self.purpose, p, p.label());
            }
        });
        ui.add_space(4.0);
        let going: Vec<&ExportCase> = self.cases.iter().filter(|c| c.held(self.purpose, profile).is_none()).collect();
        let included = self.cases.iter().filter(|c| c.include && c.held(self.purpose, profile).is_some()).count();
        ui.strong(t_args("export-going-out", &[("count", &(going.len() + included).to_string())]));
        egui::ScrollArea::vertical().id_salt("export-going-out").max_height(110.0).show(ui, |ui| {
            for c in &going {
                ui.label(c.name());
            }
            for c in self.cases.iter().filter(|c| c.include && c.held(self.purpose, profile).is_some()) {
                ui.label(RichText::new(format!("{} — {}", c.name(), t("export-included-anyway"))).color(SENSITIVE_COLOUR));
            }
            if going.is_empty() && included == 0 {
                ui.label(RichText::new(t("export-none-going-out")).color(SENSITIVE_COLOUR));
            }
        });
        self.held_ui(ui, profile);
        self.going_out(profile) != before
    }

    /// The cases left out, each with its reason and "include anyway".
    fn held_ui(&mut self, ui: &mut egui::Ui, profile: Profile) {
        let purpose = self.purpose;
        let held = self.cases.iter().filter(|c| c.held(purpose, profile).is_some()).count();
        if held == 0 {
            return;
        }
        ui.add_space(4.0);
        ui.strong(t_args("export-held-heading", &[("count", &held.to_string())]));
        egui::ScrollArea::vertical().id_salt("export-held").max_height(140.0).show(ui, |ui| {
            egui::Grid::new("export-held-grid").num_columns(3).spacing([10.0, 4.0]).show(ui, |ui| {
                for c in self.cases.iter_mut() {
                    let Some(reason) = c.held(purpose, profile) else { continue };
                    ui.push_id(("export-include", c.id), |ui| ui.checkbox(&mut c.include, t("export-include-anyway")));
                    ui.label(c.name());
                    let colour = if c.include { OK_COLOUR } else { SENSITIVE_COLOUR };
                    ui.label(RichText::new(reason.text()).color(colour));
                    ui.end_row();
                }
            });
        });
    }
}
