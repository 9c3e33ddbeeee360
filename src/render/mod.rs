//! Renderers: a document in, bytes out, no I/O. One file per format; table and Markdown
//! share one grid builder (`grid`) and differ only in how a grid is drawn.

pub mod assessment;
mod csv;
mod diff;
pub mod grid;
mod markdown;
mod survey;
mod table;
pub mod text;
mod trend;

use crate::cli::Format;
use crate::compare::{Diff, Trend};
use crate::result::ResultDoc;

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
    }
}

/// A diff of two Results rendered in a format.
pub fn diff(d: &Diff, format: Format, options: &Options) -> Vec<u8> {
    match format {
        Format::Table => table::draw(&diff::blocks(d), options).into_bytes(),
        Format::Markdown => markdown::draw(&diff::blocks(d)).into_bytes(),
        Format::Json => d.to_json().into_bytes(),
        Format::Csv => diff::csv(d),
    }
}

/// A trend over Results rendered in a format; sparklines only on the terminal table.
pub fn trend(t: &Trend, format: Format, options: &Options) -> Vec<u8> {
    match format {
        Format::Table => table::draw(&trend::blocks(t, true), options).into_bytes(),
        Format::Markdown => markdown::draw(&trend::blocks(t, false)).into_bytes(),
        Format::Json => t.to_json().into_bytes(),
        Format::Csv => trend::csv(t),
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
