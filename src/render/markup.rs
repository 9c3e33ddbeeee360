//! Escaping for markup, a leaf shared by the HTML pages and their SVG charts: whatever a
//! user wrote is text in HTML and SVG, in element content and attributes alike.

use super::text::is_bidi_control;

/// Text made safe for HTML and SVG, in element content and in quoted attributes alike.
/// Control characters (which no report needs and some parsers reject) become U+FFFD, and
/// so do the bidirectional overrides, embeddings and isolates (U+202A–U+202E,
/// U+2066–U+2069), which would reorder the rest of a line so that a name reads as
/// something else.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push('\u{fffd}'),
            c if is_bidi_control(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}
