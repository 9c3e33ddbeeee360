//! Problems found in a file a person wrote, each with its line and column, reported
//! together as `file:line:column: message` so every one can be fixed in one pass.

use std::fmt;
use std::ops::Range;

/// One problem at a place in a text file (line and column count from 1; columns count
/// characters, not bytes). Line 0 means the problem is with the whole file (it cannot be
/// read), so no place is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Problem {
    /// A problem at a byte offset of `text`.
    pub fn at(text: &str, offset: usize, message: impl Into<String>) -> Problem {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Problem {
            line,
            column,
            message: message.into(),
        }
    }

    /// A problem with the whole file, such as one that cannot be read.
    pub fn whole_file(message: impl Into<String>) -> Problem {
        Problem {
            line: 0,
            column: 0,
            message: message.into(),
        }
    }

    /// A problem at the start of a span (as TOML's `Spanned` gives them).
    pub fn at_span(text: &str, span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem::at(text, span.start, message)
    }

    /// A TOML parse or type error, at the place the parser reports, in words a person
    /// writing the file understands (`a whole number`, not `i32`).
    pub fn from_toml(text: &str, error: &toml::de::Error) -> Problem {
        let span = error.span().unwrap_or(0..0);
        let mut message = plain_words(error.message().trim()).replace('\n', " ");
        if message == "duplicate key" {
            let key = text.get(span.clone()).unwrap_or("").trim();
            if !key.is_empty() && !key.contains('\n') {
                message = format!("duplicate key `{key}`: a key or table may be given only once");
            }
        }
        Problem::at(text, span.start, message)
    }
}

/// The parser's Rust type names in plain words.
fn plain_words(message: &str) -> String {
    const WORDS: [(&str, &str); 12] = [
        ("expected i8", "expected a whole number"),
        ("expected i16", "expected a whole number"),
        ("expected i32", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected u8", "expected a whole number of 0 or more"),
        ("expected u16", "expected a whole number of 0 or more"),
        ("expected u32", "expected a whole number of 0 or more"),
        ("expected u64", "expected a whole number of 0 or more"),
        ("expected usize", "expected a whole number of 0 or more"),
        ("expected f32", "expected a number"),
        ("expected f64", "expected a number"),
        ("expected a map", "expected a table"),
    ];
    let mut out = message.to_string();
    for (from, to) in WORDS {
        if let Some(rest) = out.strip_suffix(from) {
            out = format!("{rest}{to}");
        }
    }
    out
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Decodes a file as UTF-8, or says where it stops being UTF-8.
pub fn utf8(bytes: &[u8]) -> Result<&str, Problem> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let text = std::str::from_utf8(valid).expect("valid up to here");
        Problem::at(
            text,
            text.len(),
            "the file is not UTF-8 text (save it as UTF-8 and try again)",
        )
    })
}

/// Every problem found in one file. As an error, it lists them all.
#[derive(Debug, Clone)]
pub struct Problems {
    pub file: String,
    pub problems: Vec<Problem>,
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            if p.line == 0 {
                write!(f, "{}: {}", self.file, p.message)?;
            } else {
                write!(f, "{}:{}:{}: {}", self.file, p.line, p.column, p.message)?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "a = 1\nb = \"é\" x";
        let p = Problem::at(text, text.find('x').unwrap(), "m");
        // "é" is two bytes but one character: counting bytes would say 10.
        assert_eq!((p.line, p.column), (2, 9));
    }

    #[test]
    fn parser_type_names_become_plain_words() {
        let text = "n = \"x\"\n";
        #[derive(Debug, serde::Deserialize)]
        struct T {
            #[allow(dead_code)]
            n: i32,
        }
        let e = toml::from_str::<T>(text).unwrap_err();
        let p = Problem::from_toml(text, &e);
        assert_eq!(
            (p.line, p.column, p.message.as_str()),
            (1, 5, "invalid type: string \"x\", expected a whole number")
        );
    }

    #[test]
    fn a_duplicate_key_is_named() {
        let text = "a = 1\na = 2\n";
        let e = toml::from_str::<toml::Table>(text).unwrap_err();
        let p = Problem::from_toml(text, &e);
        assert_eq!(
            (p.line, p.column, p.message.as_str()),
            (
                2,
                1,
                "duplicate key `a`: a key or table may be given only once"
            )
        );
    }

    #[test]
    fn invalid_utf8_is_located() {
        let p = utf8(b"ok\nab\xffc").unwrap_err();
        assert_eq!((p.line, p.column), (2, 3));
    }
}
