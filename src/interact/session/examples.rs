//! Items rated through named examples (the connection assessment: for each type of
//! patient leader, the group names its own examples and rates its connection with each).
//! No step traps the facilitator: an empty Enter ends naming, Esc goes back a step, the
//! cursor moves on to the next example not yet rated, and leaving a type with nothing
//! rated asks first.

use super::{MORE, Nav, Session, nav_keys, nav_of, rating_entries};
use crate::assessment::Scale;
use crate::interact::{Entry, Menu, Pick, Prompter, Screen, item_view};
use crate::response::{Example, Rating};

/// What an entry of the examples menu stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Row {
    Named(String),
    Suggested(String),
    NameAnother,
    Done,
    More,
}

impl<P: Prompter> Session<'_, P> {
    /// Rates item `i` through its examples.
    pub(super) fn examples(&mut self, i: usize, screen: &Screen) -> anyhow::Result<Nav> {
        let a = self.assessment;
        let item = &a.items[i];
        let suggested = item.examples.clone().unwrap_or_default();
        // The example rated last: the cursor goes to the next one not rated.
        let mut last: Option<String> = None;
        loop {
            self.show(screen);
            if suggested.is_empty() {
                self.prompter
                    .say("The guide lists no examples for this type: name your own.");
            } else {
                self.prompter
                    .say(&format!("The guide's examples: {}.", suggested.join(", ")));
            }
            let named = self.current(&item.id).examples;
            let (rows, entries) = rows(&named, &suggested, a.scale_of(item));
            let default = next_unrated(&rows, &named, last.as_deref());
            let mut menu = Menu::new(
                format!("{}: rate each example", item.title),
                entries,
                default,
            );
            menu.hotkeys = nav_keys();
            let row = match self.prompter.choose(&menu)? {
                Pick::Entry(k) => rows[k].clone(),
                Pick::Hotkey(key) => match nav_of(key) {
                    Some(nav) => return Ok(nav),
                    None => continue,
                },
                Pick::Escape => continue,
            };
            if let Some(nav) = self.on_row(i, screen, row, &named, &mut last)? {
                return Ok(nav);
            }
        }
    }

    /// Does what the entry chosen stands for: rates an example, names more, shows the
    /// whole item, or leaves the type (asking first when nothing is rated).
    fn on_row(
        &mut self,
        i: usize,
        screen: &Screen,
        row: Row,
        named: &[Example],
        last: &mut Option<String>,
    ) -> anyhow::Result<Option<Nav>> {
        let a = self.assessment;
        match row {
            Row::Named(name) | Row::Suggested(name) => {
                if self.rate_example(i, &name)? {
                    *last = Some(name);
                }
            }
            Row::NameAnother => {
                if let Some(name) = self.name_examples(i, screen)? {
                    *last = Some(name);
                }
            }
            Row::Done => {
                let rated = named.iter().any(|e| e.rating.is_some());
                if rated
                    || self.prompter.confirm(
                        &format!(
                            "No example of {} is rated. Leave this type without a score?",
                            a.items[i].title
                        ),
                        false,
                    )?
                {
                    return Ok(Some(Nav::Next));
                }
            }
            Row::More => self.prompter.page(&item_view::more(a, i))?,
        }
        Ok(None)
    }

    /// Names examples one after another, each rated as it is named, until an empty
    /// Enter or Esc. Returns the last one rated.
    fn name_examples(&mut self, i: usize, screen: &Screen) -> anyhow::Result<Option<String>> {
        let id = self.assessment.items[i].id.clone();
        let mut last = None;
        loop {
            self.show(screen);
            let Some(name) = self.prompter.line(
                "Name another example (empty Enter when done)",
                "",
                true,
                true,
            )?
            else {
                return Ok(last);
            };
            if name.is_empty() {
                return Ok(last);
            }
            // A name given twice is the same example.
            let name = self
                .current(&id)
                .examples
                .iter()
                .find(|e| e.name.eq_ignore_ascii_case(&name))
                .map_or(name, |e| e.name.clone());
            if self.rate_example(i, &name)? {
                last = Some(name);
            }
        }
    }

    /// Rates (or removes) one example; `false` when Esc left it as it was.
    fn rate_example(&mut self, i: usize, name: &str) -> anyhow::Result<bool> {
        let a = self.assessment;
        let item = &a.items[i];
        let scale = a.scale_of(item);
        let existing = self
            .current(&item.id)
            .examples
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.rating);
        let (mut entries, values) = rating_entries(scale);
        if existing.is_some() {
            entries.push(Entry::plain("Remove this example"));
        }
        let default = existing
            .flatten()
            .and_then(|c| values.iter().position(|v| *v == c))
            .unwrap_or(0);
        let mut menu = Menu::new(format!("Rating for {name}"), entries, default);
        menu.escape = true;
        let pick = match self.prompter.choose(&menu)? {
            Pick::Entry(k) => k,
            Pick::Hotkey(_) | Pick::Escape => return Ok(false),
        };
        let examples = &mut self.answer(&item.id).examples;
        let at = examples.iter().position(|e| e.name == name);
        let rated = match (values.get(pick), at) {
            (Some(r), Some(at)) => {
                examples[at].rating = Some(*r);
                true
            }
            (Some(r), None) => {
                examples.push(Example {
                    name: name.to_string(),
                    rating: Some(*r),
                });
                true
            }
            (None, Some(at)) => {
                examples.remove(at);
                false
            }
            (None, None) => false,
        };
        self.save()?;
        Ok(rated)
    }
}

/// The examples menu's rows and entries: the examples named (with their ratings), the
/// guide's examples not yet named, then naming another, done, and the whole item.
fn rows(named: &[Example], suggested: &[String], scale: &Scale) -> (Vec<Row>, Vec<Entry>) {
    let mut rows = Vec::new();
    let mut entries = Vec::new();
    for e in named {
        let rated = match e.rating {
            Some(Rating::Value(v)) => format!("rated {v} {}", scale.label(v)),
            Some(Rating::NotApplicable) => "rated N/A".into(),
            None => "not rated yet".into(),
        };
        entries.push(Entry::plain(format!("{} — {rated}", e.name)));
        rows.push(Row::Named(e.name.clone()));
    }
    for s in suggested
        .iter()
        .filter(|s| !named.iter().any(|e| e.name.eq_ignore_ascii_case(s)))
    {
        entries.push(Entry::plain(format!("Rate: {s}")));
        rows.push(Row::Suggested(s.clone()));
    }
    entries.push(Entry::plain("Name another example"));
    rows.push(Row::NameAnother);
    entries.push(Entry::plain("Done with this type"));
    rows.push(Row::Done);
    entries.push(Entry::keyed(
        '?',
        MORE,
        "guidance, every prompt, the whole scale",
    ));
    rows.push(Row::More);
    (rows, entries)
}

/// Where the cursor starts: the next example not rated after the one rated `last`
/// (going round), else Done (or, with nothing named yet, naming one).
fn next_unrated(rows: &[Row], named: &[Example], last: Option<&str>) -> usize {
    let unrated = |r: &Row| match r {
        Row::Named(n) => named.iter().any(|e| e.name == *n && e.rating.is_none()),
        Row::Suggested(_) => true,
        _ => false,
    };
    let done = rows.iter().position(|r| *r == Row::Done).unwrap_or(0);
    let from = last
        .and_then(|l| rows.iter().position(|r| *r == Row::Named(l.to_string())))
        .map_or(0, |k| k + 1);
    (from..rows.len())
        .chain(0..from)
        .find(|&k| unrated(&rows[k]))
        .unwrap_or(if named.is_empty() { done - 1 } else { done })
}
