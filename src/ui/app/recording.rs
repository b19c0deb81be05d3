//! The window's recorder: started from the case form, running on its own
//! thread while the interviewer keeps typing, polled each frame for the
//! level and the time, and finished (segments joined into an attachment of
//! the form's case) on Stop, when the device goes, and before any lock or
//! close: the recording is saved first, then the vault locks.

use super::jobs::VaultHandle;
use super::session::Session;
use crate::audio::capture::{self, DeviceSource, Source};
use crate::audio::recorder::{self, RecorderHandle};
use crate::audio::segments::PendingMeta;
use crate::i18n::{t, t_args};
use crate::model::recording::clock;
use crate::ui::app::action::RecordAction;
use crate::audio::player::{Output, Playback};
use crate::ui::panels::player::PlayerPanel;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use uuid::Uuid;

/// A recording under way, for one case.
pub struct Active {
    handle: RecorderHandle,
    case_id: Uuid,
}

/// Where the window's recordings come from instead of a device (window
/// tests, which run without a sound server), given the device asked for
/// (`None`: the default). Never set in the program.
type MakeSource = fn(Option<String>) -> Box<dyn Source>;
static TEST_SOURCE: Mutex<Option<MakeSource>> = Mutex::new(None);

pub fn use_source_for_tests(source: MakeSource) {
    *TEST_SOURCE.lock().unwrap_or_else(|e| e.into_inner()) = Some(source);
}

fn source(device: Option<String>) -> Box<dyn Source> {
    match *TEST_SOURCE.lock().unwrap_or_else(|e| e.into_inner()) {
        Some(make) => make(device),
        None => Box::new(DeviceSource::new(device)),
    }
}

pub(super) fn act_record(s: &mut Session, vault: VaultHandle, action: RecordAction) {
    match action {
        RecordAction::Start { device } => start(s, vault, device, false),
        RecordAction::StartFromDefault => start(s, vault, None, true),
        RecordAction::Pause => s.recording.iter().for_each(|a| a.handle.pause()),
        RecordAction::Resume => s.recording.iter().for_each(|a| a.handle.resume()),
        RecordAction::Marker(label) => s.recording.iter().for_each(|a| a.handle.marker(label.trim())),
        RecordAction::Stop => finish(s),
        RecordAction::OpenPlayer(id) => open_player(s, &vault, id),
        RecordAction::LinkMarker { .. } | RecordAction::Transcript { .. } => edit_form(s, action),
        RecordAction::ListDevices => list_devices(s),
    }
}

/// The input devices, for the recorder's choice and for Settings.
fn list_devices(s: &mut Session) {
    match capture::input_devices() {
        Ok(list) => {
            if let Some(settings) = &mut s.settings {
                settings.devices = Some(list.clone());
            }
            if let Some(form) = &mut s.form {
                form.recorder.devices = Some(list);
            }
        }
        Err(e) => {
            if let Some(settings) = &mut s.settings {
                settings.error = Some(e.to_string());
            }
            if let Some(form) = &mut s.form {
                form.recorder.message = Some((e.to_string(), true));
            }
        }
    }
}

/// Start recording into the form's case: from `device`, else the device
/// saved in Settings, else (or when `use_default`) the system's default.
/// A saved device that is gone is not silently replaced: the panel says so
/// and offers the default.
fn start(s: &mut Session, vault: VaultHandle, device: Option<String>, use_default: bool) {
    let Some(form) = &mut s.form else { return };
    if s.recording.is_some() || form.is_new {
        return;
    }
    let (started, saved_device) = {
        let v = vault.read();
        let saved = v.config().input_device.clone().filter(|_| device.is_none() && !use_default);
        let editor = crate::vault::editor_name(v.config(), Some(&form.case));
        let meta = PendingMeta::starting(&form.case, editor, String::new());
        let chosen = device.or(saved.clone());
        (recorder::start(v.dir(), v.key().recipient().clone(), meta, source(chosen), None), saved)
    };
    form.recorder.device_missing = None;
    match started {
        Ok(handle) => {
            form.recorder.message = None;
            s.recording = Some(Active { handle, case_id: form.case.id });
        }
        Err(crate::audio::AudioError::NoSuchDevice { name }) if saved_device.as_ref() == Some(&name) => {
            form.recorder.message = None;
            form.recorder.device_missing = Some(name);
        }
        Err(e) => form.recorder.message = Some((e.to_string(), true)),
    }
}

/// Stop the recording (if any) and attach it. Without the vault at hand
/// (a job holds it), the segments stay and the next unlock attaches them.
pub(super) fn finish(s: &mut Session) {
    let Some(active) = s.recording.take() else { return };
    let ended = active.handle.stop();
    let mut lines: Vec<(String, bool)> = ended.error.iter().map(|e| (e.to_string(), true)).collect();
    let result = s.vault.handle().map(|vault| {
        let mut v = vault.write();
        match s.form.as_mut().filter(|f| f.case.id == active.case_id) {
            Some(form) => v.finish_recording_into(ended.recording, &mut form.case),
            None => v.finish_recording(ended.recording, false).map(|done| done.map(|(_, a)| a)),
        }
    });
    match result {
        Some(Ok(Some(a))) => {
            let at = clock(a.recording.as_ref().map_or(ended.seconds, |r| r.duration_seconds));
            lines.push((t_args("recorder-saved", &[("duration", &at), ("name", &a.file_name)]), false));
            if let Some(form) = &mut s.form {
                form.attachments.done();
            }
        }
        Some(Ok(None)) => {}
        Some(Err(e)) => lines.extend([(e.to_string(), true), (t("recording-kept-for-next-unlock"), true)]),
        None => lines.push((t("recording-kept-for-next-unlock"), true)),
    }
    if let Some(form) = s.form.as_mut().filter(|f| f.case.id == active.case_id) {
        let is_error = lines.iter().any(|(_, e)| *e);
        let text = lines.into_iter().map(|(l, _)| l).collect::<Vec<_>>().join(" ");
        form.recorder.message = Some((text, is_error));
        form.recorder.status = None;
    } else {
        for (line, is_error) in lines {
            if is_error {
                s.add_error(line);
            }
        }
    }
}

/// A marker link or a transcription: an edit of the form's case (saved by
/// its Save, as a revision, like any edit), mirrored in the open player.
fn edit_form(s: &mut Session, action: RecordAction) {
    let Some(form) = &mut s.form else { return };
    match action {
        RecordAction::LinkMarker { attachment, marker, incident } => {
            form.edit_recording(attachment, |r| {
                if let Some(m) = r.markers.get_mut(marker) {
                    m.incident = incident;
                }
            });
            if let Some(m) = s.player.as_mut().filter(|p| p.id == attachment).and_then(|p| p.markers.get_mut(marker)) {
                m.incident = incident;
            }
        }
        RecordAction::Transcript { attachment, text } => form.edit_recording(attachment, |r| r.transcript = text),
        _ => {}
    }
}

/// Largest recording the player decrypts into memory (about 80 hours of
/// speech at 24 kbps).
const PLAYER_LIMIT: u64 = 1 << 30;

fn open_player(s: &mut Session, vault: &VaultHandle, id: Uuid) {
    let Some(form) = &mut s.form else { return };
    let Some(a) = form.case.attachments.iter().find(|a| a.id == id).cloned() else { return };
    let loaded = vault.read().read_attachment_verified(&a, PLAYER_LIMIT).map_err(|e| e.to_string());
    let playback = loaded.and_then(|bytes| Playback::new(bytes).map_err(|e| e.to_string()));
    match playback {
        Ok(playback) => {
            let playback = Arc::new(Mutex::new(playback));
            let (output, error) = match Output::start(playback.clone()) {
                Ok(o) => (Some(o), None),
                Err(e) => (None, Some(e.to_string())),
            };
            let markers = a.recording.as_ref().map(|r| r.markers.clone()).unwrap_or_default();
            let transcript = a.recording.as_ref().map(|r| r.transcript.clone()).unwrap_or_default();
            let incidents = crate::ui::panels::player::incident_titles(&form.case.incidents);
            s.player = Some(PlayerPanel { id, name: a.file_name, markers, playback, output, error, transcript, open: true, incidents });
        }
        Err(e) => form.recorder.message = Some((e, true)),
    }
}

/// The player window, while open; closing it drops the decrypted sound.
pub(super) fn show_player(ctx: &egui::Context, session: Option<&mut Session>) {
    let Some(s) = session else { return };
    let Some(player) = &mut s.player else { return };
    let action = player.show(ctx);
    if !player.open {
        s.player = None;
    }
    if let Some(crate::ui::Action::Record(edit)) = action {
        edit_form(s, edit);
    }
}

/// Each frame: the status for the form, and a recording that ended by
/// itself (the device went) is finished.
pub(super) fn poll(ctx: &egui::Context, session: Option<&mut Session>) {
    let Some(s) = session else { return };
    let Some(active) = &s.recording else {
        if let Some(form) = &mut s.form {
            form.recorder.status = None;
            // What Record uses when nothing is chosen beside it.
            if let Some(vault) = s.vault.handle() {
                form.recorder.saved_device = vault.read().config().input_device.clone();
            }
        }
        return;
    };
    if active.handle.is_finished() {
        finish(s);
        return;
    }
    let status = active.handle.status();
    if let Some(form) = &mut s.form {
        form.recorder.status = (form.case.id == active.case_id).then_some(status);
    }
    ctx.request_repaint_after(Duration::from_millis(100));
}

impl super::App {
    /// The recorder's status while one runs (tests, and the window's own
    /// checks).
    pub fn recording_status(&self) -> Option<recorder::Status> {
        self.session.as_ref()?.recording.as_ref().map(|a| a.handle.status())
    }
}

impl super::App {
    /// The open player's transcription and position (tests).
    pub fn player_state(&self) -> Option<(String, f64)> {
        let player = self.session.as_ref()?.player.as_ref()?;
        let position = player.playback.lock().map(|p| p.position()).unwrap_or(0.0);
        Some((player.transcript.clone(), position))
    }
}
