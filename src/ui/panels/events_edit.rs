//! Making events by hand on the Events screen: the form for a new event or
//! an existing one's description (the incident form's date parsing and
//! place picker, so an event is described as incidents are), and the
//! chooser that links an incident of a case to the event shown. Both only
//! return what the user asked for; the app applies it through
//! [`crate::events::EventBook`], which keeps the one-incident-one-event
//! rule, and saves it.

use crate::events::{Account, Event, EventBook, Link};
use crate::i18n::labels::{perpetrator_label, violation_label};
use crate::i18n::{t, t_args};
use crate::model::{DateRange, Perpetrator, ViolationType};
use crate::ui::widgets::place_pick::{place_row, settle, Scope};
use crate::ui::widgets::{combo_row, error_text, field_id, message_row, multiline_row, text_row, Message};
use crate::ui::EventAction;
use egui::Ui;
use uuid::Uuid;

/// The form for one event, kept until its save succeeded.
pub struct EventEditor {
    event: Event,
    is_new: bool,
    /// The date as typed; the event holds the last text that parsed.
    date_text: String,
    date_error: Option<String>,
    problem: Option<String>,
}

/// What the form asks for.
pub enum Outcome {
    Save(Box<EventAction>),
    Cancel,
}

impl EventEditor {
    pub fn create() -> Self {
        Self::with(Event::new("", ViolationType::NotChosen), true)
    }

    pub fn edit(event: &Event) -> Self {
        Self::with(event.clone(), false)
    }

    fn with(event: Event, is_new: bool) -> Self {
        EventEditor { date_text: event.date.to_iso(), event, is_new, date_error: None, problem: None }
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<Outcome> {
        let heading = if self.is_new { "events-new-heading" } else { "events-edit-heading" };
        ui.strong(t(heading));
        self.fields(ui);
        if let Some(p) = &self.problem {
            error_text(ui, p);
        }
        let mut outcome = None;
        ui.horizontal(|ui| {
            if ui.button(t("events-edit-save")).clicked() {
                outcome = self.checked().map(|a| Outcome::Save(Box::new(a)));
            }
            if ui.button(t("events-edit-cancel")).clicked() {
                outcome = Some(Outcome::Cancel);
            }
        });
        outcome
    }

    fn fields(&mut self, ui: &mut Ui) {
        let EventEditor { event: e, date_text, date_error, .. } = self;
        let id = e.id;
        egui::Grid::new(("event-form", id)).num_columns(2).spacing([16.0, 6.0]).show(ui, |ui| {
            text_row(ui, field_id((id, "event-title")), &t("events-field-title"), &mut e.title, false, None);
            combo_row(ui, &t("events-field-violation"), ("event-violation", id), &mut e.violation, &ViolationType::ALL, violation_label);
            let message = date_error.as_deref().map(Message::Error);
            if message_row(ui, field_id((id, "event-date")), &t("events-field-date"), date_text, false, message) {
                match DateRange::parse(date_text) {
                    Ok(d) => {
                        e.date = d;
                        *date_error = None;
                    }
                    Err(err) => *date_error = Some(err.to_string()),
                }
            }
            place_row(ui, field_id((id, "event-province")), &t("events-field-province"), &mut e.province, false, Scope::Provinces);
            place_row(ui, field_id((id, "event-county")), &t("events-field-county"), &mut e.county, false, Scope::CountiesOf(&e.province));
            text_row(ui, field_id((id, "event-place")), &t("events-field-place"), &mut e.place, false, None);
            combo_row(ui, &t("events-field-perpetrator"), ("event-perpetrator", id), &mut e.perpetrator, &Perpetrator::ALL, perpetrator_label);
            text_row(ui, field_id((id, "event-perpetrator-detail")), &t("events-field-perpetrator-detail"), &mut e.perpetrator_detail, false, None);
            multiline_row(ui, field_id((id, "event-description")), &t("events-field-description"), &mut e.description, 4);
        });
    }

    /// The action that saves the form, or why it cannot be saved yet (the
    /// form keeps everything typed).
    fn checked(&mut self) -> Option<EventAction> {
        self.problem = if self.event.title.trim().is_empty() {
            Some(t("events-edit-no-title"))
        } else if self.date_error.is_some() {
            Some(t("events-edit-fix-date"))
        } else {
            None
        };
        if self.problem.is_some() {
            return None;
        }
        // As the case form does: a place typed in any spelling is stored
        // by its list name, even when the field never lost the focus.
        settle(&mut self.event.province, Scope::Provinces);
        let province = self.event.province.clone();
        settle(&mut self.event.county, Scope::CountiesOf(&province));
        let event = Event { title: self.event.title.trim().to_string(), ..self.event.clone() };
        Some(if self.is_new { EventAction::Create(event) } else { EventAction::Update(event) })
    }
}

/// Which case and incident the link chooser shows, between frames.
#[derive(Default)]
pub struct LinkPicker {
    case: Option<Uuid>,
    incident: Option<Uuid>,
}

impl LinkPicker {
    /// Choose a case, then one of its incidents, and link it to `event`.
    /// Incidents of other events are offered too, marked so: linking one
    /// is refused by the book with a message naming its event.
    pub fn ui(&mut self, ui: &mut Ui, accounts: &[Account], book: &EventBook, event: Uuid) -> Option<EventAction> {
        let mut cases: Vec<&Account> = Vec::new();
        for a in accounts {
            if !cases.iter().any(|c| c.case == a.case) {
                cases.push(a);
            }
        }
        let Some(first) = cases.first() else {
            ui.label(t("events-link-none"));
            return None;
        };
        if !self.case.is_some_and(|c| cases.iter().any(|a| a.case == c)) {
            self.case = Some(first.case);
            self.incident = None;
        }
        let of_case: Vec<&Account> = accounts.iter().filter(|a| Some(a.case) == self.case).collect();
        let in_this = |a: &Account| book.event_of(a.incident).is_some_and(|e| e.id == event);
        if !self.incident.is_some_and(|i| of_case.iter().any(|a| a.incident == i)) {
            self.incident = of_case.iter().find(|a| !in_this(a)).map(|a| a.incident);
        }
        let mut action = None;
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(t("events-link-case"));
            let shown = |a: &Account| format!("{} {}", a.code, a.pseudonym);
            let selected = cases.iter().find(|a| Some(a.case) == self.case).map(|a| shown(a)).unwrap_or_default();
            egui::ComboBox::from_id_salt("event-link-case").selected_text(selected).show_ui(ui, |ui| {
                for a in &cases {
                    if ui.selectable_value(&mut self.case, Some(a.case), shown(a)).clicked() {
                        self.incident = None;
                    }
                }
            })
            .response
            .labelled_by(l.id);
            let l = ui.label(t("events-link-incident"));
            let selected = of_case.iter().find(|a| Some(a.incident) == self.incident).map(|a| incident_text(a, book)).unwrap_or_default();
            egui::ComboBox::from_id_salt("event-link-incident").selected_text(selected).show_ui(ui, |ui| {
                for a in of_case.iter().filter(|a| !in_this(a)) {
                    ui.selectable_value(&mut self.incident, Some(a.incident), incident_text(a, book));
                }
            })
            .response
            .labelled_by(l.id);
            let chosen = of_case.iter().find(|a| Some(a.incident) == self.incident && !in_this(a));
            if ui.add_enabled(chosen.is_some(), egui::Button::new(t("events-link-button"))).clicked()
                && let Some(a) = chosen
            {
                action = Some(EventAction::Link { event, link: Link { case: a.case, incident: a.incident } });
            }
        });
        action
    }
}

/// `#2 torture 2012`, and the event it already belongs to.
fn incident_text(a: &Account, book: &EventBook) -> String {
    let text = format!("#{} {} {}", a.number, violation_label(a.violation), a.date.to_iso());
    match book.event_of(a.incident) {
        Some(e) => format!("{text} ({})", t_args("events-link-in-other", &[("title", &e.title)])),
        None => text,
    }
}
