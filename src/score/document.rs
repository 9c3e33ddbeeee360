//! A scored Result document from one input per item: the part of a Result that workshops
//! and surveys share. `workshop` and `survey` each add what only they record.

use super::{ItemInput, Scores, score};
use crate::assessment::Assessment;
use crate::result::{
    AssessmentRef, BandRef, Context, ItemResult, Overall, PointRef, ResultDoc, SCHEMA, ScaleRef,
    ThemeResult,
};

/// The Result for any set of item inputs: everything but what only a workshop or only a
/// survey records.
pub fn document(assessment: &Assessment, context: Context, inputs: &[ItemInput]) -> ResultDoc {
    let scores = score(assessment, inputs);
    ResultDoc {
        schema: SCHEMA.to_string(),
        assessment: AssessmentRef {
            id: assessment.id.clone(),
            version: assessment.version.clone(),
            title: assessment.title.clone(),
            source: assessment.source.clone(),
            definition_hash: assessment.definition_hash(),
            banner: assessment.banner.clone(),
        },
        context,
        respondents: 0,
        raters: Vec::new(),
        fields: assessment
            .fields
            .iter()
            .map(|f| crate::result::FieldRef {
                id: f.id.clone(),
                label: f.label.clone(),
            })
            .collect(),
        scales: scales(assessment),
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
        overall: overall(assessment, &scores),
        themes: themes(assessment, &scores),
        items: items(assessment, inputs, &scores),
        gaps: scores.gaps,
        findings: scores.findings,
        rejected: Vec::new(),
        survey: None,
        group_by: None,
        groups: Vec::new(),
        warnings: Vec::new(),
        comments: Vec::new(),
    }
}

/// The assessment's scales as the Result carries them, so a report names the points
/// without the assessment.
fn scales(assessment: &Assessment) -> Vec<ScaleRef> {
    assessment
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
        .collect()
}

/// The overall figures, with why there is no score when the scales differ in length.
fn overall(assessment: &Assessment, scores: &Scores) -> Overall {
    Overall {
        score: scores.overall.score,
        percent: scores.overall.percent,
        band: scores.band.clone(),
        answered: scores.overall.answered,
        items: scores.overall.items,
        note: scores
            .overall
            .mixed_scales
            .then(|| mixed_scales_note(assessment)),
        per_respondent: None,
        reason: None,
    }
}

/// Each theme's figures.
fn themes(assessment: &Assessment, scores: &Scores) -> Vec<ThemeResult> {
    assessment
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
            per_respondent: None,
            reason: None,
        })
        .collect()
}

/// Each item's text, guidance and figures, with nothing yet of what only a workshop or
/// a survey records (notes, examples, aggregates, ratings).
fn items(assessment: &Assessment, inputs: &[ItemInput], scores: &Scores) -> Vec<ItemResult> {
    assessment
        .items
        .iter()
        .zip(inputs)
        .zip(&scores.items)
        .map(|((item, input), s)| ItemResult {
            id: item.id.clone(),
            theme: item.theme.clone(),
            title: item.title.clone(),
            text: item.text.clone(),
            guidance: shown(item).map_or(String::new(), |p| p.text.clone()),
            guidance_label: shown(item).map(|p| p.heading()),
            guidance_cite: shown(item).and_then(|p| p.cite.clone()),
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
            reason: None,
            ratings: Vec::new(),
            tag_means: Vec::new(),
        })
        .collect()
}

/// Why a Result of items on scales of different lengths has percents but no scores.
pub fn mixed_scales_note(assessment: &Assessment) -> String {
    let mut ranges: Vec<String> = Vec::new();
    for item in &assessment.items {
        let s = assessment.scale_of(item);
        let range = format!("{}–{}", s.min, s.max);
        if !ranges.contains(&range) {
            ranges.push(range);
        }
    }
    format!(
        "The items are rated on scales of different lengths ({}), so a mean of their ratings would mean nothing: the overall and theme figures are percents only (each item's percent is where its score lies on its own scale).",
        ranges.join(", ")
    )
}

/// The passage a report shows beside an item: what good looks like, or failing that the
/// guide's first passage on it.
fn shown(item: &crate::assessment::Item) -> Option<&crate::assessment::Passage> {
    item.what_good_looks_like().or(item.guidance.first())
}
