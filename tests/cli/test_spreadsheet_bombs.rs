//! Spreadsheets within bounds: every bomb of issue 20, built here with the zip writer,
//! is refused with exit 2 and a message that suggests CSV UTF-8, before calamine lays
//! it out in memory; plain workbooks (xlsx and ods) built the same way still read. A CSV
//! header of more columns than a survey has is refused too. (Peak memory and time at
//! full size: README "Hardening", measured with examples/bombs.rs.)

use super::bombs;
use super::support::{Run, Test};

fn score(name: &str, bytes: Vec<u8>) -> Run {
    Test::new()
        .write(name, bytes)
        .args([
            "score",
            "building-blocks",
            name,
            "--allow-missing",
            "--out",
            "r.json",
        ])
        .any_code()
        .run()
        // Each test reads stderr itself.
        .any_stderr()
}

/// Refused with exit 2, saying `what`, suggesting CSV, and writing nothing.
fn refused(run: Run, what: &str) {
    let run = run.code(2);
    assert!(run.stderr.contains(what), "{}", run.stderr);
    assert!(
        run.stderr.contains("save the sheet as CSV UTF-8"),
        "{}",
        run.stderr
    );
    assert!(!run.dir.join("r.json").exists());
}

#[test]
fn workbooks_built_like_the_bombs_read_as_surveys() {
    let run = score("plain.xlsx", bombs::survey(30)).code(0);
    assert!(run.stderr.contains("30 respondents"), "{}", run.stderr);
    let mut rows = bombs::ods_text_row(&["decision-making", "co-design"]);
    for r in 0..12 {
        rows.push_str(&format!(
            r#"<table:table-row><table:table-cell office:value-type="float" office:value="{}"><text:p>{}</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"/></table:table-row>"#,
            r % 5,
            r % 5
        ));
    }
    // Trailing empty rows and columns, as LibreOffice saves them, are no bomb.
    rows.push_str(r#"<table:table-row table:number-rows-repeated="1048560"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#);
    let run = score("plain.ods", bombs::ods(&rows)).code(0);
    assert!(run.stderr.contains("12 respondents"), "{}", run.stderr);
}

/// A 1.9 KB .xlsx with one cell at XFD1048576 asked for 512 GiB and aborted (exit 134).
#[test]
fn one_cell_at_xfd1048576_aborted() {
    refused(
        score("far.xlsx", bombs::one_far_cell("XFD1048576", 1_048_576)),
        "sheet \"Sheet1\" reaches row 1048576, column XFD: the spreadsheet spans 17179869184 cells, more than plead reads from a spreadsheet (2000000",
    );
}

/// One cell at ZZ200000 took 4.4 GB and 14 s.
#[test]
fn one_cell_at_zz200000_took_4_gb() {
    refused(
        score("zz.xlsx", bombs::one_far_cell("ZZ200000", 200_000)),
        "sheet \"Sheet1\" reaches row 200000, column ZZ: the spreadsheet spans 140400000 cells",
    );
    // Just over the bound: 20,001 rows × 100 columns.
    refused(
        score("edge.xlsx", bombs::one_far_cell("CV20001", 20_001)),
        "spans 2000100 cells",
    );
}

/// A 2 MB .xlsx holding one 2 GB shared string took 16.5 GB and 162 s. (Here 40 MB,
/// past the 32 MB bound on shared strings; the full size is in README.)
#[test]
fn one_huge_shared_string_took_16_gb() {
    refused(
        score("string.xlsx", bombs::one_huge_shared_string(40 << 20)),
        "the workbook's shared strings unpack to 40 MB, more than a survey export holds (32 MB at most)",
    );
}

/// 50 million tiny shared strings took 2.7 GB (here one over the million allowed).
#[test]
fn millions_of_tiny_shared_strings_took_2_gb() {
    refused(
        score("strings.xlsx", bombs::many_shared_strings(1_000_001)),
        "the workbook has 1000001 shared strings (distinct texts), more than a survey export holds (1000000 at most)",
    );
    // calamine reserves room for the count the part declares, before reading any.
    let declared = bombs::xlsx(
        &|w| bombs::header(w),
        Some(&|w| {
            w.write_all(b"</sst><sst uniqueCount=\"4000000000\">")?;
            w.write_all(b"<si><t>a</t></si>")
        }),
    );
    refused(
        score("declared.xlsx", declared),
        "the workbook has 4000000000 shared strings",
    );
}

/// Text shown in many cells is copied into each: bounded where it is shown.
#[test]
fn text_repeated_across_cells_is_bounded() {
    refused(
        score("text.xlsx", bombs::wide_text(300, 100, 4096)),
        "the spreadsheet's cells hold 64 MB of text, more than a survey export holds (64 MB at most)",
    );
}

/// An 834-byte .ods took 630 MB.
#[test]
fn a_tiny_ods_took_630_mb() {
    let bomb = bombs::ods_bomb(20_000, 1_000);
    assert!(bomb.len() < 1000, "{} bytes", bomb.len());
    refused(
        score("bomb.ods", bomb),
        "the spreadsheet spans 20001000 cells, more than plead reads from a spreadsheet",
    );
    // Far beyond what calamine itself refuses, refused here first, with the same advice.
    refused(
        score("huge.ods", bombs::ods_bomb(1_000_000, 16_384)),
        "cells, more than plead reads from a spreadsheet",
    );
}

/// A part packed far tighter than any sheet, and a part larger than it declares.
#[test]
fn parts_that_unpack_too_far_or_lie_about_their_size() {
    let packed = bombs::xlsx(
        &|w| {
            bombs::header(w)?;
            write!(w, r#"<row r="2"><c r="A2"><v>3</v></c></row>"#)?;
            // 20 MB of nothing a sheet needs: an XML comment.
            w.write_all(b"<!--")?;
            let block = [b'-'; 64 * 1024];
            for _ in 0..320 {
                w.write_all(&block)?;
            }
            w.write_all(b" -->")
        },
        None,
    );
    refused(score("packed.xlsx", packed), "unpacks");
    let mut lying = bombs::survey(30);
    bombs::understate(&mut lying, "xl/worksheets/sheet1.xml", 100);
    refused(
        score("lying.xlsx", lying),
        "larger than its declared uncompressed size",
    );
}

/// A CSV whose 16 MB header row had 7.9 million columns took 3.3 GB.
#[test]
fn a_csv_header_of_millions_of_columns_took_3_gb() {
    let header = vec!["q"; 20_001].join(",");
    let run = Test::new()
        .write("wide.csv", format!("{header}\n1\n"))
        .args(["score", "building-blocks", "wide.csv"])
        .fails(2).stderr_has("error: wide.csv: row 1 has 20001 columns, and a survey export has at most a few hundred (20000 at the very most): is this the survey file, and is its delimiter (--delimiter) right?");
    assert_eq!(
        run.stderr,
        "error: wide.csv: row 1 has 20001 columns, and a survey export has at most a few hundred (20000 at the very most): is this the survey file, and is its delimiter (--delimiter) right?\n"
    );
}

/// Found by fuzzing: a row reference of many digits overflowed calamine's arithmetic (a
/// panic in a debug build, a cell put elsewhere in a release one).
#[test]
fn a_cell_reference_beyond_the_grid_overflowed_calamine() {
    for (at, row) in [
        ("A66666666666666", "66666666666666"),
        ("XFE1", "1"),
        ("AAAAA2", "2"),
    ] {
        let bomb = bombs::xlsx(
            &|w| {
                bombs::header(w)?;
                write!(w, r#"<row r="{row}">"#)?;
                bombs::number(w, at, 3)?;
                write!(w, "</row>")
            },
            None,
        );
        refused(
            score("far.xlsx", bomb),
            "beyond Excel's last cell XFD1048576",
        );
    }
}

#[test]
fn an_xls_was_bounded_only_by_its_size_on_disk() {
    // An OLE2 compound file's signature: calamine would lay any .xls sheet out as one
    // rectangle from its cells' reach, which no check can bound before reading.
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(2048, 0);
    let run = score("returns.xls", bytes).code(2);
    assert!(
        run.stderr.contains("Excel 97-2003 workbook (.xls)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(".xlsx"), "{}", run.stderr);
    assert!(run.stderr.contains("CSV UTF-8"), "{}", run.stderr);
    assert!(!run.dir.join("r.json").exists());
}
