//! The diff report: what changed between two Results, as shared blocks (drawn by the
//! table, Markdown, HTML and xlsx renderers) and as a typed table (CSV and xlsx). Directions are always words beside the
//! arrows, so the report reads the same in black and white, printed or read aloud.

use super::model::{Block, Cell, Column, Grid, Shown, Table};
use super::text::{percent, score, score_figure};
use super::wording::{
    ABOUT, direction, p_value, short_of, signed, signed_figure, signed_percent, significance, snake,
};
use crate::compare::diff::{Diff, GapChange, Presence, RowChange, Verdicts};
use crate::compare::{Change, Direction, Significance, Untested};
use crate::result::{GapKind, Method};

/// The verdict as words without its arrow: "improved", "no significant change".
fn verdict_words(d: Direction) -> &'static str {
    direction(d)
        .trim_start_matches(['▲', '▼', '=', '–', '≈', '?', ' '])
        .trim()
}

/// After a band change: whether the overall change behind it is significant.
fn evidence_note(significance: Option<Significance>) -> &'static str {
    match significance {
        Some(Significance::Significant) => ", a significant change",
        Some(Significance::NotSignificant) => {
            ", but the overall change is not significant: it could be chance"
        }
        Some(Significance::NotTested) => ", but the overall change could not be tested",
        None => "",
    }
}

fn row_direction(row: &RowChange) -> String {
    match row.presence {
        Presence::Added => "+ added".into(),
        Presence::Removed => "× removed".into(),
        Presence::Both => direction(row.change.direction).into(),
    }
}

/// A score shown by its label where it has one ("In place"), else as a number.
fn rated(label: &Option<String>, value: Option<f64>) -> String {
    match (label, value) {
        (Some(l), _) => l.clone(),
        (None, Some(v)) => score(Some(v)),
        (None, None) => "not rated".into(),
    }
}

fn reference(g: &GapChange) -> String {
    short_of(g.kind, g.reference)
}

const SIGNIFICANT_MEANS: &str = "Significant means that a two-sided Welch t-test at the 5% \
    level says the change is unlikely to be chance: if nothing had really changed, survey \
    answers would differ this much less than 1 time in 20. Not significant means the change \
    could well be the chance of who answered; it is not proof that nothing changed.";

const WORKSHOP_MEANS: &str = "Workshop scores are one agreed rating per item: a change of a \
    whole scale point is a change in the group's judgement, and there is no statistical test \
    to claim.";

/// The machine details of a diff, for its "About this report": the files compared,
/// when each was scored, by which version, and the definitions' hashes.
pub fn about(d: &Diff) -> String {
    let side = |s: &crate::compare::Source| {
        format!(
            "{} ({}, assessment version {}, definition {}, scored {})",
            s.file,
            s.period,
            s.assessment_version,
            s.definition_hash,
            super::text::human_time(&s.created)
        )
    };
    format!(
        "Compared: {} and {}, results of {}.",
        side(&d.old),
        side(&d.new),
        d.assessment.id
    )
}

/// The blocks of a diff report.
pub fn blocks(d: &Diff) -> Vec<Block> {
    let mut blocks = opening(d);
    blocks.push(Block::Heading("Summary".into()));
    blocks.push(Block::List(summary(d)));
    let both_workshops = d.old.method == Method::Workshop && d.new.method == Method::Workshop;
    if d.tested() {
        blocks.push(Block::Paragraph(SIGNIFICANT_MEANS.into()));
    } else if both_workshops {
        blocks.push(Block::Paragraph(WORKSHOP_MEANS.into()));
    }
    blocks.push(Block::Heading("Overall".into()));
    blocks.push(Block::Grid(overall_grid(d)));
    if d.themes.len() > 1 {
        blocks.push(Block::Heading("Themes".into()));
        blocks.push(Block::Grid(themes_grid(d)));
    }
    blocks.push(Block::Heading("Items".into()));
    blocks.push(Block::Grid(items_grid(d)));
    blocks.push(Block::Heading("What moved the verdicts".into()));
    blocks.extend(verdicts(d));
    blocks.extend(added_and_removed(d));
    blocks.extend(super::stories::counts_blocks(
        &d.comments,
        &[
            format!("Old ({})", d.old.period),
            format!("New ({})", d.new.period),
        ],
    ));
    blocks.push(Block::Heading(ABOUT.into()));
    blocks.push(Block::Paragraph(about(d)));
    blocks
}

/// The title, the two results described, and their warnings and the diff's notes.
fn opening(d: &Diff) -> Vec<Block> {
    let mut blocks = vec![
        Block::Title(format!(
            "{} — {}: {} → {}",
            d.assessment.title, d.new.organisation, d.old.period, d.new.period
        )),
        Block::Paragraph(format!(
            "Old: {}. New: {}.",
            d.old.describe(),
            d.new.describe(),
        )),
    ];
    let warnings: Vec<String> = d.old.warning_lines().chain(d.new.warning_lines()).collect();
    if !d.notes.is_empty() || !warnings.is_empty() {
        blocks.push(Block::List(
            warnings
                .into_iter()
                .chain(d.notes.iter().map(|n| n.line()))
                .collect(),
        ));
    }
    blocks
}

/// The overall score, percent and band, old and new.
fn overall_grid(d: &Diff) -> Grid {
    let mut grid = Grid::new(&[
        ("", false),
        ("Old", true),
        ("New", true),
        ("Change", true),
        ("Direction", false),
    ]);
    let o = &d.overall.change;
    grid.shown(vec![
        "Score".into(),
        score_figure(o.old),
        score_figure(o.new),
        signed_figure(o.old, o.new),
        direction(o.direction).into(),
    ]);
    grid.row(vec![
        "Percent".into(),
        percent(o.old_percent),
        percent(o.new_percent),
        signed_percent(o.old_percent, o.new_percent),
        String::new(),
    ]);
    let band_direction = match &d.verdicts.band {
        None => "= unchanged",
        Some(b) if b.up == Some(true) => "▲ up",
        Some(b) if b.up == Some(false) => "▼ down",
        Some(_) => "changed",
    };
    grid.row(vec![
        "Band".into(),
        d.overall.old_band.clone().unwrap_or_else(|| "—".into()),
        d.overall.new_band.clone().unwrap_or_else(|| "—".into()),
        String::new(),
        band_direction.into(),
    ]);
    grid
}

/// Each theme's score, old and new, and its change.
fn themes_grid(d: &Diff) -> Grid {
    let mut grid = Grid::new(&[
        ("Theme", false),
        ("Old", true),
        ("New", true),
        ("Change", true),
        ("Direction", false),
    ]);
    for t in &d.themes {
        grid.shown(vec![
            t.title.clone().into(),
            score_figure(t.change.old),
            score_figure(t.change.new),
            signed_figure(t.change.old, t.change.new),
            row_direction(t).into(),
        ]);
    }
    grid
}

/// Each item's score, old and new, its change and, where a survey is compared, the test.
fn items_grid(d: &Diff) -> Grid {
    let any_survey = d.old.method == Method::Survey || d.new.method == Method::Survey;
    let mut columns = vec![
        ("#", true),
        ("Item", false),
        ("Old", true),
        ("New", true),
        ("Change", true),
        ("Direction", false),
    ];
    if any_survey {
        columns.push(("Test", false));
    }
    let mut grid = Grid::new(&columns);
    for (i, row) in d.items.iter().enumerate() {
        let mut cells = vec![
            Shown::count(i + 1),
            row.title.clone().into(),
            score_figure(row.change.old),
            score_figure(row.change.new),
            signed_figure(row.change.old, row.change.new),
            row_direction(row).into(),
        ];
        if any_survey {
            cells.push(significance(&row.change).into());
        }
        grid.shown(cells);
    }
    grid
}

/// The items in only one of the results, when the assessment's definition changed.
fn added_and_removed(d: &Diff) -> Vec<Block> {
    let added: Vec<&RowChange> = d
        .items
        .iter()
        .filter(|i| i.presence != Presence::Both)
        .collect();
    if added.is_empty() {
        return Vec::new();
    }
    vec![
        Block::Heading("Items added and removed".into()),
        Block::Paragraph(
            "The assessment's definition changed between the two results. These items are in \
             only one of them:"
                .into(),
        ),
        Block::List(
            added
                .iter()
                .map(|i| match i.presence {
                    Presence::Added => format!(
                        "Added in {}: {} ({}), {}",
                        d.new.period,
                        i.title,
                        i.id,
                        rated(&i.new_label, i.change.new)
                    ),
                    _ => format!(
                        "Removed since {}: {} ({}), {}",
                        d.old.period,
                        i.title,
                        i.id,
                        rated(&i.old_label, i.change.old)
                    ),
                })
                .collect(),
        ),
    ]
}

/// The summary's lines: overall, band, items by verdict, gaps, findings and targets.
fn summary(d: &Diff) -> Vec<String> {
    let mut lines = vec![overall_line(d), band_line(d)];
    let s = &d.summary;
    lines.push(items_line(s));
    if s.tested > 0 {
        lines.push(format!(
            "Improved and worse count only significant changes (Welch test, 5%), of {} items tested.",
            s.tested
        ));
    }
    let v = &d.verdicts;
    lines.push(gaps_line(v));
    lines.push(format!(
        "Findings: {} new, {} resolved, {} still raised.",
        v.findings_new.len(),
        v.findings_resolved.len(),
        v.findings_persisting.len()
    ));
    if !v.targets_met.is_empty() {
        lines.push(format!("Targets met: {}.", v.targets_met.len()));
    }
    lines
}

/// "Overall: 1.80 → 2.10 (+0.30), improved (p = 0.01); 45% → 53%."
fn overall_line(d: &Diff) -> String {
    let o = &d.overall.change;
    let evidence = match (&o.welch, o.untested) {
        (Some(w), _) => format!(" ({})", p_value(w)),
        (None, Some(Untested::NoRespondentScores)) => " (could not be tested)".into(),
        _ => String::new(),
    };
    if o.old.is_none() && o.new.is_none() {
        // Scales of different lengths: the percent is the overall figure.
        format!(
            "Overall: {} → {} ({}), {}{evidence}.",
            percent(o.old_percent),
            percent(o.new_percent),
            signed_percent(o.old_percent, o.new_percent),
            verdict_words(o.direction),
        )
    } else {
        format!(
            "Overall: {} → {} ({}), {}{evidence}; {} → {}.",
            score(o.old),
            score(o.new),
            signed(o.old, o.new),
            verdict_words(o.direction),
            percent(o.old_percent),
            percent(o.new_percent),
        )
    }
}

/// "Band: Developing → Established (up), a significant change."
fn band_line(d: &Diff) -> String {
    match &d.verdicts.band {
        None => format!(
            "Band: {}, unchanged.",
            d.overall.new_band.as_deref().unwrap_or("none")
        ),
        Some(b) => format!(
            "Band: {} → {}{}{}.",
            b.old.as_deref().unwrap_or("none"),
            b.new.as_deref().unwrap_or("none"),
            match b.up {
                Some(true) => " (up)",
                Some(false) => " (down)",
                None => "",
            },
            evidence_note(b.significance),
        ),
    }
}

/// "Items: 3 improved, 1 worse, 4 no significant change, 2 unchanged."
fn items_line(s: &crate::compare::diff::Summary) -> String {
    let mut items = vec![
        format!("{} improved", s.improved),
        format!("{} worse", s.worse),
        format!("{} unchanged", s.unchanged),
    ];
    if s.tested > 0 {
        items.insert(
            2,
            format!("{} no significant change", s.no_significant_change),
        );
    }
    if s.not_tested > 0 {
        items.push(format!("{} changed but could not be tested", s.not_tested));
    }
    if s.not_comparable > 0 {
        items.push(format!("{} rated on one side only", s.not_comparable));
    }
    if s.added > 0 {
        items.push(format!("{} added", s.added));
    }
    if s.removed > 0 {
        items.push(format!("{} removed", s.removed));
    }
    format!("Items: {}.", items.join(", "))
}

/// "Gaps: 2 closed (1 not significant), 1 opened, 3 still open."
fn gaps_line(v: &Verdicts) -> String {
    let closed: Vec<&GapChange> = v
        .gaps_closed
        .iter()
        .filter(|g| g.kind == GapKind::BelowThreshold)
        .collect();
    let by_chance = |gaps: &[&GapChange]| {
        gaps.iter()
            .filter(|g| matches!(g.significance, Some(sig) if sig != Significance::Significant))
            .count()
    };
    let opened: Vec<&GapChange> = v.gaps_opened.iter().collect();
    let of_which = |k: usize| match k {
        0 => String::new(),
        k => format!(" ({k} not significant)"),
    };
    format!(
        "Gaps: {} closed{}, {} opened{}, {} still open.",
        closed.len(),
        of_which(by_chance(&closed)),
        opened.len(),
        of_which(by_chance(&opened)),
        v.gaps_still_open.len()
    )
}

/// What moved the verdicts: the band, then each list of what changed, or that nothing
/// did; then what still stands.
fn verdicts(d: &Diff) -> Vec<Block> {
    let v = &d.verdicts;
    let mut blocks = Vec::new();
    if let Some(b) = &v.band {
        blocks.push(Block::Paragraph(format!(
            "Band: {} → {}{}.",
            b.old.as_deref().unwrap_or("none"),
            b.new.as_deref().unwrap_or("none"),
            evidence_note(b.significance),
        )));
    }
    for (title, lines) in moved(d) {
        if !lines.is_empty() {
            blocks.push(Block::Paragraph(format!("{title}:")));
            blocks.push(Block::List(lines));
        }
    }
    let nothing_moved = v.band.is_none()
        && v.gaps_closed.is_empty()
        && v.gaps_opened.is_empty()
        && v.targets_met.is_empty()
        && v.findings_new.is_empty()
        && v.findings_resolved.is_empty();
    if nothing_moved {
        blocks.push(Block::Paragraph(
            "No verdict changed: the same band, no gap closed or opened, no finding new or \
             gone."
                .into(),
        ));
    }
    blocks.extend(still_standing(v));
    blocks
}

/// The lists of verdicts that moved, each under its title (an empty list is not shown).
fn moved(d: &Diff) -> [(&'static str, Vec<String>); 6] {
    let v = &d.verdicts;
    let finding =
        |f: &crate::compare::diff::FindingRef| format!("[{}] {}", f.severity.as_str(), f.message);
    [
        (
            "Gaps closed",
            v.gaps_closed
                .iter()
                .filter(|g| g.kind == GapKind::BelowThreshold)
                .map(|g| gap_change(d, g))
                .collect(),
        ),
        (
            "Gaps opened",
            v.gaps_opened
                .iter()
                .map(|g| format!("{} ({})", gap_change(d, g), reference(g)))
                .collect(),
        ),
        (
            "Targets met",
            v.targets_met
                .iter()
                .map(|t| {
                    format!(
                        "{}: {} → {} (target {})",
                        t.title,
                        rated(&t.old_label, t.old),
                        rated(&t.new_label, Some(t.new)),
                        t.target
                    )
                })
                .collect(),
        ),
        ("New findings", v.findings_new.iter().map(finding).collect()),
        (
            "Findings no longer raised",
            v.findings_resolved.iter().map(finding).collect(),
        ),
        (
            "Not rated in the new result, so not known to be closed",
            v.gaps_not_reassessed
                .iter()
                .map(|g| gap_change(d, g))
                .collect(),
        ),
    ]
}

/// A gap's item, old and new ("not asked" where the item is in one result only), and
/// the test of its change where it was not significant or not tested.
fn gap_change(d: &Diff, g: &GapChange) -> String {
    let row = d.items.iter().find(|i| i.id == g.item);
    let presence = row.map_or(Presence::Both, |i| i.presence);
    let side = |label: &Option<String>, value: Option<f64>, absent: Presence| {
        if presence == absent {
            "not asked".to_string()
        } else {
            rated(label, value)
        }
    };
    let p = row.and_then(|i| i.change.welch.as_ref()).map(p_value);
    let evidence = match (g.significance, p) {
        (Some(Significance::NotSignificant), Some(p)) => format!(" — not significant, {p}"),
        (Some(Significance::NotTested), _) => " — not tested".to_string(),
        _ => String::new(),
    };
    format!(
        "{}: {} → {}{evidence}",
        g.title,
        side(&g.old_label, g.old, Presence::Added),
        side(&g.new_label, g.new, Presence::Removed)
    )
}

/// The gaps still open (each item once) and the findings raised in both results.
fn still_standing(v: &Verdicts) -> Vec<Block> {
    let mut blocks = Vec::new();
    if !v.gaps_still_open.is_empty() {
        let mut open: Vec<String> = Vec::new();
        for g in &v.gaps_still_open {
            if !open.contains(&g.title) {
                open.push(g.title.clone());
            }
        }
        blocks.push(Block::Paragraph(format!(
            "Gaps still open: {}.",
            open.join(", ")
        )));
    }
    if !v.findings_persisting.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "{} finding{} raised in both results (see the new result's report).",
            v.findings_persisting.len(),
            if v.findings_persisting.len() == 1 {
                " is"
            } else {
                "s are"
            }
        )));
    }
    blocks
}

/// Scores, percents and changes are written with four decimals.
const FIGURE: usize = 4;

/// The diff's figures as a typed table: one row per score compared (overall, themes,
/// items), then one per verdict that moved (band, gaps, findings, targets), so a
/// spreadsheet can filter by `level`.
pub fn table(d: &Diff) -> Table {
    let mut table = Table::new(vec![
        Column::text("level"),
        Column::text("id"),
        Column::text("title"),
        Column::text("theme"),
        Column::text("presence"),
        Column::number("old", FIGURE),
        Column::number("new", FIGURE),
        Column::number("change", FIGURE),
        Column::number("old_percent", FIGURE),
        Column::number("new_percent", FIGURE),
        Column::number("percent_change", FIGURE),
        Column::text("direction"),
        Column::text("significance"),
        Column::number("p_value", 6),
        Column::number("t", 4),
        Column::number("df", 2),
        Column::text("untested"),
        Column::text("old_label"),
        Column::text("new_label"),
        Column::text("detail"),
    ]);
    for row in score_rows(d).into_iter().chain(verdict_rows(&d.verdicts)) {
        table.row(row);
    }
    table
}

/// What a row of the diff's table is: its level (overall, theme, item, or the verdict),
/// the id and title of what it is about.
struct RowName<'a> {
    level: &'a str,
    id: &'a str,
    title: &'a str,
}

fn label_cell(l: &Option<String>) -> Cell {
    Cell::text(l.clone().unwrap_or_default())
}

/// The rows of the scores compared: overall, each theme, each item.
fn score_rows(d: &Diff) -> Vec<Vec<Cell>> {
    let mut rows = vec![change_row(
        RowName {
            level: "overall",
            id: &d.assessment.id,
            title: &d.assessment.title,
        },
        "",
        "both",
        &d.overall.change,
        (&d.overall.old_band, &d.overall.new_band),
    )];
    for t in &d.themes {
        rows.push(change_row(
            RowName {
                level: "theme",
                id: &t.id,
                title: &t.title,
            },
            "",
            &snake(&t.presence),
            &t.change,
            (&None, &None),
        ));
    }
    for i in &d.items {
        rows.push(change_row(
            RowName {
                level: "item",
                id: &i.id,
                title: &i.title,
            },
            i.theme.as_deref().unwrap_or(""),
            &snake(&i.presence),
            &i.change,
            (&i.old_label, &i.new_label),
        ));
    }
    rows
}

/// A score compared: old and new, the change, its direction and its test.
fn change_row(
    name: RowName,
    theme: &str,
    presence: &str,
    c: &Change,
    labels: (&Option<String>, &Option<String>),
) -> Vec<Cell> {
    vec![
        Cell::text(name.level),
        Cell::text(name.id),
        Cell::text(name.title),
        Cell::text(theme),
        Cell::text(presence),
        Cell::number(c.old),
        Cell::number(c.new),
        Cell::number(c.change),
        Cell::number(c.old_percent),
        Cell::number(c.new_percent),
        Cell::number(c.percent_change),
        Cell::text(snake(&c.direction)),
        Cell::text(snake(&c.significance)),
        Cell::number(c.welch.map(|w| w.p)),
        Cell::number(c.welch.map(|w| w.t)),
        Cell::number(c.welch.map(|w| w.df)),
        Cell::text(c.untested.as_ref().map_or_else(String::new, snake)),
        label_cell(labels.0),
        label_cell(labels.1),
    ]
}

/// The rows of the verdicts that moved: the band, the gaps, the findings, the targets.
fn verdict_rows(v: &Verdicts) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    if let Some(b) = &v.band {
        let up = match b.up {
            Some(true) => "up",
            Some(false) => "down",
            None => "",
        };
        rows.push(verdict_row(
            RowName {
                level: "band",
                id: "",
                title: "Band",
            },
            (None, None),
            (&b.old, &b.new),
            up.into(),
        ));
    }
    let gaps = [
        ("gap_closed", &v.gaps_closed),
        ("gap_opened", &v.gaps_opened),
        ("gap_still_open", &v.gaps_still_open),
        ("gap_not_reassessed", &v.gaps_not_reassessed),
    ];
    for (level, list) in gaps {
        for g in list {
            let name = RowName {
                level,
                id: &g.item,
                title: &g.title,
            };
            let labels = (&g.old_label, &g.new_label);
            rows.push(verdict_row(name, (g.old, g.new), labels, reference(g)));
        }
    }
    let findings = [
        ("finding_new", &v.findings_new),
        ("finding_resolved", &v.findings_resolved),
        ("finding_persisting", &v.findings_persisting),
    ];
    for (level, list) in findings {
        for f in list {
            let name = RowName {
                level,
                id: &f.id,
                title: &f.message,
            };
            let detail = format!("{}: {}", f.severity.as_str(), f.items.join(" "));
            rows.push(verdict_row(name, (None, None), (&None, &None), detail));
        }
    }
    for t in &v.targets_met {
        let name = RowName {
            level: "target_met",
            id: &t.item,
            title: &t.title,
        };
        let labels = (&t.old_label, &t.new_label);
        let detail = format!("target {}", t.target);
        rows.push(verdict_row(name, (t.old, Some(t.new)), labels, detail));
    }
    rows
}

/// A verdict that moved: old and new where it has them, its labels and its detail; it
/// has no theme, presence, change or test.
fn verdict_row(
    name: RowName,
    (old, new): (Option<f64>, Option<f64>),
    labels: (&Option<String>, &Option<String>),
    detail: String,
) -> Vec<Cell> {
    let mut row = vec![
        Cell::text(name.level),
        Cell::text(name.id),
        Cell::text(name.title),
        Cell::Empty,
        Cell::Empty,
        Cell::number(old),
        Cell::number(new),
    ];
    // change, the percents, direction, significance, p_value, t, df and untested
    row.extend(std::iter::repeat_n(Cell::Empty, 10));
    row.extend([
        label_cell(labels.0),
        label_cell(labels.1),
        Cell::text(detail),
    ]);
    row
}

#[cfg(test)]
pub(super) mod tests {
    use crate::compare::{self, Named};
    use crate::render::Format;
    use crate::render::{self, Options};
    use crate::result::ResultDoc;

    /// The example organisation's four quarters: two workshops, then two surveys.
    pub fn quarters() -> [ResultDoc; 4] {
        [
            include_str!("../../examples/northshire/2026-Q1.json"),
            include_str!("../../examples/northshire/2026-Q2.json"),
            include_str!("../../examples/northshire/2026-Q3.json"),
            include_str!("../../examples/northshire/2026-Q4.json"),
        ]
        .map(|text| ResultDoc::from_json(text).expect("the examples are Results"))
    }

    /// Q2 as if the assessment's definition had changed: one item dropped, one added.
    pub fn redefined(q2: &ResultDoc) -> ResultDoc {
        let mut doc = q2.clone();
        doc.assessment.version = "1.1.0".into();
        doc.assessment.definition_hash = "sha256:0000000000000000".into();
        doc.items.retain(|i| i.id != "qualitative-feedback");
        let mut added = doc.items[0].clone();
        added.id = "peer-support".into();
        added.title = "=Peer support for leaders".into();
        added.score = Some(3.0);
        added.percent = Some(75.0);
        doc.items.push(added);
        doc
    }

    fn render(old: &ResultDoc, new: &ResultDoc, format: Format) -> String {
        let d = compare::diff(
            Named {
                name: "old.json",
                doc: old,
            },
            Named {
                name: "new.json",
                doc: new,
            },
        )
        .unwrap();
        String::from_utf8(render::diff(&d, format, &Options::default())).unwrap()
    }

    #[test]
    fn workshops_table() {
        let [q1, q2, ..] = quarters();
        insta::assert_snapshot!(render(&q1, &q2, Format::Table));
    }

    #[test]
    fn surveys_table() {
        let [.., q3, q4] = quarters();
        insta::assert_snapshot!(render(&q3, &q4, Format::Table));
    }

    #[test]
    fn workshop_to_survey_markdown() {
        let [_, q2, q3, _] = quarters();
        insta::assert_snapshot!(render(&q2, &q3, Format::Markdown));
    }

    #[test]
    fn changed_definition_out_of_order_markdown() {
        let [q1, q2, ..] = quarters();
        insta::assert_snapshot!(render(&redefined(&q2), &q1, Format::Markdown));
    }

    #[test]
    fn surveys_csv() {
        let [.., q3, q4] = quarters();
        insta::assert_snapshot!(render(&q3, &q4, Format::Csv));
    }

    #[test]
    fn changed_definition_csv_guards_text() {
        let [q1, q2, ..] = quarters();
        insta::assert_snapshot!(render(&q1, &redefined(&q2), Format::Csv));
    }

    #[test]
    fn surveys_json() {
        let [.., q3, q4] = quarters();
        insta::assert_snapshot!(render(&q3, &q4, Format::Json));
    }
}
