//! The render model, a leaf every renderer shares: a document becomes a list of blocks
//! (headings, paragraphs, lists, grids laid out for reading) and, for spreadsheets, typed
//! tables (text or number cells). Builders (`result`, `survey`, `diff`, `trend`,
//! `assessment`) make them once; each format lays them out.

/// One piece of a report.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title(String),
    Heading(String),
    /// A heading within a section (a theme among the stories).
    Subheading(String),
    Paragraph(String),
    /// Someone's own words (a comment, a workshop's evidence), shown as a quotation.
    Quote(String),
    List(Vec<String>),
    Grid(Grid),
}

/// Rows under headers, as a reader sees them; `numeric` marks columns aligned right.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub headers: Vec<String>,
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<Shown>>,
}

impl Grid {
    pub fn new(columns: &[(&str, bool)]) -> Grid {
        Grid {
            headers: columns.iter().map(|(h, _)| h.to_string()).collect(),
            numeric: columns.iter().map(|(_, n)| *n).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row of text.
    pub fn row(&mut self, cells: Vec<String>) {
        self.shown(cells.into_iter().map(Shown::from).collect());
    }

    /// Adds a row whose figures say so (`Shown::figure`), for a spreadsheet to store as
    /// numbers.
    pub fn shown(&mut self, cells: Vec<Shown>) {
        debug_assert_eq!(cells.len(), self.headers.len());
        self.rows.push(cells);
    }
}

/// A cell of a grid: the text a reader sees and, for a figure, the number it shows,
/// which a spreadsheet stores as a number. The builder says which cells are figures, so
/// no format reads numbers back out of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub text: String,
    pub figure: Option<f64>,
}

impl Shown {
    /// A figure: `text` is how it reads, `figure` the number it shows (none for a dash).
    pub fn figure(text: String, figure: Option<f64>) -> Shown {
        Shown { text, figure }
    }

    /// A count (a row's number, say), shown as it is.
    pub fn count(n: usize) -> Shown {
        Shown::figure(n.to_string(), Some(n as f64))
    }
}

impl std::ops::Deref for Shown {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl From<String> for Shown {
    fn from(text: String) -> Shown {
        Shown { text, figure: None }
    }
}

impl From<&str> for Shown {
    fn from(text: &str) -> Shown {
        Shown::from(text.to_string())
    }
}

/// What a column of a table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Numbers, written with this many decimals where a format writes text (CSV) and
    /// stored as that figure where it stores numbers (xlsx).
    Number {
        decimals: usize,
    },
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub kind: Kind,
}

impl Column {
    pub fn text(name: &str) -> Column {
        Column {
            name: name.to_string(),
            kind: Kind::Text,
        }
    }

    pub fn number(name: &str, decimals: usize) -> Column {
        Column {
            name: name.to_string(),
            kind: Kind::Number { decimals },
        }
    }
}

/// One cell of a table: the type is the cell's own, so a row may hold text in a column
/// of numbers (a trend's band row) and no format has to guess.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Cell {
    Text(String),
    Number(f64),
    #[default]
    Empty,
}

impl Cell {
    /// Text, or an empty cell for empty text.
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    /// A number, or an empty cell for none.
    pub fn number(v: Option<f64>) -> Cell {
        v.map_or(Cell::Empty, Cell::Number)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<f64> for Cell {
    fn from(v: f64) -> Cell {
        Cell::Number(v)
    }
}

impl From<Option<f64>> for Cell {
    fn from(v: Option<f64>) -> Cell {
        Cell::number(v)
    }
}

impl From<u64> for Cell {
    fn from(v: u64) -> Cell {
        Cell::Number(v as f64)
    }
}

impl From<usize> for Cell {
    fn from(v: usize) -> Cell {
        Cell::Number(v as f64)
    }
}

impl From<i32> for Cell {
    fn from(v: i32) -> Cell {
        Cell::Number(f64::from(v))
    }
}

/// Typed rows under named columns: a document's figures for a spreadsheet, built once
/// and written by CSV (guarding text cells only) and xlsx (numbers as numbers).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(columns: Vec<Column>) -> Table {
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    /// Adds a row, padded with empty cells to the table's width.
    pub fn row(&mut self, mut cells: Vec<Cell>) {
        debug_assert!(cells.len() <= self.columns.len());
        cells.resize(self.columns.len(), Cell::Empty);
        self.rows.push(cells);
    }

    /// How a number cell of `column` is written as text: with the column's decimals.
    pub fn shown(&self, column: usize, v: f64) -> String {
        match self.columns.get(column).map(|c| c.kind) {
            Some(Kind::Number { decimals }) => format!("{v:.decimals$}"),
            _ => format!("{v}"),
        }
    }

    /// The table with every number the figure its column shows (`shown` read as a
    /// number), so a workbook made from it and the CSV agree to the last decimal.
    pub fn as_shown(&self) -> Table {
        let rows = self
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .map(|(c, cell)| match cell {
                        Cell::Number(v) => Cell::Number(self.shown(c, *v).parse().unwrap_or(*v)),
                        other => other.clone(),
                    })
                    .collect()
            })
            .collect();
        Table {
            columns: self.columns.clone(),
            rows,
        }
    }
}

/// A part a document carries beyond its own (the actions log's "You said, we did" in a
/// report or a diff, the actions' status across a trend's periods), or the whole of a
/// document made only of such parts (`plead actions`): built once, laid out by each
/// format — its blocks in the report, its table's rows in CSV, a sheet of its own in a
/// workbook, a key of its own in JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Its key in JSON.
    pub key: String,
    /// Its sheet's name in a workbook (at most 31 characters).
    pub sheet: String,
    pub blocks: Vec<Block>,
    pub table: Table,
    /// Its JSON value, written (pretty) with its keys in the order the document gives.
    pub json: String,
}

impl Table {
    /// This table's rows, then `other`'s, under the columns of both: a column of the
    /// same name is shared, the others are added at the end and left empty where a row
    /// has no value (so a CSV keeps one header row).
    pub fn append(&mut self, other: &Table) {
        let mut at = Vec::with_capacity(other.columns.len());
        for c in &other.columns {
            match self.columns.iter().position(|s| s.name == c.name) {
                Some(i) => at.push(i),
                None => {
                    self.columns.push(c.clone());
                    at.push(self.columns.len() - 1);
                }
            }
        }
        let width = self.columns.len();
        for row in &mut self.rows {
            row.resize(width, Cell::Empty);
        }
        for row in &other.rows {
            let mut cells = vec![Cell::Empty; width];
            for (cell, &i) in row.iter().zip(&at) {
                cells[i] = cell.clone();
            }
            self.rows.push(cells);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appended_rows_share_the_columns_of_the_same_name() {
        let mut a = Table::new(vec![Column::text("level"), Column::number("score", 2)]);
        a.row(vec!["item".into(), 2.0.into()]);
        let mut b = Table::new(vec![Column::text("level"), Column::text("status")]);
        b.row(vec!["action".into(), "done".into()]);
        a.append(&b);
        let names: Vec<&str> = a.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["level", "score", "status"]);
        assert_eq!(
            a.rows[0],
            vec!["item".into(), Cell::Number(2.0), Cell::Empty]
        );
        assert_eq!(a.rows[1], vec!["action".into(), Cell::Empty, "done".into()]);
    }
}
