//! Tables as Excel workbooks: written with rust_xlsxwriter, read with
//! calamine. Every cell is written as text (a code like `0042` or a date
//! like `2019-03` stays as typed, and nothing runs as a formula); when
//! reading, numbers and dates that Excel made of typed text are turned
//! back into it.

use super::table::Table;
use calamine::{Data, Reader};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// Sheet the table goes on.
pub const SHEET: &str = "incidents";

/// The `.xlsx` bytes of `table`.
pub fn write(table: &Table) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET)?;
    let bold = Format::new().set_bold();
    for (col, name) in table.header.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, name, &bold)?;
        sheet.set_column_width(col as u16, 16)?;
    }
    for (r, (_, row)) in table.rows.iter().enumerate() {
        for (col, cell) in row.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
            sheet.write_string(r as u32 + 1, col as u16, cell)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

/// The first sheet of the workbook in `bytes`, each row with its number as
/// the spreadsheet shows it.
pub fn read(bytes: &[u8]) -> Result<Table, String> {
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| e.to_string())?;
    let range = match book.worksheet_range_at(0) {
        Some(r) => r.map_err(|e| e.to_string())?,
        None => return Ok(Table::default()),
    };
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    let mut rows = range.rows().enumerate().map(|(i, cells)| {
        // Columns left of the used range are empty.
        let cells = std::iter::repeat_n(String::new(), first_col).chain(cells.iter().map(cell_text));
        (first_row + i + 1, cells.collect::<Vec<_>>())
    });
    let header = rows.next().map(|(_, h)| h).unwrap_or_default();
    let rows = rows.filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty())).collect();
    Ok(Table { header, rows })
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Data::DateTime(d) => excel_date(d.as_f64()),
    }
}

/// An Excel serial date (days since 1899-12-30) as `YYYY-MM-DD`.
fn excel_date(serial: f64) -> String {
    let epoch = time::Date::from_calendar_date(1899, time::Month::December, 30).expect("a valid date");
    epoch
        .checked_add(time::Duration::days(serial.floor() as i64))
        .map_or_else(|| serial.to_string(), |d| format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day()))
}

#[cfg(test)]
mod tests {
    use super::{excel_date, read, write};
    use crate::interchange::table::Table;

    #[test]
    fn round_trip_with_hangul_and_text_that_looks_like_numbers() {
        let table = Table {
            header: vec!["code".into(), "interview_date".into(), "narrative".into()],
            rows: vec![(2, vec!["0042".into(), "2019".into(), "신의주에서 =1+1".into()]), (3, vec!["".into(), "".into(), "x".into()])],
        };
        let bytes = write(&table).unwrap();
        assert_eq!(read(&bytes).unwrap(), table);
    }

    #[test]
    fn excel_serial_dates_become_iso() {
        assert_eq!(excel_date(43535.0), "2019-03-11");
        assert_eq!(excel_date(1.0), "1899-12-31");
    }
}
