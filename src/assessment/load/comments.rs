//! The checks of an assessment's free-text questions (`[[comments]]`): each id unique
//! and no item's (`--map` names both), a question to ask, and at most one theme or item
//! it belongs to, which must exist.

use std::collections::HashSet;

use super::super::CommentQuestion;
use super::super::file::CommentFile;
use super::{Checker, is_id};

impl Checker<'_> {
    pub(super) fn comments(
        &mut self,
        comments: &[CommentFile],
        themes: &[String],
        items: &HashSet<String>,
    ) -> Vec<CommentQuestion> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for c in comments {
            self.comment_id(c, &mut seen, items);
            let question = c.question.get_ref().trim();
            if question.is_empty() {
                self.problem(
                    c.question.span(),
                    "the question is empty: give the words a respondent reads",
                );
            }
            self.comment_place(c, themes, items);
            for alias in &c.aliases {
                if alias.get_ref().trim().is_empty() {
                    self.problem(
                        alias.span(),
                        "an alias is empty: give a header a survey export may use",
                    );
                }
            }
            out.push(CommentQuestion {
                id: c.id.get_ref().clone(),
                question: question.to_string(),
                question_by: c.question_by,
                theme: c.theme.as_ref().map(|t| t.get_ref().clone()),
                item: c.item.as_ref().map(|i| i.get_ref().clone()),
                aliases: c
                    .aliases
                    .iter()
                    .map(|a| a.get_ref().trim().to_string())
                    .collect(),
            });
        }
        out
    }

    /// A comment question's id: well formed, unique, and no item's.
    fn comment_id(&mut self, c: &CommentFile, seen: &mut HashSet<String>, items: &HashSet<String>) {
        let id = c.id.get_ref();
        if !is_id(id) {
            self.problem(
                c.id.span(),
                format!(
                    "comment id \"{id}\" must be lower-case letters, digits, '-' and '_' (e.g. \"anything-else\")"
                ),
            );
        }
        self.unique(seen, &c.id, "comment");
        if items.contains(id) {
            self.problem(
                c.id.span(),
                format!(
                    "comment id \"{id}\" is also an item's id: `--map {id}=COLUMN` must name one question"
                ),
            );
        }
    }

    /// What a comment question is about: at most one theme or item, which must exist.
    fn comment_place(&mut self, c: &CommentFile, themes: &[String], items: &HashSet<String>) {
        let id = c.id.get_ref();
        if let (Some(_), Some(item)) = (&c.theme, &c.item) {
            self.problem(
                item.span(),
                "a comment question belongs to a theme or to an item, not both: keep one",
            );
        }
        if let Some(theme) = &c.theme
            && !themes.contains(theme.get_ref())
        {
            self.problem(
                theme.span(),
                format!(
                    "comment \"{id}\" is about an unknown theme \"{}\" (themes: {})",
                    theme.get_ref(),
                    themes.join(", ")
                ),
            );
        }
        if let Some(item) = &c.item
            && !items.contains(item.get_ref())
        {
            let mut known: Vec<&str> = items.iter().map(String::as_str).collect();
            known.sort_unstable();
            self.problem(
                item.span(),
                format!(
                    "comment \"{id}\" is about an unknown item \"{}\" (items: {})",
                    item.get_ref(),
                    known.join(", ")
                ),
            );
        }
    }
}
