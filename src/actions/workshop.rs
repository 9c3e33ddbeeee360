//! What a workshop does to the actions log, worked out before anything is written: the
//! actions agreed (each item's action, with its owner and due date) are added, and the
//! reviews of open actions recorded in their histories. Running the same answers again
//! changes nothing: an action already in the log (same assessment, item, period and
//! text) is not added twice, nor a review already recorded in that period.

use time::Date;

use super::{Action, Answers, Change, Log, Status, date, edit};
use crate::response;

/// The log's new text and what changed, in words for the end of the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Updated {
    pub text: String,
    /// The ids added.
    pub added: Vec<String>,
    /// The ids reviewed, with their status now.
    pub reviewed: Vec<(String, Status)>,
}

/// The note an action's first history entry carries when a workshop agrees it.
pub const AGREED: &str = "Agreed at the workshop";

/// Applies a workshop of `assessment` in `period` (on `today`) to the log `text` holds.
pub fn apply(
    text: &str,
    log: &Log,
    assessment: &str,
    answers: &response::Answers,
    period: &str,
    today: Date,
) -> Result<Updated, String> {
    let mut doc = edit::parse(text)?;
    let mut updated = Updated {
        text: String::new(),
        added: Vec::new(),
        reviewed: Vec::new(),
    };
    for (id, review) in &answers.reviews {
        let Some(action) = log.action(id) else {
            return Err(format!("there is no action \"{id}\" in the actions log"));
        };
        let already = action
            .history
            .iter()
            .any(|c| c.period == period && c.status == review.status && c.note == review.note);
        if already {
            continue;
        }
        let change = Change {
            status: review.status,
            period: period.to_string(),
            date: today,
            note: review.note.clone(),
        };
        edit::review_in(&mut doc, id, &change)?;
        updated.reviewed.push((id.clone(), review.status));
    }
    let mut next = log.clone();
    for (item, answer) in &answers.items {
        let Some(text) = answer
            .action
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        else {
            continue;
        };
        let known = next.actions.iter().any(|a| {
            a.assessment == assessment
                && a.answers == Answers::Item(item.clone())
                && a.agreed == period
                && a.text == text
        });
        if known {
            continue;
        }
        let action = Action {
            id: next.next_id(),
            assessment: assessment.to_string(),
            answers: Answers::Item(item.clone()),
            text: text.to_string(),
            owner: answer.owner.clone(),
            due: answer.due.as_deref().and_then(date::parse),
            agreed: period.to_string(),
            history: vec![Change {
                status: Status::Open,
                period: period.to_string(),
                date: today,
                note: AGREED.to_string(),
            }],
        };
        edit::add_to(&mut doc, &action)?;
        updated.added.push(action.id.clone());
        next.actions.push(action);
    }
    updated.text = doc.to_string();
    Ok(updated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::{Answer, Review};
    use time::macros::date;

    #[test]
    fn the_same_workshop_applied_twice_changes_the_log_once() {
        let log = Log {
            organisation: "N".into(),
            actions: Vec::new(),
        };
        let text = edit::to_text(&log);
        let mut answers = response::Answers::default();
        answers.items.insert(
            "co-design".into(),
            Answer {
                action: Some("Ask patient leaders first".into()),
                owner: Some("Sam".into()),
                due: Some("2026-12-31".into()),
                ..Answer::default()
            },
        );
        let today = date!(2026 - 07 - 01);
        let once = apply(&text, &log, "building-blocks", &answers, "2026-Q2", today).unwrap();
        assert_eq!(once.added, ["A1"]);
        let log1 = Log {
            organisation: "N".into(),
            actions: vec![Action {
                id: "A1".into(),
                assessment: "building-blocks".into(),
                answers: Answers::Item("co-design".into()),
                text: "Ask patient leaders first".into(),
                owner: Some("Sam".into()),
                due: Some(date!(2026 - 12 - 31)),
                agreed: "2026-Q2".into(),
                history: Vec::new(),
            }],
        };
        let twice = apply(
            &once.text,
            &log1,
            "building-blocks",
            &answers,
            "2026-Q2",
            today,
        )
        .unwrap();
        assert_eq!(twice.text, once.text);
        answers.reviews.insert(
            "A1".into(),
            Review {
                status: Status::Done,
                note: "Done".into(),
            },
        );
        let reviewed = apply(
            &once.text,
            &log1,
            "building-blocks",
            &answers,
            "2026-Q3",
            today,
        )
        .unwrap();
        assert_eq!(reviewed.reviewed, [("A1".to_string(), Status::Done)]);
        assert!(reviewed.text.contains("status = \"done\""));
    }
}
