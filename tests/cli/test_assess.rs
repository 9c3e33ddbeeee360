//! `plead assess --answers`: the workshop run without prompts.

use crate::support::{Test, root};

const ANSWERS: &str = r#"
organisation = "Northshire NHS Trust"
period = "2026-Q3"

[answers.linchpin]
rating = 2
note = "Jo leads the patient leadership programme"
fields = { holder = "Jo Bloggs", sourcing = "In-house" }

[answers.administrator]
rating = 0
"#;

#[test]
fn scores_an_answers_file_into_a_result() {
    let run = Test::new()
        .write("answers.toml", ANSWERS)
        .args([
            "assess",
            "role-model",
            "--answers",
            "answers.toml",
            "--out",
            "r.json",
        ])
        .success()
        .stderr_has("wrote r.json");
    let doc: serde_json::Value = serde_json::from_str(&run.file("r.json")).unwrap();
    assert_eq!(doc["schema"], "plead.result/1");
    assert_eq!(doc["overall"]["score"], 1.0);
    assert_eq!(doc["overall"]["percent"], 50.0);
    assert_eq!(doc["context"]["organisation"], "Northshire NHS Trust");
}

/// The building blocks' item ids, in order, as error messages list them.
const BLOCKS: &str = "decision-making, co-design, training, relationships, access-to-feedback, \
                      seldom-heard, qualitative-feedback, close-the-loop, improvement-mind-set, \
                      supporting-roles";

/// The building blocks' scale, as an out-of-scale message lists it.
const MATURITY: &str =
    "0 Not in place, 1 Planned / early, 2 Developing, 3 Established, 4 Embedded and sustained";

/// Checks that `plead assess <assessment> --answers a.toml` refuses `contents` with exactly
/// these problems (each `line:column: message`), exit 2, writing nothing.
fn refuses(assessment: &str, contents: impl AsRef<[u8]>, problems: &[&str]) {
    let lines: Vec<String> = problems.iter().map(|p| format!("a.toml:{p}")).collect();
    let run = Test::new()
        .write("a.toml", contents)
        .args([
            "assess",
            assessment,
            "--answers",
            "a.toml",
            "--out",
            "r.json",
        ])
        .fails(2)
        .stdout("")
        .stderr(&format!("error: {}\n", lines.join("\n")));
    assert!(!run.dir.join("r.json").exists(), "a Result was written");
}

#[test]
fn an_empty_answers_file() {
    let message = format!(
        "1:1: the answers file is empty: answer each item in a table such as \
         [answers.decision-making] with rating = 0 (items of building-blocks: {BLOCKS})"
    );
    refuses("building-blocks", "", &[&message]);
    refuses("building-blocks", "# to be filled in\n", &[&message]);
}

#[test]
fn an_answers_file_that_is_not_toml() {
    refuses(
        "building-blocks",
        "Decision-making: 3\nCo-design: 2\n",
        &["1:18: key with no value, expected `=`"],
    );
    refuses(
        "building-blocks",
        "{\"decision-making\": 3}\n",
        &["1:1: invalid key-value pair, expected key"],
    );
}

#[test]
fn an_answer_of_the_wrong_type() {
    refuses(
        "building-blocks",
        "[answers.training]\nrating = \"high\"\n",
        &["2:10: invalid type: string \"high\", expected a whole number"],
    );
    refuses(
        "building-blocks",
        "[answers.training]\nrating = 2.5\n",
        &["2:10: invalid type: floating point `2.5`, expected a whole number"],
    );
    refuses(
        "building-blocks",
        "[answers.training]\nrating = 99999999999\n",
        &["2:10: invalid value: integer `99999999999`, expected a whole number"],
    );
    refuses(
        "building-blocks",
        "[answers.training]\nnot_applicable = \"yes\"\n",
        &["2:18: invalid type: string \"yes\", expected a boolean"],
    );
    refuses(
        "building-blocks",
        "answers = [1, 2]\n",
        &["1:11: invalid type: sequence, expected a table"],
    );
}

#[test]
fn an_unknown_key_in_an_answers_file_is_named() {
    refuses(
        "building-blocks",
        "organization = \"Northshire\"\n",
        &[
            "1:1: unknown field `organization`, expected one of `assessment`, `organisation`, \
             `period`, `raters`, `answers`, `actions`",
        ],
    );
    refuses(
        "building-blocks",
        "[answers.training]\nrating = 2\nnotes = \"x\"\n",
        &[
            "3:1: unknown field `notes`, expected one of `rating`, `not_applicable`, `note`, \
             `target`, `action`, `owner`, `due`, `fields`, `examples`, `ratings`",
        ],
    );
}

#[test]
fn a_rating_outside_the_scale() {
    refuses(
        "building-blocks",
        "[answers.training]\nrating = 7\n",
        &[&format!(
            "2:10: rating 7 is outside the scale 0–4 ({MATURITY})"
        )],
    );
    refuses(
        "building-blocks",
        "[answers.training]\nrating = -1\ntarget = 5\n",
        &[
            &format!("2:10: rating -1 is outside the scale 0–4 ({MATURITY})"),
            &format!("3:10: target 5 is outside the scale 0–4 ({MATURITY})"),
        ],
    );
    // An example's rating is on the item's scale too.
    refuses(
        "connection",
        "[answers.peer-to-peer-supporters]\nexamples = [{ name = \"Coach\", rating = 6 }]\n",
        &[
            "2:40: rating 6 is outside the scale 0–5 (0 No links at all, 1 Aware, informal \
             contact, 2 Ad hoc contact, 3 Regular, systematic contact, 4 Continuing dialogue, \
             5 Leading improvement together)",
        ],
    );
}

#[test]
fn an_item_answered_twice() {
    refuses(
        "building-blocks",
        "[answers.training]\nrating = 1\n\n[answers.training]\nrating = 2\n",
        &["4:10: duplicate key `training`: a key or table may be given only once"],
    );
    refuses(
        "building-blocks",
        "[answers.training]\nrating = 1\nrating = 2\n",
        &["3:1: duplicate key `rating`: a key or table may be given only once"],
    );
}

#[test]
fn an_answer_for_an_item_the_assessment_does_not_have() {
    refuses(
        "building-blocks",
        "[answers.training]\nrating = 1\n\n[answers.decision-makng]\nrating = 2\n",
        &[&format!(
            "4:10: unknown item \"decision-makng\" (items of building-blocks: {BLOCKS})"
        )],
    );
}

#[test]
fn an_answers_file_that_is_not_utf8() {
    refuses(
        "building-blocks",
        b"[answers.training]\nrating = 3\nnote = \"Caf\xe9 meetings\"\n",
        &["3:12: the file is not UTF-8 text (save it as UTF-8 and try again)"],
    );
}

#[test]
fn answers_the_scale_or_the_item_does_not_allow() {
    refuses(
        "connection",
        "[answers.formal-representatives]\nnot_applicable = true\n",
        &[
            "2:18: the \"connection\" scale does not allow not applicable: give a rating from 0 \
             to 5",
        ],
    );
    refuses(
        "building-blocks",
        "[answers.training]\nrating = 2\nnot_applicable = true\n",
        &["2:10: give either a rating or not_applicable = true, not both"],
    );
    refuses(
        "building-blocks",
        "[answers.training]\nexamples = [{ name = \"Course\", rating = 2 }]\n",
        &["2:12: item \"training\" is not rated through examples: give a rating"],
    );
    refuses(
        "connection",
        "[answers.formal-representatives]\nrating = 2\nexamples = [{ name = \"FT Governor\", rating = 2 }]\n",
        &[
            "3:12: item \"formal-representatives\" is rated through its examples: its score is \
             their mean, so give no rating of its own",
        ],
    );
    refuses(
        "connection",
        "[answers.formal-representatives]\nexamples = [{ name = \" \", rating = 2 }]\n",
        &["2:13: an example needs a name"],
    );
}

#[test]
fn fields_the_item_does_not_have_or_choices_it_does_not_offer() {
    refuses(
        "role-model",
        "[answers.linchpin]\nrating = 2\nfields = { sourcing = \"Outsourced\" }\n",
        &[
            "3:23: \"Outsourced\" is not a choice for sourcing (choices: In-house, Shared across \
             the local health economy, External partner)",
        ],
    );
    refuses(
        "building-blocks",
        "[answers.training]\nrating = 2\nfields = { holder = \"Jo\" }\n",
        &["3:12: unknown field \"holder\" for item \"training\" (this item has no fields)"],
    );
}

#[test]
fn answers_for_another_assessment() {
    refuses(
        "building-blocks",
        "assessment = \"role-model\"\n\n[answers.linchpin]\nrating = 2\n",
        &[
            "1:14: these answers are for \"role-model\", not \"building-blocks\"",
            &format!("3:10: unknown item \"linchpin\" (items of building-blocks: {BLOCKS})"),
        ],
    );
}

#[test]
fn a_missing_answers_file() {
    Test::new()
        .args(["assess", "building-blocks", "--answers", "nowhere.toml"])
        .fails(2)
        .stdout("")
        .stderr(
            "error: cannot read the answers file nowhere.toml: No such file or directory (os \
             error 2)\n",
        );
}

#[test]
fn an_item_rated_through_examples_scores_their_mean() {
    let run = Test::new()
        .write(
            "a.toml",
            r#"
[answers.formal-representatives]
examples = [
  { name = "FT Governor", rating = 4 },
  { name = "CCG Lay member", rating = 1 },
  { name = "Lay member of Health and Wellbeing Board" },
]

[answers.peer-to-peer-supporters]
examples = [{ name = "Coach" }]
"#,
        )
        .args(["assess", "connection", "--answers", "a.toml", "-f", "json"])
        .success()
        .stderr_has("wrote unnamed-organisation-connection-2026-q4.json");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let item = |id: &str| {
        doc["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    let formal = item("formal-representatives");
    assert_eq!(formal["score"], 2.5);
    assert_eq!(formal["percent"], 50.0);
    assert_eq!(
        (formal["n"].as_u64(), formal["missing"].as_u64()),
        (Some(2), Some(1))
    );
    let peer = item("peer-to-peer-supporters");
    assert_eq!(peer["score"], serde_json::Value::Null);
    assert_eq!(doc["overall"]["answered"], 1);
    assert_eq!(doc["overall"]["score"], 2.5);
}

#[test]
fn regression_answers_write_the_result_as_the_workshop_does_and_print_its_path() {
    let test = Test::new().write("answers.toml", ANSWERS).args([
        "assess",
        "role-model",
        "--answers",
        "answers.toml",
    ]);
    let dir = test.path().to_path_buf();
    let run = test
        .success()
        .stderr("wrote northshire-nhs-trust-role-model-2026-q3.json\n")
        .stdout_has("The 8 Role Model");
    let doc: serde_json::Value =
        serde_json::from_str(&run.file("northshire-nhs-trust-role-model-2026-q3.json")).unwrap();
    assert_eq!(doc["overall"]["score"], 1.0);
    assert_eq!(doc["context"]["method"], "workshop");

    // Run again in the same folder: the Result is never overwritten; the next free name
    // is taken and said.
    let again = Test::new()
        .write("answers.toml", ANSWERS)
        .write(
            "northshire-nhs-trust-role-model-2026-q3.json",
            std::fs::read(dir.join("northshire-nhs-trust-role-model-2026-q3.json")).unwrap(),
        )
        .args(["assess", "role-model", "--answers", "answers.toml"])
        .success()
        .stderr(
            "northshire-nhs-trust-role-model-2026-q3.json already exists, so the Result is written to northshire-nhs-trust-role-model-2026-q3-2.json\nwrote northshire-nhs-trust-role-model-2026-q3-2.json\n",
        );
    assert!(
        again
            .file("northshire-nhs-trust-role-model-2026-q3-2.json")
            .contains("plead.result/1")
    );
}

#[test]
fn answers_with_out_write_only_there() {
    let run = Test::new()
        .write("answers.toml", ANSWERS)
        .args([
            "assess",
            "role-model",
            "--answers",
            "answers.toml",
            "--out",
            "q3.json",
        ])
        .success()
        .stdout("")
        .stderr("wrote q3.json\n");
    assert!(
        !run.dir
            .join("northshire-nhs-trust-role-model-2026-q3.json")
            .exists()
    );
}

#[test]
fn regression_an_answers_file_with_an_unorderable_period_is_refused() {
    Test::new()
        .write("answers.toml", ANSWERS.replace("2026-Q3", "Oct-Dec 2026"))
        .args(["assess", "role-model", "--answers", "answers.toml"])
        .fails(2)
        .stderr_has("answers.toml: the period \"Oct-Dec 2026\" is not one plead can put in order");
}

/// The clock is resolved once with the rest of the run's surroundings (`Env`): a bad
/// `PLEAD_NOW` stops a command that dates its Result, and only such a command.
#[test]
fn a_bad_plead_now_stops_only_a_command_that_asks_the_time() {
    Test::new()
        .env("PLEAD_NOW", "yesterday")
        .args(["list"])
        .success()
        .stdout_has("building-blocks");
    let answers = std::fs::read(root().join("examples/answers/building-blocks.toml")).unwrap();
    Test::new()
        .env("PLEAD_NOW", "yesterday")
        .write("a.toml", answers)
        .args(["assess", "building-blocks", "--answers", "a.toml"])
        .fails(2)
        .stderr_has(
            "error: PLEAD_NOW=yesterday: not an RFC 3339 time such as 2026-11-21T10:00:00Z: ",
        )
        .stdout("");
}
