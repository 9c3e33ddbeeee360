//! Which items and columns take part in matching reworded questions, and what each is
//! compared by: the items still without a column (by their text, title, text without
//! source pointers, and aliases) and the question columns left (by their header and grid
//! row) — less any column whose text is exactly some item's, which belongs to that item
//! and is never paired with another by its wording. The pairing itself is `approximate`.

use std::collections::HashSet;

use super::approximate::{self, Side, Words};
use super::column::Column;
use super::matching::MatchedBy;
use super::wording::{grid_row, normalise, text_keys};
use crate::assessment::{Assessment, Item};

/// Every exact key of every item, normalised: a column whose text is one of them
/// belongs to that item, and is never paired with another by its wording.
pub fn exact_keys(assessment: &Assessment) -> HashSet<String> {
    assessment
        .items
        .iter()
        .flat_map(|i| {
            let mut keys = text_keys(i);
            keys.push(i.id.clone());
            keys.extend(i.aliases.iter().cloned());
            keys
        })
        .map(|k| normalise(&k))
        .filter(|k| !k.is_empty())
        .collect()
}

/// Items without a column paired with the columns left, by wording: (item, column, how).
pub fn pairs(
    assessment: &Assessment,
    columns: &[Column],
    items: &[Option<(usize, MatchedBy)>],
    taken: &[bool],
) -> Vec<(usize, usize, String)> {
    let open_items: Vec<usize> = (0..items.len()).filter(|i| items[*i].is_none()).collect();
    if open_items.is_empty() {
        return Vec::new();
    }
    let owned = exact_keys(assessment);
    let belongs_elsewhere = |c: usize| {
        let col = &columns[c];
        std::iter::once(col.name.as_str())
            .chain(col.other_names.iter().map(String::as_str))
            .chain(grid_row(&col.name))
            .any(|t| owned.contains(&normalise(t)))
    };
    let mut words = Words::default();
    let (open, column_sides) =
        approximate::sides(columns, &mut words, |c| !taken[c] && !belongs_elsewhere(c));
    if open.is_empty() {
        return Vec::new();
    }
    let item_sides: Vec<Side> = open_items
        .iter()
        .map(|&i| item_side(&assessment.items[i], i, &mut words))
        .collect();
    approximate::pair(&item_sides, &column_sides)
        .into_iter()
        .map(|p| (open_items[p.item], open[p.column], p.how.describe()))
        .collect()
}

/// An item's wordings as word sets: its text, title, text without source pointers, and
/// aliases.
pub fn item_side(item: &Item, index: usize, words: &mut Words) -> Side {
    let mut keys: Vec<Vec<u32>> = text_keys(item)
        .iter()
        .chain(&item.aliases)
        .map(|t| words.set(t))
        .collect();
    keys.sort();
    keys.dedup();
    Side { index, keys }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Catalog;
    use crate::survey::column::Kind;
    use crate::survey::headers::match_items;

    fn assessment(id: &str) -> Assessment {
        Catalog::load(None)
            .unwrap()
            .resolve(id)
            .unwrap()
            .assessment
            .clone()
    }

    fn columns(names: &[&str]) -> Vec<Column> {
        names
            .iter()
            .map(|n| Column::named(*n, Kind::Question))
            .collect()
    }

    /// A column for an item: its text, its title, its text reworded (words dropped,
    /// case changed, "and" made a comma), or nothing.
    fn column_for(item: &Item, how: u8, drop: usize) -> Option<String> {
        match how % 5 {
            0 => None,
            1 => Some(item.text.clone()),
            2 => Some(item.title.clone()),
            3 => {
                let words: Vec<&str> = item.text.split_whitespace().collect();
                let keep: Vec<&str> = words
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| words.len() < 4 || k % (2 + drop % 5) != 1)
                    .map(|(_, w)| *w)
                    .collect();
                Some(keep.join(" "))
            }
            _ => Some(item.text.to_uppercase().replace(" AND ", ", ")),
        }
    }

    proptest::proptest! {
        #[test]
        fn an_approximate_match_never_takes_a_column_that_is_another_items_exactly(
            which in 0usize..3,
            plan in proptest::collection::vec((0u8..5, 0usize..10, 0usize..12), 1..12),
            maps in proptest::collection::vec((0usize..12, 0usize..24), 0..4),
            order in proptest::collection::vec(0usize..1000, 24),
        ) {
            let a = assessment(["building-blocks", "role-model", "connection"][which]);
            // Each planned column is for item `of` (possibly another item than its
            // position: a decoy reworded from a neighbour).
            let mut names: Vec<String> = Vec::new();
            for (how, drop, of) in &plan {
                if let Some(name) = column_for(&a.items[of % a.items.len()], *how, *drop) {
                    names.push(name);
                }
            }
            names.push("Role".into());
            // Shuffle the columns.
            let mut keyed: Vec<(usize, String)> =
                names.into_iter().enumerate().map(|(k, n)| (order[k % order.len()], n)).collect();
            keyed.sort();
            let names: Vec<&str> = keyed.iter().map(|(_, n)| n.as_str()).collect();
            let cols = columns(&names);
            let maps: Vec<(String, String)> = maps
                .iter()
                .map(|(i, c)| (
                    a.items[i % a.items.len()].id.clone(),
                    crate::survey::column::letter(c % cols.len()),
                ))
                .collect();
            let Ok(m) = match_items(&a, &cols, &maps, true) else {
                return Ok(());
            };
            let exact: Vec<HashSet<String>> = a
                .items
                .iter()
                .map(|i| {
                    let mut keys = text_keys(i);
                    keys.push(i.id.clone());
                    keys.extend(i.aliases.iter().cloned());
                    keys.iter().map(|k| normalise(k)).collect()
                })
                .collect();
            for (i, found) in m.items.iter().enumerate() {
                let Some((c, MatchedBy::Wording)) = found else { continue };
                let texts: Vec<String> = std::iter::once(cols[*c].name.as_str())
                    .chain(grid_row(&cols[*c].name))
                    .map(normalise)
                    .collect();
                for (j, keys) in exact.iter().enumerate() {
                    if j != i {
                        proptest::prop_assert!(
                            !texts.iter().any(|t| keys.contains(t)),
                            "item {} took {:?}, which is item {}'s exactly",
                            a.items[i].id, cols[*c].name, a.items[j].id
                        );
                    }
                }
            }
        }
    }
}
