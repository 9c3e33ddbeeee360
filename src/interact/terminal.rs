//! The real terminal: dialoguer with its ColorfulTheme, drawn on stderr so stdout stays
//! for the report. dialoguer was chosen over inquire for its Select and ColorfulTheme,
//! which read well on a projector; its one weakness — a hidden cursor after Ctrl-C — is
//! mended by `restore_on_interrupt`.

use std::io::IsTerminal;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context;
use dialoguer::console::Term;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input, Select};

use super::Prompter;
use crate::render::text::{terminal_safe, wrap};

pub struct TerminalPrompter {
    theme: ColorfulTheme,
    term: Term,
}

impl TerminalPrompter {
    pub fn new() -> TerminalPrompter {
        TerminalPrompter {
            theme: ColorfulTheme::default(),
            term: Term::stderr(),
        }
    }
}

impl TerminalPrompter {
    fn width(&self) -> usize {
        usize::from(self.term.size().1).max(20)
    }
}

/// Shortens a line to `width` characters, ending in '…' when cut.
fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
    t.push('…');
    t
}

impl Default for TerminalPrompter {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether both ends of the session are a terminal a person can answer on.
pub fn is_interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

static DRAFT: OnceLock<String> = OnceLock::new();
static STOPPING: AtomicBool = AtomicBool::new(false);

/// On Ctrl-C: show the cursor again, say the draft is kept, and exit 130. The draft was
/// saved after the last answer, so nothing given is lost.
pub fn restore_on_interrupt(draft: String) {
    let _ = DRAFT.set(draft);
    let _ = ctrlc::set_handler(|| interrupted());
}

/// Both the signal handler and a prompt that returns `Interrupted` end here; they race,
/// so only the first one through says anything and exits.
fn interrupted() -> ! {
    if STOPPING.swap(true, Ordering::SeqCst) {
        loop {
            std::thread::park();
        }
    }
    let term = Term::stderr();
    let _ = term.show_cursor();
    let _ = term.write_line("");
    let draft = DRAFT.get().map_or("the draft", String::as_str);
    let _ = term.write_line(&wrap(
        &format!(
            "Interrupted. Every answer given is saved in {draft}; run the same command again (or add --resume) to continue."
        ),
        usize::from(term.size().1).max(20),
    ));
    std::process::exit(130);
}

/// A prompt's result, ending the run the one way on Ctrl-C.
fn answered<T>(result: dialoguer::Result<T>) -> anyhow::Result<T> {
    match result {
        Ok(v) => Ok(v),
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => {
            interrupted()
        }
        Err(e) => Err(e).context("the prompt failed"),
    }
}

impl Prompter for TerminalPrompter {
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> anyhow::Result<usize> {
        // An entry wider than the terminal wraps, and dialoguer then redraws over the
        // wrong lines: keep each to one line.
        let width = self.width().saturating_sub(4);
        let items: Vec<String> = items
            .iter()
            .map(|i| fit(&terminal_safe(i), width))
            .collect();
        answered(
            Select::with_theme(&self.theme)
                .with_prompt(terminal_safe(prompt))
                .items(&items)
                .default(default.min(items.len().saturating_sub(1)))
                .max_length(16)
                .interact_on(&self.term),
        )
    }

    fn input(&mut self, prompt: &str, default: &str, allow_empty: bool) -> anyhow::Result<String> {
        let mut input = Input::<String>::with_theme(&self.theme)
            .with_prompt(terminal_safe(prompt))
            .allow_empty(allow_empty);
        // A default, not initial text: Enter keeps it and typing replaces it (dialoguer
        // has no key to clear initial text, so appending to it would be the only way).
        // It is shown with any control characters made visible, and kept as it was.
        let shown = terminal_safe(default);
        if !default.is_empty() {
            input = input.default(shown.clone());
        }
        answered(input.interact_text_on(&self.term)).map(|s| {
            if s == shown {
                default.trim().to_string()
            } else {
                s.trim().to_string()
            }
        })
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> anyhow::Result<bool> {
        answered(
            Confirm::with_theme(&self.theme)
                .with_prompt(terminal_safe(prompt))
                .default(default)
                .interact_on(&self.term),
        )
    }

    /// Text from assessment files, drafts and earlier answers: nothing in it may drive
    /// the terminal.
    fn say(&mut self, text: &str) {
        let _ = self
            .term
            .write_line(&wrap(&terminal_safe(text), self.width()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_long_entries_on_one_line() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
    }
}
