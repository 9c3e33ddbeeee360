//! User text made safe for where it goes: a terminal (no control characters or
//! bidirectional overrides pass through) and a spreadsheet cell (no formula, and no
//! bidirectional override to reorder what the cell shows). A leaf of the core: the
//! reports, the survey reader's messages and the commands all use it.

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
/// and no spreadsheet has a use for them), the bidirectional overrides, embeddings and
/// isolates shown as U+FFFD (as the HTML and Markdown reports show them: in a
/// spreadsheet they reorder the rest of the cell, so a comment can read as something
/// else), then guarded against formula injection.
pub fn csv_text(s: &str) -> String {
    let mut shown = String::with_capacity(s.len() + 1);
    for c in s.chars() {
        match c {
            '\t' | '\n' | '\r' => shown.push(c),
            c if c.is_control() => {}
            c if is_bidi_control(c) => shown.push(REPLACEMENT),
            c => shown.push(c),
        }
    }
    spreadsheet_safe(&shown)
}

/// A text cell of a workbook: stored as typed (a workbook's text cell is never a
/// formula), but for the bidirectional formatting characters, shown as U+FFFD as in
/// every other report.
pub fn xlsx_text(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_bidi_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| if is_bidi_control(c) { REPLACEMENT } else { c })
            .collect(),
    )
}

/// What a character no report may pass through is shown as.
const REPLACEMENT: char = '\u{fffd}';
