//! Playback from decrypted memory: the Ogg Opus bytes of an attachment,
//! held in memory that is wiped when the player goes, are decoded as they
//! play (about 11 MB an hour held, not the gigabytes of raw samples).
//! Seeking uses an index of page positions taken at load. Speed changes
//! resample by linear interpolation. [`Playback::render`] fills an output
//! buffer; the output device (or a test) pulls from it.

use super::decoder::{self, OpusDecoder};
use super::{AudioError, SAMPLE_RATE};
use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use std::collections::VecDeque;
use std::io::Cursor;
use std::sync::{Arc, Mutex};
use zeroize::Zeroizing;

/// Decoded ahead before a seek's target, so the decoder has settled.
const PRE_ROLL: u64 = 3840;

/// The stream's bytes, shared by the decoder's reader.
#[derive(Clone)]
struct Bytes(Arc<Zeroizing<Vec<u8>>>);

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

pub struct Playback {
    bytes: Bytes,
    decoder: OpusDecoder<Cursor<Bytes>>,
    index: Vec<(u64, u64)>,
    pre_skip: u64,
    duration: f64,
    buf: VecDeque<f32>,
    frac: f64,
    /// Source samples consumed (the position).
    pos: u64,
    pub speed: f64,
    pub playing: bool,
}

impl Playback {
    pub fn new(bytes: Zeroizing<Vec<u8>>) -> Result<Playback, AudioError> {
        let facts = decoder::scan(&bytes[..])?;
        let index = decoder::page_index(&bytes)?;
        let bytes = Bytes(Arc::new(bytes));
        let decoder = OpusDecoder::new(Cursor::new(bytes.clone()))?;
        Ok(Playback {
            bytes,
            decoder,
            index,
            pre_skip: facts.pre_skip,
            duration: facts.seconds(),
            buf: VecDeque::new(),
            frac: 0.0,
            pos: 0,
            speed: 1.0,
            playing: false,
        })
    }

    pub fn duration(&self) -> f64 {
        self.duration
    }

    pub fn position(&self) -> f64 {
        self.pos as f64 / SAMPLE_RATE as f64
    }

    /// Go to `seconds` (clamped to the recording).
    pub fn seek(&mut self, seconds: f64) -> Result<(), AudioError> {
        let target = (seconds.clamp(0.0, self.duration) * SAMPLE_RATE as f64) as u64;
        let goal = target + self.pre_skip;
        // The last page end at least PRE_ROLL before the goal; the headers' end otherwise.
        let from = self.index.iter().rev().find(|(_, g)| *g > 0 && g + PRE_ROLL <= goal);
        match from {
            Some(&(offset, granule)) => self.decoder.seek(offset, granule, goal)?,
            None => {
                self.decoder = OpusDecoder::new(Cursor::new(self.bytes.clone()))?;
                self.decoder.seek_from_start(goal);
            }
        }
        self.buf.clear();
        self.frac = 0.0;
        self.pos = target;
        Ok(())
    }

    /// Mono samples at `out_rate` into `out`; silence when paused or at the
    /// end (where playing stops).
    pub fn render(&mut self, out: &mut [f32], out_rate: u32) {
        let step = self.speed.clamp(0.5, 2.0) * SAMPLE_RATE as f64 / out_rate as f64;
        for o in out.iter_mut() {
            if !self.playing || !self.fill(2) {
                *o = 0.0;
                continue;
            }
            let (a, b) = (self.buf[0] as f64, self.buf[1] as f64);
            *o = (a + (b - a) * self.frac) as f32;
            self.frac += step;
            while self.frac >= 1.0 && !self.buf.is_empty() {
                self.buf.pop_front();
                self.frac -= 1.0;
                self.pos += 1;
            }
        }
    }

    /// At least `n` samples decoded ahead; false at the end (playing stops).
    fn fill(&mut self, n: usize) -> bool {
        while self.buf.len() < n {
            match self.decoder.next_samples() {
                Ok(Some(samples)) => self.buf.extend(samples),
                _ => {
                    self.playing = false;
                    return false;
                }
            }
        }
        true
    }
}

/// A playback sent to the default output device. Dropping it stops.
pub struct Output {
    _stream: cpal::Stream,
}

impl Output {
    pub fn start(playback: Arc<Mutex<Playback>>) -> Result<Output, AudioError> {
        let device = cpal::default_host().default_output_device().ok_or(AudioError::NoOutputDevice)?;
        let supported = device.default_output_config().map_err(AudioError::device)?;
        let config: cpal::StreamConfig = supported.config();
        let (channels, rate) = (config.channels as usize, config.sample_rate);
        let mut mono = Vec::new();
        let stream = device
            .build_output_stream(
                config,
                move |data: &mut [f32], _: &_| {
                    mono.resize(data.len() / channels.max(1), 0.0);
                    match playback.lock() {
                        Ok(mut p) => p.render(&mut mono, rate),
                        Err(_) => mono.fill(0.0),
                    }
                    for (frame, s) in data.chunks_mut(channels.max(1)).zip(&mono) {
                        frame.fill(*s);
                    }
                },
                |_| {},
                None,
            )
            .map_err(AudioError::device)?;
        stream.play().map_err(AudioError::device)?;
        Ok(Output { _stream: stream })
    }
}
