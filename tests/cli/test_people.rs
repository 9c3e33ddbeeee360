//! People's data in `plead score`: each way issue 11 found small-group suppression undone
//! (subtraction, a lone group, per question, the respondents file) pinned as a
//! regression test, `--combine`, the warning of a file smaller than the minimum, and
//! personal columns refused or kept out however they are labelled or filled.

use super::support::Test;

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("the report is JSON")
}

/// A generic CSV of `Role` and two building blocks, one row per (role, decision-making,
/// co-design) given; "N/A" where a rating is `None`.
fn returns(rows: &[(&str, Option<u8>, Option<u8>)]) -> String {
    let mut csv = String::from("Name,Role,Decision-making,Co-design from the start\n");
    for (k, (role, a, b)) in rows.iter().enumerate() {
        let cell = |v: &Option<u8>| v.map_or("N/A".to_string(), |v| v.to_string());
        csv.push_str(&format!("Person {k},{role},{},{}\n", cell(a), cell(b)));
    }
    csv
}

fn groups_of(sizes: &[(&str, usize)]) -> Vec<(String, Option<u8>, Option<u8>)> {
    let mut rows = Vec::new();
    for (role, n) in sizes {
        for k in 0..*n {
            rows.push((
                role.to_string(),
                Some((k % 5) as u8),
                Some(((k + 2) % 5) as u8),
            ));
        }
    }
    rows
}

fn as_refs(rows: &[(String, Option<u8>, Option<u8>)]) -> Vec<(&str, Option<u8>, Option<u8>)> {
    rows.iter().map(|(r, a, b)| (r.as_str(), *a, *b)).collect()
}

fn score(csv: &str, extra: &[&str]) -> Test {
    Test::new()
        .write("returns.csv", csv)
        .args([
            "score",
            "building-blocks",
            "returns.csv",
            "--allow-missing",
            "--group-by",
            "Role",
        ])
        .args(extra)
}

fn group<'a>(doc: &'a serde_json::Value, label: &str) -> &'a serde_json::Value {
    doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["label"] == label)
        .unwrap_or_else(|| panic!("no group {label}"))
}

#[test]
fn subtraction_two_small_groups_are_not_the_total_less_the_shown_groups() {
    // Doctors 20, Nurses 20, Board 1, Chaplaincy 2: before, the total less Doctors and
    // Nurses gave the three hidden members' ratings exactly.
    let rows = groups_of(&[
        ("Doctors", 20),
        ("Nurses", 20),
        ("Board", 1),
        ("Chaplaincy", 2),
    ]);
    let run = score(&returns(&as_refs(&rows)), &["-f", "json"]).success().stderr_has("read returns.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 43 rows, 43 respondents");
    let doc = json(&run.stdout);
    assert_eq!(group(&doc, "Board")["reason"], "fewer than 11 answers");
    assert_eq!(group(&doc, "Chaplaincy")["reason"], "fewer than 11 answers");
    // The smaller of the two large groups (the first by label, when equal) goes too.
    let doctors = group(&doc, "Doctors");
    assert_eq!(doctors["suppressed"], true);
    assert_eq!(
        doctors["reason"],
        "suppressed so that a smaller group's figures cannot be worked out"
    );
    assert!(doctors.get("respondents").is_none());
    let shown: u64 = doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|g| g["respondents"].as_u64())
        .sum();
    let hidden = doc["respondents"].as_u64().unwrap() - shown;
    assert!(hidden >= 11, "{hidden} hidden respondents");
    // The message that suppressed Doctors says how to show more.
    assert!(
        run.stderr
            .contains("--combine \"Board+Chaplaincy+Doctors=Board and Chaplaincy and Doctors\""),
        "{}",
        run.stderr
    );
}

#[test]
fn a_lone_small_group_shows_no_figure_and_says_so_on_every_report() {
    let rows = groups_of(&[("Porters", 5)]);
    let csv = returns(&as_refs(&rows));
    let warning = "The file has 5 respondents, fewer than the minimum of 11";
    let run = score(
        &csv,
        &[
            "--out", "r.json", "--out", "r.md", "--out", "r.html", "--out", "r.csv", "--out",
            "r.txt", "--out", "r.xlsx",
        ],
    )
    .run().stderr_has("read returns.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 5 rows, 5 respondents")
    .stderr_has("warning: The file has 5 respondents, fewer than the minimum of 11 a figure is shown for, so no score figure is shown")
    .stderr_has("--min-group N lowers the minimum, only where everyone who answered has agreed that their answers may be shown");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = json(&run.file("r.json"));
    assert!(doc["warnings"][0].as_str().unwrap().starts_with(warning));
    assert_eq!(group(&doc, "Porters")["reason"], "fewer than 11 answers");
    assert!(doc["overall"]["score"].is_null() && doc["overall"]["percent"].is_null());
    assert_eq!(doc["overall"]["reason"], "fewer than 11 answers");
    for name in ["r.md", "r.html", "r.csv", "r.txt"] {
        assert!(run.file(name).contains(warning), "{name}: no warning");
    }
    let bytes = std::fs::read(run.dir.join("r.xlsx")).unwrap();
    let sheet = xlsx_cells(&bytes, "Summary");
    assert!(sheet.iter().any(|c| c.starts_with(warning)), "{sheet:?}");
}

/// Every cell of a sheet of a workbook, as text.
fn xlsx_cells(bytes: &[u8], sheet: &str) -> Vec<String> {
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range.rows().flatten().map(|c| c.to_string()).collect()
}

#[test]
fn per_question_a_group_of_12_where_11_said_not_applicable_shows_no_rating() {
    // Porters 12, 11 of whom found decision-making not applicable: before, "Porters 0.00,
    // n = 1" was one person's rating.
    let mut rows = groups_of(&[("Nurses", 15), ("Doctors", 30)]);
    rows.push(("Porters".into(), Some(0), Some(3)));
    for _ in 0..11 {
        rows.push(("Porters".into(), None, Some(2)));
    }
    let run = score(
        &returns(&as_refs(&rows)),
        &["--out", "r.json", "--out", "r.md"],
    )
    .success().stderr_has("read returns.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 57 rows, 57 respondents");
    let doc = json(&run.file("r.json"));
    let porters = group(&doc, "Porters");
    assert_eq!(porters["suppressed"], false);
    assert_eq!(porters["respondents"], 12);
    let cell = &porters["items"][0];
    assert_eq!(cell["reason"], "fewer than 11 answers");
    for key in ["score", "n", "not_applicable", "missing", "aggregate"] {
        assert!(cell[key].is_null(), "{key} shown: {cell}");
    }
    // The one rating would be the total less the other groups: the next smallest
    // group's decision-making is suppressed too, and Porters' overall and theme.
    assert_eq!(
        group(&doc, "Nurses")["items"][0]["reason"],
        "suppressed so that a smaller group's figures cannot be worked out"
    );
    assert_eq!(
        porters["overall"]["reason"],
        "includes an item suppressed in this group"
    );
    assert!(porters["overall"]["score"].is_null());
    // Co-design is answered by all 12 and shown.
    assert_eq!(porters["items"][1]["n"], 12);
    let md = run.file("r.md");
    assert!(!md.contains("(n=1)"), "{md}");
    assert!(md.contains("suppressed: fewer than 11 answers"), "{md}");
    // Differences between groups come from shown figures only.
    for d in doc["group_by"]["differences"].as_array().unwrap() {
        if d["item"] == "decision-making" {
            assert!(
                d["high_group"] == "Doctors" && d["low_group"] == "Doctors",
                "{d}"
            );
        }
    }
}

#[test]
fn the_respondents_file_never_carries_a_suppressed_groups_label() {
    let rows = groups_of(&[("Doctors", 20), ("Nurses", 12), ("Board", 1)]);
    let run = score(
        &returns(&as_refs(&rows)),
        &["--respondents", "people.csv", "--out", "r.xlsx"],
    )
    .success().stderr_has("read returns.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 33 rows, 33 respondents");
    let people = run.file("people.csv");
    assert!(!people.contains("Board"), "{people}");
    // Nurses (12) protect the Board member, so their label goes too.
    assert!(!people.contains("Nurses"), "{people}");
    assert_eq!(people.matches("(suppressed group)").count(), 13, "{people}");
    assert_eq!(people.matches("Doctors").count(), 20);
    // The Respondents sheet of the workbook says the same.
    let bytes = std::fs::read(run.dir.join("r.xlsx")).unwrap();
    let cells = xlsx_cells(&bytes, "Respondents");
    assert!(!cells.iter().any(|c| c == "Board" || c == "Nurses"));
    assert_eq!(
        cells.iter().filter(|c| *c == "(suppressed group)").count(),
        13
    );

    // To standard output, the same.
    let run = score(
        &returns(&as_refs(&rows)),
        &["--respondents", "-", "--out", "r.json"],
    )
    .success().stderr_has("read returns.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 33 rows, 33 respondents");
    assert!(!run.stdout.contains("Board"), "{}", run.stdout);
    assert!(run.stdout.contains("(suppressed group)"));
}

#[test]
fn combine_merges_groups_before_suppression_and_reports_list_it() {
    let rows = groups_of(&[("Staff", 11), ("Governor", 2), ("Volunteer", 9)]);
    let csv = returns(&as_refs(&rows));
    let run = score(
        &csv,
        &[
            "--combine",
            "Governor+volunteer=Governors and volunteers",
            "--out",
            "r.json",
            "--out",
            "r.md",
        ],
    )
    .success().stderr_has("read returns.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 22 rows, 22 respondents");
    let doc = json(&run.file("r.json"));
    assert_eq!(group(&doc, "Governors and volunteers")["respondents"], 11);
    assert_eq!(group(&doc, "Staff")["respondents"], 11);
    assert_eq!(doc["groups"].as_array().unwrap().len(), 2);
    assert_eq!(
        doc["group_by"]["combined"][0]["values"],
        serde_json::json!(["Governor", "volunteer"])
    );
    assert!(
        run.file("r.md")
            .contains("Combined into one group before suppression: Governor and volunteer as “Governors and volunteers”."),
        "{}",
        run.file("r.md")
    );

    score(&csv, &["--combine", "Governor+Chaplain=Others"])
        .fails(2)
        .stderr_has("the column \"Role\" has no value \"Chaplain\"; its values are \"Governor\", \"Staff\", \"Volunteer\"");
    score(&csv, &["--combine", "Governor=Others"])
        .fails(2)
        .stderr_has("give two or more group values joined by +");
    score(&csv, &["--combine", "Governor+Volunteer=Staff"])
        .fails(2)
        .stderr_has("\"Staff\" is already a value of the column");
    Test::new()
        .write("returns.csv", &csv)
        .args(["score", "building-blocks", "returns.csv", "--allow-missing"])
        .args(["--combine", "Governor+Volunteer=Others"])
        .fails(2)
        .stderr_has("there are no groups to combine without --group-by");
}

#[test]
fn min_group_defaults_to_the_nhs_rule_of_11_and_says_so_in_help() {
    let rows = groups_of(&[("Staff", 11), ("Board", 10), ("Nurses", 30)]);
    let run = score(&returns(&as_refs(&rows)), &["-f", "json"]).success().stderr_has("read returns.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 51 rows, 51 respondents");
    let doc = json(&run.stdout);
    assert_eq!(doc["group_by"]["min_group"], 11);
    assert_eq!(group(&doc, "Board")["reason"], "fewer than 11 answers");
    let help = Test::new()
        .args(["score", "--help"])
        .success()
        .stdout
        .clone();
    assert!(help.contains("NHS Staff Survey"), "{help}");
    assert!(help.contains("[default: 11]"), "{help}");
}

/// A file whose `Contact` column is filled with one kind of personal value.
fn contact_column(values: &[&str]) -> String {
    let mut csv = String::from("Role,Decision-making,Contact\n");
    for (k, v) in values.iter().cycle().take(30).enumerate() {
        csv.push_str(&format!(
            "{},{},\"{v}\"\n",
            ["Staff", "Nurse"][k % 2],
            k % 5
        ));
    }
    csv
}

#[test]
fn a_column_of_personal_values_is_personal_whatever_its_header() {
    for (kind, values) in [
        (
            "email addresses",
            &["ann@example.org", "bob.smith@nhs.net", "c.d@trust.nhs.uk"][..],
        ),
        (
            "phone numbers",
            &["07700 900123", "+44 7700 900456", "(0113) 496 0000"],
        ),
        ("NHS numbers", &["943 476 5919", "9434765919"]),
        ("postcodes", &["LS1 4AP", "SW1A 1AA", "M1 1AE"]),
        ("IP addresses", &["192.168.1.20", "10.0.0.7", "2001:db8::1"]),
    ] {
        let csv = contact_column(values);
        Test::new()
            .write("returns.csv", &csv)
            .args(["score", "building-blocks", "returns.csv", "--allow-missing"])
            .args(["--group-by", "Contact"])
            .fails(2)
            .stderr_has(&format!(
                "this is a personal column (30 of the first 30 values look like {kind})"
            ));
        Test::new()
            .write("returns.csv", &csv)
            .args(["score", "building-blocks", "returns.csv", "--allow-missing"])
            .args(["--map", "co-design=Contact"])
            .fails(2)
            .stderr_has("\"Contact\" is a personal column");
        // Scored without it, it is listed as personal and none of its values appear.
        let run = Test::new()
            .write("returns.csv", &csv)
            .args(["score", "building-blocks", "returns.csv", "--allow-missing"])
            .args(["-f", "json"])
            .success().stderr_has("read returns.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 30 rows, 30 respondents");
        let doc = json(&run.stdout);
        assert_eq!(doc["survey"]["personal_columns"][0], "Contact", "{kind}");
        for v in values {
            assert!(!run.stdout.contains(v), "{v} reached the Result");
        }
    }
}

#[test]
fn a_free_text_question_asking_for_an_email_address_is_never_a_group() {
    // Before: 171 groups labelled with addresses.
    let mut csv = String::from(
        "Role,Decision-making,\"If you would like us to contact you, please give your email address below\"\n",
    );
    for k in 0..171 {
        csv.push_str(&format!("Staff,{},person{k}@example.org\n", k % 5));
    }
    Test::new()
        .write("returns.csv", &csv)
        .args(["score", "building-blocks", "returns.csv", "--allow-missing"])
        .args([
            "--group-by",
            "If you would like us to contact you, please give your email address below",
        ])
        .fails(2)
        .stderr_has(
            "this is a personal column (171 of the first 171 values look like email addresses)",
        );
}

#[test]
fn a_column_of_mostly_unique_values_is_refused_by_group_by() {
    let mut csv = String::from("Reference,Role,Decision-making\n");
    for k in 0..40 {
        csv.push_str(&format!("REF-{k:05},Staff,{}\n", k % 5));
    }
    Test::new()
        .write("returns.csv", &csv)
        .args(["score", "building-blocks", "returns.csv", "--allow-missing"])
        .args(["--group-by", "Reference"])
        .fails(2)
        .stderr_has(
            "most of its values are different (40 of the first 40 seen once), as in an identifier",
        );
}

#[test]
fn an_alias_pointing_at_a_personal_column_is_an_error() {
    // An assessment shared between organisations reads an item from "Work email".
    let toml =
        std::fs::read_to_string(super::support::root().join("tests/fixtures/mini.toml")).unwrap();
    let first_item = toml.find("[[items]]").expect("an item");
    let id_at = toml[first_item..].find("id = ").unwrap() + first_item;
    let line_end = toml[id_at..].find('\n').unwrap() + id_at;
    let id = toml[id_at + 5..line_end]
        .trim()
        .trim_matches('"')
        .to_string();
    let with_alias = format!(
        "{}\naliases = [\"Work email\"]{}",
        &toml[..line_end],
        &toml[line_end..]
    );
    let csv = "Work email,Role\nann@example.org,Staff\nbob@example.org,Staff\n";
    Test::new()
        .write("mini.toml", with_alias)
        .write("returns.csv", csv)
        .args(["score", "mini.toml", "returns.csv", "--allow-missing"])
        .fails(2)
        .stderr_has(&format!(
            "the assessment's alias \"Work email\" of item \"{id}\" names \"Work email\", a personal column"
        ));
}

#[test]
fn a_rejected_value_that_looks_personal_is_masked() {
    let csv = "Name,Decision-making,Co-design from the start\n\
               Ann Example,call me on 07700 900123,2\n\
               Bob Example,bob@example.org,3\n\
               Cy Example,ask Cy Example,1\n\
               Di Example,943 476 5919,1\n";
    let run = Test::new()
        .write("returns.csv", csv)
        .args(["score", "building-blocks", "returns.csv", "--allow-missing"])
        .args([
            "--out", "r.json", "--out", "r.md", "--out", "r.html", "--out", "r.xlsx",
        ])
        .success().stderr_has("read returns.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 4 rows, 4 respondents, 4 cells rejected");
    let doc = json(&run.file("r.json"));
    let values: Vec<&str> = doc["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["value"].as_str().unwrap())
        .collect();
    assert_eq!(
        values,
        vec![
            "call me on [phone number removed]",
            "[email removed]",
            "ask [personal data removed]",
            "[NHS number removed]"
        ]
    );
    for name in ["r.json", "r.md", "r.html"] {
        let text = run.file(name);
        for personal in ["07700", "bob@", "Cy Example", "943 476"] {
            assert!(!text.contains(personal), "{personal} in {name}");
        }
    }
    let cells = xlsx_cells(&std::fs::read(run.dir.join("r.xlsx")).unwrap(), "Rejected");
    assert!(cells.iter().any(|c| c == "[email removed]"), "{cells:?}");
}

#[test]
fn an_identifier_past_the_sampled_rows_is_refused_at_the_end() {
    // The first 200 rows hold each value twice (not an identifier, as far as they go);
    // the 300 after them are all different.
    let mut csv = String::from("Reference,Decision-making\n");
    for k in 0..500 {
        let value = if k < 200 { k / 2 } else { k };
        csv.push_str(&format!("T{value},{}\n", k % 5));
    }
    Test::new()
        .write("returns.csv", &csv)
        .args(["score", "building-blocks", "returns.csv", "--allow-missing"])
        .args(["--group-by", "Reference"])
        .fails(2)
        .stderr_has("300 of its 400 values belong to one respondent each, as in an identifier");
}

#[test]
fn a_group_label_that_looks_personal_is_masked() {
    // Someone typed an email address into the Role column's "Other".
    let mut rows = groups_of(&[("Staff", 15)]);
    rows.push(("ann@example.org".into(), Some(1), Some(1)));
    rows.push(("bob@example.org".into(), Some(2), Some(2)));
    let run = score(
        &returns(&as_refs(&rows)),
        &["-f", "json", "--respondents", "p.csv"],
    )
    .success().stderr_has("read returns.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 17 rows, 17 respondents");
    let doc = json(&run.stdout);
    let labels: Vec<&str> = doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, vec!["Staff", "[email removed]"]);
    assert!(!run.stdout.contains("example.org"));
    assert!(!run.file("p.csv").contains("example.org"));
}

#[test]
fn the_respondents_file_carries_a_combined_groups_label() {
    let rows = groups_of(&[("Staff", 11), ("Governor", 2), ("Volunteer", 9)]);
    let run = score(
        &returns(&as_refs(&rows)),
        &[
            "--combine",
            "Governor+Volunteer=Governors and volunteers",
            "--respondents",
            "p.csv",
            "-f",
            "json",
        ],
    )
    .success().stderr_has("read returns.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 22 rows, 22 respondents");
    let people = run.file("p.csv");
    assert_eq!(
        people.matches(",Governors and volunteers,").count(),
        11,
        "{people}"
    );
    assert!(!people.contains(",Governor,") && !people.contains(",Volunteer,"));
}

#[test]
fn an_item_of_the_whole_file_rated_by_fewer_than_the_minimum_is_not_shown() {
    // Before: shown whole ("Only 3 answers … read this figure with care").
    let mut rows = groups_of(&[("Staff", 30)]);
    for (k, row) in rows.iter_mut().enumerate() {
        if k >= 3 {
            row.2 = None;
        }
    }
    let run = score(&returns(&as_refs(&rows)), &["-f", "json"]).success()
        .stderr_has("read returns.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 30 rows, 30 respondents")
        .stderr_has("note: not shown, rated by fewer than 11: co-design (and the theme and overall figures that include it); --min-group N lowers the minimum");
    let doc = json(&run.stdout);
    let item = &doc["items"][1];
    assert_eq!(item["reason"], "fewer than 11 answers");
    for key in ["score", "percent", "aggregate"] {
        assert!(item[key].is_null(), "{key} shown: {item}");
    }
    assert_eq!(item["n"], 3);
    assert_eq!(
        doc["groups"][0]["items"][1]["reason"],
        "fewer than 11 answers"
    );
}

#[test]
fn personal_headers_under_ordinary_wording_are_refused_by_group_by_and_map() {
    // Each header issue 11 saw accepted, with a value that is a plausible group (so only
    // the header can tell).
    for header in [
        "Work email",
        "Respondent email",
        "Email address (optional)",
        "Your name",
        "Forename",
        "IP",
        "Staff ID",
        "Employee ID",
        "ESR number",
        "NHS No.",
        "Mobile number",
        "Custom Data 2",
    ] {
        let mut csv = format!("\"{header}\",Decision-making\n");
        for k in 0..24 {
            csv.push_str(&format!("{},{}\n", ["Red", "Blue"][k % 2], k % 5));
        }
        Test::new()
            .write("returns.csv", &csv)
            .args(["score", "building-blocks", "returns.csv", "--allow-missing"])
            .args(["--group-by", header])
            .fails(2)
            .stderr_has("this is a personal column (its header names personal data)");
        Test::new()
            .write("returns.csv", &csv)
            .args(["score", "building-blocks", "returns.csv", "--allow-missing"])
            .arg(format!("--map=co-design={header}"))
            .fails(2)
            .stderr_has("is a personal column");
    }
}

/// The built-in template's returns sheet for building-blocks, filled with `rows` rows:
/// `rating(row, item)` gives each of the ten ratings (empty for none).
fn template_returns(rows: usize, rating: impl Fn(usize, usize) -> String) -> String {
    let run = Test::new()
        .args([
            "template",
            "building-blocks",
            "--format",
            "csv",
            "--out",
            "t.csv",
        ])
        .run()
        .any_stderr();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sheet = run.file("t.csv");
    let header = sheet.lines().next().unwrap();
    let columns = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(header.as_bytes())
        .records()
        .next()
        .unwrap()
        .unwrap()
        .len();
    let mut csv = format!("{header}\n");
    for r in 0..rows {
        let mut cells = vec!["Staff".to_string()];
        cells.extend((0..10).map(|i| rating(r, i)));
        cells.resize(columns, String::new());
        csv.push_str(&cells.join(","));
        csv.push('\n');
    }
    csv
}

/// Scores `csv` with `args`, writing r.json, and renders that Result in every format.
fn every_format(csv: &str, args: &[&str]) -> (serde_json::Value, Vec<(String, String)>) {
    let run = Test::new()
        .write("returns.csv", csv)
        .args(["score", "building-blocks", "returns.csv", "--out", "r.json"])
        .args(args)
        .run()
        .any_stderr();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let result = run.file("r.json");
    let mut shown = Vec::new();
    for format in ["table", "markdown", "html", "csv", "json"] {
        let report = Test::new()
            .write("r.json", &result)
            .args(["report", "r.json", "-f", format])
            .success();
        shown.push((format.to_string(), report.stdout.clone()));
    }
    let book = Test::new()
        .write("r.json", &result)
        .args(["report", "r.json", "--out", "r.xlsx"])
        .run()
        .any_stderr();
    let bytes = std::fs::read(book.dir.join("r.xlsx")).unwrap();
    for sheet in ["Summary", "Themes", "Items"] {
        shown.push((
            format!("xlsx {sheet}"),
            xlsx_cells(&bytes, sheet).join("\n"),
        ));
    }
    (json(&result), shown)
}

#[test]
fn regression_a_survey_of_8_showed_every_figure_with_only_a_warning() {
    // Before: every overall, theme and item figure of 8 people was shown, with "Do not
    // publish them". Every rating is 3, so a shown figure would read 3.00 or 75%.
    let csv = template_returns(8, |_, _| "3".to_string());
    let (doc, shown) = every_format(&csv, &[]);
    assert!(doc["overall"]["score"].is_null() && doc["overall"]["band"].is_null());
    assert!(doc["overall"].get("per_respondent").is_none());
    // Every item was answered, though no figure is shown: "0 of 10" would say nobody did.
    assert_eq!(doc["overall"]["answered"], doc["overall"]["items"]);
    for t in doc["themes"].as_array().unwrap() {
        assert!(t["score"].is_null() && t["percent"].is_null(), "{t}");
        assert_eq!(t["reason"], "fewer than 11 answers");
        assert_eq!(t["answered"], t["items"], "{t}");
    }
    for i in doc["items"].as_array().unwrap() {
        assert!(i["score"].is_null() && i.get("aggregate").is_none(), "{i}");
        assert_eq!(i["reason"], "fewer than 11 answers");
        assert_eq!(i["n"], 8, "the count of answers may be shown");
    }
    assert_eq!(doc["gaps"], serde_json::json!([]));
    assert_eq!(doc["findings"], serde_json::json!([]));
    assert_eq!(doc["respondents"], 8);
    for (format, text) in &shown {
        for figure in ["3.00", "75%", "3.0000", "75.0000"] {
            assert!(!text.contains(figure), "{format} shows {figure}:\n{text}");
        }
        assert!(
            text.contains("fewer than 11") || text.contains("fewer than the minimum of 11"),
            "{format} does not say why"
        );
    }
    // With everyone's agreement, --min-group 1 shows them.
    let (doc, _) = every_format(&csv, &["--min-group", "1"]);
    assert_eq!(doc["overall"]["score"], 3.0);
}

#[test]
fn an_item_with_10_answers_in_a_40_row_survey_is_hidden_with_its_theme_and_the_overall() {
    // Co-design (item 2, theme "invest") rated by 10 of 40 (the rest N/A), all 1s: a
    // shown figure would read 1.00 or 25%. Every other rating is 4.
    let csv = template_returns(40, |r, i| match (i, r) {
        (1, r) if r < 10 => "1".into(),
        (1, _) => "N/A".into(),
        _ => "4".into(),
    });
    let (doc, shown) = every_format(&csv, &[]);
    let item = &doc["items"][1];
    assert_eq!(item["id"], "co-design");
    assert_eq!(item["reason"], "fewer than 11 answers");
    assert!(item["score"].is_null() && item.get("aggregate").is_none());
    assert_eq!(
        (item["n"].as_u64(), item["not_applicable"].as_u64()),
        (Some(10), Some(30))
    );
    // Its theme and the overall would give it back: hidden, with the reason.
    let themes = doc["themes"].as_array().unwrap();
    let reason = "includes an item with fewer than 11 answers";
    for t in themes {
        if t["id"] == "invest" {
            assert_eq!(t["reason"], reason);
            assert!(t["score"].is_null() && t.get("per_respondent").is_none());
        } else {
            assert_eq!(t["score"], 4.0, "{t}");
            assert!(t.get("reason").is_none());
        }
    }
    assert_eq!(doc["overall"]["reason"], reason);
    assert!(doc["overall"]["score"].is_null() && doc["overall"]["band"].is_null());
    // The other items are shown; no gap or finding rests on the hidden one.
    assert_eq!(doc["items"][0]["score"], 4.0);
    let on_it = |list: &serde_json::Value| {
        list.as_array()
            .unwrap()
            .iter()
            .any(|x| x.to_string().contains("co-design"))
    };
    assert!(!on_it(&doc["gaps"]) && !on_it(&doc["findings"]));
    for (format, text) in &shown {
        for figure in ["1.00", "25%", "1.0000", "25.0000"] {
            assert!(!text.contains(figure), "{format} shows {figure}:\n{text}");
        }
        assert!(
            text.contains("fewer than 11 answers"),
            "{format} does not say why"
        );
    }
}

#[test]
fn diff_and_trend_compute_no_change_from_or_to_a_figure_not_shown() {
    let csv = template_returns(40, |r, i| match (i, r) {
        (1, r) if r < 10 => "1".into(),
        (1, _) => "N/A".into(),
        _ => "4".into(),
    });
    let result = |args: &[&str], period: &str| {
        Test::new()
            .write("returns.csv", &csv)
            .args(["score", "building-blocks", "returns.csv", "-f", "json"])
            .args(["--period", period])
            .args(args)
            .success()
            .any_stderr()
            .stdout
            .clone()
    };
    let shown = result(&["--min-group", "1"], "2026-Q1");
    let hidden = result(&[], "2026-Q2");
    let run = Test::new()
        .write("q1.json", &shown)
        .write("q2.json", &hidden)
        .args(["diff", "q1.json", "q2.json", "-f", "json"])
        .run()
        .any_stderr();
    let d = json(&run.stdout);
    let item = d["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "co-design")
        .unwrap();
    assert!(item["change"].is_null(), "{item}");
    assert_eq!(item["hidden"], "fewer than 11 answers");
    assert_eq!(item["direction"], "not_comparable");
    assert!(d["overall"]["change"].is_null(), "{}", d["overall"]);
    assert_eq!(
        d["overall"]["hidden"],
        "includes an item with fewer than 11 answers"
    );
    let table = Test::new()
        .write("q1.json", &shown)
        .write("q2.json", &hidden)
        .args(["diff", "q1.json", "q2.json", "-f", "markdown"])
        .run()
        .any_stderr();
    assert!(
        table.stdout.contains("not shown: fewer than 11 answers"),
        "{}",
        table.stdout
    );
    let trend = Test::new()
        .write("q1.json", &shown)
        .write("q2.json", &hidden)
        .args(["trend", "q1.json", "q2.json", "-f", "json"])
        .run()
        .any_stderr();
    let t = json(&trend.stdout);
    let series = t["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "co-design")
        .unwrap();
    assert_eq!(series["hidden"][1], "fewer than 11 answers");
    assert!(series["latest"]["change"].is_null());
}
