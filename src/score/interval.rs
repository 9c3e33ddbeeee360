//! 95% confidence intervals of means, t-based: mean ± t(0.975, n − 1) · sd / √n. A survey
//! mean from 48 answers is an estimate, and the interval says how far the true mean of
//! everyone who might have answered could plausibly be from it. The t quantile is found
//! by bisection on the two-sided p-value of `compare::welch`, so both use one t
//! distribution.

use crate::compare::welch::two_sided_p;
use crate::result::Interval;

/// The confidence level of every interval plead shows.
pub const LEVEL: f64 = 0.95;

/// The t value with two-sided p = 1 − LEVEL for `df` degrees of freedom (12.706 for 1,
/// 2.011 for 47, 1.960 for very many).
pub fn t_critical(df: f64) -> f64 {
    let alpha = 1.0 - LEVEL;
    // p falls as t grows: bracket, then halve.
    let (mut low, mut high) = (0.0_f64, 1.0_f64);
    while two_sided_p(high, df) > alpha {
        high *= 2.0;
    }
    for _ in 0..200 {
        let mid = (low + high) / 2.0;
        if two_sided_p(mid, df) > alpha {
            low = mid;
        } else {
            high = mid;
        }
        if high - low < 1e-12 {
            break;
        }
    }
    (low + high) / 2.0
}

/// The 95% interval of a mean of `n` values with sample standard deviation `sd`, kept
/// within `[floor, ceiling]` (the scale's ends: a mean cannot lie outside them). `None`
/// for fewer than two values: one answer says nothing about spread.
pub fn of_mean(n: u64, mean: f64, sd: f64, floor: f64, ceiling: f64) -> Option<Interval> {
    if n < 2 || !mean.is_finite() || !sd.is_finite() {
        return None;
    }
    let half = t_critical((n - 1) as f64) * sd / (n as f64).sqrt();
    Some(Interval {
        low: round9((mean - half).max(floor)),
        high: round9((mean + half).min(ceiling)),
    })
}

/// To 9 decimals, as scores are stored, so that a flat sample's interval is its mean.
fn round9(v: f64) -> f64 {
    (v * 1e9).round() / 1e9
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(got: f64, want: f64, tolerance: f64) {
        assert!(
            (got - want).abs() <= tolerance,
            "got {got}, want {want} (± {tolerance})"
        );
    }

    #[test]
    fn critical_values_match_printed_t_tables() {
        close(t_critical(1.0), 12.706_204_736, 1e-6);
        close(t_critical(4.0), 2.776_445_105, 1e-6);
        close(t_critical(10.0), 2.228_138_852, 1e-6);
        close(t_critical(47.0), 2.011_740_514, 1e-6);
        close(t_critical(1e7), 1.959_964, 1e-4);
    }

    #[test]
    fn an_interval_worked_by_hand() {
        // Ratings 0, 1, 1, 3, 4: mean 1.8, sd √2.7 = 1.643168; t(0.975, 4) = 2.776445;
        // half-width 2.776445 × 1.643168 / √5 = 2.040262: 1.8 ± 2.04 → (−0.24, 3.84),
        // the low end kept at the scale's 0.
        let i = of_mean(5, 1.8, 2.7f64.sqrt(), 0.0, 4.0).unwrap();
        close(i.low, 0.0, 1e-9);
        close(i.high, 3.840_262, 1e-6);
        // 48 answers, mean 1.90, sd 0.8: 1.90 ± 2.011741 × 0.8 / √48 = ± 0.232296.
        let i = of_mean(48, 1.9, 0.8, 0.0, 4.0).unwrap();
        close(i.low, 1.667_704, 1e-6);
        close(i.high, 2.132_296, 1e-6);
    }

    #[test]
    fn one_answer_has_no_interval_and_no_spread_a_point() {
        assert_eq!(of_mean(1, 2.0, 0.0, 0.0, 4.0), None);
        assert_eq!(
            of_mean(30, 2.0, 0.0, 0.0, 4.0),
            Some(Interval {
                low: 2.0,
                high: 2.0
            })
        );
    }
}
