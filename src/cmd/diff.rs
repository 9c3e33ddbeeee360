//! `plead diff`: two Results compared — what changed between quarters, and whether it
//! matters. `--fail-if-worse` turns it into a check for scripts.

use super::Env;

use crate::CheckFailed;
use crate::cli::DiffArgs;
use crate::compare::{self, Named};
use crate::render;

pub fn run(env: &Env, args: DiffArgs) -> anyhow::Result<()> {
    let old = super::read_result(&args.old)?;
    let new = super::read_result(&args.new)?;
    let (old_name, new_name) = (
        args.old.display().to_string(),
        args.new.display().to_string(),
    );
    let diff = compare::diff(
        Named {
            name: &old_name,
            doc: &old,
        },
        Named {
            name: &new_name,
            doc: &new,
        },
    )?;
    for note in diff.notes.iter().filter(|n| n.kind.is_warning()) {
        crate::output::message(&format!("warning: {}", note.message));
    }
    let sections = match &args.actions {
        Some(log) => vec![super::actions::closing_section(
            env,
            log,
            Some(&old),
            &new,
            Some(&diff),
        )?],
        None => Vec::new(),
    };
    for path in super::emit_with(&args.output, env, |format, options| {
        render::diff_with(&diff, &sections, format, options)
    })? {
        crate::output::message(&format!("wrote {path}"));
    }
    if args.fail_if_worse {
        let falls = diff.falls(args.min_change);
        if !falls.is_empty() {
            return Err(CheckFailed(format!(
                "worse in {} than in {}: {}",
                diff.new.period,
                diff.old.period,
                falls.join(", ")
            ))
            .into());
        }
    }
    Ok(())
}
