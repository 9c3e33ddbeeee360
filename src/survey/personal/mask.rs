//! Masking what looks personal in a text shown to people (a rejected cell's value, a
//! group label): the value is replaced by what it was, "[email removed]".

use super::Looks;
use super::content::{is_email, is_postcode, looks_like, number_kind};

/// Masks what looks like an email, a phone or NHS number, a postcode or an IP address in
/// a text: "call 07700 900123" → "call [phone number removed]".
pub fn mask(text: &str) -> String {
    if let Some(kind) = looks_like(text) {
        return kind.mask().to_string();
    }
    let text = mask_numbers(text);
    let words: Vec<&str> = text.split(' ').collect();
    let core = |w: &str| -> String {
        w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '@'))
            .to_string()
    };
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut k = 0;
    while k < words.len() {
        let word = words[k];
        let this = core(word);
        // A postcode is usually two words: "LS1 4AP".
        if k + 1 < words.len() && is_postcode(&format!("{this} {}", core(words[k + 1]))) {
            out.push(Looks::Postcode.mask().to_string());
            k += 2;
            continue;
        }
        let kind = if this.is_empty() {
            None
        } else if is_email(&this) {
            Some(Looks::Email)
        } else if this.parse::<std::net::IpAddr>().is_ok() && this.contains(['.', ':']) {
            Some(Looks::IpAddress)
        } else if is_postcode(&this) {
            Some(Looks::Postcode)
        } else {
            None
        };
        match kind {
            Some(kind) => out.push(word.replacen(&this, kind.mask(), 1)),
            None => out.push(word.to_string()),
        }
        k += 1;
    }
    out.join(" ")
}

/// Runs of at least nine digits (with the spaces, dashes, dots and brackets phone and
/// NHS numbers are written with) masked as numbers.
fn mask_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut k = 0;
    while k < chars.len() {
        if chars[k].is_ascii_digit()
            || (chars[k] == '+' && chars.get(k + 1).is_some_and(char::is_ascii_digit))
            || chars[k] == '('
        {
            let mut end = k;
            let mut digits = 0;
            let mut last_digit = k;
            while end < chars.len() && (chars[end].is_ascii_digit() || " -()+".contains(chars[end]))
            {
                if chars[end].is_ascii_digit() {
                    digits += 1;
                    last_digit = end;
                }
                end += 1;
            }
            if digits >= 9 {
                let run: String = chars[k..=last_digit].iter().collect();
                let kind = match number_kind(&run) {
                    Some(Looks::NhsNumber) => Looks::NhsNumber,
                    _ => Looks::Phone,
                };
                out.push_str(kind.mask());
                k = last_digit + 1;
                continue;
            }
        }
        out.push(chars[k]);
        k += 1;
    }
    out
}
