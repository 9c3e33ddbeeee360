//! Reading a spreadsheet (.xlsx as Microsoft Forms exports it; .xls and .ods too) with
//! calamine: the first sheet or a named one, row by row, each cell as the text a person
//! sees (a Likert answer stored as the number 3.0 reads "3").

use std::io::Cursor;

use calamine::{Data, DataRef, Range, Reader, Sheets, Xlsx};
use csv::ByteRecord;

use super::workbook::{self, MAX_CELLS, MAX_TEXT_BYTES};

/// Whether bytes start like a spreadsheet: a zip (xlsx, ods) or an OLE file (xls).
pub fn is_spreadsheet(start: &[u8]) -> bool {
    start.starts_with(b"PK\x03\x04") || start.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Checks a sheet's cells before calamine lays them out as one rectangle in memory: a
/// single cell at XFD1048576 asked for 512 GiB; text shown in many cells is copied into
/// each. Reads the sheet's cells once, as references, keeping nothing.
fn check_cells<R: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<R>,
    name: &str,
) -> Result<(), String> {
    let mut cells = book
        .worksheet_cells_reader(name)
        .map_err(|e| format!("cannot read sheet {name:?}: {e}"))?;
    let (mut rows, mut columns) = ((u32::MAX, 0u32), (u32::MAX, 0u32));
    let mut text = 0u64;
    let mut used = 0u64;
    while let Some(cell) = cells
        .next_cell()
        .map_err(|e| format!("cannot read sheet {name:?}: {e}"))?
    {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, column) = cell.get_position();
        rows = (rows.0.min(row), rows.1.max(row));
        columns = (columns.0.min(column), columns.1.max(column));
        used += 1;
        let area = (u64::from(rows.1 - rows.0) + 1) * (u64::from(columns.1 - columns.0) + 1);
        if area > MAX_CELLS || used > MAX_CELLS {
            return Err(format!(
                "sheet {name:?} reaches row {}, column {}: {}",
                rows.1 + 1,
                column_name(columns.1),
                workbook::too_many_cells(area)
            ));
        }
        text += match cell.get_value() {
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                s.len() as u64
            }
            DataRef::SharedString(s) => s.len() as u64,
            _ => 0,
        };
        if text > MAX_TEXT_BYTES {
            return Err(format!("sheet {name:?}: {}", workbook::too_much_text(text)));
        }
    }
    Ok(())
}

/// A column as Excel names it: 0 → A, 25 → Z, 26 → AA.
fn column_name(mut index: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
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
        workbook::check(&bytes)?;
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
        if let Sheets::Xlsx(xlsx) = &mut book {
            check_cells(xlsx, &name)?;
        }
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
