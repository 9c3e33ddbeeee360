//! Templates for sending an assessment out: the returns sheet whose headers `plead score`
//! matches with no `--map`, the questions with their answer options exactly as they should
//! be typed into Microsoft Forms or Google Forms, and a printable questionnaire for paper
//! workshops. Pure: an assessment in, bytes out.
//!
//! The template checks itself against the survey reader rather than trusting that the two
//! agree: every column header must match its own item, and every answer option must parse
//! back to its point. Where a label would not (a label that reads as another point's
//! number, say), the option falls back to "3 - Label", then to the bare number.

use super::xlsx::{self, Cell, Choices, Sheet};
use crate::assessment::{Assessment, FieldKind, Item, Scale};
use crate::survey::cell::{Cell as Parsed, CellParser};
use crate::survey::headers::match_items;
use crate::survey::layout::{Column, Kind};

/// The grouping column of the returns sheet (`plead score … --group-by Role`).
pub const ROLE: &str = "Role";
/// Its suggested answers; an organisation may use its own.
pub const ROLES: [&str; 3] = ["Patient leader", "Staff", "Other"];

/// One question of the survey.
#[derive(Debug, Clone)]
pub struct Question<'a> {
    pub item: &'a Item,
    /// The question's title, and so the column header of the returns.
    pub title: String,
    /// The answer options, in order: each point of the scale, then "not applicable".
    pub options: Vec<String>,
}

/// The questions of an assessment, each checked to score back without mapping.
pub fn questions(a: &Assessment) -> Vec<Question<'_>> {
    let mut titles: Vec<String> = a.items.iter().map(|i| i.text.clone()).collect();
    if !matches_back(a, &titles) {
        // An id always matches its own item (ids are unique and matched first).
        titles = a.items.iter().map(|i| i.id.clone()).collect();
    }
    a.items
        .iter()
        .zip(titles)
        .map(|(item, title)| Question {
            item,
            title,
            options: options(a.scale_of(item)),
        })
        .collect()
}

/// Whether each title would be read as its own item's column.
fn matches_back(a: &Assessment, titles: &[String]) -> bool {
    let columns: Vec<Column> = std::iter::once(ROLE.to_string())
        .chain(titles.iter().cloned())
        .map(|name| Column {
            name,
            other_names: Vec::new(),
            kind: Kind::Question,
        })
        .collect();
    match match_items(a, &columns, &[]) {
        Ok(m) => m
            .items
            .iter()
            .enumerate()
            .all(|(i, found)| found.is_some_and(|(c, _)| c == i + 1)),
        Err(_) => false,
    }
}

/// A scale's answer options, each one that `plead score` reads back as its point.
pub fn options(scale: &Scale) -> Vec<String> {
    let parser = CellParser::new(scale);
    let mut out: Vec<String> = (scale.min..=scale.max)
        .map(|v| {
            let mut tries = Vec::new();
            if let Some(p) = scale.point(v) {
                tries.push(p.label.clone());
                tries.push(format!("{v} - {}", p.label));
            }
            tries
                .into_iter()
                .find(|t| parser.parse(t) == Parsed::Value(v))
                .unwrap_or_else(|| v.to_string())
        })
        .collect();
    if scale.not_applicable {
        let label = &scale.not_applicable_label;
        out.push(if parser.parse(label) == Parsed::NotApplicable {
            label.clone()
        } else {
            "N/A".to_string()
        });
    }
    out
}

/// The returns sheet's headers: Role, then one column per question.
pub fn returns_headers(questions: &[Question]) -> Vec<String> {
    std::iter::once(ROLE.to_string())
        .chain(questions.iter().map(|q| q.title.clone()))
        .collect()
}

const QUESTION_HEADERS: [&str; 6] = [
    "#",
    "Question (type as the question's title)",
    "Item",
    "Theme",
    "Subtitle (optional: what good looks like)",
    "Type",
];

/// The questions sheet: one row per question, then one column per answer option.
fn question_rows(a: &Assessment, questions: &[Question]) -> (Vec<String>, Vec<Vec<String>>) {
    let widest = questions
        .iter()
        .map(|q| q.options.len())
        .max()
        .unwrap_or(0)
        .max(ROLES.len());
    let mut headers: Vec<String> = QUESTION_HEADERS.iter().map(|h| h.to_string()).collect();
    headers.extend((1..=widest).map(|n| format!("Option {n}")));
    let mut rows = Vec::new();
    let mut role = vec![
        String::new(),
        ROLE.to_string(),
        String::new(),
        String::new(),
        "Which best describes you? (plead's suggestion: use your own groups)".to_string(),
        "Choice".to_string(),
    ];
    role.extend(ROLES.iter().map(|r| r.to_string()));
    role.resize(headers.len(), String::new());
    rows.push(role);
    for (n, q) in questions.iter().enumerate() {
        let theme = a
            .theme(&q.item.theme)
            .map_or(q.item.theme.clone(), |t| t.title.clone());
        let mut row = vec![
            (n + 1).to_string(),
            q.title.clone(),
            q.item.id.clone(),
            theme,
            q.item.guidance.clone(),
            "Choice".to_string(),
        ];
        row.extend(q.options.iter().cloned());
        row.resize(headers.len(), String::new());
        rows.push(row);
    }
    (headers, rows)
}

/// How to use the template, line by line.
pub fn instructions(a: &Assessment) -> Vec<String> {
    vec![
        format!("{} — survey template made by plead", a.title),
        format!("Source: {}", a.source),
        String::new(),
        "To build the survey in Microsoft Forms or Google Forms: add one Choice (multiple choice) question per row of the Questions sheet, in order, with its title exactly as in the Question column and its options exactly as in the Option columns. Start with the Role question, so results can be compared between patient leaders and staff. A Likert (Microsoft Forms) or multiple-choice grid (Google Forms) question whose rows are the Question texts and whose columns are the options works too.".to_string(),
        "SurveyMonkey and other tools: the same titles and options, one single-choice question each.".to_string(),
        "For paper returns: type each respondent's answers into the Returns sheet, one row per respondent (numbers or the option texts both work).".to_string(),
        String::new(),
        "Export the responses as they come (Microsoft Forms: Open in Excel; Google Forms: Download responses (.csv); SurveyMonkey: All responses data, with the answer text), then:".to_string(),
        format!("  plead score {} FILE --group-by {ROLE} --out results.json --out report.html", a.id),
        "No --map is needed: the column titles and answer texts are the ones plead reads.".to_string(),
    ]
}

/// The returns sheet as CSV (headers only, ready to fill in).
pub fn returns_csv(a: &Assessment) -> Vec<u8> {
    let questions = questions(a);
    let headers = returns_headers(&questions);
    write_csv(&[headers])
}

/// The questions as CSV.
pub fn questions_csv(a: &Assessment) -> Vec<u8> {
    let questions = questions(a);
    let (headers, rows) = question_rows(a, &questions);
    write_csv(&std::iter::once(headers).chain(rows).collect::<Vec<_>>())
}

fn write_csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        // The assessment's own text, not a user's; still guarded, as a CSV may be opened
        // in a spreadsheet.
        let row: Vec<String> = row
            .iter()
            .map(|c| super::text::spreadsheet_safe(c))
            .collect();
        w.write_record(&row).expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

/// Rows of the Returns sheet that get drop-down lists.
const RETURN_ROWS: u32 = 500;

/// The template as a workbook: Returns (first, so `plead score` reads it by default),
/// Questions, How to use, and a hidden Lists sheet behind the drop-downs.
pub fn workbook(a: &Assessment) -> Vec<u8> {
    let questions = questions(a);
    let headers = returns_headers(&questions);
    let mut lists = Sheet::new("Lists", &[]);
    let mut list_columns: Vec<Vec<String>> = vec![ROLES.iter().map(|r| r.to_string()).collect()];
    let mut returns = Sheet {
        name: "Returns".into(),
        headers,
        ..Sheet::default()
    };
    let mut list_of = |options: &Vec<String>| -> usize {
        match list_columns.iter().position(|l| l == options) {
            Some(p) => p,
            None => {
                list_columns.push(options.clone());
                list_columns.len() - 1
            }
        }
    };
    let mut choices = vec![(0usize, 0usize)];
    for (n, q) in questions.iter().enumerate() {
        choices.push((n + 1, list_of(&q.options)));
    }
    for (column, list) in choices {
        let letter = column_letter(list);
        returns.choices.push(Choices {
            column,
            range: format!(
                "Lists!${letter}$2:${letter}${}",
                list_columns[list].len() + 1
            ),
            rows: RETURN_ROWS,
        });
    }
    lists.headers = (0..list_columns.len())
        .map(|c| format!("List {}", c + 1))
        .collect();
    let longest = list_columns.iter().map(Vec::len).max().unwrap_or(0);
    for r in 0..longest {
        lists.row(
            list_columns
                .iter()
                .map(|l| l.get(r).map_or(Cell::Empty, |s| Cell::Text(s.clone())))
                .collect(),
        );
    }
    lists.hidden = true;

    let (q_headers, q_rows) = question_rows(a, &questions);
    let mut sheet = Sheet {
        name: "Questions".into(),
        headers: q_headers,
        ..Sheet::default()
    };
    for row in q_rows {
        sheet.row(
            row.into_iter()
                .enumerate()
                .map(|(c, v)| match v.parse::<f64>() {
                    Ok(n) if c == 0 => Cell::Number(n),
                    _ if v.is_empty() => Cell::Empty,
                    _ => Cell::Text(v),
                })
                .collect(),
        );
    }
    let mut how = Sheet::new("How to use", &["How to use this template"]);
    for line in instructions(a) {
        how.row(vec![Cell::Text(line)]);
    }
    xlsx::workbook(&[returns, sheet, how, lists])
}

/// A spreadsheet column's letters: 0 → A, 26 → AA.
fn column_letter(mut n: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'A' + (n % 26) as u8) as char);
        if n < 26 {
            return s;
        }
        n = n / 26 - 1;
    }
}

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
    out.push_str("## How to answer\n\n");
    out.push_str("Tick one box for each question. Note the evidence for your answer; a target for twelve months ahead and an action are optional.\n\n");
    for scale in &a.scales {
        if a.scales.len() > 1 {
            let used: Vec<&str> = a
                .items
                .iter()
                .filter(|i| i.scale == scale.id)
                .map(|i| i.title.as_str())
                .collect();
            out.push_str(&format!("For {}:\n\n", e(&used.join(", "))));
        }
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
    }
    let mut number = 0;
    for theme in &a.themes {
        if a.themes.len() > 1 {
            out.push_str(&format!("## {}\n\n", e(&theme.title)));
            if !theme.description.is_empty() {
                out.push_str(&format!("{}\n\n", e(&theme.description)));
            }
        }
        for item in a.items.iter().filter(|i| i.theme == theme.id) {
            number += 1;
            out.push_str(&item_markdown(a, item, number, line));
        }
    }
    out
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
    use super::html::{DEVELOPMENT_TOOL, escape, footer, heading, page, paragraphs};
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
        escape(DEVELOPMENT_TOOL)
    ));
    main.push_str(&heading(2, "how-to-answer", "How to answer"));
    main.push_str("<p>Tick one box for each question. Note the evidence for your answer; a target for twelve months ahead and an action are optional.</p>\n");
    for scale in &a.scales {
        if a.scales.len() > 1 {
            let used: Vec<&str> = a
                .items
                .iter()
                .filter(|i| i.scale == scale.id)
                .map(|i| i.title.as_str())
                .collect();
            main.push_str(&format!("<p>For {}:</p>\n", escape(&used.join(", "))));
        }
        main.push_str("<table>\n<thead><tr><th class=\"num\">Point</th><th>Label</th><th>What it means</th></tr></thead>\n<tbody>\n");
        for v in scale.min..=scale.max {
            let (label, descriptor) = scale.point(v).map_or((String::new(), String::new()), |p| {
                (p.label.clone(), p.descriptor.clone())
            });
            main.push_str(&format!(
                "<tr><td class=\"num\">{v}</td><td>{}</td><td>{}</td></tr>\n",
                escape(&label),
                escape(&descriptor)
            ));
        }
        if scale.not_applicable {
            main.push_str(&format!(
                "<tr><td class=\"num\"></td><td>{}</td><td></td></tr>\n",
                escape(&scale.not_applicable_label)
            ));
        }
        main.push_str("</tbody>\n</table>\n");
    }
    let mut number = 0;
    for theme in &a.themes {
        if a.themes.len() > 1 {
            main.push_str(&heading(2, &format!("theme-{}", theme.id), &theme.title));
            main.push_str(&paragraphs(&theme.description));
        }
        for item in a.items.iter().filter(|i| i.theme == theme.id) {
            number += 1;
            main.push_str(&item_html(a, item, number));
        }
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

/// A tick box with its (already escaped) label.
fn tick(label: &str) -> String {
    format!("<span class=\"tick\"><span class=\"box\"></span>{label}</span>")
}

fn item_html(a: &Assessment, item: &Item, number: usize) -> String {
    use super::html::{escape, heading, paragraphs};
    let scale = a.scale_of(item);
    let line = "<div class=\"line\"></div>\n";
    let mut out = String::from("<section class=\"question\">\n");
    out.push_str(&heading(
        3,
        &format!("item-{}", item.id),
        &format!("{number}. {}", item.title),
    ));
    if item.text != item.title {
        out.push_str(&paragraphs(&item.text));
    }
    if !item.guidance.is_empty() {
        out.push_str(&format!(
            "<p><strong>What good looks like:</strong> {}</p>\n",
            escape(&item.guidance).replace("\n", "<br>")
        ));
    }
    for prompt in &item.prompts {
        out.push_str(&format!("<blockquote>{}</blockquote>\n", escape(prompt)));
    }
    let point = |v: i32| match scale.point(v) {
        Some(p) => format!("{v} {}", escape(&p.label)),
        None => v.to_string(),
    };
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

fn item_markdown(a: &Assessment, item: &Item, number: usize, line: &str) -> String {
    let e = super::markdown::inline;
    let scale = a.scale_of(item);
    let boxes = |v: i32| match scale.point(v) {
        Some(p) => format!("☐ {v} {}", e(&p.label)),
        None => format!("☐ {v}"),
    };
    let mut out = format!("### {number}. {}\n\n", e(&item.title));
    if item.text != item.title {
        out.push_str(&format!("{}\n\n", e(&item.text)));
    }
    if !item.guidance.is_empty() {
        out.push_str(&format!(
            "*What good looks like:* {}\n\n",
            e(&item.guidance)
        ));
    }
    for prompt in &item.prompts {
        out.push_str(&format!("> {}\n>\n", e(prompt)));
    }
    if !item.prompts.is_empty() {
        out.truncate(out.len() - 2);
        out.push('\n');
    }
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
    for field in a.fields_for(item) {
        match &field.kind {
            FieldKind::Text => out.push_str(&format!("**{}** {line}\n\n", e(&field.label))),
            FieldKind::Choice(choices) => {
                let ticks: Vec<String> = choices.iter().map(|c| format!("☐ {}", e(c))).collect();
                out.push_str(&format!("**{}** {}\n\n", e(&field.label), ticks.join(" ")));
            }
        }
    }
    out.push_str(&format!("**Evidence:** {line}  \n{line}  \n{line}\n\n"));
    let targets: Vec<String> = (scale.min..=scale.max).map(|v| format!("☐ {v}")).collect();
    out.push_str(&format!(
        "**Target in twelve months:** {}  \n**Action:** {line}\n\n",
        targets.join(" ")
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Catalog;

    fn each_builtin() -> Vec<Assessment> {
        Catalog::load(None)
            .unwrap()
            .entries
            .into_iter()
            .map(|e| e.assessment)
            .collect()
    }

    #[test]
    fn every_option_parses_back_to_its_point_and_every_title_to_its_item() {
        for a in each_builtin() {
            let qs = questions(&a);
            assert!(matches_back(&a, &returns_headers(&qs)[1..]), "{}", a.id);
            for q in &qs {
                let scale = a.scale_of(q.item);
                let parser = CellParser::new(scale);
                for (v, option) in (scale.min..=scale.max).zip(&q.options) {
                    assert_eq!(parser.parse(option), Parsed::Value(v), "{}: {option}", a.id);
                }
                if scale.not_applicable {
                    assert_eq!(
                        parser.parse(q.options.last().unwrap()),
                        Parsed::NotApplicable
                    );
                }
            }
        }
    }

    #[test]
    fn a_label_that_reads_as_another_point_falls_back_to_number_and_label() {
        let text = include_str!("../../tests/fixtures/mini.toml");
        let mut a = crate::assessment::load_str(text).unwrap();
        a.scales[0].points[0].label = "1".into();
        let options = options(&a.scales[0]);
        assert_eq!(options[0], format!("{} - 1", a.scales[0].min));
    }

    #[test]
    fn columns_are_lettered_like_a_spreadsheet() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }
}
