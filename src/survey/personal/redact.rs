//! Personal data removed from a free-text answer before anything keeps it: email
//! addresses, phone numbers (UK and international), NHS numbers (ten digits passing the
//! modulus-11 check, spaced or not), UK postcodes, IP addresses, and the values of the
//! respondent's own personal columns (the name they signed with, written again in the
//! comment). Each removal is replaced in place by what it was ("[email removed]") and
//! counted.
//!
//! It uses the detectors that find personal columns (`content`), so a value is personal
//! in a comment exactly when it would make a column personal. Numbers are tried as whole
//! runs of digits and separators and as every run of their space-separated pieces, so a
//! phone number beside a rating ("4 07700 900123") is found, while numbers that are not
//! personal stay: "NHS 111", a ten-digit number failing the NHS check, a date.

use std::net::IpAddr;

use super::Looks;
use super::content::{is_email, is_postcode, number_kind};
use crate::result::Redactions;

/// What a value of the row's own personal columns is, and so what replaces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnKind {
    /// A name column's value: also removed word by word ("Priya" of "Priya Okafor").
    Name,
    /// Any other personal column's value (an id, a custom field).
    Other,
}

/// One of the row's own personal values.
#[derive(Debug, Clone, Copy)]
pub struct Own<'a> {
    pub value: &'a str,
    pub kind: OwnKind,
}

const NAME_REMOVED: &str = "[name removed]";
const PERSONAL_REMOVED: &str = "[personal data removed]";
/// Space-separated pieces of a number tried together: a phone number written digit by
/// digit is at most 15 pieces.
const MAX_PIECES: usize = 16;

/// The text with personal data replaced, and what was removed.
pub fn redact(text: &str, own: &[Own]) -> (String, Redactions) {
    let mut counts = Redactions::default();
    let has_digit = text.bytes().any(|b| b.is_ascii_digit());
    let mut out = if text.contains('@') {
        remove_emails(text, &mut counts)
    } else {
        text.to_string()
    };
    if has_digit || out.contains(':') {
        out = remove_words(&out, &mut counts);
    }
    if has_digit {
        out = remove_numbers(&out, &mut counts);
    }
    // Last, so that the row's own email address is removed as an email address, not
    // word by word as the name it holds.
    if !own.is_empty() {
        out = remove_own(&out, own, &mut counts);
    }
    (out, counts)
}

fn count(counts: &mut Redactions, kind: Looks) {
    match kind {
        Looks::Email => counts.email += 1,
        Looks::Phone => counts.phone += 1,
        Looks::NhsNumber => counts.nhs_number += 1,
        Looks::Postcode => counts.postcode += 1,
        Looks::IpAddress => counts.ip_address += 1,
    }
}

/// The row's own values, whole and (for names) word by word, without case, where they
/// stand as words of the text.
fn remove_own(text: &str, own: &[Own], counts: &mut Redactions) -> String {
    let mut out = text.to_string();
    for o in own {
        let value = o.value.trim();
        if value.chars().count() < 2 {
            continue;
        }
        // Its own email address or phone number is removed as what it is.
        let (mask, kind) = match super::looks_like(value) {
            Some(looks) => (looks.mask(), Some(looks)),
            None if o.kind == OwnKind::Name => (NAME_REMOVED, None),
            None => (PERSONAL_REMOVED, None),
        };
        let mut wanted: Vec<&str> = vec![value];
        if o.kind == OwnKind::Name && kind.is_none() {
            wanted.extend(
                value
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2),
            );
        }
        for w in wanted {
            let n;
            (out, n) = replace_words(&out, w, mask);
            for _ in 0..n {
                match kind {
                    Some(looks) => count(counts, looks),
                    None if o.kind == OwnKind::Name => counts.name += 1,
                    None => counts.personal += 1,
                }
            }
        }
    }
    out
}

/// Replaces `needle` wherever it stands as whole words of `text` (no letter or digit
/// either side), compared without case; says how many times.
fn replace_words(text: &str, needle: &str, with: &str) -> (String, u64) {
    let wanted: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    let Some(&first) = wanted.first() else {
        return (text.to_string(), 0);
    };
    let mut out = String::with_capacity(text.len());
    let mut replaced = 0;
    let mut rest = text;
    let mut before: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        let at_word =
            c.to_lowercase().next() == Some(first) && !before.is_some_and(char::is_alphanumeric);
        let found = at_word
            .then(|| matches_at(rest, &wanted))
            .flatten()
            .filter(|len| {
                !rest[*len..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
            });
        match found {
            Some(len) => {
                out.push_str(with);
                replaced += 1;
                before = rest[..len].chars().last();
                rest = &rest[len..];
            }
            None => {
                out.push(c);
                before = Some(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    (out, replaced)
}

/// The byte length of the start of `text` that reads as `wanted` (lower-cased), if it does.
fn matches_at(text: &str, wanted: &[char]) -> Option<usize> {
    let mut k = 0;
    for (at, c) in text.char_indices() {
        for lower in c.to_lowercase() {
            if wanted.get(k) != Some(&lower) {
                return None;
            }
            k += 1;
        }
        if k == wanted.len() {
            return Some(at + c.len_utf8());
        }
    }
    None
}

/// Email addresses, found from each `@`: the address's characters either side of it.
fn remove_emails(text: &str, counts: &mut Redactions) -> String {
    let local = |c: char| c.is_alphanumeric() || "._%+-'".contains(c);
    let domain = |c: char| c.is_alphanumeric() || ".-".contains(c);
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    let mut search = 0;
    while let Some(found) = text[search..].find('@') {
        let at = search + found;
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| local(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let mut end = text[at + 1..]
            .char_indices()
            .take_while(|(_, c)| domain(*c))
            .last()
            .map_or(at + 1, |(i, c)| at + 1 + i + c.len_utf8());
        while end > at + 1 && text[..end].ends_with(['.', '-']) {
            end -= 1;
        }
        search = at + 1;
        if start >= done && is_email(&text[start..end]) {
            out.push_str(&text[done..start]);
            out.push_str(Looks::Email.mask());
            count(counts, Looks::Email);
            done = end;
            search = end.max(search);
        }
    }
    out.push_str(&text[done..]);
    out
}

/// IP addresses and postcodes, which stand as words (a postcode often as two).
fn remove_words(text: &str, counts: &mut Redactions) -> String {
    let spans = words(text);
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    let mut k = 0;
    while k < spans.len() {
        let (start, end) = spans[k];
        let word = &text[start..end];
        // "LS1 4AP": two words with one space between them.
        if let Some(&(next_start, next_end)) = spans.get(k + 1)
            && &text[end..next_start] == " "
            && is_postcode(&text[start..next_end])
        {
            out.push_str(&text[done..start]);
            out.push_str(Looks::Postcode.mask());
            count(counts, Looks::Postcode);
            done = next_end;
            k += 2;
            continue;
        }
        let kind = if word.contains(['.', ':'])
            && word.bytes().any(|b| b.is_ascii_digit())
            && word.parse::<IpAddr>().is_ok()
        {
            Some(Looks::IpAddress)
        } else if is_postcode(word) {
            Some(Looks::Postcode)
        } else {
            None
        };
        if let Some(kind) = kind {
            out.push_str(&text[done..start]);
            out.push_str(kind.mask());
            count(counts, kind);
            done = end;
        }
        k += 1;
    }
    out.push_str(&text[done..]);
    out
}

/// The words of a text as byte ranges: runs of letters, digits, `.` and `:` (which IP
/// addresses are written with), without a `.` or `:` at either end.
fn words(text: &str) -> Vec<(usize, usize)> {
    let part = |c: char| c.is_alphanumeric() || c == '.' || c == ':';
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, part(c) && i < text.len()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let word = &text[s..i];
                // IPv6 may start with "::"; a sentence's full stop is not part of a word.
                let trimmed_end = s + word.trim_end_matches(['.', ':']).len();
                let lead = word.len() - word.trim_start_matches('.').len();
                if s + lead < trimmed_end {
                    spans.push((s + lead, trimmed_end));
                }
                start = None;
            }
            _ => {}
        }
    }
    spans
}

/// Phone and NHS numbers: each run of digits and the separators they are written with
/// (spaces, dashes, dots between digits, brackets, a leading `+`), tried whole and as
/// every run of its space-separated pieces, longest first from the left.
fn remove_numbers(text: &str, counts: &mut Redactions) -> String {
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for (start, end) in number_runs(text) {
        let pieces = pieces(text, start, end);
        let mut k = 0;
        while k < pieces.len() {
            let (from, _) = pieces[k];
            let first = &text[from..pieces[k].1];
            // A piece glued to a word ("a00AA0 …") starts a number only when it is long
            // enough to be one's start ("tel07700 900123").
            let glued = text[..from].chars().last().is_some_and(char::is_alphabetic);
            let starts =
                first.starts_with(['+', '(']) || first.starts_with(|c: char| c.is_ascii_digit());
            if !starts || (glued && digit_count(first) < 4) {
                k += 1;
                continue;
            }
            let found = (k + 1..=pieces.len().min(k + MAX_PIECES))
                .rev()
                .find_map(|last| {
                    let to = pieces[last - 1].1;
                    number_kind(&text[from..to].replace('.', " ")).map(|kind| (last, to, kind))
                });
            match found {
                Some((last, to, kind)) => {
                    out.push_str(&text[done..from]);
                    out.push_str(kind.mask());
                    count(counts, kind);
                    done = to;
                    k = last;
                }
                None => k += 1,
            }
        }
    }
    out.push_str(&text[done..]);
    out
}

/// The runs of a text that may hold a number: from a digit, `+` or `(` through digits,
/// spaces, dashes, brackets, `+` and dots between digits, ending at a digit or `)`.
fn number_runs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !(b.is_ascii_digit() || b == b'+' || b == b'(') {
            i += 1;
            continue;
        }
        let start = i;
        let mut last = None;
        let mut digits = 0;
        let mut open = false;
        while i < bytes.len() {
            let b = bytes[i];
            let dot_between = b == b'.'
                && i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
            open |= b == b'(';
            if b.is_ascii_digit() {
                digits += 1;
                last = Some(i + 1);
            } else if b == b')' && open {
                // Part of the number ("(0113) 496 0000"), not the bracket around it.
                last = Some(i + 1);
            } else if !(b" -(+".contains(&b) || dot_between) {
                break;
            }
            i += 1;
        }
        if let Some(end) = last
            && digits >= 9
        {
            runs.push((start, end));
        }
    }
    runs
}

fn digit_count(s: &str) -> usize {
    s.bytes().filter(u8::is_ascii_digit).count()
}

/// A run's space-separated pieces, as byte ranges.
fn pieces(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = None;
    for (i, b) in text.as_bytes()[start..end]
        .iter()
        .enumerate()
        .map(|(i, b)| (start + i, *b))
        .chain(std::iter::once((end, b' ')))
    {
        match (from, b == b' ') {
            (None, false) => from = Some(i),
            (Some(f), true) => {
                out.push((f, i));
                from = None;
            }
            _ => {}
        }
    }
    out
}

/// A comment cut to at most `max` characters (at a word where one is near), with how
/// many characters were cut.
pub fn cut(text: &str, max: usize) -> (String, u64) {
    let total = text.chars().count();
    if total <= max {
        return (text.to_string(), 0);
    }
    let end = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let mut kept = &text[..end];
    if let Some(space) = kept.rfind(char::is_whitespace)
        && space * 10 >= end * 9
    {
        kept = &kept[..space];
    }
    let kept = kept.trim_end();
    let cut = total - kept.chars().count();
    (kept.to_string(), cut as u64)
}

#[cfg(test)]
mod tests;
