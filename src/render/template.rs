//! Templates for sending an assessment out as a survey: the returns sheet whose headers
//! `plead score` matches with no `--map`, and the questions with their answer options
//! exactly as they should be typed into Microsoft Forms or Google Forms (the printable
//! questionnaire is `questionnaire`). Pure: an assessment in, bytes out.
//!
//! The template checks itself against the survey reader rather than trusting that the two
//! agree: every column header must match its own item, and every answer option must parse
//! back to its point. Where a label would not (a label that reads as another point's
//! number, say), the option falls back to "3 - Label", then to the bare number.

use super::xlsx::{self, Cell, Choices, Sheet};
use crate::assessment::{Assessment, Item, Scale};
use crate::survey::reads::{Answers, Reading, column_letter, items_of_headers};
use crate::survey::wording::without_source_pointers;

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
    // The stand-alone question, which names its subject; `plead score` reads it back.
    // Where the file gives none, the text, without the source's pointers into its own
    // figures ("…the ‘8 Role Model’ as below."): the matcher knows the text without them.
    let mut titles: Vec<String> = a
        .items
        .iter()
        .map(|i| {
            if i.question == i.text {
                without_source_pointers(&i.text)
            } else {
                i.question.clone()
            }
        })
        .collect();
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
    let headers: Vec<String> = std::iter::once(ROLE.to_string())
        .chain(titles.iter().cloned())
        .collect();
    // Exactly: a survey built from the template must never depend on approximate matching.
    match items_of_headers(a, &headers) {
        Some(items) => (0..a.items.len()).all(|i| items.get(i + 1) == Some(&Some(i))),
        None => false,
    }
}

/// A scale's answer options, each one that `plead score` reads back as its point.
pub fn options(scale: &Scale) -> Vec<String> {
    let parser = Answers::on(scale);
    let mut out: Vec<String> = (scale.min..=scale.max)
        .map(|v| {
            let mut tries = Vec::new();
            if let Some(p) = scale.point(v) {
                tries.push(p.label.clone());
                tries.push(format!("{v} - {}", p.label));
            }
            tries
                .into_iter()
                .find(|t| parser.read(t) == Reading::Rating(v))
                .unwrap_or_else(|| v.to_string())
        })
        .collect();
    if scale.not_applicable {
        let label = &scale.not_applicable_label;
        out.push(if parser.read(label) == Reading::NotApplicable {
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
            q.item
                .what_good_looks_like()
                .map_or(String::new(), |p| p.text.clone()),
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
        let row: Vec<String> = row.iter().map(|c| super::text::csv_text(c)).collect();
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
                let parser = Answers::on(scale);
                for (v, option) in (scale.min..=scale.max).zip(&q.options) {
                    assert_eq!(
                        parser.read(option),
                        Reading::Rating(v),
                        "{}: {option}",
                        a.id
                    );
                }
                if scale.not_applicable {
                    assert_eq!(
                        parser.read(q.options.last().unwrap()),
                        Reading::NotApplicable
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

    #[test]
    fn regression_block_10_title_said_as_below() {
        let a = Catalog::load(None)
            .unwrap()
            .resolve("building-blocks")
            .unwrap()
            .assessment
            .clone();
        let qs = questions(&a);
        let block_10 = qs.iter().find(|q| q.item.id == "supporting-roles").unwrap();
        // The title is the item's stand-alone question (issue 16), which names the roles
        // and has no pointer into the web page's figure.
        assert!(
            block_10
                .title
                .starts_with("Building block 10, the supporting roles of the ‘8 Role Model’ ("),
            "{}",
            block_10.title
        );
        assert!(!block_10.title.contains("as below"));
        // The assessment marks the pointer it leaves out with its omission mark.
        assert!(block_10.item.text.ends_with("‘8 Role Model’ […]"));
        // Nor does the printable questionnaire carry the pointer.
        let paper = super::super::questionnaire::markdown(&a);
        assert!(!paper.contains("as below"));
        // Every title is its item's question.
        for q in &qs {
            assert_eq!(q.title, q.item.question);
        }
    }
}
