//! The Markdown report: the shared blocks as headings, lists and pipe tables. User text
//! is escaped so it cannot become markup (or HTML) in a Markdown viewer.

use super::model::Block;
use super::{Options, Renderer, Section, diff, result, trend, with_sections};
use crate::compare::{Diff, Trend};
use crate::result::ResultDoc;

/// The Markdown renderer.
pub struct Markdown;

impl Renderer for Markdown {
    fn result(&self, doc: &ResultDoc, sections: &[Section], _: &Options) -> Vec<u8> {
        draw(&with_sections(result::blocks(doc), sections)).into_bytes()
    }

    fn diff(&self, d: &Diff, sections: &[Section], _: &Options) -> Vec<u8> {
        draw(&with_sections(diff::blocks(d), sections)).into_bytes()
    }

    fn trend(&self, t: &Trend, sections: &[Section], _: &Options) -> Vec<u8> {
        draw(&with_sections(trend::blocks(t, false), sections)).into_bytes()
    }

    fn sections(&self, title: &str, sections: &[Section], _: &Options) -> Vec<u8> {
        draw(&with_sections(
            vec![Block::Title(title.to_string())],
            sections,
        ))
        .into_bytes()
    }
}

/// Draws blocks as Markdown.
pub fn draw(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Title(t) => out.push_str(&format!("# {}\n\n", inline(t))),
            Block::Heading(h) => out.push_str(&format!("## {}\n\n", inline(h))),
            Block::Subheading(h) => out.push_str(&format!("### {}\n\n", inline(h))),
            Block::Quote(q) => {
                // Each paragraph of the quotation on its own `>` line, so nothing in it
                // can end the quotation or start other markup.
                let lines: Vec<String> = q
                    .split("\n\n")
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(|p| format!("> {}", inline(p)))
                    .collect();
                out.push_str(&lines.join("\n>\n"));
                out.push_str("\n\n");
            }
            Block::Paragraph(p) => {
                // A blank line in the text starts a new paragraph, as it does in Markdown.
                for paragraph in p.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
                    out.push_str(&format!("{}\n\n", inline(paragraph)));
                }
            }
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

/// Text with Markdown and HTML metacharacters escaped and line breaks folded. Control
/// characters are dropped; bidirectional overrides, embeddings and isolates become
/// U+FFFD, as in HTML (which Markdown usually becomes), so a name cannot read reversed.
pub(super) fn inline(s: &str) -> String {
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
            c if super::text::is_bidi_control(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A table cell: a pipe table row is one line, so line breaks become `<br>`, which
/// Markdown viewers draw as breaks within the cell.
fn cell(s: &str) -> String {
    s.trim()
        .lines()
        .map(inline)
        .collect::<Vec<_>>()
        .join("<br>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::model::Grid;

    #[test]
    fn paragraphs_stay_paragraphs_and_lines_in_a_cell_become_breaks() {
        let mut grid = Grid::new(&[("Item", false), ("Guidance", false)]);
        grid.row(vec!["A | B".into(), "First.\n• a prompt\n".into()]);
        let out = draw(&[
            Block::Paragraph("One\nline.\n\nTwo.".into()),
            Block::Grid(grid),
        ]);
        assert_eq!(
            out,
            "One line.\n\nTwo.\n\n| Item | Guidance |\n| --- | --- |\n| A \\| B | First.<br>• a prompt |\n\n"
        );
    }

    #[test]
    fn user_text_cannot_become_markup_or_html() {
        let out = draw(&[Block::List(vec!["<script>*x*</script> [a](b)".into()])]);
        assert_eq!(out, "- &lt;script&gt;\\*x\\*&lt;/script&gt; \\[a\\](b)\n\n");
    }

    /// Markdown output kept U+202E, so "abc\u{202e}fdp.exe" showed as "abcexe.pdf".
    #[test]
    fn markdown_kept_bidirectional_overrides() {
        let out = draw(&[Block::List(vec![
            "abc\u{202e}fdp.exe x\u{2067}y\u{2069} \u{1b}[31m".into(),
        ])]);
        assert_eq!(out, "- abc\u{fffd}fdp.exe x\u{fffd}y\u{fffd} \\[31m\n\n");
    }
}
