//! One file written atomically: created as a temporary file beside its target, moved
//! into place by `commit` (several together, all or none), removed if the run stops
//! first. Every file plead writes goes through it, so every write is swept the same way
//! when a killed run leaves its temporary file behind.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::{Readers, already_exists, check};

/// A file being written: a temporary file beside its target, moved into place by
/// `commit`, removed when dropped before then.
pub struct AtomicFile {
    target: PathBuf,
    tmp: PathBuf,
    file: Option<std::fs::File>,
    force: bool,
}

impl AtomicFile {
    /// Starts writing `path`: checks it (see `check`: it may not exist without `force`,
    /// and only a regular file is ever replaced) and creates the temporary file, with
    /// the permissions of the file it will replace, or for `readers` when it is new.
    pub fn create(path: &Path, force: bool, readers: Readers) -> anyhow::Result<AtomicFile> {
        let existing = check(path, force)?;
        let dir = parent_of(path);
        let name = path
            .file_name()
            .with_context(|| format!("{}: not a file name", path.display()))?;
        let (tmp, file) = temporary_in(dir, name, readers).with_context(|| {
            format!(
                "cannot write {}: cannot create a file in {}",
                path.display(),
                dir.display()
            )
        })?;
        let created = AtomicFile {
            target: path.to_path_buf(),
            tmp,
            file: Some(file),
            force,
        };
        if let (Some(perms), Some(file)) = (existing, &created.file) {
            file.set_permissions(perms)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(created)
    }

    /// Appends bytes.
    pub fn write_all(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        let target = self.target.display().to_string();
        self.file
            .as_mut()
            .expect("an atomic file is open until committed")
            .write_all(bytes)
            .with_context(|| format!("cannot write {target}"))
    }

    /// A handle to write through (for a file written as it is produced).
    pub fn writer(&self) -> io::Result<std::fs::File> {
        self.file
            .as_ref()
            .expect("an atomic file is open until committed")
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

    /// Moves the file into place.
    pub fn commit(self) -> anyhow::Result<()> {
        AtomicFile::commit_all(vec![self])
    }

    /// Moves files into place, all or none: each is synced first; a file that appeared
    /// meanwhile stops the run (without `--force`) and the files already placed by it
    /// are removed again.
    pub fn commit_all(mut files: Vec<AtomicFile>) -> anyhow::Result<()> {
        for f in &files {
            if let Some(file) = &f.file {
                file.sync_all()
                    .with_context(|| format!("cannot write {}", f.target.display()))?;
            }
        }
        let mut placed: Vec<(PathBuf, bool)> = Vec::new();
        for f in &mut files {
            if let Err(e) = f.place() {
                // A file that replaced another is kept: removing it would lose both.
                for (path, _) in placed.iter().filter(|(_, forced)| !forced) {
                    let _ = std::fs::remove_file(path);
                }
                return Err(e);
            }
            placed.push((f.target.clone(), f.force));
        }
        for f in &files {
            if let Some(name) = f.target.file_name() {
                remove_stale_temporaries(parent_of(&f.target), name);
            }
        }
        Ok(())
    }

    fn place(&mut self) -> anyhow::Result<()> {
        drop(self.file.take());
        let path = &self.target;
        let renamed = if self.force {
            // Checked again: a device or FIFO put there since the run began is not replaced.
            match check(path, true) {
                Ok(_) => std::fs::rename(&self.tmp, path),
                Err(e) => {
                    let _ = std::fs::remove_file(&self.tmp);
                    return Err(e);
                }
            }
        } else {
            // Hard-link then unlink: fails rather than replacing a file that appeared meanwhile.
            std::fs::hard_link(&self.tmp, path).and_then(|()| std::fs::remove_file(&self.tmp))
        };
        if let Err(e) = renamed {
            let _ = std::fs::remove_file(&self.tmp);
            if e.kind() == io::ErrorKind::AlreadyExists {
                return Err(already_exists(path));
            }
            return Err(e).with_context(|| format!("cannot write {}", path.display()));
        }
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// The folder a file is written in (`.` for a bare name).
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
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

/// A new temporary file ".NAME.PID.N.tmp" in `dir`, created for `readers`.
fn temporary_in(
    dir: &Path,
    name: &std::ffi::OsStr,
    readers: Readers,
) -> io::Result<(PathBuf, std::fs::File)> {
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
