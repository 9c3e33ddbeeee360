//! Comments as the Result carries them: per comment question, the exact count, what was
//! removed, and the comments kept, each labelled with its respondent's group only where
//! that group's figures are shown (for a comment on an item or a theme, that item's or
//! theme's figures in that group). Pure: the comments were read and redacted by
//! `crate::survey`; here they only meet the suppression plan.

use crate::assessment::{Assessment, CommentQuestion};
use crate::result::{Comment, CommentsResult, Redactions, ResultDoc};

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
/// `doc` is the Result with its groups already scored and suppressed.
pub fn results(
    assessment: &Assessment,
    tallies: Vec<CommentTally>,
    doc: &ResultDoc,
) -> Vec<CommentsResult> {
    assessment
        .comments
        .iter()
        .zip(tallies)
        .map(|(question, tally)| CommentsResult {
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
                    group: k
                        .group
                        .as_deref()
                        .and_then(|raw| published_group(doc, question, raw)),
                    text: k.text,
                    removed: k.removed,
                    cut: k.cut,
                })
                .collect(),
        })
        .collect()
}

/// The group label a comment may carry: its group after `--combine`, when that group's
/// figures on what the question is about (its theme, its item, or the group itself) are
/// shown in `doc`; otherwise none.
pub fn published_group(doc: &ResultDoc, question: &CommentQuestion, raw: &str) -> Option<String> {
    let by = doc.group_by.as_ref()?;
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    let label = by
        .combined
        .iter()
        .find(|c| c.values.iter().any(|v| same(v, raw)))
        .map_or(raw, |c| c.label.as_str());
    let group = doc
        .groups
        .iter()
        .find(|g| g.label == label && !g.suppressed)?;
    let shown = match (&question.theme, &question.item) {
        (Some(theme), _) => group
            .themes
            .iter()
            .any(|t| t.id == *theme && t.reason.is_none()),
        (_, Some(item)) => group
            .items
            .iter()
            .any(|i| i.id == *item && i.reason.is_none()),
        _ => true,
    };
    shown.then(|| label.to_string())
}
