//! The encrypted recording store: a recording under way is a folder
//! `recordings/<id>/` of the vault holding `meta.age` (which case, who,
//! when, the markers) and numbered segments `000001.age`, … Each segment is
//! a few seconds of whole Ogg pages, age-encrypted in memory to the vault
//! key and written with the vault's atomic write, so a crash leaves every
//! finished segment intact and nothing in plaintext. The vault joins the
//! segments into one attachment when the recording stops, or at the next
//! unlock after a crash (`Vault::finish_recording`).

use super::AudioError;
use crate::model::recording::Marker;
use crate::vault::{atomic, crypto, modes, VaultError};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use time::OffsetDateTime;
use uuid::Uuid;
use zeroize::Zeroizing;

/// Folder of the vault holding recordings under way.
pub const RECORDINGS_DIR: &str = "recordings";
const META_FILE: &str = "meta.age";

/// Everything about a recording under way except its sound.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingMeta {
    pub case_id: Uuid,
    /// The id the finished attachment will have: a crash after the case was
    /// saved but before the folder was removed is then recognised.
    pub attachment_id: Uuid,
    pub file_name: String,
    pub description: String,
    pub editor: String,
    #[serde(with = "time::serde::rfc3339")]
    pub started_at: OffsetDateTime,
    pub sample_rate: u32,
    #[serde(default)]
    pub markers: Vec<Marker>,
}

impl PendingMeta {
    /// A recording starting now into `case`, by `editor`.
    pub fn starting(case: &crate::model::Case, editor: String, description: String) -> PendingMeta {
        let started_at = crate::model::now_utc();
        let stamp = started_at
            .format(time::macros::format_description!("[year][month][day]-[hour][minute][second]"))
            .unwrap_or_default();
        PendingMeta {
            case_id: case.id,
            attachment_id: Uuid::new_v4(),
            file_name: format!("recording-{stamp}.ogg"),
            description,
            editor,
            started_at,
            sample_rate: super::SAMPLE_RATE,
            markers: Vec::new(),
        }
    }
}

/// The folder of one recording.
pub fn recording_dir(vault_dir: &Path, id: Uuid) -> PathBuf {
    vault_dir.join(RECORDINGS_DIR).join(id.to_string())
}

/// Recordings left under way in a vault (by a crash, or a failed finish).
pub fn pending(vault_dir: &Path) -> Vec<Uuid> {
    let Ok(entries) = fs::read_dir(vault_dir.join(RECORDINGS_DIR)) else { return Vec::new() };
    let mut ids: Vec<Uuid> =
        entries.flatten().filter_map(|e| Uuid::parse_str(e.file_name().to_str()?).ok()).collect();
    ids.sort();
    ids
}

/// Writes one recording's segments. Needs only the folder and the vault's
/// public key, so it runs on the recorder thread while the window keeps
/// the vault.
pub struct SegmentWriter {
    dir: PathBuf,
    recipient: age::x25519::Recipient,
    meta: PendingMeta,
    next: u32,
}

impl SegmentWriter {
    pub fn create(vault_dir: &Path, recipient: age::x25519::Recipient, meta: PendingMeta) -> Result<(Uuid, SegmentWriter), AudioError> {
        let id = Uuid::new_v4();
        let dir = recording_dir(vault_dir, id);
        modes::create_private_dir(&dir)?;
        let writer = SegmentWriter { dir, recipient, meta, next: 1 };
        writer.write_meta()?;
        Ok((id, writer))
    }

    fn write_meta(&self) -> Result<(), AudioError> {
        let text = Zeroizing::new(ron::to_string(&self.meta).map_err(AudioError::encoder)?);
        let ct = crypto::encrypt(&[&self.recipient], text.as_bytes(), "recording")?;
        Ok(atomic::write_atomic(&self.dir.join(META_FILE), &ct, false)?)
    }

    /// Encrypt and store the next segment; empty ones are skipped.
    pub fn write_segment(&mut self, pages: &[u8]) -> Result<(), AudioError> {
        if pages.is_empty() {
            return Ok(());
        }
        let ct = crypto::encrypt(&[&self.recipient], pages, "recording")?;
        atomic::write_atomic(&self.dir.join(segment_name(self.next)), &ct, false)?;
        self.next += 1;
        Ok(())
    }

    /// Keep a marker with the recording (saved at once: it survives a crash).
    pub fn add_marker(&mut self, marker: Marker) -> Result<(), AudioError> {
        self.meta.markers.push(marker);
        self.write_meta()
    }

    pub fn meta(&self) -> &PendingMeta {
        &self.meta
    }
}

fn segment_name(n: u32) -> String {
    format!("{n:06}.age")
}

/// Read a recording's meta back.
pub fn read_meta(dir: &Path, identity: &dyn age::Identity) -> Result<PendingMeta, VaultError> {
    let path = dir.join(META_FILE);
    let ct = fs::read(&path).map_err(|e| VaultError::io(&path, e))?;
    let pt = crypto::decrypt(identity, &ct, &path)?;
    let text = std::str::from_utf8(&pt).map_err(|e| VaultError::damaged(&path, e.to_string()))?;
    ron::from_str(text).map_err(|e| VaultError::damaged(&path, e.to_string()))
}

/// The segment files of a recording, in order.
pub fn segment_files(dir: &Path) -> Result<Vec<PathBuf>, VaultError> {
    let entries = fs::read_dir(dir).map_err(|e| VaultError::io(dir, e))?;
    let mut files: Vec<(u32, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name();
            let n = name.to_str()?.strip_suffix(".age")?.parse().ok()?;
            Some((n, e.path()))
        })
        .collect();
    files.sort();
    Ok(files.into_iter().map(|(_, p)| p).collect())
}

/// The segments decrypted one at a time and read as one stream: a whole
/// recording is never in memory at once.
pub struct JoinedSegments<'a> {
    files: std::vec::IntoIter<PathBuf>,
    identity: &'a dyn age::Identity,
    current: Zeroizing<Vec<u8>>,
    pos: usize,
}

impl<'a> JoinedSegments<'a> {
    pub fn new(files: Vec<PathBuf>, identity: &'a dyn age::Identity) -> JoinedSegments<'a> {
        JoinedSegments { files: files.into_iter(), identity, current: Zeroizing::new(Vec::new()), pos: 0 }
    }
}

impl Read for JoinedSegments<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.current.len() {
            let Some(path) = self.files.next() else { return Ok(0) };
            let ct = fs::read(&path)?;
            self.current = crypto::decrypt(self.identity, &ct, &path).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            self.pos = 0;
        }
        let n = buf.len().min(self.current.len() - self.pos);
        buf[..n].copy_from_slice(&self.current[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Remove a finished recording's folder (ciphertext only).
pub fn remove(dir: &Path) -> Result<(), VaultError> {
    fs::remove_dir_all(dir).map_err(|e| VaultError::io(dir, e))?;
    if let Some(parent) = dir.parent() {
        let _ = atomic::sync_dir(parent);
    }
    Ok(())
}
