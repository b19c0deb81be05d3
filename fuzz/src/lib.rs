//! The product's decoders for fuzzing, compiled from the product's own source
//! files (`../src/model`, `../src/vault/{error,format,crypto}.rs`) without
//! the GUI stack: building egui and wgpu with sanitizer instrumentation would
//! take most of an hour on the project's machines, and none of it parses
//! vault files. The crate is named like the product so the targets read the
//! same either way; if the product gains a `gui` feature, depend on it with
//! `default-features = false` instead and delete this file.

#[path = "../../src/model/mod.rs"]
pub mod model;

pub mod vault;

#[path = "../../src/i18n/mod.rs"]
pub mod i18n;

pub mod bundle;
