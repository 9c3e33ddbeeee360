//! The trend report: every row across the periods, as shared blocks (with a sparkline
//! per row on a terminal) and as a typed table (CSV and xlsx), then the findings and gaps that persisted through
//! every period.

use super::model::{Block, Cell, Column, Grid, Shown, Table};
use super::text::{percent, score_figure};
use super::wording::{short_of, signed, snake};
use crate::compare::trend::{Series, Trend};
use crate::compare::{Change, Direction, Significance};

const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A sparkline of percents on a fixed 0–100% scale, so rows compare with each other and
/// small moves look small; a space where there is no score.
pub fn sparkline(percents: &[Option<f64>]) -> String {
    percents
        .iter()
        .map(|p| match p {
            Some(p) => SPARKS[((p.clamp(0.0, 100.0) / 100.0) * 7.0).round() as usize],
            None => ' ',
        })
        .collect()
}

/// A change in a cell, kept short for a row of many periods: "+0.50 ▲", with a star
/// when a Welch test found it significant (the legend says so in words).
fn change_cell(c: &Change) -> String {
    if c.hidden.is_some() {
        return super::result::NOT_SHOWN.into();
    }
    let number = match (c.change, c.percent_change) {
        (Some(_), _) => signed(c.old, c.new),
        // Scales of different lengths: only the percents compare.
        (None, Some(_)) => super::wording::signed_percent(c.old_percent, c.new_percent),
        (None, None) => return "—".into(),
    };
    let arrow = match c.direction {
        Direction::Improved => "▲",
        Direction::Worse => "▼",
        Direction::Unchanged => "=",
        Direction::NoSignificantChange => "≈",
        Direction::NotTested => "?",
        Direction::NotComparable => "",
    };
    let star = if c.significance == Significance::Significant {
        " *"
    } else {
        ""
    };
    format!("{number} {arrow}{star}")
}

/// The legend of the change cells, in words.
fn legend(t: &Trend) -> String {
    let tested = t
        .items
        .iter()
        .any(|s| s.latest.welch.is_some() || s.since_first.welch.is_some());
    let mut legend = "Changes: ▲ improved, ▼ worse, = unchanged.".to_string();
    if tested {
        legend.push_str(
            " ≈ no significant change, ? not tested. * significant: a two-sided Welch t-test \
             at 5% says the change between the two surveys is unlikely to be chance; between \
             two surveys only such changes are called improved or worse. Changes involving a \
             workshop are not tested.",
        );
    } else {
        legend.push_str(" No change is tested: a workshop score is one agreed rating.");
    }
    legend
}

/// Period headers, made unique where two results share a period.
fn headers(t: &Trend) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in &t.periods {
        let mut h = p.period.clone();
        let mut k = 2;
        while out.contains(&h) {
            h = format!("{} ({k})", p.period);
            k += 1;
        }
        out.push(h);
    }
    out
}

/// A series' score in each period, or that its item was not asked then, or that its
/// figure is not shown (suppressed in that period's Result).
fn cells(s: &Series) -> impl Iterator<Item = Shown> + '_ {
    s.scores
        .iter()
        .zip(&s.present)
        .enumerate()
        .map(|(k, (v, present))| {
            if !*present {
                "not asked".into()
            } else if s.hidden.get(k).is_some_and(Option::is_some) {
                super::result::NOT_SHOWN.into()
            } else {
                score_figure(*v)
            }
        })
}

/// The blocks of a trend report; `sparklines` adds a trend column (for a terminal).
pub fn blocks(t: &Trend, sparklines: bool) -> Vec<Block> {
    let periods = headers(t);
    let mut blocks = introduction(t);

    blocks.push(Block::Heading("Overall".into()));
    blocks.push(Block::Grid(overall_grid(t, &periods, sparklines)));

    if t.themes.len() > 1 {
        blocks.push(Block::Heading("Themes".into()));
        let mut themes = series_grid(&periods, &[("Theme", false)], sparklines);
        for s in &t.themes {
            let mut row: Vec<Shown> = vec![s.title.clone().into()];
            row.extend(cells(s));
            series_tail(s, sparklines, &mut row);
            themes.shown(row);
        }
        blocks.push(Block::Grid(themes));
    }

    blocks.push(Block::Heading("Items".into()));
    let mut items = series_grid(&periods, &[("#", true), ("Item", false)], sparklines);
    for (i, s) in t.items.iter().enumerate() {
        let mut row = vec![Shown::count(i + 1), s.title.clone().into()];
        row.extend(cells(s));
        series_tail(s, sparklines, &mut row);
        items.shown(row);
    }
    blocks.push(Block::Grid(items));

    blocks.extend(long_standing_problems(t, &periods));
    blocks.extend(super::stories::counts_blocks(&t.comments, &periods));
    blocks
}

/// The report's title, which results it compares and in what order, the legend, and any
/// warnings and notes, so the reader knows what the figures below stand on.
fn introduction(t: &Trend) -> Vec<Block> {
    let first = &t.periods[0];
    let last = &t.periods[t.periods.len() - 1];
    let mut blocks = vec![Block::Title(format!(
        "{} — {}: {} to {}",
        t.assessment.title, last.organisation, first.period, last.period
    ))];
    let described: Vec<String> = t.periods.iter().map(|p| p.describe()).collect();
    let by = match t.ordered_by {
        crate::compare::trend::OrderedBy::Period => "ordered by period",
        crate::compare::trend::OrderedBy::Created => "ordered by the time each was created",
    };
    blocks.push(Block::Paragraph(format!(
        "{} results, {by}: {}. Latest: {} against {}; since first: against {}.",
        t.periods.len(),
        described.join(", "),
        last.period,
        t.periods[t.periods.len() - 2].period,
        first.period
    )));
    blocks.push(Block::Paragraph(legend(t)));
    let warnings: Vec<String> = t.periods.iter().flat_map(|p| p.warning_lines()).collect();
    if !t.notes.is_empty() || !warnings.is_empty() {
        blocks.push(Block::List(
            warnings
                .into_iter()
                .chain(t.notes.iter().map(|n| n.line()))
                .collect(),
        ));
    }
    blocks
}

/// An empty grid for series: the `first` columns naming the series, a column per period,
/// then the trend (with `sparklines`), latest and since-first changes.
fn series_grid(periods: &[String], first: &[(&'static str, bool)], sparklines: bool) -> Grid {
    let mut headers: Vec<(String, bool)> = first.iter().map(|(h, n)| (h.to_string(), *n)).collect();
    headers.extend(periods.iter().map(|p| (p.clone(), true)));
    if sparklines {
        headers.push(("Trend".into(), false));
    }
    headers.push(("Latest".into(), false));
    headers.push(("Since first".into(), false));
    Grid {
        headers: headers.iter().map(|(h, _)| h.clone()).collect(),
        numeric: headers.iter().map(|(_, n)| *n).collect(),
        rows: Vec::new(),
    }
}

/// The cells after a series' periods: its sparkline (with `sparklines`) and its changes.
fn series_tail(s: &Series, sparklines: bool, row: &mut Vec<Shown>) {
    if sparklines {
        row.push(sparkline(&s.percents).into());
    }
    row.push(change_cell(&s.latest).into());
    row.push(change_cell(&s.since_first).into());
}

/// The overall score over the periods with its changes, then its percent and band,
/// which have no changes of their own and leave those cells empty.
fn overall_grid(t: &Trend, periods: &[String], sparklines: bool) -> Grid {
    let mut overall = series_grid(periods, &[("", false)], sparklines);
    let mut row: Vec<Shown> = vec!["Score".into()];
    row.extend(cells(&t.overall));
    series_tail(&t.overall, sparklines, &mut row);
    overall.shown(row);
    let mut row = vec!["Percent".to_string()];
    row.extend(t.overall.percents.iter().map(|p| percent(*p)));
    row.extend(std::iter::repeat_n(
        String::new(),
        if sparklines { 3 } else { 2 },
    ));
    overall.row(row);
    let mut row = vec!["Band".to_string()];
    row.extend(
        t.bands
            .iter()
            .map(|b| b.clone().unwrap_or_else(|| "—".into())),
    );
    row.extend(std::iter::repeat_n(
        String::new(),
        if sparklines { 3 } else { 2 },
    ));
    overall.row(row);
    overall
}

/// The findings raised and the gaps open in every period, or a line saying there are none:
/// what one quarter's report cannot show.
fn long_standing_problems(t: &Trend, periods: &[String]) -> Vec<Block> {
    let mut blocks = vec![Block::Heading("Long-standing problems".into())];
    if t.persistent_findings.is_empty() && t.persistent_gaps.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "No finding or gap persisted through all {} periods.",
            t.periods.len()
        )));
        return blocks;
    }
    if !t.persistent_findings.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "Findings raised in every one of the {} periods:",
            t.periods.len()
        )));
        blocks.push(Block::List(
            t.persistent_findings
                .iter()
                .map(|f| format!("[{}] {}", f.severity.as_str(), f.message))
                .collect(),
        ));
    }
    if !t.persistent_gaps.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "Gaps open in every one of the {} periods:",
            t.periods.len()
        )));
        let mut first: Vec<(String, bool)> = vec![("Item".into(), false), ("Gap".into(), false)];
        first.extend(periods.iter().map(|p| (p.clone(), true)));
        let mut grid = Grid {
            headers: first.iter().map(|(h, _)| h.clone()).collect(),
            numeric: first.iter().map(|(_, n)| *n).collect(),
            rows: Vec::new(),
        };
        for g in &t.persistent_gaps {
            let kind = short_of(g.kind, g.reference);
            let mut row: Vec<Shown> = vec![g.title.clone().into(), kind.into()];
            row.extend(g.scores.iter().map(|s| score_figure(*s)));
            grid.shown(row);
        }
        blocks.push(Block::Grid(grid));
    }
    blocks
}

/// Scores, percents and changes are written with four decimals.
const FIGURE: usize = 4;

/// The trend's figures as a typed table: one row per series (overall, band, themes,
/// items) with a column per period, then the persistent findings and gaps.
pub fn table(t: &Trend) -> Table {
    let mut table = Table::new(columns(t));
    let width = table.columns.len();
    for row in series_rows(t).into_iter().chain(persistent_rows(t, width)) {
        table.row(row);
    }
    table
}

/// The table's columns: what a row is, a score per period, then the latest change and
/// the change since the first period, each with its test.
fn columns(t: &Trend) -> Vec<Column> {
    let mut columns = vec![
        Column::text("level"),
        Column::text("id"),
        Column::text("title"),
    ];
    columns.extend(headers(t).iter().map(|p| Column::number(p, FIGURE)));
    columns.extend([
        Column::number("latest_change", FIGURE),
        Column::text("latest_direction"),
        Column::text("latest_significance"),
        Column::number("latest_p_value", 6),
        Column::number("since_first_change", FIGURE),
        Column::text("since_first_direction"),
        Column::text("since_first_significance"),
        Column::number("since_first_p_value", 6),
        Column::text("detail"),
    ]);
    columns
}

/// The rows of the series: overall score, overall percent, band, each theme, each item.
fn series_rows(t: &Trend) -> Vec<Vec<Cell>> {
    let mut rows = vec![series_row("overall", &t.overall)];
    let mut row = vec![
        Cell::text("overall_percent"),
        Cell::text(t.overall.id.as_str()),
        Cell::text("Overall percent"),
    ];
    row.extend(t.overall.percents.iter().map(|v| Cell::number(*v)));
    rows.push(row);
    // The band row holds text in the period columns: each cell says what it is.
    let mut row = vec![Cell::text("band"), Cell::Empty, Cell::text("Band")];
    row.extend(
        t.bands
            .iter()
            .map(|b| Cell::text(b.as_deref().unwrap_or_default())),
    );
    rows.push(row);
    rows.extend(t.themes.iter().map(|s| series_row("theme", s)));
    rows.extend(t.items.iter().map(|s| series_row("item", s)));
    rows
}

/// A series' row: its scores per period, its latest change and its change since the first.
fn series_row(level: &str, s: &Series) -> Vec<Cell> {
    let change = |c: &Change| {
        [
            Cell::number(c.change),
            Cell::text(snake(&c.direction)),
            Cell::text(snake(&c.significance)),
            Cell::number(c.welch.map(|w| w.p)),
        ]
    };
    let mut row = vec![
        Cell::text(level),
        Cell::text(s.id.as_str()),
        Cell::text(s.title.as_str()),
    ];
    row.extend(s.scores.iter().map(|v| Cell::number(*v)));
    row.extend(change(&s.latest));
    row.extend(change(&s.since_first));
    row
}

/// The findings and gaps that persisted through every period, their detail in the last
/// of the table's `width` columns.
fn persistent_rows(t: &Trend, width: usize) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for f in &t.persistent_findings {
        let mut row = vec![
            Cell::text("persistent_finding"),
            Cell::text(f.id.as_str()),
            Cell::text(f.message.as_str()),
        ];
        row.resize(width - 1, Cell::Empty);
        row.push(Cell::text(format!(
            "{}: {}",
            f.severity.as_str(),
            f.items.join(" ")
        )));
        rows.push(row);
    }
    for g in &t.persistent_gaps {
        let mut row = vec![
            Cell::text("persistent_gap"),
            Cell::text(g.item.as_str()),
            Cell::text(g.title.as_str()),
        ];
        row.extend(g.scores.iter().map(|v| Cell::number(*v)));
        row.resize(width - 1, Cell::Empty);
        row.push(Cell::text(short_of(g.kind, g.reference)));
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::sparkline;
    use crate::compare::{self, Named};
    use crate::render::Format;
    use crate::render::diff::tests::{quarters, redefined};
    use crate::render::{self, Options};
    use crate::result::ResultDoc;

    fn render(docs: &[&ResultDoc], format: Format) -> String {
        let names: Vec<String> = (1..=docs.len()).map(|i| format!("r{i}.json")).collect();
        let named: Vec<Named> = docs
            .iter()
            .zip(&names)
            .map(|(doc, name)| Named { name, doc })
            .collect();
        let t = compare::trend(&named).unwrap();
        String::from_utf8(render::trend(&t, format, &Options::default())).unwrap()
    }

    #[test]
    fn sparklines_use_a_fixed_scale() {
        assert_eq!(
            sparkline(&[Some(0.0), Some(50.0), None, Some(100.0)]),
            "▁▅ █"
        );
    }

    #[test]
    fn four_quarters_table() {
        let [q1, q2, q3, q4] = quarters();
        // Given out of order: the trend puts them in period order.
        insta::assert_snapshot!(render(&[&q4, &q2, &q1, &q3], Format::Table));
    }

    #[test]
    fn four_quarters_markdown() {
        let [q1, q2, q3, q4] = quarters();
        insta::assert_snapshot!(render(&[&q1, &q2, &q3, &q4], Format::Markdown));
    }

    #[test]
    fn four_quarters_csv() {
        let [q1, q2, q3, q4] = quarters();
        insta::assert_snapshot!(render(&[&q1, &q2, &q3, &q4], Format::Csv));
    }

    #[test]
    fn changed_definition_and_unreadable_period_markdown() {
        let [q1, q2, ..] = quarters();
        let mut spring = redefined(&q2);
        spring.context.period = "Spring review".into();
        insta::assert_snapshot!(render(&[&spring, &q1], Format::Markdown));
    }

    #[test]
    fn two_surveys_json() {
        let [.., q3, q4] = quarters();
        insta::assert_snapshot!(render(&[&q3, &q4], Format::Json));
    }
}
