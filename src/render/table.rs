//! The terminal report: the shared blocks drawn with comfy-table. User text has its
//! control characters made visible, so nothing typed into a note can drive the terminal.

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use super::Options;
use super::grid::{self, Block, Grid};
use super::text::{terminal_safe, wrap};
use crate::result::ResultDoc;

pub fn result(doc: &ResultDoc, options: &Options) -> String {
    draw(&grid::result(doc), options)
}

/// Draws blocks for a terminal.
pub fn draw(blocks: &[Block], options: &Options) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Title(t) => {
                let t = terminal_safe(t);
                out.push_str(&t);
                out.push('\n');
                out.push_str(&"═".repeat(t.chars().count().min(usize::from(options.width))));
                out.push_str("\n\n");
            }
            Block::Heading(h) => {
                out.push_str(&terminal_safe(h));
                out.push('\n');
            }
            Block::Paragraph(p) => {
                out.push_str(&wrap(&terminal_safe(p), usize::from(options.width)));
                out.push_str("\n\n");
            }
            Block::List(items) => {
                for i in items {
                    let line = format!("  • {}", terminal_safe(i));
                    out.push_str(&wrap(&line, usize::from(options.width)));
                    out.push('\n');
                }
                out.push('\n');
            }
            Block::Grid(g) => {
                out.push_str(&table(g, options).to_string());
                out.push_str("\n\n");
            }
        }
    }
    out
}

fn table(grid: &Grid, options: &Options) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(options.width);
    if !options.color {
        table.force_no_tty();
    }
    table.set_header(grid.headers.iter().map(|h| terminal_safe(h)));
    for row in &grid.rows {
        table.add_row(row.iter().map(|c| terminal_safe(c)));
    }
    for (i, numeric) in grid.numeric.iter().enumerate() {
        if *numeric && let Some(column) = table.column_mut(i) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
}
