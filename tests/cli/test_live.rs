//! `plead assess --live`: phones join and vote over HTTP while the terminal keeps
//! control; what they may and may not do, what the Result records, and a kill in the
//! middle of a vote.

use std::collections::BTreeMap;
use std::sync::{Arc, Barrier, Mutex};

use crate::live::{Phone, Workshop, ratings, raw, request, split};

fn dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// The rating participant `k` gives on item `item` (`change`: their second thought).
fn choice(k: usize, item: usize, change: bool) -> String {
    match (k * 7 + item * 3 + usize::from(change)) % 5 {
        4 => "na".into(),
        v => v.to_string(),
    }
}

/// Opens voting, lets `phones` vote at once (every third changes their vote), reveals,
/// agrees the median and moves on; returns what each phone was acknowledged for.
fn vote_on(
    w: &mut Workshop,
    phones: &[Phone],
    item: usize,
    id: &str,
    then: &str,
) -> BTreeMap<usize, String> {
    w.answer("o", "Voting is open: 0 of");
    let acked = Arc::new(Mutex::new(BTreeMap::new()));
    let start = Arc::new(Barrier::new(phones.len()));
    let threads: Vec<_> = phones
        .iter()
        .enumerate()
        .map(|(k, phone)| {
            let (phone, acked, start, id) = (
                phone.clone(),
                Arc::clone(&acked),
                Arc::clone(&start),
                id.to_string(),
            );
            std::thread::spawn(move || {
                start.wait();
                let first = choice(k, item, false);
                let r = phone.vote(&id, &first);
                assert_eq!(r.status, 303, "{}", r.body);
                let mut last = first;
                if k % 3 == 0 {
                    last = choice(k, item, true);
                    assert_eq!(phone.vote(&id, &last).status, 303);
                }
                let page = phone.page();
                assert!(page.body.contains("Your vote: "), "{}", page.body);
                acked.lock().unwrap().insert(k, last);
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let n = phones.len();
    w.answer("u", &format!("Voting is open: {n} of {n} have voted."));
    w.answer("v", "Ratings: ");
    w.answer("", "Answered: ");
    w.answer("", then);
    acked.lock().unwrap().clone()
}

#[test]
fn thirty_phones_vote_on_every_item_change_votes_join_late_and_leave() {
    let d = dir();
    let mut w = Workshop::start(
        d.path(),
        &["--tags", "patient leader, staff", "--out", "result.json"],
    );
    let join = w.join.clone();
    let mut phones: Vec<Phone> = Vec::new();
    for k in 0..30 {
        let mut p = Phone::new(&join);
        let tag = ["patient leader", "staff", ""][k % 3];
        let r = p.join(&format!("Person {k}"), tag);
        assert_eq!(r.status, 303, "{}", r.body);
        phones.push(p);
    }
    w.answer("u", "30 joined so far");
    w.answer("s", "Voting is not open. 30 joined");
    let mut expected: Vec<BTreeMap<String, String>> = Vec::new();
    // Phone k of a list that starts at person `offset`.
    let labels = |acked: BTreeMap<usize, String>, offset: usize| {
        acked
            .into_iter()
            .map(|(k, v)| (format!("Person {}", k + offset), v))
            .collect::<BTreeMap<_, _>>()
    };
    expected.push(labels(
        vote_on(&mut w, &phones, 0, "a", "Voting is not open"),
        0,
    ));

    // Three leave; five join late.
    for p in &phones[..3] {
        assert_eq!(p.post("/leave", "").status, 200);
        assert_eq!(
            p.page().status,
            303,
            "a participant who left is asked to join again"
        );
    }
    let mut late = Vec::new();
    for k in 30..35 {
        let mut p = Phone::new(&join);
        assert_eq!(p.join(&format!("Person {k}"), "").status, 303);
        late.push(p);
    }
    let mut now: Vec<Phone> = phones[3..].to_vec();
    now.extend(late);
    w.answer("u", "Voting is not open. 32 joined");
    expected.push(labels(
        vote_on(&mut w, &now, 1, "b", "Voting is not open"),
        3,
    ));
    expected.push(labels(vote_on(&mut w, &now, 2, "c", "Review — "), 3));
    w.answer("finish", "wrote result.json");
    let (code, transcript) = w.wait();
    assert_eq!(code, Some(0), "{transcript}");

    let result: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.path().join("result.json")).unwrap())
            .unwrap();
    for (id, want) in ["a", "b", "c"].iter().zip(&expected) {
        assert_eq!(&ratings(&result, id), want, "item {id}");
    }
    let raters = result["raters"].as_array().unwrap();
    assert_eq!(raters.len(), 35, "everyone who voted is a rater");
    assert_eq!(raters[1]["tag"], "staff");
    assert!(raters[2].get("tag").is_none_or(|t| t.is_null()));
    assert!(
        !d.path().join(".plead/draft-trio.json").exists(),
        "the finished draft is removed"
    );
    // The server stopped with the workshop.
    assert!(std::net::TcpStream::connect(split(&join).0).is_err());
}

#[test]
fn wrong_and_missing_tokens_find_nothing() {
    let d = dir();
    let w = Workshop::start(d.path(), &[]);
    let (host, path) = split(&w.join);
    let token = path.rsplit('/').next().unwrap().to_string();
    let (_, presenter) = split(&w.presenter);
    let mut wrong = token.clone();
    wrong.replace_range(0..1, if token.starts_with('0') { "1" } else { "0" });
    for p in [
        "/".to_string(),
        "/j/".to_string(),
        format!("/j/{wrong}"),
        format!("/j/{wrong}/vote"),
        format!("/j/{}", &token[..31]),
        format!("/p/{token}"),
        format!("/j/{}", presenter.rsplit('/').next().unwrap()),
        "/j/../../etc/passwd".to_string(),
    ] {
        let r = request(&host, "GET", &p, None, "");
        assert_eq!(r.status, 404, "{p}");
        assert!(r.header("content-security-policy").is_some(), "{p}");
        assert!(!r.body.contains(&token), "{p}");
    }
    let r = request(&host, "POST", &format!("/j/{wrong}"), None, "name=Eve");
    assert_eq!(r.status, 404);
    // No cookie, or one that is not a participant's: sent to join first.
    let mut phone = Phone::new(&w.join);
    assert_eq!(phone.vote("a", "1").status, 303);
    phone.cookie = Some("0123456789abcdef0123456789abcdef".into());
    assert_eq!(phone.vote("a", "1").status, 303);
    assert_eq!(phone.page().status, 303);
    assert_eq!(
        request(&host, "GET", &presenter, None, "").status,
        200,
        "the presenter view by its own token"
    );
}

#[test]
fn hostile_names_are_text_everywhere() {
    let d = dir();
    let mut w = Workshop::start(d.path(), &["--out", "result.json"]);
    let hostile = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "Eve\u{202e}evil",
        "Sam, Priya:staff",
        "=HYPERLINK(\"x\")",
    ];
    let mut phones = Vec::new();
    for name in hostile {
        let mut p = Phone::new(&w.join);
        assert_eq!(p.join(name, "").status, 303);
        let page = p.page();
        assert!(!page.body.contains("<script>alert"), "{}", page.body);
        assert!(!page.body.contains("<img src=x"), "{}", page.body);
        assert!(!page.body.contains('\u{202e}'));
        phones.push(p);
    }
    assert!(
        phones[0]
            .page()
            .body
            .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    w.answer("s", "Voting is not open");
    w.answer("o", "Voting is open");
    for p in &phones {
        assert_eq!(p.vote("a", "2").status, 303);
    }
    let (host, presenter) = split(&w.presenter);
    w.answer("v", "Ratings: ");
    let shown = request(&host, "GET", &presenter, None, "");
    assert!(
        shown.body.contains("The room's votes (5)"),
        "{}",
        shown.body
    );
    assert!(!shown.body.contains("alert"), "no name on the projector");
    w.answer("", "Answered: ");
    w.answer("r", "Review — ");
    w.answer("finish", "wrote result.json");
    let (code, _) = w.wait();
    assert_eq!(code, Some(0));
    let result: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.path().join("result.json")).unwrap())
            .unwrap();
    let labels: Vec<String> = ratings(&result, "a").into_keys().collect();
    assert!(
        labels.contains(&"Sam Priya staff".to_string()),
        "{labels:?}"
    );
    assert!(labels.contains(&"Eve evil".to_string()), "{labels:?}");
    plead_report_html_escapes(d.path());
}

fn plead_report_html_escapes(dir: &std::path::Path) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plead"))
        .current_dir(dir)
        .args(["report", "result.json", "--format", "html"])
        .output()
        .unwrap();
    let html = String::from_utf8_lossy(&out.stdout);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>alert"));
}

#[test]
fn oversized_malformed_and_cross_site_requests_are_refused() {
    let d = dir();
    let mut w = Workshop::start(d.path(), &[]);
    let (host, path) = split(&w.join);
    let mut phone = Phone::new(&w.join);
    assert_eq!(phone.join("Ann", "").status, 303);
    w.answer("s", "Voting is not open");
    w.answer("o", "Voting is open");
    let big = format!("item=a&rating=1&pad={}", "x".repeat(10_000));
    assert_eq!(phone.post("/vote", &big).status, 413);
    assert_eq!(phone.post("/vote", "rating=1").status, 422, "no item");
    assert_eq!(phone.post("/vote", "item=a&rating=%FF%FE").status, 422);
    assert_eq!(phone.vote("a", "7").status, 422, "off the scale");
    assert_eq!(phone.vote("b", "1").status, 409, "not the item open");
    assert_eq!(
        phone.join(&"x".repeat(500), "").status,
        303,
        "already joined: back to the page"
    );
    let long = Phone::new(&w.join).clone().join(&"x".repeat(41), "");
    assert_eq!(long.status, 422);
    // Not HTTP at all, and a form from another site.
    assert_eq!(raw(&host, b"\x16\x03\x01garbage\r\n\r\n").status, 400);
    let forged = format!(
        "POST {path}/vote HTTP/1.1\r\nHost: {host}\r\nOrigin: http://evil.example\r\nCookie: plead_live={}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 15\r\nConnection: close\r\n\r\nitem=a&rating=1",
        phone.cookie.clone().unwrap()
    );
    assert_eq!(raw(&host, forged.as_bytes()).status, 403);
    assert!(
        phone.page().body.contains("Voting is open. Nobody sees"),
        "no vote was taken"
    );
    // Many requests from one sender without a cookie are slowed down.
    let statuses: Vec<u16> = (0..200)
        .map(|_| request(&host, "GET", &path, None, "").status)
        .collect();
    assert!(statuses.contains(&429), "{statuses:?}");
}

#[test]
fn the_room_is_full_at_the_participant_limit_and_cookies_are_strict() {
    let d = dir();
    let w = Workshop::start(d.path(), &["--max-participants", "3"]);
    for k in 0..3 {
        let mut p = Phone::new(&w.join);
        let r = p.join(&format!("P{k}"), "");
        assert_eq!(r.status, 303);
        let cookie = r.header("set-cookie").unwrap();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
            "{cookie}"
        );
        let page = p.page();
        let csp = page.header("content-security-policy").unwrap();
        assert!(
            csp.starts_with("default-src 'none'") && csp.contains("script-src 'nonce-"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe-eval"));
        assert_eq!(page.header("referrer-policy"), Some("same-origin"));
    }
    let r = Phone::new(&w.join).join("P3", "");
    assert_eq!(r.status, 403);
    assert!(
        r.body.contains("This workshop is full (3 people)"),
        "{}",
        r.body
    );
}

#[test]
fn a_kill_during_a_vote_loses_no_acknowledged_vote_and_resume_keeps_the_link() {
    let d = dir();
    let mut w = Workshop::start(d.path(), &["--out", "result.json"]);
    let join = w.join.clone();
    let mut phones = Vec::new();
    for k in 0..30 {
        let mut p = Phone::new(&join);
        assert_eq!(p.join(&format!("P{k}"), "").status, 303);
        phones.push(p);
    }
    w.answer("s", "Voting is not open");
    w.answer("o", "Voting is open");
    let acked = Arc::new(Mutex::new(BTreeMap::new()));
    let threads: Vec<_> = phones
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let (p, acked) = (p.clone(), Arc::clone(&acked));
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_millis((k as u64 % 10) * 15));
                let rating = (k % 4).to_string();
                if p.vote("a", &rating).status == 303 {
                    acked.lock().unwrap().insert(format!("P{k}"), rating);
                }
            })
        })
        .collect();
    while acked.lock().unwrap().len() < 8 {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    w.kill();
    for t in threads {
        let _ = t.join();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= 8 && acked.len() <= 30);
    let draft: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(d.path().join(".plead/draft-trio.json")).unwrap(),
    )
    .unwrap();
    for (label, rating) in &acked {
        let saved = &draft["answers"]["items"]["a"]["raters"][label];
        assert_eq!(saved["value"].to_string(), *rating, "{label} in the draft");
    }

    // Resumed: the same link, voting still open, phones known by their cookies.
    let mut w = Workshop::start(d.path(), &["--out", "result.json", "--resume"]);
    assert_eq!(w.join, join, "the same token and port");
    for (k, p) in phones.iter().enumerate() {
        let page = p.page();
        assert_eq!(page.status, 200);
        if acked.contains_key(&format!("P{k}")) {
            assert!(page.body.contains("Your vote: "), "{}", page.body);
        }
    }
    w.answer("s", "Voting is open");
    w.answer("v", "Ratings: ");
    w.answer("", "Answered: ");
    w.answer("r", "Review — ");
    w.answer("finish", "wrote result.json");
    let (code, t) = w.wait();
    assert_eq!(code, Some(0), "{t}");
    let result: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.path().join("result.json")).unwrap())
            .unwrap();
    let recorded = ratings(&result, "a");
    for (label, rating) in &acked {
        assert_eq!(recorded.get(label), Some(rating), "{label} in the Result");
    }
}

#[test]
fn live_options_need_live() {
    crate::support::Test::new()
        .args(["assess", "mini", "--bind", "127.0.0.1:0"])
        .fails(2)
        .stderr_has("--live");
}

#[test]
fn the_terminal_count_follows_the_room_without_a_key() {
    use crate::tty::{ENTER, Tty};
    let d = dir();
    std::fs::write(d.path().join("trio.toml"), crate::live::TRIO).unwrap();
    let mut tty = Tty::spawn(
        d.path(),
        &[
            "assess",
            "trio.toml",
            "--live",
            "--bind",
            "127.0.0.1:0",
            "--org",
            "Org",
            "--period",
            "2026-Q3",
        ],
        100,
        40,
    );
    let lobby = tty.until(&["Join: http://", "Presenter view: ", "0 joined so far"]);
    let join = lobby
        .lines()
        .find_map(|l| l.trim().strip_prefix("Join: "))
        .unwrap()
        .trim()
        .to_string();
    let mut phone = Phone::new(&join);
    assert_eq!(phone.join("Ann", "").status, 303);
    // Before the first item too: the lobby's count follows the room without `u`.
    tty.until(&["1 joined so far", "Start the workshop"]);
    tty.send("s");
    tty.until(&["Item A", "Voting is not open. 1 joined"]);
    tty.send("o");
    tty.until(&["Voting is open: 0 of 1 have voted."]);
    assert_eq!(phone.vote("a", "2").status, 303);
    // No key pressed: the screen follows the vote.
    tty.until(&["Voting is open: 1 of 1 have voted."]);
    tty.send("v");
    tty.until(&["Ratings: Ann 2"]);
    tty.send(ENTER);
    tty.kill();
}

/// A client that sends half a request line, or a body that never ends, is cut off after
/// the timeout, while the room goes on being served and a page's wait (held open for
/// longer than the headers may take) is answered when the room changes.
#[test]
fn slow_clients_are_cut_off_while_the_room_is_served() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::{Duration, Instant};
    let d = dir();
    let mut w = Workshop::start(d.path(), &["--max-participants", "3"]);
    let (host, path) = split(&w.join);
    let started = Instant::now();
    let mut slowloris = TcpStream::connect(&host).unwrap();
    slowloris
        .write_all(format!("GET {path}").as_bytes())
        .unwrap();
    let slow_body = {
        let (host, path) = (host.clone(), path.clone());
        std::thread::spawn(move || {
            let head = format!(
                "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 15\r\n\r\nname="
            );
            (raw(&host, head.as_bytes()).status, started.elapsed())
        })
    };
    // The room's version, then a wait for it to change.
    let v = request(&host, "GET", &format!("{path}/wait?v=999999"), None, "").body;
    let waiting = {
        let (host, path) = (host.clone(), path.clone());
        std::thread::spawn(move || {
            let r = request(&host, "GET", &format!("{path}/wait?v={v}"), None, "");
            (r.status, started.elapsed())
        })
    };
    // Meanwhile the room is served.
    let mut phone = Phone::new(&w.join);
    assert_eq!(phone.join("Ann", "").status, 303);
    assert!(phone.page().body.contains("Ann"));
    slowloris
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut rest = Vec::new();
    let _ = slowloris.read_to_end(&mut rest);
    let cut = started.elapsed();
    assert!(
        (Duration::from_secs(9)..Duration::from_secs(20)).contains(&cut),
        "half a request line held its connection for {cut:?}"
    );
    let (status, at) = slow_body.join().unwrap();
    assert_eq!(status, 408, "a body that never ends");
    assert!(at >= Duration::from_secs(9), "{at:?}");
    // The wait has outlived the headers' timeout; the room changes and it is answered.
    assert!(!waiting.is_finished());
    w.answer("s", "Voting is not open");
    let (status, at) = waiting.join().unwrap();
    assert_eq!(status, 200);
    assert!(at >= cut, "{at:?}");
}

/// Past the cap on connections (3 participants: 3 × 3 + 32 = 41), a connection waits
/// until one closes, then is served.
#[test]
fn connections_past_the_cap_wait_for_one_to_close() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::Duration;
    let d = dir();
    let w = Workshop::start(d.path(), &["--max-participants", "3"]);
    let (host, path) = split(&w.join);
    let mut idle: Vec<TcpStream> = (0..41)
        .map(|_| TcpStream::connect(&host).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let mut next = TcpStream::connect(&host).unwrap();
    next.write_all(
        format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .unwrap();
    next.set_read_timeout(Some(Duration::from_secs(1))).unwrap();
    let mut first = [0u8; 12];
    assert!(
        next.read(&mut first).is_err(),
        "served past the cap: {:?}",
        String::from_utf8_lossy(&first)
    );
    drop(idle.pop());
    next.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut reply = Vec::new();
    let _ = next.read_to_end(&mut reply);
    assert!(
        reply.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&reply)
    );
}
