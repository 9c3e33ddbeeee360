//! Passages of an assessment's guidance and prompts, each saying what it is — what good
//! looks like, a pitfall, evidence from the study, a quotation — who said it, and where in
//! the source it comes from, so text lifted out of a document still reads truthfully.

use serde::{Deserialize, Serialize};

/// Whose words a piece of wording is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Wording {
    /// The source document's words.
    Source,
    /// plead's words, where the source has none.
    Plead,
}

/// What a passage is, and so the label it is shown under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassageKind {
    /// What good looks like.
    Good,
    /// A problem or mistake the source warns about.
    Pitfall,
    /// What the study found.
    Evidence,
    /// Someone's words, quoted by the source.
    Quotation,
    /// Something to discuss.
    Prompt,
    /// Background: a definition or the context a passage needs.
    Context,
}

impl PassageKind {
    /// The label a passage of this kind is shown under.
    pub fn label(self) -> &'static str {
        match self {
            PassageKind::Good => "What good looks like",
            PassageKind::Pitfall => "A pitfall",
            PassageKind::Evidence => "From the study",
            PassageKind::Quotation => "In their words",
            PassageKind::Prompt => "To discuss",
            PassageKind::Context => "Background",
        }
    }
}

/// One passage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passage {
    pub kind: PassageKind,
    pub text: String,
    /// Who said it (quotations), as the source names them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub who: Option<String>,
    /// Their role, as the source gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Where it comes from: document, section or point, page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
}

impl Passage {
    /// "Jane Maher, Chief Medical Officer, Macmillan Cancer Support", when the source
    /// names the speaker.
    pub fn attribution(&self) -> Option<String> {
        let who = self.who.as_deref()?;
        Some(match self.role.as_deref() {
            Some(role) => format!("{who}, {role}"),
            None => who.to_string(),
        })
    }

    /// The passage's label with its speaker, e.g. "In their words — Jane Maher, …".
    pub fn heading(&self) -> String {
        match self.attribution() {
            Some(a) => format!("{} — {a}", self.kind.label()),
            None if self.kind == PassageKind::Quotation => {
                format!(
                    "{} (the source does not name the speaker)",
                    self.kind.label()
                )
            }
            None => self.kind.label().to_string(),
        }
    }
}

/// The sentence shown on reports and questionnaires about what the results are for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Banner {
    pub text: String,
    pub by: Wording,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
}

impl Default for Banner {
    fn default() -> Banner {
        Banner::plead_default()
    }
}

impl Banner {
    /// plead's own sentence, for assessments whose source says nothing of the kind.
    pub fn plead_default() -> Banner {
        Banner {
            text: "Use these results to agree priorities and actions together, not to rank \
                   organisations against each other."
                .to_string(),
            by: Wording::Plead,
            cite: None,
        }
    }

    /// The sentence as shown: a source's words quoted and cited, plead's marked as plead's.
    pub fn sentence(&self) -> String {
        match (self.by, &self.cite) {
            (Wording::Source, Some(cite)) => format!("“{}” ({cite})", self.text),
            (Wording::Source, None) => format!("“{}”", self.text),
            (Wording::Plead, _) => format!("{} (plead's note)", self.text),
        }
    }
}
