//! `diff`: two Results of one assessment compared — overall, themes and items, each with
//! old, new, change, direction and significance — and what moved the verdicts: the band,
//! gaps closed and opened, findings that appeared or went away, targets met.

use serde::Serialize;

use super::index::{self, merge};
use super::period;
use super::verdict::MinChange;
use super::{
    Change, CompareError, Direction, Measure, Named, Note, NoteKind, Significance, Source,
    Untested, common_notes, same_assessment, scales_differ,
};
use crate::assessment::Severity;
use crate::result::{Finding, Gap, GapKind, ItemResult, ResultDoc};

pub const SCHEMA: &str = "plead.diff/1";

/// Two Results compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    pub schema: &'static str,
    pub assessment: AssessmentPair,
    pub old: Source,
    pub new: Source,
    pub notes: Vec<Note>,
    pub overall: OverallChange,
    pub themes: Vec<RowChange>,
    pub items: Vec<RowChange>,
    pub summary: Summary,
    pub verdicts: Verdicts,
    /// Comments per comment question, old then new.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<super::comments::CommentCounts>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentPair {
    pub id: String,
    pub title: String,
    pub same_definition: bool,
    /// The newer Result's sentence about what the results are for (reports show it).
    #[serde(skip)]
    pub banner: crate::assessment::Banner,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverallChange {
    #[serde(flatten)]
    pub change: Change,
    pub old_band: Option<String>,
    pub new_band: Option<String>,
    /// One scale point in percent, of the finest scale (see `RowChange::point`).
    #[serde(skip)]
    pub point: f64,
}

/// Whether a row is in both Results or in one only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    Both,
    /// Only in the new Result (its definition gained it).
    Added,
    /// Only in the old Result.
    Removed,
}

/// A theme or an item compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowChange {
    pub id: String,
    pub title: String,
    /// The theme of an item; absent on themes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    pub presence: Presence,
    /// Labels of whole ratings on the scale ("Missing", "In place"), items only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_label: Option<String>,
    #[serde(flatten)]
    pub change: Change,
    /// One scale point in percent (100 / (max − min) of the item's scale; for a theme,
    /// of the finest scale), for judging falls measured in percent only.
    #[serde(skip)]
    pub point: f64,
}

/// Items counted by what happened to them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Improved and worse are, between surveys, significant changes only.
    pub improved: usize,
    pub worse: usize,
    pub unchanged: usize,
    /// Survey items that moved, by less than a test can tell from chance.
    pub no_significant_change: usize,
    /// Survey items that moved and could not be tested.
    pub not_tested: usize,
    /// In both, but not rated in one.
    pub not_comparable: usize,
    pub added: usize,
    pub removed: usize,
    /// Items with a Welch test; of those, significant rises and falls.
    pub tested: usize,
    pub significantly_improved: usize,
    pub significantly_worse: usize,
}

/// What moved the verdicts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdicts {
    /// Present when the band changed.
    pub band: Option<BandChange>,
    pub gaps_closed: Vec<GapChange>,
    pub gaps_opened: Vec<GapChange>,
    /// Gaps in both.
    pub gaps_still_open: Vec<GapChange>,
    /// Gaps of the old Result whose item has no score in the new one: not known to be closed.
    pub gaps_not_reassessed: Vec<GapChange>,
    pub findings_new: Vec<FindingRef>,
    pub findings_resolved: Vec<FindingRef>,
    pub findings_persisting: Vec<FindingRef>,
    pub targets_met: Vec<TargetMet>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BandChange {
    pub old: Option<String>,
    pub new: Option<String>,
    /// Up (true) or down the bands, when both are known.
    pub up: Option<bool>,
    /// Between surveys, whether the overall change behind the new band is significant
    /// (a band crossed by chance is marked so); absent for workshops.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub significance: Option<Significance>,
}

/// A gap of either Result, with the item's score on both sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapChange {
    pub item: String,
    pub title: String,
    pub kind: GapKind,
    /// The threshold or target the gap is measured against.
    pub reference: f64,
    pub old: Option<f64>,
    pub new: Option<f64>,
    pub old_label: Option<String>,
    pub new_label: Option<String>,
    /// Between surveys, whether the item's change behind the gap's closing or opening
    /// is significant; absent for workshops and gaps still open.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub significance: Option<Significance>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingRef {
    pub id: String,
    pub severity: Severity,
    pub message: String,
    pub items: Vec<String>,
}

/// An item that reached its target in the new Result and had not in the old.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetMet {
    pub item: String,
    pub title: String,
    pub target: i32,
    pub old: Option<f64>,
    pub new: f64,
    pub old_label: Option<String>,
    pub new_label: Option<String>,
}

impl Diff {
    /// What fell — the overall score and items — as "Overall" and item titles, for
    /// `--fail-if-worse`: between surveys, significant falls only; otherwise falls of a
    /// whole scale point or more; with `--min-change`, only falls at least that large.
    pub fn falls(&self, min_change: Option<MinChange>) -> Vec<String> {
        let mut falls = Vec::new();
        if self
            .overall
            .change
            .counts_as_fall(self.overall.point, min_change)
        {
            falls.push("Overall".to_string());
        }
        falls.extend(
            self.items
                .iter()
                .filter(|i| i.change.counts_as_fall(i.point, min_change))
                .map(|i| i.title.clone()),
        );
        falls
    }

    /// Whether any item was tested (both sides survey aggregates).
    pub fn tested(&self) -> bool {
        self.summary.tested > 0
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a diff always serialises");
        s.push('\n');
        s
    }
}

/// Compares `old` with `new`: results of the same assessment, compared as given.
pub fn diff(old: Named, new: Named) -> Result<Diff, CompareError> {
    same_assessment(&[old, new])?;
    let (o, n) = (old.doc, new.doc);
    let mut notes = common_notes(&[old, new]);
    notes.extend(order_note(old, new));
    let multi_scale = o.scales.len() > 1 || n.scales.len() > 1;

    let overall = overall_change(o, n, multi_scale);

    let themes = theme_rows(o, n, multi_scale);

    let items: Vec<RowChange> = merge(&o.items, &n.items, |i| &i.id)
        .into_iter()
        .map(|(a, b)| item_row(o, a, n, b))
        .collect();

    let summary = summary_of(&items);

    let mut verdicts = verdicts(o, n);
    mark_evidence(&mut verdicts, &overall, &items);
    notes.extend(untested_note(old, new, &overall));

    Ok(Diff {
        schema: SCHEMA,
        assessment: AssessmentPair {
            id: n.assessment.id.clone(),
            title: n.assessment.title.clone(),
            same_definition: o.assessment.definition_hash == n.assessment.definition_hash,
            banner: n.assessment.banner(),
        },
        old: Source::of(&old),
        new: Source::of(&new),
        notes,
        overall,
        themes,
        items,
        summary,
        verdicts,
        comments: super::comments::counts(&[o, n]),
    })
}

/// The overall score's change and its band before and after.
fn overall_change(o: &ResultDoc, n: &ResultDoc, multi_scale: bool) -> OverallChange {
    OverallChange {
        change: Change::summary(
            Measure {
                score: o.overall.score,
                percent: o.overall.percent,
            },
            Measure {
                score: n.overall.score,
                percent: n.overall.percent,
            },
            multi_scale,
        )
        .judged_summary(
            (o, o.overall.per_respondent.as_ref()),
            (n, n.overall.per_respondent.as_ref()),
        )
        .hiding(o.overall.reason.as_ref(), n.overall.reason.as_ref()),
        old_band: o.overall.band.clone(),
        new_band: n.overall.band.clone(),
        point: finest_point(o, n),
    }
}

/// A row for each theme in either Result, matched by id, with its change judged.
fn theme_rows(o: &ResultDoc, n: &ResultDoc, multi_scale: bool) -> Vec<RowChange> {
    merge(&o.themes, &n.themes, |t| &t.id)
        .into_iter()
        .map(|(a, b)| {
            let measure = |t: Option<&crate::result::ThemeResult>| Measure {
                score: t.and_then(|t| t.score),
                percent: t.and_then(|t| t.percent),
            };
            let either = b.or(a).expect("one side at least");
            RowChange {
                id: either.id.clone(),
                title: either.title.clone(),
                theme: None,
                presence: presence(a.is_some(), b.is_some()),
                old_label: None,
                new_label: None,
                change: Change::summary(measure(a), measure(b), multi_scale)
                    .judged_summary(
                        (o, a.and_then(|t| t.per_respondent.as_ref())),
                        (n, b.and_then(|t| t.per_respondent.as_ref())),
                    )
                    .hiding(
                        a.and_then(|t| t.reason.as_ref()),
                        b.and_then(|t| t.reason.as_ref()),
                    ),
                point: finest_point(o, n),
            }
        })
        .collect()
}

/// The items counted by how they changed: added, removed, each direction, how many
/// were tested and how many changed significantly.
fn summary_of(items: &[RowChange]) -> Summary {
    let mut summary = Summary::default();
    for i in items {
        match (i.presence, i.change.direction) {
            (Presence::Added, _) => summary.added += 1,
            (Presence::Removed, _) => summary.removed += 1,
            (_, Direction::Improved) => summary.improved += 1,
            (_, Direction::Worse) => summary.worse += 1,
            (_, Direction::Unchanged) => summary.unchanged += 1,
            (_, Direction::NoSignificantChange) => summary.no_significant_change += 1,
            (_, Direction::NotTested) => summary.not_tested += 1,
            (_, Direction::NotComparable) => summary.not_comparable += 1,
        }
        if i.change.welch.is_some() {
            summary.tested += 1;
        }
        if i.change.significance == Significance::Significant {
            match i.change.direction {
                Direction::Improved => summary.significantly_improved += 1,
                Direction::Worse => summary.significantly_worse += 1,
                _ => {}
            }
        }
    }
    summary
}

fn presence(old: bool, new: bool) -> Presence {
    match (old, new) {
        (true, false) => Presence::Removed,
        (false, true) => Presence::Added,
        _ => Presence::Both,
    }
}

fn item_row(
    o: &ResultDoc,
    a: Option<&ItemResult>,
    n: &ResultDoc,
    b: Option<&ItemResult>,
) -> RowChange {
    let either = b.or(a).expect("one side at least");
    let change = match (a, b) {
        (Some(a), Some(b)) => Change::item((o, a), (n, b), scales_differ((o, a), (n, b))),
        _ => {
            let measure = |i: Option<&ItemResult>| Measure {
                score: i.and_then(|i| i.score),
                percent: i.and_then(|i| i.percent),
            };
            Change::between(measure(a), measure(b), false)
        }
    }
    .hiding(
        a.and_then(|i| i.reason.as_ref()),
        b.and_then(|i| i.reason.as_ref()),
    );
    RowChange {
        id: either.id.clone(),
        title: either.title.clone(),
        theme: Some(either.theme.clone()),
        presence: presence(a.is_some(), b.is_some()),
        old_label: a.and_then(|i| o.rating_label(i)),
        new_label: b.and_then(|i| n.rating_label(i)),
        change,
        point: n
            .scale(&either.scale)
            .or_else(|| o.scale(&either.scale))
            .map_or(100.0, |s| 100.0 / f64::from((s.max - s.min).max(1))),
    }
}

/// A note when the periods are out of order or the same.
fn order_note(old: Named, new: Named) -> Option<Note> {
    let (po, pn) = (&old.doc.context.period, &new.doc.context.period);
    match (period::parse(po), period::parse(pn)) {
        (Some(a), Some(b)) if a > b => Some(Note {
            kind: NoteKind::OutOfOrder,
            message: format!(
                "{} ({po}) is later than {} ({pn}): compared as given, so a rise here is a \
                 fall over time; swap the files to compare the earlier with the later",
                old.name, new.name
            ),
        }),
        (Some(a), Some(b)) if a == b => Some(Note {
            kind: NoteKind::SamePeriod,
            message: format!("both results are for {pn}: compared as given"),
        }),
        (Some(_), Some(_)) => None,
        _ if old.doc.context.created > new.doc.context.created => Some(Note {
            kind: NoteKind::OutOfOrder,
            message: format!(
                "{} was created after {} (and their periods \"{po}\" and \"{pn}\" are not \
                 dates plead reads, such as {}): compared as given",
                old.name,
                new.name,
                period::EXAMPLES
            ),
        }),
        _ => None,
    }
}

fn verdicts(o: &ResultDoc, n: &ResultDoc) -> Verdicts {
    let mut verdicts = Verdicts {
        band: band_change(o, n),
        gaps_closed: Vec::new(),
        gaps_opened: Vec::new(),
        gaps_still_open: Vec::new(),
        gaps_not_reassessed: Vec::new(),
        findings_new: Vec::new(),
        findings_resolved: Vec::new(),
        findings_persisting: Vec::new(),
        targets_met: Vec::new(),
    };
    gap_verdicts(o, n, &mut verdicts);
    finding_verdicts(o, n, &mut verdicts);
    verdicts.targets_met = targets_met(o, n);
    verdicts
}

/// The overall band's change, if it changed, and whether it went up the new Result's
/// bands.
fn band_change(o: &ResultDoc, n: &ResultDoc) -> Option<BandChange> {
    (o.overall.band != n.overall.band).then(|| {
        let index = |label: &Option<String>| {
            n.bands
                .iter()
                .position(|b| Some(&b.label) == label.as_ref())
        };
        BandChange {
            old: o.overall.band.clone(),
            new: n.overall.band.clone(),
            up: match (index(&o.overall.band), index(&n.overall.band)) {
                (Some(a), Some(b)) => Some(b > a),
                _ => None,
            },
            significance: None,
        }
    })
}

/// Each gap of either Result sorted into closed, opened, still open or not reassessed
/// (the item has no score in the new Result, so the gap can't be called closed).
fn gap_verdicts(o: &ResultDoc, n: &ResultDoc, verdicts: &mut Verdicts) {
    let (old_items, new_items) = (index::items(o), index::items(n));
    let gap_change = |g: &Gap| {
        let a = old_items.get(&g.item);
        let b = new_items.get(&g.item);
        GapChange {
            item: g.item.clone(),
            title: b.or(a).map_or_else(|| g.item.clone(), |i| i.title.clone()),
            kind: g.kind,
            reference: g.reference,
            old: a.and_then(|i| i.score),
            new: b.and_then(|i| i.score),
            old_label: a.and_then(|i| o.rating_label(i)),
            new_label: b.and_then(|i| n.rating_label(i)),
            significance: None,
        }
    };
    let gap_key = index::gap_key;
    let (old_gaps, new_gaps) = (index::keys(&o.gaps, gap_key), index::keys(&n.gaps, gap_key));
    for g in &o.gaps {
        let change = gap_change(g);
        if new_gaps.contains(&gap_key(g)) {
            verdicts.gaps_still_open.push(change);
        } else if change.new.is_some() {
            verdicts.gaps_closed.push(change);
        } else {
            verdicts.gaps_not_reassessed.push(change);
        }
    }
    for g in &n.gaps {
        if !old_gaps.contains(&gap_key(g)) {
            verdicts.gaps_opened.push(gap_change(g));
        }
    }
}

/// Each finding of either Result sorted into new, resolved or persisting, a finding
/// being the same when its id and its items are.
fn finding_verdicts(o: &ResultDoc, n: &ResultDoc, verdicts: &mut Verdicts) {
    let key = |f: &Finding| {
        let mut items = f.items.clone();
        items.sort();
        (f.id.clone(), items)
    };
    let reference = |f: &Finding| FindingRef {
        id: f.id.clone(),
        severity: f.severity,
        message: f.message.clone(),
        items: f.items.clone(),
    };
    let (old_findings, new_findings) =
        (index::keys(&o.findings, key), index::keys(&n.findings, key));
    for f in &n.findings {
        if old_findings.contains(&key(f)) {
            verdicts.findings_persisting.push(reference(f));
        } else {
            verdicts.findings_new.push(reference(f));
        }
    }
    for f in &o.findings {
        if !new_findings.contains(&key(f)) {
            verdicts.findings_resolved.push(reference(f));
        }
    }
}

/// The items whose target is met now and was not met before.
fn targets_met(o: &ResultDoc, n: &ResultDoc) -> Vec<TargetMet> {
    let old_items = index::items(o);
    let mut met = Vec::new();
    for b in &n.items {
        let (Some(target), Some(score)) = (b.target, b.score) else {
            continue;
        };
        if score < f64::from(target) {
            continue;
        }
        let a = old_items.get(&b.id);
        let met_before = a.is_some_and(|a| {
            a.score
                .is_some_and(|s| s >= f64::from(a.target.unwrap_or(target)))
        });
        if !met_before {
            met.push(TargetMet {
                item: b.id.clone(),
                title: b.title.clone(),
                target,
                old: a.and_then(|a| a.score),
                new: score,
                old_label: a.and_then(|a| o.rating_label(a)),
                new_label: n.rating_label(b),
            });
        }
    }
    met
}

/// One scale point in percent on the finest scale of either Result.
fn finest_point(o: &ResultDoc, n: &ResultDoc) -> f64 {
    o.scales
        .iter()
        .chain(&n.scales)
        .map(|s| 100.0 / f64::from((s.max - s.min).max(1)))
        .fold(100.0, f64::min)
}

/// Between surveys, marks each closed or opened gap and a band change with the
/// significance of the change behind it, so none is claimed on noise.
fn mark_evidence(verdicts: &mut Verdicts, overall: &OverallChange, items: &[RowChange]) {
    let evidence = |c: &Change| match c.untested {
        Some(Untested::Workshop | Untested::MixedMethods) => None,
        _ => Some(c.significance),
    };
    if let Some(band) = &mut verdicts.band {
        band.significance = evidence(&overall.change);
    }
    for gap in verdicts
        .gaps_closed
        .iter_mut()
        .chain(verdicts.gaps_opened.iter_mut())
    {
        gap.significance = items
            .iter()
            .find(|i| i.id == gap.item && i.presence == Presence::Both)
            .and_then(|i| evidence(&i.change));
    }
}

/// When two surveys' overall change could not be tested because a Result does not
/// record its respondents' own scores, says so and how to fix it.
fn untested_note(old: Named, new: Named, overall: &OverallChange) -> Option<Note> {
    if overall.change.untested != Some(Untested::NoRespondentScores) {
        return None;
    }
    let lacking: Vec<&str> = [old, new]
        .iter()
        .filter(|r| r.doc.overall.per_respondent.is_none())
        .map(|r| r.name)
        .collect();
    Some(Note {
        kind: NoteKind::NotTested,
        message: format!(
            "the overall and theme changes could not be tested: {} {} not record each \
             respondent's own scores (scored by an earlier version of plead); score {} \
             survey again with this version to test them",
            lacking.join(" and "),
            if lacking.len() == 1 { "does" } else { "do" },
            if lacking.len() == 1 { "its" } else { "their" },
        ),
    })
}
