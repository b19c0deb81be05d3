//! Recording an interview straight into the vault.
//!
//! The sound never touches the disk in plaintext: samples from the input
//! device ([`capture`]) are encoded as they arrive into Ogg Opus
//! ([`encoder`]), and every [`SEGMENT_SECONDS`] the pages produced so far
//! are encrypted in memory and written as one small age file with the
//! vault's atomic write ([`segments`]). A crash, a SIGKILL or a power cut
//! therefore loses at most the segment being filled. Stopping joins the
//! segments into one ordinary encrypted attachment (same hash and custody
//! rules as any other); the next unlock after a crash joins what was left
//! and marks it recovered. [`decoder`] turns an Ogg Opus stream back into
//! samples for playback and for the tests.
//!
//! Nothing here knows a window: the recorder runs on its own thread and is
//! polled ([`recorder::RecorderHandle`]).

pub mod capture;
pub mod decoder;
pub mod encoder;
pub mod error;
pub mod player;
pub mod recorder;
pub mod resample;
pub mod segments;

pub use error::AudioError;

/// Opus works at 48 kHz internally; granule positions are always at 48 kHz.
pub const SAMPLE_RATE: u32 = 48_000;
/// Speech, mono, about 11 MB an hour.
pub const BITRATE: i32 = 24_000;
/// 20 ms, the usual Opus frame for speech.
pub const FRAME_SAMPLES: usize = 960;
/// How much audio one encrypted segment holds: the most a crash can lose
/// (plus the frame being encoded).
pub const SEGMENT_SECONDS: u32 = 2;
/// Codec name recorded in [`crate::model::recording::RecordingInfo::codec`].
pub const CODEC: &str = "opus";
