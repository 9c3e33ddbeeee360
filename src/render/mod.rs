//! Renderers: a document in, bytes out, no I/O. One file per format; table and Markdown
//! share one grid builder (`grid`) and differ only in how a grid is drawn; HTML pages
//! (`html`) draw their charts as inline SVG (`svg`).

pub mod assessment;
mod csv;
mod diff;
mod format;
pub mod grid;
mod html;
mod markdown;
pub mod passages;
pub mod questionnaire;
pub mod survey;
mod svg;
mod table;
pub mod template;
pub mod text;
mod trend;
pub mod xlsx;

use crate::compare::{Diff, Trend};
use crate::result::ResultDoc;

pub use format::Format;

/// How a report is drawn.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Table width in columns.
    pub width: u16,
    /// Whether colour may be used (a terminal, and no `NO_COLOR`).
    pub color: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            width: 100,
            color: false,
        }
    }
}

/// A Result rendered in a format.
pub fn result(doc: &ResultDoc, format: Format, options: &Options) -> Vec<u8> {
    match format {
        Format::Table => table::result(doc, options).into_bytes(),
        Format::Markdown => markdown::result(doc).into_bytes(),
        Format::Json => doc.to_json().into_bytes(),
        Format::Csv => csv::result(doc),
        Format::Xlsx => xlsx::result(doc, Vec::new()),
        Format::Html => html::result(doc).into_bytes(),
    }
}

/// The text columns of the diff and trend CSV, kept as text in a workbook.
const DIFF_TEXT: [&str; 11] = [
    "level",
    "id",
    "title",
    "theme",
    "presence",
    "direction",
    "significance",
    "untested",
    "old_label",
    "new_label",
    "detail",
];
const TREND_TEXT: [&str; 8] = [
    "level",
    "id",
    "title",
    "latest_direction",
    "latest_significance",
    "since_first_direction",
    "since_first_significance",
    "detail",
];

/// A diff of two Results rendered in a format.
pub fn diff(d: &Diff, format: Format, options: &Options) -> Vec<u8> {
    match format {
        Format::Table => table::draw(&diff::blocks(d), options).into_bytes(),
        Format::Markdown => markdown::draw(&diff::blocks(d)).into_bytes(),
        Format::Json => d.to_json().into_bytes(),
        Format::Csv => diff::csv(d),
        Format::Xlsx => xlsx::report(&diff::blocks(d), "Changes", &diff::csv(d), &DIFF_TEXT),
        Format::Html => html::diff(d).into_bytes(),
    }
}

/// A trend over Results rendered in a format; sparklines only on the terminal table.
pub fn trend(t: &Trend, format: Format, options: &Options) -> Vec<u8> {
    match format {
        Format::Table => table::draw(&trend::blocks(t, true), options).into_bytes(),
        Format::Markdown => markdown::draw(&trend::blocks(t, false)).into_bytes(),
        Format::Json => t.to_json().into_bytes(),
        Format::Csv => trend::csv(t),
        Format::Xlsx => xlsx::report(
            &trend::blocks(t, false),
            "Trend",
            &trend::csv(t),
            &TREND_TEXT,
        ),
        Format::Html => html::trend(t).into_bytes(),
    }
}

/// Blocks drawn for a terminal.
pub fn table_blocks(blocks: &[grid::Block], options: &Options) -> String {
    table::draw(blocks, options)
}

/// Blocks drawn as Markdown.
pub fn markdown_blocks(blocks: &[grid::Block]) -> String {
    markdown::draw(blocks)
}
