//! `plead assess`: a workshop's answers scored into a Result and a report. With
//! `--answers` it runs without prompts, for scripts, tests and paper workshops.

use anyhow::Context;

use crate::assessment::Catalog;
use crate::cli::{AssessArgs, Global};
use crate::problem::Problems;
use crate::result::{Context as ResultContext, Method};

pub fn run(global: &Global, args: AssessArgs) -> anyhow::Result<()> {
    let catalog = Catalog::load(global.assessments.as_deref())?;
    let entry = catalog.resolve(&args.assessment)?;
    let assessment = &entry.assessment;
    let bytes = std::fs::read(&args.answers)
        .with_context(|| format!("cannot read the answers file {}", args.answers.display()))?;
    let answers = crate::answers::load(&bytes, assessment).map_err(|problems| Problems {
        file: args.answers.display().to_string(),
        problems,
    })?;
    let now = super::now()?;
    let context = ResultContext {
        organisation: args
            .org
            .or_else(|| answers.organisation.clone())
            .unwrap_or_else(|| "Unnamed organisation".to_string()),
        period: args
            .period
            .or_else(|| answers.period.clone())
            .unwrap_or_else(|| super::quarter(now)),
        created: super::rfc3339(now),
        plead_version: env!("CARGO_PKG_VERSION").to_string(),
        method: Method::Workshop,
    };
    let doc = crate::score::workshop::result(assessment, &answers, context);
    for path in super::emit(&doc, &args.output, global)? {
        eprintln!("wrote {path}");
    }
    Ok(())
}
