//! `plead completions` and `plead man`: generated from the CLI definition, so they know
//! every subcommand, including the newest.

use crate::support::Test;

#[test]
fn completions_for_each_shell_know_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = Test::new().args(["completions", shell]).success();
        for sub in ["assess", "score", "template", "new", "completions", "man"] {
            assert!(run.stdout.contains(sub), "{shell}: no {sub}");
        }
    }
    let run = Test::new().args(["completions", "bash"]).success();
    assert!(run.stdout.contains("_plead()"), "{}", run.stdout);
    assert!(
        run.stdout.contains("--group-by"),
        "bash completes score's flags"
    );
    Test::new()
        .args(["completions", "tcsh"])
        .fails(2)
        .stderr_has("invalid value 'tcsh'");
}

#[test]
fn the_man_page_has_every_subcommand_and_its_options() {
    let run = Test::new().arg("man").success();
    assert!(run.stdout.contains(".TH plead 1"), "{}", run.stdout);
    for section in ["PLEAD SCORE", "PLEAD TEMPLATE", "PLEAD NEW", "PLEAD DIFF"] {
        assert!(
            run.stdout.contains(&format!(".SH \"{section}\"")),
            "no {section}"
        );
    }
    assert!(run.stdout.contains("\\-\\-respondents"), "score's options");
    let run = Test::new()
        .args(["man", "--out", "plead.1"])
        .success()
        .stderr_has("wrote plead.1");
    assert!(run.file("plead.1").starts_with(".ie"));
    Test::new()
        .write("plead.1", "mine")
        .args(["man", "--out", "plead.1"])
        .fails(2)
        .stderr_has("plead.1 already exists");
}
