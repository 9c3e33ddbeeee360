//! A survey's counted returns scored into a Result document. Pure: the histograms are
//! made by `crate::survey` while it reads the file; here each item's mean becomes its
//! score (through the same `document` as a workshop), and groups are scored and, when
//! small, suppressed.

use super::histogram::Histogram;
use super::{ItemInput, document, score};
use crate::assessment::Assessment;
use crate::result::{
    Context, GroupBy, GroupDifference, GroupItem, GroupResult, GroupScore, Rejected, ResultDoc,
    SurveySource,
};

/// The counts of some returns: one histogram per item, in `assessment.items` order.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    pub items: Vec<Histogram>,
    /// Rows counted (those with at least one rating or "not applicable").
    pub respondents: u64,
}

impl Tally {
    /// An empty tally, one histogram per item on its scale.
    pub fn new(assessment: &Assessment) -> Tally {
        Tally {
            items: assessment
                .items
                .iter()
                .map(|item| {
                    let scale = assessment.scale_of(item);
                    Histogram::new(scale.min, scale.max)
                })
                .collect(),
            respondents: 0,
        }
    }

    fn inputs(&self) -> Vec<ItemInput> {
        self.items.iter().map(Histogram::input).collect()
    }
}

/// The returns of one value of the `--group-by` column.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupTally {
    pub label: String,
    pub tally: Tally,
}

/// Returns split by a column.
#[derive(Debug, Clone, PartialEq)]
pub struct Grouping {
    pub column: String,
    /// Groups with fewer respondents are suppressed.
    pub min_group: u64,
    pub groups: Vec<GroupTally>,
}

/// Everything read from a survey file, ready to score.
#[derive(Debug, Clone)]
pub struct Returns {
    pub tally: Tally,
    pub grouping: Option<Grouping>,
    /// The rejected cells listed (the first of them, when there are very many).
    pub rejected: Vec<Rejected>,
    pub source: SurveySource,
}

/// Scores a survey's returns.
pub fn result(assessment: &Assessment, context: Context, returns: Returns) -> ResultDoc {
    let inputs = returns.tally.inputs();
    let mut doc = document::document(assessment, context, &inputs);
    doc.respondents = returns.tally.respondents;
    for (item, histogram) in doc.items.iter_mut().zip(&returns.tally.items) {
        item.aggregate = histogram.aggregate();
    }
    for id in &returns.source.unmatched_items {
        if let Some(item) = doc.items.iter_mut().find(|i| i.id == *id) {
            item.notes
                .push("No column of the survey file matched this item.".to_string());
        }
    }
    if let Some(grouping) = &returns.grouping {
        let (groups, differences) = groups(assessment, grouping);
        doc.groups = groups;
        doc.group_by = Some(GroupBy {
            column: grouping.column.clone(),
            min_group: grouping.min_group,
            differences,
        });
    }
    doc.rejected = returns.rejected;
    doc.survey = Some(returns.source);
    doc
}

/// Which groups to suppress: those under `min`, and, when exactly one is, the next
/// smallest too, so the small group cannot be worked out by subtracting the others from
/// the total.
pub fn suppressed(respondents: &[u64], min: u64) -> Vec<bool> {
    let mut hidden: Vec<bool> = respondents.iter().map(|r| *r < min).collect();
    if hidden.iter().filter(|h| **h).count() == 1
        && let Some(next) = (0..respondents.len())
            .filter(|i| !hidden[*i])
            .min_by_key(|i| respondents[*i])
    {
        hidden[next] = true;
    }
    hidden
}

fn groups(
    assessment: &Assessment,
    grouping: &Grouping,
) -> (Vec<GroupResult>, Vec<GroupDifference>) {
    let sizes: Vec<u64> = grouping
        .groups
        .iter()
        .map(|g| g.tally.respondents)
        .collect();
    let hidden = suppressed(&sizes, grouping.min_group);
    let results: Vec<GroupResult> = grouping
        .groups
        .iter()
        .zip(&hidden)
        .map(|(group, hidden)| {
            if *hidden {
                return GroupResult {
                    label: group.label.clone(),
                    suppressed: true,
                    respondents: None,
                    overall: None,
                    themes: Vec::new(),
                    items: Vec::new(),
                };
            }
            let inputs = group.tally.inputs();
            let scores = score(assessment, &inputs);
            GroupResult {
                label: group.label.clone(),
                suppressed: false,
                respondents: Some(group.tally.respondents),
                overall: Some(GroupScore {
                    id: String::new(),
                    score: scores.overall.score,
                    percent: scores.overall.percent,
                    band: scores.band.clone(),
                }),
                themes: assessment
                    .themes
                    .iter()
                    .zip(&scores.themes)
                    .map(|(t, s)| GroupScore {
                        id: t.id.clone(),
                        score: s.score,
                        percent: s.percent,
                        band: None,
                    })
                    .collect(),
                items: assessment
                    .items
                    .iter()
                    .zip(&group.tally.items)
                    .zip(&scores.items)
                    .map(|((item, h), s)| GroupItem {
                        id: item.id.clone(),
                        score: s.score,
                        percent: s.percent,
                        n: h.n(),
                        not_applicable: h.not_applicable,
                        missing: h.missing,
                        aggregate: h.aggregate(),
                    })
                    .collect(),
            }
        })
        .collect();

    let mut differences = Vec::new();
    for (index, item) in assessment.items.iter().enumerate() {
        let scored: Vec<(&str, f64)> = results
            .iter()
            .filter_map(|g| Some((g.label.as_str(), g.items.get(index)?.score?)))
            .collect();
        if scored.len() < 2 {
            continue;
        }
        let high = scored
            .iter()
            .fold(scored[0], |a, b| if b.1 > a.1 { *b } else { a });
        let low = scored
            .iter()
            .fold(scored[0], |a, b| if b.1 < a.1 { *b } else { a });
        differences.push(GroupDifference {
            item: item.id.clone(),
            high_group: high.0.to_string(),
            high: high.1,
            low_group: low.0.to_string(),
            low: low.1,
            difference: high.1 - low.1,
        });
    }
    (results, differences)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_groups_are_suppressed() {
        assert_eq!(
            suppressed(&[12, 30, 4, 3], 10),
            vec![false, false, true, true]
        );
        assert_eq!(suppressed(&[12, 30, 40], 10), vec![false, false, false]);
    }

    #[test]
    fn a_lone_small_group_takes_the_next_smallest_with_it() {
        assert_eq!(
            suppressed(&[40, 12, 4, 25], 10),
            vec![false, true, true, false]
        );
        // Two groups, one small: both go, or the small one is the total less the other.
        assert_eq!(suppressed(&[3, 50], 10), vec![true, true]);
    }

    #[test]
    fn no_minimum_suppresses_nothing() {
        assert_eq!(suppressed(&[1, 2], 0), vec![false, false]);
    }
}
