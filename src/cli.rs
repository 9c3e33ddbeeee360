//! The command line, declared once with clap derive: completions and a man page can be
//! generated from the same definition.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output::{Dest, Source};
pub use crate::render::Format;

#[derive(Debug, Parser)]
#[command(
    name = "plead",
    version,
    about = "Assess how well an organisation supports patient and carer leaders",
    long_about = "Assess, in the open and quarter by quarter, how well an organisation supports \
                  patient and carer leaders: run the 10 building blocks, the 8 Role Model, \
                  \"How well connected are you to Patient Leaders?\" and the other built-in \
                  assessments (plead list) in a workshop or as a survey, score them, report \
                  and compare them quarter by quarter.\n\nExit codes: 0 success; 1 a requested check failed; \
                  2 bad usage or invalid input."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// A directory of assessment files; a file of the same id overrides a built-in one
    #[arg(long, global = true, value_name = "DIR")]
    pub assessments: Option<PathBuf>,
    /// Table width in columns (default: the terminal's, or 100 off a terminal)
    #[arg(long, global = true, value_name = "N")]
    pub width: Option<u16>,
}

/// What each format of a Result's report holds.
const RESULT_FORMATS: &str = "Formats:
  table     the report for a terminal: overall, themes, items, findings, gaps, actions
  markdown  the same report as Markdown
  json      the Result document itself (the file diff and trend read)
  csv       one row per item, theme and the overall, with every figure
  xlsx      sheets Summary, Themes, Items (with survey aggregates), Groups, Gaps, Findings,
            and Raters and Rejected where there are any
  html      one web page: charts, each followed by its table, findings, priorities and the
            action plan";

/// What each format of a diff holds.
const DIFF_FORMATS: &str = "Formats:
  table     the comparison for a terminal: summary, overall, themes, items, what moved
  markdown  the same as Markdown
  json      the comparison as a document (schema plead.diff/1), every figure and test
  csv       one row per overall, theme and item: old, new, change, verdict, p-value
  xlsx      two sheets: Summary (the report's text and tables) and Changes (the CSV rows)
  html      one web page: old and new scores as dumbbell charts, each with its table";

/// What each format of a trend holds.
const TREND_FORMATS: &str = "Formats:
  table     the trend for a terminal, with a sparkline per row
  markdown  the same as Markdown, without sparklines
  json      the trend as a document, every figure and test
  csv       one row per overall, theme and item, a column per period
  xlsx      two sheets: Summary (the report's text and tables) and Trend (the CSV rows)
  html      one web page: a small line chart per item over the periods (overall first),
            then the same tables";

/// What `plead actions` offers, and the file it keeps.
const ACTIONS_HELP: &str =
    "The actions log is a TOML file (see docs/actions.md): each action has an id,
the assessment and item (or finding, or comment) it answers, its text, an owner, a due
date, the period it was agreed in and a history of its status (open, in progress, done,
dropped). Workshops add to it and review it with plead assess --actions FILE; reports
show it with plead report RESULT --actions FILE and plead diff OLD NEW --actions FILE.

Formats:
  table     the actions for a terminal, overdue first, each with its history
  markdown  the same as Markdown
  json      {\"schema\": \"plead.actions/1\", \"actions\": [{\"id\", \"item\", \"text\", \"owner\",
            \"due\", \"status\", \"overdue\", \"history\", …}]}
  csv       one row per action
  xlsx      Summary (the report's text and tables) and Actions (the CSV rows)
  html      one web page of the same tables";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the available assessments
    List,
    /// Show a whole assessment: themes, items, guidance, scale, bands and findings
    Show(ShowArgs),
    /// Check assessment files, printing every problem as file:line:column: message
    Validate(ValidateArgs),
    /// Run an assessment in a workshop (or from an answers file) and score it
    #[command(after_help = RESULT_FORMATS)]
    Assess(AssessArgs),
    /// Render a saved Result
    #[command(after_help = RESULT_FORMATS)]
    Report(ReportArgs),
    /// Score a file of survey returns (CSV or Excel, as survey tools export them)
    #[command(after_help = RESULT_FORMATS)]
    Score(ScoreArgs),
    /// Compare two Results: what changed between quarters, and whether it matters
    #[command(after_help = DIFF_FORMATS)]
    Diff(DiffArgs),
    /// Follow Results across periods: every score, its latest change, long-standing problems
    #[command(after_help = TREND_FORMATS)]
    Trend(TrendArgs),
    /// Keep the actions log: list its actions (overdue, open, done, dropped) with their
    /// history, add one, or review one
    #[command(
        args_conflicts_with_subcommands = true,
        subcommand_negates_reqs = true,
        after_help = ACTIONS_HELP
    )]
    Actions(ActionsArgs),
    /// Send an assessment out: a returns sheet and questions that `plead score` reads back
    /// with no --map (csv, xlsx), or a printable questionnaire (markdown, html)
    Template(TemplateArgs),
    /// Start a custom assessment: write ID.toml with every key, each explained
    New(NewArgs),
    /// Print shell completions for plead
    Completions(CompletionsArgs),
    /// Print plead's man page (roff)
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// An assessment id (see `plead list`) or a path to a .toml file
    pub assessment: String,
    /// csv: FILE.csv and FILE-questions.csv; xlsx: one workbook; markdown, html: a
    /// printable questionnaire (default: from --out's extension, else markdown)
    #[arg(long, short, value_parser = formats(&[Format::Csv, Format::Xlsx, Format::Markdown, Format::Html]))]
    pub format: Option<Format>,
    /// Where to write (default: standard output for markdown and html,
    /// ASSESSMENT-returns.csv or ASSESSMENT-template.xlsx for csv and xlsx)
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<Dest>,
    /// Overwrite files that already exist
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The new assessment's id: lower-case letters, digits and '-'
    pub id: String,
    /// The file to write (default: ID.toml)
    #[arg(long, short, value_name = "FILE.toml")]
    pub out: Option<Dest>,
    /// Overwrite a file that already exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write the page to FILE (e.g. plead.1) instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<Dest>,
    /// Overwrite a file that already exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// An assessment id (see `plead list`) or a path to a .toml file
    pub assessment: String,
    #[arg(long, short, default_value = "table",
          value_parser = formats(&[Format::Table, Format::Markdown, Format::Json]))]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Assessment files to check
    #[arg(required = true, value_name = "FILE.toml")]
    pub files: Vec<PathBuf>,
}

/// Where a report goes and in what format; shared by every command that writes one.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Report format for standard output, and for --out files whose extension says none
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write to FILE instead of standard output (format from its extension: .xlsx, .json, .md,
    /// .csv, .html, .txt); repeat for several files; `-` is standard output
    #[arg(long, short, value_name = "FILE")]
    pub out: Vec<Dest>,
    /// Overwrite files that already exist
    #[arg(long)]
    pub force: bool,
}

/// A command that offers only some of the formats: the others are not accepted (nor
/// listed in its help).
fn formats(offered: &'static [Format]) -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(offered.iter().map(|f| f.name()))
        .map(|name| Format::from_str(&name, false).expect("a name offered is a format's name"))
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// An assessment id (see `plead list`) or a path to a .toml file; without it, a menu
    pub assessment: Option<String>,
    /// An answers file (TOML; see README): score it without prompting
    #[arg(long, value_name = "ANSWERS.toml")]
    pub answers: Option<PathBuf>,
    /// The organisation assessed (overrides the answers file)
    #[arg(long)]
    pub org: Option<String>,
    /// The period, e.g. 2026-Q3 (overrides the answers file; default: the current quarter)
    #[arg(long)]
    pub period: Option<String>,
    /// Several raters, each rating every item before the group agrees one rating:
    /// "Sam, Priya, Alex" or tagged "Sam:patient-leader, Alex:staff"
    #[arg(long, value_name = "LIST")]
    pub raters: Option<String>,
    /// Continue the saved draft of this assessment without asking
    #[arg(long)]
    pub resume: bool,
    /// The actions log: each item's open actions are reviewed before it is rated, and
    /// the actions agreed are added (created when it does not exist yet)
    #[arg(long, value_name = "ACTIONS.toml")]
    pub actions: Option<PathBuf>,
    /// A live workshop: everyone votes privately on their own phone, the terminal keeps
    /// control and a presenter view shows the room's votes (see README, "Live workshop")
    #[arg(long, conflicts_with_all = ["answers", "raters"])]
    pub live: bool,
    /// With --live: the address and port to serve on (default: this computer's address
    /// on the local network, any free port; 127.0.0.1:0 serves this computer only)
    #[arg(long, value_name = "ADDR:PORT", requires = "live")]
    pub bind: Option<std::net::SocketAddr>,
    /// With --live: the groups participants say they belong to, e.g. "patient leader, staff"
    #[arg(long, value_name = "LIST", requires = "live")]
    pub tags: Option<String>,
    /// With --live: how many people may take part at once
    #[arg(long, value_name = "N", default_value_t = 60, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub max_participants: u16,
    /// Answer the prompts from a file, one line per prompt (for tests and demonstrations)
    #[arg(long, hide = true, value_name = "FILE")]
    pub script: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A Result file written by `plead assess` or `plead score`
    #[arg(value_name = "RESULT.json")]
    pub result: PathBuf,
    /// Add "You said, we did" from this actions log: each action, what prompted it, what
    /// was done and the item's score now
    #[arg(long, value_name = "ACTIONS.toml")]
    pub actions: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier Result (written by `plead assess` or `plead score`)
    #[arg(value_name = "OLD.json")]
    pub old: PathBuf,
    /// The later Result, of the same assessment
    #[arg(value_name = "NEW.json")]
    pub new: PathBuf,
    /// Exit with code 1 when the overall score or any item got worse (for scripts):
    /// between surveys, a fall a Welch test calls significant (5%); between workshops, a
    /// fall of a whole scale point or more
    #[arg(long)]
    pub fail_if_worse: bool,
    /// With --fail-if-worse, count only falls at least this large: in scale points
    /// (0.5) or in percentage points of the scale (10%)
    #[arg(long, value_name = "D", requires = "fail_if_worse", value_parser = crate::compare::verdict::parse_min_change)]
    pub min_change: Option<crate::compare::verdict::MinChange>,
    /// Add "You said, we did" from this actions log: each action, what prompted it, what
    /// was done, and the item's score in both periods with the verdict
    #[arg(long, value_name = "ACTIONS.toml")]
    pub actions: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ActionsArgs {
    #[command(subcommand)]
    pub command: Option<ActionsCommand>,
    /// The actions log (TOML; see docs/actions.md)
    #[arg(value_name = "ACTIONS.toml", required = true)]
    pub file: Option<PathBuf>,
    /// Only the actions of this assessment (an id)
    #[arg(long, value_name = "ID")]
    pub assessment: Option<String>,
    /// Exit with code 1 when an action is overdue: still open or in progress after its
    /// due date (for scripts)
    #[arg(long)]
    pub fail_if_overdue: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Subcommand)]
pub enum ActionsCommand {
    /// Record an action decided outside a workshop (after reading a survey's results)
    Add(ActionsAddArgs),
    /// Record what became of an action: its status now, and a note
    Review(ActionsReviewArgs),
}

/// What an action answers: exactly one of an item, a finding or a comment.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct Answering {
    /// The item it answers (an item id of the assessment)
    #[arg(long, value_name = "ITEM")]
    pub item: Option<String>,
    /// The finding it answers (a finding id of the assessment)
    #[arg(long, value_name = "FINDING")]
    pub finding: Option<String>,
    /// The comment question it answers (its id)
    #[arg(long, value_name = "COMMENT")]
    pub comment: Option<String>,
}

#[derive(Debug, Args)]
pub struct ActionsAddArgs {
    /// The actions log (created when it does not exist yet, with --org)
    #[arg(value_name = "ACTIONS.toml")]
    pub file: PathBuf,
    /// The assessment it answers (an id, see `plead list`)
    #[arg(long, value_name = "ID")]
    pub assessment: String,
    #[command(flatten)]
    pub answering: Answering,
    /// What will be done
    #[arg(long)]
    pub text: String,
    /// Who will do it
    #[arg(long)]
    pub owner: String,
    /// By when: 2026-12-31 or "31 December 2026"
    #[arg(long)]
    pub due: String,
    /// The period it is agreed in (default: the current quarter)
    #[arg(long)]
    pub period: Option<String>,
    /// The organisation, to start a new log (a log keeps the organisation it names)
    #[arg(long)]
    pub org: Option<String>,
    /// A note kept with its agreement
    #[arg(long, default_value = "")]
    pub note: String,
}

#[derive(Debug, Args)]
pub struct ActionsReviewArgs {
    /// The actions log
    #[arg(value_name = "ACTIONS.toml")]
    pub file: PathBuf,
    /// The action's id (see `plead actions FILE`)
    pub id: String,
    /// Its status now: open, "in progress", done or dropped
    #[arg(long)]
    pub status: String,
    /// What was done, or why it was dropped
    #[arg(long, default_value = "")]
    pub note: String,
    /// The period of the review (default: the current quarter)
    #[arg(long)]
    pub period: Option<String>,
}

#[derive(Debug, Args)]
pub struct TrendArgs {
    /// Two or more Results of one assessment, in any order: they are put in period order
    #[arg(value_name = "RESULT.json", required = true)]
    pub results: Vec<PathBuf>,
    /// Add each action's status across the periods, from this actions log
    #[arg(long, value_name = "ACTIONS.toml")]
    pub actions: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// An assessment id (see `plead list`) or a path to a .toml file
    pub assessment: String,
    /// The survey returns: .csv, .tsv or .txt (any common encoding), .xlsx or .ods (an .xls
    /// is refused: save it as .xlsx); `-` reads standard input
    #[arg(value_name = "FILE")]
    pub file: Source,
    /// The organisation surveyed
    #[arg(long)]
    pub org: Option<String>,
    /// The period, e.g. 2026-Q3 (default: the current quarter)
    #[arg(long)]
    pub period: Option<String>,
    /// Read the column COLUMN for item ITEM: its header text, a question code (Q3,
    /// QID3), a column letter (AB) or a number (#12); repeatable
    #[arg(long = "map", value_name = "ITEM=COLUMN", value_parser = crate::survey::parse_map)]
    pub maps: Vec<(String, String)>,
    /// Match columns exactly only: no reworded questions paired by their wording
    #[arg(long)]
    pub strict_columns: bool,
    /// Score even when some items have no column (they count as missing)
    #[arg(long)]
    pub allow_missing: bool,
    /// Fail (exit code 1, no report) if any cell is rejected
    #[arg(long)]
    pub strict: bool,
    /// Also give the figures per value of this column (e.g. Role, or a code, letter or
    /// #number as for --map), with small groups suppressed
    #[arg(long, value_name = "COLUMN")]
    pub group_by: Option<String>,
    /// The fewest answers a figure is shown for: per group, per item within a group, and
    /// for the whole survey (a figure resting on fewer is suppressed, and so is the next
    /// smallest where needed, so that it cannot be worked out from the total; a theme or
    /// the overall over a suppressed item is hidden; a file of fewer respondents shows no
    /// figure). The default, 11, is the NHS Staff Survey's rule: no result based on fewer
    /// than 11 responses. Lower it only where everyone who answered has agreed that their
    /// answers may be shown
    #[arg(long, value_name = "N", default_value_t = crate::score::suppress::NHS_MINIMUM)]
    pub min_group: u64,
    /// Count these --group-by values as one group, before suppression, e.g.
    /// "Governor+Volunteer=Governors and volunteers"; repeatable. Reports list the
    /// combinations
    #[arg(long, value_name = "A+B=LABEL", value_parser = crate::survey::parse_combine)]
    pub combine: Vec<crate::survey::Combination>,
    /// Write each respondent's parsed answers and scores to this CSV file
    #[arg(long, value_name = "FILE.csv")]
    pub respondents: Option<Dest>,
    /// Write every comment (free-text answer), personal data removed, to this CSV file,
    /// streamed in constant memory: reports list at most 1,000 per question. In shuffled
    /// order, a group only where that group's figures are shown
    #[arg(long, value_name = "FILE.csv")]
    pub comments: Option<Dest>,
    /// The sheet of a spreadsheet to read (default: the first)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The field delimiter of a CSV file: one character, or tab (default: detected)
    #[arg(long, value_name = "CHAR", value_parser = crate::survey::decode::parse_delimiter)]
    pub delimiter: Option<u8>,
    /// The text encoding of a CSV file without a byte-order mark (default: UTF-8 if it
    /// reads as UTF-8, else Windows-1252)
    #[arg(long, value_enum, value_name = "ENCODING")]
    pub encoding: Option<crate::survey::Encoding>,
    /// Header rows above the first response (default: from the survey tool's layout)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=20))]
    pub header_rows: Option<u16>,
    /// Rejected cells listed in the Result and report (all are counted); 0 lists all
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_rejected: usize,
    #[command(flatten)]
    pub output: OutputArgs,
}
