//! What a recording attachment knows beyond its bytes: how long it is, how
//! it was encoded, the markers dropped while it ran, and whether it was cut
//! short by a crash. Kept in the case (so it is hashed into the revision
//! chain and travels in bundles with the attachment); absent for every
//! other attachment, so older cases and bundles read unchanged.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordingInfo {
    /// Length of the audio, in seconds.
    pub duration_seconds: f64,
    /// The codec and container, e.g. `opus` (always in Ogg).
    pub codec: String,
    pub sample_rate: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub markers: Vec<Marker>,
    /// Set when the recording was put back together after a crash or power
    /// cut: the seconds that were kept (the rest was lost).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovered_cut_at: Option<f64>,
    /// What the interviewer typed beside the player (timestamps as
    /// `[mm:ss]`): free text of the testimony, so searched, scrubbed by
    /// redaction and wiped like the narrative.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub transcript: String,
}

/// A moment of the recording the interviewer marked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Marker {
    /// Seconds from the start of the recording.
    pub at_seconds: f64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// The incident of the case this moment is about, when linked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incident: Option<Uuid>,
}

/// `mm:ss` (or `h:mm:ss` past an hour), as shown and written in notes.
pub fn clock(seconds: f64) -> String {
    let total = seconds.max(0.0).floor() as u64;
    let (h, m, s) = (total / 3600, (total / 60) % 60, total % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m:02}:{s:02}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_shows_minutes_and_hours() {
        assert_eq!(clock(0.0), "00:00");
        assert_eq!(clock(83.9), "01:23");
        assert_eq!(clock(3.0 * 3600.0 + 61.0), "3:01:01");
    }
}
