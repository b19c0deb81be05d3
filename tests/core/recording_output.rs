//! Playback through a real output device without a speaker: a private
//! PulseAudio whose default sink is its null sink. Once the sink has
//! started (it takes it a second or two to ask for sound), the player's
//! output thread must pull the decoded recording at real time. The sound
//! system reads the environment of the process, so the playing runs in a
//! child process (this test binary again, running only the helper below).

use crate::common::audio::PulseServer;
use crate::recording::{record_tone, vault_with_case};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use testimony_vault::audio::player::{Output, Playback};

const CHILD: &str = "TV_TEST_PLAYBACK_CHILD";

#[test]
#[ignore = "run by playback_to_the_null_sink_moves_at_real_time in its own process"]
fn playback_child() {
    let Ok(dir) = std::env::var(CHILD) else { return };
    let (mut v, case) = vault_with_case(std::path::Path::new(&dir));
    let a = record_tone(&mut v, &case, 4.0);
    let bytes = v.read_attachment_verified(&a, 1 << 24).unwrap();
    let playback = Arc::new(Mutex::new(Playback::new(bytes).unwrap()));
    let output = Output::start(playback.clone()).expect("the null sink opens");
    playback.lock().unwrap().playing = true;
    let position = || playback.lock().unwrap().position();
    let start = std::time::Instant::now();
    while position() < 0.05 {
        assert!(start.elapsed() < Duration::from_secs(8), "the sink never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    let (p0, t0) = (position(), std::time::Instant::now());
    std::thread::sleep(Duration::from_millis(1000));
    let at = (position() - p0) / t0.elapsed().as_secs_f64();
    drop(output);
    println!("PLAYED {at:.3}");
}

#[test]
fn playback_to_the_null_sink_moves_at_real_time() {
    let Some(server) = PulseServer::start("playback_to_the_null_sink") else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut child = server.command(std::env::current_exe().unwrap());
    child.args(["recording_output::playback_child", "--exact", "--ignored", "--nocapture", "--test-threads=1"]);
    child.env(CHILD, dir.path());
    let out = child.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let at: f64 = stdout.split("PLAYED ").nth(1).and_then(|rest| rest.split_whitespace().next()).unwrap_or_else(|| panic!("the child did not play: {stdout}")).parse().unwrap();
    // Seconds of the recording played per second of wall time.
    assert!((0.7..=1.3).contains(&at), "played {at} s a second");
}
