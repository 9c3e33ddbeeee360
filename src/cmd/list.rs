//! `plead list`: the assessments available, and where each came from.

use crate::assessment::Catalog;
use crate::cli::Global;
use crate::render::model::{Block, Grid};

pub fn run(global: &Global) -> anyhow::Result<()> {
    let catalog = Catalog::load(global.assessments.as_deref())?;
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
    let options = super::render_options(global);
    crate::output::stdout(crate::render::table_blocks(&[Block::Grid(grid)], &options).as_bytes())
}
