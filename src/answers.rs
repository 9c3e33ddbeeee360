//! The answers file: a workshop's answers written as TOML, for scripts, tests and
//! workshops run on paper first. Checked against the assessment, every problem pointing
//! at its line and column.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::assessment::{Assessment, FieldKind, Item, Scale};
use crate::problem::{Problem, utf8};
use crate::response::{Answer, Answers, Example, RaterSpec, Rating, Review};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswersFile {
    assessment: Option<Spanned<String>>,
    organisation: Option<String>,
    period: Option<String>,
    raters: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    answers: BTreeMap<Spanned<String>, AnswerFile>,
    /// Reviews of the actions log's actions, by id: `[actions."A3"]`.
    #[serde(default)]
    actions: BTreeMap<Spanned<String>, ReviewFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewFile {
    status: Spanned<String>,
    #[serde(default)]
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerFile {
    rating: Option<Spanned<i32>>,
    #[serde(default)]
    not_applicable: Option<Spanned<bool>>,
    note: Option<String>,
    target: Option<Spanned<i32>>,
    action: Option<Spanned<String>>,
    /// Who carries the action out, and by when: added to the actions log with it.
    owner: Option<Spanned<String>>,
    due: Option<Spanned<toml::Value>>,
    #[serde(default)]
    fields: BTreeMap<Spanned<String>, Spanned<String>>,
    examples: Option<Spanned<Vec<Spanned<ExampleFile>>>>,
    /// Each rater's rating: a number on the scale, or "n/a".
    #[serde(default)]
    ratings: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleFile {
    name: String,
    rating: Option<Spanned<i32>>,
    not_applicable: Option<bool>,
}

impl AnswersFile {
    /// Whether the file gives nothing at all.
    fn is_empty(&self) -> bool {
        self.answers.is_empty()
            && self.actions.is_empty()
            && self.assessment.is_none()
            && self.organisation.is_none()
            && self.period.is_none()
            && self.raters.is_none()
    }
}

/// The problem of an empty answers file, saying how to answer the first item.
fn empty_file(text: &str, assessment: &Assessment) -> Problem {
    let ids: Vec<&str> = assessment.items.iter().map(|i| i.id.as_str()).collect();
    let first = &assessment.items[0];
    let min = assessment.scale_of(first).min;
    Problem::at(
        text,
        0,
        format!(
            "the answers file is empty: answer each item in a table such as [answers.{}] with rating = {min} (items of {}: {})",
            first.id,
            assessment.id,
            ids.join(", ")
        ),
    )
}

/// Reads an answers file and checks it against the assessment.
pub fn load(bytes: &[u8], assessment: &Assessment) -> Result<Answers, Vec<Problem>> {
    load_with(bytes, assessment, None)
}

/// Reads an answers file and checks it against the assessment and, for the reviews of
/// `[actions."<id>"]`, against the actions log the workshop keeps (`None`: none given,
/// so a review is a problem).
pub fn load_with(
    bytes: &[u8],
    assessment: &Assessment,
    log: Option<&crate::actions::Log>,
) -> Result<Answers, Vec<Problem>> {
    let text = utf8(bytes).map_err(|p| vec![p])?;
    let file: AnswersFile = toml::from_str(text).map_err(|e| vec![Problem::from_toml(text, &e)])?;
    if file.is_empty() {
        return Err(vec![empty_file(text, assessment)]);
    }
    let mut problems = Vec::new();
    let mut at = |span: std::ops::Range<usize>, message: String| {
        problems.push(Problem::at_span(text, span, message));
    };
    if let Some(id) = &file.assessment
        && *id.get_ref() != assessment.id
    {
        at(
            id.span(),
            format!(
                "these answers are for \"{}\", not \"{}\"",
                id.get_ref(),
                assessment.id
            ),
        );
    }
    let raters = match &file.raters {
        Some(list) => match RaterSpec::parse_list(&list.get_ref().join(",")) {
            Ok(r) => r,
            Err(message) => {
                at(list.span(), message);
                Vec::new()
            }
        },
        None => Vec::new(),
    };
    let mut items = BTreeMap::new();
    for (id, a) in &file.answers {
        let Some(item) = assessment.item(id.get_ref()) else {
            let ids: Vec<&str> = assessment.items.iter().map(|i| i.id.as_str()).collect();
            at(
                id.span(),
                format!(
                    "unknown item \"{}\" (items of {}: {})",
                    id.get_ref(),
                    assessment.id,
                    ids.join(", ")
                ),
            );
            continue;
        };
        let answer = read_answer(assessment, item, a, &raters, &mut at);
        items.insert(item.id.clone(), answer);
    }
    let reviews = read_reviews(&file.actions, assessment, log, &mut at);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Answers {
        organisation: file.organisation,
        period: file.period,
        raters,
        items,
        reviews,
    })
}

/// The reviews of `[actions."<id>"]`: each an action of the log, of this assessment,
/// given a status from the list.
fn read_reviews(
    given: &BTreeMap<Spanned<String>, ReviewFile>,
    assessment: &Assessment,
    log: Option<&crate::actions::Log>,
    at: &mut impl FnMut(std::ops::Range<usize>, String),
) -> BTreeMap<String, Review> {
    let mut reviews = BTreeMap::new();
    for (id, r) in given {
        let Some(log) = log else {
            at(
                id.span(),
                format!(
                    "[actions.\"{}\"] reviews an action of the actions log, and no log was given: add --actions FILE",
                    id.get_ref()
                ),
            );
            continue;
        };
        match log.action(id.get_ref()) {
            None => {
                let ids: Vec<&str> = log.actions.iter().map(|a| a.id.as_str()).collect();
                at(
                    id.span(),
                    format!(
                        "there is no action \"{}\" in the actions log (its actions: {})",
                        id.get_ref(),
                        if ids.is_empty() {
                            "none yet".to_string()
                        } else {
                            ids.join(", ")
                        }
                    ),
                );
                continue;
            }
            Some(a) if a.assessment != assessment.id => {
                at(
                    id.span(),
                    format!(
                        "action \"{}\" answers {}, not {}: review it in that assessment's workshop, or with plead actions review",
                        a.id, a.assessment, assessment.id
                    ),
                );
                continue;
            }
            Some(_) => {}
        }
        let Some(status) = crate::actions::Status::parse(r.status.get_ref()) else {
            at(
                r.status.span(),
                format!(
                    "status \"{}\" is not one of {}",
                    r.status.get_ref(),
                    crate::actions::Status::listed()
                ),
            );
            continue;
        };
        reviews.insert(
            id.get_ref().clone(),
            Review {
                status,
                note: r.note.trim().to_string(),
            },
        );
    }
    reviews
}

/// One item's answer read from its table: rating or n/a, examples, target, each
/// rater's rating and the item's fields, every problem reported through `at`.
fn read_answer(
    assessment: &Assessment,
    item: &Item,
    a: &AnswerFile,
    raters: &[RaterSpec],
    at: &mut impl FnMut(std::ops::Range<usize>, String),
) -> Answer {
    let scale = assessment.scale_of(item);
    let mut answer = Answer {
        notes: a.note.iter().cloned().collect(),
        action: a
            .action
            .as_ref()
            .map(|x| x.get_ref().trim().to_string())
            .filter(|x| !x.is_empty()),
        owner: a
            .owner
            .as_ref()
            .map(|o| o.get_ref().trim().to_string())
            .filter(|o| !o.is_empty()),
        ..Answer::default()
    };
    read_owner_and_due(a, &mut answer, at);
    let not_applicable = a.not_applicable.as_ref().is_some_and(|n| *n.get_ref());
    let na_span = a
        .not_applicable
        .as_ref()
        .filter(|n| *n.get_ref())
        .map(|n| n.span());
    answer.rating = rating_or_na(scale, a.rating.as_ref(), na_span, at);
    read_examples(item, a, scale, not_applicable, &mut answer, at);
    if let Some(t) = &a.target {
        if scale.contains(*t.get_ref()) {
            answer.target = Some(*t.get_ref());
        } else {
            at(t.span(), out_of_scale("target", *t.get_ref(), scale));
        }
    }
    read_rater_ratings(scale, a, raters, &mut answer, at);
    for (key, value) in &a.fields {
        check_field(assessment, item, key, value, at);
        answer
            .fields
            .insert(key.get_ref().clone(), value.get_ref().trim().to_string());
    }
    answer
}

/// An action's owner and due date, given only with the action; the due date a date.
fn read_owner_and_due(
    a: &AnswerFile,
    answer: &mut Answer,
    at: &mut impl FnMut(std::ops::Range<usize>, String),
) {
    if a.action.is_none() {
        for (key, span) in [
            ("owner", a.owner.as_ref().map(Spanned::span)),
            ("due", a.due.as_ref().map(Spanned::span)),
        ] {
            if let Some(span) = span {
                at(
                    span,
                    format!("{key} is of an action: give the action too (action = \"…\")"),
                );
            }
        }
    }
    if let Some(due) = &a.due {
        match crate::actions::date::from_toml(due.get_ref()) {
            Some(d) => answer.due = Some(crate::actions::date::iso(d)),
            None => at(
                due.span(),
                format!(
                    "due {} is not a date: give {}",
                    due.get_ref(),
                    crate::actions::date::FORMS
                ),
            ),
        }
    }
}

/// The ratings of an item's examples, whose mean is its score; an item not rated
/// through examples, or one also given a rating of its own, is a problem.
fn read_examples(
    item: &Item,
    a: &AnswerFile,
    scale: &Scale,
    not_applicable: bool,
    answer: &mut Answer,
    at: &mut impl FnMut(std::ops::Range<usize>, String),
) {
    if let Some(examples) = &a.examples {
        if item.examples.is_none() {
            at(
                examples.span(),
                format!(
                    "item \"{}\" is not rated through examples: give a rating",
                    item.id
                ),
            );
        } else if a.rating.is_some() || not_applicable {
            at(
                examples.span(),
                format!(
                    "item \"{}\" is rated through its examples: its score is their mean, so give no rating of its own",
                    item.id
                ),
            );
        }
        for e in examples.get_ref() {
            let span = e.span();
            let e = e.get_ref();
            let na_span = e.not_applicable.unwrap_or(false).then(|| span.clone());
            let rating = rating_or_na(scale, e.rating.as_ref(), na_span, at);
            if e.name.trim().is_empty() {
                at(span, "an example needs a name".into());
            }
            answer.examples.push(Example {
                name: e.name.trim().to_string(),
                rating,
            });
        }
    }
}

/// Each rater's rating of an item, for raters named in the file's `raters` list only:
/// a whole number on the item's scale or "n/a".
fn read_rater_ratings(
    scale: &Scale,
    a: &AnswerFile,
    raters: &[RaterSpec],
    answer: &mut Answer,
    at: &mut impl FnMut(std::ops::Range<usize>, String),
) {
    for (rater, value) in &a.ratings {
        if !raters.iter().any(|r| r.label == *rater.get_ref()) {
            let names: Vec<&str> = raters.iter().map(|r| r.label.as_str()).collect();
            at(
                rater.span(),
                format!(
                    "\"{}\" is not one of the raters (raters = [{}])",
                    rater.get_ref(),
                    names.join(", ")
                ),
            );
            continue;
        }
        let rating = match value.get_ref() {
            toml::Value::Integer(v) => {
                let v = i32::try_from(*v).unwrap_or(i32::MAX);
                check_rating(scale, &Spanned::new(value.span(), v), at)
            }
            toml::Value::String(s) if is_not_applicable(s) => check_na(scale, value.span(), at),
            _ => {
                at(
                    value.span(),
                    format!(
                        "a rater's rating is a whole number from {} to {} or \"n/a\"",
                        scale.min, scale.max
                    ),
                );
                None
            }
        };
        if let Some(r) = rating {
            answer.raters.insert(rater.get_ref().clone(), r);
        }
    }
}

/// Checks answers read from elsewhere (a workshop's draft) against the assessment with
/// the rules an answers file is checked by: known items, ratings and targets on the
/// item's scale, not applicable only where the scale allows it, examples only for items
/// rated through them, ratings of named raters, fields and their choices. Each problem
/// names the item it is in.
pub fn check(answers: &Answers, assessment: &Assessment) -> Vec<String> {
    let mut problems: Vec<String> = raters_problem(answers).into_iter().collect();
    let ids: Vec<&str> = assessment.items.iter().map(|i| i.id.as_str()).collect();
    for (id, a) in &answers.items {
        let Some(item) = assessment.item(id) else {
            problems.push(format!(
                "unknown item \"{id}\" (items of {}: {})",
                assessment.id,
                ids.join(", ")
            ));
            continue;
        };
        problems.extend(
            answer_problems(answers, assessment, item, a)
                .into_iter()
                .map(|m| format!("item \"{id}\": {m}")),
        );
    }
    problems
}

/// The raters as an answers file would list them, checked by the same rules.
fn raters_problem(answers: &Answers) -> Option<String> {
    if answers.raters.is_empty() {
        return None;
    }
    let list: Vec<String> = answers
        .raters
        .iter()
        .map(|r| match &r.tag {
            Some(t) => format!("{}:{t}", r.label),
            None => r.label.clone(),
        })
        .collect();
    RaterSpec::parse_list(&list.join(","))
        .err()
        .map(|message| format!("raters: {message}"))
}

/// What is wrong with one item's answer: its rating, examples, target, an action's due
/// date, raters' ratings and fields.
fn answer_problems(
    answers: &Answers,
    assessment: &Assessment,
    item: &Item,
    a: &Answer,
) -> Vec<String> {
    let scale = assessment.scale_of(item);
    let mut found = Vec::new();
    let mut at = |_: std::ops::Range<usize>, message: String| found.push(message);
    given_rating(scale, a.rating, &mut at);
    if !a.examples.is_empty() {
        example_problems(item, a, scale, &mut at);
    }
    if let Some(t) = a.target
        && !scale.contains(t)
    {
        at(0..0, out_of_scale("target", t, scale));
    }
    if let Some(due) = a
        .due
        .as_deref()
        .filter(|d| crate::actions::date::parse(d).is_none())
    {
        let forms = crate::actions::date::FORMS;
        at(0..0, format!("due \"{due}\" is not a date: give {forms}"));
    }
    for (rater, rating) in &a.raters {
        if !answers.raters.iter().any(|r| r.label == *rater) {
            let names: Vec<&str> = answers.raters.iter().map(|r| r.label.as_str()).collect();
            at(
                0..0,
                format!(
                    "\"{rater}\" is not one of the raters (raters = [{}])",
                    names.join(", ")
                ),
            );
            continue;
        }
        given_rating(scale, Some(*rating), &mut at);
    }
    for (key, value) in &a.fields {
        check_field(
            assessment,
            item,
            &Spanned::new(0..0, key.clone()),
            &Spanned::new(0..0, value.clone()),
            &mut at,
        );
    }
    found
}

/// A rating given (not from a file, so with no place in it) checked against the scale.
fn given_rating(
    scale: &Scale,
    rating: Option<Rating>,
    at: &mut impl FnMut(std::ops::Range<usize>, String),
) {
    match rating {
        Some(Rating::Value(v)) => {
            check_rating(scale, &Spanned::new(0..0, v), at);
        }
        Some(Rating::NotApplicable) => {
            check_na(scale, 0..0, at);
        }
        None => {}
    }
}

/// Examples only for an item rated through them, and then no rating of its own; each
/// example named and rated on the scale.
fn example_problems(
    item: &Item,
    a: &Answer,
    scale: &Scale,
    at: &mut impl FnMut(std::ops::Range<usize>, String),
) {
    if item.examples.is_none() {
        at(
            0..0,
            format!(
                "item \"{}\" is not rated through examples: give a rating",
                item.id
            ),
        );
    } else if a.rating.is_some() {
        at(
            0..0,
            format!(
                "item \"{}\" is rated through its examples: its score is their mean, so give no rating of its own",
                item.id
            ),
        );
    }
    for e in &a.examples {
        if e.name.trim().is_empty() {
            at(0..0, "an example needs a name".into());
        }
        given_rating(scale, e.rating, at);
    }
}

/// A rating, or not applicable (`na` is where `not_applicable = true` was written), or
/// nothing; giving both is a problem.
fn rating_or_na(
    scale: &Scale,
    rating: Option<&Spanned<i32>>,
    na: Option<std::ops::Range<usize>>,
    at: &mut impl FnMut(std::ops::Range<usize>, String),
) -> Option<Rating> {
    match (rating, na) {
        (Some(r), None) => check_rating(scale, r, at),
        (None, Some(span)) => check_na(scale, span, at),
        (Some(r), Some(_)) => {
            at(
                r.span(),
                "give either a rating or not_applicable = true, not both".into(),
            );
            None
        }
        (None, None) => None,
    }
}

fn check_rating(
    scale: &Scale,
    r: &Spanned<i32>,
    at: &mut impl FnMut(std::ops::Range<usize>, String),
) -> Option<Rating> {
    let v = *r.get_ref();
    if scale.contains(v) {
        Some(Rating::Value(v))
    } else {
        at(r.span(), out_of_scale("rating", v, scale));
        None
    }
}

fn check_na(
    scale: &Scale,
    span: std::ops::Range<usize>,
    at: &mut impl FnMut(std::ops::Range<usize>, String),
) -> Option<Rating> {
    if scale.not_applicable {
        Some(Rating::NotApplicable)
    } else {
        at(
            span,
            format!(
                "the \"{}\" scale does not allow not applicable: give a rating from {} to {}",
                scale.id, scale.min, scale.max
            ),
        );
        None
    }
}

fn out_of_scale(what: &str, value: i32, scale: &Scale) -> String {
    let points: Vec<String> = (scale.min..=scale.max)
        .map(|v| match scale.point(v) {
            Some(p) => format!("{v} {}", p.label),
            None => v.to_string(),
        })
        .collect();
    format!(
        "{what} {value} is outside the scale {}–{} ({})",
        scale.min,
        scale.max,
        points.join(", ")
    )
}

fn check_field(
    assessment: &Assessment,
    item: &Item,
    key: &Spanned<String>,
    value: &Spanned<String>,
    at: &mut impl FnMut(std::ops::Range<usize>, String),
) {
    let Some(field) = assessment.fields_for(item).find(|f| f.id == *key.get_ref()) else {
        let ids: Vec<&str> = assessment.fields_for(item).map(|f| f.id.as_str()).collect();
        let valid = if ids.is_empty() {
            "this item has no fields".to_string()
        } else {
            format!("fields: {}", ids.join(", "))
        };
        at(
            key.span(),
            format!(
                "unknown field \"{}\" for item \"{}\" ({valid})",
                key.get_ref(),
                item.id
            ),
        );
        return;
    };
    if let FieldKind::Choice(choices) = &field.kind
        && !choices
            .iter()
            .any(|c| c.eq_ignore_ascii_case(value.get_ref().trim()))
    {
        at(
            value.span(),
            format!(
                "\"{}\" is not a choice for {} (choices: {})",
                value.get_ref(),
                field.id,
                choices.join(", ")
            ),
        );
    }
}

/// Whether a text means "not applicable / don't know".
pub fn is_not_applicable(s: &str) -> bool {
    let s = s.trim().to_ascii_lowercase().replace('’', "'");
    matches!(
        s.as_str(),
        "n/a"
            | "na"
            | "not applicable"
            | "don't know"
            | "dont know"
            | "not applicable / don't know"
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::load;
    use crate::assessment::load_str;

    const ASSESSMENT: &str = include_str!("../assessments/connection.toml");
    const ANSWERS: &str = r#"assessment = "connection"
organisation = "Northshire"
raters = ["Sam:patient-leader", "Alex:staff"]

[answers.formal-representatives]
examples = [{ name = "FT Governor", rating = 3 }, { name = "CCG Lay member", rating = 1 }]
target = 4
note = "Governors meet the board quarterly"

[answers.peer-to-peer-supporters]
rating = 2
ratings = { Sam = 2, Alex = 3 }
"#;

    #[test]
    fn the_undamaged_answers_load() {
        let assessment = load_str(ASSESSMENT).unwrap();
        let answers = load(ANSWERS.as_bytes(), &assessment).unwrap();
        assert_eq!(answers.items.len(), 2);
        assert_eq!(answers.raters.len(), 2);
    }

    proptest! {
        /// Whatever the damage, an answers file gives answers or located problems, never a
        /// panic.
        #[test]
        fn a_damaged_answers_file_never_panics(
            at in any::<prop::sample::Index>(),
            len in 0..20usize,
            insert in "[\\[\\]{}=\",.#a-z0-9 \n-]{0,10}",
        ) {
            let assessment = load_str(ASSESSMENT).unwrap();
            let start = at.index(ANSWERS.len());
            let end = (start + len).min(ANSWERS.len());
            let text = format!("{}{insert}{}", &ANSWERS[..start], &ANSWERS[end..]);
            if let Err(problems) = load(text.as_bytes(), &assessment) {
                let lines = text.split('\n').count();
                prop_assert!(!problems.is_empty());
                for p in &problems {
                    prop_assert!(p.line >= 1 && p.line <= lines, "{p:?}");
                }
            }
        }
    }
}
