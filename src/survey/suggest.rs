//! Messages a person can act on when a column is in doubt: each candidate with its
//! column letter, its code where the file has one and the part of its text that tells it
//! apart from the others, and the exact options to paste (`--map ITEM=REF`).

use super::approximate::{Side, Words, closest};
use super::headers::Matching;
use super::layout::{Column, Kind, Layout, letter};
use super::reference::{Wanted, candidates};
use super::reworded::item_side;
use crate::assessment::{Assessment, Item};

/// Candidates listed in a message; more are counted.
const LISTED: usize = 10;
/// A candidate's header shown whole up to this many characters.
const SHOWN: usize = 100;
/// A header in the list of all columns, up to this many characters.
const LISTED_CHARS: usize = 70;

/// A word for a shell command line: as it is when that is safe, else in single quotes.
pub fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.,:/@%+=-".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// The shortest sure way to name a column: its code, its header (when short and
/// unique), its letter, or its number — whichever names it alone.
pub fn reference(columns: &[Column], c: usize) -> String {
    let col = &columns[c];
    let unique = |r: &str| candidates(columns, r) == [c];
    if let Some(code) = col.code.as_deref().filter(|r| unique(r)) {
        return code.to_string();
    }
    if col.name.chars().count() <= 40 && !col.name.starts_with("(column ") && unique(&col.name) {
        return col.name.clone();
    }
    let l = letter(c);
    if unique(&l) { l } else { format!("#{}", c + 1) }
}

/// One line per candidate: `  column D (Q29_1): "…this year…"`.
pub fn listing(columns: &[Column], which: &[usize]) -> String {
    let names: Vec<&str> = which.iter().map(|&c| columns[c].name.as_str()).collect();
    let shown = distinguishing(&names);
    let mut lines: Vec<String> = which
        .iter()
        .zip(shown)
        .take(LISTED)
        .map(|(&c, text)| {
            let col = &columns[c];
            let code = col
                .code
                .as_deref()
                .map(|k| format!(" ({k})"))
                .unwrap_or_default();
            let personal = if col.kind == Kind::Personal {
                " — a personal column, never read"
            } else {
                ""
            };
            format!("  column {}{code}: {text}{personal}", letter(c))
        })
        .collect();
    if which.len() > LISTED {
        lines.push(format!("  … and {} more", which.len() - LISTED));
    }
    lines.join("\n")
}

/// The options to paste, one per candidate (personal columns left out: they are never read).
pub fn options(columns: &[Column], which: &[usize], wanted: Wanted) -> String {
    which
        .iter()
        .filter(|&&c| columns[c].kind != Kind::Personal)
        .take(LISTED)
        .map(|&c| format!("  {}", wanted.option(&reference(columns, c))))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Each text as shown among the others: whole when short; otherwise the words they
/// share at the start and the end are cut to "…", so what differs shows.
pub fn distinguishing(texts: &[&str]) -> Vec<String> {
    let words: Vec<Vec<&str>> = texts
        .iter()
        .map(|t| t.split_whitespace().collect())
        .collect();
    let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
    let several = words.len() > 1;
    let mut prefix = 0;
    while several && prefix < shortest && words.iter().all(|w| w[prefix] == words[0][prefix]) {
        prefix += 1;
    }
    let back = |w: &Vec<&str>, k: usize| w[w.len() - 1 - k].to_string();
    let mut suffix = 0;
    while several
        && suffix < shortest - prefix
        && words
            .iter()
            .all(|w| back(w, suffix) == back(&words[0], suffix))
    {
        suffix += 1;
    }
    texts
        .iter()
        .zip(&words)
        .enumerate()
        .map(|(k, (text, w))| {
            let twin = texts.iter().enumerate().any(|(j, t)| j != k && t == text);
            let same = if twin { " (the same header)" } else { "" };
            if text.chars().count() <= SHOWN || prefix + suffix == w.len() {
                return format!("{:?}{same}", cut(text));
            }
            // Keep a word of context either side of what differs.
            let from = prefix.saturating_sub(1);
            let to = (w.len() - suffix + 1).min(w.len());
            let middle = cut(&w[from..to].join(" "));
            let shown = format!(
                "{}{middle}{}",
                if from > 0 { "…" } else { "" },
                if to < w.len() { "…" } else { "" }
            );
            // Quoted as Rust quotes: a header's control characters never reach the terminal raw.
            format!("{shown:?}")
        })
        .collect()
}

fn cut(s: &str) -> String {
    cut_to(s, SHOWN)
}

fn cut_to(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let head: String = s.chars().take(n - 1).collect();
        format!("{head}…")
    }
}

/// The question columns closest in wording to a text (a reference or an item's text),
/// best first.
pub fn closest_columns(columns: &[Column], text: &str, n: usize) -> Vec<usize> {
    let mut words = Words::default();
    let wanted = Side {
        index: 0,
        keys: vec![words.set(text)],
    };
    let (open, sides) = sides(columns, &mut words, |_| true);
    closest(&wanted, &sides, n)
        .into_iter()
        .map(|(s, _)| open[s])
        .collect()
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
            if let Some(row) = super::headers::grid_row(&col.name) {
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

/// A short list of the file's question columns, each with its letter: `D "Role", …`.
pub fn brief_list(columns: &[Column]) -> String {
    let open: Vec<String> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == Kind::Question)
        .map(|(i, c)| format!("{} {:?}", letter(i), cut_to(&c.name, LISTED_CHARS)))
        .collect();
    let mut out = open.iter().take(40).cloned().collect::<Vec<_>>().join(", ");
    if open.len() > 40 {
        out.push_str(&format!(" and {} more", open.len() - 40));
    }
    out
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_differs_shows_in_long_headers() {
        let a = "Thinking about the last twelve months, how far would you say the trust has put patient leaders at the heart of its decision-making (last year)";
        let b = "Thinking about the last twelve months, how far would you say the trust has put patient leaders at the heart of its decision-making (this year)";
        let shown = distinguishing(&[a, b]);
        assert_eq!(
            shown,
            [
                "\"…decision-making (last year)\"",
                "\"…decision-making (this year)\""
            ]
        );
        assert_eq!(
            distinguishing(&["Role", "Role", "Your role"]),
            [
                "\"Role\" (the same header)",
                "\"Role\" (the same header)",
                "\"Your role\""
            ]
        );
        let same = distinguishing(&[a, a]);
        assert!(same[0].ends_with("(the same header)"), "{same:?}");
    }

    #[test]
    fn words_for_the_shell() {
        assert_eq!(shell_word("Q29_1"), "Q29_1");
        assert_eq!(shell_word("#12"), "'#12'");
        assert_eq!(shell_word("Your role"), "'Your role'");
        assert_eq!(shell_word("Trust's view"), "'Trust'\\''s view'");
    }
}
