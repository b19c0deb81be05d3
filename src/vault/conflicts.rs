//! Conflicts: a case changed in two places. When an import brings a version
//! of a case that is neither ours nor a continuation of ours, our copy stays
//! as it is and theirs is kept here, encrypted like everything else, until
//! the user compares the two side by side and resolves it:
//!
//! ```text
//! <vault>/conflicts/<conflict uuid>.age   RON: (format, id, detected_at, source, theirs: Case)
//! ```
//!
//! Resolving never loses a history: the resolved case keeps our revisions,
//! then their revisions that we did not have (marked as from the other
//! copy, still carrying their author's signature), then one revision recording the decision and, for a merge, which
//! fields came from the other version.

use super::error::{Result, VaultError};
use super::{atomic, crypto, Vault};
use crate::model::merge::{differing_fields, joined_paths, take_fields, UnknownField};
use crate::model::provenance::signed_as;
use crate::model::{changed_fields, now_utc, AttachmentRef, Case, Field, Revision, RevisionSignature, SignedAs};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;
use uuid::Uuid;

pub const CONFLICTS_DIR: &str = "conflicts";
/// Format of a conflict file.
pub const CONFLICT_FORMAT: u32 = 1;

/// Where the other version came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictSource {
    /// The vault that exported it.
    pub vault_id: Uuid,
    #[serde(with = "time::serde::rfc3339")]
    pub exported_at: OffsetDateTime,
    /// Redaction profile of the bundle (`full`, `pseudonymised`, …).
    pub profile: String,
    /// File name of the bundle, for the user's reference.
    pub bundle_name: String,
}

/// One stored conflict, as the conflict list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictInfo {
    pub id: Uuid,
    pub case_id: Uuid,
    pub code: String,
    pub detected_at: OffsetDateTime,
    pub source: ConflictSource,
    pub theirs_revision: u32,
    pub theirs_updated: OffsetDateTime,
}

/// How the user settled a conflict.
#[derive(Clone, Debug)]
pub enum Resolution {
    /// Keep this vault's version.
    KeepOurs,
    /// Take the other version.
    TakeTheirs,
    /// A copy the user merged by hand (same case id).
    Merged(Box<Case>),
}

impl Resolution {
    /// What the decision was, for the revision note.
    fn note(&self, ours: &Case, theirs: &Case, resolved: &Case) -> String {
        match self {
            Resolution::KeepOurs => "kept this vault's version".into(),
            Resolution::TakeTheirs => "took the other version".into(),
            Resolution::Merged(_) => merge_note(ours, theirs, resolved),
        }
    }
}

/// Which fields of a merged copy came from the other version, and which
/// match neither version (edited while merging).
fn merge_note(ours: &Case, theirs: &Case, merged: &Case) -> String {
    let not_theirs = differing_fields(theirs, merged);
    let (edited, from_theirs): (Vec<Field>, Vec<Field>) =
        differing_fields(ours, merged).into_iter().partition(|f| not_theirs.contains(f));
    let mut note = if from_theirs.is_empty() {
        "merged field by field, nothing from the other version".to_string()
    } else {
        format!("merged field by field, from the other version: {}", joined_paths(&from_theirs))
    };
    if !edited.is_empty() {
        note.push_str(&format!("; edited while merging: {}", joined_paths(&edited)));
    }
    note
}

/// Their revision `r` as revision `number` of the resolved history, its
/// note saying where it came from. Its signature is kept with the number
/// and note it was signed with, so it still names and proves who wrote it.
fn copied_revision(r: &Revision, number: u32, vault_id: Uuid) -> Revision {
    let (number_signed, note_signed) = signed_as(r);
    let signed_as = SignedAs { number: number_signed, note: note_signed.to_string() };
    let from = format!("from the other version (vault {vault_id}, revision {})", signed_as.number);
    let note = if signed_as.note.is_empty() { from } else { format!("{from}: {}", signed_as.note) };
    let signature = r.signature.clone().map(|s| RevisionSignature { signed_as: Some(signed_as), ..s });
    // Its kept earlier values belong to the other version's chain, whose
    // content is not here: dropped, and the revision shows as not kept.
    Revision { number, note, signature, before: None, ..r.clone() }
}

impl From<UnknownField> for VaultError {
    fn from(e: UnknownField) -> VaultError {
        VaultError::UnknownField { field: e.0 }
    }
}

#[derive(Serialize, Deserialize)]
struct ConflictFile {
    format: u32,
    id: Uuid,
    #[serde(with = "time::serde::rfc3339")]
    detected_at: OffsetDateTime,
    source: ConflictSource,
    theirs: Case,
}

impl ConflictFile {
    fn info(&self) -> ConflictInfo {
        ConflictInfo {
            id: self.id,
            case_id: self.theirs.id,
            code: self.theirs.code.clone(),
            detected_at: self.detected_at,
            source: self.source.clone(),
            theirs_revision: self.theirs.revision(),
            theirs_updated: self.theirs.updated,
        }
    }
}

fn decode(plaintext: &[u8], file: &Path) -> Result<ConflictFile> {
    #[derive(Deserialize)]
    struct Probe {
        format: u32,
    }
    let text = std::str::from_utf8(plaintext).map_err(|_| VaultError::damaged(file, "content is not text"))?;
    let bad = |e: ron::error::SpannedError| VaultError::damaged(file, format!("unreadable conflict: {e}"));
    let probe: Probe = ron::Options::default().from_str(text).map_err(bad)?;
    if probe.format > CONFLICT_FORMAT {
        return Err(VaultError::NewerVersion { file: file.to_path_buf(), found: probe.format, supported: CONFLICT_FORMAT });
    }
    ron::Options::default().from_str(text).map_err(bad)
}

impl Vault {
    pub fn conflict_path(&self, id: Uuid) -> PathBuf {
        self.dir.join(CONFLICTS_DIR).join(format!("{id}.age"))
    }

    fn conflict_ids(&self) -> Vec<Uuid> {
        let Ok(entries) = fs::read_dir(self.dir.join(CONFLICTS_DIR)) else { return Vec::new() };
        let mut ids: Vec<Uuid> = entries
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.strip_suffix(".age").and_then(|s| Uuid::parse_str(s).ok()))
            .collect();
        ids.sort();
        ids
    }

    fn read_conflict(&self, id: Uuid) -> Result<ConflictFile> {
        let path = self.conflict_path(id);
        let bytes = self.read_encrypted(&path)?.ok_or_else(|| VaultError::damaged(&path, "no such conflict"))?;
        decode(&bytes, &path)
    }

    /// Keep `theirs` as a conflict with our copy of the same case. Returns
    /// `None` when the very same version is already waiting as a conflict
    /// (a bundle imported twice).
    pub fn store_conflict(&mut self, theirs: &Case, source: ConflictSource) -> Result<Option<Uuid>> {
        self.ensure_writable()?;
        let hash = theirs.content_hash();
        for id in self.conflict_ids() {
            if let Ok(existing) = self.read_conflict(id)
                && existing.theirs.id == theirs.id
                && existing.theirs.content_hash() == hash
                && existing.theirs.last_hash() == theirs.last_hash()
            {
                return Ok(None);
            }
        }
        let dir = self.dir.join(CONFLICTS_DIR);
        super::modes::create_private_dir(&dir)?;
        let file = ConflictFile {
            format: CONFLICT_FORMAT,
            id: Uuid::new_v4(),
            detected_at: now_utc(),
            source,
            theirs: theirs.clone(),
        };
        let plaintext = zeroize::Zeroizing::new(
            ron::Options::default().to_string(&file).expect("a conflict always serializes").into_bytes(),
        );
        let ciphertext =
            crypto::encrypt(&[&self.key.recipient], &plaintext, &format!("the other version of case {}", theirs.code))?;
        atomic::write_atomic(&self.conflict_path(file.id), &ciphertext, false)?;
        Ok(Some(file.id))
    }

    /// Every conflict waiting to be resolved, oldest first. A damaged
    /// conflict file comes back as an error beside the others.
    pub fn list_conflicts(&self) -> Vec<Result<ConflictInfo>> {
        let mut out: Vec<Result<ConflictInfo>> = self.conflict_ids().into_iter().map(|id| self.read_conflict(id).map(|f| f.info())).collect();
        out.sort_by_key(|r| r.as_ref().map(|i| i.detected_at).ok());
        out
    }

    /// Conflicts waiting for one case.
    pub fn conflicts_for(&self, case_id: Uuid) -> Vec<ConflictInfo> {
        self.list_conflicts().into_iter().flatten().filter(|c| c.case_id == case_id).collect()
    }

    /// The two versions to compare: (ours, theirs).
    pub fn load_conflict(&self, id: Uuid) -> Result<(Case, Case)> {
        let file = self.read_conflict(id)?;
        let ours = self.load_case(file.theirs.id)?;
        Ok((ours, file.theirs))
    }

    pub fn conflict_info(&self, id: Uuid) -> Result<ConflictInfo> {
        self.read_conflict(id).map(|f| f.info())
    }

    /// Settle a conflict: store the chosen (or merged) version with both
    /// histories, then remove the conflict. Returns the case as stored.
    pub fn resolve_conflict(&mut self, id: Uuid, resolution: Resolution, editor: &str) -> Result<Case> {
        self.ensure_writable()?;
        let file = self.read_conflict(id)?;
        let ours = self.load_case(file.theirs.id)?;
        let theirs = &file.theirs;
        let mut resolved = match &resolution {
            Resolution::KeepOurs => ours.clone(),
            Resolution::TakeTheirs => theirs.clone(),
            Resolution::Merged(c) if c.id == ours.id => (**c).clone(),
            Resolution::Merged(_) => {
                return Err(VaultError::damaged(&self.conflict_path(id), "the merged copy is of another case"));
            }
        };
        // A case must never point at bytes that are not here: a vault that
        // lacked an attachment's file exports its reference without it.
        if let Some(missing) = self.attachments_not_here(&ours, &resolved).first() {
            return Err(VaultError::ConflictAttachmentMissing { code: ours.code.clone(), name: missing.file_name.clone() });
        }
        resolved.history = ours.history.clone();
        let mut number = ours.revision();
        for r in &theirs.history {
            let known = ours.history.iter().any(|o| o.content_hash == r.content_hash && o.at == r.at);
            if !known {
                number += 1;
                resolved.history.push(copied_revision(r, number, file.source.vault_id));
            }
        }
        let note = resolution.note(&ours, theirs, &resolved);
        let now = now_utc();
        resolved.updated = now;
        let revision = Revision {
            number: number + 1,
            at: now,
            editor: editor.to_string(),
            changed_fields: changed_fields(&ours, &resolved),
            prev_hash: ours.last_hash().to_string(),
            content_hash: resolved.content_hash(),
            note: format!(
                "conflict resolved: {note}; other version was revision {} from vault {}",
                theirs.revision(),
                file.source.vault_id
            ),
            signature: None,
            before: Some(crate::model::history::before_of(&ours, &resolved)),
        };
        resolved.history.push(self.signed(resolved.id, revision));
        self.write_case(&resolved)?;
        atomic::remove_with_previous(&self.conflict_path(id))?;
        Ok(resolved)
    }

    /// Settle a conflict field by field: our version with `from_theirs`
    /// ([`Field::mergeable`] fields) taken from the other, recorded as a
    /// merge.
    pub fn merge_conflict(&mut self, id: Uuid, from_theirs: &[Field], editor: &str) -> Result<Case> {
        let (ours, theirs) = self.load_conflict(id)?;
        let merged = take_fields(&ours, &theirs, from_theirs)?;
        self.resolve_conflict(id, Resolution::Merged(Box::new(merged)), editor)
    }

    /// The attachments `candidate` refers to, and `ours` does not, whose
    /// encrypted file is not in this vault: a resolution taking them would
    /// point at nothing.
    pub fn attachments_not_here(&self, ours: &Case, candidate: &Case) -> Vec<AttachmentRef> {
        candidate
            .attachments
            .iter()
            .filter(|a| !ours.attachments.iter().any(|o| o.id == a.id) && !self.attachment_path(a.id).is_file())
            .cloned()
            .collect()
    }

    /// Ids of the attachments the other versions waiting as conflicts refer
    /// to: resolving may still take them, so they are not orphans.
    pub(super) fn conflict_attachment_ids(&self) -> Result<Vec<Uuid>> {
        let mut ids = Vec::new();
        for id in self.conflict_ids() {
            ids.extend(self.read_conflict(id)?.theirs.attachments.iter().map(|a| a.id));
        }
        Ok(ids)
    }
}
