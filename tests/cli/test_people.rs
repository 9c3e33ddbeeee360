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
fn a_lone_small_group_warns_on_every_report_that_the_figures_describe_few_people() {
    let rows = groups_of(&[("Porters", 5)]);
    let csv = returns(&as_refs(&rows));
    let warning = "These figures describe fewer than 11 people (5 respondents)";
    let run = score(
        &csv,
        &[
            "--out", "r.json", "--out", "r.md", "--out", "r.html", "--out", "r.csv", "--out",
            "r.txt", "--out", "r.xlsx",
        ],
    )
    .run().stderr_has("read returns.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 5 rows, 5 respondents");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = json(&run.file("r.json"));
    assert!(doc["warnings"][0].as_str().unwrap().starts_with(warning));
    assert_eq!(group(&doc, "Porters")["reason"], "fewer than 11 answers");
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
fn an_item_of_the_whole_file_rated_by_fewer_than_the_minimum_says_so() {
    let mut rows = groups_of(&[("Staff", 30)]);
    for (k, row) in rows.iter_mut().enumerate() {
        if k >= 3 {
            row.2 = None;
        }
    }
    let run = score(&returns(&as_refs(&rows)), &["-f", "json"]).success().stderr_has("read returns.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 30 rows, 30 respondents");
    let doc = json(&run.stdout);
    assert_eq!(
        doc["items"][1]["notes"][0],
        "Only 3 answers: fewer than 11, so read this figure with care; it is not shown per group."
    );
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
