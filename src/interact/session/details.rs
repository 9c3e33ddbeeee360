//! After the rating: the assessment's own fields (asked in turn, as the assessment
//! wants them, e.g. who holds a role), then one step for what is optional — an evidence
//! note, a target above the rating and an action — whose default is the next item, so
//! Enter moves on.

use super::{MORE, Nav, Session, nav_of};
use crate::assessment::FieldKind;
use crate::interact::{Entry, Hotkey, Menu, Pick, Prompter, Screen, item_view, spread};
use crate::response::Rating;

const NOT_RECORDED: &str = "Not recorded";
const NO_TARGET: &str = "No target";

impl<P: Prompter> Session<'_, P> {
    /// Every field of the assessment that applies to item `i`, in turn.
    pub(super) fn fields(&mut self, i: usize, screen: &Screen) -> anyhow::Result<()> {
        let a = self.assessment;
        let ids: Vec<String> = a.fields_for(&a.items[i]).map(|f| f.id.clone()).collect();
        for id in ids {
            self.show(screen);
            self.field(i, &id)?;
        }
        Ok(())
    }

    /// Asks one field of item `i`.
    pub(super) fn field(&mut self, i: usize, id: &str) -> anyhow::Result<()> {
        let a = self.assessment;
        let item = &a.items[i];
        let Some(field) = a.fields.iter().find(|f| f.id == id) else {
            return Ok(());
        };
        let current = self
            .answer(&item.id)
            .fields
            .get(id)
            .cloned()
            .unwrap_or_default();
        let value = match &field.kind {
            FieldKind::Text => self.prompter.input(&field.label, &current, true)?,
            FieldKind::Choice(choices) => {
                let mut entries = choices.clone();
                entries.push(NOT_RECORDED.into());
                let default = choices
                    .iter()
                    .position(|c| *c == current)
                    .unwrap_or(choices.len());
                let pick = self.prompter.select(&field.label, &entries, default)?;
                choices.get(pick).cloned().unwrap_or_default()
            }
        };
        let fields = &mut self.answer(&item.id).fields;
        if value.is_empty() {
            fields.remove(id);
        } else {
            fields.insert(id.to_string(), value);
        }
        self.save()
    }

    /// The optional step. `None` goes back to the rating.
    pub(super) fn details(&mut self, i: usize, screen: &Screen) -> anyhow::Result<Option<Nav>> {
        self.drop_target_met(i);
        loop {
            self.show(screen);
            let answer = self.answer(&self.assessment.items[i].id).clone();
            self.say_answered(i, &answer);
            let (menu, actions) = self.details_menu(i, &answer);
            match self.prompter.choose(&menu)? {
                Pick::Entry(k) => match actions[k] {
                    Detail::Next => return Ok(Some(Nav::Next)),
                    Detail::Note => self.note(i)?,
                    Detail::Target => self.target(i)?,
                    Detail::Action => self.action(i)?,
                    Detail::More => self.prompter.page(&item_view::more(self.assessment, i))?,
                },
                Pick::Hotkey('r') => return Ok(Some(Nav::Review)),
                Pick::Hotkey(k) if nav_of(k) == Some(Nav::Back) => return Ok(None),
                Pick::Hotkey(_) | Pick::Escape => return Ok(None),
            }
        }
    }

    /// What item `i` was given: the raters' spread (when several rated it), then the
    /// answer in a line.
    fn say_answered(&mut self, i: usize, answer: &crate::response::Answer) {
        let item = &self.assessment.items[i];
        if !self.draft.answers.raters.is_empty() && item.examples.is_none() {
            let width = self.prompter.size().map_or(100, |(w, _)| w);
            let scale = self.assessment.scale_of(item);
            let (text, _) = spread::spread(scale, &self.draft.answers.raters, answer, width);
            self.prompter.say(&text);
        }
        self.prompter
            .say(&format!("Answered: {}.", self.summary(i)));
    }

    /// The optional step's menu, Next item first: the note, the target (where one above
    /// the rating can be set), the action (once a target is), the whole item; and what
    /// each entry stands for.
    fn details_menu(&self, i: usize, answer: &crate::response::Answer) -> (Menu, Vec<Detail>) {
        let scale = self.assessment.scale_of(&self.assessment.items[i]);
        let mut entries = vec![Entry::plain("Next item")];
        let mut actions = vec![Detail::Next];
        let note = match answer.notes.first() {
            Some(n) => format!("Evidence note: {n}"),
            None => "Evidence note (optional)".to_string(),
        };
        entries.push(Entry::keyed('e', note, ""));
        actions.push(Detail::Note);
        if self.target_choices(i).is_some() {
            let target = match answer.target {
                Some(t) => format!("Target for 12 months ahead: {t} {}", scale.label(t)),
                None => "Target for 12 months ahead, and an action (optional)".into(),
            };
            entries.push(Entry::keyed('t', target, ""));
            actions.push(Detail::Target);
        }
        if answer.target.is_some() {
            let action = match &answer.action {
                Some(x) => format!("Action to reach it: {x}"),
                None => "Action to reach it (optional)".into(),
            };
            entries.push(Entry::keyed('a', action, ""));
            actions.push(Detail::Action);
        }
        entries.push(Entry::keyed(
            '?',
            MORE,
            "guidance, every prompt, the whole scale",
        ));
        actions.push(Detail::More);
        let mut menu = Menu::new("Enter for the next item, or add", entries, 0);
        menu.hotkeys = vec![
            Hotkey {
                key: 'b',
                label: "Back to the rating".into(),
            },
            Hotkey {
                key: 'r',
                label: "Review".into(),
            },
        ];
        (menu, actions)
    }

    /// The answer to an item as it stands (empty when none), without adding one.
    pub(super) fn current(&self, id: &str) -> crate::response::Answer {
        self.draft
            .answers
            .items
            .get(id)
            .cloned()
            .unwrap_or_default()
    }

    /// The evidence note of item `i`.
    pub(super) fn note(&mut self, i: usize) -> anyhow::Result<()> {
        let id = self.assessment.items[i].id.clone();
        let current = self.answer(&id).notes.first().cloned().unwrap_or_default();
        if let Some(note) = self
            .prompter
            .line("Evidence note (optional)", &current, true, true)?
        {
            self.answer(&id).notes = if note.is_empty() { vec![] } else { vec![note] };
            self.save()?;
        }
        Ok(())
    }

    /// The targets item `i` can have: the points above its score. `None` when there is
    /// none to ask (not rated, not applicable, or at the top of the scale).
    pub(super) fn target_choices(&self, i: usize) -> Option<Vec<i32>> {
        let item = &self.assessment.items[i];
        let scale = self.assessment.scale_of(item);
        let score = self.current(&item.id).input().score?;
        let above: Vec<i32> = (scale.min..=scale.max)
            .filter(|v| f64::from(*v) > score)
            .collect();
        (!above.is_empty()).then_some(above)
    }

    /// A target above the rating, then the action to reach it.
    pub(super) fn target(&mut self, i: usize) -> anyhow::Result<()> {
        let item = &self.assessment.items[i];
        let scale = self.assessment.scale_of(item);
        let Some(above) = self.target_choices(i) else {
            return Ok(());
        };
        let current = self.answer(&item.id).target;
        let mut entries = vec![Entry::plain(NO_TARGET)];
        for v in &above {
            let key = u32::try_from(*v)
                .ok()
                .filter(|v| *v <= 9)
                .and_then(|v| char::from_digit(v, 10));
            let detail = scale
                .point(*v)
                .filter(|p| p.descriptor != p.label)
                .map(|p| p.descriptor.clone())
                .unwrap_or_default();
            entries.push(Entry {
                label: format!("{v} · {}", scale.label(*v)),
                detail,
                key,
            });
        }
        let default = current
            .and_then(|t| above.iter().position(|v| *v == t))
            .map_or(0, |k| k + 1);
        let mut menu = Menu::new(
            format!(
                "Target rating for 12 months ahead (above today's {})",
                self.rated(i)
            ),
            entries,
            default,
        );
        menu.escape = true;
        let pick = match self.prompter.choose(&menu)? {
            Pick::Entry(k) => k,
            Pick::Hotkey(_) | Pick::Escape => return Ok(()),
        };
        let target = pick.checked_sub(1).map(|k| above[k]);
        let answer = self.answer(&item.id);
        answer.target = target;
        if target.is_none() {
            answer.action = None;
            answer.owner = None;
            answer.due = None;
        }
        self.save()?;
        if target.is_some() {
            self.action(i)?;
        }
        Ok(())
    }

    /// The action to reach item `i`'s target.
    pub(super) fn action(&mut self, i: usize) -> anyhow::Result<()> {
        let id = self.assessment.items[i].id.clone();
        let current = self.answer(&id).action.clone().unwrap_or_default();
        if let Some(action) =
            self.prompter
                .line("Action to reach it (optional)", &current, true, true)?
        {
            let answer = self.answer(&id);
            answer.action = (!action.is_empty()).then_some(action);
            if answer.action.is_none() {
                answer.owner = None;
                answer.due = None;
            }
            self.save()?;
            self.owner_and_due(i)?;
        }
        Ok(())
    }

    /// A target no longer above the rating (the rating was changed) is removed, and the
    /// facilitator told.
    pub(super) fn drop_target_met(&mut self, i: usize) {
        let id = self.assessment.items[i].id.clone();
        let Some(target) = self.answer(&id).target else {
            return;
        };
        let fits = self
            .target_choices(i)
            .is_some_and(|above| above.contains(&target));
        if !fits {
            let answer = self.answer(&id);
            answer.target = None;
            answer.action = None;
            answer.owner = None;
            answer.due = None;
            self.notice = Some(format!(
                "The target {target} is not above the rating now given, so it was removed with its action."
            ));
        }
    }

    /// "3 Established", "N/A …", "mean 2.50 of 2 examples" or "not answered".
    pub(super) fn rated(&self, i: usize) -> String {
        let item = &self.assessment.items[i];
        let scale = self.assessment.scale_of(item);
        let answer = self.current(&item.id);
        if !answer.examples.is_empty() {
            let input = answer.input();
            return match input.score {
                Some(s) => format!(
                    "{s:.2}, the mean of {} rated example{}",
                    input.n,
                    if input.n == 1 { "" } else { "s" }
                ),
                None => "examples named, none rated".into(),
            };
        }
        match answer.rating {
            Some(Rating::Value(v)) => format!("{v} {}", scale.label(v)),
            Some(Rating::NotApplicable) => scale.not_applicable_label.clone(),
            None => "not answered".into(),
        }
    }

    /// The answer to item `i` in a line: the rating, and the note and target if any.
    pub(super) fn summary(&self, i: usize) -> String {
        let mut text = self.rated(i);
        let id = self.assessment.items[i].id.clone();
        let answer = self.current(&id);
        if !answer.notes.is_empty() {
            text.push_str(" · note");
        }
        if let Some(t) = answer.target {
            text.push_str(&format!(" · target {t}"));
        }
        text
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    Next,
    Note,
    Target,
    Action,
    More,
}
