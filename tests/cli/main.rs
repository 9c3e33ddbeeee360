//! The one integration test binary: drives the real `plead` binary, a module per
//! subcommand mirroring `src/cmd`, and the hardening tests: fuzz finds replayed,
//! property tests over the core, hostile text, resource bounds and interruptions.

mod bombs;
mod fuzz_harness;
mod module_graph;
// A live workshop's terminal and phones, for test_live.
#[cfg(unix)]
mod live;
mod support;
// A pseudo-terminal driver, for the Unix-only terminal tests.
#[cfg(unix)]
mod tty;

mod test_actions;
mod test_assess;
mod test_builtins;
mod test_columns;
mod test_comments;
mod test_completions;
mod test_diff;
mod test_drafts;
mod test_fidelity;
mod test_fuzz;
mod test_hostile;
mod test_html;
mod test_layers;
// Signals, pseudo-terminals and Unix file systems (/dev/full, FIFOs, read-only mounts).
#[cfg(unix)]
mod test_interruptions;
mod test_limits;
mod test_list;
#[cfg(unix)]
mod test_live;
mod test_new;
mod test_people;
mod test_properties;
mod test_readme;
mod test_report;
mod test_scales;
mod test_score;
mod test_show;
mod test_spreadsheet_bombs;
mod test_support;
mod test_suppression;
mod test_template;
#[cfg(unix)]
mod test_terminal;
mod test_trend;
mod test_validate;
mod test_wording;
mod test_workshop;
mod test_writes;
mod test_xlsx;
