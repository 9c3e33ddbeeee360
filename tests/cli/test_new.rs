//! `plead new`: a commented scaffold that validates as it stands, is never written over
//! without --force, and runs as an assessment.

use crate::support::Test;

#[test]
fn the_scaffold_validates_shows_and_explains_its_keys() {
    let run = Test::new()
        .args(["new", "our-framework"])
        .success()
        .stderr_has("wrote our-framework.toml");
    let text = run.file("our-framework.toml");
    assert!(text.contains("id = \"our-framework\"\n"), "{text}");
    // Every top-level key and every table is explained by a comment.
    for key in [
        "id =",
        "title =",
        "version =",
        "source =",
        "description =",
        "note =",
        "gap_threshold =",
        "action_list =",
        "[[scales]]",
        "[[themes]]",
        "[[items]]",
        "[[fields]]",
        "[[bands]]",
        "[[findings]]",
    ] {
        let at = text.find(key).unwrap_or_else(|| panic!("no {key}"));
        let before = text[..at].trim_end().lines().last().unwrap();
        assert!(before.starts_with('#'), "{key} has no comment: {before}");
    }
    Test::new()
        .write("our-framework.toml", &text)
        .args(["validate", "our-framework.toml"])
        .success()
        .stdout("our-framework.toml: ok (our-framework 0.1.0, 2 items)\n");
    let run = Test::new()
        .write("assessments/our-framework.toml", &text)
        .args(["show", "our-framework", "-f", "json"])
        .success();
    let shown: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(shown["items"].as_array().unwrap().len(), 2);
}

#[test]
fn an_existing_file_is_kept_unless_forced_and_out_names_the_file() {
    Test::new()
        .write("mine.toml", "id = \"mine\"\n")
        .args(["new", "mine"])
        .fails(2)
        .stderr_has("mine.toml already exists: choose another name, or add --force");
    let run = Test::new()
        .write("mine.toml", "id = \"mine\"\n")
        .args(["new", "mine", "--force"])
        .success()
        .stderr_has("wrote mine.toml");
    assert!(run.file("mine.toml").contains("[[items]]"));
    let run = Test::new()
        .args(["new", "ours", "--out", "elsewhere.toml"])
        .success()
        .stderr_has("wrote elsewhere.toml");
    assert!(run.file("elsewhere.toml").contains("id = \"ours\""));
    let run = Test::new().args(["new", "ours", "--out", "-"]).success();
    assert!(run.stdout.starts_with("# A custom assessment for plead."));
}

#[test]
fn a_bad_id_is_refused_with_what_would_be_valid() {
    Test::new()
        .args(["new", "Our Framework"])
        .fails(2)
        .stderr(
            "error: id \"Our Framework\" must be lower-case letters, digits and '-' (e.g. \"our-framework\"): it names the assessment in commands and files\n",
        );
}
