//! The draft of a workshop in progress: everything answered so far, saved atomically
//! after every answer to `.plead/draft-<assessment>.json` in the current directory, so a
//! closed terminal, Ctrl-C or a crash loses at most the answer being typed.

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::response::Answers;

pub const DRAFT_SCHEMA: &str = "plead.draft/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub schema: String,
    pub assessment: String,
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
}

/// Where the draft of an assessment lives.
pub fn path(assessment: &str) -> PathBuf {
    Path::new(".plead").join(format!("draft-{assessment}.json"))
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

    /// How many items have an answer of any kind.
    pub fn answered(&self) -> usize {
        self.answers
            .items
            .values()
            .filter(|a| a.is_answered())
            .count()
    }
}
