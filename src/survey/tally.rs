//! Counting parsed rows into per-item histograms, overall and per `--group-by` value.
//! Memory is one histogram per item per group, whatever the number of rows; the group
//! labels seen are kept (a bounded number of them, so a free-text column is refused
//! rather than grown without end).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::cell::{Cell, Fx};
use crate::assessment::Assessment;
use crate::score::survey::{GroupTally, Grouping, Tally};

/// The label of a blank `--group-by` cell.
pub const BLANK_GROUP: &str = "(blank)";

pub struct Counter {
    overall: Tally,
    empty: Tally,
    group_by: Option<String>,
    min_group: u64,
    max_groups: usize,
    index: HashMap<Box<[u8]>, usize, BuildHasherDefault<Fx>>,
    groups: Vec<GroupTally>,
}

impl Counter {
    pub fn new(
        assessment: &Assessment,
        group_by: Option<String>,
        min_group: u64,
        max_groups: usize,
    ) -> Counter {
        let empty = Tally::new(assessment);
        Counter {
            overall: empty.clone(),
            empty,
            group_by,
            min_group,
            max_groups,
            index: HashMap::default(),
            groups: Vec::new(),
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
            text => text.to_string(),
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
        add(&mut self.overall, cells);
        if let Some(g) = group {
            add(&mut self.groups[g].tally, cells);
        }
    }

    /// The overall tally and, with `--group-by`, the groups in order of label, blank
    /// last (not of size, which would hint at the size of a suppressed group).
    pub fn finish(self) -> (Tally, Option<Grouping>) {
        let grouping = self.group_by.map(|column| {
            let mut groups = self.groups;
            groups.sort_by(|a, b| {
                (a.label == BLANK_GROUP, &a.label).cmp(&(b.label == BLANK_GROUP, &b.label))
            });
            Grouping {
                column,
                min_group: self.min_group,
                groups,
            }
        });
        (self.overall, grouping)
    }
}

fn add(tally: &mut Tally, cells: &[Cell]) {
    tally.respondents += 1;
    for (h, cell) in tally.items.iter_mut().zip(cells) {
        match cell {
            Cell::Value(v) => h.rate(*v),
            Cell::NotApplicable => h.not_applicable += 1,
            Cell::Missing | Cell::Rejected(_) => h.missing += 1,
        }
    }
}
