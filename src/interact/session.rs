//! The workshop flow: item by item in theme order, a rating from the scale's labels and
//! descriptors (each rater's, then the group's agreed one), an evidence note, the
//! assessment's fields, a target and an action; back, skip and a review before finishing.
//! Items rated through named examples (the connection assessment) rate each example.

use std::path::PathBuf;

use super::Prompter;
use super::draft::Draft;
use crate::assessment::{Assessment, FieldKind, Item, Scale};
use crate::response::{Answer, Example, RaterSpec, Rating};

/// What the review leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    Finish,
    /// Change one item, then come back to the review.
    Change(usize),
    /// Go on through the items from the first not answered.
    Continue(usize),
}

/// Where to go after an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Nav {
    Next,
    Back,
    Skip,
    Review,
}

const BACK: &str = "Back: to the previous item";
const SKIP: &str = "Skip: come back to this item later";
const REVIEW: &str = "Review: see every answer, change any, finish";
const NO_TARGET: &str = "No target";
const NOT_RECORDED: &str = "Not recorded";

pub struct Session<'a, P: Prompter> {
    assessment: &'a Assessment,
    prompter: &'a mut P,
    draft: Draft,
    draft_path: PathBuf,
    clock: &'a dyn Fn() -> String,
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
        }
    }

    /// Runs the workshop to the end; returns the finished draft.
    pub fn run(mut self) -> anyhow::Result<Draft> {
        let n = self.assessment.items.len();
        let mut i = self.draft.position.min(n);
        // After changing an item from the review, go back to the review.
        let mut revisiting = false;
        loop {
            if i >= n {
                self.draft.position = n;
                self.save()?;
                match self.review()? {
                    Choice::Change(index) => {
                        i = index;
                        revisiting = true;
                        continue;
                    }
                    Choice::Continue(index) => {
                        i = index;
                        revisiting = false;
                        continue;
                    }
                    Choice::Finish => break,
                }
            }
            self.draft.position = i;
            self.save()?;
            let id = self.assessment.items[i].id.clone();
            match self.item(i)? {
                Nav::Next => {
                    self.draft.skipped.retain(|s| *s != id);
                    i = if revisiting { n } else { self.next_open(i) };
                }
                Nav::Skip => {
                    if !self.draft.skipped.contains(&id) {
                        self.draft.skipped.push(id);
                    }
                    i = if revisiting { n } else { self.next_open(i) };
                }
                Nav::Back => {
                    revisiting = false;
                    i = i.saturating_sub(1);
                }
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
        self.draft.save(&self.draft_path)
    }

    fn answer(&mut self, item: &str) -> &mut Answer {
        self.draft
            .answers
            .items
            .entry(item.to_string())
            .or_default()
    }

    fn item(&mut self, i: usize) -> anyhow::Result<Nav> {
        let a = self.assessment;
        let item = &a.items[i];
        let theme = a.theme(&item.theme).map_or("", |t| t.title.as_str());
        let mut header = format!(
            "\nItem {} of {} — {theme}\n\n{}",
            i + 1,
            a.items.len(),
            if item.title == item.text {
                item.text.clone()
            } else {
                format!("{}: {}", item.title, item.text)
            }
        );
        let detail = crate::render::passages::item_detail(item);
        if !detail.is_empty() {
            header.push_str("\n\n");
            header.push_str(&detail);
        }
        header.push_str("\n\n");
        header.push_str(&legend(a.scale_of(item)));
        self.prompter.say(&header);
        let nav = if item.examples.is_some() {
            self.examples(item)?
        } else {
            self.rating(item)?
        };
        if nav != Nav::Next {
            return Ok(nav);
        }
        self.details(item)?;
        Ok(Nav::Next)
    }

    /// Each rater's rating, the spread, then the agreed rating (or the one rating).
    fn rating(&mut self, item: &Item) -> anyhow::Result<Nav> {
        let scale = self.assessment.scale_of(item);
        let raters: Vec<RaterSpec> = self.draft.answers.raters.clone();
        for (k, rater) in raters.iter().enumerate() {
            let current = self.answer(&item.id).raters.get(&rater.label).copied();
            let prompt = format!("{}'s rating", rater.label);
            match self.ask_rating(&prompt, scale, current, k == 0)? {
                Ok(r) => {
                    self.answer(&item.id).raters.insert(rater.label.clone(), r);
                    self.save()?;
                }
                Err(nav) => return Ok(nav),
            }
        }
        let mut current = self.answer(&item.id).rating;
        if !raters.is_empty() {
            let given = self.spread(item, scale, &raters);
            if current.is_none() && !given.is_empty() {
                current = Some(Rating::Value(median(&given)));
            }
        }
        let prompt = if raters.is_empty() {
            "Rating"
        } else {
            "Agreed rating"
        };
        match self.ask_rating(prompt, scale, current, raters.is_empty())? {
            Ok(r) => {
                self.answer(&item.id).rating = Some(r);
                self.save()?;
                Ok(Nav::Next)
            }
            Err(nav) => Ok(nav),
        }
    }

    /// Shows each rater's rating, the range and a histogram; flags disagreement. Returns
    /// the ratings given.
    fn spread(&mut self, item: &Item, scale: &Scale, raters: &[RaterSpec]) -> Vec<i32> {
        let answer = self.answer(&item.id).clone();
        let mut given = Vec::new();
        let mut line = String::from("Ratings:");
        for r in raters {
            match answer.raters.get(&r.label) {
                Some(Rating::Value(v)) => {
                    given.push(*v);
                    line.push_str(&format!(" {} {v} ·", r.label));
                }
                Some(Rating::NotApplicable) => line.push_str(&format!(" {} N/A ·", r.label)),
                None => {}
            }
        }
        let line = line.trim_end_matches(" ·").to_string();
        let mut text = line;
        if let (Some(lo), Some(hi)) = (given.iter().min(), given.iter().max()) {
            text.push_str(&format!("   (range {lo}–{hi})"));
            for v in scale.min..=scale.max {
                let names: Vec<&str> = raters
                    .iter()
                    .filter(|r| answer.raters.get(&r.label) == Some(&Rating::Value(v)))
                    .map(|r| r.label.as_str())
                    .collect();
                text.push_str(&format!(
                    "\n  {v:>2} {:<16} │{} {}",
                    truncate(&scale.label(v), 16),
                    "■".repeat(names.len()),
                    names.join(", ")
                ));
            }
            if hi - lo >= 2 {
                text.push_str(&format!(
                    "\n⚑ Disagreement: the ratings span {} points. Discuss before agreeing.",
                    hi - lo
                ));
            }
        }
        self.prompter.say(&text);
        given
    }

    /// A rating from the scale (and N/A where allowed); with `nav`, the navigation entries
    /// too. `Err(nav)` when the person chose to move instead.
    fn ask_rating(
        &mut self,
        prompt: &str,
        scale: &Scale,
        current: Option<Rating>,
        nav: bool,
    ) -> anyhow::Result<Result<Rating, Nav>> {
        let (mut entries, values) = rating_entries(scale);
        if nav {
            entries.extend([BACK.to_string(), SKIP.to_string(), REVIEW.to_string()]);
        }
        let default = current
            .and_then(|c| values.iter().position(|v| *v == c))
            .unwrap_or(0);
        let chosen = self.prompter.select(prompt, &entries, default)?;
        Ok(match values.get(chosen) {
            Some(r) => Ok(*r),
            None => Err(match chosen - values.len() {
                0 => Nav::Back,
                1 => Nav::Skip,
                _ => Nav::Review,
            }),
        })
    }

    /// Rates an item through named examples: the guide's suggestions and the group's own.
    fn examples(&mut self, item: &Item) -> anyhow::Result<Nav> {
        let scale = self.assessment.scale_of(item);
        let suggested = item.examples.clone().unwrap_or_default();
        if suggested.is_empty() {
            self.prompter
                .say("The guide lists no examples for this type: name your own.");
        } else {
            self.prompter
                .say(&format!("The guide's examples: {}.", suggested.join(", ")));
        }
        loop {
            let named: Vec<Example> = self.answer(&item.id).examples.clone();
            let mut entries: Vec<String> = named
                .iter()
                .map(|e| {
                    format!(
                        "Change: {} (rated {})",
                        e.name,
                        match e.rating {
                            Some(Rating::Value(v)) => format!("{v} {}", scale.label(v)),
                            Some(Rating::NotApplicable) => "N/A".into(),
                            None => "—".into(),
                        }
                    )
                })
                .collect();
            let fresh: Vec<&String> = suggested
                .iter()
                .filter(|s| !named.iter().any(|e| e.name.eq_ignore_ascii_case(s)))
                .collect();
            entries.extend(fresh.iter().map(|s| format!("Rate: {s}")));
            entries.push("Name another example".into());
            entries.push("Done with this type".into());
            entries.extend([BACK.to_string(), SKIP.to_string(), REVIEW.to_string()]);
            let done = named.len() + fresh.len() + 1;
            let default = if named.is_empty() { 0 } else { done };
            let chosen = self.prompter.select(
                &format!("{}: rate each example", item.title),
                &entries,
                default,
            )?;
            let (name, current) = if chosen < named.len() {
                (named[chosen].name.clone(), named[chosen].rating)
            } else if chosen < named.len() + fresh.len() {
                (fresh[chosen - named.len()].clone(), None)
            } else if chosen == done - 1 {
                let name = self.prompter.input("Name of the example", "", false)?;
                if name.is_empty() {
                    continue;
                }
                (name, None)
            } else if chosen == done {
                return Ok(Nav::Next);
            } else {
                return Ok(match chosen - done {
                    1 => Nav::Back,
                    2 => Nav::Skip,
                    _ => Nav::Review,
                });
            };
            let (mut rate_entries, values) = rating_entries(scale);
            rate_entries.push("Remove this example".into());
            let default = current
                .and_then(|c| values.iter().position(|v| *v == c))
                .unwrap_or(0);
            let pick =
                self.prompter
                    .select(&format!("Rating for {name}"), &rate_entries, default)?;
            let examples = &mut self.answer(&item.id).examples;
            let existing = examples.iter().position(|e| e.name == name);
            match (values.get(pick), existing) {
                (Some(r), Some(at)) => examples[at].rating = Some(*r),
                (Some(r), None) => examples.push(Example {
                    name,
                    rating: Some(*r),
                }),
                (None, Some(at)) => {
                    examples.remove(at);
                }
                (None, None) => {}
            }
            self.save()?;
        }
    }

    /// The evidence note, the assessment's fields, a target and an action.
    fn details(&mut self, item: &Item) -> anyhow::Result<()> {
        let current = self
            .answer(&item.id)
            .notes
            .first()
            .cloned()
            .unwrap_or_default();
        let note = self
            .prompter
            .input("Evidence note (optional)", &current, true)?;
        self.answer(&item.id).notes = if note.is_empty() { vec![] } else { vec![note] };
        self.save()?;
        let fields: Vec<_> = self.assessment.fields_for(item).cloned().collect();
        for field in fields {
            let current = self
                .answer(&item.id)
                .fields
                .get(&field.id)
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
                fields.remove(&field.id);
            } else {
                fields.insert(field.id.clone(), value);
            }
            self.save()?;
        }
        let scale = self.assessment.scale_of(item);
        let mut entries = vec![NO_TARGET.to_string()];
        entries.extend((scale.min..=scale.max).map(|v| format!("{v} · {}", scale.label(v))));
        let current = self.answer(&item.id).target;
        let default = current.map_or(0, |t| (t - scale.min) as usize + 1);
        let pick = self
            .prompter
            .select("Target rating for 12 months ahead", &entries, default)?;
        let target = (pick > 0).then(|| scale.min + pick as i32 - 1);
        self.answer(&item.id).target = target;
        self.save()?;
        if target.is_some() {
            let current = self.answer(&item.id).action.clone().unwrap_or_default();
            let action = self
                .prompter
                .input("Action to reach it (optional)", &current, true)?;
            self.answer(&item.id).action = (!action.is_empty()).then_some(action);
        } else {
            self.answer(&item.id).action = None;
        }
        self.save()
    }

    /// Every answer so far; finish, change one, or go on with those not answered.
    fn review(&mut self) -> anyhow::Result<Choice> {
        let a = self.assessment;
        let mut text = String::from("\nReview: every answer so far");
        let mut entries = Vec::new();
        let mut unanswered = 0;
        let mut first_unanswered = None;
        for (k, item) in a.items.iter().enumerate() {
            let scale = a.scale_of(item);
            let answer = self.draft.answers.items.get(&item.id);
            let summary = match answer {
                Some(ans) if !ans.examples.is_empty() => {
                    let input = ans.input();
                    match input.score {
                        Some(s) => format!("{s:.2} (mean of {} examples)", input.n),
                        None => "examples named, none rated".into(),
                    }
                }
                Some(Answer {
                    rating: Some(Rating::Value(v)),
                    ..
                }) => format!("{v} {}", scale.label(*v)),
                Some(Answer {
                    rating: Some(Rating::NotApplicable),
                    ..
                }) => scale.not_applicable_label.clone(),
                _ => {
                    unanswered += 1;
                    first_unanswered.get_or_insert(k);
                    if self.draft.skipped.contains(&item.id) {
                        "skipped".into()
                    } else {
                        "not answered".into()
                    }
                }
            };
            let mut extra = Vec::new();
            if let Some(ans) = answer {
                if !ans.notes.is_empty() {
                    extra.push("note".to_string());
                }
                if let Some(t) = ans.target {
                    extra.push(format!("target {t}"));
                }
            }
            let extra = if extra.is_empty() {
                String::new()
            } else {
                format!(" [{}]", extra.join(", "))
            };
            text.push_str(&format!(
                "\n  {:>2}. {} — {summary}{extra}",
                k + 1,
                item.title
            ));
            entries.push(format!("Change {}: {}", k + 1, item.title));
        }
        self.prompter.say(&text);
        let mut all = Vec::new();
        if let Some(k) = first_unanswered {
            all.push(format!(
                "Continue with those not answered, from {}: {}",
                k + 1,
                a.items[k].title
            ));
            all.push(format!("Finish and score ({unanswered} not answered)"));
        } else {
            all.push("Finish and score".to_string());
        }
        let offset = all.len();
        all.extend(entries);
        let pick = self
            .prompter
            .select("Finish, or change an answer", &all, 0)?;
        Ok(match (first_unanswered, pick) {
            (Some(k), 0) => Choice::Continue(k),
            (Some(_), 1) | (None, 0) => Choice::Finish,
            (_, p) => Choice::Change(p - offset),
        })
    }
}

/// The scale's points as short Select entries ("3 · Established"), then N/A where
/// allowed; with the rating each entry stands for. The descriptors are shown above the
/// menu by `legend`, so no entry is wider than a projector's terminal.
fn rating_entries(scale: &Scale) -> (Vec<String>, Vec<Rating>) {
    let mut entries = Vec::new();
    let mut values = Vec::new();
    for v in scale.min..=scale.max {
        entries.push(format!("{v} · {}", scale.label(v)));
        values.push(Rating::Value(v));
    }
    if scale.not_applicable {
        entries.push(format!("N/A · {}", scale.not_applicable_label));
        values.push(Rating::NotApplicable);
    }
    (entries, values)
}

/// Every point of the scale with its descriptor.
fn legend(scale: &Scale) -> String {
    let mut text = String::from("The scale:");
    for v in scale.min..=scale.max {
        match scale.point(v) {
            // The connection key's 0 is its own descriptor: say it once.
            Some(p) if !p.descriptor.is_empty() && p.descriptor != p.label => {
                text.push_str(&format!("\n  {v} {} — {}", p.label, p.descriptor))
            }
            _ => text.push_str(&format!("\n  {v} {}", scale.label(v))),
        }
    }
    if scale.not_applicable {
        text.push_str(&format!("\n  N/A {}", scale.not_applicable_label));
    }
    text
}

/// The lower middle value: a starting point for the group's agreed rating.
fn median(values: &[i32]) -> i32 {
    let mut v = values.to_vec();
    v.sort_unstable();
    v[(v.len() - 1) / 2]
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}
