//! Every `plead` command README.md shows in a code block, run as written (in a folder
//! holding the example files it names), checked to do what README says: it succeeds, and
//! the file it says it writes (`--out FILE`, `> FILE`, or named in its comment) is there
//! and is what its name says, and it leaves the repository's example files as they are
//! (a walk-through that changes a file works on a `cp` of it, which the commands after the
//! `cp` find). A command that needs a person at a terminal is listed with the test that
//! drives it instead, and the list is checked too.

use super::support::{Test, root};

/// Commands that wait for a person at a terminal, and where they are tested.
const ON_A_TERMINAL: &[(&str, &str)] = &[
    (
        "cargo run --release -- assess",
        "tests/cli/test_terminal.rs: a workshop in a pseudo-terminal",
    ),
    (
        "plead assess role-model --org \"Northshire Community NHS Trust\" --period 2026-Q3 --raters \"Sam:patient-leader, Alex:staff\"",
        "tests/cli/test_workshop.rs: raters, from a script",
    ),
    (
        "plead assess building-blocks --live --org \"Northshire NHS Trust\" --period 2026-Q4 --tags \"patient leader, staff\"",
        "tests/cli/test_live.rs and tests/browser/live.mjs: phones over HTTP, and in Chromium",
    ),
];

/// The commands of README's code blocks: lines starting `plead `, `$ plead ` or
/// `cargo run --release -- ` (a synopsis, with `[OPTION]`s, is not a command), and the
/// `cp FROM TO` lines that make a copy for the commands after them to work on.
fn readme_commands() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut commands = Vec::new();
    let mut in_block = false;
    // A command continued on the next line (`\` at the end) is one command.
    let mut lines: Vec<String> = Vec::new();
    for line in readme.lines() {
        match lines.last_mut() {
            Some(last) if in_block && last.ends_with(" \\") => {
                last.truncate(last.len() - 1);
                last.push_str(line.trim_start());
                continue;
            }
            _ => {}
        }
        if line.starts_with("```") {
            in_block = !in_block;
        }
        lines.push(line.to_string());
    }
    let mut in_block = false;
    for line in &lines {
        if line.starts_with("```") {
            in_block = !in_block;
            continue;
        }
        let line = line.trim_start_matches("$ ");
        if !in_block || line.contains(" [") {
            continue;
        }
        if let Some(rest) = line.strip_prefix("cargo run --release -- ") {
            commands.push(format!("cargo run --release -- {rest}"));
        } else if line.starts_with("plead ") || line.starts_with("cp ") {
            commands.push(line.to_string());
        }
    }
    commands
}

/// A command without its comment.
fn bare(command: &str) -> &str {
    command.split(" #").next().unwrap_or(command).trim()
}

/// Splits a command line as a shell would: quotes, `*.json` globs in the examples.
fn words(line: &str, dir: &std::path::Path) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut started = false;
    for c in line.chars() {
        match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                started = true;
            }
            (Some(q), c) if c == q => quote = None,
            (None, ' ') => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            _ => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        words.push(word);
    }
    let mut expanded = Vec::new();
    for w in words {
        match w.strip_suffix("*.json") {
            Some(folder) => {
                let mut files: Vec<String> = std::fs::read_dir(dir.join(folder))
                    .unwrap()
                    .map(|e| e.unwrap().file_name().into_string().unwrap())
                    .filter(|f| f.ends_with(".json"))
                    .map(|f| format!("{folder}{f}"))
                    .collect();
                files.sort();
                expanded.extend(files);
            }
            None => expanded.push(w),
        }
    }
    expanded
}

/// The survey returns README's `plead score` lines name: a building-blocks workbook
/// (the example trust's Q3 survey, saved as Excel would)...
fn building_blocks_workbook() -> Vec<u8> {
    let csv =
        std::fs::read_to_string(root().join("examples/northshire/2026-Q3-survey.csv")).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in csv.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(n) => sheet.write_number(r, c, n).map(|_| ()),
                Err(_) => sheet.write_string(r, c, cell).map(|_| ()),
            }
            .unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// ...and connection returns with Governor and Volunteer respondents to combine.
fn connection_returns() -> String {
    let header = Test::new()
        .args(["template", "connection", "--out", "returns.csv"])
        .success()
        .stderr_has("wrote returns.csv")
        .file("returns.csv");
    let columns = header.lines().next().unwrap().split(',').count();
    let mut csv = header;
    for (k, role) in ["Governor", "Volunteer", "Staff"]
        .iter()
        .flat_map(|r| std::iter::repeat_n(r, 12))
        .enumerate()
    {
        let ratings: Vec<String> = (1..columns)
            .map(|c| ((k + c) % 3 + 1).to_string())
            .collect();
        csv.push_str(&format!("{role},{}\n", ratings.join(",")));
    }
    csv
}

#[test]
fn every_command_in_the_readme_does_what_it_says() {
    let commands = readme_commands();
    assert!(commands.len() >= 12, "{commands:#?}");
    for (exempt, _tested_in) in ON_A_TERMINAL {
        assert!(
            commands.iter().any(|c| bare(c) == *exempt),
            "README no longer shows {exempt:?}: take it off ON_A_TERMINAL"
        );
    }
    let connection = connection_returns();
    let workbook = building_blocks_workbook();
    let examples = example_files();
    // `cp FROM TO` lines so far: each later command finds TO as a shell would have left it.
    let mut copies: Vec<(String, Vec<u8>)> = Vec::new();
    let mut checked = 0;
    for command in commands
        .iter()
        .filter(|c| !ON_A_TERMINAL.iter().any(|(e, _)| *e == bare(c)))
    {
        if let Some(copy) = command.strip_prefix("cp ") {
            let (from, to) = bare(copy)
                .split_once(' ')
                .unwrap_or_else(|| panic!("README: {command}: cp FROM TO"));
            let bytes = std::fs::read(root().join(from))
                .unwrap_or_else(|e| panic!("README: {command}: no {from}: {e}"));
            copies.push((to.trim().to_string(), bytes));
            checked += 1;
            continue;
        }
        let mut test = Test::new();
        if command.starts_with("plead score ") {
            test = test
                .write("returns.xlsx", &workbook)
                .write("returns.csv", &connection);
        }
        for (name, bytes) in examples.iter().chain(&copies) {
            test = test.write(name, bytes);
        }
        // "plead man --out plead.1 && man ./plead.1": the plead part.
        let (line, comment) = command.split_once(" #").unwrap_or((command, ""));
        let line = line.split(" && ").next().unwrap().trim();
        let (line, redirect) = match line.split_once(" > ") {
            Some((l, to)) => (l, Some(to.trim())),
            None => (line, None),
        };
        let line = line
            .strip_prefix("cargo run --release -- ")
            .map_or(line.to_string(), |rest| format!("plead {rest}"));
        let mut args = words(&line, test.path());
        assert_eq!(args.remove(0), "plead", "{command}");
        let run = test.args(&args).success().any_stderr();
        let mut written: Vec<String> = args
            .windows(2)
            .filter(|w| w[0] == "--out")
            .map(|w| w[1].clone())
            .collect();
        // Files the comment names ("# returns.csv + returns-questions.csv").
        written.extend(
            comment
                .split([' ', ','])
                .filter(|w| w.contains('.') && w.len() > 4 && !w.ends_with('.'))
                .map(str::to_string),
        );
        for name in &written {
            let bytes = std::fs::read(run.dir.join(name))
                .unwrap_or_else(|e| panic!("README: {command}: no {name}: {e}"));
            assert_is(name, &bytes, command);
        }
        match redirect {
            Some(to) => assert_is(to, run.stdout.as_bytes(), command),
            None if written.is_empty() => {
                assert!(!run.stdout.is_empty(), "README: {command}: printed nothing")
            }
            None => {}
        }
        for (name, bytes) in &examples {
            assert!(
                std::fs::read(run.dir.join(name)).unwrap() == *bytes,
                "README: {command}: changes the repository's {name}: work on a copy (cp {name} …)"
            );
        }
        checked += 1;
    }
    assert_eq!(checked, commands.len() - ON_A_TERMINAL.len());
}

/// The example files README's commands name, as the repository holds them.
fn example_files() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for folder in ["examples/northshire", "examples/answers"] {
        for entry in std::fs::read_dir(root().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let name = format!("{folder}/{}", path.file_name().unwrap().to_str().unwrap());
            files.push((name, std::fs::read(&path).unwrap()));
        }
    }
    files
}

/// A file is what its name says: a page, a workbook, a CSV, JSON, a man page, a
/// completion script.
fn assert_is(name: &str, bytes: &[u8], command: &str) {
    let text = String::from_utf8_lossy(bytes);
    let ok = match name.rsplit('.').next().unwrap_or_default() {
        "html" => text.starts_with("<!DOCTYPE html>"),
        "xlsx" => bytes.starts_with(b"PK"),
        "json" => serde_json::from_slice::<serde_json::Value>(bytes).is_ok(),
        "csv" => text
            .lines()
            .next()
            .is_some_and(|header| header.contains(",")),
        "1" => text.contains(".TH"),
        _ => !bytes.is_empty(),
    };
    assert!(
        ok,
        "README: {command}: {name} is not what its name says:\n{}",
        &text[..text.len().min(400)]
    );
}
