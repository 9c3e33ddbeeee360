//! `plead trend`: Results of one assessment put in period order and followed row by row;
//! with `--actions`, each action's status across the periods.

use super::Env;

use crate::cli::TrendArgs;
use crate::compare::{self, Named};
use crate::render;

pub fn run(env: &Env, args: TrendArgs) -> anyhow::Result<()> {
    let docs = args
        .results
        .iter()
        .map(|path| super::read_result(path))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let names: Vec<String> = args
        .results
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let results: Vec<Named> = names
        .iter()
        .zip(&docs)
        .map(|(name, doc)| Named { name, doc })
        .collect();
    let trend = compare::trend(&results)?;
    for note in trend.notes.iter().filter(|n| n.kind.is_warning()) {
        crate::output::message(&format!("warning: {}", note.message));
    }
    let sections = match &args.actions {
        Some(log) => vec![super::actions::across_section(env, log, &trend)?],
        None => Vec::new(),
    };
    for path in super::emit_with(&args.output, env, |format, options| {
        render::trend_with(&trend, &sections, format, options)
    })? {
        crate::output::message(&format!("wrote {path}"));
    }
    Ok(())
}
