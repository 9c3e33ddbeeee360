//! The actions log: `plead actions` (list, add, review), workshops that keep it
//! (`assess --actions`, from answers files and the scripted prompts), and "You said, we
//! did" in reports, diffs and trends. Two quarters are run end to end, each run in its
//! own directory with the files the last one left carried over.

use serde_json::Value;

use crate::support::{Run, Test};

const Q2: &str = r#"assessment = "building-blocks"
organisation = "Northshire NHS Trust"
period = "2026-Q2"

[answers.co-design]
rating = 1
target = 3
action = "Invite patient leaders to the first meeting of every redesign"
owner = "Head of Service Redesign"
due = 2026-09-30

[answers.close-the-loop]
rating = 1
action = "Publish 'you said, we did' on every ward each quarter"
owner = "Head of Patient Experience"
due = "31 August 2026"

[answers.training]
rating = 2
"#;

const Q3: &str = r#"assessment = "building-blocks"
organisation = "Northshire NHS Trust"
period = "2026-Q3"

[actions."A1"]
status = "in progress"
note = "The first posters went up in July"

[actions."A2"]
status = "done"
note = "Patient leaders were at all three redesign kick-offs"

[answers.co-design]
rating = 3

[answers.close-the-loop]
rating = 2

[answers.training]
rating = 2
"#;

/// A new test directory holding `files` as `run` left them.
fn carry(run: &Run, files: &[&str]) -> Test {
    let mut test = Test::new();
    for f in files {
        test = test.write(f, run.file(f));
    }
    test
}

fn assess(test: Test, answers: &str, now: &str, out: &str) -> Run {
    test.write("answers.toml", answers)
        .env("PLEAD_NOW", now)
        .args([
            "assess",
            "building-blocks",
            "--answers",
            "answers.toml",
            "--actions",
            "actions.toml",
            "--out",
            out,
        ])
        .success()
        .any_stderr()
}

/// Q2 agreed, then Q3 reviewed, through answers files: the directory after Q3.
fn two_quarters() -> Run {
    let q2 = assess(Test::new(), Q2, "2026-04-23T16:00:00Z", "q2.json");
    assert!(
        q2.stderr.contains("actions log actions.toml: added A1, A2"),
        "{}",
        q2.stderr
    );
    let q3 = assess(
        carry(&q2, &["q2.json", "actions.toml"]),
        Q3,
        "2026-07-20T16:00:00Z",
        "q3.json",
    );
    assert!(
        q3.stderr
            .contains("actions log actions.toml: reviewed A1 (in progress), A2 (done)"),
        "{}",
        q3.stderr
    );
    q3
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn a_two_quarter_loop_through_answers_files_agrees_reviews_and_reports() {
    let q3 = two_quarters();
    let log = q3.file("actions.toml");
    insta::assert_snapshot!("actions_log_after_q3", log);
    let listed = carry(&q3, &["actions.toml"])
        .env("PLEAD_NOW", "2026-10-06T10:00:00Z")
        .args(["actions", "actions.toml", "--format", "json"])
        .success();
    let v = json(&listed);
    assert_eq!(v["schema"], "plead.actions/1");
    let a1 = &v["actions"][0];
    assert_eq!(a1["id"], "A1");
    assert_eq!(a1["item"], "close-the-loop");
    assert_eq!(a1["owner"], "Head of Patient Experience");
    assert_eq!(a1["due"], "2026-08-31");
    assert_eq!(a1["status"], "in progress");
    assert_eq!(a1["overdue"], true, "still in progress after 31 August");
    assert_eq!(
        a1["history"][1]["note"],
        "The first posters went up in July"
    );
    assert_eq!(v["actions"][1]["status"], "done");
    assert_eq!(v["actions"][1]["overdue"], false);

    let report = carry(&q3, &["q3.json", "actions.toml"])
        .env("PLEAD_NOW", "2026-07-21T10:00:00Z")
        .args([
            "report",
            "q3.json",
            "--actions",
            "actions.toml",
            "--format",
            "markdown",
        ])
        .success();
    let section = &report.stdout[report.stdout.find("## You said, we did").unwrap()..];
    insta::assert_snapshot!("report_you_said_we_did", section);

    let diff = carry(&q3, &["q2.json", "q3.json", "actions.toml"])
        .env("PLEAD_NOW", "2026-07-21T10:00:00Z")
        .args([
            "diff",
            "q2.json",
            "q3.json",
            "--actions",
            "actions.toml",
            "--format",
            "markdown",
        ])
        .success();
    let section = &diff.stdout[diff.stdout.find("## You said, we did").unwrap()..];
    insta::assert_snapshot!("diff_you_said_we_did", section);
    assert!(section.contains("2026-Q2 1.00 → 2026-Q3 3.00: ▲ improved"));
    assert!(section.contains("“Co-design from the start” scored 1.00"));

    let trend = carry(&q3, &["q2.json", "q3.json", "actions.toml"])
        .args(["trend", "q2.json", "q3.json", "--actions", "actions.toml"])
        .success();
    let section = &trend.stdout[trend.stdout.find("Actions across the periods").unwrap()..];
    insta::assert_snapshot!("trend_actions_across_periods", section);
}

#[test]
fn running_the_same_answers_again_adds_nothing_twice() {
    let q3 = two_quarters();
    let before = q3.file("actions.toml");
    let again = assess(
        carry(&q3, &["actions.toml"]),
        Q3,
        "2026-07-20T16:00:00Z",
        "q3.json",
    );
    assert!(again.stderr.contains("nothing added or reviewed"));
    assert_eq!(again.file("actions.toml"), before);
}

#[test]
fn you_said_we_did_in_every_format() {
    let q3 = two_quarters();
    let files = ["q2.json", "q3.json", "actions.toml"];
    let report = |format: &str| {
        carry(&q3, &files)
            .args([
                "report",
                "q3.json",
                "--actions",
                "actions.toml",
                "--format",
                format,
            ])
            .success()
            .stdout
            .clone()
    };
    // JSON: the Result with one more key, still a Result diff and report read.
    let doc: Value = serde_json::from_str(&report("json")).unwrap();
    assert_eq!(doc["schema"], "plead.result/1");
    assert_eq!(doc["you_said_we_did"]["entries"][0]["id"], "A1");
    assert_eq!(doc["you_said_we_did"]["entries"][1]["status"], "done");
    let html = report("html");
    assert!(html.contains("<section id=\"you_said_we_did\">"));
    assert!(
        html.contains("Publish &#39;you said, we did&#39; on every ward")
            || html.contains("Publish 'you said, we did' on every ward")
    );
    let csv = report("csv");
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("level,id,theme,title,"), "{header}");
    assert!(
        header.contains(",status,") && header.contains(",we_did,"),
        "{header}"
    );
    assert!(csv.lines().any(|l| l.starts_with("action,A2,")), "{csv}");
    let out = carry(&q3, &files)
        .args([
            "diff",
            "q2.json",
            "q3.json",
            "--actions",
            "actions.toml",
            "--out",
            "d.xlsx",
        ])
        .success()
        .stderr("wrote d.xlsx\n");
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(out.dir.join("d.xlsx")).unwrap();
    assert!(book.sheet_names().contains(&"You said, we did".to_string()));
    let sheet = book.worksheet_range("You said, we did").unwrap();
    let ids: Vec<String> = sheet.rows().skip(1).map(|r| r[1].to_string()).collect();
    assert_eq!(ids, ["A1", "A2"]);
    let score = sheet.rows().nth(2).unwrap()[14].clone();
    assert_eq!(
        score,
        calamine::Data::Float(3.0),
        "the score now is a number"
    );
}

/// The Q2 workshop through the prompts: the co-design action asked its owner and due date.
const Q2_SCRIPT: &str = "1\n\n\
1\nt\n3\nInvite patient leaders to the first meeting of every redesign\n\
Head of Service Redesign\nsoon\n30 September 2026\n\n\
review\nFinish\n";

fn workshop(test: Test, script: &str, period: &str, now: &str) -> Run {
    test.write("s.txt", script)
        .env("PLEAD_NOW", now)
        .args([
            "assess",
            "building-blocks",
            "--org",
            "Northshire NHS Trust",
            "--period",
            period,
            "--actions",
            "actions.toml",
            "--script",
            "s.txt",
            "--out",
            &format!("{period}.json"),
        ])
        .any_code()
        .run()
        .any_stderr()
}

#[test]
fn a_two_quarter_loop_through_the_scripted_prompts() {
    let q2 = workshop(Test::new(), Q2_SCRIPT, "2026-Q2", "2026-04-23T16:00:00Z").code(0);
    assert!(
        q2.stderr.contains("\"soon\" is not a date"),
        "{}",
        q2.stderr
    );
    assert!(
        q2.stderr.contains(
            "Actions log: to add: 1 (Co-design from the start). It is updated when the Result is written."
        ),
        "the review says what the log will gain: {}",
        q2.stderr
    );
    let log = q2.file("actions.toml");
    assert!(log.contains("item = \"co-design\""), "{log}");
    assert!(
        log.contains("owner = \"Head of Service Redesign\""),
        "{log}"
    );
    assert!(log.contains("due = 2026-09-30"), "{log}");
    // Q3: before co-design is rated, its open action is shown and reviewed.
    let q3_script = "2\n\n\
d\nPatient leaders were at all three kick-offs\n3\n\n\
review\nFinish\n";
    let q3 = workshop(
        carry(&q2, &["actions.toml", "2026-Q2.json"]),
        q3_script,
        "2026-Q3",
        "2026-07-20T16:00:00Z",
    )
    .code(0);
    let promised = "Promised in 2026-Q2 [A1]: Invite patient leaders to the first meeting of every redesign — Head of Service Redesign, due 30 September 2026. Now open.";
    let shown = q3.stderr.find(promised).expect("the promise is shown");
    let rated = q3
        .stderr
        .find("? Rating › 3")
        .expect("then co-design is rated");
    assert!(shown < rated, "reviewed before it is rated again");
    assert!(
        q3.stderr.contains("Actions log: reviewed A1 (done)."),
        "{}",
        q3.stderr
    );
    let log = q3.file("actions.toml");
    assert!(log.contains("status = \"done\"\nperiod = \"2026-Q3\"\ndate = 2026-07-20\nnote = \"Patient leaders were at all three kick-offs\""), "{log}");
    let diff = carry(&q3, &["actions.toml", "2026-Q2.json", "2026-Q3.json"])
        .args([
            "diff",
            "2026-Q2.json",
            "2026-Q3.json",
            "--actions",
            "actions.toml",
        ])
        .success();
    assert!(diff.stdout.contains("You said, we did"));
    assert!(diff.stdout.contains("Now: done"));
}

#[test]
fn an_interrupted_review_loses_nothing_and_leaves_the_log_as_it_was() {
    let q2 = workshop(Test::new(), Q2_SCRIPT, "2026-Q2", "2026-04-23T16:00:00Z").code(0);
    let log = q2.file("actions.toml");
    // The script stops right after the review's note: the draft holds it, the log is
    // untouched.
    let stopped = workshop(
        carry(&q2, &["actions.toml"]),
        "2\n\nd\nAll three kick-offs\n",
        "2026-Q3",
        "2026-07-20T16:00:00Z",
    )
    .code(2);
    assert!(stopped.stderr.contains("the script ran out of answers"));
    assert_eq!(
        stopped.file("actions.toml"),
        log,
        "the log is written only with the Result"
    );
    let draft: Value =
        serde_json::from_str(&stopped.file(".plead/draft-building-blocks.json")).unwrap();
    assert_eq!(draft["answers"]["reviews"]["A1"]["status"], "done");
    assert_eq!(
        draft["answers"]["reviews"]["A1"]["note"],
        "All three kick-offs"
    );
    // Resumed: the review is not asked again, and reaches the log with the Result.
    let resumed = workshop(
        carry(
            &stopped,
            &["actions.toml", ".plead/draft-building-blocks.json"],
        ),
        "y\n3\n\nreview\nFinish\n",
        "2026-Q3",
        "2026-07-20T17:00:00Z",
    )
    .code(0);
    assert!(
        resumed
            .stderr
            .contains("Reviewed: done — All three kick-offs"),
        "{}",
        resumed.stderr
    );
    assert!(
        resumed
            .file("actions.toml")
            .contains("note = \"All three kick-offs\"")
    );
}

const LOG: &str = r#"# Northshire's promises, kept by hand as well as by plead.
schema = "plead.actions/1"
organisation = "Northshire NHS Trust"

[[action]]
id = "A1"
assessment = "building-blocks"
item = "close-the-loop"   # the board's own priority
text = "Publish 'you said, we did' on every ward each quarter"
owner = "Head of Patient Experience"
due = 2026-08-31
agreed = "2026-Q2"

[[action.history]]
status = "open"
period = "2026-Q2"
date = 2026-04-23
"#;

#[test]
fn overdue_is_judged_on_the_runs_clock() {
    let list = |now: &str| {
        Test::new()
            .write("actions.toml", LOG)
            .env("PLEAD_NOW", now)
            .args(["actions", "actions.toml", "--fail-if-overdue"])
            .any_code()
            .run()
    };
    list("2026-08-31T23:00:00Z")
        .code(0)
        .stdout_has("0 overdue, 1 open");
    list("2026-09-01T08:00:00Z")
        .code(1)
        .stdout_has("1 overdue, 0 open")
        .stderr("error: 1 action is overdue on 1 September 2026: A1 (due 31 August 2026)\n");
}

#[test]
fn the_actions_list_in_the_terminal_and_in_markdown() {
    let q3 = two_quarters();
    for format in ["table", "markdown"] {
        let run = carry(&q3, &["actions.toml"])
            .env("PLEAD_NOW", "2026-10-06T10:00:00Z")
            .args(["actions", "actions.toml", "--format", format])
            .success();
        insta::assert_snapshot!(format!("actions_list_{format}"), run.stdout);
    }
}

/// The example log's A4 answers a finding whose message quotes the report twice: the list
/// names the finding by its first sentence (a row of a few lines, not thirty), and "You
/// said, we did" quotes the whole message.
#[test]
fn the_actions_list_names_a_finding_by_its_first_sentence() {
    let example =
        std::fs::read_to_string(crate::support::root().join("examples/northshire/actions.toml"))
            .unwrap();
    let list = |format: &str| {
        Test::new()
            .write("actions.toml", &example)
            .args(["actions", "actions.toml", "--format", format])
            .success()
            .stdout
            .clone()
    };
    let headline = "finding: The supporting roles of the 8 Role Model are not yet established: run the role-model assessment to find which roles are missing.";
    let quotation = "described an absence of one of those roles";
    let table = list("table");
    let markdown = list("markdown");
    assert!(
        markdown.contains(&format!("| A4 | {headline} | Run the 8 Role Model")),
        "{markdown}"
    );
    let html = list("html");
    assert!(html.contains(headline), "{html}");
    for (format, out) in [("table", &table), ("markdown", &markdown), ("html", &html)] {
        assert!(
            !out.contains(quotation),
            "{format}: the quotation is for You said, we did"
        );
    }
    insta::assert_snapshot!("actions_list_example_table", table);
    let report = Test::new()
        .write("actions.toml", &example)
        .write(
            "q3.json",
            std::fs::read(crate::support::root().join("examples/northshire/2026-Q3.json")).unwrap(),
        )
        .args([
            "report",
            "q3.json",
            "--actions",
            "actions.toml",
            "--format",
            "markdown",
        ])
        .success();
    let section = &report.stdout[report.stdout.find("## You said, we did").unwrap()..];
    assert!(section.contains(quotation), "{section}");
}

#[test]
fn add_and_review_keep_hand_edits() {
    let added = Test::new()
        .write("actions.toml", LOG)
        .args([
            "actions",
            "add",
            "actions.toml",
            "--assessment",
            "building-blocks",
            "--finding",
            "supporting-roles-gap",
            "--text",
            "Name a Linchpin for patient leadership",
            "--owner",
            "Chief Nurse",
            "--due",
            "31 December 2026",
            "--period",
            "2026-Q3",
        ])
        .success()
        .stderr("added A2 to actions.toml\n");
    let log = added.file("actions.toml");
    assert!(
        log.starts_with(LOG),
        "what was written by hand is kept:\n{log}"
    );
    let reviewed = carry(&added, &["actions.toml"])
        .args([
            "actions",
            "review",
            "actions.toml",
            "A1",
            "--status",
            "done",
            "--note",
            "Posters on all 14 wards",
            "--period",
            "2026-Q3",
        ])
        .success()
        .stderr("actions.toml: A1 is done now\n");
    let after = reviewed.file("actions.toml");
    assert!(after.contains("item = \"close-the-loop\"   # the board's own priority"));
    assert!(after.contains("status = \"done\"\nperiod = \"2026-Q3\"\ndate = 2026-11-21\nnote = \"Posters on all 14 wards\""), "{after}");
    let v = json(
        &carry(&reviewed, &["actions.toml"])
            .args(["actions", "actions.toml", "--format", "json"])
            .success(),
    );
    assert_eq!(v["actions"][1]["finding"], "supporting-roles-gap");
    assert_eq!(v["actions"][1]["due"], "2026-12-31");
}

/// A log with one problem, refused with its line and column, exit 2, and left as it is.
#[track_caller]
fn refused(log: &str, message: &str) {
    let run = Test::new()
        .write("actions.toml", log)
        .args([
            "actions",
            "review",
            "actions.toml",
            "A1",
            "--status",
            "done",
        ])
        .fails(2)
        .stderr(&format!("error: {message}\n"));
    assert_eq!(run.file("actions.toml"), log, "the log is untouched");
}

#[test]
fn bad_logs_are_refused_at_their_line_and_column() {
    refused(
        &LOG.replace("item = \"close-the-loop\"", "item = \"close-the-lop\""),
        "actions.toml:8:8: unknown item \"close-the-lop\" (items of building-blocks: decision-making, co-design, training, relationships, access-to-feedback, seldom-heard, qualitative-feedback, close-the-loop, improvement-mind-set, supporting-roles)",
    );
    refused(
        &LOG.replace("status = \"open\"", "status = \"finished\""),
        "actions.toml:15:10: status \"finished\" is not one of \"open\", \"in progress\", \"done\", \"dropped\"",
    );
    refused(
        &LOG.replace("due = 2026-08-31", "due = \"end of summer\""),
        "actions.toml:11:7: due \"end of summer\" is not a date: give a date such as 2026-12-31 or \"31 December 2026\"",
    );
    refused(
        &LOG.replace("due = 2026-08-31", "due = 2026-02-30"),
        "actions.toml:11:7: invalid date, expected day between 01 and 28",
    );
    refused(
        &LOG.replace(
            "assessment = \"building-blocks\"",
            "assessment = \"building-blocs\"",
        ),
        "actions.toml:7:14: unknown assessment \"building-blocs\" (assessments: building-blocks, role-model, connection, forty-ways, leader-attributes, culture, involvement)",
    );
    refused(
        &format!(
            "{LOG}\n[[action]]\nid = \"A1\"\nassessment = \"building-blocks\"\nfinding = \"supporting-roles-gap\"\ntext = \"x\"\nagreed = \"2026-Q2\"\n"
        ),
        "actions.toml:20:6: the id \"A1\" is given to two actions: each action keeps its own id",
    );
}

#[test]
fn a_review_of_an_action_not_in_the_log_is_refused() {
    let run = Test::new()
        .write("actions.toml", LOG)
        .args([
            "actions",
            "review",
            "actions.toml",
            "A9",
            "--status",
            "done",
        ])
        .fails(2)
        .stderr("error: there is no action \"A9\" in actions.toml (its actions: A1)\n");
    assert_eq!(run.file("actions.toml"), LOG);
    let run = Test::new()
        .write("actions.toml", LOG)
        .write("answers.toml", "[actions.\"A9\"]\nstatus = \"done\"\n\n[actions.\"A1\"]\nstatus = \"sorted\"\n")
        .args([
            "assess",
            "building-blocks",
            "--answers",
            "answers.toml",
            "--actions",
            "actions.toml",
        ])
        .fails(2)
        .stderr("error: answers.toml:5:10: status \"sorted\" is not one of \"open\", \"in progress\", \"done\", \"dropped\"\nanswers.toml:1:10: there is no action \"A9\" in the actions log (its actions: A1)\n");
    assert_eq!(run.file("actions.toml"), LOG);
    assert!(!run.dir.join("answers.json").exists());
}

#[test]
fn a_workshop_of_another_organisation_is_refused_the_log() {
    let run = Test::new()
        .write("actions.toml", LOG)
        .write("answers.toml", Q3.replace("Northshire NHS Trust", "Southmoor Trust").replace("[actions.\"A2\"]\nstatus = \"done\"\nnote = \"Patient leaders were at all three redesign kick-offs\"\n", ""))
        .args([
            "assess",
            "building-blocks",
            "--answers",
            "answers.toml",
            "--actions",
            "actions.toml",
            "--out",
            "r.json",
        ])
        .fails(2)
        .stderr("error: actions.toml:3:16: this is the actions log of \"Northshire NHS Trust\", not of \"Southmoor Trust\": give the log of Southmoor Trust (or start one by naming a new file)\n");
    assert_eq!(run.file("actions.toml"), LOG);
    assert!(!run.dir.join("r.json").exists(), "nothing is written");
}

#[test]
fn an_answers_file_names_an_actions_owner_and_due_date_only_with_the_action() {
    Test::new()
        .write("answers.toml", "[answers.co-design]\nrating = 1\nowner = \"Sam\"\n\n[answers.training]\nrating = 1\naction = \"Book the course\"\ndue = \"next year\"\n")
        .args([
            "assess",
            "building-blocks",
            "--answers",
            "answers.toml",
            "--actions",
            "actions.toml",
        ])
        .fails(2)
        .stderr("error: answers.toml:3:9: owner is of an action: give the action too (action = \"…\")\nanswers.toml:8:7: due \"next year\" is not a date: give a date such as 2026-12-31 or \"31 December 2026\"\n");
}

#[test]
fn the_actions_list_in_every_format_and_hostile_text_kept_harmless() {
    let hostile = "=HYPERLINK(\"http://x\") <script>alert(1)</script> \u{1b}[31m";
    let added = Test::new()
        .write("actions.toml", LOG)
        .args([
            "actions",
            "add",
            "actions.toml",
            "--assessment",
            "building-blocks",
            "--item",
            "training",
            "--text",
            hostile,
            "--owner",
            "@owner",
            "--due",
            "2027-01-31",
        ])
        .success()
        .any_stderr();
    let log = added.file("actions.toml");
    let run = carry(&added, &["actions.toml"])
        .args([
            "actions",
            "actions.toml",
            "--out",
            "a.csv",
            "--out",
            "a.html",
            "--out",
            "a.xlsx",
            "--out",
            "a.md",
            "--out",
            "a.json",
        ])
        .success()
        .any_stderr();
    assert_eq!(run.file("actions.toml"), log, "listing changes nothing");
    let csv = run.file("a.csv");
    assert!(csv.starts_with("id,assessment,answers,answers_id,about,text,owner,due,status,"));
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x\"\") <script>"),
        "{csv}"
    );
    assert!(csv.contains(",'@owner,"), "{csv}");
    assert!(!csv.contains('\u{1b}'));
    let html = run.file("a.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
    assert!(!run.file("a.md").contains("<script>"));
    let v: Value = serde_json::from_str(&run.file("a.json")).unwrap();
    assert_eq!(
        v["actions"][1]["text"], hostile,
        "JSON keeps the text as it was"
    );
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(run.dir.join("a.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["Summary", "Actions"]);
    let sheet = book.worksheet_range("Actions").unwrap();
    let text = &sheet.rows().nth(2).unwrap()[5];
    assert!(
        matches!(text, calamine::Data::String(t) if t.starts_with("=HYPERLINK")),
        "stored as text, never a formula: {text:?}"
    );
}

/// On a real terminal at 80×24: the open action of the first item is on the screen with
/// the item before it is rated, a key gives its status, and the review is in the draft
/// at once (Ctrl-C after the rating keeps it, and the log is still as it was).
#[cfg(unix)]
#[test]
fn the_room_reviews_a_promise_on_the_terminal_before_rating_again() {
    use crate::tty::{CTRL_C, Tty};
    let dir = tempfile::tempdir().unwrap();
    let log = LOG.replace("item = \"close-the-loop\"", "item = \"decision-making\"");
    std::fs::write(dir.path().join("actions.toml"), &log).unwrap();
    let mut t = Tty::spawn(
        dir.path(),
        &[
            "assess",
            "building-blocks",
            "--org",
            "Northshire NHS Trust",
            "--period",
            "2026-Q3",
            "--actions",
            "actions.toml",
        ],
        80,
        24,
    );
    let s = t.until(&["? What became of A1?", "Dropped"]);
    assert!(
        s.starts_with("Item 1 of 10 — Invest in Patient Leaders"),
        "{s}"
    );
    assert!(
        s.contains("Promised in 2026-Q2 [A1]: Publish 'you said, we did' on every"),
        "{s}"
    );
    assert!(s.contains("Still open: not started"), "{s}");
    t.send("d");
    t.until(&["? What was done, or why not (optional)"]);
    t.send("Posters on all 14 wards\r");
    t.until(&["? Rating", "Review · ↑↓ Enter"]);
    t.send("3");
    t.until(&["? Enter for the next item, or add"]);
    t.send(CTRL_C);
    assert_eq!(t.exit_code(), 130);
    let draft: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join(".plead/draft-building-blocks.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(draft["answers"]["reviews"]["A1"]["status"], "done");
    assert_eq!(
        draft["answers"]["reviews"]["A1"]["note"],
        "Posters on all 14 wards"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("actions.toml")).unwrap(),
        log,
        "the log is written with the Result, not before"
    );
}

/// The survey's "anything else" question, as building-blocks asks it.
const ANYTHING_ELSE: &str = "Is there anything else you would like to tell us about how your organisation supports patient leaders?";

/// Returns of 30 respondents, `commented` of them answering "Anything else?" with words
/// that name a ward and a person's role: what a poster must never carry.
fn returns_with_comments(commented: usize) -> String {
    let a = plead::assessment::Catalog::load(None)
        .unwrap()
        .resolve("building-blocks")
        .unwrap()
        .assessment
        .clone();
    let mut csv = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = a.items.iter().map(|i| i.id.clone()).collect();
    header.push("Anything else?".into());
    csv.write_record(&header).unwrap();
    for k in 0..30 {
        let mut record: Vec<String> = (0..a.items.len())
            .map(|i| ((k + i) % 5).to_string())
            .collect();
        record.push(if k < commented {
            format!("As the only carer on Marigold ward ({k}) I was never told what changed")
        } else {
            String::new()
        });
        csv.write_record(&record).unwrap();
    }
    String::from_utf8(csv.into_inner().unwrap()).unwrap()
}

/// The survey of `period` scored to `out`, with `commented` comments.
fn survey_result(test: Test, period: &str, commented: usize, out: &str) -> Run {
    test.write("returns.csv", returns_with_comments(commented))
        .args([
            "score",
            "building-blocks",
            "returns.csv",
            "--period",
            period,
        ])
        .args(["--org", "Northshire NHS Trust", "--out", out])
        .success()
        .any_stderr()
}

/// Issue 17 follow-up: an action answering a comment question was taken unchecked,
/// and "You said, we did" named it by its id alone.
#[test]
fn an_action_answering_a_comment_question_is_checked_and_quotes_the_question_and_its_count() {
    let q2 = survey_result(Test::new(), "2026-Q2", 8, "q2.json");
    let q3 = survey_result(carry(&q2, &["q2.json"]), "2026-Q3", 3, "q3.json");
    let add = |test: Test, comment: &str| {
        test.env("PLEAD_NOW", "2026-05-02T10:00:00Z").args([
            "actions",
            "add",
            "actions.toml",
            "--assessment",
            "building-blocks",
            "--comment",
            comment,
            "--text",
            "Tell carers on every ward what changed after they spoke",
            "--owner",
            "Head of Patient Experience",
            "--due",
            "2026-09-30",
            "--period",
            "2026-Q2",
            "--org",
            "Northshire NHS Trust",
        ])
    };
    add(carry(&q3, &["q2.json", "q3.json"]), "anything-els")
        .fails(2)
        .stderr("error: --comment: unknown comment question \"anything-els\" (comment questions of building-blocks: invest-stories, feedback-mechanisms-stories, culture-stories, anything-else)\n");
    let added = add(carry(&q3, &["q2.json", "q3.json"]), "anything-else")
        .success()
        .stderr("added A1 to actions.toml\n");
    let log = added.file("actions.toml");
    assert!(log.contains("comment = \"anything-else\""), "{log}");
    let files = ["q2.json", "q3.json", "actions.toml"];

    let listed = json(
        &carry(&added, &files)
            .args(["actions", "actions.toml", "--format", "json"])
            .success(),
    );
    assert_eq!(listed["actions"][0]["comment"], "anything-else");
    assert_eq!(
        listed["actions"][0]["about"],
        format!("comments: {ANYTHING_ELSE}")
    );

    let report = |format: &str| {
        carry(&added, &files)
            .env("PLEAD_NOW", "2026-07-20T10:00:00Z")
            .args([
                "report",
                "q2.json",
                "--actions",
                "actions.toml",
                "-f",
                format,
            ])
            .success()
            .stdout
            .clone()
    };
    let doc: Value = serde_json::from_str(&report("json")).unwrap();
    let entry = &doc["you_said_we_did"]["entries"][0];
    assert_eq!(entry["answers"], "comment");
    assert_eq!(entry["about"], ANYTHING_ELSE);
    assert_eq!(entry["you_said"]["comments"], 8);
    assert_eq!(entry["you_said"]["period"], "2026-Q2");
    assert_eq!(entry["comments_now"]["count"], 8);
    let section = doc["you_said_we_did"].to_string();
    assert!(
        !section.contains("Marigold"),
        "no comment's words: {section}"
    );

    let markdown = report("markdown");
    let (stories, poster) = markdown.split_once("## You said, we did").unwrap();
    assert!(stories.contains("Marigold"), "the report itself keeps them");
    assert!(
        poster.contains(&format!("“{ANYTHING_ELSE}” — 8 comments in 2026-Q2.")),
        "{poster}"
    );
    assert!(!poster.contains("Marigold"), "{poster}");

    let diff = carry(&added, &files)
        .env("PLEAD_NOW", "2026-07-20T10:00:00Z")
        .args(["diff", "q2.json", "q3.json", "--actions", "actions.toml"])
        .args(["-f", "markdown"])
        .success()
        .any_stderr();
    let (_, poster) = diff.stdout.split_once("## You said, we did").unwrap();
    assert!(
        poster.contains("2026-Q2 8 comments → 2026-Q3 3 comments"),
        "{poster}"
    );
    assert!(!poster.contains("Marigold"), "{poster}");

    // A workshop asks no comment questions: the question is named from the assessment.
    let workshop = assess(
        carry(&added, &["actions.toml"]),
        &Q2.replace("[answers.co-design]\nrating = 1\ntarget = 3\naction = \"Invite patient leaders to the first meeting of every redesign\"\nowner = \"Head of Service Redesign\"\ndue = 2026-09-30\n", "[answers.co-design]\nrating = 1\n").replace("action = \"Publish 'you said, we did' on every ward each quarter\"\nowner = \"Head of Patient Experience\"\ndue = \"31 August 2026\"\n", ""),
        "2026-04-23T16:00:00Z",
        "w.json",
    );
    let shown = carry(&workshop, &["w.json", "actions.toml"])
        .args([
            "report",
            "w.json",
            "--actions",
            "actions.toml",
            "-f",
            "markdown",
        ])
        .success()
        .stdout
        .clone();
    let (_, poster) = shown.split_once("## You said, we did").unwrap();
    assert!(
        poster.contains(&format!("“{ANYTHING_ELSE}” (agreed in 2026-Q2).")),
        "{poster}"
    );
}

#[test]
fn a_log_naming_an_unknown_comment_question_is_refused_at_its_line() {
    refused(
        &LOG.replace(
            "item = \"close-the-loop\"   # the board's own priority",
            "comment = \"anything\"",
        ),
        "actions.toml:8:11: unknown comment question \"anything\" (comment questions of building-blocks: invest-stories, feedback-mechanisms-stories, culture-stories, anything-else)",
    );
    // One that is known reads.
    Test::new()
        .write(
            "actions.toml",
            LOG.replace(
                "item = \"close-the-loop\"   # the board's own priority",
                "comment = \"anything-else\"",
            ),
        )
        .args(["actions", "actions.toml", "-f", "json"])
        .success();
}
