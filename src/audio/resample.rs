//! Input at another rate than 48 kHz (44.1 kHz is common on USB
//! microphones), brought to the 48 kHz Opus encodes at. rubato's FFT
//! resampler does the work off the device's callback, on the converter
//! thread [`super::capture`] starts only when the device's rate differs.
//! Buffers are allocated once; each call only copies.

use super::{AudioError, SAMPLE_RATE};
use rubato::{FftFixedIn, Resampler};

pub struct ToSpeechRate {
    inner: FftFixedIn<f32>,
    /// Mono samples waiting for a whole chunk of the resampler.
    pending: Vec<f32>,
    out: Vec<Vec<f32>>,
    /// The resampler's delay, dropped at the start so the time line stays.
    skip: usize,
}

impl ToSpeechRate {
    pub fn new(rate_in: u32) -> Result<ToSpeechRate, AudioError> {
        // 10 ms chunks: small next to the 100 ms capture periods.
        let chunk = (rate_in / 100).max(1) as usize;
        let inner = FftFixedIn::<f32>::new(rate_in as usize, SAMPLE_RATE as usize, chunk, 1, 1).map_err(AudioError::device)?;
        let out = inner.output_buffer_allocate(true);
        let skip = inner.output_delay();
        Ok(ToSpeechRate { inner, pending: Vec::with_capacity(chunk * 16), out, skip })
    }

    /// Resample what whole chunks `samples` completes, appending to `into`.
    pub fn push(&mut self, samples: &[f32], into: &mut Vec<f32>) -> Result<(), AudioError> {
        self.pending.extend_from_slice(samples);
        let mut start = 0;
        loop {
            let need = self.inner.input_frames_next();
            if self.pending.len() - start < need {
                break;
            }
            let input = [&self.pending[start..start + need]];
            let (_, written) = self.inner.process_into_buffer(&input, &mut self.out, None).map_err(AudioError::device)?;
            start += need;
            let dropped = self.skip.min(written);
            self.skip -= dropped;
            into.extend_from_slice(&self.out[0][dropped..written]);
        }
        self.pending.drain(..start);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_44100_tone_comes_out_at_48000_with_its_length() {
        let mut r = ToSpeechRate::new(44_100).unwrap();
        let tone: Vec<f32> = (0..44_100 * 2).map(|n| (2.0 * std::f32::consts::PI * 440.0 * n as f32 / 44_100.0).sin()).collect();
        let mut out = Vec::new();
        for piece in tone.chunks(4410) {
            r.push(piece, &mut out).unwrap();
        }
        // Two seconds in; all but the resampler's delay and last chunk out.
        assert!((out.len() as i64 - 96_000).abs() < 2_000, "{} samples", out.len());
        // 440 Hz at 48 kHz: about 109.09 samples a period; count rising zero crossings over one second.
        let second = &out[24_000..72_000];
        let rising = second.windows(2).filter(|w| w[0] < 0.0 && w[1] >= 0.0).count();
        assert!((rising as i64 - 440).abs() <= 1, "{rising} cycles in a second");
    }
}
