//! Files kept with a case: recordings, photos, scanned documents, maps.
//!
//! Each attachment is one age file, `attachments/<uuid>.age`, encrypted to
//! the vault key and holding the file's bytes and nothing else (so
//! `age -d -i key` recovers it in an emergency). Everything streams in
//! pieces: a 2 GB recording is never in memory whole, on attach, open,
//! export or bundle.
//!
//! The SHA-256 of the plaintext is taken while encrypting and kept in the
//! case's [`AttachmentRef`]. Every read checks it at the end: age
//! authenticates each file but not *which* file it is, so the hash also
//! catches a blob swapped for another. Adding and removing are saved as
//! revisions of the case naming the file, its size and hash: the chain of
//! custody shown in the history.

mod hasher;
pub mod media;
pub mod recording;

pub use media::MediaKind;

use hasher::Hasher;

use super::atomic::{self, TEMP_MARKER};
use super::{crypto, Result, Vault, VaultError};
use crate::model::recording::RecordingInfo;
use crate::model::{now_utc, AttachmentRef, Case, Revision};
use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use uuid::Uuid;
use zeroize::Zeroizing;

/// Size of the plaintext pieces moved at a time. age encrypts 64 KiB chunks;
/// a few of them per read keeps system calls few and memory small.
const COPY_BUF: usize = 256 * 1024;
/// Buffer between the encryptor and the file.
const WRITE_BUF: usize = 256 * 1024;

/// Largest picture [`Vault::read_attachment_verified`] is normally asked for.
pub const PREVIEW_LIMIT: u64 = 64 * 1024 * 1024;

/// Size and SHA-256 (hex) of a plaintext, measured while it streamed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlainDigest {
    pub size: u64,
    pub sha256: String,
}

/// What [`Vault::import_attachment`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportOutcome {
    /// The blob was written and its hash matched.
    Imported,
    /// The vault already held this attachment, intact; the stream was not read.
    AlreadyPresent,
}

/// Who a blob about to be written is: its id, the name the case records,
/// the path errors name, and a recording's facts.
pub(crate) struct NewBlob<'a> {
    pub id: Uuid,
    pub file_name: &'a str,
    pub source_path: &'a Path,
    pub recording: Option<RecordingInfo>,
}

impl<'a> NewBlob<'a> {
    fn named(file_name: &'a str, source_path: &'a Path) -> NewBlob<'a> {
        NewBlob { id: Uuid::new_v4(), file_name, source_path, recording: None }
    }
}

/// Which side of a streaming copy failed.
enum Side {
    Read(io::Error),
    Write(io::Error),
}

/// Copy `source` to `sink`, hashing what passes when asked. The buffer is
/// wiped after.
fn pump(source: &mut dyn Read, sink: &mut dyn Write, mut hasher: Option<&mut Hasher>) -> std::result::Result<u64, Side> {
    let mut buf = Zeroizing::new(vec![0u8; COPY_BUF]);
    let mut total = 0u64;
    loop {
        let n = match source.read(&mut buf) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Side::Read(e)),
        };
        if let Some(h) = hasher.as_deref_mut() {
            h.update(&buf[..n]);
        }
        sink.write_all(&buf[..n]).map_err(Side::Write)?;
        total += n as u64;
    }
}

/// Encrypt a plaintext stream to `recipient` into `out`, measuring its size
/// and SHA-256 on the way. Constant memory. Read errors come back as
/// `Side::Read`, everything on the output side as `Side::Write`.
fn encrypt_stream<W: Write>(
    recipient: &dyn age::Recipient,
    source: &mut dyn Read,
    out: W,
) -> std::result::Result<(W, PlainDigest), Side> {
    let encryptor = age::Encryptor::with_recipients(std::iter::once(recipient))
        .map_err(|e| Side::Write(io::Error::other(e.to_string())))?;
    let mut writer = encryptor.wrap_output(out).map_err(Side::Write)?;
    let mut hasher = Hasher::new();
    let size = pump(source, &mut writer, Some(&mut hasher))?;
    let out = writer.finish().map_err(Side::Write)?;
    let sha256 = hasher.finish().ok_or_else(|| Side::Read(io::Error::other("the SHA-256 could not be computed")))?;
    Ok((out, PlainDigest { size, sha256 }))
}

/// Read up to `len` leading bytes, for recognising the kind of file.
fn read_head(source: &mut dyn Read, len: usize) -> io::Result<Zeroizing<Vec<u8>>> {
    let mut head = Zeroizing::new(Vec::with_capacity(len));
    source.take(len as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// Compare what was read with what the case recorded; the error text says how they differ.
fn check(expected: &AttachmentRef, size: u64, sha256: &str) -> std::result::Result<(), String> {
    if size != expected.size {
        return Err(format!(
            "holds {size} bytes, but {} bytes were recorded when \"{}\" was attached",
            expected.size, expected.file_name
        ));
    }
    if !sha256.eq_ignore_ascii_case(&expected.sha256) {
        return Err(format!(
            "its content does not match the SHA-256 recorded when \"{}\" was attached (recorded {}, found {sha256})",
            expected.file_name, expected.sha256
        ));
    }
    Ok(())
}

/// The [`VaultError`] inside an I/O error from an [`AttachmentReader`] (or
/// from code that read one, like an archive writer); other I/O errors are
/// put down to `path`.
pub fn read_error(err: io::Error, path: &Path) -> VaultError {
    if err.get_ref().is_some_and(|inner| inner.is::<VaultError>()) {
        let kind = err.kind();
        match err.into_inner().map(|inner| inner.downcast::<VaultError>()) {
            Some(Ok(vault_error)) => return *vault_error,
            Some(Err(other)) => return VaultError::io(path, io::Error::new(kind, other)),
            None => return VaultError::io(path, io::Error::from(kind)),
        }
    }
    match err.kind() {
        io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof => {
            VaultError::damaged(path, format!("authentication failed while reading: {err}"))
        }
        _ => VaultError::io(path, err),
    }
}

fn vault_io_error(kind: io::ErrorKind, err: VaultError) -> io::Error {
    io::Error::new(kind, err)
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum ReadState {
    Reading,
    Verified,
    Failed(String),
}

/// The decrypted content of one attachment, streamed. age authenticates
/// each 64 KiB piece before handing it out; at the end of the stream the
/// size and SHA-256 are checked against the case's record, and only then
/// does `read` return `Ok(0)`. Any mismatch or damage is an
/// [`io::ErrorKind::InvalidData`] error carrying a [`VaultError::Damaged`]
/// (get it back with [`read_error`]). So: data read before a clean end of
/// stream is authentic vault content, but only a clean end proves it is
/// the very file that was attached.
pub struct AttachmentReader {
    inner: age::stream::StreamReader<BufReader<File>>,
    hasher: Hasher,
    seen: u64,
    expected: AttachmentRef,
    file: PathBuf,
    state: ReadState,
}

impl std::fmt::Debug for AttachmentReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AttachmentReader")
            .field("file", &self.file)
            .field("seen", &self.seen)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

impl AttachmentReader {
    /// The size recorded for the attachment (what a complete read yields).
    pub fn size(&self) -> u64 {
        self.expected.size
    }

    /// Whether the whole stream has been read and matched its record.
    pub fn is_verified(&self) -> bool {
        self.state == ReadState::Verified
    }

    /// The encrypted file being read.
    pub fn path(&self) -> &Path {
        &self.file
    }

    fn fail(&mut self, detail: String) -> io::Error {
        self.state = ReadState::Failed(detail.clone());
        vault_io_error(io::ErrorKind::InvalidData, VaultError::damaged(&self.file, detail))
    }
}

impl Read for AttachmentReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match &self.state {
            ReadState::Verified => return Ok(0),
            ReadState::Failed(detail) => {
                let err = VaultError::damaged(&self.file, detail.clone());
                return Err(vault_io_error(io::ErrorKind::InvalidData, err));
            }
            ReadState::Reading => {}
        }
        // The age reader answers an empty buffer with 0, which would look
        // like the end of the stream.
        if buf.is_empty() {
            return Ok(0);
        }
        match self.inner.read(buf) {
            Ok(0) => {
                let Some(sha256) = std::mem::replace(&mut self.hasher, Hasher::new()).finish() else {
                    return Err(self.fail("the SHA-256 could not be computed".to_string()));
                };
                match check(&self.expected, self.seen, &sha256) {
                    Ok(()) => {
                        self.state = ReadState::Verified;
                        Ok(0)
                    }
                    Err(detail) => Err(self.fail(detail)),
                }
            }
            Ok(n) => {
                self.seen += n as u64;
                if self.seen > self.expected.size {
                    let detail = format!(
                        "holds more than the {} bytes recorded when \"{}\" was attached",
                        self.expected.size, self.expected.file_name
                    );
                    return Err(self.fail(detail));
                }
                self.hasher.update(&buf[..n]);
                Ok(n)
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Err(e),
            Err(e) if matches!(e.kind(), io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof) => {
                Err(self.fail(format!("authentication failed while reading: {e}")))
            }
            Err(e) => {
                let kind = e.kind();
                Err(vault_io_error(kind, VaultError::io(&self.file, e)))
            }
        }
    }
}

/// Create `path` by streaming into it: a temporary file in the same folder
/// (created fresh, owner-only on Unix), `fill`, flush, fsync, rename, fsync
/// the folder. On any error the temporary file is removed and `path` does
/// not appear; a crash leaves at most a temporary file, which the vault
/// removes at the next open. `fill` maps its own errors; errors of the
/// final steps are reported against `path`.
pub fn write_new_streamed<T>(path: &Path, fill: impl FnOnce(&mut BufWriter<File>) -> Result<T>) -> Result<T> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temp = dir.join(format!(".{name}{TEMP_MARKER}{}", Uuid::new_v4().simple()));
    let mut options = super::modes::private_file();
    options.write(true).create_new(true);
    let file = options.open(&temp).map_err(|e| VaultError::io(path, e))?;
    let written = (|| {
        let mut writer = BufWriter::with_capacity(WRITE_BUF, file);
        let value = fill(&mut writer)?;
        let file = writer.into_inner().map_err(|e| VaultError::io(path, e.into_error()))?;
        file.sync_all().map_err(|e| VaultError::io(path, e))?;
        drop(file);
        fs::rename(&temp, path).map_err(|e| VaultError::io(path, e))?;
        Ok(value)
    })();
    match written {
        Ok(value) => {
            atomic::sync_dir(dir).map_err(|e| VaultError::io(dir, e))?;
            Ok(value)
        }
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// A change to a case's attachments, recorded as one revision.
enum Change<'a> {
    Added(&'a AttachmentRef),
    Removed(&'a AttachmentRef),
}

/// The history note of an attachment change: what, how big, which hash.
fn custody_note(change: &Change) -> String {
    let (verb, r) = match change {
        Change::Added(r) => ("added", r),
        Change::Removed(r) => ("removed", r),
    };
    let note = format!(
        "attachment {verb}: \"{}\", {} bytes, {}, SHA-256 {}, id {}",
        r.file_name, r.size, r.media_type, r.sha256, r.id
    );
    match &r.recording {
        Some(rec) => note + &recording::custody_words(rec),
        None => note,
    }
}

fn display_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

impl Vault {
    /// Encrypt the file at `path` into the vault and attach it to `case`,
    /// streaming (constant memory whatever the size). The case is saved as
    /// a new revision noting the file's name, size, type and SHA-256; see
    /// [`Vault::attach_reader`]. The original file is left untouched.
    pub fn attach_file(&mut self, case: &mut Case, path: &Path, description: &str, editor: &str) -> Result<AttachmentRef> {
        self.ensure_writable()?;
        let source_error = |e| VaultError::AttachmentSource { path: path.to_path_buf(), source: e };
        let file = File::open(path).map_err(source_error)?;
        let meta = file.metadata().map_err(source_error)?;
        if !meta.is_file() {
            return Err(source_error(io::Error::other("not a regular file")));
        }
        let source = &mut BufReader::with_capacity(8 * 1024, file);
        self.attach_stream(case, NewBlob::named(&display_name(path), path), source, description, editor)
    }

    /// As [`Vault::attach_file`], from any stream (a dropped file's bytes,
    /// an imported archive entry). `file_name` is what the case records.
    ///
    /// The blob is written first, then the case: a failure leaves neither
    /// (the blob is removed again), a crash between the two leaves an
    /// unreferenced encrypted blob that [`Vault::remove_orphan_attachments`]
    /// clears. Only the attachment change is saved: other unsaved edits in
    /// `case` stay unsaved (a case never saved before is saved whole, as its
    /// first revision). On success `case.attachments` and `case.history`
    /// match the store.
    pub fn attach_reader(
        &mut self,
        case: &mut Case,
        file_name: &str,
        source: &mut dyn Read,
        description: &str,
        editor: &str,
    ) -> Result<AttachmentRef> {
        self.attach_stream(case, NewBlob::named(file_name, Path::new(file_name)), source, description, editor)
    }

    pub(crate) fn attach_stream(
        &mut self,
        case: &mut Case,
        new: NewBlob<'_>,
        source: &mut dyn Read,
        description: &str,
        editor: &str,
    ) -> Result<AttachmentRef> {
        self.ensure_writable()?;
        let NewBlob { id, file_name, source_path, recording } = new;
        let blob = self.attachment_path(id);
        let source_error = |e| VaultError::AttachmentSource { path: source_path.to_path_buf(), source: e };
        let recipient = &self.key.recipient;
        let (kind, digest) = write_new_streamed(&blob, |out| {
            let head = read_head(source, media::SNIFF_LEN).map_err(source_error)?;
            let kind = MediaKind::detect(file_name, &head);
            let mut whole = (&head[..]).chain(source);
            match encrypt_stream(recipient, &mut whole, out) {
                Ok((_, digest)) => Ok((kind, digest)),
                Err(Side::Read(e)) => Err(source_error(e)),
                Err(Side::Write(e)) => Err(VaultError::io(&blob, e)),
            }
        })?;
        let attachment = AttachmentRef {
            id,
            file_name: file_name.to_string(),
            size: digest.size,
            media_type: kind.media_type().to_string(),
            sha256: digest.sha256,
            added_at: now_utc(),
            added_by: editor.to_string(),
            description: description.to_string(),
            recording,
        };
        if let Err((e, stored)) = self.record(case, editor, Change::Added(&attachment)) {
            // Take the blob back out unless the case on disk refers to it.
            if !stored {
                let _ = atomic::remove_with_previous(&blob);
            }
            return Err(e);
        }
        Ok(attachment)
    }

    /// Remove an attachment from `case`: the removal is saved as a revision
    /// naming the file and its hash, then the encrypted blob is deleted.
    /// (In that order: a crash in between leaves an unreferenced blob, never
    /// a case pointing at nothing.) Returns the removed reference.
    pub fn remove_attachment(&mut self, case: &mut Case, id: Uuid, editor: &str) -> Result<AttachmentRef> {
        self.ensure_writable()?;
        let stored = self.load_case(case.id)?;
        let attachment =
            stored.attachments.iter().find(|a| a.id == id).cloned().ok_or(VaultError::NoSuchAttachment(id))?;
        drop(stored);
        let recorded = self.record(case, editor, Change::Removed(&attachment));
        if let Err((e, false)) = recorded {
            return Err(e);
        }
        atomic::remove_with_previous(&self.attachment_path(id))?;
        recorded.map_err(|(e, _)| e)?;
        Ok(attachment)
    }

    /// Save the stored case with one attachment change as its own revision,
    /// then bring the caller's copy (which may hold unsaved edits) in line.
    /// On error, whether the change is nevertheless in the case file (when
    /// only the index, a cache, could not be written); `case` then shows it.
    fn record(&mut self, case: &mut Case, editor: &str, change: Change) -> std::result::Result<(), (VaultError, bool)> {
        let stored = if self.entries.contains_key(&case.id) || self.case_path(case.id).exists() {
            Some(self.load_case(case.id).map_err(|e| (e, false))?)
        } else {
            None
        };
        let is_new = stored.is_none();
        // What the case held before, so the revision can keep it (model::history).
        let old = stored.clone();
        let mut next = stored.unwrap_or_else(|| case.clone());
        let field = apply(&mut next, &change).map_err(|e| (e, false))?;
        let changed_fields = if is_new { vec!["created".to_string(), field] } else { vec![field] };
        // As in `save_case`, but the note carries the chain-of-custody facts
        // and nothing else the user has not saved goes in.
        let prev_hash = next.history.last().map(|r| r.content_hash.clone()).unwrap_or_default();
        let number = next.history.last().map_or(1, |r| r.number + 1);
        next.updated = now_utc();
        let content_hash = next.content_hash();
        let revision = Revision {
            number,
            at: next.updated,
            editor: editor.to_string(),
            changed_fields,
            prev_hash,
            content_hash,
            note: custody_note(&change),
            signature: None,
            before: old.as_ref().map(|o| crate::model::history::before_of(o, &next)),
        };
        next.history.push(self.signed(next.id, revision));
        let written = self.write_case(&next);
        if let Err(e) = written {
            let stored = self.load_case(case.id).is_ok_and(|c| c.history.last() == next.history.last());
            if stored {
                self.adopt(case, next, &change, is_new);
            }
            return Err((e, stored));
        }
        self.adopt(case, next, &change, is_new);
        Ok(())
    }

    /// Bring the caller's copy of a case in line with a stored attachment change.
    fn adopt(&self, case: &mut Case, next: Case, change: &Change, is_new: bool) {
        if is_new {
            *case = next;
        } else {
            let _ = apply(case, change);
            case.history = next.history.clone();
            case.updated = next.updated;
        }
        // An autosaved draft of this case must not lose (or resurrect) the
        // attachment when it is restored. Best effort: the draft is rewritten
        // from `case` at the next autosave anyway, which reports failures.
        if let Ok(Some(mut draft)) = self.load_draft(case.id) {
            draft.attachments = case.attachments.clone();
            draft.history = case.history.clone();
            let _ = self.save_draft(&draft);
        }
    }

    /// Open an attachment for reading: decrypts as it is read and checks
    /// the size and SHA-256 at the end (see [`AttachmentReader`]).
    pub fn open_attachment(&self, attachment: &AttachmentRef) -> Result<AttachmentReader> {
        let path = self.attachment_path(attachment.id);
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(VaultError::AttachmentMissing { name: attachment.file_name.clone(), file: path });
            }
            Err(e) => return Err(VaultError::io(&path, e)),
        };
        let decryptor =
            age::Decryptor::new_buffered(BufReader::new(file)).map_err(|e| crypto::classify(e, &path))?;
        let inner = decryptor
            .decrypt(std::iter::once(&self.key.identity as &dyn age::Identity))
            .map_err(|e| crypto::classify(e, &path))?;
        Ok(AttachmentReader {
            inner,
            hasher: Hasher::new(),
            seen: 0,
            expected: attachment.clone(),
            file: path,
            state: ReadState::Reading,
        })
    }

    /// The whole verified content in memory, for showing a picture inside
    /// the app (never through a temporary file). Refuses attachments over
    /// `max_bytes` before reading anything. The buffer is wiped when dropped.
    pub fn read_attachment_verified(&self, attachment: &AttachmentRef, max_bytes: u64) -> Result<Zeroizing<Vec<u8>>> {
        if attachment.size > max_bytes || usize::try_from(attachment.size).is_err() {
            return Err(VaultError::TooLargeToPreview {
                name: attachment.file_name.clone(),
                size: attachment.size,
                max: max_bytes,
            });
        }
        let mut reader = self.open_attachment(attachment)?;
        // Sized once and never grown, so no copy of the plaintext is left
        // behind in freed memory.
        let mut bytes = Zeroizing::new(vec![0u8; attachment.size as usize]);
        let path = reader.path().to_path_buf();
        reader.read_exact(&mut bytes).map_err(|e| read_error(e, &path))?;
        // The end of the stream is where the hash is checked.
        let mut probe = [0u8; 1];
        match reader.read(&mut probe) {
            Ok(0) if reader.is_verified() => Ok(bytes),
            Ok(_) => Err(VaultError::damaged(&path, "holds more bytes than were recorded")),
            Err(e) => Err(read_error(e, &path)),
        }
    }

    /// Check that an attachment decrypts and matches its recorded size and
    /// SHA-256, reading it through without keeping anything.
    pub fn verify_attachment(&self, attachment: &AttachmentRef) -> Result<()> {
        let mut reader = self.open_attachment(attachment)?;
        let path = reader.path().to_path_buf();
        match pump(&mut reader, &mut io::sink(), None) {
            Ok(_) => Ok(()),
            Err(Side::Read(e)) | Err(Side::Write(e)) => Err(read_error(e, &path)),
        }
    }

    /// [`Vault::verify_attachment`] for every attachment of a case; empty
    /// when all are intact.
    pub fn verify_attachments(&self, case: &Case) -> Vec<VaultError> {
        case.attachments.iter().filter_map(|a| self.verify_attachment(a).err()).collect()
    }

    /// Save a decrypted copy where the user asked (their explicit choice;
    /// the only way plaintext reaches a disk). Written to a temporary file
    /// beside `dest` (owner-only on Unix), verified, then renamed: a damaged
    /// attachment or a full disk leaves no file and no partial plaintext.
    /// Refuses a destination inside the vault folder. Returns the size.
    pub fn export_attachment(&self, attachment: &AttachmentRef, dest: &Path) -> Result<u64> {
        let parent = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let parent_real = parent.canonicalize().map_err(|e| VaultError::io(&parent, e))?;
        let vault_real = self.dir.canonicalize().map_err(|e| VaultError::io(&self.dir, e))?;
        if parent_real.starts_with(&vault_real) {
            return Err(VaultError::ExportIntoVault { path: dest.to_path_buf() });
        }
        let mut reader = self.open_attachment(attachment)?;
        let blob = reader.path().to_path_buf();
        write_new_streamed(dest, |out| match pump(&mut reader, out, None) {
            Ok(n) => Ok(n),
            Err(Side::Read(e)) => Err(read_error(e, &blob)),
            Err(Side::Write(e)) => Err(VaultError::io(dest, e)),
        })
    }

    /// Stream an attachment's verified plaintext into `out` (for a bundle
    /// writer: the archive entry inside the bundle's own encryption).
    /// Returns the bytes written. On a damaged attachment an error comes
    /// after some bytes were written: the caller must discard its output
    /// (as a bundle written to a temporary file does). `out_path` names the
    /// output in error messages.
    pub fn copy_attachment_to(&self, attachment: &AttachmentRef, out: &mut dyn Write, out_path: &Path) -> Result<u64> {
        let mut reader = self.open_attachment(attachment)?;
        let blob = reader.path().to_path_buf();
        match pump(&mut reader, out, None) {
            Ok(n) => Ok(n),
            Err(Side::Read(e)) => Err(read_error(e, &blob)),
            Err(Side::Write(e)) => Err(VaultError::io(out_path, e)),
        }
    }

    /// Store an attachment that arrives as a plaintext stream (from a
    /// bundle being imported), under the id, and checked against the size
    /// and SHA-256, of `attachment`. A mismatch or a read error leaves
    /// nothing behind. `source` names the stream's origin (the bundle file)
    /// in errors. The case referring to it is written separately, after
    /// this succeeds.
    ///
    /// If the vault already holds a blob with this id that matches, nothing
    /// is read ([`ImportOutcome::AlreadyPresent`]); one that does not match
    /// is kept as it is and the import is refused, so an incoming file can
    /// never replace one already here.
    pub fn import_attachment(
        &mut self,
        attachment: &AttachmentRef,
        plaintext: &mut dyn Read,
        source: &Path,
    ) -> Result<ImportOutcome> {
        self.ensure_writable()?;
        let blob = self.attachment_path(attachment.id);
        if blob.exists() {
            return match self.verify_attachment(attachment) {
                Ok(()) => Ok(ImportOutcome::AlreadyPresent),
                Err(e) => Err(VaultError::damaged(
                    &blob,
                    format!(
                        "an attachment with id {} is already in this vault and does not match the incoming \"{}\" ({e}); it was kept and the incoming copy was not imported",
                        attachment.id, attachment.file_name
                    ),
                )),
            };
        }
        let recipient = &self.key.recipient;
        write_new_streamed(&blob, |out| {
            let digest = match encrypt_stream(recipient, plaintext, out) {
                Ok((_, digest)) => digest,
                Err(Side::Read(e)) => return Err(read_error(e, source)),
                Err(Side::Write(e)) => return Err(VaultError::io(&blob, e)),
            };
            check(attachment, digest.size, &digest.sha256)
                .map_err(|detail| VaultError::damaged(source, format!("attachment {}: {detail}", attachment.id)))
        })?;
        Ok(ImportOutcome::Imported)
    }

    /// Ids of the attachment blobs on disk.
    pub fn attachment_blobs(&self) -> Result<Vec<Uuid>> {
        let dir = self.dir.join(super::ATTACHMENTS_DIR);
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(VaultError::io(&dir, e)),
        };
        let mut ids: Vec<Uuid> = entries
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.strip_suffix(".age").and_then(|s| Uuid::parse_str(s).ok()))
            .collect();
        ids.sort();
        Ok(ids)
    }

    /// Blobs no case refers to (left by a crash between writing a blob and
    /// saving its case, or between recording a removal and deleting), nor
    /// the other version of a waiting conflict. Every case and conflict
    /// file is read; if any cannot be, this is an error, since a blob it
    /// refers to would look unreferenced.
    pub fn orphan_attachments(&self) -> Result<Vec<Uuid>> {
        let mut referenced = HashSet::new();
        for id in self.case_files_on_disk()?.into_keys() {
            let case = self.load_case(id)?;
            referenced.extend(case.attachments.iter().map(|a| a.id));
        }
        referenced.extend(self.conflict_attachment_ids()?);
        Ok(self.attachment_blobs()?.into_iter().filter(|id| !referenced.contains(id)).collect())
    }

    /// Delete the blobs [`Vault::orphan_attachments`] finds. Returns their ids.
    pub fn remove_orphan_attachments(&mut self) -> Result<Vec<Uuid>> {
        self.ensure_writable()?;
        let orphans = self.orphan_attachments()?;
        for id in &orphans {
            atomic::remove_with_previous(&self.attachment_path(*id))?;
        }
        Ok(orphans)
    }
}

/// Apply `change` to a case's list; the changed-field path for the history.
fn apply(case: &mut Case, change: &Change) -> Result<String> {
    match change {
        Change::Added(r) => {
            case.attachments.push((*r).clone());
            Ok(format!("attachments[+{}]", case.attachments.len() - 1))
        }
        Change::Removed(r) => {
            let index =
                case.attachments.iter().position(|a| a.id == r.id).ok_or(VaultError::NoSuchAttachment(r.id))?;
            case.attachments.remove(index);
            Ok(format!("attachments[-{index}]"))
        }
    }
}

/// Size and SHA-256 of a plaintext stream, read through once (for callers
/// that need the hash of something before attaching or after exporting).
pub fn digest_of(source: &mut dyn Read) -> io::Result<PlainDigest> {
    let mut hasher = Hasher::new();
    match pump(source, &mut io::sink(), Some(&mut hasher)) {
        Ok(size) => {
            let sha256 = hasher.finish().ok_or_else(|| io::Error::other("the SHA-256 could not be computed"))?;
            Ok(PlainDigest { size, sha256 })
        }
        Err(Side::Read(e)) | Err(Side::Write(e)) => Err(e),
    }
}

/// Encrypt a plaintext stream to any age recipient into `out`, returning
/// `out` and the plaintext's size and SHA-256. Constant memory. For the
/// bundle writer and the benchmark; the vault's own blobs go through
/// [`Vault::attach_file`] and [`Vault::import_attachment`].
pub fn encrypt_to<W: Write>(recipient: &dyn age::Recipient, source: &mut dyn Read, out: W) -> io::Result<(W, PlainDigest)> {
    encrypt_stream(recipient, source, out).map_err(|side| match side {
        Side::Read(e) | Side::Write(e) => e,
    })
}
