//! How several raters' ratings of an item are shown before the group agrees one: each
//! rater's rating, the spread, a histogram over the scale with whole labels where the
//! terminal is wide enough, and a flag when the ratings span two points or more.

use crate::assessment::Scale;
use crate::interact::layout::fit;
use crate::response::{Answer, RaterSpec, Rating};

/// The text of the spread at `width` columns, and the ratings given (not N/A).
pub fn spread(
    scale: &Scale,
    raters: &[RaterSpec],
    answer: &Answer,
    width: usize,
) -> (String, Vec<i32>) {
    let mut given = Vec::new();
    let mut each = Vec::new();
    for r in raters {
        match answer.raters.get(&r.label) {
            Some(Rating::Value(v)) => {
                given.push(*v);
                each.push(format!("{} {v}", r.label));
            }
            Some(Rating::NotApplicable) => each.push(format!("{} N/A", r.label)),
            None => {}
        }
    }
    let mut text = format!("Ratings: {}", each.join(" · "));
    let (Some(&lo), Some(&hi)) = (given.iter().min(), given.iter().max()) else {
        return (text, given);
    };
    if lo == hi && given.len() > 1 {
        text.push_str(" — all agree");
    } else if lo != hi {
        text.push_str(&format!(" — spread {lo} to {hi}"));
    }
    let names_at = |v: i32| -> Vec<&str> {
        raters
            .iter()
            .filter(|r| answer.raters.get(&r.label) == Some(&Rating::Value(v)))
            .map(|r| r.label.as_str())
            .collect()
    };
    let bars: usize = (scale.min..=scale.max)
        .map(|v| {
            let names = names_at(v);
            names.len() + 1 + names.join(", ").chars().count()
        })
        .max()
        .unwrap_or(0);
    let longest = (scale.min..=scale.max)
        .map(|v| scale.label(v).chars().count())
        .max()
        .unwrap_or(0);
    // Whole labels when they fit beside the longest bar; shortened only when not.
    let label_width = longest.min(width.saturating_sub(5 + 2 + bars)).max(8);
    for v in scale.min..=scale.max {
        let names = names_at(v);
        let line = format!(
            "  {v:>2} {:<label_width$} │{} {}",
            fit(&scale.label(v), label_width),
            "■".repeat(names.len()),
            names.join(", ")
        );
        text.push('\n');
        text.push_str(line.trim_end());
    }
    if hi - lo >= 2 {
        text.push_str(&format!(
            "\n⚑ Disagreement: the ratings span {} points. Discuss before agreeing.",
            hi - lo
        ));
    }
    (text, given)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Catalog;

    fn raters() -> Vec<RaterSpec> {
        RaterSpec::parse_list("Sam, Priya, Alex").unwrap()
    }

    fn rated(values: &[i32]) -> Answer {
        let mut a = Answer::default();
        for (r, v) in raters().iter().zip(values) {
            a.raters.insert(r.label.clone(), Rating::Value(*v));
        }
        a
    }

    fn maturity() -> Scale {
        let c = Catalog::load(None).unwrap();
        let a = &c.resolve("building-blocks").unwrap().assessment;
        a.scale_of(&a.items[0]).clone()
    }

    #[test]
    fn whole_labels_when_wide_enough() {
        let (text, given) = spread(&maturity(), &raters(), &rated(&[1, 3, 4]), 80);
        assert_eq!(given, vec![1, 3, 4]);
        assert!(
            text.starts_with("Ratings: Sam 1 · Priya 3 · Alex 4 — spread 1 to 4\n"),
            "{text}"
        );
        assert!(
            text.contains("   4 Embedded and sustained │■ Alex"),
            "{text}"
        );
        assert!(text.contains("⚑ Disagreement: the ratings span 3 points"));
        let (narrow, _) = spread(&maturity(), &raters(), &rated(&[1, 3, 4]), 30);
        assert!(narrow.contains("Embedded and su…"), "{narrow}");
        assert!(
            narrow
                .lines()
                .filter(|l| l.starts_with("  "))
                .all(|l| l.chars().count() <= 30),
            "{narrow}"
        );
    }

    #[test]
    fn agreement_shows_no_empty_range() {
        let (text, _) = spread(&maturity(), &raters(), &rated(&[2, 2, 2]), 80);
        assert!(
            text.starts_with("Ratings: Sam 2 · Priya 2 · Alex 2 — all agree"),
            "{text}"
        );
        assert!(!text.contains("range") && !text.contains("2–2") && !text.contains('⚑'));
    }
}
