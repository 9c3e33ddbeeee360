//! The render model, a leaf every renderer shares: a document becomes a list of blocks
//! (headings, paragraphs, lists, grids laid out for reading) and, for spreadsheets, typed
//! tables (text or number cells). Builders (`result`, `survey`, `diff`, `trend`,
//! `assessment`) make them once; each format lays them out.

/// One piece of a report.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title(String),
    Heading(String),
    Paragraph(String),
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
