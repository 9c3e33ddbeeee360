//! Where an output goes: standard output or a file. `-` is parsed into `Dest::Stdout`
//! once, by clap, so no command compares a path with `"-"` (as xsv's `Config` does).

use std::fmt;
use std::path::{Path, PathBuf};

/// An output's destination, as given to `--out` (and `--respondents`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dest {
    /// `-`: standard output.
    Stdout,
    /// A file, written atomically.
    File(PathBuf),
}

impl Dest {
    /// The file, unless standard output.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Dest::Stdout => None,
            Dest::File(path) => Some(path),
        }
    }

    pub fn is_stdout(&self) -> bool {
        matches!(self, Dest::Stdout)
    }
}

impl std::str::FromStr for Dest {
    type Err = String;

    fn from_str(s: &str) -> Result<Dest, String> {
        match s {
            "" => Err("an empty name: give a file name, or - for standard output".into()),
            "-" => Ok(Dest::Stdout),
            _ => Ok(Dest::File(PathBuf::from(s))),
        }
    }
}

/// `-` or the file's name, as the user gave it.
impl fmt::Display for Dest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dest::Stdout => f.write_str("-"),
            Dest::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// Where an input comes from: standard input (`-`) or a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl std::str::FromStr for Source {
    type Err = String;

    fn from_str(s: &str) -> Result<Source, String> {
        match s {
            "" => Err("an empty name: give a file name, or - for standard input".into()),
            "-" => Ok(Source::Stdin),
            _ => Ok(Source::File(PathBuf::from(s))),
        }
    }
}

/// `-` or the file's name, as the user gave it.
impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Stdin => f.write_str("-"),
            Source::File(path) => write!(f, "{}", path.display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_is_standard_output_and_anything_else_a_file() {
        assert_eq!("-".parse::<Dest>(), Ok(Dest::Stdout));
        assert_eq!(
            "r.json".parse::<Dest>(),
            Ok(Dest::File(PathBuf::from("r.json")))
        );
        assert_eq!(
            "./-".parse::<Dest>().unwrap().path(),
            Some(Path::new("./-"))
        );
        assert!("".parse::<Dest>().is_err());
        assert_eq!("-".parse::<Source>(), Ok(Source::Stdin));
        assert_eq!(Dest::File("a b.csv".into()).to_string(), "a b.csv");
    }
}
