//! Fonts. egui's built-in fonts have no Hangul, so a Korean font is bundled
//! (never downloaded: the program does not touch the network) and added as a
//! fallback behind the default fonts for every family.

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

/// Install the fonts into a context (the app and the tests both call this).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}
