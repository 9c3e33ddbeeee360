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

use std::borrow::Cow;
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

/// The text with personal data replaced, and what was removed. The text itself, not a
/// copy, when nothing was (most comments hold none): a survey of a million rows redacts
/// a million comments.
pub fn redact<'a>(text: &'a str, own: &[Own]) -> (Cow<'a, str>, Redactions) {
    let mut counts = Redactions::default();
    let mut out = Cow::Borrowed(text);
    if text.contains('@')
        && let Some(changed) = remove_emails(&out, &mut counts)
    {
        out = Cow::Owned(changed);
    }
    // One look at every byte: digits (numbers, postcodes, IPv4) and colons (IPv6).
    let (digits, colon) = out.bytes().fold((0usize, false), |(d, c), b| {
        (d + usize::from(b.is_ascii_digit()), c | (b == b':'))
    });
    if (digits > 0 || colon)
        && let Some(changed) = remove_words(&out, &mut counts)
    {
        out = Cow::Owned(changed);
    }
    // A phone or NHS number has at least nine digits.
    if digits >= 9
        && let Some(changed) = remove_numbers(&out, &mut counts)
    {
        out = Cow::Owned(changed);
    }
    // Last, so that the row's own email address is removed as an email address, not
    // word by word as the name it holds.
    if !own.is_empty()
        && let Some(changed) = remove_own(&out, own, &mut counts)
    {
        out = Cow::Owned(changed);
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
fn remove_own(text: &str, own: &[Own], counts: &mut Redactions) -> Option<String> {
    let mut out: Option<String> = None;
    // The text lower-cased (ASCII only), to look for each value in quickly; made again
    // after a value is removed.
    let mut lowered: Option<String> = None;
    for o in own {
        let value = o.value.trim();
        if value.chars().nth(1).is_none() {
            continue;
        }
        // An email address of the row's own is gone already if the text has no `@` left.
        if value.contains('@') && !out.as_deref().unwrap_or(text).contains('@') {
            continue;
        }
        let words = value
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
            .filter(|_| o.kind == OwnKind::Name);
        let wanted = std::iter::once(value).chain(words);
        // Most comments hold none of a row's own values: a quick look first, so the
        // value is classified and the text rebuilt only where one is.
        let current = |out: &Option<String>| out.as_deref().unwrap_or(text).to_string();
        let mut kind = None;
        for (k, w) in wanted.enumerate() {
            let lower =
                lowered.get_or_insert_with(|| out.as_deref().unwrap_or(text).to_ascii_lowercase());
            if !may_contain(lower, w) {
                continue;
            }
            // Its own email address or phone number is removed as what it is (and a
            // name that looks like one is not taken apart).
            let looks = *kind.get_or_insert_with(|| super::looks_like(value));
            if k > 0 && looks.is_some() {
                break;
            }
            let mask = match looks {
                Some(looks) => looks.mask(),
                None if o.kind == OwnKind::Name => NAME_REMOVED,
                None => PERSONAL_REMOVED,
            };
            let (changed, n) = replace_words(&current(&out), w, mask);
            if n == 0 {
                continue;
            }
            out = Some(changed);
            lowered = None;
            for _ in 0..n {
                match looks {
                    Some(looks) => count(counts, looks),
                    None if o.kind == OwnKind::Name => counts.name += 1,
                    None => counts.personal += 1,
                }
            }
        }
    }
    out
}

/// Whether a text may hold `needle` without case, given the text ASCII-lower-cased:
/// false only when it surely does not (a needle with other than ASCII in it is assumed
/// to be there, and looked for properly).
fn may_contain(lowered: &str, needle: &str) -> bool {
    if !needle.is_ascii() {
        return true;
    }
    if needle.bytes().any(|b| b.is_ascii_uppercase()) {
        lowered.contains(&needle.to_ascii_lowercase())
    } else {
        lowered.contains(needle)
    }
}

/// Replaces `needle` wherever it stands as whole words of `text` (no letter or digit
/// either side), compared without case; says how many times.
fn replace_words(text: &str, needle: &str, with: &str) -> (String, u64) {
    if needle.is_ascii() {
        return replace_ascii_words(text, needle, with);
    }
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

/// `replace_words` for an ASCII needle: its matches found in the text lower-cased (which
/// keeps every byte where it was), each replaced where it stands as whole words.
fn replace_ascii_words(text: &str, needle: &str, with: &str) -> (String, u64) {
    let lowered = text.to_ascii_lowercase();
    let wanted = needle.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    let mut replaced = 0;
    for (at, _) in lowered.match_indices(&wanted) {
        let end = at + wanted.len();
        let alone = at >= done
            && !text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            && !text[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        if alone {
            out.push_str(&text[done..at]);
            out.push_str(with);
            replaced += 1;
            done = end;
        }
    }
    out.push_str(&text[done..]);
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
fn remove_emails(text: &str, counts: &mut Redactions) -> Option<String> {
    let local = |c: char| c.is_alphanumeric() || "._%+-'".contains(c);
    let domain = |c: char| c.is_alphanumeric() || ".-".contains(c);
    let mut out = String::new();
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
    if done == 0 {
        return None;
    }
    out.push_str(&text[done..]);
    Some(out)
}

/// IP addresses and postcodes, which stand as words (a postcode often as two).
fn remove_words(text: &str, counts: &mut Redactions) -> Option<String> {
    let spans = words(text);
    let mut out = String::new();
    let mut done = 0;
    let mut k = 0;
    while k < spans.len() {
        let (start, end) = spans[k];
        let word = &text[start..end];
        // "LS1 4AP": two words with one space between them.
        if let Some(&(next_start, next_end)) = spans.get(k + 1)
            && could_be_outward(word)
            && next_end - next_start == 3
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
        let digits = word.bytes().any(|b| b.is_ascii_digit());
        let kind = if digits && word.contains(['.', ':']) && word.parse::<IpAddr>().is_ok() {
            Some(Looks::IpAddress)
        } else if digits && (5..=7).contains(&word.len()) && is_postcode(word) {
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
    if done == 0 {
        return None;
    }
    out.push_str(&text[done..]);
    Some(out)
}

/// Whether a word may be a postcode's outward code ("LS1", "M1", "SW1A"): 2–4 letters
/// and digits, starting with a letter, holding a digit (checked before the costlier
/// `is_postcode`).
fn could_be_outward(word: &str) -> bool {
    let b = word.as_bytes();
    (2..=4).contains(&b.len())
        && b[0].is_ascii_alphabetic()
        && b.iter().any(u8::is_ascii_digit)
        && b.iter().all(u8::is_ascii_alphanumeric)
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
fn remove_numbers(text: &str, counts: &mut Redactions) -> Option<String> {
    let mut out = String::new();
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
    if done == 0 {
        return None;
    }
    out.push_str(&text[done..]);
    Some(out)
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
