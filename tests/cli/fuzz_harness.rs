//! The bodies of the fuzz targets, shared by `fuzz/` (cargo-fuzz, nightly) and by the
//! test that replays every input the fuzzers found (`test_fuzz.rs`), so a crash found
//! once is checked on every `cargo test`. Each takes arbitrary bytes and must neither
//! panic nor hang; what it checks beyond that is said at each function.
//!
//! Only plead's public API is used. Bytes that choose options are read with `Choices`,
//! which gives zeros once the input runs out, so every input means something.

#![allow(dead_code)]

use std::sync::OnceLock;

use clap::ValueEnum;
use plead::assessment::{Assessment, Catalog};
use plead::cli::Format;
use plead::compare::{Direction, Named, diff, trend};
use plead::render::{self, Options};
use plead::result::{Context, Method, ResultDoc};
use plead::survey::{self, Cell, Encoding, Input};

/// The built-in assessments.
pub fn builtins() -> &'static [Assessment] {
    static BUILTINS: OnceLock<Vec<Assessment>> = OnceLock::new();
    BUILTINS.get_or_init(|| {
        Catalog::load(None)
            .expect("the built-ins load")
            .entries
            .into_iter()
            .map(|e| e.assessment)
            .collect()
    })
}

/// Option bytes read from the front of an input; zeros once it runs out.
pub struct Choices<'a> {
    data: &'a [u8],
}

impl<'a> Choices<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Choices { data }
    }

    pub fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((b, rest)) => {
                self.data = rest;
                *b
            }
            None => 0,
        }
    }

    /// One of `n` (n > 0).
    pub fn pick(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n
    }

    /// Up to `max` bytes.
    pub fn bytes(&mut self, max: usize) -> &'a [u8] {
        let n = usize::from(self.byte()).min(max).min(self.data.len());
        let (taken, rest) = self.data.split_at(n);
        self.data = rest;
        taken
    }

    pub fn rest(&self) -> &'a [u8] {
        self.data
    }
}

fn context(method: Method) -> Context {
    Context {
        organisation: "Fuzz Trust".into(),
        period: "2026-Q3".into(),
        created: "2026-11-21T10:00:00Z".into(),
        plead_version: "0.0.0".into(),
        method,
    }
}

/// An assessment file: loads or gives problems that point at real lines; what loads
/// renders as `plead show` would and has a definition hash.
pub fn assessment(data: &[u8]) {
    let text = match plead::problem::utf8(data) {
        Ok(t) => t,
        Err(_) => return,
    };
    match plead::assessment::load_str(text) {
        Ok(a) => {
            assert!(!a.items.is_empty() && !a.themes.is_empty() && !a.scales.is_empty());
            let _ = a.definition_hash();
            let blocks = render::assessment::blocks(&a);
            let _ = render::table_blocks(&blocks, &Options::default());
            let _ = render::markdown_blocks(&blocks);
            serde_json::to_string(&a).expect("an assessment serialises");
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            let lines = text.split('\n').count();
            for p in problems {
                assert!(p.line <= lines, "{p:?} is past the last line, {lines}");
                assert!(!p.message.is_empty());
            }
        }
    }
}

/// An answers file for a built-in (the first byte chooses which): loads or gives
/// problems; what loads scores within the scale and renders in every format.
pub fn answers(data: &[u8]) {
    let mut choices = Choices::new(data);
    let a = &builtins()[choices.pick(builtins().len())];
    let text = choices.rest();
    let Ok(answers) = plead::answers::load(text, a) else {
        return;
    };
    let doc = plead::score::workshop::result(a, &answers, context(Method::Workshop));
    check_result(&doc);
}

/// Survey returns for a built-in, with options chosen by the first bytes: read, or
/// refused with an error; what reads scores within the scale and renders.
pub fn survey(data: &[u8]) {
    let mut choices = Choices::new(data);
    let a = &builtins()[choices.pick(builtins().len())];
    let encoding = match choices.pick(8) {
        0 => Some(Encoding::Utf8),
        1 => Some(Encoding::Utf16Le),
        2 => Some(Encoding::Utf16Be),
        3 => Some(Encoding::Windows1252),
        _ => None,
    };
    let delimiter = [None, Some(b','), Some(b';'), Some(b'\t'), Some(b'|'), None][choices.pick(6)];
    let flags = choices.byte();
    let header_rows = match flags & 3 {
        0 => None,
        n => Some(usize::from(n)),
    };
    let group_by = match (flags >> 2) & 3 {
        1 => Some("Role".to_string()),
        2 => Some("Timestamp".to_string()),
        _ => None,
    };
    let options = survey::Options {
        encoding,
        delimiter,
        header_rows,
        allow_missing: flags & 16 != 0,
        group_by,
        min_group: u64::from(flags >> 5),
        max_rejected: 20,
        ..survey::Options::default()
    };
    let input = Input {
        name: "fuzz.csv".into(),
        reader: Box::new(std::io::Cursor::new(choices.rest().to_vec())),
    };
    let Ok(returns) = survey::read(a, input, &options, &mut survey::Quiet) else {
        return;
    };
    assert!(returns.tally.respondents > 0, "no respondents is an error");
    let doc = plead::score::survey::result(a, context(Method::Survey), returns);
    for item in &doc.items {
        if let Some(agg) = &item.aggregate {
            assert_eq!(agg.counts.iter().sum::<u64>(), agg.n, "{}", item.id);
        }
    }
    check_result(&doc);
}

/// A spreadsheet, at the zip level: with the first byte even, the rest is the file as
/// it is (a mutated .xlsx or .ods); odd, the rest is split into a sheet's XML, its
/// shared strings and an .ods's content, zipped here, so the fuzzer reaches the XML
/// inside a well-formed zip. Must be read as a survey or refused, never panic, hang or
/// take unbounded memory (run under `-rss_limit_mb`); what reads scores as `survey`.
pub fn spreadsheet(data: &[u8]) {
    let mut choices = Choices::new(data);
    let a = &builtins()[choices.pick(builtins().len())];
    let file = if choices.byte().is_multiple_of(2) {
        choices.rest().to_vec()
    } else {
        let sheet = choices.bytes(255).to_vec();
        let shared = choices.bytes(255).to_vec();
        let ods = choices.byte() % 2 == 1;
        zipped(ods, &sheet, &shared, choices.rest())
    };
    let _ = survey::workbook::check(&file);
    let input = Input {
        name: "fuzz.xlsx".into(),
        reader: Box::new(std::io::Cursor::new(file)),
    };
    let options = survey::Options {
        allow_missing: true,
        min_group: 0,
        max_rejected: 20,
        ..survey::Options::default()
    };
    let Ok(returns) = survey::read(a, input, &options, &mut survey::Quiet) else {
        return;
    };
    let doc = plead::score::survey::result(a, context(Method::Survey), returns);
    check_result(&doc);
}

/// A minimal workbook holding the given parts.
fn zipped(ods: bool, sheet: &[u8], shared: &[u8], content: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut part = |name: &str, bytes: &[u8]| {
        zip.start_file(name, options).unwrap();
        zip.write_all(bytes).unwrap();
    };
    if ods {
        part(
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        );
        part("content.xml", &[b"<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet><table:table table:name=\"S\">", content, b"</table:table></office:spreadsheet></office:body></office:document-content>"].concat());
    } else {
        const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        part("[Content_Types].xml", br#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#);
        part("_rels/.rels", format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{R}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).as_bytes());
        part("xl/workbook.xml", format!(r#"<workbook xmlns="{MAIN}" xmlns:r="{R}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#).as_bytes());
        part("xl/_rels/workbook.xml.rels", format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#).as_bytes());
        part(
            "xl/worksheets/sheet1.xml",
            &[
                format!(r#"<worksheet xmlns="{MAIN}"><sheetData>"#).as_bytes(),
                sheet,
                content,
                b"</sheetData></worksheet>",
            ]
            .concat(),
        );
        part(
            "xl/sharedStrings.xml",
            &[
                format!(r#"<sst xmlns="{MAIN}">"#).as_bytes(),
                shared,
                b"</sst>",
            ]
            .concat(),
        );
    }
    zip.finish().unwrap().into_inner()
}

/// A workshop's draft (JSON) for a built-in: read, then checked against the assessment
/// as on resume. A draft that passes the check must score like answers do: every
/// figure on its scale, the Result sound (`check_result`).
pub fn draft(data: &[u8]) {
    let mut choices = Choices::new(data);
    let a = &builtins()[choices.pick(builtins().len())];
    let Ok(d) = serde_json::from_slice::<plead::interact::draft::Draft>(choices.rest()) else {
        return;
    };
    if !d.check(a).is_empty() {
        return;
    }
    assert!(d.position <= a.items.len());
    let doc = plead::score::workshop::result(a, &d.answers, context(Method::Workshop));
    for item in &doc.items {
        if let Some(score) = item.score {
            let scale = a.scale_of(a.item(&item.id).expect("an item of the assessment"));
            assert!(
                score >= f64::from(scale.min) && score <= f64::from(scale.max),
                "{}: {score} off its scale",
                item.id
            );
        }
    }
    if a.items.iter().any(|i| {
        d.answers
            .items
            .get(&i.id)
            .is_some_and(|x| matches!(x.rating, Some(plead::response::Rating::Value(_))))
    }) {
        assert!(
            doc.overall.score.is_some(),
            "overall is null with items answered"
        );
    }
    check_result(&doc);
}

/// Header rows (lines of tab-separated cells; the first byte chooses the assessment
/// and `--header-rows`) matched to items: every match names a real column, no column
/// is matched twice, and no personal column is matched.
pub fn headers(data: &[u8]) {
    let mut choices = Choices::new(data);
    let a = &builtins()[choices.pick(builtins().len())];
    let header_rows = match choices.pick(4) {
        0 => None,
        n => Some(n),
    };
    let map = String::from_utf8_lossy(choices.bytes(64)).into_owned();
    let maps: Vec<(String, String)> = survey::parse_map(&map).into_iter().collect();
    let reworded = choices.pick(2) == 0;
    let text = String::from_utf8_lossy(choices.rest());
    let rows: Vec<Vec<String>> = text
        .split('\n')
        .take(survey::layout::SNIFF_ROWS)
        .map(|line| line.split('\t').map(str::to_string).collect())
        .collect();
    let layout = survey::layout::detect(&rows, header_rows);
    let Ok(matching) = survey::headers::match_items(a, &layout.columns, &maps, reworded) else {
        return;
    };
    assert_eq!(matching.items.len(), a.items.len());
    let mut seen = vec![false; layout.columns.len()];
    for (column, _) in matching.items.iter().flatten() {
        assert!(*column < layout.columns.len());
        assert!(!seen[*column], "column {column} matched twice");
        seen[*column] = true;
        assert_ne!(
            layout.columns[*column].kind,
            survey::column::Kind::Personal,
            "a personal column was matched"
        );
    }
}

/// One survey cell on a scale of a built-in (the first bytes choose which): a value is
/// on the scale, N/A only where allowed, and the memo gives what parsing gives.
pub fn cell(data: &[u8]) {
    let mut choices = Choices::new(data);
    let a = &builtins()[choices.pick(builtins().len())];
    let scale = &a.scales[choices.pick(a.scales.len())];
    let bytes = choices.rest();
    let mut parser = survey::cell::CellParser::new(scale);
    let Ok(first) = parser.parse_bytes(bytes) else {
        assert!(std::str::from_utf8(bytes).is_err());
        return;
    };
    assert_eq!(
        parser.parse_bytes(bytes),
        Ok(first),
        "the memo changed the answer"
    );
    let text = std::str::from_utf8(bytes).expect("parsed, so UTF-8");
    if !text.is_empty() {
        assert_eq!(parser.parse(text), first);
    }
    match first {
        Cell::Value(v) => assert!(scale.contains(v), "{v} is off the scale"),
        Cell::NotApplicable => assert!(scale.not_applicable),
        Cell::Rejected(reason) => assert!(!parser.explain(reason, scale).is_empty()),
        Cell::Missing => {}
    }
}

/// A Result file: refused with a message, or read; what reads renders in every
/// format, writes back to the same document, diffs with itself showing no change and
/// makes a trend.
pub fn result(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = ResultDoc::from_json(text) else {
        return;
    };
    check_result(&doc);
}

/// Example Results with their values replaced, dropped or repeated as the bytes say
/// (hostile strings among the replacements): every renderer copes, HTML and SVG carry
/// no markup from the text, CSV no formula, the terminal no escape sequence.
pub fn render(data: &[u8]) {
    let mut choices = Choices::new(data);
    let bases = bases();
    let base = &bases[choices.pick(bases.len())];
    let mut value = serde_json::to_value(base).expect("a Result serialises");
    mutate(&mut value, &mut choices);
    // Through the reader, so the document is one `plead report` would accept.
    let Ok(doc) = ResultDoc::from_json(&value.to_string()) else {
        return;
    };
    check_result(&doc);
    let named = |doc| Named {
        name: "a.json",
        doc,
    };
    if let Ok(d) = diff(named(base), named(&doc)) {
        for format in Format::value_variants() {
            check_output(*format, &render::diff(&d, *format, &Options::default()));
        }
    }
    if let Ok(t) = trend(&[named(base), named(&doc)]) {
        for format in Format::value_variants() {
            check_output(*format, &render::trend(&t, *format, &Options::default()));
        }
    }
}

/// The example quarters in `examples/northshire`.
fn bases() -> &'static [ResultDoc] {
    static BASES: OnceLock<Vec<ResultDoc>> = OnceLock::new();
    BASES.get_or_init(|| {
        [
            include_str!("../../examples/northshire/2026-Q1.json"),
            include_str!("../../examples/northshire/2026-Q2.json"),
            include_str!("../../examples/northshire/2026-Q3.json"),
            include_str!("../../examples/northshire/2026-Q4.json"),
        ]
        .iter()
        .map(|t| ResultDoc::from_json(t).expect("the examples read"))
        .collect()
    })
}

/// Text that has broken reports elsewhere: markup, attribute breakouts, formula
/// starters, control characters, bidirectional overrides, emoji, a long string.
pub const HOSTILE: [&str; 18] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=\"alert(1)\">",
    "' onload='alert(1)",
    "</text></svg><svg onload=alert(1)>",
    "=HYPERLINK(\"https://example.com\",\"x\")",
    "+SUM(1,2)",
    "-2+3",
    "@cmd",
    "\t=1",
    "\r=1",
    "\u{1b}[31mred\u{1b}[0m\u{1b}]0;title\u{7}",
    "\u{9b}2J",
    "abc\u{202e}fdp.exe",
    "\u{200f}\u{2067}rtl\u{2069}",
    "👩🏽‍⚕️ patient leader 🏥",
    "&amp; &lt; ]]> <!-- -->",
    "line\nbreak\r\nand\0nul",
    "x",
];

/// The bidirectional embeddings, overrides and isolates, which reorder what follows them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn hostile(choices: &mut Choices) -> String {
    match choices.pick(HOSTILE.len() + 2) {
        n if n < HOSTILE.len() - 1 => HOSTILE[n].to_string(),
        n if n == HOSTILE.len() - 1 => "long ".repeat(2000 + usize::from(choices.byte()) * 100),
        n if n == HOSTILE.len() => String::new(),
        _ => String::from_utf8_lossy(choices.bytes(200)).into_owned(),
    }
}

fn number(choices: &mut Choices) -> serde_json::Value {
    let special = [
        0.0,
        -0.0,
        -1.0,
        1.0,
        2.5,
        100.0,
        100.5,
        -100.0,
        1e15,
        -1e15,
        1e300,
        -1e300,
        1e-300,
        f64::MAX,
        f64::MIN,
        u64::MAX as f64,
        4294967295.0,
        -2147483648.0,
    ];
    match choices.pick(special.len() + 3) {
        n if n < special.len() => serde_json::json!(special[n]),
        n if n == special.len() => serde_json::json!(u64::from(choices.byte())),
        n if n == special.len() + 1 => serde_json::json!(-i64::from(choices.byte())),
        _ => {
            let mut b = [0u8; 8];
            for x in &mut b {
                *x = choices.byte();
            }
            let f = f64::from_le_bytes(b);
            if f.is_finite() {
                serde_json::json!(f)
            } else {
                serde_json::json!(0.5)
            }
        }
    }
}

/// Changes a leaf where the next byte is high; drops or repeats array elements.
fn mutate(value: &mut serde_json::Value, choices: &mut Choices) {
    use serde_json::Value;
    let roll = choices.byte();
    match value {
        Value::Array(items) => {
            if roll >= 250 && !items.is_empty() {
                let at = choices.pick(items.len());
                items.remove(at);
            } else if roll >= 245 && !items.is_empty() && items.len() < 64 {
                let at = choices.pick(items.len());
                items.push(items[at].clone());
            }
            for v in items.iter_mut() {
                mutate(v, choices);
            }
        }
        Value::Object(map) => {
            for (_, v) in map.iter_mut() {
                mutate(v, choices);
            }
        }
        Value::String(s) if roll >= 200 => *s = hostile(choices),
        Value::Number(_) if roll >= 200 => *value = number(choices),
        Value::Null if roll >= 200 => {
            *value = if choices.byte().is_multiple_of(2) {
                number(choices)
            } else {
                Value::String(hostile(choices))
            }
        }
        Value::Bool(b) if roll >= 200 => *b = !*b,
        _ => {}
    }
}

/// What every Result must give: JSON that reads back to the same document, output in
/// every format, and a diff with itself that shows no change.
pub fn check_result(doc: &ResultDoc) {
    let json = doc.to_json();
    let again = ResultDoc::from_json(&json).expect("a written Result reads back");
    assert_eq!(again.to_json(), json, "writing what was read changed it");
    for format in Format::value_variants() {
        check_output(*format, &render::result(doc, *format, &Options::default()));
    }
    let named = Named {
        name: "r.json",
        doc,
    };
    let d = diff(named, named).expect("a Result compares with itself");
    for change in std::iter::once(&d.overall.change)
        .chain(d.themes.iter().map(|t| &t.change))
        .chain(d.items.iter().map(|i| &i.change))
    {
        assert!(
            matches!(
                change.direction,
                Direction::Unchanged | Direction::NotComparable
            ),
            "a Result diffed with itself changed: {change:?}"
        );
    }
    assert!(d.verdicts.gaps_closed.is_empty() && d.verdicts.gaps_opened.is_empty());
    assert!(d.verdicts.findings_new.is_empty() && d.verdicts.findings_resolved.is_empty());
    for format in Format::value_variants() {
        check_output(*format, &render::diff(&d, *format, &Options::default()));
    }
    let t = trend(&[named, named]).expect("two Results make a trend");
    for format in Format::value_variants() {
        check_output(*format, &render::trend(&t, *format, &Options::default()));
    }
}

/// Output with nothing in it that a reader's program would act on.
pub fn check_output(format: Format, bytes: &[u8]) {
    let name = format.to_possible_value().expect("a format has a name");
    match name.get_name() {
        "table" | "markdown" => {
            let text = std::str::from_utf8(bytes).expect("text output is UTF-8");
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "a control character reached {} output",
                name.get_name()
            );
        }
        "csv" => {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(bytes);
            for record in reader.records() {
                let record = record.expect("CSV output reads back");
                for field in record.iter() {
                    if field.parse::<f64>().is_ok() {
                        continue;
                    }
                    assert!(
                        !field.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']),
                        "a formula starter reached CSV: {field:?}"
                    );
                    assert!(
                        !field
                            .chars()
                            .any(|c| c.is_control() && !"\t\n\r".contains(c)),
                        "a control character reached CSV: {field:?}"
                    );
                    assert!(
                        !field.chars().any(is_bidi_control),
                        "a bidirectional override reached CSV: {field:?}"
                    );
                }
            }
        }
        "html" => {
            let html = std::str::from_utf8(bytes)
                .expect("HTML is UTF-8")
                .to_lowercase();
            for markup in [
                "<script",
                "<img",
                "<iframe",
                "<svg onload",
                "onerror=\"",
                "onerror='",
                "onload='",
                "onload=\"",
            ] {
                assert!(!html.contains(markup), "{markup:?} reached HTML");
            }
        }
        "json" => {
            serde_json::from_slice::<serde_json::Value>(bytes).expect("JSON output reads back");
        }
        _ => assert!(!bytes.is_empty()),
    }
}
