//! `plead assess` as a workshop: the whole interactive flow driven from scripted answers
//! (the hidden `--script` flag feeds the same prompts a facilitator sees).

use serde_json::Value;

use crate::support::Test;

/// One item answered: the rating, then in the optional step a note if one is given,
/// and Enter for the next item.
fn plain(rating: &str, note: &str) -> Vec<String> {
    let mut lines = vec![rating.to_string()];
    if !note.is_empty() {
        lines.extend(["e".to_string(), note.to_string()]);
    }
    lines.push(String::new());
    lines
}

fn script(parts: Vec<Vec<String>>) -> String {
    parts.concat().join("\n") + "\n"
}

fn result(run: &crate::support::Run, name: &str) -> Value {
    serde_json::from_str(&run.file(name)).unwrap()
}

#[test]
fn a_whole_workshop_with_back_skip_and_review_gives_the_expected_result() {
    let s = script(vec![
        plain("3", "Patient leaders sit on the board"),
        vec!["skip".into()], // 2: co-design, skipped
        plain("2", ""),      // 3
        vec!["back".into()], // 4: back to 3
        vec![
            "1".into(),
            "t".into(),
            "4".into(),
            "Fund a training budget".into(),
            "".into(),
        ], // 3 changed, target 4
        plain("n/a", ""),    // 4
        plain("2", ""),      // 5
        plain("2", ""),      // 6
        plain("1", ""),      // 7
        plain("0", ""),      // 8
        plain("3", ""),      // 9
        plain("2", ""),      // 10
        vec!["Continue".into()], // review: back to the skipped item 2
        plain("4", "Co-designed the discharge pathway"),
        vec!["Finish".into()],
    ]);
    let run = Test::new()
        .write("s.txt", s)
        .args([
            "assess",
            "building-blocks",
            "--org",
            "Northshire NHS Trust",
            "--period",
            "2026-Q3",
            "--script",
            "s.txt",
        ])
        .success()
        .stderr_has("Item 1 of 10 — Invest in Patient Leaders")
        .stderr_has("wrote northshire-nhs-trust-building-blocks-2026-q3.json");
    let doc = result(&run, "northshire-nhs-trust-building-blocks-2026-q3.json");
    let items = doc["items"].as_array().unwrap();
    let score = |id: &str| items.iter().find(|i| i["id"] == id).unwrap()["score"].clone();
    assert_eq!(score("decision-making"), 3.0);
    assert_eq!(score("co-design"), 4.0);
    assert_eq!(score("training"), 1.0);
    assert_eq!(score("relationships"), Value::Null);
    let training = items.iter().find(|i| i["id"] == "training").unwrap();
    assert_eq!(training["target"], 4);
    assert_eq!(training["action"], "Fund a training budget");
    // 3+4+1+2+2+1+0+3+2 = 18 over 9 answered items.
    assert_eq!(doc["overall"]["score"], 2.0);
    assert_eq!(doc["overall"]["percent"], 50.0);
    assert_eq!(doc["overall"]["answered"], 9);
    assert!(
        !run.dir.join(".plead/draft-building-blocks.json").exists(),
        "the finished draft is removed"
    );
}

#[test]
fn several_raters_keep_each_rating_and_the_gap_between_tags() {
    let mut parts = vec![vec![
        "1".into(),
        "3".into(),
        "0".into(), // Sam, Priya, Alex
        "2".into(), // agreed
        "".into(),  // Enter: the next item
    ]];
    parts.push(vec!["review".into(), "Finish".into()]);
    let run = Test::new()
        .write("s.txt", script(parts))
        .args([
            "assess",
            "building-blocks",
            "--org",
            "N",
            "--period",
            "2026-Q3",
            "--raters",
            "Sam:patient-leader, Priya:patient-leader, Alex:staff",
            "--script",
            "s.txt",
            "--out",
            "r.json",
        ])
        .success()
        .stderr_has("Ratings: Sam 1 · Priya 3 · Alex 0 — spread 0 to 3")
        .stderr_has("   0 Not in place           │■ Alex")
        .stderr_has("   4 Embedded and sustained │\n")
        .stderr_has("⚑ Disagreement: the ratings span 3 points")
        .stdout_has("Gap is patient-leader mean − staff mean");
    let doc = result(&run, "r.json");
    let item = &doc["items"][0];
    assert_eq!(item["score"], 2.0);
    assert_eq!(
        item["ratings"][1],
        serde_json::json!({"rater": "Priya", "rating": 3})
    );
    assert_eq!(
        item["tag_means"][0],
        serde_json::json!({"tag": "patient-leader", "mean": 2.0, "n": 2})
    );
    assert_eq!(
        item["tag_means"][1],
        serde_json::json!({"tag": "staff", "mean": 0.0, "n": 1})
    );
    assert_eq!(
        doc["raters"][2],
        serde_json::json!({"label": "Alex", "tag": "staff"})
    );
}

#[test]
fn connection_types_are_rated_through_named_examples() {
    let s = [
        "Rate: Project leader",
        "3",
        "Name another",
        "Carers' café founder",
        "5",
        "",
        "Rate: Business developer",
        "n/a",
        "Done",
        "",
        "review",
        "Finish",
    ]
    .join("\n");
    Test::new()
        .write("s.txt", s + "\n")
        .args([
            "assess",
            "connection",
            "--org",
            "N",
            "--period",
            "2026-Q3",
            "--script",
            "s.txt",
            "--out",
            "r.json",
        ])
        .fails(2)
        // "n/a" is not on the connection scale, so the script's answer is refused.
        .stderr_has("matches none of the entries");

    let s = [
        "Rate: Project leader",
        "3",
        "Name another",
        "Carers' café founder",
        "5",
        "", // an empty name ends naming
        "Done",
        "",
        "review",
        "Finish",
    ]
    .join("\n");
    let run = Test::new()
        .write("s.txt", s + "\n")
        .args([
            "assess",
            "connection",
            "--org",
            "N",
            "--period",
            "2026-Q3",
            "--script",
            "s.txt",
            "--out",
            "r.json",
        ])
        .success()
        .stderr_has("The guide's examples: Project leader, Business developer.");
    let doc = result(&run, "r.json");
    let item = &doc["items"][0];
    assert_eq!(item["id"], "patient-entrepreneurs");
    assert_eq!(item["score"], 4.0);
    assert_eq!(item["n"], 2);
    assert_eq!(item["examples"][1]["name"], "Carers' café founder");
}

#[test]
fn an_interrupted_session_keeps_every_answer_and_resumes_to_the_same_result() {
    let first = script(vec![plain("3", "Board papers"), plain("2", "")]);
    let test = Test::new().write("s.txt", first).args([
        "assess",
        "building-blocks",
        "--org",
        "N",
        "--period",
        "2026-Q3",
        "--script",
        "s.txt",
    ]);
    let dir = test.path().to_path_buf();
    let run = test.fails(2).stderr_has("the script ran out of answers");
    let draft: Value =
        serde_json::from_str(&run.file(".plead/draft-building-blocks.json")).unwrap();
    assert_eq!(
        draft["answers"]["items"]["decision-making"]["rating"]["value"],
        3
    );
    assert_eq!(
        draft["answers"]["items"]["decision-making"]["notes"][0],
        "Board papers"
    );
    assert_eq!(draft["answers"]["items"]["co-design"]["rating"]["value"], 2);
    assert_eq!(draft["position"], 2);

    // Re-running the same command offers the draft; accepting carries on at item 3.
    let mut rest = vec![vec!["y".to_string()]];
    for _ in 2..10 {
        rest.push(plain("1", ""));
    }
    rest.push(vec!["Finish".into()]);
    let resumed = Test::new()
        .write("s.txt", script(rest))
        .write(
            ".plead/draft-building-blocks.json",
            std::fs::read(dir.join(".plead/draft-building-blocks.json")).unwrap(),
        )
        .args([
            "assess",
            "building-blocks",
            "--script",
            "s.txt",
            "--out",
            "r.json",
        ])
        .success()
        .stderr_has("2 of 10 items answered")
        .stderr_has("Item 3 of 10");
    let doc = result(&resumed, "r.json");
    assert_eq!(doc["context"]["organisation"], "N");
    assert_eq!(doc["items"][0]["score"], 3.0);
    assert_eq!(doc["items"][0]["notes"][0], "Board papers");
    // (3 + 2 + 8 × 1) / 10
    assert_eq!(doc["overall"]["score"], 1.3);
}

#[test]
fn resume_without_a_draft_is_a_clear_error() {
    Test::new()
        .write("s.txt", "")
        .args(["assess", "role-model", "--resume", "--script", "s.txt"])
        .fails(2)
        .stderr_has("there is no draft of role-model to resume in this directory");
}

#[test]
fn without_a_terminal_or_answers_file_assess_stops_at_once() {
    Test::new()
        .args(["assess", "building-blocks"])
        .stdin("")
        .fails(2)
        .stderr_has("this is not one; give an answers file with --answers FILE");
}

#[test]
fn an_existing_file_is_never_overwritten_a_new_name_is_asked_for() {
    let mut parts = vec![plain("2", "")];
    parts.push(vec!["review".into(), "Finish".into(), "=".into()]);
    let run = Test::new()
        .write("r.json", "precious")
        .write("s.txt", script(parts))
        .args([
            "assess",
            "building-blocks",
            "--org",
            "N",
            "--period",
            "2026-Q3",
            "--script",
            "s.txt",
            "--out",
            "r.json",
        ])
        .success()
        .stderr_has("r.json already exists. Save as")
        .stderr_has("wrote r-2.json");
    assert_eq!(run.file("r.json"), "precious");
    assert_eq!(result(&run, "r-2.json")["overall"]["score"], 2.0);
}

#[test]
fn role_model_fields_are_asked_and_recorded() {
    let s = [
        "1",
        "Jo Bloggs",
        "Shared",
        "e",
        "Jo covers it two days a week",
        "t",
        "2",
        "Fund the post full time",
        "",
        "review",
        "Finish",
    ]
    .join("\n");
    let run = Test::new()
        .write("s.txt", s + "\n")
        .args([
            "assess",
            "role-model",
            "--org",
            "N",
            "--period",
            "2026-Q3",
            "--script",
            "s.txt",
            "--out",
            "r.json",
        ])
        .success()
        .stderr_has("Finished: The 8 Role Model — N, 2026-Q3");
    let doc = result(&run, "r.json");
    let item = &doc["items"][0];
    assert_eq!(item["fields"]["holder"], "Jo Bloggs");
    assert_eq!(
        item["fields"]["sourcing"],
        "Shared across the local health economy"
    );
    assert_eq!(item["target"], 2);
    assert_eq!(item["notes"][0], "Jo covers it two days a week");
    assert_eq!(item["action"], "Fund the post full time");
}

#[test]
fn without_an_assessment_a_menu_is_offered_and_the_period_defaults_to_this_quarter() {
    let s = ["role-model", "Northshire", "=", "review", "Finish"].join("\n");
    let run = Test::new()
        .write("s.txt", s + "\n")
        .args(["assess", "--script", "s.txt", "--format", "markdown"])
        .success()
        .stderr_has("wrote northshire-role-model-2026-q4.json")
        .stderr_has("wrote northshire-role-model-2026-q4.md");
    assert_eq!(
        result(&run, "northshire-role-model-2026-q4.json")["context"]["period"],
        "2026-Q4"
    );
    assert!(
        run.file("northshire-role-model-2026-q4.md")
            .starts_with("# The 8 Role Model — Northshire, 2026-Q4")
    );
}

/// A workshop of building-blocks driven by `lines`, with `--out r.json`.
fn building_blocks(lines: &[&str]) -> crate::support::Run {
    Test::new()
        .write("s.txt", lines.join("\n") + "\n")
        .args([
            "assess",
            "building-blocks",
            "--org",
            "N",
            "--period",
            "2026-Q3",
            "--script",
            "s.txt",
            "--out",
            "r.json",
        ])
        .any_code()
        .run()
        // Each caller checks the exit code and the screen on stderr itself.
        .any_stderr()
}

#[test]
fn regression_back_on_the_first_item_says_there_is_none() {
    let run = building_blocks(&["b", "2", "", "review", "Finish"]).code(0);
    assert!(
        run.stderr
            .contains("This is the first item: there is no item before it."),
        "{}",
        run.stderr
    );
    assert_eq!(result(&run, "r.json")["items"][0]["score"], 2.0);
}

#[test]
fn regression_a_target_at_or_below_the_rating_is_not_offered() {
    // Rated 2: the targets offered are 3 and 4, so 2 is not one of them.
    let run = building_blocks(&["2", "t", "2"]).code(2);
    assert!(
        run.stderr.contains(
            "matches none of the entries of \"Target rating for 12 months ahead (above today's 2 Developing)\": No target | 3 · Established | 4 · Embedded and sustained"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn regression_no_target_is_asked_at_the_top_of_the_scale() {
    let run = building_blocks(&["4", "t"]).code(2);
    assert!(
        run.stderr.contains(
            "matches none of the entries of \"Enter for the next item, or add\": Next item | Evidence note (optional) | More about this item"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_target_no_longer_above_a_changed_rating_is_removed_and_said() {
    let run = building_blocks(&[
        "2",
        "t",
        "3",
        "Train the panel",
        "",
        "review",
        "1. Decision-making",
        "Rating",
        "4",
        "Finish",
    ])
    .code(0);
    assert!(
        run.stderr
            .contains("The target 3 is not above the rating now given, so it was removed"),
        "{}",
        run.stderr
    );
    let doc = result(&run, "r.json");
    assert_eq!(doc["items"][0]["score"], 4.0);
    assert_eq!(doc["items"][0]["target"], Value::Null);
    assert_eq!(doc["items"][0]["action"], Value::Null);
}

#[test]
fn regression_changing_one_answer_from_review_asks_only_that_answer() {
    let s = [
        "1",
        "Jo Bloggs",
        "Shared",
        "e",
        "Panel minutes",
        "t",
        "2",
        "Fund the post",
        "",
        "review",
        "1. People and Families",
        "Target",
        "No target",
        "Finish",
    ]
    .join("\n");
    let run = Test::new()
        .write("s.txt", s + "\n")
        .args([
            "assess",
            "role-model",
            "--org",
            "N",
            "--period",
            "2026-Q3",
            "--script",
            "s.txt",
            "--out",
            "r.json",
        ])
        .success()
        // The screen on stderr is what this test reads, below.
        .any_stderr();
    // Between choosing the part and the review again, only the target is asked.
    let after = run
        .stderr
        .split("? Change which part of item 1? › Target")
        .nth(1)
        .unwrap();
    let asked: Vec<&str> = after.lines().filter(|l| l.starts_with("? ")).collect();
    assert_eq!(
        asked,
        [
            "? Target rating for 12 months ahead (above today's 1 Partly in place) › No target",
            "? Finish, or choose an item to change › Finish"
        ],
        "{}",
        run.stderr
    );
    let item = &result(&run, "r.json")["items"][0];
    assert_eq!(item["target"], Value::Null);
    assert_eq!(item["action"], Value::Null);
    assert_eq!(item["fields"]["holder"], "Jo Bloggs");
    assert_eq!(item["notes"][0], "Panel minutes");
}

#[test]
fn regression_an_unorderable_period_is_refused_listing_the_forms() {
    for period in ["2026-Q5", "Oct-Dec 2026"] {
        let run = Test::new()
            .args(["assess", "role-model", "--org", "N", "--period", period])
            .fails(2)
            .stderr_has("error: --period: ");
        assert!(
            run.stderr.contains(&format!(
                "--period: the period \"{period}\" is not one plead can put in order"
            )),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("2026-Q3 or Q3 2026") && run.stderr.contains("2026/27 Q1"));
    }
    // At the prompt, it is asked again.
    let s = ["Oct-Dec 2026", "2026-Q3", "review", "Finish"].join("\n");
    let run = Test::new()
        .write("s.txt", s + "\n")
        .args([
            "assess",
            "role-model",
            "--org",
            "N",
            "--script",
            "s.txt",
            "--out",
            "r.json",
        ])
        .success()
        .stderr_has("Not a period: the period \"Oct-Dec 2026\" is not one plead can put in order");
    assert_eq!(result(&run, "r.json")["context"]["period"], "2026-Q3");
}

/// A connection workshop driven by `lines`, with `--out r.json`.
fn connection(lines: &[&str]) -> crate::support::Run {
    Test::new()
        .write("s.txt", lines.join("\n") + "\n")
        .args([
            "assess",
            "connection",
            "--org",
            "N",
            "--period",
            "2026-Q3",
            "--script",
            "s.txt",
            "--out",
            "r.json",
        ])
        .any_code()
        .run()
        // Each caller checks the exit code and the screen on stderr itself.
        .any_stderr()
}

#[test]
fn regression_naming_examples_ends_with_an_empty_name_or_esc() {
    let run = connection(&[
        "Name another",
        "<esc>", // nothing named: back to the menu
        "Name another",
        "Carers' café",
        "<esc>", // Esc at its rating: back to naming, nothing added
        "Peer mentor",
        "4",
        "", // an empty name ends naming
        "Done",
        "",
        "review",
        "Finish",
    ])
    .code(0);
    let item = &result(&run, "r.json")["items"][0];
    let names: Vec<&str> = item["examples"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Peer mentor"]);
    assert_eq!(item["score"], 4.0);
}

#[test]
fn regression_after_rating_an_example_enter_goes_to_the_next_unrated() {
    // Enter each time: Project leader (first not rated) at 3, then Business developer
    // at 4, then — all rated — Done.
    let run = connection(&["", "3", "", "4", "", "", "review", "Finish"]).code(0);
    let item = &result(&run, "r.json")["items"][0];
    assert_eq!(item["examples"][0]["name"], "Project leader");
    assert_eq!(item["examples"][1]["name"], "Business developer");
    assert_eq!(item["score"], 3.5);
}

#[test]
fn regression_leaving_a_type_with_nothing_rated_asks_first() {
    let run = connection(&[
        "Done",
        "n", // not yet: back to the examples
        "Rate: Project leader",
        "<esc>", // Esc at the rating: nothing rated
        "Done",
        "y",
        "",
        "review",
        "Finish",
    ])
    .code(0);
    assert!(
        run.stderr.contains(
            "? No example of Patient entrepreneurs is rated. Leave this type without a score? › n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(result(&run, "r.json")["items"][0]["score"], Value::Null);
}

#[test]
fn discussion_prompts_shared_by_several_types_are_shown_once() {
    let mut lines = Vec::new();
    for _ in 0..6 {
        lines.extend(["Done", "y", ""]);
    }
    lines.push("Finish");
    let run = connection(&lines).code(0);
    let shared = "Where are Patient Leaders?";
    assert_eq!(run.stderr.matches(shared).count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("Also to discuss: the 5 questions shown at item 1")
    );
}
