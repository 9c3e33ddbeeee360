//! `plead report`: renders a saved Result.

use crate::cli::{Global, ReportArgs};

pub fn run(global: &Global, args: ReportArgs) -> anyhow::Result<()> {
    let doc = super::read_result(&args.result)?;
    for path in super::emit(&doc, &args.output, global)? {
        crate::output::message(&format!("wrote {path}"));
    }
    Ok(())
}
