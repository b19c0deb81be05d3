//! The Events screen: the events of the vault with the corroboration of
//! the one selected (testimonies side by side, agreement, independent
//! sources and the badge for the organisation's standard), the inbox of
//! suggestions (accept: create or join an event; reject: remembered), and
//! the statistics with their charts. Everything shown is computed by
//! [`crate::events`] when the screen opens or the book changes; the panel
//! returns actions and never touches files.

use crate::events::corroborate::{corroborate, Corroboration, Verdict};
use crate::events::stats::{stats, Filter, Stats};
use crate::events::suggest::{suggest, Suggestion};
use crate::events::{account, Account, EventBook, Link, Target};
use crate::ui::panels::events_edit::{EventEditor, LinkPicker, Outcome};
use crate::ui::panels::standard::StandardSection;
use crate::i18n::labels::{perpetrator_label, source_label, violation_label};
use crate::i18n::{t, t_args};
use crate::ui::widgets::error_text;
use crate::ui::{Action, EventAction};
use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, Plot};
use uuid::Uuid;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Events,
    Inbox,
    Statistics,
}

pub struct EventsPanel {
    pub book: EventBook,
    pub accounts: Vec<Account>,
    pub suggestions: Vec<Suggestion>,
    pub stats: Stats,
    pub selected: Option<Uuid>,
    pub tab: Tab,
    pub error: Option<String>,
    /// The standard, also in Settings.
    pub standard: StandardSection,
    /// Which accounts the statistics count, as the case list filters.
    pub filter: Filter,
    province_text: String,
    /// The form for a new event or the selected one, open until saved.
    pub editor: Option<EventEditor>,
    /// The event whose deletion waits for a yes.
    pub confirm_delete: Option<Uuid>,
    picker: LinkPicker,
}

const AGREE: Color32 = Color32::from_rgb(0x2e, 0x7d, 0x32);
const DIFFER: Color32 = Color32::from_rgb(0xc6, 0x28, 0x28);

impl EventsPanel {
    pub fn new(book: EventBook, accounts: Vec<Account>) -> Self {
        let mut panel = EventsPanel {
            standard: StandardSection::new(book.standard),
            book,
            accounts,
            suggestions: Vec::new(),
            stats: Stats::default(),
            selected: None,
            tab: Tab::Events,
            error: None,
            filter: Filter::default(),
            province_text: String::new(),
            editor: None,
            confirm_delete: None,
            picker: LinkPicker::default(),
        };
        panel.refresh();
        panel
    }

    /// Recompute what depends on the book (after a change was saved).
    pub fn set_book(&mut self, book: EventBook) {
        self.book = book;
        self.standard = StandardSection::new(self.book.standard);
        self.refresh();
    }

    fn refresh(&mut self) {
        self.suggestions = suggest(&self.accounts, &self.book);
        self.stats = stats(&self.accounts, &self.book, &self.filter);
        if self.selected.is_some_and(|id| self.book.get(id).is_none()) {
            self.selected = None;
        }
    }

    fn corroboration(&self) -> Option<Corroboration> {
        let event = self.book.get(self.selected?)?;
        Some(corroborate(event, &self.accounts, self.book.standard))
    }

    fn label(&self, link: &Link) -> String {
        account::find(&self.accounts, link).map(|a| format!("{} {}", a.label(), a.pseudonym)).unwrap_or_else(|| link.incident.to_string())
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        ui.horizontal(|ui| {
            ui.heading(t("events-title"));
            ui.separator();
            let inbox = t_args("events-tab-inbox", &[("count", &self.suggestions.len().to_string())]);
            for (tab, text) in [(Tab::Events, t("events-tab-events")), (Tab::Inbox, inbox), (Tab::Statistics, t("events-tab-statistics"))] {
                if ui.selectable_label(self.tab == tab, text).clicked() {
                    self.tab = tab;
                }
            }
        });
        if let Some(e) = &self.error {
            error_text(ui, e);
        }
        ui.separator();
        match self.tab {
            Tab::Events => self.events_tab(ui, &mut action),
            Tab::Inbox => self.inbox(ui, &mut action),
            Tab::Statistics => self.statistics(ui),
        }
        action
    }

    fn events_tab(&mut self, ui: &mut Ui, action: &mut Option<Action>) {
        self.standard_row(ui, action);
        ui.separator();
        if let Some(editor) = self.editor.as_mut() {
            match editor.ui(ui) {
                Some(Outcome::Save(a)) => *action = Some(Action::Events(*a)),
                Some(Outcome::Cancel) => self.editor = None,
                None => {}
            }
            return;
        }
        if ui.button(t("events-new")).clicked() {
            self.editor = Some(EventEditor::create());
        }
        if self.book.events.is_empty() {
            ui.label(t("events-none"));
            return;
        }
        ui.columns(2, |cols| {
            egui::ScrollArea::vertical().id_salt("events-list").show(&mut cols[0], |ui| {
                for e in &self.book.events {
                    let text = t_args("events-list-line", &[("title", &e.title), ("count", &e.links.len().to_string())]);
                    if ui.selectable_label(self.selected == Some(e.id), text).clicked() {
                        self.selected = Some(e.id);
                    }
                }
            });
            if let Some(view) = self.corroboration() {
                self.event_view(&mut cols[1], &view, action);
                cols[1].separator();
                self.change_row(&mut cols[1], action);
            }
        });
    }

    fn standard_row(&mut self, ui: &mut Ui, action: &mut Option<Action>) {
        if let Some(a) = self.standard.ui(ui) {
            *action = Some(a);
        }
    }

    fn event_view(&self, ui: &mut Ui, view: &Corroboration, action: &mut Option<Action>) {
        let Some(event) = self.selected.and_then(|id| self.book.get(id)) else { return };
        ui.strong(&event.title);
        ui.label(format!("{} · {}", violation_label(event.violation), event.date.to_iso()));
        let args = [("sources", view.standard.min_sources.to_string()), ("first", view.standard.min_first_hand.to_string())];
        let args = args.each_ref().map(|(k, v)| (*k, v.as_str()));
        let (badge, colour) =
            if view.meets_standard { (t_args("events-standard-met", &args), AGREE) } else { (t_args("events-standard-not-met", &args), DIFFER) };
        ui.label(RichText::new(badge).strong().color(colour));
        ui.label(t_args(
            "events-sources-line",
            &[("sources", &view.sources.to_string()), ("first", &view.first_hand.to_string())],
        ));
        for (what, v) in [("events-agree-dates", view.dates), ("events-agree-place", view.place), ("events-agree-perpetrator", view.perpetrator)] {
            let colour = match v {
                Verdict::Agree => AGREE,
                Verdict::Differ => DIFFER,
                Verdict::Unknown => ui.visuals().weak_text_color(),
            };
            let verdict = t(&format!("events-verdict-{}", v.key()));
            ui.label(RichText::new(format!("{}: {verdict}", t(what))).color(colour));
        }
        ui.separator();
        self.testimonies(ui, view, action);
        for c in self.book.conflicts.iter().filter(|c| c.theirs.id == event.id) {
            ui.label(RichText::new(t_args("cli-events-conflict", &[("fields", &c.fields.join(", ")), ("blocked", &c.blocked_links.len().to_string())])).color(DIFFER));
            ui.label(t_args("events-conflict-theirs", &[("title", &c.theirs.title), ("date", &c.theirs.date.to_iso())]));
        }
        if self.book.conflicts.iter().any(|c| c.theirs.id == event.id) {
            ui.horizontal(|ui| {
                for (key, take_theirs) in [("events-keep-ours", false), ("events-take-theirs", true)] {
                    if ui.button(t(key)).clicked() {
                        *action = Some(Action::Events(EventAction::Resolve { event: event.id, take_theirs }));
                    }
                }
            });
        }
    }

    /// Link an incident, edit the event, delete it (after a yes).
    fn change_row(&mut self, ui: &mut Ui, action: &mut Option<Action>) {
        let Some(event) = self.selected.and_then(|id| self.book.get(id)) else { return };
        if let Some(a) = self.picker.ui(ui, &self.accounts, &self.book, event.id) {
            *action = Some(Action::Events(a));
        }
        ui.horizontal_wrapped(|ui| {
            if self.confirm_delete == Some(event.id) {
                ui.label(RichText::new(t_args("events-delete-confirm", &[("title", &event.title), ("count", &event.links.len().to_string())])).color(DIFFER));
                if ui.button(t("events-delete-yes")).clicked() {
                    *action = Some(Action::Events(EventAction::Delete(event.id)));
                }
                if ui.button(t("events-delete-no")).clicked() {
                    self.confirm_delete = None;
                }
            } else {
                if ui.button(t("events-edit")).clicked() {
                    self.editor = Some(EventEditor::edit(event));
                }
                if ui.button(t("events-delete")).clicked() {
                    self.confirm_delete = Some(event.id);
                }
            }
        });
    }

    fn testimonies(&self, ui: &mut Ui, view: &Corroboration, action: &mut Option<Action>) {
        let mark = |ok: bool, text: String| if ok { RichText::new(text) } else { RichText::new(format!("{text} ≠")).color(DIFFER) };
        egui::Grid::new("testimonies").striped(true).show(ui, |ui| {
            for key in ["events-col-witness", "events-col-source", "events-col-date", "events-col-place", "events-col-perpetrator", ""] {
                ui.strong(if key.is_empty() { String::new() } else { t(key) });
            }
            ui.end_row();
            for tm in &view.testimonies {
                let a = &tm.account;
                ui.label(format!("{} {}", a.label(), a.pseudonym));
                ui.label(source_label(a.source));
                ui.label(mark(tm.date_agrees, a.date.to_iso()));
                let place = [a.province.as_str(), a.county.as_str(), a.place.as_str()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" / ");
                ui.label(mark(tm.place_agrees, place));
                ui.label(mark(tm.perpetrator_agrees, perpetrator_label(a.perpetrator)));
                if ui.small_button(t("events-unlink")).clicked() {
                    *action = Some(Action::Events(EventAction::Unlink(a.incident)));
                }
                ui.end_row();
            }
        });
    }

    fn inbox(&mut self, ui: &mut Ui, action: &mut Option<Action>) {
        if self.suggestions.is_empty() {
            ui.label(t("events-inbox-empty"));
            return;
        }
        egui::ScrollArea::vertical().id_salt("events-inbox").show(ui, |ui| {
            for (i, s) in self.suggestions.iter().enumerate() {
                ui.push_id(i, |ui| {
                    ui.horizontal(|ui| {
                        let target = match s.target {
                            Target::Event(e) => t_args("events-suggest-join", &[("title", &self.book.get(e).map(|e| e.title.clone()).unwrap_or_default())]),
                            Target::Incident(l) => t_args("events-suggest-with", &[("incident", &self.label(&l))]),
                        };
                        ui.label(format!("{:.0}%", s.score * 100.0));
                        ui.label(format!("{} → {}", self.label(&s.incident), target));
                        if ui.button(t("events-accept")).clicked() {
                            *action = Some(Action::Events(EventAction::Accept(s.clone())));
                        }
                        if ui.button(t("events-reject")).clicked() {
                            *action = Some(Action::Events(EventAction::Reject(s.rejection())));
                        }
                    });
                    ui.label(RichText::new(reasons(s)).small().weak());
                });
                ui.separator();
            }
        });
    }

    /// Violation, province and years, like the case list's filters; the
    /// figures are counted again when one changes.
    fn stats_filter(&mut self, ui: &mut Ui) {
        let before = self.filter.clone();
        ui.horizontal(|ui| {
            let label = ui.label(t("events-filter-violation"));
            let shown = self.filter.violation.map(violation_label).unwrap_or_else(|| t("events-filter-all"));
            egui::ComboBox::from_id_salt("stats-violation").selected_text(shown).show_ui(ui, |ui| {
                ui.selectable_value(&mut self.filter.violation, None, t("events-filter-all"));
                for v in crate::model::ViolationType::ALL {
                    ui.selectable_value(&mut self.filter.violation, Some(v), violation_label(v));
                }
            })
            .response
            .labelled_by(label.id);
            let label = ui.label(t("events-filter-province"));
            ui.add(egui::TextEdit::singleline(&mut self.province_text).desired_width(140.0)).labelled_by(label.id);
            let label = ui.label(t("events-filter-from"));
            let mut from = self.filter.from_year.unwrap_or(0);
            ui.add(egui::DragValue::new(&mut from).range(0..=2100)).labelled_by(label.id);
            let label = ui.label(t("events-filter-until"));
            let mut until = self.filter.until_year.unwrap_or(0);
            ui.add(egui::DragValue::new(&mut until).range(0..=2100)).labelled_by(label.id);
            // 0 means no bound.
            self.filter.from_year = (from > 0).then_some(from);
            self.filter.until_year = (until > 0).then_some(until);
        });
        let province = self.province_text.trim();
        self.filter.province = (!province.is_empty()).then(|| province.to_string());
        if self.filter != before {
            self.stats = stats(&self.accounts, &self.book, &self.filter);
        }
    }

    fn statistics(&mut self, ui: &mut Ui) {
        self.stats_filter(ui);
        let total = &self.stats.total;
        ui.label(t_args(
            "cli-stats-total",
            &[("incidents", &total.incidents.to_string()), ("events", &total.events.to_string()), ("unlinked", &total.unlinked.to_string())],
        ));
        let years: Vec<Bar> = self.stats.by_year.iter().filter_map(|(y, c)| Some(Bar::new(f64::from((*y)?), f64::from(c.incidents)))).collect();
        ui.strong(t("events-chart-by-year"));
        Plot::new("by-year").height(180.0).allow_scroll(false).show(ui, |p| p.bar_chart(BarChart::new(t("cli-stats-incidents"), years)));
        ui.strong(t("events-chart-by-type"));
        let types: Vec<Bar> = self
            .stats
            .by_violation
            .iter()
            .enumerate()
            .map(|(i, (v, c))| Bar::new(i as f64, f64::from(c.incidents)).name(violation_label(*v)))
            .collect();
        Plot::new("by-type").height(180.0).allow_scroll(false).show(ui, |p| p.bar_chart(BarChart::new(t("cli-stats-incidents"), types)));
        egui::Grid::new("stats-table").striped(true).show(ui, |ui| {
            for key in ["cli-stats-violation", "cli-stats-year", "cli-stats-province", "cli-stats-incidents", "cli-stats-events", "cli-stats-unlinked"] {
                ui.strong(t(key));
            }
            ui.end_row();
            for r in &self.stats.rows {
                ui.label(violation_label(r.violation));
                ui.label(r.year.map(|y| y.to_string()).unwrap_or_else(|| t("cli-stats-unknown")));
                ui.label(if r.province.is_empty() { t("cli-stats-unknown") } else { r.province.clone() });
                ui.label(r.incidents.to_string());
                ui.label(r.events.to_string());
                ui.label(r.unlinked.to_string());
                ui.end_row();
            }
        });
        for (source, n) in &self.stats.by_source {
            ui.label(t_args("cli-stats-source", &[("source", &source_label(*source)), ("count", &n.to_string())]));
        }
    }
}

/// Why a suggestion was made, in words.
fn reasons(s: &Suggestion) -> String {
    let r = &s.reasons;
    let mut out = vec![t(&format!("events-place-{}", r.place))];
    if let (Some(o), Some(w)) = (r.overlap_days, r.widest_days) {
        out.push(t_args("events-reason-dates", &[("overlap", &o.to_string()), ("widest", &w.to_string())]));
    }
    if r.same_perpetrator == Some(true) {
        out.push(t("events-reason-perpetrator"));
    }
    if r.shared_words > 0 {
        out.push(t_args("events-reason-words", &[("count", &r.shared_words.to_string())]));
    }
    out.join(" · ")
}
