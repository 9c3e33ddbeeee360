//! The workshop in a real pseudo-terminal at the sizes a facilitator meets (80×24, and a
//! projector's 110×35), keys typed as a facilitator types them, and what is on the
//! screen asserted when each menu is shown: the item's title and text are there with the
//! whole rating menu, the previous item's are not. Then Ctrl-C midway and a resume.

use serde_json::Value;

use super::tty::{CTRL_C, CTRL_U, DOWN, ENTER, ESC, Tty, UP};

const SIZES: [(u16, u16); 2] = [(80, 24), (110, 35)];

const BB_1: &str = "Make patient leaders an integral part of formal and informal decision-making";
const MATURITY: [&str; 6] = [
    "0 · Not in place",
    "1 · Planned / early",
    "2 · Developing",
    "3 · Established",
    "4 · Embedded and sustained",
    "N/A · Not applicable / don't know",
];

fn draft(dir: &std::path::Path, id: &str) -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(dir.join(format!(".plead/draft-{id}.json"))).unwrap(),
    )
    .unwrap()
}

/// The whole rating menu, the hints and the item's text are on the screen.
fn menu_with_text(screen: &str, text: &[&str]) {
    for t in text {
        assert!(
            screen.contains(t),
            "the item's text {t:?} is not on the screen:\n{screen}"
        );
    }
    for point in MATURITY {
        assert!(
            screen.contains(point),
            "{point:?} is not on the screen:\n{screen}"
        );
    }
    assert!(screen.contains("More about this item"), "{screen}");
    assert!(
        screen.contains("0–4 choose · n N/A · ? More · b Back · s Skip · r Review"),
        "{screen}"
    );
    // The scale is in the menu, not printed above it as well.
    assert!(!screen.contains("The scale:"), "{screen}");
}

#[test]
fn three_raters_each_item_on_its_own_screen_at_80x24_and_110x35() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let mut t = Tty::spawn(
            dir.path(),
            &[
                "assess",
                "building-blocks",
                "--org",
                "Northshire",
                "--period",
                "2026-Q3",
                "--raters",
                "Sam:patient-leader, Priya:patient-leader, Alex:staff",
            ],
            cols,
            rows,
        );
        let s = t.until(&["? Sam's rating", "Review · ↑↓ Enter"]);
        assert!(
            s.starts_with("Item 1 of 10 — Invest in Patient Leaders"),
            "{s}"
        );
        menu_with_text(&s, &["Decision-making", BB_1]);
        assert!(s.lines().count() <= usize::from(rows));

        // Typing a point's number chooses it at once.
        t.send("1");
        let s = t.until(&["? Priya's rating"]);
        menu_with_text(&s, &[BB_1]);
        assert!(s.contains("Ratings: Sam 1"), "{s}");
        t.send("3");
        t.until(&["? Alex's rating"]);
        t.send("0");
        let s = t.until(&["? Agreed rating", "Review · ↑↓ Enter"]);
        menu_with_text(&s, &[BB_1]);
        assert!(
            s.contains("Ratings: Sam 1 · Priya 3 · Alex 0 — spread 0 to 3"),
            "{s}"
        );
        // Whole labels in the histogram, at 80 columns too.
        assert!(s.contains("   4 Embedded and sustained │"), "{s}");
        assert!(s.contains("   0 Not in place           │■ Alex"), "{s}");
        assert!(
            s.contains("⚑ Disagreement: the ratings span 3 points"),
            "{s}"
        );
        // The median is offered: Enter agrees it.
        assert!(t.chosen().contains("1 · Planned / early"), "{s}");
        t.send(ENTER);
        let s = t.until(&["? Enter for the next item, or add"]);
        assert!(s.contains(BB_1) && s.contains("⚑ Disagreement"), "{s}");
        assert!(s.contains("Answered: 1 Planned / early."), "{s}");
        t.send(ENTER);

        let s = t.until(&["Item 2 of 10", "? Sam's rating", "Review · ↑↓ Enter"]);
        menu_with_text(
            &s,
            &[
                "Co-design from the start",
                "Get patient leaders involved",
                "earliest stage",
            ],
        );
        assert!(
            !s.contains(BB_1),
            "item 1's text is still on the screen:\n{s}"
        );
        assert!(
            !s.contains("Ratings:"),
            "item 1's ratings are still on the screen:\n{s}"
        );
        let d = draft(dir.path(), "building-blocks");
        let item = &d["answers"]["items"]["decision-making"];
        assert_eq!(item["rating"]["value"], 1);
        assert_eq!(item["raters"]["Priya"]["value"], 3);

        t.send(CTRL_C);
        assert_eq!(t.exit_code(), 130);
        assert!(
            t.output()
                .contains("Interrupted. Every answer given is saved")
        );
        // The cursor is shown again.
        assert!(t.output().ends_with("\n") || t.output().contains("\x1b[?25h"));
    }
}

#[test]
fn keys_n_question_mark_back_skip_review_and_back_on_the_first_item() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let mut t = Tty::spawn(
            dir.path(),
            &[
                "assess",
                "building-blocks",
                "--org",
                "N",
                "--period",
                "2026-Q3",
            ],
            cols,
            rows,
        );
        t.until(&["? Rating", "Review · ↑↓ Enter"]);
        // Back on the first item says there is none, and stays.
        t.send("b");
        let s = t.until(&["This is the first item: there is no item before it."]);
        menu_with_text(&s, &[BB_1]);
        // ? shows the whole item: every prompt and each point's whole descriptor.
        t.send("?");
        let s = t.until(&["Any key"]);
        assert!(s.starts_with("Item 1 of 10"), "{s}");
        // Page by page until the end; any key returns to the menu.
        for _ in 0..6 {
            if t.screen().contains("Any key: back") {
                break;
            }
            t.send(" ");
            std::thread::sleep(std::time::Duration::from_millis(150));
        }
        let s = t.until(&["Any key: back", "N/A Not applicable"]);
        assert!(
            s.contains(
                "4 Embedded and sustained — The building block is part of how the organisation"
            ),
            "the whole descriptor of 4 is in More:\n{s}"
        );
        t.send(" ");
        let s = t.until(&["? Rating", "Review · ↑↓ Enter"]);
        menu_with_text(&s, &[BB_1]);
        // n: not applicable, then Enter for the next item.
        t.send("n");
        t.until(&[
            "? Enter for the next item",
            "Answered: Not applicable / don't know.",
        ]);
        t.send(ENTER);
        t.until(&["Item 2 of 10", "? Rating"]);
        t.send("s");
        let s = t.until(&["Item 3 of 10", "? Rating"]);
        assert!(!s.contains("Co-design from the start"), "{s}");
        t.send("b");
        let s = t.until(&["Item 2 of 10", "? Rating"]);
        menu_with_text(&s, &["Co-design from the start"]);
        t.send("r");
        let s = t.until(&["? Finish, or choose an item to change"]);
        assert!(
            s.contains("1. Decision-making — Not applicable / don't know"),
            "{s}"
        );
        assert!(s.contains("2. Co-design from the start — skipped"), "{s}");
        assert!(
            s.contains("3. Training and development — not answered"),
            "{s}"
        );
        t.send(CTRL_C);
        assert_eq!(t.exit_code(), 130);
    }
}

#[test]
fn the_optional_step_targets_above_the_rating_and_one_answer_changed_from_review() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let mut t = Tty::spawn(
            dir.path(),
            &[
                "assess",
                "role-model",
                "--org",
                "Northshire",
                "--period",
                "2026-Q3",
            ],
            cols,
            rows,
        );
        t.until(&["Item 1 of 8", "? Rating"]);
        t.send("1");
        // The assessment's own fields are still asked, by their labels.
        t.until(&["? Who holds this role?"]);
        t.send("Jo Bloggs\r");
        t.until(&["? How is the role filled"]);
        t.send(ENTER);
        let s = t.until(&["? Enter for the next item, or add", "↑↓ Enter"]);
        assert!(s.contains("❯ Next item"), "{s}");
        assert!(s.contains("Evidence note (optional)"), "{s}");
        t.send("t");
        // Only the points above the rating are offered.
        let s = t.until(&["? Target rating for 12 months ahead (above today's 1 Partly in place)"]);
        assert!(s.contains("2 · In place"), "{s}");
        assert!(
            !s.contains("1 · Partly in place") && !s.contains("0 · "),
            "{s}"
        );
        t.send("2");
        t.until(&["? Action to reach it"]);
        t.send("Fund the post\r");
        let s = t.until(&[
            "Target for 12 months ahead: 2 In place",
            "Action to reach it: Fund the post",
        ]);
        assert!(s.contains("Item 1 of 8"), "{s}");
        t.send("e");
        t.until(&["? Evidence note"]);
        t.send("Panel minutes\r");
        t.until(&["Evidence note: Panel minutes"]);
        t.send(ENTER);
        // At the top of the scale no target is asked.
        t.until(&["Item 2 of 8", "? Rating"]);
        t.send("2");
        t.until(&["? Who holds this role?"]);
        t.send(ENTER);
        t.until(&["? How is the role filled"]);
        t.send(ENTER);
        let s = t.until(&["? Enter for the next item, or add", "↑↓ Enter"]);
        assert!(!s.contains("Target for 12 months"), "{s}");
        t.send("r");

        // From the review, change item 1's target alone.
        t.until(&["? Finish, or choose an item to change"]);
        t.keys(&[DOWN, DOWN]);
        assert!(
            t.chosen().contains("1. People and Families"),
            "{}",
            t.screen()
        );
        t.send(ENTER);
        let s = t.until(&["? Change which part of item 1?"]);
        assert!(s.contains("Who holds this role? Jo Bloggs"), "{s}");
        t.keys(&[DOWN, DOWN, DOWN, DOWN]);
        assert!(t.chosen().contains("Target: 2 In place"), "{}", t.screen());
        t.send(ENTER);
        t.until(&["? Target rating for 12 months ahead"]);
        t.keys(&[UP, ENTER]);
        let s = t.until(&["? Finish, or choose an item to change"]);
        assert!(
            s.contains("1. People and Families — 1 Partly in place · note\n")
                || s.contains("1. People and Families — 1 Partly in place · note "),
            "{s}"
        );
        let d = draft(dir.path(), "role-model");
        let item = &d["answers"]["items"]["people-and-families"];
        assert_eq!(item["target"], Value::Null);
        assert_eq!(item["action"], Value::Null);
        assert_eq!(item["fields"]["holder"], "Jo Bloggs");
        assert_eq!(item["notes"][0], "Panel minutes");

        // Finish: the end screen, and the files.
        t.keys(&[UP, ENTER]);
        let s = t.until(&["plead diff LAST.json"]);
        assert!(
            s.contains("Finished: The 8 Role Model — Northshire, 2026-Q3"),
            "{s}"
        );
        assert!(s.contains("Overall"), "{s}");
        assert!(s.contains("Priorities (the lowest scores):"), "{s}");
        assert!(
            s.contains("wrote northshire-role-model-2026-q3.json"),
            "{s}"
        );
        assert!(
            s.contains("plead report northshire-role-model-2026-q3.json --out report.html"),
            "{s}"
        );
        assert_eq!(t.exit_code(), 0);
        assert!(
            dir.path()
                .join("northshire-role-model-2026-q3.json")
                .exists()
        );
    }
}

#[test]
fn connection_examples_empty_enter_esc_next_unrated_and_leaving_a_type_unrated() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let mut t = Tty::spawn(
            dir.path(),
            &["assess", "connection", "--org", "N", "--period", "2026-Q3"],
            cols,
            rows,
        );
        let s = t.until(&["rate each example", "↑↓ Enter"]);
        assert!(s.contains("Item 1 of 6"), "{s}");
        assert!(t.chosen().contains("Rate: Project leader"), "{s}");
        t.send(ENTER);
        t.until(&["? Rating for Project leader"]);
        t.send("3");
        // The cursor moves on to the next example not rated.
        t.until(&["Project leader — rated 3"]);
        assert!(
            t.chosen().contains("Rate: Business developer"),
            "{}",
            t.screen()
        );
        // Name another: named and rated, then Esc leaves naming.
        t.keys(&[DOWN, ENTER]);
        t.until(&["? Name another example (empty Enter when done)"]);
        t.send("Carers' café\r");
        t.until(&["? Rating for Carers' café"]);
        t.send("5");
        t.until(&["? Name another example (empty Enter when done)"]);
        t.send(ESC);
        let s = t.until(&["Carers' café — rated 5", "↑↓ Enter"]);
        assert!(s.contains("rate each example"), "{s}");
        // Again: Esc at the rating goes back to naming; an empty Enter ends it.
        t.send(DOWN);
        while !t.chosen().contains("Name another example") {
            t.send(DOWN);
            std::thread::sleep(std::time::Duration::from_millis(30));
        }
        t.send(ENTER);
        t.until(&["? Name another example"]);
        t.send("Someone\r");
        t.until(&["? Rating for Someone"]);
        t.send(ESC);
        t.until(&["? Name another example"]);
        t.send(ENTER);
        let s = t.until(&["rate each example", "↑↓ Enter"]);
        assert!(!s.contains("Someone"), "{s}");
        // Leaving with Business developer unrated is fine: two are rated.
        while !t.chosen().contains("Done with this type") {
            t.send(DOWN);
            std::thread::sleep(std::time::Duration::from_millis(30));
        }
        t.send(ENTER);
        t.until(&[
            "? Enter for the next item",
            "Answered: 4.00, the mean of 2 rated examples.",
        ]);
        t.send(ENTER);

        // Item 2: Esc at a suggested example's rating leaves it unrated; Done with
        // nothing rated asks first.
        let s = t.until(&["Item 2 of 6", "rate each example", "↑↓ Enter"]);
        assert!(!s.contains("Project leader"), "{s}");
        t.send(ENTER);
        t.until(&["? Rating for Health Champion"]);
        t.send(ESC);
        t.until(&["Rate: Health Champion", "↑↓ Enter"]);
        while !t.chosen().contains("Done with this type") {
            t.send(DOWN);
            std::thread::sleep(std::time::Duration::from_millis(30));
        }
        t.send(ENTER);
        t.until(&["Leave this type without a score?", "(y/N)"]);
        t.send("n");
        t.until(&["rate each example", "↑↓ Enter"]);
        while !t.chosen().contains("Done with this type") {
            t.send(DOWN);
            std::thread::sleep(std::time::Duration::from_millis(30));
        }
        t.send(ENTER);
        t.until(&["Leave this type without a score?", "(y/N)"]);
        t.send("y");
        t.until(&["? Enter for the next item", "Answered: not answered."]);
        t.send(ENTER);
        t.until(&["Item 3 of 6"]);
        let d = draft(dir.path(), "connection");
        let first = &d["answers"]["items"]["patient-entrepreneurs"]["examples"];
        assert_eq!(first.as_array().unwrap().len(), 2, "{first}");
        assert_eq!(first[1]["name"], "Carers' café");
        assert!(
            d["answers"]["items"]["community-enablers"]["examples"]
                .as_array()
                .is_none_or(|a| a.is_empty())
        );
        t.send(CTRL_C);
        assert_eq!(t.exit_code(), 130);
    }
}

#[test]
fn the_period_is_checked_at_the_prompt_with_the_forms_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Tty::spawn(dir.path(), &["assess", "role-model", "--org", "N"], 80, 24);
    t.until(&["? Period: 2026-Q4"]);
    t.send("Oct-Dec 2026\r");
    let s = t.until(&["Not a period"]);
    assert!(s.contains("\"Oct-Dec 2026\""), "{s}");
    assert!(s.contains("2026/27 Q1"), "{s}");
    t.send(CTRL_U);
    t.send("2026-Q5\r");
    t.until(&["\"2026-Q5\""]);
    t.send(CTRL_U);
    t.send("2026-Q3\r");
    t.until(&["Item 1 of 8", "? Rating"]);
    t.send(CTRL_C);
    assert_eq!(t.exit_code(), 130);
    assert_eq!(draft(dir.path(), "role-model")["period"], "2026-Q3");
}

#[test]
fn the_screen_is_drawn_again_when_the_terminal_is_resized() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Tty::spawn(
        dir.path(),
        &[
            "assess",
            "building-blocks",
            "--org",
            "N",
            "--period",
            "2026-Q3",
        ],
        110,
        35,
    );
    let big = t.until(&["? Rating", "↑↓ Enter"]);
    t.resize(80, 24);
    // The size is looked at ten times a second: the frame drawn before is not the one.
    std::thread::sleep(std::time::Duration::from_millis(400));
    let s = t.until(&["? Rating", "… more with ?"]);
    menu_with_text(&s, &[BB_1]);
    assert!(s.lines().all(|l| l.chars().count() <= 80));
    assert!(big.lines().count() > s.lines().count(), "{big}\n---\n{s}");
    t.send(CTRL_C);
    assert_eq!(t.exit_code(), 130);
}

#[test]
fn ctrl_c_keeps_every_answer_and_the_session_resumes_to_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "assess",
        "role-model",
        "--org",
        "Northshire",
        "--period",
        "2026-Q3",
    ];
    let mut t = Tty::spawn(dir.path(), &args, 80, 24);
    t.until(&["Item 1 of 8", "? Rating"]);
    t.send("2");
    t.until(&["? Who holds this role?"]);
    t.send("Jo Bloggs\r");
    // The menu starts on "Not recorded", its last entry; down wraps round to "In-house".
    t.until(&["? How is the role filled"]);
    t.keys(&[DOWN, ENTER]);
    t.until(&["? Enter for the next item"]);
    t.send("e");
    t.until(&["? Evidence note"]);
    t.send("Patient panel of 12\r");
    t.until(&["Evidence note: Patient panel of 12"]);
    t.send(ENTER);
    t.until(&["Item 2 of 8", "? Rating"]);
    t.send("1");
    t.until(&["? Who holds this role?"]);
    t.send("half a na");
    t.send(CTRL_C);
    assert_eq!(t.exit_code(), 130);
    assert!(
        t.output()
            .contains("Interrupted. Every answer given is saved")
    );
    // Ctrl-C exits without destructors; the lock is released all the same, so the next
    // run finds none to judge stale.
    assert!(
        !dir.path()
            .join(".plead/draft-role-model.json.lock")
            .exists(),
        "the draft's lock outlived the interrupted workshop"
    );
    let d = draft(dir.path(), "role-model");
    let items = &d["answers"]["items"];
    assert_eq!(items["people-and-families"]["rating"]["value"], 2);
    assert_eq!(
        items["people-and-families"]["notes"][0],
        "Patient panel of 12"
    );
    assert_eq!(
        items["people-and-families"]["fields"]["holder"],
        "Jo Bloggs"
    );
    assert_eq!(
        items["people-and-families"]["fields"]["sourcing"],
        "In-house"
    );
    assert_eq!(items["system-leader-champion"]["rating"]["value"], 1);

    // The same command offers the draft and carries on at item 2, the rating given
    // before the interruption the default.
    let mut t = Tty::spawn(dir.path(), &args, 80, 24);
    t.until(&["Continue this draft?"]);
    t.send("y");
    t.until(&["Item 2 of 8", "? Rating"]);
    assert!(t.chosen().contains("1 · Partly in place"), "{}", t.screen());
    t.send(ENTER);
    t.until(&["? Who holds this role?"]);
    t.send(ENTER);
    t.until(&["? How is the role filled"]);
    t.send(ENTER);
    t.until(&["? Enter for the next item"]);
    t.send("r");
    t.until(&["? Finish, or choose an item to change"]);
    t.keys(&[DOWN, ENTER]);
    t.until(&["wrote northshire-role-model-2026-q3.json"]);
    assert_eq!(t.exit_code(), 0);
    let doc: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("northshire-role-model-2026-q3.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(doc["items"][0]["score"], 2.0);
    assert_eq!(doc["items"][0]["notes"][0], "Patient panel of 12");
    assert_eq!(doc["items"][1]["score"], 1.0);
    // Two of the eight roles answered: (2 + 1) / 2.
    assert_eq!(doc["overall"]["answered"], 2);
    assert_eq!(doc["overall"]["score"], 1.5);
    assert!(!dir.path().join(".plead/draft-role-model.json").exists());
}

/// Workshop A answered an item; B started in the same folder and chose "start again"; A
/// was killed; the draft held only B's answer. Now B is told A holds the draft, and may
/// look at it read-only or start a separate draft; when A dies, its lock is stale and
/// A's answers are offered to the next run.
#[test]
fn a_second_workshop_cannot_take_over_a_draft_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "assess",
        "role-model",
        "--org",
        "Northshire",
        "--period",
        "2026-Q3",
    ];
    let mut a = Tty::spawn(dir.path(), &args, 80, 24);
    a.until(&["Item 1 of 8", "? Rating"]);
    a.send("2");
    a.until(&["? Who holds this role?"]);
    a.send("Jo Bloggs\r");
    a.until(&["? How is the role filled"]);
    a.send(ENTER);
    a.until(&["? Enter for the next item"]);
    a.send("e");
    a.until(&["? Evidence note"]);
    a.send("A's note\r");
    a.until(&["Evidence note: A's note"]);
    a.send(ENTER);
    a.until(&["Item 2 of 8", "? Rating"]);
    let a_pid = a.pid();

    // B: read-only.
    let mut b = Tty::spawn(dir.path(), &args, 110, 35);
    let s = b.until(&["? What would you like to do?"]);
    assert!(s.contains("is in use by another plead assess"), "{s}");
    assert!(s.contains(&format!("process {a_pid}")), "{s}");
    b.send(ENTER);
    assert_eq!(b.exit_code(), 0);
    assert!(
        b.output()
            .contains("Read-only: 1 of 8 items answered so far")
    );

    // B again: a separate draft, stopped after one answer.
    let mut b = Tty::spawn(dir.path(), &args, 110, 35);
    b.until(&["? What would you like to do?"]);
    b.keys(&[DOWN, ENTER]);
    b.until(&[".plead/draft-role-model-2.json", "? Rating"]);
    b.send("1");
    b.until(&["? Who holds this role?"]);
    b.send(CTRL_C);
    assert_eq!(b.exit_code(), 130);

    // A is killed: its answer is still in its draft, and its lock is now stale.
    a.kill();
    let d = draft(dir.path(), "role-model");
    assert_eq!(
        d["answers"]["items"]["people-and-families"]["notes"][0],
        "A's note"
    );
    let mut c = Tty::spawn(dir.path(), &args, 80, 24);
    let s = c.until(&["Continue this draft?"]);
    assert!(s.contains("A draft of The 8 Role Model"), "{s}");
    c.send(CTRL_C);
    assert_eq!(c.exit_code(), 130);
}
