//! Matching an assessment's items to a survey file's columns, in this order: `--map
//! ITEM=COLUMN` (an exact reference: see `reference`); the item id; the item's aliases;
//! the item text (or title, or the text without its pointers into the source such as
//! "as below") compared without case, punctuation, numbering ("1.", "Q1") or surrounding
//! whitespace; and grid columns `Question [Row]` whose row names the item. A question
//! code (Qualtrics' `Q14_1`) is compared exactly, never normalised. Each pass runs over
//! every item before the next, so a closer match always wins a column. Items still
//! without a column may then be paired with reworded questions (`approximate`), unless
//! matching is strict.

use std::collections::HashMap;

use super::column::{Column, Kind};
use super::matching::{MatchedBy, Matching};
use super::reference::{self, ReferenceError, Wanted};
use super::wording::{grid_row, normalise, text_keys};
use crate::assessment::{Assessment, CommentQuestion, Item};

/// The texts an item is matched by in one pass.
type KeysOf = dyn Fn(&Item) -> Vec<String>;
/// The texts a comment question is matched by in one pass.
type CommentKeysOf = dyn Fn(&CommentQuestion) -> Vec<String>;

/// What `--map` gives columns to: items and comment questions.
struct Targets<'a> {
    items: &'a mut [Option<(usize, MatchedBy)>],
    comments: &'a mut [Option<(usize, MatchedBy)>],
}

/// One pass over targets (items or comment questions) still without a column: each
/// whose keys name one free column takes it. Several columns for one target is an
/// error: `Err((target, columns))`.
fn exact_pass(
    index: &ColumnIndex,
    by: MatchedBy,
    keys: &[Vec<String>],
    found: &mut [Option<(usize, MatchedBy)>],
    taken: &mut [bool],
) -> Result<(), (usize, Vec<usize>)> {
    for (target, keys) in keys.iter().enumerate() {
        if found[target].is_some() {
            continue;
        }
        let mut hits = index.hits(by, keys);
        hits.retain(|c| !taken[*c]);
        hits.sort_unstable();
        hits.dedup();
        match hits.as_slice() {
            [] => {}
            [one] => {
                found[target] = Some((*one, by));
                taken[*one] = true;
            }
            several => return Err((target, several.to_vec())),
        }
    }
    Ok(())
}

/// A problem matching columns: exit code 2, with what there is to choose from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MatchError {
    #[error(
        "--map {item}={column}: the assessment has no item or comment question {item:?} (its items: {items})"
    )]
    UnknownItem {
        item: String,
        column: String,
        items: String,
    },
    #[error(transparent)]
    Reference(#[from] ReferenceError),
    #[error(
        "--map {item}={column}: {column:?} is a personal column (names, emails, addresses), which plead never reads"
    )]
    PersonalColumn { item: String, column: String },
    #[error("{message}")]
    Ambiguous { item: String, message: String },
    #[error("--map {item}=… is given twice")]
    Twice { item: String },
}

/// Matches items to columns. `maps` are `--map ITEM=COLUMN` pairs; `reworded` allows
/// pairing the items left over with reworded questions.
pub fn match_items(
    assessment: &Assessment,
    columns: &[Column],
    maps: &[(String, String)],
    reworded: bool,
) -> Result<Matching, MatchError> {
    let mut items: Vec<Option<(usize, MatchedBy)>> = vec![None; assessment.items.len()];
    let mut how: Vec<Option<String>> = vec![None; assessment.items.len()];
    let mut comments: Vec<Option<(usize, MatchedBy)>> = vec![None; assessment.comments.len()];
    let mut taken = vec![false; columns.len()];

    apply_maps(
        assessment,
        columns,
        maps,
        &mut Targets {
            items: &mut items,
            comments: &mut comments,
        },
        &mut taken,
    )?;
    let index = ColumnIndex::new(columns);

    let passes: [(MatchedBy, &KeysOf); 4] = [
        (MatchedBy::Id, &|i| vec![i.id.clone()]),
        (MatchedBy::Alias, &|i| i.aliases.clone()),
        (MatchedBy::Text, &|i| text_keys(i)),
        (MatchedBy::Grid, &|i| {
            let mut keys = vec![
                i.id.clone(),
                i.title.clone(),
                i.question.clone(),
                i.text.clone(),
            ];
            keys.extend(i.aliases.iter().cloned());
            keys
        }),
    ];
    for (by, keys_of) in passes {
        let keys: Vec<Vec<String>> = assessment.items.iter().map(keys_of).collect();
        exact_pass(&index, by, &keys, &mut items, &mut taken)
            .map_err(|several| ambiguous(&assessment.items[several.0], by, columns, &several.1))?;
    }
    // Comment questions after every item, by the same passes (a grid row is a rating,
    // never a comment), before reworded questions: an exact match wins a column.
    let comment_passes: [(MatchedBy, &CommentKeysOf); 3] = [
        (MatchedBy::Id, &|c| vec![c.id.clone()]),
        (MatchedBy::Alias, &|c| c.aliases.clone()),
        (MatchedBy::Text, &|c| vec![c.question.clone()]),
    ];
    for (by, keys_of) in comment_passes {
        let keys: Vec<Vec<String>> = assessment.comments.iter().map(keys_of).collect();
        exact_pass(&index, by, &keys, &mut comments, &mut taken).map_err(|several| {
            let c = &assessment.comments[several.0];
            ambiguous_comment(&c.id, &c.question, by, columns, &several.1)
        })?;
    }

    if reworded {
        for (index, column, described) in
            super::reworded::pairs(assessment, columns, &items, &taken)
        {
            items[index] = Some((column, MatchedBy::Wording));
            taken[column] = true;
            how[index] = Some(described);
        }
    }
    Ok(Matching {
        items,
        how,
        comments,
    })
}

/// Gives each `--map ITEM=COLUMN` item its column, first, so no pass can take it;
/// refuses an unknown item, an item mapped twice, and a personal column.
fn apply_maps(
    assessment: &Assessment,
    columns: &[Column],
    maps: &[(String, String)],
    targets: &mut Targets,
    taken: &mut [bool],
) -> Result<(), MatchError> {
    for (id, column) in maps {
        let item = assessment.items.iter().position(|i| i.id == *id);
        let comment = assessment.comments.iter().position(|c| c.id == *id);
        let slot = match (item, comment) {
            (Some(k), _) => &mut targets.items[k],
            (None, Some(k)) => &mut targets.comments[k],
            (None, None) => {
                return Err(MatchError::UnknownItem {
                    item: id.clone(),
                    column: column.clone(),
                    items: assessment
                        .items
                        .iter()
                        .map(|i| i.id.as_str())
                        .chain(assessment.comments.iter().map(|c| c.id.as_str()))
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
        };
        if slot.is_some() {
            return Err(MatchError::Twice { item: id.clone() });
        }
        let found = reference::resolve(columns, column, Wanted::Map(id))?;
        if columns[found].kind == Kind::Personal {
            return Err(MatchError::PersonalColumn {
                item: id.clone(),
                column: column.clone(),
            });
        }
        *slot = Some((found, MatchedBy::Map));
        taken[found] = true;
    }
    Ok(())
}

/// Each name (and grid row, and code) to the question columns it names, so matching
/// costs a look-up per key, not a pass over every column: a file may have 100,000
/// columns and an assessment 10,000 items.
struct ColumnIndex {
    by_name: HashMap<String, Vec<usize>>,
    by_row: HashMap<String, Vec<usize>>,
    by_code: HashMap<String, Vec<usize>>,
}

impl ColumnIndex {
    /// Indexes the question columns by their normalised names (the header and any other
    /// header rows), their normalised grid row, and their codes, lower-cased.
    fn new(columns: &[Column]) -> Self {
        let mut index = ColumnIndex {
            by_name: HashMap::new(),
            by_row: HashMap::new(),
            by_code: HashMap::new(),
        };
        for (c, column) in columns.iter().enumerate() {
            if column.kind != Kind::Question {
                continue;
            }
            for n in std::iter::once(&column.name).chain(&column.other_names) {
                index.by_name.entry(normalise(n)).or_default().push(c);
            }
            if let Some(r) = grid_row(&column.name).map(normalise) {
                index.by_row.entry(r).or_default().push(c);
            }
            for code in column.code.iter().chain(&column.import_id) {
                index
                    .by_code
                    .entry(code.to_lowercase())
                    .or_default()
                    .push(c);
            }
        }
        index
    }

    /// The columns a pass's keys name: grid rows for the grid pass, names otherwise,
    /// and for the id and alias passes also codes (unsorted, possibly repeated).
    fn hits(&self, by: MatchedBy, raw: &[String]) -> Vec<usize> {
        let lookup = if by == MatchedBy::Grid {
            &self.by_row
        } else {
            &self.by_name
        };
        let mut hits: Vec<usize> = raw
            .iter()
            .map(|k| normalise(k))
            .filter(|k| !k.is_empty())
            .filter_map(|k| lookup.get(k.as_str()))
            .flatten()
            .copied()
            .collect();
        if matches!(by, MatchedBy::Id | MatchedBy::Alias) {
            // A code is an exact name: "Q3" is Qualtrics' Q3, whatever "Q3_1" is.
            hits.extend(
                raw.iter()
                    .filter_map(|k| self.by_code.get(&k.trim().to_lowercase()))
                    .flatten(),
            );
        }
        hits
    }
}

/// An item that one pass matches to several columns equally: the user says which.
fn ambiguous(item: &Item, by: MatchedBy, columns: &[Column], several: &[usize]) -> MatchError {
    MatchError::Ambiguous {
        item: item.id.clone(),
        message: format!(
            "item {:?} ({:?}) matches {} columns equally, by {}:\n{}\nSay which with one of:\n{}",
            item.id,
            short(&item.text),
            several.len(),
            by.what(),
            reference::listing(columns, several),
            reference::options(columns, several, Wanted::Map(&item.id))
        ),
    }
}

/// A comment question that one pass matches to several columns equally.
fn ambiguous_comment(
    id: &str,
    question: &str,
    by: MatchedBy,
    columns: &[Column],
    several: &[usize],
) -> MatchError {
    MatchError::Ambiguous {
        item: id.to_string(),
        message: format!(
            "comment question {id:?} ({:?}) matches {} columns equally, by {}:\n{}\nSay which with one of:\n{}",
            short(question),
            several.len(),
            by.what(),
            reference::listing(columns, several),
            reference::options(columns, several, Wanted::Map(id))
        ),
    }
}

fn short(s: &str) -> String {
    if s.chars().count() <= 60 {
        s.to_string()
    } else {
        let cut: String = s.chars().take(59).collect();
        format!("{cut}…")
    }
}

/// `"a", "b", "c"`.
/// At most `LISTED` names, each cut to `NAME_CHARS` characters: a file with 100,000
/// columns, or a 100 MB header, must not make a message of the same size.
pub fn quoted_list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    const LISTED: usize = 40;
    const NAME_CHARS: usize = 80;
    let mut listed = Vec::new();
    let mut more = 0usize;
    for n in names {
        if listed.len() == LISTED {
            more += 1;
            continue;
        }
        if n.chars().count() > NAME_CHARS {
            let cut: String = n.chars().take(NAME_CHARS - 1).collect();
            listed.push(format!("{:?}", format!("{cut}…")));
        } else {
            listed.push(format!("{n:?}"));
        }
    }
    let mut out = listed.join(", ");
    if more > 0 {
        out.push_str(&format!(" and {more} more"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Catalog;

    fn columns(names: &[&str]) -> Vec<Column> {
        names
            .iter()
            .map(|n| {
                let kind = if super::super::layout::is_personal(n) {
                    Kind::Personal
                } else {
                    Kind::Question
                };
                Column::named(*n, kind)
            })
            .collect()
    }

    fn assessment(id: &str) -> Assessment {
        Catalog::load(None)
            .unwrap()
            .resolve(id)
            .unwrap()
            .assessment
            .clone()
    }

    #[test]
    fn normalising_drops_case_punctuation_and_numbering() {
        assert_eq!(normalise(" Q1. Decision-making "), "decision making");
        assert_eq!(normalise("1) Decision making"), "decision making");
        assert_eq!(normalise("Q 1 Decision making"), "decision making");
        assert_eq!(normalise("Organisation’s view"), "organisation s view");
        assert_eq!(normalise("10"), "10");
    }

    #[test]
    fn id_alias_text_and_grid_all_match() {
        let a = assessment("building-blocks");
        let mut names: Vec<String> =
            vec!["Name".into(), "decision-making".into(), "Block 2".into()];
        names.push(format!("3. {}", a.items[2].text.to_uppercase()));
        names.push(format!("Rate each block [{}]", a.items[3].title));
        names.push("Something else".into());
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let m = match_items(&a, &columns(&names), &[], true).unwrap();
        assert_eq!(m.items[0], Some((1, MatchedBy::Id)));
        assert_eq!(m.items[1], Some((2, MatchedBy::Alias)));
        assert_eq!(m.items[2], Some((3, MatchedBy::Text)));
        assert_eq!(m.items[3], Some((4, MatchedBy::Grid)));
        assert_eq!(m.items[4], None);
    }

    #[test]
    fn a_map_comes_first_and_errors_list_the_choices() {
        let a = assessment("building-blocks");
        let cols = columns(&["Email", "decision-making", "My own words"]);
        let m = match_items(
            &a,
            &cols,
            &[("decision-making".into(), "My own words".into())],
            true,
        )
        .unwrap();
        assert_eq!(m.items[0], Some((2, MatchedBy::Map)));
        let map = |item: &str, column: &str| {
            match_items(&a, &cols, &[(item.into(), column.into())], true).unwrap_err()
        };
        let e = map("decision-making", "Nope");
        assert!(e.to_string().contains("C \"My own words\""), "{e}");
        let e = map("decision-making", "Email");
        assert!(matches!(e, MatchError::PersonalColumn { .. }));
        let e = map("nope", "Email");
        assert!(matches!(e, MatchError::UnknownItem { .. }));
    }

    #[test]
    fn two_columns_for_one_item_is_ambiguous() {
        let a = assessment("building-blocks");
        let e = match_items(&a, &columns(&["Block 1", "Building block 1"]), &[], true).unwrap_err();
        assert!(matches!(e, MatchError::Ambiguous { .. }), "{e}");
    }
}
