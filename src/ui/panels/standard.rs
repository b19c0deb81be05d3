//! The organisation's standard of corroboration ("at least N independent
//! sources, M of them first-hand"), edited in Settings and on the Events
//! screen alike; saved into the vault's events by its own button.

use crate::events::Standard;
use crate::i18n::t;
use crate::ui::{Action, EventAction};
use egui::Ui;

pub struct StandardSection {
    pub edited: Standard,
    pub saved: Standard,
}

impl StandardSection {
    pub fn new(standard: Standard) -> Self {
        StandardSection { edited: standard, saved: standard }
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        ui.horizontal(|ui| {
            let label = ui.label(t("events-standard-label"));
            ui.add(egui::DragValue::new(&mut self.edited.min_sources).range(1..=20)).labelled_by(label.id);
            let label = ui.label(t("events-standard-first-hand"));
            ui.add(egui::DragValue::new(&mut self.edited.min_first_hand).range(0..=20)).labelled_by(label.id);
            if self.edited != self.saved && ui.button(t("events-standard-save")).clicked() {
                action = Some(Action::Events(EventAction::SetStandard(self.edited)));
            }
        });
        action
    }
}
