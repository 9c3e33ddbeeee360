//! The actions log in reports, as sections (`model::Section`) every format lays out:
//! - `listing`: `plead actions` — overdue, open, done and dropped, each with its history;
//! - `closing`: "You said, we did" in a report or a diff, read like the posters wards put
//!   up — what prompted each action, what was done, what changed since;
//! - `across`: in a trend, each action's status at the end of each period.

use serde::Serialize;
use time::Date;

use super::model::{Block, Cell, Column, Grid, Section, Table};
use super::text::score;
use crate::actions::closing::{Closing, Entry};
use crate::actions::{Action, Answers, Log, SCHEMA, Status, date};
use crate::assessment::Assessment;
use crate::compare::Trend;
use crate::compare::period;
use crate::result::GapKind;

/// Whether an action belongs in a group, on a day.
type InGroup = fn(&Action, Date) -> bool;

/// The groups of `plead actions`, in the order a meeting goes through them.
const GROUPS: [(&str, InGroup); 4] = [
    ("Overdue", |a, today| a.is_overdue(today)),
    ("Open", |a, today| {
        a.status().is_live() && !a.is_overdue(today)
    }),
    ("Done", |a, _| a.status() == Status::Done),
    ("Dropped", |a, _| a.status() == Status::Dropped),
];

/// What an action answers, as a reader knows it: the item's title, the finding's first
/// sentence or the comment question's words (its id where the assessment is not at hand).
/// The finding's whole message, with its quotations, is for "You said, we did", where it
/// is quoted.
pub fn about(a: &Action, known: &[&Assessment]) -> String {
    let assessment = known.iter().find(|k| k.id == a.assessment);
    let name = match (&a.answers, assessment) {
        (Answers::Item(id), Some(k)) => k.item(id).map(|i| i.title.clone()),
        (Answers::Finding(id), Some(k)) => k
            .findings
            .iter()
            .find(|f| f.id == *id)
            .map(|f| format!("finding: {}", f.headline())),
        (Answers::Comment(id), Some(k)) => {
            k.comment(id).map(|c| format!("comments: {}", c.question))
        }
        _ => None,
    };
    name.unwrap_or_else(|| format!("{} {}", a.answers.key(), a.answers.id()))
}

/// One line per change: "2026-Q3, 6 October 2026 — in progress: the posts are advertised".
fn history_lines(a: &Action) -> Vec<String> {
    a.history
        .iter()
        .map(|c| {
            let note = if c.note.is_empty() {
                String::new()
            } else {
                format!(": {}", c.note)
            };
            format!(
                "{}, {} — {}{note}",
                c.period,
                date::human(c.date),
                c.status.as_str()
            )
        })
        .collect()
}

fn due_text(a: &Action) -> String {
    a.due.map_or_else(|| "no date set".into(), date::human)
}

/// `plead actions`: the log's actions in groups, each with its history.
pub fn listing(log: &Log, known: &[&Assessment], today: Date) -> Section {
    let mut blocks = Vec::new();
    let counts: Vec<String> = GROUPS
        .iter()
        .map(|(name, test)| {
            let n = log.actions.iter().filter(|a| test(a, today)).count();
            format!("{n} {}", name.to_lowercase())
        })
        .collect();
    blocks.push(Block::Paragraph(format!(
        "{} — {} action{} on {}: {}.",
        log.organisation,
        log.actions.len(),
        if log.actions.len() == 1 { "" } else { "s" },
        date::human(today),
        counts.join(", ")
    )));
    for (name, test) in GROUPS {
        let mut grid = Grid::new(&[
            ("ID", false),
            ("Answers", false),
            ("Action", false),
            ("Owner", false),
            ("Due", false),
            ("Status", false),
            ("History", false),
        ]);
        for a in log.actions.iter().filter(|a| test(a, today)) {
            grid.row(vec![
                a.id.clone(),
                about(a, known),
                a.text.clone(),
                a.owner.clone().unwrap_or_else(|| "no owner yet".into()),
                due_text(a),
                a.status().as_str().to_string(),
                history_lines(a).join("\n"),
            ]);
        }
        if !grid.rows.is_empty() {
            blocks.push(Block::Heading(name.to_string()));
            blocks.push(Block::Grid(grid));
        }
    }
    Section {
        key: "actions".into(),
        sheet: "Actions".into(),
        blocks,
        table: listing_table(log, known, today),
        json: listing_json(log, known, today),
    }
}

fn listing_table(log: &Log, known: &[&Assessment], today: Date) -> Table {
    let mut t = Table::new(vec![
        Column::text("id"),
        Column::text("assessment"),
        Column::text("answers"),
        Column::text("answers_id"),
        Column::text("about"),
        Column::text("text"),
        Column::text("owner"),
        Column::text("due"),
        Column::text("status"),
        Column::text("overdue"),
        Column::text("agreed"),
        Column::text("history"),
        Column::text("organisation"),
    ]);
    for a in &log.actions {
        t.row(vec![
            a.id.as_str().into(),
            a.assessment.as_str().into(),
            a.answers.key().into(),
            a.answers.id().into(),
            about(a, known).into(),
            a.text.as_str().into(),
            Cell::text(a.owner.clone().unwrap_or_default()),
            Cell::text(a.due.map(date::iso).unwrap_or_default()),
            a.status().as_str().into(),
            if a.is_overdue(today) { "yes" } else { "no" }.into(),
            a.agreed.as_str().into(),
            history_lines(a).join("; ").into(),
            log.organisation.as_str().into(),
        ]);
    }
    t
}

/// `plead actions --format json`: the log's actions with their status and history.
#[derive(Serialize)]
struct ListingJson<'a> {
    schema: &'static str,
    organisation: &'a str,
    as_of: String,
    actions: Vec<ActionJson<'a>>,
}

#[derive(Serialize)]
struct ActionJson<'a> {
    id: &'a str,
    assessment: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    item: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    finding: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<&'a str>,
    about: String,
    text: &'a str,
    owner: Option<&'a str>,
    due: Option<String>,
    status: Status,
    overdue: bool,
    agreed: &'a str,
    history: Vec<ChangeJson<'a>>,
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    status: Status,
    period: &'a str,
    date: String,
    note: &'a str,
}

/// A document as pretty JSON, its keys in their declared order.
fn pretty(v: &impl Serialize) -> String {
    serde_json::to_string_pretty(v).expect("a section always serialises")
}

fn listing_json(log: &Log, known: &[&Assessment], today: Date) -> String {
    let actions = log
        .actions
        .iter()
        .map(|a| ActionJson {
            id: &a.id,
            assessment: &a.assessment,
            item: matches!(a.answers, Answers::Item(_)).then(|| a.answers.id()),
            finding: matches!(a.answers, Answers::Finding(_)).then(|| a.answers.id()),
            comment: matches!(a.answers, Answers::Comment(_)).then(|| a.answers.id()),
            about: about(a, known),
            text: &a.text,
            owner: a.owner.as_deref(),
            due: a.due.map(date::iso),
            status: a.status(),
            overdue: a.is_overdue(today),
            agreed: &a.agreed,
            history: a
                .history
                .iter()
                .map(|c| ChangeJson {
                    status: c.status,
                    period: &c.period,
                    date: date::iso(c.date),
                    note: &c.note,
                })
                .collect(),
        })
        .collect();
    let doc = ListingJson {
        schema: SCHEMA,
        organisation: &log.organisation,
        as_of: date::iso(today),
        actions,
    };
    pretty(&doc)
}

/// "You said, we did": a row per action — what prompted it, what was done, what changed.
pub fn closing(c: &Closing) -> Section {
    let mut blocks = vec![Block::Heading("You said, we did".into())];
    if c.entries.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "The actions log of {} has no action for {} agreed by {}.",
            c.organisation, c.assessment, c.period
        )));
    } else {
        blocks.push(Block::Paragraph(format!(
            "What was promised in answer to this assessment, what was done, and what changed since: {} action{} from the actions log of {}, as of {}.",
            c.entries.len(),
            if c.entries.len() == 1 { "" } else { "s" },
            c.organisation,
            date::parse(&c.as_of).map_or_else(|| c.as_of.clone(), date::human)
        )));
        let mut grid = Grid::new(&[
            ("You said", false),
            ("We did", false),
            ("What changed", false),
        ]);
        for e in &c.entries {
            grid.row(vec![you_said(e), we_did(e), what_changed(e)]);
        }
        blocks.push(Block::Grid(grid));
    }
    Section {
        key: "you_said_we_did".into(),
        sheet: "You said, we did".into(),
        blocks,
        table: closing_table(c),
        json: pretty(c),
    }
}

/// What prompted the action, quoted as its Result recorded it.
fn you_said(e: &Entry) -> String {
    let p = &e.you_said;
    // A finding's message may quote the source itself.
    let mut out = if e.about.contains('“') {
        e.about.clone()
    } else {
        format!("“{}”", e.about)
    };
    match (e.answers, &p.period) {
        ("item", Some(period)) => {
            out.push_str(&format!(" scored {}", score(p.score)));
            if let Some(r) = &p.rating {
                out.push_str(&format!(" ({r})"));
            }
            out.push_str(&format!(" in {period}"));
            if let Some((kind, reference, size)) = p.gap {
                out.push_str(&match kind {
                    GapKind::ToTarget => format!(
                        ": {} short of its target of {}",
                        score(Some(size)),
                        super::text::number(reference)
                    ),
                    GapKind::BelowThreshold => format!(
                        ": a gap, below the threshold of {}",
                        super::text::number(reference)
                    ),
                });
            }
        }
        ("finding", Some(period)) => out.push_str(&format!(" (raised in {period})")),
        ("comment", Some(period)) => {
            out.push_str(&format!(" — {} in {period}", comments(p.comments)));
        }
        _ => out.push_str(&format!(" (agreed in {})", e.agreed)),
    }
    if !out.ends_with(['.', '”']) || out.ends_with(')') {
        out.push('.');
    }
    out
}

/// What was promised and what became of it.
fn we_did(e: &Entry) -> String {
    let mut lines = vec![format!("{} [{}]", e.text, e.id)];
    let owner = e.owner.as_deref().unwrap_or("no owner yet");
    let due = e
        .due
        .as_deref()
        .and_then(date::parse)
        .map_or_else(|| "no date set".into(), date::human);
    lines.push(format!("Owner: {owner} · due {due}"));
    let mut status = format!("Now: {}", e.status.as_str());
    if e.overdue {
        status.push_str(" — overdue");
    }
    lines.push(status);
    for s in &e.we_did {
        let day = date::parse(&s.date).map_or_else(|| s.date.clone(), date::human);
        let note = if s.note.is_empty() {
            String::new()
        } else {
            format!(": {}", s.note)
        };
        lines.push(format!("{}, {day} — {}{note}", s.period, s.status.as_str()));
    }
    lines.join("\n")
}

/// The item's score then and now, with the diff's verdict; or what became of a finding.
fn what_changed(e: &Entry) -> String {
    let mut parts = Vec::new();
    match (&e.then, &e.now) {
        (Some(then), Some(now)) => parts.push(format!(
            "{} {} → {} {}",
            then.period,
            score(then.score),
            now.period,
            score(now.score)
        )),
        (None, Some(now)) => parts.push(format!("{} {}", now.period, score(now.score))),
        _ => {}
    }
    if let Some(d) = e.direction {
        parts.push(super::wording::direction(d).to_string());
    }
    if let Some(f) = e.finding_now {
        parts.push(format!("the finding is {f}"));
    }
    match (&e.comments_then, &e.comments_now) {
        (Some(then), Some(now)) => parts.push(format!(
            "{} {} → {} {}",
            then.period,
            comments(Some(then.count)),
            now.period,
            comments(Some(now.count))
        )),
        (None, Some(d)) | (Some(d), None) => {
            parts.push(format!("{} {}", d.period, comments(Some(d.count))));
        }
        (None, None) => {}
    }
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join(": ")
    }
}

/// "8 comments", "1 comment", "no comments": how many a question drew, never the words.
fn comments(count: Option<u64>) -> String {
    match count.unwrap_or(0) {
        0 => "no comments".into(),
        1 => "1 comment".into(),
        n => format!("{n} comments"),
    }
}

/// The verdict alone, for a spreadsheet's column.
fn verdict_text(e: &Entry) -> String {
    match (e.direction, e.finding_now) {
        (Some(d), _) => super::wording::direction(d).to_string(),
        (None, Some(f)) => f.to_string(),
        (None, None) => String::new(),
    }
}

fn closing_table(c: &Closing) -> Table {
    let mut t = Table::new(vec![
        Column::text("level"),
        Column::text("id"),
        Column::text("title"),
        Column::text("answers"),
        Column::text("answers_id"),
        Column::text("you_said"),
        Column::text("owner"),
        Column::text("due"),
        Column::text("status"),
        Column::text("overdue"),
        Column::text("we_did"),
        Column::text("score_then_period"),
        Column::number("score_then", 4),
        Column::text("score_now_period"),
        Column::number("score_now", 4),
        Column::text("verdict"),
        Column::text("organisation"),
    ]);
    for e in &c.entries {
        let steps: Vec<String> = e
            .we_did
            .iter()
            .map(|s| format!("{} {} {}: {}", s.period, s.date, s.status.as_str(), s.note))
            .collect();
        t.row(vec![
            "action".into(),
            e.id.as_str().into(),
            e.text.as_str().into(),
            e.answers.into(),
            e.answers_id.as_str().into(),
            you_said(e).into(),
            Cell::text(e.owner.clone().unwrap_or_default()),
            Cell::text(e.due.clone().unwrap_or_default()),
            e.status.as_str().into(),
            if e.overdue { "yes" } else { "no" }.into(),
            steps.join("; ").into(),
            Cell::text(
                e.then
                    .as_ref()
                    .map(|s| s.period.clone())
                    .unwrap_or_default(),
            ),
            Cell::number(e.then.as_ref().and_then(|s| s.score)),
            Cell::text(e.now.as_ref().map(|s| s.period.clone()).unwrap_or_default()),
            Cell::number(e.now.as_ref().and_then(|s| s.score)),
            Cell::text(verdict_text(e)),
            c.organisation.as_str().into(),
        ]);
    }
    t
}

#[derive(Serialize)]
struct AcrossJson<'a> {
    periods: Vec<&'a str>,
    actions: Vec<Across<'a>>,
}

#[derive(Serialize)]
struct Across<'a> {
    id: &'a str,
    text: &'a str,
    /// The status at the end of each period; `—` before it was agreed.
    statuses: Vec<String>,
}

/// In a trend: each action of its assessment and its status at the end of each period
/// ("—" before it was agreed).
pub fn across(log: &Log, t: &Trend) -> Section {
    let periods: Vec<&str> = t.periods.iter().map(|p| p.period.as_str()).collect();
    let actions: Vec<&Action> = log
        .actions
        .iter()
        .filter(|a| a.assessment == t.assessment.id)
        .collect();
    let order = |p: &str| period::parse(p);
    let mut headers: Vec<(&str, bool)> = vec![("ID", false), ("Action", false), ("Answers", false)];
    headers.extend(periods.iter().map(|p| (*p, false)));
    let mut grid = Grid::new(&headers);
    let mut columns = vec![
        Column::text("level"),
        Column::text("id"),
        Column::text("title"),
    ];
    columns.extend(periods.iter().map(|p| Column::text(&format!("status_{p}"))));
    let mut table = Table::new(columns);
    let mut rows = Vec::new();
    for a in &actions {
        let statuses: Vec<String> = periods
            .iter()
            .map(|p| {
                a.status_in(p, order)
                    .map_or("—".into(), |s| s.as_str().to_string())
            })
            .collect();
        let mut row = vec![
            a.id.clone(),
            a.text.clone(),
            format!("{} {}", a.answers.key(), a.answers.id()),
        ];
        row.extend(statuses.iter().cloned());
        grid.row(row);
        let mut cells: Vec<Cell> = vec![
            "action".into(),
            a.id.as_str().into(),
            a.text.as_str().into(),
        ];
        cells.extend(statuses.iter().map(|s| Cell::text(s.clone())));
        table.row(cells);
        rows.push(Across {
            id: &a.id,
            text: &a.text,
            statuses,
        });
    }
    let mut blocks = vec![Block::Heading("Actions across the periods".into())];
    if actions.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "The actions log of {} has no action for {}.",
            log.organisation, t.assessment.id
        )));
    } else {
        blocks.push(Block::Paragraph(
            "Each action's status at the end of each period, from the actions log (— before it was agreed).".into(),
        ));
        blocks.push(Block::Grid(grid));
    }
    Section {
        key: "actions_across_periods".into(),
        sheet: "Actions".into(),
        blocks,
        table,
        json: pretty(&AcrossJson {
            periods: periods.clone(),
            actions: rows,
        }),
    }
}
