//! Writing what a command produces: standard output (a closed pipe is not an error) or
//! files written atomically — a temporary file beside the target, then a rename — that
//! never replace an existing file without `--force`, never replace anything but a
//! regular file (a device, FIFO, directory or socket is refused even with `--force`),
//! keep the permissions of the file they replace, and, when a run writes several, are
//! written all or none.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

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

/// Who may read a file plead creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readers {
    /// Reports, made to be shared: the usual permissions (as the umask allows).
    Anyone,
    /// Drafts, Results and respondents files hold people's answers and notes: readable
    /// and writable by the user only (0600) where the platform has permission bits.
    Owner,
}

/// One file of a run's outputs.
pub struct Planned {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub readers: Readers,
}

/// Writes a file atomically; refuses to replace an existing one unless `force`.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    write_file_for(path, bytes, force, Readers::Anyone)
}

/// Writes a file atomically, created for `readers`.
pub fn write_file_for(
    path: &Path,
    bytes: &[u8],
    force: bool,
    readers: Readers,
) -> anyhow::Result<()> {
    let mut staged = stage(path, force, readers)?;
    staged.write_all(bytes)?;
    commit(vec![staged], force)
}

/// Writes every file or none: every destination is checked first (none may exist
/// without `force`, none may be a device, FIFO, directory or socket, none named twice),
/// all are written to temporary files, and only then moved into place.
pub fn write_all(files: Vec<Planned>, force: bool) -> anyhow::Result<()> {
    check_all(files.iter().map(|f| f.path.as_path()), force)?;
    let mut staged = Vec::with_capacity(files.len());
    for f in &files {
        let mut s = stage(&f.path, force, f.readers)?;
        s.write_all(&f.bytes)?;
        staged.push(s);
    }
    commit(staged, force)
}

/// Checks the destinations of a run before anything is written (see `write_all`).
pub fn check_all<'a>(paths: impl Iterator<Item = &'a Path>, force: bool) -> anyhow::Result<()> {
    let mut seen = std::collections::HashSet::new();
    for path in paths {
        if !seen.insert(normalised(path)) {
            bail!(
                "{} is named twice among the outputs: give each output its own file",
                path.display()
            );
        }
        check(path, force)?;
    }
    Ok(())
}

/// A path as compared for "named twice": `./r.json` and `r.json` are one file.
fn normalised(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

/// Whether a file may be written at `path`: the permissions of the regular file there
/// (kept when `force` replaces it), or `None` when there is none.
pub fn check(path: &Path, force: bool) -> anyhow::Result<Option<std::fs::Permissions>> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // A dangling symbolic link is something there all the same.
            if !force && std::fs::symlink_metadata(path).is_ok() {
                bail!(
                    "{} already exists: choose another name, or add --force to overwrite it",
                    path.display()
                );
            }
            return Ok(None);
        }
        // Not there to look at (a path through a file, a folder not readable): creating
        // the temporary file says what is wrong with the folder.
        Err(_) => return Ok(None),
    };
    if !meta.is_file() {
        bail!(
            "{} is {}, not a regular file: plead writes its outputs only to regular files (even with --force); choose a file name{}",
            path.display(),
            kind_of(&meta),
            if meta.is_dir() {
                ""
            } else {
                ", or --out - for standard output"
            }
        );
    }
    if !force {
        bail!(
            "{} already exists: choose another name, or add --force to overwrite it",
            path.display()
        );
    }
    Ok(Some(meta.permissions()))
}

/// What a file that is not a regular file is, for a message.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

/// A file being written: a temporary file beside its target, moved into place by
/// `commit`, removed if the run stops first.
pub struct Staged {
    target: PathBuf,
    tmp: PathBuf,
    file: Option<std::fs::File>,
}

/// Starts writing `path`: checks it (see `check`) and creates the temporary file, with
/// the permissions of the file it will replace, or for `readers` when it is new.
pub fn stage(path: &Path, force: bool, readers: Readers) -> anyhow::Result<Staged> {
    let existing = check(path, force)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .with_context(|| format!("{}: not a file name", path.display()))?;
    let (tmp, file) = tempfile_in(dir, name, readers).with_context(|| {
        format!(
            "cannot write {}: cannot create a file in {}",
            path.display(),
            dir.display()
        )
    })?;
    let staged = Staged {
        target: path.to_path_buf(),
        tmp,
        file: Some(file),
    };
    if let (Some(perms), Some(file)) = (existing, &staged.file) {
        file.set_permissions(perms)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(staged)
}

impl Staged {
    /// Appends bytes.
    pub fn write_all(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        let target = self.target.display().to_string();
        self.file
            .as_mut()
            .expect("a staged file is open until committed")
            .write_all(bytes)
            .with_context(|| format!("cannot write {target}"))
    }

    /// A handle to write through (for a file written as it is produced).
    pub fn writer(&self) -> io::Result<std::fs::File> {
        self.file
            .as_ref()
            .expect("a staged file is open until committed")
            .try_clone()
    }

    /// The temporary file being written.
    pub fn temporary(&self) -> &Path {
        &self.tmp
    }

    /// The file it will become.
    pub fn target(&self) -> &Path {
        &self.target
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Moves staged files into place, all or none: each is synced first; a file that
/// appeared meanwhile stops the run (without `force`) and the files already placed by
/// it are removed again.
pub fn commit(mut staged: Vec<Staged>, force: bool) -> anyhow::Result<()> {
    for s in &staged {
        if let Some(f) = &s.file {
            f.sync_all()
                .with_context(|| format!("cannot write {}", s.target.display()))?;
        }
    }
    let mut placed: Vec<PathBuf> = Vec::new();
    for s in &mut staged {
        let result = place(s, force);
        if let Err(e) = result {
            if !force {
                for p in &placed {
                    let _ = std::fs::remove_file(p);
                }
            }
            return Err(e);
        }
        placed.push(s.target.clone());
    }
    for s in &staged {
        if let (Some(dir), Some(name)) = (s.target.parent(), s.target.file_name()) {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            remove_stale_temporaries(dir, name);
        }
    }
    Ok(())
}

fn place(s: &mut Staged, force: bool) -> anyhow::Result<()> {
    drop(s.file.take());
    let path = &s.target;
    let renamed = if force {
        // Checked again: a device or FIFO put there since the run began is not replaced.
        match check(path, true) {
            Ok(_) => std::fs::rename(&s.tmp, path),
            Err(e) => {
                let _ = std::fs::remove_file(&s.tmp);
                return Err(e);
            }
        }
    } else {
        // Hard-link then unlink: fails rather than replacing a file that appeared meanwhile.
        std::fs::hard_link(&s.tmp, path).and_then(|()| std::fs::remove_file(&s.tmp))
    };
    if let Err(e) = renamed {
        let _ = std::fs::remove_file(&s.tmp);
        if e.kind() == io::ErrorKind::AlreadyExists {
            bail!(
                "{} already exists: choose another name, or add --force to overwrite it",
                path.display()
            );
        }
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
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
    readers: Readers,
) -> io::Result<(std::path::PathBuf, std::fs::File)> {
    let pid = std::process::id();
    for attempt in 0..100u32 {
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".{pid}.{attempt}.tmp"));
        let tmp = dir.join(tmp_name);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if readers == Readers::Owner {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        #[cfg(not(unix))]
        let _ = readers;
        match options.open(&tmp) {
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
