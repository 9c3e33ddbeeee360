//! Reworded questions: after the exact matches, each remaining item is paired with a
//! remaining column whose wording is clearly its own — the same content words, one set
//! of words within the other, or a word-level similarity — but only where the pairing
//! is unique both ways by a clear margin. Items and columns tied equally pair one to one
//! in file order. Anything less clear is left unmatched, for a message to name the
//! closest columns and the `--map` to write.
//!
//! Cost: an inverted index from words to columns, so an item is compared only with the
//! columns that share a word with it (10,000 items against 10,000 columns take well
//! under a second: see benches/matching.rs).

use std::collections::HashMap;

use super::column::{Column, Kind};
use super::wording::{content_words, grid_row, shared, similarity};

/// Below this similarity two wordings are not the same question.
pub const SIMILAR_AT_LEAST: f64 = 0.6;
/// The best candidate must beat the next by this much (scores as in `How::score`).
pub const MARGIN: f64 = 0.15;
/// Rounds of pairing: a pair made can make another clear (its rival is gone).
const ROUNDS: usize = 4;

/// How an item's wording was found in a column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum How {
    /// The same words once numbering, punctuation, quote marks, case and small words
    /// are set aside.
    SameWords,
    /// The column's words are all in the item's text (a phrase cut), or the item's all
    /// in the column's (a phrase added); `similarity` as for `Similar`.
    Within {
        column_shorter: bool,
        similarity: f64,
    },
    /// Most words shared.
    Similar(f64),
}

impl How {
    /// One ordering over every kind: same words, then containment, then similarity.
    pub fn score(self) -> f64 {
        match self {
            How::SameWords => 3.0,
            How::Within { similarity, .. } => 2.0 + similarity,
            How::Similar(s) => s,
        }
    }

    /// In words, for stderr and the Result.
    pub fn describe(self) -> String {
        match self {
            How::SameWords => {
                "reworded: the same words once numbering, punctuation, quote marks, case and small words are set aside".into()
            }
            How::Within {
                column_shorter: true,
                similarity,
            } => format!(
                "reworded: every word of the column is in the item's text ({}% of words shared)",
                percent(similarity)
            ),
            How::Within {
                column_shorter: false,
                similarity,
            } => format!(
                "reworded: every word of the item's text is in the column ({}% of words shared)",
                percent(similarity)
            ),
            How::Similar(s) => format!("reworded: similar wording ({}% of words shared)", percent(s)),
        }
    }
}

fn percent(s: f64) -> u32 {
    (s * 100.0).floor() as u32
}

/// Compares two word sets (sorted, distinct): how they match, if they do at all.
pub fn compare(item: &[u32], column: &[u32]) -> Option<How> {
    if item.is_empty() || column.is_empty() {
        return None;
    }
    let common = shared(item, column);
    let s = similarity(item, column);
    if common == item.len() && common == column.len() {
        return Some(How::SameWords);
    }
    let (small, large) = if item.len() < column.len() {
        (item.len(), column.len())
    } else {
        (column.len(), item.len())
    };
    if common == small && small >= 2 && small * 3 >= large {
        return Some(How::Within {
            column_shorter: column.len() < item.len(),
            similarity: s,
        });
    }
    (s >= SIMILAR_AT_LEAST).then_some(How::Similar(s))
}

/// Interns words as numbers, so word sets are sorted vectors of small integers.
#[derive(Default)]
pub struct Words {
    ids: HashMap<String, u32>,
}

impl Words {
    /// The content words of a text, as a sorted set.
    pub fn set(&mut self, text: &str) -> Vec<u32> {
        let mut set: Vec<u32> = content_words(text)
            .into_iter()
            .map(|w| {
                let next = self.ids.len() as u32;
                *self.ids.entry(w).or_insert(next)
            })
            .collect();
        set.sort_unstable();
        set.dedup();
        set
    }
}

/// One side to pair: its index (an item's or a column's) and the word sets it may be
/// known by (an item's text and title; a column's header and grid row).
pub struct Side {
    pub index: usize,
    pub keys: Vec<Vec<u32>>,
}

/// A pairing made: `items[item]` with `columns[column]` (indexes into the slices given).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub item: usize,
    pub column: usize,
    pub how: How,
}

/// The best match of an item with a column over their keys.
fn best(item: &Side, column: &Side) -> Option<How> {
    let mut found: Option<How> = None;
    for a in &item.keys {
        for b in &column.keys {
            if let Some(h) = compare(a, b)
                && found.is_none_or(|f| h.score() > f.score())
            {
                found = Some(h);
            }
        }
    }
    found
}

/// Where one side stands: its best score, the other sides at that score (ascending),
/// and the best score of any other.
#[derive(Clone, Default)]
struct Standing {
    best: f64,
    at_best: Vec<usize>,
    second: f64,
}

impl Standing {
    fn offer(&mut self, other: usize, score: f64) {
        const TIE: f64 = 1e-9;
        if self.at_best.is_empty() || score > self.best + TIE {
            if !self.at_best.is_empty() {
                self.second = self.second.max(self.best);
            }
            self.best = score;
            self.at_best.clear();
            self.at_best.push(other);
        } else if (score - self.best).abs() <= TIE {
            self.at_best.push(other);
        } else {
            self.second = self.second.max(score);
        }
    }

    fn clear(&self) -> bool {
        !self.at_best.is_empty() && self.best - self.second >= MARGIN
    }
}

/// Pairs items with columns where the wording makes it clear. Indexes in the result are
/// into `items` and `columns`.
pub fn pair(items: &[Side], columns: &[Side]) -> Vec<Pair> {
    let mut pairing = Pairing {
        items,
        columns,
        index: word_index(columns),
        common: (columns.len() / 10).max(64),
        item_taken: vec![false; items.len()],
        column_taken: vec![false; columns.len()],
        pairs: Vec::new(),
    };
    for _ in 0..ROUNDS {
        let round = pairing.standings();
        if !pairing.take_agreed(&round) {
            break;
        }
    }
    let mut pairs = pairing.pairs;
    pairs.sort_by_key(|p| p.item);
    pairs
}

/// Words to the columns holding them.
fn word_index(columns: &[Side]) -> HashMap<u32, Vec<usize>> {
    let mut index: HashMap<u32, Vec<usize>> = HashMap::new();
    for (c, column) in columns.iter().enumerate() {
        let mut seen: Vec<u32> = column.keys.iter().flatten().copied().collect();
        seen.sort_unstable();
        seen.dedup();
        for w in seen {
            index.entry(w).or_default().push(c);
        }
    }
    index
}

/// Items and columns being paired, round by round: what is taken, and the pairs made.
struct Pairing<'a> {
    items: &'a [Side],
    columns: &'a [Side],
    index: HashMap<u32, Vec<usize>>,
    /// A word in more columns than this tells them apart from nothing, so it only
    /// counts once a candidate is found through a rarer word.
    common: usize,
    item_taken: Vec<bool>,
    column_taken: Vec<bool>,
    pairs: Vec<Pair>,
}

/// One round's standings of the items and columns not yet taken, and how each pair
/// scored.
struct Round {
    by_item: Vec<Standing>,
    by_column: Vec<Standing>,
    hows: HashMap<(usize, usize), How>,
}

impl Pairing<'_> {
    /// Scores every item left against the columns left that share a word with it.
    fn standings(&self) -> Round {
        let mut round = Round {
            by_item: vec![Standing::default(); self.items.len()],
            by_column: vec![Standing::default(); self.columns.len()],
            hows: HashMap::new(),
        };
        let mut seen_at = vec![usize::MAX; self.columns.len()];
        for (i, item) in self.items.iter().enumerate() {
            if self.item_taken[i] {
                continue;
            }
            let mut candidates = Vec::new();
            for w in item.keys.iter().flatten() {
                let Some(cols) = self.index.get(w) else {
                    continue;
                };
                if cols.len() > self.common {
                    continue;
                }
                for &c in cols {
                    if !self.column_taken[c] && seen_at[c] != i {
                        seen_at[c] = i;
                        candidates.push(c);
                    }
                }
            }
            for c in candidates {
                seen_at[c] = usize::MAX;
                if let Some(how) = best(item, &self.columns[c]) {
                    round.by_item[i].offer(c, how.score());
                    round.by_column[c].offer(i, how.score());
                    round.hows.insert((i, c), how);
                }
            }
        }
        round
    }

    /// Pairs every group of items and columns whose best matches are each other, clear
    /// by the margin both ways; says whether any pair was made.
    fn take_agreed(&mut self, round: &Round) -> bool {
        let mut made = false;
        for i in 0..self.items.len() {
            let Some((group, cols)) = self.agreed(round, i) else {
                continue;
            };
            for (&it, &c) in group.iter().zip(&cols) {
                self.item_taken[it] = true;
                self.column_taken[c] = true;
                self.pairs.push(Pair {
                    item: it,
                    column: c,
                    how: round.hows[&(it, c)],
                });
            }
            made = true;
        }
        made
    }

    /// The items (led by item `i`) and columns that agree: each item's best columns are
    /// the group's columns and each column's best items the group, all clear.
    fn agreed(&self, round: &Round, i: usize) -> Option<(Vec<usize>, Vec<usize>)> {
        let (by_item, by_column) = (&round.by_item, &round.by_column);
        if self.item_taken[i] || !by_item[i].clear() {
            return None;
        }
        let sorted = |s: &Standing| {
            let mut v = s.at_best.clone();
            v.sort_unstable();
            v
        };
        let cols = sorted(&by_item[i]);
        let group = sorted(&by_column[cols[0]]);
        let agreed = group.len() == cols.len()
            && cols
                .iter()
                .all(|&c| by_column[c].clear() && sorted(&by_column[c]) == group)
            && group
                .iter()
                .all(|&g| !self.item_taken[g] && by_item[g].clear() && sorted(&by_item[g]) == cols);
        (agreed && group[0] == i).then_some((group, cols))
    }
}

/// The columns closest to an item's wording, best first, at most `n`: for messages.
pub fn closest(item: &Side, columns: &[Side], n: usize) -> Vec<(usize, f64)> {
    let mut scored: Vec<(usize, f64)> = columns
        .iter()
        .enumerate()
        .filter_map(|(c, column)| {
            let s = item
                .keys
                .iter()
                .flat_map(|a| column.keys.iter().map(move |b| similarity(a, b)))
                .fold(0.0, f64::max);
            (s > 0.0).then_some((c, s))
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.truncate(n);
    scored
}

/// The question columns `keep` lets through, as word sets for comparing wording: their
/// header, and their code as a word of its own.
pub fn sides(
    columns: &[Column],
    words: &mut Words,
    keep: impl Fn(usize) -> bool,
) -> (Vec<usize>, Vec<Side>) {
    let open: Vec<usize> = (0..columns.len())
        .filter(|&c| columns[c].kind == Kind::Question && keep(c))
        .collect();
    let sides = open
        .iter()
        .map(|&c| {
            let col = &columns[c];
            let mut keys = vec![words.set(&col.name)];
            if let Some(row) = grid_row(&col.name) {
                keys.push(words.set(row));
            }
            if let Some(code) = &col.code {
                keys.push(words.set(code));
            }
            Side { index: c, keys }
        })
        .collect();
    (open, sides)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sides(words: &mut Words, texts: &[&str]) -> Vec<Side> {
        texts
            .iter()
            .enumerate()
            .map(|(index, t)| Side {
                index,
                keys: vec![words.set(t)],
            })
            .collect()
    }

    #[test]
    fn a_clear_rewording_pairs_and_an_unclear_one_does_not() {
        let mut w = Words::default();
        let items = sides(
            &mut w,
            &[
                "Build strong and meaningful links with patient leaders",
                "Invest in tailored training for patient leaders",
            ],
        );
        let columns = sides(
            &mut w,
            &[
                "Invest in training for patient leaders",
                "1. Build strong, meaningful links with patient leaders",
            ],
        );
        let p = pair(&items, &columns);
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].item, p[0].column, p[0].how), (0, 1, How::SameWords));
        assert_eq!((p[1].item, p[1].column), (1, 0));
        assert!(matches!(
            p[1].how,
            How::Within {
                column_shorter: true,
                ..
            }
        ));
    }

    #[test]
    fn equal_rivals_pair_in_file_order_and_a_near_tie_pairs_nothing() {
        let mut w = Words::default();
        let items = sides(
            &mut w,
            &["Rate the linchpin role", "Rate the linchpin role"],
        );
        let columns = sides(&mut w, &["Linchpin role, rated", "Linchpin role, rated"]);
        let p = pair(&items, &columns);
        assert_eq!(
            p.iter().map(|p| (p.item, p.column)).collect::<Vec<_>>(),
            [(0, 0), (1, 1)]
        );
        let items = sides(&mut w, &["Patient leaders on the board"]);
        let columns = sides(
            &mut w,
            &[
                "Patient leaders on the trust board",
                "Patient leaders on a board panel",
            ],
        );
        assert!(pair(&items, &columns).is_empty());
    }
}
