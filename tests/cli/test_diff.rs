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
        .stdout_has("Band: Emerging → Developing (up).")
        .stdout_has("Significant changes (Welch test, 5%): 2 improved, 0 worse, of 10 items tested.")
        .stdout_has("│  5 ┆ Access to robust feedback  ┆ 1.63 ┆ 2.35 ┆  +0.72 ┆ ▲ improved ┆ significant, p = 0.002     │")
        .stdout_has("│  1 ┆ Decision-making            ┆ 1.95 ┆ 1.90 ┆  -0.05 ┆ ▼ worse    ┆ not significant, p = 0.798 │")
        .stdout_has("  • Log feedback and close the loop: 1.42 → 2.13\n");
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
        .success();
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
fn fail_if_worse_exits_1_naming_what_got_worse() {
    let run = with_quarters()
        .args([
            "diff",
            &quarter(3),
            &quarter(4),
            "--fail-if-worse",
            "--out",
            "d.json",
        ])
        .fails(1);
    assert_eq!(
        run.stderr,
        "wrote d.json\nerror: worse in 2026-Q4 than in 2026-Q3: Decision-making, Relationships of respect and trust\n"
    );
}

#[test]
fn periods_out_of_order_are_compared_as_given_with_a_warning() {
    let run = with_quarters()
        .args(["diff", &quarter(2), &quarter(1), "--fail-if-worse"])
        .fails(1)
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
        .success();
    let text = std::fs::read_to_string(run.dir.join("rm.json")).unwrap();
    let run = with_quarters()
        .write("rm.json", text)
        .args(["diff", "rm.json", &quarter(1)])
        .fails(2);
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
        .fails(2);
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
