//! The actions log: what an organisation promised in answer to its feedback, carried
//! from quarter to quarter until it is done or dropped (building block 8, "close the
//! loop"). A TOML file that people edit too (`docs/actions.md`); workshops and `plead
//! actions` add to it and review it, reports join it to Results ("You said, we did").
//!
//! - `date`: due dates and review dates, read as people write them;
//! - `read`: the file read and checked, every problem at its line and column;
//! - `edit`: additions and reviews written into the file's own text, keeping what
//!   people wrote by hand;
//! - `workshop`: what a workshop adds to the log and reviews in it;
//! - `closing`: an action joined to the Results it answers (pure, no I/O).

pub mod closing;
pub mod date;
pub mod edit;
pub mod read;
pub mod workshop;

use serde::{Deserialize, Serialize};
use time::Date;

/// The schema tag of an actions log, and of `plead actions --format json`.
pub const SCHEMA: &str = "plead.actions/1";

/// An organisation's actions log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Log {
    pub organisation: String,
    pub actions: Vec<Action>,
}

/// What an action answers: an item's score, a finding raised, or a comment made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answers {
    Item(String),
    Finding(String),
    Comment(String),
}

impl Answers {
    /// The file's key for this kind of reference.
    pub fn key(&self) -> &'static str {
        match self {
            Answers::Item(_) => "item",
            Answers::Finding(_) => "finding",
            Answers::Comment(_) => "comment",
        }
    }

    /// The id referred to.
    pub fn id(&self) -> &str {
        match self {
            Answers::Item(id) | Answers::Finding(id) | Answers::Comment(id) => id,
        }
    }
}

/// One promise: what will be done, by whom, by when, in answer to what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// Stable: never reused, never renumbered (`A1`, `A2`, … when plead gives it).
    pub id: String,
    pub assessment: String,
    pub answers: Answers,
    pub text: String,
    pub owner: Option<String>,
    pub due: Option<Date>,
    /// The period it was agreed in.
    pub agreed: String,
    /// Every change of status, oldest first; the first is its agreement.
    pub history: Vec<Change>,
}

/// A change of an action's status, in a period, on a date, with what was said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub status: Status,
    pub period: String,
    pub date: Date,
    pub note: String,
}

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Status {
    #[serde(rename = "open")]
    Open,
    #[serde(rename = "in progress")]
    InProgress,
    #[serde(rename = "done")]
    Done,
    #[serde(rename = "dropped")]
    Dropped,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Open,
        Status::InProgress,
        Status::Done,
        Status::Dropped,
    ];

    /// As the file writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::InProgress => "in progress",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }

    /// A status as people type it: `in progress`, `In-Progress`, `in_progress`.
    pub fn parse(s: &str) -> Option<Status> {
        let s = s.trim().to_lowercase().replace(['-', '_'], " ");
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The statuses, quoted, for a message saying what would be valid.
    pub fn listed() -> String {
        let all: Vec<String> = Status::ALL
            .iter()
            .map(|s| format!("\"{}\"", s.as_str()))
            .collect();
        all.join(", ")
    }

    /// Whether an action of this status is still to be done.
    pub fn is_live(self) -> bool {
        matches!(self, Status::Open | Status::InProgress)
    }
}

impl Action {
    /// The status now: the latest change's (open when none is recorded).
    pub fn status(&self) -> Status {
        self.history.last().map_or(Status::Open, |c| c.status)
    }

    /// Whether it is still to be done and its due date has passed.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status().is_live() && self.due.is_some_and(|d| d < today)
    }

    /// The status it had at the end of `period` (by `order`, which puts periods in
    /// time order): the latest change in that period or before; `None` before it was
    /// agreed.
    pub fn status_in<K: Ord>(
        &self,
        period: &str,
        order: impl Fn(&str) -> Option<K>,
    ) -> Option<Status> {
        let at = order(period)?;
        let agreed = order(&self.agreed)?;
        if agreed > at {
            return None;
        }
        let mut status = Status::Open;
        for change in &self.history {
            match order(&change.period) {
                Some(p) if p <= at => status = change.status,
                _ => {}
            }
        }
        Some(status)
    }
}

impl Log {
    /// The action of this id.
    pub fn action(&self, id: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.id == id)
    }

    /// The next id plead gives: `A` and one more than the highest such number used.
    pub fn next_id(&self) -> String {
        let highest = self
            .actions
            .iter()
            .filter_map(|a| a.id.strip_prefix('A')?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("A{}", highest + 1)
    }

    /// The actions still to be done that answer `item` of `assessment`, oldest first.
    pub fn live_for_item<'a>(
        &'a self,
        assessment: &'a str,
        item: &'a str,
    ) -> impl Iterator<Item = &'a Action> + 'a {
        self.actions.iter().filter(move |a| {
            a.assessment == assessment
                && a.status().is_live()
                && match &a.answers {
                    Answers::Item(i) => i == item,
                    _ => false,
                }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn action(due: Option<Date>, history: &[(Status, &str)]) -> Action {
        Action {
            id: "A1".into(),
            assessment: "building-blocks".into(),
            answers: Answers::Item("invest".into()),
            text: "Fund two posts".into(),
            owner: None,
            due,
            agreed: "2026-Q2".into(),
            history: history
                .iter()
                .map(|(s, p)| Change {
                    status: *s,
                    period: (*p).into(),
                    date: date!(2026 - 07 - 01),
                    note: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn overdue_is_live_and_past_its_due_date_on_a_fixed_clock() {
        let today = date!(2026 - 10 - 01);
        let open = action(Some(date!(2026 - 09 - 30)), &[(Status::Open, "2026-Q2")]);
        assert!(open.is_overdue(today));
        assert!(
            !open.is_overdue(date!(2026 - 09 - 30)),
            "due today is not overdue"
        );
        let done = action(
            Some(date!(2026 - 09 - 30)),
            &[(Status::Open, "2026-Q2"), (Status::Done, "2026-Q3")],
        );
        assert!(!done.is_overdue(today));
        assert!(
            !action(None, &[]).is_overdue(today),
            "no due date, never overdue"
        );
    }

    #[test]
    fn the_status_in_a_period_is_the_latest_change_by_then() {
        let a = action(
            None,
            &[
                (Status::Open, "2026-Q2"),
                (Status::InProgress, "2026-Q3"),
                (Status::Done, "2026-Q4"),
            ],
        );
        let order = |p: &str| crate::compare::period::parse(p);
        assert_eq!(a.status_in("2026-Q1", order), None);
        assert_eq!(a.status_in("2026-Q2", order), Some(Status::Open));
        assert_eq!(a.status_in("2026-Q3", order), Some(Status::InProgress));
        assert_eq!(a.status_in("2027-Q1", order), Some(Status::Done));
    }

    #[test]
    fn statuses_read_as_people_type_them() {
        assert_eq!(Status::parse("In-Progress"), Some(Status::InProgress));
        assert_eq!(Status::parse("done "), Some(Status::Done));
        assert_eq!(Status::parse("finished"), None);
    }

    #[test]
    fn ids_are_never_reused() {
        let mut log = Log {
            organisation: "N".into(),
            actions: vec![action(None, &[])],
        };
        log.actions[0].id = "A7".into();
        assert_eq!(log.next_id(), "A8");
    }
}
