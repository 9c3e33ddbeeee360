//! An item's guidance and prompts as plain text, each passage under the label of its kind
//! (what good looks like, a pitfall, from the study, in their words), quotations with who
//! said them, and every passage with where it comes from. The one rendering the workshop
//! and `plead show` share; the questionnaire lays out the same parts in HTML/Markdown.

use crate::assessment::{Item, Passage};

/// One passage: "Label — who, role: text [cite]".
pub fn passage(p: &Passage) -> String {
    let mut out = format!("{}: {}", p.heading(), p.text.trim());
    if let Some(cite) = &p.cite {
        out.push_str(&format!(" [{cite}]"));
    }
    out
}

/// The whole of an item's detail: where its text comes from, its guidance, then its prompts.
pub fn item_detail(item: &Item) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(cite) = &item.cite {
        parts.push(format!("Source: {cite}"));
    }
    parts.extend(item.guidance.iter().map(passage));
    if !item.prompts.is_empty() {
        let mut discuss = String::from("To discuss:");
        for p in &item.prompts {
            discuss.push_str("\n  • ");
            discuss.push_str(&prompt(p));
        }
        parts.push(discuss);
    }
    parts.join("\n\n")
}

/// A prompt in a list: its words, with the label only when it is more than a prompt.
pub fn prompt(p: &Passage) -> String {
    match p.kind {
        crate::assessment::PassageKind::Prompt => {
            let mut out = p.text.trim().to_string();
            if let Some(cite) = &p.cite {
                out.push_str(&format!(" [{cite}]"));
            }
            out
        }
        _ => passage(p),
    }
}
