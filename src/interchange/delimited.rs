//! Tables as CSV.
//!
//! Written as UTF-8 (a byte-order mark on request, for Excel), read in any
//! encoding [`super::text`] knows, with the separator found from the header
//! line (Excel writes `;` where the decimal mark is a comma, and tabs for
//! "Unicode text"). A cell that a spreadsheet would run as a formula
//! (starting with `=`, `+`, `-`, `@`) is written with a leading `'`, the
//! usual guard against formula injection, and read back without it.

use super::table::Table;

const FORMULA_START: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// The CSV text of `table`.
pub fn write(table: &Table, bom: bool) -> Result<Vec<u8>, csv::Error> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let mut w = csv::WriterBuilder::new().from_writer(out);
    w.write_record(&table.header)?;
    for (_, row) in &table.rows {
        w.write_record(row.iter().map(|cell| guard(cell).into_owned()))?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// Whether a cell needs the guard: it starts like a formula, or like a
/// guarded one (`'=…` typed by someone), so reading back is exact.
fn needs_guard(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_START)
}

fn guard(cell: &str) -> std::borrow::Cow<'_, str> {
    if needs_guard(cell) { format!("'{cell}").into() } else { cell.into() }
}

fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

/// The table in `text` (already decoded). Rows keep the line they start on.
pub fn read(text: &str) -> Result<Table, csv::Error> {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(separator(text))
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = r.headers()?.iter().map(str::to_string).collect();
    let mut rows = Vec::new();
    // Lines counted from each record's byte offset: the same for `\n` and
    // `\r\n` files (Excel writes the latter).
    let (mut counted_to, mut line) = (0usize, 1usize);
    for record in r.records() {
        let record = record?;
        let mut start = record.position().map_or(counted_to, |p| p.byte() as usize).min(text.len());
        // After a `\r`, the record's offset is still at the `\n` before it.
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        line += memchr::memchr_iter(b'\n', &text.as_bytes()[counted_to.min(start)..start]).count();
        counted_to = start;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push((line, record.iter().map(|c| unguard(c).to_string()).collect()));
    }
    Ok(Table { header, rows })
}

/// The separator of the header line: the most frequent of `,`, `;`, tab.
fn separator(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    [b',', b';', b'\t'].into_iter().max_by_key(|s| first.bytes().filter(|b| b == s).count()).unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::{read, write};
    use crate::interchange::table::Table;

    #[test]
    fn round_trip_keeps_quotes_lines_and_formula_like_text() {
        let table = Table {
            header: vec!["title".into(), "narrative".into()],
            rows: vec![(2, vec!["NK-1".into(), "=1+1, \"인용\"\n둘째 줄".into()]), (4, vec!["NK-2".into(), "-".into()])],
        };
        let bytes = write(&table, false).unwrap();
        assert!(String::from_utf8_lossy(&bytes).contains("'=1+1"));
        assert_eq!(read(std::str::from_utf8(&bytes).unwrap()).unwrap(), table);
    }

    #[test]
    fn lines_are_counted_alike_in_crlf_files() {
        for text in ["h\n1\n\"a\nb\"\n3\n", "h\r\n1\r\n\"a\r\nb\"\r\n3\r\n"] {
            let lines: Vec<usize> = read(text).unwrap().rows.iter().map(|r| r.0).collect();
            assert_eq!(lines, vec![2, 3, 5], "{text:?}");
        }
    }

    #[test]
    fn semicolons_and_tabs_are_found() {
        let t = read("a;b\n1;2\n").unwrap();
        assert_eq!(t.rows[0].1, vec!["1", "2"]);
        let t = read("a\tb\n1\t2,5\n").unwrap();
        assert_eq!(t.rows[0].1, vec!["1", "2,5"]);
    }
}
