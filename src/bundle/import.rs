//! Import: decrypt, check everything, then merge by case id.
//!
//! The whole bundle is read and every hash checked before anything is
//! written (all or nothing). Merging never overwrites or drops a case:
//!
//! - a new id is added with its history, plus a revision noting the import;
//! - the same content is a no-op, so importing a bundle twice changes nothing;
//! - when our history is a prefix of theirs (nothing was edited here
//!   since), theirs is taken with its history (a fast-forward);
//! - when theirs is a prefix of ours, ours stays ("already newer");
//! - anything else is a conflict: ours stays as it is, theirs is kept
//!   encrypted in the vault for the user to resolve (see
//!   [`crate::vault::conflicts`]).
//!
//! A less redacted copy is never replaced by a more redacted one, judged
//! from the case's whole provenance (see [`super::decide`]).
//!
//! Before any of that, custody: the bundle must be signed, unchanged since,
//! by this vault or a trusted signer (see [`super::signature`]); trusting a
//! new signer is an explicit option ([`ImportOptions::trust_signer`]).

use super::decide::{decide_all, Context, Decision};
use super::format::{read_archive, read_archive_checking, Manifest, ManifestAttachment};
use super::keys::Unlock;
use super::signature::{self, CustodyError};
use super::{BundleError, Result};
use crate::model::{AttachmentRef, Case};
use crate::vault::attachments::ImportOutcome;
use crate::vault::conflicts::ConflictSource;
use crate::vault::signing::{SignatureBatch, SignerKey};
use crate::vault::{crypto, Vault, VaultError};
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// Start of the note on the revision an import adds.
pub const IMPORT_NOTE_PREFIX: &str = "imported from bundle:";

/// A bundle read and checked in full.
pub struct Bundle {
    pub path: PathBuf,
    pub manifest: Manifest,
    pub cases: Vec<Case>,
    /// The key that signed the bundle; the signature checks (whether the
    /// signer is trusted is the importing vault's question).
    pub signer: SignerKey,
    pub events: Vec<crate::events::Event>,
}

/// Decrypt `path`, check its signature and every revision's, and every
/// entry against the manifest. Attachment bytes are hashed as they stream
/// past and not kept.
pub fn read_bundle(path: &Path, unlock: &Unlock) -> Result<Bundle> {
    let reader = open_decrypted(path, unlock)?;
    // Each case's revision signatures gathered as the cases are decoded.
    let each_case = |case: &Case| signature::revision_signatures(case);
    let (archive, per_case) = read_archive_checking(reader, path, &mut |_, _| Ok(()), &each_case)?;
    let signer = signature::check_archive(&archive, path)?;
    // Checked once the bundle's own signature holds: all in one batch, and
    // when that does not check, case by case to say the first bad one in
    // the bundle's order.
    let mut revisions = SignatureBatch::default();
    per_case.into_iter().for_each(|batch| revisions.append(batch));
    if !revisions.all_check() {
        archive.cases.iter().try_for_each(|case| signature::check_case_revisions(case, path))?;
    }
    signature::check_attachment_owners(&archive.cases, path)?;
    let bundle = Bundle { path: path.to_path_buf(), manifest: archive.manifest, cases: archive.cases, signer, events: archive.events };
    check_attachment_refs(&bundle)?;
    Ok(bundle)
}

/// Check a bundle without importing it; returns its manifest.
pub fn verify(path: &Path, unlock: &Unlock) -> Result<Manifest> {
    read_bundle(path, unlock).map(|b| b.manifest)
}

pub(crate) fn open_decrypted(path: &Path, unlock: &Unlock) -> Result<impl Read + use<>> {
    let file = File::open(path).map_err(|e| BundleError::Read { path: path.to_path_buf(), detail: e.to_string() })?;
    let decryptor = age::Decryptor::new(BufReader::new(file)).map_err(|e| classify(e, path))?;
    let reader = if decryptor.is_scrypt() {
        let pass = unlock.passphrase.as_ref().ok_or(BundleError::NeedsPassphrase)?;
        let mut id = age::scrypt::Identity::new(pass.clone());
        id.set_max_work_factor(crypto::MAX_WORK_FACTOR);
        decryptor.decrypt(std::iter::once(&id as &dyn age::Identity)).map_err(|e| match e {
            age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => BundleError::WrongPassphrase,
            other => classify(other, path),
        })?
    } else {
        decryptor
            .decrypt(unlock.identities.iter().map(|i| i as &dyn age::Identity))
            .map_err(|e| classify(e, path))?
    };
    Ok(reader)
}

fn classify(err: age::DecryptError, path: &Path) -> BundleError {
    match err {
        age::DecryptError::NoMatchingKeys => BundleError::NotForUs,
        age::DecryptError::InvalidHeader | age::DecryptError::UnknownFormat => {
            BundleError::NotABundle { file: path.to_path_buf(), detail: err.to_string() }
        }
        age::DecryptError::Io(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
            BundleError::damaged(path, "the file is cut short")
        }
        other => BundleError::damaged(path, other.to_string()),
    }
}

/// What happened to one case of the bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeOutcome {
    /// New here: added.
    Added,
    /// Ours was an earlier state of theirs: theirs taken, histories joined.
    Updated { from_revision: u32, to_revision: u32 },
    /// Same content (or same revision, no richer): nothing to do.
    Unchanged,
    /// Ours already contains their revision and more.
    AlreadyNewer,
    /// Both changed: ours kept, theirs stored as this conflict.
    Conflict { conflict: Uuid },
    /// This same conflicting copy was stored by an earlier import.
    ConflictAlreadyStored,
}

/// Choices for one import.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// When the bundle's signer is not trusted yet: trust it under this
    /// name, then import. The explicit step after an
    /// [`CustodyError::UnknownSigner`] refusal; never taken by default.
    pub trust_signer: Option<String>,
}

#[derive(Debug)]
pub struct ImportReport {
    pub manifest: Manifest,
    /// Who signed the bundle, and the name this vault trusts them under.
    pub signer: SignerKey,
    pub signer_name: Option<String>,
    /// One line per case, in bundle order: id, code, outcome.
    pub cases: Vec<(Uuid, String, MergeOutcome)>,
    pub attachments_stored: usize,
    pub events: super::events::EventsMerge,
}

impl ImportReport {
    pub fn count(&self, pred: impl Fn(&MergeOutcome) -> bool) -> usize {
        self.cases.iter().filter(|(_, _, o)| pred(o)).count()
    }
    pub fn added(&self) -> usize {
        self.count(|o| *o == MergeOutcome::Added)
    }
    pub fn updated(&self) -> usize {
        self.count(|o| matches!(o, MergeOutcome::Updated { .. }))
    }
    pub fn conflicts(&self) -> usize {
        self.count(|o| matches!(o, MergeOutcome::Conflict { .. } | MergeOutcome::ConflictAlreadyStored))
    }
    pub fn unchanged(&self) -> usize {
        self.count(|o| matches!(o, MergeOutcome::Unchanged | MergeOutcome::AlreadyNewer))
    }
    /// The one-line summary shown by the window and the command line.
    pub fn summary(&self) -> String {
        crate::i18n::t_args(
            "import-done",
            &[
                ("added", &self.added().to_string()),
                ("updated", &self.updated().to_string()),
                ("unchanged", &self.unchanged().to_string()),
                ("conflicts", &self.conflicts().to_string()),
            ],
        )
    }
    /// Who signed the bundle, for the window and the command line.
    pub fn signed_by(&self) -> String {
        let fingerprint = self.signer.fingerprint();
        let name = self.signer_name.clone().unwrap_or_else(|| fingerprint.clone());
        crate::i18n::t_args("import-signed-by", &[("signer", &name), ("fingerprint", &fingerprint)])
    }

    /// Whether the import changed nothing in the vault.
    pub fn is_no_op(&self) -> bool {
        self.attachments_stored == 0
            && self.events == Default::default()
            && self.cases.iter().all(|(_, _, o)| {
                matches!(o, MergeOutcome::Unchanged | MergeOutcome::AlreadyNewer | MergeOutcome::ConflictAlreadyStored)
            })
    }
}

/// Read, check and merge the bundle at `path` into `vault`. `editor` is
/// named in the revisions the import adds. A signer the vault does not
/// trust is refused; see [`import_with`].
pub fn import(vault: &mut Vault, path: &Path, unlock: &Unlock, editor: &str) -> Result<ImportReport> {
    import_with(vault, path, unlock, editor, &ImportOptions::default())
}

/// [`import`], with the explicit choices of [`ImportOptions`].
pub fn import_with(vault: &mut Vault, path: &Path, unlock: &Unlock, editor: &str, options: &ImportOptions) -> Result<ImportReport> {
    let bundle = read_bundle(path, unlock)?;
    // Everything is checked before the first write (the trust list).
    let trust_as = signer_to_trust(vault, &bundle, options)?;
    check_foreign_attachments(vault, &bundle)?;
    if vault.is_read_only() {
        return Err(VaultError::ReadOnly { path: vault.dir().to_path_buf() }.into());
    }
    if let Some(name) = &trust_as {
        vault.trust_signer(name, &bundle.signer.openssh())?;
    }
    let merged = store_and_merge(vault, bundle, unlock, editor);
    // Trusting was for this import: if it failed, the signer is not left
    // trusted (unless even that cannot be written, e.g. on a full disk;
    // the import's own error is the one to show, and `trust list` tells).
    if merged.is_err()
        && let Some(name) = &trust_as
    {
        let _ = vault.untrust_signer(name);
    }
    merged
}

fn store_and_merge(vault: &mut Vault, bundle: Bundle, unlock: &Unlock, editor: &str) -> Result<ImportReport> {
    // Attachments first: a case never points at bytes that are not there.
    let attachments_stored =
        if bundle.manifest.attachments.is_empty() { 0 } else { store_attachments(vault, &bundle, unlock)? };
    let mut report = import_bundle(vault, bundle, editor)?;
    report.attachments_stored = attachments_stored;
    Ok(report)
}

/// `None` when the vault trusts the bundle's signer; the name to trust it
/// under when the options say so; otherwise the refusal.
fn signer_to_trust(vault: &Vault, bundle: &Bundle, options: &ImportOptions) -> Result<Option<String>> {
    if vault.is_trusted(&bundle.signer) {
        return Ok(None);
    }
    match options.trust_signer.as_deref().map(str::trim) {
        None => Err(CustodyError::UnknownSigner { file: bundle.path.clone(), signer: bundle.signer.clone() }.into()),
        Some("") => Err(CustodyError::SignerNameMissing.into()),
        Some(name) => Ok(Some(name.to_string())),
    }
}

/// A case may not refer to an attachment whose file here belongs to
/// another case: removing it there would delete that case's evidence.
fn check_foreign_attachments(vault: &Vault, bundle: &Bundle) -> Result<()> {
    for case in &bundle.cases {
        if let Some(&attachment) = vault.foreign_attachments(case)?.first() {
            return Err(CustodyError::ForeignAttachment { file: bundle.path.clone(), code: case.code.clone(), attachment }.into());
        }
    }
    Ok(())
}

/// Merge an already checked bundle's cases into `vault` (attachments
/// already stored and checked by [`import_with`]). Its signer must be
/// trusted here. The bundle's cases are stored as they are, not copied.
pub fn import_bundle(vault: &mut Vault, bundle: Bundle, editor: &str) -> Result<ImportReport> {
    if vault.is_read_only() {
        return Err(VaultError::ReadOnly { path: vault.dir().to_path_buf() }.into());
    }
    signer_to_trust(vault, &bundle, &ImportOptions::default())?;
    let m = &bundle.manifest;
    let note = format!(
        "{IMPORT_NOTE_PREFIX} exported {} from vault {}, profile {}",
        m.exported_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
        m.vault_id,
        m.profile.key()
    );
    let source = ConflictSource {
        vault_id: m.vault_id,
        exported_at: m.exported_at,
        profile: m.profile.key().to_string(),
        bundle_name: bundle.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
    };
    // Decide every case first (on all cores: loading and hashing is the
    // slow part), then store: conflicts one by one, the added and updated
    // cases in one all-or-nothing batch.
    let decisions = decide_all(vault, &bundle.cases, &Context { profile: m.profile, note: &note, editor });
    let mut out = Vec::with_capacity(bundle.cases.len());
    let mut to_write = Vec::new();
    let Bundle { cases, manifest, signer, events, .. } = bundle;
    for (mut theirs, decision) in cases.into_iter().zip(decisions) {
        let (id, code) = (theirs.id, theirs.code.clone());
        let outcome = match decision? {
            Decision::Done(outcome) => outcome,
            Decision::Write(outcome, revision) => {
                theirs.history.push(*revision);
                to_write.push(theirs);
                outcome
            }
            Decision::Conflict => match vault.store_conflict(&theirs, source.clone())? {
                Some(conflict) => MergeOutcome::Conflict { conflict },
                None => MergeOutcome::ConflictAlreadyStored,
            },
        };
        out.push((id, code, outcome));
    }
    vault.write_cases_all_or_nothing(&to_write, &source.bundle_name)?;
    let events = super::events::merge_into(vault, &events, manifest.vault_id)?;
    Ok(ImportReport { events, signer_name: vault.signer_name(&signer), manifest, signer, cases: out, attachments_stored: 0 })
}

/// Second pass over a bundle already checked in full: store each
/// attachment through the vault (encrypted to the vault key, its size and
/// hash checked before it is kept). Attachments already present are skipped.
fn store_attachments(vault: &mut Vault, bundle: &Bundle, unlock: &Unlock) -> Result<usize> {
    let refs: HashMap<Uuid, AttachmentRef> =
        bundle.cases.iter().flat_map(|c| c.attachments.iter().map(|a| (a.id, a.clone()))).collect();
    let reader = open_decrypted(&bundle.path, unlock)?;
    let mut stored = 0;
    let mut failure: Option<VaultError> = None;
    let path = bundle.path.clone();
    let result = read_archive(reader, &path, &mut |line: &ManifestAttachment, bytes: &mut dyn Read| {
        let aref = refs.get(&line.id).ok_or_else(|| io::Error::other("no case refers to this attachment"))?;
        match vault.import_attachment(aref, bytes, &path) {
            Ok(ImportOutcome::Imported) => {
                stored += 1;
                Ok(())
            }
            Ok(ImportOutcome::AlreadyPresent) => Ok(()),
            Err(e) => {
                failure = Some(e);
                Err(io::Error::other("attachment not stored"))
            }
        }
    });
    if let Some(e) = failure {
        return Err(e.into());
    }
    // The second read must be of the bundle whose signature was checked.
    if result?.manifest != bundle.manifest {
        return Err(BundleError::damaged(&bundle.path, "the bundle changed while it was being imported"));
    }
    Ok(stored)
}

/// Every attachment in the manifest must be one its case records, with the
/// same size and hash.
fn check_attachment_refs(bundle: &Bundle) -> Result<()> {
    for line in &bundle.manifest.attachments {
        let known = bundle
            .cases
            .iter()
            .filter(|c| c.id == line.case_id)
            .flat_map(|c| &c.attachments)
            .any(|a| a.id == line.id && a.size == line.size && a.sha256 == line.sha256);
        if !known {
            return Err(BundleError::damaged(&bundle.path, format!("attachment {} is not recorded by its case", line.id)));
        }
    }
    Ok(())
}
