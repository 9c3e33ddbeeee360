//! The layers DESIGN.md sets, checked on the source: the core (assessment, score,
//! survey, compare, render) never reaches the command line or the workshop's terminal,
//! `compare` uses no renderer, and no modules import each other in a circle (tests may
//! reach across modules; the layers hold for them too). The graph is built from every
//! `crate::…` and `super::…` path in `src/` (`module_graph`); each rule was seen to fail
//! with an offending import added.

use crate::module_graph::{Graph, describe};
use crate::support::root;

/// The core: pure, no terminal, no files, no clock.
const CORE: [&str; 5] = ["assessment", "score", "survey", "compare", "render"];
/// What the core may not reach: the command line, the commands, the workshop's prompts.
const ABOVE_THE_CORE: [&str; 3] = ["cli", "cmd", "interact"];

fn graph() -> Graph {
    let graph = Graph::of_tree(&root().join("src"));
    // A graph read from nothing would pass every rule.
    assert!(graph.edges.len() > 50, "{} modules read", graph.edges.len());
    assert!(graph.edges.contains_key("render::diff"));
    graph
}

#[test]
fn the_core_never_imports_the_command_line_the_commands_or_the_workshop() {
    let graph = graph();
    let mut found = Vec::new();
    for core in CORE {
        for above in ABOVE_THE_CORE {
            for (from, to, place) in graph.references(core, above) {
                found.push(format!("{place}: {from} uses {to}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the core reaches above itself:\n{}",
        found.join("\n")
    );
}

#[test]
fn compare_uses_no_renderer() {
    let found: Vec<String> = graph()
        .references("compare", "render")
        .into_iter()
        .map(|(from, to, place)| format!("{place}: {from} uses {to}"))
        .collect();
    assert!(
        found.is_empty(),
        "compare reaches into render:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_modules_import_each_other_in_a_circle() {
    if let Some(circle) = graph().cycle() {
        panic!("an import circle: {}", describe(&circle));
    }
}
