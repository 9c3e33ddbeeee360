//! `plead template`: an assessment sent out and brought back. csv and xlsx give a returns
//! sheet that `plead score` reads with no `--map` and the questions with their answer
//! options as they should be typed into a survey tool; markdown and html give a printable
//! questionnaire for paper workshops.

use std::path::{Path, PathBuf};

use anyhow::bail;

use super::Env;

use crate::assessment::Catalog;
use crate::cli::TemplateArgs;
use crate::output::Dest;
use crate::render::Format;
use crate::render::{questionnaire, template};

pub fn run(env: &Env, args: TemplateArgs) -> anyhow::Result<()> {
    let catalog = Catalog::load(env.assessments.as_deref())?;
    let entry = catalog.resolve(&args.assessment)?;
    let a = &entry.assessment;
    let format = args
        .format
        .or_else(|| args.out.as_ref().and_then(Dest::path).and_then(format_of))
        .unwrap_or(Format::Markdown);
    let written = match format {
        Format::Markdown | Format::Html => {
            let text = match format {
                Format::Html => questionnaire::html(a),
                _ => questionnaire::markdown(a),
            };
            let dest = args.out.unwrap_or(Dest::Stdout);
            crate::output::write(&dest, text.as_bytes(), args.force)?;
            dest.path().map(Path::to_path_buf).into_iter().collect()
        }
        Format::Xlsx => {
            let dest = args
                .out
                .unwrap_or_else(|| Dest::File(format!("{}-template.xlsx", a.id).into()));
            if dest.is_stdout() {
                super::refuse_binary_on_terminal(env, Format::Xlsx)?;
            }
            crate::output::write(&dest, &template::workbook(a), args.force)?;
            dest.path().map(Path::to_path_buf).into_iter().collect()
        }
        Format::Csv => {
            let returns = match args.out {
                Some(Dest::File(path)) => path,
                None => format!("{}-returns.csv", a.id).into(),
                Some(Dest::Stdout) => bail!(
                    "a CSV template is two files (the returns sheet and the questions): give --out FILE.csv"
                ),
            };
            let questions = questions_path(&returns);
            // Both files or neither.
            let planned = |path: &Path, bytes: Vec<u8>| crate::output::Planned {
                path: path.to_path_buf(),
                bytes,
                readers: crate::output::Readers::Anyone,
            };
            crate::output::write_all(
                vec![
                    planned(&returns, template::returns_csv(a)),
                    planned(&questions, template::questions_csv(a)),
                ],
                args.force,
            )?;
            vec![returns, questions]
        }
        Format::Table | Format::Json => {
            unreachable!("--format {} is not offered by template", format.name())
        }
    };
    for path in &written {
        crate::output::message(&format!("wrote {}", path.display()));
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
fn format_of(path: &Path) -> Option<Format> {
    Format::from_path(path).filter(|f| {
        matches!(
            f,
            Format::Csv | Format::Xlsx | Format::Markdown | Format::Html
        )
    })
}

/// `returns.csv` → `returns-questions.csv`, beside it.
fn questions_path(returns: &Path) -> PathBuf {
    let stem = returns
        .file_stem()
        .map_or_else(|| "template".into(), |s| s.to_string_lossy().into_owned());
    let stem = stem.strip_suffix("-returns").unwrap_or(&stem);
    returns.with_file_name(format!("{stem}-questions.csv"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_questions_file_sits_beside_the_returns() {
        assert_eq!(
            questions_path(Path::new("returns.csv")),
            Path::new("returns-questions.csv")
        );
        assert_eq!(
            questions_path(Path::new("out/culture-returns.csv")),
            Path::new("out/culture-questions.csv")
        );
    }
}
