//! `trend`: many Results of one assessment in period order — overall, themes and items
//! across the periods, the latest change and the change since the first — and the
//! findings and gaps that persisted through every period: the long-standing problems a
//! board should see.

use serde::Serialize;

use super::index::{self, ById, merge};
use super::period::{self, Period};
use super::{
    Change, CompareError, Measure, Named, Note, NoteKind, Source, common_notes, same_assessment,
    scales_differ,
};
use crate::assessment::Severity;
use crate::result::{GapKind, ItemResult, ResultDoc};

pub const SCHEMA: &str = "plead.trend/1";

/// Results in period order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    pub schema: &'static str,
    pub assessment: AssessmentInfo,
    pub ordered_by: OrderedBy,
    /// The Results, oldest first; every per-period list below follows this order.
    pub periods: Vec<Source>,
    pub notes: Vec<Note>,
    pub overall: Series,
    /// The overall band in each period.
    pub bands: Vec<Option<String>>,
    pub themes: Vec<Series>,
    pub items: Vec<Series>,
    /// Findings raised in every period.
    pub persistent_findings: Vec<PersistentFinding>,
    /// Gaps open in every period.
    pub persistent_gaps: Vec<PersistentGap>,
    /// Comments per comment question in each period.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<super::comments::CommentCounts>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentInfo {
    pub id: String,
    pub title: String,
    /// The latest Result's sentence about what the results are for (reports show it).
    #[serde(skip)]
    pub banner: crate::assessment::Banner,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderedBy {
    /// Every period label was read as a date.
    Period,
    /// Some label was not: ordered by the time each Result was created.
    Created,
}

/// One row across the periods: the overall score, a theme or an item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub id: String,
    pub title: String,
    /// One per period; absent where not scored (or not in that period's definition).
    pub scores: Vec<Option<f64>>,
    pub percents: Vec<Option<f64>>,
    /// Whether the row is in each period's definition.
    pub present: Vec<bool>,
    /// Per period, why the figure is not shown (suppressed in that Result), if it is not.
    #[serde(skip_serializing_if = "all_none")]
    pub hidden: Vec<Option<String>>,
    /// The last period against the one before it.
    pub latest: Change,
    /// The last period against the first.
    pub since_first: Change,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersistentFinding {
    pub id: String,
    pub severity: Severity,
    /// The latest period's wording.
    pub message: String,
    pub items: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersistentGap {
    pub item: String,
    pub title: String,
    pub kind: GapKind,
    /// The latest threshold or target.
    pub reference: f64,
    /// The item's score in each period.
    pub scores: Vec<Option<f64>>,
    /// The latest score's label, when it is a whole point.
    pub latest_label: Option<String>,
}

impl Trend {
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a trend always serialises");
        s.push('\n');
        s
    }
}

/// Puts results of one assessment in order and follows every row through them.
pub fn trend(results: &[Named]) -> Result<Trend, CompareError> {
    if results.len() < 2 {
        return Err(CompareError::TooFew(results.len()));
    }
    same_assessment(results)?;
    let (ordered, ordered_by, mut order_notes) = order(results);
    let mut notes = common_notes(&ordered);
    notes.append(&mut order_notes);
    let docs: Vec<&ResultDoc> = ordered.iter().map(|r| r.doc).collect();
    let last = docs[docs.len() - 1];
    let multi_scale = docs.iter().any(|d| d.scales.len() > 1);

    let overall = overall_series(&docs, multi_scale);

    let items_of: Vec<ById<ItemResult>> = docs.iter().map(|d| index::items(d)).collect();
    let themes = theme_series(&docs, multi_scale);

    let items = item_series(&docs, &items_of);

    Ok(Trend {
        schema: SCHEMA,
        assessment: AssessmentInfo {
            id: last.assessment.id.clone(),
            title: last.assessment.title.clone(),
            banner: last.assessment.banner(),
        },
        ordered_by,
        periods: ordered.iter().map(Source::of).collect(),
        notes,
        overall,
        bands: docs.iter().map(|d| d.overall.band.clone()).collect(),
        themes,
        items,
        persistent_findings: persistent_findings(&docs),
        persistent_gaps: persistent_gaps(&docs, &items_of),
        comments: super::comments::counts(&docs),
    })
}

/// The overall score's series, with its latest change and its change since the first
/// Result.
fn overall_series(docs: &[&ResultDoc], multi_scale: bool) -> Series {
    let (first, last) = (docs[0], docs[docs.len() - 1]);
    let previous = docs[docs.len() - 2];
    let measure = |d: &ResultDoc| Measure {
        score: d.overall.score,
        percent: d.overall.percent,
    };
    Series {
        id: "overall".into(),
        title: "Overall".into(),
        scores: docs.iter().map(|d| d.overall.score).collect(),
        percents: docs.iter().map(|d| d.overall.percent).collect(),
        present: vec![true; docs.len()],
        hidden: docs.iter().map(|d| d.overall.reason.clone()).collect(),
        latest: Change::summary(measure(previous), measure(last), multi_scale)
            .judged_summary(
                (previous, previous.overall.per_respondent.as_ref()),
                (last, last.overall.per_respondent.as_ref()),
            )
            .hiding(
                previous.overall.reason.as_ref(),
                last.overall.reason.as_ref(),
            ),
        since_first: Change::summary(measure(first), measure(last), multi_scale)
            .judged_summary(
                (first, first.overall.per_respondent.as_ref()),
                (last, last.overall.per_respondent.as_ref()),
            )
            .hiding(first.overall.reason.as_ref(), last.overall.reason.as_ref()),
    }
}

/// A series for each theme in any of the Results, by id; a theme missing from a
/// Result is a gap in its series, not a zero.
fn theme_series(docs: &[&ResultDoc], multi_scale: bool) -> Vec<Series> {
    let themes_of: Vec<ById<crate::result::ThemeResult>> = docs
        .iter()
        .map(|d| ById::new(&d.themes, |t| t.id.as_str()))
        .collect();
    union(docs, |d| &d.themes, |t| &t.id)
        .into_iter()
        .map(|id| {
            let at: Vec<Option<&crate::result::ThemeResult>> =
                themes_of.iter().map(|d| d.get(&id)).collect();
            let measure = |i: usize| Measure {
                score: at[i].and_then(|t| t.score),
                percent: at[i].and_then(|t| t.percent),
            };
            let spread = |i: usize| (docs[i], at[i].and_then(|t| t.per_respondent.as_ref()));
            let reason = |i: usize| at[i].and_then(|t| t.reason.as_ref());
            let n = docs.len();
            Series {
                title: latest_of(&at).map_or_else(|| id.clone(), |t| t.title.clone()),
                scores: at.iter().map(|t| t.and_then(|t| t.score)).collect(),
                percents: at.iter().map(|t| t.and_then(|t| t.percent)).collect(),
                present: at.iter().map(Option::is_some).collect(),
                hidden: at
                    .iter()
                    .map(|t| t.and_then(|t| t.reason.clone()))
                    .collect(),
                latest: Change::summary(measure(n - 2), measure(n - 1), multi_scale)
                    .judged_summary(spread(n - 2), spread(n - 1))
                    .hiding(reason(n - 2), reason(n - 1)),
                since_first: Change::summary(measure(0), measure(n - 1), multi_scale)
                    .judged_summary(spread(0), spread(n - 1))
                    .hiding(reason(0), reason(n - 1)),
                id,
            }
        })
        .collect()
}

/// A series for each item in any of the Results, by id, its changes judged item by
/// item.
fn item_series(docs: &[&ResultDoc], items_of: &[ById<ItemResult>]) -> Vec<Series> {
    union(docs, |d| &d.items, |i| &i.id)
        .into_iter()
        .map(|id| {
            let at: Vec<Option<&ItemResult>> = items_of.iter().map(|d| d.get(&id)).collect();
            let n = docs.len();
            Series {
                title: latest_of(&at).map_or_else(|| id.clone(), |i| i.title.clone()),
                scores: at.iter().map(|i| i.and_then(|i| i.score)).collect(),
                percents: at.iter().map(|i| i.and_then(|i| i.percent)).collect(),
                present: at.iter().map(Option::is_some).collect(),
                hidden: at
                    .iter()
                    .map(|i| i.and_then(|i| i.reason.clone()))
                    .collect(),
                latest: item_change(docs, &at, n - 2, n - 1),
                since_first: item_change(docs, &at, 0, n - 1),
                id,
            }
        })
        .collect()
}

fn item_change(docs: &[&ResultDoc], at: &[Option<&ItemResult>], a: usize, b: usize) -> Change {
    let reason = |k: usize| at[k].and_then(|i| i.reason.as_ref());
    let change = match (at[a], at[b]) {
        (Some(x), Some(y)) => Change::item(
            (docs[a], x),
            (docs[b], y),
            scales_differ((docs[a], x), (docs[b], y)),
        ),
        (x, y) => {
            let measure = |i: Option<&ItemResult>| Measure {
                score: i.and_then(|i| i.score),
                percent: i.and_then(|i| i.percent),
            };
            Change::between(measure(x), measure(y), false)
        }
    };
    change.hiding(reason(a), reason(b))
}

/// Whether no period's figure is hidden (the `hidden` list is then left out).
fn all_none(hidden: &[Option<String>]) -> bool {
    hidden.iter().all(Option::is_none)
}

fn latest_of<'a, T>(at: &[Option<&'a T>]) -> Option<&'a T> {
    at.iter().rev().find_map(|x| *x)
}

/// The ids of every period's rows: the latest period's order, with rows it lacks placed
/// where the earlier periods had them.
fn union<T>(
    docs: &[&ResultDoc],
    rows: impl Fn(&ResultDoc) -> &Vec<T>,
    id: impl Fn(&T) -> &String,
) -> Vec<String> {
    let ids_of = |d: &ResultDoc| -> Vec<String> { rows(d).iter().map(|r| id(r).clone()).collect() };
    let mut ids = ids_of(docs[docs.len() - 1]);
    for d in docs.iter().rev().skip(1) {
        ids = merge(&ids_of(d), &ids, |s| s)
            .into_iter()
            .map(|(a, b)| b.or(a).expect("one side at least").clone())
            .collect();
    }
    ids
}

/// Orders the results by period when every label reads as a date, else by created time;
/// ties keep the order given.
fn order<'a>(results: &[Named<'a>]) -> (Vec<Named<'a>>, OrderedBy, Vec<Note>) {
    let mut notes = Vec::new();
    let periods: Vec<Option<Period>> = results
        .iter()
        .map(|r| period::parse(&r.doc.context.period))
        .collect();
    let mut indices: Vec<usize> = (0..results.len()).collect();
    let created = |i: usize| created_key(&results[i].doc.context.created);
    let ordered_by = if periods.iter().all(Option::is_some) {
        indices.sort_by_key(|&i| (periods[i], created(i)));
        OrderedBy::Period
    } else {
        let unread: Vec<String> = results
            .iter()
            .zip(&periods)
            .filter(|(_, p)| p.is_none())
            .map(|(r, _)| format!("\"{}\" ({})", r.doc.context.period, r.name))
            .collect();
        notes.push(Note {
            kind: NoteKind::PeriodNotRead,
            message: format!(
                "the period {} is not a date plead reads (such as {}): the results are \
                 ordered by the time each was created",
                unread.join(", "),
                period::EXAMPLES
            ),
        });
        indices.sort_by_key(|&i| created(i));
        OrderedBy::Created
    };
    for pair in indices.windows(2) {
        let (a, b) = (&results[pair[0]], &results[pair[1]]);
        if a.doc.context.period == b.doc.context.period
            || (periods[pair[0]].is_some() && periods[pair[0]] == periods[pair[1]])
        {
            notes.push(Note {
                kind: NoteKind::SamePeriod,
                message: format!(
                    "{} and {} are both for {}: both are shown, the one created first first",
                    a.name, b.name, b.doc.context.period
                ),
            });
        }
    }
    let ordered = indices.into_iter().map(|i| results[i]).collect();
    (ordered, ordered_by, notes)
}

/// Created times compare as instants where they parse (RFC 3339), else as text after them.
fn created_key(created: &str) -> (i128, String) {
    match time::OffsetDateTime::parse(created, &time::format_description::well_known::Rfc3339) {
        Ok(t) => (t.unix_timestamp_nanos(), String::new()),
        Err(_) => (i128::MAX, created.to_string()),
    }
}

fn persistent_findings(docs: &[&ResultDoc]) -> Vec<PersistentFinding> {
    let key = |f: &crate::result::Finding| {
        let mut items = f.items.clone();
        items.sort();
        (f.id.clone(), items)
    };
    let last = docs[docs.len() - 1];
    let sets: Vec<_> = docs.iter().map(|d| index::keys(&d.findings, key)).collect();
    last.findings
        .iter()
        .filter(|f| {
            let k = key(f);
            sets.iter().all(|s| s.contains(&k))
        })
        .map(|f| PersistentFinding {
            id: f.id.clone(),
            severity: f.severity,
            message: f.message.clone(),
            items: f.items.clone(),
        })
        .collect()
}

fn persistent_gaps(docs: &[&ResultDoc], items_of: &[ById<ItemResult>]) -> Vec<PersistentGap> {
    let last = docs[docs.len() - 1];
    let gap_key = index::gap_key;
    let sets: Vec<_> = docs.iter().map(|d| index::keys(&d.gaps, gap_key)).collect();
    last.gaps
        .iter()
        .filter(|g| sets.iter().all(|s| s.contains(&gap_key(g))))
        .map(|g| {
            let item = items_of[items_of.len() - 1].get(&g.item);
            PersistentGap {
                item: g.item.clone(),
                title: item.map_or_else(|| g.item.clone(), |i| i.title.clone()),
                kind: g.kind,
                reference: g.reference,
                scores: items_of
                    .iter()
                    .map(|d| d.get(&g.item).and_then(|i| i.score))
                    .collect(),
                latest_label: item.and_then(|i| last.rating_label(i)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quarter(text: &str, period: &str, created: &str) -> ResultDoc {
        let mut doc = ResultDoc::from_json(text).unwrap();
        doc.context.period = period.into();
        doc.context.created = created.into();
        doc
    }

    const Q1: &str = include_str!("../../examples/northshire/2026-Q1.json");

    #[test]
    fn ties_in_period_keep_created_order_with_a_note() {
        let a = quarter(Q1, "2026-Q3", "2026-09-01T00:00:00Z");
        let b = quarter(Q1, "Q3 2026", "2026-08-01T00:00:00Z");
        let c = quarter(Q1, "2026-07", "2026-07-31T00:00:00Z");
        let named = [
            Named { name: "a", doc: &a },
            Named { name: "b", doc: &b },
            Named { name: "c", doc: &c },
        ];
        let t = trend(&named).unwrap();
        let files: Vec<&str> = t.periods.iter().map(|p| p.file.as_str()).collect();
        // July alone first (shorter than the quarter starting with it), then the quarter,
        // the earlier-created first.
        assert_eq!(files, ["c", "b", "a"]);
        assert_eq!(t.ordered_by, OrderedBy::Period);
        assert!(
            t.notes
                .iter()
                .any(|n| n.kind == NoteKind::SamePeriod && n.message.starts_with("b and a")),
            "{:?}",
            t.notes
        );
    }

    #[test]
    fn unreadable_periods_order_by_created_time() {
        let a = quarter(Q1, "Autumn", "2026-10-01T00:00:00Z");
        let b = quarter(Q1, "2026-Q1", "2026-01-01T00:00:00+01:00");
        let named = [Named { name: "a", doc: &a }, Named { name: "b", doc: &b }];
        let t = trend(&named).unwrap();
        assert_eq!(t.ordered_by, OrderedBy::Created);
        assert_eq!(t.periods[0].file, "b");
        assert_eq!(t.notes[0].kind, NoteKind::PeriodNotRead);
    }
}
