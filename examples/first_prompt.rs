//! Time to the first prompt of a workshop: starts `plead assess` in a pseudo-terminal
//! again and again and measures, from the spawn, until the first item's rating menu is
//! drawn (its hint line, the last line of the frame). Run by benches/first_prompt.sh.
//!
//!   cargo run --release --example first_prompt -- target/release/plead [RUNS]

//! A pseudo-terminal is Unix's: on Windows the example only says so.

#[cfg(not(unix))]
fn main() {
    eprintln!("first_prompt measures through a Unix pseudo-terminal; run it on Linux or macOS");
    std::process::exit(2);
}

#[cfg(unix)]
use std::process::Command;
#[cfg(unix)]
use std::time::{Duration, Instant};

#[cfg(unix)]
use expectrl::Expect;
#[cfg(unix)]
use expectrl::session::OsSession as Session;

#[cfg(unix)]
fn main() {
    let mut args = std::env::args().skip(1);
    let plead = args.next().unwrap_or_else(|| "target/release/plead".into());
    // The runs start in a folder of their own: the binary by its whole path.
    let plead = std::fs::canonicalize(&plead).expect("the plead binary is there");
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(50);
    let dir = std::env::temp_dir().join(format!("plead-first-prompt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    for (assessment, cols, rows) in [
        ("building-blocks", 80, 24),
        ("building-blocks", 110, 35),
        ("connection", 80, 24),
    ] {
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let _ = std::fs::remove_dir_all(dir.join(".plead"));
            let mut cmd = Command::new(&plead);
            cmd.current_dir(&dir)
                .args([
                    "assess", assessment, "--org", "Bench", "--period", "2026-Q3",
                ])
                .env("TERM", "xterm")
                .env("NO_COLOR", "1");
            let start = Instant::now();
            let mut p = Session::spawn(cmd).expect("plead starts in a pty");
            p.get_process_mut()
                .set_window_size(cols, rows)
                .expect("a size");
            p.set_expect_timeout(Some(Duration::from_secs(10)));
            // The end of the item's rating menu: the last line of its frame.
            p.expect("r Review · ↑↓ Enter").expect("the first prompt");
            times.push(start.elapsed());
            let _ = p.send("\x03");
            let _ = p.get_process().wait();
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{assessment:<16} {cols:>3}×{rows:<3} runs {runs:>3}  median {:6.1} ms  p90 {:6.1} ms  max {:6.1} ms",
            ms(times[runs / 2]),
            ms(times[runs * 9 / 10]),
            ms(times[runs - 1])
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
