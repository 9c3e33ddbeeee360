//! `plead report`: a saved Result rendered in every format (snapshots of one fixture
//! Result), documents it must refuse, and where reports go (`--out`, `--force`, `-`).

use crate::support::{Run, Test};

const ANSWERS: &str = include_str!("../fixtures/workshop-answers.toml");

/// The fixture Result: the workshop answers scored with the clock fixed (the Test builder
/// sets PLEAD_NOW).
fn fixture() -> String {
    Test::new()
        .write("answers.toml", ANSWERS)
        .args([
            "assess",
            "building-blocks",
            "--answers",
            "answers.toml",
            "--out",
            "r.json",
        ])
        .success()
        .stderr("wrote r.json\n")
        .file("r.json")
}

/// A test directory holding r.json, the fixture Result.
fn with_result() -> Test {
    Test::new().write("r.json", fixture())
}

fn report(args: &[&str]) -> Run {
    with_result().arg("report").arg("r.json").args(args).run()
}

#[test]
fn the_fixture_result_in_each_format() {
    for format in ["table", "markdown", "csv", "json"] {
        let run = report(&["--format", format]).code(0).stderr("");
        insta::assert_snapshot!(format!("report_{format}"), run.stdout);
    }
}

#[test]
fn the_json_report_is_the_result_itself() {
    let run = report(&["-f", "json"]).code(0);
    assert_eq!(run.stdout, run.file("r.json"));
}

#[test]
fn assess_prints_the_same_report_as_report_does() {
    let assessed = Test::new()
        .write("answers.toml", ANSWERS)
        .args([
            "assess",
            "building-blocks",
            "--answers",
            "answers.toml",
            "-f",
            "markdown",
        ])
        .success()
        .stderr_has("wrote northshire-community-nhs-trust-east-building-blocks-2026-q3.json");
    assert_eq!(assessed.stdout, report(&["-f", "markdown"]).code(0).stdout);
}

#[test]
fn a_result_of_an_unknown_schema_is_refused() {
    let doc = fixture().replace("\"plead.result/1\"", "\"plead.result/9\"");
    Test::new()
        .write("r9.json", doc)
        .args(["report", "r9.json"])
        .fails(2)
        .stdout("")
        .stderr(&format!(
            "error: r9.json: this Result uses schema \"plead.result/9\", which this plead ({}) \
             cannot read: it reads \"plead.result/1\" (upgrade plead)\n",
            env!("CARGO_PKG_VERSION")
        ));
}

#[test]
fn json_that_is_not_a_result_is_refused() {
    Test::new()
        .write(
            "package.json",
            "{\"name\": \"plead\", \"version\": \"1.0.0\"}\n",
        )
        .args(["report", "package.json"])
        .fails(2)
        .stdout("")
        .stderr(
            "error: package.json: this is not a plead Result: it has no \"schema\": \
             \"plead.result/1\" key\n",
        );
    Test::new()
        .write("d.json", "{\"schema\": \"plead.diff/1\"}\n")
        .args(["report", "d.json"])
        .fails(2)
        .stdout("")
        .stderr(
            "error: d.json: this is a \"plead.diff/1\" document, not a plead Result \
             (\"plead.result/1\")\n",
        );
    Test::new()
        .write(
            "r.json",
            "{\"schema\": \"plead.result/1\", \"items\": []}\n",
        )
        .args(["report", "r.json"])
        .fails(2)
        .stdout("")
        .stderr(
            "error: r.json:1:41: not a valid plead.result/1 document: missing field `assessment`\n",
        );
}

#[test]
fn a_file_that_is_not_json_is_refused_naming_the_file_and_place() {
    let run = Test::new()
        .write("answers.toml", ANSWERS)
        .args(["report", "answers.toml"])
        .fails(2).stderr_has("error: answers.toml:1:1: not valid JSON (expected value): a Result is the JSON file that plead assess or plead score writes")
        .stdout("");
    assert!(
        run.stderr
            .starts_with("error: answers.toml:1:1: not valid JSON"),
        "{}",
        run.stderr
    );
    Test::new()
        .write("r.json", b"\xff\xfe{}")
        .args(["report", "r.json"])
        .fails(2)
        .stdout("")
        .stderr("error: r.json: not UTF-8 text, so not a plead Result\n");
    Test::new()
        .args(["report", "missing.json"])
        .fails(2)
        .stdout("")
        .stderr("error: cannot read missing.json: No such file or directory (os error 2)\n");
}

#[test]
fn out_refuses_to_overwrite_a_file_without_force() {
    let run = with_result()
        .write("report.md", "keep me\n")
        .args(["report", "r.json", "--out", "report.md"])
        .fails(2)
        .stdout("")
        .stderr(
            "error: report.md already exists: choose another name, or add --force to \
             overwrite it\n",
        );
    assert_eq!(run.file("report.md"), "keep me\n");
    let leftovers: Vec<_> = std::fs::read_dir(&run.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn out_with_force_overwrites() {
    let run = with_result()
        .write("report.md", "keep me\n")
        .args(["report", "r.json", "--out", "report.md", "--force"])
        .success()
        .stdout("")
        .stderr("wrote report.md\n");
    let markdown = report(&["-f", "markdown"]).code(0).stdout.clone();
    assert_eq!(run.file("report.md"), markdown);
}

#[test]
fn out_takes_the_format_from_each_extension_and_dash_is_standard_output() {
    let run = with_result()
        .args([
            "report", "r.json", "--out", "r.md", "--out", "r.csv", "--out", "-", "-f", "csv",
        ])
        .success()
        .stderr("wrote r.md\nwrote r.csv\n");
    assert_eq!(run.file("r.md"), report(&["-f", "markdown"]).code(0).stdout);
    assert_eq!(run.file("r.csv"), report(&["-f", "csv"]).code(0).stdout);
    // `-` has no extension: it takes --format.
    assert_eq!(run.stdout, run.file("r.csv"));
}

#[test]
fn out_into_a_missing_directory_says_so() {
    with_result()
        .args(["report", "r.json", "--out", "nowhere/r.md"])
        .fails(2)
        .stdout("")
        .stderr(
            "error: cannot write nowhere/r.md: cannot create a file in nowhere: No such file \
             or directory (os error 2)\n",
        );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let (code, out, err) = crate::test_show::pipeline(
        &[("r.json", &fixture())],
        "report r.json --width 20",
        "head -1",
    );
    assert_eq!((code.as_str(), err.as_str()), ("0", ""), "{out}");
    assert_eq!(
        out,
        "10 building blocks for developing patient leadership — Northshire <Community> NHS \
         Trust | East, 2026-Q3\n"
    );
}
