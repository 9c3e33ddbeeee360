//! The assessment file as TOML spells it: the raw, span-carrying form that `load`
//! validates into the model. Kept apart so the model stays free of spans.
//!
//! No `flatten` and no untagged enums here: they lose spans and unknown-key detection.

use serde::Deserialize;
use toml::Spanned;

use super::Severity;
use super::Wording;
use super::passage_file::{BannerFile, PassagesFile};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentFile {
    pub id: Spanned<String>,
    pub title: String,
    pub version: String,
    pub source: String,
    #[serde(default)]
    pub description: String,
    pub note: Option<String>,
    pub gap_threshold: Option<Spanned<f64>>,
    pub banner: Option<BannerFile>,
    pub action_list: Option<Spanned<bool>>,
    pub scales: Spanned<Vec<ScaleFile>>,
    pub themes: Spanned<Vec<ThemeFile>>,
    pub items: Spanned<Vec<ItemFile>>,
    #[serde(default)]
    pub fields: Vec<FieldFile>,
    #[serde(default)]
    pub bands: Vec<BandFile>,
    #[serde(default)]
    pub findings: Vec<FindingFile>,
    #[serde(default)]
    pub comments: Vec<CommentFile>,
}

/// A free-text question (`[[comments]]`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentFile {
    pub id: Spanned<String>,
    pub question: Spanned<String>,
    pub question_by: Option<Wording>,
    pub theme: Option<Spanned<String>>,
    pub item: Option<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleFile {
    pub id: Spanned<String>,
    pub min: Option<Spanned<i32>>,
    pub max: Option<Spanned<i32>>,
    #[serde(default)]
    pub not_applicable: bool,
    pub not_applicable_label: Option<String>,
    pub note: Option<String>,
    /// May be left out when `min` and `max` are given: every point is then its number.
    pub points: Option<Spanned<Vec<PointFile>>>,
    /// Other spellings of points (`3 = ["Sometimes"]`) and of not applicable
    /// (`not_applicable = ["Unfamiliar (N/A)"]`) that survey answers may use.
    pub aliases: Option<Spanned<std::collections::BTreeMap<String, Vec<String>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointFile {
    pub value: Spanned<i32>,
    /// Optional: a point without a label is shown and read as its number.
    pub label: Option<Spanned<String>>,
    #[serde(default)]
    pub descriptor: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeFile {
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemFile {
    pub id: Spanned<String>,
    pub theme: Spanned<String>,
    pub title: Option<String>,
    pub text: String,
    pub cite: Option<Spanned<String>>,
    pub question: Option<Spanned<String>>,
    pub question_by: Option<Spanned<Wording>>,
    pub guidance: Option<Spanned<PassagesFile>>,
    pub prompts: Option<Spanned<PassagesFile>>,
    pub weight: Option<Spanned<f64>>,
    pub scale: Option<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub examples: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldFile {
    pub id: Spanned<String>,
    pub label: String,
    pub kind: Spanned<FieldKindFile>,
    pub choices: Option<Spanned<Vec<String>>>,
    pub items: Option<Vec<Spanned<String>>>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FieldKindFile {
    Text,
    Choice,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandFile {
    pub label: Spanned<String>,
    pub min: Spanned<f64>,
    pub max: Spanned<f64>,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingFile {
    pub id: Spanned<String>,
    pub severity: Severity,
    pub message: String,
    pub all: Option<Spanned<Vec<Spanned<ConditionFile>>>>,
    pub any: Option<Spanned<Vec<Spanned<ConditionFile>>>>,
    pub each: Option<Spanned<EachFile>>,
    /// Findings this one says more than: reported instead of them.
    #[serde(default)]
    pub supersedes: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionFile {
    pub item: Spanned<String>,
    pub below: Option<f64>,
    pub at_least: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EachFile {
    pub below: Option<f64>,
    pub at_least: Option<f64>,
    pub items: Option<Vec<Spanned<String>>>,
}
