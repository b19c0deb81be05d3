//! The player: a window over one recording, decrypted into memory only
//! (`audio::player`). Play/pause, a position slider, back 5 s, speed
//! 0.75–1.5x, the recording's markers (click to jump, each linkable to an
//! incident of the case), and a transcription box beside it where Ctrl+T
//! inserts the current time as `[mm:ss]`. The transcription and the links
//! are the case's: the panel hands them to the form as actions, and the
//! form's Save makes them a revision like any edit.

use crate::audio::player::{Output, Playback};
use crate::i18n::{t, t_args};
use crate::i18n::labels::violation_label;
use crate::model::recording::{clock, Marker};
use crate::model::{AttachmentRef, Incident};
use crate::ui::app::action::RecordAction;
use crate::ui::Action;
use egui::text::{CCursor, CCursorRange};
use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};
use std::sync::{Arc, Mutex};
use uuid::Uuid;

/// Inserts the current time into the transcription.
pub const TIMESTAMP_KEY: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::T);
const SKIP_BACK: f64 = 5.0;

pub struct PlayerPanel {
    pub id: Uuid,
    pub name: String,
    pub markers: Vec<Marker>,
    pub playback: Arc<Mutex<Playback>>,
    /// None when no output device could be opened (the error says so).
    pub output: Option<Output>,
    pub error: Option<String>,
    pub transcript: String,
    pub open: bool,
    /// The incidents of the case, to link markers to (set by the app).
    pub incidents: Vec<(Uuid, String)>,
}

/// "Incident 2: Torture", as the form titles it.
pub fn incident_title(index: usize, incident: &Incident) -> String {
    let n = t_args("form-incident-title", &[("n", &(index + 1).to_string())]);
    format!("{n}: {}", violation_label(incident.violation))
}

/// The incidents of a case as the marker links name them.
pub fn incident_titles(incidents: &[Incident]) -> Vec<(Uuid, String)> {
    incidents.iter().enumerate().map(|(i, inc)| (inc.id, incident_title(i, inc))).collect()
}

/// One marker as shown: time, label and the incident it is linked to.
fn marker_text(m: &Marker, incidents: &[(Uuid, String)]) -> String {
    let linked = m.incident.and_then(|id| incidents.iter().find(|(i, _)| *i == id));
    match linked {
        Some((_, title)) => format!("{}  {}  {}", clock(m.at_seconds), m.label, t_args("recording-marker-linked", &[("incident", title)])),
        None => format!("{}  {}", clock(m.at_seconds), m.label),
    }
}

/// A choice of the case's incidents for marker `index` of recording
/// `attachment`; the link chosen, as an action.
/// `label`: the marker's text beside it, which names the choice for a
/// screen reader.
pub fn marker_link(ui: &mut Ui, label: egui::Id, attachment: Uuid, index: usize, m: &Marker, incidents: &[(Uuid, String)]) -> Option<Action> {
    let none = t("recording-marker-no-incident");
    let shown = m.incident.and_then(|id| incidents.iter().find(|(i, _)| *i == id)).map_or(none.clone(), |(_, title)| title.clone());
    let mut chosen = m.incident;
    egui::ComboBox::from_id_salt(("marker-incident", attachment, index))
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut chosen, None, none);
            for (id, title) in incidents {
                ui.selectable_value(&mut chosen, Some(*id), title);
            }
        })
        .response
        .labelled_by(label)
        .on_hover_text(t("recording-marker-incident"));
    (chosen != m.incident).then_some(Action::Record(RecordAction::LinkMarker { attachment, marker: index, incident: chosen }))
}

/// A recording's length and markers (with their incidents), in review.
pub fn recording_facts(ui: &mut Ui, a: &AttachmentRef, incidents: &[Incident]) {
    let Some(r) = &a.recording else { return };
    let titles = incident_titles(incidents);
    let mut text = t_args("player-facts", &[("duration", &clock(r.duration_seconds)), ("rate", &r.sample_rate.to_string())]);
    if let Some(at) = r.recovered_cut_at {
        text = format!("{text} · {}", t_args("player-recovered", &[("at", &clock(at))]));
    }
    ui.label(RichText::new(text).small());
    for m in &r.markers {
        ui.label(RichText::new(marker_text(m, &titles)).small().weak());
    }
}

/// As [`recording_facts`], in the form: each marker with a choice of the
/// incident it is about.
pub fn recording_facts_linkable(ui: &mut Ui, a: &AttachmentRef, incidents: &[Incident]) -> Option<Action> {
    let Some(r) = &a.recording else { return None };
    let titles = incident_titles(incidents);
    let mut action = None;
    let mut text = t_args("player-facts", &[("duration", &clock(r.duration_seconds)), ("rate", &r.sample_rate.to_string())]);
    if let Some(at) = r.recovered_cut_at {
        text = format!("{text} · {}", t_args("player-recovered", &[("at", &clock(at))]));
    }
    ui.label(RichText::new(text).small());
    for (i, m) in r.markers.iter().enumerate() {
        ui.horizontal(|ui| {
            let label = ui.label(RichText::new(format!("{}  {}", clock(m.at_seconds), m.label)).small().weak());
            action = marker_link(ui, label.id, a.id, i, m, &titles).or(action.take());
        });
    }
    action
}

/// "Play" for a recording made in the app (Ogg Opus).
pub fn play_button(ui: &mut Ui, a: &AttachmentRef) -> Option<Action> {
    let playable = crate::vault::attachments::MediaKind::of(a) == crate::vault::attachments::MediaKind::Ogg;
    (playable && ui.button(t("player-open")).clicked()).then(|| Action::Record(RecordAction::OpenPlayer(a.id)))
}

impl PlayerPanel {
    /// The window; returns a marker link or a transcription change, for
    /// the form's case.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Action> {
        let mut open = self.open;
        let mut action = None;
        egui::Window::new(t_args("player-title", &[("name", &self.name)]))
            .id(egui::Id::unique(("player", self.id)))
            .open(&mut open)
            .default_width(640.0)
            .show(ctx, |ui| {
                if let Some(e) = &self.error {
                    ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
                }
                ui.columns(2, |cols| {
                    action = self.controls(&mut cols[0]);
                    action = self.transcription(&mut cols[1]).or(action.take());
                });
            });
        self.open = open;
        if self.playback.lock().is_ok_and(|p| p.playing) {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        action
    }

    fn controls(&mut self, ui: &mut Ui) -> Option<Action> {
        let Ok(mut p) = self.playback.lock() else { return None };
        let (mut pos, duration) = (p.position(), p.duration());
        ui.label(RichText::new(format!("{} / {}", clock(pos), clock(duration))).monospace());
        ui.horizontal(|ui| {
            let label = if p.playing { t("player-pause") } else { t("player-play") };
            if ui.button(label).clicked() {
                p.playing = !p.playing;
            }
            if ui.button(t("player-back")).clicked() {
                let _ = p.seek(pos - SKIP_BACK);
            }
        });
        let slider = ui.add(egui::Slider::new(&mut pos, 0.0..=duration.max(0.01)).show_value(false).text(t("player-position")));
        if slider.changed() {
            let _ = p.seek(pos);
        }
        ui.add(egui::Slider::new(&mut p.speed, 0.75..=1.5).step_by(0.25).suffix("×").text(t("player-speed")));
        ui.label(RichText::new(t("player-markers")).strong());
        let mut action = None;
        for (i, m) in self.markers.iter().enumerate() {
            ui.horizontal(|ui| {
                let link = ui.link(format!("{} {}", clock(m.at_seconds), m.label));
                if link.clicked() {
                    let _ = p.seek(m.at_seconds);
                }
                action = marker_link(ui, link.id, self.id, i, m, &self.incidents).or(action.take());
            });
        }
        action
    }

    fn transcription(&mut self, ui: &mut Ui) -> Option<Action> {
        let label = ui.label(RichText::new(t("player-transcript")).strong());
        let pressed = ui.ctx().input_mut(|i| i.consume_shortcut(&TIMESTAMP_KEY));
        let mut output = egui::TextEdit::multiline(&mut self.transcript).desired_rows(12).show(ui);
        output.response.response = output.response.response.clone().labelled_by(label.id);
        ui.label(RichText::new(t_args("player-transcript-hint", &[("key", &ui.ctx().format_shortcut(&TIMESTAMP_KEY))])).small().weak());
        ui.label(RichText::new(t("player-transcript-unsaved")).small().weak());
        let typed = output.response.response.changed();
        let changed = Some(Action::Record(RecordAction::Transcript { attachment: self.id, text: self.transcript.clone() }));
        if !pressed {
            return if typed { changed } else { None };
        }
        let at = self.playback.lock().map(|p| p.position()).unwrap_or(0.0);
        let stamp = format!("[{}] ", clock(at));
        let index = output.cursor_range.map_or(self.transcript.chars().count(), |r| r.primary.index.into());
        let byte = self.transcript.char_indices().nth(index).map_or(self.transcript.len(), |(b, _)| b);
        self.transcript.insert_str(byte, &stamp);
        let cursor = CCursor::new(index + stamp.chars().count());
        output.state.cursor.set_char_range(Some(CCursorRange::one(cursor)));
        output.state.store(ui.ctx(), output.response.id);
        Some(Action::Record(RecordAction::Transcript { attachment: self.id, text: self.transcript.clone() }))
    }
}
