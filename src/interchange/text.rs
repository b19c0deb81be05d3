//! Which text encoding a table file is in.
//!
//! Excel on a Korean system saves "CSV" as CP949 (Microsoft's superset of
//! EUC-KR), "CSV UTF-8" with a byte-order mark, and "Unicode text" as
//! UTF-16; scripts write plain UTF-8. A file that is valid UTF-8 is read as
//! UTF-8 (CP949 Hangul is almost never valid UTF-8), a byte-order mark
//! decides, and anything else must decode as CP949 without a single
//! invalid sequence, or it is refused rather than read as mojibake.

use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8WithBom,
    Utf16,
    Cp949,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8WithBom => "UTF-8 (BOM)",
            Encoding::Utf16 => "UTF-16",
            Encoding::Cp949 => "CP949",
        }
    }
}

/// The text of `bytes` and the encoding found, or `None` when it is
/// neither UTF-8 (with or without a byte-order mark), UTF-16 with one, nor
/// CP949.
pub fn decode(bytes: &[u8]) -> Option<(Cow<'_, str>, Encoding)> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let found = if encoding == encoding_rs::UTF_8 { Encoding::Utf8WithBom } else { Encoding::Utf16 };
        return (!had_errors).then_some((text, found));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((Cow::Borrowed(text), Encoding::Utf8));
    }
    // encoding_rs's EUC-KR is the WHATWG one: windows-949, i.e. CP949.
    let (text, had_errors) = encoding_rs::EUC_KR.decode_without_bom_handling(bytes);
    (!had_errors).then_some((text, Encoding::Cp949))
}

#[cfg(test)]
mod tests {
    use super::{decode, Encoding};

    #[test]
    fn finds_each_encoding_excel_writes() {
        let hangul = "가명,서술\n김,신의주\n";
        let (cp949, _, _) = encoding_rs::EUC_KR.encode(hangul);
        assert_eq!(decode(&cp949).map(|(t, e)| (t.into_owned(), e)), Some((hangul.to_string(), Encoding::Cp949)));
        let bom = [b"\xEF\xBB\xBF".as_slice(), hangul.as_bytes()].concat();
        assert_eq!(decode(&bom).map(|(t, e)| (t.into_owned(), e)), Some((hangul.to_string(), Encoding::Utf8WithBom)));
        assert_eq!(decode(hangul.as_bytes()).map(|(_, e)| e), Some(Encoding::Utf8));
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(hangul.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16).map(|(t, e)| (t.into_owned(), e)), Some((hangul.to_string(), Encoding::Utf16)));
        // Not text in any of them.
        assert_eq!(decode(b"\x80\xFF\xFE\x00abc\xC8"), None);
    }
}
