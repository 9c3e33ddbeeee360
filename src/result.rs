//! The Result document (`plead.result/1`): the hinge of the pipeline. `assess` and
//! `score` write it; `report`, `diff` and `trend` read it. It carries everything a
//! renderer needs (labels, bands, guidance), so reports never need the assessment file.

use std::collections::BTreeMap;

use anyhow::bail;
use serde::{Deserialize, Serialize};

use crate::assessment::{Banner, Severity};

pub const SCHEMA: &str = "plead.result/1";

/// A scored assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultDoc {
    pub schema: String,
    pub assessment: AssessmentRef,
    pub context: Context,
    /// People who answered: 1 for a workshop (the group), the number of returns for a survey.
    pub respondents: u64,
    /// Named raters of a workshop, with their tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub raters: Vec<Rater>,
    pub scales: Vec<ScaleRef>,
    /// The labels of the assessment's extra fields, so reports name a field as the
    /// assessment does ("Who holds this role?"), not by its id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap_threshold: Option<f64>,
    /// Whether the report lists the items below the gap threshold under their theme.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub action_list: bool,
    pub bands: Vec<BandRef>,
    pub overall: Overall,
    pub themes: Vec<ThemeResult>,
    pub items: Vec<ItemResult>,
    pub gaps: Vec<Gap>,
    pub findings: Vec<Finding>,
    /// Cells of a survey file that could not be read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<Rejected>,
    /// How a survey file was read: layout, columns matched and left unused, rows skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey: Option<SurveySource>,
    /// The column a survey was grouped by (`plead score --group-by`), with the
    /// differences between groups per item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_by: Option<GroupBy>,
    /// The figures per group; a suppressed group shows no numbers at all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupResult>,
    /// What every report says before its figures (e.g. that they describe fewer people
    /// than the suppression minimum).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The free-text answers of a survey, per comment question, redacted on reading.
    /// Optional within `plead.result/1`: a Result written before comments has none, and
    /// an older plead reading a newer Result passes over them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<CommentsResult>,
}

/// The comments given to one free-text question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentsResult {
    /// The comment question's id.
    pub id: String,
    pub question: String,
    /// The theme or item it is about; neither for the whole assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The column it was read from; none when no column matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// Every non-empty answer, counted exactly.
    pub count: u64,
    /// What was removed from all of them.
    #[serde(default, skip_serializing_if = "Redactions::is_empty")]
    pub redactions: Redactions,
    /// The comments kept (all of them, or a sample of `count` when there are more than
    /// plead keeps), in a shuffled order that does not follow the file's.
    #[serde(default)]
    pub comments: Vec<Comment>,
}

/// One free-text answer, as reports show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    /// The words, personal data replaced by what it was ("[email removed]").
    pub text: String,
    /// The respondent's group, only when that group's figures are shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// How many pieces of personal data were removed from it.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub removed: u64,
    /// Characters cut from the end of a very long comment.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub cut: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Pieces of personal data removed from free text, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redactions {
    #[serde(default, skip_serializing_if = "is_zero")]
    pub email: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub phone: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub nhs_number: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub postcode: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub ip_address: u64,
    /// A name from the respondent's own name column.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub name: u64,
    /// Another of the respondent's own personal values (an id, a custom field).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub personal: u64,
}

impl Redactions {
    pub fn total(&self) -> u64 {
        self.email
            + self.phone
            + self.nhs_number
            + self.postcode
            + self.ip_address
            + self.name
            + self.personal
    }

    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }

    pub fn add(&mut self, other: &Redactions) {
        self.email += other.email;
        self.phone += other.phone;
        self.nhs_number += other.nhs_number;
        self.postcode += other.postcode;
        self.ip_address += other.ip_address;
        self.name += other.name;
        self.personal += other.personal;
    }

    /// In words, for reports: "2 email addresses, 1 name".
    pub fn describe(&self) -> String {
        let kinds = [
            (self.email, "email address", "email addresses"),
            (self.phone, "phone number", "phone numbers"),
            (self.nhs_number, "NHS number", "NHS numbers"),
            (self.postcode, "postcode", "postcodes"),
            (self.ip_address, "IP address", "IP addresses"),
            (self.name, "name", "names"),
            (
                self.personal,
                "other personal detail",
                "other personal details",
            ),
        ];
        kinds
            .iter()
            .filter(|(n, _, _)| *n > 0)
            .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentRef {
    pub id: String,
    pub version: String,
    pub title: String,
    pub source: String,
    pub definition_hash: String,
    /// The sentence reports show about what the results are for; older Results have none
    /// and show plead's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub banner: Option<Banner>,
}

impl AssessmentRef {
    /// The sentence reports show about what the results are for.
    pub fn banner(&self) -> Banner {
        self.banner.clone().unwrap_or_else(Banner::plead_default)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Context {
    pub organisation: String,
    pub period: String,
    /// RFC 3339, UTC.
    pub created: String,
    pub plead_version: String,
    pub method: Method,
}

impl Context {
    /// The context of a Result made `now` by this build of plead: the organisation and
    /// period given, else "Unnamed organisation" and `now`'s quarter ("2026-Q4").
    pub fn new(
        organisation: Option<String>,
        period: Option<String>,
        now: time::OffsetDateTime,
        method: Method,
    ) -> Context {
        Context {
            organisation: organisation.unwrap_or_else(|| "Unnamed organisation".to_string()),
            period: period.unwrap_or_else(|| quarter(now)),
            created: rfc3339(now),
            plead_version: env!("CARGO_PKG_VERSION").to_string(),
            method,
        }
    }
}

/// A time as RFC 3339 UTC, as a Result records it.
pub fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .expect("UTC times always format")
}

/// The quarter a time falls in, e.g. "2026-Q4".
pub fn quarter(t: time::OffsetDateTime) -> String {
    format!("{}-Q{}", t.year(), (u8::from(t.month()) - 1) / 3 + 1)
}

/// How the answers were gathered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// A facilitated group agreeing one rating per item.
    Workshop,
    /// Many returns, aggregated.
    Survey,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rater {
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

/// An extra field's id and label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldRef {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScaleRef {
    pub id: String,
    pub min: i32,
    pub max: i32,
    pub not_applicable: bool,
    pub points: Vec<PointRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointRef {
    pub value: i32,
    pub label: String,
    #[serde(default)]
    pub descriptor: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BandRef {
    pub label: String,
    pub min: f64,
    pub max: f64,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overall {
    /// Weighted mean of the answered item scores; absent when nothing was answered.
    pub score: Option<f64>,
    pub percent: Option<f64>,
    pub band: Option<String>,
    /// Items with a score, of `items`.
    pub answered: usize,
    pub items: usize,
    /// Why there is a percent but no score (items on scales of different lengths).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A survey's respondents' own overall scores, in percent: what a test of a change
    /// of the overall needs. Absent for workshops and for Results of older versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_respondent: Option<Spread>,
    /// Why a survey's overall figures are not shown (suppressed: fewer answers than the
    /// minimum, or an item behind it is suppressed), when they are not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Each respondent's own score (the weighted mean of the percents of the items they
/// rated), summarised: n, mean, sample standard deviation and the 95% interval of the
/// mean, all in percent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    pub n: u64,
    pub mean: f64,
    pub sd: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<Interval>,
}

/// A 95% confidence interval (t-based), in the units of the figure it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeResult {
    pub id: String,
    pub title: String,
    pub score: Option<f64>,
    pub percent: Option<f64>,
    pub answered: usize,
    pub items: usize,
    /// A survey's respondents' own scores for the theme, in percent (see `Overall`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_respondent: Option<Spread>,
    /// Why the theme's figures are not shown (suppressed), when they are not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemResult {
    pub id: String,
    pub theme: String,
    pub title: String,
    pub text: String,
    /// What good looks like (the first such passage of the guide), or failing that the
    /// guide's first passage on the item.
    #[serde(default)]
    pub guidance: String,
    /// The label `guidance` is shown under ("What good looks like", "In their words — …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance_label: Option<String>,
    /// Where `guidance` comes from in the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance_cite: Option<String>,
    pub scale: String,
    pub weight: f64,
    pub score: Option<f64>,
    pub percent: Option<f64>,
    /// Valid ratings behind the score (for an item rated through examples, the examples rated).
    pub n: u64,
    pub not_applicable: u64,
    pub missing: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<ExampleResult>,
    /// A survey item's figures over all valid ratings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregate: Option<Aggregate>,
    /// Why a survey item's figures (score, percent, aggregate) are not shown: fewer
    /// answers than the minimum. Its counts (n, not applicable, missing) still are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Each rater's own rating in a workshop with several raters (the score is the
    /// group's agreed rating).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ratings: Vec<RaterRating>,
    /// The mean rating of each tag of raters (e.g. patient-leader, staff).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tag_means: Vec<TagMean>,
}

/// One rater's rating of an item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RaterRating {
    pub rater: String,
    /// The rating; absent when not applicable / don't know.
    pub rating: Option<i32>,
}

/// The mean of the ratings given by raters sharing a tag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TagMean {
    pub tag: String,
    pub mean: Option<f64>,
    pub n: u64,
}

/// A named example through which an item was rated (e.g. "Health Champion").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleResult {
    pub name: String,
    /// The rating; absent when not applicable / don't know.
    pub rating: Option<i32>,
}

/// An item that needs attention: below the gap threshold, or short of its target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    pub item: String,
    pub kind: GapKind,
    pub score: f64,
    /// The threshold or the target the score falls short of.
    pub reference: f64,
    /// reference − score.
    pub size: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GapKind {
    BelowThreshold,
    ToTarget,
}

impl GapKind {
    /// The words a report uses for the kind of gap.
    pub fn as_str(self) -> &'static str {
        match self {
            GapKind::BelowThreshold => "below threshold",
            GapKind::ToTarget => "to target",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub id: String,
    pub severity: Severity,
    pub message: String,
    pub items: Vec<String>,
}

/// A survey item's valid ratings summarised, exactly, from a count per scale point.
/// `mean` is the item's score; `sd` is the sample standard deviation (divisor n − 1, 0
/// when n is 1); `median` is the middle rating, or the mean of the two middle ratings
/// when n is even.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Aggregate {
    pub n: u64,
    pub mean: f64,
    pub sd: f64,
    pub median: f64,
    pub min: i32,
    pub max: i32,
    /// One per scale point, from the scale's min to its max.
    pub counts: Vec<u64>,
    /// The 95% interval of the mean, within the scale; absent for a single answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<Interval>,
}

/// How a survey file was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveySource {
    /// The file's name (without its directory), or `-` for standard input.
    pub file: String,
    /// The survey tool whose layout was recognised, or "generic".
    pub layout: String,
    /// Header rows above the first response, as read.
    #[serde(default = "one")]
    pub header_rows: usize,
    /// Whether `header_rows` was given (`--header-rows`) rather than the layout's own.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub header_rows_given: bool,
    /// e.g. "CSV, UTF-8, comma-separated" or "Excel, sheet Form1".
    pub format: String,
    /// Data rows read (header rows excluded).
    pub rows: u64,
    /// Preview and test rows dropped (Qualtrics).
    #[serde(default)]
    pub test_rows: u64,
    /// Rows with no rating and no "not applicable" at all, not counted as respondents.
    #[serde(default)]
    pub empty_rows: u64,
    /// Which column each item was read from.
    pub columns: Vec<ColumnMatch>,
    /// Items no column matched (scored as missing for every respondent).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unmatched_items: Vec<String>,
    /// Columns neither matched to an item nor known as survey-tool metadata.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unused_columns: Vec<String>,
    /// Columns recognised as personal data (names, emails, IP addresses): never read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub personal_columns: Vec<String>,
    /// Every rejected cell, including any beyond those listed in `rejected`.
    #[serde(default)]
    pub rejected_total: u64,
    /// The fewest answers a figure is shown for (`--min-group`); with fewer respondents
    /// in the whole file, no score figure is shown and every report says so.
    #[serde(default)]
    pub min_group: u64,
}

fn one() -> usize {
    1
}

/// How an item found its column, written in a Result as "map", "id", "alias", "text",
/// "grid" or "wording".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    /// `--map ITEM=COLUMN`.
    Map,
    Id,
    Alias,
    Text,
    /// A grid column `Question [Row]` whose row names the item.
    Grid,
    /// A reworded question, paired by its wording (reported, so it can be checked).
    Wording,
}

impl MatchedBy {
    /// The word a Result and a report use.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchedBy::Map => "map",
            MatchedBy::Id => "id",
            MatchedBy::Alias => "alias",
            MatchedBy::Text => "text",
            MatchedBy::Grid => "grid",
            MatchedBy::Wording => "wording",
        }
    }
}

impl SurveySource {
    /// How the file was read, as the `read …` message and the report's "Survey file"
    /// section both say it: "Qualtrics layout, 3 header rows, CSV, UTF-8 (detected),
    /// comma-separated".
    pub fn shape(&self) -> String {
        format!(
            "{} layout, {} header row{}{}, {}",
            self.layout,
            self.header_rows,
            if self.header_rows == 1 { "" } else { "s" },
            if self.header_rows_given {
                " (--header-rows)"
            } else {
                ""
            },
            self.format
        )
    }
}

/// The column an item was read from, and how it was matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnMatch {
    pub item: String,
    pub column: String,
    pub matched_by: MatchedBy,
    /// For a reworded question, how its wording matched, so the analyst can check it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how: Option<String>,
}

/// A survey grouped by a column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupBy {
    pub column: String,
    /// A figure resting on fewer answers than this is suppressed.
    pub min_group: u64,
    /// Group values combined into one group (`--combine`) before suppression.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub combined: Vec<CombinedGroup>,
    /// Per item, the highest and lowest scoring groups, among those shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub differences: Vec<GroupDifference>,
}

/// Group values counted as one group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CombinedGroup {
    pub label: String,
    pub values: Vec<String>,
}

/// The spread of an item's score between groups (e.g. patient leaders against staff).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupDifference {
    pub item: String,
    pub high_group: String,
    pub high: f64,
    pub low_group: String,
    pub low: f64,
    /// high − low.
    pub difference: f64,
}

/// One group's figures. A suppressed group carries its label and why: no count, no score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupResult {
    pub label: String,
    pub suppressed: bool,
    /// Why the group is suppressed ("fewer than 11 answers").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondents: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall: Option<GroupScore>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<GroupScore>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<GroupItem>,
}

/// A group's score for the whole assessment (empty id) or a theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupScore {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub score: Option<f64>,
    pub percent: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<String>,
    /// Why the figure is suppressed in this group, when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A group's figures for one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupItem {
    pub id: String,
    pub score: Option<f64>,
    pub percent: Option<f64>,
    /// The counts, none when the item is suppressed in the group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<u64>,
    /// Why the item is suppressed in this group, when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregate: Option<Aggregate>,
}

/// A survey cell that could not be read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejected {
    /// The row number as in the file (the first line is 1).
    pub row: u64,
    pub column: String,
    pub value: String,
    pub reason: String,
}

impl ResultDoc {
    /// The label of an extra field, or its id where the Result has none (older Results).
    pub fn field_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.fields
            .iter()
            .find(|f| f.id == id)
            .map_or(id, |f| f.label.as_str())
    }

    /// Reads a Result document, refusing other documents and unknown schema versions.
    /// Errors start with `line:column: ` where the place is known.
    pub fn from_json(text: &str) -> anyhow::Result<ResultDoc> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            let what = match e.classify() {
                serde_json::error::Category::Eof if text.trim().is_empty() => {
                    "the file is empty".to_string()
                }
                serde_json::error::Category::Eof => "the JSON ends too early".to_string(),
                _ => format!("not valid JSON ({})", json_message(&e)),
            };
            anyhow::anyhow!(
                "{}:{}: {what}: a Result is the JSON file that plead assess or plead score writes",
                e.line().max(1),
                e.column().max(1)
            )
        })?;
        match value.get("schema").and_then(|s| s.as_str()) {
            Some(SCHEMA) => {}
            Some(other) if other.starts_with("plead.result/") => bail!(
                "this Result uses schema \"{other}\", which this plead ({}) cannot read: it reads \"{SCHEMA}\" (upgrade plead)",
                env!("CARGO_PKG_VERSION")
            ),
            Some(other) => {
                bail!("this is a \"{other}\" document, not a plead Result (\"{SCHEMA}\")")
            }
            None => bail!("this is not a plead Result: it has no \"schema\": \"{SCHEMA}\" key"),
        }
        // Parse the text again, not the value, so a wrong or missing key has its place.
        let doc: ResultDoc = serde_json::from_str(text).map_err(|e| {
            anyhow::anyhow!(
                "{}:{}: not a valid {SCHEMA} document: {}",
                e.line().max(1),
                e.column().max(1),
                json_message(&e)
            )
        })?;
        doc.check_ids()?;
        doc.check_figures()?;
        Ok(doc)
    }

    /// Refuses a Result that names an item, theme or scale twice: plead never writes one,
    /// and comparisons match by id, so an edited file that did would be compared wrongly.
    fn check_ids(&self) -> anyhow::Result<()> {
        let lists: [(&str, Vec<&str>); 3] = [
            ("item", self.items.iter().map(|i| i.id.as_str()).collect()),
            ("theme", self.themes.iter().map(|t| t.id.as_str()).collect()),
            ("scale", self.scales.iter().map(|s| s.id.as_str()).collect()),
        ];
        for (what, ids) in lists {
            let mut seen = std::collections::HashSet::new();
            if let Some(twice) = ids.iter().find(|id| !seen.insert(**id)) {
                bail!(
                    "not a valid {SCHEMA} document: the {what} \"{twice}\" is listed twice (was the file edited by hand?)"
                );
            }
        }
        Ok(())
    }

    /// Refuses scores outside their scale and percents outside 0–100: plead never writes
    /// them (a score is a mean of ratings on the scale), and a figure such as 1e308 would
    /// make every comparison and chart of it meaningless.
    fn check_figures(&self) -> anyhow::Result<()> {
        // Scores are tidied to 9 decimals; allow for that.
        const SLACK: f64 = 1e-6;
        let lowest = self.scales.iter().map(|s| s.min).min().unwrap_or(0);
        let highest = self.scales.iter().map(|s| s.max).max().unwrap_or(0);
        let check = |what: &str,
                     score: Option<f64>,
                     percent: Option<f64>,
                     (min, max): (i32, i32)| {
            if let Some(v) = score
                && !(f64::from(min) - SLACK..=f64::from(max) + SLACK).contains(&v)
            {
                bail!(
                    "not a valid {SCHEMA} document: {what} has the score {}, outside its scale {min}–{max} (was the file edited by hand?)",
                    figure(v)
                );
            }
            if let Some(p) = percent
                && !(-SLACK..=100.0 + SLACK).contains(&p)
            {
                bail!(
                    "not a valid {SCHEMA} document: {what} has the percent {}, outside 0–100 (was the file edited by hand?)",
                    figure(p)
                );
            }
            Ok(())
        };
        let all = (lowest, highest);
        check(
            "the overall result",
            self.overall.score,
            self.overall.percent,
            all,
        )?;
        for t in &self.themes {
            check(&format!("theme \"{}\"", t.id), t.score, t.percent, all)?;
        }
        for i in &self.items {
            let range = self.scale(&i.scale).map_or(all, |s| (s.min, s.max));
            let what = format!("item \"{}\"", i.id);
            check(&what, i.score, i.percent, range)?;
            if let Some(a) = &i.aggregate {
                check(&what, Some(a.mean), None, range)?;
                check(&what, Some(a.median), None, range)?;
                if !(a.sd.is_finite() && a.sd >= 0.0) {
                    bail!(
                        "not a valid {SCHEMA} document: {what} has the standard deviation {}, which is not a number of 0 or more",
                        figure(a.sd)
                    );
                }
            }
        }
        for g in &self.groups {
            let what = format!("group \"{}\"", g.label);
            if let Some(o) = &g.overall {
                check(&what, o.score, o.percent, all)?;
            }
            for t in &g.themes {
                check(&what, t.score, t.percent, all)?;
            }
            for i in &g.items {
                let range = self
                    .item(&i.id)
                    .and_then(|item| self.scale(&item.scale))
                    .map_or(all, |s| (s.min, s.max));
                check(&what, i.score, i.percent, range)?;
            }
        }
        Ok(())
    }

    /// Pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a Result always serialises");
        s.push('\n');
        s
    }

    pub fn scale(&self, id: &str) -> Option<&ScaleRef> {
        self.scales.iter().find(|s| s.id == id)
    }

    pub fn item(&self, id: &str) -> Option<&ItemResult> {
        self.items.iter().find(|i| i.id == id)
    }

    /// How many comments the comment question `id` drew: `None` where it was not asked
    /// (no column of the survey matched it, or the Result has no comments).
    pub fn comment_count(&self, id: &str) -> Option<u64> {
        self.comments
            .iter()
            .find(|q| q.id == id && q.column.is_some())
            .map(|q| q.count)
    }

    /// The label of an item's rating, where its score is a whole point of its scale
    /// ("In place"; the number for a point without a label). A survey mean that falls
    /// between points has no one label, and an unrated item none at all.
    pub fn rating_label(&self, item: &ItemResult) -> Option<String> {
        let s = item.score?;
        let scale = self.scale(&item.scale)?;
        (s.fract() == 0.0).then(|| scale.label(s as i32))
    }

    /// The one scale every item is rated on, if there is one.
    pub fn common_scale(&self) -> Option<&ScaleRef> {
        let mut ids = self.items.iter().map(|i| i.scale.as_str());
        let first = ids.next()?;
        if ids.all(|id| id == first) {
            self.scale(first)
        } else {
            None
        }
    }
}

/// A number for a message: 1.8e308, not its 309 digits.
fn figure(v: f64) -> String {
    if v.abs() < 1e9 {
        v.to_string()
    } else {
        format!("{v:e}")
    }
}

/// serde_json's message without its trailing " at line L column C".
fn json_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

impl ScaleRef {
    /// Where a score lies between the scale's ends, 0–100 (`numbers::percent`).
    pub fn percent(&self, score: f64) -> f64 {
        crate::numbers::percent(self.min, self.max, score)
    }

    /// The label of a point, or the number where it has none.
    pub fn label(&self, value: i32) -> String {
        self.points
            .iter()
            .find(|p| p.value == value)
            .map_or_else(|| value.to_string(), |p| p.label.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> String {
        include_str!("../examples/northshire/2026-Q1.json").to_string()
    }

    #[test]
    fn a_result_listing_an_item_twice_is_refused() {
        let mut doc: serde_json::Value = serde_json::from_str(&example()).unwrap();
        let first = doc["items"][0].clone();
        doc["items"].as_array_mut().unwrap().push(first);
        let err = ResultDoc::from_json(&doc.to_string()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "not a valid plead.result/1 document: the item \"decision-making\" is listed twice (was the file edited by hand?)"
        );
    }

    #[test]
    fn a_result_with_a_score_off_its_scale_is_refused() {
        let mut doc: serde_json::Value = serde_json::from_str(&example()).unwrap();
        doc["overall"]["score"] = serde_json::json!(1.7976931348623157e308);
        let err = ResultDoc::from_json(&doc.to_string()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "not a valid plead.result/1 document: the overall result has the score 1.7976931348623157e308, outside its scale 0–4 (was the file edited by hand?)"
        );
        doc["overall"]["score"] = serde_json::json!(2.0);
        doc["items"][1]["percent"] = serde_json::json!(-3.0);
        let err = ResultDoc::from_json(&doc.to_string()).unwrap_err();
        assert!(
            err.to_string()
                .contains("item \"co-design\" has the percent -3"),
            "{err}"
        );
    }
}
