//! The rule applied to the result of matching, whatever the matching was: no item, group
//! or alias reads a personal column, and a group column is not an identifier.

use super::content::{by_content, is_identifier};
use super::header::is_personal_header;
use crate::survey::column::{Column, Kind};

/// A personal column used as an item, a group or an alias target: exit code 2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonalError {
    #[error(
        "--group-by {column:?}: this is a personal column ({what}), which plead never reads or reports; group by a column of a few values, such as a role or a directorate"
    )]
    GroupBy { column: String, what: String },
    #[error(
        "--group-by {column:?}: most of its values are different ({unique} of the first {seen} seen once), as in an identifier, not a group; group by a column of a few values, such as a role or a directorate"
    )]
    Identifier {
        column: String,
        unique: usize,
        seen: usize,
    },
    #[error(
        "item {item:?} would be read from {column:?}, which holds personal data ({what}) and is never read; {how}"
    )]
    Item {
        item: String,
        column: String,
        what: String,
        how: String,
    },
    #[error(
        "the assessment's alias {alias:?} of item {item:?} names {column:?}, a personal column ({what}), which plead never reads: remove the alias from the assessment, or name the item's column with --map {item}=COLUMN"
    )]
    Alias {
        item: String,
        alias: String,
        column: String,
        what: String,
    },
}

/// What a personal column holds, in words, for messages: its header, or what most of
/// its sampled values look like (never a value).
pub fn describe(column: &Column, c: usize, rows: &[&csv::ByteRecord]) -> String {
    match by_content(rows.iter().filter_map(|r| r.get(c))) {
        Some((kind, personal, seen)) => format!(
            "{personal} of the first {seen} values look like {}",
            kind.plural()
        ),
        None if is_personal_header(&column.name) => "its header names personal data".to_string(),
        None => "names, emails, addresses or identifiers".to_string(),
    }
}

/// The check applied to the result of matching: no item, group or alias reads a
/// personal column, and a group column is not an identifier. `items` is each item's
/// column (in `assessment.items` order), `maps` the `--map` pairs.
pub fn enforce(
    assessment: &crate::assessment::Assessment,
    columns: &[Column],
    items: &[Option<usize>],
    maps: &[(String, String)],
    group: Option<usize>,
    rows: &[&csv::ByteRecord],
) -> Result<(), PersonalError> {
    no_personal_item(assessment, columns, items, maps, rows)?;
    if let Some(g) = group {
        let column = &columns[g];
        if column.kind == Kind::Personal {
            return Err(PersonalError::GroupBy {
                column: column.name.clone(),
                what: describe(column, g, rows),
            });
        }
        let values = || rows.iter().filter_map(|r| r.get(g));
        if is_identifier(values()) {
            let mut seen: std::collections::HashMap<&[u8], usize> =
                std::collections::HashMap::new();
            for v in values().map(<[u8]>::trim_ascii).filter(|v| !v.is_empty()) {
                *seen.entry(v).or_default() += 1;
            }
            return Err(PersonalError::Identifier {
                column: column.name.clone(),
                unique: seen.values().filter(|n| **n == 1).count(),
                seen: seen.values().sum(),
            });
        }
    }
    Ok(())
}

/// No item reads a personal column, and no alias of the assessment names one.
fn no_personal_item(
    assessment: &crate::assessment::Assessment,
    columns: &[Column],
    items: &[Option<usize>],
    maps: &[(String, String)],
    rows: &[&csv::ByteRecord],
) -> Result<(), PersonalError> {
    let normalise = crate::survey::wording::normalise;
    for (item, column) in assessment.items.iter().zip(items) {
        let Some(c) = *column else { continue };
        if columns[c].kind == Kind::Personal {
            let mapped = maps.iter().any(|(i, _)| *i == item.id);
            return Err(PersonalError::Item {
                item: item.id.clone(),
                column: columns[c].name.clone(),
                what: describe(&columns[c], c, rows),
                how: if mapped {
                    format!("name another column with --map {}=COLUMN", item.id)
                } else {
                    format!(
                        "name the item's column with --map {}=COLUMN, or add --allow-missing to score without it",
                        item.id
                    )
                },
            });
        }
    }
    for item in &assessment.items {
        for alias in &item.aliases {
            let wanted = normalise(alias);
            if wanted.is_empty() {
                continue;
            }
            let named = columns.iter().enumerate().find(|(_, c)| {
                c.kind == Kind::Personal && c.texts().any(|n| normalise(n) == wanted)
            });
            if let Some((c, column)) = named {
                return Err(PersonalError::Alias {
                    item: item.id.clone(),
                    alias: alias.clone(),
                    column: column.name.clone(),
                    what: describe(column, c, rows),
                });
            }
        }
    }
    Ok(())
}
