//! `plead validate`: checks assessment files and prints every problem as
//! `file:line:column: message`. Exit 0 when all are valid, 2 otherwise.

use anyhow::bail;

use crate::assessment::read_file;
use crate::cli::ValidateArgs;
use crate::render::text::terminal_safe;

pub fn run(args: ValidateArgs) -> anyhow::Result<()> {
    let mut invalid = 0;
    let mut report = String::new();
    for path in &args.files {
        match read_file(path) {
            // The path and the file's own id and version are quoted: a file someone sent
            // is what validate is for, so nothing in it may drive the terminal.
            Ok(a) => report.push_str(&terminal_safe(&format!(
                "{}: ok ({} {}, {} items{})\n",
                path.display(),
                a.id,
                a.version,
                a.items.len(),
                match a.comments.len() {
                    0 => String::new(),
                    1 => ", 1 comment question".to_string(),
                    n => format!(", {n} comment questions"),
                }
            ))),
            Err(problems) => {
                invalid += 1;
                crate::output::message(&problems.to_string());
            }
        }
    }
    crate::output::stdout(report.as_bytes())?;
    if invalid > 0 {
        bail!(
            "{invalid} of {} file{} not valid",
            args.files.len(),
            if args.files.len() == 1 {
                " is"
            } else {
                "s are"
            }
        );
    }
    Ok(())
}
