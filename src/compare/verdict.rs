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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::Measure;
    use crate::score::histogram::Histogram;

    /// A small deterministic generator (xorshift), so the test is the same every run.
    struct Dice(u64);
    impl Dice {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    fn histogram(ratings: &[i32]) -> Histogram {
        let mut h = Histogram::new(0, 4);
        ratings.iter().for_each(|r| h.rate(*r));
        h
    }

    /// Two surveys' item compared as `diff` compares it.
    fn verdict(old: &Histogram, new: &Histogram) -> Direction {
        let (a, b) = (old.aggregate().unwrap(), new.aggregate().unwrap());
        let m = |x: f64| Measure {
            score: Some(x),
            percent: Some(x * 25.0),
        };
        let sample = |g: &crate::result::Aggregate| Sample {
            n: g.n,
            mean: g.mean,
            sd: g.sd,
        };
        judge(
            Change::between(m(a.mean), m(b.mean), false),
            (Method::Survey, Method::Survey),
            Some((sample(&a), sample(&b))),
            Untested::NoSpread,
        )
        .direction
    }

    #[test]
    fn a_survey_against_a_resample_of_itself_is_almost_never_worse() {
        let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
        let mut worse = 0;
        const TRIALS: usize = 2000;
        for _ in 0..TRIALS {
            let n = 20 + dice.below(60) as usize;
            let survey: Vec<i32> = (0..n).map(|_| dice.below(5) as i32).collect();
            let resample: Vec<i32> = (0..n)
                .map(|_| survey[dice.below(n as u64) as usize])
                .collect();
            if verdict(&histogram(&survey), &histogram(&resample)) == Direction::Worse {
                worse += 1;
            }
        }
        // A resample differs from its source by chance alone. A test at 5%, two-sided,
        // calls at most about 2.5% of such chance differences a fall (fewer: a resample
        // is nearer its source than an independent sample would be); 4% leaves room.
        assert!(worse * 100 < TRIALS * 4, "{worse} of {TRIALS} called worse");
    }

    #[test]
    fn a_large_shift_is_always_worse() {
        let mut dice = Dice(42);
        for _ in 0..500 {
            let n = 30 + dice.below(50) as usize;
            let old: Vec<i32> = (0..n).map(|_| 2 + dice.below(3) as i32).collect();
            // Everyone two points lower (kept on the scale).
            let new: Vec<i32> = old.iter().map(|r| (r - 2).max(0)).collect();
            assert_eq!(
                verdict(&histogram(&old), &histogram(&new)),
                Direction::Worse
            );
        }
    }

    #[test]
    fn a_change_that_is_not_significant_keeps_its_number_and_loses_its_word() {
        let old = histogram(&[1, 2, 2, 3, 1, 2, 3, 2, 2, 1, 2, 3]);
        let new = histogram(&[1, 2, 2, 3, 1, 2, 3, 2, 2, 1, 2, 2]);
        assert_eq!(verdict(&old, &new), Direction::NoSignificantChange);
    }

    #[test]
    fn falls_that_count_for_fail_if_worse() {
        let m = |x: f64| Measure {
            score: Some(x),
            percent: Some(x * 25.0),
        };
        let workshop = |a: f64, b: f64| {
            judge(
                Change::between(m(a), m(b), false),
                (Method::Workshop, Method::Workshop),
                None,
                Untested::NoSpread,
            )
        };
        // A workshop's example-mean falling half a point is not a whole point.
        assert!(!workshop(2.0, 1.5).counts_as_fall(25.0, None));
        assert!(workshop(2.0, 1.0).counts_as_fall(25.0, None));
        assert!(!workshop(3.0, 1.0).counts_as_fall(25.0, Some(MinChange::Points(2.5))));
        assert!(workshop(3.0, 1.0).counts_as_fall(25.0, Some(MinChange::Percent(50.0))));
        assert!(!workshop(3.0, 2.0).counts_as_fall(25.0, Some(MinChange::Percent(30.0))));
        assert_eq!(parse_min_change("10%"), Ok(MinChange::Percent(10.0)));
        assert_eq!(parse_min_change(" 0.5 "), Ok(MinChange::Points(0.5)));
        assert!(parse_min_change("-1").is_err());
    }
}
