//! Which column each item was matched to, and how: what the header matching decides
//! and the rest of the reader (references, reworded questions, messages, the Result's
//! account) reads. A leaf of the survey reader.

pub use crate::result::MatchedBy;

impl MatchedBy {
    /// Which of the item's texts a pass compares, for messages.
    pub(super) fn what(self) -> &'static str {
        match self {
            MatchedBy::Map => "--map",
            MatchedBy::Id => "its id",
            MatchedBy::Alias => "its aliases",
            MatchedBy::Text => "its text",
            MatchedBy::Grid => "a grid row",
            MatchedBy::Wording => "its wording",
        }
    }
}

/// Items to columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    /// Per item (in `assessment.items` order): its column and how it was matched.
    pub items: Vec<Option<(usize, MatchedBy)>>,
    /// Per item: for a reworded question, how its wording matched, in words.
    pub how: Vec<Option<String>>,
    /// Per comment question (in `assessment.comments` order): its column and how it was
    /// matched. Exactly only: a free-text column is never guessed at.
    pub comments: Vec<Option<(usize, MatchedBy)>>,
}
