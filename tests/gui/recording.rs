//! Recording in the case form, with a synthetic 440 Hz tone injected as the
//! capture source (the real device is tested through the command line and
//! the real binary): the recording goes on while the interviewer types,
//! takes a marker by shortcut, and Stop attaches it to the form's case
//! without saving the unsaved edits; a lock (here the idle lock) during a
//! recording saves it first.

use crate::common::audio::{decode_attachment, dominant_frequency};
use crate::common::{self, files_containing};
use crate::drive::*;
use egui_kittest::kittest::Queryable;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;
use testimony_vault::audio::capture::{Source, ToneSource};
use testimony_vault::i18n::t;
use testimony_vault::ui::use_source_for_tests;

pub(crate) fn tone(_device: Option<String>) -> Box<dyn Source> {
    Box::new(ToneSource { frequency: 440.0, speed: 4.0, stop: Arc::new(AtomicBool::new(false)) })
}

pub(crate) fn new_saved_case(h: &mut Gui) {
    click(h, &t("list-new-case"));
    type_into(h, &t("form-pseudonym"), "박은정");
    click(h, &t("form-save"));
    assert!(!h.state().form_is_dirty());
}

/// A new vault in the window, a saved case open in the form, and Record
/// pressed with the tone as the source.
pub(crate) fn recording_in_a_new_case() -> (tempfile::TempDir, std::path::PathBuf, Gui) {
    use_source_for_tests(tone);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let mut h = harness(&dir);
    create_in_window(&mut h);
    new_saved_case(&mut h);
    click(&mut h, &t("recorder-record"));
    (tmp, dir, h)
}

pub(crate) fn recorded_at_least(h: &mut Gui, seconds: f64) {
    wait_until(h, "the recorder has recorded enough", |h| h.state().recording_status().is_some_and(|s| s.seconds >= seconds));
}

#[test]
fn record_while_typing_with_a_marker_then_stop_attaches_it() {
    let _serial = serial();
    let (_tmp, dir, mut h) = recording_in_a_new_case();
    recorded_at_least(&mut h, 1.0);
    // The form stays usable: typing while it records.
    type_into(&mut h, &t("form-narrative"), "회령에서 보위부에 끌려갔다.");
    type_into(&mut h, &t("recorder-marker-label"), "체포");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::M);
    h.run_ok();
    recorded_at_least(&mut h, 4.0);
    assert!(files_containing(&dir, b"OpusHead").is_empty(), "no sound in clear while recording");
    click(&mut h, &t("recorder-stop"));
    assert!(h.state().recording_status().is_none());

    let case = h.state().form_case().unwrap().clone();
    assert_eq!(case.attachments.len(), 1);
    let a = &case.attachments[0];
    let info = a.recording.clone().unwrap();
    assert!(info.duration_seconds >= 4.0, "{info:?}");
    assert_eq!(info.markers.len(), 1, "{info:?}");
    assert_eq!(info.markers[0].label, "체포");
    assert_eq!(case.narrative, "회령에서 보위부에 끌려갔다.", "the typed text is kept");
    assert!(h.state().form_is_dirty(), "the narrative is still unsaved");
    click(&mut h, &t("nav-lock"));
    let vault = common::open_vault(&dir);
    let stored = vault.load_case(case.id).unwrap();
    assert_eq!(stored.attachments, case.attachments);
    assert!(stored.narrative.is_empty(), "only the recording was saved");
    assert!((dominant_frequency(&decode_attachment(&vault, a), 48_000) - 440.0).abs() < 2.0);
}

#[test]
fn the_idle_lock_during_a_recording_saves_it_first() {
    let _serial = serial();
    let (_tmp, dir, mut h) = recording_in_a_new_case();
    let id = h.state().form_case().unwrap().id;
    recorded_at_least(&mut h, 2.5);
    h.state_mut().simulate_idle(Duration::from_secs(3600));
    h.run_ok();
    assert!(!h.state().is_unlocked(), "the idle lock fired");
    let vault = common::open_vault(&dir);
    assert!(vault.open_report().recordings.is_empty(), "nothing left to recover: it was saved before the lock");
    let stored = vault.load_case(id).unwrap();
    assert_eq!(stored.attachments.len(), 1);
    let info = stored.attachments[0].recording.clone().unwrap();
    assert!(info.duration_seconds >= 2.5 && info.recovered_cut_at.is_none(), "{info:?}");
}

#[test]
fn the_player_jumps_to_a_marker_and_stamps_the_transcription() {
    let _serial = serial();
    let (_tmp, dir, mut h) = recording_in_a_new_case();
    recorded_at_least(&mut h, 3.0);
    type_into(&mut h, &t("recorder-marker-label"), "경계");
    click(&mut h, &t("recorder-marker"));
    recorded_at_least(&mut h, 5.0);
    click(&mut h, &t("recorder-stop"));
    let marker = h.state().form_case().unwrap().attachments[0].recording.clone().unwrap().markers[0].clone();

    h.get_by_label(&t("player-open")).scroll_to_me();
    h.run_ok();
    click(&mut h, &t("player-open"));
    assert_eq!(h.state().player_state().map(|(_, p)| p), Some(0.0), "the player opened at the start");
    let link = format!("{} {}", testimony_vault::model::recording::clock(marker.at_seconds), marker.label);
    h.get_by_role_and_label(egui::accesskit::Role::Link, &link).click();
    h.run_ok();
    let (_, at) = h.state().player_state().unwrap();
    assert!((at - marker.at_seconds).abs() < 0.01, "jumped to the marker: {at}");
    type_into(&mut h, &t("player-transcript"), "증언: ");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::T);
    h.run_ok();
    let (text, _) = h.state().player_state().unwrap();
    let stamp = format!("[{}] ", testimony_vault::model::recording::clock(at));
    assert_eq!(text, format!("증언: {stamp}"));
    assert!(files_containing(&dir, b"OpusHead").is_empty(), "played from memory only");
}
