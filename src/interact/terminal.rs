//! The real terminal: one frame per prompt, drawn on stderr (stdout stays for the
//! report) with keys read through `console`'s `Term`, the terminal layer dialoguer is
//! built on. dialoguer's own Select and Input cannot do what a workshop in front of a
//! room needs — a number key that chooses a point at once, Esc to go back, the item's
//! text kept above the menu, a redraw when the window is resized — so the menu, the line
//! editor and the yes/no are plead's own, laid out by `layout`. Ctrl-C leaves the cursor
//! hidden unless mended: `restore_on_interrupt` and `answered` do that.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use anyhow::Context;
use dialoguer::console::{Key, Term, style};

use super::layout::{self, Widget};
use super::{Follow, Menu, Pick, Prompter, Screen};
use crate::render::text::{terminal_safe, wrap};

/// The prompt being answered, owned, so the resize watcher can draw it again.
#[derive(Debug, Clone)]
enum Live {
    Menu(Menu, usize),
    Line {
        prompt: String,
        buffer: String,
        escape: bool,
        allow_empty: bool,
    },
    Confirm(String, bool),
    Page(bool),
}

#[derive(Default)]
struct State {
    screen: Screen,
    said: Vec<String>,
    live: Option<Live>,
    /// The size the last frame was drawn for.
    drawn: (u16, u16),
    /// A new screen clears the terminal once.
    clear: bool,
    /// A said line kept up to date (its index in `said`), see `Prompter::follow`.
    follow: Option<(usize, Follow)>,
}

pub struct TerminalPrompter {
    term: Term,
    state: Arc<Mutex<State>>,
}

impl TerminalPrompter {
    pub fn new() -> TerminalPrompter {
        let prompter = TerminalPrompter {
            term: Term::stderr(),
            state: Arc::new(Mutex::new(State {
                clear: true,
                ..State::default()
            })),
        };
        watch_size(prompter.term.clone(), Arc::clone(&prompter.state));
        prompter
    }

    fn set_live(&self, live: Option<Live>) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.live = live;
        draw(&self.term, &mut state);
    }

    /// Draws the current prompt again after a key changed it.
    fn update(&self, f: impl FnOnce(&mut Live)) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(live) = state.live.as_mut() {
            f(live);
        }
        draw(&self.term, &mut state);
    }

    /// Leaves the prompt: the cursor shown again.
    fn done(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.live = None;
        let _ = self.term.show_cursor();
    }
}

impl Drop for TerminalPrompter {
    /// However the workshop ends (an error too), the cursor is shown again.
    fn drop(&mut self) {
        let _ = self.term.show_cursor();
    }
}

impl Default for TerminalPrompter {
    fn default() -> Self {
        Self::new()
    }
}

/// Draws the frame for the current state and size: from the top, each line cleared to
/// its end, the rest of the screen cleared below (no flicker from clearing it all).
fn draw(term: &Term, state: &mut State) {
    let Some(live) = &state.live else {
        return;
    };
    let (rows, cols) = term.size();
    let widget = match live {
        Live::Menu(menu, cursor) => Widget::Menu {
            menu,
            cursor: *cursor,
        },
        Live::Line {
            prompt,
            buffer,
            escape,
            allow_empty,
        } => Widget::Line {
            prompt,
            buffer,
            escape: *escape,
            allow_empty: *allow_empty,
        },
        Live::Confirm(prompt, default) => Widget::Confirm {
            prompt,
            default: *default,
        },
        Live::Page(more) => Widget::Page { more: *more },
    };
    let f = layout::frame(
        &state.screen,
        &state.said,
        &widget,
        usize::from(cols),
        usize::from(rows),
    );
    let mut out = String::from("\x1b[?25l");
    if state.clear {
        out.push_str("\x1b[2J");
        state.clear = false;
    }
    out.push_str("\x1b[H");
    let colour = dialoguer::console::colors_enabled_stderr();
    for (k, line) in f.lines.iter().enumerate() {
        if k > 0 {
            out.push_str("\r\n");
        }
        if Some(k) == f.selected && colour {
            out.push_str(&style(line).cyan().bold().to_string());
        } else {
            out.push_str(line);
        }
        out.push_str("\x1b[K");
    }
    out.push_str("\x1b[J");
    if let Some((row, col)) = f.cursor {
        out.push_str(&format!("\x1b[{};{}H\x1b[?25h", row + 1, col + 1));
    }
    let _ = term.write_str(&out);
    let _ = term.flush();
    state.drawn = (rows, cols);
}

/// Redraws the prompt when the terminal is resized (a projector plugged in, a window
/// dragged): `console` reports no resize, so the size is looked at ten times a second;
/// and when a followed line has changed (a live workshop's count).
fn watch_size(term: Term, state: Arc<Mutex<State>>) {
    let _ = std::thread::Builder::new()
        .name("resize".into())
        .spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(100));
                let size = term.size();
                let mut state = state.lock().unwrap_or_else(|e| e.into_inner());
                if state.live.is_some() && state.drawn != size {
                    state.clear = true;
                    draw(&term, &mut state);
                }
                if let Some((k, line)) = &state.follow {
                    let (k, now) = (*k, line());
                    if state.live.is_some() && state.said.get(k).is_some_and(|s| *s != now) {
                        state.said[k] = now;
                        draw(&term, &mut state);
                    }
                }
            }
        });
}

static DRAFT: OnceLock<String> = OnceLock::new();
/// The draft's lock file, released on Ctrl-C so the next run finds no lock to judge stale.
static LOCK: OnceLock<PathBuf> = OnceLock::new();
static STOPPING: AtomicBool = AtomicBool::new(false);

/// On Ctrl-C: show the cursor again, say the draft is kept, and exit 130. The draft was
/// saved after the last answer, so nothing given is lost.
pub fn restore_on_interrupt(draft: String, lock: PathBuf) {
    let _ = DRAFT.set(draft);
    let _ = LOCK.set(lock);
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
    if let Some(lock) = LOCK.get() {
        super::lock::release(lock);
    }
    std::process::exit(130);
}

/// A key, ending the run the one way on Ctrl-C.
fn key(term: &Term) -> anyhow::Result<Key> {
    match term.read_key() {
        Ok(k) => Ok(k),
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => interrupted(),
        Err(e) => Err(e).context("cannot read a key from the terminal"),
    }
}

/// What a key does at a menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MenuKey {
    Move(isize),
    To(usize),
    Done(Pick),
    Ignore,
}

/// The meaning of `k` at `menu` with the cursor at `at`: an entry's or hotkey's own key
/// acts at once; j/k move too unless the menu gives them a meaning.
fn menu_key(menu: &Menu, at: usize, k: &Key) -> MenuKey {
    let last = menu.entries.len().saturating_sub(1);
    match k {
        Key::Enter => MenuKey::Done(Pick::Entry(at)),
        Key::Escape if menu.escape => MenuKey::Done(Pick::Escape),
        Key::ArrowDown | Key::Tab => MenuKey::Move(1),
        Key::ArrowUp | Key::BackTab => MenuKey::Move(-1),
        Key::Home => MenuKey::To(0),
        Key::End => MenuKey::To(last),
        Key::PageDown => MenuKey::Move(10),
        Key::PageUp => MenuKey::Move(-10),
        Key::Char(c) => {
            let c = c.to_ascii_lowercase();
            if let Some(i) = menu.entries.iter().position(|e| e.key == Some(c)) {
                MenuKey::Done(Pick::Entry(i))
            } else if menu.hotkeys.iter().any(|h| h.key == c) {
                MenuKey::Done(Pick::Hotkey(c))
            } else if c == 'j' {
                MenuKey::Move(1)
            } else if c == 'k' {
                MenuKey::Move(-1)
            } else if c == ' ' {
                MenuKey::Done(Pick::Entry(at))
            } else {
                MenuKey::Ignore
            }
        }
        _ => MenuKey::Ignore,
    }
}

impl Prompter for TerminalPrompter {
    fn screen(&mut self, screen: &Screen) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.screen = screen.clone();
        state.said.clear();
        state.follow = None;
        state.clear = true;
    }

    fn follow(&mut self, line: Option<Follow>) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let last = state.said.len().checked_sub(1);
        state.follow = line.zip(last).map(|(f, k)| (k, f));
    }

    fn choose(&mut self, menu: &Menu) -> anyhow::Result<Pick> {
        if menu.entries.is_empty() {
            anyhow::bail!("the menu \"{}\" has no entries", menu.prompt);
        }
        let n = menu.entries.len();
        let mut at = menu.default.min(n - 1);
        self.set_live(Some(Live::Menu(menu.clone(), at)));
        let pick = loop {
            match menu_key(menu, at, &key(&self.term)?) {
                MenuKey::Move(d) => at = (at as isize + d).rem_euclid(n as isize) as usize,
                MenuKey::To(i) => at = i,
                MenuKey::Done(p) => break p,
                MenuKey::Ignore => continue,
            }
            self.update(|live| {
                if let Live::Menu(_, c) = live {
                    *c = at;
                }
            });
        };
        self.done();
        Ok(pick)
    }

    fn line(
        &mut self,
        prompt: &str,
        default: &str,
        allow_empty: bool,
        escape: bool,
    ) -> anyhow::Result<Option<String>> {
        // The default is shown as the answer: Enter keeps it, typing replaces it, and
        // Backspace edits it.
        let mut buffer = default.to_string();
        let mut fresh = !buffer.is_empty();
        self.set_live(Some(Live::Line {
            prompt: prompt.to_string(),
            buffer: buffer.clone(),
            escape,
            allow_empty,
        }));
        let answer = loop {
            match key(&self.term)? {
                Key::Enter if allow_empty || !buffer.trim().is_empty() => {
                    break Some(buffer.trim().to_string());
                }
                Key::Escape if escape => break None,
                Key::Backspace => {
                    buffer.pop();
                }
                // Ctrl-U, as in a shell: clear the line.
                Key::Char('\u{15}') => buffer.clear(),
                Key::Char(c) if !c.is_control() => {
                    if fresh {
                        buffer.clear();
                    }
                    buffer.push(c);
                }
                _ => continue,
            }
            fresh = false;
            self.update(|live| {
                if let Live::Line { buffer: b, .. } = live {
                    b.clone_from(&buffer);
                }
            });
        };
        self.done();
        Ok(answer)
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> anyhow::Result<bool> {
        self.set_live(Some(Live::Confirm(prompt.to_string(), default)));
        let answer = loop {
            match key(&self.term)? {
                Key::Enter => break default,
                Key::Char('y' | 'Y') => break true,
                Key::Char('n' | 'N') => break false,
                _ => {}
            }
        };
        self.done();
        Ok(answer)
    }

    /// Text from assessment files, drafts and earlier answers: nothing in it may drive
    /// the terminal (the layout makes it safe).
    fn say(&mut self, text: &str) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.said.push(text.to_string());
    }

    fn page(&mut self, text: &str) -> anyhow::Result<()> {
        let saved = {
            let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
            (state.screen.clone(), state.said.clone())
        };
        let (rows, cols) = self.term.size();
        let width = usize::from(cols).max(20);
        let lines: Vec<String> = wrap(&terminal_safe(text), width)
            .split('\n')
            .map(|l| layout::fit(l, width))
            .collect();
        let per_page = usize::from(rows).max(6) - 3;
        let pages: Vec<&[String]> = lines.chunks(per_page).collect();
        for (k, page) in pages.iter().enumerate() {
            self.screen(&Screen {
                head: page.join("\n"),
                body: String::new(),
            });
            let more = k + 1 < pages.len();
            self.set_live(Some(Live::Page(more)));
            let k = key(&self.term)?;
            if matches!(k, Key::Escape | Key::Char('q')) {
                break;
            }
        }
        self.done();
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        (state.screen, state.said) = saved;
        state.clear = true;
        Ok(())
    }

    fn end(&mut self, text: &str) {
        let width = usize::from(self.term.size().1).max(20);
        let _ = self.term.write_str("\x1b[2J\x1b[H");
        let _ = self
            .term
            .write_line(&wrap(&terminal_safe(text.trim_end()), width));
        let _ = self.term.show_cursor();
    }

    fn size(&self) -> Option<(usize, usize)> {
        let (rows, cols) = self.term.size();
        Some((usize::from(cols), usize::from(rows)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interact::{Entry, Hotkey};

    #[test]
    fn number_keys_choose_at_once_and_letters_act_as_hotkeys() {
        let mut m = Menu::new(
            "Rating",
            vec![
                Entry::keyed('0', "0 · Not in place", ""),
                Entry::keyed('1', "1 · Planned", ""),
                Entry::keyed('n', "N/A", ""),
            ],
            0,
        );
        m.hotkeys.push(Hotkey {
            key: 'b',
            label: "Back".into(),
        });
        assert_eq!(
            menu_key(&m, 0, &Key::Char('1')),
            MenuKey::Done(Pick::Entry(1))
        );
        assert_eq!(
            menu_key(&m, 0, &Key::Char('N')),
            MenuKey::Done(Pick::Entry(2))
        );
        assert_eq!(
            menu_key(&m, 0, &Key::Char('b')),
            MenuKey::Done(Pick::Hotkey('b'))
        );
        assert_eq!(menu_key(&m, 2, &Key::Enter), MenuKey::Done(Pick::Entry(2)));
        assert_eq!(menu_key(&m, 0, &Key::Char('j')), MenuKey::Move(1));
        assert_eq!(menu_key(&m, 0, &Key::Char('7')), MenuKey::Ignore);
        assert_eq!(menu_key(&m, 0, &Key::Escape), MenuKey::Ignore);
        m.escape = true;
        assert_eq!(menu_key(&m, 0, &Key::Escape), MenuKey::Done(Pick::Escape));
    }
}
