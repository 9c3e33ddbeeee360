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
use super::{Options, Renderer, Section, diff, trend};
use crate::compare::{Diff, Trend};
use crate::result::ResultDoc;

/// The CSV renderer.
pub struct Csv;

impl Renderer for Csv {
    fn result(&self, doc: &ResultDoc, sections: &[Section], _: &Options) -> Vec<u8> {
        write(&appended(result_table(doc), sections))
    }

    fn diff(&self, d: &Diff, sections: &[Section], _: &Options) -> Vec<u8> {
        write(&appended(diff::table(d), sections))
    }

    fn trend(&self, t: &Trend, sections: &[Section], _: &Options) -> Vec<u8> {
        write(&appended(trend::table(t), sections))
    }

    fn sections(&self, _: &str, sections: &[Section], _: &Options) -> Vec<u8> {
        write(&appended(Table::default(), sections))
    }
}

/// A document's table with its sections' rows after its own (see `Table::append`).
fn appended(mut table: Table, sections: &[Section]) -> Table {
    for s in sections {
        table.append(&s.table);
    }
    table
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
    let row = |figures: Figures| figures.cells(doc);
    // Warnings first, in the notes column, so a sheet made from the file shows them.
    for warning in &doc.warnings {
        table.row(row(Figures {
            level: "warning",
            notes: Cell::text(warning.as_str()),
            ..Figures::default()
        }));
    }
    table.row(row(Figures {
        level: "overall",
        id: Cell::text(doc.assessment.id.as_str()),
        title: Cell::text(doc.assessment.title.as_str()),
        score: Cell::number(doc.overall.score),
        percent: Cell::number(doc.overall.percent),
        band_or_rating: Cell::text(doc.overall.band.clone().unwrap_or_default()),
        n: doc.overall.answered.into(),
        notes: not_shown(&doc.overall.reason, ""),
        ..Figures::default()
    }));
    for t in &doc.themes {
        table.row(row(Figures {
            level: "theme",
            id: Cell::text(t.id.as_str()),
            theme: Cell::text(t.id.as_str()),
            title: Cell::text(t.title.as_str()),
            score: Cell::number(t.score),
            percent: Cell::number(t.percent),
            n: t.answered.into(),
            notes: not_shown(&t.reason, ""),
            ..Figures::default()
        }));
    }
    for i in &doc.items {
        table.row(row(Figures {
            level: "item",
            id: Cell::text(i.id.as_str()),
            theme: Cell::text(i.theme.as_str()),
            title: Cell::text(i.title.as_str()),
            score: Cell::number(i.score),
            percent: Cell::number(i.percent),
            band_or_rating: Cell::text(doc.rating_label(i).unwrap_or_default()),
            n: i.n.into(),
            not_applicable: i.not_applicable.into(),
            missing: i.missing.into(),
            target: i.target.map_or(Cell::Empty, Cell::from),
            notes: not_shown(&i.reason, &i.notes.join(" / ")),
            action: Cell::text(i.action.clone().unwrap_or_default()),
            median: Cell::number(i.aggregate.as_ref().map(|a| a.median)),
            sd: Cell::number(i.aggregate.as_ref().map(|a| a.sd)),
        }));
    }
    table
}

/// The notes cell of a figure: why it is not shown ("not shown: fewer than 11 answers"),
/// before any notes it has.
fn not_shown(reason: &Option<String>, notes: &str) -> Cell {
    let why = reason.as_ref().map(|r| format!("not shown: {r}"));
    let text = match (why, notes.is_empty()) {
        (Some(why), true) => why,
        (Some(why), false) => format!("{why} / {notes}"),
        (None, _) => notes.to_string(),
    };
    Cell::text(text)
}

/// One row of a Result's table, column by column (what a row does not have is empty).
#[derive(Default)]
struct Figures {
    level: &'static str,
    id: Cell,
    theme: Cell,
    title: Cell,
    score: Cell,
    percent: Cell,
    band_or_rating: Cell,
    n: Cell,
    not_applicable: Cell,
    missing: Cell,
    target: Cell,
    notes: Cell,
    action: Cell,
    median: Cell,
    sd: Cell,
}

impl Figures {
    /// The row's cells in the table's order, with the Result's organisation and period.
    fn cells(self, doc: &ResultDoc) -> Vec<Cell> {
        vec![
            Cell::text(self.level),
            self.id,
            self.theme,
            self.title,
            self.score,
            self.percent,
            self.band_or_rating,
            self.n,
            self.not_applicable,
            self.missing,
            self.target,
            self.notes,
            self.action,
            self.median,
            self.sd,
            Cell::text(doc.context.organisation.as_str()),
            Cell::text(doc.context.period.as_str()),
        ]
    }
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
