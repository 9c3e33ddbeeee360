//! Turning a survey file's bytes into UTF-8 text, and finding its delimiter.
//!
//! Encodings: a byte-order mark decides (UTF-8, UTF-16 LE or BE); without one, a file
//! whose first 64 KiB are UTF-8 is read as UTF-8, and one that is not is read as
//! Windows-1252 (what Excel on Windows writes for plain "CSV") and said so. A UTF-8 file
//! that stops being UTF-8 later is not decoded silently: the cell is refused with its
//! row and column (see `mod.rs`). UTF-8 passes through untouched, so the common case
//! costs nothing.

use std::fmt;
use std::io::{self, Cursor, Read};

use encoding_rs_io::DecodeReaderBytesBuilder;

/// How many bytes are looked at to guess the encoding and the delimiter.
const SNIFF: usize = 64 * 1024;

/// A text encoding a survey file may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(name = "utf-16le", alias = "utf16le")]
    Utf16Le,
    #[value(name = "utf-16be", alias = "utf16be")]
    Utf16Be,
    #[value(name = "windows-1252", alias = "cp1252", alias = "latin1")]
    Windows1252,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
        })
    }
}

/// A reader of UTF-8 text, and what was found out on the way.
pub struct Decoded {
    pub reader: Box<dyn Read>,
    pub encoding: Encoding,
    /// Whether the encoding was guessed (no byte-order mark, no `--encoding`).
    pub guessed: bool,
}

/// Reads up to `limit` bytes (fewer only at the end of the input).
pub fn head(reader: &mut dyn Read, limit: usize) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(limit.min(SNIFF));
    reader.take(limit as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// Wraps raw bytes (whose first bytes, `start`, were already read) into UTF-8 text.
pub fn decode(
    start: Vec<u8>,
    rest: Box<dyn Read>,
    forced: Option<Encoding>,
) -> Result<Decoded, String> {
    let bom = if start.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Some(Encoding::Utf8)
    } else if start.starts_with(&[0xFF, 0xFE]) {
        Some(Encoding::Utf16Le)
    } else if start.starts_with(&[0xFE, 0xFF]) {
        Some(Encoding::Utf16Be)
    } else {
        None
    };
    let (encoding, guessed) = match (bom, forced) {
        (Some(bom), _) => (bom, false),
        (None, Some(forced)) => (forced, false),
        (None, None) => (guess(&start)?, true),
    };
    let skip = match bom {
        Some(Encoding::Utf8) => 3,
        Some(_) => 2,
        None => 0,
    };
    let raw: Box<dyn Read> = Box::new(Cursor::new(start).chain(rest));
    let reader: Box<dyn Read> = match encoding {
        Encoding::Utf8 => {
            let mut raw = raw;
            io::copy(&mut (&mut raw).take(skip), &mut io::sink()).map_err(|e| e.to_string())?;
            raw
        }
        other => Box::new(
            DecodeReaderBytesBuilder::new()
                .encoding(Some(match other {
                    Encoding::Utf16Le => encoding_rs::UTF_16LE,
                    Encoding::Utf16Be => encoding_rs::UTF_16BE,
                    _ => encoding_rs::WINDOWS_1252,
                }))
                .bom_override(true)
                .strip_bom(true)
                .build(raw),
        ),
    };
    Ok(Decoded {
        reader,
        encoding,
        guessed,
    })
}

/// The encoding of text without a byte-order mark.
fn guess(start: &[u8]) -> Result<Encoding, String> {
    // UTF-16 text of mostly ASCII has a zero in every other byte.
    let zeros = |parity: usize| {
        start
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let half = start.len() / 2;
    if half >= 4 && (zeros(0) * 3 > half || zeros(1) * 3 > half) {
        let which = if zeros(1) > zeros(0) {
            "utf-16le"
        } else {
            "utf-16be"
        };
        return Err(format!(
            "this looks like UTF-16 text without a byte-order mark: add --encoding {which} \
             (or save the file as UTF-8)"
        ));
    }
    match std::str::from_utf8(start) {
        Ok(_) => Ok(Encoding::Utf8),
        // Cut off mid-character at the end of the sample: still UTF-8.
        Err(e) if e.error_len().is_none() => Ok(Encoding::Utf8),
        Err(_) => Ok(Encoding::Windows1252),
    }
}

/// The delimiter, from a `sep=X` first line (Excel's hint) or by counting candidates
/// outside quotes on the first line. Returns the delimiter and whether a `sep=` line
/// was found (and so must be skipped).
pub fn delimiter(text_start: &[u8]) -> (u8, bool) {
    let first_line = first_line(text_start);
    let trimmed = first_line.trim_ascii();
    if trimmed.len() == 5 && trimmed[..4].eq_ignore_ascii_case(b"sep=") {
        return (trimmed[4], true);
    }
    let mut counts = [0usize; 4];
    let candidates = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for b in first_line {
        if *b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(i) = candidates.iter().position(|c| c == b) {
            counts[i] += 1;
        }
    }
    let best = (0..4).max_by_key(|i| (counts[*i], 3 - *i)).unwrap_or(0);
    (
        if counts[best] == 0 {
            b','
        } else {
            candidates[best]
        },
        false,
    )
}

/// The first line, without its line ending; a header line may hold quoted line breaks,
/// which are followed.
fn first_line(text: &[u8]) -> &[u8] {
    let mut quoted = false;
    for (i, b) in text.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => return &text[..i],
            _ => {}
        }
    }
    text
}

/// A named delimiter: one character, or `tab`, `comma`, `semicolon`, `pipe`.
pub fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        "comma" => Ok(b','),
        "semicolon" => Ok(b';'),
        "pipe" => Ok(b'|'),
        s if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => Err(format!(
            "{s:?} is not a delimiter: give one character such as , or ; or the word tab"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8], forced: Option<Encoding>) -> (String, Encoding, bool) {
        let mut input: Box<dyn Read> = Box::new(Cursor::new(bytes.to_vec()));
        let start = head(&mut input, 8).unwrap();
        let mut d = decode(start, input, forced).unwrap();
        let mut text = String::new();
        d.reader.read_to_string(&mut text).unwrap();
        (text, d.encoding, d.guessed)
    }

    #[test]
    fn a_bom_decides_and_is_dropped() {
        assert_eq!(
            read_all(b"\xEF\xBB\xBFa,b\n", None),
            ("a,b\n".into(), Encoding::Utf8, false)
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("é,b\n".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(
            read_all(&utf16, None),
            ("é,b\n".into(), Encoding::Utf16Le, false)
        );
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("x;y\r\n".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(read_all(&utf16be, None).0, "x;y\r\n");
    }

    #[test]
    fn windows_1252_is_recognised_when_the_text_is_not_utf8() {
        assert_eq!(
            read_all(b"Don\x92t know,caf\xe9\n", None),
            ("Don’t know,café\n".into(), Encoding::Windows1252, true)
        );
        assert_eq!(read_all(b"plain ascii\n", None).1, Encoding::Utf8);
    }

    #[test]
    fn utf16_without_a_bom_is_refused_with_the_fix() {
        let bytes: Vec<u8> = "ab,cd\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let mut input: Box<dyn Read> = Box::new(Cursor::new(bytes.clone()));
        let start = head(&mut input, 64).unwrap();
        let err = decode(start, input, None).err().unwrap();
        assert!(err.contains("--encoding utf-16le"), "{err}");
    }

    #[test]
    fn delimiters_are_found() {
        assert_eq!(delimiter(b"a,b,c\n1,2,3"), (b',', false));
        assert_eq!(delimiter(b"a;b;\"c,d,e\"\n"), (b';', false));
        assert_eq!(delimiter(b"a\tb\tc\r\n"), (b'\t', false));
        assert_eq!(delimiter(b"sep=;\r\na;b\r\n"), (b';', true));
        assert_eq!(delimiter(b"single\n"), (b',', false));
        assert_eq!(parse_delimiter("tab"), Ok(b'\t'));
        assert!(parse_delimiter("ab").is_err());
    }
}
