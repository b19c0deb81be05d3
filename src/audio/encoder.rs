//! Mono f32 samples at 48 kHz in, Ogg Opus pages out (RFC 7845).
//!
//! libopus (through the `opus` crate) encodes; the `ogg` crate frames.
//! [`OggOpusEncoder::take_pages`] ends the current page and hands over the
//! bytes written since the last call, so each encrypted segment is whole
//! pages and the segments joined in order are one valid Ogg Opus stream,
//! even when the last one was never followed by an end-of-stream page.

use super::{AudioError, BITRATE, FRAME_SAMPLES, SAMPLE_RATE};
use ogg::writing::{PacketWriteEndInfo, PacketWriter};
use zeroize::Zeroizing;

/// Largest Opus packet (RFC 6716: 1275 bytes a frame; 4000 is libopus's advice).
const MAX_PACKET: usize = 4000;

pub struct OggOpusEncoder {
    opus: opus::Encoder,
    ogg: PacketWriter<'static, Vec<u8>>,
    serial: u32,
    /// Samples waiting for a whole frame.
    pending: Zeroizing<Vec<f32>>,
    /// Samples given to libopus so far (at 48 kHz), padding included.
    encoded: u64,
    /// Silence added at the end to flush the encoder.
    padding: u64,
    pre_skip: u64,
    packet: Vec<u8>,
    /// A packet held back until the next, so the last of a segment can end its page.
    held: Option<(Vec<u8>, u64)>,
}

impl OggOpusEncoder {
    pub fn new() -> Result<OggOpusEncoder, AudioError> {
        let mut opus = opus::Encoder::new(SAMPLE_RATE, opus::Channels::Mono, opus::Application::Voip)
            .map_err(AudioError::encoder)?;
        opus.set_bitrate(opus::Bitrate::Bits(BITRATE)).map_err(AudioError::encoder)?;
        let pre_skip = opus.get_lookahead().map_err(AudioError::encoder)?.max(0) as u64;
        let serial = rand_core::RngCore::next_u32(&mut rand_core::OsRng);
        let mut enc = OggOpusEncoder {
            opus,
            ogg: PacketWriter::new(Vec::new()),
            serial,
            pending: Zeroizing::new(Vec::with_capacity(FRAME_SAMPLES * 4)),
            encoded: 0,
            padding: 0,
            pre_skip,
            packet: vec![0; MAX_PACKET],
            held: None,
        };
        enc.write_headers()?;
        Ok(enc)
    }

    /// OpusHead and OpusTags, each on its own page as RFC 7845 requires.
    fn write_headers(&mut self) -> Result<(), AudioError> {
        let mut head = Vec::with_capacity(19);
        head.extend_from_slice(b"OpusHead");
        head.push(1); // version
        head.push(1); // channels
        head.extend_from_slice(&(self.pre_skip as u16).to_le_bytes());
        head.extend_from_slice(&SAMPLE_RATE.to_le_bytes());
        head.extend_from_slice(&0i16.to_le_bytes()); // output gain
        head.push(0); // channel mapping family
        let vendor = b"testimony-vault";
        let mut tags = Vec::new();
        tags.extend_from_slice(b"OpusTags");
        tags.extend_from_slice(&(vendor.len() as u32).to_le_bytes());
        tags.extend_from_slice(vendor);
        tags.extend_from_slice(&0u32.to_le_bytes()); // no user comments: nothing about the witness
        self.ogg.write_packet(head, self.serial, PacketWriteEndInfo::EndPage, 0).map_err(AudioError::encoder)?;
        self.ogg.write_packet(tags, self.serial, PacketWriteEndInfo::EndPage, 0).map_err(AudioError::encoder)
    }

    /// Encode what whole frames `samples` completes; the rest waits.
    pub fn push(&mut self, samples: &[f32]) -> Result<(), AudioError> {
        self.pending.extend_from_slice(samples);
        let whole = self.pending.len() / FRAME_SAMPLES * FRAME_SAMPLES;
        for start in (0..whole).step_by(FRAME_SAMPLES) {
            let frame: [f32; FRAME_SAMPLES] = self.pending[start..start + FRAME_SAMPLES].try_into().expect("frame length");
            self.encode_frame(&frame)?;
        }
        self.pending.drain(..whole);
        Ok(())
    }

    /// Encode one frame. Its page's granule position counts the samples a
    /// decoder has produced by its end (RFC 7845), pre-skip included.
    fn encode_frame(&mut self, frame: &[f32]) -> Result<(), AudioError> {
        let len = self.opus.encode_float(frame, &mut self.packet).map_err(AudioError::encoder)?;
        self.encoded += FRAME_SAMPLES as u64;
        if let Some((data, gp)) = self.held.replace((self.packet[..len].to_vec(), self.encoded)) {
            self.ogg.write_packet(data, self.serial, PacketWriteEndInfo::NormalPacket, gp).map_err(AudioError::encoder)?;
        }
        Ok(())
    }

    /// At the end: pad the last partial frame, push the encoder's lookahead
    /// out with silence, and make the final granule position say where the
    /// real samples end (a decoder trims the padding).
    fn finish_stream(&mut self) -> Result<(), AudioError> {
        let taken = self.encoded + self.pending.len() as u64;
        let mut frame = [0f32; FRAME_SAMPLES];
        frame[..self.pending.len()].copy_from_slice(&self.pending);
        self.pending.clear();
        self.encode_frame(&frame)?;
        while self.encoded < taken + self.pre_skip {
            self.encode_frame(&[0f32; FRAME_SAMPLES])?;
        }
        if let Some((_, gp)) = self.held.as_mut() {
            *gp = taken + self.pre_skip;
        }
        // What `seconds` reports stays the real length.
        self.padding = self.encoded - taken;
        Ok(())
    }

    /// Seconds of audio taken so far (encoded, or waiting for a whole frame).
    pub fn seconds(&self) -> f64 {
        (self.encoded - self.padding + self.pending.len() as u64) as f64 / SAMPLE_RATE as f64
    }

    /// End the current page and take every byte written since the last call
    /// (whole pages). `last`: pad the final partial frame with silence and
    /// mark the end of the stream.
    pub fn take_pages(&mut self, last: bool) -> Result<Zeroizing<Vec<u8>>, AudioError> {
        if last {
            self.finish_stream()?;
        }
        if let Some((data, gp)) = self.held.take() {
            let end = if last { PacketWriteEndInfo::EndStream } else { PacketWriteEndInfo::EndPage };
            self.ogg.write_packet(data, self.serial, end, gp).map_err(AudioError::encoder)?;
        }
        Ok(Zeroizing::new(std::mem::take(self.ogg.inner_mut())))
    }
}

/// The sample rate and granule clock of a stream written by this encoder.
pub fn seconds_of_granule(granule: u64, pre_skip: u64) -> f64 {
    granule.saturating_sub(pre_skip) as f64 / SAMPLE_RATE as f64
}
