//! User text made safe for where it goes: a terminal (no control characters or
//! bidirectional overrides pass through) and a spreadsheet cell (no formula). A leaf of
//! the core: the reports, the survey reader's messages and the commands all use it.

/// User text made safe to print on a terminal: control characters (escape sequences
/// among them) and the bidirectional overrides, embeddings and isolates (which reorder
/// the text after them, so a name can read as something else) are shown as visible
/// escapes, never passed through.
pub fn terminal_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if (c.is_control() && c != '\n') || is_bidi_control(c) {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The explicit bidirectional formatting characters: embeddings and overrides
/// (U+202A–U+202E) and isolates (U+2066–U+2069).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A text cell guarded against formula injection in spreadsheets: a leading
/// `= + - @`, tab, CR or LF gets a `'` in front. Only for free text, never numbers.
pub fn spreadsheet_safe(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// A free-text CSV cell: control characters other than tab and line breaks dropped (a
/// CSV is often read on a terminal, where an escape typed into a note would drive it,
/// and no spreadsheet has a use for them), then guarded against formula injection.
pub fn csv_text(s: &str) -> String {
    let printable: String = s
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect();
    spreadsheet_safe(&printable)
}
