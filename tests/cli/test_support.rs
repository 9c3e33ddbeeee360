//! The `Test` builder's defaults, which every other test leans on: a run is expected to
//! exit 0 and to print nothing on stderr unless the test says otherwise.

use super::support::Test;

/// Regression: the builder asserted nothing by default, so a test could pass over a
/// failing run.
#[test]
#[should_panic(expected = "expected exit code 0, got 2")]
fn a_run_is_expected_to_succeed_unless_told_otherwise() {
    let _ = Test::new().args(["show", "no-such-assessment"]).run();
}

#[test]
#[should_panic(expected = "stderr was not empty and no check looked at it")]
fn a_run_that_prints_on_stderr_fails_unless_a_check_looks_at_it() {
    let _ = Test::new().args(["show", "no-such-assessment"]).fails(2);
}

#[test]
fn the_opt_outs_say_what_is_expected_instead() {
    let run = Test::new()
        .args(["show", "no-such-assessment"])
        .any_code()
        .run()
        .any_stderr();
    assert_eq!(run.code, 2);
    Test::new()
        .args(["show", "no-such-assessment"])
        .fails(2)
        .stderr_has("no-such-assessment")
        .stdout("");
    Test::new().args(["list"]).success().stderr("");
}
