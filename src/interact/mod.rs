//! The interactive workshop behind a small prompt trait, so the same flow runs on a real
//! terminal (dialoguer) and from a script in tests. The session is saved to a draft after
//! every answer, so an interruption loses at most the answer being typed.

pub mod draft;
pub mod lock;
pub mod script;
pub mod session;
pub mod terminal;

/// What the workshop flow asks of a person.
pub trait Prompter {
    /// Picks one of `items`; returns its index.
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> anyhow::Result<usize>;
    /// A line of text; empty is allowed when `allow_empty`.
    fn input(&mut self, prompt: &str, default: &str, allow_empty: bool) -> anyhow::Result<String>;
    /// Yes or no.
    fn confirm(&mut self, prompt: &str, default: bool) -> anyhow::Result<bool>;
    /// Shows text (item headers, spreads, summaries).
    fn say(&mut self, text: &str);
}
