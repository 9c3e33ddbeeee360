//! The workshop in a real pseudo-terminal: keystrokes as a facilitator types them, Ctrl-C
//! midway, the draft holding every answer given, then a resume to the finished Result.

use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession as Session;
use expectrl::{ControlCode, Eof, Expect};

const ENTER: &str = "\r";
const DOWN: &str = "j";

fn plead(dir: &std::path::Path, args: &[&str]) -> Session {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_plead"));
    cmd.current_dir(dir)
        .args(args)
        .env("PLEAD_NOW", "2026-11-21T10:00:00Z")
        .env("TERM", "xterm");
    let mut session = Session::spawn(cmd).expect("plead starts in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session
}

/// Waits for a prompt, then types.
fn answer(p: &mut Session, prompt: &str, keys: &[&str]) {
    p.expect(prompt)
        .unwrap_or_else(|e| panic!("waiting for {prompt:?}: {e}"));
    for k in keys {
        p.send(k).unwrap();
    }
}

/// An unanswered role: Missing, no note, no holder, not recorded, no target.
fn missing_role(p: &mut Session) {
    answer(p, "Rating", &[ENTER]);
    answer(p, "Evidence note", &[ENTER]);
    answer(p, "Who holds this role?", &[ENTER]);
    answer(p, "How is the role filled", &[ENTER]);
    answer(p, "Target rating", &[ENTER]);
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
    let mut p = plead(dir.path(), &args);
    // People and Families: In place, a note, a holder, in-house, no target.
    answer(&mut p, "Item 1 of 8", &[]);
    answer(&mut p, "Rating", &[DOWN, DOWN, ENTER]);
    answer(&mut p, "Evidence note", &["Patient panel of 12\r"]);
    answer(&mut p, "Who holds this role?", &["Jo Bloggs\r"]);
    // The menu starts on "Not recorded", its last entry; down wraps round to "In-house".
    answer(&mut p, "How is the role filled", &[DOWN, ENTER]);
    answer(&mut p, "Target rating", &[ENTER]);
    // System leader champion: Partly in place, then Ctrl-C while typing the note.
    answer(&mut p, "Item 2 of 8", &[]);
    answer(&mut p, "Rating", &[DOWN, ENTER]);
    answer(&mut p, "Evidence note", &["half a no"]);
    p.send(ControlCode::EndOfText).unwrap();
    p.expect("Interrupted. Every answer given is saved")
        .unwrap();
    p.expect(Eof).unwrap();
    let status = p.get_process_mut().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 130)), "{status:?}");

    let draft: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join(".plead/draft-role-model.json")).unwrap(),
    )
    .unwrap();
    let items = &draft["answers"]["items"];
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

    // Running the same command again offers the draft and carries on at item 2.
    let mut p = plead(dir.path(), &args);
    answer(&mut p, "Continue this draft?", &["y"]);
    answer(&mut p, "Item 2 of 8", &[]);
    // The rating given before the interruption is the default: Enter keeps it.
    answer(&mut p, "Rating", &[ENTER]);
    answer(&mut p, "Evidence note", &["Chief executive backs it\r"]);
    answer(&mut p, "Who holds this role?", &[ENTER]);
    answer(&mut p, "How is the role filled", &[ENTER]);
    answer(&mut p, "Target rating", &[ENTER]);
    for _ in 3..=8 {
        missing_role(&mut p);
    }
    answer(&mut p, "Finish, or change an answer", &[ENTER]);
    p.expect("wrote northshire-role-model-2026-q3.json")
        .unwrap();
    p.expect(Eof).unwrap();

    let doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("northshire-role-model-2026-q3.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(doc["items"][0]["score"], 2.0);
    assert_eq!(doc["items"][0]["notes"][0], "Patient panel of 12");
    assert_eq!(doc["items"][1]["score"], 1.0);
    assert_eq!(doc["items"][1]["notes"][0], "Chief executive backs it");
    assert_eq!(doc["overall"]["score"], 3.0 / 8.0);
    assert!(!dir.path().join(".plead/draft-role-model.json").exists());
}

/// Workshop A answered an item; B started in the same folder and chose "start again"; A
/// was killed; the draft held only B's answer. Now B is told A holds the draft, and may
/// look at it read-only or start a separate draft; when A dies, its lock is stale and
/// A's answers are offered to the next run.
#[test]
fn a_second_workshop_cannot_take_over_a_draft_in_use() {
    use expectrl::process::unix::Signal;

    let dir = tempfile::tempdir().unwrap();
    let args = [
        "assess",
        "role-model",
        "--org",
        "Northshire",
        "--period",
        "2026-Q3",
    ];
    let mut a = plead(dir.path(), &args);
    answer(&mut a, "Item 1 of 8", &[]);
    answer(&mut a, "Rating", &[DOWN, DOWN, ENTER]);
    answer(&mut a, "Evidence note", &["A's note\r"]);
    answer(&mut a, "Who holds this role?", &["Jo Bloggs\r"]);
    answer(&mut a, "How is the role filled", &[ENTER]);
    answer(&mut a, "Target rating", &[ENTER]);
    answer(&mut a, "Item 2 of 8", &[]);
    let a_pid = a.get_process().pid().as_raw();

    // B: read-only.
    let mut b = plead(dir.path(), &args);
    // (The message is wrapped to the terminal's width.)
    b.expect("is in use by another plead assess").unwrap();
    b.expect(format!("{a_pid}")).unwrap();
    answer(&mut b, "What would you like to do?", &[ENTER]);
    b.expect("Read-only: 1 of 8 items answered so far").unwrap();
    b.expect(Eof).unwrap();
    assert!(matches!(
        b.get_process_mut().wait().unwrap(),
        WaitStatus::Exited(_, 0)
    ));

    // B again: a separate draft, stopped after one answer.
    let mut b = plead(dir.path(), &args);
    answer(&mut b, "What would you like to do?", &[DOWN, ENTER]);
    b.expect("Saved after every answer to .plead/draft-role-model-2.json")
        .unwrap();
    answer(&mut b, "Rating", &[DOWN, ENTER]);
    answer(&mut b, "Evidence note", &["B's note\r"]);
    b.send(ControlCode::EndOfText).unwrap();
    b.expect(Eof).unwrap();
    let _ = b.get_process_mut().wait();

    // A is killed: its answer is still in its draft, and its lock is now stale.
    a.get_process_mut().kill(Signal::SIGKILL).unwrap();
    let _ = a.get_process_mut().wait();
    let draft: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join(".plead/draft-role-model.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        draft["answers"]["items"]["people-and-families"]["notes"][0],
        "A's note"
    );
    let mut c = plead(dir.path(), &args);
    c.expect("A draft of The 8 Role Model").unwrap();
    c.expect("answered").unwrap();
    answer(&mut c, "Continue this draft?", &[]);
    c.send(ControlCode::EndOfText).unwrap();
    c.expect(Eof).unwrap();
    let _ = c.get_process_mut().wait();
}
