//! The draft of a workshop in progress: everything answered so far, saved atomically
//! after every answer to `.plead/draft-<assessment>.json` in the current directory, so a
//! closed terminal, Ctrl-C or a crash loses at most the answer being typed.

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::assessment::Assessment;
use crate::response::Answers;

pub const DRAFT_SCHEMA: &str = "plead.draft/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub schema: String,
    pub assessment: String,
    /// The assessment's version when the draft was started (drafts of earlier plead
    /// releases have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    pub definition_hash: String,
    pub organisation: String,
    pub period: String,
    /// When the draft was last saved (RFC 3339).
    pub saved: String,
    /// The index of the item the session was on.
    pub position: usize,
    /// Items skipped, to return to.
    pub skipped: Vec<String>,
    pub answers: Answers,
    /// A live workshop's link, participants and open item (`plead assess --live`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub live: Option<crate::live::record::LiveRecord>,
}

/// Where the draft of an assessment lives.
pub fn path(assessment: &str) -> PathBuf {
    Path::new(".plead").join(format!("draft-{assessment}.json"))
}

/// Where a separate draft of an assessment lives (a second workshop in the same folder
/// while the first holds the draft): `.plead/draft-<assessment>-<n>.json`.
pub fn numbered_path(assessment: &str, n: u32) -> PathBuf {
    Path::new(".plead").join(format!("draft-{assessment}-{n}.json"))
}

impl Draft {
    pub fn save(&self, path: &Path) -> anyhow::Result<()> {
        if let Some(dir) = path.parent() {
            // The folder of drafts is the user's own where the platform allows (0700).
            let mut builder = std::fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            builder
                .create(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let json = serde_json::to_vec_pretty(self).expect("a draft always serialises");
        // A draft holds the workshop's notes: the user's eyes only.
        crate::output::write_file_for(path, &json, true, crate::output::Readers::Owner)
            .with_context(|| format!("cannot save the draft {}", path.display()))
    }

    /// The draft at `path`, if there is one.
    pub fn load(path: &Path) -> anyhow::Result<Option<Draft>> {
        let bytes = match crate::input::read_document(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(e).with_context(|| format!("cannot read the draft {}", path.display()));
            }
        };
        let draft: Draft = serde_json::from_slice(&bytes).with_context(|| {
            format!(
                "the draft {} is damaged: move it aside to start again",
                path.display()
            )
        })?;
        if draft.schema != DRAFT_SCHEMA {
            anyhow::bail!(
                "the draft {} is of an unknown kind \"{}\": move it aside to start again",
                path.display(),
                draft.schema
            );
        }
        Ok(Some(draft))
    }

    /// Checks a draft read back against the assessment, with the rules an answers file is
    /// checked by (see `answers::check`), and its place in the workshop: anyone who can
    /// write to `.plead/` can edit a draft, and a run trusting it wrote a Result of
    /// overall score 214748365.80 from a rating of 2147483647. Problems, each a line.
    pub fn check(&self, assessment: &Assessment) -> Vec<String> {
        let mut problems = Vec::new();
        if self.assessment != assessment.id {
            problems.push(format!(
                "assessment: this is a draft of \"{}\", not \"{}\"",
                self.assessment, assessment.id
            ));
            return problems;
        }
        let n = assessment.items.len();
        if self.position > n {
            problems.push(format!(
                "position: {} is past the last item ({n} items, positions 0 to {n})",
                self.position
            ));
        }
        for id in &self.skipped {
            if assessment.item(id).is_none() {
                problems.push(format!("skipped: unknown item \"{id}\""));
            }
        }
        problems.extend(crate::answers::check(&self.answers, assessment));
        problems
    }

    /// Whether the draft was saved with another definition of its assessment, and if so
    /// how to say it: "version 1.0 (now 1.1)", or "an earlier definition".
    pub fn other_version(&self, assessment: &Assessment) -> Option<String> {
        if self.definition_hash == assessment.definition_hash() {
            return None;
        }
        Some(match &self.version {
            Some(v) if *v != assessment.version => {
                format!(
                    "version {v} of {} (it is now version {})",
                    assessment.id, assessment.version
                )
            }
            _ => format!(
                "another definition of {} version {} (the file has changed since)",
                assessment.id, assessment.version
            ),
        })
    }

    /// How many items have an answer of any kind.
    pub fn answered(&self) -> usize {
        self.answers
            .items
            .values()
            .filter(|a| a.is_answered())
            .count()
    }
}
