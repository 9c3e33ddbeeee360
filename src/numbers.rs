//! Numbers as plead defines them, once: where a score lies on its scale (the percent)
//! and rounding as people round by hand. A leaf of the core: scoring, comparing and
//! rendering all use it, and it uses none of them.

/// Where `score` lies between a scale's ends `min` and `max`, 0–100: (score − min) /
/// (max − min) × 100, so scales of different length compare (DESIGN.md, "The score,
/// defined once").
pub fn percent(min: i32, max: i32, score: f64) -> f64 {
    let span = f64::from(max - min);
    ((score - f64::from(min)) / span * 100.0).clamp(0.0, 100.0)
}

/// Decimals a score is shown with.
pub const SCORE_DECIMALS: i32 = 2;
/// Decimals a percent is shown with.
pub const PERCENT_DECIMALS: i32 = 0;

/// Rounded to `decimals` places with halves away from zero, as people round by hand:
/// `{:.0}` alone rounds halves to even, so 62.5% showed as "62%" beside 37.5% as "38%".
/// Scores are tidied to 9 decimals, so a nudge far below that puts a value such as
/// 2.675 (2.67499999… in binary) on the side its decimals say.
pub fn half_up(v: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    let scaled = v * scale;
    (scaled + scaled.signum() * 1e-7).round() / scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_round_away_from_zero() {
        assert_eq!(half_up(62.5, 0), 63.0);
        assert_eq!(half_up(37.5, 0), 38.0);
        assert_eq!(half_up(2.675, 2), 2.68);
        assert_eq!(half_up(-0.125, 2), -0.13);
    }

    #[test]
    fn percent_spans_the_scale() {
        assert_eq!(percent(0, 4, 0.0), 0.0);
        assert_eq!(percent(0, 4, 3.0), 75.0);
        assert_eq!(percent(1, 5, 2.0), 25.0);
        assert_eq!(percent(1, 5, 9.0), 100.0);
    }
}
