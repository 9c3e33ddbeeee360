//! The Markdown report: the shared blocks as headings, lists and pipe tables. User text
//! is escaped so it cannot become markup (or HTML) in a Markdown viewer.

use super::grid::{self, Block};
use crate::result::ResultDoc;

pub fn result(doc: &ResultDoc) -> String {
    draw(&grid::result(doc))
}

/// Draws blocks as Markdown.
pub fn draw(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Title(t) => out.push_str(&format!("# {}\n\n", inline(t))),
            Block::Heading(h) => out.push_str(&format!("## {}\n\n", inline(h))),
            Block::Paragraph(p) => out.push_str(&format!("{}\n\n", inline(p))),
            Block::List(items) => {
                for i in items {
                    out.push_str(&format!("- {}\n", inline(i)));
                }
                out.push('\n');
            }
            Block::Grid(g) => {
                let header: Vec<String> = g.headers.iter().map(|h| cell(h)).collect();
                out.push_str(&format!("| {} |\n", header.join(" | ")));
                let rule: Vec<&str> = g
                    .numeric
                    .iter()
                    .map(|n| if *n { "---:" } else { "---" })
                    .collect();
                out.push_str(&format!("| {} |\n", rule.join(" | ")));
                for row in &g.rows {
                    let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                }
                out.push('\n');
            }
        }
    }
    out
}

/// Text with Markdown and HTML metacharacters escaped and line breaks folded.
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn cell(s: &str) -> String {
    inline(s)
}
