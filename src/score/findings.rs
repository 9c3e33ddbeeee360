//! Evaluating an assessment's declarative finding rules over item scores. A condition on
//! an item with no score (missing or not applicable) does not hold: a finding is never
//! raised on what was not said.

use super::ItemScore;
use crate::assessment::{Assessment, Condition, Rule};
use crate::result::Finding;

pub fn evaluate(assessment: &Assessment, scores: &[ItemScore]) -> Vec<Finding> {
    let score_of = |id: &str| -> Option<f64> {
        let index = assessment.items.iter().position(|i| i.id == id)?;
        scores[index].score
    };
    let holds = |c: &Condition| score_of(&c.item).is_some_and(|s| c.test.holds(s));
    let mut out = Vec::new();
    for rule in &assessment.findings {
        let finding = |items: Vec<String>, message: String| Finding {
            id: rule.id.clone(),
            severity: rule.severity,
            message,
            items,
        };
        match &rule.rule {
            Rule::All(conditions) => {
                if !conditions.is_empty() && conditions.iter().all(holds) {
                    let items = conditions.iter().map(|c| c.item.clone()).collect();
                    out.push(finding(items, rule.message.clone()));
                }
            }
            Rule::Any(conditions) => {
                let matched: Vec<String> = conditions
                    .iter()
                    .filter(|c| holds(c))
                    .map(|c| c.item.clone())
                    .collect();
                if !matched.is_empty() {
                    out.push(finding(matched, rule.message.clone()));
                }
            }
            Rule::Each { test, items } => {
                for (item, score) in assessment.items.iter().zip(scores) {
                    let selected = items.as_ref().is_none_or(|ids| ids.contains(&item.id));
                    if selected && score.score.is_some_and(|s| test.holds(s)) {
                        let message = rule.message.replace("{item}", &item.title);
                        out.push(finding(vec![item.id.clone()], message));
                    }
                }
            }
        }
    }
    out
}
