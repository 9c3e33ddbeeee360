//! plead in a real pseudo-terminal of a given size, with what it draws read into a
//! terminal emulator (vt100), so a test asserts what is on the screen when a prompt is
//! shown — not what scrolled past in the byte stream.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession as Session;

pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const UP: &str = "\x1b[A";
pub const DOWN: &str = "\x1b[B";
pub const CTRL_C: &str = "\x03";
pub const CTRL_U: &str = "\x15";

fn nonzero(n: u16) -> std::num::NonZero<u16> {
    std::num::NonZero::new(n).expect("a terminal has rows and columns")
}

pub struct Tty {
    session: Session,
    parser: vt100::Parser,
    /// Everything read, for messages printed after the last frame.
    pub bytes: Vec<u8>,
}

impl Tty {
    /// Starts `plead ARGS` in `dir` on a `cols` × `rows` terminal.
    pub fn spawn(dir: &Path, args: &[&str], cols: u16, rows: u16) -> Tty {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_plead"));
        cmd.current_dir(dir)
            .args(args)
            .env("PLEAD_NOW", "2026-11-21T10:00:00Z")
            .env("TERM", "xterm")
            .env("NO_COLOR", "1");
        let mut session = Session::spawn(cmd).expect("plead starts in a pty");
        session
            .get_process_mut()
            .set_window_size(cols, rows)
            .expect("the pty takes a size");
        Tty {
            session,
            parser: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
            bytes: Vec::new(),
        }
    }

    /// Reads what is there to read.
    fn pump(&mut self) -> bool {
        let mut buf = [0u8; 8192];
        let mut any = false;
        loop {
            match self.session.try_read(&mut buf) {
                Ok(0) => return any,
                Ok(n) => {
                    self.parser.process(&buf[..n]);
                    self.bytes.extend_from_slice(&buf[..n]);
                    any = true;
                }
                Err(_) => return any,
            }
        }
    }

    /// The screen as it stands: its rows, trailing blanks trimmed.
    pub fn screen(&mut self) -> String {
        self.pump();
        self.parser.screen().contents()
    }

    /// Waits until the screen shows every one of `needles`, and the drawing has settled;
    /// returns the screen.
    pub fn until(&mut self, needles: &[&str]) -> String {
        let start = Instant::now();
        loop {
            self.pump();
            let screen = self.parser.screen().contents();
            if needles.iter().all(|n| screen.contains(n)) {
                // The rest of the frame, if it came in two reads.
                std::thread::sleep(Duration::from_millis(60));
                return self.screen();
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("waiting for {needles:?}; the screen is:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The row the menu's cursor is on.
    pub fn chosen(&mut self) -> String {
        self.screen()
            .lines()
            .find(|l| l.starts_with('❯'))
            .unwrap_or_default()
            .to_string()
    }

    pub fn send(&mut self, keys: &str) {
        use std::io::Write;
        self.session.write_all(keys.as_bytes()).unwrap();
        self.session.flush().unwrap();
    }

    /// Sends keys one by one, as typed.
    pub fn keys(&mut self, keys: &[&str]) {
        for k in keys {
            self.send(k);
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Resizes the terminal, as dragging the window or plugging in a projector does.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.session
            .get_process_mut()
            .set_window_size(cols, rows)
            .unwrap();
        self.parser.set_size(nonzero(rows), nonzero(cols));
    }

    /// The process id.
    pub fn pid(&self) -> i32 {
        self.session.get_process().pid().as_raw()
    }

    /// Kills the process with SIGKILL, with no warning, and waits for it.
    pub fn kill(&mut self) {
        use expectrl::process::unix::Signal;
        self.session
            .get_process_mut()
            .kill(Signal::SIGKILL)
            .unwrap();
        let _ = self.session.get_process().wait();
    }

    /// Waits for the end and returns the exit code (128 + signal when killed).
    pub fn exit_code(&mut self) -> i32 {
        let start = Instant::now();
        loop {
            self.pump();
            match self.session.get_process().status() {
                Ok(WaitStatus::Exited(_, code)) => {
                    self.pump();
                    return code;
                }
                Ok(WaitStatus::Signaled(_, signal, _)) => return 128 + signal as i32,
                _ => {}
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("plead did not end; the screen is:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Everything printed, as text (for what follows the last frame).
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}
