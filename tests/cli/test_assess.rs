//! `plead assess --answers`: the workshop run without prompts.

use crate::support::Test;

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
        .success();
    let doc: serde_json::Value = serde_json::from_str(&run.file("r.json")).unwrap();
    assert_eq!(doc["schema"], "plead.result/1");
    assert_eq!(doc["overall"]["score"], 1.0);
    assert_eq!(doc["overall"]["percent"], 50.0);
    assert_eq!(doc["context"]["organisation"], "Northshire NHS Trust");
}
