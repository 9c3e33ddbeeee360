//! `plead report`: renders a saved Result.

use super::Env;

use crate::cli::ReportArgs;

pub fn run(env: &Env, args: ReportArgs) -> anyhow::Result<()> {
    let doc = super::read_result(&args.result)?;
    for path in super::emit(&doc, &args.output, env)? {
        crate::output::message(&format!("wrote {path}"));
    }
    Ok(())
}
