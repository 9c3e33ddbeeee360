//! A live workshop driven from a test: the facilitator's terminal answered a line at a
//! time (`--script -`, its transcript read from stderr), and phones as plain HTTP/1.1
//! clients with a cookie each, so a test can interleave the room and the terminal.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A three-item assessment on one scale, with not applicable.
pub const TRIO: &str = r#"id = "trio"
title = "Trio"
version = "1.0"
source = "A test"

[[scales]]
id = "s"
not_applicable = true
points = [
  { value = 0, label = "None", descriptor = "Nothing in place" },
  { value = 1, label = "Some" },
  { value = 2, label = "Most" },
  { value = 3, label = "All", descriptor = "Embedded" },
]

[[themes]]
id = "t"
title = "Theme"

[[items]]
id = "a"
theme = "t"
text = "Item A"

[[items]]
id = "b"
theme = "t"
text = "Item B"

[[items]]
id = "c"
theme = "t"
text = "Item C"
"#;

pub struct Workshop {
    child: Child,
    stdin: Option<ChildStdin>,
    transcript: Arc<Mutex<String>>,
    pub join: String,
    pub presenter: String,
    pub dir: PathBuf,
}

impl Workshop {
    /// `plead assess trio.toml --live --bind 127.0.0.1:0 --script -` in `dir`, and `extra`.
    pub fn start(dir: &Path, extra: &[&str]) -> Workshop {
        let trio = dir.join("trio.toml");
        if !trio.exists() {
            std::fs::write(&trio, TRIO).unwrap();
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_plead"))
            .current_dir(dir)
            .args(["assess", "trio.toml", "--live", "--bind", "127.0.0.1:0"])
            .args(["--org", "Org", "--period", "2026-Q3", "--script", "-"])
            .args(extra)
            .env("PLEAD_NOW", "2026-11-21T10:00:00Z")
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("plead starts");
        let transcript = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let t = Arc::clone(&transcript);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut t = t.lock().unwrap();
                t.push_str(&line);
                t.push('\n');
            }
        });
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            let _ = std::io::copy(&mut BufReader::new(stdout), &mut std::io::sink());
        });
        let mut w = Workshop {
            stdin: child.stdin.take(),
            child,
            transcript,
            join: String::new(),
            presenter: String::new(),
            dir: dir.to_path_buf(),
        };
        w.wait_for(0, "Presenter view: ");
        let text = w.transcript();
        let after = |label: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(label))
                .unwrap_or_else(|| panic!("no {label} in\n{text}"))
                .trim()
                .to_string()
        };
        w.join = after("Join: ");
        w.presenter = after("Presenter view: ");
        w
    }

    pub fn transcript(&self) -> String {
        self.transcript.lock().unwrap().clone()
    }

    /// Where the transcript has got to.
    pub fn mark(&self) -> usize {
        self.transcript.lock().unwrap().len()
    }

    /// Waits until `needle` appears after `mark`.
    pub fn wait_for(&mut self, mark: usize, needle: &str) {
        let start = Instant::now();
        loop {
            {
                let t = self.transcript.lock().unwrap();
                if t.get(mark..).is_some_and(|s| s.contains(needle)) {
                    return;
                }
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "plead ended ({status}) before \"{needle}\":\n{}",
                    self.transcript()
                );
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "no \"{needle}\" in:\n{}",
                self.transcript()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Answers the prompt on screen and waits for `then` to be shown.
    pub fn answer(&mut self, line: &str, then: &str) {
        let mark = self.mark();
        let stdin = self.stdin.as_mut().expect("plead is running");
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
        self.wait_for(mark, then);
    }

    /// Sends a line without waiting.
    pub fn send(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("plead is running");
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
    }

    /// Waits for plead to end; its exit code.
    pub fn wait(mut self) -> (Option<i32>, String) {
        drop(self.stdin.take());
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(50));
                return (status.code(), self.transcript());
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "plead did not end:\n{}",
                self.transcript()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// SIGKILL: nothing is cleaned up.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    pub fn draft(&self) -> serde_json::Value {
        let text = std::fs::read_to_string(self.dir.join(".plead/draft-trio.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    }
}

impl Drop for Workshop {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// `http://host:port/path` split into the address and the path.
pub fn split(url: &str) -> (String, String) {
    let rest = url.strip_prefix("http://").expect("an http URL");
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    (host.to_string(), path.to_string())
}

/// One request on its own connection; raw bytes as given.
pub fn raw(host: &str, request: &[u8]) -> Reply {
    // No server (a killed one): status 0, for the test to tell.
    let Ok(mut s) = TcpStream::connect(host) else {
        return Reply {
            status: 0,
            headers: Vec::new(),
            body: String::new(),
        };
    };
    s.set_read_timeout(Some(Duration::from_secs(40))).unwrap();
    if s.write_all(request).is_err() {
        return Reply {
            status: 0,
            headers: Vec::new(),
            body: String::new(),
        };
    }
    let mut bytes = Vec::new();
    let _ = s.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_string(),
    }
}

/// A request with the headers a browser would send.
pub fn request(host: &str, method: &str, path: &str, cookie: Option<&str>, body: &str) -> Reply {
    let mut r = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    if let Some(c) = cookie {
        r.push_str(&format!("Cookie: plead_live={c}\r\n"));
    }
    if method == "POST" {
        r.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    r.push_str("\r\n");
    r.push_str(body);
    raw(host, r.as_bytes())
}

/// Form-encodes a value.
pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => out.push(b as char),
            b' ' => out.push('+'),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A participant's phone.
#[derive(Debug, Clone)]
pub struct Phone {
    pub host: String,
    pub base: String,
    pub cookie: Option<String>,
}

impl Phone {
    pub fn new(join: &str) -> Phone {
        let (host, base) = split(join);
        Phone {
            host,
            base,
            cookie: None,
        }
    }

    pub fn get(&self, path: &str) -> Reply {
        request(
            &self.host,
            "GET",
            &format!("{}{path}", self.base),
            self.cookie.as_deref(),
            "",
        )
    }

    pub fn post(&self, path: &str, body: &str) -> Reply {
        request(
            &self.host,
            "POST",
            &format!("{}{path}", self.base),
            self.cookie.as_deref(),
            body,
        )
    }

    /// Joins; keeps the cookie.
    pub fn join(&mut self, name: &str, tag: &str) -> Reply {
        let r = self.post("", &format!("name={}&tag={}", enc(name), enc(tag)));
        if let Some(c) = r.header("set-cookie") {
            let value = c.split(';').next().unwrap().split_once('=').unwrap().1;
            self.cookie = Some(value.to_string());
        }
        r
    }

    pub fn vote(&self, item: &str, rating: &str) -> Reply {
        self.post("/vote", &format!("item={item}&rating={rating}"))
    }

    pub fn page(&self) -> Reply {
        self.get("/vote")
    }
}

/// The Result's rating of each rater on item `id` ("na" for not applicable).
pub fn ratings(result: &serde_json::Value, id: &str) -> std::collections::BTreeMap<String, String> {
    let item = result["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap();
    item["ratings"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|r| {
                    let v = r["rating"]
                        .as_i64()
                        .map_or("na".to_string(), |v| v.to_string());
                    (r["rater"].as_str().unwrap().to_string(), v)
                })
                .collect()
        })
        .unwrap_or_default()
}
