//! The workshop flow: item by item in theme order, each on its own screen (see
//! `item_view`), a rating from the scale's points (each rater's, then the group's agreed
//! one, with the spread between), the assessment's own fields, then one step for what is
//! optional (an evidence note, a target and an action) whose default is the next item;
//! back, skip and a review before finishing. Items rated through named examples (the
//! connection assessment) are in `examples`, the optional step in `details`, the review
//! in `review`.

use std::path::PathBuf;

use super::draft::Draft;
use super::{Entry, Hotkey, Menu, Pick, Prompter, Screen, item_view, spread};
use crate::assessment::{Assessment, Scale};
use crate::response::{Answer, Rating};

mod details;
mod examples;
mod live;
mod promises;
mod review;

/// Where to go after an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Nav {
    Next,
    Back,
    Skip,
    Review,
}

/// What a rating menu gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asked {
    Rating(Rating),
    Nav(Nav),
    More,
    /// Esc, where the menu allows it.
    Escape,
}

pub(crate) const MORE: &str = "More about this item";
pub(crate) const FIRST_ITEM: &str =
    "This is the first item: there is no item before it. (r goes to the review.)";

/// The navigation keys of an item's menus.
pub(crate) fn nav_keys() -> Vec<Hotkey> {
    [('b', "Back"), ('s', "Skip"), ('r', "Review")]
        .into_iter()
        .map(|(key, label)| Hotkey {
            key,
            label: label.into(),
        })
        .collect()
}

pub(crate) fn nav_of(key: char) -> Option<Nav> {
    match key {
        'b' => Some(Nav::Back),
        's' => Some(Nav::Skip),
        'r' => Some(Nav::Review),
        _ => None,
    }
}

pub struct Session<'a, P: Prompter> {
    assessment: &'a Assessment,
    prompter: &'a mut P,
    draft: Draft,
    draft_path: PathBuf,
    clock: &'a dyn Fn() -> String,
    /// Said under the next screen (e.g. that there is no item before the first).
    notice: Option<String>,
    /// The actions log the workshop keeps (`--actions`): its open actions are reviewed
    /// before each item is rated, and an action agreed is asked its owner and due date.
    actions: Option<&'a crate::actions::Log>,
    /// A live workshop's room: votes come from participants' phones (see `live`).
    live: Option<std::sync::Arc<crate::live::hub::Hub>>,
}

impl<'a, P: Prompter> Session<'a, P> {
    pub fn new(
        assessment: &'a Assessment,
        prompter: &'a mut P,
        draft: Draft,
        draft_path: PathBuf,
        clock: &'a dyn Fn() -> String,
    ) -> Self {
        Session {
            assessment,
            prompter,
            draft,
            draft_path,
            clock,
            notice: None,
            actions: None,
            live: None,
        }
    }

    /// Keeps the actions log `log` (see `promises`).
    pub fn with_actions(mut self, log: Option<&'a crate::actions::Log>) -> Self {
        self.actions = log;
        self
    }

    /// Takes the votes from a live workshop's room, and saves the draft through it.
    pub fn with_live(mut self, hub: std::sync::Arc<crate::live::hub::Hub>) -> Self {
        self.live = Some(hub);
        self
    }

    /// Says `text` under the first screen (where the draft is saved, how to stop).
    pub fn with_notice(mut self, text: String) -> Self {
        self.notice = Some(text);
        self
    }

    /// Runs the workshop to the end; returns the finished draft.
    pub fn run(mut self) -> anyhow::Result<Draft> {
        let n = self.assessment.items.len();
        let mut i = self.draft.position.min(n);
        loop {
            if i >= n {
                self.draft.position = n;
                self.save()?;
                match self.review()? {
                    Some(k) => {
                        i = k;
                        continue;
                    }
                    None => break,
                }
            }
            self.draft.position = i;
            self.save()?;
            let id = self.assessment.items[i].id.clone();
            match self.item(i)? {
                Nav::Next => {
                    self.draft.skipped.retain(|s| *s != id);
                    i = self.next_open(i);
                }
                Nav::Skip => {
                    if !self.draft.skipped.contains(&id) {
                        self.draft.skipped.push(id);
                    }
                    i = self.next_open(i);
                }
                Nav::Back if i == 0 => self.notice = Some(FIRST_ITEM.into()),
                Nav::Back => i -= 1,
                Nav::Review => i = n,
            }
        }
        self.draft.position = n;
        self.save()?;
        Ok(self.draft)
    }

    /// The next item after `i` with no answer that was not skipped; past the end when
    /// there is none (which leads to the review).
    fn next_open(&self, i: usize) -> usize {
        let items = &self.assessment.items;
        (i + 1..items.len())
            .find(|&k| {
                let id = &items[k].id;
                !self.draft.skipped.contains(id)
                    && self
                        .draft
                        .answers
                        .items
                        .get(id)
                        .is_none_or(|a| !a.is_answered())
            })
            .unwrap_or(items.len())
    }

    fn save(&mut self) -> anyhow::Result<()> {
        self.draft.saved = (self.clock)();
        match &self.live {
            Some(hub) => hub.save(&self.draft),
            None => self.draft.save(&self.draft_path),
        }
    }

    fn answer(&mut self, item: &str) -> &mut Answer {
        self.draft
            .answers
            .items
            .entry(item.to_string())
            .or_default()
    }

    /// The item's screen again, with any notice under it.
    fn show(&mut self, screen: &Screen) {
        self.prompter.screen(screen);
        if let Some(notice) = self.notice.take() {
            self.prompter.say(&notice);
        }
    }

    /// One item: its rating(s) or examples, its fields, then the optional step; Back from
    /// that step returns to the rating.
    fn item(&mut self, i: usize) -> anyhow::Result<Nav> {
        let a = self.assessment;
        let screen = item_view::screen(a, i);
        if let Some(hub) = &self.live {
            hub.change(|r| r.show(i));
        }
        self.review_promises(i, &screen)?;
        loop {
            let nav = if a.items[i].examples.is_some() {
                self.examples(i, &screen)?
            } else if let Some(hub) = self.live.clone() {
                self.live_rating(i, &screen, &hub)?
            } else {
                self.rating(i, &screen)?
            };
            if nav != Nav::Next {
                return Ok(nav);
            }
            self.fields(i, &screen)?;
            if let Some(nav) = self.details(i, &screen)? {
                return Ok(nav);
            }
        }
    }

    /// Each rater's rating, the spread, then the agreed rating (or the one rating). Back
    /// at a rater's rating returns to the rater before.
    fn rating(&mut self, i: usize, screen: &Screen) -> anyhow::Result<Nav> {
        let a = self.assessment;
        let item = &a.items[i];
        let scale = a.scale_of(item);
        let raters = self.draft.answers.raters.clone();
        let mut step = 0;
        loop {
            self.show(screen);
            let width = self.prompter.size().map_or(100, |(w, _)| w);
            let answer = self.answer(&item.id).clone();
            let (prompt, current) = if step < raters.len() {
                if step > 0 {
                    let (text, _) = spread::spread(scale, &raters[..step], &answer, width);
                    let first = text.lines().next().unwrap_or_default().to_string();
                    self.prompter.say(&first);
                }
                let label = &raters[step].label;
                (
                    format!("{label}'s rating"),
                    answer.raters.get(label).copied(),
                )
            } else if raters.is_empty() {
                ("Rating".to_string(), answer.rating)
            } else {
                let (text, given) = spread::spread(scale, &raters, &answer, width);
                self.prompter.say(&text);
                let agreed = answer
                    .rating
                    .or_else(|| (!given.is_empty()).then(|| Rating::Value(median(&given))));
                ("Agreed rating".to_string(), agreed)
            };
            match self.ask_rating(&prompt, scale, current, true)? {
                Asked::Rating(r) => {
                    if step < raters.len() {
                        let label = raters[step].label.clone();
                        self.answer(&item.id).raters.insert(label, r);
                        self.save()?;
                        step += 1;
                    } else {
                        self.answer(&item.id).rating = Some(r);
                        self.save()?;
                        return Ok(Nav::Next);
                    }
                }
                Asked::Nav(Nav::Back) if step > 0 => step -= 1,
                Asked::Nav(nav) => return Ok(nav),
                Asked::More => self.prompter.page(&item_view::more(a, i))?,
                Asked::Escape => {}
            }
        }
    }

    /// A rating from the scale (and N/A where allowed). With `nav`, the item's
    /// navigation keys and "More about this item" too; without, Esc goes back.
    fn ask_rating(
        &mut self,
        prompt: &str,
        scale: &Scale,
        current: Option<Rating>,
        nav: bool,
    ) -> anyhow::Result<Asked> {
        let (mut entries, values) = rating_entries(scale);
        if nav {
            entries.push(Entry::keyed(
                '?',
                MORE,
                "guidance, every prompt, the whole scale",
            ));
        }
        let default = current
            .and_then(|c| values.iter().position(|v| *v == c))
            .unwrap_or(0);
        let mut menu = Menu::new(prompt, entries, default);
        if nav {
            menu.hotkeys = nav_keys();
        } else {
            menu.escape = true;
        }
        Ok(match self.prompter.choose(&menu)? {
            Pick::Entry(k) => match values.get(k) {
                Some(r) => Asked::Rating(*r),
                None => Asked::More,
            },
            Pick::Hotkey(key) => nav_of(key).map_or(Asked::Escape, Asked::Nav),
            Pick::Escape => Asked::Escape,
        })
    }
}

/// The scale's points as menu entries ("3 · Established" with its descriptor, chosen by
/// typing 3), then N/A (typed n) where allowed; with the rating each entry stands for.
pub(crate) fn rating_entries(scale: &Scale) -> (Vec<Entry>, Vec<Rating>) {
    let mut entries = Vec::new();
    let mut values = Vec::new();
    for v in scale.min..=scale.max {
        let key = u32::try_from(v)
            .ok()
            .filter(|v| *v <= 9)
            .and_then(|v| char::from_digit(v, 10));
        let (label, detail) = match scale.point(v) {
            // The connection key's 0 is its own descriptor: say it once.
            Some(p) if p.descriptor != p.label => (p.label.clone(), p.descriptor.clone()),
            _ => (scale.label(v), String::new()),
        };
        entries.push(Entry {
            label: format!("{v} · {label}"),
            detail,
            key,
        });
        values.push(Rating::Value(v));
    }
    if scale.not_applicable {
        entries.push(Entry::keyed(
            'n',
            format!("N/A · {}", scale.not_applicable_label),
            "",
        ));
        values.push(Rating::NotApplicable);
    }
    (entries, values)
}

/// The lower middle value: a starting point for the group's agreed rating.
pub(crate) fn median(values: &[i32]) -> i32 {
    let mut v = values.to_vec();
    v.sort_unstable();
    v[(v.len() - 1) / 2]
}
