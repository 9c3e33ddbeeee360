//! `plead show`: a whole assessment — themes, items with text, guidance and prompts, the
//! scales with every label and descriptor, fields, bands and findings — as blocks drawn
//! by the table or Markdown renderer, or as JSON.

use super::model::{Block, Grid};
use super::text::number;
use crate::assessment::{Assessment, FieldKind, Item, Rule, Scale, Test, Wording};

/// The blocks describing an assessment.
pub fn blocks(a: &Assessment) -> Vec<Block> {
    let mut blocks = opening(a);
    for scale in &a.scales {
        blocks.extend(scale_blocks(scale));
    }
    blocks.extend(themes(a));
    blocks.extend(fields(a));
    blocks.extend(comment_blocks(a));
    blocks.extend(bands(a));
    if let Some(t) = a.gap_threshold {
        blocks.push(Block::Paragraph(format!(
            "Gap threshold: an item scoring below {} is a gap.{}",
            number(t),
            if a.action_list {
                " The report lists the gaps under their theme as an action list."
            } else {
                ""
            }
        )));
    }
    blocks.extend(findings(a));
    blocks
}

/// The title, source, description and note, and what reports say of the assessment.
fn opening(a: &Assessment) -> Vec<Block> {
    let mut blocks = vec![
        Block::Title(format!("{} ({} {})", a.title, a.id, a.version)),
        Block::Paragraph(format!("Source: {}", a.source)),
    ];
    if !a.description.is_empty() {
        blocks.push(Block::Paragraph(a.description.trim().to_string()));
    }
    if let Some(note) = &a.note {
        blocks.push(Block::Paragraph(format!("Note: {}", note.trim())));
    }
    blocks.push(Block::Paragraph(format!(
        "Shown on reports: {}",
        a.banner().sentence()
    )));
    blocks
}

/// Each theme with its items, numbered through the assessment, and their guidance.
fn themes(a: &Assessment) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut number_in_order = 0;
    for theme in &a.themes {
        blocks.push(Block::Heading(format!("Theme: {}", theme.title)));
        if !theme.description.is_empty() {
            blocks.push(Block::Paragraph(theme.description.trim().to_string()));
        }
        let mut grid = Grid::new(&[("#", true), ("Item", false), ("Guidance", false)]);
        for item in a.items.iter().filter(|i| i.theme == theme.id) {
            number_in_order += 1;
            let text = item_label(a, item);
            let guidance = item_guidance(item);
            grid.row(vec![number_in_order.to_string(), text, guidance]);
        }
        blocks.push(Block::Grid(grid));
    }
    blocks
}

/// The fields asked for each item, and what answers them.
fn fields(a: &Assessment) -> Vec<Block> {
    if a.fields.is_empty() {
        return Vec::new();
    }
    let mut grid = Grid::new(&[("Field", false), ("Question", false), ("Answer", false)]);
    for f in &a.fields {
        let answer = match &f.kind {
            FieldKind::Text => "free text".to_string(),
            FieldKind::Choice(c) => format!("one of: {}", c.join("; ")),
        };
        grid.row(vec![f.id.clone(), f.label.clone(), answer]);
    }
    vec![
        Block::Heading("Fields asked for each item".into()),
        Block::Grid(grid),
    ]
}

/// The bands over the overall percent, each with its range and meaning.
fn bands(a: &Assessment) -> Vec<Block> {
    if a.bands.is_empty() {
        return Vec::new();
    }
    let mut grid = Grid::new(&[
        ("Band", false),
        ("From", true),
        ("To", true),
        ("Meaning", false),
    ]);
    for b in &a.bands {
        grid.row(vec![
            b.label.clone(),
            format!("{}%", number(b.min)),
            format!("{}%", number(b.max)),
            b.description.clone(),
        ]);
    }
    vec![
        Block::Heading("Bands (over the overall percent)".into()),
        Block::Grid(grid),
    ]
}

/// The findings, each with its severity, its rule in words and its message.
fn findings(a: &Assessment) -> Vec<Block> {
    if a.findings.is_empty() {
        return Vec::new();
    }
    let mut grid = Grid::new(&[
        ("Finding", false),
        ("Severity", false),
        ("When", false),
        ("Message", false),
    ]);
    for f in &a.findings {
        grid.row(vec![
            f.id.clone(),
            f.severity.as_str().into(),
            describe(a, &f.rule),
            f.message.clone(),
        ]);
    }
    vec![Block::Heading("Findings".into()), Block::Grid(grid)]
}

/// The free-text questions, each with what it is about and the other headers it is read
/// by.
fn comment_blocks(a: &Assessment) -> Vec<Block> {
    if a.comments.is_empty() {
        return Vec::new();
    }
    let mut grid = Grid::new(&[
        ("Comment", false),
        ("About", false),
        ("Question", false),
        ("Also read from", false),
    ]);
    for c in &a.comments {
        let about = match (&c.theme, &c.item) {
            (Some(t), _) => a
                .theme(t)
                .map_or(t.clone(), |t| format!("Theme: {}", t.title)),
            (_, Some(i)) => a
                .item(i)
                .map_or(i.clone(), |i| format!("Item: {}", i.title)),
            _ => "The whole assessment".to_string(),
        };
        let question = match c.question_by {
            Some(Wording::Plead) => format!("{} (plead's wording)", c.question),
            _ => c.question.clone(),
        };
        grid.row(vec![c.id.clone(), about, question, c.aliases.join("; ")]);
    }
    vec![
        Block::Heading("Comment questions (free text)".into()),
        Block::Paragraph(
            "Asked beside the ratings; plead score reads their columns like items, removes personal data from every answer and reports the comments under their theme or item."
                .into(),
        ),
        Block::Grid(grid),
    ]
}

/// A scale's range and every point's label and descriptor (or that its points have none),
/// with the spellings a survey answer may also use, so an author can check the scale.
fn scale_blocks(scale: &Scale) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(format!(
        "Scale \"{}\": {} to {}",
        scale.id, scale.min, scale.max
    ))];
    // Other spellings a survey answer may use, said beside what they stand for.
    let also = |aliases: &[String], text: &str| {
        if aliases.is_empty() {
            return text.to_string();
        }
        let read = format!("Also read: {}.", aliases.join("; "));
        if text.is_empty() {
            read
        } else {
            format!("{text} {read}")
        }
    };
    if scale.points.is_empty() && !scale.not_applicable {
        blocks.push(Block::Paragraph(format!(
            "A whole number from {} to {}; the points have no labels.",
            scale.min, scale.max
        )));
    } else {
        let mut grid = Grid::new(&[("Point", true), ("Label", false), ("Descriptor", false)]);
        for p in &scale.points {
            grid.row(vec![
                p.value.to_string(),
                p.label.clone(),
                also(&p.aliases, &p.descriptor),
            ]);
        }
        if scale.not_applicable {
            grid.row(vec![
                "N/A".into(),
                scale.not_applicable_label.clone(),
                also(&scale.not_applicable_aliases, "Counted, never averaged in."),
            ]);
        }
        blocks.push(Block::Grid(grid));
    }
    if let Some(note) = &scale.note {
        blocks.push(Block::Paragraph(format!("Note: {}", note.trim())));
    }
    blocks
}

/// The item as the assessment states it, with its id and whatever sets it apart from the
/// rest (a weight other than 1, a scale other than the first), so an author can check it.
fn item_label(a: &Assessment, item: &Item) -> String {
    let mut text = if item.title != item.text {
        format!("{}: {}", item.title, item.text)
    } else {
        item.text.clone()
    };
    text.push_str(&format!(" [id: {}", item.id));
    if item.weight != 1.0 {
        text.push_str(&format!(", weight {}", number(item.weight)));
    }
    if item.scale != a.scales[0].id {
        text.push_str(&format!(", scale {}", item.scale));
    }
    text.push(']');
    text
}

/// What a workshop is told about the item: plead's question when it differs from the
/// text, the guide's passages, and the named examples it is rated through.
fn item_guidance(item: &Item) -> String {
    let mut guidance = String::new();
    if item.question != item.text {
        guidance.push_str(&format!(
            "Question{}: {}\n\n",
            if item.question_by == Some(Wording::Plead) {
                " (plead's wording)"
            } else {
                ""
            },
            item.question
        ));
    }
    guidance.push_str(&super::passages::item_detail(item));
    if let Some(examples) = &item.examples {
        guidance.push_str(&format!(
            "\nRated through named examples, e.g. {}",
            if examples.is_empty() {
                "(the group names its own)".to_string()
            } else {
                examples.join(", ")
            }
        ));
    }
    guidance
}

fn describe_test(test: Test) -> String {
    match test {
        Test::Below(v) => format!("below {}", number(v)),
        Test::AtLeast(v) => format!("at least {}", number(v)),
    }
}

fn describe(a: &Assessment, rule: &Rule) -> String {
    let title = |id: &str| a.item(id).map_or(id.to_string(), |i| i.title.clone());
    let conditions = |cs: &[crate::assessment::Condition], joiner: &str| {
        cs.iter()
            .map(|c| format!("{} {}", title(&c.item), describe_test(c.test)))
            .collect::<Vec<_>>()
            .join(joiner)
    };
    match rule {
        Rule::All(cs) => conditions(cs, " and "),
        Rule::Any(cs) => conditions(cs, " or "),
        Rule::Each { test, items } => match items {
            None => format!("each item {}", describe_test(*test)),
            Some(ids) => format!(
                "each of {} {}",
                ids.iter().map(|i| title(i)).collect::<Vec<_>>().join(", "),
                describe_test(*test)
            ),
        },
    }
}
