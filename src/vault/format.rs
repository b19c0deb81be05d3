//! What is inside each encrypted file: a RON document that starts with its
//! format version. Reading checks the version first, migrates older ones and
//! refuses newer ones.
//!
//! The index shards are the exception: they are read at every unlock, all
//! of them, and RON made that the slowest step of opening a large vault
//! (100,000 summaries took over a second to parse). Since format 2 they are
//! postcard, behind a magic and the format number; format 1 (RON) still
//! reads and is rewritten at the next open.

use super::error::{Result, VaultError};
use crate::model::{legacy::CaseV1, Case, CaseSummary, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};
use std::path::Path;
use uuid::Uuid;
use zeroize::Zeroizing;

/// Format of the index shards `index/<xx>.age`: 1 was RON, 2 is postcard.
pub const INDEX_FORMAT: u32 = 2;
/// The first bytes of a binary index shard (before them, a RON shard starts
/// with `(`), then the format number as 4 little-endian bytes.
const INDEX_MAGIC: &[u8; 8] = b"TVINDEX\0";
/// The last index format written as RON.
const INDEX_FORMAT_RON: u32 = 1;
/// Format of `config.age`.
pub const CONFIG_FORMAT: u32 = 1;

#[derive(Deserialize)]
struct Probe {
    format: u32,
}

#[derive(Serialize)]
struct CaseFileOut<'a> {
    format: u32,
    case: &'a Case,
}

#[derive(Deserialize)]
struct CaseFileIn {
    case: Case,
}

#[derive(Deserialize)]
struct CaseFileV1 {
    case: CaseV1,
}

fn ron_options() -> ron::Options {
    ron::Options::default()
}

/// How files are written: compact, with strings unescaped (raw when they
/// hold `"` or `\`). RON's escaping goes through `char::escape_debug` one
/// character at a time, which made writing a case with a long Korean
/// narrative ten times slower than this; the reader takes either form, so
/// files written escaped by earlier versions still open.
pub(crate) fn written() -> ron::ser::PrettyConfig {
    crate::model::canonical::unescaped()
}

fn probe(text: &str, file: &Path) -> Result<u32> {
    ron_options()
        .from_str::<Probe>(text)
        .map(|p| p.format)
        .map_err(|e| VaultError::damaged(file, format!("unreadable content: {e}")))
}

fn as_text<'a>(plaintext: &'a [u8], file: &Path) -> Result<&'a str> {
    std::str::from_utf8(plaintext).map_err(|_| VaultError::damaged(file, "content is not text"))
}

pub fn encode_case(case: &Case) -> Zeroizing<Vec<u8>> {
    let text = ron_options()
        .to_string_pretty(&CaseFileOut { format: SCHEMA_VERSION, case }, written())
        .expect("a case always serializes");
    Zeroizing::new(text.into_bytes())
}

/// Decode a case file's plaintext, migrating older schemas.
pub fn decode_case(plaintext: &[u8], file: &Path) -> Result<Case> {
    let text = as_text(plaintext, file)?;
    let bad = |e: ron::error::SpannedError| VaultError::damaged(file, format!("unreadable case: {e}"));
    // A file as this version writes it is read at once: probing the
    // version parses the whole text too (RON skips the case by parsing
    // it), which made every case cost two parses. Any other is probed.
    if text.starts_with(&format!("(format:{SCHEMA_VERSION},"))
        && let Ok(file) = ron_options().from_str::<CaseFileIn>(text)
    {
        return Ok(file.case);
    }
    match probe(text, file)? {
        SCHEMA_VERSION => Ok(ron_options().from_str::<CaseFileIn>(text).map_err(bad)?.case),
        1 => Ok(ron_options().from_str::<CaseFileV1>(text).map_err(bad)?.case.migrate()),
        found if found > SCHEMA_VERSION => {
            Err(VaultError::NewerVersion { file: file.to_path_buf(), found, supported: SCHEMA_VERSION })
        }
        found => Err(VaultError::damaged(file, format!("unknown format {found}"))),
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IndexEntry {
    pub summary: CaseSummary,
    /// Size and modification time of the case file when summarised: if
    /// either differs at open, the summary is stale and is rebuilt.
    pub file_len: u64,
    pub file_mtime_ns: i64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IndexFile {
    pub format: u32,
    pub vault_id: Uuid,
    /// Next number for case codes (`NK-2026-0042`).
    pub next_number: u32,
    pub entries: Vec<IndexEntry>,
}

/// A shard's plaintext: magic, format, postcard. Serialized into buffers
/// that are wiped when dropped (a growing `Vec` would leave copies of the
/// summaries behind in freed memory).
pub fn encode_index(index: &IndexFile) -> Zeroizing<Vec<u8>> {
    let header = INDEX_MAGIC.len() + 4;
    let mut capacity = header + 64 + index.entries.len() * 256;
    loop {
        let mut buf = Zeroizing::new(vec![0u8; capacity]);
        buf[..INDEX_MAGIC.len()].copy_from_slice(INDEX_MAGIC);
        buf[INDEX_MAGIC.len()..header].copy_from_slice(&INDEX_FORMAT.to_le_bytes());
        match postcard::to_slice(index, &mut buf[header..]) {
            Ok(used) => {
                let len = header + used.len();
                buf.truncate(len);
                return buf;
            }
            Err(postcard::Error::SerializeBufferFull) => capacity *= 2,
            Err(e) => panic!("an index always serializes: {e}"),
        }
    }
}

/// Read a shard of either format; `format` in the result tells which, so
/// an older one can be rewritten.
pub fn decode_index(plaintext: &[u8], file: &Path) -> Result<IndexFile> {
    let Some(rest) = plaintext.strip_prefix(INDEX_MAGIC.as_slice()) else { return decode_index_ron(plaintext, file) };
    let (format, body) = rest.split_first_chunk::<4>().ok_or_else(|| VaultError::damaged(file, "truncated index"))?;
    match u32::from_le_bytes(*format) {
        INDEX_FORMAT => {
            let mut index: IndexFile = postcard::from_bytes(body)
                .map_err(|e| VaultError::damaged(file, format!("unreadable index: {e}")))?;
            index.format = INDEX_FORMAT;
            Ok(index)
        }
        found if found > INDEX_FORMAT => {
            Err(VaultError::NewerVersion { file: file.to_path_buf(), found, supported: INDEX_FORMAT })
        }
        found => Err(VaultError::damaged(file, format!("unknown index format {found}"))),
    }
}

/// A shard written before format 2.
fn decode_index_ron(plaintext: &[u8], file: &Path) -> Result<IndexFile> {
    let text = as_text(plaintext, file)?;
    match probe(text, file)? {
        INDEX_FORMAT_RON => ron_options()
            .from_str(text)
            .map_err(|e| VaultError::damaged(file, format!("unreadable index: {e}"))),
        // A RON shard claiming a newer format is damage: newer ones are binary.
        found => Err(VaultError::damaged(file, format!("unknown index format {found}"))),
    }
}

/// A shard as format 1 wrote it, for the migration tests.
#[doc(hidden)]
pub fn encode_index_v1(index: &IndexFile) -> Zeroizing<Vec<u8>> {
    let mut old = index.clone();
    old.format = INDEX_FORMAT_RON;
    Zeroizing::new(ron_options().to_string_pretty(&old, written()).expect("an index always serializes").into_bytes())
}

/// Settings kept inside the vault (encrypted like everything else).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VaultConfig {
    pub format: u32,
    /// age public keys (`age1…`) of the organisation, offered for export.
    pub organisation_recipients: Vec<String>,
    /// Lock after this many minutes without input; 0 disables.
    pub idle_lock_minutes: u32,
    /// Name written into the edit history.
    pub editor_name: String,
    /// Interface language: "en" or "ko"; empty means the system's.
    pub language: String,
    /// age public keys (`age1…`) the vault key is also wrapped to
    /// (`recovery.age`), so the organisation can set a new passphrase.
    /// Absent in settings written before recovery existed.
    #[serde(default)]
    pub recovery_recipients: Vec<String>,
    /// The window's larger text (about a quarter larger everywhere).
    /// Absent in settings written before it existed.
    #[serde(default)]
    pub larger_text: bool,
    /// The input device the Record button uses (its cpal name); `None`:
    /// the system's default. Absent in settings written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_device: Option<String>,
}

impl Default for VaultConfig {
    fn default() -> Self {
        VaultConfig {
            format: CONFIG_FORMAT,
            organisation_recipients: Vec::new(),
            // An answer can run past five minutes; see README (Lock).
            idle_lock_minutes: 15,
            editor_name: String::new(),
            language: String::new(),
            recovery_recipients: Vec::new(),
            larger_text: false,
            input_device: None,
        }
    }
}

pub fn encode_config(config: &VaultConfig) -> Zeroizing<Vec<u8>> {
    let mut c = config.clone();
    c.format = CONFIG_FORMAT;
    Zeroizing::new(ron_options().to_string_pretty(&c, written()).expect("config always serializes").into_bytes())
}

pub fn decode_config(plaintext: &[u8], file: &Path) -> Result<VaultConfig> {
    let text = as_text(plaintext, file)?;
    match probe(text, file)? {
        CONFIG_FORMAT => ron_options()
            .from_str(text)
            .map_err(|e| VaultError::damaged(file, format!("unreadable settings: {e}"))),
        found if found > CONFIG_FORMAT => {
            Err(VaultError::NewerVersion { file: file.to_path_buf(), found, supported: CONFIG_FORMAT })
        }
        found => Err(VaultError::damaged(file, format!("unknown settings format {found}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unescaped writing falls back to raw strings; every awkward string
    /// must come back exactly, and files written escaped must still open.
    #[test]
    fn awkward_strings_round_trip_and_escaped_files_still_open() {
        let awkward = [
            "",
            "\"",
            "\\",
            "\"#",
            "#\"",
            "r#\"raw\"#",
            "\"##\"###",
            "line\nbreak\r\nand\ttab",
            "nul\0byte",
            "신의주 \u{1109}\u{1175}\u{11AB} (NFD)",
            "Sin\u{306}uiju",
            "\u{feff}bom \u{200b}zw",
            "ends with backslash\\",
            "}) ] , : // /* */",
        ];
        for (i, text) in awkward.iter().enumerate() {
            let mut case = crate::sample::sample_case(i as u32 + 1, 10);
            case.narrative = text.to_string();
            case.tags = vec![text.to_string()];
            case.interviewee.pseudonym = format!("{text}{text}");
            let written = encode_case(&case);
            let back = decode_case(&written, Path::new("t")).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(back, case, "{text:?}");
            let escaped = ron_options().to_string(&CaseFileOut { format: SCHEMA_VERSION, case: &case }).unwrap();
            assert_eq!(decode_case(escaped.as_bytes(), Path::new("t")).unwrap(), case, "escaped {text:?}");
        }
    }

    #[test]
    fn files_as_written_take_the_one_parse_and_others_still_open() {
        let case = crate::sample::sample_case(3, 200);
        let written = encode_case(&case);
        assert!(written.starts_with(format!("(format:{SCHEMA_VERSION},").as_bytes()), "the reader's shortcut sees this writer's files");
        // Pretty-printed, as other tools or versions may write: probed, then read.
        let pretty = ron_options().to_string_pretty(&CaseFileOut { format: SCHEMA_VERSION, case: &case }, Default::default()).unwrap();
        assert!(!pretty.starts_with("(format:"));
        assert_eq!(decode_case(pretty.as_bytes(), Path::new("t")).unwrap(), case);
    }
}
