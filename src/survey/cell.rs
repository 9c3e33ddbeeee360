//! Reading one survey cell on an item's scale: a number on the scale ("3", "3.0"); a
//! label ("Established"); a number with its label or descriptor ("3 - Established",
//! "3 – You initiate regular…", "3. Established"); one of the scale's `aliases` for a
//! point; "N/A", "Not applicable", "Don't know" or the scale's own not-applicable
//! aliases (where the scale allows it); blank. Anything else is rejected with the
//! reason — and an answer that reads like "not applicable" ("Unfamiliar (N/A)") with
//! the assessment key that would let plead read it.
//!
//! Survey answers repeat a handful of strings a million times, so each parser remembers
//! the outcome of the cells it has seen (up to a bound, so memory stays flat whatever
//! the file holds) and most cells cost one hash lookup.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::assessment::Scale;

/// What a cell said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Value(i32),
    NotApplicable,
    Missing,
    Rejected(Reason),
}

/// Why a cell was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A whole number off the scale.
    OffScale(i64),
    /// A number between points.
    NotWhole,
    /// "Not applicable" on a scale that does not allow it.
    NotApplicableNotAllowed,
    /// A number followed by text that is neither its label nor its descriptor.
    LabelDisagrees(i32),
    /// Neither a number, a label nor "not applicable".
    NotARating,
    /// Not a rating, but it reads like a "not applicable" answer the scale does not
    /// list ("Unfamiliar (N/A)", "Not sure").
    LooksNotApplicable,
}

/// More than this many distinct cell texts per item are parsed each time, not remembered.
const MEMO: usize = 1024;

/// Parses the cells of items on one scale.
#[derive(Debug, Clone)]
pub struct CellParser {
    min: i32,
    max: i32,
    not_applicable: bool,
    /// Normalised label → value.
    labels: Vec<(String, i32)>,
    /// Normalised descriptor → value.
    descriptors: Vec<(String, i32)>,
    na_words: Vec<String>,
    memo: HashMap<Box<[u8]>, Cell, BuildHasherDefault<Fx>>,
    /// A short description of what is valid, for messages.
    valid: String,
}

impl CellParser {
    pub fn new(scale: &Scale) -> CellParser {
        let mut na_words: Vec<String> = [
            "n/a",
            "na",
            "not applicable",
            "don't know",
            "dont know",
            "do not know",
            "not applicable / don't know",
        ]
        .iter()
        .map(|w| normalise_cell(w))
        .collect();
        na_words.push(normalise_cell(&scale.not_applicable_label));
        na_words.extend(
            scale
                .not_applicable_aliases
                .iter()
                .map(|a| normalise_cell(a)),
        );
        let labels: Vec<(String, i32)> = scale
            .points
            .iter()
            .flat_map(|p| {
                std::iter::once(&p.label)
                    .chain(&p.aliases)
                    .map(|l| (normalise_cell(l), p.value))
            })
            .collect();
        let mut valid = format!("a number {}–{}", scale.min, scale.max);
        if !scale.points.is_empty() {
            let names: Vec<&str> = scale.points.iter().map(|p| p.label.as_str()).collect();
            valid.push_str(&format!(" or a label ({})", names.join(", ")));
        }
        if scale.not_applicable {
            valid.push_str(", or N/A");
        }
        CellParser {
            min: scale.min,
            max: scale.max,
            not_applicable: scale.not_applicable,
            labels,
            descriptors: scale
                .points
                .iter()
                .filter(|p| !p.descriptor.is_empty())
                .map(|p| (normalise_cell(&p.descriptor), p.value))
                .collect(),
            na_words,
            memo: HashMap::default(),
            valid,
        }
    }

    /// What would be valid, for messages: "a number 0–4 or a label (…), or N/A".
    pub fn valid(&self) -> &str {
        &self.valid
    }

    /// Parses a cell's bytes; `Err` when they are not UTF-8 text.
    pub fn parse_bytes(&mut self, bytes: &[u8]) -> Result<Cell, std::str::Utf8Error> {
        if bytes.is_empty() {
            return Ok(Cell::Missing);
        }
        if let Some(cell) = self.memo.get(bytes) {
            return Ok(*cell);
        }
        let text = std::str::from_utf8(bytes)?;
        let cell = self.parse(text);
        if self.memo.len() < MEMO {
            self.memo.insert(bytes.into(), cell);
        }
        Ok(cell)
    }

    /// Parses a cell's text.
    pub fn parse(&self, text: &str) -> Cell {
        let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if text.is_empty() {
            return Cell::Missing;
        }
        if let Ok(number) = text.parse::<f64>() {
            return self.number(number);
        }
        let words = normalise_cell(text);
        if self.na_words.contains(&words) {
            return if self.not_applicable {
                Cell::NotApplicable
            } else {
                Cell::Rejected(Reason::NotApplicableNotAllowed)
            };
        }
        if let Some(v) = lookup(&self.labels, &words).or_else(|| lookup(&self.descriptors, &words))
        {
            return Cell::Value(v);
        }
        if let Some((number, rest)) = leading_number(text) {
            let cell = self.number(number as f64);
            let Cell::Value(v) = cell else { return cell };
            return if self.agrees(v, rest) {
                Cell::Value(v)
            } else {
                Cell::Rejected(Reason::LabelDisagrees(v))
            };
        }
        if looks_not_applicable(&words) {
            return Cell::Rejected(Reason::LooksNotApplicable);
        }
        Cell::Rejected(Reason::NotARating)
    }

    fn number(&self, number: f64) -> Cell {
        if !number.is_finite() || number.fract() != 0.0 {
            return Cell::Rejected(Reason::NotWhole);
        }
        if number < f64::from(self.min) || number > f64::from(self.max) {
            return Cell::Rejected(Reason::OffScale(number as i64));
        }
        Cell::Value(number as i32)
    }

    /// Whether the text after a number is that point's label or descriptor (or, cut short
    /// with an ellipsis, the start of one).
    fn agrees(&self, value: i32, rest: &str) -> bool {
        let rest = rest.trim();
        let cut = rest.ends_with('…') || rest.ends_with("...");
        let words = normalise_cell(rest.trim_end_matches(['…', '.']));
        if words.is_empty() {
            return true;
        }
        self.labels
            .iter()
            .chain(&self.descriptors)
            .filter(|(_, v)| *v == value)
            .any(|(text, _)| *text == words || (cut && text.starts_with(&words)))
    }

    /// The reason a cell was rejected, in words.
    pub fn explain(&self, reason: Reason, scale: &Scale) -> String {
        match reason {
            Reason::OffScale(n) => {
                format!("{n} is not on the scale {}–{}", self.min, self.max)
            }
            Reason::NotWhole => format!("not a whole point of the scale: give {}", self.valid),
            Reason::NotApplicableNotAllowed => format!(
                "this item cannot be answered \"not applicable\": give a number {}–{}",
                self.min, self.max
            ),
            Reason::LabelDisagrees(v) => format!(
                "the text after {v} is not its label ({:?}) or its descriptor",
                scale.label(v)
            ),
            Reason::NotARating => format!("not a rating: give {}", self.valid),
            Reason::LooksNotApplicable if scale.not_applicable => format!(
                "not a rating, though it reads like \"not applicable\": if that is what it means, list it in the assessment file under the scale's aliases (scale \"{}\": aliases = {{ not_applicable = [\"…\"] }}); otherwise give {}",
                scale.id, self.valid
            ),
            Reason::LooksNotApplicable => format!(
                "not a rating, though it reads like \"not applicable\", which scale \"{}\" does not allow: give a number {}–{} (or allow it in the assessment file with not_applicable = true and aliases = {{ not_applicable = [\"…\"] }})",
                scale.id, self.min, self.max
            ),
        }
    }
}

/// Whether normalised cell words read like a "not applicable" or "don't know" answer.
fn looks_not_applicable(words: &str) -> bool {
    const PHRASES: &[&str] = &[
        "n a",
        "na",
        "not applicable",
        "don t know",
        "dont know",
        "do not know",
        "not sure",
        "unsure",
        "unfamiliar",
        "no opinion",
        "cannot say",
        "can t say",
        "prefer not",
        "not relevant",
        "does not apply",
        "doesn t apply",
    ];
    let padded = format!(" {words} ");
    PHRASES.iter().any(|p| padded.contains(&format!(" {p} ")))
}

fn lookup(table: &[(String, i32)], words: &str) -> Option<i32> {
    table.iter().find(|(t, _)| t == words).map(|(_, v)| *v)
}

/// Cell text compared like a header, but with numbers kept ("N/A" → "n a").
fn normalise_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with(' ') && c != '\'' && c != '’' {
            out.push(' ');
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// "3 - text", "3 – text", "3. text", "3: text", "3) text", "3 text" → (3, "text").
fn leading_number(text: &str) -> Option<(i64, &str)> {
    let digits = text
        .char_indices()
        .take_while(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '-'))
        .count();
    if digits == 0 || (digits == 1 && text.starts_with('-')) {
        return None;
    }
    let number: i64 = text[..digits].parse().ok()?;
    let rest = &text[digits..];
    let after_space = rest.trim_start();
    let rest = match after_space.chars().next() {
        Some(c @ ('-' | '–' | '—' | '.' | ':' | ')' | '=')) => &after_space[c.len_utf8()..],
        Some(_) if after_space.len() < rest.len() => after_space,
        _ => return None,
    };
    Some((number, rest))
}

/// A small fast hash for the memo (FxHash): cell texts are short and not adversarial
/// enough to need SipHash's protection, and this lookup is the inner loop.
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
        for b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(K);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Catalog;

    fn scale(assessment: &str) -> Scale {
        let catalog = Catalog::load(None).unwrap();
        catalog.resolve(assessment).unwrap().assessment.scales[0].clone()
    }

    #[test]
    fn numbers_labels_and_numbered_labels() {
        let s = scale("connection");
        let p = CellParser::new(&s);
        assert_eq!(p.parse("3"), Cell::Value(3));
        assert_eq!(p.parse(" 3.0 "), Cell::Value(3));
        assert_eq!(p.parse("3."), Cell::Value(3));
        assert_eq!(p.parse("regular, systematic CONTACT"), Cell::Value(3));
        assert_eq!(
            p.parse("3 - You initiate regular, systematic contact…"),
            Cell::Value(3)
        );
        assert_eq!(p.parse("3 – Regular, systematic contact"), Cell::Value(3));
        assert_eq!(p.parse("3. Regular, systematic contact"), Cell::Value(3));
        assert_eq!(
            p.parse("You initiate regular, systematic contact with these Patient Leaders."),
            Cell::Value(3)
        );
        assert_eq!(p.parse(""), Cell::Missing);
        assert_eq!(p.parse("   "), Cell::Missing);
    }

    #[test]
    fn every_rejection_reason() {
        let s = scale("connection");
        let p = CellParser::new(&s);
        assert_eq!(p.parse("7"), Cell::Rejected(Reason::OffScale(7)));
        assert_eq!(p.parse("-1"), Cell::Rejected(Reason::OffScale(-1)));
        assert_eq!(p.parse("2.5"), Cell::Rejected(Reason::NotWhole));
        assert_eq!(
            p.parse("N/A"),
            Cell::Rejected(Reason::NotApplicableNotAllowed)
        );
        assert_eq!(
            p.parse("3 - No links at all"),
            Cell::Rejected(Reason::LabelDisagrees(3))
        );
        assert_eq!(p.parse("quite good"), Cell::Rejected(Reason::NotARating));
        assert_eq!(
            p.parse("Unfamiliar (N/A)"),
            Cell::Rejected(Reason::LooksNotApplicable)
        );
        let why = p.explain(Reason::LooksNotApplicable, &s);
        assert!(why.contains("scale \"connection\" does not allow"), "{why}");
        assert!(why.contains("not_applicable = true"), "{why}");
        assert_eq!(
            p.parse("9 - Excellent"),
            Cell::Rejected(Reason::OffScale(9))
        );
        let why = p.explain(Reason::NotARating, &s);
        assert!(
            why.starts_with("not a rating: give a number 0–5 or a label (No links at all"),
            "{why}"
        );
    }

    #[test]
    fn not_applicable_where_the_scale_allows_it() {
        let s = scale("building-blocks");
        let p = CellParser::new(&s);
        for na in [
            "N/A",
            "n/a",
            "NA",
            "Not applicable",
            "Don't know",
            "don’t know",
            "Not applicable / don't know",
        ] {
            assert_eq!(p.parse(na), Cell::NotApplicable, "{na}");
        }
        assert_eq!(p.parse("Established"), Cell::Value(3));
        assert_eq!(p.parse("planned/early"), Cell::Value(1));
    }

    #[test]
    fn remembered_cells_give_the_same_answer_and_bad_bytes_are_refused() {
        let s = scale("building-blocks");
        let mut p = CellParser::new(&s);
        assert_eq!(p.parse_bytes(b"Established"), Ok(Cell::Value(3)));
        assert_eq!(p.parse_bytes(b"Established"), Ok(Cell::Value(3)));
        assert!(p.parse_bytes(b"Caf\xe9").is_err());
    }
}
