//! Excel workbooks (.xlsx) with rust_xlsxwriter: a Result as a summary sheet, items with
//! their aggregates, themes, groups, gaps, findings and rejected cells; a diff or a trend
//! as a summary and its figures. Numbers are stored as numbers; everything a user wrote
//! is stored with `write_string`, so it is always text and never a formula (no `'` guard
//! is needed, or wanted, as it is in CSV), its bidirectional overrides shown as U+FFFD
//! (`text::xlsx_text`). Headers are bold and frozen, columns sized.
//!
//! Building a workbook in memory fails only on limits this module keeps to (a string's
//! length, the number of rows, sheet names), so `workbook` returns bytes, not a `Result`;
//! should the writer still refuse, the workbook says why rather than the program panic.

use rust_xlsxwriter::{DataValidation, Format as Style, Formula, Workbook, XlsxError};

use super::model::{Block, Column, Shown, Table};
use super::text::xlsx_text;
use super::{Options, Renderer, Section, diff, trend, with_sections};
use crate::compare::{Diff, Trend};
use crate::result::ResultDoc;

/// The xlsx renderer.
pub struct Xlsx;

impl Renderer for Xlsx {
    fn result(&self, doc: &ResultDoc, sections: &[Section], _: &Options) -> Vec<u8> {
        result(doc, section_sheets(sections))
    }

    fn diff(&self, d: &Diff, sections: &[Section], _: &Options) -> Vec<u8> {
        let blocks = with_sections(diff::blocks(d), sections);
        report(
            &blocks,
            "Changes",
            &diff::table(d),
            section_sheets(sections),
        )
    }

    fn trend(&self, t: &Trend, sections: &[Section], _: &Options) -> Vec<u8> {
        let blocks = with_sections(trend::blocks(t, false), sections);
        report(&blocks, "Trend", &trend::table(t), section_sheets(sections))
    }

    fn sections(&self, title: &str, sections: &[Section], _: &Options) -> Vec<u8> {
        let blocks = with_sections(vec![Block::Title(title.to_string())], sections);
        match sections.split_first() {
            Some((first, rest)) => {
                report(&blocks, &first.sheet, &first.table, section_sheets(rest))
            }
            None => report(&blocks, "Data", &Table::default(), Vec::new()),
        }
    }
}

/// A sheet of each section's table, named as the section says.
fn section_sheets(sections: &[Section]) -> Vec<Sheet> {
    sections
        .iter()
        .map(|s| Sheet::new(&s.sheet, s.table.as_shown()))
        .collect()
}

pub use super::model::Cell;

/// A drop-down list on a column of a sheet, its choices read from a range of cells (a
/// list typed into the rule itself would split labels at their commas).
#[derive(Debug, Clone, PartialEq)]
pub struct Choices {
    pub column: usize,
    /// e.g. `Lists!$A$2:$A$7`.
    pub range: String,
    /// Rows below the header that get the drop-down.
    pub rows: u32,
}

/// One sheet: a typed table (its columns' names the header row), with drop-downs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    pub name: String,
    pub table: Table,
    pub choices: Vec<Choices>,
    pub hidden: bool,
}

impl Sheet {
    pub fn new(name: &str, table: Table) -> Sheet {
        Sheet {
            name: name.to_string(),
            table,
            ..Sheet::default()
        }
    }
}

/// Excel's limits: characters in a cell (counted in UTF-16 units), rows in a sheet.
const MAX_CELL: usize = 32_767;
const MAX_ROWS: usize = 1_048_576;
/// Columns are sized to their content, between these widths (in characters).
const NARROWEST: usize = 6;
const WIDEST: usize = 60;

/// A workbook of the given sheets, in order.
pub fn workbook(sheets: &[Sheet]) -> Vec<u8> {
    build(sheets).unwrap_or_else(|e| {
        let mut table = Table::new(vec![Column::text("plead could not write this workbook")]);
        table.row(vec![Cell::Text(e.to_string())]);
        build(&[Sheet::new("Error", table)]).unwrap_or_default()
    })
}

fn build(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Style::new().set_bold();
    let wrap = Style::new().set_text_wrap();
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name)?;
        let table = &sheet.table;
        let mut widths: Vec<usize> = table
            .columns
            .iter()
            .map(|h| h.name.chars().count())
            .collect();
        for (c, h) in table.columns.iter().enumerate() {
            ws.write_string_with_format(0, col(c), fit(&xlsx_text(&h.name)), &bold)?;
        }
        let room = MAX_ROWS - 2;
        for (r, row) in table.rows.iter().take(room).enumerate() {
            let r = (r + 1) as u32;
            for (c, cell) in row.iter().enumerate() {
                if widths.len() <= c {
                    widths.resize(c + 1, 0);
                }
                match cell {
                    Cell::Text(s) if s.is_empty() => {}
                    Cell::Text(s) => {
                        let s = xlsx_text(s);
                        let longest = s.lines().map(|l| l.chars().count()).max().unwrap_or(0);
                        widths[c] = widths[c].max(longest);
                        if longest > WIDEST || s.contains('\n') {
                            ws.write_string_with_format(r, col(c), fit(&s), &wrap)?;
                        } else {
                            ws.write_string(r, col(c), fit(&s))?;
                        }
                    }
                    Cell::Number(v) if v.is_finite() => {
                        widths[c] = widths[c].max(super::text::number(*v).len().min(12));
                        ws.write_number(r, col(c), *v)?;
                    }
                    Cell::Number(_) | Cell::Empty => {}
                }
            }
        }
        if table.rows.len() > room {
            ws.write_string(
                (room + 1) as u32,
                0,
                format!(
                    "… and {} more rows: more than a sheet can hold",
                    table.rows.len() - room
                ),
            )?;
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(col(c), (*w).clamp(NARROWEST, WIDEST) as f64 + 2.0)?;
        }
        ws.set_freeze_panes(1, 0)?;
        for choices in &sheet.choices {
            let rule = DataValidation::new()
                .allow_list_formula(Formula::new(format!("={}", choices.range)))
                .ignore_blank(true);
            ws.add_data_validation(
                1,
                col(choices.column),
                choices.rows,
                col(choices.column),
                &rule,
            )?;
        }
        if sheet.hidden {
            ws.set_hidden(true);
        }
    }
    book.save_to_buffer()
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// Text cut to what a cell holds.
fn fit(s: &str) -> &str {
    if s.len() <= MAX_CELL {
        return s;
    }
    let mut units = 0;
    for (i, ch) in s.char_indices() {
        units += ch.len_utf16();
        if units > MAX_CELL {
            return &s[..i];
        }
    }
    s
}

/// Scores and percents carry four decimals where a format writes them as text.
const FIGURE: usize = 4;

/// A Result as a workbook; `extra` sheets (e.g. the respondents of `plead score`) follow.
pub fn result(doc: &ResultDoc, extra: Vec<Sheet>) -> Vec<u8> {
    let mut sheets = vec![summary(doc), themes(doc), items(doc)];
    if !doc.groups.is_empty() {
        sheets.push(groups(doc));
    }
    sheets.push(gaps(doc));
    sheets.push(findings(doc));
    let comments = super::stories::table(doc);
    if !comments.rows.is_empty() || !doc.comments.is_empty() {
        sheets.push(Sheet::new("Comments", comments));
    }
    if !doc.raters.is_empty() {
        sheets.push(raters(doc));
    }
    if doc.survey.is_some() || !doc.rejected.is_empty() {
        sheets.push(rejected(doc));
    }
    sheets.extend(extra);
    workbook(&sheets)
}

fn gaps(doc: &ResultDoc) -> Sheet {
    let mut table = Table::new(vec![
        Column::text("Item"),
        Column::text("Title"),
        Column::text("Gap"),
        Column::number("Score", FIGURE),
        Column::number("Needed", FIGURE),
        Column::number("Size", FIGURE),
    ]);
    for g in &doc.gaps {
        let title = doc.item(&g.item).map_or("", |i| i.title.as_str());
        table.row(vec![
            g.item.as_str().into(),
            title.into(),
            g.kind.as_str().into(),
            g.score.into(),
            g.reference.into(),
            g.size.into(),
        ]);
    }
    Sheet::new("Gaps", table)
}

fn findings(doc: &ResultDoc) -> Sheet {
    let mut table = Table::new(vec![
        Column::text("Severity"),
        Column::text("Finding"),
        Column::text("Items"),
    ]);
    for f in &doc.findings {
        table.row(vec![
            f.severity.as_str().into(),
            f.message.as_str().into(),
            f.items.join(", ").into(),
        ]);
    }
    Sheet::new("Findings", table)
}

/// Each rater's rating of each item, with the rater's tag.
fn raters(doc: &ResultDoc) -> Sheet {
    let mut table = Table::new(vec![
        Column::text("Item"),
        Column::text("Rater"),
        Column::text("Tag"),
        Column::number("Rating", 0),
    ]);
    for item in &doc.items {
        for r in &item.ratings {
            let tag = doc
                .raters
                .iter()
                .find(|x| x.label == r.rater)
                .and_then(|x| x.tag.clone())
                .unwrap_or_default();
            table.row(vec![
                item.id.as_str().into(),
                r.rater.as_str().into(),
                tag.into(),
                r.rating.map_or(Cell::Text("N/A".into()), Cell::from),
            ]);
        }
    }
    Sheet::new("Raters", table)
}

fn rejected(doc: &ResultDoc) -> Sheet {
    let mut table = Table::new(vec![
        Column::number("Row", 0),
        Column::text("Column"),
        Column::text("Value"),
        Column::text("Reason"),
    ]);
    for r in &doc.rejected {
        table.row(vec![
            r.row.into(),
            r.column.as_str().into(),
            r.value.as_str().into(),
            r.reason.as_str().into(),
        ]);
    }
    Sheet::new("Rejected", table)
}

fn summary(doc: &ResultDoc) -> Sheet {
    let mut table = Table::new(vec![Column::text("What"), Column::text("Value")]);
    let o = &doc.overall;
    let mut pair = |k: &str, v: Cell| table.row(vec![k.into(), v]);
    for w in &doc.warnings {
        pair("Warning", w.as_str().into());
    }
    pair("Assessment", doc.assessment.title.as_str().into());
    pair("Assessment id", doc.assessment.id.as_str().into());
    pair("Version", doc.assessment.version.as_str().into());
    pair("Source", doc.assessment.source.as_str().into());
    pair("Organisation", doc.context.organisation.as_str().into());
    pair("Period", doc.context.period.as_str().into());
    let method = match doc.context.method {
        crate::result::Method::Workshop => "workshop",
        crate::result::Method::Survey => "survey",
    };
    pair("Method", method.into());
    pair("Respondents", doc.respondents.into());
    pair("Overall score", o.score.into());
    pair("Overall percent", o.percent.into());
    pair("Band", o.band.clone().unwrap_or_default().into());
    if let Some(why) = &o.reason {
        pair("Overall not shown", why.as_str().into());
    }
    pair("Items answered", o.answered.into());
    pair("Items", o.items.into());
    pair("Gap threshold", doc.gap_threshold.into());
    if let Some(survey) = &doc.survey {
        pair("Survey file", survey.file.as_str().into());
        pair("Layout", survey.layout.as_str().into());
        pair("Rows read", survey.rows.into());
        pair("Cells rejected", survey.rejected_total.into());
    }
    pair("Created", doc.context.created.as_str().into());
    pair("plead version", doc.context.plead_version.as_str().into());
    Sheet::new("Summary", table)
}

fn themes(doc: &ResultDoc) -> Sheet {
    let mut table = Table::new(vec![
        Column::text("Theme"),
        Column::text("Title"),
        Column::number("Score", FIGURE),
        Column::number("Percent", FIGURE),
        Column::number("Answered", 0),
        Column::number("Items", 0),
        Column::text("Not shown"),
    ]);
    for t in &doc.themes {
        table.row(vec![
            t.id.as_str().into(),
            t.title.as_str().into(),
            t.score.into(),
            t.percent.into(),
            t.answered.into(),
            t.items.into(),
            t.reason.clone().unwrap_or_default().into(),
        ]);
    }
    Sheet::new("Themes", table)
}

/// Every item's figures and aggregate, with one count column per point of the widest
/// scale (by the point's value), then what was recorded beside it.
fn items(doc: &ResultDoc) -> Sheet {
    let lowest = doc.scales.iter().map(|s| s.min).min().unwrap_or(0);
    let highest = doc.scales.iter().map(|s| s.max).max().unwrap_or(0);
    let mut columns = vec![
        Column::number("#", 0),
        Column::text("Item"),
        Column::text("Theme"),
        Column::text("Title"),
        Column::number("Score", FIGURE),
        Column::number("Percent", FIGURE),
        Column::text("Rating"),
        Column::number("n", 0),
        Column::number("N/A", 0),
        Column::number("Missing", 0),
        Column::number("Median", FIGURE),
        Column::number("SD", FIGURE),
        Column::number("Min", 0),
        Column::number("Max", 0),
    ];
    columns.extend((lowest..=highest).map(|v| Column::number(&format!("Count {v}"), 0)));
    columns.extend([
        Column::number("Target", 0),
        Column::text("Evidence"),
        Column::text("Action"),
        Column::text("Fields"),
        Column::text("Not shown"),
    ]);
    let mut table = Table::new(columns);
    for (n, i) in doc.items.iter().enumerate() {
        let scale = doc.scale(&i.scale);
        let rating = doc.rating_label(i).unwrap_or_default();
        let a = i.aggregate.as_ref();
        let mut row: Vec<Cell> = vec![
            (n + 1).into(),
            i.id.as_str().into(),
            i.theme.as_str().into(),
            i.title.as_str().into(),
            i.score.into(),
            i.percent.into(),
            rating.into(),
            i.n.into(),
            i.not_applicable.into(),
            i.missing.into(),
            a.map(|a| a.median).into(),
            a.map(|a| a.sd).into(),
            a.map(|a| f64::from(a.min)).into(),
            a.map(|a| f64::from(a.max)).into(),
        ];
        for v in lowest..=highest {
            let count = match (a, scale) {
                (Some(a), Some(scale)) if (scale.min..=scale.max).contains(&v) => a
                    .counts
                    .get((v - scale.min) as usize)
                    .map_or(Cell::Empty, |c| Cell::from(*c)),
                _ => Cell::Empty,
            };
            row.push(count);
        }
        let fields: Vec<String> = i.fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        row.extend([
            i.target.map_or(Cell::Empty, Cell::from),
            i.notes.join(" / ").into(),
            i.action.clone().unwrap_or_default().into(),
            fields.join("; ").into(),
            i.reason.clone().unwrap_or_default().into(),
        ]);
        table.row(row);
    }
    Sheet::new("Items", table)
}

/// One row per group and item (the group's overall first); a suppressed group shows the
/// word, never a number.
fn groups(doc: &ResultDoc) -> Sheet {
    let column = doc.group_by.as_ref().map_or("Group", |g| g.column.as_str());
    let mut table = Table::new(vec![
        Column::text(column),
        Column::number("Respondents", 0),
        Column::text("Item"),
        Column::number("Score", FIGURE),
        Column::number("Percent", FIGURE),
        Column::number("n", 0),
        Column::text("Band"),
        Column::text("Suppressed because"),
    ]);
    let hidden = |reason: &Option<String>| -> Cell { reason.as_deref().unwrap_or_default().into() };
    for g in &doc.groups {
        if g.suppressed {
            table.row(vec![
                g.label.as_str().into(),
                "suppressed".into(),
                Cell::Empty,
                "suppressed".into(),
                "suppressed".into(),
                "suppressed".into(),
                Cell::Empty,
                hidden(&g.reason),
            ]);
            continue;
        }
        if let Some(o) = &g.overall {
            let suppressed = |v: Option<f64>| -> Cell {
                if o.reason.is_some() {
                    "suppressed".into()
                } else {
                    v.into()
                }
            };
            table.row(vec![
                g.label.as_str().into(),
                g.respondents.map_or(Cell::Empty, Cell::from),
                "(overall)".into(),
                suppressed(o.score),
                suppressed(o.percent),
                Cell::Empty,
                o.band.clone().unwrap_or_default().into(),
                hidden(&o.reason),
            ]);
        }
        for i in &g.items {
            if i.reason.is_some() {
                table.row(vec![
                    g.label.as_str().into(),
                    Cell::Empty,
                    i.id.as_str().into(),
                    "suppressed".into(),
                    "suppressed".into(),
                    "suppressed".into(),
                    Cell::Empty,
                    hidden(&i.reason),
                ]);
                continue;
            }
            table.row(vec![
                g.label.as_str().into(),
                Cell::Empty,
                i.id.as_str().into(),
                i.score.into(),
                i.percent.into(),
                i.n.map_or(Cell::Empty, Cell::from),
            ]);
        }
    }
    Sheet::new("Groups", table)
}

/// A diff or a trend: its report's headings, paragraphs and tables as a summary sheet
/// (each grid's figures as numbers, its other cells as text), then its typed table, each
/// number the figure the CSV shows, then `extra` sheets.
pub fn report(blocks: &[Block], data_name: &str, data: &Table, extra: Vec<Sheet>) -> Vec<u8> {
    let mut lines: Vec<Vec<Cell>> = Vec::new();
    for block in blocks {
        match block {
            Block::Title(t)
            | Block::Heading(t)
            | Block::Subheading(t)
            | Block::Paragraph(t)
            | Block::Quote(t) => {
                lines.push(vec![t.as_str().into()]);
            }
            Block::List(items) => {
                lines.extend(items.iter().map(|i| vec![format!("• {i}").into()]));
            }
            Block::Grid(g) => {
                lines.push(g.headers.iter().map(|h| h.as_str().into()).collect());
                for row in &g.rows {
                    lines.push(row.iter().map(grid_cell).collect());
                }
                lines.push(Vec::new());
            }
        }
    }
    // The title heads the sheet's one column.
    let title = match lines.first().and_then(|r| r.first()) {
        Some(Cell::Text(title)) => {
            let title = title.clone();
            lines.remove(0);
            title
        }
        _ => String::new(),
    };
    let mut summary = Table::new(vec![Column::text(&title)]);
    summary.rows = lines;
    let mut sheets = vec![
        Sheet::new("Summary", summary),
        Sheet::new(data_name, data.as_shown()),
    ];
    sheets.extend(extra);
    workbook(&sheets)
}

/// A grid's cell in a sheet: a figure as its number, anything else as the text shown.
fn grid_cell(shown: &Shown) -> Cell {
    match shown.figure {
        Some(v) if v.is_finite() => Cell::Number(v),
        _ => Cell::Text(shown.text.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader};

    fn read(bytes: Vec<u8>) -> calamine::Xlsx<std::io::Cursor<Vec<u8>>> {
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap()
    }

    #[test]
    fn text_stays_text_numbers_stay_numbers_and_long_text_is_cut_to_fit() {
        let mut table = Table::new(vec![Column::text("a"), Column::number("b", 2)]);
        table.row(vec![Cell::Text("=1+2".into()), Cell::Number(-1.5)]);
        table.row(vec![Cell::Text("x".repeat(40_000)), Cell::Number(f64::NAN)]);
        let mut book = read(workbook(&[Sheet::new("S", table)]));
        let range = book.worksheet_range("S").unwrap();
        assert_eq!(range.get((1, 0)), Some(&Data::String("=1+2".into())));
        assert_eq!(range.get((1, 1)), Some(&Data::Float(-1.5)));
        assert!(matches!(range.get((2, 0)), Some(Data::String(s)) if s.len() == MAX_CELL));
        assert!(matches!(range.get((2, 1)), None | Some(Data::Empty)));
        assert!(
            book.worksheet_formula("S")
                .unwrap()
                .used_cells()
                .next()
                .is_none()
        );
    }

    #[test]
    fn a_table_keeps_each_cells_type_and_the_figure_its_column_shows() {
        let mut table = Table::new(vec![Column::text("id"), Column::number("n", 4)]);
        table.row(vec![Cell::text("=cmd"), Cell::Number(2.123456)]);
        table.row(vec![Cell::text("2026"), Cell::text("Low")]);
        table.row(vec![Cell::text("x")]);
        let shown = table.as_shown();
        assert_eq!(shown.columns, table.columns);
        assert_eq!(
            shown.rows[0],
            vec![Cell::Text("=cmd".into()), Cell::Number(2.1235)]
        );
        // Text that reads as a number stays text, and text in a number column stays text.
        assert_eq!(
            shown.rows[1],
            vec![Cell::Text("2026".into()), Cell::Text("Low".into())]
        );
        assert_eq!(shown.rows[2], vec![Cell::Text("x".into()), Cell::Empty]);
    }

    /// The summary sheet of a diff or trend stores a grid's figures as numbers because
    /// the builder said they are figures, not because their text reads as one: a title
    /// such as "2026" in a column of numbers stays text, and a percent stays as shown.
    #[test]
    fn a_summary_grid_stores_its_figures_as_numbers_and_its_text_as_text() {
        use crate::render::model::Grid;
        let mut grid = Grid::new(&[("Item", false), ("Old", true), ("Percent", true)]);
        grid.shown(vec![
            Shown::from("2026"),
            Shown::figure("2.10".into(), Some(2.1)),
            Shown::from("45%"),
        ]);
        grid.shown(vec![Shown::from("x"), Shown::from("12"), Shown::count(7)]);
        let blocks = [Block::Title("A diff".into()), Block::Grid(grid)];
        let mut book = read(report(&blocks, "Changes", &Table::default(), Vec::new()));
        let range = book.worksheet_range("Summary").unwrap();
        assert_eq!(range.get((0, 0)), Some(&Data::String("A diff".into())));
        assert_eq!(range.get((1, 0)), Some(&Data::String("Item".into())));
        assert_eq!(range.get((2, 0)), Some(&Data::String("2026".into())));
        assert_eq!(range.get((2, 1)), Some(&Data::Float(2.1)));
        assert_eq!(range.get((2, 2)), Some(&Data::String("45%".into())));
        // Text the builder did not call a figure stays text, even in a column of numbers.
        assert_eq!(range.get((3, 1)), Some(&Data::String("12".into())));
        assert_eq!(range.get((3, 2)), Some(&Data::Float(7.0)));
    }
}
