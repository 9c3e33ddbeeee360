//! One respondent's row of the `--respondents` file scored: each theme's and the overall
//! weighted mean of the ratings they gave (in scale points), and the overall percent.
//! The same weights and percent as the Result's (DESIGN.md, "the score, defined once"),
//! over one row instead of the item means. (`respondent` keeps the running summary of
//! every respondent's percent scores that the Result records.)

use crate::assessment::Assessment;
use crate::survey::Cell;

/// What scoring a row needs of each item, looked up once per file.
pub struct RowScorer {
    /// Per item, in the assessment's order: its theme's index, weight and scale (min, max).
    items: Vec<(usize, f64, i32, i32)>,
    themes: usize,
}

/// One respondent's scores; `None` where they rated nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct RowScore {
    /// Per theme, in the assessment's order.
    pub themes: Vec<Option<f64>>,
    pub overall: Option<f64>,
    pub percent: Option<f64>,
}

impl RowScorer {
    pub fn new(assessment: &Assessment) -> RowScorer {
        let items = assessment
            .items
            .iter()
            .map(|i| {
                let theme = assessment
                    .themes
                    .iter()
                    .position(|t| t.id == i.theme)
                    .unwrap_or(0);
                let scale = assessment.scale_of(i);
                (theme, i.weight, scale.min, scale.max)
            })
            .collect();
        RowScorer {
            items,
            themes: assessment.themes.len(),
        }
    }

    /// How many items a row has cells for.
    pub fn items(&self) -> usize {
        self.items.len()
    }

    /// Scores a row's cells (one per item, in the assessment's order). Not applicable,
    /// missing and rejected cells are left out, never averaged in.
    pub fn score(&self, cells: &[Cell]) -> RowScore {
        // Weighted sums per theme and overall: (weight, score, percent).
        let mut themes = vec![(0.0, 0.0, 0.0); self.themes];
        let mut all = (0.0, 0.0, 0.0);
        for (cell, (theme, weight, min, max)) in cells.iter().zip(&self.items) {
            if let Cell::Value(v) = cell {
                let percent = crate::numbers::percent(*min, *max, f64::from(*v));
                for sums in [&mut themes[*theme], &mut all] {
                    sums.0 += weight;
                    sums.1 += weight * f64::from(*v);
                    sums.2 += weight * percent;
                }
            }
        }
        let mean = |sum: f64, weight: f64| (weight > 0.0).then(|| sum / weight);
        RowScore {
            themes: themes.iter().map(|(w, s, _)| mean(*s, *w)).collect(),
            overall: mean(all.1, all.0),
            percent: mean(all.2, all.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_respondent_is_scored_on_what_they_rated_only() {
        let catalog = crate::assessment::Catalog::load(None).unwrap();
        let a = catalog.resolve("building-blocks").unwrap().assessment;
        let scorer = RowScorer::new(&a);
        let mut cells = vec![Cell::Missing; a.items.len()];
        cells[0] = Cell::Value(3);
        cells[1] = Cell::NotApplicable;
        let score = scorer.score(&cells);
        assert_eq!(score.overall, Some(3.0));
        let scale = a.scale_of(&a.items[0]);
        let percent = f64::from(3 - scale.min) / f64::from(scale.max - scale.min) * 100.0;
        assert_eq!(score.percent, Some(percent));
        assert_eq!(score.themes.iter().flatten().count(), 1);
        assert_eq!(
            scorer.score(&vec![Cell::Missing; a.items.len()]).overall,
            None
        );
    }
}
