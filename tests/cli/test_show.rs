//! `plead show`: each built-in assessment in every format (snapshots), by id or by path,
//! and a closed pipe that is not an error.

use std::process::Command;

use crate::support::{Test, root};

const BUILT_INS: [&str; 3] = ["building-blocks", "role-model", "connection"];

#[test]
fn each_built_in_in_each_format() {
    for id in BUILT_INS {
        for format in ["table", "markdown", "json"] {
            let run = Test::new()
                .args(["show", id, "--format", format])
                .success()
                .stderr("");
            insta::assert_snapshot!(format!("show_{id}_{format}"), run.stdout);
        }
    }
}

#[test]
fn an_assessment_by_path_shows_as_by_id() {
    let path = root().join("assessments/role-model.toml");
    let by_path = Test::new()
        .args(["show", &path.display().to_string(), "-f", "markdown"])
        .success();
    let by_id = Test::new()
        .args(["show", "role-model", "-f", "markdown"])
        .success();
    assert_eq!(by_path.stdout, by_id.stdout);
    assert!(
        by_id
            .stdout
            .starts_with("# The 8 Role Model (role-model 1.1.0)\n")
    );
}

#[test]
fn an_unknown_assessment_names_the_known_ones() {
    Test::new()
        .args(["show", "building-block"])
        .fails(2)
        .stdout("")
        .stderr(
            "error: unknown assessment \"building-block\": the available ones are \
             building-blocks, role-model, connection, forty-ways, leader-attributes, culture, \
             involvement (or give a path to a .toml file)\n",
        );
    Test::new()
        .args(["show", "mine.toml"])
        .fails(2)
        .stdout("")
        .stderr("error: mine.toml: no such assessment file\n");
}

#[test]
fn a_file_in_assessments_overrides_the_built_in_of_its_id() {
    let mine = crate::test_validate::MINI
        .replacen("\"mini\"", "\"role-model\"", 1)
        .replacen("title = \"Mini\"", "title = \"Our roles\"", 1);
    Test::new()
        .write("assessments/role-model.toml", mine)
        .args(["show", "role-model", "-f", "markdown"])
        .success()
        .stdout_has("# Our roles (role-model 1.0)\n");
}

/// Runs a shell pipeline with $PLEAD set to the binary, in a directory holding `files`;
/// returns (plead's exit code, what reached the end of the pipe, plead's stderr).
pub fn pipeline(
    files: &[(&str, &str)],
    plead_args: &str,
    reader: &str,
) -> (String, String, String) {
    let dir = tempfile::tempdir().unwrap();
    for (name, contents) in files {
        std::fs::write(dir.path().join(name), contents).unwrap();
    }
    let script = format!("{{ \"$PLEAD\" {plead_args} 2>err; echo $? >code; }} | {reader}",);
    let out = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(dir.path())
        .env("PLEAD", assert_cmd::cargo::cargo_bin("plead"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    (
        read("code").trim().to_string(),
        String::from_utf8(out.stdout).unwrap(),
        read("err"),
    )
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let (code, out, err) = pipeline(&[], "show building-blocks", "head -1");
    assert_eq!(
        (code.as_str(), out.as_str(), err.as_str()),
        (
            "0",
            "10 building blocks for developing patient leadership (building-blocks 1.1.0)\n",
            ""
        )
    );
    // Narrow, the table is larger than a pipe holds (64 KiB), so plead surely writes
    // after head has gone.
    let (code, out, err) = pipeline(&[], "show building-blocks --width 30", "head -1");
    assert_eq!((code.as_str(), err.as_str()), ("0", ""), "{out}");
}
