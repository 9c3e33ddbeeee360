//! The interactive workshop behind a small prompt trait, so the same flow runs on a real
//! terminal (a key-driven menu of plead's own, see `terminal`) and from a script in
//! tests. The session is saved to a draft after every answer, so an interruption loses at
//! most the answer being typed.

pub mod draft;
pub mod item_view;
pub mod layout;
pub mod lock;
pub mod script;
pub mod session;
pub mod spread;
pub mod summary;
pub mod terminal;

/// What stays at the top of the screen while an item's prompts are answered: the part
/// that is always shown (progress, theme, the item's title and text), and the part shown
/// as far as the screen allows (guidance, discussion prompts). A new screen starts
/// cleared on a terminal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Screen {
    pub head: String,
    pub body: String,
}

/// One entry of a menu: its label, a short description shown after it as far as the
/// width allows, and the key that chooses it at once (a scale point's number, `n`, `?`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub label: String,
    pub detail: String,
    pub key: Option<char>,
}

impl Entry {
    pub fn plain(label: impl Into<String>) -> Entry {
        Entry {
            label: label.into(),
            detail: String::new(),
            key: None,
        }
    }

    pub fn keyed(key: char, label: impl Into<String>, detail: impl Into<String>) -> Entry {
        Entry {
            label: label.into(),
            detail: detail.into(),
            key: Some(key),
        }
    }
}

/// A key that is not an entry but acts at once, shown as a hint under the menu
/// (`b` Back, `s` Skip, `r` Review).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hotkey {
    pub key: char,
    pub label: String,
}

/// A menu: pick one entry, press a hotkey, or (when `escape`) go back with Esc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Menu {
    pub prompt: String,
    pub entries: Vec<Entry>,
    pub default: usize,
    pub hotkeys: Vec<Hotkey>,
    pub escape: bool,
}

impl Menu {
    pub fn new(prompt: impl Into<String>, entries: Vec<Entry>, default: usize) -> Menu {
        Menu {
            prompt: prompt.into(),
            entries,
            default,
            hotkeys: Vec::new(),
            escape: false,
        }
    }
}

/// What was chosen at a menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Entry(usize),
    Hotkey(char),
    /// Esc, where the menu allows it.
    Escape,
}

/// A line that changes by itself, as it now is (see `Prompter::follow`).
pub type Follow = std::sync::Arc<dyn Fn() -> String + Send + Sync>;

/// What the workshop flow asks of a person.
pub trait Prompter {
    /// Starts a new screen (cleared on a terminal) that the next prompts sit under.
    fn screen(&mut self, screen: &Screen);
    /// Picks from a menu.
    fn choose(&mut self, menu: &Menu) -> anyhow::Result<Pick>;
    /// A line of text, starting from `default`; empty is allowed when `allow_empty`.
    /// With `escape`, Esc gives `None` (go back).
    fn line(
        &mut self,
        prompt: &str,
        default: &str,
        allow_empty: bool,
        escape: bool,
    ) -> anyhow::Result<Option<String>>;
    /// Yes or no.
    fn confirm(&mut self, prompt: &str, default: bool) -> anyhow::Result<bool>;
    /// Shows text (spreads, notes, summaries) under the screen's head.
    fn say(&mut self, text: &str);
    /// Shows a long text whole (the "More about this item" view), page by page on a
    /// terminal, until a key is pressed.
    fn page(&mut self, text: &str) -> anyhow::Result<()>;
    /// Shows the end of the workshop (a cleared screen on a terminal); nothing is asked.
    fn end(&mut self, text: &str);
    /// Keeps the line said last up to date while the next prompt waits (a live
    /// workshop's "7 of 9 have voted"): `line` gives it as it now is. A new screen, or
    /// `None`, stops it. Off a terminal nothing is redrawn.
    fn follow(&mut self, line: Option<Follow>) {
        let _ = line;
    }
    /// The terminal's size (columns, rows), or `None` off a terminal.
    fn size(&self) -> Option<(usize, usize)> {
        None
    }

    /// Picks one of `items`; returns its index.
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> anyhow::Result<usize> {
        let entries = items.iter().map(Entry::plain).collect();
        match self.choose(&Menu::new(prompt, entries, default))? {
            Pick::Entry(i) => Ok(i),
            other => anyhow::bail!("\"{prompt}\" was answered with {other:?}, not an entry"),
        }
    }

    /// A line of text; empty is allowed when `allow_empty`.
    fn input(&mut self, prompt: &str, default: &str, allow_empty: bool) -> anyhow::Result<String> {
        Ok(self
            .line(prompt, default, allow_empty, false)?
            .unwrap_or_default())
    }
}
