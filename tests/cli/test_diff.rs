//! `plead diff`: two Results compared, checks for scripts, and every kind of bad input
//! refused with exit code 2.

use crate::support::{Test, root};

/// A Test with the example quarters copied in, at examples/northshire/2026-Qn.json.
pub fn with_quarters() -> Test {
    let mut test = Test::new();
    for q in 1..=4 {
        let name = format!("examples/northshire/2026-Q{q}.json");
        let text = std::fs::read_to_string(root().join(&name)).unwrap();
        test = test.write(&name, text);
    }
    test
}

pub fn quarter(q: u8) -> String {
    format!("examples/northshire/2026-Q{q}.json")
}

/// Q2 as if its assessment's definition had changed: one item gone, one new.
pub fn redefined_q2() -> String {
    let text = std::fs::read_to_string(root().join(quarter(2))).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["assessment"]["definition_hash"] = "sha256:0000000000000000".into();
    doc["assessment"]["version"] = "1.1.0".into();
    let items = doc["items"].as_array_mut().unwrap();
    items.retain(|i| i["id"] != "qualitative-feedback");
    let mut added = items[0].clone();
    added["id"] = "peer-support".into();
    added["title"] = "Peer support".into();
    items.push(added);
    serde_json::to_string_pretty(&doc).unwrap()
}

#[test]
fn two_surveys_say_which_changes_are_significant() {
    with_quarters()
        .args(["diff", &quarter(3), &quarter(4)])
        .success()
        .stdout_has("Band: Emerging → Developing (up), a significant change.")
        .stdout_has("Items: 2 improved, 0 worse, 8 no significant change, 0 unchanged.")
        .stdout_has("Improved and worse count only significant changes (Welch test, 5%), of 10 items tested.")
        .stdout_has("Gaps: 3 closed (1 not significant), 0 opened, 4 still open.")
        .stdout_has("  • Log feedback and close the loop: 1.42 → 2.13\n")
        // The issue's gap closed on a rise of p = 0.37.
        .stdout_has("  • Stories as well as numbers: 1.91 → 2.10 — not significant, p = 0.374\n");
}

#[test]
fn two_workshops_claim_no_test_and_name_the_ratings() {
    let run = with_quarters()
        .args(["diff", &quarter(1), &quarter(2), "--format", "markdown"])
        .success();
    assert!(!run.stdout.contains("Significance"), "{}", run.stdout);
    let run = run
        .stdout_has("there is no statistical test to claim")
        .stdout_has("- Decision-making: Planned / early → Developing\n")
        .stdout_has("- Improvement mind-set: Developing → Established (target 3)\n")
        .stdout_has("Findings: 0 new, 2 resolved, 3 still raised.");
    assert_eq!(run.stderr, "");
}

#[test]
fn a_workshop_against_a_survey_is_shown_but_not_tested() {
    with_quarters()
        .args(["diff", &quarter(2), &quarter(3), "-f", "markdown"])
        .success()
        .stdout_has("- Note: workshop and survey results are compared")
        .stdout_has("| 1 | Decision-making | 2.00 | 1.95 | -0.05 | ▼ worse | no test (workshop and survey) |");
}

#[test]
fn json_has_its_own_schema_tag() {
    let run = with_quarters()
        .args(["diff", &quarter(3), &quarter(4), "--format", "json"])
        .success();
    let d: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(d["schema"], "plead.diff/1");
    assert_eq!(d["overall"]["direction"], "improved");
    assert_eq!(d["verdicts"]["band"]["new"], "Developing");
    let access = &d["items"][4];
    assert_eq!(access["id"], "access-to-feedback");
    assert_eq!(access["significance"], "significant");
    assert!(access["welch"]["p"].as_f64().unwrap() < 0.05);
}

#[test]
fn out_files_take_their_format_from_the_extension() {
    let run = with_quarters()
        .args([
            "diff",
            &quarter(1),
            &quarter(2),
            "--out",
            "d.md",
            "--out",
            "d.csv",
        ])
        .success()
        .stderr_has("wrote d.md");
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "wrote d.md\nwrote d.csv\n");
    assert!(run.file("d.md").starts_with("# 10 building blocks"));
    assert!(
        run.file("d.csv")
            .starts_with("level,id,title,theme,presence,old,new,change,")
    );
}

#[test]
fn fail_if_worse_passes_when_nothing_got_worse() {
    with_quarters()
        .args(["diff", &quarter(1), &quarter(2), "--fail-if-worse"])
        .success();
}

#[test]
fn regression_noise_counted_as_change_fail_if_worse_ignores_falls_that_are_not_significant() {
    // Q3 → Q4: Decision-making and Relationships fall by 0.05 and 0.08 (p = 0.80, 0.74):
    // noise, once called "worse" and failing the check.
    let run = with_quarters()
        .args([
            "diff",
            &quarter(3),
            &quarter(4),
            "--fail-if-worse",
            "--out",
            "d.json",
        ])
        .success()
        .stderr_has("wrote d.json");
    assert_eq!(run.stderr, "wrote d.json\n");
    let d: serde_json::Value = serde_json::from_str(&run.file("d.json")).unwrap();
    assert_eq!(d["items"][0]["direction"], "no_significant_change");
    assert_eq!(d["summary"]["worse"], 0);
    assert_eq!(d["summary"]["no_significant_change"], 8);
}

#[test]
fn fail_if_worse_exits_1_naming_the_significant_falls() {
    let run = with_quarters()
        .args([
            "diff",
            &quarter(4),
            &quarter(3),
            "--fail-if-worse",
            "--out",
            "d.json",
        ])
        .fails(1).stderr_has("warning: examples/northshire/2026-Q4.json (2026-Q4) is later than examples/northshire/2026-Q3.json (2026-Q3): compared as given, so a rise here is a fall over time; swap the files to compare the earlier with the later");
    assert!(
        run.stderr.ends_with(
            "error: worse in 2026-Q3 than in 2026-Q4: Overall, Access to robust feedback, Log feedback and close the loop\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn min_change_demands_a_size_of_fall() {
    // The significant falls are 0.72, 0.71 and the overall 0.23.
    let run = with_quarters()
        .args([
            "diff",
            &quarter(4),
            &quarter(3),
            "--fail-if-worse",
            "--min-change",
            "0.5",
        ])
        .fails(1).stderr_has("warning: examples/northshire/2026-Q4.json (2026-Q4) is later than examples/northshire/2026-Q3.json (2026-Q3): compared as given, so a rise here is a fall over time; swap the files to compare the earlier with the later");
    assert!(
        run.stderr
            .ends_with(": Access to robust feedback, Log feedback and close the loop\n"),
        "{}",
        run.stderr
    );
    with_quarters()
        .args([
            "diff",
            &quarter(4),
            &quarter(3),
            "--fail-if-worse",
            "--min-change",
            "20%",
        ])
        .run().stderr_has("warning: examples/northshire/2026-Q4.json (2026-Q4) is later than examples/northshire/2026-Q3.json (2026-Q3): compared as given, so a rise here is a fall over time; swap the files to compare the earlier with the later")
        .code(0);
    with_quarters()
        .args(["diff", &quarter(3), &quarter(4), "--min-change", "0.5"])
        .fails(2)
        .stderr_has("--fail-if-worse");
    with_quarters()
        .args(["diff", &quarter(3), &quarter(4), "--fail-if-worse", "--min-change", "a lot"])
        .fails(2)
        .stderr_has("give a size of fall of zero or more, in scale points (e.g. 0.5) or in percentage points (e.g. 10%)");
}

#[test]
fn a_survey_diffed_with_an_old_result_says_the_overall_could_not_be_tested() {
    let text = std::fs::read_to_string(root().join(quarter(3))).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["overall"]
        .as_object_mut()
        .unwrap()
        .remove("per_respondent");
    for t in doc["themes"].as_array_mut().unwrap() {
        t.as_object_mut().unwrap().remove("per_respondent");
    }
    let run = with_quarters()
        .write("old.json", serde_json::to_string_pretty(&doc).unwrap())
        .args(["diff", "old.json", &quarter(4)])
        .success()
        .stdout_has("Overall: 1.78 → 2.01 (+0.23), not tested (could not be tested); 44% → 50%.")
        .stdout_has(
            "the overall and theme changes could not be tested: old.json does not record each",
        );
    assert!(
        run.stdout.contains(
            "Band: Emerging → Developing (up), but the overall change could not be tested."
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn periods_out_of_order_are_compared_as_given_with_a_warning() {
    let run = with_quarters()
        .args(["diff", &quarter(2), &quarter(1), "--fail-if-worse"])
        .fails(1).stderr_has("warning: examples/northshire/2026-Q2.json (2026-Q2) is later than examples/northshire/2026-Q1.json (2026-Q1): compared as given, so a rise here is a fall over time; swap the files to compare the earlier with the later")
        .stdout_has("Overall: 1.50 → 1.00 (-0.50), worse");
    assert!(
        run.stderr.starts_with(
            "warning: examples/northshire/2026-Q2.json (2026-Q2) is later than \
             examples/northshire/2026-Q1.json (2026-Q1): compared as given"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_changed_definition_is_compared_by_id_with_a_warning() {
    let run = with_quarters()
        .write("q2-redefined.json", redefined_q2())
        .args(["diff", &quarter(1), "q2-redefined.json", "--format", "markdown"])
        .success()
        .stderr_has("warning: the definition of \"building-blocks\" differs between these results")
        .stdout_has("| 7 | Stories as well as numbers | 1.00 | — | — | × removed |")
        .stdout_has("| 11 | Peer support | — | 2.00 | — | + added |")
        .stdout_has("- Removed since 2026-Q1: Stories as well as numbers (qualitative-feedback), Planned / early")
        .stdout_has("- Added in 2026-Q2: Peer support (peer-support), Developing");
    assert!(
        run.stdout
            .contains("Items: 4 improved, 0 worse, 5 unchanged, 1 added, 1 removed.")
    );
}

#[test]
fn results_of_different_assessments_are_refused() {
    let run = with_quarters()
        .write("rm.toml", "[answers.linchpin]\nrating = 1\n")
        .args([
            "assess",
            "role-model",
            "--answers",
            "rm.toml",
            "--out",
            "rm.json",
        ])
        .success()
        .stderr_has("wrote rm.json");
    let text = std::fs::read_to_string(run.dir.join("rm.json")).unwrap();
    let run = with_quarters()
        .write("rm.json", text)
        .args(["diff", "rm.json", &quarter(1)])
        .fails(2).stderr_has("error: rm.json is a result of \"role-model\" but examples/northshire/2026-Q1.json is a result of \"building-blocks\": only results of the same assessment can be compared");
    assert_eq!(
        run.stderr,
        "error: rm.json is a result of \"role-model\" but examples/northshire/2026-Q1.json is a \
         result of \"building-blocks\": only results of the same assessment can be compared\n"
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn an_unreadable_file_is_named() {
    let run = with_quarters()
        .args(["diff", "missing.json", &quarter(1)])
        .fails(2)
        .stderr_has("error: cannot read missing.json: No such file or directory (os error 2)");
    assert!(
        run.stderr.starts_with("error: cannot read missing.json: "),
        "{}",
        run.stderr
    );
}

#[test]
fn a_json_file_that_is_not_a_result_is_refused() {
    with_quarters()
        .write("other.json", r#"{"name": "not a result"}"#)
        .args(["diff", "other.json", &quarter(1)])
        .fails(2)
        .stderr_has(
            "error: other.json: this is not a plead Result: it has no \"schema\": \"plead.result/1\" key",
        );
    with_quarters()
        .write("broken.json", "{\"schema\": ")
        .args(["diff", &quarter(1), "broken.json"])
        .fails(2)
        .stderr_has("error: broken.json:1:11: the JSON ends too early");
}

#[test]
fn an_unknown_schema_version_is_refused() {
    let text = std::fs::read_to_string(root().join(quarter(1)))
        .unwrap()
        .replace("plead.result/1", "plead.result/9");
    with_quarters()
        .write("future.json", text)
        .args(["diff", &quarter(1), "future.json"])
        .fails(2)
        .stderr_has("error: future.json: this Result uses schema \"plead.result/9\"");
}

#[test]
fn regression_overall_of_mixed_scales_compared_on_its_percent_not_called_unchanged() {
    // Items on scales of different ranges leave the overall with a percent and no score;
    // diff once printed "— → — (—), unchanged; 53% → 53%" whatever the percents did.
    let without_score = |q: u8| {
        let text = std::fs::read_to_string(root().join(quarter(q))).unwrap();
        let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        doc["overall"]["score"] = serde_json::Value::Null;
        serde_json::to_string_pretty(&doc).unwrap()
    };
    let run = Test::new()
        .write("q3.json", without_score(3))
        .write("q4.json", without_score(4))
        .args(["diff", "q3.json", "q4.json", "--format", "json"])
        .success();
    let d: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(d["overall"]["direction"], "improved");
    assert_eq!(d["overall"]["significance"], "significant");
    Test::new()
        .write("q3.json", without_score(3))
        .write("q4.json", without_score(4))
        .args(["diff", "q3.json", "q4.json"])
        .success()
        .stdout_has("Overall: 44% → 50% (+6 pts), improved (p = 0.002).");
}

#[test]
fn regression_warnings_of_results_are_shown_by_diff_and_trend() {
    let warned = |q: u8| {
        let text = std::fs::read_to_string(root().join(quarter(q))).unwrap();
        let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        doc["warnings"] =
            serde_json::json!(["These figures describe fewer than 11 people (9 respondents)."]);
        serde_json::to_string_pretty(&doc).unwrap()
    };
    Test::new()
        .write("q3.json", warned(3))
        .write(
            "q4.json",
            std::fs::read_to_string(root().join(quarter(4))).unwrap(),
        )
        .args(["diff", "q3.json", "q4.json"])
        .success()
        .stdout_has(
            "  • Warning (2026-Q3): These figures describe fewer than 11 people (9 respondents).",
        );
    Test::new()
        .write("q3.json", warned(3))
        .write(
            "q4.json",
            std::fs::read_to_string(root().join(quarter(4))).unwrap(),
        )
        .args(["trend", "q3.json", "q4.json", "-f", "markdown"])
        .success()
        .stdout_has(
            "Warning (2026-Q3): These figures describe fewer than 11 people (9 respondents).",
        );
}
