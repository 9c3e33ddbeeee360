//! Welch's two-sample t-test, from summary statistics (n, mean, sd) alone — which is all
//! a survey Result keeps — with the Student t distribution computed here through the
//! regularised incomplete beta function rather than pulling in a statistics crate for
//! one function.

use serde::Serialize;

/// The outcome of a two-sided Welch test.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Welch {
    /// (new mean − old mean) / standard error.
    pub t: f64,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: f64,
    /// Two-sided p-value.
    pub p: f64,
}

/// The level below which a p-value is called significant.
pub const ALPHA: f64 = 0.05;

impl Welch {
    pub fn significant(&self) -> bool {
        self.p < ALPHA
    }
}

/// Summary statistics of one sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub n: u64,
    pub mean: f64,
    /// Sample standard deviation (n − 1 in the denominator).
    pub sd: f64,
}

/// Why a test could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Untestable {
    /// A sample has fewer than two values, so no spread can be estimated.
    TooFew,
    /// Every value in both samples is the same: there is no spread to test against.
    NoSpread,
}

/// Welch's t-test of `new` against `old`, two-sided.
pub fn test(old: Sample, new: Sample) -> Result<Welch, Untestable> {
    if old.n < 2 || new.n < 2 {
        return Err(Untestable::TooFew);
    }
    let (n1, n2) = (old.n as f64, new.n as f64);
    let (v1, v2) = (old.sd * old.sd / n1, new.sd * new.sd / n2);
    let se2 = v1 + v2;
    if se2.is_nan() || se2 <= 0.0 || se2.is_infinite() {
        return Err(Untestable::NoSpread);
    }
    let t = (new.mean - old.mean) / se2.sqrt();
    let df = se2 * se2 / (v1 * v1 / (n1 - 1.0) + v2 * v2 / (n2 - 1.0));
    Ok(Welch {
        t,
        df,
        p: two_sided_p(t, df),
    })
}

/// P(|T| ≥ |t|) for Student's t with `df` degrees of freedom.
pub fn two_sided_p(t: f64, df: f64) -> f64 {
    if t.is_infinite() {
        return 0.0;
    }
    let x = df / (df + t * t);
    incomplete_beta(df / 2.0, 0.5, x).clamp(0.0, 1.0)
}

/// The regularised incomplete beta function I_x(a, b), by its continued fraction
/// (Numerical Recipes, 3rd ed., §6.4), using the symmetry I_x(a,b) = 1 − I_{1−x}(b,a)
/// where the fraction converges faster.
pub fn incomplete_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    let front = ln_front.exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_fraction(a, b, x) / a
    } else {
        1.0 - front * beta_fraction(b, a, 1.0 - x) / b
    }
}

/// The continued fraction for the incomplete beta, by the modified Lentz method.
fn beta_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    const EPS: f64 = 1e-15;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..=10_000 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() < EPS {
            break;
        }
    }
    h
}

/// ln Γ(x) for x > 0, by the Lanczos approximation (g = 7, n = 9), accurate to about
/// 15 significant digits.
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const COEFFICIENTS: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = COEFFICIENTS[0];
    for (i, c) in COEFFICIENTS.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
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
    fn ln_gamma_matches_factorials_and_the_half() {
        close(ln_gamma(1.0), 0.0, 1e-13);
        close(ln_gamma(5.0), 24f64.ln(), 1e-13);
        close(ln_gamma(0.5), std::f64::consts::PI.sqrt().ln(), 1e-13);
        close(ln_gamma(101.0), 363.739_375_555_563_47, 1e-9);
    }

    #[test]
    fn incomplete_beta_known_values() {
        close(incomplete_beta(1.0, 1.0, 0.3), 0.3, 1e-14);
        close(incomplete_beta(2.0, 3.0, 0.5), 0.6875, 1e-14);
        close(incomplete_beta(3.0, 1.0, 0.4), 0.064, 1e-14);
        close(incomplete_beta(2.5, 7.0, 0.2), 0.367_496_519_904_023, 1e-13);
        // I_x(a, b) = 1 − I_{1−x}(b, a)
        close(
            incomplete_beta(2.5, 7.0, 0.2) + incomplete_beta(7.0, 2.5, 0.8),
            1.0,
            1e-13,
        );
        assert_eq!(incomplete_beta(2.0, 2.0, 0.0), 0.0);
        assert_eq!(incomplete_beta(2.0, 2.0, 1.0), 1.0);
    }

    #[test]
    fn t_distribution_matches_printed_tables() {
        // Two-sided critical values at 5% and 1% from printed t tables; the exact
        // p-values at those (rounded) values from mpmath at 30 digits.
        close(two_sided_p(12.706, 1.0), 0.050_000_802_358_133, 1e-12);
        close(two_sided_p(2.571, 5.0), 0.049_974_634_683_851, 1e-12);
        close(two_sided_p(2.228, 10.0), 0.050_011_771_817_111, 1e-12);
        close(two_sided_p(2.042, 30.0), 0.050_028_670_656_198, 1e-12);
        close(two_sided_p(1.960, 1e7), 0.049_995_818_025_314, 1e-9);
        close(two_sided_p(3.169, 10.0), 0.010_004_633_364_385, 1e-12);
        // One degree of freedom is the Cauchy distribution: p = 1 − 2·atan(t)/π.
        close(
            two_sided_p(3.0, 1.0),
            1.0 - 2.0 * 3f64.atan() / std::f64::consts::PI,
            1e-13,
        );
        // Two: p = 1 − t / sqrt(2 + t²).
        close(
            two_sided_p(1.5, 2.0),
            1.0 - 1.5 / (2.0 + 2.25f64).sqrt(),
            1e-13,
        );
        assert_eq!(two_sided_p(0.0, 7.0), 1.0);
    }

    #[test]
    fn welch_matches_a_worked_example() {
        // Welch's t and df by hand; p from mpmath's betainc at 30 digits:
        // t = 4.024880, df = 8.497549, p = 0.0033698323.
        let mean_sd = |v: &[f64]| {
            let n = v.len() as f64;
            let m = v.iter().sum::<f64>() / n;
            let ss: f64 = v.iter().map(|x| (x - m) * (x - m)).sum();
            (m, (ss / (n - 1.0)).sqrt())
        };
        let (m1, s1) = mean_sd(&[19.1, 20.3, 18.7, 21.0, 19.8]);
        let (m2, s2) = mean_sd(&[22.4, 21.1, 23.0, 20.9, 22.8, 21.7]);
        let w = test(
            Sample {
                n: 5,
                mean: m1,
                sd: s1,
            },
            Sample {
                n: 6,
                mean: m2,
                sd: s2,
            },
        )
        .unwrap();
        close(w.t, 4.024_880, 1e-6);
        close(w.df, 8.497_549, 1e-6);
        close(w.p, 0.003_369_832_3, 1e-10);
        assert!(w.significant());
    }

    #[test]
    fn equal_means_are_not_significant_and_degenerate_samples_are_not_tested() {
        let s = Sample {
            n: 30,
            mean: 2.0,
            sd: 1.0,
        };
        let w = test(s, s).unwrap();
        assert_eq!(w.t, 0.0);
        close(w.p, 1.0, 1e-12);
        assert!(!w.significant());
        let one = Sample { n: 1, ..s };
        assert_eq!(test(one, s), Err(Untestable::TooFew));
        let flat = Sample { sd: 0.0, ..s };
        assert_eq!(test(flat, flat), Err(Untestable::NoSpread));
    }
}
