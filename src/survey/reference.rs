//! A column named on the command line (`--map ITEM=COLUMN`, `--group-by COLUMN`): its
//! header text, a question code or ImportId from any header row the layout has
//! (Qualtrics' `Q14_1` or `QID14_1`), a spreadsheet column letter (`AB`) or a 1-based
//! column number (`#12`). A reference names exactly one column or is an error listing
//! the candidates: it is never matched loosely (a normalised `Q29_1` and `Q14_1` would
//! both be "1", and the first would win).

use super::headers::{MatchedBy, Matching};
use super::layout::{Column, letter};
use super::suggest;
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
        let word = suggest::shell_word(reference);
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
            suggest::listing(columns, several),
            suggest::options(columns, several, wanted)
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
        closest = suggest::closest_columns(columns, r, 5);
    }
    if closest.is_empty() {
        message.push_str(&format!(
            "\nThe file's columns: {}",
            suggest::brief_list(columns)
        ));
    } else {
        message.push_str(&format!(
            "\nThe closest columns:\n{}\nTo read one of them:\n{}",
            suggest::listing(columns, &closest),
            suggest::options(columns, &closest, wanted)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::layout::Kind;

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
}
