//! The terminal report: the shared blocks drawn with comfy-table. User text has its
//! control characters made visible, so nothing typed into a note can drive the terminal.

use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets};

use super::model::{Block, Grid};
use super::text::{terminal_safe, wrap};
use super::{Options, Renderer, Section, diff, result, trend, with_sections};
use crate::compare::{Diff, Trend};
use crate::result::ResultDoc;

/// The terminal table renderer; a trend gets its sparklines here only.
pub struct Terminal;

impl Renderer for Terminal {
    fn result(&self, doc: &ResultDoc, sections: &[Section], options: &Options) -> Vec<u8> {
        let listed = Some(super::stories::TERMINAL_LISTED);
        draw(
            &with_sections(result::blocks_listing(doc, listed), sections),
            options,
        )
        .into_bytes()
    }

    fn diff(&self, d: &Diff, sections: &[Section], options: &Options) -> Vec<u8> {
        draw(&with_sections(diff::blocks(d), sections), options).into_bytes()
    }

    fn trend(&self, t: &Trend, sections: &[Section], options: &Options) -> Vec<u8> {
        draw(&with_sections(trend::blocks(t, true), sections), options).into_bytes()
    }

    fn sections(&self, title: &str, sections: &[Section], options: &Options) -> Vec<u8> {
        let title = vec![Block::Title(title.to_string())];
        draw(&with_sections(title, sections), options).into_bytes()
    }
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
            Block::Subheading(h) => {
                out.push_str(&format!("  {}\n\n", terminal_safe(h)));
            }
            Block::Paragraph(p) => {
                out.push_str(&wrap(&terminal_safe(p), usize::from(options.width)));
                out.push_str("\n\n");
            }
            Block::Quote(q) => {
                let width = usize::from(options.width).saturating_sub(6).max(20);
                for line in wrap(&format!("“{}”", terminal_safe(q)), width).lines() {
                    out.push_str(&format!("    {line}\n"));
                }
                out.push('\n');
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
    if !give_titles_room(&mut table, grid, options.width) {
        keep_words_whole(&mut table, grid, options.width);
    }
    table
}

/// The least a title column is left when the other columns are kept whole.
const TITLE_ROOM: usize = 24;

/// A table of titles beside figures (a trend's themes beside its periods, a diff's items
/// beside old, new, change and verdict) reads best with each figure on one line and the
/// titles wrapped instead: the columns other than the widest text column are given their
/// whole content, when that leaves the title column at least `TITLE_ROOM` characters.
/// Returns whether it did.
fn give_titles_room(table: &mut Table, grid: &Grid, width: u16) -> bool {
    let columns = grid.headers.len();
    if columns < 2 {
        return false;
    }
    let chars = |s: &String| s.chars().count();
    // Each column's width kept whole: its widest cell, and its header on one line if
    // `whole_header`, else the header's longest word.
    let full = |whole_header: bool| -> Vec<usize> {
        (0..columns)
            .map(|c| {
                let cells = grid
                    .rows
                    .iter()
                    .map(|r| chars(&r[c].text))
                    .max()
                    .unwrap_or(0);
                let h = &grid.headers[c];
                let header = if whole_header {
                    chars(h)
                } else {
                    h.split_whitespace()
                        .map(|w| w.chars().count())
                        .max()
                        .unwrap_or(0)
                };
                cells.max(header)
            })
            .collect()
    };
    let total = |c: usize| grid.rows.iter().map(|r| chars(&r[c].text)).sum::<usize>();
    let Some(title) = (0..columns)
        .filter(|c| !grid.numeric[*c])
        .max_by_key(|c| total(*c))
    else {
        return false;
    };
    let frame = 1 + 3 * columns;
    let fits = |widths: &[usize]| {
        let others: usize = (0..columns)
            .filter(|c| *c != title)
            .map(|c| widths[c])
            .sum();
        others + frame + TITLE_ROOM.min(widths[title]) <= usize::from(width)
    };
    let widths = [full(true), full(false)].into_iter().find(|w| fits(w));
    let Some(widths) = widths else {
        return false;
    };
    for c in (0..columns).filter(|c| *c != title) {
        if let Some(column) = table.column_mut(c) {
            let w = u16::try_from(widths[c] + 2).unwrap_or(u16::MAX);
            column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(w)));
        }
    }
    true
}

/// Words longer than this may still be broken to fit a narrow table.
const LONGEST_WHOLE_WORD: usize = 32;

/// Left to itself, comfy-table shares a narrow width out evenly and breaks words — an id
/// such as "building-blocks" became "building-blo" / "cks", which no one can copy. So
/// columns are made at least as wide as their longest word, shortest words first, as far
/// as the width allows (leaving the other columns a few characters each).
fn keep_words_whole(table: &mut Table, grid: &Grid, width: u16) {
    let longest: Vec<usize> = (0..grid.headers.len())
        .map(|c| {
            std::iter::once(&grid.headers[c])
                .chain(grid.rows.iter().map(|r| &r[c].text))
                .flat_map(|cell| cell.split_whitespace())
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0)
                .min(LONGEST_WHOLE_WORD)
        })
        .collect();
    // Each column has one space of padding either side and one border after it.
    let Some(mut budget) = usize::from(width).checked_sub(1 + 3 * longest.len()) else {
        return;
    };
    let mut order: Vec<usize> = (0..longest.len()).collect();
    order.sort_by_key(|&c| longest[c]);
    for (placed, &c) in order.iter().enumerate() {
        let others = (order.len() - placed - 1) * MIN_OTHER_WIDTH;
        if longest[c] + others > budget {
            break;
        }
        budget -= longest[c];
        if let Some(column) = table.column_mut(c) {
            let w = u16::try_from(longest[c] + 2).unwrap_or(u16::MAX);
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(w)));
        }
    }
}

/// The least a column left to wrap freely is given.
const MIN_OTHER_WIDTH: usize = 4;
