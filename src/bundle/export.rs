//! Export: selected cases, redacted by a profile, into one age-encrypted
//! bundle, streamed to a temporary file and moved into place only when
//! complete, so a failed export leaves no partial bundle. Only the cases
//! whose consent covers the export's purpose go (see [`super::consent`]).

use super::consent::{self, ConsentChoice, ConsentFlags, HeldBack};
use super::format::{case_entry, ArchiveWriter, ExportReview, Manifest, ManifestAttachment, ManifestCase};
use super::redact::history::rechain;
use super::redact::roles::Roles;
use super::redact::{redact_with, Profile, RedactOptions};
use super::signature::withhold_broken_signatures;
use super::{BundleError, Result};
use crate::model::{AttachmentRef, Case, CaseStatus, CaseSummary, FuzzyDate};
use crate::vault::signing::SigningKey;
use crate::vault::{atomic, Vault};
use age::secrecy::SecretString;
use std::fs::{self, OpenOptions};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use uuid::Uuid;
use zeroize::Zeroizing;

/// Who the bundle is for and what goes in.
#[derive(Default)]
pub struct ExportOptions {
    /// age X25519 public keys that can open the bundle.
    pub recipients: Vec<age::x25519::Recipient>,
    /// Protect with a passphrase instead of keys.
    pub passphrase: Option<SecretString>,
    /// scrypt work factor for the passphrase; `None` lets age calibrate.
    pub work_factor: Option<u8>,
    pub profile: Profile,
    /// Words to scrub beyond the profile (redacted profiles only).
    pub redact: RedactOptions,
    /// What the export is for, and held-back cases included anyway.
    pub consent: ConsentChoice,
}

/// Which cases to export. Criteria combine (all must hold); `all` alone
/// takes every case.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub all: bool,
    pub codes: Vec<String>,
    pub statuses: Vec<CaseStatus>,
    /// Interview date on or after.
    pub from: Option<FuzzyDate>,
    /// Interview date on or before.
    pub until: Option<FuzzyDate>,
}

impl Selection {
    /// No criterion at all: exporting nothing by accident is refused.
    pub fn is_empty(&self) -> bool {
        !self.all && self.codes.is_empty() && self.statuses.is_empty() && self.from.is_none() && self.until.is_none()
    }

    pub fn matches(&self, s: &CaseSummary) -> bool {
        if self.is_empty() {
            return false;
        }
        if !self.codes.is_empty() && !self.codes.iter().any(|c| c.trim().eq_ignore_ascii_case(&s.code)) {
            return false;
        }
        if !self.statuses.is_empty() && !self.statuses.contains(&s.status) {
            return false;
        }
        if self.from.is_some() || self.until.is_some() {
            let Some(date) = &s.interview_date else { return false };
            if self.from.as_ref().is_some_and(|f| date.sort_key() < f.sort_key()) {
                return false;
            }
            // "until 2026-03" includes every day of March.
            let latest = |d: &FuzzyDate| (d.year, d.month.unwrap_or(12), d.day.unwrap_or(31));
            if self.until.as_ref().is_some_and(|u| date.sort_key() > latest(u)) {
                return false;
            }
        }
        true
    }

    /// Ids of the matching cases, ordered by case code.
    pub fn select(&self, vault: &Vault) -> Vec<Uuid> {
        let mut hits: Vec<&CaseSummary> = vault.summaries().filter(|s| self.matches(s)).collect();
        hits.sort_by(|a, b| a.code.cmp(&b.code).then(a.id.cmp(&b.id)));
        hits.into_iter().map(|s| s.id).collect()
    }
}

/// Attachment bytes for export.
pub trait AttachmentSource {
    /// Whether the bytes of this attachment are at hand.
    fn available(&self, attachment: &AttachmentRef) -> bool;
    fn open(&self, attachment: &AttachmentRef) -> io::Result<Box<dyn Read + '_>>;
}

/// For bundles without attachments.
pub struct NoAttachments;

impl AttachmentSource for NoAttachments {
    fn available(&self, _: &AttachmentRef) -> bool {
        false
    }
    fn open(&self, _: &AttachmentRef) -> io::Result<Box<dyn Read + '_>> {
        Err(io::Error::other("no attachments"))
    }
}

/// Attachments stored in a vault (`attachments/<uuid>.age`, the bytes
/// encrypted to the vault key), decrypted as they stream into the bundle.
pub struct VaultAttachments<'a>(pub &'a Vault);

impl AttachmentSource for VaultAttachments<'_> {
    fn available(&self, a: &AttachmentRef) -> bool {
        self.0.attachment_path(a.id).is_file()
    }
    fn open(&self, a: &AttachmentRef) -> io::Result<Box<dyn Read + '_>> {
        // Decrypts as it is read and checks size and hash at the end.
        let reader = self.0.open_attachment(a).map_err(|e| io::Error::other(e.to_string()))?;
        Ok(Box::new(reader))
    }
}

#[derive(Debug)]
pub struct ExportReport {
    pub path: PathBuf,
    pub manifest: Manifest,
    /// Attachments referenced by a case whose bytes were not in the vault.
    pub attachments_missing: Vec<Uuid>,
    pub bytes: u64,
    /// Selected cases left out because consent does not cover the export.
    pub held_back: Vec<HeldBack>,
}

impl ExportReport {
    /// The one-line summary shown by the window and the command line.
    /// The held-back cases are counted in it: the dialog that listed them
    /// has closed when this is read.
    pub fn summary(&self) -> String {
        let done = crate::i18n::t_args(
            "export-done",
            &[
                ("count", &self.manifest.cases.len().to_string()),
                ("path", &self.path.display().to_string()),
                ("profile", &self.manifest.profile.label()),
            ],
        );
        match self.held_back.len() {
            0 => done,
            n => format!("{done} {}", crate::i18n::t_args("export-done-held", &[("count", &n.to_string())])),
        }
    }
}

/// Export the cases `ids` of `vault` to a new bundle file `out` (which must
/// not exist). Cases whose consent does not cover `options.consent` are
/// left out (listed in the report) unless included explicitly; when none
/// is left, nothing is written.
pub fn export_cases(vault: &Vault, ids: &[Uuid], options: &ExportOptions, out: &Path) -> Result<ExportReport> {
    if ids.is_empty() {
        return Err(BundleError::NothingSelected);
    }
    check_options(options)?;
    if out.exists() {
        return Err(BundleError::OutputExists { path: out.to_path_buf() });
    }
    // Never a silent unsigned bundle: without a key there is no export.
    let signer = vault.signing_key().ok_or_else(|| vault.signer().expect_err("no signing key"))?;
    let cases = vault.load_cases(ids).into_iter().collect::<Result<Vec<Case>, _>>()?;
    let (cases, held_back) = consent::split(cases, &options.consent, options.profile);
    if cases.is_empty() {
        return Err(BundleError::AllHeldBack { held: held_back });
    }
    let events = super::events::export_entry(vault, &cases, options.profile)?;
    let attachments = VaultAttachments(vault);
    let write_err = |e: io::Error| BundleError::Write { path: out.to_path_buf(), detail: e.to_string() };

    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("bundle");
    let temp = dir.join(format!(".{name}{}{}", atomic::TEMP_MARKER, Uuid::new_v4().simple()));
    let result = (|| {
        let file = OpenOptions::new().write(true).create_new(true).open(&temp).map_err(write_err)?;
        let (manifest, missing, buffered) =
            write_bundle_inner(BufWriter::new(file), vault.vault_id(), signer, (cases, events), options, &attachments, out)?;
        let file = buffered.into_inner().map_err(|e| write_err(e.into_error()))?;
        file.sync_all().map_err(write_err)?;
        let bytes = file.metadata().map_err(write_err)?.len();
        publish(&temp, out).map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => BundleError::OutputExists { path: out.to_path_buf() },
            _ => write_err(e),
        })?;
        let _ = atomic::sync_dir(&dir);
        Ok(ExportReport { path: out.to_path_buf(), manifest, attachments_missing: missing, bytes, held_back })
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Move the finished temporary file to its name without replacing a file
/// that appeared meanwhile (a hard link fails if the name exists); file
/// systems without hard links (FAT memory sticks) fall back to a rename.
pub(crate) fn publish(temp: &Path, out: &Path) -> io::Result<()> {
    match fs::hard_link(temp, out) {
        Ok(()) => fs::remove_file(temp),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            if out.exists() {
                return Err(io::Error::from(io::ErrorKind::AlreadyExists));
            }
            fs::rename(temp, out)
        }
    }
}

pub(crate) fn check_options(options: &ExportOptions) -> Result<()> {
    match (&options.passphrase, options.recipients.is_empty()) {
        (Some(_), false) => Err(BundleError::PassphraseAndRecipients),
        (None, true) => Err(BundleError::NoRecipients),
        // The bounds of the vault's own passphrase: a bundle travels.
        (Some(pass), true) => {
            crate::vault::check_passphrase_length(pass)?;
            options.work_factor.map(crate::vault::check_work_factor).transpose()?;
            Ok(())
        }
        (None, false) => Ok(()),
    }
}

/// Write a whole bundle of `cases` (redacted here by the profile) to `out`,
/// signed by `signer` as the vault `vault_id`. Returns the manifest written
/// and `out` after the encryption is finished. The cases are taken as
/// chosen: one whose consent does not cover the purpose is marked in the
/// manifest as included explicitly.
pub fn write_bundle<W: Write>(
    out: W,
    vault_id: Uuid,
    signer: &SigningKey,
    cases: &[Case],
    options: &ExportOptions,
    attachments: &dyn AttachmentSource,
) -> Result<(Manifest, W)> {
    check_options(options)?;
    let (manifest, _, w) =
        write_bundle_inner(out, vault_id, signer, (cases.to_vec(), None), options, attachments, Path::new("(bundle)"))?;
    Ok((manifest, w))
}

fn write_bundle_inner<W: Write>(
    out: W,
    vault_id: Uuid,
    signer: &SigningKey,
    (cases, events): (Vec<Case>, Option<(super::events::ManifestEvents, Vec<u8>)>),
    options: &ExportOptions,
    attachments: &dyn AttachmentSource,
    dest: &Path,
) -> Result<(Manifest, Vec<Uuid>, W)> {
    let write_err = |e: &dyn std::fmt::Display| BundleError::Write { path: dest.to_path_buf(), detail: e.to_string() };
    let outgoing = redact_all(cases, options, signer)?;
    let mut manifest = Manifest::new(vault_id, options.profile);
    manifest.purpose = Some(options.consent.purpose);
    manifest.events = events.as_ref().map(|(line, _)| line.clone());
    if options.profile != Profile::Full && options.redact.reviewed {
        manifest.review = Some(ExportReview { scrubbed_words: options.redact.scrub.len() as u32 });
    }
    let mut entries = Vec::with_capacity(outgoing.len());
    let mut to_attach: Vec<AttachmentRef> = Vec::new();
    let mut missing = Vec::new();
    for out in outgoing {
        manifest.cases.push(out.line);
        entries.push(out.bytes);
        // Redacted profiles have already dropped the references.
        for a in out.attachments {
            if attachments.available(&a) {
                manifest.attachments.push(ManifestAttachment {
                    id: a.id,
                    case_id: out.id,
                    size: a.size,
                    sha256: a.sha256.clone(),
                });
                to_attach.push(a);
            } else {
                missing.push(a.id);
            }
        }
    }

    let encryptor = encryptor(options).map_err(|e| write_err(&e))?;
    let stream = encryptor.wrap_output(out).map_err(|e| write_err(&e))?;
    let mut archive = ArchiveWriter::signed(stream, manifest, signer).map_err(|e| write_err(&e))?;
    let manifest = archive.manifest().clone();
    for bytes in &entries {
        archive.add_case(bytes).map_err(|e| write_err(&e))?;
    }
    if let Some((_, bytes)) = &events {
        archive.add_events(bytes).map_err(|e| write_err(&e))?;
    }
    for a in &to_attach {
        let mut source = attachments.open(a).map_err(|e| write_err(&e))?;
        archive.add_attachment(&mut source).map_err(|e| write_err(&e))?;
    }
    let stream = archive.finish().map_err(|e| write_err(&e))?;
    let out = stream.finish().map_err(|e| write_err(&e))?;
    Ok((manifest, missing, out))
}

/// One case as it leaves: its manifest line and entry, and the
/// attachments it still refers to.
struct Outgoing {
    id: Uuid,
    line: ManifestCase,
    bytes: Zeroizing<Vec<u8>>,
    attachments: Vec<AttachmentRef>,
}

/// Every case as it leaves under the profile, with its history (the
/// original's for the full profile, its own for a redacted one), encoded.
/// Redaction reads every word of every case, so large exports use every
/// core; each case and its redacted copy are dropped once encoded (at
/// 100,000 cases, holding them all to the end was most of an export's
/// memory).
fn redact_all(cases: Vec<Case>, options: &ExportOptions, signer: &SigningKey) -> Result<Vec<Outgoing>> {
    let roles = (options.redact.by_role && options.profile != Profile::Full).then(|| Roles::of(&cases));
    let one = |original: Case| -> Result<Outgoing> {
        let mut copy = redact_with(&original, options.profile, &options.redact)?;
        if let Some(roles) = &roles {
            roles.apply(&mut copy);
        }
        match options.profile {
            Profile::Full => withhold_broken_signatures(&original, &mut copy),
            // No hash of the unredacted case may travel with a redacted one.
            Profile::Pseudonymised | Profile::StatisticsOnly => rechain(&mut copy, signer),
        }
        let (mut line, bytes) = case_entry(&copy);
        // Whatever reaches here and is not covered was included on purpose.
        let uncovered = consent::hold_reason(&original.consent, options.consent.purpose, options.profile).is_some();
        line.consent = Some(ConsentFlags::of(&original.consent, uncovered));
        Ok(Outgoing { id: copy.id, line, bytes, attachments: std::mem::take(&mut copy.attachments) })
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if threads == 1 || cases.len() < 64 {
        return cases.into_iter().map(one).collect();
    }
    let (total, chunk) = (cases.len(), cases.len().div_ceil(threads));
    let mut parts = vec![cases];
    while parts.last().is_some_and(|p| p.len() > chunk) {
        let rest = parts.last_mut().expect("not empty").split_off(chunk);
        parts.push(rest);
    }
    let one = &one;
    std::thread::scope(|s| {
        let parts: Vec<_> =
            parts.into_iter().map(|part| s.spawn(move || part.into_iter().map(one).collect::<Result<Vec<Outgoing>>>())).collect();
        let mut out = Vec::with_capacity(total);
        for p in parts {
            out.extend(p.join().map_err(|_| BundleError::Redaction { detail: "a redaction thread panicked".into() })??);
        }
        Ok(out)
    })
}

pub(crate) fn encryptor(options: &ExportOptions) -> Result<age::Encryptor, age::EncryptError> {
    match &options.passphrase {
        Some(pass) => {
            let mut r = age::scrypt::Recipient::new(pass.clone());
            if let Some(wf) = options.work_factor {
                r.set_work_factor(wf);
            }
            age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient))
        }
        None => age::Encryptor::with_recipients(options.recipients.iter().map(|r| r as &dyn age::Recipient)),
    }
}
