//! File names every platform can store. Most NHS laptops run Windows, which cannot hold
//! `< > : " / \ | ? *` or control characters in a name, drops trailing dots and spaces,
//! reserves CON, PRN, AUX, NUL, COM1–COM9 and LPT1–LPT9 (with any extension), and
//! limits a name to 255 characters. Default output names are built from what a user
//! typed (the organisation, the period), so they are made portable here.

/// Characters no Windows file name may hold.
const FORBIDDEN: &[char] = &['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

/// The longest stem made: room for an extension and a `-2` suffix within 255 bytes.
const MAX_STEM_BYTES: usize = 200;

/// `stem` as a file name stem every platform can store: forbidden and control
/// characters become `-`, trailing dots and spaces go, a reserved device name gets a
/// `_` after it, and the whole is cut (at a character boundary) to 200 bytes.
pub fn stem(stem: &str) -> String {
    let mut out: String = stem
        .chars()
        .map(|c| {
            if c.is_control() || FORBIDDEN.contains(&c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    if out.len() > MAX_STEM_BYTES {
        let mut cut = MAX_STEM_BYTES;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
    }
    let trimmed = out.trim_end_matches(['.', ' ']).len();
    out.truncate(trimmed);
    if out.is_empty() {
        return "result".to_string();
    }
    if is_reserved(&out) {
        out.push('_');
    }
    out
}

/// Whether Windows reserves the name: a device name alone or before the first dot
/// (`nul.json` is the null device too), in any case, trailing spaces ignored.
pub fn is_reserved(name: &str) -> bool {
    let base = name
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end()
        .to_ascii_uppercase();
    match base.as_str() {
        "CON" | "PRN" | "AUX" | "NUL" => true,
        _ => base
            .strip_prefix("COM")
            .or_else(|| base.strip_prefix("LPT"))
            .is_some_and(|digit| {
                matches!(
                    digit,
                    "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³"
                )
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_windows_cannot_store_become_dashes() {
        assert_eq!(stem("a<b>c:d\"e/f\\g|h?i*j"), "a-b-c-d-e-f-g-h-i-j");
        assert_eq!(stem("tab\there\u{1b}"), "tab-here-");
    }

    #[test]
    fn trailing_dots_and_spaces_go() {
        assert_eq!(stem("St. Mary's Trust. . "), "St. Mary's Trust");
        assert_eq!(stem("..."), "result");
        assert_eq!(stem(""), "result");
    }

    #[test]
    fn reserved_device_names_are_not_made() {
        for name in [
            "CON", "prn", "Aux", "nul", "COM1", "com9", "LPT1", "lpt9", "COM¹", "con.json",
        ] {
            assert!(is_reserved(name), "{name}");
        }
        for name in ["CONNECT", "com0", "lpt10", "console-2026", "nullable"] {
            assert!(!is_reserved(name), "{name}");
        }
        assert_eq!(stem("CON"), "CON_");
        assert_eq!(stem("lpt3"), "lpt3_");
        assert_eq!(stem("nul."), "nul_");
    }

    #[test]
    fn long_names_are_cut_at_a_character_boundary() {
        let long = "é".repeat(300);
        let s = stem(&long);
        assert!(s.len() <= MAX_STEM_BYTES && s.chars().all(|c| c == 'é'));
    }
}
