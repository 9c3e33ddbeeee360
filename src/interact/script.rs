//! Scripted answers: the workshop flow driven from a list of lines (tests, and the hidden
//! `--script FILE` flag). Each line answers one prompt:
//! - a menu: the entry's number (1-based, with a leading `#`, e.g. `#2`), the key of an
//!   entry or hotkey as a facilitator would press it (`3`, `n`, `b`), `<esc>`, or the
//!   start of an entry's or hotkey's text, without regard to case (`3 ·`, `n/a`, `back`,
//!   `skip`, `review`, `finish`); an empty line is Enter, the entry the menu starts on;
//! - an input: the text itself (an empty line is an empty answer; `=` keeps the default;
//!   `<esc>` goes back where Esc would);
//! - a confirm: `y` or `n`.
//!
//! Every screen, prompt and answer is echoed to stderr so a test can read the transcript.
//! When the script runs out, the run stops as if interrupted (the draft is kept).

use anyhow::bail;

use super::{Menu, Pick, Prompter, Screen};

pub struct ScriptPrompter {
    lines: Box<dyn Iterator<Item = String>>,
    /// The screen shown last: shown again only when it changes.
    shown: Option<Screen>,
}

const ESC: &str = "<esc>";

impl ScriptPrompter {
    pub fn new(script: &str) -> ScriptPrompter {
        let lines: Vec<String> = script.lines().map(str::to_string).collect();
        ScriptPrompter {
            lines: Box::new(lines.into_iter()),
            shown: None,
        }
    }

    /// Answers read a line at a time as each prompt comes (`--script -`): a test drives
    /// a live workshop's terminal between its participants' requests.
    pub fn streaming(input: impl std::io::BufRead + 'static) -> ScriptPrompter {
        ScriptPrompter {
            lines: Box::new(input.lines().map_while(Result::ok)),
            shown: None,
        }
    }

    fn next(&mut self, prompt: &str) -> anyhow::Result<String> {
        match self.lines.next() {
            Some(line) => {
                crate::output::message(&format!("? {prompt} › {line}"));
                Ok(line)
            }
            None => bail!("the script ran out of answers at \"{prompt}\" (the draft is kept)"),
        }
    }
}

/// The pick a script line stands for at `menu`, if any.
fn pick(menu: &Menu, answer: &str) -> Option<Pick> {
    let wanted = answer.trim().to_lowercase();
    // An empty line is Enter: the entry the menu starts on.
    if wanted.is_empty() {
        return Some(Pick::Entry(
            menu.default.min(menu.entries.len().saturating_sub(1)),
        ));
    }
    if let Some(n) = wanted
        .strip_prefix('#')
        .and_then(|n| n.parse::<usize>().ok())
    {
        return (1..=menu.entries.len())
            .contains(&n)
            .then_some(Pick::Entry(n - 1));
    }
    if wanted == ESC {
        return menu.escape.then_some(Pick::Escape);
    }
    let mut chars = wanted.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if let Some(i) = menu.entries.iter().position(|e| e.key == Some(c)) {
            return Some(Pick::Entry(i));
        }
        if let Some(h) = menu.hotkeys.iter().find(|h| h.key == c) {
            return Some(Pick::Hotkey(h.key));
        }
    }
    if let Some(i) = menu
        .entries
        .iter()
        .position(|e| e.label.to_lowercase().starts_with(&wanted))
    {
        return Some(Pick::Entry(i));
    }
    menu.hotkeys
        .iter()
        .find(|h| h.label.to_lowercase().starts_with(&wanted))
        .map(|h| Pick::Hotkey(h.key))
}

impl Prompter for ScriptPrompter {
    fn screen(&mut self, screen: &Screen) {
        if self.shown.as_ref() == Some(screen) {
            return;
        }
        self.shown = Some(screen.clone());
        eprintln!("\n{}", screen.head);
        if !screen.body.is_empty() {
            eprintln!("\n{}", screen.body);
        }
    }

    fn choose(&mut self, menu: &Menu) -> anyhow::Result<Pick> {
        let answer = self.next(&menu.prompt)?;
        match pick(menu, &answer) {
            Some(p) => Ok(p),
            None => {
                let mut all: Vec<String> = menu.entries.iter().map(|e| e.label.clone()).collect();
                all.extend(
                    menu.hotkeys
                        .iter()
                        .map(|h| format!("{} {}", h.key, h.label)),
                );
                bail!(
                    "script answer \"{answer}\" matches none of the entries of \"{}\": {}",
                    menu.prompt,
                    all.join(" | ")
                )
            }
        }
    }

    fn line(
        &mut self,
        prompt: &str,
        default: &str,
        allow_empty: bool,
        escape: bool,
    ) -> anyhow::Result<Option<String>> {
        let answer = self.next(prompt)?;
        if escape && answer.trim() == ESC {
            return Ok(None);
        }
        let answer = if answer == "=" {
            default.to_string()
        } else {
            answer.trim().to_string()
        };
        if answer.is_empty() && !allow_empty {
            bail!("script answer to \"{prompt}\" is empty, but an answer is needed");
        }
        Ok(Some(answer))
    }

    fn confirm(&mut self, prompt: &str, _default: bool) -> anyhow::Result<bool> {
        let answer = self.next(prompt)?;
        match answer.trim().to_lowercase().as_str() {
            "y" | "yes" => Ok(true),
            "n" | "no" => Ok(false),
            other => bail!("script answer \"{other}\" to \"{prompt}\" is not y or n"),
        }
    }

    fn say(&mut self, text: &str) {
        crate::output::message(text);
    }

    fn end(&mut self, text: &str) {
        eprintln!("\n{}", text.trim_end());
    }

    fn page(&mut self, text: &str) -> anyhow::Result<()> {
        eprintln!("{text}");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interact::{Entry, Hotkey};

    fn menu() -> Menu {
        let mut m = Menu::new(
            "Rating",
            vec![
                Entry::keyed('0', "0 · Not in place", ""),
                Entry::keyed('1', "1 · Planned", ""),
                Entry::keyed('n', "N/A · Not applicable", ""),
            ],
            0,
        );
        m.hotkeys.push(Hotkey {
            key: 'b',
            label: "Back".into(),
        });
        m
    }

    #[test]
    fn a_line_picks_by_number_key_text_or_hotkey() {
        let m = menu();
        assert_eq!(pick(&m, "#2"), Some(Pick::Entry(1)));
        assert_eq!(pick(&m, "1"), Some(Pick::Entry(1)));
        assert_eq!(pick(&m, "n"), Some(Pick::Entry(2)));
        assert_eq!(pick(&m, "n/a"), Some(Pick::Entry(2)));
        assert_eq!(pick(&m, "b"), Some(Pick::Hotkey('b')));
        assert_eq!(pick(&m, "back"), Some(Pick::Hotkey('b')));
        assert_eq!(pick(&m, "<esc>"), None, "this menu has no Esc");
        assert_eq!(pick(&m, "#9"), None);
        assert_eq!(pick(&m, ""), Some(Pick::Entry(0)), "Enter");
    }
}
