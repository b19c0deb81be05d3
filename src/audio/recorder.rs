//! The recorder thread: takes samples from a [`Source`], encodes them,
//! and writes an encrypted segment every [`SEGMENT_SECONDS`]. The window
//! (or the command line) holds a [`RecorderHandle`], reads its
//! [`Status`] to draw the level and the time, and sends it pause, resume,
//! marker and stop; the thread never waits on the window.

use super::capture::{Input, Source};
use super::encoder::OggOpusEncoder;
use super::segments::{PendingMeta, SegmentWriter};
use super::{AudioError, SAMPLE_RATE, SEGMENT_SECONDS};
use crate::model::recording::Marker;
use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use uuid::Uuid;

/// A device that sends nothing for this long while not paused has gone
/// (a stopped sound server does not always say so).
const SILENT_DEVICE: Duration = Duration::from_secs(3);

/// What the recorder is doing, for the level meter and the clock.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Status {
    /// Seconds of audio recorded (pauses excluded).
    pub seconds: f64,
    /// Peak of the last samples, 0..1.
    pub level: f32,
    pub paused: bool,
    pub markers: usize,
}

enum Command {
    Pause,
    Resume,
    Marker(String),
    Stop,
}

/// How a recording ended: its folder (to be joined by
/// [`crate::vault::Vault::finish_recording`]) and, when it ended by
/// itself, why.
#[derive(Debug)]
pub struct Ended {
    pub recording: Uuid,
    pub seconds: f64,
    pub error: Option<AudioError>,
}

pub struct RecorderHandle {
    commands: mpsc::Sender<Command>,
    status: Arc<Mutex<Status>>,
    thread: Option<JoinHandle<Ended>>,
    pub recording: Uuid,
}

/// Start recording `source` into a new recording folder of the vault at
/// `vault_dir`. `limit`: stop by itself after that many seconds of audio.
pub fn start(
    vault_dir: &Path,
    recipient: age::x25519::Recipient,
    meta: PendingMeta,
    mut source: Box<dyn Source>,
    limit: Option<f64>,
) -> Result<RecorderHandle, AudioError> {
    let input = source.start()?;
    let encoder = OggOpusEncoder::new()?;
    let (recording, writer) = SegmentWriter::create(vault_dir, recipient, meta)?;
    let (commands, rx) = mpsc::channel();
    let status = Arc::new(Mutex::new(Status::default()));
    let mut job = Job { source, input, commands: rx, encoder, writer, status: status.clone(), limit, recording };
    let thread = std::thread::Builder::new()
        .name("recorder".into())
        .spawn(move || job.run())
        .map_err(AudioError::device)?;
    Ok(RecorderHandle { commands, status, thread: Some(thread), recording })
}

impl RecorderHandle {
    pub fn status(&self) -> Status {
        self.status.lock().map(|s| s.clone()).unwrap_or_default()
    }

    pub fn pause(&self) {
        let _ = self.commands.send(Command::Pause);
    }

    pub fn resume(&self) {
        let _ = self.commands.send(Command::Resume);
    }

    /// Drop a marker at the current time.
    pub fn marker(&self, label: &str) {
        let _ = self.commands.send(Command::Marker(label.to_string()));
    }

    /// Whether the thread has ended by itself (limit reached, device gone).
    pub fn is_finished(&self) -> bool {
        self.thread.as_ref().is_none_or(|t| t.is_finished())
    }

    /// Stop, save the last segment and wait for the thread.
    pub fn stop(mut self) -> Ended {
        let _ = self.commands.send(Command::Stop);
        let recording = self.recording;
        match self.thread.take().map(|t| t.join()) {
            Some(Ok(ended)) => ended,
            _ => Ended { recording, seconds: 0.0, error: Some(AudioError::device("the recorder thread failed")) },
        }
    }
}

struct Job {
    /// Kept alive: dropping it stops the device.
    #[allow(dead_code)]
    source: Box<dyn Source>,
    input: mpsc::Receiver<Input>,
    commands: mpsc::Receiver<Command>,
    encoder: OggOpusEncoder,
    writer: SegmentWriter,
    status: Arc<Mutex<Status>>,
    limit: Option<f64>,
    recording: Uuid,
}

impl Job {
    fn run(&mut self) -> Ended {
        let error = self.record().err();
        // Whatever happened, the last pages are saved (a disk-full error may
        // refuse them too; the segments before stay).
        let last = self.encoder.take_pages(true).and_then(|p| self.writer.write_segment(&p));
        let error = error.or(last.err());
        Ended { recording: self.recording, seconds: self.encoder.seconds(), error }
    }

    fn record(&mut self) -> Result<(), AudioError> {
        let segment = SEGMENT_SECONDS as f64;
        let mut next_flush = segment;
        let mut paused = false;
        let mut heard = Instant::now();
        loop {
            while let Ok(command) = self.commands.try_recv() {
                match command {
                    Command::Pause => paused = true,
                    Command::Resume => {
                        paused = false;
                        heard = Instant::now();
                    }
                    Command::Marker(label) => {
                        let marker = Marker { at_seconds: self.encoder.seconds(), label, incident: None };
                        self.writer.add_marker(marker)?;
                    }
                    Command::Stop => return Ok(()),
                }
            }
            match self.input.recv_timeout(Duration::from_millis(50)) {
                Ok(Input::Samples(samples)) => {
                    heard = Instant::now();
                    if !paused {
                        self.take(&samples)?;
                    }
                }
                Ok(Input::Failed(detail)) => return Err(self.gone(detail)),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return Err(self.gone("the device closed".into())),
            }
            if !paused && heard.elapsed() > SILENT_DEVICE {
                return Err(self.gone("no sound has arrived for 3 seconds".into()));
            }
            self.publish(paused);
            if self.limit.is_some_and(|l| self.encoder.seconds() >= l) {
                return Ok(());
            }
            if self.encoder.seconds() >= next_flush {
                let pages = self.encoder.take_pages(false)?;
                self.writer.write_segment(&pages)?;
                next_flush = self.encoder.seconds() + segment;
            }
        }
    }

    /// Encode, stopping exactly at the limit.
    fn take(&mut self, samples: &[f32]) -> Result<(), AudioError> {
        let room = self.limit.map(|l| ((l - self.encoder.seconds()) * SAMPLE_RATE as f64).ceil().max(0.0) as usize);
        let samples = &samples[..room.unwrap_or(samples.len()).min(samples.len())];
        let peak = samples.iter().fold(0f32, |m, s| m.max(s.abs()));
        if let Ok(mut s) = self.status.lock() {
            s.level = peak.min(1.0);
        }
        self.encoder.push(samples)
    }

    fn gone(&self, detail: String) -> AudioError {
        AudioError::DeviceGone { detail, at: self.encoder.seconds() }
    }

    fn publish(&self, paused: bool) {
        if let Ok(mut s) = self.status.lock() {
            s.seconds = self.encoder.seconds();
            s.paused = paused;
            s.markers = self.writer.meta().markers.len();
        }
    }
}
