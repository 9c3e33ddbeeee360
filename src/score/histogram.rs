//! A survey item's answers as a count per scale point. Ratings are small whole numbers,
//! so a histogram holds everything the aggregate needs — mean, sample standard deviation,
//! median, min, max — exactly, in memory that does not grow with the number of returns.

use super::ItemInput;
use crate::result::Aggregate;

/// Counts of one item's answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Histogram {
    /// The scale's lowest point: `counts[0]` counts it.
    pub min: i32,
    /// One per scale point, min to max.
    pub counts: Vec<u64>,
    pub not_applicable: u64,
    pub missing: u64,
}

impl Histogram {
    /// An empty histogram for a scale from `min` to `max`.
    pub fn new(min: i32, max: i32) -> Histogram {
        let points = usize::try_from(max - min + 1).unwrap_or(1).max(1);
        Histogram {
            min,
            counts: vec![0; points],
            not_applicable: 0,
            missing: 0,
        }
    }

    /// Counts a rating. A value off the scale is a caller's bug: cells are checked first.
    pub fn rate(&mut self, value: i32) {
        let index = usize::try_from(value - self.min).expect("a rating on the scale");
        self.counts[index] += 1;
    }

    /// Adds another histogram of the same scale.
    pub fn merge(&mut self, other: &Histogram) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        self.not_applicable += other.not_applicable;
        self.missing += other.missing;
    }

    /// Valid ratings counted.
    pub fn n(&self) -> u64 {
        self.counts.iter().sum()
    }

    fn values(&self) -> impl Iterator<Item = (f64, u64)> + '_ {
        self.counts
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(i, c)| (f64::from(self.min) + i as f64, *c))
    }

    /// The summary of the valid ratings; `None` when there are none.
    pub fn aggregate(&self) -> Option<Aggregate> {
        let n = self.n();
        if n == 0 {
            return None;
        }
        let nf = n as f64;
        let mean = self.values().map(|(v, c)| v * c as f64).sum::<f64>() / nf;
        let sd = if n > 1 {
            let squares: f64 = self
                .values()
                .map(|(v, c)| (v - mean) * (v - mean) * c as f64)
                .sum();
            (squares / (nf - 1.0)).sqrt()
        } else {
            0.0
        };
        let point = |i: usize| self.min + i as i32;
        let first = self.counts.iter().position(|c| *c > 0)?;
        let last = self.counts.iter().rposition(|c| *c > 0)?;
        // The k-th smallest rating (0-based), walking the counts.
        let kth = |k: u64| -> f64 {
            let mut seen = 0;
            for (i, c) in self.counts.iter().enumerate() {
                seen += c;
                if seen > k {
                    return f64::from(point(i));
                }
            }
            f64::from(point(last))
        };
        let median = if n % 2 == 1 {
            kth(n / 2)
        } else {
            (kth(n / 2 - 1) + kth(n / 2)) / 2.0
        };
        let top = f64::from(self.min) + (self.counts.len() - 1) as f64;
        Some(Aggregate {
            n,
            mean,
            sd,
            interval: super::interval::of_mean(n, mean, sd, f64::from(self.min), top),
            median,
            min: point(first),
            max: point(last),
            counts: self.counts.clone(),
        })
    }

    /// What scoring needs: the mean of the valid ratings is the item's score.
    pub fn input(&self) -> ItemInput {
        ItemInput {
            score: self.aggregate().map(|a| a.mean),
            n: self.n(),
            not_applicable: self.not_applicable,
            missing: self.missing,
            target: None,
            highest: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn histogram(min: i32, max: i32, ratings: &[i32]) -> Histogram {
        let mut h = Histogram::new(min, max);
        for r in ratings {
            h.rate(*r);
        }
        h
    }

    #[test]
    fn figures_worked_out_by_hand() {
        // 0, 1, 1, 3, 4: mean 9/5 = 1.8; squares 3.24 + 0.64 + 0.64 + 1.44 + 4.84 = 10.8,
        // sd = sqrt(10.8 / 4) = sqrt(2.7); median the 3rd value, 1.
        let a = histogram(0, 4, &[3, 1, 4, 0, 1]).aggregate().unwrap();
        assert_eq!(a.n, 5);
        assert!((a.mean - 1.8).abs() < 1e-12);
        assert!((a.sd - 2.7f64.sqrt()).abs() < 1e-12);
        assert_eq!((a.median, a.min, a.max), (1.0, 0, 4));
        assert_eq!(a.counts, vec![1, 2, 0, 1, 1]);
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        let a = histogram(0, 5, &[1, 2, 4, 5]).aggregate().unwrap();
        assert_eq!(a.median, 3.0);
        let a = histogram(1, 3, &[1, 2]).aggregate().unwrap();
        assert_eq!(a.median, 1.5);
    }

    #[test]
    fn one_rating_has_no_spread_and_none_has_no_aggregate() {
        let a = histogram(0, 2, &[2]).aggregate().unwrap();
        assert_eq!((a.mean, a.sd, a.median), (2.0, 0.0, 2.0));
        assert_eq!(histogram(0, 2, &[]).aggregate(), None);
        assert_eq!(histogram(0, 2, &[]).input().score, None);
    }

    #[test]
    fn not_applicable_and_missing_are_counted_never_averaged() {
        let mut h = histogram(0, 4, &[2, 4]);
        h.not_applicable = 7;
        h.missing = 3;
        let input = h.input();
        assert_eq!(input.score, Some(3.0));
        assert_eq!((input.n, input.not_applicable, input.missing), (2, 7, 3));
    }

    #[test]
    fn merging_adds_counts() {
        let mut a = histogram(0, 2, &[0, 1]);
        a.merge(&histogram(0, 2, &[2, 2]));
        assert_eq!(a.counts, vec![1, 1, 2]);
    }
}
