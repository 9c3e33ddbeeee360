//! The review: every answer on one menu, finish or go on with those not answered, or
//! change one answer — choosing an item lists its parts (each rater's rating, the agreed
//! rating or the examples, the note, each field, the target, the action) and only the
//! part chosen is asked again.

use super::{Asked, Session};
use crate::interact::{Entry, Menu, Pick, Prompter, Screen, item_view};
use crate::render::text::labelled;
use crate::response::Rating;

/// A part of an answer that can be changed on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Rater(String),
    Rating,
    Examples,
    Note,
    Field(String),
    Target,
    Action,
}

impl<P: Prompter> Session<'_, P> {
    /// Shows the review until the workshop is finished (`None`) or continued at an item.
    pub(super) fn review(&mut self) -> anyhow::Result<Option<usize>> {
        let a = self.assessment;
        let mut at = 0;
        loop {
            self.prompter.screen(&Screen {
                head: format!(
                    "Review — {}, {}, {}",
                    a.title, self.draft.organisation, self.draft.period
                ),
                body: String::new(),
            });
            if let Some(notice) = self.notice.take() {
                self.prompter.say(&notice);
            }
            if let Some(promises) = self.promises_summary() {
                self.prompter.say(&promises);
            }
            let mut entries = Vec::new();
            let mut unanswered = Vec::new();
            for k in 0..a.items.len() {
                let answered = self
                    .draft
                    .answers
                    .items
                    .get(&a.items[k].id)
                    .is_some_and(|x| x.is_answered());
                if !answered {
                    unanswered.push(k);
                }
                let summary = if answered {
                    self.summary(k)
                } else if self.draft.skipped.contains(&a.items[k].id) {
                    "skipped".to_string()
                } else {
                    "not answered".to_string()
                };
                entries.push(Entry::plain(format!(
                    "{}. {} — {summary}",
                    k + 1,
                    a.items[k].title
                )));
            }
            let mut top = Vec::new();
            if let Some(&k) = unanswered.first() {
                top.push(Entry::plain(format!(
                    "Continue with those not answered, from {}: {}",
                    k + 1,
                    a.items[k].title
                )));
                top.push(Entry::plain(format!(
                    "Finish and score ({} not answered)",
                    unanswered.len()
                )));
            } else {
                top.push(Entry::plain("Finish and score"));
            }
            let offset = top.len();
            top.extend(entries);
            let menu = Menu::new("Finish, or choose an item to change", top, at);
            let Pick::Entry(pick) = self.prompter.choose(&menu)? else {
                continue;
            };
            match (unanswered.first(), pick) {
                (Some(&k), 0) => return Ok(Some(k)),
                (Some(_), 1) | (None, 0) => return Ok(None),
                (_, p) => {
                    self.change(p - offset)?;
                    at = p;
                }
            }
        }
    }

    /// Changes one part of item `i`'s answer.
    fn change(&mut self, i: usize) -> anyhow::Result<()> {
        let a = self.assessment;
        let item = &a.items[i];
        let screen = item_view::screen(a, i);
        self.show(&screen);
        let answer = self.current(&item.id);
        let (mut entries, parts) = self.parts(i, &answer);
        entries.push(Entry::plain("Back to the review"));
        let mut menu = Menu::new(format!("Change which part of item {}?", i + 1), entries, 0);
        menu.escape = true;
        let Pick::Entry(k) = self.prompter.choose(&menu)? else {
            return Ok(());
        };
        let Some(part) = parts.get(k).cloned() else {
            return Ok(());
        };
        self.show(&screen);
        self.change_part(i, part, &answer, &screen)?;
        self.drop_target_met(i);
        if self.current(&item.id).is_answered() {
            self.draft.skipped.retain(|s| *s != item.id);
        }
        self.save()
    }

    /// The parts of item `i` that can be changed, each shown with its current value, and
    /// the Part each menu entry stands for.
    fn parts(&self, i: usize, answer: &crate::response::Answer) -> (Vec<Entry>, Vec<Part>) {
        let a = self.assessment;
        let item = &a.items[i];
        let scale = a.scale_of(item);
        let mut parts = Vec::new();
        let mut entries = Vec::new();
        let shown = |r: Option<Rating>| match r {
            Some(Rating::Value(v)) => format!("{v} {}", scale.label(v)),
            Some(Rating::NotApplicable) => scale.not_applicable_label.clone(),
            None => "not given".into(),
        };
        if item.examples.is_some() {
            entries.push(Entry::plain(format!("Examples: {}", self.rated(i))));
            parts.push(Part::Examples);
        } else {
            for r in &self.draft.answers.raters {
                entries.push(Entry::plain(format!(
                    "{}'s rating: {}",
                    r.label,
                    shown(answer.raters.get(&r.label).copied())
                )));
                parts.push(Part::Rater(r.label.clone()));
            }
            let which = if self.draft.answers.raters.is_empty() {
                "Rating"
            } else {
                "Agreed rating"
            };
            entries.push(Entry::plain(format!("{which}: {}", shown(answer.rating))));
            parts.push(Part::Rating);
        }
        entries.push(Entry::plain(format!(
            "Evidence note: {}",
            answer.notes.first().map_or("none", String::as_str)
        )));
        parts.push(Part::Note);
        for f in a.fields_for(item) {
            entries.push(Entry::plain(labelled(
                &f.label,
                answer
                    .fields
                    .get(&f.id)
                    .map_or("not recorded", String::as_str),
            )));
            parts.push(Part::Field(f.id.clone()));
        }
        if self.target_choices(i).is_some() || answer.target.is_some() {
            entries.push(Entry::plain(format!(
                "Target: {}",
                answer
                    .target
                    .map_or("none".to_string(), |t| format!("{t} {}", scale.label(t)))
            )));
            parts.push(Part::Target);
        }
        if answer.target.is_some() {
            entries.push(Entry::plain(format!(
                "Action: {}",
                answer.action.as_deref().unwrap_or("none")
            )));
            parts.push(Part::Action);
        }
        (entries, parts)
    }

    /// Asks again for the one part of item `i` that was picked.
    fn change_part(
        &mut self,
        i: usize,
        part: Part,
        answer: &crate::response::Answer,
        screen: &Screen,
    ) -> anyhow::Result<()> {
        let a = self.assessment;
        let item = &a.items[i];
        let scale = a.scale_of(item);
        match part {
            Part::Rater(label) => {
                let current = answer.raters.get(&label).copied();
                if let Asked::Rating(r) =
                    self.ask_rating(&format!("{label}'s rating"), scale, current, false)?
                {
                    self.answer(&item.id).raters.insert(label, r);
                }
            }
            Part::Rating => {
                let prompt = if self.draft.answers.raters.is_empty() {
                    "Rating"
                } else {
                    "Agreed rating"
                };
                if let Asked::Rating(r) = self.ask_rating(prompt, scale, answer.rating, false)? {
                    self.answer(&item.id).rating = Some(r);
                }
            }
            Part::Examples => {
                self.examples(i, screen)?;
            }
            Part::Note => self.note(i)?,
            Part::Field(id) => self.field(i, &id)?,
            Part::Target => self.target(i)?,
            Part::Action => self.action(i)?,
        }
        Ok(())
    }
}
