//! Templates for sending an assessment out as a survey: the returns sheet whose headers
//! `plead score` matches with no `--map`, and the questions with their answer options
//! exactly as they should be typed into Microsoft Forms or Google Forms (the printable
//! questionnaire is `questionnaire`). Pure: an assessment in, bytes out.
//!
//! The questions themselves — their titles and options, checked against the survey reader
//! so every header matches its own item and every option parses back to its point — are
//! the survey's own model (`survey::question`); this module lays them out.

use super::model::{Cell, Column, Table};
use super::xlsx::{self, Choices, Sheet};
use crate::assessment::Assessment;
use crate::survey::reads::column_letter;

pub use crate::survey::question::{
    CommentAsked, Question, ROLE, ROLES, comment_questions, options, questions,
};

/// What a free-text question's subtitle asks of respondents (plead's wording): plead
/// removes the personal data it recognises, but not every kind.
pub const COMMENT_SUBTITLE: &str = "Optional. Please leave out names, contact details and anything else that could identify you or someone else.";

/// The returns sheet's headers: Role, then one column per rating question, then one per
/// free-text question.
pub fn returns_headers(questions: &[Question], comments: &[CommentAsked]) -> Vec<String> {
    std::iter::once(ROLE.to_string())
        .chain(questions.iter().map(|q| q.title.clone()))
        .chain(comments.iter().map(|c| c.title.clone()))
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

/// The questions sheet: one row per question (numbered), then one column per answer
/// option.
fn questions_table(a: &Assessment, questions: &[Question]) -> Table {
    let widest = questions
        .iter()
        .map(|q| q.options.len())
        .max()
        .unwrap_or(0)
        .max(ROLES.len());
    let mut columns = vec![Column::number(QUESTION_HEADERS[0], 0)];
    columns.extend(QUESTION_HEADERS[1..].iter().map(|h| Column::text(h)));
    columns.extend((1..=widest).map(|n| Column::text(&format!("Option {n}"))));
    let mut table = Table::new(columns);
    let mut role = vec![
        Cell::Empty,
        Cell::text(ROLE),
        Cell::Empty,
        Cell::Empty,
        Cell::text("Which best describes you? (plead's suggestion: use your own groups)"),
        Cell::text("Choice"),
    ];
    role.extend(ROLES.iter().map(|r| Cell::text(*r)));
    table.row(role);
    for (n, q) in questions.iter().enumerate() {
        let theme = a
            .theme(&q.item.theme)
            .map_or(q.item.theme.clone(), |t| t.title.clone());
        let mut row = vec![
            Cell::from(n + 1),
            Cell::text(q.title.as_str()),
            Cell::text(q.item.id.as_str()),
            Cell::text(theme),
            Cell::text(
                q.item
                    .what_good_looks_like()
                    .map_or(String::new(), |p| p.text.clone()),
            ),
            Cell::text("Choice"),
        ];
        row.extend(q.options.iter().map(|o| Cell::text(o.as_str())));
        table.row(row);
    }
    for (n, c) in comment_questions(a).iter().enumerate() {
        let theme = c
            .comment
            .theme
            .as_deref()
            .and_then(|t| a.theme(t))
            .map_or(String::new(), |t| t.title.clone());
        table.row(vec![
            Cell::from(questions.len() + n + 1),
            Cell::text(c.title.as_str()),
            Cell::text(c.comment.item.clone().unwrap_or_default()),
            Cell::text(theme),
            Cell::text(COMMENT_SUBTITLE),
            Cell::text("Text (long answer)"),
        ]);
    }
    table
}

/// How to use the template, line by line.
pub fn instructions(a: &Assessment) -> Vec<String> {
    vec![
        format!("{} — survey template made by plead", a.title),
        format!("Source: {}", a.source),
        String::new(),
        "To build the survey in Microsoft Forms or Google Forms: add one Choice (multiple choice) question per row of the Questions sheet, in order, with its title exactly as in the Question column and its options exactly as in the Option columns. Start with the Role question, so results can be compared between patient leaders and staff. A Likert (Microsoft Forms) or multiple-choice grid (Google Forms) question whose rows are the Question texts and whose columns are the options works too.".to_string(),
        "The rows of type Text are the free-text questions: add each as a Text question (Microsoft Forms: Text, with Long answer; Google Forms: Paragraph), not required, with its title exactly as in the Question column and the subtitle as its description. plead score reads them as comments and removes the personal data it recognises (emails, phone and NHS numbers, postcodes, IP addresses, the respondent's own name) before anything is kept.".to_string(),
        "SurveyMonkey and other tools: the same titles and options, one single-choice question each.".to_string(),
        "For paper returns: type each respondent's answers into the Returns sheet, one row per respondent (numbers or the option texts both work).".to_string(),
        String::new(),
        "Export the responses as they come (Microsoft Forms: Open in Excel; Google Forms: Download responses (.csv); SurveyMonkey: All responses data, with the answer text), then:".to_string(),
        format!("  plead score {} FILE --group-by {ROLE} --out results.json --out report.html", a.id),
        "No --map is needed: the column titles and answer texts are the ones plead reads.".to_string(),
    ]
}

/// The returns sheet: Role, then one column per question, with no rows.
fn returns_table(a: &Assessment, questions: &[Question]) -> Table {
    Table::new(
        returns_headers(questions, &comment_questions(a))
            .iter()
            .map(|h| Column::text(h))
            .collect(),
    )
}

/// The returns sheet as CSV (headers only, ready to fill in). The assessment's own text,
/// not a user's; still guarded, as a CSV may be opened in a spreadsheet.
pub fn returns_csv(a: &Assessment) -> Vec<u8> {
    super::csv::write(&returns_table(a, &questions(a)))
}

/// The questions as CSV.
pub fn questions_csv(a: &Assessment) -> Vec<u8> {
    let questions = questions(a);
    super::csv::write(&questions_table(a, &questions))
}

/// Rows of the Returns sheet that get drop-down lists.
const RETURN_ROWS: u32 = 500;

/// The template as a workbook: Returns (first, so `plead score` reads it by default),
/// Questions, How to use, and a hidden Lists sheet behind the drop-downs.
pub fn workbook(a: &Assessment) -> Vec<u8> {
    let questions = questions(a);
    let mut list_columns: Vec<Vec<String>> = vec![ROLES.iter().map(|r| r.to_string()).collect()];
    let mut returns = Sheet::new("Returns", returns_table(a, &questions));
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
    let mut lists = Sheet::new("Lists", lists_table(&list_columns));
    lists.hidden = true;
    let sheet = Sheet::new("Questions", questions_table(a, &questions));
    let mut how = Table::new(vec![Column::text("How to use this template")]);
    for line in instructions(a) {
        how.row(vec![Cell::Text(line)]);
    }
    xlsx::workbook(&[returns, sheet, Sheet::new("How to use", how), lists])
}

/// The lists behind the drop-downs, one column each.
fn lists_table(list_columns: &[Vec<String>]) -> Table {
    let mut table = Table::new(
        (0..list_columns.len())
            .map(|c| Column::text(&format!("List {}", c + 1)))
            .collect(),
    );
    let longest = list_columns.iter().map(Vec::len).max().unwrap_or(0);
    for r in 0..longest {
        table.row(
            list_columns
                .iter()
                .map(|l| l.get(r).map_or(Cell::Empty, |s| Cell::Text(s.clone())))
                .collect(),
        );
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Catalog;

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
