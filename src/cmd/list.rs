//! `plead list`: the assessments available, and where each came from.

use super::Env;

use crate::assessment::Catalog;
use crate::render::model::{Block, Grid};

pub fn run(env: &Env) -> anyhow::Result<()> {
    let catalog = Catalog::load(env.assessments.as_deref())?;
    for broken in &catalog.broken {
        crate::output::message(&format!(
            "warning: skipped an assessment file that does not validate:\n{broken}"
        ));
    }
    let mut grid = Grid::new(&[
        ("Id", false),
        ("Title", false),
        ("Version", false),
        ("Items", true),
        ("From", false),
    ]);
    for e in &catalog.entries {
        let a = &e.assessment;
        grid.row(vec![
            a.id.clone(),
            a.title.clone(),
            a.version.clone(),
            a.items.len().to_string(),
            e.origin.to_string(),
        ]);
    }
    let options = env.render_options();
    crate::output::stdout(crate::render::table_blocks(&[Block::Grid(grid)], &options).as_bytes())
}
