//! Load on a live workshop: PARTICIPANTS phones (default 200) join `plead assess
//! building-blocks --live` and each votes once on every one of its 10 items, all at once
//! as the facilitator opens each item; a presenter view follows the room as its script
//! would (wait for a change, fetch the page). Measures the time to acknowledge a vote
//! (the POST until its answer: the draft holding it is on disk by then), and the time
//! from a vote's acknowledgement until the presenter's page shows a count that includes
//! it. Run by benches/live.sh.
//!
//!   cargo run --release --example live_load -- target/release/plead [PARTICIPANTS]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

fn request(
    host: &str,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: &str,
) -> (u16, String) {
    let Ok(mut s) = TcpStream::connect(host) else {
        return (0, String::new());
    };
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
    if s.write_all(r.as_bytes()).is_err() {
        return (0, String::new());
    }
    let mut text = String::new();
    let _ = s.read_to_string(&mut text);
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn split(url: &str) -> (String, String) {
    let rest = url.strip_prefix("http://").expect("an http URL");
    let at = rest.find('/').unwrap_or(rest.len());
    (rest[..at].to_string(), rest[at..].to_string())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn summary(name: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    println!(
        "{name:<34} n {:>5}  median {:>7.1} ms  p99 {:>7.1} ms  max {:>7.1} ms",
        ms.len(),
        percentile(&ms, 50.0),
        percentile(&ms, 99.0),
        ms.last().copied().unwrap_or(f64::NAN)
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let plead = std::fs::canonicalize(args.next().expect("usage: live_load PLEAD [PARTICIPANTS]"))
        .expect("the plead binary is there");
    let n: usize = args.next().map_or(200, |a| a.parse().expect("a number"));
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(&plead)
        .current_dir(dir.path())
        .args([
            "assess",
            "building-blocks",
            "--live",
            "--bind",
            "127.0.0.1:0",
        ])
        .args(["--org", "Load", "--period", "2026-Q4", "--script", "-"])
        .args(["--max-participants", &n.to_string(), "--out", "result.json"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
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
    let wait_for = |mark: usize, needle: &str| {
        let start = Instant::now();
        loop {
            if transcript.lock().unwrap()[mark..].contains(needle) {
                return;
            }
            assert!(start.elapsed() < Duration::from_secs(60), "no {needle}");
            std::thread::sleep(Duration::from_millis(2));
        }
    };
    wait_for(0, "Presenter view: ");
    let text = transcript.lock().unwrap().clone();
    let find = |label: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(label))
            .unwrap()
            .trim()
            .to_string()
    };
    let (host, join) = split(&find("Join: "));
    let (_, presenter) = split(&find("Presenter view: "));
    let mut stdin = child.stdin.take().unwrap();
    let mut say = |line: &str, then: &str| {
        let mark = transcript.lock().unwrap().len();
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
        wait_for(mark, then);
    };

    // Joining is paced by the limit on one sender's joins (phones each have their own
    // address; here all come from 127.0.0.1): not measured.
    let mut cookies = Vec::new();
    for k in 0..n {
        loop {
            let (status, text) = request(&host, "POST", &join, None, &format!("name=P{k}"));
            if status == 303 {
                let c = text
                    .lines()
                    .find_map(|l| l.strip_prefix("set-cookie: plead_live="))
                    .unwrap();
                cookies.push(c.split(';').next().unwrap().to_string());
                break;
            }
            assert_eq!(status, 429, "{text}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    say("s", "Voting is not open");

    // The presenter: waits for a change, then fetches the page, as its script does.
    let shown: Arc<Mutex<Vec<(Instant, usize, usize)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let item = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let watcher = {
        let (host, presenter, shown, stop, item) = (
            host.clone(),
            presenter.clone(),
            Arc::clone(&shown),
            Arc::clone(&stop),
            Arc::clone(&item),
        );
        std::thread::spawn(move || {
            let mut v = String::from("0");
            while !stop.load(Ordering::Relaxed) {
                let (status, text) =
                    request(&host, "GET", &format!("{presenter}/wait?v={v}"), None, "");
                if status != 200 {
                    std::thread::sleep(Duration::from_millis(50));
                    continue;
                }
                v = text
                    .rsplit("\r\n\r\n")
                    .next()
                    .unwrap_or("0")
                    .trim()
                    .to_string();
                let (_, page) = request(&host, "GET", &presenter, None, "");
                let at = Instant::now();
                if let Some(count) = page
                    .split("<p class=\"count\" role=\"status\">")
                    .nth(1)
                    .and_then(|s| s.split(" of ").next())
                    .and_then(|s| s.parse().ok())
                {
                    shown
                        .lock()
                        .unwrap()
                        .push((at, item.load(Ordering::Relaxed), count));
                }
            }
        })
    };

    let mut acks = Vec::new();
    let mut presenter_ms = Vec::new();
    for i in 0..10 {
        item.store(i, Ordering::Relaxed);
        say("o", "Voting is open");
        // The item's id, from any phone's page.
        let (_, page) = request(&host, "GET", &format!("{join}/vote"), Some(&cookies[0]), "");
        let id = page
            .split("name=\"item\" value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap()
            .to_string();
        let start = Arc::new(Barrier::new(n));
        let acked: Arc<Mutex<Vec<(Instant, f64)>>> = Arc::default();
        let threads: Vec<_> = cookies
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let (host, join, c, id, start, acked) = (
                    host.clone(),
                    join.clone(),
                    c.clone(),
                    id.clone(),
                    Arc::clone(&start),
                    Arc::clone(&acked),
                );
                std::thread::spawn(move || {
                    start.wait();
                    let sent = Instant::now();
                    let body = format!("item={id}&rating={}", k % 5);
                    let (status, _) =
                        request(&host, "POST", &format!("{join}/vote"), Some(&c), &body);
                    assert_eq!(status, 303, "vote of P{k}");
                    let at = Instant::now();
                    acked
                        .lock()
                        .unwrap()
                        .push((at, (at - sent).as_secs_f64() * 1000.0));
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        // Let the presenter catch up before the reveal.
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline
            && !shown
                .lock()
                .unwrap()
                .iter()
                .any(|(_, it, c)| *it == i && *c == n)
        {
            std::thread::sleep(Duration::from_millis(5));
        }
        let mut acked = acked.lock().unwrap().clone();
        acked.sort_by_key(|(at, _)| *at);
        let seen = shown.lock().unwrap().clone();
        for (k, (at, ms)) in acked.iter().enumerate() {
            acks.push(*ms);
            // The first page showing at least k+1 votes on this item.
            let first = seen
                .iter()
                .filter(|(_, it, c)| *it == i && *c > k)
                .map(|(t, _, _)| *t)
                .min();
            if let Some(t) = first {
                presenter_ms.push(t.saturating_duration_since(*at).as_secs_f64() * 1000.0);
            }
        }
        say("v", "Ratings: ");
        say("", "Answered: ");
        say(
            "",
            if i == 9 {
                "Review — "
            } else {
                "Voting is not open"
            },
        );
    }
    stop.store(true, Ordering::Relaxed);
    say("finish", "wrote result.json");
    let _ = child.wait();
    let _ = watcher.join();
    println!("{n} participants × 10 items, one vote each per item, all at once");
    summary("vote acknowledged (draft on disk)", acks);
    summary("presenter shows the vote", presenter_ms);
}
