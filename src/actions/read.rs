//! Reading an actions log: TOML parsed with spans, then checked — ids unique, each
//! action answering exactly one known item, finding or comment of a known assessment,
//! statuses from the list, dates that are dates, periods plead can put in order, the
//! organisation the one expected — every problem at its line and column.

use serde::Deserialize;
use toml::Spanned;

use super::{Action, Answers, Change, Log, SCHEMA, Status, date};
use crate::assessment::Assessment;
use crate::compare::period;
use crate::problem::{Problem, utf8};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LogFile {
    schema: Option<Spanned<String>>,
    organisation: Option<Spanned<String>>,
    #[serde(default)]
    action: Vec<Spanned<ActionFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionFile {
    id: Spanned<String>,
    assessment: Spanned<String>,
    item: Option<Spanned<String>>,
    finding: Option<Spanned<String>>,
    comment: Option<Spanned<String>>,
    text: Spanned<String>,
    owner: Option<String>,
    due: Option<Spanned<toml::Value>>,
    agreed: Spanned<String>,
    #[serde(default)]
    history: Vec<Spanned<ChangeFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangeFile {
    status: Spanned<String>,
    period: Spanned<String>,
    date: Spanned<toml::Value>,
    #[serde(default)]
    note: String,
}

/// What a log is checked against.
pub struct Expect<'a> {
    /// The assessments an action may answer (the catalog's).
    pub known: &'a [&'a Assessment],
    /// The organisation the log must be of (the workshop's), if any.
    pub organisation: Option<&'a str>,
}

/// Reads and checks an actions log.
pub fn read(bytes: &[u8], expect: &Expect) -> Result<Log, Vec<Problem>> {
    let text = utf8(bytes).map_err(|p| vec![p])?;
    let file: LogFile = toml::from_str(text).map_err(|e| vec![Problem::from_toml(text, &e)])?;
    let mut problems = Vec::new();
    let mut at = |offset: usize, message: String| problems.push(Problem::at(text, offset, message));
    if let Some(s) = &file.schema
        && s.get_ref() != SCHEMA
    {
        at(
            s.span().start,
            format!(
                "schema \"{}\" is not an actions log plead reads: write schema = \"{SCHEMA}\"",
                s.get_ref()
            ),
        );
    }
    let organisation = match &file.organisation {
        Some(o) if !o.get_ref().trim().is_empty() => {
            if let Some(want) = expect.organisation
                && o.get_ref().trim() != want.trim()
            {
                at(
                    o.span().start,
                    format!(
                        "this is the actions log of \"{}\", not of \"{}\": give the log of {want} (or start one by naming a new file)",
                        o.get_ref().trim(),
                        want.trim()
                    ),
                );
            }
            o.get_ref().trim().to_string()
        }
        Some(o) => {
            at(
                o.span().start,
                "organisation is empty: name the organisation whose actions these are".into(),
            );
            String::new()
        }
        None => {
            at(0, "no organisation: write organisation = \"…\" at the top, the organisation whose actions these are".into());
            String::new()
        }
    };
    let mut actions: Vec<Action> = Vec::new();
    for a in &file.action {
        let start = a.span().start;
        if let Some(action) = read_action(a.get_ref(), start, expect.known, &mut at) {
            if actions.iter().any(|b| b.id == action.id) {
                at(
                    a.get_ref().id.span().start,
                    format!(
                        "the id \"{}\" is given to two actions: each action keeps its own id",
                        action.id
                    ),
                );
            }
            actions.push(action);
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Log {
        organisation,
        actions,
    })
}

/// One `[[action]]` table read and checked; `None` where it cannot be made an action.
fn read_action(
    a: &ActionFile,
    start: usize,
    known: &[&Assessment],
    at: &mut impl FnMut(usize, String),
) -> Option<Action> {
    let id = a.id.get_ref().trim();
    if !is_id(id) {
        at(
            a.id.span().start,
            format!(
                "the id \"{id}\" is not one plead can name on the command line: use letters, digits, '-', '_' and '.' (e.g. A12)"
            ),
        );
    }
    let assessment = known.iter().find(|k| k.id == *a.assessment.get_ref());
    if assessment.is_none() {
        let ids: Vec<&str> = known.iter().map(|k| k.id.as_str()).collect();
        at(
            a.assessment.span().start,
            format!(
                "unknown assessment \"{}\" (assessments: {})",
                a.assessment.get_ref(),
                ids.join(", ")
            ),
        );
    }
    let answers = reference(a, start, assessment.copied(), at);
    if a.text.get_ref().trim().is_empty() {
        at(
            a.text.span().start,
            "the action's text is empty: say what will be done".into(),
        );
    }
    let due = a.due.as_ref().and_then(|d| {
        let parsed = date::from_toml(d.get_ref());
        if parsed.is_none() {
            at(
                d.span().start,
                format!(
                    "due {} is not a date: give {}",
                    shown(d.get_ref()),
                    date::FORMS
                ),
            );
        }
        parsed
    });
    if let Some(why) = period::refusal(a.agreed.get_ref()) {
        at(a.agreed.span().start, format!("agreed: {why}"));
    }
    let history: Vec<Change> = a
        .history
        .iter()
        .filter_map(|c| read_change(c.get_ref(), at))
        .collect();
    Some(Action {
        id: id.to_string(),
        assessment: a.assessment.get_ref().clone(),
        answers: answers?,
        text: a.text.get_ref().trim().to_string(),
        owner: a
            .owner
            .as_ref()
            .map(|o| o.trim().to_string())
            .filter(|o| !o.is_empty()),
        due,
        agreed: a.agreed.get_ref().trim().to_string(),
        history,
    })
}

/// What the action answers: exactly one of `item`, `finding` and `comment`, known to
/// its assessment (a comment question by its id in `[[comments]]`).
fn reference(
    a: &ActionFile,
    start: usize,
    assessment: Option<&Assessment>,
    at: &mut impl FnMut(usize, String),
) -> Option<Answers> {
    let given: Vec<(&Spanned<String>, Answers)> = [
        a.item
            .as_ref()
            .map(|s| (s, Answers::Item(s.get_ref().clone()))),
        a.finding
            .as_ref()
            .map(|s| (s, Answers::Finding(s.get_ref().clone()))),
        a.comment
            .as_ref()
            .map(|s| (s, Answers::Comment(s.get_ref().clone()))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if given.len() != 1 {
        let what = if given.is_empty() {
            "answers nothing"
        } else {
            "answers more than one thing"
        };
        at(
            start,
            format!(
                "action \"{}\" {what}: give exactly one of item = \"…\", finding = \"…\" or comment = \"…\"",
                a.id.get_ref()
            ),
        );
        return None;
    }
    let (span, answers) = given.into_iter().next()?;
    let Some(assessment) = assessment else {
        return Some(answers);
    };
    match &answers {
        Answers::Item(id) if assessment.item(id).is_none() => {
            let ids: Vec<&str> = assessment.items.iter().map(|i| i.id.as_str()).collect();
            at(
                span.span().start,
                format!(
                    "unknown item \"{id}\" (items of {}: {})",
                    assessment.id,
                    ids.join(", ")
                ),
            );
        }
        Answers::Finding(id) if !assessment.findings.iter().any(|f| f.id == *id) => {
            let ids: Vec<&str> = assessment.findings.iter().map(|f| f.id.as_str()).collect();
            at(
                span.span().start,
                format!(
                    "unknown finding \"{id}\" (findings of {}: {})",
                    assessment.id,
                    ids.join(", ")
                ),
            );
        }
        Answers::Comment(id) if assessment.comment(id).is_none() => {
            at(span.span().start, unknown_comment(assessment, id));
        }
        _ => {}
    }
    Some(answers)
}

/// "unknown comment question "x" (comment questions of ID: a, b)", or that it asks none.
pub fn unknown_comment(assessment: &Assessment, id: &str) -> String {
    let ids: Vec<&str> = assessment.comments.iter().map(|c| c.id.as_str()).collect();
    if ids.is_empty() {
        format!(
            "unknown comment question \"{id}\": {} asks no comment questions (answer an item or a finding instead)",
            assessment.id
        )
    } else {
        format!(
            "unknown comment question \"{id}\" (comment questions of {}: {})",
            assessment.id,
            ids.join(", ")
        )
    }
}

/// One `[[action.history]]` entry read and checked.
fn read_change(c: &ChangeFile, at: &mut impl FnMut(usize, String)) -> Option<Change> {
    let status = Status::parse(c.status.get_ref());
    if status.is_none() {
        at(
            c.status.span().start,
            format!(
                "status \"{}\" is not one of {}",
                c.status.get_ref(),
                Status::listed()
            ),
        );
    }
    if let Some(why) = period::refusal(c.period.get_ref()) {
        at(c.period.span().start, format!("period: {why}"));
    }
    let day = date::from_toml(c.date.get_ref());
    if day.is_none() {
        at(
            c.date.span().start,
            format!(
                "date {} is not a date: give {}",
                shown(c.date.get_ref()),
                date::FORMS
            ),
        );
    }
    Some(Change {
        status: status?,
        period: c.period.get_ref().trim().to_string(),
        date: day?,
        note: c.note.trim().to_string(),
    })
}

/// Whether an id can be typed as one word: letters, digits, '-', '_' and '.'.
pub fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A value as the file wrote it, for a message.
fn shown(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => format!("\"{s}\""),
        other => other.to_string(),
    }
}
