//! testimony-vault: offline, private capture of human-rights testimony.
//!
//! The library holds everything: the record model, the encrypted vault,
//! search, strings, and the GUI and command line that sit on top of them.
//! The core (model, vault, search) never sees a UI type.

pub mod allocator;
pub mod audio;
pub mod bundle;
pub mod cli;
pub mod events;
pub mod harden;
pub mod i18n;
pub mod interchange;
pub mod korean;
pub mod model;
pub mod parallel;
pub mod sample;
pub mod search;
pub mod text;
pub mod ui;
pub mod vault;

pub use model::Case;
pub use vault::{Vault, VaultError};
