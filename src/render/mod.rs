//! Renderers: a document in, bytes out, no I/O.
//!
//! - `model`: the render model — blocks (headings, paragraphs, lists, grids) and typed
//!   tables (text or number cells) — a leaf every format shares;
//! - one builder per document kind turns it into that model: `result`, `survey` (a
//!   survey's groups and source), `diff`, `trend`, `assessment`; `wording` holds what the
//!   diff and trend reports say alike;
//! - one file per format behind `Renderer`, picked by `Format::renderer`: `table` (the
//!   terminal), `markdown`, `json`, `csv`, `xlsx`, `html` (with inline SVG charts, `svg`;
//!   both escape through `markup`);
//! - `actions`: the actions log as a list, "You said, we did", and the actions' status
//!   across a trend's periods, as sections (`model::Section`) any document may carry;
//! - `stories` builds the comments and workshop evidence section every report shows;
//! - `template` and `questionnaire` draw an assessment for a survey tool or on paper.

pub mod actions;
pub mod assessment;
mod csv;
mod diff;
mod format;
mod html;
mod json;
mod markdown;
pub mod markup;
pub mod model;
pub mod passages;
pub mod questionnaire;
pub mod result;
pub mod stories;
pub mod survey;
mod svg;
mod table;
pub mod template;
pub mod text;
mod trend;
mod wording;
pub mod xlsx;

use crate::compare::{Diff, Trend};
use crate::result::ResultDoc;

pub use format::Format;
pub use model::Section;

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

/// A format's renderer: a document in, bytes out, no I/O (as hyperfine's exporters).
/// A new format is a file with one of these, and a line in `Format::renderer`.
/// Each document may carry `sections` beyond its own (see `model::Section`), which the
/// format lays out after the document's own parts; `sections` alone is a document made
/// only of them (the actions list).
pub trait Renderer {
    fn result(&self, doc: &ResultDoc, sections: &[Section], options: &Options) -> Vec<u8>;
    fn diff(&self, d: &Diff, sections: &[Section], options: &Options) -> Vec<u8>;
    fn trend(&self, t: &Trend, sections: &[Section], options: &Options) -> Vec<u8>;
    fn sections(&self, title: &str, sections: &[Section], options: &Options) -> Vec<u8>;
}

impl Format {
    /// The renderer that draws this format.
    pub fn renderer(self) -> &'static dyn Renderer {
        match self {
            Format::Table => &table::Terminal,
            Format::Markdown => &markdown::Markdown,
            Format::Json => &json::Json,
            Format::Csv => &csv::Csv,
            Format::Xlsx => &xlsx::Xlsx,
            Format::Html => &html::Html,
        }
    }
}

/// A Result rendered in a format.
pub fn result(doc: &ResultDoc, format: Format, options: &Options) -> Vec<u8> {
    format.renderer().result(doc, &[], options)
}

/// A diff of two Results rendered in a format.
pub fn diff(d: &Diff, format: Format, options: &Options) -> Vec<u8> {
    format.renderer().diff(d, &[], options)
}

/// A trend over Results rendered in a format; sparklines only on the terminal table.
pub fn trend(t: &Trend, format: Format, options: &Options) -> Vec<u8> {
    format.renderer().trend(t, &[], options)
}

/// A Result with sections after its own parts ("You said, we did").
pub fn result_with(
    doc: &ResultDoc,
    sections: &[Section],
    format: Format,
    options: &Options,
) -> Vec<u8> {
    format.renderer().result(doc, sections, options)
}

/// A diff with sections after its own parts.
pub fn diff_with(d: &Diff, sections: &[Section], format: Format, options: &Options) -> Vec<u8> {
    format.renderer().diff(d, sections, options)
}

/// A trend with sections after its own parts.
pub fn trend_with(t: &Trend, sections: &[Section], format: Format, options: &Options) -> Vec<u8> {
    format.renderer().trend(t, sections, options)
}

/// A document made only of sections (the actions list) rendered in a format.
pub fn sections(title: &str, sections: &[Section], format: Format, options: &Options) -> Vec<u8> {
    format.renderer().sections(title, sections, options)
}

/// The blocks of a document followed by those of its sections.
fn with_sections(mut blocks: Vec<model::Block>, sections: &[Section]) -> Vec<model::Block> {
    for s in sections {
        blocks.extend(s.blocks.iter().cloned());
    }
    blocks
}

/// Blocks drawn for a terminal.
pub fn table_blocks(blocks: &[model::Block], options: &Options) -> String {
    table::draw(blocks, options)
}

/// Blocks drawn as Markdown.
pub fn markdown_blocks(blocks: &[model::Block]) -> String {
    markdown::draw(blocks)
}
