//! Nothing is lost when plead is stopped hard. A workshop killed with SIGKILL after any
//! single answer resumes with every answer given; a report whose writing is cut off
//! leaves the file it was replacing intact; a full disk or a read-only directory is
//! reported, with nothing half-written left behind.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::{Signal, WaitStatus};
use expectrl::session::OsSession as Session;
use expectrl::{Eof, Expect};
use serde_json::{Value, json};

use super::support::{Test, root};

const ENTER: &str = "\r";
const DOWN: &str = "j";

fn plead(dir: &Path, args: &[&str]) -> Session {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_plead"));
    cmd.current_dir(dir)
        .args(args)
        .env("PLEAD_NOW", "2026-11-21T10:00:00Z")
        .env("TERM", "xterm");
    let mut session = Session::spawn(cmd).expect("plead starts in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session
}

fn answer(p: &mut Session, prompt: &str, keys: &[String]) {
    p.expect(prompt).unwrap_or_else(|e| {
        let mut rest = vec![0u8; 4096];
        let n = p.try_read(&mut rest).unwrap_or(0);
        panic!(
            "waiting for {prompt:?}: {e}; then came {:?}",
            String::from_utf8_lossy(&rest[..n])
        )
    });
    for k in keys {
        p.send(k).unwrap();
    }
}

/// One answer of the workshop: the prompt, the keys that give it, the keys that get
/// past it again when the item is resumed, and where the draft keeps it (a JSON pointer)
/// with the value it must hold.
struct Step {
    item: usize,
    kind: &'static str,
    prompt: &'static str,
    keys: Vec<String>,
    replay: Vec<String>,
    pointer: String,
    expected: Value,
}

const DETAILS: &str = "Enter for the next item";

/// Every answer of a full role-model workshop: 8 roles, each with a rating (its number
/// typed), a holder and how the role is filled (the assessment's own fields, asked in
/// turn), then in the one optional step a note and, where the rating is below the top, a
/// target and its action, and Enter for the next item.
fn role_model_steps() -> Vec<Step> {
    let a = super::fuzz_harness::builtins()
        .iter()
        .find(|a| a.id == "role-model")
        .unwrap();
    let mut steps = Vec::new();
    for (i, item) in a.items.iter().enumerate() {
        let at = |key: &str| format!("/answers/items/{}/{key}", item.id);
        let rating = i % 3;
        steps.push(Step {
            item: i,
            kind: "rating",
            prompt: "Rating",
            keys: vec![rating.to_string()],
            replay: vec![ENTER.into()],
            pointer: at("rating/value"),
            expected: json!(rating),
        });
        steps.push(Step {
            item: i,
            kind: "holder",
            prompt: "Who holds this role?",
            keys: vec![format!("Holder {i}{ENTER}")],
            replay: vec![ENTER.into()],
            pointer: at("fields/holder"),
            expected: json!(format!("Holder {i}")),
        });
        // The menu starts on "Not recorded", its last entry; down wraps to the first.
        let (downs, choice) = if i % 2 == 0 {
            (1, "In-house")
        } else {
            (2, "Shared across the local health economy")
        };
        let mut keys = vec![DOWN.to_string(); downs];
        keys.push(ENTER.into());
        steps.push(Step {
            item: i,
            kind: "sourcing",
            prompt: "How is the role filled",
            keys,
            replay: vec![ENTER.into()],
            pointer: at("fields/sourcing"),
            expected: json!(choice),
        });
        let note = format!("Evidence {i}: minutes of the panel, \"quoted\" & <marked>");
        steps.push(Step {
            item: i,
            kind: "note",
            prompt: DETAILS,
            keys: vec!["e".into(), format!("{note}{ENTER}")],
            replay: vec![],
            pointer: at("notes/0"),
            expected: json!(note),
        });
        if i % 2 == 0 && rating < 2 {
            // Only the points above the rating are offered: 2 (In place), typed.
            steps.push(Step {
                item: i,
                kind: "target",
                prompt: DETAILS,
                keys: vec!["t".into(), "2".into()],
                // Resumed, the target is kept: open the action it leads to.
                replay: vec!["a".into()],
                pointer: at("target"),
                expected: json!(2),
            });
            steps.push(Step {
                item: i,
                kind: "action",
                prompt: "? Action to reach it",
                keys: vec![format!("Action {i}{ENTER}")],
                replay: vec![ENTER.into()],
                pointer: at("action"),
                expected: json!(format!("Action {i}")),
            });
        }
        steps.push(Step {
            item: i,
            kind: "next",
            prompt: DETAILS,
            keys: vec![ENTER.into()],
            replay: vec![],
            pointer: "/position".into(),
            expected: json!(i + 1),
        });
    }
    steps
}

#[test]
fn a_workshop_killed_after_any_answer_resumes_with_every_answer_given() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "assess",
        "role-model",
        "--org",
        "Northshire",
        "--period",
        "2026-Q3",
    ];
    let draft_path = dir.path().join(".plead/draft-role-model.json");
    let steps = role_model_steps();
    for k in 0..steps.len() {
        let mut p = plead(dir.path(), &args);
        if k > 0 {
            answer(&mut p, "Continue this draft?", &["y".into()]);
        }
        // A resumed item starts again from its rating, each answer given before the kill
        // as the default: Enter keeps it; the optional step keeps what it had (a step
        // with nothing to replay is not waited for: its menu is the next step's).
        let first = steps.iter().position(|s| s.item == steps[k].item).unwrap();
        for step in steps[first..k].iter().filter(|s| !s.replay.is_empty()) {
            answer(&mut p, step.prompt, &step.replay);
        }
        answer(&mut p, steps[k].prompt, &steps[k].keys);
        // The next prompt shows once the answer is saved: kill there, with no warning.
        let next = steps
            .get(k + 1)
            .map_or("Finish, or choose an item to change", |s| s.prompt);
        answer(&mut p, next, &[]);
        p.get_process_mut().kill(Signal::SIGKILL).unwrap();
        let status = p.get_process().wait().unwrap();
        assert!(
            matches!(status, WaitStatus::Signaled(_, Signal::SIGKILL, _)),
            "{status:?}"
        );
        let draft: Value = serde_json::from_slice(&std::fs::read(&draft_path).unwrap())
            .unwrap_or_else(|e| panic!("the draft after answer {} is damaged: {e}", k + 1));
        for (j, step) in steps[..=k].iter().enumerate() {
            if step.kind == "next" && j < k {
                continue;
            }
            let held = draft.pointer(&step.pointer).unwrap_or(&Value::Null);
            assert_eq!(
                held,
                &step.expected,
                "after a kill at answer {} of {}, answer {} ({}) is not in the draft",
                k + 1,
                steps.len(),
                j + 1,
                step.pointer
            );
        }
    }

    // The last run goes to the review: finish, and the Result holds every answer.
    let mut p = plead(dir.path(), &args);
    answer(&mut p, "Continue this draft?", &["y".into()]);
    answer(
        &mut p,
        "Finish, or choose an item to change",
        &[ENTER.into()],
    );
    p.expect("wrote northshire-role-model-2026-q3.json")
        .unwrap();
    p.expect(Eof).unwrap();
    let doc: Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("northshire-role-model-2026-q3.json")).unwrap(),
    )
    .unwrap();
    let items = doc["items"].as_array().unwrap();
    for step in &steps {
        let item = &items[step.item];
        let got = match step.kind {
            "rating" => item["score"].as_f64().map(|s| json!(s as u64)),
            "note" => Some(item["notes"][0].clone()),
            "holder" => Some(item["fields"]["holder"].clone()),
            "sourcing" => Some(item["fields"]["sourcing"].clone()),
            "target" => Some(item.get("target").cloned().unwrap_or(Value::Null)),
            "action" => Some(item["action"].clone()),
            _ => continue,
        };
        assert_eq!(
            got.as_ref(),
            Some(&step.expected),
            "{} of item {}",
            step.kind,
            step.item + 1
        );
    }
    assert!(!draft_path.exists(), "the finished draft is removed");
}

/// A Result large enough that writing its report takes more than one write.
fn big_result(dir: &Path) -> String {
    let text = std::fs::read_to_string(root().join("examples/northshire/2026-Q3.json")).unwrap();
    let path = dir.join("big.json");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// `sh -c` running plead with a file-size limit of 1 KiB: writing past it raises SIGXFSZ,
/// which kills the process mid-write (or, with the signal ignored, fails the write with
/// "File too large" — how a full disk looks to a program).
fn limited(dir: &Path, ignore_signal: bool, args: &str) -> std::process::Output {
    let trap = if ignore_signal { "trap '' XFSZ; " } else { "" };
    Command::new("sh")
        .current_dir(dir)
        .arg("-c")
        .arg(format!(
            "{trap}ulimit -f 2; exec \"{}\" {args}",
            env!("CARGO_BIN_EXE_plead")
        ))
        .env("NO_COLOR", "1")
        .env("PLEAD_NOW", "2026-11-21T10:00:00Z")
        .output()
        .unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_report_killed_while_it_is_written_leaves_the_previous_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let big = big_result(dir.path());
    std::fs::write(dir.path().join("report.md"), "the previous report\n").unwrap();
    let out = limited(
        dir.path(),
        false,
        &format!("report {big} --format markdown --out report.md --force"),
    );
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(out.status.signal(), Some(25), "killed by SIGXFSZ: {out:?}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("report.md")).unwrap(),
        "the previous report\n"
    );
    // At most the hidden temporary file of the killed write is left beside it, never a
    // half-written report under the name asked for.
    for name in names(dir.path()) {
        assert!(
            ["big.json", "report.md"].contains(&name.as_str())
                || (name.starts_with(".report.md.") && name.ends_with(".tmp")),
            "{name} left behind"
        );
    }
    // The next write of the same file removes the temporary file the killed one left.
    let out = Command::new(env!("CARGO_BIN_EXE_plead"))
        .current_dir(dir.path())
        .args([
            "report",
            &big,
            "--format",
            "markdown",
            "--out",
            "report.md",
            "--force",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(names(dir.path()), ["big.json", "report.md"]);
}

#[test]
fn a_full_disk_is_reported_and_leaves_nothing_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let big = big_result(dir.path());
    std::fs::write(dir.path().join("report.md"), "the previous report\n").unwrap();
    for force in ["--force", ""] {
        let target = if force.is_empty() {
            "new.md"
        } else {
            "report.md"
        };
        let out = limited(
            dir.path(),
            true,
            &format!("report {big} --format markdown --out {target} {force}"),
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.starts_with(&format!("error: cannot write {target}: ")),
            "{stderr}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("report.md")).unwrap(),
            "the previous report\n"
        );
        assert_eq!(names(dir.path()), ["big.json", "report.md"]);
    }
}

#[test]
fn a_full_standard_output_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let big = big_result(dir.path());
    let out = Command::new(env!("CARGO_BIN_EXE_plead"))
        .args(["report", &big])
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        "error: cannot write to standard output: No space left on device (os error 28)\n"
    );
}

#[test]
fn a_directory_that_cannot_be_written_is_reported_and_left_as_it_was() {
    // Tests may run as root, whom file permissions do not stop; a path through a file is
    // refused by the kernel for everyone.
    let t = Test::new().write("not-a-dir", "a file");
    let big = big_result(t.path());
    let run = t
        .args(["report", &big, "--out", "not-a-dir/report.md"])
        .fails(2).stderr_has("error: cannot write not-a-dir/report.md: cannot create a file in not-a-dir: Not a directory (os error 20)");
    assert!(
        run.stderr.starts_with(
            "error: cannot write not-a-dir/report.md: cannot create a file in not-a-dir"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(names(&run.dir), ["big.json", "not-a-dir"]);
}

/// A small file system mounted with `options`, where one can be mounted (root, with
/// mount allowed); unmounted when dropped.
struct Mount(std::path::PathBuf);

impl Mount {
    fn new(dir: &Path, options: &str) -> Option<Mount> {
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| Mount(dir.to_path_buf()))
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_read_only_file_system_is_reported() {
    let t = Test::new();
    let big = big_result(t.path());
    std::fs::create_dir(t.path().join("ro")).unwrap();
    let Some(_mount) = Mount::new(&t.path().join("ro"), "ro,size=1m") else {
        eprintln!("skipped: cannot mount a read-only file system here");
        return;
    };
    let run = t.args(["report", &big, "--out", "ro/report.md"]).fails(2).stderr_has("error: cannot write ro/report.md: cannot create a file in ro: Read-only file system (os error 30)");
    assert_eq!(
        run.stderr,
        "error: cannot write ro/report.md: cannot create a file in ro: Read-only file system (os error 30)\n"
    );
}

#[test]
fn a_really_full_disk_is_reported_and_leaves_nothing_behind() {
    let t = Test::new();
    let big = big_result(t.path());
    std::fs::create_dir(t.path().join("full")).unwrap();
    let Some(_mount) = Mount::new(&t.path().join("full"), "size=8k") else {
        eprintln!("skipped: cannot mount a small file system here");
        return;
    };
    let run = t
        .args([
            "report",
            &big,
            "--format",
            "json",
            "--out",
            "full/report.json",
        ])
        .fails(2)
        .stderr_has("error: cannot write full/report.json: No space left on device (os error 28)");
    assert_eq!(
        run.stderr,
        "error: cannot write full/report.json: No space left on device (os error 28)\n"
    );
    assert!(names(&run.dir.join("full")).is_empty());
}
