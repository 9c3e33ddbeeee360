//! The wording of a question, set apart from how it is written: survey designers edit
//! questions (drop the numbering, change quote marks, cut a trailing phrase, write
//! "strong, meaningful" for "strong and meaningful"), and a question is still the same
//! question. Here are the pieces every comparison of wording uses: the content words of
//! a text, the pointers into the source document that only make sense there ("as
//! below"), and a word-level similarity.

/// Small words that carry no meaning of their own in a question.
use crate::assessment::Item;

const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "do", "does", "for", "from", "has", "have",
    "how", "in", "into", "is", "it", "its", "of", "on", "or", "our", "s", "so", "that", "the",
    "their", "them", "these", "this", "those", "to", "we", "what", "which", "with", "you", "your",
];

/// Phrases that point into the source document (its figures, its layout) and mean
/// nothing in a survey: cut from the end of a question.
const SOURCE_POINTERS: &[&str] = &[
    "as below",
    "as above",
    "see below",
    "see above",
    "shown below",
    "shown above",
    "set out below",
    "set out above",
    "described below",
    "described above",
    "listed below",
    "listed above",
];

/// A question's words, lower case, without punctuation, quote marks or leading
/// numbering ("1.", "Q3", "Q 3:"), in order.
pub fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    let numbered = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit())
            || (w.len() > 1 && w.starts_with('q') && w[1..].chars().all(|c| c.is_ascii_digit()))
    };
    if words.len() > 1 && numbered(&words[0]) {
        words.remove(0);
    } else if words.len() > 2 && words[0] == "q" && words[1].chars().all(|c| c.is_ascii_digit()) {
        words.drain(..2);
    }
    words
}

/// The words that carry a question's meaning: `words` without the small words (and
/// without the "s" of "organisation’s", which `words` splits off).
pub fn content_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = words(text)
        .into_iter()
        .filter(|w| !SMALL_WORDS.contains(&w.as_str()))
        .collect();
    if out.is_empty() {
        // A question made only of small words is still its words.
        out = words(text);
    }
    out
}

/// A question without the pointers into its source document that end it: "…outlined
/// in the ‘8 Role Model’ as below." → "…outlined in the ‘8 Role Model’.", and
/// "(see Figure 4)" or "(Figure 4)" at the end. Text without one is returned as it is.
pub fn without_source_pointers(text: &str) -> String {
    let mut out = text.trim_end().to_string();
    loop {
        let before = out.clone();
        let (body, stop) = match out.strip_suffix('.') {
            Some(b) => (b.trim_end().to_string(), "."),
            None => (out.clone(), ""),
        };
        let lower = body.to_lowercase();
        let mut cut = None;
        for p in SOURCE_POINTERS {
            if lower.ends_with(p) && lower[..lower.len() - p.len()].ends_with([' ', ',']) {
                cut = Some(body.len() - p.len());
            }
        }
        if cut.is_none() && body.ends_with(')') {
            // "(see Figure 4)", "(Figure 4)", "(see section 5.2)".
            if let Some(open) = body.rfind('(') {
                let inside = body[open + 1..body.len() - 1].trim().to_lowercase();
                let inside = inside.strip_prefix("see ").unwrap_or(&inside);
                let pointer = ["figure ", "fig. ", "table ", "section ", "page ", "annex "]
                    .iter()
                    .any(|p| inside.starts_with(p));
                if pointer {
                    cut = Some(open);
                }
            }
        }
        if let Some(at) = cut {
            let kept = body[..at].trim_end().trim_end_matches(',').trim_end();
            out = format!("{kept}{stop}");
        }
        if out == before {
            return out;
        }
    }
}

/// How alike two sets of content words are, 0–1: twice the words they share over the
/// words they have (the Sørensen–Dice coefficient over distinct words). Both sorted and
/// without repeats.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * shared(a, b) as f64 / (a.len() + b.len()) as f64
}

/// The words two sorted sets have in common.
pub fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Text compared without case, punctuation, numbering or surrounding whitespace:
/// "Q1. Decision-making " and "decision making" are the same.
pub fn normalise(s: &str) -> String {
    words(s).join(" ")
}

/// A grid column's row: `Rate each [Patient entrepreneurs]` (Google Forms,
/// SurveyMonkey as plead names its columns) or `Rate each - Patient entrepreneurs`
/// (Qualtrics matrix questions).
pub fn grid_row(name: &str) -> Option<&str> {
    let name = name.trim_end();
    if name.ends_with(']')
        && let Some(open) = name.rfind('[')
    {
        return Some(&name[open + 1..name.len() - 1]);
    }
    name.rfind(" - ").map(|i| &name[i + 3..])
}

/// The texts the exact text pass compares: the item's stand-alone question (what the
/// survey template writes), its text, its title, and its text without pointers into the
/// source (what templates before the question wrote).
pub fn text_keys(item: &Item) -> Vec<String> {
    let mut keys = Vec::with_capacity(4);
    if item.question != item.text {
        keys.push(item.question.clone());
    }
    keys.extend([
        item.text.clone(),
        item.title.clone(),
        without_source_pointers(&item.text),
    ]);
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_words_set_aside_numbering_quotes_case_and_small_words() {
        assert_eq!(
            content_words("Q3. Build STRONG and meaningful ‘links’"),
            ["build", "strong", "meaningful", "links"]
        );
        assert_eq!(
            content_words("build strong, meaningful \"links\""),
            content_words("3) Build strong and meaningful links")
        );
        assert_eq!(
            content_words("The organisation’s view"),
            ["organisation", "view"]
        );
        assert_eq!(content_words("To be"), ["to", "be"]);
    }

    #[test]
    fn source_pointers_are_cut_from_the_end_only() {
        assert_eq!(
            without_source_pointers(
                "Put in place the supporting roles outlined in the ‘8 Role Model’ as below."
            ),
            "Put in place the supporting roles outlined in the ‘8 Role Model’."
        );
        assert_eq!(
            without_source_pointers("The eight roles (see Figure 4)"),
            "The eight roles"
        );
        assert_eq!(without_source_pointers("Roles, as above"), "Roles");
        assert_eq!(
            without_source_pointers("As below, the roles we need"),
            "As below, the roles we need"
        );
        assert_eq!(without_source_pointers("Tables"), "Tables");
        assert_eq!(without_source_pointers("Stay (for now)"), "Stay (for now)");
    }

    #[test]
    fn similarity_counts_shared_words() {
        assert_eq!(similarity(&[1, 2, 3], &[1, 2, 3]), 1.0);
        assert_eq!(similarity(&[1, 2], &[3, 4]), 0.0);
        assert!((similarity(&[1, 2, 3, 4], &[1, 2, 3]) - 6.0 / 7.0).abs() < 1e-12);
    }
}
