//! A workshop's answers scored into a Result document. Pure: the context (organisation,
//! period, clock) is passed in by the command.

use super::{ItemInput, score};
use crate::assessment::Assessment;
use crate::response::{Answer, Answers, RaterSpec, Rating};
use crate::result::{
    AssessmentRef, BandRef, Context, ExampleResult, ItemResult, Overall, PointRef, Rater,
    RaterRating, ResultDoc, SCHEMA, ScaleRef, TagMean, ThemeResult,
};

/// Scores a workshop's answers.
pub fn result(assessment: &Assessment, answers: &Answers, context: Context) -> ResultDoc {
    let empty = Answer::default();
    let given: Vec<&Answer> = assessment
        .items
        .iter()
        .map(|i| answers.items.get(&i.id).unwrap_or(&empty))
        .collect();
    let inputs: Vec<ItemInput> = given.iter().map(|a| a.input()).collect();
    let mut doc = skeleton(assessment, context, &inputs);
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

/// The Result for any set of item inputs: everything but what only a workshop or only a
/// survey records.
pub fn skeleton(assessment: &Assessment, context: Context, inputs: &[ItemInput]) -> ResultDoc {
    let scores = score(assessment, inputs);
    ResultDoc {
        schema: SCHEMA.to_string(),
        assessment: AssessmentRef {
            id: assessment.id.clone(),
            version: assessment.version.clone(),
            title: assessment.title.clone(),
            source: assessment.source.clone(),
            definition_hash: assessment.definition_hash(),
        },
        context,
        respondents: 0,
        raters: Vec::new(),
        scales: assessment
            .scales
            .iter()
            .map(|s| ScaleRef {
                id: s.id.clone(),
                min: s.min,
                max: s.max,
                not_applicable: s.not_applicable,
                points: s
                    .points
                    .iter()
                    .map(|p| PointRef {
                        value: p.value,
                        label: p.label.clone(),
                        descriptor: p.descriptor.clone(),
                    })
                    .collect(),
            })
            .collect(),
        gap_threshold: assessment.gap_threshold,
        action_list: assessment.action_list,
        bands: assessment
            .bands
            .iter()
            .map(|b| BandRef {
                label: b.label.clone(),
                min: b.min,
                max: b.max,
                description: b.description.clone(),
            })
            .collect(),
        overall: Overall {
            score: scores.overall.score,
            percent: scores.overall.percent,
            band: scores.band,
            answered: scores.overall.answered,
            items: scores.overall.items,
        },
        themes: assessment
            .themes
            .iter()
            .zip(&scores.themes)
            .map(|(t, s)| ThemeResult {
                id: t.id.clone(),
                title: t.title.clone(),
                score: s.score,
                percent: s.percent,
                answered: s.answered,
                items: s.items,
            })
            .collect(),
        items: assessment
            .items
            .iter()
            .zip(inputs)
            .zip(&scores.items)
            .map(|((item, input), s)| ItemResult {
                id: item.id.clone(),
                theme: item.theme.clone(),
                title: item.title.clone(),
                text: item.text.clone(),
                guidance: item.guidance.clone(),
                scale: item.scale.clone(),
                weight: item.weight,
                score: s.score,
                percent: s.percent,
                n: input.n,
                not_applicable: input.not_applicable,
                missing: input.missing,
                target: input.target,
                action: None,
                notes: Vec::new(),
                fields: Default::default(),
                examples: Vec::new(),
                aggregate: None,
                ratings: Vec::new(),
                tag_means: Vec::new(),
            })
            .collect(),
        gaps: scores.gaps,
        findings: scores.findings,
        rejected: Vec::new(),
        survey: None,
        group_by: None,
        groups: Vec::new(),
    }
}
