//! Reading period labels as dates, so results can be put in order. People write periods
//! many ways; the common ones are read — `2026-Q3`, `Q3 2026`, `2026-07`, `July 2026`,
//! `2026`, `2026-H2`, `2026-07-15`, and NHS financial years `2026/27` and `2026/27 Q1`
//! (April to June 2026) — and anything else is left to the created time.

use std::cmp::Ordering;

/// A span of time a period label names: from its first day to its last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// (year, month, day) of the first day.
    pub start: (i32, u32, u32),
    /// (year, month, day) of the last day.
    pub end: (i32, u32, u32),
}

impl Ord for Period {
    /// Earlier start first; of two starting together, the shorter first (`2026-Q1` before `2026`).
    fn cmp(&self, other: &Self) -> Ordering {
        (self.start, self.end).cmp(&(other.start, other.end))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The labels `parse` reads, for messages.
pub const EXAMPLES: &str = "2026-Q3, 2026-07, 2026 or 2026/27";

/// Every form `parse` reads, for the message that refuses a period.
pub const FORMS: &str = "a quarter (2026-Q3 or Q3 2026), a half (2026-H2), a month (2026-07 or July 2026), a day (2026-07-15), a year (2026), or an NHS financial year (2026/27, or a quarter of one: 2026/27 Q1)";

/// Why `label` is not a period plead can put in order, or `None` when it is one.
pub fn refusal(label: &str) -> Option<String> {
    parse(label).is_none().then(|| {
        format!(
            "the period \"{}\" is not one plead can put in order for plead trend and plead diff; give {FORMS}",
            label.trim()
        )
    })
}

/// Reads a period label, or `None` when it is not one of the forms this module knows.
pub fn parse(label: &str) -> Option<Period> {
    let s = label.trim().to_ascii_lowercase();
    let s = s.strip_prefix("fy").unwrap_or(&s).trim();
    // Split into words on spaces, '-' and '_' (not '/', which marks a financial year).
    let words: Vec<&str> = s
        .split([' ', '-', '_', ','])
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [one] => single(one),
        [a, b] => pair(a, b).or_else(|| pair(b, a)),
        [y, m, d] => {
            let (y, m, d) = (year(y)?, number(m)?, number(d)?);
            (1..=12).contains(&m).then_some(())?;
            (1..=days_in(y, m)).contains(&d).then_some(())?;
            Some(Period {
                start: (y, m, d),
                end: (y, m, d),
            })
        }
        _ => None,
    }
}

/// One word: a year, a financial year, or a year with its quarter run in (`2026q3`).
fn single(word: &str) -> Option<Period> {
    if let Some(y) = year(word) {
        return Some(months(y, 1, 12));
    }
    if let Some(fy) = financial_year(word) {
        return Some(months(fy, 4, 12));
    }
    let (y, q) = word.split_at(word.find(['q', 'h'])?);
    pair(y, q)
}

/// Two words, in this order: a year (or financial year) and a quarter, half or month.
fn pair(first: &str, second: &str) -> Option<Period> {
    let (y, financial) = match (year(first), financial_year(first)) {
        (Some(y), _) => (y, false),
        (None, Some(fy)) => (fy, true),
        _ => return None,
    };
    // Financial years start in April.
    let offset = if financial { 3 } else { 0 };
    if let Some(q) = second.strip_prefix('q') {
        let q = number(q).filter(|q| (1..=4).contains(q))?;
        return Some(months(y, 3 * (q - 1) + 1 + offset, 3));
    }
    if let Some(h) = second.strip_prefix('h') {
        let h = number(h).filter(|h| (1..=2).contains(h))?;
        return Some(months(y, 6 * (h - 1) + 1 + offset, 6));
    }
    if financial {
        return None;
    }
    let m = number(second)
        .filter(|m| (1..=12).contains(m) && second.len() == 2)
        .or_else(|| month_name(second))?;
    Some(months(y, m, 1))
}

/// `count` months from `month` (1-based, possibly past December) of `year`.
fn months(year: i32, month: u32, count: u32) -> Period {
    let first = (year, month);
    let (sy, sm) = normalise(first.0, first.1);
    let (ey, em) = normalise(first.0, first.1 + count - 1);
    Period {
        start: (sy, sm, 1),
        end: (ey, em, days_in(ey, em)),
    }
}

fn normalise(year: i32, month: u32) -> (i32, u32) {
    (year + ((month - 1) / 12) as i32, (month - 1) % 12 + 1)
}

fn year(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// `2026/27` or `2026/2027`: the financial year starting in April 2026.
fn financial_year(word: &str) -> Option<i32> {
    let (a, b) = word.split_once('/')?;
    let first = year(a)?;
    let next = match b.len() {
        2 => first / 100 * 100 + number(b)? as i32,
        4 => year(b)?,
        _ => return None,
    };
    // 2099/00 wraps the century.
    (next == first + 1 || (b.len() == 2 && next + 100 == first + 1)).then_some(first)
}

fn number(word: &str) -> Option<u32> {
    (!word.is_empty() && word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

fn month_name(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if word.len() < 3 {
        return None;
    }
    let word = word.strip_suffix('.').unwrap_or(word);
    NAMES
        .iter()
        .position(|n| n.starts_with(word) || (word == "sept" && *n == "september"))
        .map(|i| i as u32 + 1)
}

fn days_in(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(label: &str) -> ((i32, u32, u32), (i32, u32, u32)) {
        let p = parse(label).unwrap_or_else(|| panic!("{label} should parse"));
        (p.start, p.end)
    }

    #[test]
    fn quarters_in_the_usual_spellings() {
        for label in [
            "2026-Q3",
            "2026 Q3",
            "2026q3",
            "Q3 2026",
            "q3-2026",
            " 2026-q3 ",
        ] {
            assert_eq!(span(label), ((2026, 7, 1), (2026, 9, 30)), "{label}");
        }
        assert_eq!(span("2026-Q1"), ((2026, 1, 1), (2026, 3, 31)));
    }

    #[test]
    fn months_years_halves_and_days() {
        assert_eq!(span("2026-07"), ((2026, 7, 1), (2026, 7, 31)));
        assert_eq!(span("July 2026"), ((2026, 7, 1), (2026, 7, 31)));
        assert_eq!(span("sep 2026"), ((2026, 9, 1), (2026, 9, 30)));
        assert_eq!(span("2028-02"), ((2028, 2, 1), (2028, 2, 29)));
        assert_eq!(span("2026"), ((2026, 1, 1), (2026, 12, 31)));
        assert_eq!(span("2026-H2"), ((2026, 7, 1), (2026, 12, 31)));
        assert_eq!(span("2026-07-15"), ((2026, 7, 15), (2026, 7, 15)));
    }

    #[test]
    fn nhs_financial_years_start_in_april() {
        assert_eq!(span("2026/27"), ((2026, 4, 1), (2027, 3, 31)));
        assert_eq!(span("FY2026/2027"), ((2026, 4, 1), (2027, 3, 31)));
        assert_eq!(span("2026/27 Q1"), ((2026, 4, 1), (2026, 6, 30)));
        assert_eq!(span("Q4 2026/27"), ((2027, 1, 1), (2027, 3, 31)));
        assert_eq!(span("2099/00"), ((2099, 4, 1), (2100, 3, 31)));
    }

    #[test]
    fn anything_else_is_not_a_period() {
        for label in [
            "",
            "Spring review",
            "2026-Q5",
            "2026-13",
            "2026-7x",
            "2026/28",
            "26-Q3",
            "2026-02-30",
            "2026/27-07",
            "Q3",
            "ma 2026",
        ] {
            assert_eq!(parse(label), None, "{label}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_label_reads_or_not_without_panicking(label in "\\PC{0,12}") {
            if let Some(p) = parse(&label) {
                proptest::prop_assert!(p.start <= p.end);
            }
        }

        #[test]
        fn every_quarter_reads_back(year in 1900i32..2200, q in 1u32..=4) {
            let p = parse(&format!("{year}-Q{q}")).unwrap();
            proptest::prop_assert_eq!(p.start, (year, 3 * q - 2, 1));
        }
    }

    #[test]
    fn periods_order_by_start_then_length() {
        let mut labels = vec!["2026-Q3", "2026", "2025-12", "2026-Q1", "2026-02"];
        labels.sort_by_key(|l| parse(l).unwrap());
        assert_eq!(labels, ["2025-12", "2026-Q1", "2026", "2026-02", "2026-Q3"]);
    }
}
