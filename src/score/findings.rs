//! Evaluating an assessment's declarative finding rules over item scores. A condition on
//! an item with no score (missing or not applicable) does not hold: a finding is never
//! raised on what was not said.
//!
//! Two rules keep findings from contradicting each other or the scores:
//! - on an item rated through examples, `below` holds only when every example rated is
//!   below the point (the highest is), so "no links at all" is never said of an item one
//!   of whose examples has links; `at_least` tests the item's score, the examples' mean;
//! - a finding that `supersedes` another is reported instead of it: when both are raised
//!   and the superseding finding covers every item of the other, the other is dropped, so
//!   "No links at all" is not followed by "at most aware" for the same type of leader.

use super::{ItemInput, ItemScore};
use crate::assessment::{Assessment, Condition, Rule, Test};
use crate::result::Finding;

/// Whether a test holds of an item: its score, or for `below` on an item rated through
/// examples, its highest example.
pub fn holds(test: Test, score: Option<f64>, input: &ItemInput) -> bool {
    let Some(score) = score else { return false };
    match (test, input.highest) {
        (Test::Below(_), Some(highest)) => test.holds(highest),
        _ => test.holds(score),
    }
}

pub fn evaluate(
    assessment: &Assessment,
    scores: &[ItemScore],
    inputs: &[ItemInput],
) -> Vec<Finding> {
    let index_of = |id: &str| assessment.items.iter().position(|i| i.id == id);
    let condition_holds = |c: &Condition| {
        index_of(&c.item).is_some_and(|k| holds(c.test, scores[k].score, &inputs[k]))
    };
    let mut out: Vec<(usize, Finding)> = Vec::new();
    for (r, rule) in assessment.findings.iter().enumerate() {
        let finding = |items: Vec<String>, message: String| {
            (
                r,
                Finding {
                    id: rule.id.clone(),
                    severity: rule.severity,
                    message,
                    items,
                },
            )
        };
        match &rule.rule {
            Rule::All(conditions) => {
                if !conditions.is_empty() && conditions.iter().all(condition_holds) {
                    let items = conditions.iter().map(|c| c.item.clone()).collect();
                    out.push(finding(items, rule.message.clone()));
                }
            }
            Rule::Any(conditions) => {
                let matched: Vec<String> = conditions
                    .iter()
                    .filter(|c| condition_holds(c))
                    .map(|c| c.item.clone())
                    .collect();
                if !matched.is_empty() {
                    out.push(finding(matched, rule.message.clone()));
                }
            }
            Rule::Each { test, items } => {
                for (k, (item, score)) in assessment.items.iter().zip(scores).enumerate() {
                    let selected = items.as_ref().is_none_or(|ids| ids.contains(&item.id));
                    if selected && holds(*test, score.score, &inputs[k]) {
                        let message = rule.message.replace("{item}", &item.title);
                        out.push(finding(vec![item.id.clone()], message));
                    }
                }
            }
        }
    }
    let superseded = |(_, f): &(usize, Finding)| {
        out.iter().any(|(r, g)| {
            assessment.findings[*r].supersedes.contains(&f.id)
                && f.items.iter().all(|i| g.items.contains(i))
        })
    };
    let keep: Vec<bool> = out.iter().map(|f| !superseded(f)).collect();
    out.into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|((_, f), _)| f)
        .collect()
}
