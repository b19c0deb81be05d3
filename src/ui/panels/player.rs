//! The player: a window over one recording, decrypted into memory only
//! (`audio::player`). Play/pause, a position slider, back 5 s, speed
//! 0.75–1.5x, the recording's markers (click to jump), and a transcription
//! box beside it where Ctrl+T inserts the current time as `[mm:ss]`.

use crate::audio::player::{Output, Playback};
use crate::i18n::{t, t_args};
use crate::model::recording::{clock, Marker};
use crate::model::AttachmentRef;
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
}

/// A recording's length and markers, under its row in the attachments list.
pub fn recording_facts(ui: &mut Ui, a: &AttachmentRef) {
    let Some(r) = &a.recording else { return };
    let mut text = t_args("player-facts", &[("duration", &clock(r.duration_seconds)), ("rate", &r.sample_rate.to_string())]);
    if let Some(at) = r.recovered_cut_at {
        text = format!("{text} · {}", t_args("player-recovered", &[("at", &clock(at))]));
    }
    ui.label(RichText::new(text).small());
    for m in &r.markers {
        ui.label(RichText::new(format!("{}  {}", clock(m.at_seconds), m.label)).small().weak());
    }
}

/// "Play" for a recording made in the app (Ogg Opus).
pub fn play_button(ui: &mut Ui, a: &AttachmentRef) -> Option<Action> {
    let playable = crate::vault::attachments::MediaKind::of(a) == crate::vault::attachments::MediaKind::Ogg;
    (playable && ui.button(t("player-open")).clicked()).then(|| Action::Record(RecordAction::OpenPlayer(a.id)))
}

impl PlayerPanel {
    pub fn show(&mut self, ctx: &egui::Context) {
        let mut open = self.open;
        egui::Window::new(t_args("player-title", &[("name", &self.name)]))
            .id(egui::Id::unique(("player", self.id)))
            .open(&mut open)
            .default_width(640.0)
            .show(ctx, |ui| {
                if let Some(e) = &self.error {
                    ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
                }
                ui.columns(2, |cols| {
                    self.controls(&mut cols[0]);
                    self.transcription(&mut cols[1]);
                });
            });
        self.open = open;
        if self.playback.lock().is_ok_and(|p| p.playing) {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    fn controls(&mut self, ui: &mut Ui) {
        let Ok(mut p) = self.playback.lock() else { return };
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
        for m in &self.markers {
            let text = format!("{} {}", clock(m.at_seconds), m.label);
            if ui.link(text).clicked() {
                let _ = p.seek(m.at_seconds);
            }
        }
    }

    fn transcription(&mut self, ui: &mut Ui) {
        let label = ui.label(RichText::new(t("player-transcript")).strong());
        let pressed = ui.ctx().input_mut(|i| i.consume_shortcut(&TIMESTAMP_KEY));
        let mut output = egui::TextEdit::multiline(&mut self.transcript).desired_rows(12).show(ui);
        output.response.response = output.response.response.clone().labelled_by(label.id);
        ui.label(RichText::new(t_args("player-transcript-hint", &[("key", &ui.ctx().format_shortcut(&TIMESTAMP_KEY))])).small().weak());
        if !pressed {
            return;
        }
        let at = self.playback.lock().map(|p| p.position()).unwrap_or(0.0);
        let stamp = format!("[{}] ", clock(at));
        let index = output.cursor_range.map_or(self.transcript.chars().count(), |r| r.primary.index.into());
        let byte = self.transcript.char_indices().nth(index).map_or(self.transcript.len(), |(b, _)| b);
        self.transcript.insert_str(byte, &stamp);
        let cursor = CCursor::new(index + stamp.chars().count());
        output.state.cursor.set_char_range(Some(CCursorRange::one(cursor)));
        output.state.store(ui.ctx(), output.response.id);
    }
}
