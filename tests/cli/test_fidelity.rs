//! Fidelity of the built-in assessments to their sources: every passage (guidance,
//! prompts), every quotation inside a finding and every item text is found in the source
//! documents, each quotation's speaker and role stand beside it there, every passage cites
//! its place, and every piece of plead's own wording says it is plead's.
//!
//! The sources are a copy of ../shared/seeds in tests/fixtures/seeds, so the test does not
//! depend on them being beside the repository.
//!
//! Allowed normalisations, applied to both sides before comparing (see `normalise`):
//! - curly quotes become straight, and single and double quotation marks are the same;
//! - en and em dashes become hyphens; "…" is "...";
//! - Markdown emphasis (`*`, `**`), HTML tags and link markup (`[text](url)` keeps `text`)
//!   are dropped, as the sources' conversion to text added them;
//! - runs of white space are one space; letter case is ignored.
//!
//! And in plead's files:
//! - "[sic]" marks a slip kept as the source has it, and is not part of the source's words;
//! - an omission mark ("...", "…" or "[…]") or a paragraph break splits a passage into
//!   fragments, each of which must be in the source, in the source's order;
//! - quotation marks and punctuation at a fragment's ends are ignored (a quotation may be
//!   given with or without its marks, a sentence cut short without its full stop).

use std::path::Path;

use serde_json::Value;

use crate::support::{Test, root};

/// The sources, by seed number, normalised.
fn seeds() -> Vec<(&'static str, String)> {
    let dir = root().join("tests/fixtures/seeds");
    ["000", "001", "002", "003", "004"]
        .into_iter()
        .map(|n| {
            let file = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| file_name(p).starts_with(n))
                .unwrap_or_else(|| panic!("seed {n} in {}", dir.display()));
            (n, normalise(&std::fs::read_to_string(file).unwrap()))
        })
        .collect()
}

fn file_name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

/// The comparison form of a text (the normalisations listed at the top).
fn normalise(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    let mut rest = text;
    // [text](url) keeps text.
    while let Some(open) = rest.find('[') {
        s.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find("](") {
            Some(close) if !after[..close].contains('[') && after[close + 2..].contains(')') => {
                s.push_str(&after[..close]);
                let url = &after[close + 2..];
                rest = &url[url.find(')').unwrap() + 1..];
            }
            _ => {
                s.push('[');
                rest = after;
            }
        }
    }
    s.push_str(rest);
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            '*' => {}
            '‘' | '’' | '“' | '”' | '"' => out.push('\''),
            '–' | '—' => out.push('-'),
            '…' => out.push_str("..."),
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.extend(c.to_lowercase()),
        }
    }
    out.trim().to_string()
}

/// A passage's fragments: its words between omission marks and paragraph breaks, without
/// "[sic]", each normalised and without quotation marks or punctuation at its ends.
fn fragments(text: &str) -> Vec<String> {
    let text = text.replace("[sic]", "").replace("[…]", "\u{0}");
    let text = text.replace("...", "\u{0}").replace('…', "\u{0}");
    text.split('\u{0}')
        .flat_map(|part| part.split("\n\n").map(str::to_string).collect::<Vec<_>>())
        .map(|f| {
            normalise(&f)
                .trim_matches(|c: char| {
                    c == '\''
                        || c == ' '
                        || c == '.'
                        || c == ','
                        || c == ':'
                        || c == ';'
                        || c == '-'
                })
                .to_string()
        })
        .filter(|f| f.chars().count() >= 3)
        .collect()
}

/// Where a passage is in the sources: the seed and the offset of its first fragment, when
/// every fragment is found in that seed in order.
fn locate(seeds: &[(&'static str, String)], text: &str) -> Option<(&'static str, usize)> {
    let frs = fragments(text);
    let first = frs.first()?;
    for (n, seed) in seeds {
        let mut from = 0;
        let mut start = None;
        let mut ok = true;
        for f in &frs {
            // Search the rest of the seed first (the source's order); a fragment that is a
            // repeat of an earlier one may sit anywhere after the first.
            match seed[from..].find(f.as_str()) {
                Some(at) => {
                    let at = from + at;
                    if f == first && start.is_none() {
                        start = Some(at);
                    }
                    from = at + f.len();
                }
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            return start.map(|s| (*n, s));
        }
    }
    None
}

fn show(id: &str) -> Value {
    let run = Test::new().args(["show", id, "-f", "json"]).success();
    serde_json::from_str(&run.stdout).unwrap()
}

const BUILT_INS: [&str; 7] = [
    "building-blocks",
    "role-model",
    "connection",
    "forty-ways",
    "leader-attributes",
    "culture",
    "involvement",
];

/// Every passage of an assessment: (item id, "guidance" or "prompts", the passage).
fn passages(a: &Value) -> Vec<(String, &'static str, &Value)> {
    let mut out = Vec::new();
    for item in a["items"].as_array().unwrap() {
        let id = item["id"].as_str().unwrap().to_string();
        for list in ["guidance", "prompts"] {
            for p in item[list].as_array().unwrap() {
                out.push((id.clone(), list, p));
            }
        }
    }
    out
}

#[test]
fn every_passage_of_every_built_in_is_in_the_sources_in_their_order() {
    let seeds = seeds();
    let mut missing = Vec::new();
    let mut count = 0;
    for id in BUILT_INS {
        let a = show(id);
        for (item, list, p) in passages(&a) {
            count += 1;
            let text = p["text"].as_str().unwrap();
            if locate(&seeds, text).is_none() {
                let lost: Vec<String> = fragments(text)
                    .into_iter()
                    .filter(|f| !seeds.iter().any(|(_, s)| s.contains(f.as_str())))
                    .collect();
                missing.push(format!(
                    "{id}/{item} {list}: {text:.80}… not found: {lost:?}"
                ));
            }
        }
    }
    assert!(count > 180, "only {count} passages");
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_quotation_in_a_finding_is_in_the_sources() {
    let seeds = seeds();
    let mut missing = Vec::new();
    for id in BUILT_INS {
        let a = show(id);
        for f in a["findings"].as_array().unwrap() {
            let message = f["message"].as_str().unwrap();
            // The quotations are the passages between “ and ”.
            for quoted in message.split('“').skip(1) {
                let quoted = quoted.split('”').next().unwrap();
                if locate(&seeds, quoted).is_none() {
                    missing.push(format!("{id}/{}: “{quoted}”", f["id"]));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_quotation_names_its_speaker_and_role_as_the_source_gives_them_beside_it() {
    let seeds = seeds();
    let mut named = 0;
    for id in BUILT_INS {
        let a = show(id);
        for (item, _, p) in passages(&a) {
            if p["who"].is_null() {
                assert!(p["role"].is_null(), "{id}/{item}: a role without a name");
                continue;
            }
            named += 1;
            assert_eq!(
                p["kind"], "quotation",
                "{id}/{item}: who on a non-quotation"
            );
            let text = p["text"].as_str().unwrap();
            let (n, at) = locate(&seeds, text).unwrap_or_else(|| panic!("{id}/{item}: {text}"));
            let seed = &seeds.iter().find(|(m, _)| *m == n).unwrap().1;
            // The name and role stand within a paragraph or so of the words.
            let mut lo = at.saturating_sub(400);
            while !seed.is_char_boundary(lo) {
                lo -= 1;
            }
            let mut hi = (at + text.len() + 400).min(seed.len());
            while !seed.is_char_boundary(hi) {
                hi += 1;
            }
            let near = &seed[lo..hi];
            for key in ["who", "role"] {
                if let Some(v) = p[key].as_str() {
                    assert!(
                        near.contains(&normalise(v)),
                        "{id}/{item}: {key} \"{v}\" is not beside the quotation in seed {n}"
                    );
                }
            }
        }
    }
    // Jane Maher twice, Michael Nation once (involvement).
    assert!(named >= 3, "{named} named quotations");
}

#[test]
fn every_passage_and_item_text_cites_its_document_section_and_page() {
    for id in BUILT_INS {
        let a = show(id);
        for (item, list, p) in passages(&a) {
            let cite = p["cite"]
                .as_str()
                .unwrap_or_else(|| panic!("{id}/{item} {list}: no cite: {}", p["text"]));
            let document = [
                "NHS England (2015)",
                "Bring it on (2013)",
                "The Health Foundation",
            ];
            assert!(
                document.iter().any(|d| cite.starts_with(d)),
                "{id}/{item}: {cite}"
            );
            assert!(
                cite.contains("p. ") || cite.contains("pp. "),
                "{id}/{item}: no page in {cite}"
            );
            assert!(
                cite.contains("section") || cite.contains("Section") || cite.contains('“'),
                "{id}/{item}: no section or point in {cite}"
            );
        }
        for item in a["items"].as_array().unwrap() {
            assert!(
                item["cite"].is_string(),
                "{id}/{}: item text has no cite",
                item["id"]
            );
        }
    }
    // Seed 001 is the NHS England web summary, not part of the report.
    for item in show("building-blocks")["items"].as_array().unwrap() {
        assert!(
            item["cite"].as_str().unwrap().contains("web summary"),
            "{}",
            item["cite"]
        );
    }
}

#[test]
fn every_question_says_whose_words_it_is_and_plead_s_stand_alone() {
    for id in BUILT_INS {
        let a = show(id);
        for item in a["items"].as_array().unwrap() {
            let question = item["question"].as_str().unwrap();
            assert_eq!(item["question_by"], "plead", "{id}/{}", item["id"]);
            assert_ne!(
                question,
                item["text"].as_str().unwrap(),
                "{id}/{}",
                item["id"]
            );
            // Long enough to carry its subject, short enough to read on a phone.
            let words = question.split_whitespace().count();
            assert!(
                (6..=45).contains(&words),
                "{id}/{}: {words} words",
                item["id"]
            );
        }
    }
}

#[test]
fn plead_s_own_wording_is_marked_in_every_file() {
    for id in BUILT_INS {
        let text = std::fs::read_to_string(root().join(format!("assessments/{id}.toml"))).unwrap();
        assert!(text.contains("question_by = \"plead\""), "{id}");
        assert!(
            text.contains("plead's own wording") || text.contains("plead's wording"),
            "{id}: the header does not say which wording is plead's"
        );
        let a = show(id);
        for scale in a["scales"].as_array().unwrap() {
            assert!(
                scale["note"]
                    .as_str()
                    .is_some_and(|n| n.contains("plead's")),
                "{id}: scale {} does not say whose its labels are",
                scale["id"]
            );
        }
    }
}

#[test]
fn every_built_in_asks_for_the_stories_behind_each_theme_and_anything_else_in_plead_s_words() {
    for id in BUILT_INS {
        let a = show(id);
        let comments = a["comments"].as_array().unwrap();
        for c in comments {
            assert_eq!(c["question_by"], "plead", "{id}/{}", c["id"]);
        }
        for theme in a["themes"].as_array().unwrap() {
            assert_eq!(
                comments
                    .iter()
                    .filter(|c| c["theme"] == theme["id"])
                    .count(),
                1,
                "{id}: theme {}",
                theme["id"]
            );
        }
        let last = comments.last().unwrap();
        assert_eq!(last["id"], "anything-else", "{id}");
        assert!(last.get("theme").is_none() && last.get("item").is_none());
    }
}
