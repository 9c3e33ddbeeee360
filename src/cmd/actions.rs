//! `plead actions`: the actions log — listed (overdue, open, done, dropped, with their
//! history) in any report format, an action added (`add`, e.g. after reading a survey's
//! results) or reviewed (`review`). The log is read and checked by `crate::actions`,
//! changed in its own text (hand edits kept) and written atomically; a log that does not
//! check out is never written.

use std::path::Path;

use anyhow::{Context, bail};
use time::Date;

use super::Env;

use crate::CheckFailed;
use crate::actions::closing::{Around, closing};
use crate::actions::read::{Expect, read};
use crate::actions::{Action, Answers, Change, Log, Status, date, edit};
use crate::assessment::{Assessment, Catalog};
use crate::cli::{ActionsAddArgs, ActionsArgs, ActionsCommand, ActionsReviewArgs};
use crate::compare::{Diff, Trend, period};
use crate::output::{AtomicFile, Readers};
use crate::problem::Problems;
use crate::render::Section;
use crate::result::ResultDoc;

pub fn run(env: &Env, args: ActionsArgs) -> anyhow::Result<()> {
    match args.command {
        Some(ActionsCommand::Add(a)) => add(env, a),
        Some(ActionsCommand::Review(r)) => review(env, r),
        None => list(env, args),
    }
}

/// The assessments an action may answer: the catalog's.
pub fn known(catalog: &Catalog) -> Vec<&Assessment> {
    catalog.entries.iter().map(|e| &e.assessment).collect()
}

/// Today, by the run's clock.
pub fn today(env: &Env) -> anyhow::Result<Date> {
    Ok(env.now()?.date())
}

/// Reads and checks a log: its text (to change in place) and what it holds. With
/// `organisation`, a log of another organisation is refused.
pub fn read_log(
    path: &Path,
    known: &[&Assessment],
    organisation: Option<&str>,
) -> anyhow::Result<(String, Log)> {
    let bytes = crate::input::read_document(path)
        .with_context(|| format!("cannot read the actions log {}", path.display()))?;
    let log = read(
        &bytes,
        &Expect {
            known,
            organisation,
        },
    )
    .map_err(|problems| Problems {
        file: path.display().to_string(),
        problems,
    })?;
    let text = String::from_utf8(bytes).expect("a log that reads is UTF-8");
    Ok((text, log))
}

/// Writes a log's new text atomically, after checking it reads back (see `stage_log`).
pub fn write_log(path: &Path, text: &str, known: &[&Assessment]) -> anyhow::Result<()> {
    stage_log(path, text, known)?.commit()
}

/// A log's new text checked and written to a temporary file beside it, to be moved
/// into place by `commit` (dropped, it leaves the log as it was): an existing log keeps
/// its permissions; a new one is the user's own (it names people and quotes what they
/// said).
pub fn stage_log(path: &Path, text: &str, known: &[&Assessment]) -> anyhow::Result<AtomicFile> {
    read(
        text.as_bytes(),
        &Expect {
            known,
            organisation: None,
        },
    )
    .map_err(|problems| Problems {
        file: format!(
            "{} (as it would be written, so left as it was)",
            path.display()
        ),
        problems,
    })?;
    let mut file = AtomicFile::create(path, true, Readers::Owner)?;
    file.write_all(text.as_bytes())?;
    Ok(file)
}

/// The log a workshop of `organisation` keeps: read and checked, or a new one when the
/// file does not exist yet.
pub fn workshop_log(
    path: &Path,
    known: &[&Assessment],
    organisation: &str,
) -> anyhow::Result<(String, Log)> {
    if path.exists() {
        return read_log(path, known, Some(organisation));
    }
    Ok((
        edit::new_log(organisation),
        Log {
            organisation: organisation.trim().to_string(),
            actions: Vec::new(),
        },
    ))
}

/// What a workshop did to its log, in a line: "added A3, A4; reviewed A1 (done)".
pub fn describe(path: &Path, u: &crate::actions::workshop::Updated) -> String {
    let mut parts = Vec::new();
    if !u.added.is_empty() {
        parts.push(format!("added {}", u.added.join(", ")));
    }
    if !u.reviewed.is_empty() {
        let r: Vec<String> = u
            .reviewed
            .iter()
            .map(|(id, s)| format!("{id} ({})", s.as_str()))
            .collect();
        parts.push(format!("reviewed {}", r.join(", ")));
    }
    if parts.is_empty() {
        parts.push("nothing added or reviewed".into());
    }
    format!("actions log {}: {}", path.display(), parts.join("; "))
}

fn list(env: &Env, args: ActionsArgs) -> anyhow::Result<()> {
    let path = args.file.expect("clap requires the file");
    let catalog = Catalog::load(env.assessments.as_deref())?;
    let known = known(&catalog);
    let (_, mut log) = read_log(&path, &known, None)?;
    if let Some(id) = &args.assessment {
        log.actions.retain(|a| a.assessment == *id);
    }
    let today = today(env)?;
    let section = crate::render::actions::listing(&log, &known, today);
    let title = format!("Actions — {}", log.organisation);
    for written in super::emit_with(&args.output, env, |format, options| {
        crate::render::sections(&title, std::slice::from_ref(&section), format, options)
    })? {
        crate::output::message(&format!("wrote {written}"));
    }
    if args.fail_if_overdue {
        let overdue: Vec<String> = log
            .actions
            .iter()
            .filter(|a| a.is_overdue(today))
            .map(|a| {
                let due = a.due.map(date::human).unwrap_or_default();
                format!("{} (due {due})", a.id)
            })
            .collect();
        if !overdue.is_empty() {
            return Err(CheckFailed(format!(
                "{} action{} overdue on {}: {}",
                overdue.len(),
                if overdue.len() == 1 { " is" } else { "s are" },
                date::human(today),
                overdue.join(", ")
            ))
            .into());
        }
    }
    Ok(())
}

/// The period given, or the current quarter; refused unless plead can order it.
fn period_or_quarter(env: &Env, given: Option<&str>) -> anyhow::Result<String> {
    let p = match given {
        Some(p) => p.trim().to_string(),
        None => super::quarter(env.now()?),
    };
    if let Some(why) = period::refusal(&p) {
        bail!("--period: {why}");
    }
    Ok(p)
}

fn add(env: &Env, args: ActionsAddArgs) -> anyhow::Result<()> {
    let catalog = Catalog::load(env.assessments.as_deref())?;
    let known = known(&catalog);
    let entry = catalog.resolve(&args.assessment)?;
    let assessment = &entry.assessment;
    let answers = answering(assessment, &args.answering)?;
    let Some(due) = date::parse(&args.due) else {
        bail!("--due \"{}\" is not a date: give {}", args.due, date::FORMS);
    };
    let text = args.text.trim();
    if text.is_empty() {
        bail!("--text is empty: say what will be done");
    }
    let agreed = period_or_quarter(env, args.period.as_deref())?;
    let (current, log) = if args.file.exists() {
        read_log(&args.file, &known, args.org.as_deref())?
    } else {
        let Some(org) = args.org.as_deref().map(str::trim).filter(|o| !o.is_empty()) else {
            bail!(
                "{} does not exist yet: name the organisation whose log it is with --org to start it",
                args.file.display()
            );
        };
        (
            edit::new_log(org),
            Log {
                organisation: org.to_string(),
                actions: Vec::new(),
            },
        )
    };
    let action = Action {
        id: log.next_id(),
        assessment: assessment.id.clone(),
        answers,
        text: text.to_string(),
        owner: Some(args.owner.trim().to_string()).filter(|o| !o.is_empty()),
        due: Some(due),
        agreed: agreed.clone(),
        history: vec![Change {
            status: Status::Open,
            period: agreed,
            date: today(env)?,
            note: args.note.trim().to_string(),
        }],
    };
    let updated = edit::add(&current, &action)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    write_log(&args.file, &updated, &known)?;
    crate::output::message(&format!("added {} to {}", action.id, args.file.display()));
    Ok(())
}

/// The item, finding or comment named on the command line, checked against the
/// assessment.
fn answering(a: &Assessment, given: &crate::cli::Answering) -> anyhow::Result<Answers> {
    if let Some(item) = &given.item {
        if a.item(item).is_none() {
            let ids: Vec<&str> = a.items.iter().map(|i| i.id.as_str()).collect();
            bail!(
                "--item: unknown item \"{item}\" (items of {}: {})",
                a.id,
                ids.join(", ")
            );
        }
        return Ok(Answers::Item(item.clone()));
    }
    if let Some(finding) = &given.finding {
        if !a.findings.iter().any(|f| f.id == *finding) {
            let ids: Vec<&str> = a.findings.iter().map(|f| f.id.as_str()).collect();
            bail!(
                "--finding: unknown finding \"{finding}\" (findings of {}: {})",
                a.id,
                ids.join(", ")
            );
        }
        return Ok(Answers::Finding(finding.clone()));
    }
    match &given.comment {
        Some(c) if a.comment(c).is_some() => Ok(Answers::Comment(c.clone())),
        Some(c) => bail!("--comment: {}", crate::actions::read::unknown_comment(a, c)),
        None => bail!("give --item, --finding or --comment: what the action answers"),
    }
}

fn review(env: &Env, args: ActionsReviewArgs) -> anyhow::Result<()> {
    let catalog = Catalog::load(env.assessments.as_deref())?;
    let known = known(&catalog);
    let (current, log) = read_log(&args.file, &known, None)?;
    let Some(status) = Status::parse(&args.status) else {
        bail!(
            "--status \"{}\" is not one of {}",
            args.status,
            Status::listed()
        );
    };
    if log.action(&args.id).is_none() {
        bail!("{}", unknown_id(&args.file, &log, &args.id));
    }
    let change = Change {
        status,
        period: period_or_quarter(env, args.period.as_deref())?,
        date: today(env)?,
        note: args.note.trim().to_string(),
    };
    let updated = edit::review(&current, &args.id, &change)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    write_log(&args.file, &updated, &known)?;
    crate::output::message(&format!(
        "{}: {} is {} now",
        args.file.display(),
        args.id,
        status.as_str()
    ));
    Ok(())
}

/// "there is no action "A9" in FILE (its actions: A1, A2)".
pub fn unknown_id(path: &Path, log: &Log, id: &str) -> String {
    let ids: Vec<&str> = log.actions.iter().map(|a| a.id.as_str()).collect();
    let listed = if ids.is_empty() {
        "it has no actions yet".to_string()
    } else {
        format!("its actions: {}", ids.join(", "))
    };
    format!(
        "there is no action \"{id}\" in {} ({listed})",
        path.display()
    )
}

/// "You said, we did" from the log at `path` for the Result `now` (and, in a diff,
/// `then` and the diff): the log must be of `now`'s organisation.
pub fn closing_section(
    env: &Env,
    path: &Path,
    then: Option<&ResultDoc>,
    now: &ResultDoc,
    diff: Option<&Diff>,
) -> anyhow::Result<Section> {
    let catalog = Catalog::load(env.assessments.as_deref())?;
    let known = known(&catalog);
    let (_, log) = read_log(path, &known, Some(&now.context.organisation))?;
    let definition = known.iter().find(|k| k.id == now.assessment.id).copied();
    let around = Around {
        then,
        now,
        diff,
        definition,
    };
    let c = closing(&log, &around, today(env)?);
    Ok(crate::render::actions::closing(&c))
}

/// Each action's status across a trend's periods, from the log at `path` (of the
/// latest Result's organisation).
pub fn across_section(env: &Env, path: &Path, trend: &Trend) -> anyhow::Result<Section> {
    let catalog = Catalog::load(env.assessments.as_deref())?;
    let known = known(&catalog);
    let organisation = trend.periods.last().map(|p| p.organisation.as_str());
    let (_, log) = read_log(path, &known, organisation)?;
    Ok(crate::render::actions::across(&log, trend))
}
