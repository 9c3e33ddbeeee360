//! Dates in the actions log: due dates and the dates of reviews. People write them as
//! TOML dates (`due = 2026-12-31`), as text (`due = "2026-12-31"`, `"31 December
//! 2026"`, `"31 Dec 2026"`); reports show them as people write them ("31 December 2026").

use time::{Date, Month};

/// The forms a date may take, for a message saying what would be valid.
pub const FORMS: &str = "a date such as 2026-12-31 or \"31 December 2026\"";

/// Reads a date as people write it, or `None`.
pub fn parse(text: &str) -> Option<Date> {
    let s = text.trim();
    let words: Vec<&str> = s.split(['-', ' ', '/']).filter(|w| !w.is_empty()).collect();
    let (y, m, d) = match words.as_slice() {
        // 2026-12-31
        [y, m, d] if y.len() == 4 => (y.parse().ok()?, month_number(m)?, d.parse().ok()?),
        // 31 December 2026, 31/12/2026 (as the UK writes it)
        [d, m, y] if y.len() == 4 => (y.parse().ok()?, month_number(m)?, d.parse().ok()?),
        _ => return None,
    };
    Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()
}

/// A month as a number or a name (full or its first three letters).
fn month_number(s: &str) -> Option<u8> {
    if let Ok(n) = s.parse::<u8>() {
        return (1..=12).contains(&n).then_some(n);
    }
    let s = s.to_ascii_lowercase();
    (1..=12u8).find(|&n| {
        let name = Month::try_from(n)
            .map(|m| m.to_string().to_ascii_lowercase())
            .unwrap_or_default();
        s.len() >= 3 && name.starts_with(&s)
    })
}

/// A TOML value that should be a date: a TOML date (no time), or text `parse` reads.
pub fn from_toml(value: &toml::Value) -> Option<Date> {
    match value {
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
            let d = dt.date?;
            Date::from_calendar_date(i32::from(d.year), Month::try_from(d.month).ok()?, d.day).ok()
        }
        toml::Value::String(s) => parse(s),
        _ => None,
    }
}

/// As a board reads it: "31 December 2026".
pub fn human(date: Date) -> String {
    format!("{} {} {}", date.day(), date.month(), date.year())
}

/// As the file and JSON write it: "2026-12-31".
pub fn iso(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_read_as_people_write_them() {
        for s in [
            "2026-12-31",
            "31 December 2026",
            "31 Dec 2026",
            "31/12/2026",
        ] {
            assert_eq!(parse(s), Some(date!(2026 - 12 - 31)), "{s}");
        }
        for s in ["2026-02-30", "soon", "Q4", "31 Smarch 2026", "12/31"] {
            assert_eq!(parse(s), None, "{s}");
        }
        assert_eq!(human(date!(2026 - 01 - 05)), "5 January 2026");
        assert_eq!(iso(date!(2026 - 01 - 05)), "2026-01-05");
    }

    #[test]
    fn a_toml_date_with_a_time_is_not_a_due_date() {
        let v: toml::Table = toml::from_str("a = 2026-12-31\nb = 2026-12-31T10:00:00Z").unwrap();
        assert_eq!(from_toml(&v["a"]), Some(date!(2026 - 12 - 31)));
        assert_eq!(from_toml(&v["b"]), None);
    }
}
