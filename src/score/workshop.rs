//! A workshop's answers scored into a Result document. Pure: the context (organisation,
//! period, clock) is passed in by the command.

use super::ItemInput;
use super::document::document;
use crate::assessment::Assessment;
use crate::response::{Answer, Answers, RaterSpec, Rating};
use crate::result::{Context, ExampleResult, Rater, RaterRating, ResultDoc, TagMean};

/// Scores a workshop's answers.
pub fn result(assessment: &Assessment, answers: &Answers, context: Context) -> ResultDoc {
    let empty = Answer::default();
    let given: Vec<&Answer> = assessment
        .items
        .iter()
        .map(|i| answers.items.get(&i.id).unwrap_or(&empty))
        .collect();
    let inputs: Vec<ItemInput> = given.iter().map(|a| a.input()).collect();
    let mut doc = document(assessment, context, &inputs);
    doc.respondents = 1;
    doc.raters = answers
        .raters
        .iter()
        .map(|r| Rater {
            label: r.label.clone(),
            tag: r.tag.clone(),
        })
        .collect();
    for (item, answer) in doc.items.iter_mut().zip(given) {
        item.ratings = answers
            .raters
            .iter()
            .filter_map(|r| {
                answer.raters.get(&r.label).map(|rating| RaterRating {
                    rater: r.label.clone(),
                    rating: value(*rating),
                })
            })
            .collect();
        item.tag_means = tag_means(&answers.raters, answer);
        item.notes = answer.notes.clone();
        item.action = answer.action.clone();
        item.fields = answer.fields.clone();
        item.examples = answer
            .examples
            .iter()
            .map(|e| ExampleResult {
                name: e.name.clone(),
                rating: e.rating.and_then(value),
            })
            .collect();
    }
    doc
}

fn value(rating: Rating) -> Option<i32> {
    match rating {
        Rating::Value(v) => Some(v),
        Rating::NotApplicable => None,
    }
}

/// The mean rating of each tag's raters, tags in the order raters were named.
fn tag_means(raters: &[RaterSpec], answer: &Answer) -> Vec<TagMean> {
    let mut tags: Vec<&str> = Vec::new();
    for tag in raters.iter().filter_map(|r| r.tag.as_deref()) {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags.into_iter()
        .map(|tag| {
            let values: Vec<i32> = raters
                .iter()
                .filter(|r| r.tag.as_deref() == Some(tag))
                .filter_map(|r| answer.raters.get(&r.label).copied().and_then(value))
                .collect();
            TagMean {
                tag: tag.to_string(),
                mean: (!values.is_empty()).then(|| {
                    values.iter().map(|v| f64::from(*v)).sum::<f64>() / values.len() as f64
                }),
                n: values.len() as u64,
            }
        })
        .collect()
}
