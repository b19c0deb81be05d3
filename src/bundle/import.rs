//! Import: decrypt, check everything, then merge by case id.
//!
//! The whole bundle is read and every hash checked before anything is
//! written (all or nothing). Merging never overwrites or drops a case:
//!
//! - a new id is added with its history, plus a revision noting the import;
//! - the same content is a no-op, so importing a bundle twice changes nothing;
//! - when our copy is an earlier state of theirs (its revision is in their
//!   history and nothing was edited here since), theirs is taken and both
//!   histories are kept, one after the other (a fast-forward);
//! - when theirs is an earlier state of ours, ours stays;
//! - anything else is a conflict: ours stays as it is, theirs is kept
//!   encrypted in the vault for the user to resolve (see
//!   [`crate::vault::conflicts`]).
//!
//! A less redacted copy is never replaced by a more redacted one: that
//! would silently drop the removed fields; it becomes a conflict instead.

use super::format::{read_archive, Manifest, ManifestAttachment};
use super::keys::Unlock;
use super::redact::Profile;
use super::{BundleError, Result};
use crate::model::{changed_fields, now_utc, AttachmentRef, Case, Revision};
use crate::vault::conflicts::ConflictSource;
use crate::vault::attachments::ImportOutcome;
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
}

/// Decrypt `path` and check every entry against the manifest. Attachment
/// bytes are hashed as they stream past and not kept.
pub fn read_bundle(path: &Path, unlock: &Unlock) -> Result<Bundle> {
    let reader = open_decrypted(path, unlock)?;
    let archive = read_archive(reader, path, &mut |_, _| Ok(()))?;
    let bundle = Bundle { path: path.to_path_buf(), manifest: archive.manifest, cases: archive.cases };
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

#[derive(Debug)]
pub struct ImportReport {
    pub manifest: Manifest,
    /// One line per case, in bundle order: id, code, outcome.
    pub cases: Vec<(Uuid, String, MergeOutcome)>,
    pub attachments_stored: usize,
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
    /// Whether the import changed nothing in the vault.
    pub fn is_no_op(&self) -> bool {
        self.attachments_stored == 0
            && self.cases.iter().all(|(_, _, o)| {
                matches!(o, MergeOutcome::Unchanged | MergeOutcome::AlreadyNewer | MergeOutcome::ConflictAlreadyStored)
            })
    }
}

/// Read, check and merge the bundle at `path` into `vault`. `editor` is
/// named in the revisions the import adds.
pub fn import(vault: &mut Vault, path: &Path, unlock: &Unlock, editor: &str) -> Result<ImportReport> {
    let bundle = read_bundle(path, unlock)?;
    // Attachments first: a case never points at bytes that are not there.
    let attachments_stored =
        if bundle.manifest.attachments.is_empty() { 0 } else { store_attachments(vault, &bundle, unlock)? };
    let mut report = import_bundle(vault, &bundle, editor)?;
    report.attachments_stored = attachments_stored;
    Ok(report)
}

/// Merge an already checked bundle's cases into `vault`.
pub fn import_bundle(vault: &mut Vault, bundle: &Bundle, editor: &str) -> Result<ImportReport> {
    if vault.is_read_only() {
        return Err(VaultError::ReadOnly { path: vault.dir().to_path_buf() }.into());
    }
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
    let decisions = decide_all(vault, &bundle.cases, m.profile, &note, editor);
    let mut out = Vec::with_capacity(bundle.cases.len());
    let mut to_write = Vec::new();
    for (theirs, decision) in bundle.cases.iter().zip(decisions) {
        let outcome = match decision? {
            Decision::Done(outcome) => outcome,
            Decision::Write(outcome, case) => {
                to_write.push(*case);
                outcome
            }
            Decision::Conflict => match vault.store_conflict(theirs, source.clone())? {
                Some(conflict) => MergeOutcome::Conflict { conflict },
                None => MergeOutcome::ConflictAlreadyStored,
            },
        };
        out.push((theirs.id, theirs.code.clone(), outcome));
    }
    vault.write_cases_all_or_nothing(&to_write, &source.bundle_name)?;
    Ok(ImportReport { manifest: bundle.manifest.clone(), cases: out, attachments_stored: 0 })
}

/// What to do with one incoming case.
enum Decision {
    /// Nothing to store.
    Done(MergeOutcome),
    /// Store this case.
    Write(MergeOutcome, Box<Case>),
    /// Keep ours; store theirs as a conflict.
    Conflict,
}

fn decide_all(vault: &Vault, cases: &[Case], profile: Profile, note: &str, editor: &str) -> Vec<Result<Decision>> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 8);
    let chunk = cases.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = cases
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|c| decide(vault, c, profile, note, editor)).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("merging does not panic")).collect()
    })
}

fn decide(vault: &Vault, theirs: &Case, profile: Profile, note: &str, editor: &str) -> Result<Decision> {
    if !vault.contains(theirs.id) {
        let mut case = theirs.clone();
        push_import_revision(&mut case, theirs, vec!["imported".into()], note, editor);
        return Ok(Decision::Write(MergeOutcome::Added, Box::new(case)));
    }
    let ours = vault.load_case(theirs.id)?;
    if ours.content_hash() == theirs.content_hash() {
        return Ok(Decision::Done(MergeOutcome::Unchanged));
    }
    let ours_rank = rank(imported_profile(&ours).unwrap_or(Profile::Full));
    let theirs_rank = rank(profile);
    let ours_tip = tip(&ours);
    if let Some(k) = theirs.history.iter().position(|r| r.content_hash == ours_tip) {
        let ahead = k + 1 < theirs.history.len();
        if (ahead && theirs_rank >= ours_rank) || (!ahead && theirs_rank > ours_rank) {
            let mut case = theirs.clone();
            case.history = ours.history.clone();
            for (number, r) in (ours.revision() + 1..).zip(&theirs.history[k + 1..]) {
                case.history.push(Revision { number, ..r.clone() });
            }
            let fields = changed_fields(&ours, theirs);
            push_import_revision(&mut case, theirs, fields, note, editor);
            let outcome = MergeOutcome::Updated { from_revision: ours.revision(), to_revision: case.revision() };
            return Ok(Decision::Write(outcome, Box::new(case)));
        }
        if !ahead {
            // Same revision, more redacted (or equally): ours has it all.
            return Ok(Decision::Done(MergeOutcome::Unchanged));
        }
    } else if ours.history.iter().any(|r| r.content_hash == tip(theirs)) && theirs_rank <= ours_rank {
        return Ok(Decision::Done(MergeOutcome::AlreadyNewer));
    }
    Ok(Decision::Conflict)
}

/// The revision a case stands at in its source: for a case whose last
/// revision is an import, the source's revision it was imported from.
fn tip(case: &Case) -> String {
    match case.history.last() {
        Some(r) if r.note.starts_with(IMPORT_NOTE_PREFIX) => r.prev_hash.clone(),
        Some(r) => r.content_hash.clone(),
        None => case.content_hash(),
    }
}

/// The profile of the latest import into this case, if it was imported.
fn imported_profile(case: &Case) -> Option<Profile> {
    let note = case.history.iter().rev().find(|r| r.note.starts_with(IMPORT_NOTE_PREFIX))?;
    let key = note.note.rsplit("profile ").next()?;
    Profile::from_key(key.trim())
}

/// How much a profile keeps: a copy may only be replaced by a richer one.
fn rank(p: Profile) -> u8 {
    match p {
        Profile::Full => 2,
        Profile::Pseudonymised => 1,
        Profile::StatisticsOnly => 0,
    }
}

fn push_import_revision(case: &mut Case, theirs: &Case, changed: Vec<String>, note: &str, editor: &str) {
    let number = case.revision() + 1;
    case.history.push(Revision {
        number,
        at: now_utc(),
        editor: editor.to_string(),
        changed_fields: changed,
        // The source's revision this copy came from, so a later bundle
        // from the same source can be recognised as its continuation.
        prev_hash: theirs.last_hash().to_string(),
        content_hash: case.content_hash(),
        note: note.to_string(),
    });
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
    result?;
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
