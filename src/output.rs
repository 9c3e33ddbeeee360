//! Writing what a command produces: standard output (a closed pipe is not an error) or
//! files written atomically — a temporary file beside the target, then a rename — that
//! never replace an existing file without `--force`.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, bail};

/// Writes bytes to standard output, or to a file when `path` is not `-`.
pub fn write(path: &str, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    if path == "-" {
        return stdout(bytes);
    }
    write_file(Path::new(path), bytes, force)
}

/// Prints a message on standard error (progress, "wrote FILE", warnings) through the
/// terminal sanitiser the reports use: messages quote file names and file contents,
/// and nothing in them may drive the terminal.
pub fn message(text: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", crate::render::text::terminal_safe(text));
}

/// Writes to standard output through one lock.
pub fn stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .context("cannot write to standard output")
}

/// Writes a file atomically; refuses to replace an existing one unless `force`.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    if !force && path.exists() {
        bail!(
            "{} already exists: choose another name, or add --force to overwrite it",
            path.display()
        );
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .with_context(|| format!("{}: not a file name", path.display()))?;
    let mut tmp = tempfile_in(dir, name).with_context(|| {
        format!(
            "cannot write {}: cannot create a file in {}",
            path.display(),
            dir.display()
        )
    })?;
    let written = tmp
        .1
        .write_all(bytes)
        .and_then(|()| tmp.1.sync_all())
        .with_context(|| format!("cannot write {}", path.display()));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp.0);
        return Err(e);
    }
    drop(tmp.1);
    let renamed = if force {
        std::fs::rename(&tmp.0, path)
    } else {
        // Hard-link then unlink: fails rather than replacing a file that appeared meanwhile.
        std::fs::hard_link(&tmp.0, path).and_then(|()| std::fs::remove_file(&tmp.0))
    };
    if let Err(e) = renamed {
        let _ = std::fs::remove_file(&tmp.0);
        if e.kind() == io::ErrorKind::AlreadyExists {
            bail!(
                "{} already exists: choose another name, or add --force to overwrite it",
                path.display()
            );
        }
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    remove_stale_temporaries(dir, name);
    Ok(())
}

/// Removes the temporary files of earlier writes of the same name whose process is gone
/// (killed mid-write: SIGKILL leaves no chance to clean up). Only where `/proc` says
/// which processes are alive; a temporary file of a live process is never touched.
fn remove_stale_temporaries(dir: &Path, name: &std::ffi::OsStr) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Some(name) = name.to_str() else { return };
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(rest) = file
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|f| f.strip_suffix(".tmp"))
        else {
            continue;
        };
        // ".NAME.PID.N.tmp"
        let Some((pid, n)) = rest.split_once('.') else {
            continue;
        };
        let numbers = pid.parse::<u32>().is_ok() && n.parse::<u32>().is_ok();
        if numbers && !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn tempfile_in(
    dir: &Path,
    name: &std::ffi::OsStr,
) -> io::Result<(std::path::PathBuf, std::fs::File)> {
    let pid = std::process::id();
    for attempt in 0..100u32 {
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".{pid}.{attempt}.tmp"));
        let tmp = dir.join(tmp_name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free temporary file name",
    ))
}

/// Whether an error comes from writing to a closed pipe (`plead report x | head`).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_without_force_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        write_file(&path, b"one", false).unwrap();
        let err = write_file(&path, b"two", false).unwrap_err();
        assert!(err.to_string().contains("--force"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_file(&path, b"two", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn the_temporary_file_of_a_killed_write_is_removed_by_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        // A process id above any pid_max: never alive.
        let stale = dir.path().join(".r.json.4194305.0.tmp");
        let other = dir.path().join(".other.json.4194305.0.tmp");
        let live = dir
            .path()
            .join(format!(".r.json.{}.7.tmp", std::process::id()));
        for p in [&stale, &other, &live] {
            std::fs::write(p, "half").unwrap();
        }
        write_file(&path, b"one", false).unwrap();
        assert_eq!(
            !stale.exists(),
            Path::new("/proc/self").exists(),
            "removed where /proc tells"
        );
        assert!(other.exists() && live.exists());
    }
}
