//! How many comments each comment question drew in each Result compared: a count only
//! (a comparison shows no comment's words, which belong to their own quarter's report).

use serde::Serialize;

use crate::result::ResultDoc;

/// One comment question's count in each period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommentCounts {
    pub id: String,
    pub question: String,
    /// Per Result compared, in their order: `None` where it was not asked (no column
    /// matched it, or the Result has no comments).
    pub counts: Vec<Option<u64>>,
}

/// The comment questions of any of `docs`, in the order the latest asks them (then any
/// only earlier ones asked), each with its count per Result.
pub fn counts(docs: &[&ResultDoc]) -> Vec<CommentCounts> {
    let mut out: Vec<CommentCounts> = Vec::new();
    for doc in docs.iter().rev() {
        for q in &doc.comments {
            if !out.iter().any(|c| c.id == q.id) {
                out.push(CommentCounts {
                    id: q.id.clone(),
                    question: q.question.clone(),
                    counts: Vec::new(),
                });
            }
        }
    }
    for c in &mut out {
        c.counts = docs.iter().map(|d| d.comment_count(&c.id)).collect();
    }
    out.retain(|c| c.counts.iter().any(Option::is_some));
    out
}
