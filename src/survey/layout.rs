//! Which survey tool wrote a file, how many header rows it has, what each column is
//! called, and which columns are the tool's metadata or personal data.
//!
//! - Microsoft Forms: `ID, Start time, Completion time, Email, Name, [Last modified time]`,
//!   then one column per question; one header row.
//! - Google Forms: `Timestamp`, optional `Email address`, then question titles; grid
//!   questions as `Question [Row]`; one header row.
//! - SurveyMonkey: two header rows, question text then option or row labels (blank
//!   under a question spread over several columns, whose text is carried on). Newer
//!   exports start `Respondent ID, Collector ID, Start Date, End Date`, older ones
//!   `RespondentID, CollectorID, StartDate, EndDate`, and a trimmed export may keep only
//!   the respondent id: the second row (blank under the respondent id, with "Response",
//!   "Open-Ended Response" or option labels) tells it is a header, not a response.
//! - Qualtrics: three header rows (ids, question text, ImportId JSON); preview and test
//!   responses are dropped.

use super::column::{Column, Kind};
use super::wording::normalise;

/// The survey tool whose export layout was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    MicrosoftForms,
    GoogleForms,
    SurveyMonkey,
    Qualtrics,
    Generic,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::MicrosoftForms => "Microsoft Forms",
            Tool::GoogleForms => "Google Forms",
            Tool::SurveyMonkey => "SurveyMonkey",
            Tool::Qualtrics => "Qualtrics",
            Tool::Generic => "generic",
        }
    }
}

/// How a file is laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub tool: Tool,
    pub header_rows: usize,
    pub columns: Vec<Column>,
    /// Whether `header_rows` was given (`--header-rows`) rather than implied by the tool.
    pub header_rows_given: bool,
    /// The Qualtrics columns that tell preview and test responses apart.
    pub status_column: Option<usize>,
    pub channel_column: Option<usize>,
}

/// Header rows needed to tell the layouts apart.
pub const SNIFF_ROWS: usize = 3;

/// Works out the layout from the file's first rows (up to `SNIFF_ROWS`). `header_rows`
/// (from `--header-rows`) overrides the count the tool implies.
pub fn detect(first: &[Vec<String>], header_rows: Option<usize>) -> Layout {
    let row = |i: usize| first.get(i).map(Vec::as_slice).unwrap_or(&[]);
    let (tool, implied) = detect_tool(first);
    let header_rows_given = header_rows.is_some();
    let header_rows = header_rows.unwrap_or(implied).min(first.len().max(1));
    let width = first
        .iter()
        .take(header_rows)
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    let cell = |r: usize, c: usize| -> String {
        row(r)
            .get(c)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };

    let columns = name_columns(tool, header_rows, width, &cell);
    let (status_column, channel_column) = test_columns(tool, &columns);
    Layout {
        tool,
        header_rows,
        header_rows_given,
        columns,
        status_column,
        channel_column,
    }
}

/// Which tool's export the first rows are, and how many header rows it implies.
fn detect_tool(first: &[Vec<String>]) -> (Tool, usize) {
    let row = |i: usize| first.get(i).map(Vec::as_slice).unwrap_or(&[]);
    let has = |i: usize, name: &str| row(i).iter().any(|c| c.trim().eq_ignore_ascii_case(name));
    let monkey = surveymonkey(row(0), row(1));
    let tool = if monkey.is_some() {
        Tool::SurveyMonkey
    } else if (has(0, "ResponseId") || has(0, "ResponseID") || has(0, "StartDate"))
        && (has(0, "Status") || has(0, "Finished") || has(0, "RecordedDate"))
    {
        Tool::Qualtrics
    } else if row(0).first().is_some_and(|c| c.trim() == "ID")
        && has(0, "Start time")
        && has(0, "Completion time")
    {
        Tool::MicrosoftForms
    } else if row(0)
        .first()
        .is_some_and(|c| c.trim().eq_ignore_ascii_case("Timestamp"))
    {
        Tool::GoogleForms
    } else {
        Tool::Generic
    };
    let implied = match tool {
        Tool::Qualtrics => {
            let import_ids = row(2)
                .iter()
                .any(|c| c.trim_start().starts_with("{\"ImportId\""));
            if import_ids { 3 } else { 2 }
        }
        Tool::SurveyMonkey => monkey.unwrap_or(2),
        _ => 1,
    };
    (tool, implied)
}

/// Names each of the `width` columns from its header rows (`cell(row, column)`, trimmed),
/// as the tool writes them, and tells question, metadata and personal columns apart.
fn name_columns(
    tool: Tool,
    header_rows: usize,
    width: usize,
    cell: &dyn Fn(usize, usize) -> String,
) -> Vec<Column> {
    let mut columns = Vec::with_capacity(width);
    let mut carried = String::new();
    for c in 0..width {
        let mut code = None;
        let mut import_id = None;
        let (name, other_names) = match (tool, header_rows) {
            (Tool::Qualtrics, n) if n >= 2 => {
                let (id, text) = (cell(0, c), cell(1, c));
                if n >= 3 {
                    import_id = qualtrics_import_id(&cell(2, c));
                }
                if text.is_empty() {
                    (id, Vec::new())
                } else {
                    if !id.is_empty() {
                        code = Some(id);
                    }
                    (text, Vec::new())
                }
            }
            (Tool::SurveyMonkey, n) if n >= 2 => {
                let top = cell(0, c);
                if !top.is_empty() {
                    carried = top.clone();
                }
                let sub = cell(1, c);
                let generic_sub = sub.is_empty()
                    || ["response", "open-ended response", "other (please specify)"]
                        .iter()
                        .any(|g| sub.eq_ignore_ascii_case(g));
                if generic_sub {
                    let other = if sub.is_empty() { vec![] } else { vec![sub] };
                    (carried.clone(), other)
                } else if top.is_empty() || !is_metadata(&carried) {
                    (format!("{carried} [{sub}]"), vec![carried.clone(), sub])
                } else {
                    (top, vec![sub])
                }
            }
            _ => {
                let mut names: Vec<String> = (0..header_rows)
                    .map(|r| cell(r, c))
                    .filter(|s| !s.is_empty())
                    .collect();
                if names.is_empty() {
                    names.push(String::new());
                }
                let name = names.remove(0);
                (name, names)
            }
        };
        let kind = if is_personal(&name) {
            Kind::Personal
        } else if is_metadata(&name) || code.as_deref().is_some_and(is_metadata) {
            Kind::Metadata
        } else {
            Kind::Question
        };
        let name = if name.is_empty() {
            format!("(column {})", c + 1)
        } else {
            name
        };
        columns.push(Column {
            name,
            other_names,
            code,
            import_id,
            kind,
        });
    }
    columns
}

/// The Qualtrics columns that tell preview and test responses apart; other tools have none.
fn test_columns(tool: Tool, columns: &[Column]) -> (Option<usize>, Option<usize>) {
    let find = |names: &[&str]| {
        columns.iter().position(|col| {
            col.texts()
                .any(|n| names.iter().any(|m| n.eq_ignore_ascii_case(m)))
        })
    };
    if tool == Tool::Qualtrics {
        (
            find(&["Status", "Response Type"]),
            find(&["DistributionChannel", "Distribution Channel"]),
        )
    } else {
        (None, None)
    }
}

/// Whether the first rows are a SurveyMonkey export's, and if so how many header rows
/// they imply: the respondent id in any of its spellings, and either the collector id or
/// a second row that is a header (blank under the respondent id — a response always has
/// one — and not blank everywhere). `Some(2)` with such a second row, `Some(1)` when the
/// second row is already a response.
fn surveymonkey(first: &[String], second: &[String]) -> Option<usize> {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let respondent = first.iter().position(|c| squash(c) == "respondentid")?;
    let collector = first.iter().any(|c| squash(c) == "collectorid");
    let second_is_header = second.get(respondent).is_some_and(|c| c.trim().is_empty())
        && second.iter().any(|c| !c.trim().is_empty());
    match (collector, second_is_header) {
        (_, true) => Some(2),
        (true, false) => Some(1),
        (false, false) => None,
    }
}

/// The ImportId of a Qualtrics third-row cell: `{"ImportId":"QID14_1"}` → `QID14_1`.
fn qualtrics_import_id(cell: &str) -> Option<String> {
    let rest = cell.trim().strip_prefix("{\"ImportId\":\"")?;
    let end = rest.find('"')?;
    let id = &rest[..end];
    (!id.is_empty()).then(|| id.to_string())
}

/// Whether a Qualtrics row is a preview or a test, not a real response.
pub fn is_test_response(status: &str, channel: &str) -> bool {
    let status = status.trim();
    let channel = channel.trim();
    ["Survey Preview", "Survey Test", "1", "2"]
        .iter()
        .any(|s| status.eq_ignore_ascii_case(s))
        || ["preview", "test"]
            .iter()
            .any(|c| channel.eq_ignore_ascii_case(c))
}

/// The tools' bookkeeping columns.
const METADATA: &[&str] = &[
    "id",
    "start time",
    "completion time",
    "last modified time",
    "timestamp",
    "score",
    "total score",
    "respondent id",
    "collector id",
    "respondentid",
    "collectorid",
    "start date",
    "end date",
    "startdate",
    "enddate",
    "status",
    "progress",
    "duration in seconds",
    "finished",
    "recordeddate",
    "responseid",
    "distributionchannel",
    "userlanguage",
    "response type",
    "recorded date",
    "response id",
    "distribution channel",
    "user language",
];

/// Personal data, recognised by header: see `super::personal`.
pub fn is_personal(name: &str) -> bool {
    super::personal::is_personal_header(name)
}

pub fn is_metadata(name: &str) -> bool {
    let n = normalise(name);
    METADATA.contains(&n.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn microsoft_forms() {
        let l = detect(
            &rows(&[&[
                "ID",
                "Start time",
                "Completion time",
                "Email",
                "Name",
                "Last modified time",
                "Q1",
            ]]),
            None,
        );
        assert_eq!((l.tool, l.header_rows), (Tool::MicrosoftForms, 1));
        let kinds: Vec<Kind> = l.columns.iter().map(|c| c.kind).collect();
        use Kind::*;
        assert_eq!(
            kinds,
            vec![
                Metadata, Metadata, Metadata, Personal, Personal, Metadata, Question
            ]
        );
    }

    #[test]
    fn google_forms() {
        let l = detect(&rows(&[&["Timestamp", "Email address", "Q [Row]"]]), None);
        assert_eq!(l.tool, Tool::GoogleForms);
        assert_eq!(l.columns[1].kind, Kind::Personal);
    }

    #[test]
    fn surveymonkey_carries_the_question_over_its_options() {
        let l = detect(
            &rows(&[
                &[
                    "Respondent ID",
                    "Collector ID",
                    "IP Address",
                    "Rate each",
                    "",
                    "Your role",
                ],
                &["", "", "", "Block 1", "Block 2", "Response"],
            ]),
            None,
        );
        assert_eq!((l.tool, l.header_rows), (Tool::SurveyMonkey, 2));
        assert_eq!(l.columns[2].kind, Kind::Personal);
        assert_eq!(l.columns[3].name, "Rate each [Block 1]");
        assert_eq!(l.columns[4].name, "Rate each [Block 2]");
        assert_eq!(l.columns[5].name, "Your role");
    }

    #[test]
    fn qualtrics_names_columns_by_question_text_and_finds_status() {
        let l = detect(
            &rows(&[
                &["StartDate", "Status", "ResponseId", "Q1"],
                &[
                    "Start Date",
                    "Response Type",
                    "Response ID",
                    "Decision-making",
                ],
                &[
                    "{\"ImportId\":\"startDate\"}",
                    "{\"ImportId\":\"status\"}",
                    "{\"ImportId\":\"_recordId\"}",
                    "{\"ImportId\":\"QID1\"}",
                ],
            ]),
            None,
        );
        assert_eq!((l.tool, l.header_rows), (Tool::Qualtrics, 3));
        assert_eq!(l.columns[3].name, "Decision-making");
        assert_eq!(l.columns[3].code.as_deref(), Some("Q1"));
        assert_eq!(l.columns[3].import_id.as_deref(), Some("QID1"));
        assert_eq!(l.status_column, Some(1));
        assert!(is_test_response("Survey Preview", ""));
        assert!(!is_test_response("IP Address", "anonymous"));
    }

    #[test]
    fn header_rows_can_be_given() {
        let l = detect(&rows(&[&["a", "b"], &["c", "d"]]), Some(2));
        assert_eq!((l.tool, l.header_rows), (Tool::Generic, 2));
        assert_eq!(l.columns[0].other_names, vec!["c".to_string()]);
    }
}
