//! The library's module graph, read from its source: every `crate::…` and `super::…`
//! path (in `use` trees and in code) is resolved to the module it names, so a test can
//! check the layers (the core never reaches the command line) and find import circles.
//! A file is a node (`render::diff`); an inline module (`mod tests { … }`) belongs to
//! its file's node, and a path to an item belongs to the module that holds it. What
//! only tests use (`#[cfg(test)]` modules, inline or in files of their own) is marked:
//! a test may reach across modules as the program may not.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Where an edge was seen: the file (relative to `src/`) and the line, and whether only
/// test code makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    pub line: usize,
    pub test: bool,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "src/{}:{}", self.file, self.line)
    }
}

/// Modules (`"render::diff"`, `""` for the crate root) and the modules each one's
/// source refers to, with the first place each reference is made.
#[derive(Debug, Default)]
pub struct Graph {
    pub edges: BTreeMap<String, BTreeMap<String, Place>>,
}

/// The module a file under `src/` is: `lib.rs` the root, `a/mod.rs` `a`, `a/b.rs` `a::b`.
pub fn module_of(file: &str) -> Vec<String> {
    let file = file.strip_suffix(".rs").unwrap_or(file);
    let mut parts: Vec<String> = file.split('/').map(str::to_string).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

impl Graph {
    /// The graph of the library under `src` (the binary's `main.rs` is another crate).
    pub fn of_tree(src: &Path) -> Graph {
        let mut files = Vec::new();
        collect(src, src, &mut files);
        Graph::of_sources(&files)
    }

    /// The graph of the given files: (path relative to `src/`, source text).
    pub fn of_sources(files: &[(String, String)]) -> Graph {
        let modules: BTreeSet<Vec<String>> = files.iter().map(|(f, _)| module_of(f)).collect();
        let scanned: Vec<(String, Vec<String>, Scan)> = files
            .iter()
            .map(|(file, text)| (file.clone(), module_of(file), scan(&module_of(file), text)))
            .collect();
        // Modules declared `#[cfg(test)] mod name;`: all their code is test code.
        let test_modules: BTreeSet<Vec<String>> = scanned
            .iter()
            .flat_map(|(_, _, s)| s.test_modules.iter().cloned())
            .collect();
        let mut graph = Graph::default();
        for (file, from, found) in &scanned {
            let in_test_module = (1..=from.len()).any(|n| test_modules.contains(&from[..n]));
            graph.edges.entry(from.join("::")).or_default();
            for (path, line, test) in &found.paths {
                let to = (0..=path.len())
                    .rev()
                    .map(|n| path[..n].to_vec())
                    .find(|prefix| modules.contains(prefix))
                    .unwrap_or_default();
                if to == *from {
                    continue;
                }
                let place = Place {
                    file: file.clone(),
                    line: *line,
                    test: *test || in_test_module,
                };
                let edges = graph.edges.entry(from.join("::")).or_default();
                match edges.get(&to.join("::")) {
                    // The program's own reference is the one to name.
                    Some(seen) if !seen.test || place.test => {}
                    _ => {
                        edges.insert(to.join("::"), place);
                    }
                }
            }
        }
        graph
    }

    /// Every reference from a module at or under `from` to one at or under `to`.
    pub fn references(&self, from: &str, to: &str) -> Vec<(String, String, Place)> {
        let within = |m: &str, top: &str| m == top || m.starts_with(&format!("{top}::"));
        let mut found = Vec::new();
        for (a, targets) in &self.edges {
            for (b, place) in targets {
                if within(a, from) && within(b, to) {
                    found.push((a.clone(), b.clone(), place.clone()));
                }
            }
        }
        found
    }

    /// An import circle in the program (test code left out), if there is one: the
    /// modules in order, the first repeated at the end, each step with the place it is
    /// made.
    pub fn cycle(&self) -> Option<Vec<(String, Place)>> {
        let mut done = BTreeSet::new();
        for start in self.edges.keys() {
            let mut path: Vec<(String, Option<Place>)> = vec![(start.clone(), None)];
            if let Some(found) = self.search(&mut path, &mut done) {
                return Some(found);
            }
        }
        None
    }

    /// Depth first from the end of `path`; `done` holds modules known to lead to no circle.
    fn search(
        &self,
        path: &mut Vec<(String, Option<Place>)>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<(String, Place)>> {
        let here = path.last().expect("a path has a start").0.clone();
        if done.contains(&here) {
            return None;
        }
        let program = self.edges.get(&here).into_iter().flatten();
        for (next, place) in program.filter(|(_, p)| !p.test) {
            if let Some(k) = path.iter().position(|(m, _)| m == next) {
                // Each step holds the place of the reference to the step after it.
                let mut circle: Vec<(String, Place)> = (k..path.len())
                    .map(|j| {
                        let onwards = match path.get(j + 1) {
                            Some((_, p)) => p.clone().expect("a step has a place"),
                            None => place.clone(),
                        };
                        (path[j].0.clone(), onwards)
                    })
                    .collect();
                circle.push((next.clone(), place.clone()));
                return Some(circle);
            }
            path.push((next.clone(), Some(place.clone())));
            let found = self.search(path, done);
            path.pop();
            if found.is_some() {
                return found;
            }
        }
        done.insert(here);
        None
    }
}

/// A circle as one line: `a → b (src/a.rs:3) → a (src/b.rs:7)`.
pub fn describe(circle: &[(String, Place)]) -> String {
    let name = |m: &str| {
        if m.is_empty() {
            "crate".to_string()
        } else {
            m.to_string()
        }
    };
    let mut text = name(&circle[0].0);
    for k in 1..circle.len() {
        text.push_str(&format!(" → {} ({})", name(&circle[k].0), circle[k - 1].1));
    }
    text
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(root, &path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let file = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if file != "main.rs" {
                let text = std::fs::read_to_string(&path).unwrap();
                files.push((file, text));
            }
        }
    }
}

/// A token of code (comments and literals already blanked) with its line.
#[derive(Debug, Clone, PartialEq)]
struct Token {
    text: String,
    line: usize,
}

fn tokens(code: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut line = 1;
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Token {
                text: chars[start..i].iter().collect(),
                line,
            });
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push(Token {
                text: "::".into(),
                line,
            });
            i += 2;
        } else if c.is_whitespace() {
            i += 1;
        } else {
            out.push(Token {
                text: c.to_string(),
                line,
            });
            i += 1;
        }
    }
    out
}

/// What a file's code refers to.
#[derive(Default)]
struct Scan {
    /// Every `crate::` and `super::` path, resolved to absolute segments from the crate
    /// root, with its line and whether it is in test code.
    paths: Vec<(Vec<String>, usize, bool)>,
    /// The modules the file declares `#[cfg(test)] mod name;`.
    test_modules: Vec<Vec<String>>,
}

/// Whether the tokens before `k` are `#[cfg(test)]`.
fn after_cfg_test(tokens: &[Token], k: usize) -> bool {
    let attribute = ["#", "[", "cfg", "(", "test", ")", "]"];
    k >= attribute.len()
        && tokens[k - attribute.len()..k]
            .iter()
            .zip(attribute)
            .all(|(t, a)| t.text == a)
}

/// Scans a file of module `file_module` for paths and test modules.
fn scan(file_module: &[String], text: &str) -> Scan {
    let tokens = tokens(&code_only(text));
    let mut found = Scan::default();
    // Inline modules open here: (name, the brace depth inside them, whether test code).
    let mut inline: Vec<(String, usize, bool)> = Vec::new();
    let mut depth = 0usize;
    let mut k = 0;
    while k < tokens.len() {
        let t = tokens[k].text.as_str();
        match t {
            "{" => depth += 1,
            "}" => {
                if inline.last().is_some_and(|(_, d, _)| *d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
            }
            "mod" if tokens.get(k + 2).is_some_and(|t| t.text == "{") => {
                let test = after_cfg_test(&tokens, k) || inline.iter().any(|(_, _, t)| *t);
                inline.push((tokens[k + 1].text.clone(), depth + 1, test));
            }
            "mod"
                if after_cfg_test(&tokens, k)
                    && tokens.get(k + 2).is_some_and(|t| t.text == ";") =>
            {
                let mut module = file_module.to_vec();
                module.push(tokens[k + 1].text.clone());
                found.test_modules.push(module);
            }
            "crate" | "super" => {
                let after_path = k > 0 && tokens[k - 1].text == "::";
                if !after_path && tokens.get(k + 1).is_some_and(|t| t.text == "::") {
                    let mut here: Vec<String> = file_module.to_vec();
                    here.extend(inline.iter().map(|(m, _, _)| m.clone()));
                    let test = inline.iter().any(|(_, _, t)| *t);
                    let (trees, next) = use_tree(&tokens, k);
                    for tree in trees {
                        found
                            .paths
                            .push((resolve(&here, &tree), tokens[k].line, test));
                    }
                    k = next;
                    continue;
                }
            }
            _ => {}
        }
        k += 1;
    }
    found
}

/// The path from `crate`/`super` onwards, relative to the module `here`.
fn resolve(here: &[String], path: &[String]) -> Vec<String> {
    let mut at: Vec<String> = here.to_vec();
    let mut rest = path;
    if rest.first().is_some_and(|s| s == "crate") {
        at.clear();
        rest = &rest[1..];
    }
    while rest.first().is_some_and(|s| s == "super") {
        at.pop();
        rest = &rest[1..];
    }
    at.extend(rest.iter().filter(|s| *s != "self").cloned());
    at
}

/// The paths a path or `use` tree starting at token `k` names (`a::{b, c::d}` is
/// `a::b` and `a::c::d`), and the token after it.
fn use_tree(tokens: &[Token], k: usize) -> (Vec<Vec<String>>, usize) {
    let mut prefix = Vec::new();
    let mut k = k;
    loop {
        let Some(t) = tokens.get(k) else {
            return (vec![prefix], k);
        };
        if t.text == "{" {
            let mut all = Vec::new();
            k += 1;
            while tokens.get(k).is_some_and(|t| t.text != "}") {
                if tokens[k].text == "," {
                    k += 1;
                    continue;
                }
                let (inner, next) = use_tree(tokens, k);
                for mut p in inner {
                    let mut full = prefix.clone();
                    full.append(&mut p);
                    all.push(full);
                }
                k = next;
            }
            return (all, k + 1);
        }
        if t.text == "*" {
            return (vec![prefix], k + 1);
        }
        if !t
            .text
            .starts_with(|c: char| c.is_alphanumeric() || c == '_')
        {
            return (vec![prefix], k);
        }
        prefix.push(t.text.clone());
        if tokens.get(k + 1).is_some_and(|t| t.text == "::") {
            k += 2;
        } else {
            return (vec![prefix], k + 1);
        }
    }
}

/// The source with comments, strings and char literals blanked (line breaks kept), so
/// a path in a doc comment or a message is not read as an import.
pub fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |s: &[char], out: &mut String| {
        out.extend(s.iter().map(|c| if *c == '\n' { '\n' } else { ' ' }));
    };
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        let starts = |p: &str| rest.iter().take(p.len()).copied().eq(p.chars());
        let ident_before = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if starts("//") {
            let end = rest.iter().position(|c| *c == '\n').unwrap_or(rest.len());
            blank(&rest[..end], &mut out);
            i += end;
        } else if starts("/*") {
            let (mut depth, mut j) = (1, 2);
            while j < rest.len() && depth > 0 {
                if rest[j..].starts_with(&['/', '*']) {
                    depth += 1;
                    j += 2;
                } else if rest[j..].starts_with(&['*', '/']) {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            blank(&rest[..j], &mut out);
            i += j;
        } else if !ident_before && raw_string_start(rest).is_some() {
            let (open, hashes) = raw_string_start(rest).unwrap();
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let end = (open..rest.len())
                .find(|&j| rest[j..].starts_with(&close))
                .map_or(rest.len(), |j| j + close.len());
            blank(&rest[..end], &mut out);
            i += end;
        } else if rest[0] == '"' {
            let mut j = 1;
            while j < rest.len() && rest[j] != '"' {
                j += if rest[j] == '\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(rest.len());
            blank(&rest[..end], &mut out);
            i += end;
        } else if rest[0] == '\'' {
            match char_literal(rest) {
                Some(n) => {
                    blank(&rest[..n], &mut out);
                    i += n;
                }
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            out.push(rest[0]);
            i += 1;
        }
    }
    out
}

/// At `r"`, `r#"`, `br"`…: where the string's text starts, and its number of `#`.
fn raw_string_start(rest: &[char]) -> Option<(usize, usize)> {
    let mut j = 0;
    if rest.first() == Some(&'b') {
        j += 1;
    }
    if rest.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let hashes = rest[j..].iter().take_while(|c| **c == '#').count();
    j += hashes;
    (rest.get(j) == Some(&'"')).then_some((j + 1, hashes))
}

/// The length of a char literal at the start (`'x'`, `'\n'`, `'\u{1F600}'`), or `None`
/// for a lifetime (`'a`).
fn char_literal(rest: &[char]) -> Option<usize> {
    match rest.get(1)? {
        '\\' => {
            let end = rest.iter().skip(2).position(|c| *c == '\'')? + 2;
            (end <= 12).then_some(end + 1)
        }
        _ => (rest.get(2) == Some(&'\'')).then_some(3),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(files: &[(&str, &str)]) -> Graph {
        let files: Vec<(String, String)> = files
            .iter()
            .map(|(f, t)| (f.to_string(), t.to_string()))
            .collect();
        Graph::of_sources(&files)
    }

    #[test]
    fn paths_in_use_trees_code_and_inline_modules_resolve_to_their_modules() {
        let g = graph(&[
            ("lib.rs", "pub mod a; pub mod cli;"),
            ("cli.rs", ""),
            ("a/mod.rs", "pub mod b; pub mod c;"),
            (
                "a/b.rs",
                "use super::c::{self, Thing};\n// crate::cli in a comment\nfn f() { let s = \"crate::cli\"; }\n#[cfg(test)]\nmod tests {\n    use super::*;\n    fn t() { crate::cli::parse(); }\n}",
            ),
            ("a/c.rs", "pub(crate) fn g() {}"),
        ]);
        let b: Vec<&String> = g.edges["a::b"].keys().collect();
        assert_eq!(b, ["a::c", "cli"]);
        assert_eq!(g.edges["a::b"]["cli"].line, 7);
        assert!(g.edges["a::c"].is_empty(), "{:?}", g.edges["a::c"]);
    }

    #[test]
    fn a_circle_is_found_and_named_with_its_places() {
        let g = graph(&[
            ("lib.rs", ""),
            ("a.rs", "use crate::b::x;"),
            ("b.rs", "\nfn f() { crate::c::y(); }"),
            ("c.rs", "use crate::{a, d};"),
            ("d.rs", ""),
        ]);
        let circle = g.cycle().expect("a → b → c → a");
        assert_eq!(
            describe(&circle),
            "a → b (src/a.rs:1) → c (src/b.rs:2) → a (src/c.rs:1)"
        );
        let g = graph(&[("lib.rs", ""), ("a.rs", "use crate::b;"), ("b.rs", "")]);
        assert!(g.cycle().is_none());
    }

    #[test]
    fn what_only_tests_use_is_no_circle_but_is_still_a_reference() {
        let g = graph(&[
            ("lib.rs", "pub mod a;\npub mod b;"),
            ("a.rs", "use crate::b::x;\n#[cfg(test)]\nmod c;"),
            ("a/c.rs", "use crate::cli;"),
            ("cli.rs", ""),
            (
                "b.rs",
                "pub fn x() {}\n#[cfg(test)]\nmod tests {\n    use crate::a::y;\n}",
            ),
        ]);
        assert!(g.cycle().is_none(), "{:?}", g.cycle());
        assert!(g.edges["b"]["a"].test);
        assert!(!g.edges["a"]["b"].test);
        let to_cli = g.references("a", "cli");
        assert_eq!(to_cli.len(), 1, "{to_cli:?}");
        assert!(to_cli[0].2.test);
    }
}
