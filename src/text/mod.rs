//! Text handling below every feature that compares words.
//!
//! Search and the Korean place names and romanisation all compare text
//! that may come decomposed (pasted from macOS), full-width (typed on a
//! Korean keyboard) or in either case. They share one normalisation here,
//! so neither has to import the other for it.

mod normalise;

pub use normalise::{fold_forms, is_syllable, normalise};
