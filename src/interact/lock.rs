//! One workshop per draft: a lock file beside the draft, created exclusively, naming the
//! process that holds it (its id, its start time, the host). Without it a second
//! `plead assess` in the same folder could "start again" over a workshop in progress, and
//! the first workshop's answers were lost. A lock whose process has ended (killed, the
//! laptop closed) is stale and taken over; where the platform cannot say whether a
//! process lives (no /proc), the message names the file to remove.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

/// A held lock; removed when dropped.
#[derive(Debug)]
pub struct DraftLock {
    path: PathBuf,
}

/// Who holds a lock, as its file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub pid: u32,
    /// The process's start time in clock ticks since boot (/proc/PID/stat), which tells
    /// a live holder from a new process given the same id.
    pub ticks: Option<u64>,
    /// When it took the lock (RFC 3339), for people.
    pub since: String,
    pub host: String,
}

impl Holder {
    /// "process 4242 on ward-laptop, since 2026-12-01T09:00:00Z".
    pub fn describe(&self) -> String {
        format!(
            "process {} on {}, since {}",
            self.pid, self.host, self.since
        )
    }
}

/// The lock file of a draft.
pub fn lock_path(draft: &Path) -> PathBuf {
    let mut name = draft.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    draft.with_file_name(name)
}

/// Takes the lock of `draft`, or says who holds it. A stale lock is removed and taken.
pub fn acquire(draft: &Path, now: &str) -> anyhow::Result<Result<DraftLock, Holder>> {
    let path = lock_path(draft);
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let me = Holder {
        pid: std::process::id(),
        ticks: start_ticks(std::process::id()),
        since: now.to_string(),
        host: host(),
    };
    for _ in 0..2 {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&path) {
            Ok(mut file) => {
                file.write_all(format_holder(&me).as_bytes())
                    .and_then(|()| file.sync_all())
                    .with_context(|| format!("cannot write the lock {}", path.display()))?;
                return Ok(Ok(DraftLock { path }));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let holder = parse_holder(&text);
                match &holder {
                    Some(h) if is_alive(h) != Some(false) => return Ok(Err(h.clone())),
                    // A lock being written this instant reads empty: not stale yet.
                    None if text.is_empty() => {
                        return Ok(Err(Holder {
                            pid: 0,
                            ticks: None,
                            since: "just now".into(),
                            host: host(),
                        }));
                    }
                    _ => {
                        // Stale (its process is gone) or unreadable: removed only if it
                        // is still the file judged so.
                        if std::fs::read_to_string(&path).unwrap_or_default() == text {
                            let _ = std::fs::remove_file(&path);
                        }
                    }
                }
            }
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("cannot create the lock {}", path.display()));
            }
        }
    }
    anyhow::bail!(
        "cannot take the lock {}: another plead keeps taking it; try again",
        path.display()
    )
}

impl DraftLock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for DraftLock {
    fn drop(&mut self) {
        release(&self.path);
    }
}

/// Removes the lock file at `path` if this process holds it: one taken over as stale
/// meanwhile is not ours to remove. Called on drop and on Ctrl-C, which exits without
/// running destructors.
pub fn release(path: &Path) {
    let ours = std::fs::read_to_string(path)
        .ok()
        .and_then(|t| parse_holder(&t))
        .is_some_and(|h| h.pid == std::process::id());
    if ours {
        let _ = std::fs::remove_file(path);
    }
}

fn format_holder(h: &Holder) -> String {
    format!(
        "pid = {}\nstart_ticks = {}\nsince = {}\nhost = {}\n",
        h.pid,
        h.ticks
            .map_or_else(|| "unknown".to_string(), |t| t.to_string()),
        h.since,
        h.host
    )
}

fn parse_holder(text: &str) -> Option<Holder> {
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key)?.trim_start().strip_prefix('='))
            .map(str::trim)
    };
    Some(Holder {
        pid: field("pid")?.parse().ok()?,
        ticks: field("start_ticks").and_then(|t| t.parse().ok()),
        since: crate::render::text::terminal_safe(field("since").unwrap_or("an unknown time")),
        host: crate::render::text::terminal_safe(field("host").unwrap_or("this computer")),
    })
}

/// Whether the holder's process still runs: `None` when the platform cannot say.
fn is_alive(h: &Holder) -> Option<bool> {
    if !Path::new("/proc/self/stat").exists() {
        return None;
    }
    if h.host != host() {
        // Another computer sharing the folder: its processes cannot be seen from here.
        return None;
    }
    match start_ticks(h.pid) {
        None => Some(false),
        // The same id given to a new process is not the holder.
        Some(now) => Some(h.ticks.is_none_or(|t| t == now)),
    }
}

/// A live process's start time in clock ticks since boot (field 22 of /proc/PID/stat).
fn start_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces and parentheses: count after the last ')'.
    let mut rest = stat[stat.rfind(')')? + 1..].split_whitespace();
    // A zombie (killed, not yet reaped) holds nothing.
    if matches!(rest.next(), Some("Z" | "X")) {
        return None;
    }
    rest.nth(18)?.parse().ok()
}

fn host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "this computer".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taker_is_told_who_holds_the_lock_and_the_lock_goes_with_its_holder() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join(".plead/draft-x.json");
        let lock = acquire(&draft, "2026-12-01T09:00:00Z").unwrap().unwrap();
        assert!(lock.path().exists());
        let holder = acquire(&draft, "later").unwrap().unwrap_err();
        assert_eq!(holder.pid, std::process::id());
        assert_eq!(holder.since, "2026-12-01T09:00:00Z");
        drop(lock);
        assert!(!lock_path(&draft).exists());
        assert!(acquire(&draft, "now").unwrap().is_ok());
    }

    #[test]
    fn the_lock_of_a_dead_process_is_stale_and_taken_over() {
        if !Path::new("/proc/self/stat").exists() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("draft-x.json");
        // A process id above any pid_max: never alive.
        std::fs::write(
            lock_path(&draft),
            format!(
                "pid = 4194305\nstart_ticks = 1\nsince = then\nhost = {}\n",
                host()
            ),
        )
        .unwrap();
        let lock = acquire(&draft, "now")
            .unwrap()
            .expect("the stale lock is taken");
        let text = std::fs::read_to_string(lock.path()).unwrap();
        assert!(
            text.starts_with(&format!("pid = {}\n", std::process::id())),
            "{text}"
        );
        // A live process id whose start time differs is a reused id: stale too.
        drop(lock);
        std::fs::write(
            lock_path(&draft),
            format!(
                "pid = 1\nstart_ticks = 999999999999\nsince = then\nhost = {}\n",
                host()
            ),
        )
        .unwrap();
        assert!(acquire(&draft, "now").unwrap().is_ok());
    }
}
