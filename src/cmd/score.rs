//! `plead score`: a file of survey returns scored into a Result and a report, and, with
//! `--respondents`, each respondent's parsed answers and scores as CSV (or, for a `.xlsx`
//! name, a workbook; and as a Respondents sheet of any xlsx report). The file is read
//! once, streaming; a progress bar shows on stderr when it is a terminal.

use std::fs::File;
use std::io::{self, Seek, Write};
use std::path::Path;

use anyhow::{Context, bail};
use sha2::{Digest, Sha256};

use super::Env;

use super::comments_file::CommentsFile;
use crate::CheckFailed;
use crate::assessment::{Assessment, Catalog};
use crate::cli::{Format, ScoreArgs};
use crate::output::{AtomicFile, Dest, Readers, Source};
use crate::render::model::{Column, Table};
use crate::render::text::csv_text;
use crate::render::xlsx::{self, Cell as XlsxCell, Sheet};
use crate::result::{Context as ResultContext, Method, ResultDoc};
use crate::score::row::{RowScore, RowScorer};
use crate::score::survey::Returns;
use crate::survey::{self, Cell, Combination, CommentRow, Header, Input, Observer, Row};

pub fn run(env: &Env, args: ScoreArgs) -> anyhow::Result<()> {
    let catalog = Catalog::load(env.assessments.as_deref())?;
    let entry = catalog.resolve(&args.assessment)?;
    let assessment = &entry.assessment;
    check_destinations(&args)?;
    let (returns, files) = read_returns(env, &args, assessment)?;
    tell_what_was_read(&args, assessment, &returns);
    refuse_rejected_when_strict(&args, &returns)?;

    let now = env.now()?;
    let context = ResultContext::new(args.org.clone(), args.period.clone(), now, Method::Survey);
    if let Some(hint) = returns
        .grouping
        .as_ref()
        .and_then(crate::score::survey::combine_hint)
    {
        crate::output::message(&format!("note: {hint}"));
    }
    let doc = crate::score::survey::result(assessment, context, returns);
    write_outputs(env, &args, assessment, &doc, files)
}

/// The files written while the survey is read, finished once it is scored.
struct Streamed {
    respondents: Option<RespondentsFile>,
    comments: Option<CommentsFile>,
}

/// Reads the survey file once, with a progress bar on a terminal, writing each
/// respondent's row to the `--respondents` file as it goes. Every destination is checked
/// before the survey is read: a run that cannot write all its outputs writes none.
fn read_returns(
    env: &Env,
    args: &ScoreArgs,
    assessment: &Assessment,
) -> anyhow::Result<(Returns, Streamed)> {
    let (reader, size) = open_survey(&args.file)?;
    crate::output::check_all(
        args.output
            .out
            .iter()
            .chain(&args.respondents)
            .chain(&args.comments)
            .filter_map(Dest::path),
        args.output.force,
    )?;
    let respondents = match &args.respondents {
        Some(dest) => Some(RespondentsFile::create(
            dest,
            args.output.force,
            assessment,
            &args.file.to_string(),
            wants_xlsx_report(args),
            args.group_by.is_some(),
        )?),
        None => None,
    };
    if args.comments.is_some() && assessment.comments.is_empty() {
        bail!(
            "--comments: the assessment {:?} asks no comment questions: add [[comments]] to it (see docs/assessment-format.md)",
            assessment.id
        );
    }
    let comments = match &args.comments {
        Some(dest) => Some(CommentsFile::create(dest, args.output.force)?),
        None => None,
    };
    let mut observer = ScoreObserver {
        progress: progress_bar(env, size),
        respondents,
        comments,
    };
    let returns = survey::read(
        assessment,
        Input {
            name: args.file.to_string(),
            reader,
        },
        &survey_options(args),
        &mut observer,
    );
    if let Some(bar) = &observer.progress {
        bar.finish_and_clear();
    }
    Ok((
        returns?,
        Streamed {
            respondents: observer.respondents,
            comments: observer.comments,
        },
    ))
}

/// Writes the report (in every format asked for; an xlsx one with a Respondents sheet)
/// and the `--respondents` and `--comments` files, all or none.
fn write_outputs(
    env: &Env,
    args: &ScoreArgs,
    assessment: &Assessment,
    doc: &ResultDoc,
    files: Streamed,
) -> anyhow::Result<()> {
    let mut sheet = None;
    let mut also = Vec::new();
    if let Some(file) = files.respondents {
        let publish = |raw: &str| published_label(doc, &args.combine, raw);
        let (staged, rows) = file.finish(&publish)?;
        also.extend(staged);
        sheet = rows;
    }
    if let Some(file) = files.comments {
        also.extend(file.finish(assessment, doc)?);
    }
    let written = super::plan(
        &args.output,
        env,
        |format, options| match format {
            Format::Xlsx => xlsx::result(doc, sheet.iter().cloned().collect()),
            _ => crate::render::result(doc, format, options),
        },
        super::result_readers,
    )?
    .write(args.output.force, also)?;
    for path in written {
        crate::output::message(&format!("wrote {path}"));
    }
    Ok(())
}

/// Refuses argument combinations that can't work before anything is read: stdout can
/// carry only one of the report and the respondents, and `--combine` needs groups.
fn check_destinations(args: &ScoreArgs) -> anyhow::Result<()> {
    if args.respondents.as_ref().is_some_and(Dest::is_stdout)
        && (args.output.out.is_empty() || args.output.out.iter().any(Dest::is_stdout))
    {
        bail!(
            "--respondents -: standard output already carries the report; write the report with --out FILE, or the respondents to a file"
        );
    }
    if args.comments.as_ref().is_some_and(Dest::is_stdout)
        && (args.output.out.is_empty()
            || args.output.out.iter().any(Dest::is_stdout)
            || args.respondents.as_ref().is_some_and(Dest::is_stdout))
    {
        bail!(
            "--comments -: standard output already carries the report or the respondents; write the others with --out FILE (or --respondents FILE), or the comments to a file"
        );
    }

    if !args.combine.is_empty() && args.group_by.is_none() {
        bail!(
            "--combine: there are no groups to combine without --group-by COLUMN (e.g. --group-by Role --combine \"Governor+Volunteer=Governors and volunteers\")"
        );
    }
    Ok(())
}

/// Opens the survey returns, with the file's size when known so the progress bar can
/// show how far through it the read is.
fn open_survey(file: &Source) -> anyhow::Result<(Box<dyn io::Read>, Option<u64>)> {
    Ok(match file {
        Source::Stdin => (Box::new(io::stdin().lock()), None),
        Source::File(path) => {
            let file = File::open(path)
                .with_context(|| format!("cannot read the survey file {}", path.display()))?;
            let size = file.metadata().ok().map(|m| m.len());
            (Box::new(file), size)
        }
    })
}

/// The survey reader's options, taken from the command line; `--max-rejected 0` means
/// no limit.
fn survey_options(args: &ScoreArgs) -> survey::Options {
    survey::Options {
        encoding: args.encoding,
        delimiter: args.delimiter,
        sheet: args.sheet.clone(),
        header_rows: args.header_rows.map(usize::from),
        maps: args.maps.clone(),
        strict_columns: args.strict_columns,
        allow_missing: args.allow_missing,
        group_by: args.group_by.clone(),
        min_group: args.min_group,
        combine: args.combine.clone(),
        max_rejected: if args.max_rejected == 0 {
            usize::MAX
        } else {
            args.max_rejected
        },
    }
}

/// Whether any report written is a workbook, which then carries a Respondents sheet.
fn wants_xlsx_report(args: &ScoreArgs) -> bool {
    // A Respondents sheet goes into every xlsx report, so the rows are kept when one is asked for.
    if args.output.out.is_empty() {
        args.output.format == Format::Xlsx
    } else {
        args.output.out.iter().any(|o| {
            o.path()
                .and_then(super::format_of)
                .unwrap_or(args.output.format)
                == Format::Xlsx
        })
    }
}

/// Says on stderr what was read: the file's shape and counts, which columns were
/// guessed, which items had no column and which columns went unused, so a wrong
/// mapping is seen before the report is trusted.
/// ", 25 comments (12 pieces of personal data removed)" when any comment column was read.
fn comments_read(returns: &crate::score::survey::Returns) -> String {
    if returns.comments.iter().all(|c| c.column.is_none()) {
        return String::new();
    }
    let count: u64 = returns.comments.iter().map(|c| c.count).sum();
    let removed: u64 = returns.comments.iter().map(|c| c.redactions.total()).sum();
    format!(
        ", {count} comment{}{}",
        if count == 1 { "" } else { "s" },
        if removed > 0 {
            format!(
                " ({removed} piece{} of personal data removed)",
                if removed == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        }
    )
}

fn tell_what_was_read(
    args: &ScoreArgs,
    assessment: &Assessment,
    returns: &crate::score::survey::Returns,
) {
    let source = &returns.source;
    crate::output::message(&format!(
        "read {}: {}; {} rows, {} respondents{}{}{}",
        args.file,
        source.shape(),
        source.rows,
        returns.tally.respondents,
        comments_read(returns),
        if source.test_rows > 0 {
            format!(", {} preview/test rows dropped", source.test_rows)
        } else {
            String::new()
        },
        if source.rejected_total > 0 {
            format!(
                ", {} cell{} rejected",
                source.rejected_total,
                if source.rejected_total == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        },
    ));
    tell_what_is_hidden(assessment, returns);
    for m in source.columns.iter().filter(|m| m.how.is_some()) {
        crate::output::message(&format!(
            "note: item {} read from column {:?}, {} (--map it to confirm, or --strict-columns to refuse)",
            m.item,
            m.column,
            m.how.as_deref().unwrap_or_default()
        ));
    }
    if !source.unmatched_items.is_empty() {
        crate::output::message(&format!(
            "warning: no column for {} (counted as missing)",
            source.unmatched_items.join(", ")
        ));
    }
    if !source.unused_columns.is_empty() {
        crate::output::message(&format!(
            "note: columns not used: {}",
            survey::headers::quoted_list(source.unused_columns.iter().map(String::as_str))
        ));
    }
}

/// Says, beside the `read …` line, what the minimum hides of the whole survey and how to
/// change it: every figure of a file of fewer respondents, or the items rated by fewer.
fn tell_what_is_hidden(assessment: &Assessment, returns: &crate::score::survey::Returns) {
    use crate::score::survey::{LOWER_THE_MINIMUM, too_few_warning};
    let min = returns.source.min_group;
    if let Some(warning) = too_few_warning(returns.tally.respondents, min) {
        crate::output::message(&format!("warning: {warning}"));
        return;
    }
    let few: Vec<&str> = returns
        .tally
        .items
        .iter()
        .zip(&assessment.items)
        .filter(|(h, _)| h.n() > 0 && h.n() < min)
        .map(|(_, item)| item.id.as_str())
        .collect();
    if !few.is_empty() {
        crate::output::message(&format!(
            "note: not shown, rated by fewer than {min}: {} (and the theme and overall figures that include {}); {LOWER_THE_MINIMUM}",
            few.join(", "),
            if few.len() == 1 { "it" } else { "them" }
        ));
    }
}

/// Under `--strict`, any rejected cell stops the run before a report is written, and
/// the first twenty rejections say why.
fn refuse_rejected_when_strict(
    args: &ScoreArgs,
    returns: &crate::score::survey::Returns,
) -> anyhow::Result<()> {
    let source = &returns.source;
    if args.strict && source.rejected_total > 0 {
        let mut message = format!(
            "--strict: {} of {} rejected, so no report was written:",
            cells(source.rejected_total),
            args.file
        );
        for r in returns.rejected.iter().take(20) {
            message.push_str(&format!(
                "\n  row {}, column {:?}: {:?}: {}",
                r.row, r.column, r.value, r.reason
            ));
        }
        if source.rejected_total > 20 {
            message.push_str(&format!("\n  … and {} more", source.rejected_total - 20));
        }
        return Err(CheckFailed(message).into());
    }
    Ok(())
}

struct ScoreObserver {
    progress: Option<indicatif::ProgressBar>,
    respondents: Option<RespondentsFile>,
    comments: Option<CommentsFile>,
}

impl Observer for ScoreObserver {
    fn header(&mut self, header: &Header) -> io::Result<()> {
        match &mut self.respondents {
            Some(file) => file.header(header),
            None => Ok(()),
        }
    }

    fn respondent(&mut self, row: &Row) -> io::Result<()> {
        match &mut self.respondents {
            Some(file) => file.row(row),
            None => Ok(()),
        }
    }

    fn comment(&mut self, comment: &CommentRow) -> io::Result<()> {
        match &mut self.comments {
            Some(file) => file.comment(comment),
            None => Ok(()),
        }
    }

    fn progress(&mut self, bytes: u64) {
        if let Some(bar) = &self.progress {
            bar.set_position(bytes);
        }
    }
}

/// A progress bar on stderr, only when it is a terminal.
fn progress_bar(env: &Env, size: Option<u64>) -> Option<indicatif::ProgressBar> {
    if !env.stderr_terminal {
        return None;
    }
    let bar = match size {
        Some(size) => indicatif::ProgressBar::new(size).with_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        ),
        None => indicatif::ProgressBar::new_spinner().with_style(
            indicatif::ProgressStyle::with_template("{spinner} {bytes} read {bytes_per_sec}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        ),
    };
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    Some(bar)
}

/// The `--respondents` CSV, written as the file is read into a temporary file beside
/// the target, renamed into place only when scoring succeeds. For a `.xlsx` target, or
/// when an xlsx report will carry them, the rows are also kept as a sheet. With
/// `--group-by`, a row's group is written as a number while reading (which groups are
/// suppressed is known only at the end), and the file is then relabelled: a suppressed
/// group's label never reaches it.
struct RespondentsFile {
    dest: Dest,
    /// The file itself, written beside its target and moved into place with the run's
    /// other outputs.
    staged: Option<AtomicFile>,
    /// With groups, the rows as read (groups numbered), relabelled into `staged` (or
    /// standard output) at the end: a temporary file beside the target (named as
    /// `output` names them, so a killed run's is cleared up), or for standard output an
    /// unnamed file in the system's temporary folder (which nothing can leave behind).
    scratch: Option<AtomicFile>,
    unnamed: Option<File>,
    /// The rows as a sheet, when a workbook needs them.
    sheet: Option<Sheet>,
    /// Whether the file itself is a workbook (written at the end, not streamed).
    workbook: bool,
    writer: csv::Writer<Box<dyn Write>>,
    force: bool,
    /// Each row's own theme and overall scores.
    scorer: RowScorer,
    salt: Vec<u8>,
    line: Vec<String>,
    /// The group labels seen, by the number written for each.
    labels: Vec<String>,
}

impl RespondentsFile {
    fn create(
        dest: &Dest,
        force: bool,
        assessment: &Assessment,
        survey_file: &str,
        xlsx_report: bool,
        grouped: bool,
    ) -> anyhow::Result<RespondentsFile> {
        let workbook = dest.path().and_then(super::format_of) == Some(Format::Xlsx);
        // A respondents file is people's answers row by row: the user's eyes only.
        let buffered = |file: File| -> Box<dyn Write> {
            Box::new(io::BufWriter::with_capacity(256 * 1024, file))
        };
        let (mut staged, mut scratch, mut unnamed) = (None, None, None);
        let out: Box<dyn Write> = match dest {
            Dest::File(path) if workbook => {
                crate::output::check(path, force)?;
                Box::new(io::sink())
            }
            Dest::Stdout if grouped => {
                // Unnamed, and created readable by the user only.
                let file = tempfile::tempfile()
                    .context("cannot create a temporary file for the respondents")?;
                let out = file
                    .try_clone()
                    .context("cannot create a temporary file for the respondents")?;
                unnamed = Some(file);
                buffered(out)
            }
            Dest::Stdout => Box::new(io::stdout()),
            Dest::File(path) => {
                let name = path.display();
                let target = AtomicFile::create(path, force, Readers::Owner)
                    .with_context(|| format!("--respondents {name}"))?;
                let out = if grouped {
                    let rows = AtomicFile::create(path, force, Readers::Owner)?;
                    let file = rows
                        .writer()
                        .with_context(|| format!("cannot write {name}"))?;
                    scratch = Some(rows);
                    file
                } else {
                    target
                        .writer()
                        .with_context(|| format!("cannot write {name}"))?
                };
                staged = Some(target);
                buffered(out)
            }
        };
        let mut file = RespondentsFile {
            dest: dest.clone(),
            staged,
            scratch,
            unnamed,
            sheet: (workbook || xlsx_report).then(|| Sheet::new("Respondents", Table::default())),
            workbook,
            writer: csv::Writer::from_writer(out),
            force,
            scorer: RowScorer::new(assessment),
            salt: format!("plead respondent {}", file_name(survey_file)).into_bytes(),
            line: Vec::new(),
            labels: Vec::new(),
        };
        file.line = std::iter::once("row".to_string())
            .chain(std::iter::once("respondent".to_string()))
            .chain(assessment.items.iter().map(|i| i.id.clone()))
            .chain(assessment.themes.iter().map(|t| format!("theme:{}", t.id)))
            .chain(["overall".to_string(), "overall_percent".to_string()])
            .collect();
        Ok(file)
    }

    fn header(&mut self, header: &Header) -> io::Result<()> {
        if let Some(sheet) = &mut self.sheet {
            // The row number and ratings are numbers, each respondent's scores with the
            // CSV's four decimals; the respondent's code and the group are text.
            let items = self.scorer.items();
            sheet.table.columns = self
                .line
                .iter()
                .enumerate()
                .map(|(c, name)| match c {
                    0 => Column::number(name, 0),
                    1 => Column::text(name),
                    c if c < 2 + items => Column::number(name, 0),
                    _ => Column::number(name, 4),
                })
                .collect();
            if let Some(group) = header.group_by {
                sheet.table.columns.insert(2, Column::text(group));
            }
        }
        if let Some(group) = header.group_by {
            self.line.insert(2, csv_text(group));
        }
        self.writer.write_record(&self.line)?;
        Ok(())
    }

    fn row(&mut self, row: &Row) -> io::Result<()> {
        let line = &mut self.line;
        line.clear();
        line.push(row.row.to_string());
        let mut hash = Sha256::new();
        hash.update(&self.salt);
        hash.update(row.row.to_le_bytes());
        let digest = hash.finalize();
        line.push(digest.iter().take(6).map(|b| format!("{b:02x}")).collect());
        if let Some(group) = row.group {
            let number = match self.labels.iter().position(|l| l == group) {
                Some(k) => k,
                None => {
                    self.labels.push(group.to_string());
                    self.labels.len() - 1
                }
            };
            line.push(number.to_string());
        }
        for cell in row.cells.iter().take(self.scorer.items()) {
            line.push(match cell {
                Cell::Value(v) => v.to_string(),
                Cell::NotApplicable => "NA".to_string(),
                Cell::Missing | Cell::Rejected(_) => String::new(),
            });
        }
        let score = self.scorer.score(row.cells);
        let mean = |m: Option<f64>| m.map_or_else(String::new, |m| format!("{m:.4}"));
        for theme in &score.themes {
            line.push(mean(*theme));
        }
        line.push(mean(score.overall));
        line.push(mean(score.percent));
        self.writer.write_record(&*line)?;
        if let Some(sheet) = &mut self.sheet {
            let group = row.group.map(|_| line[2].as_str());
            let ratings = &row.cells[..self.scorer.items()];
            sheet
                .table
                .row(respondent_cells(row.row, &line[1], group, ratings, &score));
        }
        Ok(())
    }

    /// Flushes, relabels the groups as `publish` says (a suppressed group's label
    /// replaced), and returns the file ready to be moved into place with the run's other
    /// outputs (`None` when it went to standard output), and the rows as a sheet when a
    /// workbook needs them.
    fn finish(
        mut self,
        publish: &dyn Fn(&str) -> String,
    ) -> anyhow::Result<(Option<AtomicFile>, Option<Sheet>)> {
        self.writer
            .flush()
            .with_context(|| format!("cannot write {}", self.dest))?;
        // The writer holds a handle to the file it wrote: closed before the file is read.
        self.writer = csv::Writer::from_writer(Box::new(io::sink()));
        let labels: Vec<String> = self.labels.iter().map(|l| publish(l)).collect();
        let grouped = !self.labels.is_empty();
        if let Some(sheet) = &mut self.sheet {
            sheet.table = sheet.table.as_shown();
        }
        if let Some(sheet) = &mut self.sheet
            && grouped
        {
            for row in &mut sheet.table.rows {
                if let Some(XlsxCell::Text(number)) = row.get_mut(2)
                    && let Some(label) = number.parse::<usize>().ok().and_then(|k| labels.get(k))
                {
                    *number = label.clone();
                }
            }
        }
        if let Some(mut rows) = self.unnamed.take() {
            rows.seek(io::SeekFrom::Start(0))
                .context("cannot read back the respondents")?;
            let mut out = io::stdout().lock();
            relabel(rows, &mut out, &labels)
                .context("cannot write the respondents to standard output")?;
            return Ok((None, self.sheet.take()));
        }
        if let (Some(rows), Some(target)) = (self.scratch.take(), &self.staged) {
            let file = target
                .writer()
                .with_context(|| format!("cannot write {}", self.dest))?;
            let mut out = io::BufWriter::with_capacity(256 * 1024, file);
            let read = File::open(rows.temporary())
                .with_context(|| format!("cannot write {}", self.dest))?;
            relabel(read, &mut out, &labels)
                .and_then(|()| out.flush().map_err(anyhow::Error::from))
                .with_context(|| format!("cannot write {}", self.dest))?;
        }
        let sheet = self.sheet.take();
        if let (true, Dest::File(path)) = (self.workbook, &self.dest) {
            let sheet = sheet.unwrap_or_else(|| Sheet::new("Respondents", Table::default()));
            let bytes = xlsx::workbook(std::slice::from_ref(&sheet));
            let mut staged = AtomicFile::create(path, self.force, Readers::Owner)?;
            staged.write_all(&bytes)?;
            return Ok((Some(staged), Some(sheet)));
        }
        Ok((self.staged.take(), sheet))
    }
}

/// A respondent's row as the sheet holds it: the row number, ratings and scores as
/// numbers (the scores rounded as the CSV shows them when the sheet is finished), the
/// code, the group's number (relabelled at the end) and "NA" as text.
fn respondent_cells(
    number: u64,
    code: &str,
    group: Option<&str>,
    ratings: &[Cell],
    score: &RowScore,
) -> Vec<XlsxCell> {
    let mut cells = vec![XlsxCell::from(number), XlsxCell::text(code)];
    cells.extend(group.map(XlsxCell::text));
    cells.extend(ratings.iter().map(|cell| match cell {
        Cell::Value(v) => XlsxCell::from(*v),
        Cell::NotApplicable => XlsxCell::text("NA"),
        Cell::Missing | Cell::Rejected(_) => XlsxCell::Empty,
    }));
    cells.extend(score.themes.iter().map(|t| XlsxCell::number(*t)));
    cells.extend([
        XlsxCell::number(score.overall),
        XlsxCell::number(score.percent),
    ]);
    cells
}

/// What the respondents file says in place of a suppressed group's label.
const SUPPRESSED_LABEL: &str = "(suppressed group)";

/// A row's group as the respondents file shows it: its group's label (after
/// `--combine`), unless the group is suppressed.
fn published_label(doc: &ResultDoc, combine: &[Combination], raw: &str) -> String {
    let label = combine
        .iter()
        .find(|c| c.covers(raw))
        .map_or(raw, |c| c.label.as_str());
    match doc.groups.iter().find(|g| g.label == label) {
        Some(g) if !g.suppressed => label.to_string(),
        _ => SUPPRESSED_LABEL.to_string(),
    }
}

/// Copies the respondents CSV, the group number in its third column replaced by the
/// group's label as published.
fn relabel(from: impl io::Read, to: &mut dyn Write, labels: &[String]) -> anyhow::Result<()> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(io::BufReader::with_capacity(256 * 1024, from));
    let mut writer = csv::Writer::from_writer(to);
    let mut record = csv::ByteRecord::new();
    let mut out = csv::ByteRecord::new();
    let mut header = true;
    while reader.read_byte_record(&mut record)? {
        if header {
            header = false;
            writer.write_byte_record(&record)?;
            continue;
        }
        out.clear();
        for (k, field) in record.iter().enumerate() {
            if k == 2 {
                let label = std::str::from_utf8(field)
                    .ok()
                    .and_then(|n| n.parse::<usize>().ok())
                    .and_then(|n| labels.get(n))
                    .map_or(SUPPRESSED_LABEL, String::as_str);
                out.push_field(csv_text(label).as_bytes());
            } else {
                out.push_field(field);
            }
        }
        writer.write_byte_record(&out)?;
    }
    writer.flush()?;
    Ok(())
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

/// "1 cell", "2 cells".
fn cells(n: u64) -> String {
    if n == 1 {
        "1 cell".to_string()
    } else {
        format!("{n} cells")
    }
}
