//! `plead template`: the round trip — a template, returns filled in the layouts of
//! Microsoft Forms, Google Forms and SurveyMonkey with the template's answer labels,
//! `plead score` with no mapping flags, and the figures worked out here from the answers
//! given — and the printable questionnaire.

use calamine::{Data, Reader, Xlsx};
use serde_json::Value;

use crate::support::Test;

/// (question title, answer options) from the template's questions file, Role first.
fn questions(run: &crate::support::Run, name: &str) -> Vec<(String, Vec<String>)> {
    let text = run.file(name);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let options = r.iter().skip(6).filter(|o| !o.is_empty()).map(String::from);
            (r[1].to_string(), options.collect())
        })
        .collect()
}

/// Respondent `r`'s answer to question `q`: an option index, varied so every option is used.
fn pick(r: usize, q: usize, options: usize) -> usize {
    (r * 7 + q * 3 + r / 3) % options
}

const RESPONDENTS: usize = 12;

/// Respondent `r`'s answer to free-text question `q`: a comment with a phone number in
/// it for even `r`, nothing for odd.
fn comment(r: usize, q: usize) -> String {
    if r.is_multiple_of(2) {
        format!("Story {r} for question {q}: ring 07700 900{r:03}")
    } else {
        String::new()
    }
}

/// The returns as each tool exports them: (file name, bytes).
fn returns(questions: &[(String, Vec<String>)]) -> Vec<(&'static str, Vec<u8>)> {
    let titles: Vec<&str> = questions.iter().map(|(t, _)| t.as_str()).collect();
    let answers = |r: usize| -> Vec<String> {
        questions
            .iter()
            .enumerate()
            .map(|(q, (_, options))| match options.len() {
                // A free-text question: every other respondent writes something.
                0 => comment(r, q),
                n => options[pick(r, q, n)].clone(),
            })
            .collect()
    };
    let csv_of = |rows: Vec<Vec<String>>| {
        let mut w = csv::Writer::from_writer(Vec::new());
        for row in rows {
            w.write_record(row).unwrap();
        }
        w.into_inner().unwrap()
    };
    let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();

    // Microsoft Forms: an Excel workbook, one header row.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let mut header = strings(&["ID", "Start time", "Completion time", "Email", "Name"]);
    header.extend(titles.iter().map(|t| t.to_string()));
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    for r in 0..RESPONDENTS {
        let row = r as u32 + 1;
        sheet.write_number(row, 0, (r + 1) as f64).unwrap();
        sheet.write_string(row, 1, "11/20/26 10:00:00").unwrap();
        sheet.write_string(row, 2, "11/20/26 10:06:00").unwrap();
        sheet
            .write_string(row, 3, format!("p{r}@example.org"))
            .unwrap();
        sheet.write_string(row, 4, format!("Person {r}")).unwrap();
        for (c, a) in answers(r).iter().enumerate() {
            sheet.write_string(row, (5 + c) as u16, a).unwrap();
        }
    }
    let msforms = book.save_to_buffer().unwrap();

    // Google Forms: CSV, Timestamp first.
    let mut rows = vec![{
        let mut h = strings(&["Timestamp", "Email address"]);
        h.extend(titles.iter().map(|t| t.to_string()));
        h
    }];
    for r in 0..RESPONDENTS {
        let mut row = vec![
            "2026/11/20 10:00:00 AM GMT".to_string(),
            format!("p{r}@example.org"),
        ];
        row.extend(answers(r));
        rows.push(row);
    }
    let google = csv_of(rows);

    // SurveyMonkey: two header rows, "Response" under each single-choice question.
    let meta = [
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "End Date",
        "IP Address",
        "Email Address",
        "First Name",
        "Last Name",
        "Custom Data 1",
    ];
    let mut top = strings(&meta);
    top.extend(titles.iter().map(|t| t.to_string()));
    let mut second = vec![String::new(); meta.len()];
    second.extend(titles.iter().map(|_| "Response".to_string()));
    let mut rows = vec![top, second];
    for r in 0..RESPONDENTS {
        let mut row = vec![
            format!("1140{r}"),
            "4321".into(),
            "11/20/2026 10:00:00 AM".into(),
            "11/20/2026 10:06:00 AM".into(),
            "192.0.2.1".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ];
        row.extend(answers(r));
        rows.push(row);
    }
    let monkey = csv_of(rows);
    vec![
        ("msforms.xlsx", msforms),
        ("google.csv", google),
        ("surveymonkey.csv", monkey),
    ]
}

fn round_trip(id: &str, layouts: [&str; 3]) {
    let run = Test::new()
        .args(["template", id, "--format", "csv", "--out", "t.csv"])
        .success()
        .stderr_has("wrote t.csv")
        .stderr_has("wrote t-questions.csv");
    let qs = questions(&run, "t-questions.csv");
    assert!(
        run.file("t.csv").starts_with("Role,"),
        "the returns start with Role"
    );
    assert_eq!(qs[0].0, "Role");
    let shown: Value = serde_json::from_str(
        &Test::new()
            .args(["show", id, "-f", "json"])
            .success()
            .stdout,
    )
    .unwrap();
    let items = shown["items"].as_array().unwrap();
    let comments = shown["comments"].as_array().unwrap();
    assert_eq!(
        qs.len(),
        items.len() + comments.len() + 1,
        "{id}: one question per item and per comment question, and Role"
    );
    let text_rows = csv::Reader::from_reader(run.file("t-questions.csv").as_bytes())
        .records()
        .filter(|r| r.as_ref().unwrap()[5].starts_with("Text"))
        .count();
    assert_eq!(
        text_rows,
        comments.len(),
        "{id}: each comment question is a Text question"
    );

    // What the answers say, worked out here: option k is the scale's min + k; the option
    // after the last point is "not applicable".
    let mut expected = Vec::new();
    for (q, item) in items.iter().enumerate() {
        let scale = shown["scales"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == item["scale"])
            .unwrap();
        let (min, max) = (
            scale["min"].as_i64().unwrap(),
            scale["max"].as_i64().unwrap(),
        );
        let options = &qs[q + 1].1;
        let points = (max - min + 1) as usize;
        assert_eq!(
            options.len(),
            points + usize::from(scale["not_applicable"] == true),
            "{id}: {options:?}"
        );
        let (mut sum, mut n, mut na) = (0i64, 0u64, 0u64);
        for r in 0..RESPONDENTS {
            let k = pick(r, q + 1, options.len());
            if k < points {
                sum += min + k as i64;
                n += 1;
            } else {
                na += 1;
            }
        }
        expected.push((
            item["id"].as_str().unwrap().to_string(),
            sum as f64 / n as f64,
            n,
            na,
        ));
    }

    let mut previous: Option<Value> = None;
    for ((name, bytes), layout) in returns(&qs).into_iter().zip(layouts) {
        let run = Test::new()
            .write(name, &bytes)
            .args(["score", id, name, "--group-by", "Role", "--min-group", "1"])
            .args(["--out", "r.json", "--strict"])
            .success()
            .stderr_has(&format!("{layout} layout"));
        let doc: Value = serde_json::from_str(&run.file("r.json")).unwrap();
        assert_eq!(doc["respondents"], RESPONDENTS as u64, "{id} {name}");
        let source = &doc["survey"];
        assert_eq!(source["rejected_total"], 0, "{id} {name}");
        assert!(source["unmatched_items"].is_null(), "{id} {name}: {source}");
        for (item, (expected_id, mean, n, na)) in
            doc["items"].as_array().unwrap().iter().zip(&expected)
        {
            assert_eq!(item["id"], expected_id.as_str());
            let score = item["score"].as_f64().unwrap();
            assert!(
                (score - mean).abs() < 1e-9,
                "{id} {name} {expected_id}: {score} ≠ {mean}"
            );
            assert_eq!(item["n"], *n, "{id} {name} {expected_id}");
            assert_eq!(item["not_applicable"], *na, "{id} {name} {expected_id}");
            assert_eq!(item["missing"], 0, "{id} {name} {expected_id}");
        }
        // Each free-text question read back as its comment question: every answer
        // counted, the phone number removed, the rest word for word.
        for (k, c) in comments.iter().enumerate() {
            let q = 1 + items.len() + k;
            let read = doc["comments"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["id"] == c["id"])
                .unwrap();
            assert_eq!(read["column"], qs[q].0.as_str(), "{id} {name}");
            assert_eq!(read["count"], (RESPONDENTS / 2) as u64, "{id} {name}");
            let mut texts: Vec<String> = read["comments"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["text"].as_str().unwrap().to_string())
                .collect();
            texts.sort();
            let mut wanted: Vec<String> = (0..RESPONDENTS)
                .step_by(2)
                .map(|r| {
                    comment(r, q).replace(&format!("07700 900{r:03}"), "[phone number removed]")
                })
                .collect();
            wanted.sort();
            assert_eq!(texts, wanted, "{id} {name}");
        }
        let groups: Vec<&str> = doc["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["label"].as_str().unwrap())
            .collect();
        assert_eq!(groups.len(), 3, "{id} {name}: {groups:?}");
        if let Some(previous) = &previous {
            assert_eq!(previous["items"], doc["items"], "{id}: {name} differs");
            assert_eq!(previous["overall"], doc["overall"], "{id}: {name} differs");
        }
        previous = Some(doc);
    }
}

const LAYOUTS: [&str; 3] = ["Microsoft Forms", "Google Forms", "SurveyMonkey"];

#[test]
fn building_blocks_round_trips_through_three_survey_tools_with_no_mapping() {
    round_trip("building-blocks", LAYOUTS);
}

#[test]
fn connection_round_trips_through_three_survey_tools_with_no_mapping() {
    round_trip("connection", LAYOUTS);
}

#[test]
fn involvement_with_two_scales_and_forty_ways_round_trip_too() {
    round_trip("involvement", LAYOUTS);
    round_trip("forty-ways", LAYOUTS);
}

#[test]
fn the_workbook_template_has_returns_first_then_questions_and_scores_back() {
    let run = Test::new()
        .args(["template", "role-model", "--out", "t.xlsx"])
        .success()
        .stderr_has("wrote t.xlsx");
    let bytes = std::fs::read(run.dir.join("t.xlsx")).unwrap();
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Returns", "Questions", "How to use", "Lists"]
    );
    let returns = book.worksheet_range("Returns").unwrap();
    let header: Vec<String> = returns
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    // Each column is the item's stand-alone question, naming its role (issue 16: the
    // description alone began "Patient leaders emerge from this group.").
    assert_eq!(header[0], "Role");
    assert!(
        header[1].starts_with("People and Families, "),
        "{}",
        header[1]
    );
    assert!(
        header[2].starts_with("System leader champion, "),
        "{}",
        header[2]
    );
    // Eight roles, then the two free-text questions.
    assert_eq!(header.len(), 1 + 8 + 2);
    assert!(
        header[1..9]
            .iter()
            .all(|h| h.ends_with("how far is this role in place in your organisation?"))
    );
    assert!(header[9].starts_with("What stories or examples lie behind your ratings"));
    assert!(header[10].starts_with("Is there anything else"));
    let questions = book.worksheet_range("Questions").unwrap();
    let first = questions.rows().nth(2).unwrap();
    assert_eq!(first[0], Data::Float(1.0));
    assert_eq!(
        first[6..9],
        [
            Data::String("Missing".into()),
            Data::String("Partly in place".into()),
            Data::String("In place".into())
        ]
    );

    // Paper returns typed into the workbook's Returns sheet score as they are.
    let mut filled = rust_xlsxwriter::Workbook::new();
    let sheet = filled.add_worksheet();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    let answers = [
        ["Staff", "In place", "2"],
        ["Patient leader", "Partly in place", "Missing"],
    ];
    for (r, row) in answers.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    // A story typed in from paper, under the roles' free-text question.
    sheet
        .write_string(1, 9, "Paper story: call 07700 900123")
        .unwrap();
    let run = Test::new()
        .write("paper.xlsx", filled.save_to_buffer().unwrap())
        .args([
            "score",
            "role-model",
            "paper.xlsx",
            "--min-group",
            "1",
            "--allow-missing",
            "-f",
            "json",
        ])
        .success().stderr_has("read paper.xlsx: generic layout, 1 header row, spreadsheet, sheet \"Sheet1\"; 2 rows, 2 respondents, 1 comment (1 piece of personal data removed)");
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["items"][0]["score"], 1.5);
    assert_eq!(doc["items"][1]["score"], 1.0);
    let stories = &doc["comments"][0];
    assert_eq!(stories["id"], "roles-stories");
    assert_eq!(stories["count"], 1);
    assert_eq!(
        stories["comments"][0]["text"],
        "Paper story: call [phone number removed]"
    );
}

#[test]
fn a_printable_questionnaire_has_descriptors_tick_boxes_evidence_and_example_roles() {
    let run = Test::new().args(["template", "connection"]).success();
    let md = &run.stdout;
    assert!(
        md.starts_with("# How well connected are you to Patient Leaders?\n"),
        "{md}"
    );
    assert!(md.contains("- **3 Regular, systematic contact** — You initiate regular, systematic contact with these Patient Leaders.\n"), "{md}");
    assert!(
        md.contains("| Health Champion | ☐ | ☐ | ☐ | ☐ | ☐ | ☐ |\n"),
        "{md}"
    );
    assert_eq!(md.matches("**Evidence:**").count(), 6);
    let run = Test::new()
        .args(["template", "role-model", "-f", "markdown"])
        .success();
    assert!(
        run.stdout
            .contains("☐ 0 Missing  \n☐ 1 Partly in place  \n☐ 2 In place\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "**How is the role filled (the report's ‘make or buy?’ decision)?** ☐ In-house"
        ),
        "{}",
        run.stdout
    );
    let run = Test::new().args(["template", "building-blocks"]).success();
    assert!(
        run.stdout.contains("☐ Not applicable / don't know"),
        "{}",
        run.stdout
    );
}

#[test]
fn files_are_never_overwritten_without_force_and_csv_needs_a_file() {
    Test::new()
        .write("t-questions.csv", "mine")
        .args(["template", "culture", "--out", "t.csv"])
        .fails(2)
        .stderr_has("t-questions.csv already exists");
    let run = Test::new()
        .write("t-questions.csv", "mine")
        .args(["template", "culture", "--out", "t.csv", "--force"])
        .success()
        .stderr_has("wrote t.csv");
    assert!(run.file("t-questions.csv").starts_with("#,Question"));
    Test::new()
        .args(["template", "culture", "-f", "csv", "--out", "-"])
        .fails(2)
        .stderr_has("a CSV template is two files");
    Test::new()
        .args(["template", "nope"])
        .fails(2)
        .stderr_has("unknown assessment \"nope\"");
    let run = Test::new()
        .args(["template", "culture", "-f", "csv"])
        .success()
        .stderr_has("wrote culture-returns.csv");
    assert!(
        run.file("culture-returns.csv")
            .starts_with("Role,\"How consistently do the leaders of your organisation embed Patient Leadership by what they are seen to value")
    );
}

#[test]
fn the_html_questionnaire_is_the_report_page_with_tick_boxes_and_escapes_what_it_shows() {
    let run = Test::new()
        .args(["template", "building-blocks", "--out", "q.html"])
        .success()
        .stderr_has("wrote q.html");
    let page = run.file("q.html");
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert!(page.contains("Content-Security-Policy"), "{page}");
    assert_eq!(page.matches("<section class=\"question\">").count(), 10);
    // Each free-text question, with lines to write on.
    assert!(page.matches("<section class=\"question comment\">").count() >= 2);
    assert!(page.contains("Not applicable / don&#39;t know"), "{page}");
    assert!(!page.contains("<script"), "{page}");
    let mine = crate::test_validate::MINI.replacen(
        "title = \"Mini\"",
        "title = \"<script>alert(1)</script>\"",
        1,
    );
    let run = Test::new()
        .write("mine.toml", mine)
        .args(["template", "mine.toml", "-f", "html"])
        .success();
    assert!(!run.stdout.contains("<script"), "{}", run.stdout);
    assert!(run.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}
