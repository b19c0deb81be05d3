//! The vault's side of custody: its signing key, its trusted signers, and
//! signing the revisions it makes.
//!
//! A vault from before signing gets its key at the first writable open. If
//! the key cannot be written or read (a read-only disk, damage), the vault
//! still opens and saves (nothing is lost), the open report says so, and
//! exporting is refused rather than writing an unsigned bundle.

use super::error::{Result, VaultError};
use super::signing::{SignerKey, SigningKey, REVISION_NAMESPACE, SIGNING_FILE};
use super::trust::{TrustList, TrustedSigner, TRUST_FILE};
use super::{atomic, crypto, Vault};
use crate::model::provenance::signed_text;
use crate::model::{now_utc, Case, Revision, RevisionSignature};
use std::path::Path;
use uuid::Uuid;

/// What a revision's signature says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RevisionCheck {
    /// Signed by this key, and the signature checks.
    Valid(SignerKey),
    /// A signature that does not check (altered after signing, or not a
    /// signature): the detail says which.
    Invalid { signer: Option<SignerKey>, detail: String },
    /// Signed by this key, but the text was redacted for export, so the
    /// signature was withheld and cannot be checked in this copy.
    Redacted(SignerKey),
    /// No signature: written before revisions were signed.
    Unsigned,
}

/// Check one revision of case `case_id`.
pub fn check_revision(case_id: Uuid, r: &Revision) -> RevisionCheck {
    let Some(s) = &r.signature else { return RevisionCheck::Unsigned };
    let signer = match SignerKey::parse(&s.signer) {
        Ok(k) => k,
        Err(detail) => return RevisionCheck::Invalid { signer: None, detail },
    };
    if s.sig.is_empty() {
        return RevisionCheck::Redacted(signer);
    }
    match signer.verify(REVISION_NAMESPACE, signed_text(case_id, r).as_bytes(), &s.sig) {
        Ok(()) => RevisionCheck::Valid(signer),
        Err(detail) => RevisionCheck::Invalid { signer: Some(signer), detail },
    }
}

impl Vault {
    /// The vault's signing key; `None` when it could not be read or written
    /// (the open report says why).
    pub fn signing_key(&self) -> Option<&SigningKey> {
        self.signing.as_ref()
    }

    /// The vault's public signing key, or why there is none.
    pub fn signer(&self) -> Result<SignerKey> {
        self.signing.as_ref().map(SigningKey::public).ok_or_else(|| VaultError::SigningUnavailable {
            detail: crate::i18n::t("signing-unavailable-see-open-report"),
        })
    }

    /// `revision` with this vault's signature over it (unchanged when the
    /// vault has no signing key).
    pub fn signed(&self, case_id: Uuid, mut revision: Revision) -> Revision {
        if let Some(key) = &self.signing {
            revision.signature = None;
            let sig = key.sign(REVISION_NAMESPACE, signed_text(case_id, &revision).as_bytes());
            revision.signature = Some(RevisionSignature { signer: key.public().openssh(), sig, signed_as: None });
        }
        revision
    }

    /// Who signed a revision and whether it checks, in words, for the
    /// history shown by the window and the command line.
    pub fn revision_status(&self, case_id: Uuid, r: &Revision) -> String {
        let who = |k: &SignerKey| self.signer_name(k).unwrap_or_else(|| k.fingerprint());
        match check_revision(case_id, r) {
            RevisionCheck::Valid(k) => crate::i18n::t_args("revision-signature-valid", &[("signer", &who(&k))]),
            RevisionCheck::Invalid { signer, .. } => {
                let signer = signer.as_ref().map_or_else(|| String::from("?"), who);
                crate::i18n::t_args("revision-signature-invalid", &[("signer", &signer)])
            }
            RevisionCheck::Redacted(k) => crate::i18n::t_args("revision-signature-redacted", &[("signer", &who(&k))]),
            RevisionCheck::Unsigned => crate::i18n::t("revision-unsigned"),
        }
    }

    pub fn trust_list(&self) -> &TrustList {
        &self.trust
    }

    /// Whether bundles signed by `key` are imported: this vault's own key,
    /// or one in the trust list.
    pub fn is_trusted(&self, key: &SignerKey) -> bool {
        self.signer().ok().as_ref() == Some(key) || self.trust.name_of(key).is_some()
    }

    /// The name to show for a signer: this vault, a trusted name, or none.
    pub fn signer_name(&self, key: &SignerKey) -> Option<String> {
        if self.signer().ok().as_ref() == Some(key) {
            return Some(crate::i18n::t("signer-this-vault"));
        }
        self.trust.name_of(key).map(str::to_string)
    }

    /// Trust `key_text` (an OpenSSH public key line) under `name`.
    pub fn trust_signer(&mut self, name: &str, key_text: &str) -> Result<TrustedSigner> {
        self.ensure_writable()?;
        let key = SignerKey::parse(key_text)
            .map_err(|detail| VaultError::BadSignerKey { text: key_text.trim().to_string(), detail })?;
        let name = name.trim();
        if name.is_empty() {
            return Err(VaultError::SignerNameMissing);
        }
        if let Some(known) = self.signer_name(&key) {
            return Err(VaultError::SignerAlreadyTrusted { name: known, fingerprint: key.fingerprint() });
        }
        if self.trust.signers.iter().any(|s| s.name == name) {
            return Err(VaultError::SignerNameTaken { name: name.to_string() });
        }
        let signer = TrustedSigner { name: name.to_string(), key: key.openssh(), added: now_utc() };
        let mut next = self.trust.clone();
        next.signers.push(signer.clone());
        self.write_trust(&next)?;
        self.trust = next;
        Ok(signer)
    }

    /// Stop trusting the signer named `name_or_key` (its name, its public
    /// key line or its fingerprint). Cases already imported stay.
    pub fn untrust_signer(&mut self, name_or_key: &str) -> Result<TrustedSigner> {
        self.ensure_writable()?;
        let wanted = name_or_key.trim();
        let key = SignerKey::parse(wanted).ok();
        let squash = |s: &str| s.replace(' ', "").to_ascii_lowercase();
        let pos = self.trust.signers.iter().position(|s| {
            s.name == wanted
                || key.as_ref().is_some_and(|k| SignerKey::parse(&s.key).as_ref() == Ok(k))
                || (!wanted.is_empty() && squash(&s.fingerprint()) == squash(wanted))
        });
        let pos = pos.ok_or_else(|| VaultError::NoSuchSigner { name: wanted.to_string() })?;
        let mut next = self.trust.clone();
        let removed = next.signers.remove(pos);
        self.write_trust(&next)?;
        self.trust = next;
        Ok(removed)
    }

    /// The attachments `theirs` refers to whose file here belongs to
    /// another case: not to our copy of the same case, nor to a copy of it
    /// waiting as a conflict.
    pub fn foreign_attachments(&self, theirs: &Case) -> Result<Vec<Uuid>> {
        let present: Vec<Uuid> =
            theirs.attachments.iter().map(|a| a.id).filter(|id| self.attachment_path(*id).is_file()).collect();
        if present.is_empty() {
            return Ok(present);
        }
        let mut owned: Vec<Uuid> = match self.load_case(theirs.id) {
            Ok(ours) => ours.attachments.iter().map(|a| a.id).collect(),
            Err(VaultError::NoSuchCase(_)) => Vec::new(),
            // Unreadable here: the import makes it a conflict, which
            // deletes nothing.
            Err(_) => return Ok(Vec::new()),
        };
        for info in self.conflicts_for(theirs.id) {
            if let Ok((_, waiting)) = self.load_conflict(info.id) {
                owned.extend(waiting.attachments.iter().map(|a| a.id));
            }
        }
        Ok(present.into_iter().filter(|id| !owned.contains(id)).collect())
    }

    fn write_trust(&self, list: &TrustList) -> Result<()> {
        let ciphertext = crypto::encrypt(&[&self.key.recipient], &list.encode(), "the trusted signers")?;
        atomic::write_atomic(&self.dir.join(TRUST_FILE), &ciphertext, true)
    }

    /// Make and store the signing key of a new vault.
    pub(super) fn write_new_signing_key(&mut self) -> Result<()> {
        let key = SigningKey::generate(&format!("testimony-vault {}", self.key.vault_id));
        let ciphertext = crypto::encrypt(&[&self.key.recipient], key.to_openssh().as_bytes(), "the signing key")?;
        atomic::write_atomic(&self.dir.join(SIGNING_FILE), &ciphertext, true)?;
        self.signing = Some(key);
        Ok(())
    }

    /// At open: read the signing key (making one for a vault from before
    /// signing) and the trust list. Damage is reported, never fatal, and a
    /// damaged key is never replaced: the file stays for recovery.
    pub(super) fn load_custody(&mut self) -> Result<()> {
        let path = self.dir.join(SIGNING_FILE);
        match self.read_with_fallback(&path, SigningKey::from_openssh)? {
            Some(key) => self.signing = Some(key),
            None if path.exists() || atomic::previous_path(&path).exists() => {}
            None if self.lock.is_none() => self.report.damaged.push(VaultError::SigningUnavailable {
                detail: crate::i18n::t("signing-unavailable-read-only"),
            }),
            None => {
                if let Err(e) = self.write_new_signing_key() {
                    let detail = e.to_string();
                    self.report.damaged.push(VaultError::SigningUnavailable { detail });
                }
            }
        }
        let path = self.dir.join(TRUST_FILE);
        self.trust = self.read_with_fallback(&path, TrustList::decode)?.unwrap_or_default();
        Ok(())
    }

    /// Read `path`, falling back to its previous generation when it is
    /// damaged; damage is reported. `None` when neither opens. A file from a
    /// newer version is refused.
    fn read_with_fallback<T>(&mut self, path: &Path, decode: impl Fn(&[u8], &Path) -> Result<T>) -> Result<Option<T>> {
        for (i, file) in [path.to_path_buf(), atomic::previous_path(path)].iter().enumerate() {
            let read = self.read_encrypted(file).and_then(|b| b.map(|b| decode(&b, file)).transpose());
            match read {
                Ok(Some(value)) => return Ok(Some(value)),
                // No current file: the previous one is not a fallback.
                Ok(None) if i == 0 => return Ok(None),
                Ok(None) => {}
                Err(e @ VaultError::NewerVersion { .. }) => return Err(e),
                Err(e) => self.report.damaged.push(e),
            }
        }
        Ok(None)
    }
}
