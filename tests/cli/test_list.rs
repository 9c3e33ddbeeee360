//! `plead list`: the built-ins, and files in ./assessments or `--assessments DIR` that add
//! to or override them.

use crate::support::Test;
use crate::test_validate::MINI;

#[test]
fn lists_the_built_ins() {
    Test::new().arg("list").success().stderr("").stdout(
        "\
┌───────────────────┬─────────────────────────────────────────────────┬─────────┬───────┬──────────┐
│ Id                ┆ Title                                           ┆ Version ┆ Items ┆ From     │
╞═══════════════════╪═════════════════════════════════════════════════╪═════════╪═══════╪══════════╡
│ building-blocks   ┆ 10 building blocks for developing patient       ┆ 1.1.0   ┆    10 ┆ built-in │
│                   ┆ leadership                                      ┆         ┆       ┆          │
│ role-model        ┆ The 8 Role Model                                ┆ 1.1.0   ┆     8 ┆ built-in │
│ connection        ┆ How well connected are you to Patient Leaders?  ┆ 1.1.0   ┆     6 ┆ built-in │
│ forty-ways        ┆ Bring it on: 40 ways to support Patient         ┆ 1.1.0   ┆    40 ┆ built-in │
│                   ┆ Leadership                                      ┆         ┆       ┆          │
│ leader-attributes ┆ The attributes of effective Patient Leaders     ┆ 1.1.0   ┆     8 ┆ built-in │
│ culture           ┆ Test your own culture: how leaders embed        ┆ 1.1.0   ┆     5 ┆ built-in │
│                   ┆ Patient Leadership                              ┆         ┆       ┆          │
│ involvement       ┆ Involving patients in improvement work          ┆ 1.1.0   ┆     9 ┆ built-in │
└───────────────────┴─────────────────────────────────────────────────┴─────────┴───────┴──────────┘

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
┌───────────────────┬──────────────────────────────┬─────────┬───────┬─────────────────────────────┐
│ Id                ┆ Title                        ┆ Version ┆ Items ┆ From                        │
╞═══════════════════╪══════════════════════════════╪═════════╪═══════╪═════════════════════════════╡
│ building-blocks   ┆ 10 building blocks for       ┆ 1.1.0   ┆    10 ┆ built-in                    │
│                   ┆ developing patient           ┆         ┆       ┆                             │
│                   ┆ leadership                   ┆         ┆       ┆                             │
│ role-model        ┆ The 8 Role Model             ┆ 1.1.0   ┆     8 ┆ built-in                    │
│ connection        ┆ Our connection tool          ┆ 1.0     ┆     2 ┆ assessments/connection.toml │
│ forty-ways        ┆ Bring it on: 40 ways to      ┆ 1.1.0   ┆    40 ┆ built-in                    │
│                   ┆ support Patient Leadership   ┆         ┆       ┆                             │
│ leader-attributes ┆ The attributes of effective  ┆ 1.1.0   ┆     8 ┆ built-in                    │
│                   ┆ Patient Leaders              ┆         ┆       ┆                             │
│ culture           ┆ Test your own culture: how   ┆ 1.1.0   ┆     5 ┆ built-in                    │
│                   ┆ leaders embed Patient        ┆         ┆       ┆                             │
│                   ┆ Leadership                   ┆         ┆       ┆                             │
│ involvement       ┆ Involving patients in        ┆ 1.1.0   ┆     9 ┆ built-in                    │
│                   ┆ improvement work             ┆         ┆       ┆                             │
│ mini              ┆ Mini                         ┆ 1.0     ┆     2 ┆ assessments/mini.toml       │
└───────────────────┴──────────────────────────────┴─────────┴───────┴─────────────────────────────┘

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
/// Since "leader-attributes" joined the built-ins, 64 columns is the least at which every
/// id and every title word fits whole (5 columns, 16 of borders and padding).
#[test]
fn a_narrow_table_wraps_titles_but_keeps_ids_whole() {
    let run = Test::new().args(["list", "--width", "64"]).success();
    for id in [
        "building-blocks",
        "role-model",
        "connection",
        "forty-ways",
        "leader-attributes",
        "culture",
        "involvement",
    ] {
        assert!(run.stdout.contains(&format!("│ {id} ")), "{}", run.stdout);
    }
    assert!(
        run.stdout.lines().all(|l| l.chars().count() <= 64),
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
