//! Drafts are checked like answers files: a draft changed outside plead (anyone who can
//! write to `.plead/` can) is refused on resume with its problems listed, and left as it
//! is; a draft of another version of the assessment is reported as such.

use serde_json::{Value, json};

use crate::support::{Run, Test};

const DRAFT: &str = ".plead/draft-role-model.json";

/// A draft of role-model, one item answered, as plead saves it.
fn draft() -> Value {
    let catalog = plead::assessment::Catalog::load(None).unwrap();
    let a = catalog.resolve("role-model").unwrap().assessment;
    json!({
        "schema": "plead.draft/1",
        "assessment": "role-model",
        "version": a.version,
        "definition_hash": a.definition_hash(),
        "organisation": "N",
        "period": "Q",
        "saved": "2026-12-01T09:00:00Z",
        "position": 1,
        "skipped": [],
        "answers": {
            "organisation": null, "period": null, "raters": [],
            "items": {
                "people-and-families": {
                    "rating": { "value": 1 }, "examples": [], "notes": ["Jo covers it"],
                    "target": 2, "action": null,
                    "fields": { "holder": "Jo Bloggs", "sourcing": "In-house" },
                    "raters": {}
                }
            }
        }
    })
}

/// Resumes `draft`; the run must be refused with each of `problems`, the draft untouched.
fn refused(draft: &Value, problems: &[&str]) -> Run {
    let text = serde_json::to_string_pretty(draft).unwrap();
    let run = Test::new()
        .write(DRAFT, &text)
        .write("s.txt", "review\nFinish\n")
        .args(["assess", "role-model", "--resume", "--script", "s.txt"])
        .fails(2)
        .stderr_has("error: the draft .plead/draft-role-model.json cannot be resumed: ");
    assert!(
        run.stderr
            .starts_with("error: the draft .plead/draft-role-model.json cannot be resumed: "),
        "{}",
        run.stderr
    );
    for p in problems {
        assert!(
            run.stderr.contains(&format!("\n  {p}")),
            "no {p:?} in:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .ends_with("The draft is kept as it is; move it aside to start again\n")
    );
    assert_eq!(run.file(DRAFT), text, "the draft is kept as it was");
    assert_eq!(
        std::fs::read_dir(&run.dir).unwrap().count(),
        2,
        "no Result or report written"
    );
    run
}

fn item(d: &mut Value) -> &mut Value {
    &mut d["answers"]["items"]["people-and-families"]
}

#[test]
fn an_untouched_draft_resumes() {
    let run = Test::new()
        .write(DRAFT, serde_json::to_string(&draft()).unwrap())
        .write("s.txt", "review\nFinish\n")
        .args([
            "assess",
            "role-model",
            "--resume",
            "--script",
            "s.txt",
            "--out",
            "r.json",
        ])
        .success()
        .stderr_has("Saved after every answer to .plead/draft-role-model.json;");
    let doc: Value = serde_json::from_str(&run.file("r.json")).unwrap();
    assert_eq!(doc["items"][0]["score"], 1.0);
}

/// A rating of 2147483647 was accepted and scored 214748365.80 overall.
#[test]
fn a_rating_far_off_the_scale() {
    let mut d = draft();
    item(&mut d)["rating"] = json!({ "value": 2147483647 });
    refused(
        &d,
        &[
            "item \"people-and-families\": rating 2147483647 is outside the scale 0–2 (0 Missing, 1 Partly in place, 2 In place)",
        ],
    );
    item(&mut d)["rating"] = json!({ "value": -5 });
    refused(
        &d,
        &["item \"people-and-families\": rating -5 is outside the scale 0–2"],
    );
}

#[test]
fn not_applicable_on_a_scale_without_it() {
    let mut d = draft();
    item(&mut d)["rating"] = json!("not_applicable");
    refused(
        &d,
        &[
            "item \"people-and-families\": the \"status\" scale does not allow not applicable: give a rating from 0 to 2",
        ],
    );
}

#[test]
fn a_target_off_the_scale() {
    let mut d = draft();
    item(&mut d)["target"] = json!(999);
    refused(
        &d,
        &["item \"people-and-families\": target 999 is outside the scale 0–2"],
    );
}

#[test]
fn an_unknown_item() {
    let mut d = draft();
    d["answers"]["items"]["made-up"] = item(&mut d).clone();
    refused(
        &d,
        &["unknown item \"made-up\" (items of role-model: people-and-families, "],
    );
}

#[test]
fn an_unknown_rater() {
    let mut d = draft();
    d["answers"]["raters"] = json!([{ "label": "Sam", "tag": null }]);
    item(&mut d)["raters"] = json!({ "Mallory": { "value": 2 } });
    refused(
        &d,
        &["item \"people-and-families\": \"Mallory\" is not one of the raters (raters = [Sam])"],
    );
    // A rater's rating off the scale.
    item(&mut d)["raters"] = json!({ "Sam": { "value": 7 } });
    refused(
        &d,
        &["item \"people-and-families\": rating 7 is outside the scale 0–2"],
    );
}

#[test]
fn a_field_value_outside_its_choices_and_an_unknown_field() {
    let mut d = draft();
    item(&mut d)["fields"]["sourcing"] = json!("Offshore");
    item(&mut d)["fields"]["salary"] = json!("£1");
    refused(
        &d,
        &[
            "item \"people-and-families\": \"Offshore\" is not a choice for sourcing (choices: In-house, Shared across the local health economy, External partner)",
            "item \"people-and-families\": unknown field \"salary\" for item \"people-and-families\" (fields: holder, sourcing)",
        ],
    );
}

#[test]
fn examples_on_an_item_not_rated_through_them() {
    let mut d = draft();
    item(&mut d)["examples"] = json!([{ "name": "FT Governor", "rating": { "value": 1 } }]);
    refused(
        &d,
        &[
            "item \"people-and-families\": item \"people-and-families\" is not rated through examples: give a rating",
        ],
    );
}

#[test]
fn a_position_past_the_last_item_and_an_unknown_skipped_item() {
    let mut d = draft();
    d["position"] = json!(u64::MAX);
    d["skipped"] = json!(["made-up"]);
    refused(
        &d,
        &[
            "position: 18446744073709551615 is past the last item (8 items, positions 0 to 8)",
            "skipped: unknown item \"made-up\"",
        ],
    );
}

#[test]
fn a_draft_of_another_assessment() {
    let mut d = draft();
    d["assessment"] = json!("connection");
    refused(
        &d,
        &["assessment: this is a draft of \"connection\", not \"role-model\""],
    );
}

#[test]
fn a_draft_of_another_version_is_reported_as_such() {
    let mut d = draft();
    d["version"] = json!("0.9.0");
    d["definition_hash"] = json!("sha256:0000000000000000");
    d["answers"]["items"]["retired-role"] = item(&mut d).clone();
    let run = refused(&d, &["unknown item \"retired-role\""]);
    assert!(
        run.stderr.contains(
            "cannot be resumed: it was saved with version 0.9.0 of role-model (it is now version 1.1.0), and its answers do not fit:"
        ),
        "{}",
        run.stderr
    );
    // Answers that still fit another version resume, with a note saying which.
    let mut d = draft();
    d["version"] = json!("0.9.0");
    d["definition_hash"] = json!("sha256:0000000000000000");
    Test::new()
        .write(DRAFT, serde_json::to_string(&d).unwrap())
        .write("s.txt", "review\nFinish\n")
        .args(["assess", "role-model", "--resume", "--script", "s.txt", "--out", "r.json"])
        .success()
        .stderr_has(
            "Note: this draft was saved with version 0.9.0 of role-model (it is now version 1.1.0); answers are kept by item id.",
        );
}

/// A draft whose lock is held by a live process (this test's own) is not taken over:
/// the run says who holds it, and "Stop" names the lock file to remove.
#[test]
fn a_draft_in_use_is_not_taken_over() {
    let test = Test::new().write(DRAFT, serde_json::to_string(&draft()).unwrap());
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "this computer".into());
    let lock = format!(
        "pid = {}\nstart_ticks = unknown\nsince = 2026-12-01T09:00:00Z\nhost = {host}\n",
        std::process::id()
    );
    let run = test
        .write(".plead/draft-role-model.json.lock", lock)
        .write("s.txt", "Stop\n")
        .args(["assess", "role-model", "--script", "s.txt"])
        .fails(2)
        .stderr_has(&format!(
            "The draft .plead/draft-role-model.json is in use by another plead assess (process {} on {host}, since 2026-12-01T09:00:00Z)",
            std::process::id()
        ))
        .stderr_has("remove .plead/draft-role-model.json.lock and run again");
    assert_eq!(run.file(DRAFT), serde_json::to_string(&draft()).unwrap());
}

#[test]
fn regression_machine_details_the_draft_offer_says_when_it_was_saved_as_people_read_it() {
    let run = Test::new()
        .write(DRAFT, serde_json::to_string(&draft()).unwrap())
        .write("s.txt", "y\nreview\nFinish\n")
        .args([
            "assess",
            "role-model",
            "--script",
            "s.txt",
            "--out",
            "r.json",
        ])
        .run().stderr_has("A draft of The 8 Role Model for N, Q is saved: 1 of 8 items answered, last saved 1 December 2026, 09:00 UTC.");
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(
        all.contains("last saved 1 December 2026, 09:00 UTC."),
        "{all}"
    );
}
