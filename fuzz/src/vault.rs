//! The vault's format, crypto and error modules, from the product's sources.

#[path = "../../src/vault/crypto.rs"]
pub mod crypto;
#[path = "../../src/vault/error.rs"]
pub mod error;
#[path = "../../src/vault/format.rs"]
pub mod format;

pub use crypto::VaultKey;
pub use error::{Result, VaultError};
pub use format::VaultConfig;
