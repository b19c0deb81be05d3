//! testimony-vault: offline, private capture of human-rights testimony.
//!
//! The library holds everything but the window: the record model, the
//! encrypted vault, search. The GUI and the command line sit on top of it.

pub mod model;
pub mod sample;
pub mod search;
pub mod vault;

pub use model::Case;
pub use vault::{Vault, VaultError};
