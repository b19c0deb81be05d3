//! Cases in and out of the vault in other people's formats: JSON case
//! documents for scripts ([`json`]), and one-row-per-incident tables for
//! analysts and for Uwazi (HURIDOCS), as CSV in any encoding Excel writes
//! or as XLSX ([`table`], [`delimited`], [`xlsx`], [`text`], [`mapping`]).
//!
//! Coming in is all or nothing: every document or row is checked first,
//! each problem named with its position and field, and new cases are then
//! stored with their first revision in one batch ([`Vault::add_cases`]).
//! Going out, a table is redacted by a profile like a bundle and
//! encrypted like one unless asked not to ([`sealed`]).

pub mod delimited;
mod error;
pub mod json;
pub mod mapping;
pub mod sealed;
pub mod show;
pub mod table;
pub mod text;
pub mod xlsx;

pub use error::{At, InterchangeError, Problem, ProblemKind, PROBLEMS_SHOWN};
pub use mapping::Mapping;
pub use table::{Column, Table, TableCases};

use crate::bundle::{consent, BundleError, ConsentChoice, ExportOptions, HeldBack, Profile, Unlock};
use crate::model::Case;
use crate::vault::Vault;
use std::path::{Path, PathBuf};
use uuid::Uuid;

pub type Result<T, E = InterchangeError> = std::result::Result<T, E>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    Csv,
    Xlsx,
}

impl TableFormat {
    pub const ALL: [TableFormat; 2] = [TableFormat::Csv, TableFormat::Xlsx];

    pub fn key(self) -> &'static str {
        match self {
            TableFormat::Csv => "csv",
            TableFormat::Xlsx => "xlsx",
        }
    }

    pub fn from_key(key: &str) -> Option<TableFormat> {
        TableFormat::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// How a table goes out.
pub struct TableOptions {
    pub format: TableFormat,
    pub profile: Profile,
    /// A UTF-8 byte-order mark before CSV, which Excel needs to see Hangul.
    pub bom: bool,
    /// Recipients or passphrase, as for a bundle (its `profile` is not
    /// used); `None` writes plaintext.
    pub seal: Option<ExportOptions>,
    /// What the table is for; cases whose consent does not cover it are
    /// left out unless named, as for a bundle.
    pub consent: ConsentChoice,
}

#[derive(Debug)]
pub struct TableReport {
    pub path: PathBuf,
    pub cases: usize,
    pub rows: usize,
    pub bytes: u64,
    pub encrypted: bool,
    /// Cases left out for their consent.
    pub held_back: Vec<HeldBack>,
    /// Cases whose consent does not cover the table, included by name.
    pub included_anyway: Vec<HeldBack>,
}

/// Write the cases `ids` of `vault` as a table to the new file `out`.
pub fn export_table(vault: &Vault, ids: &[Uuid], options: &TableOptions, out: &Path) -> Result<TableReport> {
    if ids.is_empty() {
        return Err(BundleError::NothingSelected.into());
    }
    let cases = ids.iter().map(|id| vault.load_case(*id)).collect::<Result<Vec<Case>, _>>()?;
    let (cases, held_back) = consent::split(cases, &options.consent, options.profile);
    if cases.is_empty() {
        return Err(BundleError::AllHeldBack { held: held_back }.into());
    }
    let included_anyway = cases
        .iter()
        .filter_map(|c| {
            let reason = consent::hold_reason(&c.consent, options.consent.purpose, options.profile)?;
            Some(HeldBack { id: c.id, code: c.code.clone(), reason })
        })
        .collect();
    let table = table::cases_to_table(&cases, options.profile)?;
    let bytes = zeroize::Zeroizing::new(match options.format {
        TableFormat::Csv => delimited::write(&table, options.bom).map_err(|e| InterchangeError::write(out, e))?,
        TableFormat::Xlsx => xlsx::write(&table).map_err(|e| InterchangeError::write(out, e))?,
    });
    let written = sealed::write_new_file(out, &bytes, options.seal.as_ref())?;
    Ok(TableReport { path: out.to_path_buf(), cases: cases.len(), rows: table.rows.len(), bytes: written, encrypted: options.seal.is_some(), held_back, included_anyway })
}

/// What a table file holds, read and checked, not yet stored.
#[derive(Debug)]
pub struct TableRead {
    pub found: TableCases,
    /// `None` for a spreadsheet.
    pub encoding: Option<text::Encoding>,
}

/// Read a table file (CSV in any encoding [`text`] knows, or XLSX; either
/// may be age-encrypted, opened with `unlock`), its columns named by our
/// keys or through `mapping`.
pub fn read_table_file(path: &Path, unlock: &Unlock, mapping: &Mapping) -> Result<TableRead> {
    let bytes = sealed::read_maybe_encrypted(path, unlock)?;
    let (table, encoding) = if bytes.starts_with(b"PK\x03\x04") {
        let table = xlsx::read(&bytes).map_err(|detail| InterchangeError::Spreadsheet { path: path.to_path_buf(), detail })?;
        (table, None)
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        // The old binary .xls: Excel saves it as .xlsx or CSV on request.
        return Err(InterchangeError::UnknownFormat { path: path.to_path_buf() });
    } else {
        let (text, encoding) = text::decode(&bytes).ok_or(InterchangeError::Encoding { path: path.to_path_buf() })?;
        let table = delimited::read(&text).map_err(|e| InterchangeError::read(path, e))?;
        (table, Some(encoding))
    };
    let layout = mapping.layout(&table.header)?;
    let found = table::table_to_cases(&table, &layout);
    if found.rows == 0 {
        return Err(InterchangeError::Empty { path: path.to_path_buf() });
    }
    Ok(TableRead { found, encoding })
}

/// Store what [`read_table_file`] found: all of it, or with `skip_bad` the
/// good cases only (the bad rows stay in `read.found.problems` to report).
/// Returns the cases as stored.
pub fn store_table(vault: &mut Vault, read: TableRead, skip_bad: bool, editor: &str, what: &str) -> Result<Vec<Case>> {
    if !read.found.problems.is_empty() && !skip_bad {
        return Err(InterchangeError::Refused { problems: read.found.problems });
    }
    Ok(vault.add_cases(read.found.cases, editor, what)?)
}

/// Add every case document of the JSON file `path` (see [`json`]): all,
/// or none when any is bad.
pub fn add_documents(vault: &mut Vault, path: &Path, editor: &str) -> Result<Vec<Case>> {
    let cases = json::read_documents_file(path)?;
    let what = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    Ok(vault.add_cases(cases, editor, &what)?)
}
