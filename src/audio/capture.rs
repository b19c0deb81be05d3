//! Where samples come from: the input devices cpal sees (ALSA on Linux,
//! so PulseAudio or PipeWire behind ALSA's default), or a synthetic tone
//! for benchmarks and window tests. Every source delivers mono f32 at 48
//! kHz through a channel; the device's callback never blocks on the disk.
//! A stereo (or wider) device is averaged to mono; a device that cannot
//! run at 48 kHz is recorded at its nearest rate and resampled.

use super::{AudioError, SAMPLE_RATE};
use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use std::sync::mpsc;

/// Frames a capture period asks for (100 ms at 48 kHz).
const CAPTURE_FRAMES: u32 = 4800;

/// What a source sends the recorder.
pub enum Input {
    Samples(Vec<f32>),
    /// The device failed or went away.
    Failed(String),
}

/// Something that can be recorded from. `start` returns the channel the
/// samples arrive on; dropping the source stops it.
pub trait Source: Send {
    fn start(&mut self) -> Result<mpsc::Receiver<Input>, AudioError>;
    /// A name to show and to record in the meta.
    fn name(&self) -> String;
}

/// An input device as listed in Settings and by `record --list-devices`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceInfo {
    pub name: String,
    pub is_default: bool,
}

fn device_name(device: &cpal::Device) -> String {
    device.id().map(|id| id.to_string()).unwrap_or_else(|_| "?".into())
}

/// The input devices present now.
pub fn input_devices() -> Result<Vec<DeviceInfo>, AudioError> {
    let host = cpal::default_host();
    let default = host.default_input_device().map(|d| device_name(&d));
    let devices = host.input_devices().map_err(AudioError::device)?;
    Ok(devices
        .map(|d| {
            let name = device_name(&d);
            DeviceInfo { is_default: default.as_deref() == Some(name.as_str()), name }
        })
        .collect())
}

/// A real input device: `None` is the system's default.
pub struct DeviceSource {
    wanted: Option<String>,
    stream: Option<cpal::Stream>,
}

impl DeviceSource {
    pub fn new(wanted: Option<String>) -> DeviceSource {
        DeviceSource { wanted, stream: None }
    }

    fn find(&self) -> Result<cpal::Device, AudioError> {
        let host = cpal::default_host();
        match &self.wanted {
            None => host.default_input_device().ok_or(AudioError::NoInputDevice),
            Some(name) => host
                .input_devices()
                .map_err(AudioError::device)?
                .find(|d| device_name(d) == *name || d.description().is_ok_and(|x| x.name() == name))
                .ok_or_else(|| AudioError::NoSuchDevice { name: name.clone() }),
        }
    }
}

/// A configuration in f32 or i16 (what we can take), f32 first, at 48 kHz
/// when the device offers it, else at the rate nearest to it (resampled,
/// see [`super::resample`]).
fn pick_config(device: &cpal::Device) -> Result<cpal::SupportedStreamConfig, AudioError> {
    let configs: Vec<_> = device.supported_input_configs().map_err(AudioError::device)?.collect();
    let usable = |c: &&cpal::SupportedStreamConfigRange| matches!(c.sample_format(), cpal::SampleFormat::F32 | cpal::SampleFormat::I16);
    let distance = |c: &cpal::SupportedStreamConfigRange| SAMPLE_RATE.clamp(c.min_sample_rate(), c.max_sample_rate()).abs_diff(SAMPLE_RATE);
    let f32_first = |c: &cpal::SupportedStreamConfigRange| c.sample_format() != cpal::SampleFormat::F32;
    let best = configs.iter().filter(usable).min_by_key(|c| (distance(c), f32_first(c), c.channels()));
    match best {
        Some(c) => Ok(c.with_sample_rate(SAMPLE_RATE.clamp(c.min_sample_rate(), c.max_sample_rate()))),
        None => Err(AudioError::Unsupported { detail: format!("{configs:?}") }),
    }
}

/// Forward a device's samples at `rate` as 48 kHz, on a thread of its own
/// (the device's callback only copies). Ends when the device's side does.
fn resampled(raw: mpsc::Receiver<Input>, rate: u32) -> Result<mpsc::Receiver<Input>, AudioError> {
    let mut resampler = super::resample::ToSpeechRate::new(rate)?;
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("resample".into())
        .spawn(move || {
            for input in raw {
                let forward = match input {
                    Input::Samples(samples) => {
                        let mut out = Vec::with_capacity(samples.len() * SAMPLE_RATE as usize / rate as usize + 64);
                        match resampler.push(&samples, &mut out) {
                            Ok(()) => Input::Samples(out),
                            Err(e) => Input::Failed(e.to_string()),
                        }
                    }
                    failed => failed,
                };
                if tx.send(forward).is_err() {
                    return;
                }
            }
        })
        .map_err(AudioError::device)?;
    Ok(rx)
}

/// Interleaved frames to mono.
fn downmix<T: Copy>(data: &[T], channels: usize, to_f32: impl Fn(T) -> f32) -> Vec<f32> {
    data.chunks(channels.max(1)).map(|frame| frame.iter().map(|&s| to_f32(s)).sum::<f32>() / frame.len() as f32).collect()
}

impl DeviceSource {
    /// The device as named to the user.
    pub fn name_shown(&self) -> String {
        match &self.wanted {
            Some(name) => name.clone(),
            None => cpal::default_host().default_input_device().map(|d| device_name(&d)).unwrap_or_else(|| "default".into()),
        }
    }
}

impl Source for DeviceSource {
    fn start(&mut self) -> Result<mpsc::Receiver<Input>, AudioError> {
        let device = self.find()?;
        let supported = pick_config(&device)?;
        let format = supported.sample_format();
        let mut config: cpal::StreamConfig = supported.config();
        // Periods of ~100 ms: the default lets ALSA's PulseAudio plugin
        // wake the capture thread thousands of times a second.
        if let cpal::SupportedBufferSize::Range { min, max } = *supported.buffer_size() {
            config.buffer_size = cpal::BufferSize::Fixed(CAPTURE_FRAMES.clamp(min, max));
        }
        let channels = config.channels as usize;
        let rate = config.sample_rate;
        let (tx, rx) = mpsc::channel();
        let failed = tx.clone();
        let on_error = move |e: cpal::Error| {
            // An overrun (the machine was too busy to read in time) is
            // recovered by cpal itself: a gap, not a device gone. Ending the
            // recording there would lose the rest of the interview.
            if e.kind() != cpal::ErrorKind::Xrun {
                let _ = failed.send(Input::Failed(e.to_string()));
            }
        };
        let stream = match format {
            cpal::SampleFormat::F32 => device.build_input_stream(
                config,
                move |data: &[f32], _: &_| {
                    let _ = tx.send(Input::Samples(downmix(data, channels, |s| s)));
                },
                on_error,
                None,
            ),
            _ => device.build_input_stream(
                config,
                move |data: &[i16], _: &_| {
                    let _ = tx.send(Input::Samples(downmix(data, channels, |s| s as f32 / 32768.0)));
                },
                on_error,
                None,
            ),
        }
        .map_err(AudioError::device)?;
        stream.play().map_err(AudioError::device)?;
        self.stream = Some(stream);
        if rate == SAMPLE_RATE { Ok(rx) } else { resampled(rx, rate) }
    }

    fn name(&self) -> String {
        self.wanted.clone().unwrap_or_else(|| "default".into())
    }
}

/// A sine tone delivered in real time (or as fast as asked): for the
/// benchmarks and the window tests, where no sound server runs.
pub struct ToneSource {
    pub frequency: f32,
    /// Seconds of audio per second of wall time (1.0: real time).
    pub speed: f32,
    pub stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Source for ToneSource {
    fn start(&mut self) -> Result<mpsc::Receiver<Input>, AudioError> {
        // Bounded: at full speed the tone waits for the encoder instead of
        // piling up in memory (a device keeps its own pace).
        let (tx, rx) = mpsc::sync_channel(64);
        let (frequency, speed, stop) = (self.frequency, self.speed, self.stop.clone());
        std::thread::spawn(move || {
            let chunk = (SAMPLE_RATE / 100) as usize; // 10 ms
            let mut n = 0u64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let samples = (0..chunk)
                    .map(|i| {
                        // Whole cycles each second: the phase repeats, so f32 stays exact.
                        let t = ((n + i as u64) % SAMPLE_RATE as u64) as f32 / SAMPLE_RATE as f32;
                        0.5 * (2.0 * std::f32::consts::PI * frequency * t).sin()
                    })
                    .collect();
                n += chunk as u64;
                if tx.send(Input::Samples(samples)).is_err() {
                    return;
                }
                if speed > 0.0 {
                    std::thread::sleep(std::time::Duration::from_secs_f32(0.01 / speed));
                }
            }
        });
        Ok(rx)
    }

    fn name(&self) -> String {
        format!("tone {} Hz", self.frequency)
    }
}

#[cfg(test)]
mod tests {
    use super::downmix;

    #[test]
    fn stereo_frames_are_averaged_to_mono() {
        let stereo = [0.5f32, -0.5, 1.0, 0.0, 0.25, 0.25];
        assert_eq!(downmix(&stereo, 2, |s| s), vec![0.0, 0.5, 0.25]);
        let i16_stereo = [16384i16, 16384, -32768, 0];
        assert_eq!(downmix(&i16_stereo, 2, |s| s as f32 / 32768.0), vec![0.5, -0.5]);
    }
}
