//! The disk fills up in the middle of a recording: the recorder stops with
//! the disk-full message, the segments written before stay (encrypted), no
//! temporary file is left, and once space is freed the next unlock
//! attaches what was captured. Needs root (a small tmpfs).

use crate::common::audio::decode_attachment;
use crate::common::*;
use std::fs::File;
use std::io::Write;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};
use testimony_vault::audio::capture::ToneSource;
use testimony_vault::audio::recorder;
use testimony_vault::audio::segments::PendingMeta;
use testimony_vault::audio::AudioError;
use testimony_vault::sample::sample_case;
use testimony_vault::vault::attachments::recording::Recovered;
use testimony_vault::vault::VaultError;

#[test]
fn a_full_disk_mid_recording_keeps_what_was_captured() {
    let Some(fs_) = Tmpfs::mount("4m") else { return };
    let dir = fs_.path.join("vault");
    let mut v = create_vault(&dir);
    let mut case = sample_case(1, 200);
    v.save_case(&mut case, "A").unwrap();
    let tone = ToneSource { frequency: 440.0, speed: 10.0, stop: Arc::new(AtomicBool::new(false)) };
    let meta = PendingMeta::starting(&case, "A".into(), String::new());
    let handle = recorder::start(v.dir(), v.key().recipient().clone(), meta, Box::new(tone), None).unwrap();
    let start = Instant::now();
    while handle.status().seconds < 6.5 {
        assert!(start.elapsed() < Duration::from_secs(20));
        std::thread::sleep(Duration::from_millis(5));
    }
    // Fill the disk to its last byte.
    let filler = fs_.path.join("filler");
    let mut f = File::create(&filler).unwrap();
    while f.write_all(&[0u8; 4096]).is_ok() {}
    while f.write_all(&[0u8; 64]).is_ok() {}
    while !handle.is_finished() {
        assert!(start.elapsed() < Duration::from_secs(30), "the recorder did not notice the full disk");
        std::thread::sleep(Duration::from_millis(10));
    }
    let ended = handle.stop();
    let error = ended.error.expect("a disk-full error");
    assert!(matches!(error, AudioError::Vault(VaultError::DiskFull { .. })), "{error:?}");
    assert!(error.to_string().contains("disk is full"), "{error}");
    // Joining needs space too: refused, the segments stay.
    assert!(v.finish_recording(ended.recording, false).is_err());
    assert_eq!(v.pending_recordings(), vec![ended.recording]);
    drop(v);
    drop(f);
    std::fs::remove_file(&filler).unwrap();
    assert!(all_files(&dir).iter().all(|p| !p.to_string_lossy().contains(".tmp-")), "a temporary file was left");

    let v = open_vault(&dir);
    let [Recovered::Attached { attachment, .. }] = &v.open_report().recordings[..] else {
        panic!("{:?}", v.open_report().recordings)
    };
    let kept = attachment.recording.as_ref().unwrap().duration_seconds;
    assert!(kept >= 6.0 - 2.5, "kept {kept} s of at least 6.5 s recorded before the disk filled");
    assert!((decode_attachment(&v, attachment).len() as f64 / 48_000.0 - kept).abs() < 0.05);
}
