//! Comments as the Result carries them: per comment question, the exact count, what was
//! removed, and the comments kept, each labelled with its respondent's group only where
//! that group's figures are shown (for a comment on an item or a theme, that item's or
//! theme's figures in that group). Pure: the comments were read and redacted by
//! `crate::survey`; here they only meet the suppression plan.

use super::suppress::Plan;
use super::survey::Grouping;
use crate::assessment::{Assessment, CommentQuestion};
use crate::result::{Comment, CommentsResult, Redactions};
use crate::survey::Combination;

/// The longest comment a Result keeps, in characters: a page of text. A longer one is
/// cut (at a word) and says so; `--comments FILE.csv` has it whole.
pub const MAX_COMMENT_CHARS: usize = 2000;

/// The comments read for one comment question.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CommentTally {
    /// The column it was read from.
    pub column: Option<String>,
    /// Every non-empty answer.
    pub count: u64,
    pub redactions: Redactions,
    /// The comments kept (a bounded sample when there are very many), in their shuffled
    /// order.
    pub kept: Vec<KeptComment>,
}

/// One comment kept, redacted and cut, with its respondent's group as read (before
/// `--combine` and suppression).
#[derive(Debug, Clone, PartialEq)]
pub struct KeptComment {
    pub text: String,
    pub group: Option<String>,
    pub removed: u64,
    pub cut: u64,
}

/// The Result's comments: one entry per comment question, in the assessment's order.
pub fn results(
    assessment: &Assessment,
    tallies: Vec<CommentTally>,
    grouping: Option<&Grouping>,
) -> Vec<CommentsResult> {
    let plan = grouping.map(super::survey::plan);
    assessment
        .comments
        .iter()
        .zip(tallies)
        .map(|(question, tally)| {
            let shown = |raw: &str| {
                let (grouping, plan) = (grouping?, plan.as_ref()?);
                published_group(assessment, question, grouping, plan, raw)
            };
            CommentsResult {
                id: question.id.clone(),
                question: question.question.clone(),
                theme: question.theme.clone(),
                item: question.item.clone(),
                column: tally.column,
                count: tally.count,
                redactions: tally.redactions,
                comments: tally
                    .kept
                    .into_iter()
                    .map(|k| Comment {
                        group: k.group.as_deref().and_then(shown),
                        text: k.text,
                        removed: k.removed,
                        cut: k.cut,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The group label a comment may carry: its group after `--combine`, when that group's
/// figures on what the question is about are shown; otherwise none.
pub fn published_group(
    assessment: &Assessment,
    question: &CommentQuestion,
    grouping: &Grouping,
    plan: &Plan,
    raw: &str,
) -> Option<String> {
    let label = combined_label(&grouping.combined, raw);
    let g = grouping.groups.iter().position(|g| g.label == label)?;
    let items: Vec<usize> = match (&question.theme, &question.item) {
        (Some(theme), _) => (0..assessment.items.len())
            .filter(|k| assessment.items[*k].theme == *theme)
            .collect(),
        (_, Some(item)) => assessment
            .items
            .iter()
            .position(|i| i.id == *item)
            .into_iter()
            .collect(),
        _ => Vec::new(),
    };
    plan.over(g, items).is_none().then(|| label.to_string())
}

/// A group value's label after `--combine`.
fn combined_label<'a>(combined: &'a [Combination], raw: &'a str) -> &'a str {
    combined
        .iter()
        .find(|c| c.covers(raw))
        .map_or(raw, |c| c.label.as_str())
}
