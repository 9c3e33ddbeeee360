//! "You said, we did": each action of an assessment joined to the Results around it —
//! what prompted it (the item's score and gap, the finding, the comment question and how
//! many comments it drew, as the Result of the period it was agreed in recorded them),
//! what was done (its history), and what changed since (the item's score in the two
//! periods with the diff's verdict, the finding raised or not, the comments drawn).
//! Pure: a log and Results in, a document out; the renderers lay it out.
//!
//! An action answers a comment *question*, never one person's comment: the section is
//! read like a poster on a ward, and a comment's words beside what was done about them
//! can point at the one person who wrote them even with their name removed. So it
//! quotes the question and counts the comments; the comments themselves stay in the
//! report's "Stories as well as numbers", under the rules that protect them.

use serde::Serialize;
use time::Date;

use super::{Action, Answers, Log, Status, date};
use crate::assessment::Assessment;
use crate::compare::period;
use crate::compare::{Diff, Direction};
use crate::result::{GapKind, ResultDoc};

/// The section a report or a diff adds with `--actions`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Closing {
    pub organisation: String,
    pub assessment: String,
    /// The period of the latest Result: actions agreed after it are not shown.
    pub period: String,
    /// The day overdue is judged on.
    pub as_of: String,
    pub entries: Vec<Entry>,
}

/// One action, from what prompted it to what changed since.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub id: String,
    /// `item`, `finding` or `comment`.
    pub answers: &'static str,
    /// The id it answers.
    pub answers_id: String,
    /// What it answers, as a reader knows it: the item's title, the finding's message,
    /// the comment question's words.
    pub about: String,
    pub you_said: Prompt,
    pub text: String,
    pub owner: Option<String>,
    pub due: Option<String>,
    pub agreed: String,
    pub status: Status,
    pub overdue: bool,
    pub we_did: Vec<Step>,
    /// The item's score in the earlier and the later period (items only).
    pub then: Option<Score>,
    pub now: Option<Score>,
    /// The diff's verdict on the item.
    pub direction: Option<Direction>,
    /// What became of the finding: "no longer raised", "still raised", …
    pub finding_now: Option<&'static str>,
    /// The comments the question drew in the earlier and the later period (comment
    /// questions only, where that period's Result read them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments_then: Option<Drawn>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments_now: Option<Drawn>,
}

/// What prompted an action, as the Result of its period recorded it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prompt {
    /// The period of the Result quoted, if one was at hand.
    pub period: Option<String>,
    pub score: Option<f64>,
    pub rating: Option<String>,
    /// The gap: `below threshold` or `to target`, its reference and size.
    pub gap: Option<(GapKind, f64, f64)>,
    /// The words quoted: a finding's message, a comment question's words.
    pub quote: Option<String>,
    /// How many comments the question drew in `period` (comment questions only). Never
    /// a comment itself: see the module's header.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments: Option<u64>,
}

/// One step of what was done.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub status: Status,
    pub period: String,
    pub date: String,
    pub note: String,
}

/// An item's score in a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub period: String,
    pub score: Option<f64>,
}

/// How many comments a comment question drew in a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Drawn {
    pub period: String,
    pub count: u64,
}

/// The Results an action is joined to: the latest, and with a diff the earlier one.
pub struct Around<'a> {
    pub then: Option<&'a ResultDoc>,
    pub now: &'a ResultDoc,
    pub diff: Option<&'a Diff>,
    /// The assessment's definition, to name what no Result at hand holds (a comment
    /// question a workshop does not ask).
    pub definition: Option<&'a Assessment>,
}

/// The section for `around`'s assessment: its actions agreed by the latest period.
pub fn closing(log: &Log, around: &Around, today: Date) -> Closing {
    let now = around.now;
    let latest = period::parse(&now.context.period);
    let entries = log
        .actions
        .iter()
        .filter(|a| a.assessment == now.assessment.id)
        .filter(|a| match (period::parse(&a.agreed), latest) {
            (Some(agreed), Some(latest)) => agreed <= latest,
            _ => true,
        })
        .map(|a| entry(a, around, today))
        .collect();
    Closing {
        organisation: log.organisation.clone(),
        assessment: now.assessment.id.clone(),
        period: now.context.period.clone(),
        as_of: date::iso(today),
        entries,
    }
}

fn entry(a: &Action, around: &Around, today: Date) -> Entry {
    // What prompted it is quoted from the Result of the period it was agreed in, else
    // from the earlier Result of a diff; a report of a later period alone names it.
    let source = [around.then, Some(around.now)]
        .into_iter()
        .flatten()
        .find(|r| r.context.period == a.agreed)
        .or(around.then);
    let (about, you_said) = prompt(a, source, around);
    let since = since(a, around);
    Entry {
        id: a.id.clone(),
        answers: a.answers.key(),
        answers_id: a.answers.id().to_string(),
        about,
        you_said,
        text: a.text.clone(),
        owner: a.owner.clone(),
        due: a.due.map(date::iso),
        agreed: a.agreed.clone(),
        status: a.status(),
        overdue: a.is_overdue(today),
        we_did: a
            .history
            .iter()
            .map(|c| Step {
                status: c.status,
                period: c.period.clone(),
                date: date::iso(c.date),
                note: c.note.clone(),
            })
            .collect(),
        then: since.then,
        now: since.now,
        direction: since.direction,
        finding_now: since.finding_now,
        comments_then: since.comments_then,
        comments_now: since.comments_now,
    }
}

/// What the action answers (named from any Result at hand) and what the Result
/// `source` of its period recorded of it.
fn prompt(a: &Action, source: Option<&ResultDoc>, around: &Around) -> (String, Prompt) {
    let now = around.now;
    let mut p = Prompt {
        period: source.map(|s| s.context.period.clone()),
        score: None,
        rating: None,
        gap: None,
        quote: None,
        comments: None,
    };
    let named = source.unwrap_or(now);
    let about = match &a.answers {
        Answers::Item(id) => {
            if let Some(item) = source.and_then(|s| s.item(id)) {
                let s = source.expect("the item is in it");
                p.score = item.score;
                p.rating = s.rating_label(item);
                p.gap = s
                    .gaps
                    .iter()
                    .find(|g| g.item == *id)
                    .map(|g| (g.kind, g.reference, g.size));
            }
            named
                .item(id)
                .or_else(|| now.item(id))
                .map_or_else(|| id.clone(), |i| i.title.clone())
        }
        Answers::Finding(id) => {
            let raised = source.and_then(|s| s.findings.iter().find(|f| f.id == *id));
            if raised.is_none() {
                p.period = None;
            }
            p.quote = raised.map(|f| f.message.clone());
            raised
                .or_else(|| now.findings.iter().find(|f| f.id == *id))
                .map_or_else(|| id.clone(), |f| f.message.clone())
        }
        Answers::Comment(id) => {
            p.comments = source.and_then(|s| s.comment_count(id));
            if p.comments.is_none() {
                p.period = None;
            }
            let question = [source, Some(now)]
                .into_iter()
                .flatten()
                .find_map(|r| r.comments.iter().find(|c| c.id == *id))
                .map(|c| c.question.clone())
                .or_else(|| {
                    around
                        .definition
                        .and_then(|d| d.comment(id))
                        .map(|c| c.question.clone())
                });
            p.quote.clone_from(&question);
            question.unwrap_or_else(|| id.clone())
        }
    };
    (about, p)
}

/// What changed since: the item's score then and now with the diff's verdict, what
/// became of a finding, or the comments a question drew then and now.
#[derive(Default)]
struct Since {
    then: Option<Score>,
    now: Option<Score>,
    direction: Option<Direction>,
    finding_now: Option<&'static str>,
    comments_then: Option<Drawn>,
    comments_now: Option<Drawn>,
}

fn since(a: &Action, around: &Around) -> Since {
    let score_in = |doc: &ResultDoc, id: &str| Score {
        period: doc.context.period.clone(),
        score: doc.item(id).and_then(|i| i.score),
    };
    match &a.answers {
        Answers::Item(id) => Since {
            then: around.then.map(|d| score_in(d, id)),
            now: Some(score_in(around.now, id)),
            direction: around
                .diff
                .and_then(|d| d.items.iter().find(|r| r.id == *id))
                .map(|r| r.change.direction),
            ..Since::default()
        },
        Answers::Finding(id) => {
            let raised = |d: &ResultDoc| d.findings.iter().any(|f| f.id == *id);
            let now = match (around.then.map(raised), raised(around.now)) {
                (Some(true), false) => "no longer raised",
                (Some(true), true) => "still raised",
                (Some(false), true) => "raised again",
                (None, true) => "raised",
                (_, false) => "not raised",
            };
            Since {
                finding_now: Some(now),
                ..Since::default()
            }
        }
        Answers::Comment(id) => {
            let drawn = |doc: &ResultDoc| {
                doc.comment_count(id).map(|count| Drawn {
                    period: doc.context.period.clone(),
                    count,
                })
            };
            Since {
                comments_then: around.then.and_then(drawn),
                comments_now: drawn(around.now),
                ..Since::default()
            }
        }
    }
}
