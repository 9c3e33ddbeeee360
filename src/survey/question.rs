//! The survey as plead writes it: one question per item, titled so that `plead score`
//! reads it back as that item's column with no `--map`, and answer options that read back
//! as their points. The template's sheets and checks lay these out; the reader's own rules
//! (`reads`) decide what reads back, so writer and reader cannot drift apart.

use super::reads::{Answers, Reading, comments_of_headers, items_of_headers};
use super::wording::without_source_pointers;
use crate::assessment::{Assessment, CommentQuestion, Item, Scale};

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

/// One free-text question of the survey.
#[derive(Debug, Clone)]
pub struct CommentAsked<'a> {
    pub comment: &'a CommentQuestion,
    /// The question's title, and so the column header of the returns.
    pub title: String,
}

/// The free-text questions of an assessment, each checked to read back as its own
/// comment question's column (beside the rating questions) without mapping: titled with
/// the question, or where that would not read back, with the comment question's id.
pub fn comment_questions(a: &Assessment) -> Vec<CommentAsked<'_>> {
    let ratings: Vec<String> = questions(a).into_iter().map(|q| q.title).collect();
    let mut titles: Vec<String> = a.comments.iter().map(|c| c.question.clone()).collect();
    if !comments_match_back(a, &ratings, &titles) {
        titles = a.comments.iter().map(|c| c.id.clone()).collect();
    }
    a.comments
        .iter()
        .zip(titles)
        .map(|(comment, title)| CommentAsked { comment, title })
        .collect()
}

/// Whether each comment title would be read as its own comment question's column, after
/// the Role and rating columns.
fn comments_match_back(a: &Assessment, ratings: &[String], titles: &[String]) -> bool {
    let headers: Vec<String> = std::iter::once(ROLE.to_string())
        .chain(ratings.iter().cloned())
        .chain(titles.iter().cloned())
        .collect();
    let first = 1 + ratings.len();
    match comments_of_headers(a, &headers) {
        Some(comments) => (0..a.comments.len()).all(|k| comments.get(first + k) == Some(&Some(k))),
        None => false,
    }
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
            let titles: Vec<String> = qs.iter().map(|q| q.title.clone()).collect();
            assert!(matches_back(&a, &titles), "{}", a.id);
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
    fn every_comment_title_reads_back_as_its_own_question_and_is_no_personal_header() {
        for a in each_builtin() {
            let asked = comment_questions(&a);
            assert_eq!(asked.len(), a.comments.len());
            for q in &asked {
                // The question itself, not the id fallback.
                assert_eq!(q.title, q.comment.question, "{}", a.id);
                assert!(
                    !crate::survey::personal::is_personal_header(&q.title),
                    "{}: {}",
                    a.id,
                    q.title
                );
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
}
