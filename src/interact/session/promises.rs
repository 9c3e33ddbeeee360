//! Closing the loop in the room (with `--actions`): before an item is rated, each of
//! its open actions from the actions log is shown — what was promised, by whom, by
//! when — and its status asked, with a note, so the room reviews what it promised
//! before scoring again; and an action agreed now is asked its owner and due date.
//! Everything is kept in the draft until the Result is written.

use super::Session;
use crate::actions::{Status, date};
use crate::interact::{Entry, Menu, Pick, Prompter, Screen};
use crate::response::Review;

/// The review's choices, in the order a status moves.
const CHOICES: [(char, Status, &str); 4] = [
    ('o', Status::Open, "Still open: not started"),
    ('p', Status::InProgress, "In progress"),
    ('d', Status::Done, "Done"),
    ('x', Status::Dropped, "Dropped"),
];

impl<P: Prompter> Session<'_, P> {
    /// The open actions of item `i`, each shown and its status asked (once per draft:
    /// one reviewed already is only shown).
    pub(super) fn review_promises(&mut self, i: usize, screen: &Screen) -> anyhow::Result<()> {
        let Some(log) = self.actions else {
            return Ok(());
        };
        let item = &self.assessment.items[i];
        let live: Vec<_> = log.live_for_item(&self.assessment.id, &item.id).collect();
        for action in live {
            let owner = action.owner.as_deref().unwrap_or("no owner named");
            let due = action.due.map_or_else(|| "no date set".into(), date::human);
            let promised = format!(
                "Promised in {} [{}]: {} — {owner}, due {due}. Now {}.",
                action.agreed,
                action.id,
                action.text,
                action.status().as_str()
            );
            if let Some(r) = self.draft.answers.reviews.get(&action.id) {
                self.notice = Some(format!(
                    "{promised} Reviewed: {}{}",
                    r.status.as_str(),
                    if r.note.is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", r.note)
                    }
                ));
                continue;
            }
            self.show(screen);
            self.prompter.say(&promised);
            let entries: Vec<Entry> = CHOICES
                .iter()
                .map(|(key, _, label)| Entry::keyed(*key, *label, ""))
                .collect();
            let default = CHOICES
                .iter()
                .position(|(_, s, _)| *s == action.status())
                .unwrap_or(0);
            let mut menu = Menu::new(
                format!("What became of {}? (Esc: review it later)", action.id),
                entries,
                default,
            );
            menu.escape = true;
            let status = match self.prompter.choose(&menu)? {
                Pick::Entry(k) => CHOICES[k].1,
                Pick::Hotkey(_) | Pick::Escape => continue,
            };
            let note = self
                .prompter
                .line("What was done, or why not (optional)", "", true, true)?
                .unwrap_or_default();
            self.draft
                .answers
                .reviews
                .insert(action.id.clone(), Review { status, note });
            self.save()?;
        }
        Ok(())
    }

    /// Who will carry out item `i`'s action, and by when (asked only with a log).
    pub(super) fn owner_and_due(&mut self, i: usize) -> anyhow::Result<()> {
        let id = self.assessment.items[i].id.clone();
        if self.actions.is_none() || self.answer(&id).action.is_none() {
            return Ok(());
        }
        let current = self.answer(&id).owner.clone().unwrap_or_default();
        if let Some(owner) =
            self.prompter
                .line("Who will do it (owner, optional)", &current, true, true)?
        {
            self.answer(&id).owner = (!owner.is_empty()).then_some(owner);
            self.save()?;
        }
        let current = self
            .answer(&id)
            .due
            .as_deref()
            .and_then(date::parse)
            .map(date::human)
            .unwrap_or_default();
        loop {
            let Some(due) = self.prompter.line(
                "Due by (e.g. 31 December 2026, optional)",
                &current,
                true,
                true,
            )?
            else {
                return Ok(());
            };
            if due.is_empty() {
                self.answer(&id).due = None;
                return self.save();
            }
            match date::parse(&due) {
                Some(d) => {
                    self.answer(&id).due = Some(date::iso(d));
                    return self.save();
                }
                None => self
                    .prompter
                    .say(&format!("\"{due}\" is not a date: give {}.", date::FORMS)),
            }
        }
    }

    /// For the review, with a log: the actions reviewed, those still to review, and the
    /// actions that will be added — "Actions log: reviewed A1 (done); not yet reviewed:
    /// A3; to add: 2 (Co-design from the start, Training and development)".
    pub(super) fn promises_summary(&self) -> Option<String> {
        let log = self.actions?;
        let a = self.assessment;
        let reviews = &self.draft.answers.reviews;
        let reviewed: Vec<String> = reviews
            .iter()
            .map(|(id, r)| format!("{id} ({})", r.status.as_str()))
            .collect();
        let waiting: Vec<&str> = a
            .items
            .iter()
            .flat_map(|item| log.live_for_item(&a.id, &item.id))
            .filter(|x| !reviews.contains_key(&x.id))
            .map(|x| x.id.as_str())
            .collect();
        let adding: Vec<&str> = a
            .items
            .iter()
            .filter(|item| {
                self.draft
                    .answers
                    .items
                    .get(&item.id)
                    .is_some_and(|x| x.action.is_some())
            })
            .map(|item| item.title.as_str())
            .collect();
        let mut parts = Vec::new();
        if !reviewed.is_empty() {
            parts.push(format!("reviewed {}", reviewed.join(", ")));
        }
        if !waiting.is_empty() {
            parts.push(format!("not yet reviewed: {}", waiting.join(", ")));
        }
        if !adding.is_empty() {
            parts.push(format!("to add: {} ({})", adding.len(), adding.join(", ")));
        }
        if parts.is_empty() {
            parts.push("nothing to review or add".into());
        }
        Some(format!(
            "Actions log: {}. It is updated when the Result is written.",
            parts.join("; ")
        ))
    }
}
