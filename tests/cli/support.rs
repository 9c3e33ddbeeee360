//! A fluent builder for running the real `plead` binary in a temporary directory, with a
//! fixed clock, no colour and a fixed width, comparing output exactly and, on failure,
//! printing everything (arguments, files, stdout, stderr).
//!
//! A run is expected, unless the test says otherwise, to exit 0 (`fails(code)` or
//! `any_code()` say otherwise) and to print nothing on stderr: a run whose stderr no
//! check looked at (`stderr`, `stderr_has`, `stderr_lacks`, or the opt-out
//! `any_stderr`) and which printed something fails the test when it is dropped. `Test`
//! is `#[must_use]`: a test built and never run does not compile quietly.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

/// The repository root (for examples/ and assessments/).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[must_use = "a Test does nothing until it runs: end it with .success(), .fails(code) or .run()"]
pub struct Test {
    dir: tempfile::TempDir,
    args: Vec<String>,
    stdin: Option<Vec<u8>>,
    env: Vec<(String, String)>,
    /// The exit code expected; `None` after `any_code()`.
    code: Option<i32>,
}

/// What a run gave back.
pub struct Run {
    pub dir: PathBuf,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    description: String,
    /// Where the test ran it, for the message of a check that fails when it is dropped.
    place: &'static std::panic::Location<'static>,
    /// Whether a check looked at stderr; if none did, it must be empty.
    stderr_checked: std::cell::Cell<bool>,
    _keep: Option<tempfile::TempDir>,
}

impl Test {
    pub fn new() -> Test {
        Test {
            dir: tempfile::tempdir().expect("a temporary directory"),
            args: Vec::new(),
            stdin: None,
            env: Vec::new(),
            code: Some(0),
        }
    }

    /// Accepts any exit code (the test checks `code` itself).
    pub fn any_code(mut self) -> Test {
        self.code = None;
        self
    }

    pub fn arg(mut self, arg: impl AsRef<str>) -> Test {
        self.args.push(arg.as_ref().to_string());
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Test
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_string()));
        self
    }

    /// Writes a file (relative to the test's directory) before running.
    pub fn write(self, name: &str, contents: impl AsRef<[u8]>) -> Test {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, contents).unwrap();
        self
    }

    pub fn stdin(mut self, bytes: impl AsRef<[u8]>) -> Test {
        self.stdin = Some(bytes.as_ref().to_vec());
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Test {
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs the binary and checks the exit code expected (0 unless `any_code()`).
    #[track_caller]
    pub fn run(self) -> Run {
        let expected = self.code;
        let mut run = self.run_unchecked();
        run.place = std::panic::Location::caller();
        match expected {
            Some(code) => run.code(code),
            None => run,
        }
    }

    fn run_unchecked(self) -> Run {
        let mut cmd = assert_cmd::Command::cargo_bin("plead").expect("the plead binary");
        cmd.current_dir(self.dir.path())
            .args(&self.args)
            .env("NO_COLOR", "1")
            .env("PLEAD_NOW", "2026-11-21T10:00:00Z")
            .env_remove("COLUMNS");
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        if let Some(input) = &self.stdin {
            cmd.write_stdin(input.clone());
        }
        let Output {
            status,
            stdout,
            stderr,
        } = cmd.output().expect("plead runs");
        let description = format!("plead {}", self.args.join(" "));
        Run {
            dir: self.dir.path().to_path_buf(),
            code: status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&stdout).into_owned(),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
            description,
            place: std::panic::Location::caller(),
            stderr_checked: std::cell::Cell::new(false),
            _keep: Some(self.dir),
        }
    }

    /// Runs and expects exit code 0.
    #[track_caller]
    pub fn success(mut self) -> Run {
        self.code = Some(0);
        self.run()
    }

    /// Runs and expects the given exit code.
    #[track_caller]
    pub fn fails(mut self, code: i32) -> Run {
        self.code = Some(code);
        self.run()
    }
}

impl Run {
    #[track_caller]
    pub fn code(self, expected: i32) -> Run {
        if self.code != expected {
            panic!(
                "{}\nexpected exit code {expected}, got {}",
                self.dump(),
                self.code
            );
        }
        self
    }

    /// Expects stdout to be exactly this.
    pub fn stdout(self, expected: &str) -> Run {
        if self.stdout != expected {
            panic!(
                "{}\nstdout differs:\n--- expected\n{expected}\n--- got\n{}",
                self.dump(),
                self.stdout
            );
        }
        self
    }

    /// Expects stderr to be exactly this.
    pub fn stderr(self, expected: &str) -> Run {
        self.stderr_checked.set(true);
        if self.stderr != expected {
            panic!(
                "{}\nstderr differs:\n--- expected\n{expected}\n--- got\n{}",
                self.dump(),
                self.stderr
            );
        }
        self
    }

    pub fn stdout_has(self, needle: &str) -> Run {
        if !self.stdout.contains(needle) {
            panic!("{}\nstdout lacks {needle:?}", self.dump());
        }
        self
    }

    pub fn stderr_has(self, needle: &str) -> Run {
        self.stderr_checked.set(true);
        if !self.stderr.contains(needle) {
            panic!("{}\nstderr lacks {needle:?}", self.dump());
        }
        self
    }

    pub fn stderr_lacks(self, needle: &str) -> Run {
        self.stderr_checked.set(true);
        if self.stderr.contains(needle) {
            panic!("{}\nstderr has {needle:?}", self.dump());
        }
        self
    }

    /// Opts out of the empty-stderr check: the test reads `stderr` itself, or what the
    /// run prints there is not what the test is about.
    pub fn any_stderr(self) -> Run {
        self.stderr_checked.set(true);
        self
    }

    /// A file the run left in its directory.
    pub fn file(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.join(name))
            .unwrap_or_else(|e| panic!("{}\ncannot read {name}: {e}", self.dump()))
    }

    fn dump(&self) -> String {
        format!(
            "--- command (run at {})\n{}\n--- exit code {}\n--- stdout\n{}\n--- stderr\n{}",
            self.place, self.description, self.code, self.stdout, self.stderr
        )
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        if !self.stderr_checked.get() && !self.stderr.is_empty() && !std::thread::panicking() {
            panic!(
                "{}\nstderr was not empty and no check looked at it: add .stderr(…), .stderr_has(…) or .any_stderr()",
                self.dump()
            );
        }
    }
}
