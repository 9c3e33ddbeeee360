//! The score, defined once (DESIGN.md): item, theme, overall, percent, band, gaps and
//! findings. Pure: an assessment and one input per item in, scores out. Workshops and
//! surveys differ only in how they make each item's input.

pub mod combination;
pub mod comments;
pub mod document;
pub mod findings;
pub mod histogram;
pub mod interval;
pub mod respondent;
pub mod row;
pub mod suppress;
pub mod survey;
pub mod workshop;

use crate::assessment::Assessment;
use crate::result::{Finding, Gap, GapKind};

/// What scoring needs to know about one item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemInput {
    /// The rating given (workshop) or the mean of valid ratings (survey); `None` when
    /// nothing valid was given.
    pub score: Option<f64>,
    pub n: u64,
    pub not_applicable: u64,
    pub missing: u64,
    pub target: Option<i32>,
    /// For an item rated through examples, the highest example's rating: a finding that
    /// says an item is below a point ("no links at all", "at most aware") holds only when
    /// every example is.
    pub highest: Option<f64>,
}

/// The scores of one item.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemScore {
    pub score: Option<f64>,
    pub percent: Option<f64>,
}

/// A weighted mean of scores and of percents over some items.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub score: Option<f64>,
    pub percent: Option<f64>,
    pub answered: usize,
    pub items: usize,
    /// The items are on scales of different lengths, so their scores do not average
    /// into anything meaningful: `score` is `None` and only `percent` is given.
    pub mixed_scales: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// Parallel to `assessment.items`.
    pub items: Vec<ItemScore>,
    /// Parallel to `assessment.themes`.
    pub themes: Vec<Summary>,
    pub overall: Summary,
    pub band: Option<String>,
    pub gaps: Vec<Gap>,
    pub findings: Vec<Finding>,
}

/// Scores an assessment from one input per item (in `assessment.items` order).
pub fn score(assessment: &Assessment, inputs: &[ItemInput]) -> Scores {
    assert_eq!(
        assessment.items.len(),
        inputs.len(),
        "one input per item of the assessment"
    );
    let items: Vec<ItemScore> = assessment
        .items
        .iter()
        .zip(inputs)
        .map(|(item, input)| ItemScore {
            score: input.score,
            percent: input.score.map(|s| assessment.scale_of(item).percent(s)),
        })
        .collect();

    let themes = assessment
        .themes
        .iter()
        .map(|theme| {
            summarise(
                assessment,
                assessment
                    .items
                    .iter()
                    .zip(&items)
                    .filter(|(item, _)| item.theme == theme.id),
            )
        })
        .collect();
    let overall = summarise(assessment, assessment.items.iter().zip(&items));
    let band = overall.percent.and_then(|p| band_of(assessment, p));
    let gaps = gaps(assessment, inputs);
    let findings = findings::evaluate(assessment, &items, inputs);
    Scores {
        items,
        themes,
        overall,
        band,
        gaps,
        findings,
    }
}

/// Weighted means over the answered items. With one scale, percent of the mean score
/// equals the weighted mean of item percents; with several scales only the percents
/// compare, so the percent is always the weighted mean of item percents, and where the
/// items' scales differ in length (1–5 beside 0–4 beside 1–7) there is no score at all:
/// a mean of raw ratings on different scales means nothing.
fn summarise<'a>(
    assessment: &Assessment,
    pairs: impl Iterator<Item = (&'a crate::assessment::Item, &'a ItemScore)>,
) -> Summary {
    let (mut weight, mut score, mut percent, mut answered, mut count) = (0.0, 0.0, 0.0, 0, 0);
    let mut first_range: Option<(i32, i32)> = None;
    let mut mixed_scales = false;
    for (item, s) in pairs {
        count += 1;
        let scale = assessment.scale_of(item);
        // 0–4 beside 1–5 is as meaningless to average as 1–5 beside 1–7.
        let range = (scale.min, scale.max);
        match first_range {
            None => first_range = Some(range),
            Some(r) => mixed_scales |= r != range,
        }
        if let (Some(sc), Some(pc)) = (s.score, s.percent) {
            weight += item.weight;
            score += item.weight * sc;
            percent += item.weight * pc;
            answered += 1;
        }
    }
    let (score, percent) = if answered > 0 {
        (
            (!mixed_scales).then(|| tidy(score / weight)),
            Some(tidy(percent / weight).clamp(0.0, 100.0)),
        )
    } else {
        (None, None)
    };
    Summary {
        score,
        percent,
        answered,
        items: count,
        mixed_scales,
    }
}

/// A weighted mean rounded to 9 decimals: weights such as 0.1 are not exact in binary, so
/// a mean that is exactly 50 can sum to 49.99999999999999 — shown as "50%" but put in the
/// band below. No rating or weight is that fine, so nothing real is lost.
fn tidy(mean: f64) -> f64 {
    (mean * 1e9).round() / 1e9
}

/// The band holding a percent: `min <= p < max`, the last band also holding its max.
pub fn band_of(assessment: &Assessment, percent: f64) -> Option<String> {
    let last = assessment.bands.len().checked_sub(1)?;
    assessment
        .bands
        .iter()
        .enumerate()
        .find(|(i, b)| percent >= b.min && (percent < b.max || (*i == last && percent <= b.max)))
        .map(|(_, b)| b.label.clone())
}

fn gaps(assessment: &Assessment, inputs: &[ItemInput]) -> Vec<Gap> {
    let mut gaps = Vec::new();
    for (item, input) in assessment.items.iter().zip(inputs) {
        let Some(score) = input.score else { continue };
        if let Some(threshold) = assessment.gap_threshold
            && score < threshold
        {
            gaps.push(Gap {
                item: item.id.clone(),
                kind: GapKind::BelowThreshold,
                score,
                reference: threshold,
                size: threshold - score,
            });
        }
        if let Some(target) = input.target {
            let target = f64::from(target);
            if target > score {
                gaps.push(Gap {
                    item: item.id.clone(),
                    kind: GapKind::ToTarget,
                    score,
                    reference: target,
                    size: target - score,
                });
            }
        }
    }
    gaps
}

#[cfg(test)]
mod tests;
