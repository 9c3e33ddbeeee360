//! Every input the fuzzers found that crashed or hung plead, replayed through the same
//! target bodies (`fuzz_harness.rs`) on each `cargo test`, so a fixed crash stays fixed.
//! Inputs live in `tests/fixtures/fuzz/<target>/`, each named after what it pins.

use std::path::Path;

use super::fuzz_harness as harness;
use super::support::root;

/// Runs each input in `tests/fixtures/fuzz/<target>` through `body`, naming the file
/// of any that panics. A missing or empty folder fails: a replay of nothing proves
/// nothing (each target has at least a `seed-*` input besides the crashes it pins).
fn replay(target: &str, body: fn(&[u8])) {
    let dir = root().join("tests/fixtures/fuzz").join(target);
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}: every fuzz target has inputs here", dir.display()));
    let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    assert!(!paths.is_empty(), "{} holds no inputs", dir.display());
    paths.sort();
    for path in paths {
        let data = std::fs::read(&path).unwrap();
        if std::panic::catch_unwind(|| body(&data)).is_err() {
            panic!("{} fails again", path.display());
        }
    }
}

#[test]
fn assessment_inputs_found_by_fuzzing() {
    replay("assessment", harness::assessment);
}

#[test]
fn answers_inputs_found_by_fuzzing() {
    replay("answers", harness::answers);
}

#[test]
fn survey_inputs_found_by_fuzzing() {
    replay("survey", harness::survey);
}

#[test]
fn header_inputs_found_by_fuzzing() {
    replay("headers", harness::headers);
}

#[test]
fn cell_inputs_found_by_fuzzing() {
    replay("cell", harness::cell);
}

#[test]
fn result_inputs_found_by_fuzzing() {
    replay("result", harness::result);
}

#[test]
fn render_inputs_found_by_fuzzing() {
    replay("render", harness::render);
}

/// The seeds the fuzzers start from hold every invariant too: the shipped assessments,
/// the example answers and Results, the survey fixtures.
#[test]
fn the_fuzz_seeds_pass_every_target() {
    let files = |dir: &str, ext: &str| -> Vec<Vec<u8>> {
        let mut paths: Vec<_> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == ext))
            .collect();
        paths.sort();
        paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
    };
    for text in files("assessments", "toml") {
        harness::assessment(&text);
    }
    let n = harness::builtins().len();
    for (i, a) in harness::builtins().iter().enumerate() {
        let answers = root().join(format!("examples/answers/{}.toml", a.id));
        if let Ok(text) = std::fs::read(&answers) {
            harness::answers(&[&[i as u8][..], &text].concat());
        }
    }
    for csv in files("tests/fixtures/survey", "csv") {
        for i in 0..n {
            harness::survey(&[&[i as u8, 4, 0, 0][..], &csv].concat());
        }
    }
    for json in files("examples/northshire", "json") {
        harness::result(&json);
    }
    harness::render(&[0; 64]);
    assert!(Path::new(&root().join("fuzz/Cargo.toml")).exists());
}

#[test]
fn spreadsheet_inputs_found_by_fuzzing() {
    replay("spreadsheet", harness::spreadsheet);
}

#[test]
fn draft_inputs_found_by_fuzzing() {
    replay("draft", harness::draft);
}

/// The seeds of the two newest targets (fuzz/seeds/) go through them on every test run.
#[test]
fn the_spreadsheet_and_draft_seeds_run() {
    for (target, body) in [
        ("spreadsheet", harness::spreadsheet as fn(&[u8])),
        ("draft", harness::draft),
    ] {
        let dir = root().join("fuzz/seeds").join(target);
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            body(&std::fs::read(entry.unwrap().path()).unwrap());
            n += 1;
        }
        assert!(n > 0, "no seeds in {}", dir.display());
    }
}

/// Regression: 4 of the 7 replay tests ran zero inputs, their folder missing. Every
/// target in fuzz/fuzz_targets has a folder of inputs, and a replay test.
#[test]
fn every_fuzz_target_has_inputs_to_replay() {
    let this = std::fs::read_to_string(root().join("tests/cli/test_fuzz.rs")).unwrap();
    let mut targets = 0;
    for entry in std::fs::read_dir(root().join("fuzz/fuzz_targets")).unwrap() {
        let path = entry.unwrap().path();
        let target = path.file_stem().unwrap().to_str().unwrap().to_string();
        let dir = root().join("tests/fixtures/fuzz").join(&target);
        let inputs = std::fs::read_dir(&dir).map_or(0, |d| d.count());
        assert!(
            inputs > 0,
            "fuzz target {target}: no inputs in {}",
            dir.display()
        );
        assert!(
            this.contains(&format!("replay(\"{target}\", harness::{target})")),
            "fuzz target {target} has no replay test"
        );
        targets += 1;
    }
    assert_eq!(targets, 9);
}
