//! The CSV format: a document's typed table (`model::Table`) as CSV. Text cells are
//! guarded against formula injection (`text::csv_text`); number cells are written with
//! their column's decimals and never guarded (a score of -1 stays a number).
//!
//! A Result's table has one row for the overall score, one per theme and one per item,
//! for spreadsheets. Every row carries the organisation and period, so the reports of
//! several quarters can be stacked into one sheet. A warning (figures that describe fewer
//! people than the suppression minimum) comes first, as a row of level `warning`.

use super::model::{Cell, Column, Table};
use super::text::csv_text;
use super::{Options, Renderer, diff, trend};
use crate::compare::{Diff, Trend};
use crate::result::ResultDoc;

/// The CSV renderer.
pub struct Csv;

impl Renderer for Csv {
    fn result(&self, doc: &ResultDoc, _: &Options) -> Vec<u8> {
        write(&result_table(doc))
    }

    fn diff(&self, d: &Diff, _: &Options) -> Vec<u8> {
        write(&diff::table(d))
    }

    fn trend(&self, t: &Trend, _: &Options) -> Vec<u8> {
        write(&trend::table(t))
    }
}

/// A table as CSV: headers and text cells guarded, numbers with their column's decimals.
pub fn write(table: &Table) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(table.columns.iter().map(|c| csv_text(&c.name)))
        .expect("writing to memory");
    for row in &table.rows {
        let cells = row.iter().enumerate().map(|(c, cell)| match cell {
            Cell::Text(s) => csv_text(s),
            Cell::Number(v) => table.shown(c, *v),
            Cell::Empty => String::new(),
        });
        w.write_record(cells).expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

/// Scores and percents are written with four decimals; counts as whole numbers.
const FIGURE: usize = 4;

/// A Result's figures: overall, themes, items, each with the organisation and period.
pub fn result_table(doc: &ResultDoc) -> Table {
    let mut table = Table::new(vec![
        Column::text("level"),
        Column::text("id"),
        Column::text("theme"),
        Column::text("title"),
        Column::number("score", FIGURE),
        Column::number("percent", FIGURE),
        Column::text("band_or_rating"),
        Column::number("n", 0),
        Column::number("not_applicable", 0),
        Column::number("missing", 0),
        Column::number("target", 0),
        Column::text("notes"),
        Column::text("action"),
        Column::number("median", FIGURE),
        Column::number("sd", FIGURE),
        Column::text("organisation"),
        Column::text("period"),
    ]);
    let context = [
        Cell::text(doc.context.organisation.as_str()),
        Cell::text(doc.context.period.as_str()),
    ];
    let mut row = |mut cells: Vec<Cell>| {
        cells.resize(15, Cell::Empty);
        cells.extend(context.iter().cloned());
        table.row(cells);
    };
    // Warnings first, in the notes column, so a sheet made from the file shows them.
    for warning in &doc.warnings {
        let mut cells = vec![Cell::Empty; 12];
        cells[0] = Cell::text("warning");
        cells[11] = Cell::text(warning.as_str());
        row(cells);
    }
    row(vec![
        Cell::text("overall"),
        Cell::text(doc.assessment.id.as_str()),
        Cell::Empty,
        Cell::text(doc.assessment.title.as_str()),
        Cell::number(doc.overall.score),
        Cell::number(doc.overall.percent),
        Cell::text(doc.overall.band.clone().unwrap_or_default()),
        doc.overall.answered.into(),
    ]);
    for t in &doc.themes {
        row(vec![
            Cell::text("theme"),
            Cell::text(t.id.as_str()),
            Cell::text(t.id.as_str()),
            Cell::text(t.title.as_str()),
            Cell::number(t.score),
            Cell::number(t.percent),
            Cell::Empty,
            t.answered.into(),
        ]);
    }
    for i in &doc.items {
        row(vec![
            Cell::text("item"),
            Cell::text(i.id.as_str()),
            Cell::text(i.theme.as_str()),
            Cell::text(i.title.as_str()),
            Cell::number(i.score),
            Cell::number(i.percent),
            Cell::text(doc.rating_label(i).unwrap_or_default()),
            i.n.into(),
            i.not_applicable.into(),
            i.missing.into(),
            i.target.map_or(Cell::Empty, Cell::from),
            Cell::text(i.notes.join(" / ")),
            Cell::text(i.action.clone().unwrap_or_default()),
            Cell::number(i.aggregate.as_ref().map(|a| a.median)),
            Cell::number(i.aggregate.as_ref().map(|a| a.sd)),
        ]);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{self, Named};
    use crate::render::diff::tests::quarters;

    #[test]
    fn text_cells_are_guarded_and_number_cells_never_are() {
        let mut table = Table::new(vec![Column::text("note"), Column::number("change", 2)]);
        table.row(vec![Cell::text("-1 =SUM(A1)"), Cell::Number(-1.0)]);
        table.row(vec![Cell::text("@me\u{1b}[31m"), Cell::Empty]);
        let csv = String::from_utf8(write(&table)).unwrap();
        assert_eq!(csv, "note,change\n'-1 =SUM(A1),-1.00\n'@me[31m,\n");
    }

    /// The workbook of a diff and a trend is made from the same table as the CSV (no more
    /// CSV parsed back): every cell of the CSV is the workbook's, text as text, numbers
    /// as the figure the CSV shows.
    #[test]
    fn the_diff_and_trend_workbooks_hold_what_their_csv_holds() {
        let [q1, q2, q3, q4] = quarters();
        let named = |doc| Named {
            name: "q.json",
            doc,
        };
        let d = compare::diff(named(&q3), named(&q4)).unwrap();
        let t = compare::trend(&[named(&q1), named(&q2), named(&q3), named(&q4)]).unwrap();
        for table in [diff::table(&d), trend::table(&t)] {
            let csv = String::from_utf8(write(&table)).unwrap();
            let mut reader = csv::Reader::from_reader(csv.as_bytes());
            for (record, row) in reader.records().zip(&table.rows) {
                let record = record.unwrap();
                assert_eq!(record.len(), table.columns.len());
                for (c, (field, cell)) in record.iter().zip(row).enumerate() {
                    match cell {
                        Cell::Number(v) => {
                            assert_eq!(field, table.shown(c, *v));
                            assert!(field.parse::<f64>().is_ok(), "{field}");
                        }
                        Cell::Text(s) => assert_eq!(field, csv_text(s)),
                        Cell::Empty => assert_eq!(field, ""),
                    }
                }
            }
            // Text in a column of numbers (the trend's band row) stays text.
            assert!(
                table
                    .rows
                    .iter()
                    .flatten()
                    .any(|c| matches!(c, Cell::Text(_)))
            );
        }
        let band = trend::table(&t)
            .rows
            .into_iter()
            .find(|r| r[0] == Cell::text("band"))
            .unwrap();
        assert!(
            band[3..7].iter().all(|c| matches!(c, Cell::Text(_))),
            "{band:?}"
        );
    }
}
