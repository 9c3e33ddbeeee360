//! `plead score`: survey returns of each tool's layout and each encoding, scored into a
//! Result, a report and a respondents file; suppression; --strict; errors.

use crate::support::{Test, root};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/survey").join(name)).unwrap()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn microsoft_forms_figures_and_no_personal_data() {
    let run = Test::new()
        .write("returns.csv", fixture("msforms.csv"))
        .args(["score", "building-blocks", "returns.csv", "--min-group", "1", "--allow-missing"])
        .args(["--org", "Northshire", "--period", "2026-Q3", "--out", "r.json"])
        .args(["--respondents", "people.csv"])
        .success()
        .stderr_has("read returns.csv: Microsoft Forms layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 4 rows, 4 respondents, 1 cell rejected")
        .stderr_has("wrote people.csv");
    let text = run.file("r.json");
    let doc = json(&text);
    // Decision-making: 3, 1, N/A, 4 → mean 8/3, median 3, sd sqrt(7/3).
    let item = &doc["items"][0];
    assert_eq!(item["n"], 3);
    assert_eq!(item["not_applicable"], 1);
    let a = &item["aggregate"];
    assert!((a["mean"].as_f64().unwrap() - 8.0 / 3.0).abs() < 1e-9);
    assert_eq!(a["median"], 3.0);
    assert!((a["sd"].as_f64().unwrap() - (7.0f64 / 3.0).sqrt()).abs() < 1e-9);
    assert_eq!(a["counts"], serde_json::json!([0, 1, 0, 1, 1]));
    // Co-design: 2, 3, 4, rejected → mean 3, counted missing once.
    assert_eq!(doc["items"][1]["score"], 3.0);
    assert_eq!(doc["items"][1]["missing"], 1);
    assert_eq!(doc["rejected"][0]["row"], 5);
    assert_eq!(doc["rejected"][0]["value"], "very good");
    assert_eq!(
        doc["survey"]["personal_columns"],
        serde_json::json!(["Email", "Name"])
    );
    let people = run.file("people.csv");
    for personal in ["example.org", "Ann", "Bob", "1/9/26"] {
        assert!(!text.contains(personal), "{personal} in the Result");
        assert!(
            !people.contains(personal),
            "{personal} in the respondents file"
        );
    }
    let lines: Vec<&str> = people.lines().collect();
    assert!(lines[0].starts_with("row,respondent,decision-making,co-design,training,"));
    assert!(lines[0].ends_with(
        ",theme:invest,theme:feedback-mechanisms,theme:culture,overall,overall_percent"
    ));
    assert_eq!(lines.len(), 5);
    // Row 4 (Cy): N/A and 4 → only co-design scores: theme invest 4, overall 4, 100%.
    let cy: Vec<&str> = lines[3].split(',').collect();
    assert_eq!((cy[0], cy[2], cy[3]), ("4", "NA", "4"));
    assert_eq!(
        &cy[cy.len() - 5..],
        ["4.0000", "", "", "4.0000", "100.0000"]
    );
}

#[test]
fn the_report_shows_median_sd_and_rejected_cells() {
    Test::new()
        .write("returns.csv", fixture("msforms.csv"))
        .args(["score", "building-blocks", "returns.csv", "--min-group", "1", "--allow-missing", "-f", "markdown"])
        .success().stderr_has("read returns.csv: Microsoft Forms layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 4 rows, 4 respondents, 1 cell rejected")
        .stdout_has("| \\# | Item | Score | Percent | n | N/A | Missing | Median | SD | 95% CI |")
        // Three answers: t(0.975, 2) = 4.303, so 2.67 ± 3.80, kept within the 0–4 scale.
        .stdout_has("| 1 | Decision-making | 2.67 | 67% | 3 | 1 | 0 | 3.00 | 1.53 | 0.00–4.00 |")
        .stdout_has("| 5 | 2. Get patient leaders involved in the experience of care, shaping, co-designing and leading proposals from the earliest stage | very good | not a rating: give a number 0–4 or a label (Not in place, Planned / early, Developing, Established, Embedded and sustained), or N/A |")
        .stdout_has("- Personal columns, never read: Email; Name");
}

#[test]
fn google_forms_surveymonkey_and_qualtrics_layouts() {
    let run = Test::new()
        .write("g.csv", fixture("google-forms.csv"))
        .args(["score", "connection", "g.csv", "--min-group", "1", "-f", "json"])
        .success().stderr_has("read g.csv: Google Forms layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 3 rows, 3 respondents");
    let doc = json(&run.stdout);
    assert_eq!(doc["survey"]["layout"], "Google Forms");
    // Patient entrepreneurs: 0, 2, 5.
    assert_eq!(
        doc["items"][0]["aggregate"]["counts"],
        serde_json::json!([1, 0, 1, 0, 0, 1])
    );
    // Activists: 2, 2, "3 - Regular, systematic contact".
    assert_eq!(
        doc["items"][2]["aggregate"]["counts"],
        serde_json::json!([0, 0, 2, 1, 0, 0])
    );

    let run = Test::new()
        .write("sm.csv", fixture("surveymonkey.csv"))
        .args(["score", "connection", "sm.csv", "--min-group", "1", "-f", "json"])
        .success().stderr_has("read sm.csv: SurveyMonkey layout, 2 header rows, CSV, UTF-8 (detected), comma-separated; 2 rows, 2 respondents, 1 cell rejected");
    let doc = json(&run.stdout);
    assert_eq!(doc["survey"]["layout"], "SurveyMonkey");
    assert_eq!(doc["respondents"], 2);
    // N/A is not allowed on the connection scale: rejected, with the reason.
    assert_eq!(doc["rejected"][0]["row"], 4);
    assert_eq!(
        doc["rejected"][0]["reason"],
        "this item cannot be answered \"not applicable\": give a number 0–5"
    );

    let run = Test::new()
        .write("q.csv", fixture("qualtrics.csv"))
        .args([
            "score",
            "building-blocks",
            "q.csv",
            "--min-group",
            "1",
            "--allow-missing",
            "-f",
            "json",
        ])
        .success().stderr_has("read q.csv: Qualtrics layout, 3 header rows, CSV, UTF-8 (detected), comma-separated; 3 rows, 2 respondents, 1 preview/test rows dropped");
    let doc = json(&run.stdout);
    assert_eq!(doc["survey"]["layout"], "Qualtrics");
    assert_eq!(doc["survey"]["test_rows"], 1);
    assert_eq!(doc["respondents"], 2);
    assert_eq!(
        doc["items"][0]["aggregate"]["counts"],
        serde_json::json!([0, 0, 0, 1, 1])
    );
    assert_eq!(doc["items"][1]["not_applicable"], 1);
    assert!(!run.stdout.contains("10.0.0.7"));
}

#[test]
fn windows_1252_utf16_and_standard_input() {
    let utf8 = String::from_utf8(fixture("msforms.csv")).unwrap();
    let expected = Test::new()
        .write("r.csv", &utf8)
        .args([
            "score",
            "building-blocks",
            "r.csv",
            "--allow-missing",
            "-f",
            "csv",
        ])
        .success()
        .any_stderr()
        .stdout
        .clone();
    let curly = utf8.replace("N/A", "Don\u{2019}t know");
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&curly);
    Test::new()
        .write("r.csv", &cp1252)
        .args([
            "score",
            "building-blocks",
            "r.csv",
            "--allow-missing",
            "-f",
            "csv",
        ])
        .success().stderr_has("read r.csv: Microsoft Forms layout, 1 header row, CSV, Windows-1252 (detected), comma-separated; 4 rows, 4 respondents, 1 cell rejected")
        .stdout(&expected);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(utf8.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    Test::new()
        .write("r.csv", &utf16)
        .args([
            "score",
            "building-blocks",
            "r.csv",
            "--allow-missing",
            "-f",
            "csv",
        ])
        .success().stderr_has("read r.csv: Microsoft Forms layout, 1 header row, CSV, UTF-16LE, comma-separated; 4 rows, 4 respondents, 1 cell rejected")
        .stdout(&expected);
    Test::new()
        .stdin(utf8.replace(',', ";"))
        .args([
            "score",
            "building-blocks",
            "-",
            "--allow-missing",
            "-f",
            "csv",
        ])
        .success().stderr_has("read -: Microsoft Forms layout, 1 header row, CSV, UTF-8 (detected), semicolon-separated; 4 rows, 4 respondents, 1 cell rejected")
        .stdout(&expected);
}

#[test]
fn an_xlsx_export() {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Sheet1").unwrap();
    for (c, h) in [
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "Decision-making",
        "Block 2",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..=3u32 {
        sheet.write_number(r, 0, f64::from(r)).unwrap();
        sheet
            .write_string(r, 3, format!("p{r}@example.org"))
            .unwrap();
        sheet.write_number(r, 5, f64::from(r)).unwrap();
        sheet.write_string(r, 6, "Established").unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let run = Test::new()
        .write("returns.xlsx", &bytes)
        .args([
            "score",
            "building-blocks",
            "returns.xlsx",
            "--min-group",
            "1",
            "--allow-missing",
            "-f",
            "json",
        ])
        .success().stderr_has("read returns.xlsx: Microsoft Forms layout, 1 header row, spreadsheet, sheet \"Sheet1\"; 3 rows, 3 respondents");
    let doc = json(&run.stdout);
    assert_eq!(doc["items"][0]["score"], 2.0);
    assert_eq!(doc["items"][1]["score"], 3.0);
    assert_eq!(doc["survey"]["format"], "spreadsheet, sheet \"Sheet1\"");
    Test::new()
        .write("returns.xlsx", &bytes)
        .args([
            "score",
            "building-blocks",
            "returns.xlsx",
            "--min-group",
            "1",
            "--sheet",
            "Form1",
        ])
        .fails(2)
        .stderr_has("there is no sheet \"Form1\": the sheets are \"Sheet1\"");
}

#[test]
fn strict_fails_without_writing_a_report() {
    let run = Test::new()
        .write("returns.csv", fixture("msforms.csv"))
        .args([
            "score",
            "building-blocks",
            "returns.csv",
            "--allow-missing",
            "--strict",
        ])
        .args(["--out", "r.json", "--respondents", "people.csv"])
        .fails(1)
        .stderr_has("--strict: 1 cell of returns.csv rejected, so no report was written:")
        .stderr_has("row 5, column \"2. Get patient leaders");
    assert!(!run.dir.join("r.json").exists());
    assert!(!run.dir.join("people.csv").exists());
    assert_eq!(
        std::fs::read_dir(&run.dir).unwrap().count(),
        1,
        "a temporary file was left"
    );
}

#[test]
fn missing_items_are_an_error_that_lists_the_columns() {
    Test::new()
        .write("returns.csv", fixture("msforms.csv"))
        .args(["score", "building-blocks", "returns.csv"])
        .fails(2)
        .stderr_has("error: returns.csv: no column matches 8 of the assessment's items (Microsoft Forms layout, 1 header row):\n  training (\"Ensure systems invest")
        .stderr_has("The file's question columns: G \"1. Make patient leaders")
        .stderr_has("--allow-missing");
    Test::new()
        .write("returns.csv", fixture("msforms.csv"))
        .args([
            "score",
            "building-blocks",
            "returns.csv",
            "--allow-missing",
            "--map",
            "training=Role",
        ])
        .success()
        .stderr_has("5 cells rejected");
}

#[test]
fn groups_are_suppressed_below_the_minimum_and_the_next_smallest_with_a_lone_one() {
    let mut csv = String::from("Decision-making,Role\n");
    for (role, n, rating) in [("Staff", 12, 3), ("Patient leader", 11, 1), ("Board", 3, 4)] {
        for _ in 0..n {
            csv.push_str(&format!("{rating},{role}\n"));
        }
    }
    let run = Test::new()
        .write("r.csv", &csv)
        .args([
            "score",
            "building-blocks",
            "r.csv",
            "--allow-missing",
            "--group-by",
            "Role",
        ])
        .args(["--out", "r.json", "--out", "r.md"])
        .success().stderr_has("read r.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 26 rows, 26 respondents");
    let doc = json(&run.file("r.json"));
    let groups = doc["groups"].as_array().unwrap();
    let labels: Vec<(&str, bool)> = groups
        .iter()
        .map(|g| {
            (
                g["label"].as_str().unwrap(),
                g["suppressed"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        labels,
        vec![("Board", true), ("Patient leader", true), ("Staff", false)]
    );
    for g in &groups[..2] {
        assert!(
            g.get("respondents").is_none() && g.get("items").is_none(),
            "{g}"
        );
    }
    assert_eq!(groups[2]["respondents"], 12);
    assert_eq!(groups[2]["items"][0]["score"], 3.0);
    let md = run.file("r.md");
    assert!(
        md.contains("| Board | suppressed | suppressed | suppressed |  |"),
        "{md}"
    );
    assert!(md.contains("| Staff | 12 | 3.00 | 75% |"), "{md}");

    // With a lower minimum nothing is suppressed, and the perception gap shows.
    let run = Test::new()
        .write("r.csv", &csv)
        .args([
            "score",
            "building-blocks",
            "r.csv",
            "--allow-missing",
            "--group-by",
            "Role",
        ])
        .args(["--min-group", "3", "-f", "json"])
        .success().stderr_has("read r.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 26 rows, 26 respondents");
    let doc = json(&run.stdout);
    let d = &doc["group_by"]["differences"][0];
    assert_eq!(
        (d["high_group"].as_str(), d["low_group"].as_str()),
        (Some("Board"), Some("Patient leader"))
    );
    assert_eq!(d["difference"], 3.0);
}

#[test]
fn a_group_by_column_that_is_personal_is_refused() {
    Test::new()
        .write("returns.csv", fixture("msforms.csv"))
        .args([
            "score",
            "building-blocks",
            "returns.csv",
            "--allow-missing",
            "--group-by",
            "Email",
        ])
        .fails(2)
        .stderr_has("personal column");
}

#[test]
fn bad_input_names_the_file() {
    Test::new()
        .args(["score", "building-blocks", "nope.csv"])
        .fails(2)
        .stderr_has("cannot read the survey file nope.csv");
    Test::new()
        .write("r.csv", "Decision-making\nrubbish\n")
        .args(["score", "building-blocks", "r.csv", "--allow-missing"])
        .fails(2)
        .stderr_has("error: r.csv: no valid rows");
    Test::new()
        .write("r.csv", "Decision-making\n1\n")
        .args(["score", "building-blocks", "r.csv", "--map", "nope"])
        .fails(2)
        .stderr_has("give an item id and a column joined by =");
}

#[test]
fn each_respondents_overall_score_is_summarised_as_an_independent_count_gives_it() {
    // Recomputed here from the CSV, the long way: each row's mean of its rated items as a
    // percent of 0–4, then the two-pass mean and sample standard deviation.
    let csv = std::fs::read_to_string(
        crate::support::root().join("examples/northshire/2026-Q4-survey.csv"),
    )
    .unwrap();
    let mut scores = Vec::new();
    for line in csv.lines().skip(1) {
        let ratings: Vec<f64> = line
            .split(',')
            .skip(1)
            .filter_map(|c| c.trim().parse::<f64>().ok())
            .collect();
        if !ratings.is_empty() {
            scores.push(ratings.iter().sum::<f64>() / ratings.len() as f64 * 25.0);
        }
    }
    let n = scores.len() as f64;
    let mean = scores.iter().sum::<f64>() / n;
    let sd = (scores.iter().map(|s| (s - mean) * (s - mean)).sum::<f64>() / (n - 1.0)).sqrt();
    let text =
        std::fs::read_to_string(crate::support::root().join("examples/northshire/2026-Q4.json"))
            .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let spread = &doc["overall"]["per_respondent"];
    assert_eq!(spread["n"], scores.len());
    assert!(
        (spread["mean"].as_f64().unwrap() - mean).abs() < 1e-8,
        "{spread} vs {mean}"
    );
    assert!(
        (spread["sd"].as_f64().unwrap() - sd).abs() < 1e-8,
        "{spread} vs {sd}"
    );
    // The interval: mean ± t(0.975, n − 1) · sd / √n, t from mpmath for 50 df.
    let half = 2.008_559_112 * sd / n.sqrt();
    let interval = &spread["interval"];
    assert!((interval["low"].as_f64().unwrap() - (mean - half)).abs() < 1e-6);
    assert!((interval["high"].as_f64().unwrap() - (mean + half)).abs() < 1e-6);
}

#[test]
fn regression_missing_drawn_as_zero_items_without_a_column_say_so() {
    // With --allow-missing, items no column matched were labelled "not answered", as if
    // respondents had skipped them, and sat at the radar's centre.
    let run = Test::new()
        .write("returns.csv", fixture("msforms.csv"))
        .args([
            "score",
            "building-blocks",
            "returns.csv",
            "--min-group",
            "1",
            "--allow-missing",
            "-f",
            "html",
        ])
        .success().stderr_has("read returns.csv: Microsoft Forms layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 4 rows, 4 respondents, 1 cell rejected")
        .stdout_has("8 of 10 items have no score (8 no column in the file)")
        .stdout_has("An item with no score is not drawn as zero");
    assert!(
        run.stdout.contains("(no column in the file)</text>")
            || run.stdout.contains("no column in the file")
    );
    assert!(
        !run.stdout.contains("not answered</text>"),
        "{}",
        run.stdout
    );
}
