//! The bundle archive reader and its errors, from the product's sources
//! (export and import need a whole vault and are not part of the target).

#[path = "../../src/bundle/error.rs"]
mod error;
#[path = "../../src/bundle/format.rs"]
pub mod format;
#[path = "../../src/bundle/redact.rs"]
pub mod redact;

pub use error::BundleError;
pub type Result<T, E = BundleError> = std::result::Result<T, E>;
