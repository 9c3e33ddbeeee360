//! The subcommands, one file each. Commands are the only code that touches files, the
//! terminal and the clock; everything they compute comes from the pure core.

mod actions;
mod assess;
mod comments_file;
mod completions;
mod diff;
mod env;
mod list;
mod new;
mod report;
mod score;
mod show;
mod template;
mod trend;
mod validate;

use std::path::Path;

use anyhow::Context;

pub use env::Env;

use crate::cli::{Cli, Command, Format, OutputArgs};
use crate::output::{AtomicFile, Dest, Planned, Readers};
use crate::render;
use crate::result::ResultDoc;

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let env = Env::resolve(cli.global);
    match cli.command {
        Command::List => list::run(&env),
        Command::Show(args) => show::run(&env, args),
        Command::Validate(args) => validate::run(args),
        Command::Assess(args) => assess::run(&env, args),
        Command::Report(args) => report::run(&env, args),
        Command::Score(args) => score::run(&env, args),
        Command::Diff(args) => diff::run(&env, args),
        Command::Trend(args) => trend::run(&env, args),
        Command::Actions(args) => actions::run(&env, args),
        Command::Template(args) => template::run(&env, args),
        Command::New(args) => new::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => completions::man(args),
    }
}

/// The format a file's extension names, if any.
pub fn format_of(path: &Path) -> Option<Format> {
    Format::from_path(path)
}

/// Renders a Result to every `--out` (format from each extension), or to standard output
/// in `--format` when none is given. Returns the files written. A Result (JSON) is
/// created readable by the user only: it holds people's notes.
pub fn emit(doc: &ResultDoc, output: &OutputArgs, env: &Env) -> anyhow::Result<Vec<String>> {
    emit_sections(doc, &[], output, env)
}

/// As `emit`, with `sections` after the Result's own parts ("You said, we did").
pub fn emit_sections(
    doc: &ResultDoc,
    sections: &[render::Section],
    output: &OutputArgs,
    env: &Env,
) -> anyhow::Result<Vec<String>> {
    plan(
        output,
        env,
        |format, options| render::result_with(doc, sections, format, options),
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
    env: &Env,
    render: impl Fn(Format, &render::Options) -> Vec<u8>,
) -> anyhow::Result<Vec<String>> {
    plan(output, env, render, |_| Readers::Anyone)?.write(output.force, Vec::new())
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
    env: &Env,
    render: impl Fn(Format, &render::Options) -> Vec<u8>,
    readers: impl Fn(Format) -> Readers,
) -> anyhow::Result<Outputs> {
    let options = env.render_options();
    let mut outputs = Outputs {
        files: Vec::new(),
        stdout: Vec::new(),
    };
    if output.out.is_empty() {
        refuse_binary_on_terminal(env, output.format)?;
        outputs.stdout.push(render(output.format, &options));
        return Ok(outputs);
    }
    // Every destination is checked before anything is rendered.
    crate::output::check_all(output.out.iter().filter_map(Dest::path), output.force)?;
    for dest in &output.out {
        match dest {
            Dest::Stdout => {
                refuse_binary_on_terminal(env, output.format)?;
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
pub(super) fn refuse_binary_on_terminal(env: &Env, format: Format) -> anyhow::Result<()> {
    if format.is_binary() && env.stdout_terminal {
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

pub use crate::result::{quarter, rfc3339};
