//! What `plead score` would make of a survey, asked by those who write one: the template
//! checks its own headers and answer options with the reader's rules, through these few
//! questions, rather than reaching into the header matcher and the cell parser.

use super::cell::{Cell, CellParser};
use super::column::{Column, Kind};
use super::headers::match_items;
use crate::assessment::{Assessment, Scale};

pub use super::column::letter as column_letter;

/// How an answer typed into a survey would be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A point of the scale.
    Rating(i32),
    NotApplicable,
    /// Nothing, or something the scale does not accept.
    Other,
}

/// Reads answers on one scale as `plead score` does.
pub struct Answers(CellParser);

impl Answers {
    pub fn on(scale: &Scale) -> Answers {
        Answers(CellParser::new(scale))
    }

    pub fn read(&self, text: &str) -> Reading {
        match self.0.parse(text) {
            Cell::Value(v) => Reading::Rating(v),
            Cell::NotApplicable => Reading::NotApplicable,
            _ => Reading::Other,
        }
    }
}

/// For each of `headers` (in order), the comment question whose column exact matching
/// makes of it, or `None` when the headers cannot be read.
pub fn comments_of_headers(a: &Assessment, headers: &[String]) -> Option<Vec<Option<usize>>> {
    let columns: Vec<Column> = headers
        .iter()
        .map(|name| Column::named(name.clone(), Kind::Question))
        .collect();
    let matching = match_items(a, &columns, &[], false).ok()?;
    let mut of_header = vec![None; headers.len()];
    for (comment, found) in matching.comments.iter().enumerate() {
        if let Some((column, _)) = found {
            of_header[*column] = Some(comment);
        }
    }
    Some(of_header)
}

/// For each of `headers` (in order), the item whose column exact matching makes of it
/// (no `--map`, no reworded questions), or `None` when the headers cannot be read.
pub fn items_of_headers(a: &Assessment, headers: &[String]) -> Option<Vec<Option<usize>>> {
    let columns: Vec<Column> = headers
        .iter()
        .map(|name| Column::named(name.clone(), Kind::Question))
        .collect();
    let matching = match_items(a, &columns, &[], false).ok()?;
    let mut of_header = vec![None; headers.len()];
    for (item, found) in matching.items.iter().enumerate() {
        if let Some((column, _)) = found {
            of_header[*column] = Some(item);
        }
    }
    Some(of_header)
}
