//! Scales as survey questions really are: numeric points with no labels, other
//! spellings of points and of "not applicable" (`aliases`), and items on scales of
//! different lengths, whose overall and theme figures are percents only.

use crate::support::Test;

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

/// Three items on 1–5 (numbers only, no points at all), 1–7 (two labelled ends) and
/// 0–5 (numbered points without labels, and aliases).
const MIXED: &str = r#"id = "mixed"
title = "Mixed"
version = "1"
source = "A test"

[[scales]]
id = "five"
min = 1
max = 5

[[scales]]
id = "seven"
points = [{ value = 1, label = "Never" }, { value = 7, label = "Always" }]

[[scales]]
id = "zero-five"
not_applicable = true
points = [{ value = 0 }, { value = 5 }]
aliases = { not_applicable = ["Unfamiliar (N/A)"], 3 = ["Sometimes"] }

[[themes]]
id = "one"
title = "One"

[[themes]]
id = "two"
title = "Two"

[[items]]
id = "a"
theme = "one"
text = "Item A"
scale = "five"

[[items]]
id = "b"
theme = "one"
text = "Item B"
scale = "seven"

[[items]]
id = "c"
theme = "two"
text = "Item C"
scale = "zero-five"
"#;

#[test]
fn regression_a_numeric_scale_needed_invented_labels() {
    Test::new()
        .write("mixed.toml", MIXED)
        .args(["validate", "mixed.toml"])
        .success();
    let run = Test::new()
        .write("mixed.toml", MIXED)
        .args(["show", "mixed.toml", "-f", "json"])
        .success();
    let doc = json(&run.stdout);
    // A point given without a label is labelled with its number; an alias of a point
    // not listed (3) adds it, labelled with its number.
    let zero_five = &doc["scales"][2];
    let labels: Vec<&str> = zero_five["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["0", "3", "5"]);
    assert_eq!(
        zero_five["points"][1]["aliases"],
        serde_json::json!(["Sometimes"])
    );
    assert_eq!(
        zero_five["not_applicable_aliases"],
        serde_json::json!(["Unfamiliar (N/A)"])
    );
    // `show` says a scale of numbers only in words, and the other spellings beside
    // what they stand for.
    Test::new()
        .write("mixed.toml", MIXED)
        .args(["show", "mixed.toml"])
        .success()
        .stdout_has(
            "Scale \"five\": 1 to 5\nA whole number from 1 to 5; the points have no labels.",
        )
        .stdout_has("Also read: Sometimes.")
        .stdout_has("Counted, never averaged in. Also read: Unfamiliar (N/A).");
}

#[test]
fn regression_unfamiliar_na_was_rejected_with_no_hint_and_aliases_read_it() {
    // Item c: "Unfamiliar (N/A)" (an alias of not applicable), "Sometimes" (3), "5", "0".
    let csv = "a,b,c\n1,1,Unfamiliar (N/A)\n5,7,Sometimes\n3,4,5\n2,Always,0\n";
    let run = Test::new()
        .write("mixed.toml", MIXED)
        .write("r.csv", csv)
        .args(["score", "mixed.toml", "r.csv", "--min-group", "1", "-f", "json"])
        .success().stderr_has("read r.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 4 rows, 4 respondents");
    let doc = json(&run.stdout);
    let c = &doc["items"][2];
    assert_eq!(c["not_applicable"], 1);
    assert_eq!(c["n"], 3);
    // (3 + 5 + 0) / 3.
    assert!((c["score"].as_f64().unwrap() - 8.0 / 3.0).abs() < 1e-9);

    // Without the aliases, the rejection says which key would read it.
    let plain = MIXED.replace(
        "aliases = { not_applicable = [\"Unfamiliar (N/A)\"], 3 = [\"Sometimes\"] }\n",
        "",
    );
    let run = Test::new()
        .write("mixed.toml", &plain)
        .write("r.csv", csv)
        .args(["score", "mixed.toml", "r.csv", "--min-group", "1", "-f", "json"])
        .success().stderr_has("read r.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 4 rows, 4 respondents, 2 cells rejected");
    let doc = json(&run.stdout);
    let reasons: Vec<&str> = doc["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reason"].as_str().unwrap())
        .collect();
    assert!(
        reasons[0].starts_with("not a rating, though it reads like \"not applicable\": if that is what it means, list it in the assessment file under the scale's aliases (scale \"zero-five\": aliases = { not_applicable = [\"…\"] })"),
        "{reasons:?}"
    );
    assert!(
        reasons[1].starts_with("not a rating: give a number 0–5"),
        "{reasons:?}"
    );
}

#[test]
fn bad_aliases_point_at_the_table() {
    let bad = MIXED.replace("3 = [\"Sometimes\"]", "9 = [\"Sometimes\"]");
    let run = Test::new()
        .write("bad.toml", &bad)
        .args(["validate", "bad.toml"])
        .fails(2)
        .stderr_has(
            "bad.toml:19:11: aliases.9: a key is a point of the scale (0–5) or not_applicable",
        );
    assert!(
        run.stderr.contains(
            "bad.toml:19:11: aliases.9: a key is a point of the scale (0–5) or not_applicable"
        ),
        "{}",
        run.stderr
    );
    let twice = MIXED.replace("3 = [\"Sometimes\"]", "3 = [\"5\"]");
    let run = Test::new()
        .write("bad.toml", &twice)
        .args(["validate", "bad.toml"])
        .fails(2).stderr_has("bad.toml:19:11: aliases.3: \"5\" is empty or already names a point of this scale: each spelling must name one thing");
    assert!(
        run.stderr
            .contains("\"5\" is empty or already names a point"),
        "{}",
        run.stderr
    );
}

#[test]
fn regression_a_mean_of_raw_scores_across_scales_of_different_lengths() {
    // a (1–5): 1, 5, 3, 2 → 11/4 = 2.75 → (2.75 − 1)/4 = 43.75%.
    // b (1–7): 1, 7, 4, "Always" (7) → 19/4 = 4.75 → (4.75 − 1)/6 = 62.5%.
    // c (0–5): N/A, 3, 5, 0 → 8/3 → 53.33…%.
    // Theme one (a, b): percent (43.75 + 62.5)/2 = 53.125, no score (1–5 beside 1–7).
    // Theme two (c only): score 8/3 and its percent.
    // Overall: percent (43.75 + 62.5 + 53.333…)/3 = 53.069…, no score.
    let csv = "a,b,c\n1,1,Unfamiliar (N/A)\n5,7,Sometimes\n3,4,5\n2,Always,0\n";
    let run = Test::new()
        .write("mixed.toml", MIXED)
        .write("r.csv", csv)
        .args(["score", "mixed.toml", "r.csv", "--min-group", "1", "-f", "json"])
        .success().stderr_has("read r.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 4 rows, 4 respondents");
    let doc = json(&run.stdout);
    assert_eq!(doc["items"][0]["score"], 2.75);
    assert_eq!(doc["items"][1]["percent"], 62.5);
    assert!(doc["overall"]["score"].is_null());
    let overall = doc["overall"]["percent"].as_f64().unwrap();
    assert!((overall - (43.75 + 62.5 + 800.0 / 15.0) / 3.0).abs() < 1e-6);
    assert!(
        doc["overall"]["note"]
            .as_str()
            .unwrap()
            .starts_with("The items are rated on scales of different lengths (1–5, 1–7, 0–5)")
    );
    assert!(doc["themes"][0]["score"].is_null());
    assert_eq!(doc["themes"][0]["percent"], 53.125);
    assert!((doc["themes"][1]["score"].as_f64().unwrap() - 8.0 / 3.0).abs() < 1e-6);

    let run = Test::new()
        .write("mixed.toml", MIXED)
        .write("r.csv", csv)
        .args(["score", "mixed.toml", "r.csv", "--min-group", "1", "-f", "markdown"])
        .success().stderr_has("read r.csv: generic layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 4 rows, 4 respondents");
    assert!(
        run.stdout
            .contains("The items are rated on scales of different lengths (1–5, 1–7, 0–5)"),
        "{}",
        run.stdout
    );
}
