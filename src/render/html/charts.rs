//! The charts of a Result page, each followed by the table of its figures, chosen from
//! what the Result holds, never from the assessment's id:
//!
//! - a workshop whose items are all on scales of two or three points (missing / partly /
//!   in place) is a grid of statuses with the items' fields (holder, sourcing);
//! - otherwise a bar per item grouped by theme, with a radar for 3 to 12 items on one
//!   scale;
//! - items rated through named examples add a heat strip of the examples;
//! - survey aggregates add each item's answers stacked by scale point;
//! - groups (`--group-by`) add the groups side by side; raters add their table.

use super::page::{blocks, figure, heading, table};
use crate::render::model::{Block, Grid};
use crate::render::result::{self as report, rating_label};
use crate::render::svg::bars::{self, Axis, Bar, Section};
use crate::render::svg::{groups, heat, radar, stacked, status};
use crate::render::text::{percent, score};
use crate::result::{ItemResult, Method, ResultDoc, ScaleRef};

/// A status grid fits a workshop whose items are all on scales of two or three points.
fn is_status(doc: &ResultDoc) -> bool {
    doc.context.method == Method::Workshop
        && doc
            .items
            .iter()
            .all(|i| doc.scale(&i.scale).is_some_and(|s| s.max - s.min <= 2))
}

/// Every chart the Result calls for, with its heading and tables.
pub(super) fn charts(doc: &ResultDoc) -> String {
    let mut out = String::new();
    if is_status(doc) {
        out.push_str(&status_section(doc));
    } else {
        out.push_str(&scores_section(doc));
    }
    if doc.items.iter().any(|i| !i.examples.is_empty()) {
        out.push_str(&examples_section(doc));
    }
    if doc.items.iter().any(|i| i.aggregate.is_some()) {
        out.push_str(&distribution_section(doc));
    }
    if doc.group_by.is_some() {
        out.push_str(&groups_section(doc));
    }
    if !doc.raters.is_empty() {
        out.push_str(&raters_section(doc));
    }
    out
}

/// The axis items are drawn on: their one scale, else percents.
fn axis(doc: &ResultDoc) -> (Axis, Option<&ScaleRef>) {
    match doc.common_scale() {
        Some(s) => (
            Axis {
                min: s.min as f64,
                max: s.max as f64,
                percent: false,
            },
            Some(s),
        ),
        None => (
            Axis {
                min: 0.0,
                max: 100.0,
                percent: true,
            },
            None,
        ),
    }
}

/// An item's value on the axis.
/// A survey item's 95% interval in the chart's units (the scale, or percent).
fn interval_on_axis(doc: &ResultDoc, item: &ItemResult, by_scale: bool) -> Option<(f64, f64)> {
    let i = item.aggregate.as_ref()?.interval?;
    if by_scale {
        return Some((i.low, i.high));
    }
    let s = doc.scale(&item.scale)?;
    let percent = |v: f64| (v - f64::from(s.min)) / f64::from((s.max - s.min).max(1)) * 100.0;
    Some((percent(i.low), percent(i.high)))
}

fn on_axis(item: &ItemResult, by_scale: bool) -> Option<f64> {
    if by_scale { item.score } else { item.percent }
}

fn scale_words(scale: Option<&ScaleRef>) -> String {
    match scale {
        Some(s) => format!(
            "the {}–{} scale ({} {} to {} {})",
            s.min,
            s.max,
            s.min,
            s.label(s.min),
            s.max,
            s.label(s.max)
        ),
        None => "percent of each item's scale".into(),
    }
}

fn scores_section(doc: &ResultDoc) -> String {
    let (axis, scale) = axis(doc);
    let by_scale = scale.is_some();
    let grouped = doc.themes.len() > 1;
    let sections = theme_sections(doc, by_scale, grouped);
    let description = bars_description(doc, scale, by_scale, grouped);
    let mut out = heading(2, "scores", "Scores");
    out.push_str(&figure(
        "chart-bars",
        &bars::draw("Score of each item", &description, &sections, axis),
    ));
    if let Some(s) = scale
        && (radar::MIN_ITEMS..=radar::MAX_ITEMS).contains(&doc.items.len())
    {
        out.push_str(&radar_figure(doc, s));
    }
    if doc.themes.len() > 1 {
        let themes = report::themes_grid(doc, false);
        out.push_str(&table(&themes, Some("Themes")));
    }
    out.push_str(&table(&report::items_grid(doc, false), Some("Items")));
    out
}

/// A section of bars per theme, in the Result's order, headed by the theme's title when
/// there are several; each bar carries its score, interval and target on the axis.
fn theme_sections(doc: &ResultDoc, by_scale: bool, grouped: bool) -> Vec<Section> {
    let mut sections = Vec::new();
    for theme in &doc.themes {
        let bars: Vec<Bar> = doc
            .items
            .iter()
            .filter(|i| i.theme == theme.id)
            .map(|i| Bar {
                label: i.title.clone(),
                value: on_axis(i, by_scale),
                shown: match on_axis(i, by_scale) {
                    Some(v) if by_scale => score(Some(v)),
                    Some(v) => percent(Some(v)),
                    None => rating_label(doc, i).to_lowercase(),
                },
                interval: interval_on_axis(doc, i, by_scale),
                target: i.target.map(|t| {
                    if by_scale {
                        t as f64
                    } else {
                        doc.scale(&i.scale).map_or(0.0, |s| s.percent(f64::from(t)))
                    }
                }),
            })
            .collect();
        if !bars.is_empty() {
            sections.push(Section {
                heading: grouped.then(|| theme.title.clone()),
                bars,
            });
        }
    }
    sections
}

/// The bar chart's text description for screen readers: what is drawn, the highest and
/// lowest items, and what the targets' diamonds and the intervals' lines mean when shown.
fn bars_description(
    doc: &ResultDoc,
    scale: Option<&ScaleRef>,
    by_scale: bool,
    grouped: bool,
) -> String {
    let answered: Vec<&ItemResult> = doc.items.iter().filter(|i| i.score.is_some()).collect();
    let best = answered.iter().max_by(|a, b| {
        a.percent
            .partial_cmp(&b.percent)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let worst = answered.iter().min_by(|a, b| {
        a.percent
            .partial_cmp(&b.percent)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut description = format!(
        "A bar for each of the {} items, on {}{}.",
        doc.items.len(),
        scale_words(scale),
        if grouped { ", grouped by theme" } else { "" }
    );
    if let (Some(b), Some(w)) = (best, worst) {
        description.push_str(&format!(
            " Highest: {} ({}). Lowest: {} ({}).",
            b.title,
            score(b.score),
            w.title,
            score(w.score)
        ));
    }
    let targets = doc.items.iter().filter(|i| i.target.is_some()).count();
    if targets > 0 {
        description.push_str(&format!(
            " A diamond marks the target set for {targets} {}.",
            if targets == 1 { "item" } else { "items" }
        ));
    }
    if doc
        .items
        .iter()
        .any(|i| interval_on_axis(doc, i, by_scale).is_some())
    {
        description.push_str(
            " The line across each bar's end is its 95% confidence interval: a mean of few or \
             very different answers is less certain, and its line is longer. Where two \
             items' lines overlap a lot, do not read the gap between their bars as real.",
        );
    }
    description.push_str(" The table below gives every figure.");
    description
}

/// The same scores as a radar on the common scale `s`, one numbered spoke per item; an
/// unscored item's label says why, since its spoke has no point.
fn radar_figure(doc: &ResultDoc, s: &ScaleRef) -> String {
    let spokes: Vec<radar::Spoke> = doc
        .items
        .iter()
        .enumerate()
        .map(|(n, i)| radar::Spoke {
            label: match i.score {
                Some(_) => format!("{} {}", n + 1, i.title),
                None => format!(
                    "{} {} ({})",
                    n + 1,
                    i.title,
                    crate::render::result::unanswered_reason(doc, i).to_lowercase()
                ),
            },
            value: i.score,
        })
        .collect();
    let description = format!(
        "The same {} scores as a radar: one spoke per item, numbered as in the table, \
         with a ring at each point of the {}–{} scale; the further out, the higher the \
         score. An item with no score is not drawn as zero: the outline breaks there \
         and an open circle marks the end of its spoke, whose label says why.",
        doc.items.len(),
        s.min,
        s.max
    );
    figure(
        "chart-radar",
        &radar::draw(
            "The items as a radar",
            &description,
            &spokes,
            s.min as f64,
            s.max as f64,
        ),
    )
}

/// A field id as a column heading: "holder" → "Holder", "lead-name" → "Lead name".
/// A field's label as the assessment gives it; from its id for older Results.
fn field_heading(doc: &ResultDoc, id: &str) -> String {
    if let Some(f) = doc.fields.iter().find(|f| f.id == id) {
        return f.label.clone();
    }
    let words = id.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn status_section(doc: &ResultDoc) -> String {
    let fields = field_ids(doc);
    let levels = doc
        .common_scale()
        .map_or(3, |s| (s.max - s.min + 1) as usize);
    let groups = status_groups(doc);
    let description = status_description(doc, &fields);
    let mut out = heading(2, "status", "Status of each item");
    // Kept with its table on one printed page where they fit.
    out.push_str("<div class=\"with-table\">\n");
    out.push_str(&figure(
        "chart-status",
        &status::draw(&doc.assessment.title, &description, &groups, levels),
    ));
    out.push_str(&table(
        &status_grid(doc, &fields),
        Some("Status of each item"),
    ));
    out.push_str("</div>\n");
    out
}

/// The ids of the items' fields (holder, sourcing…), each once, in the order first met.
fn field_ids(doc: &ResultDoc) -> Vec<&String> {
    let mut seen: Vec<&String> = Vec::new();
    for k in doc.items.iter().flat_map(|i| i.fields.keys()) {
        if !seen.contains(&k) {
            seen.push(k);
        }
    }
    seen
}

/// The status grid's tiles, one per item at its point on the scale, under their themes
/// when there are several (a checklist's sections).
fn status_groups(doc: &ResultDoc) -> Vec<status::Group> {
    let tile = |i: &ItemResult| {
        let scale = doc.scale(&i.scale);
        let level = match (i.score, scale) {
            (Some(s), Some(scale)) => Some((s.round() as i32 - scale.min).max(0) as usize),
            _ => None,
        };
        status::Tile {
            title: i.title.clone(),
            level,
            status: rating_label(doc, i),
            details: i
                .fields
                .iter()
                .map(|(k, v)| format!("{}: {v}", field_heading(doc, k)))
                .collect(),
        }
    };
    if doc.themes.len() > 1 {
        doc.themes
            .iter()
            .map(|t| status::Group {
                heading: Some(t.title.clone()),
                tiles: doc
                    .items
                    .iter()
                    .filter(|i| i.theme == t.id)
                    .map(tile)
                    .collect(),
            })
            .filter(|g| !g.tiles.is_empty())
            .collect()
    } else {
        vec![status::Group {
            heading: None,
            tiles: doc.items.iter().map(tile).collect(),
        }]
    }
}

/// The status grid's text description: how tiles are marked, which fields they show, and
/// how many items are at each status, highest first.
fn status_description(doc: &ResultDoc, fields: &[&String]) -> String {
    let mut counts: Vec<String> = Vec::new();
    if let Some(s) = doc.common_scale() {
        for p in s.points.iter().rev() {
            let n = doc
                .items
                .iter()
                .filter(|i| i.score == Some(p.value as f64))
                .count();
            counts.push(format!("{n} {}", p.label.to_lowercase()));
        }
    }
    let unanswered = doc.items.iter().filter(|i| i.score.is_none()).count();
    if unanswered > 0 {
        counts.push(format!("{unanswered} not answered"));
    }
    format!(
        "A tile for each of the {} items, coloured and marked by its status (✗ the lowest \
         point, ◐ between, ✓ the highest){}: {}. The table below gives each status and field.",
        doc.items.len(),
        if fields.is_empty() {
            String::new()
        } else {
            format!(
                ", with {}",
                fields
                    .iter()
                    .map(|f| field_heading(doc, f).to_lowercase())
                    .collect::<Vec<_>>()
                    .join(" and ")
            )
        },
        counts.join(", ")
    )
}

/// The table under the status grid: each item's status, its fields and its target.
fn status_grid(doc: &ResultDoc, fields: &[&String]) -> Grid {
    let mut columns: Vec<(String, bool)> = vec![
        ("#".into(), true),
        ("Item".into(), false),
        ("Status".into(), false),
    ];
    columns.extend(fields.iter().map(|f| (field_heading(doc, f), false)));
    columns.push(("Target".into(), true));
    let columns: Vec<(&str, bool)> = columns.iter().map(|(h, n)| (h.as_str(), *n)).collect();
    let mut grid = Grid::new(&columns);
    for (n, i) in doc.items.iter().enumerate() {
        let mut row = vec![(n + 1).to_string(), i.title.clone(), rating_label(doc, i)];
        row.extend(
            fields
                .iter()
                .map(|f| i.fields.get(*f).cloned().unwrap_or_default()),
        );
        row.push(i.target.map_or_else(String::new, |t| t.to_string()));
        grid.row(row);
    }
    grid
}

fn examples_section(doc: &ResultDoc) -> String {
    let with: Vec<&ItemResult> = doc
        .items
        .iter()
        .filter(|i| !i.examples.is_empty())
        .collect();
    let scale = doc.common_scale();
    let (min, max) = scale.map_or((0, 5), |s| (s.min, s.max));
    let strips: Vec<heat::Strip> = with
        .iter()
        .map(|i| heat::Strip {
            label: format!("{} ({})", i.title, score(i.score)),
            cells: i
                .examples
                .iter()
                .map(|e| (e.name.clone(), e.rating))
                .collect(),
        })
        .collect();
    let all: Vec<(&ItemResult, &crate::result::ExampleResult)> = with
        .iter()
        .flat_map(|i| i.examples.iter().map(move |e| (*i, e)))
        .collect();
    let rated = all.iter().filter(|(_, e)| e.rating.is_some());
    let strongest = rated.clone().max_by_key(|(_, e)| e.rating);
    let weakest = rated.min_by_key(|(_, e)| e.rating);
    let mut description = format!(
        "A row for each item with a cell for each of the {} examples named, shaded and \
         numbered by its rating from {min} to {max}; after each item's name, the mean of its \
         examples, which is its score.",
        all.len()
    );
    if let (Some((si, s)), Some((wi, w))) = (strongest, weakest) {
        description.push_str(&format!(
            " Strongest: {} ({}, {}). Weakest: {} ({}, {}).",
            s.name,
            si.title,
            s.rating.unwrap_or_default(),
            w.name,
            wi.title,
            w.rating.unwrap_or_default()
        ));
    }
    let mut out = heading(2, "examples", "Named examples");
    // Kept with its table on one printed page where they fit.
    out.push_str("<div class=\"with-table\">\n");
    out.push_str(&figure(
        "chart-examples",
        &heat::draw(
            "Rating of each named example",
            &description,
            &strips,
            min,
            max,
        ),
    ));
    let mut grid = Grid::new(&[
        ("Item", false),
        ("Example", false),
        ("Rating", true),
        ("Meaning", false),
    ]);
    for (i, e) in &all {
        let meaning = match (e.rating, doc.scale(&i.scale)) {
            (Some(r), Some(s)) => s.label(r),
            (None, _) => "Not applicable / don't know".into(),
            _ => String::new(),
        };
        grid.row(vec![
            i.title.clone(),
            e.name.clone(),
            e.rating.map_or_else(|| "N/A".into(), |r| r.to_string()),
            meaning,
        ]);
    }
    out.push_str(&table(&grid, Some("Named examples and their ratings")));
    out.push_str("</div>\n");
    out
}

fn distribution_section(doc: &ResultDoc) -> String {
    let mut out = heading(2, "answers", "How people answered");
    // One chart per scale, so a legend fits every row under it.
    let mut scales: Vec<&str> = Vec::new();
    for i in doc.items.iter().filter(|i| i.aggregate.is_some()) {
        if !scales.contains(&i.scale.as_str()) {
            scales.push(&i.scale);
        }
    }
    for (k, id) in scales.iter().enumerate() {
        let Some(scale) = doc.scale(id) else {
            continue;
        };
        let items: Vec<&ItemResult> = doc
            .items
            .iter()
            .filter(|i| i.scale == *id && i.aggregate.is_some())
            .collect();
        let rows: Vec<stacked::Row> = items
            .iter()
            .map(|i| stacked::Row {
                label: i.title.clone(),
                counts: i
                    .aggregate
                    .as_ref()
                    .map(|a| a.counts.clone())
                    .unwrap_or_default(),
            })
            .collect();
        let points: Vec<String> = (scale.min..=scale.max)
            .map(|v| format!("{v} {}", scale.label(v)))
            .collect();
        let description = answers_description(items.len(), scale, &points);
        // Kept with its table on one printed page where they fit.
        out.push_str("<div class=\"with-table\">\n");
        out.push_str(&figure(
            &format!("chart-answers-{k}"),
            &stacked::draw(
                "Answers at each point of the scale",
                &description,
                &rows,
                &points,
            ),
        ));
        out.push_str(&table(
            &answers_grid(&items, &points),
            Some("Answers at each point"),
        ));
        out.push_str("</div>\n");
    }
    out
}

/// The stacked chart's text description for `items` items on `scale`, whose points are
/// named as in the legend.
fn answers_description(items: usize, scale: &ScaleRef, points: &[String]) -> String {
    format!(
        "For each of {} items, the share of valid answers at each point of the {}–{} \
         scale, from {} on the left to {} on the right, with the number of valid answers \
         (n) at the end. Not applicable and missing answers are not in the bars; the \
         table below counts them.",
        items,
        scale.min,
        scale.max,
        points.first().cloned().unwrap_or_default(),
        points.last().cloned().unwrap_or_default()
    )
}

/// The table under a stacked chart: each item's answers at each point, then the answers
/// left out of the bars (not applicable, missing) and the mean and median.
fn answers_grid(items: &[&ItemResult], points: &[String]) -> Grid {
    let mut columns: Vec<(String, bool)> = vec![("Item".into(), false)];
    columns.extend(points.iter().map(|p| (p.clone(), true)));
    columns.extend([
        ("n".into(), true),
        ("N/A".into(), true),
        ("Missing".into(), true),
        ("Mean".into(), true),
        ("Median".into(), true),
    ]);
    let columns: Vec<(&str, bool)> = columns.iter().map(|(h, n)| (h.as_str(), *n)).collect();
    let mut grid = Grid::new(&columns);
    for i in items {
        let a = i.aggregate.as_ref();
        let mut row = vec![i.title.clone()];
        let counts = a.map(|a| a.counts.clone()).unwrap_or_default();
        row.extend(
            (0..points.len()).map(|p| counts.get(p).map_or(String::new(), |c| c.to_string())),
        );
        row.extend([
            i.n.to_string(),
            i.not_applicable.to_string(),
            i.missing.to_string(),
            score(a.map(|a| a.mean)),
            score(a.map(|a| a.median)),
        ]);
        grid.row(row);
    }
    grid
}

fn groups_section(doc: &ResultDoc) -> String {
    let Some(by) = &doc.group_by else {
        return String::new();
    };
    let (axis, scale) = axis(doc);
    let by_scale = scale.is_some();
    let clusters: Vec<groups::Cluster> = doc
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| groups::Cluster {
            label: item.title.clone(),
            bars: group_bars(doc, index, item, by_scale),
        })
        .collect();
    let description = groups_description(doc, &by.column, scale);
    let mut out = String::new();
    let blocks_of = crate::render::survey::groups(doc);
    // Heading and note first, then the chart, then the tables.
    let (head, rest) = blocks_of.split_at(blocks_of.len().min(2));
    out.push_str(&blocks(head, "groups"));
    // The chart is kept with the first table after it on one printed page where they fit.
    let first_table = rest
        .iter()
        .position(|b| matches!(b, Block::Grid(_)))
        .map_or(0, |k| k + 1);
    let (with_chart, rest) = rest.split_at(first_table);
    out.push_str("<div class=\"with-table\">\n");
    if doc.groups.len() <= 8 {
        out.push_str(&figure(
            "chart-groups",
            &groups::draw(
                &format!("Scores by {}", by.column),
                &description,
                &clusters,
                axis,
            ),
        ));
    }
    out.push_str(&blocks(with_chart, "groups-with-chart"));
    out.push_str("</div>\n");
    out.push_str(&blocks(rest, "groups-more"));
    out
}

/// A value as the groups chart writes it: a score on the common scale, else a percent.
fn shown_on_axis(v: Option<f64>, by_scale: bool) -> String {
    if by_scale { score(v) } else { percent(v) }
}

/// The bars under one item (the `index`th): all respondents first, then each group; a
/// suppressed group, or one whose figures for the item were withheld, gets no number.
fn group_bars(
    doc: &ResultDoc,
    index: usize,
    item: &ItemResult,
    by_scale: bool,
) -> Vec<groups::GroupBar> {
    let mut bars = vec![groups::GroupBar {
        group: "All respondents".into(),
        value: on_axis(item, by_scale),
        shown: format!(
            "{} (n={})",
            shown_on_axis(on_axis(item, by_scale), by_scale),
            item.n
        ),
        suppressed: false,
    }];
    for g in &doc.groups {
        if g.suppressed {
            bars.push(groups::GroupBar {
                group: g.label.clone(),
                value: None,
                shown: "suppressed".into(),
                suppressed: true,
            });
            continue;
        }
        let figures = g
            .items
            .get(index)
            .filter(|f| f.id == item.id)
            .or_else(|| g.items.iter().find(|f| f.id == item.id));
        if figures.is_some_and(|f| f.reason.is_some()) {
            bars.push(groups::GroupBar {
                group: g.label.clone(),
                value: None,
                shown: "suppressed".into(),
                suppressed: true,
            });
            continue;
        }
        let value = figures.and_then(|f| if by_scale { f.score } else { f.percent });
        bars.push(groups::GroupBar {
            group: g.label.clone(),
            value,
            shown: match value {
                Some(_) => format!(
                    "{} (n={})",
                    shown_on_axis(value, by_scale),
                    figures.and_then(|f| f.n).unwrap_or(0)
                ),
                None => "no answers".into(),
            },
            suppressed: false,
        });
    }
    bars
}

/// The groups chart's text description: which groups, on what axis, and, when some are
/// suppressed, how they are drawn and why.
fn groups_description(doc: &ResultDoc, column: &str, scale: Option<&ScaleRef>) -> String {
    let suppressed = doc.groups.iter().filter(|g| g.suppressed).count();
    let names: Vec<&str> = doc.groups.iter().map(|g| g.label.as_str()).collect();
    format!(
        "For each item, a bar for all respondents and one for each {} group ({}), on {}, \
         each named beside its bar with its score and number of answers.{} The tables below \
         give every figure and the largest differences.",
        column,
        names.join(", "),
        scale_words(scale),
        if suppressed > 0 {
            format!(
                " {suppressed} groups are suppressed, so that nobody can be identified: they \
                 show a dashed outline and the word suppressed, never a number; the tables \
                 below say why."
            )
        } else {
            String::new()
        }
    )
}

fn raters_section(doc: &ResultDoc) -> String {
    // The raters' table as every report has it: the blocks under "Raters".
    let all = report::blocks(doc);
    let start = all
        .iter()
        .position(|b| matches!(b, Block::Heading(h) if h == "Raters"));
    let Some(start) = start else {
        return String::new();
    };
    let end = all[start + 1..]
        .iter()
        .position(|b| matches!(b, Block::Heading(_)))
        .map_or(all.len(), |e| start + 1 + e);
    blocks(&all[start..end], "raters")
}
