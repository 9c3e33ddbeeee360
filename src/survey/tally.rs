//! Counting parsed rows into per-item histograms, overall and per `--group-by` value.
//! Memory is one histogram per item per group, whatever the number of rows; the group
//! labels seen are kept (a bounded number of them, so a free-text column is refused
//! rather than grown without end). `--combine` merges group values once all are
//! counted, before anything is suppressed; a label that looks personal (an email typed
//! into a role's "Other") is masked when first seen.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::cell::{Cell, Fx};
use super::headers::quoted_list;
use crate::assessment::Assessment;
use crate::score::combination::{Combination, names};
use crate::score::respondent::RespondentScoring;
use crate::score::survey::{GroupTally, Grouping, Tally};

/// The label of a blank `--group-by` cell.
pub const BLANK_GROUP: &str = "(blank)";

pub struct Counter {
    overall: Tally,
    scoring: RespondentScoring,
    empty: Tally,
    group_by: Option<String>,
    min_group: u64,
    max_groups: usize,
    index: HashMap<Box<[u8]>, usize, BuildHasherDefault<Fx>>,
    groups: Vec<GroupTally>,
    combine: Vec<Combination>,
}

impl Counter {
    pub fn new(
        assessment: &Assessment,
        group_by: Option<String>,
        min_group: u64,
        max_groups: usize,
        combine: &[Combination],
    ) -> Counter {
        let empty = Tally::new(assessment);
        Counter {
            overall: empty.clone(),
            scoring: RespondentScoring::new(assessment),
            empty,
            group_by,
            min_group,
            max_groups,
            index: HashMap::default(),
            groups: Vec::new(),
            combine: combine.to_vec(),
        }
    }

    /// The group of a `--group-by` cell, made on first sight.
    pub fn group_label(&mut self, cell: &[u8]) -> Result<usize, String> {
        let cell = cell.trim_ascii();
        if let Some(i) = self.index.get(cell) {
            return Ok(*i);
        }
        if self.groups.len() == self.max_groups {
            return Err(format!(
                "more than {} different values: group by a column with a few values, such as a role or a directorate",
                self.max_groups
            ));
        }
        let label = match String::from_utf8_lossy(cell).trim() {
            "" => BLANK_GROUP.to_string(),
            text => super::personal::mask(text),
        };
        // "Staff" and "Staff " are one group; so are labels that differ only in bytes
        // that trim away.
        if let Some(i) = self.groups.iter().position(|g| g.label == label) {
            self.index.insert(cell.into(), i);
            return Ok(i);
        }
        self.groups.push(GroupTally {
            label,
            tally: self.empty.clone(),
        });
        self.index.insert(cell.into(), self.groups.len() - 1);
        Ok(self.groups.len() - 1)
    }

    pub fn label(&self, group: usize) -> &str {
        &self.groups[group].label
    }

    /// Counts one respondent's cells (a rejected cell counts as missing).
    pub fn count(&mut self, cells: &[Cell], group: Option<usize>) {
        add(&mut self.overall, &self.scoring, cells);
        if let Some(g) = group {
            add(&mut self.groups[g].tally, &self.scoring, cells);
        }
    }

    /// The overall tally and, with `--group-by`, the groups (combined as `--combine`
    /// asks) in order of label, blank last (not of size, which would hint at the size of
    /// a suppressed group). A column of mostly one-person groups is an identifier, and
    /// refused.
    pub fn finish(self) -> Result<(Tally, Option<Grouping>), String> {
        let Some(column) = self.group_by else {
            return Ok((self.overall, None));
        };
        let singles = self
            .groups
            .iter()
            .filter(|g| g.tally.respondents == 1)
            .count() as u64;
        if self.overall.respondents >= 20 && singles * 2 > self.overall.respondents {
            return Err(format!(
                "--group-by {column:?}: {singles} of its {} values belong to one respondent each, as in an identifier, not a group; group by a column of a few values, such as a role or a directorate",
                self.groups.len()
            ));
        }
        let mut groups = combined(self.groups, &self.combine, &column)?;
        groups.sort_by(|a, b| {
            (a.label == BLANK_GROUP, &a.label).cmp(&(b.label == BLANK_GROUP, &b.label))
        });
        Ok((
            self.overall,
            Some(Grouping {
                column,
                min_group: self.min_group,
                combined: self.combine,
                groups,
            }),
        ))
    }
}

/// The groups with each combination's values merged into one group.
fn combined(
    mut groups: Vec<GroupTally>,
    combine: &[Combination],
    column: &str,
) -> Result<Vec<GroupTally>, String> {
    for (k, c) in combine.iter().enumerate() {
        if let Some(other) = combine[..k].iter().find(|o| {
            o.values
                .iter()
                .any(|v| c.values.iter().any(|w| names(v, w)))
        }) {
            return Err(format!(
                "--combine {:?} and --combine {:?} both name a value; each value can be combined once",
                c.label, other.label
            ));
        }
        let mut labels: Vec<&str> = groups.iter().map(|g| g.label.as_str()).collect();
        labels.sort_unstable();
        let values = quoted_list(labels.into_iter());
        let mut merged: Option<GroupTally> = None;
        for value in &c.values {
            let Some(at) = groups.iter().position(|g| names(value, &g.label)) else {
                return Err(format!(
                    "--combine \"{}={}\": the column {column:?} has no value {value:?}; its values are {values}",
                    c.values.join("+"),
                    c.label,
                ));
            };
            let group = groups.remove(at);
            merged = Some(match merged {
                None => GroupTally {
                    label: c.label.clone(),
                    tally: group.tally,
                },
                Some(mut m) => {
                    m.tally.merge(&group.tally);
                    m
                }
            });
        }
        if groups.iter().any(|g| names(&c.label, &g.label)) {
            return Err(format!(
                "--combine \"{}={}\": {:?} is already a value of the column {column:?}: name it among the values to combine, or choose another label",
                c.values.join("+"),
                c.label,
                c.label
            ));
        }
        groups.extend(merged);
    }
    Ok(groups)
}

fn add(tally: &mut Tally, scoring: &RespondentScoring, cells: &[Cell]) {
    tally.respondents += 1;
    let rating = |c: &Cell| match c {
        Cell::Value(v) => Some(*v),
        _ => None,
    };
    scoring.count(cells.iter().map(rating), &mut tally.per_respondent);
    for (h, cell) in tally.items.iter_mut().zip(cells) {
        match cell {
            Cell::Value(v) => h.rate(*v),
            Cell::NotApplicable => h.not_applicable += 1,
            Cell::Missing | Cell::Rejected(_) => h.missing += 1,
        }
    }
}
