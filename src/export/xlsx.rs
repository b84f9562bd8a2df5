//! The export's tables as one Excel workbook (`--format xlsx`), for
//! researchers who open them in a spreadsheet.
//!
//! Why a workbook rather than a CSV "for Excel": a CSV carries no types,
//! so Excel guesses — it turns the CAMEO code `042` into 42, an event id
//! like `4251493142242e31` into 4.25E+31, `2020-11` into a date of its
//! own choosing and leaves `2020` a number; it reads UTF-8 without a
//! byte-order mark as the local code page (mangling the Chinese); and in
//! locales whose list separator is `;` it does not split the columns at
//! all. Workarounds inside a CSV (a BOM, `="042"` cells) break the file
//! for every program that reads it properly. In an `.xlsx` file each cell
//! has its type: ids, codes and original dates are text, counts and
//! metrics are numbers, `date_start` is a real date. The CSV files stay
//! plain RFC 4180 UTF-8 for programs.
//!
//! Written with rust_xlsxwriter (pure Rust, no C dependency; maintained by
//! the author of Python's XlsxWriter): one sheet per table, the header
//! bold and frozen, an autofilter, columns sized to their content.

use super::table::{Cell, Table};
use rust_xlsxwriter::{ExcelDateTime, Format, IgnoreError, Workbook, XlsxError};
use std::path::Path;
use unicode_width::UnicodeWidthStr;

/// The longest text a cell holds (Excel's limit).
const MAX_CELL_CHARS: usize = 32_767;
/// Rows per sheet, header included (Excel's limit).
const MAX_ROWS: usize = 1_048_576;

/// Why the workbook could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    #[error(
        "the {sheet} table has {rows} rows, more than a worksheet holds ({max}): use --format csv for it"
    )]
    TooManyRows {
        sheet: String,
        rows: usize,
        max: usize,
    },
    #[error("writing the workbook: {0}")]
    Xlsx(#[from] XlsxError),
}

/// Text cut to what a cell holds.
fn cell_text(s: &str) -> std::borrow::Cow<'_, str> {
    if s.len() <= MAX_CELL_CHARS || s.chars().count() <= MAX_CELL_CHARS {
        return s.into();
    }
    let mut out: String = s.chars().take(MAX_CELL_CHARS - 1).collect();
    out.push('…');
    out.into()
}

/// Writes `tables` as one workbook, a sheet each, in their order.
pub fn write_workbook(tables: &[Table], path: &Path) -> Result<(), WorkbookError> {
    let mut wb = build(tables)?;
    wb.save(path)?;
    Ok(())
}

/// The workbook's bytes (for tests).
pub fn workbook_bytes(tables: &[Table]) -> Result<Vec<u8>, WorkbookError> {
    Ok(build(tables)?.save_to_buffer()?)
}

fn build(tables: &[Table]) -> Result<Workbook, WorkbookError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for t in tables {
        if t.rows.len() + 1 > MAX_ROWS {
            return Err(WorkbookError::TooManyRows {
                sheet: t.name.clone(),
                rows: t.rows.len(),
                max: MAX_ROWS - 1,
            });
        }
        let ws = wb.add_worksheet();
        ws.set_name(&t.name)?;
        let mut widths: Vec<usize> = t.columns.iter().map(|(n, _)| n.width()).collect();
        for (c, (name, _)) in t.columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, name, &bold)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, value) in row.iter().enumerate() {
                if value.is_empty() {
                    continue;
                }
                let col = c as u16;
                // Size columns to the first rows only: the widest evidence
                // sentence would make a column screens wide.
                if r <= 200 {
                    widths[c] = widths[c].max(value.width().min(60));
                }
                match t.columns[c].1 {
                    Cell::Number => match value.parse::<f64>() {
                        Ok(v) if v.is_finite() => {
                            ws.write_number(r, col, v)?;
                        }
                        _ => {
                            ws.write_string(r, col, cell_text(value))?;
                        }
                    },
                    Cell::Date => match excel_date(value) {
                        Some(d) => {
                            ws.write_datetime_with_format(r, col, &d, &date)?;
                        }
                        None => {
                            ws.write_string(r, col, cell_text(value))?;
                        }
                    },
                    Cell::Text => {
                        ws.write_string(r, col, cell_text(value))?;
                    }
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, (*w as f64 + 2.0).clamp(6.0, 62.0))?;
        }
        let last_col = t.columns.len().saturating_sub(1) as u16;
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(0, 0, t.rows.len() as u32, last_col)?;
        if !t.rows.is_empty() {
            // Codes and ids stored as text are meant so: no green flags.
            ws.ignore_error_range(
                1,
                0,
                t.rows.len() as u32,
                last_col,
                IgnoreError::NumberStoredAsText,
            )?;
        }
    }
    Ok(wb)
}

/// A `YYYY-MM-DD` day as an Excel date (Excel's calendar starts in 1900:
/// earlier days stay text).
fn excel_date(s: &str) -> Option<ExcelDateTime> {
    let d = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    let year = u16::try_from(d.year()).ok().filter(|y| *y >= 1900)?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_cut_to_excels_limit_and_old_days_stay_text() {
        let long = "长".repeat(40_000);
        let cut = cell_text(&long);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with('…'));
        assert_eq!(cell_text("042"), "042");
        assert!(excel_date("2020-11-26").is_some());
        assert!(excel_date("1850-01-01").is_none());
        assert!(excel_date("2020-11").is_none());
    }
}
