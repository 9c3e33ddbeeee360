//! Spreadsheets built with the zip writer, part by part, streamed so that a bomb of any
//! size takes no memory to build: a plain workbook to show the builder makes files plead
//! reads, and the bombs of issue 20. Shared with `examples/bombs.rs`, which builds them
//! at full size for the figures in README.

use std::io::{self, Write};

use zip::write::SimpleFileOptions;

/// Writes part of a file's content.
pub type Part<'a> = &'a dyn Fn(&mut dyn Write) -> io::Result<()>;

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// An .xlsx of one sheet whose `<sheetData>` is `rows`, and with `shared` (the
/// `<si>` elements) as its shared strings.
pub fn xlsx(rows: Part, shared: Option<Part>) -> Vec<u8> {
    xlsx_sized(rows, shared, false)
}

/// The same, with parts of 4 GB and more allowed for (zip64) when `large`.
pub fn xlsx_sized(rows: Part, shared: Option<Part>, large: bool) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(large);
    let mut part = |name: &str, write: Part| {
        zip.start_file(name, options).unwrap();
        write(&mut zip).unwrap();
    };
    part("[Content_Types].xml", &|w| {
        write!(
            w,
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#
        )
    });
    part("_rels/.rels", &|w| {
        write!(
            w,
            r#"<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        )
    });
    part("xl/workbook.xml", &|w| {
        write!(
            w,
            r#"<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        )
    });
    part("xl/_rels/workbook.xml.rels", &|w| {
        write!(
            w,
            r#"<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/>{}</Relationships>"#,
            if shared.is_some() {
                format!(
                    r#"<Relationship Id="rId2" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>"#
                )
            } else {
                String::new()
            }
        )
    });
    part("xl/worksheets/sheet1.xml", &|w| {
        write!(w, r#"<worksheet xmlns="{MAIN}"><sheetData>"#)?;
        rows(w)?;
        write!(w, "</sheetData></worksheet>")
    });
    if let Some(shared) = shared {
        part("xl/sharedStrings.xml", &|w| {
            write!(w, r#"<sst xmlns="{MAIN}">"#)?;
            shared(w)?;
            write!(w, "</sst>")
        });
    }
    zip.finish().unwrap().into_inner()
}

/// A cell of inline text.
pub fn text(w: &mut dyn Write, at: &str, text: &str) -> io::Result<()> {
    write!(w, r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// A cell holding a number.
pub fn number(w: &mut dyn Write, at: &str, n: u32) -> io::Result<()> {
    write!(w, r#"<c r="{at}"><v>{n}</v></c>"#)
}

/// A header row naming two building blocks, in row 1.
pub fn header(w: &mut dyn Write) -> io::Result<()> {
    write!(w, r#"<row r="1">"#)?;
    text(w, "A1", "decision-making")?;
    text(w, "B1", "co-design")?;
    write!(w, "</row>")
}

/// A plain survey: the header and `rows` respondents.
pub fn survey(rows: u32) -> Vec<u8> {
    xlsx(
        &|w| {
            header(w)?;
            for r in 2..rows + 2 {
                write!(w, r#"<row r="{r}">"#)?;
                number(w, &format!("A{r}"), r % 5)?;
                number(w, &format!("B{r}"), (r + 2) % 5)?;
                write!(w, "</row>")?;
            }
            Ok(())
        },
        None,
    )
}

/// The header and one cell far away, at `at` in row `row`.
pub fn one_far_cell(at: &str, row: u32) -> Vec<u8> {
    xlsx(
        &|w| {
            header(w)?;
            write!(w, r#"<row r="{row}">"#)?;
            number(w, at, 3)?;
            write!(w, "</row>")
        },
        None,
    )
}

/// One shared string of `bytes` bytes, shown in row 2.
pub fn one_huge_shared_string(bytes: u64) -> Vec<u8> {
    xlsx_sized(
        &|w| {
            header(w)?;
            write!(w, r#"<row r="2"><c r="A2" t="s"><v>0</v></c></row>"#)
        },
        Some(&|w| {
            write!(w, "<si><t>")?;
            let chunk = [b'a'; 64 * 1024];
            let mut left = bytes;
            while left > 0 {
                let n = left.min(chunk.len() as u64) as usize;
                w.write_all(&chunk[..n])?;
                left -= n as u64;
            }
            write!(w, "</t></si>")
        }),
        bytes >= 1 << 32,
    )
}

/// `count` shared strings of one letter each.
pub fn many_shared_strings(count: u64) -> Vec<u8> {
    xlsx_sized(
        &|w| header(w),
        Some(&|w| {
            let block = "<si><t>a</t></si>".repeat(1024);
            for _ in 0..count / 1024 {
                w.write_all(block.as_bytes())?;
            }
            for _ in 0..count % 1024 {
                w.write_all(b"<si><t>a</t></si>")?;
            }
            Ok(())
        }),
        count * 17 >= 1 << 32,
    )
}

/// A sheet of `rows` × `columns` cells, each showing one of 5 shared strings of
/// `length` bytes: as much text as a sheet can show from a small file.
pub fn wide_text(rows: u32, columns: u32, length: usize) -> Vec<u8> {
    xlsx(
        &|w| {
            for r in 1..=rows {
                write!(w, r#"<row r="{r}">"#)?;
                for c in 0..columns {
                    write!(
                        w,
                        r#"<c r="{}{r}" t="s"><v>{}</v></c>"#,
                        column(c),
                        (r + c) % 5
                    )?;
                }
                write!(w, "</row>")?;
            }
            Ok(())
        },
        Some(&|w| {
            for k in 0..5 {
                write!(w, "<si><t>{}{k}</t></si>", "x".repeat(length - 1))?;
            }
            Ok(())
        }),
    )
}

/// A column's letters: 0 → A, 26 → AA.
pub fn column(mut c: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap()
}

/// An .ods whose sheet body (`<table:table>` content) is `rows`.
pub fn ods(rows: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    write!(
        zip,
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Sheet1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    )
    .unwrap();
    zip.finish().unwrap().into_inner()
}

/// An .ods row of text cells.
pub fn ods_text_row(cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .map(|c| format!(r#"<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>"#))
        .collect();
    format!("<table:table-row>{cells}</table:table-row>")
}

/// An .ods of under 1 KB: one number repeated across `columns` columns of `rows` rows.
/// (calamine itself refuses more than 100 million cells; 20,000 × 1,000 is 20 million.)
pub fn ods_bomb(rows: u64, columns: u64) -> Vec<u8> {
    let header = ods_text_row(&["decision-making", "co-design"]);
    ods(&format!(
        r#"{header}<table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="{columns}" office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell></table:table-row>"#
    ))
}

/// Makes the sizes a zip's headers declare for its part `name` smaller than the part
/// is: a lie the reader must not believe.
pub fn understate(zip: &mut [u8], name: &str, declared: u32) {
    let mut at = 0;
    let mut patched = 0;
    while let Some(i) = find(&zip[at..], b"PK") {
        let i = at + i;
        at = i + 2;
        let (sig, size_at, name_len_at, name_at) = match zip.get(i..i + 4) {
            Some(b"PK\x03\x04") => ("local", 22, 26, 30),
            Some(b"PK\x01\x02") => ("central", 24, 28, 46),
            _ => continue,
        };
        let _ = sig;
        let Some(len) = zip.get(i + name_len_at..i + name_len_at + 2) else {
            continue;
        };
        let len = u16::from_le_bytes([len[0], len[1]]) as usize;
        if zip.get(i + name_at..i + name_at + len) == Some(name.as_bytes()) {
            zip[i + size_at..i + size_at + 4].copy_from_slice(&declared.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "the part's local and central headers");
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
