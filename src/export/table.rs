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
