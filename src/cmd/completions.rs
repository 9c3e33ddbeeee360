//! `plead completions` and `plead man`: shell completions and the man page, generated from
//! the same clap definition as the parser, so they cannot drift from it.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::output::Dest;

pub fn run(args: CompletionsArgs) -> anyhow::Result<()> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "plead", &mut out);
    crate::output::stdout(&out)
}

/// The man page: the command, its options, and a section per subcommand with its own.
pub fn man(args: ManArgs) -> anyhow::Result<()> {
    let command = Cli::command();
    let mut out = Vec::new();
    let page = clap_mangen::Man::new(command.clone());
    page.render_title(&mut out)?;
    page.render_name_section(&mut out)?;
    page.render_synopsis_section(&mut out)?;
    page.render_description_section(&mut out)?;
    page.render_options_section(&mut out)?;
    page.render_subcommands_section(&mut out)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let title = sub.get_name().to_uppercase();
        let sub_page =
            clap_mangen::Man::new(sub.clone().bin_name(format!("plead {}", sub.get_name())));
        // Each subcommand's synopsis, description and options, under its own heading.
        out.extend_from_slice(format!(".SH \"PLEAD {title}\"\n").as_bytes());
        let mut section = Vec::new();
        sub_page.render_synopsis_section(&mut section)?;
        sub_page.render_description_section(&mut section)?;
        sub_page.render_options_section(&mut section)?;
        out.extend(demote(&section));
    }
    page.render_version_section(&mut out)?;
    match &args.out {
        Some(Dest::File(path)) => {
            crate::output::write_file(path, &out, args.force)?;
            crate::output::message(&format!("wrote {}", path.display()));
            Ok(())
        }
        Some(Dest::Stdout) | None => crate::output::stdout(&out),
    }
}

/// A subcommand's sections as subsections (`.SH` → `.SS`) of the one page.
fn demote(roff: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(roff)
        .lines()
        .map(|l| match l.strip_prefix(".SH ") {
            Some(rest) => format!(".SS {rest}\n"),
            None => format!("{l}\n"),
        })
        .collect::<String>()
        .into_bytes()
}
