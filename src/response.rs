//! What a workshop gave for each item: a rating (or not applicable, or nothing), the
//! ratings of named examples, notes, an action, a target and extra fields. Scoring turns
//! these into item inputs; the answers file and the interactive prompts both make them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::score::ItemInput;

/// One answer on a scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Value(i32),
    /// Not applicable / don't know.
    NotApplicable,
}

/// A named example through which an item is rated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Example {
    pub name: String,
    pub rating: Option<Rating>,
}

/// Everything recorded for one item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub rating: Option<Rating>,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub notes: Vec<String>,
    pub target: Option<i32>,
    pub action: Option<String>,
    /// Who will carry the action out, and by when (an ISO date), asked alongside it
    /// when the workshop keeps an actions log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    /// Each rater's rating, by rater label, when several raters rate and the group agrees
    /// `rating`.
    #[serde(default)]
    pub raters: BTreeMap<String, Rating>,
}

/// A person rating in a workshop, optionally tagged (e.g. `Sam:patient-leader`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RaterSpec {
    pub label: String,
    pub tag: Option<String>,
}

impl RaterSpec {
    /// Parses `"Sam, Priya:patient-leader, Alex:staff"`.
    pub fn parse_list(list: &str) -> Result<Vec<RaterSpec>, String> {
        let mut raters: Vec<RaterSpec> = Vec::new();
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (label, tag) = match part.split_once(':') {
                Some((l, t)) => (l.trim(), Some(t.trim())),
                None => (part, None),
            };
            if label.is_empty() {
                return Err(format!("\"{part}\": a rater needs a name before the ':'"));
            }
            if tag.is_some_and(str::is_empty) {
                return Err(format!(
                    "\"{part}\": give a tag after the ':' (e.g. {label}:staff) or leave out the ':'"
                ));
            }
            if raters.iter().any(|r| r.label.eq_ignore_ascii_case(label)) {
                return Err(format!(
                    "rater \"{label}\" is named twice: give each rater their own name"
                ));
            }
            raters.push(RaterSpec {
                label: label.to_string(),
                tag: tag.map(str::to_string),
            });
        }
        if raters.is_empty() {
            return Err("no raters named: give names separated by commas, e.g. \"Sam, Priya:patient-leader\"".into());
        }
        Ok(raters)
    }
}

/// A workshop's answers, by item id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    pub organisation: Option<String>,
    pub period: Option<String>,
    #[serde(default)]
    pub raters: Vec<RaterSpec>,
    pub items: BTreeMap<String, Answer>,
    /// What the room said became of each open action of the actions log, by its id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reviews: BTreeMap<String, Review>,
}

/// An action of the actions log reviewed in a workshop: its status now, and what was
/// said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub status: crate::actions::Status,
    #[serde(default)]
    pub note: String,
}

impl Answer {
    /// Whether anything was rated: a rating, not applicable, or an example.
    pub fn is_answered(&self) -> bool {
        self.rating.is_some() || !self.examples.is_empty()
    }

    /// What scoring needs: the rating itself, or the mean of the rated examples.
    pub fn input(&self) -> ItemInput {
        let mut input = ItemInput {
            target: self.target,
            ..ItemInput::default()
        };
        if self.examples.is_empty() {
            match self.rating {
                Some(Rating::Value(v)) => {
                    input.score = Some(f64::from(v));
                    input.n = 1;
                }
                Some(Rating::NotApplicable) => input.not_applicable = 1,
                None => input.missing = 1,
            }
            return input;
        }
        let mut sum = 0.0;
        for example in &self.examples {
            match example.rating {
                Some(Rating::Value(v)) => {
                    sum += f64::from(v);
                    input.n += 1;
                    let v = f64::from(v);
                    input.highest = Some(input.highest.map_or(v, |h: f64| h.max(v)));
                }
                Some(Rating::NotApplicable) => input.not_applicable += 1,
                None => input.missing += 1,
            }
        }
        if input.n > 0 {
            input.score = Some(sum / input.n as f64);
        }
        input
    }
}
