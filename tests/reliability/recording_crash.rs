//! SIGKILL at a random moment of a real recording (the binary, recording a
//! PulseAudio sine source) loses at most the last 5 seconds: at the next
//! unlock the encrypted segments are joined into an attachment of the case,
//! marked "recovered, cut short at mm:ss" in it and in the history, and it
//! still decodes to 440 Hz. Repeated a few times at random moments.

use crate::common::audio::{decode_attachment, dominant_frequency, PulseServer};
use crate::common::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};
use testimony_vault::sample::{sample_case, SampleRng};
use testimony_vault::vault::attachments::recording::Recovered;

const BIN: &str = env!("CARGO_BIN_EXE_testimony-vault");
const ROUNDS: u32 = 3;
/// A 60 s recording, killed within its first `KILL_WITHIN` seconds (CI time).
const LENGTH: u64 = 60;
const KILL_WITHIN: u64 = 15;
/// What the issue allows a crash to lose.
const MAY_LOSE: f64 = 5.0;

#[test]
fn sigkill_during_a_recording_loses_at_most_five_seconds() {
    let Some(server) = PulseServer::start("sigkill_during_a_recording") else { return };
    let seed = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_nanos() as u64;
    let mut rng = SampleRng::new(seed);
    eprintln!("recording crash loop seed {seed}");
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    let mut v = create_vault(&vault);
    let mut case = sample_case(1, 100);
    v.save_case(&mut case, "A").unwrap();
    let code = case.code.clone();
    drop(v);
    for round in 1..=ROUNDS {
        let kill_after = Duration::from_millis(2_500 + rng.below(((KILL_WITHIN - 3) * 1000) as usize) as u64);
        let mut c = Command::new(BIN);
        server.env(&mut c);
        c.arg("--vault").arg(&vault).args(["record", &code, "--seconds", &LENGTH.to_string()]);
        c.env("TESTIMONY_VAULT_PASSPHRASE", PASS).env("TESTIMONY_VAULT_LANG", "en").stdin(Stdio::null());
        let mut child = c.stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        assert!(first.starts_with("Recording into"), "{first}");
        let started = Instant::now();
        std::thread::sleep(kill_after);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let recorded = started.elapsed().as_secs_f64();

        let v = open_vault(&vault);
        let recovered: Vec<_> = v.open_report().recordings.iter().collect();
        assert_eq!(recovered.len(), 1, "round {round}: {recovered:?}");
        let Recovered::Attached { case_code, attachment } = recovered[0] else { panic!("round {round}: {recovered:?}") };
        assert_eq!(case_code, &code);
        let info = attachment.recording.clone().unwrap();
        let kept = info.duration_seconds;
        eprintln!("round {round}: killed after {recorded:.2} s, kept {kept:.2} s");
        assert!(kept >= recorded - MAY_LOSE && kept <= recorded + 2.0, "round {round}: killed after {recorded:.2} s, kept {kept:.2} s");
        assert_eq!(info.recovered_cut_at, Some(kept));
        let stored = v.load_case(case.id).unwrap();
        assert_eq!(stored.attachments.len(), round as usize);
        let note = &stored.history.last().unwrap().note;
        assert!(note.contains("recovered, cut short at"), "{note}");
        let samples = decode_attachment(&v, attachment);
        assert!((samples.len() as f64 / 48_000.0 - kept).abs() < 0.1);
        let f = dominant_frequency(&samples, 48_000);
        assert!((f - 440.0).abs() < 3.0, "round {round}: {f} Hz");
        assert!(v.pending_recordings().is_empty());
        assert!(files_containing(&vault, b"OpusHead").is_empty());
    }
}
