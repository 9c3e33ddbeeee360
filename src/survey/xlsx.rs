//! Reading a spreadsheet (.xlsx as Microsoft Forms exports it; .xls and .ods too) with
//! calamine: the first sheet or a named one, row by row, each cell as the text a person
//! sees (a Likert answer stored as the number 3.0 reads "3").

use std::io::Cursor;

use calamine::{Data, Range, Reader};
use csv::ByteRecord;

/// Whether bytes start like a spreadsheet: a zip (xlsx, ods) or an OLE file (xls).
pub fn is_spreadsheet(start: &[u8]) -> bool {
    start.starts_with(b"PK\x03\x04") || start.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// The rows of one sheet.
pub struct SheetRows {
    range: Range<Data>,
    next: usize,
    /// The sheet's name.
    pub name: String,
}

impl SheetRows {
    /// Opens a sheet of a workbook held in memory: `sheet`, or the first.
    pub fn open(bytes: Vec<u8>, sheet: Option<&str>) -> Result<SheetRows, String> {
        let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
            .map_err(|e| format!("cannot read this spreadsheet: {e}"))?;
        let names = book.sheet_names();
        let name = match sheet {
            Some(wanted) => names
                .iter()
                .find(|n| *n == wanted)
                .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)))
                .cloned()
                .ok_or_else(|| {
                    format!(
                        "there is no sheet {wanted:?}: the sheets are {}",
                        super::headers::quoted_list(names.iter().map(String::as_str))
                    )
                })?,
            None => names
                .first()
                .cloned()
                .ok_or_else(|| "the workbook has no sheets".to_string())?,
        };
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("cannot read sheet {name:?}: {e}"))?;
        Ok(SheetRows {
            range,
            next: 0,
            name,
        })
    }

    /// Reads the next row into `record`; returns its row number as Excel shows it.
    pub fn next(&mut self, record: &mut ByteRecord) -> Option<u64> {
        let start = self.range.start()?;
        if self.next >= self.range.height() {
            return None;
        }
        record.clear();
        let mut text = String::new();
        for column in 0..self.range.width() {
            text.clear();
            let cell = self.range.get((self.next, column)).unwrap_or(&Data::Empty);
            if !matches!(cell, Data::Empty) {
                use std::fmt::Write;
                let _ = write!(text, "{cell}");
            }
            record.push_field(text.as_bytes());
        }
        let number = u64::from(start.0) + self.next as u64 + 1;
        self.next += 1;
        Some(number)
    }
}
