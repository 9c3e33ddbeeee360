//! `plead list`: the built-ins, and files in ./assessments or `--assessments DIR` that add
//! to or override them.

use crate::support::Test;
use crate::test_validate::MINI;

#[test]
fn lists_the_built_ins() {
    Test::new().arg("list").success().stderr("").stdout(
        "\
┌─────────────────┬────────────────────────────────────────────────┬─────────┬───────┬──────────┐
│ Id              ┆ Title                                          ┆ Version ┆ Items ┆ From     │
╞═════════════════╪════════════════════════════════════════════════╪═════════╪═══════╪══════════╡
│ building-blocks ┆ 10 building blocks for developing patient      ┆ 1.0.0   ┆    10 ┆ built-in │
│                 ┆ leadership                                     ┆         ┆       ┆          │
│ role-model      ┆ The 8 Role Model                               ┆ 1.0.0   ┆     8 ┆ built-in │
│ connection      ┆ How well connected are you to Patient Leaders? ┆ 1.0.0   ┆     6 ┆ built-in │
└─────────────────┴────────────────────────────────────────────────┴─────────┴───────┴──────────┘

",
    );
}

#[test]
fn a_file_in_assessments_adds_to_or_overrides_the_built_ins_and_a_broken_one_is_skipped() {
    let mine = MINI.replacen("\"mini\"", "\"connection\"", 1).replacen(
        "title = \"Mini\"",
        "title = \"Our connection tool\"",
        1,
    );
    Test::new()
        .write("assessments/mini.toml", MINI)
        .write("assessments/connection.toml", mine)
        .write("assessments/broken.toml", "id = \"broken\"\n")
        .write("assessments/notes.txt", "not an assessment")
        .arg("list")
        .success()
        .stderr(
            "warning: skipped an assessment file that does not validate:\n\
             assessments/broken.toml:1:1: missing field `title`\n",
        )
        .stdout(
            "\
┌─────────────────┬────────────────────────────────┬─────────┬───────┬─────────────────────────────┐
│ Id              ┆ Title                          ┆ Version ┆ Items ┆ From                        │
╞═════════════════╪════════════════════════════════╪═════════╪═══════╪═════════════════════════════╡
│ building-blocks ┆ 10 building blocks for         ┆ 1.0.0   ┆    10 ┆ built-in                    │
│                 ┆ developing patient leadership  ┆         ┆       ┆                             │
│ role-model      ┆ The 8 Role Model               ┆ 1.0.0   ┆     8 ┆ built-in                    │
│ connection      ┆ Our connection tool            ┆ 1.0     ┆     2 ┆ assessments/connection.toml │
│ mini            ┆ Mini                           ┆ 1.0     ┆     2 ┆ assessments/mini.toml       │
└─────────────────┴────────────────────────────────┴─────────┴───────┴─────────────────────────────┘

",
        );
}

#[test]
fn an_assessments_directory_given_overrides_the_local_one() {
    let local = MINI.replacen("title = \"Mini\"", "title = \"Local\"", 1);
    let given = MINI.replacen("title = \"Mini\"", "title = \"Given\"", 1);
    let run = Test::new()
        .write("assessments/mini.toml", local)
        .write("elsewhere/mini.toml", given)
        .args(["list", "--assessments", "elsewhere", "--width", "200"])
        .success();
    let mini: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains(" mini "))
        .collect();
    assert_eq!(mini.len(), 1, "{}", run.stdout);
    assert!(
        mini[0].contains("Given") && mini[0].contains("elsewhere/mini.toml"),
        "{}",
        mini[0]
    );
}

#[test]
fn a_missing_assessments_directory_is_an_error() {
    Test::new()
        .args(["list", "--assessments", "nowhere"])
        .fails(2)
        .stdout("")
        .stderr("error: --assessments nowhere: no such directory\n");
}

/// Regression: at 62 columns "building-blocks" was broken into "building-blo" / "cks".
#[test]
fn a_narrow_table_wraps_titles_but_keeps_ids_whole() {
    let run = Test::new().args(["list", "--width", "62"]).success();
    for id in ["building-blocks", "role-model", "connection"] {
        assert!(run.stdout.contains(&format!("│ {id} ")), "{}", run.stdout);
    }
    assert!(
        run.stdout.lines().all(|l| l.chars().count() <= 62),
        "{}",
        run.stdout
    );
    // Narrower than the words allow, words break but the width holds.
    let run = Test::new().args(["list", "--width", "30"]).success();
    assert!(
        run.stdout.lines().all(|l| l.chars().count() <= 30),
        "{}",
        run.stdout
    );
}
