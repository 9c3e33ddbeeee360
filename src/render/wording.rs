//! The wording reports share, whatever their format: changes as shown (so they add up on
//! the page), directions as an arrow and a word, significance in words, the names the
//! JSON uses, the heading of the machine details. A leaf the builders and pages use.

use super::model::Shown;
use super::text::number;
use crate::numbers::{SCORE_DECIMALS, half_up};

/// The heading of the short section of machine details every report ends with.
pub const ABOUT: &str = "About this report";
use crate::compare::welch::Welch;
use crate::compare::{Change, Direction, Significance, Untested, shown};
use crate::result::GapKind;

/// The change between two scores as shown (two decimals), so it adds up on the page:
/// "+0.50", "-1.00", "0.00", or an em dash.
pub fn signed(old: Option<f64>, new: Option<f64>) -> String {
    match (old, new) {
        (Some(a), Some(b)) => {
            let c = shown(b, 2) - shown(a, 2);
            if c.abs() < 0.005 {
                "0.00".into()
            } else {
                format!("{c:+.2}")
            }
        }
        _ => "—".into(),
    }
}

/// `signed` as a grid's figure: the text, and the change it shows as a number.
pub fn signed_figure(old: Option<f64>, new: Option<f64>) -> Shown {
    let figure = old
        .zip(new)
        .map(|(a, b)| half_up(shown(b, 2) - shown(a, 2), SCORE_DECIMALS));
    Shown::figure(
        signed(old, new),
        figure.map(|c| if c == 0.0 { 0.0 } else { c }),
    )
}

/// The change between two percents as shown, in points: "+13 pts".
pub fn signed_percent(old: Option<f64>, new: Option<f64>) -> String {
    match (old, new) {
        (Some(a), Some(b)) => {
            let c = shown(b, 0) - shown(a, 0);
            if c.abs() < 0.5 {
                "0 pts".into()
            } else {
                format!("{c:+.0} pts")
            }
        }
        _ => "—".into(),
    }
}

/// The direction as an arrow and a word.
pub fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Improved => "▲ improved",
        Direction::Worse => "▼ worse",
        Direction::Unchanged => "= unchanged",
        Direction::NoSignificantChange => "≈ no significant change",
        Direction::NotTested => "? not tested",
        Direction::NotComparable => "– not comparable",
    }
}

/// A p-value as people read it.
pub fn p_value(w: &Welch) -> String {
    if w.p < 0.001 {
        "p < 0.001".into()
    } else {
        format!("p = {:.3}", w.p)
    }
}

/// Whether a change matters, in words: the test's verdict, or why there is none.
pub fn significance(c: &Change) -> String {
    if let Some(why) = &c.hidden {
        return format!("not shown: {why}");
    }
    match (c.significance, &c.welch, c.untested) {
        // The verdict beside it says whether it is significant.
        (Significance::Significant | Significance::NotSignificant, Some(w), _) => p_value(w),
        (_, _, Some(Untested::Workshop)) => "no test (workshop ratings)".into(),
        (_, _, Some(Untested::MixedMethods)) => "no test (workshop and survey)".into(),
        (_, _, Some(Untested::NoSpread)) => "no test (no spread recorded)".into(),
        (_, _, Some(Untested::TooFew)) => "no test (fewer than 2 ratings)".into(),
        (_, _, Some(Untested::NoVariation)) => "no test (all ratings alike)".into(),
        (_, _, Some(Untested::NoRespondentScores)) => {
            "no test (respondents' own scores not recorded)".into()
        }
        _ => String::new(),
    }
}

/// The snake_case name the JSON uses for a value, for CSV cells.
pub fn snake<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// What a gap falls short of: "below 2", "short of target 3".
pub fn short_of(kind: GapKind, reference: f64) -> String {
    match kind {
        GapKind::BelowThreshold => format!("below {}", number(reference)),
        GapKind::ToTarget => format!("short of target {}", number(reference)),
    }
}

/// Why an item has no score: it is not shown (suppressed, with its reason), it had no
/// column in the survey file, every answer was "not applicable", or nobody answered it.
pub fn unanswered_reason(
    doc: &crate::result::ResultDoc,
    item: &crate::result::ItemResult,
) -> String {
    if let Some(reason) = &item.reason {
        return format!("Not shown: {reason}");
    }
    let no_column = doc
        .survey
        .as_ref()
        .is_some_and(|s| s.unmatched_items.contains(&item.id));
    if no_column {
        "No column in the file".into()
    } else if item.not_applicable > 0 {
        "Not applicable".into()
    } else {
        "Not answered".into()
    }
}
