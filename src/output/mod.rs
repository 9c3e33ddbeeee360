//! Writing what a command produces: standard output (a closed pipe is not an error) or
//! files written atomically — a temporary file beside the target, then a rename — that
//! never replace an existing file without `--force`, never replace anything but a
//! regular file (a device, FIFO, directory or socket is refused even with `--force`),
//! keep the permissions of the file they replace, and, when a run writes several, are
//! written all or none.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

mod atomic;
mod dest;

pub use atomic::AtomicFile;
pub use dest::{Dest, Source};

/// Writes bytes to standard output, or to a file.
pub fn write(dest: &Dest, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    match dest {
        Dest::Stdout => stdout(bytes),
        Dest::File(path) => write_file(path, bytes, force),
    }
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
    let mut file = AtomicFile::create(path, force, readers)?;
    file.write_all(bytes)?;
    file.commit()
}

/// Writes every file or none: every destination is checked first (none may exist
/// without `force`, none may be a device, FIFO, directory or socket, none named twice),
/// all are written to temporary files, and only then moved into place.
pub fn write_all(files: Vec<Planned>, force: bool) -> anyhow::Result<()> {
    check_all(files.iter().map(|f| f.path.as_path()), force)?;
    let mut staged = Vec::with_capacity(files.len());
    for f in &files {
        let mut file = AtomicFile::create(&f.path, force, f.readers)?;
        file.write_all(&f.bytes)?;
        staged.push(file);
    }
    AtomicFile::commit_all(staged)
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
                return Err(already_exists(path));
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
        return Err(already_exists(path));
    }
    Ok(Some(meta.permissions()))
}

/// The one refusal to replace a file without `--force`.
pub fn already_exists(path: &Path) -> anyhow::Error {
    anyhow::anyhow!(
        "{} already exists: choose another name, or add --force to overwrite it",
        path.display()
    )
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
