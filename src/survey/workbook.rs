//! A workbook's zip structure checked before calamine opens it. A spreadsheet is read
//! whole, and its size on disk says little about what it unpacks to: a 2 MB .xlsx held
//! a 2 GB shared string (16.5 GB of memory), an 834-byte .ods asked for 630 MB. So every
//! part is unpacked once into nothing, counting, and a part larger than a survey export
//! can hold, packed more tightly than real sheets are, or whose header lies about its
//! size, is refused; so are more shared strings, or an .ods sheet spanning more cells
//! or more text, than plead reads from a spreadsheet. The sheet's own cells (.xlsx) are
//! bounded by `xlsx` before calamine lays them out.

use std::cell::Cell as Shared;
use std::io::{self, BufReader, Cursor, Read};
use std::rc::Rc;

use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};

/// The most cells a sheet may span (rows × columns of the area it uses): a survey of
/// 20,000 respondents and 100 questions. Laid out in memory, as calamine does, this is
/// well under 300 MB; a larger survey reads better as CSV, streamed in constant memory.
pub const MAX_CELLS: u64 = 2_000_000;
/// The most text a sheet's cells may hold, counted at every cell that shows it.
pub const MAX_TEXT_BYTES: u64 = 64 * MB;
/// The largest part unpacked (a sheet's XML, say).
const MAX_PART_BYTES: u64 = 256 * MB;
/// The most all parts together unpack to.
const MAX_TOTAL_BYTES: u64 = 512 * MB;
/// Real sheets pack 5 to 30 times; beyond this, and large, a part is built to unpack.
const MAX_RATIO: u64 = 200;
/// Parts smaller than this are never refused for their ratio.
const RATIO_FLOOR: u64 = 16 * MB;
/// More parts than any workbook has.
const MAX_PARTS: usize = 10_000;
/// The most shared strings (distinct texts) of an .xlsx, and their part's size.
const MAX_SHARED_STRINGS: u64 = 1_000_000;
const MAX_SHARED_STRINGS_BYTES: u64 = 32 * MB;

const MB: u64 = 1024 * 1024;

/// What every refusal ends with.
pub const AS_CSV: &str = "save the sheet as CSV UTF-8 (in Excel: File › Save As › CSV UTF-8), which plead reads row by row in constant memory";

/// The start of an OLE2 compound file: an Excel 97-2003 workbook (.xls).
const OLE2: [u8; 4] = [0xD0, 0xCF, 0x11, 0xE0];

/// Checks a zipped workbook (.xlsx, .ods) before it is opened, and refuses an .xls, whose
/// reach cannot be checked; other bytes pass.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    if bytes.starts_with(&OLE2) {
        // calamine lays an .xls sheet out as one rectangle from its cells' reach, and the
        // binary format gives no sizes to check first: one cell at the 65,536th row and the
        // 256th column would make a rectangle of 16.7 million cells.
        return Err(format!(
            "this is an Excel 97-2003 workbook (.xls), whose size in memory cannot be checked before it is read: save it as an Excel Workbook (.xlsx), or {AS_CSV}"
        ));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Ok(());
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("cannot read this spreadsheet (its zip structure: {e})"))?;
    if archive.len() > MAX_PARTS {
        return Err(format!(
            "this workbook has {} parts, far more than a spreadsheet has: {AS_CSV}",
            archive.len()
        ));
    }
    let mut total = 0u64;
    for index in 0..archive.len() {
        let mut part = archive
            .by_index(index)
            .map_err(|e| format!("cannot read this spreadsheet (part {index}: {e})"))?;
        if !part.is_dir() {
            let name = part
                .name()
                .map_or_else(|_| format!("part {index}"), |n| n.into_owned());
            total += unpack(&mut part, &name, total)?;
        }
    }
    Ok(())
}

/// Refuses a part whose zip directory declares more than a survey export unpacks to,
/// or a ratio no real sheet packs to.
fn check_declared(name: &str, declared: u64, packed: u64) -> Result<(), String> {
    if is_shared_strings(name) && declared > MAX_SHARED_STRINGS_BYTES {
        return Err(format!(
            "the workbook's shared strings unpack to {} MB, more than a survey export holds ({} MB at most): {AS_CSV}",
            declared / MB,
            MAX_SHARED_STRINGS_BYTES / MB
        ));
    }
    if declared > MAX_PART_BYTES {
        return Err(too_large(name, declared));
    }
    if declared > RATIO_FLOOR && declared / packed > MAX_RATIO {
        return Err(format!(
            "the workbook's part {name:?} unpacks {} times over (to {} MB), as no sheet does: is the file what it seems? If it is, {AS_CSV}",
            declared / packed,
            declared / MB
        ));
    }
    Ok(())
}

fn is_shared_strings(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with("sharedstrings.xml")
}

/// Unpacks one part into nothing, counting, after `total` bytes of the parts before:
/// checks its declared size, scans what needs scanning (shared strings, an .ods's
/// content, an .xlsx sheet's references), and refuses a part that unpacks to more than
/// it declares or takes the workbook past `MAX_TOTAL_BYTES`. Returns the bytes unpacked.
fn unpack(
    part: &mut zip::read::ZipFile<'_, Cursor<&[u8]>>,
    name: &str,
    total: u64,
) -> Result<u64, String> {
    let declared = part.size();
    check_declared(name, declared, part.compressed_size().max(1))?;
    // The sizes in the zip directory are what the file says; the bytes unpacked
    // are counted, and a part that unpacks to more than it declares is refused.
    let limit = declared.min(MAX_PART_BYTES).min(MAX_TOTAL_BYTES - total);
    let over = Rc::new(Shared::new(false));
    let mut bounded = Bounded {
        inner: part,
        left: limit,
        over: over.clone(),
    };
    let scanned = scan(&mut bounded, name);
    let read = limit - bounded.left;
    if over.get() {
        return Err(if total + read >= MAX_TOTAL_BYTES {
            format!(
                "the workbook unpacks to more than {} MB, more than a survey export holds: {AS_CSV}",
                MAX_TOTAL_BYTES / MB
            )
        } else {
            more_than_declared(name, declared)
        });
    }
    scanned?;
    // The rest of the part (a scan may stop early) is counted too.
    io::copy(&mut bounded, &mut io::sink()).map_err(|e| damaged(name, &e))?;
    if over.get() {
        return Err(more_than_declared(name, declared));
    }
    Ok(limit - bounded.left)
}

/// Reads a part through the scan its name calls for, or into nothing.
fn scan(part: &mut impl Read, name: &str) -> Result<(), String> {
    let lowered = name.to_ascii_lowercase();
    if is_shared_strings(name) {
        shared_strings(part)
    } else if lowered == "content.xml" {
        ods_content(part)
    } else if lowered.starts_with("xl/worksheets/") && lowered.ends_with(".xml") {
        sheet_references(part, name)
    } else {
        io::copy(part, &mut io::sink())
            .map(|_| ())
            .map_err(|e| damaged(name, &e))
    }
}

fn more_than_declared(name: &str, declared: u64) -> String {
    format!(
        "the workbook's part {name:?} unpacks to more than the {declared} bytes its header declares: the file is damaged or built to mislead; {AS_CSV}"
    )
}

fn damaged(name: &str, e: &io::Error) -> String {
    format!(
        "cannot read the workbook's part {name:?} ({e}): the file is damaged, or built to mislead; {AS_CSV}"
    )
}

fn too_large(name: &str, bytes: u64) -> String {
    format!(
        "the workbook's part {name:?} unpacks to {} MB, more than a survey export holds ({} MB at most): {AS_CSV}",
        bytes / MB,
        MAX_PART_BYTES / MB
    )
}

/// Reads at most `left` bytes; one more sets `over` and fails the read.
struct Bounded<'a, R> {
    inner: &'a mut R,
    left: u64,
    over: Rc<Shared<bool>>,
}

impl<R: Read> Read for Bounded<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            // Anything beyond the limit is too much.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => {
                    self.over.set(true);
                    Err(io::Error::other("the part is larger than it may be"))
                }
            };
        }
        let room = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..room])?;
        self.left -= n as u64;
        Ok(n)
    }
}

fn attribute(e: &BytesStart, name: &str) -> Option<u64> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.value.trim().parse::<u64>().ok())
}

/// An XML reader configured as calamine configures its own, so that what it reads is
/// what calamine will read (it does not check end tags' names, for one).
fn lenient<R: Read>(part: R) -> quick_xml::Reader<BufReader<R>> {
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(part));
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    reader
}

/// Counts an .xlsx's shared strings, and checks the count it declares (calamine
/// reserves room for that many before reading one).
fn shared_strings(part: &mut impl Read) -> Result<(), String> {
    let too_many = |n: u64| {
        format!(
            "the workbook has {n} shared strings (distinct texts), more than a survey export holds ({MAX_SHARED_STRINGS} at most): {AS_CSV}"
        )
    };
    let mut reader = lenient(part);
    let mut buf = Vec::new();
    let mut count = 0u64;
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                "sst" => {
                    if let Some(n) = attribute(&e, "uniqueCount")
                        && n > MAX_SHARED_STRINGS
                    {
                        return Err(too_many(n));
                    }
                }
                "si" => {
                    count += 1;
                    if count > MAX_SHARED_STRINGS {
                        return Err(too_many(count));
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            // Malformed XML is for calamine to report; a read stopped by `Bounded` is
            // reported by the caller.
            Err(_) => return Ok(()),
        }
    }
}

/// Checks every cell and row reference of an .xlsx sheet (`<c r>`, `<row r>`,
/// `<dimension ref>`, `<f ref>`) is within Excel's grid, A1 to XFD1048576, before calamine reads
/// it: a reference of many letters or digits overflowed calamine's arithmetic (found by
/// fuzzing: a panic in a debug build, a cell put elsewhere in a release one).
fn sheet_references(part: &mut impl Read, name: &str) -> Result<(), String> {
    let mut reader = lenient(part);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let key = match e.local_name().as_ref() {
                    "c" | "row" => "r",
                    "dimension" | "f" => "ref",
                    _ => continue,
                };
                if let Ok(Some(a)) = e.try_get_attribute(key)
                    && !a.value.split(':').all(within_grid)
                {
                    return Err(format!(
                        "the workbook's sheet {name:?} refers to cell {:?}, beyond Excel's last cell XFD1048576: the file is damaged or built to mislead; {AS_CSV}",
                        crate::sanitise::terminal_safe(
                            &a.value.chars().take(40).collect::<String>()
                        )
                    ));
                }
            }
            Ok(Event::Eof) => return Ok(()),
            // What cannot be read here cannot be checked, and calamine reads the same
            // XML the same way: refused rather than passed on unchecked.
            Err(e) => {
                return Err(format!(
                    "cannot read the workbook's sheet {name:?} ({e}): the file is damaged; {AS_CSV}"
                ));
            }
            Ok(_) => {}
        }
    }
}

/// Whether a reference (`B7`, `7`, `XFD1048576`) is within Excel's grid. Other text is
/// for calamine to refuse, once its letters and digits cannot overflow.
fn within_grid(reference: &str) -> bool {
    let letters = reference
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    let (column, rest) = reference.split_at(letters);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    // calamine adds up the letters and the digits before it looks further.
    if letters > 3 || digits > 7 {
        return false;
    }
    let (row, after) = rest.split_at(digits);
    if !after.is_empty() {
        return true;
    }
    let column = column.bytes().fold(0u32, |n, b| {
        n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
    });
    let row: u32 = row.parse().unwrap_or(0);
    column <= 16_384 && row <= 1_048_576
}

/// The area, stored cells and text of an .ods's sheets, reckoned as calamine lays them
/// out: a row is stored once up to its last non-empty cell (cells repeated across
/// columns are copies), then every sheet is laid out as a rectangle from its first to
/// its last non-empty cell, repeated rows copied.
fn ods_content(part: &mut impl Read) -> Result<(), String> {
    let mut reader = lenient(part);
    let mut buf = Vec::new();
    let mut scan = OdsScan::default();
    loop {
        buf.clear();
        let Ok(event) = reader.read_event_into(&mut buf) else {
            return Ok(());
        };
        match &event {
            Event::Start(e) => scan.start(e, false),
            Event::Empty(e) => scan.start(e, true),
            Event::Text(t) => scan.text(t),
            Event::End(e) => scan.end(e),
            Event::Eof => return Ok(()),
            _ => {}
        }
        scan.within_bounds()?;
    }
}

/// An .ods's content as read so far: the sheet, row and cell being read, and the
/// totals of the sheets before.
#[derive(Default)]
struct OdsScan {
    sheet: Extent,
    row: RowScan,
    cell: Option<CellScan>,
    /// The row being read, counting repeated rows.
    at_row: u64,
    /// The sheets' area as laid out, the cells stored, and the text they hold.
    area: u64,
    stored: u64,
    text: u64,
}

impl OdsScan {
    /// A sheet, row or cell begins (or, `empty`, is all in one tag).
    fn start(&mut self, e: &BytesStart, empty: bool) {
        match e.name().as_ref() {
            "table:table" if !empty => {
                self.sheet = Extent::default();
                self.at_row = 0;
            }
            "table:table-row" => {
                self.row = RowScan {
                    repeat: attribute(e, "table:number-rows-repeated")
                        .unwrap_or(1)
                        .max(1),
                    ..RowScan::default()
                };
                if empty {
                    self.at_row = self.at_row.saturating_add(self.row.repeat);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let has = |name: &str| e.try_get_attribute(name).ok().flatten().is_some();
                let c = CellScan {
                    repeat: attribute(e, "table:number-columns-repeated")
                        .unwrap_or(1)
                        .max(1),
                    filled: has("office:value-type") || has("table:formula"),
                    text: 0,
                };
                if empty {
                    self.row.add(c);
                } else {
                    self.cell = Some(c);
                }
            }
            _ => {}
        }
    }

    /// Text inside the cell being read.
    fn text(&mut self, t: &BytesText) {
        if let Some(c) = &mut self.cell {
            c.text += t.len() as u64;
            c.filled |= !t.trim_ascii().is_empty();
        }
    }

    /// A cell, row or sheet ends: its reach is added to the row's, the sheet's or the
    /// totals.
    fn end(&mut self, e: &BytesEnd) {
        match e.name().as_ref() {
            "table:table-cell" | "table:covered-table-cell" => {
                if let Some(c) = self.cell.take() {
                    self.row.add(c);
                }
            }
            "table:table-row" => {
                let row = std::mem::take(&mut self.row);
                if let Some(first) = row.first_column {
                    let sheet = &mut self.sheet;
                    sheet.first_row.get_or_insert(self.at_row);
                    sheet.end_row = self.at_row.saturating_add(row.repeat);
                    sheet.first_column = sheet.first_column.min(first);
                    sheet.end_column = sheet.end_column.max(row.end_column);
                    self.stored = self.stored.saturating_add(row.end_column);
                    self.text = self
                        .text
                        .saturating_add(row.text.saturating_mul(row.repeat));
                }
                self.at_row = self.at_row.saturating_add(row.repeat);
            }
            "table:table" => {
                self.area = self.area.saturating_add(self.sheet.area());
                self.sheet = Extent::default();
            }
            _ => {}
        }
    }

    /// Refuses content that spans more cells, or holds more text, than plead reads.
    fn within_bounds(&self) -> Result<(), String> {
        let area = self.area.saturating_add(self.sheet.area());
        if area > MAX_CELLS || self.stored > MAX_CELLS {
            return Err(too_many_cells(area.max(self.stored)));
        }
        if self.text > MAX_TEXT_BYTES {
            return Err(too_much_text(self.text));
        }
        Ok(())
    }
}

/// The refusal of a sheet spanning too many cells.
pub fn too_many_cells(cells: u64) -> String {
    format!(
        "the spreadsheet spans {cells} cells, more than plead reads from a spreadsheet ({MAX_CELLS}, e.g. 20,000 respondents × 100 columns): {AS_CSV}"
    )
}

/// The refusal of a sheet holding too much text.
pub fn too_much_text(bytes: u64) -> String {
    format!(
        "the spreadsheet's cells hold {} MB of text, more than a survey export holds ({} MB at most): {AS_CSV}",
        bytes / MB,
        MAX_TEXT_BYTES / MB
    )
}

#[derive(Default)]
struct Extent {
    first_row: Option<u64>,
    end_row: u64,
    first_column: u64,
    end_column: u64,
}

impl Extent {
    fn area(&self) -> u64 {
        match self.first_row {
            Some(first) => (self.end_row - first)
                .saturating_mul(self.end_column.saturating_sub(self.first_column)),
            None => 0,
        }
    }
}

struct RowScan {
    repeat: u64,
    column: u64,
    first_column: Option<u64>,
    end_column: u64,
    text: u64,
}

impl Default for RowScan {
    fn default() -> Self {
        RowScan {
            repeat: 1,
            column: 0,
            first_column: None,
            end_column: 0,
            text: 0,
        }
    }
}

struct CellScan {
    repeat: u64,
    filled: bool,
    text: u64,
}

impl RowScan {
    fn add(&mut self, c: CellScan) {
        if c.filled {
            self.first_column.get_or_insert(self.column);
            self.end_column = self.column.saturating_add(c.repeat);
            self.text = self.text.saturating_add(c.text.saturating_mul(c.repeat));
        }
        self.column = self.column.saturating_add(c.repeat);
    }
}
