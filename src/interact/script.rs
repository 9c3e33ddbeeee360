//! Scripted answers: the workshop flow driven from a list of lines (tests, and the hidden
//! `--script FILE` flag). Each line answers one prompt:
//! - a select: the entry's number (1-based, with a leading `#`, e.g. `#2`) or the start of
//!   its text, without regard to case (`3`, `n/a`, `back`, `skip`, `review`, `finish`);
//! - an input: the text itself (an empty line is an empty answer; `=` keeps the default);
//! - a confirm: `y` or `n`.
//!
//! Every prompt and answer is echoed to stderr so a test can read the transcript. When
//! the script runs out, the run stops as if interrupted (the draft is kept).

use anyhow::bail;

use super::Prompter;

pub struct ScriptPrompter {
    lines: std::vec::IntoIter<String>,
}

impl ScriptPrompter {
    pub fn new(script: &str) -> ScriptPrompter {
        let lines: Vec<String> = script.lines().map(str::to_string).collect();
        ScriptPrompter {
            lines: lines.into_iter(),
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

impl Prompter for ScriptPrompter {
    fn select(&mut self, prompt: &str, items: &[String], _default: usize) -> anyhow::Result<usize> {
        let answer = self.next(prompt)?;
        let wanted = answer.trim().to_lowercase();
        if let Some(n) = wanted
            .strip_prefix('#')
            .and_then(|n| n.parse::<usize>().ok())
            && (1..=items.len()).contains(&n)
        {
            return Ok(n - 1);
        }
        match items
            .iter()
            .position(|i| i.to_lowercase().starts_with(&wanted))
        {
            Some(i) if !wanted.is_empty() => Ok(i),
            _ => bail!(
                "script answer \"{answer}\" matches none of the entries of \"{prompt}\": {}",
                items.join(" | ")
            ),
        }
    }

    fn input(&mut self, prompt: &str, default: &str, allow_empty: bool) -> anyhow::Result<String> {
        let answer = self.next(prompt)?;
        let answer = if answer == "=" {
            default.to_string()
        } else {
            answer.trim().to_string()
        };
        if answer.is_empty() && !allow_empty {
            bail!("script answer to \"{prompt}\" is empty, but an answer is needed");
        }
        Ok(answer)
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
}
