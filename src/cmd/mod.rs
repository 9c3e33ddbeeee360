//! The subcommands, one file each. Commands are the only code that touches files, the
//! terminal and the clock; everything they compute comes from the pure core.

mod assess;
mod completions;
mod diff;
mod list;
mod new;
mod report;
mod score;
mod show;
mod template;
mod trend;
mod validate;

use std::io::IsTerminal;
use std::path::Path;

use anyhow::Context;

use crate::cli::{Cli, Command, Format, Global, OutputArgs};
use crate::output::{AtomicFile, Dest, Planned, Readers};
use crate::render;
use crate::result::ResultDoc;

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let global = cli.global;
    match cli.command {
        Command::List => list::run(&global),
        Command::Show(args) => show::run(&global, args),
        Command::Validate(args) => validate::run(args),
        Command::Assess(args) => assess::run(&global, args),
        Command::Report(args) => report::run(&global, args),
        Command::Score(args) => score::run(&global, args),
        Command::Diff(args) => diff::run(&global, args),
        Command::Trend(args) => trend::run(&global, args),
        Command::Template(args) => template::run(&global, args),
        Command::New(args) => new::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => completions::man(args),
    }
}

/// How to draw tables: the width asked for, else the terminal's, else 100; colour only on
/// a terminal and never with `NO_COLOR`.
pub fn render_options(global: &Global) -> render::Options {
    let tty = std::io::stdout().is_terminal();
    let width = global.width.unwrap_or_else(|| {
        if tty {
            terminal_width().unwrap_or(100)
        } else {
            100
        }
    });
    render::Options {
        width,
        color: tty && std::env::var_os("NO_COLOR").is_none(),
    }
}

fn terminal_width() -> Option<u16> {
    dialoguer::console::Term::stdout()
        .size_checked()
        .map(|(_rows, columns)| columns)
}

/// The format a file's extension names, if any.
pub fn format_of(path: &Path) -> Option<Format> {
    Format::from_path(path)
}

/// Renders a Result to every `--out` (format from each extension), or to standard output
/// in `--format` when none is given. Returns the files written. A Result (JSON) is
/// created readable by the user only: it holds people's notes.
pub fn emit(doc: &ResultDoc, output: &OutputArgs, global: &Global) -> anyhow::Result<Vec<String>> {
    plan(
        output,
        global,
        |format, options| render::result(doc, format, options),
        result_readers,
    )?
    .write(output.force, Vec::new())
}

/// Who may read a file of a Result's in `format`: the Result itself (JSON) holds
/// people's notes; reports are made to be shared.
pub fn result_readers(format: Format) -> Readers {
    if format == Format::Json {
        Readers::Owner
    } else {
        Readers::Anyone
    }
}

/// Renders any document with `render` to every `--out` (format from each extension), or
/// to standard output in `--format` when none is given. Returns the files written.
pub fn emit_with(
    output: &OutputArgs,
    global: &Global,
    render: impl Fn(Format, &render::Options) -> Vec<u8>,
) -> anyhow::Result<Vec<String>> {
    plan(output, global, render, |_| Readers::Anyone)?.write(output.force, Vec::new())
}

/// What a run will write: files (all written or none) and standard output (written
/// after the files, so a run that fails writes nothing anywhere).
pub struct Outputs {
    files: Vec<Planned>,
    stdout: Vec<Vec<u8>>,
}

/// Renders every output of a run, without writing any.
pub fn plan(
    output: &OutputArgs,
    global: &Global,
    render: impl Fn(Format, &render::Options) -> Vec<u8>,
    readers: impl Fn(Format) -> Readers,
) -> anyhow::Result<Outputs> {
    let options = render_options(global);
    let mut outputs = Outputs {
        files: Vec::new(),
        stdout: Vec::new(),
    };
    if output.out.is_empty() {
        refuse_binary_on_terminal(output.format)?;
        outputs.stdout.push(render(output.format, &options));
        return Ok(outputs);
    }
    // Every destination is checked before anything is rendered.
    crate::output::check_all(output.out.iter().filter_map(Dest::path), output.force)?;
    for dest in &output.out {
        match dest {
            Dest::Stdout => {
                refuse_binary_on_terminal(output.format)?;
                outputs.stdout.push(render(output.format, &options));
            }
            Dest::File(path) => {
                let format = format_of(path).unwrap_or(output.format);
                let options = render::Options {
                    color: false,
                    ..options
                };
                outputs.files.push(Planned {
                    path: path.clone(),
                    bytes: render(format, &options),
                    readers: readers(format),
                });
            }
        }
    }
    Ok(outputs)
}

impl Outputs {
    /// Writes every file, with `also` (files already written to temporary files, such
    /// as `--respondents`), all or none; then standard output. Returns the files
    /// written.
    pub fn write(self, force: bool, also: Vec<AtomicFile>) -> anyhow::Result<Vec<String>> {
        crate::output::check_all(
            also.iter()
                .map(AtomicFile::target)
                .chain(self.files.iter().map(|f| f.path.as_path())),
            force,
        )?;
        let mut written: Vec<String> = also
            .iter()
            .map(|s| s.target().display().to_string())
            .collect();
        let mut staged = also;
        for f in &self.files {
            let mut file = AtomicFile::create(&f.path, force, f.readers)?;
            file.write_all(&f.bytes)?;
            staged.push(file);
            written.push(f.path.display().to_string());
        }
        AtomicFile::commit_all(staged)?;
        for bytes in &self.stdout {
            crate::output::stdout(bytes)?;
        }
        Ok(written)
    }
}

/// A workbook is bytes a terminal cannot show: refuse rather than fill the screen.
pub(super) fn refuse_binary_on_terminal(format: Format) -> anyhow::Result<()> {
    if format.is_binary() && std::io::stdout().is_terminal() {
        anyhow::bail!(
            "--format xlsx writes a workbook, which a terminal cannot show: add --out FILE.xlsx"
        );
    }
    Ok(())
}

/// Reads a Result file, naming it in any error.
pub fn read_result(path: &Path) -> anyhow::Result<ResultDoc> {
    let text = crate::input::read_document(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let text = String::from_utf8(text).map_err(|_| {
        anyhow::anyhow!("{}: not UTF-8 text, so not a plead Result", path.display())
    })?;
    ResultDoc::from_json(&text).map_err(|e| {
        // "file:line:column: message" when the place is known, else "file: message".
        let e = e.to_string();
        let located = e.split(':').take(2).all(|p| p.parse::<usize>().is_ok());
        let sep = if located { ":" } else { ": " };
        anyhow::anyhow!("{}{sep}{e}", path.display())
    })
}

/// Now, as RFC 3339 UTC. `PLEAD_NOW` fixes the clock (for tests and reproducible examples).
pub fn now() -> anyhow::Result<time::OffsetDateTime> {
    match std::env::var("PLEAD_NOW") {
        Ok(s) => time::OffsetDateTime::parse(&s, &time::format_description::well_known::Rfc3339)
            .with_context(|| {
                format!("PLEAD_NOW={s}: not an RFC 3339 time such as 2026-11-21T10:00:00Z")
            }),
        Err(_) => Ok(time::OffsetDateTime::now_utc()),
    }
}

pub fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .expect("UTC times always format")
}

/// The quarter a time falls in, e.g. "2026-Q4".
pub fn quarter(t: time::OffsetDateTime) -> String {
    format!("{}-Q{}", t.year(), (u8::from(t.month()) - 1) / 3 + 1)
}
