//! The CSV report: one row for the overall score, one per theme and one per item, for
//! spreadsheets. Every row carries the organisation and period, so the reports of several
//! quarters can be stacked into one sheet. Free-text cells are guarded against formula
//! injection; numbers stay numbers. A warning (figures that describe fewer people than
//! the suppression minimum) comes first, as a row of level `warning`.

use super::text::csv_text;
use crate::result::ResultDoc;

const HEADERS: [&str; 17] = [
    "level",
    "id",
    "theme",
    "title",
    "score",
    "percent",
    "band_or_rating",
    "n",
    "not_applicable",
    "missing",
    "target",
    "notes",
    "action",
    "median",
    "sd",
    "organisation",
    "period",
];

pub fn result(doc: &ResultDoc) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let num = |v: Option<f64>| v.map_or_else(String::new, |v| format!("{v:.4}"));
    let mut rows: Vec<Vec<String>> = vec![vec![
        "overall".into(),
        doc.assessment.id.clone(),
        String::new(),
        doc.assessment.title.clone(),
        num(doc.overall.score),
        num(doc.overall.percent),
        doc.overall.band.clone().unwrap_or_default(),
        doc.overall.answered.to_string(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]];
    for t in &doc.themes {
        rows.push(vec![
            "theme".into(),
            t.id.clone(),
            t.id.clone(),
            t.title.clone(),
            num(t.score),
            num(t.percent),
            String::new(),
            t.answered.to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    for i in &doc.items {
        let label = doc.rating_label(i).unwrap_or_default();
        rows.push(vec![
            "item".into(),
            i.id.clone(),
            i.theme.clone(),
            i.title.clone(),
            num(i.score),
            num(i.percent),
            label,
            i.n.to_string(),
            i.not_applicable.to_string(),
            i.missing.to_string(),
            i.target.map_or_else(String::new, |t| t.to_string()),
            i.notes.join(" / "),
            i.action.clone().unwrap_or_default(),
            num(i.aggregate.as_ref().map(|a| a.median)),
            num(i.aggregate.as_ref().map(|a| a.sd)),
        ]);
    }
    // Warnings first, in the notes column, so a sheet made from the file shows them.
    for warning in doc.warnings.iter().rev() {
        let mut row = vec![String::new(); 15];
        row[0] = "warning".into();
        row[11] = warning.clone();
        rows.insert(0, row);
    }
    w.write_record(HEADERS).expect("writing to memory");
    // Text columns: id, theme, title, band_or_rating, notes, action, organisation, period.
    let text = [1, 2, 3, 6, 11, 12, 15, 16];
    for mut row in rows {
        row.extend([doc.context.organisation.clone(), doc.context.period.clone()]);
        let row: Vec<String> = row
            .into_iter()
            .enumerate()
            .map(|(c, v)| if text.contains(&c) { csv_text(&v) } else { v })
            .collect();
        w.write_record(&row).expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}
