//! `plead template`: an assessment sent out and brought back. csv and xlsx give a returns
//! sheet that `plead score` reads with no `--map` and the questions with their answer
//! options as they should be typed into a survey tool; markdown and html give a printable
//! questionnaire for paper workshops.

use std::path::Path;

use anyhow::bail;

use crate::assessment::Catalog;
use crate::cli::{Global, TemplateArgs};
use crate::render::Format;
use crate::render::{questionnaire, template};

pub fn run(global: &Global, args: TemplateArgs) -> anyhow::Result<()> {
    let catalog = Catalog::load(global.assessments.as_deref())?;
    let entry = catalog.resolve(&args.assessment)?;
    let a = &entry.assessment;
    let format = args
        .format
        .or_else(|| args.out.as_deref().and_then(format_of))
        .unwrap_or(Format::Markdown);
    let written = match format {
        Format::Markdown | Format::Html => {
            let text = match format {
                Format::Html => questionnaire::html(a),
                _ => questionnaire::markdown(a),
            };
            let path = args.out.as_deref().unwrap_or("-");
            crate::output::write(path, text.as_bytes(), args.force)?;
            vec![path.to_string()]
        }
        Format::Xlsx => {
            let default = format!("{}-template.xlsx", a.id);
            let path = args.out.as_deref().unwrap_or(&default);
            if path == "-" {
                super::refuse_binary_on_terminal(Format::Xlsx)?;
            }
            crate::output::write(path, &template::workbook(a), args.force)?;
            vec![path.to_string()]
        }
        Format::Csv => {
            let default = format!("{}-returns.csv", a.id);
            let returns = args.out.as_deref().unwrap_or(&default);
            if returns == "-" {
                bail!(
                    "a CSV template is two files (the returns sheet and the questions): give --out FILE.csv"
                );
            }
            let questions = questions_path(returns);
            // Both files or neither.
            let planned = |path: &str, bytes: Vec<u8>| crate::output::Planned {
                path: path.into(),
                bytes,
                readers: crate::output::Readers::Anyone,
            };
            crate::output::write_all(
                vec![
                    planned(returns, template::returns_csv(a)),
                    planned(&questions, template::questions_csv(a)),
                ],
                args.force,
            )?;
            vec![returns.to_string(), questions]
        }
        Format::Table | Format::Json => {
            unreachable!("--format {} is not offered by template", format.name())
        }
    };
    for path in written.iter().filter(|p| *p != "-") {
        crate::output::message(&format!("wrote {path}"));
    }
    if matches!(format, Format::Csv | Format::Xlsx) {
        crate::output::message(&format!(
            "score the returns with: plead score {} FILE --group-by {}",
            a.id,
            template::ROLE
        ));
    }
    Ok(())
}

/// The template format a file's extension names: a questionnaire or a returns sheet.
fn format_of(path: &str) -> Option<Format> {
    Format::from_path(path).filter(|f| {
        matches!(
            f,
            Format::Csv | Format::Xlsx | Format::Markdown | Format::Html
        )
    })
}

/// `returns.csv` → `returns-questions.csv`, beside it.
fn questions_path(returns: &str) -> String {
    let path = Path::new(returns);
    let stem = path
        .file_stem()
        .map_or_else(|| "template".into(), |s| s.to_string_lossy().into_owned());
    let stem = stem.strip_suffix("-returns").unwrap_or(&stem);
    path.with_file_name(format!("{stem}-questions.csv"))
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_questions_file_sits_beside_the_returns() {
        assert_eq!(questions_path("returns.csv"), "returns-questions.csv");
        assert_eq!(
            questions_path("out/culture-returns.csv"),
            "out/culture-questions.csv"
        );
    }
}
