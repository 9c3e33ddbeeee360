//! The parts every page is made of — the page itself with its style and
//! Content-Security-Policy, headings, figures, fact lists, tables of a grid, blocks, the
//! footer — so the result, diff and trend pages differ only in what they put on them.

use crate::render::markup::escape;
use crate::render::model::{Block, Grid};
use crate::render::svg::Chart;

const STYLE: &str = include_str!("style.css");

const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// Escaped text with its line breaks kept: paragraphs at blank lines, `<br>` within.
pub fn paragraphs(s: &str) -> String {
    s.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", escape(p.trim()).replace('\n', "<br>")))
        .collect()
}

/// A whole page: `title` for the tab, `header` and `main` already HTML.
pub fn page(title: &str, header: &str, main: &str, footer: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"plead\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<div class=\"page\">\n\
         <header class=\"report\">\n{header}</header>\n<main>\n{main}</main>\n\
         <footer class=\"report\">\n{footer}</footer>\n</div>\n</body>\n</html>\n",
        escape(title)
    )
}

/// A list of facts as a definition list; values are plain text.
pub fn facts(items: &[(&str, String)]) -> String {
    let mut out = String::from("<dl class=\"facts\">\n");
    for (term, value) in items.iter().filter(|(_, v)| !v.is_empty()) {
        out.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>\n",
            escape(term),
            escape(value)
        ));
    }
    out.push_str("</dl>\n");
    out
}

/// A heading with an id for its section.
pub fn heading(level: u8, id: &str, text: &str) -> String {
    format!(
        "<h{level} id=\"{}\">{}</h{level}>\n",
        escape(id),
        escape(text)
    )
}

/// A chart in a figure: its caption (the title), the SVG labelled by its title and
/// description, and the description again as a visible note.
pub fn figure(id: &str, chart: &Chart) -> String {
    format!(
        "<figure>\n<figcaption>{}</figcaption>\n{}\n<p class=\"chart-note\">{}</p>\n</figure>\n",
        escape(&chart.title),
        chart.to_svg(id),
        escape(&chart.description),
    )
}

/// Whether a column holds the terminal's text bars ("█████░░░░░"), which a page draws
/// as charts instead.
fn is_bar_column(grid: &Grid, column: usize) -> bool {
    grid.headers[column].is_empty()
        && grid
            .rows
            .iter()
            .all(|r| r[column].chars().all(|c| c == '█' || c == '░' || c == ' '))
}

/// A grid as a table: header cells for columns, the first text column as row headers,
/// numbers aligned right, text bars left out.
pub fn table(grid: &Grid, caption: Option<&str>) -> String {
    let columns: Vec<usize> = (0..grid.headers.len())
        .filter(|&c| !is_bar_column(grid, c))
        .collect();
    let row_header = columns.iter().copied().find(|&c| !grid.numeric[c]);
    let mut out = String::from("<table>\n");
    if let Some(c) = caption {
        out.push_str(&format!("<caption>{}</caption>\n", escape(c)));
    }
    out.push_str("<thead><tr>");
    for &c in &columns {
        let class = if grid.numeric[c] {
            " class=\"num\""
        } else {
            ""
        };
        if grid.headers[c].is_empty() {
            out.push_str("<td></td>");
        } else {
            out.push_str(&format!(
                "<th scope=\"col\"{class}>{}</th>",
                escape(&grid.headers[c])
            ));
        }
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &grid.rows {
        out.push_str("<tr>");
        for &c in &columns {
            let class = if grid.numeric[c] {
                " class=\"num\""
            } else {
                ""
            };
            let tag = if Some(c) == row_header { "th" } else { "td" };
            let scope = if tag == "th" { " scope=\"row\"" } else { "" };
            out.push_str(&format!(
                "<{tag}{scope}{class}>{}</{tag}>",
                escape(&row[c]).replace('\n', "<br>")
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// Shared report blocks as HTML, headings at level 2 (a title block is left out: each
/// page writes its own header).
pub fn blocks(blocks: &[Block], id_prefix: &str) -> String {
    let mut out = String::new();
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Title(_) => {}
            Block::Heading(h) => out.push_str(&heading(2, &format!("{id_prefix}-{i}"), h)),
            Block::Subheading(h) => {
                out.push_str(&heading(3, &format!("{id_prefix}-{i}"), h));
            }
            Block::Paragraph(p) => out.push_str(&paragraphs(p)),
            Block::Quote(q) => {
                out.push_str(&format!("<blockquote>{}</blockquote>\n", paragraphs(q)));
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    out.push_str(&format!("<li>{}</li>\n", escape(item)));
                }
                out.push_str("</ul>\n");
            }
            Block::Grid(g) => out.push_str(&table(g, None)),
        }
    }
    out
}

/// An RFC 3339 time as a date people read: "19 October 2026" (the text as given when it
/// is not such a time).
pub fn date(created: &str) -> String {
    match time::OffsetDateTime::parse(created, &time::format_description::well_known::Rfc3339) {
        Ok(t) => format!("{} {} {}", t.day(), t.month(), t.year()),
        Err(_) => created.to_string(),
    }
}

/// One figure of a page's headline: a label over a big value (smaller when it is words,
/// such as a band's name).
pub fn headline(label: &str, value: &str) -> String {
    let words = value.chars().filter(|c| c.is_alphabetic()).count() > 3;
    format!(
        "<div><span class=\"label\">{}</span><span class=\"figure{}\">{}</span></div>\n",
        escape(label),
        if words { " words" } else { "" },
        escape(value)
    )
}

/// The footer every page ends with: a short "About this report" with the machine
/// details a board member does not need on the way (versions, the definition's hash,
/// file names), kept so an analyst can trace every figure.
pub fn footer(what: &str) -> String {
    format!(
        "<h2>About this report</h2>\n<p>{} Made with plead {}. Every figure can be \
         recomputed by hand from the tables above: an item's score is its rating, or the \
         mean of its valid answers; a theme's and the overall score are weighted means of \
         the item scores; percent places a score between the bottom (0%) and top (100%) \
         of its scale.</p>\n",
        escape(what),
        escape(env!("CARGO_PKG_VERSION"))
    )
}
