//! The widest row a survey file may have. Survey tools export a column per question plus
//! a few dozen of their own; 20,000 is far beyond any of them. A wider header is a file
//! that is not a survey (or a wrong delimiter), and the per-column state built from the
//! header — a name, a kind, a match for each column — would take memory without end: a
//! 16 MB header row of 7.9 million columns took 3.3 GB.

use anyhow::bail;

/// The most columns a row may have.
pub const MAX_COLUMNS: usize = 20_000;

/// Refuses a row of more than `MAX_COLUMNS` columns, before anything is built from it.
pub fn check(row: u64, columns: usize) -> anyhow::Result<()> {
    if columns > MAX_COLUMNS {
        bail!(
            "row {row} has {columns} columns, and a survey export has at most a few hundred ({MAX_COLUMNS} at the very most): is this the survey file, and is its delimiter (--delimiter) right?"
        );
    }
    Ok(())
}
