//! Comparing Results: `diff` (two Results: what changed and whether it matters) and
//! `trend` (many Results in period order). Pure: Results and the names they are known
//! by go in, a document comes out; reading files and printing stay in `cmd`.
//!
//! Both share here what one change between two Results is: old, new, the change, a
//! direction, and whether it is significant — a Welch test where both sides are survey
//! aggregates, no test where either is one agreed workshop rating.

pub mod comments;
pub mod diff;
mod index;
pub mod period;
pub mod trend;
pub mod verdict;
pub mod welch;

use serde::Serialize;

use crate::result::{ItemResult, Method, ResultDoc};
use welch::{Sample, Welch};

pub use diff::{Diff, diff};
pub use trend::{Trend, trend};

/// A Result and the name it goes by in messages and reports (its file name).
#[derive(Debug, Clone, Copy)]
pub struct Named<'a> {
    pub name: &'a str,
    pub doc: &'a ResultDoc,
}

/// Results that cannot be compared.
#[derive(Debug, thiserror::Error)]
pub enum CompareError {
    #[error(
        "{first} is a result of \"{first_id}\" but {second} is a result of \"{second_id}\": \
         only results of the same assessment can be compared"
    )]
    DifferentAssessments {
        first: String,
        first_id: String,
        second: String,
        second_id: String,
    },
    #[error(
        "a trend needs at least two Result files, and {0} {verb} given: pass every period's \
         Result, e.g. `plead trend results/*.json` (to see one Result, use `plead report FILE`)",
        verb = if *.0 == 1 { "was" } else { "were" }
    )]
    TooFew(usize),
}

/// Refuses results of different assessments, naming the first that differs.
pub fn same_assessment(results: &[Named]) -> Result<(), CompareError> {
    let Some(first) = results.first() else {
        return Ok(());
    };
    match results
        .iter()
        .find(|r| r.doc.assessment.id != first.doc.assessment.id)
    {
        Some(other) => Err(CompareError::DifferentAssessments {
            first: first.name.to_string(),
            first_id: first.doc.assessment.id.clone(),
            second: other.name.to_string(),
            second_id: other.doc.assessment.id.clone(),
        }),
        None => Ok(()),
    }
}

/// Which way a score moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Improved,
    Worse,
    /// The same as reports show it (two decimals of a score, whole percents).
    Unchanged,
    /// Two surveys differ, but a Welch test cannot tell the difference from the chance
    /// of who answered: the change is shown as a number, not called a rise or a fall.
    NoSignificantChange,
    /// Two surveys differ and no test could be made (too few answers, or a Result that
    /// does not record what the test needs): shown as a number, with no verdict.
    NotTested,
    /// One side has no score (not rated, not applicable, or not in that definition).
    NotComparable,
}

/// Whether a change could be told apart from chance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Significance {
    /// A two-sided Welch test at 5% says the change is unlikely to be chance.
    Significant,
    /// A Welch test was made and could not rule out chance.
    NotSignificant,
    /// No test was possible: see `untested`.
    NotTested,
}

/// Why no test was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Untested {
    /// Both are workshop ratings: one agreed rating each, nothing to test; a change of a
    /// whole scale point is a change.
    Workshop,
    /// One is a workshop, the other a survey.
    MixedMethods,
    /// A survey result without its aggregate (n, mean, sd).
    NoSpread,
    /// Fewer than two ratings on a side.
    TooFew,
    /// Every rating on both sides was the same.
    NoVariation,
    /// The overall and theme scores are weighted means of items: there is no sample
    /// behind them to test.
    Summary,
    /// One side has no score.
    NotRated,
    /// A survey Result scored before plead recorded each respondent's overall and theme
    /// scores, so an overall or theme change cannot be tested.
    NoRespondentScores,
}

/// One score compared between two Results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub old: Option<f64>,
    pub new: Option<f64>,
    /// new − old.
    pub change: Option<f64>,
    pub old_percent: Option<f64>,
    pub new_percent: Option<f64>,
    pub percent_change: Option<f64>,
    pub direction: Direction,
    pub significance: Significance,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub welch: Option<Welch>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub untested: Option<Untested>,
    /// Why a side's figure is not shown (suppressed in its Result: "fewer than 11
    /// answers"), so no change is computed from or to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hidden: Option<String>,
    /// Whether the direction was judged on percents (scales that differ, or no scores).
    #[serde(skip)]
    pub by_percent: bool,
}

/// A value as reports show it (rounded as the renderers round), so that a change
/// computed from shown values adds up on the page.
pub fn shown(value: f64, decimals: i32) -> f64 {
    crate::numbers::half_up(value, decimals)
}

/// A score with its percent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measure {
    pub score: Option<f64>,
    pub percent: Option<f64>,
}

impl Change {
    /// Compares two measures; `by_percent` judges the direction on percents (for scales
    /// that differ between the two).
    pub fn between(old: Measure, new: Measure, by_percent: bool) -> Change {
        let difference = |a: Option<f64>, b: Option<f64>| Some(b? - a?);
        // To 9 decimals, as scores are, so 0.1 − 0.3 reads -0.2, not -0.19999999999999998.
        let rounded = |v: Option<f64>| v.map(|v| (v * 1e9).round() / 1e9);
        let change = rounded(difference(old.score, new.score));
        let percent_change = rounded(difference(old.percent, new.percent));
        // Items on scales of different lengths have a percent and no score: compare what
        // there is, rather than call two percents "not comparable" or "unchanged".
        let by_percent = by_percent
            || ((old.score.is_none() || new.score.is_none())
                && old.percent.is_some()
                && new.percent.is_some());
        // The direction follows the figures as reports show them, so "improved" never
        // stands beside two equal numbers, nor "unchanged" beside two different ones.
        let shown = if by_percent {
            difference(
                old.percent.map(|p| shown(p, 0)),
                new.percent.map(|p| shown(p, 0)),
            )
        } else {
            difference(
                old.score.map(|s| shown(s, 2)),
                new.score.map(|s| shown(s, 2)),
            )
        };
        let direction = match shown {
            None => Direction::NotComparable,
            Some(d) if d.abs() < 1e-9 => Direction::Unchanged,
            Some(d) if d > 0.0 => Direction::Improved,
            Some(_) => Direction::Worse,
        };
        let mut c = Change {
            old: old.score,
            new: new.score,
            change,
            old_percent: old.percent,
            new_percent: new.percent,
            percent_change,
            direction,
            significance: Significance::NotTested,
            welch: None,
            untested: None,
            hidden: None,
            by_percent,
        };
        if direction == Direction::NotComparable {
            c.untested = Some(Untested::NotRated);
        }
        c
    }

    /// The change with why either side is not shown, when one is suppressed (the new
    /// side's reason first). A suppressed figure has no score, so nothing was computed
    /// from it; this says why.
    pub fn hiding(mut self, old: Option<&String>, new: Option<&String>) -> Change {
        self.hidden = new.or(old).cloned();
        self
    }

    /// The same, for an overall or theme score (never tested).
    pub fn summary(old: Measure, new: Measure, by_percent: bool) -> Change {
        let mut c = Change::between(old, new, by_percent);
        c.untested.get_or_insert(Untested::Summary);
        c
    }

    /// One item compared, with a Welch test where both sides are survey aggregates.
    pub fn item(
        old: (&ResultDoc, &ItemResult),
        new: (&ResultDoc, &ItemResult),
        by_percent: bool,
    ) -> Change {
        let measure = |i: &ItemResult| Measure {
            score: i.score,
            percent: i.percent,
        };
        let c = Change::between(measure(old.1), measure(new.1), by_percent);
        if c.direction == Direction::NotComparable {
            return c;
        }
        verdict::judge(
            c,
            (old.0.context.method, new.0.context.method),
            spread(old.1).zip(spread(new.1)),
            Untested::NoSpread,
        )
    }
}

/// The sample behind a survey item's score — n, mean and standard deviation — or `None`
/// when the Result keeps no aggregate (a workshop, or a survey written without one).
pub fn spread(item: &ItemResult) -> Option<Sample> {
    let a = item.aggregate.as_ref()?;
    (a.mean.is_finite() && a.sd.is_finite() && a.sd >= 0.0).then_some(Sample {
        n: a.n,
        mean: a.mean,
        sd: a.sd,
    })
}

/// Whether an item's scale differs in range between two Results, so only percents compare.
fn scales_differ(old: (&ResultDoc, &ItemResult), new: (&ResultDoc, &ItemResult)) -> bool {
    let range =
        |(doc, item): (&ResultDoc, &ItemResult)| doc.scale(&item.scale).map(|s| (s.min, s.max));
    range(old) != range(new)
}

/// A note on a comparison: something a reader should know before trusting it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub kind: NoteKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// The assessment's definition changed between results: compared by item id.
    DefinitionChanged,
    /// The results were given out of period order and compared as given.
    OutOfOrder,
    /// Two results name the same period.
    SamePeriod,
    /// A period label could not be read as a date: ordered by created time.
    PeriodNotRead,
    /// The results are of different organisations.
    DifferentOrganisations,
    /// Workshop and survey results are compared.
    MixedMethods,
    /// Two surveys' overall change could not be tested (a Result without its
    /// respondents' own scores).
    NotTested,
}

impl Note {
    /// "Warning: …" or "Note: …", as a report lists it.
    pub fn line(&self) -> String {
        let kind = if self.kind.is_warning() {
            "Warning"
        } else {
            "Note"
        };
        format!("{kind}: {}", self.message)
    }
}

impl NoteKind {
    /// Warnings are also printed on standard error, for reports written to files.
    pub fn is_warning(self) -> bool {
        matches!(
            self,
            NoteKind::DefinitionChanged | NoteKind::DifferentOrganisations | NoteKind::OutOfOrder
        )
    }
}

/// What a report says about each Result compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub file: String,
    pub organisation: String,
    pub period: String,
    pub created: String,
    pub method: Method,
    pub respondents: u64,
    pub assessment_version: String,
    pub definition_hash: String,
    /// What the Result's own reports say before its figures (e.g. too few people).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Source {
    pub fn of(r: &Named) -> Source {
        let d = r.doc;
        Source {
            file: r.name.to_string(),
            organisation: d.context.organisation.clone(),
            period: d.context.period.clone(),
            created: d.context.created.clone(),
            method: d.context.method,
            respondents: d.respondents,
            assessment_version: d.assessment.version.clone(),
            definition_hash: d.assessment.definition_hash.clone(),
            warnings: d.warnings.clone(),
        }
    }

    /// The Result's warnings as a comparison lists them: "Warning (2026-Q3): …".
    pub fn warning_lines(&self) -> impl Iterator<Item = String> + '_ {
        self.warnings
            .iter()
            .map(|w| format!("Warning ({}): {w}", self.period))
    }

    /// "2026-Q3 (workshop)", "2026-Q4 (survey of 48)".
    pub fn describe(&self) -> String {
        match self.method {
            Method::Workshop => format!("{} (workshop)", self.period),
            Method::Survey => format!("{} (survey of {})", self.period, self.respondents),
        }
    }
}

/// Notes that hold for any set of results compared: changed definitions, different
/// organisations, mixed methods. `results` are in the order compared.
fn common_notes(results: &[Named]) -> Vec<Note> {
    let mut notes = Vec::new();
    let first = &results[0];
    let changed: Vec<&Named> = results
        .iter()
        .filter(|r| r.doc.assessment.definition_hash != first.doc.assessment.definition_hash)
        .collect();
    if !changed.is_empty() {
        let versions: Vec<String> = results
            .iter()
            .map(|r| format!("{} (version {})", r.name, r.doc.assessment.version))
            .collect();
        notes.push(Note {
            kind: NoteKind::DefinitionChanged,
            message: format!(
                "the definition of \"{}\" differs between these results ({}): items are \
                 compared by id, and items in only some results are marked added or removed",
                first.doc.assessment.id,
                versions.join(", ")
            ),
        });
    }
    let mut organisations: Vec<&str> = Vec::new();
    for r in results {
        if !organisations.contains(&r.doc.context.organisation.as_str()) {
            organisations.push(&r.doc.context.organisation);
        }
    }
    if organisations.len() > 1 {
        notes.push(Note {
            kind: NoteKind::DifferentOrganisations,
            message: format!(
                "these results are of different organisations ({}): check that this \
                 comparison is the one intended",
                organisations.join(", ")
            ),
        });
    }
    let workshop = results
        .iter()
        .any(|r| r.doc.context.method == Method::Workshop);
    let survey = results
        .iter()
        .any(|r| r.doc.context.method == Method::Survey);
    if workshop && survey {
        notes.push(Note {
            kind: NoteKind::MixedMethods,
            message: "workshop and survey results are compared: a workshop score is one \
                      agreed rating, a survey score the mean of many, so changes between \
                      them are shown but not tested"
                .to_string(),
        });
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(score: f64) -> Measure {
        Measure {
            score: Some(score),
            percent: Some(score * 25.0),
        }
    }

    #[test]
    fn direction_ignores_changes_the_report_would_show_as_zero() {
        assert_eq!(
            Change::between(m(2.0), m(3.0), false).direction,
            Direction::Improved
        );
        assert_eq!(
            Change::between(m(2.0), m(1.0), false).direction,
            Direction::Worse
        );
        assert_eq!(
            Change::between(m(2.0), m(2.004), false).direction,
            Direction::Unchanged
        );
        // 2.314 shows as 2.31 and 2.316 as 2.32: a change the report shows.
        assert_eq!(
            Change::between(m(2.314), m(2.316), false).direction,
            Direction::Improved
        );
        let none = Measure {
            score: None,
            percent: None,
        };
        let c = Change::between(m(2.0), none, false);
        assert_eq!(c.direction, Direction::NotComparable);
        assert_eq!(c.untested, Some(Untested::NotRated));
        assert_eq!(
            Change::summary(m(1.0), m(2.0), true).untested,
            Some(Untested::Summary)
        );
    }
}
