//! A table as every export writes it: named columns, each with the kind
//! of value it holds, and rows of text. CSV writes the text as it is;
//! the spreadsheet workbook ([`super::xlsx`]) uses the kind, so that a
//! CAMEO code `042` or an event id `4251493142242e31` stays text instead
//! of becoming the number 42 or 4.25E+31, and a date is a date.

use std::io::{self, Write};

/// What a column holds, for writers that type their cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// Text, always written as text (ids, codes, labels, dates as the
    /// source gave them).
    Text,
    /// A number (an empty cell stays empty).
    Number,
    /// A day, `YYYY-MM-DD` (a spreadsheet date).
    Date,
}

/// Rows of text under typed columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The file stem and sheet name (`events`).
    pub name: String,
    pub columns: Vec<(String, Cell)>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// A table of text columns.
    pub fn new(name: &str, columns: &[&str]) -> Table {
        Table {
            name: name.to_string(),
            columns: columns
                .iter()
                .map(|c| (c.to_string(), Cell::Text))
                .collect(),
            rows: Vec::new(),
        }
    }

    /// Marks `columns` as holding `kind`.
    pub fn typed(mut self, kind: Cell, columns: &[&str]) -> Table {
        for (name, k) in &mut self.columns {
            if columns.contains(&name.as_str()) {
                *k = kind;
            }
        }
        self
    }

    pub fn header(&self) -> Vec<&str> {
        self.columns.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// Adds a row given as (column, value) pairs in any order: each value
    /// lands under its column, so a row cannot drift from the header.
    ///
    /// Panics on a column the table lacks, one named twice or one left
    /// out: a table built wrong, which every test that builds it meets.
    ///
    /// ```
    /// use dipgraph::export::table::Table;
    ///
    /// let mut t = Table::new("pairs", &["subject", "object"]);
    /// t.push_row(vec![("object", "KOR".into()), ("subject", "wang_yi".into())]);
    /// assert_eq!(t.rows, [["wang_yi", "KOR"]]);
    /// ```
    pub fn push_row(&mut self, cells: Vec<(&str, String)>) {
        let mut row: Vec<Option<String>> = vec![None; self.columns.len()];
        for (name, value) in cells {
            let i = self
                .column(name)
                .unwrap_or_else(|| panic!("table {}: no column {name}", self.name));
            assert!(
                row[i].replace(value).is_none(),
                "table {}: column {name} given twice",
                self.name
            );
        }
        let row = row
            .into_iter()
            .zip(&self.columns)
            .map(|(value, (name, _))| {
                value.unwrap_or_else(|| panic!("table {}: column {name} left out", self.name))
            })
            .collect();
        self.rows.push(row);
    }

    /// The index of a column.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|(n, _)| n == name)
    }

    /// Writes the table as CSV (RFC 4180, UTF-8 without a byte-order mark:
    /// the form programs read; spreadsheets get the workbook).
    pub fn write_csv(&self, out: impl Write) -> io::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(self.header()).map_err(csv_err)?;
        for row in &self.rows {
            w.write_record(row).map_err(csv_err)?;
        }
        w.flush()
    }
}

pub(crate) fn csv_err(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "table pairs: column object left out")]
    fn a_column_left_out_is_refused() {
        let mut t = Table::new("pairs", &["subject", "object"]);
        t.push_row(vec![("subject", "wang_yi".into())]);
    }

    #[test]
    #[should_panic(expected = "table pairs: no column obj")]
    fn a_column_the_table_lacks_is_refused() {
        let mut t = Table::new("pairs", &["subject", "object"]);
        t.push_row(vec![("subject", "wang_yi".into()), ("obj", "KOR".into())]);
    }
}
