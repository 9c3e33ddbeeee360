//! A survey's counted returns scored into a Result document. Pure: the histograms are
//! made by `crate::survey` while it reads the file; here each item's mean becomes its
//! score (through the same `document` as a workshop), and groups are scored and
//! suppressed as `suppress` plans, so that no hidden figure can be worked out.

use super::combination::Combination;
use super::histogram::Histogram;
use super::respondent::RespondentScores;
use super::suppress::{self, Plan};
use super::{ItemInput, Scores, document, score};
use crate::assessment::Assessment;
use crate::result::{
    CombinedGroup, Context, GroupBy, GroupDifference, GroupItem, GroupResult, GroupScore, Rejected,
    ResultDoc, SurveySource,
};

/// The counts of some returns: one histogram per item, in `assessment.items` order.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    pub items: Vec<Histogram>,
    /// Rows counted (those with at least one rating or "not applicable").
    pub respondents: u64,
    /// Each respondent's own overall and theme scores, summarised.
    pub per_respondent: RespondentScores,
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
            per_respondent: RespondentScores::new(assessment),
        }
    }

    fn inputs(&self) -> Vec<ItemInput> {
        self.items.iter().map(Histogram::input).collect()
    }

    /// Adds another tally's counts to this one.
    pub fn merge(&mut self, other: &Tally) {
        for (a, b) in self.items.iter_mut().zip(&other.items) {
            a.merge(b);
        }
        self.respondents += other.respondents;
        self.per_respondent.merge(&other.per_respondent);
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
    /// Figures resting on fewer answers are suppressed.
    pub min_group: u64,
    /// Values combined into one group before suppression (`--combine`).
    pub combined: Vec<Combination>,
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
    /// Per comment question (in `assessment.comments` order), what was read.
    pub comments: Vec<super::comments::CommentTally>,
}

/// Scores a survey's returns.
pub fn result(assessment: &Assessment, context: Context, returns: Returns) -> ResultDoc {
    let min_group = returns.source.min_group;
    let inputs = returns.tally.inputs();
    let mut doc = document::document(assessment, context, &inputs);
    doc.respondents = returns.tally.respondents;
    let per_respondent = &returns.tally.per_respondent;
    doc.overall.per_respondent = per_respondent.overall.spread();
    for (theme, moments) in doc.themes.iter_mut().zip(&per_respondent.themes) {
        theme.per_respondent = moments.spread();
    }
    for (item, histogram) in doc.items.iter_mut().zip(&returns.tally.items) {
        item.aggregate = histogram.aggregate();
        let n = histogram.n();
        if n > 0 && n < min_group && returns.tally.respondents >= min_group {
            item.notes.push(format!(
                "Only {n} answers: fewer than {min_group}, so read this figure with care{}.",
                if returns.grouping.is_some() {
                    "; it is not shown per group"
                } else {
                    ""
                }
            ));
        }
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
            combined: grouping
                .combined
                .iter()
                .map(|c| CombinedGroup {
                    label: c.label.clone(),
                    values: c.values.clone(),
                })
                .collect(),
            differences,
        });
    }
    if returns.tally.respondents < min_group {
        doc.warnings.push(format!(
            "These figures describe fewer than {min_group} people ({} respondents): below the minimum of {min_group} answers a figure is shown for, so they may identify individuals. Do not publish them.",
            returns.tally.respondents
        ));
    }
    doc.rejected = returns.rejected;
    doc.survey = Some(returns.source);
    if returns.comments.iter().any(|c| c.column.is_some()) {
        doc.comments = super::comments::results(assessment, returns.comments, &doc);
    }
    doc
}

/// The suppression plan of a grouping.
pub fn plan(grouping: &Grouping) -> Plan {
    let respondents: Vec<u64> = grouping
        .groups
        .iter()
        .map(|g| g.tally.respondents)
        .collect();
    let answers: Vec<Vec<u64>> = grouping
        .groups
        .iter()
        .map(|g| g.tally.items.iter().map(Histogram::n).collect())
        .collect();
    suppress::plan(&respondents, &answers, grouping.min_group)
}

/// When a group is suppressed only to protect a smaller one, how to show it safely:
/// combine the small groups (with it, if they are still too few together) before
/// suppression. Names groups, never their sizes.
pub fn combine_hint(grouping: &Grouping) -> Option<String> {
    let plan = plan(grouping);
    let label = |g: usize| grouping.groups[g].label.clone();
    let protecting: Vec<usize> = plan.complementary().collect();
    if protecting.is_empty() {
        return None;
    }
    let small: Vec<usize> = (0..grouping.groups.len())
        .filter(|g| plan.groups[*g] == Some(suppress::Reason::TooFew))
        .collect();
    let together: u64 = small
        .iter()
        .map(|g| grouping.groups[*g].tally.respondents)
        .sum();
    let mut combine: Vec<String> = small.iter().map(|g| label(*g)).collect();
    if together < grouping.min_group || combine.len() < 2 {
        combine.extend(protecting.iter().map(|g| label(*g)));
    }
    let names = |gs: &[usize]| {
        gs.iter()
            .map(|g| format!("{:?}", label(*g)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(format!(
        "{} suppressed only so that {} cannot be worked out from the total; to show more, combine groups before suppression, e.g. --combine \"{}={}\"",
        names(&protecting),
        names(&small),
        combine.join("+"),
        combine.join(" and ")
    ))
}

/// The groups' results, suppressed as planned, and per item the highest and lowest
/// group shown.
fn groups(
    assessment: &Assessment,
    grouping: &Grouping,
) -> (Vec<GroupResult>, Vec<GroupDifference>) {
    let plan = plan(grouping);
    let shown = Shown {
        assessment,
        plan: &plan,
        min: grouping.min_group,
    };
    let results: Vec<GroupResult> = grouping
        .groups
        .iter()
        .enumerate()
        .map(|(g, group)| shown.group(g, group))
        .collect();
    let differences = differences(assessment, &results);
    (results, differences)
}

/// A grouping's figures as the suppression plan lets them be shown.
struct Shown<'a> {
    assessment: &'a Assessment,
    plan: &'a Plan,
    min: u64,
}

impl Shown<'_> {
    fn reason(&self, r: Option<suppress::Reason>) -> Option<String> {
        r.map(|r| r.text(self.min))
    }

    /// Group `g`'s result: nothing but its reason when the whole group is suppressed.
    fn group(&self, g: usize, group: &GroupTally) -> GroupResult {
        if let Some(why) = self.plan.groups[g] {
            return GroupResult {
                label: group.label.clone(),
                suppressed: true,
                reason: Some(why.text(self.min)),
                respondents: None,
                overall: None,
                themes: Vec::new(),
                items: Vec::new(),
            };
        }
        let scores = score(self.assessment, &group.tally.inputs());
        let hidden = self.plan.over(g, 0..self.assessment.items.len());
        GroupResult {
            label: group.label.clone(),
            suppressed: false,
            reason: None,
            respondents: Some(group.tally.respondents),
            overall: Some(GroupScore {
                id: String::new(),
                score: scores.overall.score.filter(|_| hidden.is_none()),
                percent: scores.overall.percent.filter(|_| hidden.is_none()),
                band: scores.band.clone().filter(|_| hidden.is_none()),
                reason: self.reason(hidden),
            }),
            themes: self.themes(g, &scores),
            items: self.items(g, &group.tally, &scores),
        }
    }

    /// Group `g`'s theme scores; a theme with an item suppressed in the group is hidden.
    fn themes(&self, g: usize, scores: &Scores) -> Vec<GroupScore> {
        let assessment = self.assessment;
        assessment
            .themes
            .iter()
            .zip(&scores.themes)
            .map(|(t, s)| {
                let members = assessment
                    .items
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| i.theme == t.id)
                    .map(|(k, _)| k);
                let hidden = self.plan.over(g, members);
                GroupScore {
                    id: t.id.clone(),
                    score: s.score.filter(|_| hidden.is_none()),
                    percent: s.percent.filter(|_| hidden.is_none()),
                    band: None,
                    reason: self.reason(hidden),
                }
            })
            .collect()
    }

    /// Group `g`'s item figures, each shown whole or replaced by its reason.
    fn items(&self, g: usize, tally: &Tally, scores: &Scores) -> Vec<GroupItem> {
        self.assessment
            .items
            .iter()
            .zip(&tally.items)
            .zip(&scores.items)
            .enumerate()
            .map(|(k, ((item, h), s))| match self.plan.items[g][k] {
                Some(why) => GroupItem {
                    id: item.id.clone(),
                    score: None,
                    percent: None,
                    n: None,
                    not_applicable: None,
                    missing: None,
                    reason: Some(why.text(self.min)),
                    aggregate: None,
                },
                None => GroupItem {
                    id: item.id.clone(),
                    score: s.score,
                    percent: s.percent,
                    n: Some(h.n()),
                    not_applicable: Some(h.not_applicable),
                    missing: Some(h.missing),
                    reason: None,
                    aggregate: h.aggregate(),
                },
            })
            .collect()
    }
}

/// Per item scored in two groups or more, the highest and lowest group: from the
/// groups and items shown only.
fn differences(assessment: &Assessment, results: &[GroupResult]) -> Vec<GroupDifference> {
    let mut differences = Vec::new();
    for (index, item) in assessment.items.iter().enumerate() {
        let scored: Vec<(&str, f64)> = results
            .iter()
            .filter(|g| !g.suppressed)
            .filter_map(|g| {
                let cell = g.items.get(index)?;
                if cell.reason.is_some() {
                    return None;
                }
                Some((g.label.as_str(), cell.score?))
            })
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
    differences
}
