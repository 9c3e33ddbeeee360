//! What a run asks of its surroundings, asked once when it starts (as ripgrep's
//! `HiArgs`): whether standard input, output and error are terminals, the width tables
//! are drawn to, whether colour is on, and the clock. Commands ask `Env`, never the OS.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Context;

use crate::cli::Global;
use crate::render;

/// The surroundings of one run.
pub struct Env {
    /// `--assessments DIR`: a folder of assessment files beside the built-ins.
    pub assessments: Option<PathBuf>,
    pub stdin_terminal: bool,
    pub stdout_terminal: bool,
    pub stderr_terminal: bool,
    /// Table width: `--width`, else the terminal's, else 100.
    pub width: u16,
    /// Colour: only on a terminal, and never with `NO_COLOR`.
    pub color: bool,
    clock: Clock,
}

/// Where "now" comes from: `PLEAD_NOW` fixes it (for tests and reproducible examples).
enum Clock {
    System,
    Fixed(time::OffsetDateTime),
    /// `PLEAD_NOW` set to something that is not a time: an error for a command that
    /// asks the time, and none for one that does not.
    Invalid(String, String),
}

impl Env {
    /// Resolves the surroundings once, from the global flags and the process.
    pub fn resolve(global: Global) -> Env {
        let stdout_terminal = std::io::stdout().is_terminal();
        let width = global.width.unwrap_or_else(|| {
            if stdout_terminal {
                terminal_width().unwrap_or(100)
            } else {
                100
            }
        });
        let clock = match std::env::var("PLEAD_NOW") {
            Ok(s) => {
                match time::OffsetDateTime::parse(
                    &s,
                    &time::format_description::well_known::Rfc3339,
                ) {
                    Ok(t) => Clock::Fixed(t),
                    Err(e) => Clock::Invalid(s, e.to_string()),
                }
            }
            Err(_) => Clock::System,
        };
        Env {
            assessments: global.assessments,
            stdin_terminal: std::io::stdin().is_terminal(),
            stdout_terminal,
            stderr_terminal: std::io::stderr().is_terminal(),
            width,
            color: stdout_terminal && std::env::var_os("NO_COLOR").is_none(),
            clock,
        }
    }

    /// How to draw tables on standard output.
    pub fn render_options(&self) -> render::Options {
        render::Options {
            width: self.width,
            color: self.color,
        }
    }

    /// Whether both ends of a workshop are a terminal a person can answer on.
    pub fn interactive(&self) -> bool {
        self.stdin_terminal && self.stderr_terminal
    }

    /// Now (UTC), or the time `PLEAD_NOW` fixes.
    pub fn now(&self) -> anyhow::Result<time::OffsetDateTime> {
        match &self.clock {
            Clock::System => Ok(time::OffsetDateTime::now_utc()),
            Clock::Fixed(t) => Ok(*t),
            Clock::Invalid(s, e) => Err(anyhow::anyhow!("{e}")).with_context(|| {
                format!("PLEAD_NOW={s}: not an RFC 3339 time such as 2026-11-21T10:00:00Z")
            }),
        }
    }
}

fn terminal_width() -> Option<u16> {
    dialoguer::console::Term::stdout()
        .size_checked()
        .map(|(_rows, columns)| columns)
}
