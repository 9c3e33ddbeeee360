//! Matching an assessment's items to a survey file's columns, in this order: `--map
//! ITEM=COLUMN`; the item id; the item's aliases; the item text (or title) compared
//! without case, punctuation, numbering ("1.", "Q1") or surrounding whitespace; and grid
//! columns `Question [Row]` whose row names the item. Each pass runs over every item
//! before the next, so a closer match always wins a column.

use std::collections::HashMap;

use super::layout::{Column, Kind};
use crate::assessment::Assessment;

/// How an item found its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    Map,
    Id,
    Alias,
    Text,
    Grid,
}

impl MatchedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchedBy::Map => "map",
            MatchedBy::Id => "id",
            MatchedBy::Alias => "alias",
            MatchedBy::Text => "text",
            MatchedBy::Grid => "grid",
        }
    }
}

/// Items to columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    /// Per item (in `assessment.items` order): its column and how it was matched.
    pub items: Vec<Option<(usize, MatchedBy)>>,
}

/// Text compared without case, punctuation, numbering or surrounding whitespace:
/// "Q1. Decision-making " and "decision making" are the same.
pub fn normalise(s: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    // Numbering: a leading "1", "q1" or "q 1" before the text proper.
    let numbered = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit())
            || (w.len() > 1 && w.starts_with('q') && w[1..].chars().all(|c| c.is_ascii_digit()))
    };
    if words.len() > 1 && numbered(&words[0]) {
        words.remove(0);
    } else if words.len() > 2 && words[0] == "q" && words[1].chars().all(|c| c.is_ascii_digit()) {
        words.drain(..2);
    }
    words.join(" ")
}

/// The texts an item is matched by in one pass.
type KeysOf = dyn Fn(&crate::assessment::Item) -> Vec<String>;

/// A grid column's row: `Rate each [Patient entrepreneurs]` (Google Forms,
/// SurveyMonkey as plead names its columns) or `Rate each - Patient entrepreneurs`
/// (Qualtrics matrix questions).
fn grid_row(name: &str) -> Option<&str> {
    let name = name.trim_end();
    if name.ends_with(']')
        && let Some(open) = name.rfind('[')
    {
        return Some(&name[open + 1..name.len() - 1]);
    }
    name.rfind(" - ").map(|i| &name[i + 3..])
}

/// A problem matching columns: exit code 2, with what there is to choose from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MatchError {
    #[error("--map {item}={column}: the assessment has no item {item:?} (its items: {items})")]
    UnknownItem {
        item: String,
        column: String,
        items: String,
    },
    #[error("--map {item}={column}: the file has no column {column:?} (its columns: {columns})")]
    UnknownColumn {
        item: String,
        column: String,
        columns: String,
    },
    #[error(
        "--map {item}={column}: {column:?} is a personal column (names, emails, addresses), which plead never reads"
    )]
    PersonalColumn { item: String, column: String },
    #[error(
        "item {item:?} matches several columns ({columns}): choose one with --map {item}=COLUMN"
    )]
    Ambiguous { item: String, columns: String },
    #[error("--map {item}=… is given twice")]
    Twice { item: String },
}

/// Matches items to columns. `maps` are `--map ITEM=COLUMN` pairs.
pub fn match_items(
    assessment: &Assessment,
    columns: &[Column],
    maps: &[(String, String)],
) -> Result<Matching, MatchError> {
    let mut items: Vec<Option<(usize, MatchedBy)>> = vec![None; assessment.items.len()];
    let mut taken = vec![false; columns.len()];
    let listing = || quoted_list(columns.iter().map(|c| c.name.as_str()));

    for (item_id, column) in maps {
        let index = assessment
            .items
            .iter()
            .position(|i| i.id == *item_id)
            .ok_or_else(|| MatchError::UnknownItem {
                item: item_id.clone(),
                column: column.clone(),
                items: assessment
                    .items
                    .iter()
                    .map(|i| i.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
        if items[index].is_some() {
            return Err(MatchError::Twice {
                item: item_id.clone(),
            });
        }
        let wanted = normalise(column);
        let found = columns
            .iter()
            .position(|c| c.name == *column)
            .or_else(|| {
                columns.iter().position(|c| {
                    std::iter::once(&c.name)
                        .chain(&c.other_names)
                        .any(|n| normalise(n) == wanted)
                })
            })
            .ok_or_else(|| MatchError::UnknownColumn {
                item: item_id.clone(),
                column: column.clone(),
                columns: listing(),
            })?;
        if columns[found].kind == Kind::Personal {
            return Err(MatchError::PersonalColumn {
                item: item_id.clone(),
                column: column.clone(),
            });
        }
        items[index] = Some((found, MatchedBy::Map));
        taken[found] = true;
    }

    let names: Vec<Vec<String>> = columns
        .iter()
        .map(|c| {
            std::iter::once(&c.name)
                .chain(&c.other_names)
                .map(|n| normalise(n))
                .collect()
        })
        .collect();
    let rows: Vec<Option<String>> = columns
        .iter()
        .map(|c| grid_row(&c.name).map(normalise))
        .collect();
    // Each name (and grid row) to the question columns it names, so matching costs a
    // look-up per key, not a pass over every column: a file may have 100,000 columns
    // and an assessment 10,000 items.
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_row: HashMap<&str, Vec<usize>> = HashMap::new();
    for c in (0..columns.len()).filter(|c| columns[*c].kind == Kind::Question) {
        for n in &names[c] {
            by_name.entry(n.as_str()).or_default().push(c);
        }
        if let Some(r) = &rows[c] {
            by_row.entry(r.as_str()).or_default().push(c);
        }
    }

    let passes: [(MatchedBy, &KeysOf); 4] = [
        (MatchedBy::Id, &|i| vec![normalise(&i.id)]),
        (MatchedBy::Alias, &|i| {
            i.aliases.iter().map(|a| normalise(a)).collect()
        }),
        (MatchedBy::Text, &|i| {
            vec![normalise(&i.text), normalise(&i.title)]
        }),
        (MatchedBy::Grid, &|i| {
            let mut keys = vec![normalise(&i.id), normalise(&i.title), normalise(&i.text)];
            keys.extend(i.aliases.iter().map(|a| normalise(a)));
            keys
        }),
    ];
    for (by, keys_of) in passes {
        for (index, item) in assessment.items.iter().enumerate() {
            if items[index].is_some() {
                continue;
            }
            let keys: Vec<String> = keys_of(item)
                .into_iter()
                .filter(|k| !k.is_empty())
                .collect();
            let lookup = if by == MatchedBy::Grid {
                &by_row
            } else {
                &by_name
            };
            let mut hits: Vec<usize> = keys
                .iter()
                .filter_map(|k| lookup.get(k.as_str()))
                .flatten()
                .copied()
                .filter(|c| !taken[*c])
                .collect();
            hits.sort_unstable();
            hits.dedup();
            match hits.as_slice() {
                [] => {}
                [one] => {
                    items[index] = Some((*one, by));
                    taken[*one] = true;
                }
                several => {
                    return Err(MatchError::Ambiguous {
                        item: item.id.clone(),
                        columns: quoted_list(several.iter().map(|c| columns[*c].name.as_str())),
                    });
                }
            }
        }
    }
    Ok(Matching { items })
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
            .map(|n| Column {
                name: n.to_string(),
                other_names: Vec::new(),
                kind: if super::super::layout::is_personal(n) {
                    Kind::Personal
                } else {
                    Kind::Question
                },
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
        let m = match_items(&a, &columns(&names), &[]).unwrap();
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
        )
        .unwrap();
        assert_eq!(m.items[0], Some((2, MatchedBy::Map)));
        let e = match_items(&a, &cols, &[("decision-making".into(), "Nope".into())]).unwrap_err();
        assert!(e.to_string().contains("\"My own words\""), "{e}");
        let e = match_items(&a, &cols, &[("decision-making".into(), "Email".into())]).unwrap_err();
        assert!(matches!(e, MatchError::PersonalColumn { .. }));
        let e = match_items(&a, &cols, &[("nope".into(), "Email".into())]).unwrap_err();
        assert!(matches!(e, MatchError::UnknownItem { .. }));
    }

    #[test]
    fn two_columns_for_one_item_is_ambiguous() {
        let a = assessment("building-blocks");
        let e = match_items(&a, &columns(&["Block 1", "Building block 1"]), &[]).unwrap_err();
        assert!(matches!(e, MatchError::Ambiguous { .. }), "{e}");
    }
}
