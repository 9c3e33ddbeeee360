//! The printable questionnaire for paper workshops, in Markdown or as a web page on the
//! HTML report's skeleton: the scale's descriptors, a tick box per point, the guide's
//! example roles with room for more, the extra fields, and lines for evidence, a target
//! and an action. Pure: an assessment in, text out.

use super::template::ROLES;
use crate::assessment::{
    Assessment, CommentQuestion, FieldKind, Item, Passage, PassageKind, Scale, Theme,
};
// A questionnaire is filled in away from the source: its pointers ("as below") point at nothing.
use crate::survey::wording::without_source_pointers;

/// What a questionnaire holds after its opening and its scales, in order: each theme's
/// heading (when there are several), its items each followed by the comment questions on
/// that item, the theme's own comment questions, then the questions on the whole
/// assessment under "In your own words".
enum Part<'a> {
    Theme(&'a Theme),
    Item(&'a Item, usize),
    Comment(&'a CommentQuestion),
    OwnWords,
}

fn parts(a: &Assessment) -> Vec<Part<'_>> {
    let mut parts = Vec::new();
    let mut number = 0;
    for theme in &a.themes {
        if a.themes.len() > 1 {
            parts.push(Part::Theme(theme));
        }
        for item in a.items.iter().filter(|i| i.theme == theme.id) {
            number += 1;
            parts.push(Part::Item(item, number));
            let on_item = a
                .comments
                .iter()
                .filter(|c| c.item.as_ref() == Some(&item.id));
            parts.extend(on_item.map(Part::Comment));
        }
        let on_theme = a
            .comments
            .iter()
            .filter(|c| c.theme.as_ref() == Some(&theme.id));
        parts.extend(on_theme.map(Part::Comment));
    }
    let general: Vec<&CommentQuestion> = a
        .comments
        .iter()
        .filter(|c| c.theme.is_none() && c.item.is_none())
        .collect();
    if !general.is_empty() {
        parts.push(Part::OwnWords);
        parts.extend(general.into_iter().map(Part::Comment));
    }
    parts
}

/// When an assessment has several scales, the items each applies to.
fn scale_used_by(a: &Assessment, scale: &Scale) -> Option<String> {
    (a.scales.len() > 1).then(|| {
        let used: Vec<&str> = a
            .items
            .iter()
            .filter(|i| i.scale == scale.id)
            .map(|i| i.title.as_str())
            .collect();
        used.join(", ")
    })
}

/// The questionnaire's instruction under "How to answer", before the scales.
const HOW_TO_ANSWER: &str = "Tick one box for each question. Note the evidence for your answer; a target for twelve months ahead and an action are optional.";

/// A printable questionnaire in Markdown: the scale's descriptors, a tick box per point,
/// room for evidence, the guide's example roles, the fields, a target and an action.
pub fn markdown(a: &Assessment) -> String {
    let e = super::markdown::inline;
    let line = "……………………………………………………………………………………";
    let mut out = format!("# {}\n\n", e(&a.title));
    out.push_str(&format!("*{}*\n\n", e(&a.source)));
    out.push_str(&format!(
        "**Organisation:** {line}  \n**Period:** ……………………  **Date:** ……………………  \n**Your role:** ☐ {} ☐ {} ☐ {} ……………………\n\n",
        ROLES[0], ROLES[1], ROLES[2]
    ));
    for paragraph in a.description.split("\n\n").filter(|p| !p.trim().is_empty()) {
        out.push_str(&format!("{}\n\n", e(paragraph.trim())));
    }
    out.push_str(&format!("*{}*\n\n", e(&a.banner().sentence())));
    out.push_str(&format!("## How to answer\n\n{HOW_TO_ANSWER}\n\n"));
    for scale in &a.scales {
        out.push_str(&scale_markdown(a, scale));
    }
    for part in parts(a) {
        out.push_str(&match part {
            Part::Theme(theme) if theme.description.is_empty() => {
                format!("## {}\n\n", e(&theme.title))
            }
            Part::Theme(theme) => {
                format!("## {}\n\n{}\n\n", e(&theme.title), e(&theme.description))
            }
            Part::Item(item, number) => item_markdown(a, item, number, line),
            Part::Comment(c) => comment_markdown(c, line),
            Part::OwnWords => "## In your own words\n\n".to_string(),
        });
    }
    out
}

/// A scale's points, each with its descriptor, then its N/A.
fn scale_markdown(a: &Assessment, scale: &Scale) -> String {
    let e = super::markdown::inline;
    let mut out =
        scale_used_by(a, scale).map_or(String::new(), |used| format!("For {}:\n\n", e(&used)));
    for v in scale.min..=scale.max {
        match scale.point(v) {
            Some(p) if !p.descriptor.is_empty() && p.descriptor != p.label => out.push_str(
                &format!("- **{v} {}** — {}\n", e(&p.label), e(&p.descriptor)),
            ),
            Some(p) => out.push_str(&format!("- **{v} {}**\n", e(&p.label))),
            None => out.push_str(&format!("- **{v}**\n")),
        }
    }
    if scale.not_applicable {
        out.push_str(&format!("- **{}**\n", e(&scale.not_applicable_label)));
    }
    out.push('\n');
    out
}

/// A free-text question with ruled lines to write on.
fn comment_markdown(c: &CommentQuestion, line: &str) -> String {
    let e = super::markdown::inline;
    format!(
        "**{}**  \n*{}*\n\n{line}  \n{line}  \n{line}  \n{line}\n\n",
        e(&c.question),
        e(super::template::COMMENT_SUBTITLE)
    )
}

/// A free-text question with ruled lines, kept on one page.
fn comment_html(c: &CommentQuestion) -> String {
    use super::markup::escape;
    format!(
        "<section class=\"question comment\">\n<p><strong>{}</strong></p>\n<p class=\"muted\">{}</p>\n{}</section>\n",
        escape(&c.question),
        escape(super::template::COMMENT_SUBTITLE),
        "<div class=\"line\"></div>\n".repeat(4)
    )
}

/// Form-only styles, added to the report's stylesheet: tick boxes and ruled lines that
/// print, and questions that do not split across pages.
const FORM_STYLE: &str = "<style>\n\
.tick { display: inline-block; margin: 0 1.2rem 0.3rem 0; white-space: nowrap; }\n\
.box { display: inline-block; width: 1em; height: 1em; border: 2px solid #212b32; vertical-align: -0.15em; margin-right: 0.35rem; }\n\
.line { border-bottom: 1px solid #4c6272; height: 1.9rem; }\n\
.blank { display: inline-block; min-width: 14rem; border-bottom: 1px solid #4c6272; }\n\
section.question { break-inside: avoid; page-break-inside: avoid; }\n\
blockquote { margin: 0.4rem 0 0.6rem 1rem; color: #4c6272; }\n\
</style>\n";

/// A printable questionnaire as a web page, on the HTML report's page: the same escaping,
/// stylesheet and Content-Security-Policy, with tick boxes and ruled lines for pen.
pub fn html(a: &Assessment) -> String {
    use super::html::page::{footer, heading, page, paragraphs};
    use super::markup::escape;
    let blank = "<span class=\"blank\"></span>";
    let mut header = format!(
        "<p class=\"kicker\">Questionnaire</p>\n<h1>{}</h1>\n<p class=\"muted\">{}</p>\n",
        escape(&a.title),
        escape(&a.source)
    );
    header.push_str(&format!(
        "<p>Organisation {blank} Period {blank}</p>\n<p>Your role {} {blank}</p>\n",
        ROLES.iter().map(|r| tick(&escape(r))).collect::<String>()
    ));
    let mut main = String::from(FORM_STYLE);
    main.push_str(&paragraphs(&a.description));
    main.push_str(&format!(
        "<p class=\"tool-note\">{}</p>\n",
        escape(&a.banner().sentence())
    ));
    main.push_str(&heading(2, "how-to-answer", "How to answer"));
    main.push_str(&format!("<p>{HOW_TO_ANSWER}</p>\n"));
    for scale in &a.scales {
        main.push_str(&scale_html(a, scale));
    }
    for part in parts(a) {
        main.push_str(&match part {
            Part::Theme(theme) => {
                let id = format!("theme-{}", theme.id);
                heading(2, &id, &theme.title) + &paragraphs(&theme.description)
            }
            Part::Item(item, number) => item_html(a, item, number),
            Part::Comment(c) => comment_html(c),
            Part::OwnWords => heading(2, "in-your-own-words", "In your own words"),
        });
    }
    page(
        &format!("{} — questionnaire", a.title),
        &header,
        &main,
        &footer(&format!(
            "Questionnaire for “{}”, version {}.",
            a.title, a.version
        )),
    )
}

/// A scale as a table of its points, their labels and what each means, then its N/A.
fn scale_html(a: &Assessment, scale: &Scale) -> String {
    use super::markup::escape;
    let mut out = scale_used_by(a, scale).map_or(String::new(), |used| {
        format!("<p>For {}:</p>\n", escape(&used))
    });
    out.push_str("<table>\n<thead><tr><th class=\"num\">Point</th><th>Label</th><th>What it means</th></tr></thead>\n<tbody>\n");
    for v in scale.min..=scale.max {
        let (label, descriptor) = scale.point(v).map_or((String::new(), String::new()), |p| {
            (p.label.clone(), p.descriptor.clone())
        });
        out.push_str(&format!(
            "<tr><td class=\"num\">{v}</td><td>{}</td><td>{}</td></tr>\n",
            escape(&label),
            escape(&descriptor)
        ));
    }
    if scale.not_applicable {
        out.push_str(&format!(
            "<tr><td class=\"num\"></td><td>{}</td><td></td></tr>\n",
            escape(&scale.not_applicable_label)
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// A tick box with its (already escaped) label.
fn tick(label: &str) -> String {
    format!("<span class=\"tick\"><span class=\"box\"></span>{label}</span>")
}

fn item_html(a: &Assessment, item: &Item, number: usize) -> String {
    use super::html::page::{heading, paragraphs};
    use super::markup::escape;
    let scale = a.scale_of(item);
    let line = "<div class=\"line\"></div>\n";
    let mut out = String::from("<section class=\"question\">\n");
    out.push_str(&heading(
        3,
        &format!("item-{}", item.id),
        &format!("{number}. {}", item.title),
    ));
    let text = without_source_pointers(&item.text);
    if text != item.title && !item.question.contains(text.trim()) {
        out.push_str(&paragraphs(&text));
    }
    out.push_str(&format!(
        "<p class=\"ask\"><strong>{}</strong></p>\n",
        escape(&item.question)
    ));
    if let Some(cite) = &item.cite {
        out.push_str(&format!(
            "<p class=\"muted\">Source: {}</p>\n",
            escape(cite)
        ));
    }
    out.push_str(&passages_html(item));
    out.push_str(&rating_html(scale, item));
    out.push_str(&fields_html(a, item, line));
    out.push_str(&format!(
        "<p><strong>Evidence</strong></p>\n{line}{line}{line}"
    ));
    out.push_str(&format!(
        "<p><strong>Target in twelve months</strong> {}</p>\n<p><strong>Action</strong></p>\n{line}",
        (scale.min..=scale.max).map(|v| tick(&v.to_string())).collect::<String>()
    ));
    out.push_str("</section>\n");
    out
}

/// The guide's guidance as paragraphs and its prompts as quotes, each with its citation,
/// so the workshop reads what the guide says before it rates.
fn passages_html(item: &Item) -> String {
    use super::markup::escape;
    let cited = |p: &Passage| {
        p.cite.as_ref().map_or(String::new(), |c| {
            format!(" <span class=\"muted\">[{}]</span>", escape(c))
        })
    };
    let mut out = String::new();
    for p in &item.guidance {
        out.push_str(&format!(
            "<p><strong>{}:</strong> {}{}</p>\n",
            escape(&p.heading()),
            escape(&p.text)
                .replace("\n\n", "<br><br>")
                .replace('\n', " "),
            cited(p)
        ));
    }
    for p in &item.prompts {
        let said = match p.kind {
            PassageKind::Prompt => String::new(),
            _ => format!("<strong>{}:</strong> ", escape(&p.heading())),
        };
        out.push_str(&format!(
            "<blockquote>{said}{}{}</blockquote>\n",
            escape(&p.text),
            cited(p)
        ));
    }
    out
}

/// Where the workshop rates the item: a grid of examples by scale point when the guide
/// names examples to rate one by one, otherwise one tick box per point of the scale.
fn rating_html(scale: &Scale, item: &Item) -> String {
    use super::markup::escape;
    let point = |v: i32| match scale.point(v) {
        Some(p) => format!("{v} {}", escape(&p.label)),
        None => v.to_string(),
    };
    let mut out = String::new();
    match &item.examples {
        Some(examples) => {
            out.push_str("<p>Name your examples and rate each (the guide's suggestions first):</p>\n<table>\n<thead><tr><th>Example</th>");
            for v in scale.min..=scale.max {
                out.push_str(&format!("<th class=\"num\">{v}</th>"));
            }
            if scale.not_applicable {
                out.push_str("<th>N/A</th>");
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            let boxes = (scale.min..=scale.max).count() + usize::from(scale.not_applicable);
            // Two blank rows after the guide's examples leave room for the workshop's own.
            let names = examples
                .iter()
                .map(|x| escape(x))
                .chain(["".into(), "".into()]);
            for name in names {
                out.push_str(&format!(
                    "<tr><td>{name}</td>{}</tr>\n",
                    "<td><span class=\"box\"></span></td>".repeat(boxes)
                ));
            }
            out.push_str("</tbody>\n</table>\n");
        }
        None => {
            let mut ticks: String = (scale.min..=scale.max).map(|v| tick(&point(v))).collect();
            if scale.not_applicable {
                ticks.push_str(&tick(&escape(&scale.not_applicable_label)));
            }
            out.push_str(&format!("<p>{ticks}</p>\n"));
        }
    }
    out
}

/// The assessment's extra fields for this item: a line to write on, or a tick box per choice.
fn fields_html(a: &Assessment, item: &Item, line: &str) -> String {
    use super::markup::escape;
    let mut out = String::new();
    for field in a.fields_for(item) {
        match &field.kind {
            FieldKind::Text => out.push_str(&format!(
                "<p><strong>{}</strong></p>\n{line}",
                escape(&field.label)
            )),
            FieldKind::Choice(choices) => out.push_str(&format!(
                "<p><strong>{}</strong> {}</p>\n",
                escape(&field.label),
                choices.iter().map(|c| tick(&escape(c))).collect::<String>()
            )),
        }
    }
    out
}

fn item_markdown(a: &Assessment, item: &Item, number: usize, line: &str) -> String {
    let e = super::markdown::inline;
    let scale = a.scale_of(item);
    let mut out = format!("### {number}. {}\n\n", e(&item.title));
    let text = without_source_pointers(&item.text);
    if text != item.title && !item.question.contains(text.trim()) {
        out.push_str(&format!("{}\n\n", e(&text)));
    }
    out.push_str(&format!("**{}**\n\n", e(&item.question)));
    if let Some(cite) = &item.cite {
        out.push_str(&format!("*Source: {}*\n\n", e(cite)));
    }
    out.push_str(&passages_markdown(item));
    out.push_str(&rating_markdown(scale, item));
    out.push_str(&fields_markdown(a, item, line));
    out.push_str(&format!("**Evidence:** {line}  \n{line}  \n{line}\n\n"));
    let targets: Vec<String> = (scale.min..=scale.max).map(|v| format!("☐ {v}")).collect();
    out.push_str(&format!(
        "**Target in twelve months:** {}  \n**Action:** {line}\n\n",
        targets.join(" ")
    ));
    out
}

/// The guide's guidance in italics and its prompts as one quote, each with its citation,
/// so the workshop reads what the guide says before it rates.
fn passages_markdown(item: &Item) -> String {
    let e = super::markdown::inline;
    let cited = |p: &Passage| {
        p.cite
            .as_ref()
            .map_or(String::new(), |c| format!(" \\[{}\\]", e(c)))
    };
    let mut out = String::new();
    for p in &item.guidance {
        out.push_str(&format!(
            "*{}:* {}{}\n\n",
            e(&p.heading()),
            e(&p.text.replace("\n\n", " ")),
            cited(p)
        ));
    }
    for p in &item.prompts {
        let said = match p.kind {
            PassageKind::Prompt => String::new(),
            _ => format!("*{}:* ", e(&p.heading())),
        };
        out.push_str(&format!(
            "> {said}{}{}\n>\n",
            e(&p.text.replace("\n\n", " ")),
            cited(p)
        ));
    }
    // The quote's last empty ">" line would run it into the rating; end it with a blank line.
    if !item.prompts.is_empty() {
        out.truncate(out.len() - 2);
        out.push('\n');
    }
    out
}

/// Where the workshop rates the item: a table of examples by scale point when the guide
/// names examples to rate one by one, otherwise one tick box per point of the scale.
fn rating_markdown(scale: &Scale, item: &Item) -> String {
    let e = super::markdown::inline;
    let boxes = |v: i32| match scale.point(v) {
        Some(p) => format!("☐ {v} {}", e(&p.label)),
        None => format!("☐ {v}"),
    };
    let mut out = String::new();
    match &item.examples {
        Some(examples) => {
            out.push_str("Name your examples and rate each (the guide's suggestions first):\n\n");
            let mut header = vec!["Example".to_string()];
            header.extend((scale.min..=scale.max).map(|v| v.to_string()));
            if scale.not_applicable {
                header.push("N/A".into());
            }
            out.push_str(&format!("| {} |\n", header.join(" | ")));
            out.push_str(&format!("|{}\n", " --- |".repeat(header.len())));
            // Two blank rows after the guide's examples leave room for the workshop's own.
            let blank = "……………………………".to_string();
            let rows = examples
                .iter()
                .map(|x| e(x))
                .chain(std::iter::repeat_n(blank, 2));
            for name in rows {
                out.push_str(&format!("| {name} |{}\n", " ☐ |".repeat(header.len() - 1)));
            }
            out.push('\n');
        }
        None => {
            let mut ticks: Vec<String> = (scale.min..=scale.max).map(boxes).collect();
            if scale.not_applicable {
                ticks.push(format!("☐ {}", e(&scale.not_applicable_label)));
            }
            out.push_str(&format!("{}\n\n", ticks.join("  \n")));
        }
    }
    out
}

/// The assessment's extra fields for this item: a line to write on, or a tick box per choice.
fn fields_markdown(a: &Assessment, item: &Item, line: &str) -> String {
    let e = super::markdown::inline;
    let mut out = String::new();
    for field in a.fields_for(item) {
        match &field.kind {
            FieldKind::Text => out.push_str(&format!("**{}** {line}\n\n", e(&field.label))),
            FieldKind::Choice(choices) => {
                let ticks: Vec<String> = choices.iter().map(|c| format!("☐ {}", e(c))).collect();
                out.push_str(&format!("**{}** {}\n\n", e(&field.label), ticks.join(" ")));
            }
        }
    }
    out
}
