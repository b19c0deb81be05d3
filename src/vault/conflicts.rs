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
//! copy), then one revision recording the decision.

use super::error::{Result, VaultError};
use super::{atomic, crypto, Vault};
use crate::model::{changed_fields, now_utc, Case, Revision};
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
    fn note(&self) -> &'static str {
        match self {
            Resolution::KeepOurs => "kept this vault's version",
            Resolution::TakeTheirs => "took the other version",
            Resolution::Merged(_) => "merged both versions by hand",
        }
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
        fs::create_dir_all(&dir).map_err(|e| VaultError::io(&dir, e))?;
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
        resolved.history = ours.history.clone();
        let mut number = ours.revision();
        for r in &theirs.history {
            let known = ours.history.iter().any(|o| o.content_hash == r.content_hash && o.at == r.at);
            if !known {
                number += 1;
                let note = if r.note.is_empty() {
                    format!("from the other version (vault {})", file.source.vault_id)
                } else {
                    format!("from the other version (vault {}): {}", file.source.vault_id, r.note)
                };
                resolved.history.push(Revision { number, note, ..r.clone() });
            }
        }
        let now = now_utc();
        resolved.updated = now;
        resolved.history.push(Revision {
            number: number + 1,
            at: now,
            editor: editor.to_string(),
            changed_fields: changed_fields(&ours, &resolved),
            prev_hash: ours.last_hash().to_string(),
            content_hash: resolved.content_hash(),
            note: format!(
                "conflict resolved: {}; other version was revision {} from vault {}",
                resolution.note(),
                theirs.revision(),
                file.source.vault_id
            ),
        });
        self.write_case(&resolved)?;
        atomic::remove_with_previous(&self.conflict_path(id))?;
        Ok(resolved)
    }
}
