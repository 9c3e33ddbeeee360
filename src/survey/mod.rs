//! Reading survey returns: a CSV/TSV (any of the encodings people have) or a
//! spreadsheet, in the layout of the common survey tools, streamed once into per-item
//! histograms. Memory does not grow with the number of rows: one record buffer is
//! reused, cells are parsed through a bounded memo, and only counts are kept (plus the
//! first `max_rejected` rejected cells).
//!
//! Personal columns (names, emails, IP addresses, staff and NHS numbers, phones) are
//! recognised by header and by the content of the first rows (`personal`), and never read.

pub mod approximate;
pub mod cell;
pub mod column;
pub mod comments;
pub mod decode;
pub mod headers;
pub mod layout;
pub mod matching;
pub mod personal;
pub mod question;
pub mod reads;
pub mod reference;
pub mod reworded;
pub mod suggest;
mod tally;
pub mod width;
pub mod wording;
pub mod workbook;
pub mod xlsx;

use std::cell::Cell as Shared;
use std::io::{self, Read};
use std::rc::Rc;

use anyhow::{Context, anyhow, bail};
use csv::ByteRecord;

pub use crate::score::combination::{Combination, parse_combine};
pub use cell::Cell;
use column::Kind;
pub use decode::Encoding;
use tally::Counter;

use crate::assessment::Assessment;
use crate::result::{ColumnMatch, Rejected, SurveySource};
use crate::score::survey::Returns;

/// How to read a survey file; every field but `max_rejected` may be left to detection.
#[derive(Debug, Clone)]
pub struct Options {
    pub encoding: Option<Encoding>,
    pub delimiter: Option<u8>,
    pub sheet: Option<String>,
    pub header_rows: Option<usize>,
    /// `--map ITEM=COLUMN` pairs.
    pub maps: Vec<(String, String)>,
    /// `--strict-columns`: exact matches only, no reworded questions.
    pub strict_columns: bool,
    pub allow_missing: bool,
    pub group_by: Option<String>,
    pub min_group: u64,
    /// `--combine "A+B=Label"`: group values merged before suppression.
    pub combine: Vec<Combination>,
    /// Rejected cells listed in the Result; more are counted, not listed.
    pub max_rejected: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            encoding: None,
            delimiter: None,
            sheet: None,
            header_rows: None,
            maps: Vec::new(),
            strict_columns: false,
            allow_missing: false,
            group_by: None,
            min_group: crate::score::suppress::NHS_MINIMUM,
            combine: Vec::new(),
            max_rejected: 1000,
        }
    }
}

/// A survey file to read.
pub struct Input {
    /// The name to show in messages (the path given, or `-`).
    pub name: String,
    pub reader: Box<dyn Read>,
}

/// One respondent's row, as read (for `--respondents`).
pub struct Row<'a> {
    /// The row number as in the file.
    pub row: u64,
    /// Per item, in `assessment.items` order.
    pub cells: &'a [Cell],
    /// The `--group-by` value.
    pub group: Option<&'a str>,
}

/// One free-text answer, redacted, as read (for `--comments FILE.csv`).
pub struct CommentRow<'a> {
    /// The row number as in the file (never written out: it would undo the shuffle).
    pub row: u64,
    /// The comment question, in `assessment.comments` order.
    pub question: usize,
    /// The answer with personal data removed; whole (reports cut a very long one).
    pub text: &'a str,
    /// The respondent's `--group-by` value as read, for a counted row.
    pub group: Option<&'a str>,
    /// Pieces of personal data removed from it.
    pub removed: u64,
}

/// Header names, for `--respondents`: known once the header is read.
pub struct Header<'a> {
    pub group_by: Option<&'a str>,
}

/// Called while reading: once with the header, for each respondent, and with the bytes
/// read so far (for a progress bar).
pub trait Observer {
    fn header(&mut self, _header: &Header) -> io::Result<()> {
        Ok(())
    }
    fn respondent(&mut self, _row: &Row) -> io::Result<()> {
        Ok(())
    }
    fn comment(&mut self, _comment: &CommentRow) -> io::Result<()> {
        Ok(())
    }
    fn progress(&mut self, _bytes: u64) {}
}

/// An observer that does nothing.
pub struct Quiet;
impl Observer for Quiet {}

/// Rows between progress reports.
const PROGRESS_EVERY: u64 = 16 * 1024;
/// More distinct `--group-by` values than this is not a grouping column.
const MAX_GROUPS: usize = 500;
/// The longest row read. A survey export's rows are a few kilobytes (a long free-text
/// answer included); a longer one is a file that is not a survey, or a wrong delimiter
/// or quote, and reading it whole would take memory without end.
pub const MAX_ROW_BYTES: u64 = 16 * 1024 * 1024;
/// The largest spreadsheet read: unlike CSV, a workbook is read whole into memory.
pub const MAX_SPREADSHEET_BYTES: u64 = 100 * 1024 * 1024;

/// Reads a survey file into counts ready to score.
pub fn read(
    assessment: &Assessment,
    input: Input,
    options: &Options,
    observer: &mut dyn Observer,
) -> anyhow::Result<Returns> {
    let name = input.name.clone();
    read_inner(assessment, input, options, observer).with_context(|| name.clone())
}

fn read_inner(
    assessment: &Assessment,
    input: Input,
    options: &Options,
    observer: &mut dyn Observer,
) -> anyhow::Result<Returns> {
    let counted = Rc::new(Shared::new(0u64));
    let (mut records, format, utf8) = open(
        Box::new(Counting {
            inner: input.reader,
            count: counted.clone(),
        }),
        options,
    )?;
    let mut record = ByteRecord::new();
    let first = first_rows(&mut records, &mut record)?;
    let mut layout = layout::detect(&sniff_texts(&first, utf8)?, options.header_rows);
    let sample: Vec<&ByteRecord> = first
        .iter()
        .skip(layout.header_rows)
        .map(|(_, r)| r)
        .collect();
    personal::classify(&mut layout.columns, &sample);
    let recognised = recognise(assessment, layout, options)?;
    personal::enforce(
        assessment,
        &recognised.layout.columns,
        &recognised.item_columns,
        &options.maps,
        recognised.group_column,
        &sample,
    )?;
    observer.header(&Header {
        group_by: recognised.group_name(),
    })?;

    let mut respondents = Respondents::new(assessment, &recognised, options, utf8);
    for (row, rec) in first.iter().skip(recognised.layout.header_rows) {
        respondents.row(*row, rec, observer)?;
    }
    respondents.rest(&mut records, &mut record, observer, &counted)?;
    let Respondents {
        counter,
        state,
        comments,
        ..
    } = respondents;
    let (tally, grouping) = counter.finish().map_err(|e| anyhow!(e))?;
    if tally.respondents == 0 {
        bail!(no_valid_rows(&state, &recognised.layout));
    }
    let source = survey_source(
        assessment,
        &input.name,
        format,
        &recognised,
        &state,
        options,
    );
    Ok(Returns {
        tally,
        grouping,
        rejected: state.rejected,
        source,
        comments: comments.finish(),
    })
}

/// What the header rows told: the layout and its columns, which column each item is
/// read from, and the `--group-by` column.
struct Recognised {
    layout: layout::Layout,
    matching: matching::Matching,
    /// Per item, in `assessment.items` order: its column, if matched.
    item_columns: Vec<Option<usize>>,
    group_column: Option<usize>,
    /// Per comment question, in `assessment.comments` order: its column, if matched.
    comment_columns: Vec<Option<usize>>,
}

impl Recognised {
    /// The `--group-by` column's header.
    fn group_name(&self) -> Option<&str> {
        self.group_column
            .map(|c| self.layout.columns[c].name.as_str())
    }
}

/// Matches the items to the layout's columns (an item with no column is an error
/// unless `--allow-missing`) and resolves the `--group-by` column.
fn recognise(
    assessment: &Assessment,
    layout: layout::Layout,
    options: &Options,
) -> anyhow::Result<Recognised> {
    let matching = headers::match_items(
        assessment,
        &layout.columns,
        &options.maps,
        !options.strict_columns,
    )?;
    if !options.allow_missing && matching.items.iter().any(Option::is_none) {
        bail!(suggest::unmatched(assessment, &layout, &matching));
    }
    let group_column = group_column(assessment, &layout.columns, &matching, options)?;
    let item_columns = matching.items.iter().map(|m| m.map(|(c, _)| c)).collect();
    let comment_columns = matching
        .comments
        .iter()
        .map(|m| m.map(|(c, _)| c))
        .collect();
    Ok(Recognised {
        layout,
        matching,
        item_columns,
        group_column,
        comment_columns,
    })
}

/// The `--group-by` column, which may not be a column the wording matched to an item.
fn group_column(
    assessment: &Assessment,
    columns: &[column::Column],
    matching: &matching::Matching,
    options: &Options,
) -> anyhow::Result<Option<usize>> {
    let group_column = match &options.group_by {
        None => None,
        // A personal column is refused by `personal::enforce`, with what it holds.
        Some(wanted) => Some(reference::resolve(
            columns,
            wanted,
            reference::Wanted::GroupBy,
        )?),
    };
    if let Some(problem) =
        reference::group_taken_by_wording(assessment, columns, matching, group_column)
    {
        bail!(problem);
    }
    Ok(group_column)
}

/// The respondents' rows read into counts: each row's item cells parsed, test and
/// empty rows counted apart, and each respondent counted in its group.
struct Respondents<'a> {
    recognised: &'a Recognised,
    items: ItemCells<'a>,
    counter: Counter,
    state: RowState,
    comments: comments::CommentCells,
}

impl<'a> Respondents<'a> {
    fn new(
        assessment: &'a Assessment,
        recognised: &'a Recognised,
        options: &Options,
        utf8: bool,
    ) -> Self {
        let columns = &recognised.layout.columns;
        Respondents {
            recognised,
            items: ItemCells {
                assessment,
                columns,
                item_columns: &recognised.item_columns,
                personal_columns: personal::columns(columns),
                parsers: assessment
                    .items
                    .iter()
                    .map(|i| cell::CellParser::new(assessment.scale_of(i)))
                    .collect(),
                max_rejected: options.max_rejected,
                utf8,
            },
            counter: Counter::new(
                assessment,
                recognised.group_name().map(str::to_string),
                options.min_group,
                MAX_GROUPS,
                &options.combine,
            ),
            comments: comments::CommentCells::new(columns, recognised.comment_columns.clone()),
            state: RowState {
                cells: vec![Cell::Missing; assessment.items.len()],
                rejected: Vec::new(),
                rejected_total: 0,
                rows: 0,
                test_rows: 0,
                empty_rows: 0,
            },
        }
    }

    /// Reads one row: a blank row is skipped, a test or empty one counted apart, and a
    /// respondent counted (in its group) and shown to the observer.
    fn row(
        &mut self,
        row: u64,
        rec: &ByteRecord,
        observer: &mut dyn Observer,
    ) -> anyhow::Result<()> {
        if rec.iter().all(|f| f.trim_ascii().is_empty()) {
            return Ok(());
        }
        let state = &mut self.state;
        state.rows += 1;
        if is_test_row(&self.recognised.layout, rec) {
            state.test_rows += 1;
            return Ok(());
        }
        if !self.items.read(row, rec, state)? {
            state.empty_rows += 1;
            // A row of comments only: read, but in no group (it is in no group's count).
            self.comments.read(row, rec, None, observer)?;
            return Ok(());
        }
        let group = match self.recognised.group_column {
            Some(c) => Some(
                self.counter
                    .group_label(rec.get(c).unwrap_or(b""))
                    .map_err(|e| {
                        anyhow!(
                            "row {row}, column {:?}: {e}",
                            self.recognised.layout.columns[c].name
                        )
                    })?,
            ),
            None => None,
        };
        self.counter.count(&state.cells, group);
        let label = group.map(|g| self.counter.label(g));
        observer.respondent(&Row {
            row,
            cells: &state.cells,
            group: label,
        })?;
        self.comments.read(row, rec, label, observer)?;
        Ok(())
    }

    /// Reads the rows after the first ones, reporting the bytes read every
    /// `PROGRESS_EVERY` rows and at the end.
    fn rest(
        &mut self,
        records: &mut Records,
        record: &mut ByteRecord,
        observer: &mut dyn Observer,
        counted: &Shared<u64>,
    ) -> anyhow::Result<()> {
        let mut since = 0u64;
        while let Some(row) = records.next(record)? {
            self.row(row, record, observer)?;
            since += 1;
            if since == PROGRESS_EVERY {
                since = 0;
                observer.progress(counted.get());
            }
        }
        observer.progress(counted.get());
        Ok(())
    }
}

/// The Result's account of the survey file: how it was read, which columns were
/// matched, left unused or held personal data, and how many rows were counted apart.
fn survey_source(
    assessment: &Assessment,
    name: &str,
    format: String,
    recognised: &Recognised,
    state: &RowState,
    options: &Options,
) -> SurveySource {
    let Recognised {
        layout,
        matching,
        item_columns,
        group_column,
        comment_columns,
    } = recognised;
    let columns = &layout.columns;
    SurveySource {
        file: file_name(name),
        layout: layout.tool.name().to_string(),
        header_rows: layout.header_rows,
        header_rows_given: layout.header_rows_given,
        format,
        rows: state.rows,
        test_rows: state.test_rows,
        empty_rows: state.empty_rows,
        columns: column_matches(assessment, matching, columns),
        unmatched_items: assessment
            .items
            .iter()
            .zip(&matching.items)
            .filter(|(_, m)| m.is_none())
            .map(|(i, _)| i.id.clone())
            .collect(),
        unused_columns: unused_questions(columns, item_columns, comment_columns, *group_column),
        personal_columns: columns
            .iter()
            .filter(|c| c.kind == Kind::Personal)
            .map(|c| c.name.clone())
            .collect(),
        rejected_total: state.rejected_total,
        min_group: options.min_group,
    }
}

/// Whether a row is a survey tool's test or preview response (by its status or
/// channel column), which is counted apart and not scored.
fn is_test_row(layout: &layout::Layout, rec: &ByteRecord) -> bool {
    if layout.status_column.is_none() && layout.channel_column.is_none() {
        return false;
    }
    let text = |c: Option<usize>| {
        c.and_then(|c| rec.get(c))
            .map(String::from_utf8_lossy)
            .unwrap_or_default()
    };
    layout::is_test_response(&text(layout.status_column), &text(layout.channel_column))
}

/// Which column each matched item was read from, and how it was matched, for the
/// Result's account of the survey.
fn column_matches(
    assessment: &Assessment,
    matching: &matching::Matching,
    columns: &[column::Column],
) -> Vec<ColumnMatch> {
    assessment
        .items
        .iter()
        .zip(&matching.items)
        .zip(&matching.how)
        .filter_map(|((item, m), how)| {
            m.map(|(c, by)| ColumnMatch {
                item: item.id.clone(),
                column: columns[c].name.clone(),
                matched_by: by,
                how: how.clone(),
            })
        })
        .collect()
}

/// Question columns read for no item nor grouping: a question of another assessment,
/// or one whose wording did not match, which the user may want to `--map`.
fn unused_questions(
    columns: &[column::Column],
    item_columns: &[Option<usize>],
    comment_columns: &[Option<usize>],
    group_column: Option<usize>,
) -> Vec<String> {
    let mut used = vec![false; columns.len()];
    for c in item_columns
        .iter()
        .chain(comment_columns)
        .flatten()
        .chain(&group_column)
    {
        used[*c] = true;
    }
    columns
        .iter()
        .zip(&used)
        .filter(|(c, used)| !**used && c.kind == Kind::Question)
        .map(|(c, _)| c.name.clone())
        .collect()
}

/// The header rows, and the first data rows read while looking for them: enough to
/// detect the layout, and to sample the personal columns' content.
fn first_rows(
    records: &mut Records,
    record: &mut ByteRecord,
) -> anyhow::Result<Vec<(u64, ByteRecord)>> {
    let mut first: Vec<(u64, ByteRecord)> = Vec::new();
    while first.len() < layout::SNIFF_ROWS || personal::sampling(&first) {
        match records.next(record)? {
            Some(row) => {
                width::check(row, record.len())?;
                first.push((row, record.clone()))
            }
            None => break,
        }
    }
    if first.is_empty() {
        bail!(
            "the file is empty: it needs a header row naming the questions, then one row per respondent"
        );
    }
    Ok(first)
}

/// The first rows as text, for layout detection: header text must be UTF-8 to be
/// matched against the questions' wording.
fn sniff_texts(first: &[(u64, ByteRecord)], utf8: bool) -> anyhow::Result<Vec<Vec<String>>> {
    let mut texts = Vec::new();
    for (row, rec) in first.iter().take(layout::SNIFF_ROWS) {
        let mut cells = Vec::new();
        for field in rec.iter() {
            cells.push(String::from_utf8(field.to_vec()).map_err(|_| not_utf8(*row, None, utf8))?);
        }
        texts.push(cells);
    }
    Ok(texts)
}

/// Why a file gave no respondents: how many rows were read under which header, and
/// the first rejected cells, which usually show the scale or column that is wrong.
fn no_valid_rows(state: &RowState, layout: &layout::Layout) -> String {
    let mut message = format!(
        "no valid rows: none of the {} data rows under the {} header row(s) ({} layout) holds a rating",
        state.rows,
        layout.header_rows,
        layout.tool.name()
    );
    for r in state.rejected.iter().take(5) {
        message.push_str(&format!(
            "\n  row {}, column {:?}: {:?}: {}",
            r.row, r.column, r.value, r.reason
        ));
    }
    message
}

/// Opens the file as rows, a spreadsheet or CSV by its first bytes; says how it was
/// read, and whether as UTF-8.
fn open(mut raw: Box<dyn Read>, options: &Options) -> anyhow::Result<(Records, String, bool)> {
    let start = decode::head(&mut raw, 64 * 1024).context("cannot read")?;
    if xlsx::is_spreadsheet(&start) {
        open_spreadsheet(start, raw, options)
    } else {
        open_csv(start, raw, options)
    }
}

/// Reads a spreadsheet whole (a workbook cannot be read row by row), refusing one
/// larger than `MAX_SPREADSHEET_BYTES`, and opens the sheet asked for.
fn open_spreadsheet(
    start: Vec<u8>,
    mut raw: Box<dyn Read>,
    options: &Options,
) -> anyhow::Result<(Records, String, bool)> {
    let mut bytes = start;
    let room = (MAX_SPREADSHEET_BYTES + 1).saturating_sub(bytes.len() as u64);
    (&mut raw)
        .take(room)
        .read_to_end(&mut bytes)
        .context("cannot read")?;
    if bytes.len() as u64 > MAX_SPREADSHEET_BYTES {
        bail!(
            "this spreadsheet is larger than {} MB, and spreadsheets are read whole: save it as CSV (\"CSV UTF-8\"), which plead reads row by row in constant memory",
            MAX_SPREADSHEET_BYTES / (1024 * 1024)
        );
    }
    let sheet = xlsx::SheetRows::open(bytes, options.sheet.as_deref()).map_err(|e| anyhow!(e))?;
    let format = format!("spreadsheet, sheet {:?}", sheet.name);
    Ok((Records::Sheet(sheet), format, false))
}

/// Opens a text file as CSV: decodes it, finds its delimiter (skipping a `sep=` line),
/// and limits each row to `MAX_ROW_BYTES`; says how it was read, and whether as UTF-8.
fn open_csv(
    start: Vec<u8>,
    raw: Box<dyn Read>,
    options: &Options,
) -> anyhow::Result<(Records, String, bool)> {
    if let Some(sheet) = &options.sheet {
        bail!(
            "--sheet {sheet:?}: this is a text (CSV) file, not a spreadsheet, so it has no sheets"
        );
    }
    let decoded = decode::decode(start, raw, options.encoding).map_err(|e| anyhow!(e))?;
    let mut text = decoded.reader;
    let text_start = decode::head(&mut text, 64 * 1024).context("cannot read")?;
    let (sniffed, sep_line) = decode::delimiter(&text_start);
    let delimiter = options.delimiter.unwrap_or(sniffed);
    let mut reader: Box<dyn Read> = Box::new(io::Cursor::new(text_start).chain(text));
    if sep_line {
        let mut line = Vec::new();
        let mut byte = [0u8; 1];
        while reader.read(&mut byte)? == 1 && byte[0] != b'\n' {
            line.push(byte[0]);
        }
    }
    let format = format!(
        "CSV, {}{}, {}{}",
        decoded.encoding,
        if decoded.guessed { " (detected)" } else { "" },
        delimiter_name(delimiter),
        if sep_line {
            " (from its sep= line)"
        } else {
            ""
        }
    );
    let row_start = Rc::new(Shared::new(0u64));
    let reader: Box<dyn Read> = Box::new(RowLimit {
        inner: reader,
        read: 0,
        row_start: row_start.clone(),
    });
    let csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(256 * 1024)
        .from_reader(reader);
    Ok((
        Records::Csv {
            reader: csv,
            rows: 0,
            row_start,
        },
        format,
        decoded.encoding == Encoding::Utf8,
    ))
}

struct RowState {
    cells: Vec<Cell>,
    rejected: Vec<Rejected>,
    rejected_total: u64,
    rows: u64,
    test_rows: u64,
    empty_rows: u64,
}

/// Reads a row's item cells against each item's scale: what stays the same from row
/// to row (the columns, and the parsers with their memo of cells seen).
struct ItemCells<'a> {
    assessment: &'a Assessment,
    columns: &'a [column::Column],
    /// Per item, in `assessment.items` order: its column, if matched.
    item_columns: &'a [Option<usize>],
    /// Masked out of a rejected value shown, so no personal data is echoed.
    personal_columns: Vec<usize>,
    parsers: Vec<cell::CellParser>,
    max_rejected: usize,
    utf8: bool,
}

impl ItemCells<'_> {
    /// Parses the row's item cells into `state.cells`, counting (and listing the first
    /// `max_rejected`) rejected ones; says whether the row answers any item.
    fn read(&mut self, row: u64, rec: &ByteRecord, state: &mut RowState) -> anyhow::Result<bool> {
        let mut answered = false;
        for (k, column) in self.item_columns.iter().enumerate() {
            let Some(c) = *column else {
                state.cells[k] = Cell::Missing;
                continue;
            };
            let bytes = rec.get(c).unwrap_or(b"");
            let parsed = self.parsers[k]
                .parse_bytes(bytes)
                .map_err(|_| not_utf8(row, Some(&self.columns[c].name), self.utf8))?;
            if let Cell::Rejected(reason) = parsed {
                state.rejected_total += 1;
                if state.rejected.len() < self.max_rejected {
                    let item = &self.assessment.items[k];
                    state.rejected.push(Rejected {
                        row,
                        column: self.columns[c].name.clone(),
                        value: shorten(&personal::rejected_value(
                            bytes,
                            rec,
                            &self.personal_columns,
                        )),
                        reason: self.parsers[k].explain(reason, self.assessment.scale_of(item)),
                    });
                }
            }
            answered |= matches!(parsed, Cell::Value(_) | Cell::NotApplicable);
            state.cells[k] = parsed;
        }
        Ok(answered)
    }
}

/// Where rows come from.
enum Records {
    Csv {
        reader: csv::Reader<Box<dyn Read>>,
        /// Records read so far: a row's number is its record's, as a spreadsheet
        /// numbers it (a cell holding a line break does not add a row; a `sep=` line,
        /// which spreadsheets hide, is not a row).
        rows: u64,
        /// Where the row being read starts in the text, for `RowLimit`.
        row_start: Rc<Shared<u64>>,
    },
    Sheet(xlsx::SheetRows),
}

impl Records {
    /// Reads the next row; returns its row number as in the file.
    fn next(&mut self, record: &mut ByteRecord) -> anyhow::Result<Option<u64>> {
        match self {
            Records::Csv {
                reader,
                rows,
                row_start,
            } => match reader.read_byte_record(record) {
                Ok(true) => {
                    *rows += 1;
                    row_start.set(reader.position().byte());
                    Ok(Some(*rows))
                }
                Ok(false) => Ok(None),
                Err(e) => Err(anyhow!("row {}: {e}", *rows + 1)),
            },
            Records::Sheet(sheet) => Ok(sheet.next(record)),
        }
    }
}

/// A `--map ITEM=COLUMN` argument.
pub fn parse_map(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((item, column)) if !item.trim().is_empty() && !column.trim().is_empty() => {
            Ok((item.trim().to_string(), column.trim().to_string()))
        }
        _ => Err(format!(
            "{s:?}: give an item id and a column joined by =: its header, code, letter or number, e.g. decision-making=\"Q1. Decisions\", decision-making=Q1, decision-making=D or decision-making=#4"
        )),
    }
}

fn not_utf8(row: u64, column: Option<&str>, read_as_utf8: bool) -> anyhow::Error {
    let place = match column {
        Some(c) => format!("row {row}, column {c:?}"),
        None => format!("row {row}"),
    };
    if read_as_utf8 {
        anyhow!(
            "{place}: not UTF-8 text, though the start of the file is. If Excel saved it as plain CSV, add --encoding windows-1252; otherwise save it as \"CSV UTF-8\""
        )
    } else {
        anyhow!("{place}: not readable text")
    }
}

fn delimiter_name(d: u8) -> String {
    match d {
        b',' => "comma-separated".into(),
        b';' => "semicolon-separated".into(),
        b'\t' => "tab-separated".into(),
        b'|' => "pipe-separated".into(),
        other => format!("separated by {:?}", other as char),
    }
}

/// A rejected value as listed: at most 100 characters.
fn shorten(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() <= 100 {
        s.to_string()
    } else {
        let cut: String = s.chars().take(99).collect();
        format!("{cut}…")
    }
}

fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

/// Stops reading a row longer than `MAX_ROW_BYTES`, before it is held in memory: the
/// text read so far, less where the current row started, is the row's length (plus at
/// most the CSV reader's buffer). Counted once per read, not per byte.
struct RowLimit {
    inner: Box<dyn Read>,
    read: u64,
    row_start: Rc<Shared<u64>>,
}

impl Read for RowLimit {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.read.saturating_sub(self.row_start.get()) > MAX_ROW_BYTES {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "this row is longer than {} MB, and a survey export's rows are a few kilobytes: is this the survey file, and is its delimiter (--delimiter) right?",
                    MAX_ROW_BYTES / (1024 * 1024)
                ),
            ));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

/// Counts the bytes read through it, for the progress bar.
struct Counting {
    inner: Box<dyn Read>,
    count: Rc<Shared<u64>>,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

#[cfg(test)]
mod tests;
