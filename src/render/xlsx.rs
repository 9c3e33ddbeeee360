//! Excel workbooks (.xlsx) with rust_xlsxwriter: a Result as a summary sheet, items with
//! their aggregates, themes, groups, gaps, findings and rejected cells; a diff or a trend
//! as a summary and its figures. Numbers are stored as numbers; everything a user wrote
//! is stored with `write_string`, so it is always text and never a formula (no `'` guard
//! is needed, or wanted, as it is in CSV). Headers are bold and frozen, columns sized.
//!
//! Building a workbook in memory fails only on limits this module keeps to (a string's
//! length, the number of rows, sheet names), so `workbook` returns bytes, not a `Result`;
//! should the writer still refuse, the workbook says why rather than the program panic.

use rust_xlsxwriter::{DataValidation, Format as Style, Formula, Workbook, XlsxError};

use super::model::{Block, Table};
use super::{Options, Renderer, diff, trend};
use crate::compare::{Diff, Trend};
use crate::result::ResultDoc;

/// The xlsx renderer.
pub struct Xlsx;

impl Renderer for Xlsx {
    fn result(&self, doc: &ResultDoc, _: &Options) -> Vec<u8> {
        result(doc, Vec::new())
    }

    fn diff(&self, d: &Diff, _: &Options) -> Vec<u8> {
        report(&diff::blocks(d), "Changes", &diff::table(d))
    }

    fn trend(&self, t: &Trend, _: &Options) -> Vec<u8> {
        report(&trend::blocks(t, false), "Trend", &trend::table(t))
    }
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

/// One sheet: a header row, then rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub choices: Vec<Choices>,
    pub hidden: bool,
}

impl Sheet {
    pub fn new(name: &str, headers: &[&str]) -> Sheet {
        Sheet {
            name: name.to_string(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
            ..Sheet::default()
        }
    }

    pub fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
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
        let mut sheet = Sheet::new("Error", &["plead could not write this workbook"]);
        sheet.row(vec![Cell::Text(e.to_string())]);
        build(&[sheet]).unwrap_or_default()
    })
}

fn build(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Style::new().set_bold();
    let wrap = Style::new().set_text_wrap();
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name)?;
        let mut widths: Vec<usize> = sheet.headers.iter().map(|h| h.chars().count()).collect();
        for (c, h) in sheet.headers.iter().enumerate() {
            ws.write_string_with_format(0, col(c), fit(h), &bold)?;
        }
        let room = MAX_ROWS - 2;
        for (r, row) in sheet.rows.iter().take(room).enumerate() {
            let r = (r + 1) as u32;
            for (c, cell) in row.iter().enumerate() {
                if widths.len() <= c {
                    widths.resize(c + 1, 0);
                }
                match cell {
                    Cell::Text(s) if s.is_empty() => {}
                    Cell::Text(s) => {
                        let longest = s.lines().map(|l| l.chars().count()).max().unwrap_or(0);
                        widths[c] = widths[c].max(longest);
                        if longest > WIDEST || s.contains('\n') {
                            ws.write_string_with_format(r, col(c), fit(s), &wrap)?;
                        } else {
                            ws.write_string(r, col(c), fit(s))?;
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
        if sheet.rows.len() > room {
            ws.write_string(
                (room + 1) as u32,
                0,
                format!(
                    "… and {} more rows: more than a sheet can hold",
                    sheet.rows.len() - room
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

/// A Result as a workbook; `extra` sheets (e.g. the respondents of `plead score`) follow.
pub fn result(doc: &ResultDoc, extra: Vec<Sheet>) -> Vec<u8> {
    let mut sheets = vec![summary(doc), themes(doc), items(doc)];
    if !doc.groups.is_empty() {
        sheets.push(groups(doc));
    }
    let mut gaps = Sheet::new("Gaps", &["Item", "Title", "Gap", "Score", "Needed", "Size"]);
    for g in &doc.gaps {
        let title = doc.item(&g.item).map_or("", |i| i.title.as_str());
        let kind = g.kind.as_str();
        gaps.row(vec![
            g.item.as_str().into(),
            title.into(),
            kind.into(),
            g.score.into(),
            g.reference.into(),
            g.size.into(),
        ]);
    }
    sheets.push(gaps);
    let mut findings = Sheet::new("Findings", &["Severity", "Finding", "Items"]);
    for f in &doc.findings {
        findings.row(vec![
            f.severity.as_str().into(),
            f.message.as_str().into(),
            f.items.join(", ").into(),
        ]);
    }
    sheets.push(findings);
    if !doc.raters.is_empty() {
        let mut raters = Sheet::new("Raters", &["Item", "Rater", "Tag", "Rating"]);
        for item in &doc.items {
            for r in &item.ratings {
                let tag = doc
                    .raters
                    .iter()
                    .find(|x| x.label == r.rater)
                    .and_then(|x| x.tag.clone())
                    .unwrap_or_default();
                raters.row(vec![
                    item.id.as_str().into(),
                    r.rater.as_str().into(),
                    tag.into(),
                    r.rating.map_or(Cell::Text("N/A".into()), Cell::from),
                ]);
            }
        }
        sheets.push(raters);
    }
    if doc.survey.is_some() || !doc.rejected.is_empty() {
        let mut rejected = Sheet::new("Rejected", &["Row", "Column", "Value", "Reason"]);
        for r in &doc.rejected {
            rejected.row(vec![
                r.row.into(),
                r.column.as_str().into(),
                r.value.as_str().into(),
                r.reason.as_str().into(),
            ]);
        }
        sheets.push(rejected);
    }
    sheets.extend(extra);
    workbook(&sheets)
}

fn summary(doc: &ResultDoc) -> Sheet {
    let mut s = Sheet::new("Summary", &["", ""]);
    let o = &doc.overall;
    let mut pair = |k: &str, v: Cell| s.row(vec![k.into(), v]);
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
    s.headers = vec!["What".into(), "Value".into()];
    s
}

fn themes(doc: &ResultDoc) -> Sheet {
    let mut s = Sheet::new(
        "Themes",
        &["Theme", "Title", "Score", "Percent", "Answered", "Items"],
    );
    for t in &doc.themes {
        s.row(vec![
            t.id.as_str().into(),
            t.title.as_str().into(),
            t.score.into(),
            t.percent.into(),
            t.answered.into(),
            t.items.into(),
        ]);
    }
    s
}

fn items(doc: &ResultDoc) -> Sheet {
    // One count column per point of the widest scale, by the point's value.
    let lowest = doc.scales.iter().map(|s| s.min).min().unwrap_or(0);
    let highest = doc.scales.iter().map(|s| s.max).max().unwrap_or(0);
    let mut headers: Vec<String> = [
        "#", "Item", "Theme", "Title", "Score", "Percent", "Rating", "n", "N/A", "Missing",
        "Median", "SD", "Min", "Max",
    ]
    .iter()
    .map(|h| h.to_string())
    .collect();
    headers.extend((lowest..=highest).map(|v| format!("Count {v}")));
    headers.extend(["Target", "Evidence", "Action", "Fields"].map(String::from));
    let mut s = Sheet {
        name: "Items".into(),
        headers,
        ..Sheet::default()
    };
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
        ]);
        s.row(row);
    }
    s
}

/// One row per group and item (the group's overall first); a suppressed group shows the
/// word, never a number.
fn groups(doc: &ResultDoc) -> Sheet {
    let column = doc.group_by.as_ref().map_or("Group", |g| g.column.as_str());
    let mut s = Sheet::new(
        "Groups",
        &[
            column,
            "Respondents",
            "Item",
            "Score",
            "Percent",
            "n",
            "Band",
            "Suppressed because",
        ],
    );
    let hidden = |reason: &Option<String>| -> Cell { reason.as_deref().unwrap_or_default().into() };
    for g in &doc.groups {
        if g.suppressed {
            s.row(vec![
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
            s.row(vec![
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
                s.row(vec![
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
            s.row(vec![
                g.label.as_str().into(),
                Cell::Empty,
                i.id.as_str().into(),
                i.score.into(),
                i.percent.into(),
                i.n.map_or(Cell::Empty, Cell::from),
            ]);
        }
    }
    s
}

/// A diff or a trend: its report's headings, paragraphs and tables as a summary sheet,
/// then its typed table, numbers as numbers.
pub fn report(blocks: &[Block], data_name: &str, data: &Table) -> Vec<u8> {
    let mut summary = Sheet::new("Summary", &[""]);
    for block in blocks {
        match block {
            Block::Title(t) | Block::Heading(t) | Block::Paragraph(t) => {
                summary.row(vec![t.as_str().into()]);
            }
            Block::List(items) => {
                for i in items {
                    summary.row(vec![format!("• {i}").into()]);
                }
            }
            Block::Grid(g) => {
                summary.row(g.headers.iter().map(|h| h.as_str().into()).collect());
                for row in &g.rows {
                    let cells = row
                        .iter()
                        .zip(&g.numeric)
                        .map(|(c, numeric)| match c.parse::<f64>() {
                            Ok(v) if *numeric && v.is_finite() => Cell::Number(v),
                            _ => Cell::Text(c.clone()),
                        })
                        .collect();
                    summary.row(cells);
                }
                summary.row(Vec::new());
            }
        }
    }
    summary.headers = vec![String::new()];
    if let Some(Cell::Text(title)) = summary.rows.first().and_then(|r| r.first()).cloned() {
        summary.headers = vec![title];
        summary.rows.remove(0);
    }
    workbook(&[summary, sheet(data_name, data)])
}

/// A sheet of a typed table: text as text, each number the figure its column shows
/// (the CSV's), so the two files agree to the last decimal.
fn sheet(name: &str, table: &Table) -> Sheet {
    let mut sheet = Sheet {
        name: name.to_string(),
        headers: table.columns.iter().map(|c| c.name.clone()).collect(),
        ..Sheet::default()
    };
    for row in &table.rows {
        let cells = row
            .iter()
            .enumerate()
            .map(|(c, cell)| match cell {
                Cell::Number(v) => table
                    .shown(c, *v)
                    .parse()
                    .map_or(Cell::Number(*v), Cell::Number),
                other => other.clone(),
            })
            .collect();
        sheet.row(cells);
    }
    sheet
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
        let mut sheet = Sheet::new("S", &["a", "b"]);
        sheet.row(vec![Cell::Text("=1+2".into()), Cell::Number(-1.5)]);
        sheet.row(vec![Cell::Text("x".repeat(40_000)), Cell::Number(f64::NAN)]);
        let mut book = read(workbook(&[sheet]));
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
        use crate::render::model::Column;
        let mut table = Table::new(vec![Column::text("id"), Column::number("n", 4)]);
        table.row(vec![Cell::text("=cmd"), Cell::Number(2.123456)]);
        table.row(vec![Cell::text("2026"), Cell::text("Low")]);
        table.row(vec![Cell::text("x")]);
        let sheet = sheet("D", &table);
        assert_eq!(sheet.headers, ["id", "n"]);
        assert_eq!(
            sheet.rows[0],
            vec![Cell::Text("=cmd".into()), Cell::Number(2.1235)]
        );
        // Text that reads as a number stays text, and text in a number column stays text.
        assert_eq!(
            sheet.rows[1],
            vec![Cell::Text("2026".into()), Cell::Text("Low".into())]
        );
        assert_eq!(sheet.rows[2], vec![Cell::Text("x".into()), Cell::Empty]);
    }
}
