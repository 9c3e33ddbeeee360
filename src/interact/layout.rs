//! Laying out one frame of the workshop on a terminal of a given size: pure, so every
//! size is tested without a terminal. The order is fixed — the screen's head (progress,
//! theme, the item's title and text), what was said under it (ratings given, the spread),
//! the screen's body (guidance, discussion prompts) as far as room allows, then the
//! prompt — and when rows are short, the body gives way first, then what was said, and
//! the menu scrolls; the head and the prompt are always there.

use super::{Menu, Screen};
use crate::render::text::label_mark;
use crate::render::text::{terminal_safe, wrap};

/// The prompt at the bottom of the frame.
#[derive(Debug, Clone)]
pub enum Widget<'a> {
    Menu {
        menu: &'a Menu,
        cursor: usize,
    },
    Line {
        prompt: &'a str,
        buffer: &'a str,
        escape: bool,
        allow_empty: bool,
    },
    Confirm {
        prompt: &'a str,
        default: bool,
    },
    /// A page of a long text; `more` when another page follows.
    Page {
        more: bool,
    },
}

/// A laid-out frame: its lines (none wider than the terminal), the row of the menu's
/// chosen entry (to highlight), and where the cursor goes for typing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub lines: Vec<String>,
    pub selected: Option<usize>,
    pub cursor: Option<(usize, usize)>,
}

/// Shortens a line to `width` characters, ending in '…' when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
    t.push('…');
    t
}

/// Wrapped to `width`, every line fitted (a word longer than the width is cut).
fn lines(text: &str, width: usize) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    wrap(&terminal_safe(text), width)
        .split('\n')
        .map(|l| fit(l, width))
        .collect()
}

/// The hint line of a menu: its keys, then how to move.
pub fn hints(menu: &Menu) -> String {
    let mut parts = Vec::new();
    let digits: Vec<char> = menu
        .entries
        .iter()
        .filter_map(|e| e.key)
        .filter(char::is_ascii_digit)
        .collect();
    match digits.as_slice() {
        [] => {}
        [one] => parts.push(format!("{one} choose")),
        [first, .., last] => parts.push(format!("{first}–{last} choose")),
    }
    for e in &menu.entries {
        if let Some(k) = e.key.filter(|k| !k.is_ascii_digit()) {
            let word = e.label.split(" · ").next().unwrap_or(&e.label);
            let word = word.split_whitespace().next().unwrap_or(word);
            parts.push(format!("{k} {word}"));
        }
    }
    for h in &menu.hotkeys {
        parts.push(format!("{} {}", h.key, h.label));
    }
    if menu.escape {
        parts.push("Esc back".into());
    }
    parts.push("↑↓ Enter".into());
    parts.join(" · ")
}

/// One entry as a menu line: a marker, the label, and as much of the detail as fits.
fn entry_line(label: &str, detail: &str, chosen: bool, width: usize) -> String {
    let marker = if chosen { "❯ " } else { "  " };
    let label = terminal_safe(label);
    let text = if detail.is_empty() {
        format!("{marker}{label}")
    } else {
        format!("{marker}{label} — {}", terminal_safe(detail))
    };
    fit(&text, width)
}

/// Lays out a frame of `width` × `height`.
pub fn frame(
    screen: &Screen,
    said: &[String],
    widget: &Widget,
    width: usize,
    height: usize,
) -> Frame {
    let width = width.max(20);
    // The last row stays empty: writing to it would scroll the terminal.
    let rows = height.max(6) - 1;
    let head = lines(&screen.head, width);
    let said: Vec<String> = said.iter().flat_map(|s| lines(s, width)).collect();
    let body = lines(&screen.body, width);
    let prompt = prompt(widget, width, rows, head.len());

    // The head, cut only on a terminal too small for it and the prompt.
    let mut left = rows.saturating_sub(prompt.lines.len());
    let mut out: Vec<String> = head.into_iter().take(left).collect();
    left -= out.len();
    section(&mut out, &said, &mut left, "", width);
    section(&mut out, &body, &mut left, more_mark(widget), width);
    if left > 0 && !out.is_empty() {
        out.push(String::new());
        left -= 1;
    }
    let top = out.len();
    out.extend(prompt.lines);
    if !prompt.detail.is_empty() && prompt.detail.len() < left {
        out.push(String::new());
        out.extend(prompt.detail);
    }
    Frame {
        lines: out,
        selected: prompt.selected.map(|s| s + top),
        cursor: prompt.cursor.map(|(r, c)| (r + top, c)),
    }
}

/// What a part of the screen cut short ends with: where the menu has `?` (the whole
/// item), it says so.
fn more_mark(widget: &Widget) -> &'static str {
    match widget {
        Widget::Menu { menu, .. } if menu.entries.iter().any(|e| e.key == Some('?')) => {
            "  … more with ?"
        }
        _ => "  …",
    }
}

/// Adds a part of the screen under a blank line, in the `left` rows there are: cut with
/// the `more` line, or, with none, keeping its last lines (what was said last matters
/// most: the spread before the agreed rating). Left out when fewer than 2 rows are left.
fn section(out: &mut Vec<String>, part: &[String], left: &mut usize, more: &str, width: usize) {
    if part.is_empty() || *left < 2 {
        return;
    }
    out.push(String::new());
    *left -= 1;
    if part.len() <= *left {
        out.extend(part.iter().cloned());
        *left -= part.len();
    } else if !more.is_empty() {
        out.extend(part.iter().take(*left - 1).cloned());
        out.push(fit(more, width));
        *left = 0;
    } else {
        out.extend(part.iter().skip(part.len() - *left).cloned());
        *left = 0;
    }
}

/// The prompt laid out: its lines, which of them is the chosen entry, where typing goes,
/// and the chosen entry's whole description when its line cut it.
#[derive(Default)]
struct Prompt {
    lines: Vec<String>,
    selected: Option<usize>,
    cursor: Option<(usize, usize)>,
    detail: Vec<String>,
}

/// The prompt of `widget`, under a head of `head` lines in `rows` rows.
fn prompt(widget: &Widget, width: usize, rows: usize, head: usize) -> Prompt {
    match widget {
        Widget::Menu { menu, cursor } => menu_prompt(menu, *cursor, width, rows, head),
        Widget::Line {
            prompt,
            buffer,
            escape,
            allow_empty,
        } => line_prompt(prompt, buffer, *escape, *allow_empty, width),
        Widget::Confirm { prompt, default } => {
            // A question is never cut: it wraps, and the answer goes after its end.
            let yn = if *default { "Y/n" } else { "y/N" };
            let question = lines(&format!("? {prompt} ({yn})"), width.saturating_sub(1));
            let last = question.len().saturating_sub(1);
            Prompt {
                cursor: Some((last, (question[last].chars().count() + 1).min(width - 1))),
                lines: question,
                ..Prompt::default()
            }
        }
        Widget::Page { more } => Prompt {
            lines: vec![if *more {
                "  Any key: the next page · q or Esc: back".into()
            } else {
                "  Any key: back".into()
            }],
            ..Prompt::default()
        },
    }
}

/// A menu: its question, a window of entries that holds the chosen one (with "more"
/// lines when it scrolls), and its hints.
fn menu_prompt(menu: &Menu, at: usize, width: usize, rows: usize, head: usize) -> Prompt {
    let mut shown = vec![fit(&format!("? {}", terminal_safe(&menu.prompt)), width)];
    // Room for every entry under the head, the prompt and the hints; or, when it
    // scrolls, for the two "more" lines too.
    let free = rows.saturating_sub(head.min(rows / 2) + 2);
    let room = if menu.entries.len() <= free {
        menu.entries.len()
    } else {
        free.saturating_sub(2).max(3).min(menu.entries.len())
    };
    // A window of `room` entries that holds the chosen one.
    let first = (at + 1).saturating_sub(room).min(menu.entries.len() - room);
    let mut selected = None;
    if first > 0 {
        shown.push(fit(&format!("  ↑ {first} more"), width));
    }
    for (k, e) in menu.entries.iter().enumerate().skip(first).take(room) {
        if k == at {
            selected = Some(shown.len());
        }
        shown.push(entry_line(&e.label, &e.detail, k == at, width));
    }
    let after = menu.entries.len() - first - room;
    if after > 0 {
        shown.push(fit(&format!("  ↓ {after} more"), width));
    }
    shown.push(fit(&hints(menu), width));
    // The chosen entry's whole description, when its line cut it.
    let detail = match menu.entries.get(at) {
        Some(e)
            if !e.detail.is_empty()
                && entry_line(&e.label, &e.detail, true, width).ends_with('…') =>
        {
            lines(&format!("{}: {}", e.label, e.detail), width)
        }
        _ => Vec::new(),
    };
    Prompt {
        lines: shown,
        selected,
        cursor: None,
        detail,
    }
}

/// A line being typed: the question, the end of the answer so far with the cursor after
/// it, and the keys that work.
fn line_prompt(
    question: &str,
    buffer: &str,
    escape: bool,
    allow_empty: bool,
    width: usize,
) -> Prompt {
    let question = terminal_safe(question);
    let shown = format!("? {question}{} ", label_mark(&question));
    let buffer = terminal_safe(buffer);
    // The end of a long answer stays in sight.
    let room = width.saturating_sub(shown.chars().count() + 1).max(10);
    let tail: String = {
        let n = buffer.chars().count();
        buffer.chars().skip(n.saturating_sub(room)).collect()
    };
    let line = fit(&format!("{shown}{tail}"), width);
    let cursor = Some((0, line.chars().count().min(width - 1)));
    let mut hint = vec!["Enter accept"];
    if allow_empty {
        hint.push("empty Enter for none");
    }
    if escape {
        hint.push("Esc back");
    }
    hint.push("Ctrl-U clear");
    Prompt {
        lines: vec![line, fit(&format!("  {}", hint.join(" · ")), width)],
        cursor,
        ..Prompt::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interact::{Entry, Hotkey};

    fn menu() -> Menu {
        let mut m = Menu::new(
            "Rating",
            (0..=4)
                .map(|v| {
                    Entry::keyed(
                        char::from(b'0' + v),
                        format!("{v} · Label {v}"),
                        "a descriptor long enough to be cut on a narrow terminal, as the maturity scale's are",
                    )
                })
                .collect(),
            2,
        );
        m.entries
            .push(Entry::keyed('n', "N/A · Not applicable / don't know", ""));
        m.entries
            .push(Entry::keyed('?', "More about this item", ""));
        for (key, label) in [('b', "Back"), ('s', "Skip"), ('r', "Review")] {
            m.hotkeys.push(Hotkey {
                key,
                label: label.into(),
            });
        }
        m
    }

    fn screen() -> Screen {
        Screen {
            head: "Item 2 of 10 — Invest in Patient Leaders\n\nCo-design from the start\nGet patient leaders involved".into(),
            body: (1..=40).map(|n| format!("guidance line {n}")).collect::<Vec<_>>().join("\n"),
        }
    }

    #[test]
    fn at_80_by_24_the_head_and_the_whole_menu_fit_and_the_body_gives_way() {
        let m = menu();
        let f = frame(
            &screen(),
            &[],
            &Widget::Menu {
                menu: &m,
                cursor: 2,
            },
            80,
            24,
        );
        assert!(f.lines.len() <= 23, "{:#?}", f.lines);
        assert_eq!(f.lines[0], "Item 2 of 10 — Invest in Patient Leaders");
        assert!(f.lines.iter().any(|l| l == "Get patient leaders involved"));
        for e in &m.entries {
            assert!(f.lines.iter().any(|l| l.contains(&e.label)), "{}", e.label);
        }
        assert!(f.lines.iter().any(|l| l == "  … more with ?"));
        assert!(f.lines.iter().all(|l| l.chars().count() <= 80));
        assert_eq!(f.lines[f.selected.unwrap()].chars().next(), Some('❯'));
        assert!(
            f.lines
                .iter()
                .any(|l| l.starts_with("0–4 choose · n N/A · ? More · b Back"))
        );
    }

    #[test]
    fn a_larger_terminal_shows_more_of_the_body() {
        let m = menu();
        let small = frame(
            &screen(),
            &[],
            &Widget::Menu {
                menu: &m,
                cursor: 0,
            },
            80,
            24,
        );
        let large = frame(
            &screen(),
            &[],
            &Widget::Menu {
                menu: &m,
                cursor: 0,
            },
            110,
            35,
        );
        let count = |f: &Frame| f.lines.iter().filter(|l| l.starts_with("guidance")).count();
        assert!(count(&large) > count(&small) + 8);
        assert!(large.lines.len() <= 34);
    }

    #[test]
    fn what_was_said_stays_before_the_body() {
        let m = menu();
        let said = vec!["Ratings: Sam 1 · Priya 3".to_string()];
        let f = frame(
            &screen(),
            &said,
            &Widget::Menu {
                menu: &m,
                cursor: 0,
            },
            80,
            24,
        );
        let at = |s: &str| f.lines.iter().position(|l| l.starts_with(s)).unwrap();
        assert!(at("Ratings:") < at("guidance line 1"));
    }

    #[test]
    fn a_long_menu_scrolls_around_the_chosen_entry() {
        let entries = (1..=40)
            .map(|n| Entry::plain(format!("entry {n}")))
            .collect();
        let m = Menu::new("Pick", entries, 0);
        let f = frame(
            &Screen::default(),
            &[],
            &Widget::Menu {
                menu: &m,
                cursor: 30,
            },
            80,
            24,
        );
        assert!(f.lines.len() <= 23);
        assert!(f.lines[f.selected.unwrap()].contains("entry 31"));
        assert!(
            f.lines
                .iter()
                .any(|l| l.contains("↑") && l.contains("more"))
        );
    }

    #[test]
    fn a_typed_line_shows_its_end_and_the_cursor_after_it() {
        let f = frame(
            &Screen::default(),
            &[],
            &Widget::Line {
                prompt: "Name of the example",
                buffer: "Carers' café",
                escape: true,
                allow_empty: true,
            },
            80,
            24,
        );
        let (row, col) = f.cursor.unwrap();
        assert_eq!(f.lines[row], "? Name of the example: Carers' café");
        assert_eq!(col, f.lines[row].chars().count());
        assert!(f.lines[row + 1].contains("Esc back"));
    }
}
