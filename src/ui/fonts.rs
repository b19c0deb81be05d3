//! Fonts. egui's built-in fonts have no Hangul, so a Korean font is bundled
//! (never downloaded: the program does not touch the network) and added as a
//! fallback behind the default fonts for every family.
//!
//! Sizes: egui's defaults put small text at 9 px, where Hangul blurs (암호를
//! reads like 맘호를). Nothing here is below 13 px (every style can hold
//! Hangul), and the larger-text setting scales everything by a quarter.

use std::sync::Arc;

/// NanumGothic (SIL Open Font License 1.1, see `assets/NanumGothic-OFL.txt`).
pub const HANGUL_FONT: &[u8] = include_bytes!("../../assets/NanumGothic.ttf");

const HANGUL_FONT_NAME: &str = "NanumGothic";

/// Font definitions with the Hangul font as a fallback.
pub fn font_definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    fonts
        .font_data
        .insert(HANGUL_FONT_NAME.into(), Arc::new(egui::FontData::from_static(HANGUL_FONT)));
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts.families.entry(family).or_default().push(HANGUL_FONT_NAME.into());
    }
    fonts
}

/// The smallest text size anywhere (Hangul needs 13 px to stay legible).
pub const MIN_TEXT_SIZE: f32 = 13.0;

/// The text styles: small and monospace 13, body and buttons 13.5,
/// headings 18 px.
pub fn text_styles() -> std::collections::BTreeMap<egui::TextStyle, egui::FontId> {
    use egui::{FontFamily::*, FontId, TextStyle};
    [
        (TextStyle::Small, FontId::new(MIN_TEXT_SIZE, Proportional)),
        (TextStyle::Body, FontId::new(13.5, Proportional)),
        (TextStyle::Button, FontId::new(13.5, Proportional)),
        (TextStyle::Monospace, FontId::new(MIN_TEXT_SIZE, Monospace)),
        (TextStyle::Heading, FontId::new(18.0, Proportional)),
    ]
    .into()
}

/// Install the fonts and text sizes into a context (the app and the tests
/// both call this).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
    ctx.all_styles_mut(|style| style.text_styles = text_styles());
}

/// The larger-text setting: everything drawn a quarter larger.
pub fn set_larger_text(ctx: &egui::Context, larger: bool) {
    ctx.set_zoom_factor(if larger { 1.25 } else { 1.0 });
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_text_style_is_below_the_minimum() {
        for (style, font) in super::text_styles() {
            assert!(font.size >= super::MIN_TEXT_SIZE, "{style:?} is {} px", font.size);
        }
    }
}
