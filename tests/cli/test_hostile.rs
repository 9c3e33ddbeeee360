//! Hostile text through every path: organisation names, notes, actions, example names,
//! survey column headers, group labels and cells holding markup, quotes, formula
//! starters, control characters, bidirectional overrides, emoji and very long strings.
//! Every report must carry them as inert text: escaped in HTML and SVG, guarded in CSV,
//! stored as text (never a formula) in xlsx, bidirectional overrides shown as U+FFFD in
//! every spreadsheet cell, and never driving the terminal.

use std::path::Path;

use calamine::{Data, Reader};

use super::fuzz_harness::{HOSTILE, check_output, is_bidi_control};
use super::support::Test;
use plead::cli::Format;

/// A TOML string holding `s`, escapes and all.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Text no terminal or report may receive raw: control characters but line breaks, and
/// the bidirectional overrides and isolates.
fn has_raw_controls(s: &str) -> bool {
    s.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

/// Checks every report a run wrote as `r.<ext>`, and its standard output and error.
fn check_reports(dir: &Path, stdout: &str, stderr: &str) {
    assert!(!has_raw_controls(stdout), "raw control text on stdout");
    assert!(
        !has_raw_controls(stderr),
        "raw control text on stderr: {stderr}"
    );
    let read = |ext: &str| std::fs::read(dir.join(format!("r.{ext}"))).unwrap();
    let table = String::from_utf8(read("txt")).unwrap();
    assert!(!has_raw_controls(&table), "raw control text in the table");
    check_output(Format::Table, &read("txt"));
    check_output(Format::Markdown, &read("md"));
    check_output(Format::Csv, &read("csv"));
    check_output(Format::Json, &read("json"));
    let html = String::from_utf8(read("html")).unwrap();
    check_output(Format::Html, html.as_bytes());
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the text is shown, escaped"
    );
    assert!(
        !html.chars().any(|c| (c.is_control() && !"\n\t".contains(c))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
        "raw control text in HTML"
    );
    // xlsx: the formula-like text is a plain string cell, and no cell is a formula.
    let mut book = calamine::open_workbook_auto(dir.join("r.xlsx")).unwrap();
    let mut seen_formula_text = false;
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "a formula in sheet {name}"
        );
        for (_, _, cell) in book.worksheet_range(&name).unwrap().used_cells() {
            if let Data::String(s) = cell {
                assert!(
                    !s.chars().any(is_bidi_control),
                    "a bidirectional override in sheet {name}: {s:?}"
                );
            }
            if let Data::String(s) = cell
                && s.contains("HYPERLINK")
            {
                assert!(!s.starts_with('\''), "stored as typed, unguarded: {s:?}");
                seen_formula_text |= s.starts_with("=HYPERLINK");
            }
        }
    }
    assert!(
        seen_formula_text,
        "the formula-like note is in the workbook"
    );
}

fn outputs() -> Vec<&'static str> {
    vec![
        "--out", "r.json", "--out", "r.csv", "--out", "r.md", "--out", "r.html", "--out", "r.xlsx",
        "--out", "r.txt",
    ]
}

#[test]
fn hostile_text_in_a_workshop_stays_inert_in_every_report() {
    let long = "very long ".repeat(5000);
    let mut answers = format!(
        "assessment = \"connection\"\norganisation = {}\nperiod = \"2026-Q3\"\n",
        toml_string(&format!("{} Trust {}", HOSTILE[0], HOSTILE[12]))
    );
    let a = super::fuzz_harness::builtins()
        .iter()
        .find(|a| a.id == "connection")
        .unwrap();
    for (i, item) in a.items.iter().enumerate() {
        let text = |k: usize| toml_string(HOSTILE[(i * 3 + k) % HOSTILE.len()]);
        answers.push_str(&format!(
            "\n[answers.{}]\nnote = {}\ntarget = 3\naction = {}\nexamples = [{{ name = {}, rating = {} }}, {{ name = {}, rating = 2 }}]\n",
            item.id,
            text(0),
            text(1),
            text(2),
            i % 6,
            toml_string(if i == 0 { &long } else { HOSTILE[4] }),
        ));
    }
    let run = Test::new()
        .write("answers.toml", &answers)
        .args(["assess", "connection", "--answers", "answers.toml"])
        .args(outputs())
        .success()
        .stderr_has("wrote r.json");
    check_reports(&run.dir, &run.stdout, &run.stderr);
    let report = Test::new()
        .write("r.json", run.file("r.json"))
        .args(["report", "r.json"])
        .success();
    assert!(!has_raw_controls(&report.stdout));
    assert!(
        report.stdout.contains("\\u{1b}[31mred"),
        "escapes are shown, visibly"
    );
}

#[test]
fn hostile_text_in_survey_headers_groups_and_cells_stays_inert_in_every_report() {
    let a = super::fuzz_harness::builtins()
        .iter()
        .find(|a| a.id == "building-blocks")
        .unwrap();
    let mut csv = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["Role".to_string(), format!("{} comments", HOSTILE[1])];
    header.extend(a.items.iter().map(|i| i.id.clone()));
    csv.write_record(&header).unwrap();
    for row in 0..40 {
        let mut record = vec![
            HOSTILE[[0, 4, 6, 10, 12, 15][row % 6]].to_string(),
            HOSTILE[row % HOSTILE.len()].to_string(),
        ];
        for (k, _) in a.items.iter().enumerate() {
            record.push(match (row + k) % 7 {
                6 => HOSTILE[(row + k) % HOSTILE.len()].to_string(),
                v => (v % 5).to_string(),
            });
        }
        csv.write_record(&record).unwrap();
    }
    let run = Test::new()
        .write("returns.csv", csv.into_inner().unwrap())
        .args([
            "score",
            "building-blocks",
            "returns.csv",
            "--group-by",
            "Role",
            "--min-group",
            "1",
            "--org",
        ])
        .arg(format!("{}{}", HOSTILE[0], HOSTILE[4]))
        .args(["--respondents", "respondents.csv"])
        .args(outputs())
        .success().stderr_has("read returns.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 40 rows, 40 respondents, 56 cells rejected");
    check_reports(&run.dir, &run.stdout, &run.stderr);
    // The respondents file carries each group label: "abc\u{202e}fdp.exe" among them.
    let respondents = run.file("respondents.csv");
    check_output(Format::Csv, respondents.as_bytes());
    assert!(respondents.contains("abc\u{fffd}fdp.exe"), "{respondents}");
}

#[test]
fn an_error_quoting_hostile_text_does_not_drive_the_terminal() {
    // An item text in a local assessment and a column name both reach error messages.
    let csv = format!("\u{1b}]0;owned\u{7}{},other\n1,2\n", HOSTILE[12]);
    let run = Test::new()
        .write("returns.csv", csv)
        .args(["score", "role-model", "returns.csv"])
        .fails(2).stderr_has("error: returns.csv: no column matches 8 of the assessment's items (generic layout, 1 header row):");
    assert!(!has_raw_controls(&run.stderr), "{:?}", run.stderr);
    assert!(run.stderr.contains("\\u{1b}]0;owned"), "{}", run.stderr);
}

/// An OSC title change, a CSI clear screen and a right-to-left override.
const ESCAPES: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202e}";
/// The same, as `terminal_safe` shows them.
const SHOWN: &str = "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{202e}";

fn mini() -> String {
    std::fs::read_to_string(super::support::root().join("tests/fixtures/mini.toml")).unwrap()
}

/// `plead validate` (the command for vetting a file someone sent) printed the file's
/// escape sequences raw, in its "ok (id VERSION…)" line and in its problems.
#[test]
fn validate_printed_terminal_escapes_from_the_file() {
    let run = Test::new()
        .write(
            "sent.toml",
            mini().replace(
                "version = \"1.0\"",
                &format!("version = {}", toml_string(&format!("1.0{ESCAPES}"))),
            ),
        )
        .args(["validate", "sent.toml"])
        .success();
    assert_eq!(
        run.stdout,
        format!("sent.toml: ok (mini 1.0{SHOWN}, 2 items)\n")
    );

    let bad = mini().replace(
        "theme = \"t\"\ntext = \"Item B\"",
        &format!(
            "theme = {}\ntext = \"Item B\"",
            toml_string(&format!("x{ESCAPES}"))
        ),
    );
    let run = Test::new()
        .write("bad.toml", bad)
        .args(["validate", "bad.toml"])
        .fails(2).stderr_has("bad.toml:25:9: item \"b\" is in an unknown theme \"x\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{202e}\" (themes: t)")
        .stdout("");
    assert!(!has_raw_controls(&run.stderr), "{:?}", run.stderr);
    assert!(run.stderr.contains("unknown theme"), "{}", run.stderr);
}

/// `plead list` warned about a broken file in ./assessments/ with its text raw.
#[test]
fn list_printed_terminal_escapes_from_a_broken_assessment() {
    let bad = mini().replace(
        "theme = \"t\"\ntext = \"Item B\"",
        &format!(
            "theme = {}\ntext = \"Item B\"",
            toml_string(&format!("x{ESCAPES}"))
        ),
    );
    let run = Test::new()
        .write(&format!("assessments/bad{ESCAPES}.toml"), bad)
        .arg("list")
        .success()
        .stderr_has("warning: skipped an assessment file that does not validate:");
    assert!(
        run.stderr
            .starts_with("warning: skipped an assessment file that does not validate"),
        "{}",
        run.stderr
    );
    assert!(!has_raw_controls(&run.stderr), "{:?}", run.stderr);
    assert!(!has_raw_controls(&run.stdout));
}

/// `plead score`'s "read FILE" line printed control characters in the file's name.
#[test]
fn score_printed_control_characters_in_the_file_name() {
    let survey =
        std::fs::read(super::support::root().join("tests/fixtures/survey/msforms.csv")).unwrap();
    let name = format!("returns{ESCAPES}.csv");
    let run = Test::new()
        .write(&name, survey)
        .args([
            "score",
            "building-blocks",
            &name,
            "--allow-missing",
            "--out",
            "r.json",
        ])
        .success().stderr_has("read returns\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{202e}.csv: Microsoft Forms layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 4 rows, 4 respondents, 1 cell rejected");
    assert!(
        run.stderr
            .contains(&format!("read returns{SHOWN}.csv: Microsoft Forms layout")),
        "{}",
        run.stderr
    );
    assert!(!has_raw_controls(&run.stderr), "{:?}", run.stderr);
}

/// Issue 17: comments are free text from the public, escaped and guarded exactly like
/// other user text, in every report and in `--comments FILE.csv`.
#[test]
fn hostile_text_in_comments_stays_inert_in_every_report_and_the_comments_file() {
    let a = super::fuzz_harness::builtins()
        .iter()
        .find(|a| a.id == "building-blocks")
        .unwrap();
    let mut csv = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["Role".to_string()];
    header.extend(a.items.iter().map(|i| i.id.clone()));
    header.push("Anything else?".to_string());
    header.push(a.comments[0].question.clone());
    csv.write_record(&header).unwrap();
    for row in 0..40 {
        let mut record = vec![["Staff", "Patient leader"][row % 2].to_string()];
        record.extend(
            a.items
                .iter()
                .enumerate()
                .map(|(k, _)| ((row + k) % 5).to_string()),
        );
        record.push(HOSTILE[row % HOSTILE.len()].to_string());
        record.push(format!(
            "{} and {}",
            HOSTILE[(row + 4) % HOSTILE.len()],
            HOSTILE[row % HOSTILE.len()]
        ));
        csv.write_record(&record).unwrap();
    }
    let run = Test::new()
        .write("returns.csv", csv.into_inner().unwrap())
        .args([
            "score",
            "building-blocks",
            "returns.csv",
            "--group-by",
            "Role",
        ])
        .args(["--comments", "c.csv"])
        .args(outputs())
        .success()
        .stderr_has("80 comments");
    check_reports(&run.dir, &run.stdout, &run.stderr);
    let html = run.file("r.html");
    assert!(
        html.contains("<blockquote><p>&lt;script&gt;alert(1)&lt;/script&gt;"),
        "a comment is shown, escaped"
    );
    let comments = run.file("c.csv");
    // The same rule as every other CSV plead writes.
    check_output(Format::Csv, comments.as_bytes());
    let mut reader = csv::Reader::from_reader(comments.as_bytes());
    let mut guarded = 0;
    for record in reader.records() {
        let text = record.unwrap()[3].to_string();
        assert!(
            !text.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']),
            "a formula starter unguarded: {text:?}"
        );
        guarded += usize::from(text.starts_with("'="));
    }
    assert!(guarded > 0, "the formula-like comments are there, guarded");
    // A comment that would read reversed in a spreadsheet is shown as the reports show it.
    assert!(comments.contains("abc\u{fffd}fdp.exe"), "{comments}");
}
