//! Each respondent's own overall and theme scores, summarised as they are counted: the
//! survey is read once, row by row, so the count, sum and sum of squares of those scores
//! are kept exactly (see `Moments`): constant memory, no second pass, and groups merge
//! by adding.
//! With these, `plead diff` can test a change of the overall or of a theme the way it
//! tests an item: the overall of a survey is not one agreed figure but a mean over people.
//!
//! A respondent's score is a percent — the weighted mean of the percents of the items
//! they rated, as the overall percent is of item percents — so themes whose items sit on
//! scales of different lengths still have one.

use crate::assessment::Assessment;
use crate::result::Spread;

/// Count, sum and sum of squares of some values, each held to a billionth of a percent
/// point as a whole number, so the sums are exact: the same whatever the order of rows
/// or of merging groups, and the standard deviation comes out without the cancellation
/// of floating-point sums. 128 bits hold a billion respondents' squares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Moments {
    pub n: u64,
    sum: i128,
    squares: i128,
}

/// The fixed point: values in billionths.
const SCALE: f64 = 1e9;

impl Moments {
    pub fn add(&mut self, x: f64) {
        let q = (x * SCALE).round() as i128;
        self.n += 1;
        self.sum += q;
        self.squares += q * q;
    }

    /// Adds another set of values.
    pub fn merge(&mut self, other: &Moments) {
        self.n += other.n;
        self.sum += other.sum;
        self.squares += other.squares;
    }

    /// n, mean, sample standard deviation and the 95% interval of the mean, in percent;
    /// `None` when nobody had a score.
    pub fn spread(&self) -> Option<Spread> {
        if self.n == 0 {
            return None;
        }
        let n = i128::from(self.n);
        let tidy = |v: f64| (v * 1e9).round() / 1e9;
        let mean = tidy(self.sum as f64 / n as f64 / SCALE);
        let sd = if self.n > 1 {
            // n·Σx² − (Σx)² = n(n − 1)·s², exactly.
            let spread = (n * self.squares - self.sum * self.sum).max(0) as f64;
            tidy((spread / (n * (n - 1)) as f64).sqrt() / SCALE)
        } else {
            0.0
        };
        Some(Spread {
            n: self.n,
            mean,
            sd,
            interval: super::interval::of_mean(self.n, mean, sd, 0.0, 100.0),
        })
    }
}

/// What a respondent's scores need to know of each item: weight, scale and theme.
#[derive(Debug, Clone, PartialEq)]
pub struct RespondentScoring {
    items: Vec<ItemPart>,
    themes: usize,
}

#[derive(Debug, Clone, PartialEq)]
struct ItemPart {
    weight: f64,
    min: f64,
    range: f64,
    theme: usize,
}

/// A set of respondents' overall and per-theme scores.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RespondentScores {
    pub overall: Moments,
    /// Parallel to `assessment.themes`.
    pub themes: Vec<Moments>,
}

impl RespondentScores {
    pub fn new(assessment: &Assessment) -> RespondentScores {
        RespondentScores {
            overall: Moments::default(),
            themes: vec![Moments::default(); assessment.themes.len()],
        }
    }

    pub fn merge(&mut self, other: &RespondentScores) {
        self.overall.merge(&other.overall);
        for (a, b) in self.themes.iter_mut().zip(&other.themes) {
            a.merge(b);
        }
    }
}

impl RespondentScoring {
    pub fn new(assessment: &Assessment) -> RespondentScoring {
        RespondentScoring {
            items: assessment
                .items
                .iter()
                .map(|item| {
                    let scale = assessment.scale_of(item);
                    ItemPart {
                        weight: item.weight,
                        min: f64::from(scale.min),
                        range: f64::from((scale.max - scale.min).max(1)),
                        theme: assessment
                            .themes
                            .iter()
                            .position(|t| t.id == item.theme)
                            .unwrap_or(0),
                    }
                })
                .collect(),
            themes: assessment.themes.len(),
        }
    }

    /// Counts one respondent, given their rating of each item (`None`: not applicable,
    /// missing or unreadable — not averaged in, as for the item scores). A respondent
    /// who rated nothing in a theme has no score for it.
    pub fn count(&self, ratings: impl Iterator<Item = Option<i32>>, into: &mut RespondentScores) {
        const NONE: (f64, f64) = (0.0, 0.0);
        let mut overall = NONE;
        // Few themes: a small stack of sums, reused by every row.
        let mut themes = [NONE; 16];
        let mut spill = Vec::new();
        let sums: &mut [(f64, f64)] = if self.themes <= themes.len() {
            &mut themes[..self.themes]
        } else {
            spill.resize(self.themes, NONE);
            &mut spill
        };
        for (part, rating) in self.items.iter().zip(ratings) {
            let Some(r) = rating else { continue };
            let percent = (f64::from(r) - part.min) / part.range * 100.0;
            overall.0 += part.weight * percent;
            overall.1 += part.weight;
            let t = &mut sums[part.theme];
            t.0 += part.weight * percent;
            t.1 += part.weight;
        }
        if overall.1 > 0.0 {
            into.overall.add(overall.0 / overall.1);
        }
        for (moments, (sum, weight)) in into.themes.iter_mut().zip(sums.iter()) {
            if *weight > 0.0 {
                moments.add(sum / weight);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The textbook two-pass figures, to check the running ones against.
    fn two_pass(values: &[f64]) -> (f64, f64) {
        let n = values.len() as f64;
        let mean = values.iter().sum::<f64>() / n;
        let ss: f64 = values.iter().map(|v| (v - mean) * (v - mean)).sum();
        (mean, (ss / (n - 1.0)).sqrt())
    }

    #[test]
    fn running_figures_match_two_passes_and_merging_matches_one_run() {
        let values: Vec<f64> = (0..1000)
            .map(|i| f64::from((i * 37) % 101) / 1.01)
            .collect();
        let mut all = Moments::default();
        values.iter().for_each(|v| all.add(*v));
        let (mean, sd) = two_pass(&values);
        let s = all.spread().unwrap();
        assert_eq!(s.n, 1000);
        assert!((s.mean - mean).abs() < 1e-9, "{} vs {mean}", s.mean);
        assert!((s.sd - sd).abs() < 1e-9, "{} vs {sd}", s.sd);
        let (mut a, mut b) = (Moments::default(), Moments::default());
        values[..313].iter().for_each(|v| a.add(*v));
        values[313..].iter().for_each(|v| b.add(*v));
        a.merge(&b);
        let m = a.spread().unwrap();
        assert!((m.mean - mean).abs() < 1e-9 && (m.sd - sd).abs() < 1e-9);
    }

    #[test]
    fn one_value_has_no_spread_and_none_has_no_figures() {
        let mut m = Moments::default();
        assert_eq!(m.spread(), None);
        m.add(50.0);
        let s = m.spread().unwrap();
        assert_eq!((s.n, s.mean, s.sd, s.interval), (1, 50.0, 0.0, None));
    }
}
