//! What the interviewer adds to a recording after it is made, and where it
//! records from: a marker linked to one of the case's incidents (in the
//! form, saved with the case, shown in review); the transcription typed
//! beside the player, saved as a revision under its label and back after a
//! lock; the input device chosen in Settings, saved in the vault and used
//! by Record, and a saved device that is gone asking before the default.

use crate::common::{self, PASS};
use crate::drive::*;
use crate::recording::{new_saved_case, recorded_at_least, recording_in_a_new_case, tone};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use testimony_vault::audio::capture::{DeviceSource, Source};
use testimony_vault::i18n::{labels, t, t_args};
use testimony_vault::model::recording::clock;
use testimony_vault::ui::use_source_for_tests;

/// Record a few seconds with one marker, stop, and return the form's case.
fn recorded_with_a_marker(h: &mut Gui, label: &str) -> testimony_vault::model::Case {
    recorded_at_least(h, 1.0);
    type_into(h, &t("recorder-marker-label"), label);
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    h.run_ok();
    recorded_at_least(h, 3.0);
    click(h, &t("recorder-stop"));
    h.state().form_case().unwrap().clone()
}

#[test]
fn a_marker_linked_to_an_incident_is_saved_with_the_case_and_shown_in_review() {
    let _serial = serial();
    let (_tmp, dir, mut h) = recording_in_a_new_case();
    let case = recorded_with_a_marker(&mut h, "체포");
    assert_eq!(case.attachments[0].recording.as_ref().unwrap().markers[0].incident, None);
    h.get_by_label(&t("form-incident-add")).scroll_to_me();
    h.run_ok();
    click_node(&mut h, &t("form-incident-add"));
    let incident = h.state().form_case().unwrap().incidents[0].clone();
    let title = testimony_vault::ui::panels::player::incident_title(0, &incident);

    // The marker's choice in the attachments section, named by the marker.
    let marker_text = format!("{}  체포", clock(case.attachments[0].recording.as_ref().unwrap().markers[0].at_seconds));
    let choice = || (egui::accesskit::Role::ComboBox, marker_text.as_str());
    h.get_by_role_and_label(choice().0, choice().1).scroll_to_me();
    h.run_ok();
    h.get_by_role_and_label(choice().0, choice().1).click();
    h.run_ok();
    click(&mut h, &title);
    let marker = h.state().form_case().unwrap().attachments[0].recording.clone().unwrap().markers[0].clone();
    assert_eq!(marker.incident, Some(incident.id), "linked in the form");
    assert!(h.state().form_is_dirty(), "an edit of the form, saved by Save");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_ok();
    assert!(!h.state().form_is_dirty());

    // Review names the incident beside the marker.
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run_ok();
    click(&mut h, &case.code);
    assert_eq!(h.state().view(), Some(testimony_vault::ui::View::Review));
    let linked = format!("{}  체포  {}", clock(marker.at_seconds), t_args("recording-marker-linked", &[("incident", &title)]));
    assert!(shown(&h, &linked), "review shows {linked}");

    click(&mut h, &t("nav-lock"));
    let vault = common::open_vault(&dir);
    let stored = vault.load_case(case.id).unwrap();
    let stored_marker = &stored.attachments[0].recording.as_ref().unwrap().markers[0];
    assert_eq!((stored_marker.label.as_str(), stored_marker.incident), ("체포", Some(incident.id)));
    let last = stored.history.last().unwrap();
    assert!(last.changed_fields.iter().any(|f| f.starts_with("attachments[0].recording.markers[0]")), "{last:?}");
}

#[test]
fn the_transcription_is_saved_with_the_case_under_its_label_and_survives_a_lock() {
    let _serial = serial();
    let (_tmp, dir, mut h) = recording_in_a_new_case();
    let case = recorded_with_a_marker(&mut h, "국경");
    h.get_by_label(&t("player-open")).scroll_to_me();
    h.run_ok();
    click(&mut h, &t("player-open"));
    type_into(&mut h, &t("player-transcript"), "김 씨가 말하기를 ");
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run_ok();
    let (text, at) = h.state().player_state().unwrap();
    let expected = format!("김 씨가 말하기를 [{}] ", clock(at));
    assert_eq!(text, expected);
    let in_form = h.state().form_case().unwrap().attachments[0].recording.clone().unwrap().transcript;
    assert_eq!(in_form, expected, "the form holds the transcription");
    assert!(h.state().form_is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_ok();
    assert!(!h.state().form_is_dirty(), "saved");

    click(&mut h, &t("nav-lock"));
    assert!(!h.state().is_unlocked());
    let vault = common::open_vault(&dir);
    let stored = vault.load_case(case.id).unwrap();
    assert_eq!(stored.attachments[0].recording.as_ref().unwrap().transcript, expected);
    let last = stored.history.last().unwrap();
    let path = "attachments[0].recording.transcript";
    assert!(last.changed_fields.iter().any(|f| f == path), "{last:?}");
    let label = labels::changed_field_label(path);
    assert_eq!(label, format!("{}: {}", t("form-section-attachments"), t("player-transcript")));
    drop(vault);

    unlock(&mut h, PASS);
    wait_until(&mut h, "unlocked", |h| h.state().is_unlocked());
    let back = h.state().form_case().unwrap().attachments[0].recording.clone().unwrap().transcript;
    assert_eq!(back, expected, "back after the lock");
    h.get_by_label(&t("player-open")).scroll_to_me();
    h.run_ok();
    click(&mut h, &t("player-open"));
    assert_eq!(h.state().player_state().unwrap().0, expected, "the player opens on the saved transcription");
}

/// The tone for the default device; the real device lookup for a named one.
fn tone_or_named_device(device: Option<String>) -> Box<dyn Source> {
    match device {
        None => tone(None),
        Some(name) => Box::new(DeviceSource::new(Some(name))),
    }
}

#[test]
fn the_device_chosen_in_settings_is_saved_and_a_gone_one_asks_before_the_default() {
    let _serial = serial();
    use_source_for_tests(tone_or_named_device);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let mut h = harness(&dir);
    create_in_window(&mut h);

    // Settings lists the devices cpal sees; whichever is chosen is saved.
    click(&mut h, &t("nav-settings"));
    h.get_by_label(&t("settings-input-device-list")).scroll_to_me();
    h.run_ok();
    click(&mut h, &t("settings-input-device-list"));
    let devices = testimony_vault::audio::capture::input_devices().unwrap_or_default();
    let chosen = devices.iter().find(|d| !d.is_default).or(devices.first()).map(|d| d.name.clone());
    if let Some(name) = &chosen {
        h.get_by_role_and_label(egui::accesskit::Role::ComboBox, &t("settings-input-device")).click();
        h.run_ok();
        click(&mut h, name);
        h.get_by_label(&t("settings-save")).scroll_to_me();
        h.run_ok();
        click(&mut h, &t("settings-save"));
    }
    click(&mut h, &t("nav-lock"));
    if let Some(name) = &chosen {
        assert_eq!(common::open_vault(&dir).config().input_device.as_deref(), Some(name.as_str()));
    } else {
        assert!(std::env::var("CI").is_err(), "under CI, cpal lists ALSA's devices");
        eprintln!("no input device listed: the choice in Settings is not exercised");
    }

    // A saved device that is not connected: Record says so and records
    // nothing until the user agrees to the default.
    let mut vault = common::open_vault(&dir);
    let mut config = vault.config().clone();
    config.input_device = Some("USB 마이크 (없음)".into());
    vault.set_config(config).unwrap();
    drop(vault);
    unlock(&mut h, PASS);
    wait_until(&mut h, "unlocked", |h| h.state().is_unlocked());
    new_saved_case(&mut h);
    click(&mut h, &t("recorder-record"));
    assert!(h.state().recording_status().is_none(), "not recording from another device silently");
    assert!(shown(&h, &t_args("recorder-device-missing", &[("name", "USB 마이크 (없음)")])));
    click(&mut h, &t("recorder-use-default"));
    recorded_at_least(&mut h, 1.0);
    click(&mut h, &t("recorder-stop"));
    assert_eq!(h.state().form_case().unwrap().attachments.len(), 1, "recorded from the default");
}
