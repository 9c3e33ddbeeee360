//! Personal data recognised by what a value looks like: an email address, a phone
//! number, an NHS number (ten digits passing the modulus-11 check), a UK postcode or an
//! IP address; and a column of mostly unique values (an identifier).

use std::net::IpAddr;

use super::Looks;

/// What a single value looks like, if it looks personal.
pub fn looks_like(value: &str) -> Option<Looks> {
    let v = value.trim();
    if v.len() < 5 || v.len() > 254 {
        return None;
    }
    if is_email(v) {
        return Some(Looks::Email);
    }
    if let Some(kind) = number_kind(v) {
        return Some(kind);
    }
    if is_postcode(v) {
        return Some(Looks::Postcode);
    }
    if v.parse::<IpAddr>().is_ok() {
        return Some(Looks::IpAddress);
    }
    None
}

/// The kind of personal data most of a column's sampled values look like: more than half
/// of its non-blank values, and at least one.
pub fn by_content<'a>(values: impl Iterator<Item = &'a [u8]>) -> Option<(Looks, usize, usize)> {
    let mut seen = 0usize;
    let mut counts = [0usize; 5];
    for bytes in values {
        let text = String::from_utf8_lossy(bytes);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        seen += 1;
        if let Some(kind) = looks_like(text) {
            counts[kind as usize] += 1;
        }
    }
    let personal: usize = counts.iter().sum();
    if seen == 0 || personal * 2 <= seen {
        return None;
    }
    let kinds = [
        Looks::Email,
        Looks::Phone,
        Looks::NhsNumber,
        Looks::Postcode,
        Looks::IpAddress,
    ];
    let most = (0..5).max_by_key(|k| counts[*k]).unwrap_or(0);
    Some((kinds[most], personal, seen))
}

pub(super) fn is_email(v: &str) -> bool {
    let Some((local, domain)) = v.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !v.chars().any(char::is_whitespace)
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
}

/// A phone number (UK or international) or an NHS number, written with the usual
/// separators.
pub(super) fn number_kind(v: &str) -> Option<Looks> {
    if !v.chars().all(|c| c.is_ascii_digit() || " -()+".contains(c)) {
        return None;
    }
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 10 && !v.starts_with('+') && nhs_check(&digits) {
        return Some(Looks::NhsNumber);
    }
    // "+44 …", "44 …", and "0044 …" (the international prefix dialled from the UK).
    let international =
        v.trim_start().starts_with('+') || digits.starts_with("44") || digits.starts_with("00");
    let national = digits.starts_with('0') && (10..=11).contains(&digits.len());
    if national || (international && (10..=15).contains(&digits.len())) {
        return Some(Looks::Phone);
    }
    None
}

/// The NHS number check digit: weights 10 down to 2 on the first nine digits; 11 less the
/// sum's remainder by 11 (11 reads as 0, 10 is never valid) is the tenth digit.
pub fn nhs_check(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 10 {
        return false;
    }
    let sum: u32 = d[..9]
        .iter()
        .zip((2..=10).rev())
        .map(|(digit, weight)| digit * weight)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    check == d[9]
}

/// A full UK postcode: outward code (A9, A99, A9A, AA9, AA99, AA9A), then the inward
/// code (9AA), with or without the space.
pub(super) fn is_postcode(v: &str) -> bool {
    let s: String = v
        .chars()
        .filter(|c| *c != ' ')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if v.split(' ').filter(|w| !w.is_empty()).count() > 2 || !(5..=7).contains(&s.len()) {
        return false;
    }
    let b = s.as_bytes();
    let (outward, inward) = b.split_at(b.len() - 3);
    let inward_ok = inward[0].is_ascii_digit()
        && inward[1].is_ascii_uppercase()
        && inward[2].is_ascii_uppercase();
    let letter = |c: u8| c.is_ascii_uppercase();
    let digit = |c: u8| c.is_ascii_digit();
    let outward_ok = match outward {
        [a, b] => letter(*a) && digit(*b),
        [a, b, c] => {
            letter(*a) && ((digit(*b) && (digit(*c) || letter(*c))) || (letter(*b) && digit(*c)))
        }
        [a, b, c, d] => letter(*a) && letter(*b) && digit(*c) && (digit(*d) || letter(*d)),
        _ => false,
    };
    inward_ok && outward_ok
}

/// Whether most sampled values are unique, as in an identifier: at least ten non-blank
/// values, more than half of them seen once.
pub fn is_identifier<'a>(values: impl Iterator<Item = &'a [u8]>) -> bool {
    let mut seen: std::collections::HashMap<&[u8], usize> = std::collections::HashMap::new();
    let mut total = 0usize;
    for v in values {
        let v = v.trim_ascii();
        if v.is_empty() {
            continue;
        }
        total += 1;
        *seen.entry(v).or_default() += 1;
    }
    let once = seen.values().filter(|n| **n == 1).count();
    total >= 10 && once * 2 > total
}
