//! Recording through the library with a synthetic tone (no sound server):
//! segments become one attachment with its length, codec and markers; a
//! recording left by a crash is recovered at the next open; the attachment
//! travels in bundles; and cases written before recordings existed read
//! unchanged.

use crate::common::audio::{decode_attachment, dominant_frequency};
use crate::common::*;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};
use testimony_vault::audio::capture::ToneSource;
use testimony_vault::audio::encoder::OggOpusEncoder;
use testimony_vault::audio::recorder;
use testimony_vault::audio::segments::{PendingMeta, SegmentWriter};
use testimony_vault::bundle::{self, ExportOptions, Profile, Selection, Unlock};
use testimony_vault::model::recording::clock;
use testimony_vault::model::{now_utc, AttachmentRef, Case};
use testimony_vault::sample::sample_case;
use testimony_vault::vault::attachments::recording::Recovered;
use testimony_vault::vault::Vault;
use uuid::Uuid;

fn meta_for(case: &Case) -> PendingMeta {
    PendingMeta {
        case_id: case.id,
        attachment_id: Uuid::new_v4(),
        file_name: "interview.ogg".into(),
        description: "면담".into(),
        editor: "면담자 A".into(),
        started_at: now_utc(),
        sample_rate: 48_000,
        markers: Vec::new(),
    }
}

pub(crate) fn vault_with_case(dir: &Path) -> (Vault, Case) {
    let mut v = create_vault(dir);
    let mut case = sample_case(1, 200);
    v.save_case(&mut case, "A").unwrap();
    (v, case)
}

/// Record `seconds` of a 440 Hz tone at 20 times real time, dropping a
/// marker at about a third, and attach it.
pub(crate) fn record_tone(v: &mut Vault, case: &Case, seconds: f64) -> AttachmentRef {
    let tone = ToneSource { frequency: 440.0, speed: 20.0, stop: Arc::new(AtomicBool::new(false)) };
    let handle = recorder::start(v.dir(), v.key().recipient().clone(), meta_for(case), Box::new(tone), Some(seconds)).unwrap();
    let start = Instant::now();
    while handle.status().seconds < seconds / 3.0 {
        assert!(start.elapsed() < Duration::from_secs(20));
        std::thread::sleep(Duration::from_millis(5));
    }
    handle.marker("탈북 경로");
    while !handle.is_finished() {
        assert!(start.elapsed() < Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(10));
    }
    let ended = handle.stop();
    assert!(ended.error.is_none(), "{:?}", ended.error);
    v.finish_recording(ended.recording, false).unwrap().unwrap().1
}

#[test]
fn a_tone_recording_becomes_an_attachment_with_its_length_and_markers() {
    let dir = tempfile::tempdir().unwrap();
    let (mut v, case) = vault_with_case(dir.path());
    let a = record_tone(&mut v, &case, 6.0);
    let info = a.recording.clone().unwrap();
    assert!((info.duration_seconds - 6.0).abs() < 0.03, "{info:?}");
    assert_eq!(info.recovered_cut_at, None);
    assert_eq!(info.markers.len(), 1);
    assert_eq!(info.markers[0].label, "탈북 경로");
    assert!(info.markers[0].at_seconds >= 2.0 && info.markers[0].at_seconds < 4.0, "{:?}", info.markers);
    let samples = decode_attachment(&v, &a);
    assert!((samples.len() as f64 / 48_000.0 - 6.0).abs() < 0.03);
    assert!((dominant_frequency(&samples, 48_000) - 440.0).abs() < 2.0);
    let stored = v.load_case(case.id).unwrap();
    assert_eq!(stored.attachments, vec![a.clone()]);
    let note = &stored.history.last().unwrap().note;
    assert!(note.contains("recording 00:06 opus 48000 Hz, 1 markers"), "{note}");
    v.verify_attachment(&a).unwrap();
    assert!(v.pending_recordings().is_empty());
    assert!(files_containing(dir.path(), b"OpusHead").is_empty());
    assert!(files_containing(dir.path(), "탈북 경로".as_bytes()).is_empty());
}

#[test]
fn segments_left_by_a_crash_are_recovered_at_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let (v, case) = vault_with_case(dir.path());
    let (_, mut writer) = SegmentWriter::create(v.dir(), v.key().recipient().clone(), meta_for(&case)).unwrap();
    let mut encoder = OggOpusEncoder::new().unwrap();
    let tone: Vec<f32> = (0..48_000).map(|i| (2.0 * std::f32::consts::PI * 440.0 * i as f32 / 48_000.0).sin() * 0.5).collect();
    for _ in 0..3 {
        encoder.push(&tone).unwrap();
        writer.write_segment(&encoder.take_pages(false).unwrap()).unwrap();
    }
    // A second that never reached a segment: lost with the "crash".
    encoder.push(&tone).unwrap();
    drop((writer, encoder, v));

    let v = open_vault(dir.path());
    let [Recovered::Attached { case_code, attachment }] = &v.open_report().recordings[..] else {
        panic!("{:?}", v.open_report().recordings)
    };
    assert_eq!(case_code, &case.code);
    let info = attachment.recording.clone().unwrap();
    // The encoder's lookahead (6.5 ms) is still inside it at a crash.
    assert!((info.duration_seconds - 3.0).abs() < 0.01, "{info:?}");
    assert_eq!(info.recovered_cut_at, Some(info.duration_seconds));
    let at = format!("cut short at {}", clock(info.duration_seconds));
    assert!(v.open_report().notices().iter().any(|n| n.contains(&at)), "{:?}", v.open_report().notices());
    assert_eq!(decode_attachment(&v, attachment).len() as f64, (info.duration_seconds * 48_000.0).round());
    let note = v.load_case(case.id).unwrap().history.last().unwrap().note.clone();
    assert!(note.contains(&format!("recovered, {at}")), "{note}");
    drop(v);
    assert!(open_vault(dir.path()).open_report().recordings.is_empty(), "recovered once");
}

#[test]
fn a_recording_travels_in_a_bundle_with_its_facts() {
    let (a_dir, b_dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut a, case) = vault_with_case(a_dir.path());
    let rec = record_tone(&mut a, &case, 3.0);
    let mut b = create_vault(b_dir.path());
    let path = out.path().join("r.tvb");
    let ids = Selection { all: true, ..Default::default() }.select(&a);
    let options = ExportOptions { recipients: vec![b.key().recipient().clone()], profile: Profile::Full, ..Default::default() };
    bundle::export_cases(&a, &ids, &options, &path).unwrap();
    let unlock = Unlock::with_identity(b.key().identity().clone());
    bundle::import_with(&mut b, &path, &unlock, "B", &bundle::ImportOptions { trust_signer: Some("a".into()) }).unwrap();
    let got = b.load_case(case.id).unwrap().attachments[0].clone();
    assert_eq!(got.recording, rec.recording);
    assert_eq!(got.sha256, rec.sha256);
    assert!((dominant_frequency(&decode_attachment(&b, &got), 48_000) - 440.0).abs() < 2.0);
}

#[test]
fn attachments_written_before_recordings_read_unchanged() {
    // An attachment reference as the previous version wrote it.
    let old = r#"(id:"7d0f1c52-3f1e-4a4e-9d55-0b8a5e6f0c11",file_name:"map.png",size:12,media_type:"image/png",sha256:"00",added_at:"2026-05-01T09:00:00Z",added_by:"A",description:"")"#;
    let a: AttachmentRef = ron::from_str(old).unwrap();
    assert_eq!(a.recording, None);
    // And it is written back the same way, so content hashes do not move.
    assert!(!ron::to_string(&a).unwrap().contains("recording"));
}

#[test]
fn playback_from_memory_plays_seeks_and_changes_speed() {
    use testimony_vault::audio::player::Playback;
    let dir = tempfile::tempdir().unwrap();
    let (mut v, case) = vault_with_case(dir.path());
    let a = record_tone(&mut v, &case, 6.0);
    let bytes = v.read_attachment_verified(&a, 1 << 24).unwrap();
    let mut p = Playback::new(bytes).unwrap();
    assert!((p.duration() - 6.0).abs() < 0.03);
    let mut out = vec![0f32; 48_000];
    p.render(&mut out, 48_000);
    assert!(out.iter().all(|s| *s == 0.0), "paused: silence");
    p.playing = true;
    p.render(&mut out, 48_000);
    assert!((dominant_frequency(&out, 48_000) - 440.0).abs() < 2.0);
    assert!((p.position() - 1.0).abs() < 0.01);
    // Seek forward, then back 5 s from there, then play out at 1.5x.
    p.seek(4.5).unwrap();
    assert!((p.position() - 4.5).abs() < 0.001);
    p.seek(p.position() - 5.0).unwrap();
    assert_eq!(p.position(), 0.0);
    p.seek(3.0).unwrap();
    p.render(&mut out, 48_000);
    assert!((dominant_frequency(&out, 48_000) - 440.0).abs() < 2.0, "decodes cleanly after a seek");
    p.speed = 1.5;
    let mut rendered = 0;
    while p.playing {
        p.render(&mut out[..4_800], 48_000);
        rendered += 4_800;
        assert!(rendered < 10 * 48_000);
    }
    // 2 s left at 1.5x: about 1.33 s of output.
    let seconds = rendered as f64 / 48_000.0;
    assert!((seconds - 2.0 / 1.5).abs() < 0.15, "{seconds} s");
}
