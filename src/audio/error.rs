//! What can go wrong while recording or playing, in words a person can act
//! on. As everywhere, each text is its Fluent message (`error-audio-…`).

use crate::i18n::{t, t_args};
use crate::vault::VaultError;
use std::fmt;

#[derive(Debug)]
pub enum AudioError {
    /// No input device at all (no microphone, no sound server).
    NoInputDevice,
    /// No speaker or other output to play on.
    NoOutputDevice,
    /// `--device NAME` or the Settings choice names no present device.
    NoSuchDevice { name: String },
    /// The device offers no format we can record.
    Unsupported { detail: String },
    /// The device failed or vanished while recording; `at`: seconds kept.
    DeviceGone { detail: String, at: f64 },
    /// The device could not be opened or started.
    Device { detail: String },
    Encoder { detail: String },
    /// An attachment that should be Ogg Opus is not.
    NotOpus,
    Damaged { detail: String },
    /// Writing a segment or the finished attachment failed (disk full, a
    /// lock, a read-only folder): what was captured until then is kept.
    Vault(VaultError),
}

impl AudioError {
    pub fn encoder(e: impl fmt::Display) -> AudioError {
        AudioError::Encoder { detail: e.to_string() }
    }

    pub fn damaged(e: impl fmt::Display) -> AudioError {
        AudioError::Damaged { detail: e.to_string() }
    }

    pub fn device(e: impl fmt::Display) -> AudioError {
        AudioError::Device { detail: e.to_string() }
    }
}

impl From<VaultError> for AudioError {
    fn from(e: VaultError) -> Self {
        AudioError::Vault(e)
    }
}

impl fmt::Display for AudioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use AudioError as E;
        let text = match self {
            E::NoInputDevice => t("error-audio-no-input"),
            E::NoOutputDevice => t("error-audio-no-output"),
            E::NoSuchDevice { name } => t_args("error-audio-no-such-device", &[("name", name)]),
            E::Unsupported { detail } => t_args("error-audio-unsupported", &[("detail", detail)]),
            E::DeviceGone { detail, at } => t_args(
                "error-audio-device-gone",
                &[("detail", detail), ("at", &crate::model::recording::clock(*at))],
            ),
            E::Device { detail } => t_args("error-audio-device", &[("detail", detail)]),
            E::Encoder { detail } => t_args("error-audio-encoder", &[("detail", detail)]),
            E::NotOpus => t("error-audio-not-opus"),
            E::Damaged { detail } => t_args("error-audio-damaged", &[("detail", detail)]),
            E::Vault(e) => return e.fmt(f),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for AudioError {}
