//! From a change to a verdict. Between two surveys a difference of means is called
//! "improved" or "worse" only when a two-sided Welch test at 5% says it is unlikely to be
//! the chance of who answered; otherwise it is "no significant change", its size and sign
//! still shown as a number. Items are tested on their answers; the overall and themes on
//! each respondent's own score (`result::Spread`), which Results record from this version
//! on. Workshop ratings are one agreed judgement each, so their changes are not tested.

use super::welch::{self, Sample, Untestable};
use super::{Change, Direction, Significance, Untested};
use crate::result::{Method, ResultDoc, Spread};

/// Judges `c` given how each side was gathered and, for two surveys, the samples behind
/// the two figures (`None`: the Result does not record them, for the reason `missing`).
pub fn judge(
    mut c: Change,
    methods: (Method, Method),
    samples: Option<(Sample, Sample)>,
    missing: Untested,
) -> Change {
    if c.direction == Direction::NotComparable {
        return c;
    }
    match methods {
        (Method::Workshop, Method::Workshop) => {
            c.untested = Some(Untested::Workshop);
            return c;
        }
        (Method::Survey, Method::Survey) => {}
        _ => {
            c.untested = Some(Untested::MixedMethods);
            return c;
        }
    }
    c.untested = None;
    let Some((a, b)) = samples else {
        c.untested = Some(missing);
        return not_tested(c);
    };
    match welch::test(a, b) {
        Ok(w) => {
            c.welch = Some(w);
            if w.significant() {
                c.significance = Significance::Significant;
            } else {
                c.significance = Significance::NotSignificant;
                if moved(c.direction) {
                    c.direction = Direction::NoSignificantChange;
                }
            }
            c
        }
        Err(Untestable::TooFew) => {
            c.untested = Some(Untested::TooFew);
            not_tested(c)
        }
        Err(Untestable::NoSpread) => {
            c.untested = Some(Untested::NoVariation);
            not_tested(c)
        }
    }
}

fn moved(d: Direction) -> bool {
    matches!(d, Direction::Improved | Direction::Worse)
}

fn not_tested(mut c: Change) -> Change {
    if moved(c.direction) {
        c.direction = Direction::NotTested;
    }
    c
}

/// The sample of respondents' own scores, in percent.
pub fn sample(spread: &Spread) -> Option<Sample> {
    (spread.mean.is_finite() && spread.sd.is_finite() && spread.sd >= 0.0).then_some(Sample {
        n: spread.n,
        mean: spread.mean,
        sd: spread.sd,
    })
}

impl Change {
    /// An overall or theme change judged on the respondents' own scores of each side.
    pub fn judged_summary(
        self,
        old: (&ResultDoc, Option<&Spread>),
        new: (&ResultDoc, Option<&Spread>),
    ) -> Change {
        let samples = old.1.and_then(sample).zip(new.1.and_then(sample));
        judge(
            self,
            (old.0.context.method, new.0.context.method),
            samples,
            Untested::NoRespondentScores,
        )
    }

    /// Whether this change is a fall that `--fail-if-worse` counts: a significant fall
    /// between surveys; a fall of at least one whole scale point otherwise (workshops,
    /// or a workshop beside a survey); and, with `--min-change`, at least that large.
    /// `point` is one scale point in percent (100 / (max − min)), for changes that only
    /// percents measure.
    pub fn counts_as_fall(&self, point: f64, min_change: Option<MinChange>) -> bool {
        if self.direction != Direction::Worse {
            return false;
        }
        const EPS: f64 = 1e-9;
        // The fall in scale points where both sides have a score, else in percent.
        let (size, one_point) = match (self.by_percent, self.change, self.percent_change) {
            (false, Some(c), _) => (-c, 1.0),
            (_, _, Some(p)) => (-p, point),
            _ => return false,
        };
        let significant = self.significance == Significance::Significant;
        if !significant && size + EPS < one_point {
            return false;
        }
        match min_change {
            None => true,
            Some(MinChange::Points(d)) => size + EPS >= d * one_point,
            Some(MinChange::Percent(d)) => self.percent_change.is_some_and(|p| -p + EPS >= d),
        }
    }
}

/// `--min-change`: the smallest fall `--fail-if-worse` counts, in scale points ("0.5") or
/// percentage points ("10%").
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MinChange {
    Points(f64),
    Percent(f64),
}

/// Reads a `--min-change` value.
pub fn parse_min_change(s: &str) -> Result<MinChange, String> {
    let t = s.trim();
    let (number, percent) = match t.strip_suffix('%') {
        Some(n) => (n.trim(), true),
        None => (t.strip_suffix("pts").unwrap_or(t).trim(), false),
    };
    match number.parse::<f64>() {
        Ok(d) if d.is_finite() && d >= 0.0 => Ok(if percent {
            MinChange::Percent(d)
        } else {
            MinChange::Points(d)
        }),
        _ => Err(format!(
            "{s:?}: give a size of fall of zero or more, in scale points (e.g. 0.5) or in percentage points (e.g. 10%)"
        )),
    }
}
