//! The end of a workshop on one screen: the overall score and band, each theme, the
//! three priorities (the lowest scores), how many findings and gaps there are, the files
//! written, and the commands that come next. The full report is in the files, so the
//! room sees where it stands and what to do, not the last table of a long report.

use std::path::{Path, PathBuf};

use crate::render::result::rating_label;
use crate::render::text::{percent, score};
use crate::result::ResultDoc;

/// The end screen for `doc` at `width` columns, with the files `written` and, when one is
/// known, the Result of the period before (`last`) for the `plead diff` line.
pub fn end_screen(
    doc: &ResultDoc,
    written: &[PathBuf],
    last: Option<&Path>,
    width: usize,
) -> String {
    let mut text = format!(
        "Finished: {} — {}, {}\n\n",
        doc.assessment.title, doc.context.organisation, doc.context.period
    );
    text.push_str(&overall(doc));
    if doc.themes.len() > 1 {
        text.push_str(&themes(doc, width));
    }
    text.push_str(&priorities(doc));
    text.push_str(&next_steps(written, last));
    text
}

/// The overall score and band, and how many findings and gaps there are.
fn overall(doc: &ResultDoc) -> String {
    let o = &doc.overall;
    let mut text = match o.score {
        Some(_) => format!(
            "Overall {} ({}) — {} · {} of {} items answered\n",
            score(o.score),
            percent(o.percent),
            o.band.as_deref().unwrap_or("no band"),
            o.answered,
            o.items
        ),
        None => "No item was answered, so there is no overall score.\n".to_string(),
    };
    text.push_str(&format!(
        "{} · {}\n",
        count(doc.findings.len(), "finding", "findings"),
        count(doc.gaps.len(), "gap", "gaps")
    ));
    text
}

/// Each theme's score and percent, the titles in a column fitted to `width`.
fn themes(doc: &ResultDoc, width: usize) -> String {
    let mut text = "\nThemes:\n".to_string();
    let wide = doc
        .themes
        .iter()
        .map(|t| t.title.chars().count())
        .max()
        .unwrap_or(0)
        // Room for the score and percent beside the title.
        .min(width.saturating_sub(16).max(20));
    for t in &doc.themes {
        let title = crate::interact::layout::fit(&t.title, wide);
        text.push_str(&format!(
            "  {title:<wide$}  {:>5}  {:>4}\n",
            score(t.score),
            percent(t.percent)
        ));
    }
    text
}

/// The three lowest scores, each with its rating's label and target.
fn priorities(doc: &ResultDoc) -> String {
    let mut answered: Vec<_> = doc.items.iter().filter(|i| i.score.is_some()).collect();
    answered.sort_by(|a, b| {
        a.percent
            .partial_cmp(&b.percent)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    if answered.is_empty() {
        return String::new();
    }
    let mut text = "\nPriorities (the lowest scores):\n".to_string();
    for (k, i) in answered.iter().take(3).enumerate() {
        let label = rating_label(doc, i);
        let target = i.target.map_or(String::new(), |t| format!(", target {t}"));
        text.push_str(&format!(
            "  {}. {} — {}{}{target}\n",
            k + 1,
            i.title,
            score(i.score),
            if label.is_empty() {
                String::new()
            } else {
                format!(" {label}")
            }
        ));
    }
    text
}

/// The files written and, when a Result is among them, the commands that come next.
fn next_steps(written: &[PathBuf], last: Option<&Path>) -> String {
    let mut text = String::new();
    if !written.is_empty() {
        text.push('\n');
        for p in written {
            text.push_str(&format!("wrote {}\n", p.display()));
        }
    }
    let result = written
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "json"));
    if let Some(result) = result {
        let file = quoted(result);
        let last = last.map_or("LAST.json".to_string(), quoted);
        text.push_str(&format!(
            "Next — the full report, and what changed since last time:\n  plead report {file} --out report.html\n  plead diff {last} {file}\n"
        ));
    }
    text
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A path as it can be pasted into a shell.
fn quoted(p: &Path) -> String {
    let s = p.display().to_string();
    if s.chars().all(|c| c.is_alphanumeric() || "-_./".contains(c)) {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Catalog;
    use crate::response::{Answer, Answers, Rating};
    use crate::result::{Context, Method};

    fn doc(ratings: &[i32]) -> ResultDoc {
        let catalog = Catalog::load(None).unwrap();
        let a = &catalog.resolve("building-blocks").unwrap().assessment;
        let mut answers = Answers::default();
        for (item, r) in a.items.iter().zip(ratings) {
            answers.items.insert(
                item.id.clone(),
                Answer {
                    rating: Some(Rating::Value(*r)),
                    ..Answer::default()
                },
            );
        }
        let context = Context {
            organisation: "Northshire".into(),
            period: "2026-Q3".into(),
            created: "2026-11-21T10:00:00Z".into(),
            plead_version: "test".into(),
            method: Method::Workshop,
        };
        crate::score::workshop::result(a, &answers, context)
    }

    #[test]
    fn the_end_screen_has_score_band_themes_priorities_counts_files_and_next_commands() {
        let d = doc(&[3, 1, 0, 2, 4, 2, 3, 1, 2, 2]);
        let written = [PathBuf::from("northshire-building-blocks-2026-q3.json")];
        let text = end_screen(&d, &written, Some(Path::new("q2 result.json")), 110);
        assert!(text.starts_with("Finished: 10 building blocks for developing patient leadership — Northshire, 2026-Q3\n"), "{text}");
        assert!(text.contains("Overall 2.00 (50%) — "), "{text}");
        assert!(text.contains("10 of 10 items answered"));
        assert!(
            text.contains(
                "  Put robust feedback mechanisms in place so that organisations listen  "
            ),
            "whole theme titles at 110 columns:\n{text}"
        );
        // The three lowest scores, lowest first.
        let priorities: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with("Priorities"))
            .skip(1)
            .take(3)
            .collect();
        assert_eq!(
            priorities,
            [
                "  1. Training and development — 0.00 Not in place",
                "  2. Co-design from the start — 1.00 Planned / early",
                "  3. Log feedback and close the loop — 1.00 Planned / early"
            ],
            "{text}"
        );
        assert!(
            text.contains(&format!(
                "{} findings · {} gaps",
                d.findings.len(),
                d.gaps.len()
            )) || text.contains("1 finding"),
            "{text}"
        );
        assert!(text.contains("wrote northshire-building-blocks-2026-q3.json"));
        assert!(text.contains(
            "  plead report northshire-building-blocks-2026-q3.json --out report.html\n"
        ));
        assert!(
            text.contains(
                "  plead diff 'q2 result.json' northshire-building-blocks-2026-q3.json\n"
            ),
            "{text}"
        );
        let narrow = end_screen(&d, &written, None, 80);
        assert!(
            narrow
                .lines()
                .filter(|l| l.starts_with("  Put"))
                .all(|l| l.chars().count() <= 80),
            "{narrow}"
        );
        assert!(narrow.contains("plead diff LAST.json"));
    }
}
