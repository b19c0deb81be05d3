//! The bundle's plaintext: a tar archive with the manifest first, then the
//! cases, then attachment bytes. Kept apart from the encryption (export,
//! import) so it can be written and read on any byte stream.

use super::entries::Decoders;
use super::redact::Profile;
use super::{BundleError, Result};
use crate::model::Case;
use crate::vault::signing::{SigningKey, BUNDLE_NAMESPACE};
use crate::vault::{format as vault_format, VaultError};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{self, Read, Write};
use std::path::Path;
use time::OffsetDateTime;
use uuid::Uuid;
use zeroize::Zeroizing;

/// Version of the archive layout and manifest. Readers refuse newer ones.
/// Format 2 added `manifest.sig` and the manifest's `signer`; format 1
/// bundles still read, and import refuses them as unsigned.
pub const BUNDLE_FORMAT: u32 = 2;
pub const MANIFEST_ENTRY: &str = "manifest.ron";
/// SSHSIG armour over the exact bytes of `manifest.ron`, right after it.
pub const SIGNATURE_ENTRY: &str = "manifest.sig";
pub const CASES_PREFIX: &str = "cases/";
pub const CASE_SUFFIX: &str = ".ron";
pub const ATTACHMENTS_PREFIX: &str = "attachments/";

/// Largest manifest or case entry read into memory (a case with a very long
/// narrative is still far below this); a hostile size cannot exhaust memory.
const MAX_IN_MEMORY_ENTRY: u64 = 64 * 1024 * 1024;
/// A signature is a few hundred bytes of armour.
const MAX_SIGNATURE_ENTRY: u64 = 16 * 1024;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    #[serde(with = "time::serde::rfc3339")]
    pub exported_at: OffsetDateTime,
    /// The vault the cases came from.
    pub vault_id: Uuid,
    pub profile: Profile,
    /// Program and version that wrote the bundle, for support.
    pub program: String,
    pub cases: Vec<ManifestCase>,
    #[serde(default)]
    pub attachments: Vec<ManifestAttachment>,
    /// OpenSSH public key line of the vault that signed `manifest.sig`
    /// (empty in format 1).
    #[serde(default)]
    pub signer: String,
    /// `events.ron`, when events link the bundle's cases (none before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<super::events::ManifestEvents>,
    /// The review before a redacted export, when one was done; absent from
    /// bundles without (and from older ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<ExportReview>,
    /// What the export was for (absent from older bundles); each case's
    /// line records the consent it left under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<super::consent::Purpose>,
}

/// That the interviewer reviewed what might still identify someone, and
/// how many words they added to scrub (never the words themselves).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportReview {
    pub scrubbed_words: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestCase {
    pub id: Uuid,
    pub code: String,
    pub revision: u32,
    /// SHA-256 (hex) of `cases/<id>.ron` exactly as stored in the archive.
    pub sha256: String,
    pub size: u64,
    /// The consent the case was exported under (absent from older bundles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<super::consent::ConsentFlags>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestAttachment {
    pub id: Uuid,
    pub case_id: Uuid,
    pub size: u64,
    /// SHA-256 (hex) of `attachments/<id>`, the plaintext attachment bytes
    /// (the same hash the case's `AttachmentRef` records).
    pub sha256: String,
}

impl Manifest {
    pub fn new(vault_id: Uuid, profile: Profile) -> Manifest {
        Manifest {
            format: BUNDLE_FORMAT,
            exported_at: crate::model::now_utc(),
            vault_id,
            profile,
            program: format!("testimony-vault {}", env!("CARGO_PKG_VERSION")),
            cases: Vec::new(),
            attachments: Vec::new(),
            signer: String::new(),
            events: None,
            review: None,
            purpose: None,
        }
    }

    pub fn encode(&self) -> Vec<u8> {
        let pretty = ron::ser::PrettyConfig::default();
        ron::Options::default().to_string_pretty(self, pretty).expect("a manifest always serializes").into_bytes()
    }

    pub fn decode(bytes: &[u8], file: &Path) -> Result<Manifest> {
        #[derive(Deserialize)]
        struct Probe {
            format: u32,
        }
        let text = std::str::from_utf8(bytes).map_err(|_| BundleError::damaged(file, "manifest is not text"))?;
        let probe: Probe = ron::Options::default()
            .from_str(text)
            .map_err(|e| BundleError::damaged(file, format!("unreadable manifest: {e}")))?;
        if probe.format > BUNDLE_FORMAT {
            return Err(BundleError::NewerFormat { file: file.to_path_buf(), found: probe.format, supported: BUNDLE_FORMAT });
        }
        if probe.format == 0 {
            return Err(BundleError::damaged(file, format!("unknown bundle format {}", probe.format)));
        }
        ron::Options::default()
            .from_str(text)
            .map_err(|e| BundleError::damaged(file, format!("unreadable manifest: {e}")))
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A case's archive entry and its manifest line.
pub fn case_entry(case: &Case) -> (ManifestCase, Zeroizing<Vec<u8>>) {
    let bytes = vault_format::encode_case(case);
    let line = ManifestCase {
        id: case.id,
        code: case.code.clone(),
        revision: case.revision(),
        sha256: sha256_hex(&bytes),
        size: bytes.len() as u64,
        consent: None,
    };
    (line, bytes)
}

pub fn case_entry_name(id: Uuid) -> String {
    format!("{CASES_PREFIX}{id}{CASE_SUFFIX}")
}

pub fn attachment_entry_name(id: Uuid) -> String {
    format!("{ATTACHMENTS_PREFIX}{id}")
}

/// Writes the archive in the one order readers accept: manifest, the cases
/// in manifest order, the attachments in manifest order.
pub struct ArchiveWriter<W: Write> {
    tar: tar::Builder<W>,
    manifest: Manifest,
    cases_written: usize,
    attachments_written: usize,
    events_written: bool,
}

impl<W: Write> ArchiveWriter<W> {
    /// An archive with no signature (which import refuses): for tests that
    /// forge bundles. Exports use [`ArchiveWriter::signed`].
    pub fn new(out: W, manifest: Manifest) -> io::Result<Self> {
        Self::start(out, manifest, None)
    }

    /// An archive whose manifest names `key` and is signed by it.
    pub fn signed(out: W, mut manifest: Manifest, key: &SigningKey) -> io::Result<Self> {
        manifest.signer = key.public().openssh();
        Self::start(out, manifest, Some(key))
    }

    fn start(out: W, manifest: Manifest, key: Option<&SigningKey>) -> io::Result<Self> {
        let mut tar = tar::Builder::new(out);
        let bytes = manifest.encode();
        append(&mut tar, MANIFEST_ENTRY, bytes.len() as u64, manifest.exported_at, &bytes[..])?;
        if let Some(key) = key {
            let sig = key.sign(BUNDLE_NAMESPACE, &bytes);
            append(&mut tar, SIGNATURE_ENTRY, sig.len() as u64, manifest.exported_at, sig.as_bytes())?;
        }
        Ok(ArchiveWriter { tar, manifest, cases_written: 0, attachments_written: 0, events_written: false })
    }

    /// The manifest as written (with its signer).
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Append the next case's entry; its bytes must be the ones the manifest
    /// hashed.
    pub fn add_case(&mut self, bytes: &[u8]) -> io::Result<()> {
        let line = self
            .manifest
            .cases
            .get(self.cases_written)
            .ok_or_else(|| io::Error::other("more cases than the manifest lists"))?;
        if sha256_hex(bytes) != line.sha256 {
            return Err(io::Error::other(format!("case {} differs from its manifest line", line.code)));
        }
        let name = case_entry_name(line.id);
        append(&mut self.tar, &name, bytes.len() as u64, self.manifest.exported_at, bytes)?;
        self.cases_written += 1;
        Ok(())
    }

    /// Append `events.ron` after the cases; its bytes must be the ones the
    /// manifest hashed.
    pub fn add_events(&mut self, bytes: &[u8]) -> io::Result<()> {
        let line = self.manifest.events.as_ref().ok_or_else(|| io::Error::other("the manifest lists no events"))?;
        if self.cases_written != self.manifest.cases.len() || self.attachments_written > 0 || sha256_hex(bytes) != line.sha256 {
            return Err(io::Error::other("events out of place or differing from the manifest"));
        }
        append(&mut self.tar, super::events::EVENTS_ENTRY, bytes.len() as u64, self.manifest.exported_at, bytes)?;
        self.events_written = true;
        Ok(())
    }

    /// Stream the next attachment's bytes. The source must give exactly the
    /// size and hash the manifest lists, or the bundle is refused.
    pub fn add_attachment(&mut self, source: &mut dyn Read) -> io::Result<()> {
        if self.cases_written != self.manifest.cases.len() {
            return Err(io::Error::other("attachments come after all the cases"));
        }
        let line = self
            .manifest
            .attachments
            .get(self.attachments_written)
            .ok_or_else(|| io::Error::other("more attachments than the manifest lists"))?
            .clone();
        let mut hashing = HashingReader::new(source.take(line.size));
        append(&mut self.tar, &attachment_entry_name(line.id), line.size, self.manifest.exported_at, &mut hashing)?;
        let (count, hash) = hashing.finish();
        if count != line.size || hash != line.sha256 {
            return Err(io::Error::other(format!("attachment {} changed since it was attached", line.id)));
        }
        self.attachments_written += 1;
        Ok(())
    }

    /// Close the archive; every entry the manifest lists must be in.
    pub fn finish(self) -> io::Result<W> {
        let events_missing = self.manifest.events.is_some() && !self.events_written;
        if self.cases_written != self.manifest.cases.len() || self.attachments_written != self.manifest.attachments.len() || events_missing {
            return Err(io::Error::other("the archive is missing entries its manifest lists"));
        }
        self.tar.into_inner()
    }
}

fn append<W: Write>(tar: &mut tar::Builder<W>, name: &str, size: u64, at: OffsetDateTime, data: impl Read) -> io::Result<()> {
    let mut header = tar::Header::new_ustar();
    header.set_entry_type(tar::EntryType::Regular);
    header.set_size(size);
    header.set_mode(0o600);
    header.set_mtime(at.unix_timestamp().max(0) as u64);
    header.set_uid(0);
    header.set_gid(0);
    tar.append_data(&mut header, name, data)
}

/// Counts and hashes what passes through.
struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
    count: u64,
}

impl<R: Read> HashingReader<R> {
    fn new(inner: R) -> Self {
        HashingReader { inner, hasher: Sha256::new(), count: 0 }
    }
    fn finish(self) -> (u64, String) {
        (self.count, hex::encode(self.hasher.finalize()))
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
}

/// Everything in an archive, checked against its manifest.
pub struct Archive {
    pub manifest: Manifest,
    /// `manifest.ron` exactly as stored: what the signature covers.
    pub manifest_bytes: Vec<u8>,
    /// `manifest.sig`, when there is one (not yet checked).
    pub signature: Option<String>,
    /// The cases, in manifest order.
    pub cases: Vec<Case>,
    /// The events of `events.ron`, checked against the manifest.
    pub events: Vec<crate::events::Event>,
}

/// Read and check a whole archive. Attachment bytes are handed to
/// `on_attachment` as they stream past (to hash, or to store); the reader
/// checks their size and hash afterwards, so a caller that stores them must
/// treat them as unverified until this returns `Ok`. Anything out of place
/// (a missing, extra, repeated or reordered entry, a hash that does not
/// match, a case whose id or code differs from its line) is an error.
pub fn read_archive(
    input: impl Read,
    file: &Path,
    on_attachment: &mut dyn FnMut(&ManifestAttachment, &mut dyn Read) -> io::Result<()>,
) -> Result<Archive> {
    read_archive_checking(input, file, on_attachment, &|_| ()).map(|(archive, _)| archive)
}

/// [`read_archive`], with `check` run on each case by the threads that
/// decode the cases while the archive streams in; what it returns, in the
/// cases' order, comes beside the archive (an import's signature checks).
pub fn read_archive_checking<T: Send>(
    input: impl Read,
    file: &Path,
    on_attachment: &mut dyn FnMut(&ManifestAttachment, &mut dyn Read) -> io::Result<()>,
    check: &(dyn Fn(&Case) -> T + Sync),
) -> Result<(Archive, Vec<T>)> {
    std::thread::scope(|s| {
        let mut decoders = Decoders::start(s, file, check);
        let read = read_entries(input, file, on_attachment, &mut decoders)?;
        // The whole stream read and authenticated before a case's own
        // damage is said.
        let (cases, checked) = decoders.finish()?;
        let archive = Archive {
            manifest: read.manifest,
            manifest_bytes: read.manifest_bytes,
            signature: read.signature,
            cases,
            events: read.events.unwrap_or_default(),
        };
        Ok((archive, checked))
    })
}

/// What [`read_entries`] read besides the cases.
struct Entries {
    manifest: Manifest,
    manifest_bytes: Vec<u8>,
    signature: Option<String>,
    events: Option<Vec<crate::events::Event>>,
}

/// Every entry of the archive in order, the case entries handed to
/// `decoders`, to the end of the stream.
fn read_entries<T>(
    input: impl Read,
    file: &Path,
    on_attachment: &mut dyn FnMut(&ManifestAttachment, &mut dyn Read) -> io::Result<()>,
    decoders: &mut Decoders<'_, T>,
) -> Result<Entries> {
    let damaged = |detail: String| BundleError::damaged(file, detail);
    let io_damaged = |e: io::Error| BundleError::damaged(file, format!("could not read the archive: {e}"));
    let mut tar = tar::Archive::new(input);
    let mut manifest: Option<Manifest> = None;
    let mut manifest_bytes = Vec::new();
    let mut signature: Option<String> = None;
    let mut attachments_seen = 0usize;
    let mut events: Option<Vec<crate::events::Event>> = None;
    for entry in tar.entries().map_err(io_damaged)? {
        let mut entry = entry.map_err(io_damaged)?;
        if entry.header().entry_type() != tar::EntryType::Regular {
            return Err(damaged("unexpected kind of entry in the archive".into()));
        }
        let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let size = entry.header().size().map_err(io_damaged)?;
        let cases_seen = decoders.sent();
        let Some(manifest) = manifest.as_ref() else {
            if name != MANIFEST_ENTRY {
                return Err(damaged(format!("the archive does not start with {MANIFEST_ENTRY}")));
            }
            let bytes = read_small(&mut entry, size, file)?;
            manifest = Some(Manifest::decode(&bytes, file)?);
            manifest_bytes = bytes.to_vec();
            continue;
        };
        if name == SIGNATURE_ENTRY {
            // Only once, right after the manifest.
            if signature.is_some() || cases_seen > 0 || attachments_seen > 0 || size > MAX_SIGNATURE_ENTRY {
                return Err(damaged(format!("{SIGNATURE_ENTRY} is out of place")));
            }
            signature = Some(String::from_utf8_lossy(&read_small(&mut entry, size, file)?).into_owned());
            continue;
        }
        if let Some(stem) = name.strip_prefix(CASES_PREFIX).and_then(|s| s.strip_suffix(CASE_SUFFIX)) {
            let line = manifest
                .cases
                .get(cases_seen)
                .filter(|_| attachments_seen == 0)
                .ok_or_else(|| damaged(format!("{name} is not in the manifest")))?;
            if Uuid::parse_str(stem).ok() != Some(line.id) || size != line.size {
                return Err(damaged(format!("{name} is not the entry the manifest lists next ({})", line.code)));
            }
            decoders.send(read_small(&mut entry, size, file)?, line);
        } else if name == super::events::EVENTS_ENTRY {
            let line = manifest.events.as_ref().filter(|_| events.is_none() && cases_seen == manifest.cases.len() && attachments_seen == 0);
            let line = line.ok_or_else(|| damaged(format!("{name} is out of place or not in the manifest")))?;
            events = Some(super::events::read_entry(&read_small(&mut entry, size, file)?, line, file)?);
        } else if let Some(stem) = name.strip_prefix(ATTACHMENTS_PREFIX) {
            let line = manifest
                .attachments
                .get(attachments_seen)
                .filter(|_| cases_seen == manifest.cases.len())
                .ok_or_else(|| damaged(format!("{name} is not in the manifest")))?;
            if Uuid::parse_str(stem).ok() != Some(line.id) || size != line.size {
                return Err(damaged(format!("{name} is not the entry the manifest lists next")));
            }
            read_attachment_entry(&mut entry, line, file, on_attachment)?;
            attachments_seen += 1;
        } else {
            return Err(damaged(format!("unexpected entry {name}")));
        }
    }
    let manifest = manifest.ok_or_else(|| damaged("the archive is empty".into()))?;
    check_complete(&manifest, decoders.sent(), attachments_seen, file)?;
    if manifest.events.is_some() && events.is_none() {
        return Err(damaged(format!("the archive ends without {}", super::events::EVENTS_ENTRY)));
    }
    // The tar end marker is not the end of the stream: read the rest so the
    // decryption authenticates the final chunk (a cut-off file fails here).
    io::copy(&mut tar.into_inner(), &mut io::sink()).map_err(io_damaged)?;
    Ok(Entries { manifest, manifest_bytes, signature, events })
}

/// One case entry's bytes, the entry its manifest `line` names: they must
/// match the line's hash, and the case its id, code and revision.
pub(super) fn check_case_entry(bytes: &[u8], line: &ManifestCase, file: &Path) -> Result<Case> {
    let damaged = |detail: String| BundleError::damaged(file, detail);
    if sha256_hex(bytes) != line.sha256 {
        return Err(damaged(format!("case {} does not match its hash in the manifest", line.code)));
    }
    let case = vault_format::decode_case(bytes, file).map_err(|e| match e {
        VaultError::NewerVersion { found, supported, .. } => {
            BundleError::NewerFormat { file: file.to_path_buf(), found, supported }
        }
        other => damaged(format!("case {}: {other}", line.code)),
    })?;
    if case.id != line.id || case.code != line.code || case.revision() != line.revision {
        return Err(damaged(format!("case {} does not match its manifest line", line.code)));
    }
    Ok(case)
}

/// Stream one attachment entry past `on_attachment`, hashing it on the way;
/// its size and hash must match the manifest `line`.
fn read_attachment_entry(
    entry: &mut impl Read,
    line: &ManifestAttachment,
    file: &Path,
    on_attachment: &mut dyn FnMut(&ManifestAttachment, &mut dyn Read) -> io::Result<()>,
) -> Result<()> {
    let damaged = |detail: String| BundleError::damaged(file, detail);
    let mut hashing = HashingReader::new(entry);
    on_attachment(line, &mut hashing).map_err(|e| damaged(format!("attachment {}: {e}", line.id)))?;
    io::copy(&mut hashing, &mut io::sink())
        .map_err(|e| BundleError::damaged(file, format!("could not read the archive: {e}")))?;
    let (count, hash) = hashing.finish();
    if count != line.size || hash != line.sha256 {
        return Err(damaged(format!("attachment {} does not match its hash in the manifest", line.id)));
    }
    Ok(())
}

/// After the last entry: the manifest names each case once, and every
/// case and attachment it lists came.
fn check_complete(manifest: &Manifest, cases: usize, attachments: usize, file: &Path) -> Result<()> {
    let damaged = |detail: String| BundleError::damaged(file, detail);
    let mut ids: Vec<Uuid> = manifest.cases.iter().map(|c| c.id).collect();
    ids.sort();
    ids.dedup();
    if ids.len() != manifest.cases.len() {
        return Err(damaged("the manifest lists a case twice".into()));
    }
    if cases != manifest.cases.len() || attachments != manifest.attachments.len() {
        return Err(damaged(format!(
            "the archive ends early: {} of {} cases, {} of {} attachments",
            cases,
            manifest.cases.len(),
            attachments,
            manifest.attachments.len()
        )));
    }
    Ok(())
}

fn read_small(entry: &mut impl Read, size: u64, file: &Path) -> Result<Zeroizing<Vec<u8>>> {
    if size > MAX_IN_MEMORY_ENTRY {
        return Err(BundleError::damaged(file, format!("an entry claims an implausible size ({size} bytes)")));
    }
    let mut bytes = Zeroizing::new(Vec::with_capacity(size as usize));
    entry
        .take(size)
        .read_to_end(&mut bytes)
        .map_err(|e| BundleError::damaged(file, format!("could not read the archive: {e}")))?;
    if bytes.len() as u64 != size {
        return Err(BundleError::damaged(file, "an entry is cut short"));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_case;

    fn archive_of(cases: &[Case], attachments: &[(Uuid, Vec<u8>)]) -> (Manifest, Vec<u8>) {
        let mut manifest = Manifest::new(Uuid::new_v4(), Profile::Full);
        let entries: Vec<_> = cases.iter().map(case_entry).collect();
        manifest.cases = entries.iter().map(|(l, _)| l.clone()).collect();
        manifest.attachments = attachments
            .iter()
            .map(|(id, b)| ManifestAttachment { id: *id, case_id: cases[0].id, size: b.len() as u64, sha256: sha256_hex(b) })
            .collect();
        let mut w = ArchiveWriter::new(Vec::new(), manifest.clone()).unwrap();
        for (_, bytes) in &entries {
            w.add_case(bytes).unwrap();
        }
        for (_, b) in attachments {
            w.add_attachment(&mut &b[..]).unwrap();
        }
        (manifest, w.finish().unwrap())
    }

    #[test]
    fn round_trip_with_attachments() {
        let cases = vec![sample_case(1, 500), sample_case(2, 100)];
        let blob = (0..5000u32).map(|i| i as u8).collect::<Vec<u8>>();
        let att = Uuid::new_v4();
        let (manifest, bytes) = archive_of(&cases, &[(att, blob.clone())]);
        let mut seen = Vec::new();
        let out = read_archive(&bytes[..], Path::new("t"), &mut |line, r| {
            let mut b = Vec::new();
            r.read_to_end(&mut b)?;
            seen.push((line.id, b));
            Ok(())
        })
        .unwrap();
        assert_eq!(out.manifest, manifest);
        assert_eq!(out.cases, cases);
        assert_eq!(seen, vec![(att, blob)]);
    }

    #[test]
    fn writer_refuses_an_attachment_that_changed() {
        let cases = [sample_case(1, 10)];
        let mut manifest = Manifest::new(Uuid::new_v4(), Profile::Full);
        let (line, bytes) = case_entry(&cases[0]);
        manifest.cases = vec![line];
        manifest.attachments =
            vec![ManifestAttachment { id: Uuid::new_v4(), case_id: cases[0].id, size: 3, sha256: sha256_hex(b"abc") }];
        let mut w = ArchiveWriter::new(Vec::new(), manifest).unwrap();
        w.add_case(&bytes).unwrap();
        assert!(w.add_attachment(&mut &b"abd"[..]).is_err());
    }

    #[test]
    fn reader_refuses_a_changed_attachment_or_extra_entry() {
        let cases = vec![sample_case(3, 10)];
        let (_, mut bytes) = archive_of(&cases, &[(Uuid::new_v4(), b"attachment-bytes".to_vec())]);
        let pos = bytes.windows(16).position(|w| w == b"attachment-bytes").unwrap();
        bytes[pos] ^= 1;
        let err = read_archive(&bytes[..], Path::new("t"), &mut |_, _| Ok(())).err().unwrap();
        assert!(matches!(err, BundleError::Damaged { .. }), "{err}");
    }
}
