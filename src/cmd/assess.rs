//! `plead assess`: the workshop. Interactively (a facilitator at a laptop, saved to a
//! draft after every answer), or from an answers file (`--answers`) for scripts, tests
//! and paper workshops. Either way: a Result and a report.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::Env;

mod live;

use crate::assessment::{Assessment, Catalog};
use crate::cli::{AssessArgs, Format};
use crate::compare::period;
use crate::interact::Prompter;
use crate::interact::draft::{self, DRAFT_SCHEMA, Draft};
use crate::interact::lock::{self, DraftLock};
use crate::interact::script::ScriptPrompter;
use crate::interact::session::Session;
use crate::interact::terminal::{self, TerminalPrompter};
use crate::output::{Dest, Planned};
use crate::problem::Problems;
use crate::response::{Answers, RaterSpec};
use crate::result::{Context as ResultContext, Method, ResultDoc};

pub fn run(env: &Env, args: AssessArgs) -> anyhow::Result<()> {
    if let Some(why) = args.period.as_deref().and_then(period::refusal) {
        bail!("--period: {why}");
    }
    let catalog = Catalog::load(env.assessments.as_deref())?;
    if let Some(path) = &args.answers {
        return from_answers(env, &catalog, &args, path);
    }
    if args.script.as_deref() == Some(Path::new("-")) {
        let stdin = std::io::BufReader::new(std::io::stdin());
        return workshop(env, &catalog, &args, &mut ScriptPrompter::streaming(stdin));
    }
    if let Some(script) = &args.script {
        let text = std::fs::read_to_string(script)
            .with_context(|| format!("cannot read the script {}", script.display()))?;
        return workshop(env, &catalog, &args, &mut ScriptPrompter::new(&text));
    }
    if !env.interactive() {
        bail!(
            "plead assess asks its questions on a terminal, and this is not one; \
             give an answers file with --answers FILE (see README) to score without prompts"
        );
    }
    workshop(env, &catalog, &args, &mut TerminalPrompter::new())
}

fn from_answers(
    env: &Env,
    catalog: &Catalog,
    args: &AssessArgs,
    path: &Path,
) -> anyhow::Result<()> {
    let Some(spec) = &args.assessment else {
        bail!(
            "with --answers, name the assessment too: plead assess <ASSESSMENT> --answers {}",
            path.display()
        );
    };
    let entry = catalog.resolve(spec)?;
    let assessment = &entry.assessment;
    let bytes = crate::input::read_document(path)
        .with_context(|| format!("cannot read the answers file {}", path.display()))?;
    // The log the reviews of `[actions."<id>"]` are checked against.
    let known = super::actions::known(catalog);
    let log = match args.actions.as_deref().filter(|p| p.exists()) {
        Some(p) => Some(super::actions::read_log(p, &known, None)?.1),
        None => None,
    };
    let mut answers =
        crate::answers::load_with(&bytes, assessment, log.as_ref()).map_err(|problems| {
            Problems {
                file: path.display().to_string(),
                problems,
            }
        })?;
    if let Some(list) = &args.raters {
        answers.raters =
            RaterSpec::parse_list(list).map_err(|e| anyhow::anyhow!("--raters: {e}"))?;
    }
    let period = args.period.clone().or(answers.period.clone());
    if let Some(why) = period.as_deref().and_then(period::refusal) {
        bail!("{}: {why}", path.display());
    }
    let now = env.now()?;
    let doc = score(
        assessment,
        &answers,
        args.org.clone().or(answers.organisation.clone()),
        period,
        now,
    );
    let staged = stage_actions(env, catalog, args, &doc, &answers)?;
    // The report in --format on stdout, as before; and the Result written as the
    // workshop writes it (a default name in this folder, or each --out).
    if args.output.out.is_empty() {
        super::emit(&doc, &args.output, env)?;
    }
    // No one to ask for another name: the next free one is taken, and said.
    let written = write_files(env, &doc, args, |taken| {
        let free = free_name(taken);
        crate::output::message(&format!(
            "{} already exists, so the Result is written to {}",
            taken.display(),
            free.display()
        ));
        Ok(free)
    })?;
    let written = commit_actions(staged, written)?;
    finish(&doc, &written, None)
}

/// The workshop's changes to its actions log (`--actions`), checked and written to a
/// temporary file before the Result is written, moved into place just after it: a
/// problem with the log stops the run with nothing written (and the draft kept).
fn stage_actions(
    env: &Env,
    catalog: &Catalog,
    args: &AssessArgs,
    doc: &ResultDoc,
    answers: &Answers,
) -> anyhow::Result<Option<(crate::output::AtomicFile, String, PathBuf)>> {
    let Some(path) = &args.actions else {
        return Ok(None);
    };
    let known = super::actions::known(catalog);
    let (text, log) = super::actions::workshop_log(path, &known, &doc.context.organisation)?;
    let updated = crate::actions::workshop::apply(
        &text,
        &log,
        &doc.assessment.id,
        answers,
        &doc.context.period,
        super::actions::today(env)?,
    )
    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let staged = super::actions::stage_log(path, &updated.text, &known)?;
    Ok(Some((
        staged,
        super::actions::describe(path, &updated),
        path.clone(),
    )))
}

/// Moves the staged actions log into place and counts it among the files written.
fn commit_actions(
    staged: Option<(crate::output::AtomicFile, String, PathBuf)>,
    mut written: Vec<PathBuf>,
) -> anyhow::Result<Vec<PathBuf>> {
    if let Some((file, said, path)) = staged {
        file.commit()?;
        crate::output::message(&said);
        written.push(path);
    }
    Ok(written)
}

/// The end of a run: in a workshop, the end screen with the files written (through the
/// prompter: a cleared screen on a terminal); from an answers file, the files written,
/// each on its own line, for scripts to read.
fn finish(
    doc: &ResultDoc,
    written: &[PathBuf],
    prompter: Option<&mut dyn Prompter>,
) -> anyhow::Result<()> {
    match prompter {
        Some(p) => {
            let last = previous_result(doc, written);
            let width = p.size().map_or(100, |(w, _)| w);
            p.end(&crate::interact::summary::end_screen(
                doc,
                written,
                last.as_deref(),
                width,
            ));
        }
        None => {
            for path in written {
                crate::output::message(&format!("wrote {}", path.display()));
            }
        }
    }
    Ok(())
}

/// The Result in this folder of the same assessment and organisation for the latest
/// period before `doc`'s, for the `plead diff` line of the end screen.
fn previous_result(doc: &ResultDoc, written: &[PathBuf]) -> Option<PathBuf> {
    let this = period::parse(&doc.context.period)?;
    let mut best: Option<(period::Period, PathBuf)> = None;
    for entry in std::fs::read_dir(".").ok()?.flatten().take(2000) {
        let path = PathBuf::from(entry.file_name());
        if path.extension().is_none_or(|e| e != "json")
            || written.contains(&path)
            || entry.metadata().map_or(true, |m| m.len() > 20_000_000)
        {
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(other) = serde_json::from_slice::<ResultDoc>(&bytes) else {
            continue;
        };
        if other.assessment.id != doc.assessment.id
            || other.context.organisation != doc.context.organisation
        {
            continue;
        }
        let Some(p) = period::parse(&other.context.period) else {
            continue;
        };
        if p < this && best.as_ref().is_none_or(|(b, _)| p > *b) {
            best = Some((p, path));
        }
    }
    best.map(|(_, p)| p)
}

fn score(
    assessment: &Assessment,
    answers: &Answers,
    organisation: Option<String>,
    period: Option<String>,
    now: time::OffsetDateTime,
) -> ResultDoc {
    let context = ResultContext::new(organisation, period, now, Method::Workshop);
    crate::score::workshop::result(assessment, answers, context)
}

/// The interactive workshop, from choosing the assessment to writing the files.
fn workshop<P: Prompter>(
    env: &Env,
    catalog: &Catalog,
    args: &AssessArgs,
    prompter: &mut P,
) -> anyhow::Result<()> {
    let entry = choose_assessment(catalog, args, prompter)?;
    let assessment = &entry.assessment;
    let clock = || env.now().map(super::rfc3339).unwrap_or_default();
    let Some((draft_path, draft_lock, separate)) = take_draft(env, prompter, assessment, &clock())?
    else {
        return Ok(());
    };

    let mut draft = resume_or_start(
        env,
        prompter,
        args,
        assessment,
        &draft_path,
        separate,
        &clock,
    )?;
    keep_or_set_raters(args, &mut draft, prompter)?;
    let known = super::actions::known(catalog);
    let log = match &args.actions {
        Some(path) => Some(super::actions::workshop_log(path, &known, &draft.organisation)?.1),
        None => None,
    };
    let live = match args.live {
        true => Some(live::start(args, assessment, &draft, &draft_path)?),
        false => None,
    };
    if let Some(live) = &live {
        live::lobby(prompter, live)?;
    }
    if args.script.is_none() {
        terminal::restore_on_interrupt(
            draft_path.display().to_string(),
            draft_lock.path().to_path_buf(),
        );
    }
    let welcome = format!(
        "{} — {}, {}. Saved after every answer to {}; Ctrl-C stops, and the same command continues.",
        assessment.title,
        draft.organisation,
        draft.period,
        draft_path.display()
    );
    let mut session = Session::new(assessment, prompter, draft, draft_path.clone(), &clock)
        .with_notice(welcome)
        .with_actions(log.as_ref());
    if let Some(live) = &live {
        session = session.with_live(std::sync::Arc::clone(&live.hub));
    }
    let draft = session.run()?;
    let (doc, written) = write_outcome(env, catalog, args, assessment, &draft, prompter)?;
    if let Some(live) = live {
        live::end(live);
    }
    std::fs::remove_file(&draft_path)
        .with_context(|| format!("cannot remove the finished draft {}", draft_path.display()))?;
    finish(&doc, &written, Some(prompter))
}

/// A finished workshop's outcome: its Result scored, the report on stdout when that is a
/// file or a pipe, the files written (asking for another name where one is taken) and the
/// actions log updated after them.
fn write_outcome<P: Prompter>(
    env: &Env,
    catalog: &Catalog,
    args: &AssessArgs,
    assessment: &Assessment,
    draft: &Draft,
    prompter: &mut P,
) -> anyhow::Result<(ResultDoc, Vec<PathBuf>)> {
    let now = env.now()?;
    let doc = score(
        assessment,
        &draft.answers,
        Some(draft.organisation.clone()),
        Some(draft.period.clone()),
        now,
    );

    let staged = stage_actions(env, catalog, args, &doc, &draft.answers)?;
    // The full report goes to stdout when it is a file or a pipe; on a terminal the
    // room sees the end screen, and the report is in the files.
    if !env.stdout_terminal {
        let options = env.render_options();
        crate::output::stdout(&crate::render::result(&doc, Format::Table, &options))?;
    }
    let written = write_files(env, &doc, args, |taken| {
        let suggestion = free_name(taken);
        Ok(PathBuf::from(prompter.input(
            &format!("{} already exists. Save as", taken.display()),
            &suggestion.display().to_string(),
            false,
        )?))
    })?;
    let written = commit_actions(staged, written)?;
    Ok((doc, written))
}

/// The assessment named on the command line, or, without one, the one picked from the
/// catalog.
fn choose_assessment<P: Prompter>(
    catalog: &Catalog,
    args: &AssessArgs,
    prompter: &mut P,
) -> anyhow::Result<crate::assessment::Entry> {
    Ok(match &args.assessment {
        Some(spec) => catalog.resolve(spec)?,
        None => {
            let entries: Vec<String> = catalog
                .entries
                .iter()
                .map(|e| format!("{} — {}", e.assessment.id, e.assessment.title))
                .collect();
            let pick = prompter.select("Which assessment?", &entries, 0)?;
            catalog.entries[pick].clone()
        }
    })
}

/// The draft the workshop works on: the saved one, when `--resume` asks for it or the
/// room accepts the offer, otherwise a new one; a separate draft is always new.
fn resume_or_start<P: Prompter>(
    env: &Env,
    prompter: &mut P,
    args: &AssessArgs,
    assessment: &Assessment,
    draft_path: &Path,
    separate: bool,
    clock: &dyn Fn() -> String,
) -> anyhow::Result<Draft> {
    let saved = if separate {
        None
    } else {
        Draft::load(draft_path)?
    };
    if let Some(d) = &saved {
        refuse_if_invalid(d, assessment, draft_path)?;
    }
    Ok(match saved {
        Some(d) if args.resume || offer(prompter, &d, assessment)? => {
            if let Some(other) = d.other_version(assessment) {
                prompter.say(&format!(
                    "Note: this draft was saved with {other}; answers are kept by item id."
                ));
            }
            d
        }
        None if args.resume && !separate => bail!(
            "there is no draft of {} to resume in this directory ({} does not exist)",
            assessment.id,
            draft_path.display()
        ),
        _ => new_draft(env, prompter, args, assessment, clock)?,
    })
}

/// Applies `--raters` to a new draft; a draft already started keeps its raters, so the
/// ratings it holds stay theirs.
fn keep_or_set_raters<P: Prompter>(
    args: &AssessArgs,
    draft: &mut Draft,
    prompter: &mut P,
) -> anyhow::Result<()> {
    if let Some(list) = &args.raters {
        let raters = RaterSpec::parse_list(list).map_err(|e| anyhow::anyhow!("--raters: {e}"))?;
        if draft.answers.raters.is_empty() || draft.answers.raters == raters {
            draft.answers.raters = raters;
        } else {
            prompter.say("Note: this draft keeps the raters it was started with.");
        }
    }
    Ok(())
}

/// Takes the lock of the assessment's draft: the draft's path, the lock, and whether it
/// is a separate draft. When another `plead assess` holds it, says who and offers to
/// open the draft read-only (`None`: shown, nothing changed) or to start a separate
/// draft beside it.
fn take_draft<P: Prompter>(
    env: &Env,
    prompter: &mut P,
    assessment: &Assessment,
    now: &str,
) -> anyhow::Result<Option<(PathBuf, DraftLock, bool)>> {
    let path = draft::path(&assessment.id);
    let holder = match lock::acquire(&path, now)? {
        Ok(lock) => return Ok(Some((path, lock, false))),
        Err(holder) => holder,
    };
    prompter.say(&format!(
        "The draft {} is in use by another plead assess ({}). Answering here could overwrite that workshop's answers.",
        path.display(),
        holder.describe()
    ));
    let choices = [
        "Open it read-only: show its answers so far, change nothing".to_string(),
        "Start a separate draft".to_string(),
        "Stop".to_string(),
    ];
    match prompter.select("What would you like to do?", &choices, 0)? {
        0 => {
            read_only(env, assessment, &path)?;
            Ok(None)
        }
        1 => {
            for n in 2..1000 {
                let separate = draft::numbered_path(&assessment.id, n);
                if separate.exists() {
                    continue;
                }
                if let Ok(lock) = lock::acquire(&separate, now)? {
                    return Ok(Some((separate, lock, true)));
                }
            }
            bail!("no free name for a separate draft in .plead/")
        }
        _ => bail!(
            "stopped: the draft {} is in use by {}. If no plead assess is running there any more (and this computer cannot tell), remove {} and run again",
            path.display(),
            holder.describe(),
            lock::lock_path(&path).display()
        ),
    }
}

/// Shows a draft in use elsewhere as it stands, scored as if finished; writes nothing.
fn read_only(env: &Env, assessment: &Assessment, path: &Path) -> anyhow::Result<()> {
    let Some(d) = Draft::load(path)? else {
        bail!(
            "the draft {} is not there yet: its workshop has not saved an answer",
            path.display()
        );
    };
    refuse_if_invalid(&d, assessment, path)?;
    let doc = score(
        assessment,
        &d.answers,
        Some(d.organisation.clone()),
        Some(d.period.clone()),
        env.now()?,
    );
    crate::output::stdout(&crate::render::result(
        &doc,
        Format::Table,
        &env.render_options(),
    ))?;
    crate::output::message(&format!(
        "Read-only: {} of {} items answered so far, saved {}; nothing was changed.",
        d.answered(),
        assessment.items.len(),
        d.saved
    ));
    Ok(())
}

/// Refuses a draft that does not fit the assessment, listing its problems and leaving
/// it as it is.
fn refuse_if_invalid(d: &Draft, assessment: &Assessment, path: &Path) -> anyhow::Result<()> {
    let problems = d.check(assessment);
    if problems.is_empty() {
        return Ok(());
    }
    let why = match d.other_version(assessment) {
        Some(other) => format!("it was saved with {other}, and its answers do not fit"),
        None => {
            "it does not fit the assessment: it has been changed since plead saved it".to_string()
        }
    };
    let list: Vec<String> = problems.iter().map(|p| format!("\n  {p}")).collect();
    bail!(
        "the draft {} cannot be resumed: {why}:{}\nThe draft is kept as it is; move it aside to start again",
        path.display(),
        list.concat()
    )
}

/// Offers to continue a draft; `false` starts again.
fn offer<P: Prompter>(prompter: &mut P, d: &Draft, a: &Assessment) -> anyhow::Result<bool> {
    prompter.say(&format!(
        "A draft of {} for {}, {} is saved: {} of {} items answered, last saved {}.",
        a.title,
        d.organisation,
        d.period,
        d.answered(),
        a.items.len(),
        crate::render::text::human_time(&d.saved)
    ));
    if prompter.confirm("Continue this draft?", true)? {
        return Ok(true);
    }
    if prompter.confirm("Start again? The draft's answers will be replaced.", false)? {
        return Ok(false);
    }
    bail!("stopped: the draft is kept")
}

fn new_draft<P: Prompter>(
    env: &Env,
    prompter: &mut P,
    args: &AssessArgs,
    assessment: &Assessment,
    clock: &dyn Fn() -> String,
) -> anyhow::Result<Draft> {
    let organisation = match &args.org {
        Some(o) => o.clone(),
        None => prompter.input("Organisation", "", false)?,
    };
    let period = match &args.period {
        Some(p) => p.clone(),
        None => ask_period(env, prompter)?,
    };
    Ok(Draft {
        schema: DRAFT_SCHEMA.to_string(),
        assessment: assessment.id.clone(),
        version: Some(assessment.version.clone()),
        definition_hash: assessment.definition_hash(),
        organisation,
        period,
        saved: clock(),
        position: 0,
        skipped: Vec::new(),
        answers: Answers::default(),
        live: None,
    })
}

/// The period, asked until it is one `plead trend` can put in order.
fn ask_period<P: Prompter>(env: &Env, prompter: &mut P) -> anyhow::Result<String> {
    let this_quarter = super::quarter(env.now()?);
    loop {
        let period = prompter.input("Period", &this_quarter, false)?;
        match period::refusal(&period) {
            None => return Ok(period),
            Some(why) => prompter.say(&format!("Not a period: {why}.")),
        }
    }
}

/// Writes the Result (and any report asked for) where the user can find it: each `--out`,
/// or `<organisation>-<assessment>-<period>.json` (and `.md`/`.csv`/`.html` for `--format`).
/// A name that exists is not overwritten without `--force`: `rename` gives another.
fn write_files(
    env: &Env,
    doc: &ResultDoc,
    args: &AssessArgs,
    mut rename: impl FnMut(&Path) -> anyhow::Result<PathBuf>,
) -> anyhow::Result<Vec<PathBuf>> {
    let mut targets: Vec<(Dest, Format)> = Vec::new();
    if args.output.out.is_empty() {
        let stem = crate::portable::stem(&format!(
            "{}-{}-{}",
            slug(&doc.context.organisation),
            doc.assessment.id,
            slug(&doc.context.period)
        ));
        // The Result, and beside it the report asked for (the table is on the screen).
        let report =
            Some(args.output.format).filter(|f| !matches!(f, Format::Table | Format::Json));
        for format in std::iter::once(Format::Json).chain(report) {
            targets.push((
                Dest::File(PathBuf::from(format!("{stem}.{}", format.extension()))),
                format,
            ));
        }
    } else {
        for dest in &args.output.out {
            let format = dest
                .path()
                .and_then(super::format_of)
                .unwrap_or(args.output.format);
            targets.push((dest.clone(), format));
        }
    }
    // Every name is settled first, then all the files are written or none.
    let options = crate::render::Options::default();
    let mut files = Vec::new();
    let mut to_stdout = Vec::new();
    for (dest, format) in targets {
        let bytes = crate::render::result(doc, format, &options);
        let Dest::File(mut path) = dest else {
            super::refuse_binary_on_terminal(env, format)?;
            to_stdout.push(bytes);
            continue;
        };
        while !args.output.force
            && (path.exists() || files.iter().any(|f: &Planned| f.path == path))
        {
            path = rename(&path)?;
        }
        files.push(Planned {
            path,
            bytes,
            readers: super::result_readers(format),
        });
    }
    let written = files.iter().map(|f| f.path.clone()).collect();
    crate::output::write_all(files, args.output.force)?;
    for bytes in &to_stdout {
        crate::output::stdout(bytes)?;
    }
    Ok(written)
}

/// `name-2.ext`, `name-3.ext`, … : the first that does not exist.
fn free_name(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("result");
    let ext = path.extension().and_then(|s| s.to_str());
    (2..)
        .map(|n| {
            let name = match ext {
                Some(e) => format!("{stem}-{n}.{e}"),
                None => format!("{stem}-{n}"),
            };
            path.with_file_name(name)
        })
        .find(|p| !p.exists())
        .expect("some name is free")
}

/// A file-name-safe form of a name: lower case, letters and digits joined by '-'.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "result".into() } else { out }
}
