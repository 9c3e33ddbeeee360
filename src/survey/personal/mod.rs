//! Personal data in survey exports, recognised by header and by content, and kept out
//! of everything plead writes.
//!
//! Exports word their personal columns in many ways ("Work email", "Email address
//! (optional)", "Forename", "NHS No.", "Custom Data 2"), and a free-text question may
//! ask for an address or a phone number whatever its header says. So a column is
//! personal when its header names personal data, or when most of the values sampled from
//! its first rows look like emails, phone numbers, NHS numbers (ten digits passing the
//! modulus-11 check), postcodes or IP addresses. A personal column is never an item, a
//! group or an alias target ([`enforce`], applied to the result of matching), and a value
//! that looks personal is masked wherever a cell's text is shown ([`mask`]).

mod content;
mod enforce;
mod header;
mod mask;
mod redact;

pub use content::{by_content, is_identifier, looks_like, nhs_check};
pub use enforce::{PersonalError, describe, enforce};
pub use header::{is_name_header, is_personal_header};
pub use mask::mask;
pub use redact::{Own, OwnKind, cut, redact};

use super::column::{Column, Kind};

/// Data rows sampled for content detection (and the identifier check of `--group-by`).
pub const SAMPLE_ROWS: usize = 200;
/// At most this many bytes of rows are sampled, whatever their number.
pub const SAMPLE_BYTES: usize = 2 * 1024 * 1024;

/// What a value looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Looks {
    Email,
    Phone,
    NhsNumber,
    Postcode,
    IpAddress,
}

impl Looks {
    /// In words, for messages: "email addresses".
    pub fn plural(self) -> &'static str {
        match self {
            Looks::Email => "email addresses",
            Looks::Phone => "phone numbers",
            Looks::NhsNumber => "NHS numbers",
            Looks::Postcode => "postcodes",
            Looks::IpAddress => "IP addresses",
        }
    }

    /// What a masked value is replaced by.
    fn mask(self) -> &'static str {
        match self {
            Looks::Email => "[email removed]",
            Looks::Phone => "[phone number removed]",
            Looks::NhsNumber => "[NHS number removed]",
            Looks::Postcode => "[postcode removed]",
            Looks::IpAddress => "[IP address removed]",
        }
    }
}

/// Marks the columns whose header or sampled values are personal. `rows` are the data
/// rows sampled from the top of the file.
pub fn classify(columns: &mut [Column], rows: &[&csv::ByteRecord]) {
    for (c, column) in columns.iter_mut().enumerate() {
        if column.kind == Kind::Personal {
            continue;
        }
        // Every header text, the Qualtrics code (`RecipientEmail`) included.
        let named = column.texts().any(is_personal_header);
        let held = by_content(rows.iter().filter_map(|r| r.get(c))).is_some();
        if named || held {
            column.kind = Kind::Personal;
        }
    }
}

/// Whether to read another row into the sample: fewer than `SAMPLE_ROWS` rows, and fewer
/// than `SAMPLE_BYTES` bytes, read so far.
pub fn sampling(first: &[(u64, csv::ByteRecord)]) -> bool {
    first.len() < SAMPLE_ROWS
        && first.iter().map(|(_, r)| r.as_slice().len()).sum::<usize>() < SAMPLE_BYTES
}

/// The personal columns' positions.
pub fn columns(columns: &[Column]) -> Vec<usize> {
    (0..columns.len())
        .filter(|c| columns[*c].kind == Kind::Personal)
        .collect()
}

/// A rejected cell's value as listed: what looks personal masked, and any of the row's
/// own personal values (its name, its email) removed.
pub fn rejected_value(bytes: &[u8], row: &csv::ByteRecord, personal: &[usize]) -> String {
    let mut value = mask(&String::from_utf8_lossy(bytes));
    for c in personal {
        let own = row.get(*c).map(String::from_utf8_lossy).unwrap_or_default();
        let own = own.trim();
        if own.chars().count() >= 2 && value.contains(own) {
            value = value.replace(own, "[personal data removed]");
        }
    }
    value
}

#[cfg(test)]
mod tests;
