//! plead: assess, in the open and quarter by quarter, how well an organisation supports
//! patient and carer leaders.
//!
//! One pipeline (see DESIGN.md): an assessment (TOML) and answers (an answers file, the
//! workshop prompts or a survey file) are scored into a Result document, which renderers
//! turn into reports and comparisons read. Scoring and rendering are pure; only `cmd`
//! touches files, the terminal and the clock.

pub mod actions;
pub mod answers;
pub mod assessment;
pub mod cli;
pub mod cmd;
pub mod compare;
pub mod input;
pub mod interact;
pub mod live;
pub mod numbers;
pub mod output;
pub mod portable;
pub mod problem;
pub mod render;
pub mod response;
pub mod result;
pub mod sanitise;
pub mod score;
pub mod survey;

use std::io::Write;

use clap::Parser;

/// A command ran but a check it was asked to make failed (exit code 1).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CheckFailed(pub String);

/// Exit codes: 0 success, 1 a requested check failed, 2 bad usage or invalid input.
pub fn main_exit_code() -> i32 {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cmd::run(cli) {
        Ok(()) => 0,
        Err(e) if output::is_broken_pipe(&e) => 0,
        Err(e) => {
            let mut stderr = std::io::stderr().lock();
            // Messages quote file contents (column names, item text): nothing in them
            // may drive the terminal.
            let message = render::text::terminal_safe(&format!("{e:#}"));
            let _ = writeln!(stderr, "error: {message}");
            if e.downcast_ref::<CheckFailed>().is_some() {
                1
            } else {
                2
            }
        }
    }
}
