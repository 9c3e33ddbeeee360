//! The survey parts of a report, as shared blocks: the figures per group (a suppressed
//! group shows the word "suppressed", never a number), the differences between groups,
//! and how the file was read (layout, columns matched, unused and personal columns).

use super::grid::{Block, Grid};
use super::text::{number, percent, score};
use crate::result::ResultDoc;

/// More groups than this are listed with their overall score only: an item-by-group
/// table would not fit.
const GROUP_COLUMNS: usize = 8;

const SUPPRESSED: &str = "suppressed";

/// The groups of `--group-by`: overall per group, each item per group, and the spread.
pub fn groups(doc: &ResultDoc) -> Vec<Block> {
    let Some(by) = &doc.group_by else {
        return Vec::new();
    };
    let mut blocks = vec![Block::Heading(format!("Groups by {}", by.column))];
    let hidden = doc.groups.iter().filter(|g| g.suppressed).count();
    let mut note = format!(
        "Groups with fewer than {} respondents are suppressed",
        by.min_group
    );
    if hidden > 0 {
        note.push_str(
            "; when only one group is that small, the next smallest is suppressed too, so \
             neither can be worked out from the total",
        );
    }
    note.push('.');
    blocks.push(Block::Paragraph(note));

    let mut overall = Grid::new(&[
        ("Group", false),
        ("Respondents", true),
        ("Score", true),
        ("Percent", true),
        ("Band", false),
    ]);
    for g in &doc.groups {
        match &g.overall {
            Some(o) if !g.suppressed => overall.row(vec![
                g.label.clone(),
                g.respondents.map_or_else(String::new, |r| r.to_string()),
                score(o.score),
                percent(o.percent),
                o.band.clone().unwrap_or_else(|| "—".into()),
            ]),
            _ => overall.row(vec![
                g.label.clone(),
                SUPPRESSED.into(),
                SUPPRESSED.into(),
                SUPPRESSED.into(),
                String::new(),
            ]),
        }
    }
    blocks.push(Block::Grid(overall));

    if doc.groups.len() <= GROUP_COLUMNS {
        let mut columns: Vec<(&str, bool)> = vec![("Item", false)];
        columns.extend(doc.groups.iter().map(|g| (g.label.as_str(), true)));
        columns.push(("All", true));
        let mut grid = Grid::new(&columns);
        for (index, item) in doc.items.iter().enumerate() {
            let mut row = vec![item.title.clone()];
            for g in &doc.groups {
                row.push(if g.suppressed {
                    SUPPRESSED.into()
                } else {
                    let figures = g.items.get(index);
                    let n = figures.map_or(0, |f| f.n);
                    format!("{} (n={n})", score(figures.and_then(|f| f.score)))
                });
            }
            row.push(score(item.score));
            grid.row(row);
        }
        blocks.push(Block::Grid(grid));
    }

    if !by.differences.is_empty() {
        blocks.push(Block::Heading("Differences between groups".into()));
        blocks.push(Block::Paragraph(
            "For each item, the groups (not suppressed) with the highest and lowest score: \
             a large difference is a difference in perception worth discussing."
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
    }
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
        format!("{}: {} layout, {}", s.file, s.layout, s.format),
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
        grid.row(vec![m.item.clone(), m.column.clone(), m.matched_by.clone()]);
    }
    blocks.push(Block::Grid(grid));
    blocks
}
