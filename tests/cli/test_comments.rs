//! Issue 17, "stories as well as numbers": comment columns read like items, every
//! answer redacted before it is stored (personal data in every form the issue lists,
//! and the near misses that must stay), through every output; comments of suppressed
//! groups never labelled; a stable shuffle; `--comments FILE.csv`.

use calamine::{Data, Reader};

use super::support::Test;

const INVEST: &str = "What stories or examples lie behind your ratings of how your organisation invests in patient leaders?";

/// What respondents wrote (`{name}` and `{email}` stand for their own values), and what
/// must be left of it, word for word.
const WRITTEN: [(&str, &str); 12] = [
    (
        "{name} helped me join the board. Email me at {email}",
        "[name removed] helped me join the board. Email me at [email removed]",
    ),
    (
        "Ring 07700 900123 or +44 (0)113 496 0000 about the training",
        "Ring [phone number removed] or [phone number removed] about the training",
    ),
    (
        "My NHS number is 943 476 5919 (or 9434765919) if you need it",
        "My NHS number is [NHS number removed] (or [NHS number removed]) if you need it",
    ),
    (
        "I live at LS1 4AP; the hub is in M1 1AE.",
        "I live at [postcode removed]; the hub is in [postcode removed].",
    ),
    (
        "Logged in from 192.168.10.20 and 2001:db8::8a2e:370:7334 at work",
        "Logged in from [IP address removed] and [IP address removed] at work",
    ),
    (
        "Call NHS 111 out of hours. Ref 9434765918 is not an NHS number.",
        "Call NHS 111 out of hours. Ref 9434765918 is not an NHS number.",
    ),
    (
        "Ward 12 waited 3.5 hours on 01.12.2026; feedback was never closed.",
        "Ward 12 waited 3.5 hours on 01.12.2026; feedback was never closed.",
    ),
    (
        "US colleagues: +1 202-555-0143, or 0044 7700 900124 from abroad",
        "US colleagues: [phone number removed], or [phone number removed] from abroad",
    ),
    (
        "The patient panel meets monthly and minutes are shared",
        "The patient panel meets monthly and minutes are shared",
    ),
    (
        "{first} thinks training should be paid",
        "[name removed] thinks training should be paid",
    ),
    (
        "Nobody asked us before the new ward opened",
        "Nobody asked us before the new ward opened",
    ),
    (
        "Our feedback changed the discharge leaflet",
        "Our feedback changed the discharge leaflet",
    ),
];

/// Every personal value the fixture holds: none may reach any output.
fn personal_values() -> Vec<String> {
    let mut values: Vec<String> = [
        "07700 900123",
        "496 0000",
        "943 476 5919",
        "9434765919",
        "LS1 4AP",
        "M1 1AE",
        "192.168.10.20",
        "2001:db8",
        "202-555-0143",
        "7700 900124",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for k in 0..ROWS {
        values.push(format!("{}{k}", FIRST[k % FIRST.len()]));
        values.push(format!("person{k}@example.org"));
    }
    values
}

const FIRST: [&str; 3] = ["Priya", "Tomasz", "Abena"];
const ROWS: usize = 36;

/// 36 returns of building-blocks: Staff 20, Patient leader 13, Board 3 (so Board is
/// suppressed, and Patient leader with it). Each row has a name and an email column,
/// a "Your phone number" column of free text (personal: never a comment column), and
/// the two comment columns.
fn survey() -> String {
    let a = plead::assessment::Catalog::load(None)
        .unwrap()
        .resolve("building-blocks")
        .unwrap()
        .assessment
        .clone();
    let mut csv = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "Name".to_string(),
        "Email".to_string(),
        "Role".to_string(),
        "Your phone number".to_string(),
    ];
    header.extend(a.items.iter().map(|i| i.id.clone()));
    header.push(INVEST.to_string());
    header.push("Anything else?".to_string());
    csv.write_record(&header).unwrap();
    for k in 0..ROWS {
        let role = match k {
            0..20 => "Staff",
            20..33 => "Patient leader",
            _ => "Board",
        };
        let first = format!("{}{k}", FIRST[k % FIRST.len()]);
        let name = format!("{first} Okafor-Smith");
        let email = format!("person{k}@example.org");
        let mut record = vec![
            name.clone(),
            email.clone(),
            role.to_string(),
            "please ring me after six".to_string(),
        ];
        record.extend((0..a.items.len()).map(|i| ((k + i) % 5).to_string()));
        let written = |w: &str| {
            w.replace("{name}", &name)
                .replace("{email}", &email)
                .replace("{first}", &first)
        };
        // Each text once in each comment column, in rows of the three groups.
        record.push(if k < WRITTEN.len() {
            written(WRITTEN[k].0)
        } else {
            String::new()
        });
        record.push(match k.checked_sub(20) {
            Some(j) if j < WRITTEN.len() => written(WRITTEN[j].0),
            _ => String::new(),
        });
        csv.write_record(&record).unwrap();
    }
    String::from_utf8(csv.into_inner().unwrap()).unwrap()
}

fn scored(extra: &[&str]) -> super::support::Run {
    Test::new()
        .write("returns.csv", survey())
        .args([
            "score",
            "building-blocks",
            "returns.csv",
            "--group-by",
            "Role",
        ])
        .args(extra)
        .success()
        .stderr_has("read returns.csv: ")
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

fn assert_nothing_personal(what: &str, text: &str) {
    for value in personal_values() {
        assert!(
            !text.contains(&value),
            "{what}: {value:?} survived redaction"
        );
    }
    assert!(!text.contains("Okafor-Smith"), "{what}: a name survived");
    assert!(
        !text.contains("please ring me"),
        "{what}: a personal column was read"
    );
}

#[test]
fn comment_columns_are_read_and_nothing_personal_survives_in_any_output() {
    let run = scored(&[
        "--out",
        "r.json",
        "--out",
        "r.md",
        "--out",
        "r.html",
        "--out",
        "r.txt",
        "--out",
        "r.xlsx",
        "--out",
        "r.csv",
        "--comments",
        "c.csv",
    ])
    .stderr_has("36 respondents, 24 comments (");
    let doc = json(&run.file("r.json"));
    let comments = doc["comments"].as_array().unwrap();
    let invest = comments
        .iter()
        .find(|c| c["id"] == "invest-stories")
        .unwrap();
    assert_eq!(invest["column"], INVEST);
    assert_eq!(invest["theme"], "invest");
    assert_eq!(invest["count"], 12);
    let anything = comments
        .iter()
        .find(|c| c["id"] == "anything-else")
        .unwrap();
    assert_eq!(anything["column"], "Anything else?");
    assert_eq!(anything["count"], 12);
    // Each question got every text once: its redacted form is kept word for word.
    for q in [invest, anything] {
        let mut kept: Vec<&str> = q["comments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["text"].as_str().unwrap())
            .collect();
        let mut expected: Vec<&str> = WRITTEN.iter().map(|(_, left)| *left).collect();
        assert_ne!(kept, expected, "listed in the order of the file");
        kept.sort_unstable();
        expected.sort_unstable();
        assert_eq!(kept, expected);
    }
    let removed = &invest["redactions"];
    assert_eq!(removed["email"], 1);
    assert_eq!(removed["phone"], 4);
    assert_eq!(removed["nhs_number"], 2);
    assert_eq!(removed["postcode"], 2);
    assert_eq!(removed["ip_address"], 2);
    assert_eq!(removed["name"], 2);

    for file in ["r.json", "r.md", "r.html", "r.txt", "r.csv", "c.csv"] {
        assert_nothing_personal(file, &run.file(file));
    }
    let md = run.file("r.md");
    assert!(md.contains("## Stories as well as numbers"));
    assert!(md.contains("> Our feedback changed the discharge leaflet"));
    assert!(md.contains(
        "> \\[name removed\\] helped me join the board. Email me at \\[email removed\\]"
    ));
    assert!(md.contains("> Call NHS 111 out of hours. Ref 9434765918 is not an NHS number."));
    let html = run.file("r.html");
    assert!(html.contains("<blockquote><p>Ward 12 waited 3.5 hours on 01.12.2026; feedback was never closed.</p></blockquote>"));
    let txt = run.file("r.txt");
    assert!(txt.contains("12 comments"), "{txt}");
    let csv = run.file("c.csv");
    assert!(csv.starts_with("question,about,group,comment,removed,cut\n"));
    assert_eq!(csv.lines().count(), 25);
    assert!(csv.contains(
        "invest-stories,theme:invest,Staff,Nobody asked us before the new ward opened,0,0"
    ));

    let mut book = calamine::open_workbook_auto(run.dir.join("r.xlsx")).unwrap();
    let sheet = book.worksheet_range("Comments").unwrap();
    let mut texts = Vec::new();
    for (_, _, cell) in sheet.used_cells() {
        if let Data::String(s) = cell {
            texts.push(s.clone());
        }
    }
    assert_nothing_personal("r.xlsx", &texts.join("\n"));
    assert!(
        texts
            .iter()
            .any(|t| t == "Our feedback changed the discharge leaflet")
    );
}

#[test]
fn comments_of_suppressed_groups_are_never_labelled() {
    let run = scored(&["--format", "json", "--comments", "c.csv"]);
    let doc = json(&run.stdout);
    // Board (3) is too few, and Patient leader (13) is suppressed to protect it.
    for g in doc["groups"].as_array().unwrap() {
        assert_eq!(g["suppressed"], g["label"] != "Staff", "{g}");
    }
    let mut labelled = 0;
    for q in doc["comments"].as_array().unwrap() {
        for c in q["comments"].as_array().unwrap() {
            if let Some(g) = c.get("group") {
                assert_eq!(g, "Staff");
                labelled += 1;
            }
        }
    }
    // The invest column's 12 comments are all from Staff rows; the other column's from
    // Patient leaders and Board.
    assert_eq!(labelled, 12);
    let csv = run.file("c.csv");
    for line in csv.lines().skip(1) {
        let group = line.split(',').nth(2).unwrap();
        assert!(group.is_empty() || group == "Staff", "{line}");
    }
    assert!(!csv.contains("Patient leader") && !csv.contains("Board"));
}

#[test]
fn the_order_is_the_same_run_after_run_and_not_the_file_s() {
    let first = json(&scored(&["--format", "json"]).stdout);
    let again = json(&scored(&["--format", "json"]).stdout);
    assert_eq!(first["comments"], again["comments"]);
}

#[test]
fn a_personal_column_is_never_a_comment_column_even_by_map() {
    Test::new()
        .write("returns.csv", survey())
        .args([
            "score",
            "building-blocks",
            "returns.csv",
            "--map",
            "anything-else=Your phone number",
        ])
        .fails(2)
        .stderr_has("is a personal column");
}

#[test]
fn map_names_a_comment_column_exactly() {
    let csv = survey().replacen("Anything else?", "Q22 Other thoughts", 1);
    let run = Test::new()
        .write("returns.csv", csv)
        .args([
            "score",
            "building-blocks",
            "returns.csv",
            "-f",
            "json",
            "--map",
            "anything-else=Q22 Other thoughts",
        ])
        .success()
        .stderr_has("24 comments");
    let doc = json(&run.stdout);
    let q = doc["comments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "anything-else")
        .unwrap()
        .clone();
    assert_eq!(q["column"], "Q22 Other thoughts");
    assert_eq!(q["count"], 12);
    assert!(!doc["survey"]["unused_columns"].to_string().contains("Q22"));
}

#[test]
fn a_result_written_before_comments_still_reads() {
    let old =
        std::fs::read_to_string(super::support::root().join("examples/northshire/2026-Q3.json"))
            .unwrap();
    assert!(!old.contains("\"comments\""));
    Test::new()
        .write("old.json", old)
        .args(["report", "old.json", "-f", "markdown"])
        .success()
        .stdout_has("## Items");
}

#[test]
fn a_very_long_comment_is_cut_with_a_note_and_whole_in_the_comments_file() {
    let long = format!("{} THE-END-MARK", "The stories matter. ".repeat(400));
    let csv = survey().replacen("Nobody asked us before the new ward opened", &long, 1);
    let run = Test::new()
        .write("returns.csv", csv)
        .args([
            "score",
            "building-blocks",
            "returns.csv",
            "-f",
            "markdown",
            "--comments",
            "c.csv",
        ])
        .success()
        .stderr_has("wrote c.csv");
    assert!(
        run.stdout.contains("\\[…\\] (cut: "),
        "the report says it was cut"
    );
    assert!(!run.stdout.contains("THE-END-MARK"));
    assert!(
        run.file("c.csv").contains(" THE-END-MARK,0,0"),
        "the comments file has it whole"
    );
}

#[test]
fn a_workshop_s_evidence_is_shown_in_the_same_place_as_survey_comments() {
    let answers = std::fs::read_to_string(
        super::support::root().join("examples/answers/building-blocks.toml"),
    )
    .unwrap();
    let run = Test::new()
        .write("answers.toml", &answers)
        .args([
            "assess",
            "building-blocks",
            "--answers",
            "answers.toml",
            "-f",
            "markdown",
        ])
        .success()
        .any_stderr();
    let doc: toml::Table = toml::from_str(&answers).unwrap();
    let note = doc["answers"]
        .as_table()
        .unwrap()
        .values()
        .find_map(|a| a.get("note").and_then(|n| n.as_str()))
        .expect("the example records evidence");
    let stories = run
        .stdout
        .split("## Stories as well as numbers")
        .nth(1)
        .unwrap();
    let first_line = note.lines().next().unwrap().trim();
    assert!(stories.contains(&format!("> {first_line}")), "{stories}");
}

#[test]
fn diff_and_trend_count_the_comments_per_question_per_period() {
    let q3 = scored(&["--period", "2026-Q3", "--format", "json"])
        .stdout
        .clone();
    let fewer = survey().replacen("Our feedback changed the discharge leaflet", "", 2);
    let q4 = Test::new()
        .write("returns.csv", fewer)
        .args([
            "score",
            "building-blocks",
            "returns.csv",
            "--period",
            "2026-Q4",
            "-f",
            "json",
        ])
        .success()
        .any_stderr()
        .stdout
        .clone();
    let old =
        std::fs::read_to_string(super::support::root().join("examples/northshire/2026-Q2.json"))
            .unwrap();
    let diff = Test::new()
        .write("q3.json", &q3)
        .write("q4.json", &q4)
        .args(["diff", "q3.json", "q4.json", "-f", "markdown"])
        .success()
        .any_stderr();
    assert!(diff.stdout.contains("## Comments"), "{}", diff.stdout);
    assert!(
        diff.stdout
            .contains("| Comment question | Old (2026-Q3) | New (2026-Q4) |")
    );
    assert!(
        diff.stdout.contains(&format!("| {INVEST} | 12 | 11 |")),
        "{}",
        diff.stdout
    );
    assert!(
        !diff.stdout.contains("discharge leaflet"),
        "a comparison shows counts, not words"
    );
    let trend = Test::new()
        .write("q2.json", &old)
        .write("q3.json", &q3)
        .write("q4.json", &q4)
        .args(["trend", "q2.json", "q3.json", "q4.json", "-f", "json"])
        .success()
        .any_stderr();
    let t = json(&trend.stdout);
    let invest = t["comments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "invest-stories")
        .unwrap();
    assert_eq!(invest["counts"], serde_json::json!([null, 12, 11]));
}
