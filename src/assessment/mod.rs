//! The assessment model: what an assessment file describes once it has loaded and
//! validated. Everything a user sees — item text, guidance, the scale's labels, bands and
//! findings — comes from here, so a new framework is a new file, not new code.

pub(crate) mod builtin;
mod catalog;
mod file;
mod load;
mod passage;
mod passage_file;

pub use catalog::{Catalog, Entry, Origin, read_file};
pub use load::load_str;
pub use passage::{Banner, Passage, PassageKind, Wording};

use serde::Serialize;
use sha2::{Digest, Sha256};

/// A validated assessment.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    pub id: String,
    pub title: String,
    pub version: String,
    /// The citation of the source document.
    pub source: String,
    pub description: String,
    /// What wording plead added to the source, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// An answered item scoring below this is a gap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap_threshold: Option<f64>,
    /// The sentence reports and questionnaires show about how to use the results; `None`
    /// shows plead's own ([`Banner::plead_default`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub banner: Option<Banner>,
    /// Whether reports list the items below the gap threshold under their theme, as an
    /// action list. Left out of the serialised form when false, so the definition hash of
    /// an assessment without it is what it was before the key existed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub action_list: bool,
    pub scales: Vec<Scale>,
    pub themes: Vec<Theme>,
    /// In theme order, then file order.
    pub items: Vec<Item>,
    pub fields: Vec<Field>,
    pub bands: Vec<Band>,
    pub findings: Vec<FindingRule>,
    /// Free-text questions asked beside the ratings (`[[comments]]`), in file order.
    /// Left out of the serialised form when empty; never part of the definition hash
    /// (see [`Assessment::definition_hash`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<CommentQuestion>,
}

/// A free-text question: the stories behind the ratings of a theme or an item, or
/// anything else a respondent wants to say.
#[derive(Debug, Clone, Serialize)]
pub struct CommentQuestion {
    /// Stable, so reports, `--map` and actions can name it.
    pub id: String,
    /// The words a respondent reads, and so the column header of the returns.
    pub question: String,
    /// Whose words the question is, when the file says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question_by: Option<Wording>,
    /// What it asks about: a theme, an item, or (neither) the whole assessment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// Other headers survey exports may give its column.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// A rating scale: whole numbers from `min` to `max`, some or all of them labelled.
#[derive(Debug, Clone, Serialize)]
pub struct Scale {
    pub id: String,
    pub min: i32,
    pub max: i32,
    /// Whether an item on this scale may be answered "not applicable / don't know".
    pub not_applicable: bool,
    pub not_applicable_label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub points: Vec<Point>,
    /// Other spellings of "not applicable" that survey answers may use (`aliases`).
    /// Left out of the serialised form when empty, so definition hashes stay as they were.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_applicable_aliases: Vec<String>,
}

/// One point of a scale. A point given no label is labelled with its number.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub value: i32,
    pub label: String,
    pub descriptor: String,
    /// Other spellings survey answers may use for this point (the scale's `aliases`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// A group of items, as the source groups them.
#[derive(Debug, Clone, Serialize)]
pub struct Theme {
    pub id: String,
    pub title: String,
    pub description: String,
}

/// One thing that is rated: a building block, a role, a type of patient leader.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub id: String,
    pub theme: String,
    /// A short name for tables.
    pub title: String,
    pub text: String,
    /// Where `text` comes from in the source (document, section or point, page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
    /// The question a survey or printed form asks: it stands alone, naming its subject.
    /// `text` when the file gives none.
    pub question: String,
    /// Whose words the question is, when the file says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question_by: Option<Wording>,
    /// The passages explaining the item, each saying what it is.
    pub guidance: Vec<Passage>,
    /// Passages to discuss: questions, quotations, findings of the study.
    pub prompts: Vec<Passage>,
    pub weight: f64,
    pub scale: String,
    pub aliases: Vec<String>,
    /// When present, the item is rated through named examples (the guide's example roles
    /// are suggestions) and its score is the mean of their ratings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub examples: Option<Vec<String>>,
}

impl Item {
    /// The first passage saying what good looks like, if the source gives one.
    pub fn what_good_looks_like(&self) -> Option<&Passage> {
        self.guidance.iter().find(|p| p.kind == PassageKind::Good)
    }
}

/// An extra per-item field asked after the rating (e.g. who holds a role).
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub id: String,
    pub label: String,
    pub kind: FieldKind,
    /// The items it applies to; `None` means every item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<String>>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    Choice(Vec<String>),
}

/// A named range of the overall percent.
#[derive(Debug, Clone, Serialize)]
pub struct Band {
    pub label: String,
    pub min: f64,
    pub max: f64,
    pub description: String,
}

/// A declarative rule over item scores that yields findings.
#[derive(Debug, Clone, Serialize)]
pub struct FindingRule {
    pub id: String,
    pub severity: Severity,
    pub message: String,
    pub rule: Rule,
    /// Findings this one is reported instead of, when it covers all their items.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub supersedes: Vec<String>,
}

impl FindingRule {
    /// The message's first sentence, which names the finding where there is no room for
    /// the rest (the quotations that follow it): up to the first `.`, `?` or `!` (and a
    /// closing quotation mark) followed by a space; the whole message if there is none.
    pub fn headline(&self) -> &str {
        let m = self.message.as_str();
        let mut chars = m.char_indices().peekable();
        while let Some((_, c)) = chars.next() {
            if !matches!(c, '.' | '?' | '!') {
                continue;
            }
            if let Some(&(_, '”')) = chars.peek() {
                chars.next();
            }
            match chars.peek() {
                Some(&(at, next)) if next.is_whitespace() => return &m[..at],
                _ => {}
            }
        }
        m
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    High,
    Medium,
    Low,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Every condition holds: one finding.
    All(Vec<Condition>),
    /// At least one condition holds: one finding.
    Any(Vec<Condition>),
    /// One finding per item (of `items`, or of all) whose score passes the test.
    Each {
        test: Test,
        #[serde(skip_serializing_if = "Option::is_none")]
        items: Option<Vec<String>>,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct Condition {
    pub item: String,
    pub test: Test,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Test {
    Below(f64),
    AtLeast(f64),
}

impl Test {
    pub fn holds(self, score: f64) -> bool {
        match self {
            Test::Below(t) => score < t,
            Test::AtLeast(t) => score >= t,
        }
    }
}

impl Assessment {
    /// The scale an item is rated on. Validation guarantees it exists.
    pub fn scale_of(&self, item: &Item) -> &Scale {
        self.scale(&item.scale)
            .expect("validated: item scale exists")
    }

    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|s| s.id == id)
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The sentence shown about how to use the results.
    pub fn banner(&self) -> Banner {
        self.banner.clone().unwrap_or_else(Banner::plead_default)
    }

    pub fn comment(&self, id: &str) -> Option<&CommentQuestion> {
        self.comments.iter().find(|c| c.id == id)
    }

    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }

    /// The fields asked for an item.
    pub fn fields_for<'a>(&'a self, item: &'a Item) -> impl Iterator<Item = &'a Field> + 'a {
        self.fields
            .iter()
            .filter(move |f| f.items.as_ref().is_none_or(|ids| ids.contains(&item.id)))
    }

    /// A hash of the definition (not of the file's layout or comments), so results of a
    /// changed definition can be told apart. The free-text questions are left out: they
    /// change no figure, so adding a comment box does not stop a quarter comparing with
    /// the last.
    pub fn definition_hash(&self) -> String {
        let figures = Assessment {
            comments: Vec::new(),
            ..self.clone()
        };
        let canonical = serde_json::to_vec(&figures).expect("the model always serialises");
        let digest = Sha256::digest(&canonical);
        let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        format!("sha256:{hex}")
    }
}

impl Scale {
    /// The label of a whole-number point, or the number itself where the point has none.
    pub fn label(&self, value: i32) -> String {
        self.point(value)
            .map(|p| p.label.clone())
            .unwrap_or_else(|| value.to_string())
    }

    pub fn point(&self, value: i32) -> Option<&Point> {
        self.points.iter().find(|p| p.value == value)
    }

    pub fn contains(&self, value: i32) -> bool {
        (self.min..=self.max).contains(&value)
    }

    /// Where a score lies between the scale's ends, 0–100.
    pub fn percent(&self, score: f64) -> f64 {
        crate::numbers::percent(self.min, self.max, score)
    }
}

#[cfg(test)]
mod tests {
    use super::builtin::BUILTIN;
    use super::load::load_str;

    /// Every built-in finding has a first sentence of plead's own: shorter than the
    /// message where a quotation follows it, and never cut inside a quotation.
    #[test]
    fn a_findings_headline_is_its_first_sentence() {
        for (_, text) in BUILTIN {
            let a = load_str(text).unwrap();
            for f in &a.findings {
                let h = f.headline();
                assert!(f.message.starts_with(h), "{}", f.id);
                assert!(h.ends_with(['.', '?', '!', '”']), "{}: {h}", f.id);
                assert_eq!(h.matches('“').count(), h.matches('”').count(), "{h}");
                if f.message.contains('“') && !h.contains('“') {
                    assert!(h.len() < f.message.len(), "{}: {h}", f.id);
                }
            }
        }
        let rule = |message: &str| super::FindingRule {
            id: "x".into(),
            severity: super::Severity::Low,
            message: message.into(),
            rule: super::Rule::All(vec![]),
            supersedes: vec![],
        };
        assert_eq!(rule("No links. “Quoted.” More.").headline(), "No links.");
        assert_eq!(
            rule("At most “a quote.” Then.").headline(),
            "At most “a quote.”"
        );
        assert_eq!(rule("v1.2 is fine").headline(), "v1.2 is fine");
        assert_eq!(rule("").headline(), "");
    }
}
