//! `plead report`: renders a saved Result; with `--actions`, "You said, we did" too.

use super::Env;

use crate::cli::ReportArgs;

pub fn run(env: &Env, args: ReportArgs) -> anyhow::Result<()> {
    let doc = super::read_result(&args.result)?;
    let sections = match &args.actions {
        Some(log) => vec![super::actions::closing_section(env, log, None, &doc, None)?],
        None => Vec::new(),
    };
    for path in super::emit_sections(&doc, &sections, &args.output, env)? {
        crate::output::message(&format!("wrote {path}"));
    }
    Ok(())
}
