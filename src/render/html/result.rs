//! A Result as a web page: a header with the headline figures, then the charts the data
//! calls for — decided from what the Result holds, never from the assessment's id — each
//! followed by the table of its figures, then findings, priorities and an action plan.
//!
//! Which charts: a workshop on scales of at most three points (missing / partly / in
//! place) is a grid of statuses; otherwise bars per item grouped by theme, with a radar
//! when there are 3 to 12 items on one scale; items rated through named examples add a
//! heat strip; survey aggregates add stacked distributions; groups add bars side by side.

use std::collections::BTreeSet;

use super::{
    DEVELOPMENT_TOOL, blocks, date, escape, facts, figure, footer, heading, page, paragraphs, table,
};
use crate::render::grid::{self, Block, Grid};
use crate::render::svg::bars::{self, Axis, Bar, Section};
use crate::render::svg::{groups, heat, radar, stacked, status};
use crate::render::text::{number, percent, score};
use crate::result::{GapKind, ItemResult, Method, ResultDoc, ScaleRef};

/// The page for a Result.
pub fn result(doc: &ResultDoc) -> String {
    let title = format!(
        "{} — {}, {}",
        doc.assessment.title, doc.context.organisation, doc.context.period
    );
    let mut main = String::new();
    main.push_str(&charts(doc));
    main.push_str(&findings(doc));
    main.push_str(&priorities(doc));
    main.push_str(&action_plan(doc));
    main.push_str(&data(doc));
    let footer = footer(&format!(
        "{} version {} ({}), scored {} by plead {}.",
        doc.assessment.id,
        doc.assessment.version,
        doc.assessment.definition_hash,
        doc.context.created,
        doc.context.plead_version
    ));
    page(&title, &header(doc), &main, &footer)
}

/// Who answered, in words.
fn who(doc: &ResultDoc) -> String {
    match doc.context.method {
        Method::Workshop if !doc.raters.is_empty() => {
            let names: Vec<String> = doc
                .raters
                .iter()
                .map(|r| match &r.tag {
                    Some(t) => format!("{} ({t})", r.label),
                    None => r.label.clone(),
                })
                .collect();
            format!("Workshop with {} raters: {}", names.len(), names.join(", "))
        }
        Method::Workshop => "Workshop (one agreed rating per item)".into(),
        Method::Survey => format!("Survey of {} respondents", doc.respondents),
    }
}

/// The one scale every item is rated on, if there is one.
fn common_scale(doc: &ResultDoc) -> Option<&ScaleRef> {
    let ids: BTreeSet<&str> = doc.items.iter().map(|i| i.scale.as_str()).collect();
    match ids.len() {
        1 => doc.scale(ids.first()?),
        _ => None,
    }
}

fn header(doc: &ResultDoc) -> String {
    let o = &doc.overall;
    let mut out = format!(
        "<p class=\"kicker\">Patient leadership assessment report</p>\n<h1>{}</h1>\n\
         <p class=\"subtitle\">{}, {}</p>\n",
        escape(&doc.assessment.title),
        escape(&doc.context.organisation),
        escape(&doc.context.period)
    );
    out.push_str(&facts(&[
        ("Organisation", doc.context.organisation.clone()),
        ("Period", doc.context.period.clone()),
        (
            "Assessment",
            format!(
                "{} (version {})",
                doc.assessment.title, doc.assessment.version
            ),
        ),
        ("Source", doc.assessment.source.clone()),
        ("Date", date(&doc.context.created)),
        (
            if doc.context.method == Method::Survey {
                "Respondents"
            } else {
                "Raters"
            },
            who(doc),
        ),
    ]));
    let out_of = common_scale(doc).map_or(String::new(), |s| format!(" of {}", s.max));
    out.push_str("<div class=\"headline\">\n");
    let mut figure = |label: &str, value: String| out.push_str(&super::headline(label, &value));
    figure("Overall score", format!("{}{out_of}", score(o.score)));
    figure("Percent", percent(o.percent));
    figure("Band", o.band.clone().unwrap_or_else(|| "—".into()));
    figure("Items answered", format!("{} of {}", o.answered, o.items));
    out.push_str("</div>\n");
    if let Some(b) = doc.bands.iter().find(|b| Some(&b.label) == o.band.as_ref())
        && !b.description.is_empty()
    {
        out.push_str(&format!(
            "<p><strong>{}:</strong> {}</p>\n",
            escape(&b.label),
            escape(&b.description)
        ));
    }
    if o.answered < o.items {
        out.push_str(&format!(
            "<p>{} of {} items have no score (not answered or not applicable): the overall \
             score and band cover the {} that do.</p>\n",
            o.items - o.answered,
            o.items,
            o.answered
        ));
    }
    out.push_str(&format!(
        "<p class=\"tool-note\">{}</p>\n",
        escape(DEVELOPMENT_TOOL)
    ));
    out
}

/// A status grid fits a workshop whose items are all on scales of two or three points.
fn is_status(doc: &ResultDoc) -> bool {
    doc.context.method == Method::Workshop
        && doc
            .items
            .iter()
            .all(|i| doc.scale(&i.scale).is_some_and(|s| s.max - s.min <= 2))
}

fn charts(doc: &ResultDoc) -> String {
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

/// The label of an item's rating when it is a whole point ("Partly in place").
fn rating_label(doc: &ResultDoc, item: &ItemResult) -> String {
    match (item.score, doc.scale(&item.scale)) {
        (Some(s), Some(scale)) if s.fract() == 0.0 => scale.label(s as i32),
        (None, _) if item.not_applicable > 0 && doc.context.method == Method::Workshop => {
            "Not applicable".into()
        }
        (None, _) => "Not answered".into(),
        _ => String::new(),
    }
}

/// The axis items are drawn on: their one scale, else percents.
fn axis(doc: &ResultDoc) -> (Axis, Option<&ScaleRef>) {
    match common_scale(doc) {
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
    let mut sections = Vec::new();
    let grouped = doc.themes.len() > 1;
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
                target: i.target.map(|t| {
                    if by_scale {
                        t as f64
                    } else {
                        doc.scale(&i.scale).map_or(0.0, |s| {
                            (t - s.min) as f64 / (s.max - s.min).max(1) as f64 * 100.0
                        })
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
            " A diamond marks the target set for {targets} items."
        ));
    }
    description.push_str(" The table below gives every figure.");
    let mut out = heading(2, "scores", "Scores");
    out.push_str(&figure(
        "chart-bars",
        &bars::draw("Score of each item", &description, &sections, axis),
    ));
    if let Some(s) = scale
        && (radar::MIN_ITEMS..=radar::MAX_ITEMS).contains(&doc.items.len())
    {
        let spokes: Vec<radar::Spoke> = doc
            .items
            .iter()
            .enumerate()
            .map(|(n, i)| radar::Spoke {
                label: format!("{} {}", n + 1, i.title),
                value: i.score,
            })
            .collect();
        let description = format!(
            "The same {} scores as a radar: one spoke per item, numbered as in the table, \
             with a ring at each point of the {}–{} scale; the further out, the higher the \
             score. Items not answered sit at the centre.",
            doc.items.len(),
            s.min,
            s.max
        );
        out.push_str(&figure(
            "chart-radar",
            &radar::draw(
                "The items as a radar",
                &description,
                &spokes,
                s.min as f64,
                s.max as f64,
            ),
        ));
    }
    if doc.themes.len() > 1 {
        let mut themes = Grid::new(&[
            ("Theme", false),
            ("Score", true),
            ("Percent", true),
            ("Answered", true),
        ]);
        for t in &doc.themes {
            themes.row(vec![
                t.title.clone(),
                score(t.score),
                percent(t.percent),
                format!("{} of {}", t.answered, t.items),
            ]);
        }
        out.push_str(&table(&themes, Some("Themes")));
    }
    out.push_str(&table(&items_grid(doc), Some("Items")));
    out
}

/// Every item's figures: the data behind the bars and the radar.
fn items_grid(doc: &ResultDoc) -> Grid {
    let survey = doc.context.method == Method::Survey;
    let targets = doc.items.iter().any(|i| i.target.is_some());
    let mut columns = vec![("#", true), ("Item", false), ("Score", true)];
    if !survey {
        columns.push(("Rating", false));
    }
    columns.push(("Percent", true));
    if survey {
        columns.extend([
            ("n", true),
            ("N/A", true),
            ("Missing", true),
            ("Median", true),
            ("SD", true),
        ]);
    }
    if targets {
        columns.push(("Target", true));
    }
    let mut grid = Grid::new(&columns);
    for (n, item) in doc.items.iter().enumerate() {
        let mut row = vec![(n + 1).to_string(), item.title.clone(), score(item.score)];
        if !survey {
            row.push(rating_label(doc, item));
        }
        row.push(percent(item.percent));
        if survey {
            let a = item.aggregate.as_ref();
            row.extend([
                item.n.to_string(),
                item.not_applicable.to_string(),
                item.missing.to_string(),
                score(a.map(|a| a.median)),
                score(a.map(|a| a.sd)),
            ]);
        }
        if targets {
            row.push(item.target.map_or_else(String::new, |t| t.to_string()));
        }
        grid.row(row);
    }
    grid
}

/// A field id as a column heading: "holder" → "Holder", "lead-name" → "Lead name".
fn field_heading(id: &str) -> String {
    let words = id.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn status_section(doc: &ResultDoc) -> String {
    let fields: Vec<&String> = {
        let mut seen: Vec<&String> = Vec::new();
        for k in doc.items.iter().flat_map(|i| i.fields.keys()) {
            if !seen.contains(&k) {
                seen.push(k);
            }
        }
        seen
    };
    let levels = common_scale(doc).map_or(3, |s| (s.max - s.min + 1) as usize);
    let tiles: Vec<status::Tile> = doc
        .items
        .iter()
        .map(|i| {
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
                    .map(|(k, v)| format!("{}: {v}", field_heading(k)))
                    .collect(),
            }
        })
        .collect();
    let mut counts: Vec<String> = Vec::new();
    if let Some(s) = common_scale(doc) {
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
    let description = format!(
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
                    .map(|f| field_heading(f).to_lowercase())
                    .collect::<Vec<_>>()
                    .join(" and ")
            )
        },
        counts.join(", ")
    );
    let mut out = heading(2, "status", "Status of each item");
    out.push_str(&figure(
        "chart-status",
        &status::draw(&doc.assessment.title, &description, &tiles, levels),
    ));
    let mut columns: Vec<(String, bool)> = vec![
        ("#".into(), true),
        ("Item".into(), false),
        ("Status".into(), false),
    ];
    columns.extend(fields.iter().map(|f| (field_heading(f), false)));
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
    out.push_str(&table(&grid, Some("Status of each item")));
    out
}

fn examples_section(doc: &ResultDoc) -> String {
    let with: Vec<&ItemResult> = doc
        .items
        .iter()
        .filter(|i| !i.examples.is_empty())
        .collect();
    let scale = common_scale(doc);
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
        let description = format!(
            "For each of {} items, the share of valid answers at each point of the {}–{} \
             scale, from {} on the left to {} on the right, with the number of valid answers \
             (n) at the end. Not applicable and missing answers are not in the bars; the \
             table below counts them.",
            items.len(),
            scale.min,
            scale.max,
            points.first().cloned().unwrap_or_default(),
            points.last().cloned().unwrap_or_default()
        );
        out.push_str(&figure(
            &format!("chart-answers-{k}"),
            &stacked::draw(
                "Answers at each point of the scale",
                &description,
                &rows,
                &points,
            ),
        ));
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
        for i in &items {
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
        out.push_str(&table(&grid, Some("Answers at each point")));
    }
    out
}

fn groups_section(doc: &ResultDoc) -> String {
    let Some(by) = &doc.group_by else {
        return String::new();
    };
    let (axis, scale) = axis(doc);
    let by_scale = scale.is_some();
    let shown = |v: Option<f64>| {
        if by_scale { score(v) } else { percent(v) }
    };
    let suppressed = doc.groups.iter().filter(|g| g.suppressed).count();
    let clusters: Vec<groups::Cluster> = doc
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let mut bars = vec![groups::GroupBar {
                group: "All respondents".into(),
                value: on_axis(item, by_scale),
                shown: format!("{} (n={})", shown(on_axis(item, by_scale)), item.n),
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
                let value = figures.and_then(|f| if by_scale { f.score } else { f.percent });
                bars.push(groups::GroupBar {
                    group: g.label.clone(),
                    value,
                    shown: match value {
                        Some(_) => format!("{} (n={})", shown(value), figures.map_or(0, |f| f.n)),
                        None => "no answers".into(),
                    },
                    suppressed: false,
                });
            }
            groups::Cluster {
                label: item.title.clone(),
                bars,
            }
        })
        .collect();
    let names: Vec<&str> = doc.groups.iter().map(|g| g.label.as_str()).collect();
    let description = format!(
        "For each item, a bar for all respondents and one for each {} group ({}), on {}, \
         each named beside its bar with its score and number of answers.{} The tables below \
         give every figure and the largest differences.",
        by.column,
        names.join(", "),
        scale_words(scale),
        if suppressed > 0 {
            format!(
                " {suppressed} groups are suppressed, so that nobody can be identified: they \
                 show a dashed outline and the word suppressed, never a number."
            )
        } else {
            String::new()
        }
    );
    let mut out = String::new();
    let blocks_of = crate::render::survey::groups(doc);
    // Heading and note first, then the chart, then the tables.
    let (head, rest) = blocks_of.split_at(blocks_of.len().min(2));
    out.push_str(&blocks(head, "groups"));
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
    out.push_str(&blocks(rest, "groups-more"));
    out
}

fn raters_section(doc: &ResultDoc) -> String {
    // The raters' table as every report has it: the blocks under "Raters".
    let all = grid::result(doc);
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

fn severity_badge(s: crate::assessment::Severity) -> String {
    format!(
        "<span class=\"severity severity-{0}\">{0}</span>",
        escape(s.as_str())
    )
}

fn findings(doc: &ResultDoc) -> String {
    let mut out = heading(2, "findings", "Findings");
    if doc.findings.is_empty() {
        out.push_str("<p>No findings.</p>\n");
        return out;
    }
    out.push_str("<ul class=\"findings\">\n");
    for f in &doc.findings {
        out.push_str(&format!(
            "<li>{}{}</li>\n",
            severity_badge(f.severity),
            escape(&f.message)
        ));
    }
    out.push_str("</ul>\n");
    out
}

/// An item's score as a reader wants it: "1.00 (Partly in place)".
fn score_and_label(doc: &ResultDoc, item: &ItemResult) -> String {
    let label = rating_label(doc, item);
    match item.score {
        Some(_) if !label.is_empty() => format!("{} ({label})", score(item.score)),
        Some(_) => score(item.score),
        None => label,
    }
}

fn priorities(doc: &ResultDoc) -> String {
    let mut out = heading(2, "priorities", "Priorities");
    out.push_str(
        "<p>Where to start: the lowest scores and the largest gaps to the targets set. \
         The action plan below has what good looks like for each.</p>\n",
    );
    let mut answered: Vec<&ItemResult> = doc.items.iter().filter(|i| i.score.is_some()).collect();
    answered.sort_by(|a, b| {
        a.percent
            .partial_cmp(&b.percent)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let lowest: Vec<&ItemResult> = answered.into_iter().take(3).collect();
    if !lowest.is_empty() {
        let mut grid = Grid::new(&[("Item", false), ("Score", false), ("Percent", true)]);
        for i in &lowest {
            grid.row(vec![
                i.title.clone(),
                score_and_label(doc, i),
                percent(i.percent),
            ]);
        }
        out.push_str(&heading(3, "lowest", "Lowest scores"));
        out.push_str(&table(&grid, None));
    }
    let mut to_target: Vec<_> = doc
        .gaps
        .iter()
        .filter(|g| g.kind == GapKind::ToTarget)
        .collect();
    to_target.sort_by(|a, b| {
        b.size
            .partial_cmp(&a.size)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    out.push_str(&heading(3, "to-target", "Largest gaps to target"));
    if to_target.is_empty() {
        out.push_str("<p>No targets were set, or every target is met.</p>\n");
    } else {
        let mut grid = Grid::new(&[
            ("Item", false),
            ("Score", false),
            ("Target", true),
            ("Gap", true),
        ]);
        for g in to_target.iter().take(5) {
            let (title, now) = match doc.item(&g.item) {
                Some(i) => (i.title.clone(), score_and_label(doc, i)),
                None => (g.item.clone(), score(Some(g.score))),
            };
            grid.row(vec![title, now, number(g.reference), score(Some(g.size))]);
        }
        out.push_str(&table(&grid, None));
    }
    let below: Vec<&str> = doc
        .gaps
        .iter()
        .filter(|g| g.kind == GapKind::BelowThreshold)
        .map(|g| {
            doc.item(&g.item)
                .map_or(g.item.as_str(), |i| i.title.as_str())
        })
        .collect();
    if let Some(threshold) = doc.gap_threshold {
        out.push_str(&heading(
            3,
            "below",
            &format!("Below {}", number(threshold)),
        ));
        if below.is_empty() {
            out.push_str(&format!(
                "<p>No item scored below {}.</p>\n",
                number(threshold)
            ));
        } else {
            out.push_str(&format!(
                "<p>{} items scored below {}: {}.</p>\n",
                below.len(),
                number(threshold),
                escape(&below.join(", "))
            ));
        }
    }
    out
}

/// The first paragraph of an item's guidance.
fn what_good_looks_like(item: &ItemResult) -> String {
    item.guidance
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn action_plan(doc: &ResultDoc) -> String {
    let gap = |id: &str| doc.gaps.iter().any(|g| g.item == id);
    let items: Vec<&ItemResult> = doc
        .items
        .iter()
        .filter(|i| gap(&i.id) || i.target.is_some() || i.action.is_some() || !i.notes.is_empty())
        .collect();
    let mut out = heading(2, "action-plan", "Action plan");
    if items.is_empty() {
        out.push_str("<p>No gaps, targets, evidence or actions were recorded.</p>\n");
        return out;
    }
    out.push_str(
        "<p>Every item with a gap, a target, evidence or an action: where it stands, what \
         good looks like (the first paragraph of the guide's text), the evidence noted and \
         the action agreed.</p>\n",
    );
    out.push_str(
        "<table class=\"plan\">\n<thead><tr><th scope=\"col\">Item</th>\
         <th scope=\"col\">Now</th><th scope=\"col\" class=\"num\">Target</th>\
         <th scope=\"col\">What good looks like</th><th scope=\"col\">Evidence</th>\
         <th scope=\"col\">Action</th></tr></thead>\n<tbody>\n",
    );
    for i in items {
        let evidence: String = if i.notes.is_empty() {
            "<span class=\"muted\">none recorded</span>".into()
        } else {
            i.notes.iter().map(|n| paragraphs(n)).collect()
        };
        let action = match &i.action {
            Some(a) => paragraphs(a),
            None => "<span class=\"muted\">none recorded yet</span>".into(),
        };
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td class=\"num\">{}</td><td>{}</td>\
             <td>{}</td><td>{}</td></tr>\n",
            escape(&i.title),
            escape(&score_and_label(doc, i)),
            escape(&i.target.map_or_else(String::new, |t| t.to_string())),
            paragraphs(&what_good_looks_like(i)),
            evidence,
            action,
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// Where the figures came from: rejected cells and how a survey file was read.
fn data(doc: &ResultDoc) -> String {
    let mut out = String::new();
    if !doc.rejected.is_empty() {
        out.push_str(&heading(2, "rejected", "Rejected cells"));
        out.push_str(
            "<p>Cells of the survey file that could not be read as an answer, and why: they \
             are not counted.</p>\n",
        );
        let mut grid = Grid::new(&[
            ("Row", true),
            ("Column", false),
            ("Value", false),
            ("Reason", false),
        ]);
        for r in &doc.rejected {
            grid.row(vec![
                r.row.to_string(),
                r.column.clone(),
                r.value.clone(),
                r.reason.clone(),
            ]);
        }
        out.push_str(&table(&grid, None));
    }
    out.push_str(&blocks(&crate::render::survey::source(doc), "source"));
    out
}
