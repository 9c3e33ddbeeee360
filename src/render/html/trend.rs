//! A trend as a web page: the overall score across the periods up front, a small line
//! chart per item (overall first, all on one percent axis), then the same sections as
//! every trend report as tables, ending with the long-standing problems.

use super::page::{blocks, facts, figure, footer, page};
use crate::compare::trend::{OrderedBy, Series, Trend};
use crate::render::markup::escape;
use crate::render::model::Block;
use crate::render::svg::bars::Axis;
use crate::render::svg::lines;
use crate::render::text::{percent, score};

/// The page for a trend (for the tests: no sections).
#[cfg(test)]
pub fn trend(t: &Trend) -> String {
    trend_with(t, "")
}

/// The page for a trend, with `sections` (HTML) at the end.
pub fn trend_with(t: &Trend, sections: &str) -> String {
    let first = &t.periods[0];
    let last = &t.periods[t.periods.len() - 1];
    let title = format!(
        "{} — {}: {} to {}",
        t.assessment.title, last.organisation, first.period, last.period
    );
    let mut main = String::new();
    let all: Vec<Block> = crate::render::trend::blocks(t, false)
        .into_iter()
        .filter(|b| !matches!(b, Block::Title(_)))
        .collect();
    for (i, b) in all.iter().enumerate() {
        main.push_str(&blocks(std::slice::from_ref(b), &format!("trend-{i}")));
        if matches!(b, Block::Heading(h) if h == "Items") {
            main.push_str(&figure("chart-trend", &chart(t)));
        }
    }
    main.push_str(sections);
    let footer = footer(&format!(
        "Followed: {} results of {}.",
        t.periods.len(),
        t.assessment.id
    ));
    page(&title, &header(t), &main, &footer)
}

fn header(t: &Trend) -> String {
    let first = &t.periods[0];
    let last = &t.periods[t.periods.len() - 1];
    let mut out = format!(
        "<p class=\"kicker\">Patient leadership assessment: the trend</p>\n<h1>{}</h1>\n\
         <p class=\"subtitle\">{}: {} to {}</p>\n",
        escape(&t.assessment.title),
        escape(&last.organisation),
        escape(&first.period),
        escape(&last.period)
    );
    let periods: Vec<String> = t.periods.iter().map(|p| p.describe()).collect();
    out.push_str(&facts(&[
        ("Organisation", last.organisation.clone()),
        ("Periods", periods.join(", ")),
        (
            "Ordered by",
            match t.ordered_by {
                OrderedBy::Period => "period".into(),
                OrderedBy::Created => "the time each result was created".into(),
            },
        ),
        ("Date", super::page::date(&last.created)),
    ]));
    let o = &t.overall;
    out.push_str("<div class=\"headline\">\n");
    let mut figure =
        |label: &str, value: String| out.push_str(&super::page::headline(label, &value));
    figure(
        &format!("Overall, {} → {}", first.period, last.period),
        format!(
            "{} → {}",
            score(o.scores[0]),
            score(o.scores[o.scores.len() - 1])
        ),
    );
    figure(
        "Percent",
        format!(
            "{} → {}",
            percent(o.percents[0]),
            percent(o.percents[o.percents.len() - 1])
        ),
    );
    figure(
        "Band now",
        t.bands
            .last()
            .cloned()
            .flatten()
            .unwrap_or_else(|| "—".into()),
    );
    out.push_str("</div>\n");
    out.push_str(&format!(
        "<p class=\"tool-note\">{}</p>\n",
        escape(&t.assessment.banner.sentence())
    ));
    out
}

fn panel(s: &Series) -> lines::Series {
    lines::Series {
        label: s.title.clone(),
        values: s.percents.clone(),
        shown: s.scores.iter().map(|v| score(*v)).collect(),
    }
}

fn chart(t: &Trend) -> crate::render::svg::Chart {
    let mut series = vec![panel(&t.overall)];
    series[0].label = "Overall".into();
    series.extend(t.items.iter().map(panel));
    let periods: Vec<String> = t.periods.iter().map(|p| p.period.clone()).collect();
    let description = format!(
        "A small line chart for the overall score and for each of the {} items, across {} \
         periods from {} to {}, each on the same 0–100% axis, with the first and latest \
         scores written at the ends. Overall went from {} to {}. The table below gives every \
         figure.",
        t.items.len(),
        periods.len(),
        periods[0],
        periods[periods.len() - 1],
        score(t.overall.scores[0]),
        score(t.overall.scores[t.overall.scores.len() - 1]),
    );
    lines::draw(
        "Each item across the periods",
        &description,
        &series,
        &periods,
        Axis {
            min: 0.0,
            max: 100.0,
            percent: true,
        },
    )
}
