//! The survey parts of a report, as shared blocks: the figures per group (a suppressed
//! group shows the word "suppressed", never a number), the differences between groups,
//! and how the file was read (layout, columns matched, unused and personal columns).

use super::model::{Block, Grid};
use super::text::{number, percent, score};
use crate::result::{GroupBy, ResultDoc};
use crate::score::suppress::Reason;

/// More groups than this are listed with their overall score only: an item-by-group
/// table would not fit.
const GROUP_COLUMNS: usize = 8;

const SUPPRESSED: &str = "suppressed";

/// In the item-by-group table, where a cell is narrow, the reason that protects a
/// smaller group says so in short; the paragraph under the table gives it whole.
const PROTECTS: &str = "protects a smaller group";

/// What a suppressed cell of the item-by-group table says: the word and why
/// ("suppressed: fewer than 11 answers", "suppressed: protects a smaller group").
fn suppressed(reason: Option<&str>, min: u64) -> String {
    match reason {
        Some(r) if r == Reason::Complementary.text(min) => format!("{SUPPRESSED}: {PROTECTS}"),
        Some(r) => format!("{SUPPRESSED}: {r}"),
        None => SUPPRESSED.to_string(),
    }
}

/// The groups of `--group-by`: overall per group, each item per group, and the spread.
pub fn groups(doc: &ResultDoc) -> Vec<Block> {
    let Some(by) = &doc.group_by else {
        return Vec::new();
    };
    let mut blocks = vec![Block::Heading(format!("Groups by {}", by.column))];
    blocks.push(Block::Paragraph(suppression_note(by)));
    blocks.push(Block::Grid(overall_by_group(doc, by)));
    if doc.groups.len() <= GROUP_COLUMNS {
        blocks.extend(items_by_group(doc, by));
    }
    if !by.differences.is_empty() {
        blocks.extend(differences(doc, by));
    }
    blocks
}

/// The rule that hides small groups' figures, and which groups were combined before it
/// applied: said before any figure so a missing one is not read as a zero.
fn suppression_note(by: &GroupBy) -> String {
    let mut note = format!(
        "A figure is shown only when it rests on at least {} answers, per group and per \
         item within a group; where suppressing one figure would let it be worked out from \
         the total, the next smallest is suppressed too.",
        by.min_group
    );
    if !by.combined.is_empty() {
        let combined: Vec<String> = by
            .combined
            .iter()
            .map(|c| format!("{} as \u{201c}{}\u{201d}", c.values.join(" and "), c.label))
            .collect();
        note.push_str(&format!(
            " Combined into one group before suppression: {}.",
            combined.join("; ")
        ));
    }
    note
}

/// Each group's respondents, overall score, percent and band, or "suppressed" and why.
fn overall_by_group(doc: &ResultDoc, by: &GroupBy) -> Grid {
    let mut overall = Grid::new(&[
        ("Group", false),
        ("Respondents", true),
        ("Score", true),
        ("Percent", true),
        ("Band", false),
        ("Suppressed because", false),
    ]);
    for g in &doc.groups {
        match &g.overall {
            Some(o) if !g.suppressed => {
                let hidden = o.reason.is_some();
                overall.row(vec![
                    g.label.clone(),
                    g.respondents.map_or_else(String::new, |r| r.to_string()),
                    if hidden {
                        SUPPRESSED.into()
                    } else {
                        score(o.score)
                    },
                    if hidden {
                        SUPPRESSED.into()
                    } else {
                        percent(o.percent)
                    },
                    o.band.clone().unwrap_or_else(|| "—".into()),
                    o.reason.clone().unwrap_or_default(),
                ]);
            }
            _ => overall.row(vec![
                g.label.clone(),
                SUPPRESSED.into(),
                SUPPRESSED.into(),
                SUPPRESSED.into(),
                String::new(),
                // A Result of an earlier plead records no reason: its rule's.
                g.reason.clone().unwrap_or_else(|| {
                    format!(
                        "fewer than {} respondents, or to protect a smaller group",
                        by.min_group
                    )
                }),
            ]),
        }
    }
    overall
}

/// Each item's score per group and overall, a suppressed cell saying why; when a cell
/// was hidden to protect a smaller group, a paragraph under the table says what that means.
fn items_by_group(doc: &ResultDoc, by: &GroupBy) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut columns: Vec<(&str, bool)> = vec![("Item", false)];
    columns.extend(doc.groups.iter().map(|g| (g.label.as_str(), true)));
    columns.push(("All", true));
    let mut grid = Grid::new(&columns);
    let min = by.min_group;
    let mut protecting = false;
    for (index, item) in doc.items.iter().enumerate() {
        let mut row = vec![item.title.clone()];
        for g in &doc.groups {
            let figures = g.items.get(index);
            let cell = match figures {
                _ if g.suppressed => suppressed(g.reason.as_deref(), min),
                Some(f) if f.reason.is_some() => suppressed(f.reason.as_deref(), min),
                Some(f) => format!("{} (n={})", score(f.score), f.n.unwrap_or(0)),
                None => format!("{} (n=0)", score(None)),
            };
            protecting |= cell.ends_with(PROTECTS);
            row.push(cell);
        }
        row.push(score(item.score));
        grid.row(row);
    }
    blocks.push(Block::Grid(grid));
    if protecting {
        blocks.push(Block::Paragraph(format!(
            "\u{201c}{PROTECTS}\u{201d}: {} by subtracting the figures shown from the total.",
            Reason::Complementary.text(min)
        )));
    }
    blocks
}

/// For each item, the groups with the highest and lowest shown score and the difference.
fn differences(doc: &ResultDoc, by: &GroupBy) -> Vec<Block> {
    let mut blocks = vec![Block::Heading("Differences between groups".into())];
    blocks.push(Block::Paragraph(
        "For each item, the groups with the highest and lowest score, among the figures \
         shown (a suppressed figure takes no part): a large difference is a difference \
         in perception worth discussing."
            .into(),
    ));
    let mut grid = Grid::new(&[
        ("Item", false),
        ("Highest", false),
        ("Score", true),
        ("Lowest", false),
        ("Score", true),
        ("Difference", true),
    ]);
    for d in &by.differences {
        let title = doc
            .item(&d.item)
            .map_or(d.item.clone(), |i| i.title.clone());
        grid.row(vec![
            title,
            d.high_group.clone(),
            score(Some(d.high)),
            d.low_group.clone(),
            score(Some(d.low)),
            score(Some(d.difference)),
        ]);
    }
    blocks.push(Block::Grid(grid));
    blocks
}

/// How the survey file was read.
pub fn source(doc: &ResultDoc) -> Vec<Block> {
    let Some(s) = &doc.survey else {
        return Vec::new();
    };
    let mut blocks = Vec::new();
    if s.rejected_total > doc.rejected.len() as u64 {
        blocks.push(Block::Paragraph(format!(
            "{} cells were rejected in all; the first {} are listed.",
            s.rejected_total,
            doc.rejected.len()
        )));
    }
    blocks.push(Block::Heading("Survey file".into()));
    let mut facts = vec![
        format!("{}: {}", s.file, s.shape()),
        format!(
            "{} rows read; {} respondents{}{}",
            s.rows,
            doc.respondents,
            if s.test_rows > 0 {
                format!("; {} preview or test rows dropped", s.test_rows)
            } else {
                String::new()
            },
            if s.empty_rows > 0 {
                format!(
                    "; {} rows with no usable answer, not counted",
                    number(s.empty_rows as f64)
                )
            } else {
                String::new()
            }
        ),
    ];
    if !s.unmatched_items.is_empty() {
        facts.push(format!(
            "Items with no column (counted as missing): {}",
            s.unmatched_items.join(", ")
        ));
    }
    if !s.unused_columns.is_empty() {
        facts.push(format!("Columns not used: {}", s.unused_columns.join("; ")));
    }
    if !s.personal_columns.is_empty() {
        facts.push(format!(
            "Personal columns, never read: {}",
            s.personal_columns.join("; ")
        ));
    }
    blocks.push(Block::List(facts));
    let mut grid = Grid::new(&[("Item", false), ("Column", false), ("Matched by", false)]);
    for m in &s.columns {
        let by = match &m.how {
            Some(how) => format!("{} ({how})", m.matched_by.as_str()),
            None => m.matched_by.as_str().to_string(),
        };
        grid.row(vec![m.item.clone(), m.column.clone(), by]);
    }
    blocks.push(Block::Grid(grid));
    blocks
}
