//! `plead trend`: Results put in period order and followed row by row; the README's
//! compare section run as written.

use crate::support::root;
use crate::test_diff::{quarter, redefined_q2, with_quarters};

#[test]
fn orders_results_by_period_whatever_order_they_are_given_in() {
    let run = with_quarters()
        .args(["trend", &quarter(4), &quarter(2), &quarter(3), &quarter(1)])
        .success()
        .stdout_has("│ Score   ┆     1.00 ┆     1.50 ┆     1.78 ┆       2.01 ┆ ▃▄▄▅  ┆ +0.23 ▲ * ┆ +1.01 ▲     │")
        .stdout_has("Findings raised in every one of the 4 periods:");
    assert_eq!(run.stderr, "");
    with_quarters()
        .args(["trend", &quarter(4), &quarter(2), &quarter(3), &quarter(1), "-f", "markdown"])
        .success()
        .stdout_has("4 results, ordered by period: 2026-Q1 (workshop), 2026-Q2 (workshop), 2026-Q3 (survey of 46), 2026-Q4 (survey of 51).");
}

#[test]
fn csv_has_a_column_per_period() {
    with_quarters()
        .args(["trend", &quarter(1), &quarter(2), "--format", "csv"])
        .success()
        .stdout(
            "level,id,title,2026-Q1,2026-Q2,latest_change,latest_direction,latest_significance,latest_p_value,since_first_change,since_first_direction,since_first_significance,since_first_p_value,detail
overall,overall,Overall,1.0000,1.5000,0.5000,improved,not_tested,,0.5000,improved,not_tested,,
overall_percent,overall,Overall percent,25.0000,37.5000,,,,,,,,,
band,,Band,Emerging,Emerging,,,,,,,,,
theme,invest,Invest in Patient Leaders,0.8333,1.3333,0.5000,improved,not_tested,,0.5000,improved,not_tested,,
theme,feedback-mechanisms,Put robust feedback mechanisms in place so that organisations listen,1.0000,1.5000,0.5000,improved,not_tested,,0.5000,improved,not_tested,,
theme,culture,Develop the culture and systems to act on feedback,1.5000,2.0000,0.5000,improved,not_tested,,0.5000,improved,not_tested,,
item,decision-making,Decision-making,1.0000,2.0000,1.0000,improved,not_tested,,1.0000,improved,not_tested,,
item,co-design,Co-design from the start,1.0000,2.0000,1.0000,improved,not_tested,,1.0000,improved,not_tested,,
item,training,Training and development,0.0000,1.0000,1.0000,improved,not_tested,,1.0000,improved,not_tested,,
item,relationships,Relationships of respect and trust,2.0000,2.0000,0.0000,unchanged,not_tested,,0.0000,unchanged,not_tested,,
item,access-to-feedback,Access to robust feedback,1.0000,1.0000,0.0000,unchanged,not_tested,,0.0000,unchanged,not_tested,,
item,seldom-heard,Voices not traditionally heard,0.0000,0.0000,0.0000,unchanged,not_tested,,0.0000,unchanged,not_tested,,
item,qualitative-feedback,Stories as well as numbers,1.0000,2.0000,1.0000,improved,not_tested,,1.0000,improved,not_tested,,
item,close-the-loop,Log feedback and close the loop,1.0000,1.0000,0.0000,unchanged,not_tested,,0.0000,unchanged,not_tested,,
item,improvement-mind-set,Improvement mind-set,2.0000,3.0000,1.0000,improved,not_tested,,1.0000,improved,not_tested,,
item,supporting-roles,Supporting roles (8 Role Model),1.0000,1.0000,0.0000,unchanged,not_tested,,0.0000,unchanged,not_tested,,
persistent_finding,block-not-in-place,Building block not in place: Voices not traditionally heard. The report's key findings “suggest that putting the following 10 building blocks in place will increase the chances of patient leaders improving the experience of care.”,,,,,,,,,,,high: seldom-heard
persistent_finding,supporting-roles-gap,\"The supporting roles of the 8 Role Model are not yet established: run the role-model assessment to find which roles are missing. “Where organisations in this study described barriers to progress, they usually described an absence of one of those roles.” “If any of these roles are missing, patient leaders will have less impact.”\",,,,,,,,,,,high: supporting-roles
persistent_finding,narrow-group-of-leaders,Voices not traditionally heard are not yet reached. The organisations in the study “recognised that their patient leaders come from a relatively narrow group within the community rather than from diverse groups” and that “patient leaders and NHS organisations will need to work together to develop more diverse patient leadership.”,,,,,,,,,,,medium: seldom-heard
persistent_gap,co-design,Co-design from the start,1.0000,2.0000,,,,,,,,,short of target 3
persistent_gap,training,Training and development,0.0000,1.0000,,,,,,,,,below 2
persistent_gap,access-to-feedback,Access to robust feedback,1.0000,1.0000,,,,,,,,,below 2
persistent_gap,seldom-heard,Voices not traditionally heard,0.0000,0.0000,,,,,,,,,below 2
persistent_gap,close-the-loop,Log feedback and close the loop,1.0000,1.0000,,,,,,,,,below 2
persistent_gap,supporting-roles,Supporting roles (8 Role Model),1.0000,1.0000,,,,,,,,,below 2
",
        );
}

#[test]
fn json_has_its_own_schema_tag_and_the_long_standing_problems() {
    let run = with_quarters()
        .args([
            "trend",
            &quarter(1),
            &quarter(2),
            &quarter(3),
            &quarter(4),
            "-f",
            "json",
        ])
        .success();
    let t: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(t["schema"], "plead.trend/1");
    assert_eq!(t["ordered_by"], "period");
    assert_eq!(t["bands"][3], "Developing");
    let gaps: Vec<&str> = t["persistent_gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["item"].as_str().unwrap())
        .collect();
    assert_eq!(gaps, ["training", "seldom-heard", "supporting-roles"]);
    assert_eq!(t["items"][4]["latest"]["significance"], "significant");
    assert_eq!(t["items"][4]["since_first"]["untested"], "mixed_methods");
}

#[test]
fn a_period_that_is_not_a_date_orders_by_created_time_with_a_note() {
    let text = std::fs::read_to_string(root().join(quarter(2)))
        .unwrap()
        .replace("\"period\": \"2026-Q2\"", "\"period\": \"Spring review\"");
    with_quarters()
        .write("spring.json", text)
        .args(["trend", "spring.json", &quarter(1), "-f", "markdown"])
        .success()
        .stdout_has("2 results, ordered by the time each was created: 2026-Q1 (workshop), Spring review (workshop).")
        .stdout_has("- Note: the period \"Spring review\" (spring.json) is not a date plead reads");
}

#[test]
fn a_changed_definition_shows_items_not_asked() {
    with_quarters()
        .write("q2-redefined.json", redefined_q2())
        .args(["trend", &quarter(1), "q2-redefined.json", "-f", "markdown"])
        .success()
        .stderr_has("warning: the definition of \"building-blocks\" differs")
        .stdout_has("| 7 | Stories as well as numbers | 1.00 | not asked | — | — |")
        .stdout_has("| 11 | Peer support | not asked | 2.00 | — | — |");
}

#[test]
fn a_single_file_is_refused() {
    let run = with_quarters().args(["trend", &quarter(1)]).fails(2).stderr_has("error: a trend needs at least two Result files, and 1 was given: pass every period's Result, e.g. `plead trend results/*.json` (to see one Result, use `plead report FILE`)");
    assert_eq!(
        run.stderr,
        "error: a trend needs at least two Result files, and 1 was given: pass every period's \
         Result, e.g. `plead trend results/*.json` (to see one Result, use `plead report FILE`)\n"
    );
}

#[test]
fn mixed_assessments_are_refused() {
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
    with_quarters()
        .write("rm.json", text)
        .args(["trend", &quarter(1), &quarter(2), "rm.json"])
        .fails(2)
        .stderr_has("error: examples/northshire/2026-Q1.json is a result of \"building-blocks\" but rm.json is a result of \"role-model\"");
}

#[test]
fn bad_files_are_refused_naming_them() {
    with_quarters()
        .write("notes.json", "[1, 2, 3]")
        .args(["trend", &quarter(1), "notes.json"])
        .fails(2)
        .stderr_has("error: notes.json: this is not a plead Result");
    with_quarters()
        .args(["trend", &quarter(1), "gone.json"])
        .fails(2)
        .stderr_has("error: cannot read gone.json: ");
}

/// Every `$ plead …` command in docs/compare.md, run from the repository root as written,
/// prints exactly the output shown under it.
#[test]
fn the_compare_docs_show_real_output() {
    let doc = std::fs::read_to_string(root().join("docs/compare.md")).unwrap();
    let mut checked = 0;
    let mut lines = doc.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(command) = line.strip_prefix("$ plead ") else {
            continue;
        };
        let mut expected = String::new();
        for l in lines.by_ref() {
            if l == "```" {
                break;
            }
            expected.push_str(l);
            expected.push('\n');
        }
        // Expand `dir/*.json` as a shell would.
        let mut args = Vec::new();
        for arg in command.split_whitespace() {
            match arg.strip_suffix("*.json") {
                Some(dir) => {
                    let mut files: Vec<String> = std::fs::read_dir(root().join(dir))
                        .unwrap()
                        .map(|e| e.unwrap().file_name().into_string().unwrap())
                        .filter(|f| f.ends_with(".json"))
                        .map(|f| format!("{dir}{f}"))
                        .collect();
                    files.sort();
                    args.extend(files);
                }
                None => args.push(arg.to_string()),
            }
        }
        let run = with_quarters().args(args).run();
        assert_eq!(run.stdout, expected, "docs/compare.md: $ plead {command}");
        checked += 1;
    }
    assert!(
        checked >= 2,
        "docs/compare.md shows at least diff and trend"
    );
}
