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

/// Scores a survey's returns. The whole survey is suppressed as one group of the same
/// plan as the groups' (`suppress::whole`): an item rated by fewer than the minimum has
/// no score, percent or aggregate, and no gap or finding is raised on it; a theme or the
/// overall that includes it is hidden; a file of fewer respondents shows no figure.
pub fn result(assessment: &Assessment, context: Context, returns: Returns) -> ResultDoc {
    let min_group = returns.source.min_group;
    let tally = &returns.tally;
    let answers: Vec<u64> = tally.items.iter().map(Histogram::n).collect();
    let whole = suppress::whole(tally.respondents, &answers, min_group);
    let hidden = |k: usize| whole.items[0][k];
    let inputs: Vec<ItemInput> = tally
        .inputs()
        .into_iter()
        .enumerate()
        .map(|(k, input)| match hidden(k) {
            Some(_) => ItemInput {
                score: None,
                highest: None,
                ..input
            },
            None => input,
        })
        .collect();
    let mut doc = document::document(assessment, context, &inputs);
    doc.respondents = tally.respondents;
    for (k, (item, histogram)) in doc.items.iter_mut().zip(&tally.items).enumerate() {
        match hidden(k) {
            Some(why) => item.reason = Some(why.survey_text(min_group)),
            None => item.aggregate = histogram.aggregate(),
        }
    }
    overall_and_themes(assessment, &mut doc, &whole, tally, min_group);
    answered_as_given(assessment, &mut doc, &tally.inputs());
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
    if let Some(warning) = too_few_warning(tally.respondents, min_group) {
        doc.warnings.push(warning);
    }
    doc.rejected = returns.rejected;
    doc.survey = Some(returns.source);
    if returns.comments.iter().any(|c| c.column.is_some()) {
        doc.comments = super::comments::results(assessment, returns.comments, &doc);
    }
    doc
}

/// How to show more figures when a minimum hides them: the same words on standard error
/// and in the Result's warning.
pub const LOWER_THE_MINIMUM: &str = "--min-group N lowers the minimum, only where everyone who answered has agreed that their answers may be shown";

/// The warning of a file with fewer respondents than the minimum: no figure is shown.
pub fn too_few_warning(respondents: u64, min_group: u64) -> Option<String> {
    (respondents > 0 && respondents < min_group).then(|| {
        format!(
            "The file has {respondents} respondent{}, fewer than the minimum of {min_group} a figure is shown for, so no score figure is shown (only counts of respondents, answers and comments): figures on so few people may identify them. {LOWER_THE_MINIMUM}.",
            if respondents == 1 { "" } else { "s" }
        )
    })
}

/// How many items were answered, overall and per theme, counting an item not shown (rated
/// by fewer than the minimum) as answered: it was, and its count of answers is shown. A
/// count, not a figure, so suppression leaves it: "0 of 10" beside a hidden overall would
/// say that nobody answered.
fn answered_as_given(assessment: &Assessment, doc: &mut ResultDoc, given: &[ItemInput]) {
    let answered = |theme: Option<&str>| {
        assessment
            .items
            .iter()
            .zip(given)
            .filter(|(item, input)| input.score.is_some() && theme.is_none_or(|t| item.theme == t))
            .count()
    };
    doc.overall.answered = answered(None);
    for theme in &mut doc.themes {
        theme.answered = answered(Some(&theme.id));
    }
}

/// The whole survey's overall and theme figures as the plan lets them be shown: the
/// respondents' own scores beside them, or nothing but the reason.
fn overall_and_themes(
    assessment: &Assessment,
    doc: &mut ResultDoc,
    whole: &Plan,
    tally: &Tally,
    min: u64,
) {
    let per_respondent = &tally.per_respondent;
    match whole.over(0, 0..assessment.items.len()) {
        Some(why) => {
            let o = &mut doc.overall;
            (o.score, o.percent, o.band) = (None, None, None);
            o.reason = Some(why.survey_text(min));
        }
        None => doc.overall.per_respondent = per_respondent.overall.spread(),
    }
    for ((theme, result), moments) in assessment
        .themes
        .iter()
        .zip(doc.themes.iter_mut())
        .zip(&per_respondent.themes)
    {
        let members = assessment
            .items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.theme == theme.id)
            .map(|(k, _)| k);
        match whole.over(0, members) {
            Some(why) => {
                (result.score, result.percent) = (None, None);
                result.reason = Some(why.survey_text(min));
            }
            None => result.per_respondent = moments.spread(),
        }
    }
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
