//! `plead score`: a file of survey returns scored into a Result and a report, and, with
//! `--respondents`, each respondent's parsed answers and scores as CSV (or, for a `.xlsx`
//! name, a workbook; and as a Respondents sheet of any xlsx report). The file is read
//! once, streaming; a progress bar shows on stderr when it is a terminal.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use sha2::{Digest, Sha256};

use crate::CheckFailed;
use crate::assessment::{Assessment, Catalog};
use crate::cli::{Format, Global, ScoreArgs};
use crate::render::text::csv_text;
use crate::render::xlsx::{self, Cell as XlsxCell, Sheet};
use crate::result::{Context as ResultContext, Method};
use crate::survey::{self, Cell, Header, Input, Observer, Row};

pub fn run(global: &Global, args: ScoreArgs) -> anyhow::Result<()> {
    let catalog = Catalog::load(global.assessments.as_deref())?;
    let entry = catalog.resolve(&args.assessment)?;
    let assessment = &entry.assessment;
    if args.respondents.as_deref() == Some("-")
        && (args.output.out.is_empty() || args.output.out.iter().any(|o| o == "-"))
    {
        bail!(
            "--respondents -: standard output already carries the report; write the report with --out FILE, or the respondents to a file"
        );
    }

    let (reader, size): (Box<dyn io::Read>, Option<u64>) = if args.file == "-" {
        (Box::new(io::stdin().lock()), None)
    } else {
        let file = File::open(&args.file)
            .with_context(|| format!("cannot read the survey file {}", args.file))?;
        let size = file.metadata().ok().map(|m| m.len());
        (Box::new(file), size)
    };
    let options = survey::Options {
        encoding: args.encoding,
        delimiter: args.delimiter,
        sheet: args.sheet.clone(),
        header_rows: args.header_rows.map(usize::from),
        maps: args.maps.clone(),
        allow_missing: args.allow_missing,
        group_by: args.group_by.clone(),
        min_group: args.min_group,
        max_rejected: if args.max_rejected == 0 {
            usize::MAX
        } else {
            args.max_rejected
        },
    };
    // A Respondents sheet goes into every xlsx report, so the rows are kept when one is asked for.
    let xlsx_report = if args.output.out.is_empty() {
        args.output.format == Format::Xlsx
    } else {
        args.output
            .out
            .iter()
            .any(|o| super::format_of(o).unwrap_or(args.output.format) == Format::Xlsx)
    };
    let respondents = match &args.respondents {
        Some(path) => Some(RespondentsFile::create(
            path,
            args.output.force,
            assessment,
            &args.file,
            xlsx_report,
        )?),
        None => None,
    };
    let mut observer = ScoreObserver {
        progress: progress_bar(size),
        respondents,
    };
    let returns = survey::read(
        assessment,
        Input {
            name: args.file.clone(),
            reader,
        },
        &options,
        &mut observer,
    );
    if let Some(bar) = &observer.progress {
        bar.finish_and_clear();
    }
    let returns = returns?;
    let source = &returns.source;
    eprintln!(
        "read {}: {} layout, {}; {} rows, {} respondents{}{}",
        args.file,
        source.layout,
        source.format,
        source.rows,
        returns.tally.respondents,
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
    );
    if !source.unmatched_items.is_empty() {
        eprintln!(
            "warning: no column for {} (counted as missing)",
            source.unmatched_items.join(", ")
        );
    }
    if !source.unused_columns.is_empty() {
        eprintln!(
            "note: columns not used: {}",
            survey::headers::quoted_list(source.unused_columns.iter().map(String::as_str))
        );
    }

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

    let now = super::now()?;
    let context = ResultContext {
        organisation: args
            .org
            .clone()
            .unwrap_or_else(|| "Unnamed organisation".to_string()),
        period: args.period.clone().unwrap_or_else(|| super::quarter(now)),
        created: super::rfc3339(now),
        plead_version: env!("CARGO_PKG_VERSION").to_string(),
        method: Method::Survey,
    };
    let doc = crate::score::survey::result(assessment, context, returns);
    let mut sheet = None;
    if let Some(file) = observer.respondents.take() {
        let (path, rows) = file.finish()?;
        eprintln!("wrote {path}");
        sheet = rows;
    }
    let written = super::emit_with(&args.output, global, |format, options| match format {
        Format::Xlsx => xlsx::result(&doc, sheet.iter().cloned().collect()),
        _ => crate::render::result(&doc, format, options),
    })?;
    for path in written {
        eprintln!("wrote {path}");
    }
    Ok(())
}

struct ScoreObserver {
    progress: Option<indicatif::ProgressBar>,
    respondents: Option<RespondentsFile>,
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

    fn progress(&mut self, bytes: u64) {
        if let Some(bar) = &self.progress {
            bar.set_position(bytes);
        }
    }
}

/// A progress bar on stderr, only when it is a terminal.
fn progress_bar(size: Option<u64>) -> Option<indicatif::ProgressBar> {
    if !io::stderr().is_terminal() {
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
/// when an xlsx report will carry them, the rows are also kept as a sheet.
struct RespondentsFile {
    path: String,
    tmp: Option<PathBuf>,
    /// The rows as a sheet, when a workbook needs them.
    sheet: Option<Sheet>,
    /// Whether the file itself is a workbook (written at the end, not streamed).
    workbook: bool,
    writer: csv::Writer<Box<dyn Write>>,
    force: bool,
    /// Per item: its theme's index, weight and scale (min, max).
    items: Vec<(usize, f64, i32, i32)>,
    themes: usize,
    salt: Vec<u8>,
    line: Vec<String>,
}

impl RespondentsFile {
    fn create(
        path: &str,
        force: bool,
        assessment: &Assessment,
        survey_file: &str,
        xlsx_report: bool,
    ) -> anyhow::Result<RespondentsFile> {
        let workbook = super::format_of(path) == Some(Format::Xlsx);
        if workbook && !force && Path::new(path).exists() {
            bail!("{path} already exists: choose another name, or add --force to overwrite it");
        }
        let (tmp, out): (Option<PathBuf>, Box<dyn Write>) = if workbook {
            (None, Box::new(io::sink()))
        } else if path == "-" {
            (None, Box::new(io::stdout()))
        } else {
            let target = Path::new(path);
            if !force && target.exists() {
                bail!("{path} already exists: choose another name, or add --force to overwrite it");
            }
            let dir = match target.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            let name = target
                .file_name()
                .with_context(|| format!("--respondents {path}: not a file name"))?;
            let tmp = dir.join(format!(
                ".{}.{}.tmp",
                name.to_string_lossy(),
                std::process::id()
            ));
            let file = File::create(&tmp).with_context(|| {
                format!(
                    "cannot write {path}: cannot create a file in {}",
                    dir.display()
                )
            })?;
            (
                Some(tmp),
                Box::new(io::BufWriter::with_capacity(256 * 1024, file)),
            )
        };
        let items = assessment
            .items
            .iter()
            .map(|i| {
                let theme = assessment
                    .themes
                    .iter()
                    .position(|t| t.id == i.theme)
                    .unwrap_or(0);
                let scale = assessment.scale_of(i);
                (theme, i.weight, scale.min, scale.max)
            })
            .collect();
        let mut file = RespondentsFile {
            path: path.to_string(),
            tmp,
            sheet: (workbook || xlsx_report).then(|| Sheet::new("Respondents", &[])),
            workbook,
            writer: csv::Writer::from_writer(out),
            force,
            items,
            themes: assessment.themes.len(),
            salt: format!("plead respondent {}", file_name(survey_file)).into_bytes(),
            line: Vec::new(),
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
            sheet.headers = self.line.clone();
            if let Some(group) = header.group_by {
                sheet.headers.insert(2, group.to_string());
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
            line.push(csv_text(group));
        }
        // Weighted sums per theme and overall: (weight, score, percent).
        let mut themes = vec![(0.0, 0.0, 0.0); self.themes];
        let mut all = (0.0, 0.0, 0.0);
        for (cell, (theme, weight, min, max)) in row.cells.iter().zip(&self.items) {
            match cell {
                Cell::Value(v) => {
                    line.push(v.to_string());
                    let percent = f64::from(v - min) / f64::from(max - min) * 100.0;
                    for sums in [&mut themes[*theme], &mut all] {
                        sums.0 += weight;
                        sums.1 += weight * f64::from(*v);
                        sums.2 += weight * percent;
                    }
                }
                Cell::NotApplicable => line.push("NA".to_string()),
                Cell::Missing | Cell::Rejected(_) => line.push(String::new()),
            }
        }
        let mean = |sum: f64, weight: f64| {
            if weight > 0.0 {
                format!("{:.4}", sum / weight)
            } else {
                String::new()
            }
        };
        for (w, s, _) in &themes {
            line.push(mean(*s, *w));
        }
        line.push(mean(all.1, all.0));
        line.push(mean(all.2, all.0));
        self.writer.write_record(&*line)?;
        if let Some(sheet) = &mut self.sheet {
            // Row number and ratings as numbers; the respondent's code, the group and NA as text.
            let text_columns = if row.group.is_some() { 3 } else { 2 };
            let cells = line
                .iter()
                .enumerate()
                .map(|(c, v)| match v.parse::<f64>() {
                    _ if v.is_empty() => XlsxCell::Empty,
                    _ if c == 2 && row.group.is_some() => {
                        XlsxCell::Text(row.group.unwrap_or_default().to_string())
                    }
                    Ok(n) if c == 0 || c >= text_columns => XlsxCell::Number(n),
                    _ => XlsxCell::Text(v.clone()),
                })
                .collect();
            sheet.row(cells);
        }
        Ok(())
    }

    /// Flushes and moves the file into place; returns its path, and the rows as a sheet
    /// when a workbook needs them.
    fn finish(mut self) -> anyhow::Result<(String, Option<Sheet>)> {
        self.writer
            .flush()
            .with_context(|| format!("cannot write {}", self.path))?;
        let sheet = self.sheet.take();
        if self.workbook {
            let sheet = sheet.unwrap_or_else(|| Sheet::new("Respondents", &[]));
            let bytes = xlsx::workbook(std::slice::from_ref(&sheet));
            crate::output::write(&self.path, &bytes, self.force)?;
            return Ok((self.path.clone(), Some(sheet)));
        }
        let Some(tmp) = self.tmp.take() else {
            return Ok(("standard output".to_string(), sheet));
        };
        let target = Path::new(&self.path);
        let moved = if self.force {
            std::fs::rename(&tmp, target)
        } else {
            std::fs::hard_link(&tmp, target).and_then(|()| std::fs::remove_file(&tmp))
        };
        if let Err(e) = moved {
            let _ = std::fs::remove_file(&tmp);
            if e.kind() == io::ErrorKind::AlreadyExists {
                bail!(
                    "{} already exists: choose another name, or add --force to overwrite it",
                    self.path
                );
            }
            return Err(e).with_context(|| format!("cannot write {}", self.path));
        }
        Ok((self.path.clone(), sheet))
    }
}

impl Drop for RespondentsFile {
    fn drop(&mut self) {
        if let Some(tmp) = &self.tmp {
            let _ = std::fs::remove_file(tmp);
        }
    }
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
