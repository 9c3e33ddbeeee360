//! "Stories as well as numbers" (building block 7): the comments of a survey and the
//! evidence noted in a workshop, under their theme or item beside its score, as
//! quotations. One builder for every report: Markdown and HTML list every comment the
//! Result keeps; the terminal, per question, the count and the first few.

use super::model::{Block, Cell, Column, Table};
use super::text::{percent, score};
use crate::result::{Comment, CommentsResult, Method, Redactions, ResultDoc};

/// The section's heading, in building block 7's words.
pub const HEADING: &str = "Stories as well as numbers";
/// Comments listed per question on the terminal.
pub const TERMINAL_LISTED: usize = 3;

/// The section, or nothing when there are no comments and no evidence. `listed` is how
/// many comments to list per question (`None`: all of them).
pub fn blocks(doc: &ResultDoc, listed: Option<usize>) -> Vec<Block> {
    let evidence =
        doc.context.method != Method::Survey && doc.items.iter().any(|i| !i.notes.is_empty());
    if doc.comments.is_empty() && !evidence {
        return Vec::new();
    }
    let mut blocks = vec![Block::Heading(HEADING.into())];
    blocks.push(Block::Paragraph(introduction(doc, evidence)));
    for theme in &doc.themes {
        let mut within = Vec::new();
        for q in doc
            .comments
            .iter()
            .filter(|q| q.theme.as_deref() == Some(&theme.id))
        {
            within.extend(question(q, listed));
        }
        for item in doc.items.iter().filter(|i| i.theme == theme.id) {
            let asked: Vec<&CommentsResult> = doc
                .comments
                .iter()
                .filter(|q| q.item.as_deref() == Some(&item.id))
                .collect();
            let notes = if evidence { &item.notes[..] } else { &[] };
            if asked.is_empty() && notes.is_empty() {
                continue;
            }
            within.push(Block::Paragraph(format!(
                "{}: {}",
                item.title,
                // The rating's label where the score is a point of the scale (a
                // workshop's); a survey's mean is shown as the score alone.
                with_rating(
                    doc.rating_label(item).unwrap_or_else(|| {
                        if item.score.is_none() {
                            super::wording::unanswered_reason(doc, item)
                        } else {
                            String::new()
                        }
                    }),
                    item.score
                )
            )));
            within.extend(notes.iter().map(|n| Block::Quote(n.clone())));
            for q in asked {
                within.extend(question(q, listed));
            }
        }
        if !within.is_empty() {
            blocks.push(Block::Subheading(format!(
                "{}: {} ({})",
                theme.title,
                score(theme.score),
                percent(theme.percent)
            )));
            blocks.extend(within);
        }
    }
    let general: Vec<&CommentsResult> = doc
        .comments
        .iter()
        .filter(|q| q.theme.is_none() && q.item.is_none())
        .collect();
    if !general.is_empty() {
        blocks.push(Block::Subheading("About the whole assessment".into()));
        for q in general {
            blocks.extend(question(q, listed));
        }
    }
    blocks
}

fn with_rating(label: String, value: Option<f64>) -> String {
    match (value, label.is_empty()) {
        (Some(v), false) => format!("{} ({label})", score(Some(v))),
        (Some(v), true) => score(Some(v)),
        (None, _) => label,
    }
}

/// What the section holds, how personal data was removed, and what a reader must still do.
fn introduction(doc: &ResultDoc, evidence: bool) -> String {
    if doc.comments.is_empty() && evidence {
        return "The evidence noted in the workshop, in the participants' words, beside each item's score.".into();
    }
    let total: u64 = doc.comments.iter().map(|q| q.count).sum();
    let asked = doc.comments.iter().filter(|q| q.column.is_some()).count();
    let mut removed = Redactions::default();
    for q in &doc.comments {
        removed.add(&q.redactions);
    }
    let mut text = format!(
        "What respondents wrote, beside the scores: {} to {} question{}. ",
        count(total, "comment", "comments"),
        asked,
        if asked == 1 { "" } else { "s" }
    );
    if removed.is_empty() {
        text.push_str("plead found no personal data to remove. ");
    } else {
        text.push_str(&format!(
            "Personal data was removed from them before anything was stored, each removal shown in place: {}. ",
            removed.describe()
        ));
    }
    text.push_str(
        "Names of other people, and other details that could identify someone, are not recognised: read every comment before sharing it. \
         Comments are listed in an order unrelated to when they were given, and show a group only where that group's figures are shown.",
    );
    text
}

/// A comment question: its words, how many answered it, and its comments.
fn question(q: &CommentsResult, listed: Option<usize>) -> Vec<Block> {
    let mut blocks = Vec::new();
    let Some(_) = &q.column else {
        blocks.push(Block::Paragraph(format!(
            "{} — not asked: no column of the survey file matched this question.",
            q.question
        )));
        return blocks;
    };
    let mut line = format!("{} — {}", q.question, count(q.count, "comment", "comments"));
    if !q.redactions.is_empty() {
        line.push_str(&format!("; removed: {}", q.redactions.describe()));
    }
    blocks.push(Block::Paragraph(format!("{line}.")));
    let shown = listed.unwrap_or(usize::MAX).min(q.comments.len());
    blocks.extend(
        q.comments
            .iter()
            .take(shown)
            .map(|c| Block::Quote(quoted(c))),
    );
    let kept = q.comments.len() as u64;
    if (shown as u64) < kept {
        blocks.push(Block::Paragraph(format!(
            "… and {} more in the Markdown, HTML or xlsx report.",
            kept - shown as u64
        )));
    }
    if kept < q.count {
        blocks.push(Block::Paragraph(format!(
            "This Result keeps {} of the {} comments, chosen at random; plead score --comments FILE.csv writes every one.",
            kept, q.count
        )));
    }
    blocks
}

/// A comment as quoted: its words, a note where it was cut, and its group where shown.
pub fn quoted(c: &Comment) -> String {
    let mut text = c.text.clone();
    if c.cut > 0 {
        text.push_str(&format!(" […] (cut: {} more characters)", c.cut));
    }
    if let Some(group) = &c.group {
        text.push_str(&format!(" — {group}"));
    }
    text
}

/// "1 comment", "12 comments".
fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The columns of a comments table: the xlsx report's Comments sheet and the CSV of
/// `--comments FILE.csv` alike.
pub const COLUMNS: [&str; 6] = ["question", "about", "group", "comment", "removed", "cut"];

/// What a comment question is about, as the comments table names it: `theme:ID`,
/// `item:ID`, or nothing for the whole assessment.
pub fn about(theme: Option<&str>, item: Option<&str>) -> String {
    match (theme, item) {
        (Some(t), _) => format!("theme:{t}"),
        (_, Some(i)) => format!("item:{i}"),
        _ => String::new(),
    }
}

/// The comments a Result keeps (and a workshop's evidence, as question "evidence"), one
/// row each, typed for a spreadsheet.
pub fn table(doc: &ResultDoc) -> Table {
    let mut table = Table::new(vec![
        Column::text(COLUMNS[0]),
        Column::text(COLUMNS[1]),
        Column::text(COLUMNS[2]),
        Column::text(COLUMNS[3]),
        Column::number(COLUMNS[4], 0),
        Column::number(COLUMNS[5], 0),
    ]);
    for q in &doc.comments {
        let about = about(q.theme.as_deref(), q.item.as_deref());
        for c in &q.comments {
            table.row(vec![
                Cell::text(q.id.clone()),
                Cell::text(about.clone()),
                Cell::text(c.group.clone().unwrap_or_default()),
                Cell::text(c.text.clone()),
                Cell::from(c.removed),
                Cell::from(c.cut),
            ]);
        }
    }
    if doc.context.method != Method::Survey {
        for item in &doc.items {
            for note in &item.notes {
                table.row(vec![
                    Cell::text("evidence"),
                    Cell::text(format!("item:{}", item.id)),
                    Cell::Empty,
                    Cell::text(note.clone()),
                ]);
            }
        }
    }
    table
}

/// How many comments each question drew in each period compared (`diff`, `trend`):
/// counts, never the words.
pub fn counts_blocks(
    counts: &[crate::compare::comments::CommentCounts],
    periods: &[String],
) -> Vec<Block> {
    if counts.is_empty() {
        return Vec::new();
    }
    let mut columns: Vec<(&str, bool)> = vec![("Comment question", false)];
    columns.extend(periods.iter().map(|p| (p.as_str(), true)));
    let mut grid = super::model::Grid::new(&columns);
    for c in counts {
        let mut row = vec![c.question.clone()];
        row.extend(
            c.counts
                .iter()
                .map(|n| n.map_or_else(|| "not asked".to_string(), |n| n.to_string())),
        );
        grid.row(row);
    }
    vec![
        Block::Heading("Comments".into()),
        Block::Paragraph(
            "How many comments each free-text question drew; each period's own report has them, under their theme."
                .into(),
        ),
        Block::Grid(grid),
    ]
}
