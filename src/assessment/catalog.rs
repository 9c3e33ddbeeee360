//! Finding assessments: the built-ins, `./assessments`, a `--assessments DIR`, or a path.
//! A file in a directory overrides a built-in of the same id; `--assessments DIR`
//! overrides `./assessments`.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::builtin::BUILTIN;
use super::{Assessment, load_str};
use crate::problem::{Problems, utf8};

/// Where an assessment came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    /// A file in `./assessments` or a `--assessments` directory.
    Directory(PathBuf),
    /// A path given on the command line.
    Path(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::BuiltIn => write!(f, "built-in"),
            Origin::Directory(p) | Origin::Path(p) => write!(f, "{}", p.display()),
        }
    }
}

/// An assessment and where it came from.
#[derive(Debug, Clone)]
pub struct Entry {
    pub assessment: Assessment,
    pub origin: Origin,
}

/// The assessments available to a command.
#[derive(Debug)]
pub struct Catalog {
    pub entries: Vec<Entry>,
    /// Files in the directories that did not load (file, problems), shown as warnings.
    pub broken: Vec<Problems>,
}

impl Catalog {
    /// The built-ins, then `./assessments`, then `dir`, each overriding earlier ids.
    pub fn load(dir: Option<&Path>) -> anyhow::Result<Catalog> {
        let mut catalog = Catalog {
            entries: Vec::new(),
            broken: Vec::new(),
        };
        for (name, text) in BUILTIN {
            let assessment = load_str(text).map_err(|problems| Problems {
                file: format!("built-in {name}"),
                problems,
            })?;
            catalog.add(Entry {
                assessment,
                origin: Origin::BuiltIn,
            });
        }
        let local = Path::new("assessments");
        if local.is_dir() && dir != Some(local) {
            catalog.add_dir(local)?;
        }
        if let Some(dir) = dir {
            if !dir.is_dir() {
                bail!("--assessments {}: no such directory", dir.display());
            }
            catalog.add_dir(dir)?;
        }
        Ok(catalog)
    }

    fn add(&mut self, entry: Entry) {
        match self
            .entries
            .iter_mut()
            .find(|e| e.assessment.id == entry.assessment.id)
        {
            Some(existing) => *existing = entry,
            None => self.entries.push(entry),
        }
    }

    fn add_dir(&mut self, dir: &Path) -> anyhow::Result<()> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read the directory {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            match read_file(&path) {
                Ok(assessment) => self.add(Entry {
                    assessment,
                    origin: Origin::Directory(path),
                }),
                Err(problems) => self.broken.push(problems),
            }
        }
        Ok(())
    }

    /// An assessment by id, or by path to a `.toml` file.
    pub fn resolve(&self, spec: &str) -> anyhow::Result<Entry> {
        let path = Path::new(spec);
        if spec.ends_with(".toml") || path.components().count() > 1 {
            if !path.is_file() {
                bail!("{spec}: no such assessment file");
            }
            let assessment = read_file(path)?;
            return Ok(Entry {
                assessment,
                origin: Origin::Path(path.to_path_buf()),
            });
        }
        match self.entries.iter().find(|e| e.assessment.id == spec) {
            Some(e) => Ok(e.clone()),
            None => {
                let ids: Vec<&str> = self
                    .entries
                    .iter()
                    .map(|e| e.assessment.id.as_str())
                    .collect();
                bail!(
                    "unknown assessment \"{spec}\": the available ones are {} (or give a path to a .toml file)",
                    ids.join(", ")
                )
            }
        }
    }
}

/// Reads and validates one assessment file.
pub fn read_file(path: &Path) -> Result<Assessment, Problems> {
    let file = path.display().to_string();
    let bytes = crate::input::read_document(path).map_err(|e| Problems {
        file: file.clone(),
        problems: vec![crate::problem::Problem::whole_file(format!(
            "cannot read the file: {e}"
        ))],
    })?;
    let text = utf8(&bytes).map_err(|p| Problems {
        file: file.clone(),
        problems: vec![p],
    })?;
    load_str(text).map_err(|problems| Problems { file, problems })
}
