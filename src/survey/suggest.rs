//! The message a person can act on when items have no column: for each, the closest
//! columns left (named as `reference` names columns) and the `--map ITEM=REF` to paste.

use super::approximate::{Words, closest, sides};
use super::column::Column;
use super::layout::Layout;
use super::matching::Matching;
use super::reference::{LISTED_CHARS, Wanted, brief_list, cut_to, listing, reference};
use super::reworded::item_side;
use crate::assessment::{Assessment, Item};

/// The share of words a column needs with an item for its `--map` to be offered.
const SUGGEST_AT_LEAST: f64 = 0.4;

/// Items listed one by one in a message; more are named.
const ITEMS_LISTED: usize = 10;

/// The error when items have no column: for each, the closest columns left and the
/// `--map` to write (the closest column nobody else is offered; with no wording in
/// common, and as many columns left as items, the columns left in file order).
pub fn unmatched(assessment: &Assessment, layout: &Layout, matching: &Matching) -> String {
    let columns = &layout.columns;
    let missing: Vec<usize> = (0..assessment.items.len())
        .filter(|i| matching.items[*i].is_none())
        .collect();
    let taken: Vec<usize> = matching.items.iter().flatten().map(|(c, _)| *c).collect();
    let mut words = Words::default();
    let (open, sides) = sides(columns, &mut words, |c| !taken.contains(&c));
    let rows = if layout.header_rows == 1 {
        "1 header row".to_string()
    } else {
        format!("{} header rows", layout.header_rows)
    };
    let mut message = format!(
        "no column matches {} of the assessment's items ({} layout, {rows}):",
        missing.len(),
        layout.tool.name()
    );
    let mut offered: Vec<usize> = Vec::new();
    let mut maps: Vec<String> = Vec::new();
    let in_order = missing.len() == open.len();
    for (k, &i) in missing.iter().enumerate() {
        let item = &assessment.items[i];
        let listed = k < ITEMS_LISTED;
        // The closest columns left, with the share of words each has in common.
        let near: Vec<(usize, f64)> = if listed || maps.len() < ITEMS_LISTED {
            closest(&item_side(item, i, &mut words), &sides, 3)
                .into_iter()
                .map(|(s, share)| (open[s], share))
                .collect()
        } else {
            Vec::new()
        };
        if listed {
            message.push_str(&item_lines(columns, item, &near));
        }
        if let Some(c) = offer(&near, &open, &offered, in_order) {
            offered.push(c);
            maps.push(Wanted::Map(&item.id).option(&reference(columns, c)));
        }
    }
    message.push_str(&advice(
        assessment,
        columns,
        &missing,
        open.is_empty(),
        &maps,
    ));
    message
}

/// An item with no column, and the closest columns left with the share of words each
/// has in common with it.
fn item_lines(columns: &[Column], item: &Item, near: &[(usize, f64)]) -> String {
    let mut text = format!("\n  {} ({:?})", item.id, cut_to(&item.text, LISTED_CHARS));
    if near.is_empty() {
        text.push_str(": no column left shares its wording");
        return text;
    }
    text.push_str(": the closest columns left are\n");
    let near_columns: Vec<usize> = near.iter().map(|(c, _)| *c).collect();
    let lines = listing(columns, &near_columns);
    let with_share: Vec<String> = lines
        .lines()
        .zip(near)
        .map(|(l, (_, s))| format!("  {l} ({}% of words shared)", (s * 100.0).floor()))
        .collect();
    text.push_str(&with_share.join("\n"));
    text
}

/// The column offered to paste as the item's `--map`: the closest not offered to
/// another item that shares a good part of the wording, or, `in_order`, the first
/// column left in file order; the others are only listed.
fn offer(
    near: &[(usize, f64)],
    open: &[usize],
    offered: &[usize],
    in_order: bool,
) -> Option<usize> {
    near.iter()
        .filter(|(_, share)| *share >= SUGGEST_AT_LEAST)
        .map(|(c, _)| *c)
        .find(|c| !offered.contains(c))
        .or_else(|| {
            in_order
                .then(|| open.iter().copied().find(|c| !offered.contains(c)))
                .flatten()
        })
}

/// The message's end: the items not listed, the file's question columns, the `--map`
/// lines to paste, and the other ways out.
fn advice(
    assessment: &Assessment,
    columns: &[Column],
    missing: &[usize],
    none_open: bool,
    maps: &[String],
) -> String {
    let mut message = String::new();
    if missing.len() > ITEMS_LISTED {
        let rest: Vec<&str> = missing[ITEMS_LISTED..]
            .iter()
            .map(|&i| assessment.items[i].id.as_str())
            .collect();
        message.push_str(&format!(
            "\n  … and {} more: {}",
            rest.len(),
            super::headers::quoted_list(rest.into_iter())
        ));
    }
    if none_open {
        message.push_str("\nNo question column is left unmatched.");
    }
    message.push_str(&format!(
        "\nThe file's question columns: {}.",
        brief_list(columns)
    ));
    if !maps.is_empty() {
        message.push_str(&format!(
            "\nIf these are the right columns, add (check each one first):\n  {}",
            maps.join(" ")
        ));
    }
    message.push_str(
        "\nOtherwise name a column for each with --map ITEM=COLUMN (a header, a question code, a column letter such as D, or a number such as #4), give the item an alias in the assessment, or add --allow-missing to score without them",
    );
    message
}
