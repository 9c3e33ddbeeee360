//! Resource bounds: inputs far beyond any real one either work in bounded memory and
//! time, or stop at once with a message saying what is wrong — never an out-of-memory
//! kill or a hang. (A 1 GB survey file is measured by hand, see README "Hardening".)

use super::support::Test;

/// The item ids of building-blocks, in order.
const BLOCKS: [&str; 10] = [
    "decision-making",
    "co-design",
    "training",
    "relationships",
    "access-to-feedback",
    "seldom-heard",
    "qualitative-feedback",
    "close-the-loop",
    "improvement-mind-set",
    "supporting-roles",
];

#[test]
fn a_row_longer_than_16_mb_is_refused_at_once() {
    // One 17 MB line with no line break: not a survey file.
    let run = Test::new()
        .write("one-line.csv", vec![b'x'; 17 * 1024 * 1024])
        .args(["score", "building-blocks", "one-line.csv"])
        .fails(2).stderr_has("error: one-line.csv: row 1: this row is longer than 16 MB, and a survey export's rows are a few kilobytes: is this the survey file, and is its delimiter (--delimiter) right?");
    assert_eq!(
        run.stderr,
        "error: one-line.csv: row 1: this row is longer than 16 MB, and a survey export's rows are a few kilobytes: is this the survey file, and is its delimiter (--delimiter) right?\n"
    );
    // A huge quoted cell spread over many lines is one row too.
    let mut csv = format!("{}\n3,3,3,3,3,3,3,3,3,\"", BLOCKS.join(","));
    csv.push_str(&"a line of a very long answer\n".repeat(600_000));
    csv.push_str("\"\n");
    let run = Test::new()
        .write("long-cell.csv", csv)
        .args(["score", "building-blocks", "long-cell.csv"])
        .fails(2).stderr_has("error: long-cell.csv: row 2: this row is longer than 16 MB, and a survey export's rows are a few kilobytes: is this the survey file, and is its delimiter (--delimiter) right?");
    assert!(
        run.stderr
            .starts_with("error: long-cell.csv: row 2: this row is longer than 16 MB"),
        "{}",
        run.stderr
    );
}

/// 20,000 columns, the most a row may have (see test_spreadsheet_bombs for one more).
#[test]
fn a_file_of_20000_columns_is_read_and_its_messages_stay_short() {
    let mut columns: Vec<String> = BLOCKS.iter().map(|s| s.to_string()).collect();
    columns.extend((0..20_000 - BLOCKS.len()).map(|i| format!("Extra question {i}")));
    let mut csv = columns.join(",");
    csv.push('\n');
    for r in 0..5 {
        let row: Vec<String> = (0..columns.len())
            .map(|c| ((c + r) % 5).to_string())
            .collect();
        csv.push_str(&row.join(","));
        csv.push('\n');
    }
    let run = Test::new()
        .write("wide.csv", &csv)
        .args(["score", "building-blocks", "wide.csv", "--format", "json"])
        .success().stderr_has("read wide.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 5 rows, 5 respondents");
    assert!(run.stdout.contains("\"respondents\": 5"));
    assert!(
        run.stderr.len() < 4000,
        "{} bytes on stderr",
        run.stderr.len()
    );
    assert!(
        run.stderr.contains("\"Extra question 39\" and 19950 more"),
        "{}",
        run.stderr
    );

    // With no column matching, the error lists a few columns, not all of them.
    let csv = csv.replacen("decision-making", "unknown", 1);
    let run = Test::new()
        .write("wide.csv", &csv)
        .args(["score", "building-blocks", "wide.csv"])
        .fails(2).stderr_has("error: wide.csv: no column matches 1 of the assessment's items (generic layout, 1 header row):");
    assert!(
        run.stderr.len() < 6000,
        "{} bytes on stderr",
        run.stderr.len()
    );
    assert!(run.stderr.contains(" and 19960 more."), "{}", run.stderr);
}

/// An assessment of `n` items in ten themes, one scale with N/A, and an `each` finding.
fn big_assessment(n: usize) -> String {
    let mut toml = String::from(
        "id = \"big\"\ntitle = \"Big\"\nversion = \"1\"\nsource = \"generated\"\n\n\
         [[scales]]\nid = \"s\"\nmin = 0\nmax = 4\nnot_applicable = true\n\
         points = [{ value = 0, label = \"None\" }, { value = 4, label = \"All\" }]\n\n",
    );
    for t in 0..10 {
        toml.push_str(&format!(
            "[[themes]]\nid = \"t{t}\"\ntitle = \"Theme {t}\"\n\n"
        ));
    }
    for i in 0..n {
        toml.push_str(&format!(
            "[[items]]\nid = \"i{i}\"\ntheme = \"t{}\"\ntext = \"Item number {i}\"\nscale = \"s\"\n\n",
            i % 10
        ));
    }
    toml.push_str(
        "[[findings]]\nid = \"low\"\nseverity = \"high\"\nmessage = \"low\"\neach = { below = 1 }\n",
    );
    toml
}

#[test]
fn an_assessment_of_10000_items_validates_scores_and_reports() {
    let n = 10_000;
    let mut answers = String::from("assessment = \"big\"\n");
    for i in 0..n {
        answers.push_str(&format!("[answers.i{i}]\nrating = {}\n", i % 5));
    }
    let mut csv: Vec<String> = vec![
        (0..n)
            .map(|i| format!("i{i}"))
            .collect::<Vec<_>>()
            .join(","),
    ];
    for r in 0..3 {
        csv.push(
            (0..n)
                .map(|i| ((i + r) % 5).to_string())
                .collect::<Vec<_>>()
                .join(","),
        );
    }
    let files = [
        ("big.toml", big_assessment(n)),
        ("answers.toml", answers),
        ("returns.csv", csv.join("\n")),
    ];
    let run_in = |args: &[&str]| {
        let mut test = Test::new();
        for (name, text) in &files {
            test = test.write(name, text);
        }
        // Three commands: what each prints on stderr is not what this test is about.
        test.args(args).success().any_stderr()
    };
    run_in(&["validate", "big.toml"]);
    let workshop = run_in(&[
        "assess",
        "big.toml",
        "--answers",
        "answers.toml",
        "--format",
        "json",
    ]);
    assert!(workshop.stdout.contains("\"answered\": 10000"));
    let survey = run_in(&["score", "big.toml", "returns.csv", "--format", "json"]);
    assert!(survey.stdout.contains("\"respondents\": 3"));
    let both = Test::new()
        .write("a.json", &workshop.stdout)
        .write("b.json", &survey.stdout)
        .args([
            "diff", "a.json", "b.json", "--out", "d.html", "--out", "d.csv",
        ])
        .success()
        .stderr_has("wrote d.html");
    assert!(both.file("d.csv").lines().count() > n);
}

#[test]
fn deeply_nested_files_are_refused_with_their_place() {
    let deep = format!("id = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let run = Test::new()
        .write("deep.toml", &deep)
        .args(["validate", "deep.toml"])
        .fails(2)
        .stderr_has("deep.toml:1:86: cannot recurse further; max recursion depth met");
    assert!(run.stderr.starts_with("deep.toml:1:"), "{}", run.stderr);
    let answers = format!("x = {}1{}\n", "{a = ".repeat(100_000), "}".repeat(100_000));
    let run = Test::new()
        .write("answers.toml", &answers)
        .args(["assess", "role-model", "--answers", "answers.toml"])
        .fails(2)
        .stderr_has("error: answers.toml:1:405: cannot recurse further; max recursion depth met");
    assert!(
        run.stderr.starts_with("error: answers.toml:1:"),
        "{}",
        run.stderr
    );
    let json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let run = Test::new()
        .write("deep.json", &json)
        .args(["report", "deep.json"])
        .fails(2).stderr_has("error: deep.json:1:128: not valid JSON (recursion limit exceeded): a Result is the JSON file that plead assess or plead score writes");
    assert!(
        run.stderr
            .starts_with("error: deep.json:1:128: not valid JSON (recursion limit exceeded)"),
        "{}",
        run.stderr
    );
}
