//! What can go wrong bringing cases in or sending tables out. A refused
//! file lists every bad document or row with where it is and which field
//! is at fault, and means nothing was added. The words are in the Fluent
//! files (`interchange-…`).

use crate::bundle::BundleError;
use crate::i18n::{t, t_args};
use crate::vault::VaultError;
use std::fmt;
use std::path::{Path, PathBuf};

/// Where in the input a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum At {
    /// The `number`th case document (from 1), starting on `line`.
    Document { number: usize, line: usize },
    /// A table row: its line in a CSV file, its row in a spreadsheet.
    Row { line: usize },
}

/// What is wrong with one document or row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// Not JSON at all (serde_json's words, with its line and column).
    Syntax { detail: String },
    NotUtf8,
    NotAnObject,
    /// A field the record does not have (a typo would otherwise lose data).
    UnknownField,
    /// The field's value has the wrong type or is not one of its choices.
    BadValue { detail: String },
    TooLong { limit: usize },
    /// Attachments come in with their bytes (`attach`, bundles), not by reference.
    Attachments,
    CompleteWithoutConsent,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub at: At,
    /// Dotted path of the field (`interviewee.birth_year`,
    /// `incidents[0].violation`) or the table column; empty for the whole.
    pub field: String,
    pub kind: ProblemKind,
}

/// The text of each variant is its Fluent message (`interchange-error-…`).
#[derive(Debug)]
pub enum InterchangeError {
    /// Some documents or rows are bad; nothing was added.
    Refused { problems: Vec<Problem> },
    /// The file holds no case at all.
    Empty { path: PathBuf },
    /// Neither UTF-8 nor CP949 (EUC-KR).
    Encoding { path: PathBuf },
    /// Not `.csv` or `.xlsx` (nor an age file holding one).
    UnknownFormat { path: PathBuf },
    /// A header the table does not know and the mapping does not name.
    UnknownColumn { name: String },
    Mapping { path: PathBuf, line: usize, detail: String },
    Spreadsheet { path: PathBuf, detail: String },
    Read { path: PathBuf, detail: String },
    Write { path: PathBuf, detail: String },
    OutputExists { path: PathBuf },
    Bundle(BundleError),
    Vault(VaultError),
}

impl InterchangeError {
    pub fn read(path: &Path, e: impl fmt::Display) -> Self {
        InterchangeError::Read { path: path.to_path_buf(), detail: e.to_string() }
    }
    pub fn write(path: &Path, e: impl fmt::Display) -> Self {
        InterchangeError::Write { path: path.to_path_buf(), detail: e.to_string() }
    }
}

/// Problems listed in a refusal; the rest are counted.
pub const PROBLEMS_SHOWN: usize = 20;

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            At::Document { number, line } => t_args(
                "interchange-at-document",
                &[("number", &number.to_string()), ("line", &line.to_string())],
            ),
            At::Row { line } => t_args("interchange-at-row", &[("line", &line.to_string())]),
        })
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ProblemKind as K;
        f.write_str(&match self {
            K::Syntax { detail } => t_args("interchange-problem-syntax", &[("detail", detail)]),
            K::NotUtf8 => t("interchange-problem-not-utf8"),
            K::NotAnObject => t("interchange-problem-not-an-object"),
            K::UnknownField => t("interchange-problem-unknown-field"),
            K::BadValue { detail } => t_args("interchange-problem-bad-value", &[("detail", detail)]),
            K::TooLong { limit } => t_args("interchange-problem-too-long", &[("limit", &limit.to_string())]),
            K::Attachments => t("interchange-problem-attachments"),
            K::CompleteWithoutConsent => t("interchange-problem-complete-without-consent"),
        })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}: {}", self.at, self.kind)
        } else {
            let field = t_args("interchange-field", &[("field", &self.field)]);
            write!(f, "{}, {field}: {}", self.at, self.kind)
        }
    }
}

impl fmt::Display for InterchangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use InterchangeError as E;
        let p = |path: &Path| path.display().to_string();
        let text = match self {
            E::Refused { problems } => return refusal(f, problems),
            E::Empty { path } => t_args("interchange-error-empty", &[("path", &p(path))]),
            E::Encoding { path } => t_args("interchange-error-encoding", &[("path", &p(path))]),
            E::UnknownFormat { path } => t_args("interchange-error-unknown-format", &[("path", &p(path))]),
            E::UnknownColumn { name } => t_args("interchange-error-unknown-column", &[("name", name)]),
            E::Mapping { path, line, detail } => t_args(
                "interchange-error-mapping",
                &[("path", &p(path)), ("line", &line.to_string()), ("detail", detail)],
            ),
            E::Spreadsheet { path, detail } => t_args("interchange-error-spreadsheet", &[("path", &p(path)), ("detail", detail)]),
            E::Read { path, detail } => t_args("interchange-error-read", &[("path", &p(path)), ("detail", detail)]),
            E::Write { path, detail } => t_args("interchange-error-write", &[("path", &p(path)), ("detail", detail)]),
            E::OutputExists { path } => t_args("interchange-error-output-exists", &[("path", &p(path))]),
            E::Bundle(e) => return e.fmt(f),
            E::Vault(e) => return e.fmt(f),
        };
        f.write_str(&text)
    }
}

/// "N problems; nothing was added", then one line per problem.
fn refusal(f: &mut fmt::Formatter<'_>, problems: &[Problem]) -> fmt::Result {
    f.write_str(&t_args("interchange-error-refused", &[("count", &problems.len().to_string())]))?;
    for p in problems.iter().take(PROBLEMS_SHOWN) {
        write!(f, "\n  {p}")?;
    }
    if problems.len() > PROBLEMS_SHOWN {
        let more = (problems.len() - PROBLEMS_SHOWN).to_string();
        write!(f, "\n  {}", t_args("interchange-error-more", &[("count", &more)]))?;
    }
    Ok(())
}

impl std::error::Error for InterchangeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            InterchangeError::Bundle(e) => e.source(),
            InterchangeError::Vault(e) => e.source(),
            _ => None,
        }
    }
}

impl From<VaultError> for InterchangeError {
    fn from(e: VaultError) -> Self {
        InterchangeError::Vault(e)
    }
}

impl From<BundleError> for InterchangeError {
    fn from(e: BundleError) -> Self {
        InterchangeError::Bundle(e)
    }
}

#[cfg(test)]
mod tests {
    use super::{At, InterchangeError, Problem, ProblemKind};
    use crate::i18n::assert_shown_in_both_languages;
    use std::path::PathBuf;

    fn kinds() -> Vec<ProblemKind> {
        use ProblemKind as K;
        let d = || "expected i32".to_string();
        vec![
            K::Syntax { detail: d() },
            K::NotUtf8,
            K::NotAnObject,
            K::UnknownField,
            K::BadValue { detail: d() },
            K::TooLong { limit: 10 },
            K::Attachments,
            K::CompleteWithoutConsent,
        ]
    }

    fn errors() -> Vec<InterchangeError> {
        let path = || PathBuf::from("/tmp/cases.csv");
        let d = || "detail".to_string();
        let problems = kinds()
            .into_iter()
            .map(|kind| Problem { at: At::Row { line: 3 }, field: "pseudonym".into(), kind })
            .chain((0..30).map(|n| Problem {
                at: At::Document { number: n, line: n + 1 },
                field: String::new(),
                kind: ProblemKind::NotAnObject,
            }))
            .collect();
        vec![
            InterchangeError::Refused { problems },
            InterchangeError::Empty { path: path() },
            InterchangeError::Encoding { path: path() },
            InterchangeError::UnknownFormat { path: path() },
            InterchangeError::UnknownColumn { name: "이름".into() },
            InterchangeError::Mapping { path: path(), line: 2, detail: d() },
            InterchangeError::Spreadsheet { path: path(), detail: d() },
            InterchangeError::Read { path: path(), detail: d() },
            InterchangeError::Write { path: path(), detail: d() },
            InterchangeError::OutputExists { path: path() },
            InterchangeError::Bundle(crate::bundle::BundleError::NoRecipients),
            InterchangeError::Vault(crate::vault::VaultError::WrongPassphrase),
        ]
    }

    #[test]
    fn every_variant_has_its_text_in_both_languages() {
        for kind in kinds() {
            match kind {
                ProblemKind::Syntax { .. }
                | ProblemKind::NotUtf8
                | ProblemKind::NotAnObject
                | ProblemKind::UnknownField
                | ProblemKind::BadValue { .. }
                | ProblemKind::TooLong { .. }
                | ProblemKind::Attachments
                | ProblemKind::CompleteWithoutConsent => assert_shown_in_both_languages(&kind),
            }
        }
        for e in errors() {
            match e {
                InterchangeError::Refused { .. }
                | InterchangeError::Empty { .. }
                | InterchangeError::Encoding { .. }
                | InterchangeError::UnknownFormat { .. }
                | InterchangeError::UnknownColumn { .. }
                | InterchangeError::Mapping { .. }
                | InterchangeError::Spreadsheet { .. }
                | InterchangeError::Read { .. }
                | InterchangeError::Write { .. }
                | InterchangeError::OutputExists { .. }
                | InterchangeError::Bundle(_)
                | InterchangeError::Vault(_) => assert_shown_in_both_languages(&e),
            }
        }
    }

    #[test]
    fn a_refusal_lists_twenty_problems_and_counts_the_rest() {
        let text = crate::i18n::in_language(crate::i18n::Lang::En, || errors().remove(0).to_string());
        assert_eq!(text.lines().count(), 1 + 20 + 1, "{text}");
        assert!(text.contains("row 3, field pseudonym"), "{text}");
    }
}
