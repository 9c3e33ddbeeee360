//! A Result as blocks — headings, paragraphs, lists and grids — built once and drawn by
//! the table and Markdown renderers (which differ only in syntax), and by the web page
//! for its tables; with the wording the result's pages share (who answered, rating labels).

use super::model::{Block, Grid};
use super::text::labelled;
pub use super::wording::unanswered_reason;
use crate::render::text::{bar, number, percent, score};
use crate::result::{GapKind, ResultDoc};

const BAR: usize = 10;

/// A score's 95% interval: "1.67–2.13".
pub fn score_interval(i: crate::result::Interval) -> String {
    format!("{}–{}", score(Some(i.low)), score(Some(i.high)))
}

/// The 95% interval of respondents' own percents: "42–47%", or a dash when the Result
/// does not record it.
pub fn percent_interval(spread: Option<&crate::result::Spread>) -> String {
    match spread.and_then(|s| s.interval) {
        Some(i) => format!(
            "{}–{}",
            percent(Some(i.low)).trim_end_matches('%'),
            percent(Some(i.high))
        ),
        None => "—".into(),
    }
}

/// What a survey report says about its intervals, once.
pub const INTERVALS_MEAN: &str = "95% CI: the range that, 95 times in 100, holds the \
    mean everyone asked would have given, had they all answered: a mean of few or very \
    different answers has a wide range. Two ranges that overlap a lot are not a real \
    difference. For themes and the overall, the range is of each respondent's own score, \
    in percent.";

/// The blocks of a scored Result, every comment listed.
pub fn blocks(doc: &ResultDoc) -> Vec<Block> {
    blocks_listing(doc, None)
}

/// The blocks of a scored Result, listing at most `comments` comments per question
/// (`None`: all).
pub fn blocks_listing(doc: &ResultDoc, comments: Option<usize>) -> Vec<Block> {
    let survey = doc.context.method == crate::result::Method::Survey;
    let mut blocks = opening(doc);
    blocks.extend(overall(doc));
    if doc.themes.len() > 1 {
        blocks.push(Block::Heading("Themes".into()));
        blocks.push(Block::Grid(themes_grid(doc, true)));
    }
    blocks.push(Block::Heading("Items".into()));
    blocks.push(Block::Grid(items_grid(doc, true)));
    if survey {
        blocks.push(Block::Paragraph(INTERVALS_MEAN.into()));
    }
    blocks.extend(super::survey::groups(doc));
    blocks.extend(super::stories::blocks(doc, comments));
    if !doc.raters.is_empty() {
        blocks.push(Block::Heading("Raters".into()));
        blocks.extend(raters(doc));
    }
    blocks.extend(examples(doc));
    blocks.extend(findings(doc));
    blocks.extend(gaps(doc));
    blocks.extend(action_list(doc));
    blocks.extend(recorded(doc));
    if !doc.rejected.is_empty() {
        blocks.push(Block::Heading("Rejected cells".into()));
        blocks.push(Block::Grid(rejected_grid(doc)));
    }
    blocks.extend(super::survey::source(doc));
    blocks.extend(about(doc));
    blocks
}

/// The title, who answered and when, the source, and the Result's warnings.
fn opening(doc: &ResultDoc) -> Vec<Block> {
    let mut blocks = vec![
        Block::Title(format!(
            "{} — {}, {}",
            doc.assessment.title, doc.context.organisation, doc.context.period
        )),
        Block::Paragraph(format!(
            "{}. Scored {}. Source: {}",
            who(doc),
            super::text::human_time(&doc.context.created),
            doc.assessment.source
        )),
    ];
    for w in &doc.warnings {
        blocks.push(Block::Paragraph(format!("Warning: {w}")));
    }
    blocks
}

/// The overall figures, what they leave out, and what the band means.
fn overall(doc: &ResultDoc) -> Vec<Block> {
    let o = &doc.overall;
    let survey = doc.context.method == crate::result::Method::Survey;
    let mut columns = vec![
        ("Score", true),
        ("Percent", true),
        ("", false),
        ("Band", false),
        ("Items answered", true),
    ];
    if survey {
        columns.push(("95% CI", true));
    }
    let mut grid = Grid::new(&columns);
    let mut row = vec![
        unless_hidden(&o.reason, score(o.score)),
        unless_hidden(&o.reason, percent(o.percent)),
        bar(o.percent, BAR),
        unless_hidden(&o.reason, o.band.as_deref().unwrap_or("—").to_string()),
        format!("{} of {}", o.answered, o.items),
    ];
    if survey {
        row.push(percent_interval(o.per_respondent.as_ref()));
    }
    grid.row(row);
    let mut blocks = vec![Block::Heading("Overall".into()), Block::Grid(grid)];
    if let Some(hidden) = not_shown_sentence(doc) {
        blocks.push(Block::Paragraph(hidden));
    } else if o.answered < o.items {
        blocks.push(Block::Paragraph(unscored_sentence(doc)));
    }
    if let Some(note) = &o.note {
        blocks.push(Block::Paragraph(note.clone()));
    }
    if let Some(b) = doc.bands.iter().find(|b| Some(&b.label) == o.band.as_ref())
        && !b.description.is_empty()
    {
        blocks.push(Block::Paragraph(format!("{}: {}", b.label, b.description)));
    }
    blocks
}

/// The examples a workshop named under its items, each with its rating.
fn examples(doc: &ResultDoc) -> Vec<Block> {
    let with_examples: Vec<_> = doc
        .items
        .iter()
        .filter(|i| !i.examples.is_empty())
        .collect();
    if with_examples.is_empty() {
        return Vec::new();
    }
    let mut grid = Grid::new(&[("Item", false), ("Example", false), ("Rating", true)]);
    for item in with_examples {
        for e in &item.examples {
            grid.row(vec![
                item.title.clone(),
                e.name.clone(),
                e.rating.map_or_else(|| "N/A".into(), |r| r.to_string()),
            ]);
        }
    }
    vec![Block::Heading("Examples named".into()), Block::Grid(grid)]
}

/// The findings, each with its severity.
fn findings(doc: &ResultDoc) -> Vec<Block> {
    let body = if doc.findings.is_empty() {
        Block::Paragraph("No findings.".into())
    } else {
        Block::List(
            doc.findings
                .iter()
                .map(|f| format!("[{}] {}", f.severity.as_str(), f.message))
                .collect(),
        )
    };
    vec![Block::Heading("Findings".into()), body]
}

/// The gaps: each item's kind of gap, its score, what was needed and the size.
fn gaps(doc: &ResultDoc) -> Vec<Block> {
    if doc.gaps.is_empty() {
        return vec![
            Block::Heading("Gaps".into()),
            Block::Paragraph("No gaps.".into()),
        ];
    }
    let mut grid = Grid::new(&[
        ("Item", false),
        ("Gap", false),
        ("Score", true),
        ("Needed", true),
        ("Size", true),
    ]);
    for g in &doc.gaps {
        let title = doc
            .item(&g.item)
            .map_or(g.item.clone(), |i| i.title.clone());
        grid.row(vec![
            title,
            g.kind.as_str().into(),
            score(Some(g.score)),
            number(g.reference),
            score(Some(g.size)),
        ]);
    }
    vec![Block::Heading("Gaps".into()), Block::Grid(grid)]
}

/// What was recorded beside the ratings: evidence, the assessment's fields and actions.
fn recorded(doc: &ResultDoc) -> Vec<Block> {
    let recorded: Vec<_> = doc
        .items
        .iter()
        .filter(|i| !i.notes.is_empty() || i.action.is_some() || !i.fields.is_empty())
        .collect();
    if recorded.is_empty() {
        return Vec::new();
    }
    let mut grid = Grid::new(&[
        ("Item", false),
        ("Evidence", false),
        ("Fields", false),
        ("Action", false),
    ]);
    for item in recorded {
        let fields: Vec<String> = item
            .fields
            .iter()
            .map(|(k, v)| labelled(doc.field_label(k), v))
            .collect();
        grid.row(vec![
            item.title.clone(),
            item.notes.join(" / "),
            fields.join("; "),
            item.action.clone().unwrap_or_default(),
        ]);
    }
    vec![
        Block::Heading("Evidence, fields and actions".into()),
        Block::Grid(grid),
    ]
}

/// "About this report": the assessment's version and definition, when and by what.
fn about(doc: &ResultDoc) -> Vec<Block> {
    vec![
        Block::Heading(super::wording::ABOUT.into()),
        Block::Paragraph(format!(
            "Assessment {} version {} (definition {}), scored {} ({}) by plead {}.",
            doc.assessment.id,
            doc.assessment.version,
            doc.assessment.definition_hash,
            super::text::human_time(&doc.context.created),
            doc.context.created,
            doc.context.plead_version
        )),
    ]
}

/// The items below the gap threshold under their theme, when the assessment asks for an
/// action list (e.g. the points of a checklist not yet done, section by section).
fn action_list(doc: &ResultDoc) -> Vec<Block> {
    let Some(threshold) = doc.gap_threshold.filter(|_| doc.action_list) else {
        return Vec::new();
    };
    let below = |id: &str| {
        doc.gaps
            .iter()
            .any(|g| g.item == id && g.kind == GapKind::BelowThreshold)
    };
    let mut blocks = vec![Block::Heading("Action list".into())];
    let mut any = false;
    for theme in &doc.themes {
        let entries: Vec<String> = doc
            .items
            .iter()
            .filter(|i| i.theme == theme.id && below(&i.id))
            .map(|i| {
                let rating = match (i.score, doc.scale(&i.scale)) {
                    (Some(s), Some(scale)) if s.fract() == 0.0 => scale.label(s as i32),
                    (s, _) => score(s),
                };
                match &i.action {
                    Some(action) => format!("{} ({rating}): {action}", i.title),
                    None => format!("{} ({rating})", i.title),
                }
            })
            .collect();
        if !entries.is_empty() {
            any = true;
            blocks.push(Block::Paragraph(format!("{}:", theme.title)));
            blocks.push(Block::List(entries));
        }
    }
    if any {
        blocks.insert(
            1,
            Block::Paragraph(format!(
                "What scored below {}, by theme: the place to start planning.",
                number(threshold)
            )),
        );
    } else {
        blocks.push(Block::Paragraph(format!(
            "Nothing scored below {}.",
            number(threshold)
        )));
    }
    blocks
}

/// Each rater's rating per item, the spread, and the mean of each tag of raters; with two
/// tags, the gap between them (e.g. patient leaders − staff).
fn raters(doc: &ResultDoc) -> Vec<Block> {
    let mut tags: Vec<&str> = Vec::new();
    for t in doc.raters.iter().filter_map(|r| r.tag.as_deref()) {
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    let mut columns: Vec<(String, bool)> = vec![("Item".into(), false)];
    columns.extend(doc.raters.iter().map(|r| (r.label.clone(), true)));
    columns.push(("Range".into(), false));
    columns.push(("Agreed".into(), true));
    columns.extend(tags.iter().map(|t| (t.to_string(), true)));
    if tags.len() == 2 {
        columns.push(("Gap".into(), true));
    }
    let columns: Vec<(&str, bool)> = columns.iter().map(|(h, n)| (h.as_str(), *n)).collect();
    let mut grid = Grid::new(&columns);
    for item in doc.items.iter().filter(|i| !i.ratings.is_empty()) {
        let mut row = vec![item.title.clone()];
        let mut given = Vec::new();
        for r in &doc.raters {
            let rating = item.ratings.iter().find(|x| x.rater == r.label);
            row.push(match rating {
                Some(x) => x.rating.map_or_else(
                    || "N/A".into(),
                    |v| {
                        given.push(v);
                        v.to_string()
                    },
                ),
                None => String::new(),
            });
        }
        // A range of one point is no range: the raters agree.
        let range = match (given.iter().min(), given.iter().max()) {
            (Some(lo), Some(hi)) if hi - lo >= 2 => format!("{lo}–{hi} ⚑"),
            (Some(lo), Some(hi)) if lo != hi => format!("{lo}–{hi}"),
            (Some(_), Some(_)) if given.len() > 1 => "agree".into(),
            _ => String::new(),
        };
        row.push(range);
        row.push(score(item.score));
        let mean_of = |tag: &str| {
            item.tag_means
                .iter()
                .find(|m| m.tag == tag)
                .and_then(|m| m.mean)
        };
        row.extend(tags.iter().map(|t| score(mean_of(t))));
        if tags.len() == 2 {
            let gap = mean_of(tags[0]).zip(mean_of(tags[1])).map(|(a, b)| a - b);
            // No difference between the tags is not a gap of +0.00.
            row.push(gap.map_or_else(
                || "—".into(),
                |g| {
                    if g.abs() < 0.005 {
                        "none".into()
                    } else {
                        format!("{g:+.2}")
                    }
                },
            ));
        }
        grid.row(row);
    }
    let mut text = String::from(
        "Each rater's rating, the range (⚑ marks a spread of 2 or more points: a disagreement to discuss) and the group's agreed rating, which is the item's score.",
    );
    if !tags.is_empty() {
        text.push_str(" Under each tag, the mean rating of the raters with that tag");
        if tags.len() == 2 {
            text.push_str(&format!("; Gap is {} mean − {} mean", tags[0], tags[1]));
        }
        text.push('.');
    }
    vec![Block::Paragraph(text), Block::Grid(grid)]
}

/// The label of an item's rating: the scale's label for a whole-point score, where a
/// mean lies between two labels, or for no score why: "Not applicable", "Not answered",
/// or "No column in the file" (a survey scored with `--allow-missing`).
pub fn rating_label(doc: &ResultDoc, item: &crate::result::ItemResult) -> String {
    if let Some(label) = doc.rating_label(item) {
        return label;
    }
    match (item.score, doc.scale(&item.scale)) {
        (Some(s), Some(scale)) => between_labels(scale, s),
        (Some(_), _) => String::new(),
        (None, _) => unanswered_reason(doc, item),
    }
}

/// What a suppressed figure shows in place of its number.
pub const NOT_SHOWN: &str = "not shown";

/// A figure as the report shows it: "not shown" when it is suppressed (`reason`).
fn unless_hidden(reason: &Option<String>, shown: String) -> String {
    if reason.is_some() {
        NOT_SHOWN.into()
    } else {
        shown
    }
}

/// What the minimum hides of the whole survey, said once under the overall figures:
/// "Not shown: fewer than 11 answers: Decision-making, Co-design; includes an item with
/// fewer than 11 answers: the overall score, Invest in Patient Leaders." `None` when
/// nothing is hidden.
pub fn not_shown_sentence(doc: &ResultDoc) -> Option<String> {
    let figures = std::iter::once((&doc.overall.reason, "the overall score and band".into()))
        .chain(
            doc.themes
                .iter()
                .map(|t| (&t.reason, format!("theme {}", t.title))),
        )
        .chain(doc.items.iter().map(|i| (&i.reason, i.title.clone())));
    let mut reasons: Vec<(&str, Vec<String>)> = Vec::new();
    for (reason, what) in figures {
        let Some(r) = reason.as_deref() else { continue };
        match reasons.iter_mut().find(|(x, _)| *x == r) {
            Some((_, list)) => list.push(what),
            None => reasons.push((r, vec![what])),
        }
    }
    if reasons.is_empty() {
        return None;
    }
    let min = doc.survey.as_ref().map_or(0, |s| s.min_group);
    if doc.respondents < min {
        return Some(format!(
            "No score figure is shown: the file has fewer respondents than the minimum of {min} answers a figure rests on."
        ));
    }
    let parts: Vec<String> = reasons
        .iter()
        .map(|(r, list)| format!("{r}: {}", list.join(", ")))
        .collect();
    Some(format!(
        "Not shown, so that no figure rests on fewer than {min} answers — {}.",
        parts.join("; ")
    ))
}

/// "3 of 10 items have no score (2 not answered, 1 no column in the file): …".
pub fn unscored_sentence(doc: &ResultDoc) -> String {
    let o = &doc.overall;
    let mut reasons: Vec<(String, usize)> = Vec::new();
    for item in doc.items.iter().filter(|i| i.score.is_none()) {
        let why = unanswered_reason(doc, item);
        match reasons.iter_mut().find(|(r, _)| *r == why) {
            Some((_, k)) => *k += 1,
            None => reasons.push((why, 1)),
        }
    }
    let reasons: Vec<String> = reasons
        .iter()
        .map(|(r, k)| format!("{k} {}", r.to_lowercase()))
        .collect();
    format!(
        "{} of {} items have no score ({}): the overall score and band cover the {} that do.",
        o.items - o.answered,
        o.items,
        reasons.join(", "),
        o.answered
    )
}

/// Where a score that is not a whole point lies on its scale: "between Partly and Done",
/// naming the points on either side of it.
pub fn between_labels(scale: &crate::result::ScaleRef, score: f64) -> String {
    let below = scale
        .points
        .iter()
        .filter(|p| f64::from(p.value) < score)
        .max_by_key(|p| p.value);
    let above = scale
        .points
        .iter()
        .filter(|p| f64::from(p.value) > score)
        .min_by_key(|p| p.value);
    match (below, above) {
        (Some(a), Some(b)) => format!("between {} and {}", a.label, b.label),
        _ => String::new(),
    }
}

/// Every item's figures, with a text bar column when `bars`. A survey's score is a mean, so
/// it has no one label; targets are a workshop's, shown only when one was set.
pub fn items_grid(doc: &ResultDoc, bars: bool) -> Grid {
    let survey = doc.context.method == crate::result::Method::Survey;
    // A survey's row has many figures: its interval says more than a bar, and the
    // title needs the room.
    let bars = bars && !survey;
    let targets = doc.items.iter().any(|i| i.target.is_some());
    let mut columns = vec![("#", true), ("Item", false), ("Score", true)];
    if !survey {
        columns.push(("Rating", false));
    }
    columns.push(("Percent", true));
    if bars {
        columns.push(("", false));
    }
    if survey {
        columns.extend([
            ("n", true),
            ("N/A", true),
            ("Missing", true),
            ("Median", true),
            ("SD", true),
            ("95% CI", true),
        ]);
    }
    if targets {
        columns.push(("Target", true));
    }
    let mut grid = Grid::new(&columns);
    for (i, item) in doc.items.iter().enumerate() {
        let hidden = &item.reason;
        let mut row = vec![
            (i + 1).to_string(),
            item.title.clone(),
            unless_hidden(hidden, score(item.score)),
        ];
        if !survey {
            row.push(rating_label(doc, item));
        }
        row.push(unless_hidden(hidden, percent(item.percent)));
        if bars {
            row.push(bar(item.percent, BAR));
        }
        if survey {
            let aggregate = item.aggregate.as_ref();
            row.extend([
                item.n.to_string(),
                item.not_applicable.to_string(),
                item.missing.to_string(),
                score(aggregate.map(|a| a.median)),
                score(aggregate.map(|a| a.sd)),
                aggregate
                    .and_then(|a| a.interval)
                    .map_or_else(|| "—".into(), score_interval),
            ]);
        }
        if targets {
            row.push(item.target.map_or_else(String::new, |t| t.to_string()));
        }
        grid.row(row);
    }
    grid
}

/// The survey cells that could not be read: row, column, value and why.
pub fn rejected_grid(doc: &ResultDoc) -> Grid {
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
    grid
}

/// Who answered, in words.
pub fn who(doc: &ResultDoc) -> String {
    match doc.context.method {
        crate::result::Method::Workshop if !doc.raters.is_empty() => {
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
        crate::result::Method::Workshop => "Workshop (one agreed rating per item)".into(),
        crate::result::Method::Survey => format!("Survey of {} respondents", doc.respondents),
    }
}

/// Every theme's score, percent and items answered, with a text bar column when `bars`.
pub fn themes_grid(doc: &ResultDoc, bars: bool) -> Grid {
    let mut columns = vec![("Theme", false), ("Score", true), ("Percent", true)];
    if bars {
        columns.push(("", false));
    }
    columns.push(("Answered", true));
    let survey = doc.context.method == crate::result::Method::Survey;
    if survey {
        columns.push(("95% CI", true));
    }
    let mut grid = Grid::new(&columns);
    for t in &doc.themes {
        let mut row = vec![
            t.title.clone(),
            unless_hidden(&t.reason, score(t.score)),
            unless_hidden(&t.reason, percent(t.percent)),
        ];
        if bars {
            row.push(bar(t.percent, BAR));
        }
        row.push(format!("{} of {}", t.answered, t.items));
        if survey {
            row.push(percent_interval(t.per_respondent.as_ref()));
        }
        grid.row(row);
    }
    grid
}
