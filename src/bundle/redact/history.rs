//! The history a redacted copy carries: its own, not the original's.
//!
//! Every revision of the original names the SHA-256 of the *unredacted*
//! case at that save. Carried into a pseudonymised bundle, those hashes let
//! anyone holding the bundle confirm a guess offline: fill a guessed name
//! into the redacted case, hash, compare. So a redacted copy keeps each
//! revision's number, time, changed-field names and (scrubbed) editor and
//! note, but its hashes are recomputed over the redacted content and the
//! chain is signed again, by the exporting vault:
//!
//! - every recomputed hash is written `redacted-<hex>`, so no reader takes
//!   it for the hash of a full case, and an import recognises a redacted
//!   copy's revision as the same save as the full one by number and time;
//! - the last revision's hash is the SHA-256 of the redacted case's content
//!   ([`Case::content_bytes`]);
//! - an earlier revision's content is not known in redacted form (a vault
//!   keeps only the latest content), so its hash is the SHA-256 of the
//!   redacted content followed by `\nrevision: N`: distinct per revision,
//!   and a function of nothing that was removed;
//! - `prev_hash` links to the recomputed hash before it;
//! - each revision is signed by the exporter's key over that text, so an
//!   archive that trusts the exporter checks every signature.

use crate::model::provenance::signed_text;
use crate::model::{Case, Revision, RevisionSignature};
use crate::vault::signing::{SigningKey, REVISION_NAMESPACE};
use sha2::{Digest, Sha256};

/// How every hash of a redacted copy's history begins.
pub use crate::model::history::REDACTED_HASH_PREFIX;

/// Whether a revision belongs to a redacted copy's own history.
pub fn is_rechained(r: &Revision) -> bool {
    r.content_hash.starts_with(REDACTED_HASH_PREFIX)
}

/// Give `redacted` its own chain of revisions, signed by `signer`.
pub fn rechain(redacted: &mut Case, signer: &SigningKey) {
    let last = redacted.history.len();
    if last == 0 {
        return;
    }
    let content = redacted.content_bytes();
    let public = signer.public().openssh();
    let mut prev = String::new();
    let id = redacted.id;
    for (i, r) in redacted.history.iter_mut().enumerate() {
        let mut h = Sha256::new();
        h.update(&content[..]);
        if i + 1 != last {
            h.update(format!("\nrevision: {}", r.number).as_bytes());
        }
        r.content_hash = format!("{REDACTED_HASH_PREFIX}{}", hex::encode(h.finalize()));
        r.prev_hash = std::mem::take(&mut prev);
        prev = r.content_hash.clone();
        r.signature = None;
        // No earlier content travels in a redacted copy (see `redact::pseudonymise`).
        r.before = None;
        let sig = signer.sign(REVISION_NAMESPACE, signed_text(id, r).as_bytes());
        r.signature = Some(RevisionSignature { signer: public.clone(), sig, signed_as: None });
    }
}
