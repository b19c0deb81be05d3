//! `record` against a real sound server (a private PulseAudio with a 440 Hz
//! sine source): the attachment decrypts and decodes to the length asked
//! and to 440 Hz; bad paths (no such device, the server stopped in the
//! middle, the vault held by another process) say so and keep what was
//! captured; and no file of the vault ever holds an Ogg page in clear.

use crate::commands::{fails, init_with_cases, ok, tv};
use crate::common::audio::{decode_attachment, dominant_frequency, PulseServer};
use crate::common::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use testimony_vault::model::AttachmentRef;

fn record(server: &PulseServer, vault: &Path) -> Command {
    let mut c = tv(vault);
    server.env(&mut c);
    c.arg("record");
    c
}

/// The one recording of case `code`.
fn recording_of(vault: &Path, code: &str) -> (testimony_vault::vault::Vault, AttachmentRef) {
    let v = open_vault(vault);
    let id = v.summaries().find(|s| s.code == code).unwrap().id;
    let case = v.load_case(id).unwrap();
    assert_eq!(case.attachments.len(), 1, "{:?}", case.attachments);
    let a = case.attachments[0].clone();
    (v, a)
}

/// Files of the vault that hold an Ogg page or an Opus header in clear.
fn clear_audio(vault: &Path) -> Vec<std::path::PathBuf> {
    let mut found = files_containing(vault, b"OggS");
    found.extend(files_containing(vault, b"OpusHead"));
    found
}

#[test]
fn record_n_seconds_decodes_to_that_length_at_440_hz() {
    let Some(server) = PulseServer::start("record_n_seconds") else { return };
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    init_with_cases(&vault, 1);
    let out = ok(record(&server, &vault).args(["NK-2026-0001", "--seconds", "4", "--description", "면담 1"]));
    assert!(out.contains("Saved a recording of 00:04"), "{out}");

    let (v, a) = recording_of(&vault, "NK-2026-0001");
    let info = a.recording.clone().expect("recording info");
    assert!((info.duration_seconds - 4.0).abs() < 0.05, "{info:?}");
    assert_eq!((info.codec.as_str(), info.sample_rate, a.media_type.as_str()), ("opus", 48_000, "audio/ogg"));
    assert_eq!(a.description, "면담 1");
    let samples = decode_attachment(&v, &a);
    let seconds = samples.len() as f64 / 48_000.0;
    assert!((seconds - 4.0).abs() < 0.05, "decoded {seconds} s");
    let f = dominant_frequency(&samples, 48_000);
    assert!((f - 440.0).abs() < 3.0, "dominant frequency {f} Hz");
    // Opus at 24 kbps: about 3 KB a second, not a PCM-sized file.
    assert!(a.size < 4 * 5_000, "{} bytes", a.size);
    assert!(clear_audio(&vault).is_empty());
    assert!(v.pending_recordings().is_empty());
}

#[test]
fn no_sample_in_clear_during_and_after_a_recording() {
    let Some(server) = PulseServer::start("no_sample_in_clear") else { return };
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    init_with_cases(&vault, 1);
    let mut child = record(&server, &vault).args(["NK-2026-0001", "--seconds", "6"]).stdout(Stdio::null()).spawn().unwrap();
    let start = Instant::now();
    let mut scans = 0;
    while child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < Duration::from_secs(30), "recording did not end");
        let found = clear_audio(&vault);
        assert!(found.is_empty(), "audio in clear while recording: {found:?}");
        scans += 1;
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(child.wait().unwrap().success());
    assert!(scans > 5, "the scan ran {scans} times");
    assert!(clear_audio(&vault).is_empty());
    // Nor in the temporary folder.
    let tmp = std::env::temp_dir();
    let leaked: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| e.metadata().and_then(|m| m.modified()).is_ok_and(|m| m.elapsed().is_ok_and(|d| d < start.elapsed())))
        .filter(|e| std::fs::read(e.path()).is_ok_and(|b| b.windows(8).any(|w| w == b"OpusHead")))
        .map(|e| e.path())
        .collect();
    assert!(leaked.is_empty(), "{leaked:?}");
}

#[test]
fn a_stopped_server_is_reported_and_what_was_captured_is_kept() {
    let Some(mut server) = PulseServer::start("stopped_server") else { return };
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    init_with_cases(&vault, 1);
    let child = record(&server, &vault).args(["NK-2026-0001", "--seconds", "30"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    std::thread::sleep(Duration::from_secs(4));
    server.kill();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}");
    assert!(stderr.contains("The input device stopped"), "{stderr}");
    assert!(stdout.contains("Saved a recording"), "{stdout}");
    let (_, a) = recording_of(&vault, "NK-2026-0001");
    let seconds = a.recording.unwrap().duration_seconds;
    assert!(seconds > 1.5 && seconds < 10.0, "{seconds} s kept");
}

#[test]
fn no_such_device_and_a_vault_held_elsewhere_are_plain_errors() {
    let Some(server) = PulseServer::start("bad_paths") else { return };
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    init_with_cases(&vault, 1);
    let err = fails(record(&server, &vault).args(["NK-2026-0001", "--seconds", "1", "--device", "no-such-microphone"]));
    assert!(err.contains("No input device is called “no-such-microphone”"), "{err}");
    let listed = ok(record(&server, &vault).arg("--list-devices"));
    assert!(listed.lines().any(|l| l.starts_with('*')), "{listed}");

    let held = open_vault(&vault);
    let err = fails(record(&server, &vault).args(["NK-2026-0001", "--seconds", "1"]));
    assert!(err.contains("open") && err.contains(&std::process::id().to_string()), "{err}");
    drop(held);
    assert!(open_vault(&vault).pending_recordings().is_empty(), "nothing started");
}

#[test]
fn a_44100_hz_stereo_source_records_at_440_hz_for_the_length_asked() {
    let modules = [
        "module-sine-source frequency=440 rate=44100 source_name=sine44",
        "module-remap-source master=sine44 source_name=sine44s channels=2 master_channel_map=mono,mono channel_map=front-left,front-right",
    ];
    let Some(server) = PulseServer::start_with("record_44100_stereo", &modules, "sine44s") else { return };
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    init_with_cases(&vault, 1);
    ok(record(&server, &vault).args(["NK-2026-0001", "--seconds", "4"]));
    let (v, a) = recording_of(&vault, "NK-2026-0001");
    let info = a.recording.clone().unwrap();
    assert!((info.duration_seconds - 4.0).abs() < 0.05, "{info:?}");
    let samples = decode_attachment(&v, &a);
    assert!((samples.len() as f64 / 48_000.0 - 4.0).abs() < 0.05, "decoded {} samples", samples.len());
    let f = dominant_frequency(&samples, 48_000);
    assert!((f - 440.0).abs() < 3.0, "dominant frequency {f} Hz");
}

#[test]
fn the_device_saved_in_settings_is_used_and_device_default_overrides_it() {
    let Some(server) = PulseServer::start("saved_device") else { return };
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    init_with_cases(&vault, 1);
    let mut v = open_vault(&vault);
    let mut config = v.config().clone();
    config.input_device = Some("USB mic, unplugged".into());
    v.set_config(config).unwrap();
    drop(v);
    // Gone: a plain error naming it, not another microphone silently.
    let err = fails(record(&server, &vault).args(["NK-2026-0001", "--seconds", "1"]));
    assert!(err.contains("No input device is called “USB mic, unplugged”"), "{err}");
    let out = ok(record(&server, &vault).args(["NK-2026-0001", "--seconds", "2", "--device", "default"]));
    assert!(out.contains("Saved a recording of 00:02"), "{out}");
}

#[test]
fn no_sound_server_or_device_is_a_plain_error_and_nothing_is_left_half_done() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    init_with_cases(&vault, 1);
    // ALSA's default routed to a PulseAudio that is not running (and may
    // not be started on demand): the machine has no usable input.
    let home = dir.path().join("home");
    std::fs::create_dir_all(home.join("run")).unwrap();
    std::fs::write(home.join(".asoundrc"), "pcm.!default { type pulse }\nctl.!default { type pulse }\n").unwrap();
    std::fs::write(home.join("client.conf"), "autospawn = no\n").unwrap();
    let mut c = tv(&vault);
    c.env("HOME", &home).env("XDG_RUNTIME_DIR", home.join("run")).env("PULSE_CLIENTCONFIG", home.join("client.conf")).env_remove("PULSE_SERVER");
    // (ALSA's own library may print its complaint first.)
    let out = crate::commands::run(c.args(["record", "NK-2026-0001", "--seconds", "2"]));
    assert!(!out.ok, "{}", out.stdout);
    let err = out.stderr;
    let plain = ["No microphone or other input device was found", "The input device could not be used"];
    assert!(err.lines().any(|l| l.starts_with("testimony-vault: ") && plain.iter().any(|p| l.contains(p))), "{err}");
    let v = open_vault(&vault);
    assert!(v.pending_recordings().is_empty(), "no recording folder left behind");
    let id = v.summaries().next().unwrap().id;
    assert!(v.load_case(id).unwrap().attachments.is_empty());
}
