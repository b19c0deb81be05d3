//! What kind of file an attachment is, from its first bytes and its name.
//!
//! The content decides: a file named `map.jpg` that is really a PNG is a
//! PNG, and a file named `photo.png` holding something else is "other", so
//! the preview never hands a decoder bytes it did not recognise. The name
//! only settles what the bytes leave open (an MPEG-4 audio brand, an MP3
//! without an ID3 tag).

use crate::model::AttachmentRef;
use std::path::Path;

/// How many leading bytes [`MediaKind::detect`] looks at.
pub const SNIFF_LEN: usize = 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MediaKind {
    Png,
    Jpeg,
    Wav,
    Mp3,
    M4a,
    Pdf,
    /// Ogg Opus: what the app's own recorder writes.
    Ogg,
    Other,
}

impl MediaKind {
    pub const ALL: [MediaKind; 8] = [
        MediaKind::Png,
        MediaKind::Jpeg,
        MediaKind::Wav,
        MediaKind::Mp3,
        MediaKind::M4a,
        MediaKind::Pdf,
        MediaKind::Ogg,
        MediaKind::Other,
    ];

    /// Stable identifier; the label is the message `attachment-kind-<key>`.
    pub fn key(self) -> &'static str {
        match self {
            MediaKind::Png => "png",
            MediaKind::Jpeg => "jpeg",
            MediaKind::Wav => "wav",
            MediaKind::Mp3 => "mp3",
            MediaKind::M4a => "m4a",
            MediaKind::Pdf => "pdf",
            MediaKind::Ogg => "ogg",
            MediaKind::Other => "other",
        }
    }

    /// The translation key of the kind's label.
    pub fn label_key(self) -> String {
        format!("attachment-kind-{}", self.key())
    }

    /// The IANA media type recorded in [`AttachmentRef::media_type`].
    pub fn media_type(self) -> &'static str {
        match self {
            MediaKind::Png => "image/png",
            MediaKind::Jpeg => "image/jpeg",
            MediaKind::Wav => "audio/wav",
            MediaKind::Mp3 => "audio/mpeg",
            MediaKind::M4a => "audio/mp4",
            MediaKind::Pdf => "application/pdf",
            MediaKind::Ogg => "audio/ogg",
            MediaKind::Other => "application/octet-stream",
        }
    }

    pub fn from_media_type(media_type: &str) -> MediaKind {
        let m = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        match m.as_str() {
            "image/png" => MediaKind::Png,
            "image/jpeg" | "image/jpg" => MediaKind::Jpeg,
            "audio/wav" | "audio/x-wav" | "audio/wave" | "audio/vnd.wave" => MediaKind::Wav,
            "audio/mpeg" | "audio/mp3" => MediaKind::Mp3,
            "audio/mp4" | "audio/x-m4a" | "audio/m4a" => MediaKind::M4a,
            "application/pdf" => MediaKind::Pdf,
            "audio/ogg" | "audio/opus" => MediaKind::Ogg,
            _ => MediaKind::Other,
        }
    }

    /// The kind of a stored attachment.
    pub fn of(attachment: &AttachmentRef) -> MediaKind {
        MediaKind::from_media_type(&attachment.media_type)
    }

    /// Whether the app can show it as a picture (egui's image loaders).
    pub fn is_image(self) -> bool {
        matches!(self, MediaKind::Png | MediaKind::Jpeg)
    }

    pub fn is_audio(self) -> bool {
        matches!(self, MediaKind::Wav | MediaKind::Mp3 | MediaKind::M4a | MediaKind::Ogg)
    }

    /// Recognise a file from its name and its first bytes (up to
    /// [`SNIFF_LEN`]; fewer when the file is shorter).
    pub fn detect(file_name: &str, head: &[u8]) -> MediaKind {
        let ext = Path::new(file_name)
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            return MediaKind::Png;
        }
        if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            return MediaKind::Jpeg;
        }
        if head.starts_with(b"OggS") {
            return MediaKind::Ogg;
        }
        if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WAVE" {
            return MediaKind::Wav;
        }
        // The PDF header may follow a little junk, within the first 1024 bytes.
        if head.windows(5).take(SNIFF_LEN).any(|w| w == b"%PDF-") {
            return MediaKind::Pdf;
        }
        if head.starts_with(b"ID3") || (ext == "mp3" && is_mpeg_audio_frame(head)) {
            return MediaKind::Mp3;
        }
        if head.len() >= 12 && &head[4..8] == b"ftyp" {
            let brand = &head[8..12];
            if matches!(brand, b"M4A " | b"M4B " | b"M4P ") {
                return MediaKind::M4a;
            }
            // Many recorders write a generic MPEG-4 brand; the name says audio.
            if matches!(ext.as_str(), "m4a" | "m4b") {
                return MediaKind::M4a;
            }
        }
        MediaKind::Other
    }
}

/// An MPEG-1/2 audio layer III frame header: 11 sync bits, a valid version,
/// layer III, a valid bitrate and sample rate.
fn is_mpeg_audio_frame(head: &[u8]) -> bool {
    let [a, b, c, ..] = head else { return false };
    let sync = *a == 0xFF && b & 0xE0 == 0xE0;
    let version_ok = (b >> 3) & 0b11 != 0b01;
    let layer3 = (b >> 1) & 0b11 == 0b01;
    let bitrate_ok = c >> 4 != 0b1111;
    let rate_ok = (c >> 2) & 0b11 != 0b11;
    sync && version_ok && layer3 && bitrate_ok && rate_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wav() -> Vec<u8> {
        let mut v = b"RIFF\x24\x00\x00\x00WAVEfmt ".to_vec();
        v.extend_from_slice(&[16, 0, 0, 0, 1, 0, 1, 0]);
        v
    }

    #[test]
    fn recognises_each_kind_by_content() {
        let cases: Vec<(&str, Vec<u8>, MediaKind)> = vec![
            ("a.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), MediaKind::Png),
            ("a.jpg", vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F'], MediaKind::Jpeg),
            ("a.wav", wav(), MediaKind::Wav),
            ("a.mp3", b"ID3\x04\x00\x00\x00\x00\x00\x00".to_vec(), MediaKind::Mp3),
            ("a.mp3", vec![0xFF, 0xFB, 0x90, 0x64, 0x00], MediaKind::Mp3),
            ("a.m4a", b"\0\0\0\x20ftypM4A \0\0\0\0".to_vec(), MediaKind::M4a),
            ("a.m4a", b"\0\0\0\x20ftypisom\0\0\0\0".to_vec(), MediaKind::M4a),
            ("a.pdf", b"%PDF-1.7\n%\xe2\xe3".to_vec(), MediaKind::Pdf),
            ("a.pdf", b"\xef\xbb\xbf  %PDF-1.4\n".to_vec(), MediaKind::Pdf),
            ("notes.txt", "평양 지도".as_bytes().to_vec(), MediaKind::Other),
            ("empty.png", Vec::new(), MediaKind::Other),
        ];
        for (name, head, want) in cases {
            assert_eq!(MediaKind::detect(name, &head), want, "{name} {head:x?}");
        }
    }

    #[test]
    fn the_content_wins_over_the_name() {
        assert_eq!(MediaKind::detect("photo.jpg", b"\x89PNG\r\n\x1a\n"), MediaKind::Png);
        assert_eq!(MediaKind::detect("PHOTO.PNG", b"not an image"), MediaKind::Other);
        assert_eq!(MediaKind::detect("REC.MP3", &[0xFF, 0xF3, 0x44, 0xC4]), MediaKind::Mp3);
        // Frame sync alone is too weak a signature without the name.
        assert_eq!(MediaKind::detect("data.bin", &[0xFF, 0xFB, 0x90, 0x64]), MediaKind::Other);
        // An MPEG-4 video is not audio.
        assert_eq!(MediaKind::detect("clip.mp4", b"\0\0\0\x20ftypisom\0\0\0\0"), MediaKind::Other);
        // A JPEG start is not an MP3 frame even when named .mp3.
        assert_eq!(MediaKind::detect("x.mp3", &[0xFF, 0xD8, 0xFF, 0xE1]), MediaKind::Jpeg);
    }

    #[test]
    fn media_types_round_trip() {
        for kind in MediaKind::ALL {
            assert_eq!(MediaKind::from_media_type(kind.media_type()), kind);
        }
        assert_eq!(MediaKind::from_media_type("Audio/X-WAV; codecs=1"), MediaKind::Wav);
        assert!(MediaKind::Png.is_image() && MediaKind::Jpeg.is_image() && !MediaKind::Pdf.is_image());
        assert!(MediaKind::M4a.is_audio() && !MediaKind::Other.is_audio());
    }

    #[test]
    fn every_kind_has_a_label_in_both_languages() {
        for lang in crate::i18n::Lang::ALL {
            for kind in MediaKind::ALL {
                assert!(crate::i18n::has_key(lang, &kind.label_key()), "{kind:?} in {lang:?}");
            }
        }
    }
}
