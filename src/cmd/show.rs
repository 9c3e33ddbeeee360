//! `plead show`: a whole assessment, as a table, Markdown or JSON.

use super::Env;

use crate::assessment::Catalog;
use crate::cli::ShowArgs;
use crate::render::{self, Format};

pub fn run(env: &Env, args: ShowArgs) -> anyhow::Result<()> {
    let catalog = Catalog::load(env.assessments.as_deref())?;
    let entry = catalog.resolve(&args.assessment)?;
    let a = &entry.assessment;
    let text = match args.format {
        Format::Table => {
            render::table_blocks(&render::assessment::blocks(a), &env.render_options())
        }
        Format::Markdown => render::markdown_blocks(&render::assessment::blocks(a)),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(a)?;
            s.push('\n');
            s
        }
        other => unreachable!("--format {} is not offered by show", other.name()),
    };
    crate::output::stdout(text.as_bytes())
}
