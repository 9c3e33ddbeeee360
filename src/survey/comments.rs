//! Free-text answers read beside the ratings, in the same pass: each non-empty answer of
//! a comment question's column is counted, redacted (`personal::redact`, with the row's
//! own personal values, which are read for this alone and never kept), shown to the
//! observer (`--comments FILE.csv` writes every one), and kept for the Result up to a
//! bound per question.
//!
//! What is kept is a stable shuffle: each comment's key is a hash of its redacted words,
//! and the `MAX_KEPT` comments of smallest key are kept, in key order. So the order says
//! nothing of when a comment was submitted, the same file always gives the same order,
//! and past the bound the comments kept are a sample of all of them, not the first.

use std::collections::BinaryHeap;
use std::io;

use csv::ByteRecord;

use super::column::Column;
use super::personal::{self, Own, OwnKind};
use super::{CommentRow, Observer};
use crate::score::comments::{CommentTally, KeptComment, MAX_COMMENT_CHARS};

/// Comments kept in memory per question; every one is counted.
pub const MAX_KEPT: usize = 1000;

/// Reads the comment questions' columns of each row.
pub struct CommentCells {
    /// Per comment question (in `assessment.comments` order): its column, if matched.
    columns: Vec<Option<usize>>,
    /// The personal columns, and whether each holds names.
    personal: Vec<(usize, OwnKind)>,
    tallies: Vec<CommentTally>,
    kept: Vec<BinaryHeap<Keyed>>,
}

/// A kept comment under its shuffle key (the heap's greatest key is dropped first).
#[derive(Debug)]
struct Keyed {
    key: u64,
    comment: KeptComment,
}

impl PartialEq for Keyed {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}
impl Eq for Keyed {}
impl PartialOrd for Keyed {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Keyed {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.key, &self.comment.text).cmp(&(other.key, &other.comment.text))
    }
}

impl CommentCells {
    /// `matched` is each comment question's column.
    pub fn new(columns: &[Column], matched: Vec<Option<usize>>) -> CommentCells {
        let personal = personal::columns(columns)
            .into_iter()
            .map(|c| {
                let names = columns[c].texts().any(personal::is_name_header);
                (c, if names { OwnKind::Name } else { OwnKind::Other })
            })
            .collect();
        let tallies = matched
            .iter()
            .map(|c| CommentTally {
                column: c.map(|c| columns[c].name.clone()),
                ..CommentTally::default()
            })
            .collect();
        CommentCells {
            kept: matched.iter().map(|_| BinaryHeap::new()).collect(),
            columns: matched,
            personal,
            tallies,
        }
    }

    /// Whether any comment question has a column.
    pub fn any(&self) -> bool {
        self.columns.iter().any(Option::is_some)
    }

    /// Reads a row's comments; `group` is the respondent's group as read (none for a row
    /// that is not counted).
    pub fn read(
        &mut self,
        row: u64,
        rec: &ByteRecord,
        group: Option<&str>,
        observer: &mut dyn Observer,
    ) -> io::Result<()> {
        if !self.any() {
            return Ok(());
        }
        // The row's own personal values, borrowed from the row where they are UTF-8.
        let values: Vec<(std::borrow::Cow<str>, OwnKind)> = self
            .personal
            .iter()
            .map(|(c, kind)| (text_of(rec.get(*c).unwrap_or(b"")), *kind))
            .collect();
        let own: Vec<Own> = values
            .iter()
            .map(|(value, kind)| Own {
                value: value.trim(),
                kind: *kind,
            })
            .filter(|o| {
                let shortest = if o.kind == OwnKind::Name { 2 } else { 3 };
                o.value.chars().nth(shortest - 1).is_some()
            })
            .collect();
        for q in 0..self.columns.len() {
            let Some(c) = self.columns[q] else { continue };
            let raw = text_of(rec.get(c).unwrap_or(b""));
            let raw = raw.trim();
            if raw.is_empty() {
                continue;
            }
            let (text, removed) = personal::redact(raw, &own);
            let tally = &mut self.tallies[q];
            tally.count += 1;
            tally.redactions.add(&removed);
            observer.comment(&CommentRow {
                row,
                question: q,
                text: &text,
                group,
                removed: removed.total(),
            })?;
            self.keep(q, &text, group, removed.total());
        }
        Ok(())
    }

    /// Keeps a comment if its key is among the `MAX_KEPT` smallest so far (copying its
    /// words only then).
    fn keep(&mut self, q: usize, text: &str, group: Option<&str>, removed: u64) {
        let key = shuffle_key(text);
        let heap = &mut self.kept[q];
        if heap.len() == MAX_KEPT && heap.peek().is_some_and(|top| top.key <= key) {
            return;
        }
        let (text, cut) = personal::cut(text, MAX_COMMENT_CHARS);
        heap.push(Keyed {
            key,
            comment: KeptComment {
                text,
                group: group.map(str::to_string),
                removed,
                cut,
            },
        });
        if heap.len() > MAX_KEPT {
            heap.pop();
        }
    }

    /// Each comment question's tally, its comments in shuffled order.
    pub fn finish(self) -> Vec<CommentTally> {
        self.tallies
            .into_iter()
            .zip(self.kept)
            .map(|(mut tally, heap)| {
                tally.kept = heap
                    .into_sorted_vec()
                    .into_iter()
                    .map(|k| k.comment)
                    .collect();
                tally
            })
            .collect()
    }
}

/// A cell as text: itself where it is UTF-8 (checked the fast way), else read as well as
/// it can be.
fn text_of(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// A comment's place in the shuffle: a hash of its redacted words (eight bytes at a time,
/// multiplied and folded, as a million comments are hashed), so it depends on nothing but
/// them.
pub fn shuffle_key(text: &str) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ text.len() as u64;
    let mut chunks = text.as_bytes().chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        hash = (hash ^ word).wrapping_mul(K);
        hash ^= hash >> 29;
    }
    let mut tail = [0u8; 8];
    let rest = chunks.remainder();
    tail[..rest.len()].copy_from_slice(rest);
    hash = (hash ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    hash ^ (hash >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::Quiet;
    use crate::survey::column::Kind;

    fn record(cells: &[&str]) -> ByteRecord {
        ByteRecord::from(cells.to_vec())
    }

    #[test]
    fn comments_are_counted_redacted_and_kept_in_an_order_not_the_file_s() {
        let columns = vec![
            Column::named("Name", Kind::Personal),
            Column::named("Anything else?", Kind::Question),
        ];
        let mut cells = CommentCells::new(&columns, vec![Some(1)]);
        let texts: Vec<String> = (0..50).map(|k| format!("comment number {k}")).collect();
        cells
            .read(
                1,
                &record(&["Priya Okafor", "Priya Okafor helped me"]),
                None,
                &mut Quiet,
            )
            .unwrap();
        cells
            .read(2, &record(&["Sam", "  "]), None, &mut Quiet)
            .unwrap();
        for (k, t) in texts.iter().enumerate() {
            cells
                .read(3 + k as u64, &record(&["", t]), Some("Staff"), &mut Quiet)
                .unwrap();
        }
        let tally = cells.finish().remove(0);
        assert_eq!(tally.count, 51);
        assert_eq!(tally.redactions.name, 1);
        assert_eq!(tally.column.as_deref(), Some("Anything else?"));
        let kept: Vec<&str> = tally.kept.iter().map(|k| k.text.as_str()).collect();
        assert!(kept.contains(&"[name removed] helped me"));
        let in_file: Vec<&str> = texts.iter().map(String::as_str).collect();
        let listed: Vec<&str> = kept
            .iter()
            .copied()
            .filter(|t| t.starts_with("comment"))
            .collect();
        assert_ne!(listed, in_file, "listed in the order of the file");
        let mut sorted = listed.clone();
        sorted.sort_unstable();
        let mut expected = in_file.clone();
        expected.sort_unstable();
        assert_eq!(sorted, expected);
    }

    #[test]
    fn past_the_bound_every_comment_is_counted_and_a_sample_kept() {
        let columns = vec![Column::named("Anything else?", Kind::Question)];
        let mut cells = CommentCells::new(&columns, vec![Some(0)]);
        let n = MAX_KEPT * 3;
        for k in 0..n {
            cells
                .read(
                    k as u64,
                    &record(&[&format!("comment {k}")]),
                    None,
                    &mut Quiet,
                )
                .unwrap();
        }
        let tally = cells.finish().remove(0);
        assert_eq!(tally.count, n as u64);
        assert_eq!(tally.kept.len(), MAX_KEPT);
        // Not the first ones: a sample from the whole file.
        let late = tally
            .kept
            .iter()
            .filter(|k| k.text["comment ".len()..].parse::<usize>().unwrap() >= MAX_KEPT)
            .count();
        assert!(late > MAX_KEPT / 2, "{late}");
    }
}
