//! Ogg Opus back to samples: for playback (from decrypted memory, never a
//! file) and for the tests that check what was recorded. Also the stream's
//! length from its granule positions, without decoding.

use super::encoder::seconds_of_granule;
use super::{AudioError, SAMPLE_RATE};
use ogg::reading::PacketReader;
use std::io::{Read, Seek};

/// Largest frame Opus can return: 120 ms at 48 kHz.
const MAX_FRAME: usize = 5760;

/// What the headers and pages of a stream say.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StreamFacts {
    pub pre_skip: u64,
    pub sample_rate: u32,
    /// Granule position of the last page: the end of the audio.
    pub last_granule: u64,
    pub channels: u8,
}

impl StreamFacts {
    pub fn seconds(&self) -> f64 {
        seconds_of_granule(self.last_granule, self.pre_skip)
    }
}

/// Parse an OpusHead packet.
fn parse_head(packet: &[u8]) -> Result<(u8, u64, u32), AudioError> {
    if packet.len() < 19 || &packet[..8] != b"OpusHead" {
        return Err(AudioError::NotOpus);
    }
    let pre_skip = u16::from_le_bytes([packet[10], packet[11]]) as u64;
    let rate = u32::from_le_bytes([packet[12], packet[13], packet[14], packet[15]]);
    Ok((packet[9], pre_skip, rate))
}

/// Read every page of a stream for its length; no audio is decoded. A
/// stream cut short after a whole page (a recovered recording) is fine.
pub fn scan(source: impl Read) -> Result<StreamFacts, AudioError> {
    let mut reader = PacketReader::new(ReadSeekless(source));
    let head = reader.read_packet().map_err(AudioError::damaged)?.ok_or(AudioError::NotOpus)?;
    let (channels, pre_skip, sample_rate) = parse_head(&head.data)?;
    let mut last_granule = 0;
    while let Some(p) = reader.read_packet().map_err(AudioError::damaged)? {
        if p.last_in_page() {
            last_granule = last_granule.max(p.absgp_page());
        }
    }
    Ok(StreamFacts { pre_skip, sample_rate, last_granule, channels })
}

/// A streaming decoder (the pre-skip is `pre_skip()` samples): call [`OpusDecoder::next`] for each packet's samples
/// (mono f32, 48 kHz); the pre-skip is already dropped.
pub struct OpusDecoder<R: Read + Seek> {
    reader: PacketReader<R>,
    opus: opus::Decoder,
    to_skip: u64,
    pre_skip: u64,
    /// Samples produced so far, pre-skip included (the granule clock).
    produced: u64,
    buf: Vec<f32>,
}

impl<R: Read + Seek> OpusDecoder<R> {
    pub fn new(source: R) -> Result<OpusDecoder<R>, AudioError> {
        let mut reader = PacketReader::new(source);
        let head = reader.read_packet().map_err(AudioError::damaged)?.ok_or(AudioError::NotOpus)?;
        let (channels, pre_skip, _) = parse_head(&head.data)?;
        if channels != 1 {
            return Err(AudioError::NotOpus);
        }
        // OpusTags: nothing we need.
        reader.read_packet().map_err(AudioError::damaged)?.ok_or(AudioError::NotOpus)?;
        let opus = opus::Decoder::new(SAMPLE_RATE, opus::Channels::Mono).map_err(AudioError::encoder)?;
        Ok(OpusDecoder { reader, opus, to_skip: pre_skip, pre_skip, produced: 0, buf: vec![0.0; MAX_FRAME] })
    }

    pub fn pre_skip(&self) -> u64 {
        self.pre_skip
    }

    /// Go to the page starting at byte `offset`, whose first sample is
    /// granule `granule`, and drop samples until granule `target` (at least
    /// 80 ms after `granule`, so the decoder has settled).
    pub fn seek(&mut self, offset: u64, granule: u64, target: u64) -> Result<(), AudioError> {
        self.reader.seek_bytes(std::io::SeekFrom::Start(offset)).map_err(AudioError::damaged)?;
        self.opus.reset_state().map_err(AudioError::damaged)?;
        self.produced = granule;
        self.to_skip = target.max(self.pre_skip).saturating_sub(granule);
        Ok(())
    }

    /// From the start of the stream, drop samples until granule `target`.
    pub fn seek_from_start(&mut self, target: u64) {
        self.to_skip = target.max(self.pre_skip);
    }

    /// The next packet's samples, or `None` at the end of the stream.
    pub fn next_samples(&mut self) -> Result<Option<&[f32]>, AudioError> {
        loop {
            let Some(packet) = self.reader.read_packet().map_err(AudioError::damaged)? else { return Ok(None) };
            let mut n = self.opus.decode_float(&packet.data, &mut self.buf, false).map_err(AudioError::damaged)?;
            // The last page's granule says where the real samples end.
            if packet.last_in_stream() {
                n = n.min(packet.absgp_page().saturating_sub(self.produced) as usize);
            }
            self.produced += n as u64;
            let skip = (self.to_skip as usize).min(n);
            self.to_skip -= skip as u64;
            if skip < n {
                return Ok(Some(&self.buf[skip..n]));
            }
        }
    }
}

/// Decode a whole stream to mono f32 at 48 kHz (tests, short clips).
pub fn decode_all(source: impl Read) -> Result<Vec<f32>, AudioError> {
    let mut decoder = OpusDecoder::new(ReadSeekless(source))?;
    let mut out = Vec::new();
    while let Some(samples) = decoder.next_samples()? {
        out.extend_from_slice(samples);
    }
    Ok(out)
}

/// Where each page ends in an in-memory stream: (byte offset of the next
/// page, granule position at that point). Read without decoding; the
/// player seeks with it.
pub fn page_index(bytes: &[u8]) -> Result<Vec<(u64, u64)>, AudioError> {
    let mut reader = PacketReader::new(std::io::Cursor::new(bytes));
    let mut index = Vec::new();
    while let Some(p) = reader.read_packet().map_err(AudioError::damaged)? {
        if p.last_in_page() {
            // The reader takes a page only when it needs one: here it has
            // read up to the end of this page and no further.
            index.push((reader.get_mut().position(), p.absgp_page()));
        }
    }
    Ok(index)
}

/// `PacketReader` wants `Read + Seek` only to seek, which we never do: a
/// plain reader (a decrypting stream) is enough for reading in order.
struct ReadSeekless<R>(R);

impl<R: Read> Read for ReadSeekless<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf)
    }
}

impl<R> std::io::Seek for ReadSeekless<R> {
    fn seek(&mut self, _: std::io::SeekFrom) -> std::io::Result<u64> {
        Err(std::io::Error::other("an audio stream is read in order"))
    }
}
