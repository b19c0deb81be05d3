//! Korean-specific knowledge: how Hangul is romanised (for search across
//! scripts) and the administrative divisions of North Korea (a pick list for
//! interview and incident locations).

pub mod names;
pub mod places;
pub mod romanise;
