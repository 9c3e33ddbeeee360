//! HTML reports from the command line: `--format html` and `--out FILE.html` (or `.htm`)
//! on every command that writes a report, each a whole self-contained page.

use crate::support::{Test, root};

fn example(name: &str) -> String {
    root()
        .join("examples/northshire")
        .join(name)
        .display()
        .to_string()
}

/// A page plead wrote: a whole document, with its charts and no script.
fn assert_page(html: &str, charts: usize) {
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"),
        "{html:.200}"
    );
    assert!(html.trim_end().ends_with("</html>"));
    assert!(html.contains("Content-Security-Policy"));
    assert!(!html.contains("<script"));
    assert_eq!(html.matches("<svg ").count(), charts, "charts");
}

#[test]
fn report_writes_a_page_to_standard_output_and_to_html_and_htm_files() {
    let run = Test::new()
        .args(["report", &example("2026-Q4.json"), "--format", "html"])
        .success();
    assert_page(&run.stdout, 3);
    let run = Test::new()
        .args(["report", &example("2026-Q1.json")])
        .args(["--out", "q1.html", "--out", "q1.HTM"])
        .success()
        .stderr_has("wrote q1.html")
        .stdout("");
    assert_page(&run.file("q1.html"), 2);
    assert_eq!(run.file("q1.html"), run.file("q1.HTM"));
}

#[test]
fn assess_score_diff_and_trend_write_pages() {
    let answers = root().join("examples/answers/role-model.toml");
    let run = Test::new()
        .args(["assess", "role-model", "--answers"])
        .arg(answers.display().to_string())
        .args(["--out", "roles.html"])
        .success()
        .stderr_has("wrote roles.html");
    assert_page(&run.file("roles.html"), 1);

    let returns = root().join("tests/fixtures/survey-by-role.csv");
    let run = Test::new()
        .args(["score", "building-blocks"])
        .arg(returns.display().to_string())
        .args(["--group-by", "Role", "--out", "survey.html"])
        .success().stderr_has("survey-by-role.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 45 rows, 45 respondents, 1 cell rejected");
    let html = run.file("survey.html");
    assert_page(&html, 4);
    assert!(html.contains(">suppressed</text>"));

    let run = Test::new()
        .args(["diff", &example("2026-Q3.json"), &example("2026-Q4.json")])
        .args(["-f", "html"])
        .success();
    assert_page(&run.stdout, 2);

    let mut trend = Test::new().arg("trend");
    for q in 1..=4 {
        trend = trend.arg(example(&format!("2026-Q{q}.json")));
    }
    let run = trend
        .args(["--out", "trend.html"])
        .success()
        .stderr_has("wrote trend.html");
    assert_page(&run.file("trend.html"), 1);
}
