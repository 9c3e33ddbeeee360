//! A column named on the command line (`--map ITEM=COLUMN`, `--group-by COLUMN`): its
//! header text, a question code or ImportId from any header row the layout has
//! (Qualtrics' `Q14_1` or `QID14_1`), a spreadsheet column letter (`AB`) or a 1-based
//! column number (`#12`). A reference names exactly one column or is an error listing
//! the candidates: it is never matched loosely (a normalised `Q29_1` and `Q14_1` would
//! both be "1", and the first would win). The other way round, messages name a column
//! by the shortest reference that names it alone, and list candidates so a person can
//! tell them apart.

use super::approximate::{Side, Words, closest, sides};
use super::column::{Column, Kind, letter};
use super::matching::{MatchedBy, Matching};
use crate::assessment::Assessment;

/// What the reference is for, so messages can print the exact option to paste.
#[derive(Debug, Clone, Copy)]
pub enum Wanted<'a> {
    /// `--map ITEM=COLUMN`.
    Map(&'a str),
    /// `--group-by COLUMN`.
    GroupBy,
}

impl Wanted<'_> {
    /// The option as written with a reference, e.g. `--map decision-making=Q29_1`.
    pub fn option(&self, reference: &str) -> String {
        let word = shell_word(reference);
        match self {
            Wanted::Map(item) => format!("--map {item}={word}"),
            Wanted::GroupBy => format!("--group-by {word}"),
        }
    }
}

/// A reference that names no column, or more than one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ReferenceError(pub String);

/// The columns a reference names: by number, by letter, by exact text (header, code,
/// ImportId), and only if no text is exactly it, by text ignoring case and runs of
/// spaces. Distinct, in file order.
pub fn candidates(columns: &[Column], reference: &str) -> Vec<usize> {
    let r = reference.trim();
    if let Some(n) = number(r) {
        return (n >= 1 && n <= columns.len())
            .then_some(n - 1)
            .into_iter()
            .collect();
    }
    let mut found: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.texts().any(|t| t == r))
        .map(|(i, _)| i)
        .collect();
    if found.is_empty() {
        let wanted = squashed(r);
        found = columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.texts().any(|t| squashed(t) == wanted))
            .map(|(i, _)| i)
            .collect();
    }
    if let Some(i) = letter_index(r)
        && i < columns.len()
        && !found.contains(&i)
    {
        found.push(i);
        found.sort_unstable();
    }
    found
}

/// Resolves a reference to one column.
pub fn resolve(
    columns: &[Column],
    reference: &str,
    wanted: Wanted,
) -> Result<usize, ReferenceError> {
    let found = candidates(columns, reference);
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err(ReferenceError(no_such_column(columns, reference, wanted))),
        several => Err(ReferenceError(format!(
            "{}: {} columns answer to {:?}:\n{}\nSay which with one of:\n{}",
            wanted.option(reference),
            several.len(),
            reference.trim(),
            listing(columns, several),
            options(columns, several, wanted)
        ))),
    }
}

fn no_such_column(columns: &[Column], reference: &str, wanted: Wanted) -> String {
    let r = reference.trim();
    let mut message = if let Some(n) = number(r) {
        format!(
            "{}: there is no column {n}: the file has {} columns (#1 to #{})",
            wanted.option(reference),
            columns.len(),
            columns.len()
        )
    } else if letter_index(r).is_some() {
        format!(
            "{}: there is no column {r} and no header {r:?}: the file's columns run from A to {}",
            wanted.option(reference),
            letter(columns.len().saturating_sub(1))
        )
    } else {
        format!(
            "{}: no column is {r:?} — a reference is a header exactly as the file has it, a question code (Qualtrics' Q3, QID3), a column letter (AB) or a number (#12)",
            wanted.option(reference),
        )
    };
    // "Q29" for a grid's Q29_1, Q29_2…: the columns whose code it begins.
    let lower = r.to_lowercase();
    let mut closest: Vec<usize> = (0..columns.len())
        .filter(|&c| {
            columns[c]
                .code
                .iter()
                .chain(&columns[c].import_id)
                .any(|k| k.to_lowercase().starts_with(&format!("{lower}_")))
        })
        .collect();
    if closest.is_empty() {
        closest = closest_columns(columns, r, 5);
    }
    if closest.is_empty() {
        message.push_str(&format!("\nThe file's columns: {}", brief_list(columns)));
    } else {
        message.push_str(&format!(
            "\nThe closest columns:\n{}\nTo read one of them:\n{}",
            listing(columns, &closest),
            options(columns, &closest, wanted)
        ));
    }
    message
}

/// A `--group-by` column that a reworded question's item also took: a column is one or
/// the other, and which is for the analyst to say.
pub fn group_taken_by_wording(
    assessment: &Assessment,
    columns: &[Column],
    matching: &Matching,
    group: Option<usize>,
) -> Option<String> {
    let g = group?;
    let k = matching
        .items
        .iter()
        .position(|m| *m == Some((g, MatchedBy::Wording)))?;
    Some(format!(
        "column {} ({:?}) is the --group-by column, and item {:?} was matched to it by its wording: give the item its own column with --map {}=COLUMN, or add --strict-columns",
        letter(g),
        columns[g].name,
        assessment.items[k].id,
        assessment.items[k].id
    ))
}

/// `#12` → 12.
fn number(r: &str) -> Option<usize> {
    let digits = r.strip_prefix('#')?.trim();
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| digits.parse().unwrap_or(usize::MAX))
}

/// `AB` → 27: one to three capital letters.
pub fn letter_index(r: &str) -> Option<usize> {
    if r.is_empty() || r.len() > 3 || !r.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let n = r
        .bytes()
        .fold(0usize, |n, b| n * 26 + usize::from(b - b'A' + 1));
    Some(n - 1)
}

/// Lower case, runs of whitespace as one space.
fn squashed(s: &str) -> String {
    s.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Candidates listed in a message; more are counted.
const LISTED: usize = 10;
/// A candidate's header shown whole up to this many characters.
const SHOWN: usize = 100;
/// A header in the list of all columns, up to this many characters.
pub(super) const LISTED_CHARS: usize = 70;

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

pub(super) fn cut_to(s: &str, n: usize) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::column::Kind;

    fn qualtrics() -> Vec<Column> {
        let mut cols = vec![Column::named("Response ID", Kind::Metadata)];
        for (year, q) in [("last year", 14), ("this year", 29)] {
            for row in 1..=2 {
                let mut c =
                    Column::named(format!("Rate each ({year}) - Block {row}"), Kind::Question);
                c.code = Some(format!("Q{q}_{row}"));
                c.import_id = Some(format!("QID{q}_{row}"));
                cols.push(c);
            }
        }
        cols.push(Column::named("Role", Kind::Question));
        cols.push(Column::named("Role", Kind::Question));
        cols
    }

    #[test]
    fn letters_and_numbers() {
        assert_eq!(letter_index("A"), Some(0));
        assert_eq!(letter_index("Z"), Some(25));
        assert_eq!(letter_index("AB"), Some(27));
        assert_eq!(letter_index("Ab"), None);
        assert_eq!(letter(27), "AB");
        assert_eq!(letter(702), "AAA");
        for i in [0, 25, 26, 51, 52, 701, 702, 16383] {
            assert_eq!(letter_index(&letter(i)), Some(i));
        }
        assert_eq!(number("#12"), Some(12));
        assert_eq!(number("#"), None);
        assert_eq!(number("12"), None);
    }

    #[test]
    fn every_form_names_one_column() {
        let cols = qualtrics();
        let one = |r: &str| resolve(&cols, r, Wanted::Map("x"));
        assert_eq!(one("Q29_1"), Ok(3));
        assert_eq!(one("Q14_1"), Ok(1));
        assert_eq!(one("QID29_2"), Ok(4));
        assert_eq!(one("Rate each (this year) - Block 1"), Ok(3));
        assert_eq!(one("rate each (THIS year)  - block 1"), Ok(3));
        assert_eq!(one("D"), Ok(3));
        assert_eq!(one("#4"), Ok(3));
        assert!(one("Q29").is_err());
        assert!(one("1").is_err());
        assert!(one("#9").unwrap_err().0.contains("the file has 7 columns"));
    }

    #[test]
    fn a_header_twice_is_refused_naming_both_columns() {
        let cols = qualtrics();
        let e = resolve(&cols, "Role", Wanted::GroupBy).unwrap_err().0;
        assert!(e.contains("2 columns answer to \"Role\""), "{e}");
        assert!(e.contains("column F") && e.contains("column G"), "{e}");
        assert!(
            e.contains("--group-by F") && e.contains("--group-by G"),
            "{e}"
        );
    }

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
