//! A diff as a web page: the headline change, then the same sections as every diff report
//! (summary, overall, themes, items, what moved the verdicts) as tables, with a dumbbell
//! chart (old → new) before the themes and the items.

use super::page::{blocks, facts, figure, footer, page};
use crate::compare::diff::{Diff, Presence, RowChange};
use crate::compare::{Direction, Source};
use crate::render::markup::escape;
use crate::render::model::Block;
use crate::render::svg::bars::Axis;
use crate::render::svg::dumbbell::{self, Pair};
use crate::render::text::score;

const PERCENT: Axis = Axis {
    min: 0.0,
    max: 100.0,
    percent: true,
};

/// The page for a diff (for the tests: no sections).
#[cfg(test)]
pub fn diff(d: &Diff) -> String {
    diff_with(d, "")
}

/// The page for a diff, with `sections` (HTML) at the end.
pub fn diff_with(d: &Diff, sections: &str) -> String {
    let title = format!(
        "{} — {}: {} → {}",
        d.assessment.title, d.new.organisation, d.old.period, d.new.period
    );
    let mut main = String::new();
    // A chart, its heading and its table are kept on one printed page where they fit.
    let mut open = false;
    for (i, b) in d_blocks(d).iter().enumerate() {
        if let Block::Heading(h) = b {
            let rows = match h.as_str() {
                "Themes" => Some((&d.themes, "themes")),
                "Items" => Some((&d.items, "items")),
                _ => None,
            };
            if rows.is_some() {
                main.push_str("<div class=\"with-table\">\n");
                open = true;
            }
            main.push_str(&blocks(std::slice::from_ref(b), &format!("diff-{i}")));
            if let Some((rows, what)) = rows {
                main.push_str(&figure(&format!("chart-{what}"), &chart(d, rows, what)));
            }
            continue;
        }
        main.push_str(&blocks(std::slice::from_ref(b), &format!("diff-{i}")));
        if open && matches!(b, Block::Grid(_)) {
            main.push_str("</div>\n");
            open = false;
        }
    }
    if open {
        main.push_str("</div>\n");
    }
    main.push_str(sections);
    let footer = footer(&crate::render::diff::about(d));
    page(&title, &header(d), &main, &footer)
}

/// The report's blocks without the title and the sentence naming the two results, which
/// the header has.
fn d_blocks(d: &Diff) -> Vec<Block> {
    let mut all = crate::render::diff::blocks(d);
    all.retain(|b| !matches!(b, Block::Title(_)));
    if let Some(Block::Paragraph(p)) = all.first()
        && p.starts_with("Old: ")
    {
        all.remove(0);
    }
    // The footer says what "About this report" says.
    if let Some(at) = all
        .iter()
        .position(|b| matches!(b, Block::Heading(h) if h == crate::render::wording::ABOUT))
    {
        all.truncate(at);
    }
    all
}

fn side(s: &Source) -> String {
    s.describe()
}

fn header(d: &Diff) -> String {
    let o = &d.overall;
    let mut out = format!(
        "<p class=\"kicker\">Patient leadership assessment: what changed</p>\n<h1>{}</h1>\n\
         <p class=\"subtitle\">{}: {} → {}</p>\n",
        escape(&d.assessment.title),
        escape(&d.new.organisation),
        escape(&d.old.period),
        escape(&d.new.period)
    );
    out.push_str(&facts(&[
        ("Organisation", d.new.organisation.clone()),
        ("Before", side(&d.old)),
        ("After", side(&d.new)),
        ("Date", super::page::date(&d.new.created)),
    ]));
    out.push_str("<div class=\"headline\">\n");
    let mut figure =
        |label: &str, value: String| out.push_str(&super::page::headline(label, &value));
    figure(
        "Overall score",
        format!("{} → {}", score(o.change.old), score(o.change.new)),
    );
    figure(
        "Change",
        format!(
            "{} {}",
            crate::render::wording::signed(o.change.old, o.change.new),
            crate::render::wording::direction(o.change.direction)
        ),
    );
    figure(
        "Band",
        format!(
            "{} → {}",
            o.old_band.as_deref().unwrap_or("—"),
            o.new_band.as_deref().unwrap_or("—")
        ),
    );
    out.push_str("</div>\n");
    let warnings: Vec<String> = d
        .old
        .warning_lines()
        .chain(d.new.warning_lines())
        .chain(d.notes.iter().map(|n| n.message.clone()))
        .collect();
    if !warnings.is_empty() {
        out.push_str("<div class=\"notice\"><strong>Before reading on:</strong><ul>\n");
        for w in warnings {
            out.push_str(&format!("<li>{}</li>\n", escape(&w)));
        }
        out.push_str("</ul></div>\n");
    }
    out.push_str(&format!(
        "<p class=\"tool-note\">{}</p>\n",
        escape(&d.assessment.banner.sentence())
    ));
    out
}

/// The words after a dumbbell: "1.95 → 1.90 ▼".
fn shown(row: &RowChange) -> String {
    let c = &row.change;
    match row.presence {
        Presence::Added => format!("added: {}", score(c.new)),
        Presence::Removed => format!("removed: was {}", score(c.old)),
        Presence::Both => {
            let arrow = match c.direction {
                Direction::Improved => " ▲",
                Direction::Worse => " ▼",
                Direction::Unchanged => " =",
                Direction::NoSignificantChange => " ≈ not significant",
                Direction::NotTested => " ? not tested",
                Direction::NotComparable => "",
            };
            let star = if c.significance == crate::compare::Significance::Significant {
                " significant"
            } else {
                ""
            };
            // Scales of different lengths give percents only.
            if c.old.is_none() && c.new.is_none() {
                return format!(
                    "{} → {}{arrow}{star}",
                    crate::render::text::percent(c.old_percent),
                    crate::render::text::percent(c.new_percent)
                );
            }
            format!("{} → {}{arrow}{star}", score(c.old), score(c.new))
        }
    }
}

fn chart(d: &Diff, rows: &[RowChange], what: &str) -> crate::render::svg::Chart {
    let pairs: Vec<Pair> = rows
        .iter()
        .map(|r| Pair {
            label: r.title.clone(),
            old: r.change.old_percent,
            new: r.change.new_percent,
            shown: shown(r),
        })
        .collect();
    let count = |dir: Direction| {
        rows.iter()
            .filter(|r| r.presence == Presence::Both && r.change.direction == dir)
            .count()
    };
    let description = format!(
        "For each of the {} {what}, the score in {} (open circle) and in {} (filled circle) \
         as a percent of the scale, joined by a line; after each, the two scores and the \
         direction. {} improved, {} worse, {} unchanged{}. The table below gives every figure.",
        rows.len(),
        d.old.period,
        d.new.period,
        count(Direction::Improved),
        count(Direction::Worse),
        count(Direction::Unchanged),
        match count(Direction::NoSignificantChange) {
            0 => String::new(),
            k => format!(", {k} with no significant change"),
        },
    );
    let title = format!(
        "{}{}: {} → {}",
        what[..1].to_uppercase(),
        &what[1..],
        d.old.period,
        d.new.period
    );
    dumbbell::draw(
        &title,
        &description,
        &pairs,
        PERCENT,
        (&d.old.period, &d.new.period),
    )
}
