//! The window: the real app driven through egui_kittest, Korean composition
//! with synthesized IME events, and the real binary under Xvfb with a real
//! input method. One binary; the interface language is process-wide, so the
//! tests that use the whole app take `drive::serial()`.

#[path = "../common/mod.rs"]
mod common;
mod drive;
mod form;
mod history;
mod events;
mod export_consent;
mod ime;
mod keys;
mod lock_return;
mod memory;
mod real_ime;
mod recording;
mod recording_edits;
mod small_points;
mod window;
mod years;
