//! Groups combined before suppression (`--combine "A+B=Label"`): which group values
//! merge into which label. The survey reader merges them as it counts; the scored
//! Result records them.

/// `--combine "A+B=Label"`: the group values `values`, merged into one group `label`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Combination {
    pub values: Vec<String>,
    pub label: String,
}

/// A `--combine` argument: two or more group values joined by `+`, then `=` and the
/// combined group's label.
pub fn parse_combine(s: &str) -> Result<Combination, String> {
    let usage = || {
        format!(
            "{s:?}: give two or more group values joined by + and the combined group's label after =, e.g. \"Governor+Volunteer=Governors and volunteers\""
        )
    };
    let (values, label) = s.rsplit_once('=').ok_or_else(usage)?;
    let values: Vec<String> = values.split('+').map(|v| v.trim().to_string()).collect();
    let label = label.trim().to_string();
    if label.is_empty() || values.len() < 2 || values.iter().any(String::is_empty) {
        return Err(usage());
    }
    Ok(Combination { values, label })
}

impl Combination {
    /// Whether a group value is one of those combined.
    pub fn covers(&self, label: &str) -> bool {
        self.values.iter().any(|v| names(v, label))
    }
}

/// Whether a group's label is one of a combination's values: without case or the
/// spaces around it.
pub fn names(value: &str, label: &str) -> bool {
    value.trim().to_lowercase() == label.trim().to_lowercase()
}
