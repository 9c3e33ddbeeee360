//! Small text helpers every renderer shares: numbers as people read them, bars, wrapping;
//! and, from `crate::sanitise`, making user text safe for a terminal and for spreadsheets.

use super::model::Shown;
use crate::numbers::{PERCENT_DECIMALS, SCORE_DECIMALS, half_up};
pub use crate::sanitise::{csv_text, is_bidi_control, spreadsheet_safe, terminal_safe, xlsx_text};

/// A score with two decimals, or an em dash when there is none.
pub fn score(value: Option<f64>) -> String {
    value.map_or_else(
        || "—".to_string(),
        |v| format!("{:.2}", half_up(v, SCORE_DECIMALS)),
    )
}

/// `score` as a grid's figure: the text, and the score it shows (two decimals).
pub fn score_figure(value: Option<f64>) -> Shown {
    Shown::figure(score(value), value.map(|v| half_up(v, SCORE_DECIMALS)))
}

/// A percent with no decimals, or an em dash.
pub fn percent(value: Option<f64>) -> String {
    value.map_or_else(
        || "—".to_string(),
        |v| format!("{:.0}%", half_up(v, PERCENT_DECIMALS)),
    )
}

/// A bar of `width` cells for a percent: "███████░░░".
pub fn bar(percent: Option<f64>, width: usize) -> String {
    let Some(p) = percent else {
        return " ".repeat(width);
    };
    let filled = ((p.clamp(0.0, 100.0) / 100.0) * width as f64).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// A number without a needless ".0": 2 → "2", 2.5 → "2.5".
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Wraps text at word boundaries to `width` columns, keeping each line's indent (and
/// the indent after a bullet) on its continuation lines.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let indent = line.len() - line.trim_start().len();
        let hanging = if line.trim_start().starts_with("• ") {
            indent + 2
        } else {
            indent
        };
        let mut column = 0;
        for (k, word) in line.split(' ').enumerate() {
            let w = word.chars().count();
            if k > 0 && column + 1 + w > width && column > hanging {
                out.push('\n');
                out.push_str(&" ".repeat(hanging));
                column = hanging;
            } else if k > 0 {
                out.push(' ');
                column += 1;
            }
            out.push_str(word);
            column += w;
        }
    }
    out
}

/// A label and its value: "Sourcing: In-house", but "Who holds this role? Jo Bloggs" —
/// a label that is a question, or ends in its own colon, takes no second mark.
pub fn labelled(label: &str, value: &str) -> String {
    format!("{label}{} {value}", label_mark(label))
}

/// The mark between a label and what follows it: nothing after "?" or ":", else ":".
pub fn label_mark(label: &str) -> &'static str {
    if label.ends_with(['?', ':']) { "" } else { ":" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_a_label_that_is_a_question_was_followed_by_a_colon() {
        assert_eq!(
            labelled("Who holds this role?", "Jo"),
            "Who holds this role? Jo"
        );
        assert_eq!(labelled("Sourcing", "In-house"), "Sourcing: In-house");
        assert_eq!(labelled("Owner:", "Sam"), "Owner: Sam");
    }

    #[test]
    fn wraps_at_words_and_keeps_bullet_indents() {
        assert_eq!(
            wrap("  • one two three four", 12),
            "  • one two\n    three\n    four"
        );
        assert_eq!(wrap("short", 40), "short");
    }

    #[test]
    fn halves_round_away_from_zero_as_by_hand() {
        assert_eq!(percent(Some(62.5)), "63%");
        assert_eq!(percent(Some(37.5)), "38%");
        assert_eq!(percent(Some(43.75)), "44%");
        assert_eq!(percent(Some(99.4)), "99%");
        assert_eq!(score(Some(1.125)), "1.13");
        assert_eq!(score(Some(2.675)), "2.68");
        assert_eq!(score(Some(2.674)), "2.67");
        assert_eq!(score(Some(-0.125)), "-0.13");
        assert_eq!(score(Some(0.0)), "0.00");
        assert_eq!(score(None), "—");
    }

    #[test]
    fn bars_fill_in_proportion() {
        assert_eq!(bar(Some(50.0), 10), "█████░░░░░");
        assert_eq!(bar(Some(100.0), 4), "████");
        assert_eq!(bar(None, 3), "   ");
    }

    #[test]
    fn formula_starters_are_guarded_and_plain_text_is_not() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(spreadsheet_safe("-1"), "'-1");
        assert_eq!(spreadsheet_safe("Linchpin"), "Linchpin");
        // A control character in front hides nothing: it is dropped, then the guard holds.
        assert_eq!(csv_text("\u{1b}=1+1"), "'=1+1");
        assert_eq!(csv_text("a\u{7}\tb"), "a\tb");
    }

    #[test]
    fn bidi_controls_reach_no_spreadsheet_cell() {
        // "abc\u{202e}fdp.exe" shows as "abcexe.pdf" in a spreadsheet that honours the override.
        assert_eq!(csv_text("abc\u{202e}fdp.exe"), "abc\u{fffd}fdp.exe");
        assert_eq!(
            csv_text("\u{2067}=1\u{2069}"),
            "\u{fffd}=1\u{fffd}",
            "no formula behind it either"
        );
        assert_eq!(
            xlsx_text("a\u{202a}b\u{202d}c\u{2066}d"),
            "a\u{fffd}b\u{fffd}c\u{fffd}d"
        );
        assert!(matches!(
            xlsx_text("Linchpin"),
            std::borrow::Cow::Borrowed(_)
        ));
        // Right-to-left text itself, and the marks that only hint its direction, stay.
        assert_eq!(csv_text("\u{200f}مرحبا"), "\u{200f}مرحبا");
    }

    #[test]
    fn escape_sequences_do_not_reach_the_terminal() {
        assert_eq!(terminal_safe("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(terminal_safe("a\u{9b}2Jb"), "a\\u{9b}2Jb");
        assert_eq!(terminal_safe("abc\u{202e}fdp.exe"), "abc\\u{202e}fdp.exe");
        assert_eq!(terminal_safe("x\u{2067}y\u{2069}"), "x\\u{2067}y\\u{2069}");
        assert_eq!(terminal_safe("Zoë 👩🏽‍⚕️\nnext"), "Zoë 👩🏽‍⚕️\nnext");
    }
}

/// An RFC 3339 time as a board reads it, in UTC: "1 December 2026, 09:03 UTC". Text that
/// is not such a time is given back as it is.
pub fn human_time(rfc3339: &str) -> String {
    use time::format_description::well_known::Rfc3339;
    match time::OffsetDateTime::parse(rfc3339, &Rfc3339) {
        Ok(t) => {
            let t = t.to_offset(time::UtcOffset::UTC);
            format!(
                "{} {} {}, {:02}:{:02} UTC",
                t.day(),
                t.month(),
                t.year(),
                t.hour(),
                t.minute()
            )
        }
        Err(_) => rfc3339.to_string(),
    }
}

#[cfg(test)]
mod human_time_tests {
    use super::human_time;

    #[test]
    fn machine_times_read_as_dates_regression_scored_with_nanoseconds() {
        assert_eq!(
            human_time("2026-12-01T09:03:49.652315633Z"),
            "1 December 2026, 09:03 UTC"
        );
        assert_eq!(
            human_time("2026-07-20T16:30:00+01:00"),
            "20 July 2026, 15:30 UTC"
        );
        assert_eq!(human_time("last Tuesday"), "last Tuesday");
    }
}
