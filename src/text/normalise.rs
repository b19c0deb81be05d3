//! The one normalisation of text for matching.
//!
//! NFKC composes decomposed Hangul jamo into syllables and folds full-width
//! Latin letters and digits to ASCII; [`normalise`] then lower-cases.
//! Romanisation needs the same folding but keeps case (capitals mark
//! names), so the folding step is [`fold_forms`] on its own.

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// A precomposed Hangul syllable (가..힣).
pub fn is_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Characters NFKC leaves alone, common in testimony: ASCII, Hangul
/// syllables (a syllable only changes before a conjoining jamo, which is
/// not in this set) and typographic quotes.
fn unchanged_by_nfkc(c: char) -> bool {
    c.is_ascii() || is_syllable(c) || matches!(c, '‘' | '’' | '“' | '”' | '·')
}

/// NFKC, borrowed when it would change nothing: most testimony is ASCII
/// and Hangul syllables, and the general path is slow.
pub fn fold_forms(text: &str) -> Cow<'_, str> {
    if text.chars().all(unchanged_by_nfkc) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfkc().collect())
    }
}

/// Normalise text for matching: NFKC folds full-width Latin and digits to
/// ASCII and composes Hangul jamo into syllables; then lower case.
pub fn normalise(text: &str) -> String {
    if text.chars().all(unchanged_by_nfkc) {
        return text.to_ascii_lowercase();
    }
    text.nfkc().flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::{fold_forms, normalise};
    use std::borrow::Cow;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn decomposed_full_width_and_capitals_fold_together() {
        let decomposed: String = "요덕 수용소".nfd().collect();
        assert_eq!(normalise(&decomposed), "요덕 수용소");
        assert_eq!(normalise("ＡＢＣ１２３ Hyesan"), "abc123 hyesan");
        assert_eq!(fold_forms("Ｋim"), "Kim");
        assert!(matches!(fold_forms("Kim 김 “Ri”"), Cow::Borrowed(_)));
    }
}
