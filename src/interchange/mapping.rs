//! Reading other people's tables: which of their columns is which of ours.
//!
//! A mapping file is itself a small CSV (any encoding a table may be in),
//! one line per column: their header, then our column key (`-` to ignore
//! the column). A first line `source,column` is a header and skipped:
//!
//! ```text
//! source,column
//! 가명,pseudonym
//! 면담일,interview_date
//! 비고,-
//! ```
//! Headers not in the mapping are matched to our column keys, loosely
//! (any letter case, spaces or hyphens for `_`); an unknown header is an
//! error rather than a column silently dropped.

use super::error::InterchangeError;
use super::table::{Column, Layout};
use std::collections::HashMap;
use std::path::Path;

#[derive(Clone, Debug, Default)]
pub struct Mapping {
    /// Their header (trimmed, lower case) to our column, `None` to ignore.
    names: HashMap<String, Option<Column>>,
}

impl Mapping {
    pub fn read_file(path: &Path) -> Result<Mapping, InterchangeError> {
        let bytes = std::fs::read(path).map_err(|e| InterchangeError::read(path, e))?;
        let (text, _) = super::text::decode(&bytes).ok_or(InterchangeError::Encoding { path: path.to_path_buf() })?;
        Mapping::parse(&text).map_err(|(line, detail)| InterchangeError::Mapping { path: path.to_path_buf(), line, detail })
    }

    /// Errors carry the line and the reason.
    pub fn parse(text: &str) -> Result<Mapping, (usize, String)> {
        let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let mut names = HashMap::new();
        for record in r.records() {
            let record = record.map_err(|e| (e.position().map_or(0, |p| p.line() as usize), e.to_string()))?;
            let line = record.position().map_or(0, |p| p.line() as usize);
            let (theirs, ours) = (record.get(0).unwrap_or("").trim(), record.get(1).unwrap_or("").trim());
            if theirs.is_empty() && ours.is_empty() || line == 1 && theirs == "source" && ours == "column" {
                continue;
            }
            let column = match ours {
                "-" => None,
                _ => Some(Column::from_header(ours).filter(|c| !c.is_derived()).ok_or_else(|| {
                    (line, crate::i18n::t_args("interchange-error-unknown-column", &[("name", ours)]))
                })?),
            };
            names.insert(theirs.to_lowercase(), column);
        }
        Ok(Mapping { names })
    }

    /// Which column each header is.
    pub fn layout(&self, header: &[String]) -> Result<Layout, InterchangeError> {
        header
            .iter()
            .map(|h| {
                let h = h.trim().trim_start_matches('\u{feff}');
                if let Some(c) = self.names.get(&h.to_lowercase()) {
                    return Ok(*c);
                }
                if h.is_empty() {
                    return Ok(None);
                }
                Column::from_header(h).map(Some).ok_or_else(|| InterchangeError::UnknownColumn { name: h.to_string() })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Mapping;
    use crate::interchange::table::Column;

    #[test]
    fn maps_their_names_ignores_dashes_and_refuses_unknown() {
        let m = Mapping::parse("source,column\n가명,pseudonym\n비고,-\n").unwrap();
        let header: Vec<String> = ["가명", "비고", "Violation", ""].iter().map(|s| s.to_string()).collect();
        assert_eq!(m.layout(&header).unwrap(), vec![Some(Column::Pseudonym), None, Some(Column::Violation), None]);
        assert!(m.layout(&["이름".to_string()]).is_err());
        assert_eq!(Mapping::parse("source,column\n가명,nope\n").unwrap_err().0, 2);
    }
}
