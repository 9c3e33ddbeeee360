//! Which survey tool wrote a file, how many header rows it has, what each column is
//! called, and which columns are the tool's metadata or personal data.
//!
//! - Microsoft Forms: `ID, Start time, Completion time, Email, Name, [Last modified time]`,
//!   then one column per question; one header row.
//! - Google Forms: `Timestamp`, optional `Email address`, then question titles; grid
//!   questions as `Question [Row]`; one header row.
//! - SurveyMonkey: two header rows, question text then option or row labels (blank
//!   under a question spread over several columns, whose text is carried on).
//! - Qualtrics: three header rows (ids, question text, ImportId JSON); preview and test
//!   responses are dropped.

use super::headers::normalise;

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
            Tool::Generic => "generic (one header row)",
        }
    }
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Possibly an answer to a question.
    Question,
    /// The tool's own bookkeeping: ids, times, progress.
    Metadata,
    /// Names, emails, IP addresses and the like: never read.
    Personal,
}

/// One column of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its name as shown to people: the header cell (SurveyMonkey: `Question [Option]`
    /// where a second-row label adds to the question; Qualtrics: the question text).
    pub name: String,
    /// Every other name it may be matched by (e.g. a Qualtrics id such as `Q3`).
    pub other_names: Vec<String>,
    pub kind: Kind,
}

/// How a file is laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub tool: Tool,
    pub header_rows: usize,
    pub columns: Vec<Column>,
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
    let has = |i: usize, name: &str| row(i).iter().any(|c| c.trim().eq_ignore_ascii_case(name));
    let tool = if (has(0, "ResponseId") || has(0, "ResponseID") || has(0, "StartDate"))
        && (has(0, "Status") || has(0, "Finished") || has(0, "RecordedDate"))
    {
        Tool::Qualtrics
    } else if has(0, "Respondent ID") && has(0, "Collector ID") {
        Tool::SurveyMonkey
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
        Tool::SurveyMonkey => 2,
        _ => 1,
    };
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

    let mut columns = Vec::with_capacity(width);
    let mut carried = String::new();
    for c in 0..width {
        let (name, other_names) = match (tool, header_rows) {
            (Tool::Qualtrics, n) if n >= 2 => {
                let (id, text) = (cell(0, c), cell(1, c));
                if text.is_empty() {
                    (id, Vec::new())
                } else {
                    (text, vec![id])
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
                    (carried.clone(), Vec::new())
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
        } else if is_metadata(&name) {
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
            kind,
        });
    }
    let find = |names: &[&str]| {
        columns.iter().position(|col| {
            std::iter::once(&col.name)
                .chain(&col.other_names)
                .any(|n| names.iter().any(|m| n.eq_ignore_ascii_case(m)))
        })
    };
    let (status_column, channel_column) = if tool == Tool::Qualtrics {
        (
            find(&["Status", "Response Type"]),
            find(&["DistributionChannel", "Distribution Channel"]),
        )
    } else {
        (None, None)
    };
    Layout {
        tool,
        header_rows,
        columns,
        status_column,
        channel_column,
    }
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
        assert_eq!(l.columns[3].other_names, vec!["Q1".to_string()]);
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
