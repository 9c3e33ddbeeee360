//! Writes that respect what is there: `--force` keeps a replaced file's permissions and
//! never replaces anything but a regular file; Results, drafts and respondents files
//! are the user's alone (0600); a run with several outputs writes all or none; default
//! names are ones Windows can store.

#[cfg(unix)]
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;

use crate::support::{Test, root};

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn result_fixture() -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/results/connection.json")).unwrap()
}

fn survey() -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/survey/msforms.csv")).unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A 0600 file came back 0644 from `--force`.
#[test]
#[cfg(unix)] // permission bits, FIFOs, devices, sockets
fn force_turned_a_private_file_world_readable() {
    let t = Test::new()
        .write("r.json", result_fixture())
        .write("board.md", "old");
    std::fs::set_permissions(t.path().join("board.md"), PermissionsExt::from_mode(0o600)).unwrap();
    let run = t
        .args(["report", "r.json", "--out", "board.md", "--force"])
        .success()
        .stderr_has("wrote board.md");
    assert!(run.file("board.md").starts_with('#'));
    assert_eq!(mode(&run.dir.join("board.md")), 0o600);
}

/// A FIFO given to `--out … --force` was replaced by a regular file.
#[test]
#[cfg(unix)] // permission bits, FIFOs, devices, sockets
fn force_replaced_a_fifo() {
    let t = Test::new().write("r.json", result_fixture());
    let fifo = t.path().join("pipe.md");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let run = t
        .args(["report", "r.json", "--out", "pipe.md", "--force"])
        .fails(2)
        .stderr(
            "error: pipe.md is a named pipe (FIFO), not a regular file: plead writes its outputs only to regular files (even with --force); choose a file name, or --out - for standard output\n",
        );
    assert!(
        std::fs::metadata(run.dir.join("pipe.md"))
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert_eq!(names(&run.dir), ["pipe.md", "r.json"]);
}

/// As root `--out /dev/null --force` replaced the device with a regular file. The test
/// makes its own device node (root only) rather than risk the machine's /dev/null.
#[test]
#[cfg(unix)] // permission bits, FIFOs, devices, sockets
fn force_replaced_a_device() {
    let t = Test::new().write("r.json", result_fixture());
    let node = t.path().join("null");
    let made = std::process::Command::new("mknod")
        .arg(&node)
        .args(["c", "1", "3"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("skipped: cannot make a device node here (not root)");
        return;
    }
    let run = t
        .args(["report", "r.json", "--out", "null", "--force"])
        .fails(2)
        .stderr_has("error: null is a device, not a regular file");
    assert!(
        std::fs::metadata(run.dir.join("null"))
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
#[cfg(unix)] // permission bits, FIFOs, devices, sockets
fn force_refuses_a_directory_and_a_socket() {
    let t = Test::new()
        .write("r.json", result_fixture())
        .write("dir/keep", "x");
    let _socket = std::os::unix::net::UnixListener::bind(t.path().join("sock.md")).unwrap();
    let dir = t.path().to_path_buf();
    let run = Test::new()
        .write("r.json", result_fixture())
        .write("out.md/keep", "x")
        .args(["report", "r.json", "--out", "out.md", "--force"])
        .fails(2)
        .stderr(
            "error: out.md is a directory, not a regular file: plead writes its outputs only to regular files (even with --force); choose a file name\n",
        );
    assert_eq!(run.file("out.md/keep"), "x");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plead"))
        .current_dir(&dir)
        .args(["report", "r.json", "--out", "sock.md", "--force"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("error: sock.md is a socket"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::symlink_metadata(dir.join("sock.md"))
            .unwrap()
            .file_type()
            .is_socket()
    );
}

/// Drafts were created 0644: a workshop's notes readable by anyone on the machine.
#[test]
#[cfg(unix)] // permission bits, FIFOs, devices, sockets
fn drafts_results_and_respondents_files_are_the_users_alone() {
    // A workshop stopped after one answer leaves its draft.
    let run = Test::new()
        .write("s.txt", "3\ne\nnote\n")
        .args([
            "assess",
            "building-blocks",
            "--org",
            "N",
            "--period",
            "2026-Q3",
            "--script",
            "s.txt",
        ])
        .fails(2)
        .stderr_has("error: the script ran out of answers at ");
    assert_eq!(
        mode(&run.dir.join(".plead/draft-building-blocks.json")),
        0o600
    );
    assert_eq!(mode(&run.dir.join(".plead")), 0o700);

    let run = Test::new()
        .write("returns.csv", survey())
        .args(["score", "building-blocks", "returns.csv", "--allow-missing"])
        .args([
            "--out",
            "r.json",
            "--out",
            "r.md",
            "--respondents",
            "people.csv",
        ])
        .success().stderr_has("read returns.csv: Microsoft Forms layout, 1 header row, CSV, UTF-8 (detected), comma-separated; 4 rows, 4 respondents, 1 cell rejected");
    assert_eq!(mode(&run.dir.join("r.json")), 0o600);
    assert_eq!(mode(&run.dir.join("people.csv")), 0o600);
    // A report is made to be shared: the usual permissions.
    assert_ne!(mode(&run.dir.join("r.md")), 0o600);
}

/// With several outputs, when the second already existed the command exited 2 after
/// writing the first `--out` and the `--respondents` file.
#[test]
fn half_a_run_landed_when_a_later_output_existed() {
    let run = Test::new()
        .write("returns.csv", survey())
        .write("r.md", "precious")
        .args(["score", "building-blocks", "returns.csv", "--allow-missing"])
        .args([
            "--out",
            "r.json",
            "--out",
            "r.md",
            "--respondents",
            "people.csv",
        ])
        .fails(2)
        .stderr(
            "error: r.md already exists: choose another name, or add --force to overwrite it\n",
        );
    assert_eq!(names(&run.dir), ["r.md", "returns.csv"]);
    assert_eq!(run.file("r.md"), "precious");

    // The respondents file existing stops the run as early, with nothing written.
    let run = Test::new()
        .write("returns.csv", survey())
        .write("people.csv", "precious")
        .args(["score", "building-blocks", "returns.csv", "--allow-missing"])
        .args(["--out", "r.json", "--respondents", "people.csv"])
        .fails(2)
        .stderr_has(
            "error: people.csv already exists: choose another name, or add --force to overwrite it",
        );
    assert_eq!(names(&run.dir), ["people.csv", "returns.csv"]);

    // Every report format of one run, the last one existing: none is written.
    let run = Test::new()
        .write("r.json", result_fixture())
        .write("c.html", "precious")
        .args([
            "report", "r.json", "--out", "a.md", "--out", "b.csv", "--out", "c.html",
        ])
        .fails(2)
        .stderr_has(
            "error: c.html already exists: choose another name, or add --force to overwrite it",
        );
    assert_eq!(names(&run.dir), ["c.html", "r.json"]);
}

#[test]
fn one_file_named_twice_among_the_outputs_is_refused() {
    let run = Test::new()
        .write("r.json", result_fixture())
        .args(["report", "r.json", "--out", "a.md", "--out", "./a.md"])
        .fails(2)
        .stderr("error: ./a.md is named twice among the outputs: give each output its own file\n");
    assert_eq!(names(&run.dir), ["r.json"]);
}

/// The CSV template is two files: both or neither.
#[test]
fn the_csv_template_is_written_whole_or_not_at_all() {
    let run = Test::new()
        .write("culture-questions.csv", "precious")
        .args(["template", "culture", "--out", "culture-returns.csv"])
        .fails(2).stderr_has("error: culture-questions.csv already exists: choose another name, or add --force to overwrite it");
    assert_eq!(names(&run.dir), ["culture-questions.csv"]);
}

/// A default workshop file name built from a long organisation name was longer than
/// any file system allows, and one with Windows' forbidden characters could not be
/// copied to a Windows laptop.
#[test]
fn default_names_are_valid_on_windows_and_within_length() {
    let org = format!("CON: St. Mary's <Trust> {}", "Very Long Name ".repeat(30));
    let run = Test::new()
        .write("s.txt", "2\n\nreview\nFinish\n")
        .args([
            "assess",
            "building-blocks",
            "--org",
            &org,
            "--period",
            // A period plead can order, with a '/' no file name may hold.
            "2026/27 Q1",
        ])
        .args(["--script", "s.txt"])
        .success()
        .stderr_has(
            "10 building blocks for developing patient leadership — CON: St. Mary's <Trust>",
        );
    let files = names(&run.dir);
    let json = files
        .iter()
        .find(|n| n.ends_with(".json"))
        .expect("a Result");
    assert!(json.len() <= 255, "{json}");
    assert!(
        json.starts_with("con-st-mary-s-trust-very-long-name-"),
        "{json}"
    );
    assert!(
        !json.contains(['<', '>', ':', '"', '/', '\\', '|', '?', '*']),
        "{json}"
    );
    assert!(!plead::portable::is_reserved(json));
}
