//! Who made a bundle, and whether everything in it is as they signed it.
//!
//! A bundle's `manifest.sig` is an SSHSIG signature (namespace
//! `testimony-vault-bundle`) over the exact bytes of `manifest.ron`, made
//! by the exporting vault's key, which the manifest names (`signer`). The
//! manifest holds the SHA-256 of every case and attachment entry and the
//! reader checks every entry against it, so the one signature covers the
//! whole bundle. Each revision inside the cases carries its own signature
//! (see [`crate::model::provenance`]), checked here too.
//!
//! Everything is checked before anything is written: an unsigned bundle, one
//! changed after signing, one signed by a key the vault does not trust, or a
//! revision whose signature does not check is refused, naming what was
//! wrong and the signer's fingerprint.

use super::format::Archive;
use crate::i18n::t_args;
use crate::model::provenance::signed_text;
use crate::model::Case;
use crate::vault::custody::{check_revision, RevisionCheck};
use crate::vault::signing::{SignatureBatch, SignerKey, BUNDLE_NAMESPACE, REVISION_NAMESPACE};
use std::fmt;
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// Why a bundle's custody was refused. Nothing was imported.
#[derive(Debug)]
pub enum CustodyError {
    /// No `manifest.sig` (an older version, or the signature was stripped).
    Unsigned { file: PathBuf },
    /// The signature does not check: changed after signing.
    BadSignature { file: PathBuf, fingerprint: String, detail: String },
    /// Signed, and the signature checks, by a key this vault does not trust.
    UnknownSigner { file: PathBuf, signer: SignerKey },
    /// A revision inside a case whose signature does not check.
    BadRevision { file: PathBuf, code: String, number: u32, fingerprint: String, detail: String },
    /// A case refers to an attachment another case owns (here or in the
    /// same bundle).
    ForeignAttachment { file: PathBuf, code: String, attachment: Uuid },
    /// Trusting a signer needs a name.
    SignerNameMissing,
}

/// The text of each variant is its Fluent message (`custody-error-…`), in
/// the current language.
impl fmt::Display for CustodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = |path: &Path| path.display().to_string();
        let text = match self {
            CustodyError::Unsigned { file } => t_args("custody-error-unsigned", &[("file", &p(file))]),
            CustodyError::BadSignature { file, fingerprint, detail } => t_args(
                "custody-error-bad-signature",
                &[("file", &p(file)), ("fingerprint", fingerprint), ("detail", detail)],
            ),
            CustodyError::UnknownSigner { file, signer } => {
                t_args("custody-error-unknown-signer", &[("file", &p(file)), ("fingerprint", &signer.fingerprint())])
            }
            CustodyError::BadRevision { file, code, number, fingerprint, detail } => t_args(
                "custody-error-bad-revision",
                &[
                    ("file", &p(file)),
                    ("code", code),
                    ("number", &number.to_string()),
                    ("fingerprint", fingerprint),
                    ("detail", detail),
                ],
            ),
            CustodyError::ForeignAttachment { file, code, attachment } => t_args(
                "custody-error-foreign-attachment",
                &[("file", &p(file)), ("code", code), ("attachment", &attachment.to_string())],
            ),
            CustodyError::SignerNameMissing => crate::i18n::t("custody-error-signer-name-missing"),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for CustodyError {}

/// Check the archive's signature and that the manifest names the key that
/// made it. Returns the signer (not yet checked against the trust list).
pub fn check_archive(archive: &Archive, file: &Path) -> Result<SignerKey, CustodyError> {
    let sig = archive.signature.as_deref().ok_or_else(|| CustodyError::Unsigned { file: file.to_path_buf() })?;
    let bad = |fingerprint: String, detail: String| CustodyError::BadSignature { file: file.to_path_buf(), fingerprint, detail };
    let signer = SignerKey::of_signature(sig).map_err(|d| bad(String::from("?"), d))?;
    let named = SignerKey::parse(&archive.manifest.signer).map_err(|d| bad(signer.fingerprint(), d))?;
    if named != signer {
        return Err(bad(signer.fingerprint(), format!("the manifest names another signer ({})", named.fingerprint())));
    }
    signer.verify(BUNDLE_NAMESPACE, &archive.manifest_bytes, sig).map_err(|d| bad(signer.fingerprint(), d))?;
    Ok(signer)
}

/// The signatures of a bundle's case's signed revisions, to be checked
/// with every other case's in one batch; when the batch does not check,
/// [`check_case_revisions`] says which revision is bad.
pub(super) fn revision_signatures(case: &Case) -> SignatureBatch {
    let mut batch = SignatureBatch::default();
    for r in &case.history {
        // Unsigned and redacted (signature withheld) revisions are let
        // through, as `check_revision` lets them.
        let Some(s) = r.signature.as_ref().filter(|s| !s.sig.is_empty()) else { continue };
        match SignerKey::parse(&s.signer) {
            Ok(signer) => batch.push(&signer, REVISION_NAMESPACE, signed_text(case.id, r).as_bytes(), &s.sig),
            Err(_) => batch.push_unusual(),
        }
    }
    batch
}

/// Every signed revision of a bundle's case must check; unsigned ones
/// (from before signing) are let through and shown as such.
pub(super) fn check_case_revisions(case: &Case, file: &Path) -> Result<(), CustodyError> {
    for r in &case.history {
        if let RevisionCheck::Invalid { signer, detail } = check_revision(case.id, r) {
            return Err(CustodyError::BadRevision {
                file: file.to_path_buf(),
                code: case.code.clone(),
                number: r.number,
                fingerprint: signer.map_or_else(|| String::from("?"), |s| s.fingerprint()),
                detail,
            });
        }
    }
    Ok(())
}

/// After redaction: a revision whose signed text the redaction changed
/// keeps its signer but not its signature, which no longer covers it (see
/// [`crate::model::RevisionSignature::sig`]).
pub fn withhold_broken_signatures(original: &Case, redacted: &mut Case) {
    for (before, after) in original.history.iter().zip(redacted.history.iter_mut()) {
        if signed_text(original.id, before) != signed_text(redacted.id, after)
            && let Some(s) = after.signature.as_mut()
        {
            s.sig.clear();
        }
    }
}

/// No two cases of the bundle may claim the same attachment.
pub fn check_attachment_owners(cases: &[Case], file: &Path) -> Result<(), CustodyError> {
    let mut owner: std::collections::HashMap<Uuid, Uuid> = std::collections::HashMap::new();
    for case in cases {
        for a in &case.attachments {
            if *owner.entry(a.id).or_insert(case.id) != case.id {
                return Err(CustodyError::ForeignAttachment { file: file.to_path_buf(), code: case.code.clone(), attachment: a.id });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::CustodyError;
    use crate::i18n::assert_shown_in_both_languages;
    use crate::vault::signing::SigningKey;
    use std::path::PathBuf;

    #[test]
    fn every_variant_has_its_text_in_both_languages() {
        let file = || PathBuf::from("/tmp/b.tvb");
        let all = [
            CustodyError::Unsigned { file: file() },
            CustodyError::BadSignature { file: file(), fingerprint: "0a1b".into(), detail: "d".into() },
            CustodyError::UnknownSigner { file: file(), signer: SigningKey::generate("x").public() },
            CustodyError::BadRevision { file: file(), code: "NK-1".into(), number: 2, fingerprint: "0a1b".into(), detail: "d".into() },
            CustodyError::ForeignAttachment { file: file(), code: "NK-1".into(), attachment: uuid::Uuid::nil() },
            CustodyError::SignerNameMissing,
        ];
        for e in &all {
            // No catch-all: a new variant must be listed above.
            match e {
                CustodyError::Unsigned { .. }
                | CustodyError::BadSignature { .. }
                | CustodyError::UnknownSigner { .. }
                | CustodyError::BadRevision { .. }
                | CustodyError::ForeignAttachment { .. }
                | CustodyError::SignerNameMissing => assert_shown_in_both_languages(e),
            }
        }
    }
}
