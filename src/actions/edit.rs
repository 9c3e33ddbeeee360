//! Changes to an actions log written into the file's own text (with toml_edit), so
//! what people wrote by hand — comments, the order of keys, their own layout — is kept:
//! a new action is one more `[[action]]` table at the end, a review one more
//! `[[action.history]]` entry under its action. Pure: text in, text out.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use super::{Action, Change, Log, SCHEMA, date};

/// The text of a new log of `organisation`, with no actions yet.
pub fn new_log(organisation: &str) -> String {
    let mut doc = DocumentMut::new();
    doc["schema"] = value(SCHEMA);
    doc["organisation"] = value(organisation);
    format!(
        "# An actions log: what was promised in answer to feedback, and what became of it.\n\
         # plead adds actions and reviews to it; it may be edited by hand too (docs/actions.md).\n{doc}"
    )
}

/// The whole log as text (a new file with each action added in turn).
pub fn to_text(log: &Log) -> String {
    let mut text = new_log(&log.organisation);
    for a in &log.actions {
        text = add(&text, a).expect("a log plead wrote parses");
    }
    text
}

/// The log's text as a document to change (what was written by hand kept).
pub fn parse(text: &str) -> Result<DocumentMut, String> {
    text.parse()
        .map_err(|e: toml_edit::TomlError| e.to_string())
}

/// `text` with `action` added at the end.
pub fn add(text: &str, action: &Action) -> Result<String, String> {
    let mut doc = parse(text)?;
    add_to(&mut doc, action)?;
    Ok(doc.to_string())
}

/// `doc` with `action` added at the end.
pub fn add_to(doc: &mut DocumentMut, action: &Action) -> Result<(), String> {
    let list = doc
        .entry("action")
        .or_insert(Item::ArrayOfTables(ArrayOfTables::new()))
        .as_array_of_tables_mut()
        .ok_or("`action` is not a list of [[action]] tables")?;
    let mut t = Table::new();
    t["id"] = value(&action.id);
    t["assessment"] = value(&action.assessment);
    t[action.answers.key()] = value(action.answers.id());
    t["text"] = value(&action.text);
    if let Some(owner) = &action.owner {
        t["owner"] = value(owner);
    }
    if let Some(due) = action.due {
        t["due"] = value(toml_date(due));
    }
    t["agreed"] = value(&action.agreed);
    let mut history = ArrayOfTables::new();
    for c in &action.history {
        history.push(change_table(c));
    }
    if !history.is_empty() {
        t["history"] = Item::ArrayOfTables(history);
    }
    list.push(t);
    Ok(())
}

/// `text` with `change` added to the history of the action `id`.
pub fn review(text: &str, id: &str, change: &Change) -> Result<String, String> {
    let mut doc = parse(text)?;
    review_in(&mut doc, id, change)?;
    Ok(doc.to_string())
}

/// `doc` with `change` added to the history of the action `id`.
pub fn review_in(doc: &mut DocumentMut, id: &str, change: &Change) -> Result<(), String> {
    let list = doc
        .get_mut("action")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| format!("there is no action \"{id}\" in this log"))?;
    let table = list
        .iter_mut()
        .find(|t| t.get("id").and_then(Item::as_str).map(str::trim) == Some(id))
        .ok_or_else(|| format!("there is no action \"{id}\" in this log"))?;
    let history = table
        .entry("history")
        .or_insert(Item::ArrayOfTables(ArrayOfTables::new()))
        .as_array_of_tables_mut()
        .ok_or("`history` is not a list of [[action.history]] tables")?;
    history.push(change_table(change));
    Ok(())
}

fn change_table(c: &Change) -> Table {
    let mut t = Table::new();
    t["status"] = value(c.status.as_str());
    t["period"] = value(&c.period);
    t["date"] = value(toml_date(c.date));
    if !c.note.is_empty() {
        t["note"] = value(&c.note);
    }
    t
}

fn toml_date(d: time::Date) -> toml_edit::Datetime {
    date::iso(d).parse().expect("an ISO date is a TOML date")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::read::{Expect, read};
    use crate::actions::{Answers, Status};
    use time::macros::date;

    fn expect() -> Expect<'static> {
        let a: &'static crate::assessment::Assessment = Box::leak(Box::new(
            crate::assessment::load_str(include_str!("../../assessments/building-blocks.toml"))
                .unwrap(),
        ));
        let known: &'static [&'static crate::assessment::Assessment] = Box::leak(Box::new([a]));
        Expect {
            known,
            organisation: None,
        }
    }

    fn sample() -> Log {
        let item = expect().known[0].items[1].id.clone();
        Log {
            organisation: "Northshire \"Community\" NHS Trust".into(),
            actions: vec![Action {
                id: "A1".into(),
                assessment: "building-blocks".into(),
                answers: Answers::Item(item),
                text: "Fund two patient leader posts\nand say so".into(),
                owner: Some("Director of Nursing".into()),
                due: Some(date!(2026 - 12 - 31)),
                agreed: "2026-Q2".into(),
                history: vec![
                    Change {
                        status: Status::Open,
                        period: "2026-Q2".into(),
                        date: date!(2026 - 07 - 14),
                        note: "Agreed at the workshop".into(),
                    },
                    Change {
                        status: Status::InProgress,
                        period: "2026-Q3".into(),
                        date: date!(2026 - 10 - 06),
                        note: String::new(),
                    },
                ],
            }],
        }
    }

    #[test]
    fn a_log_written_reads_back_identical_and_writes_back_identical() {
        let log = sample();
        let text = to_text(&log);
        let back = read(text.as_bytes(), &expect()).unwrap();
        assert_eq!(back, log);
        assert_eq!(to_text(&back), text);
    }

    #[test]
    fn hand_edits_are_kept_when_plead_adds_and_reviews() {
        let text =
            to_text(&sample()).replace("text = ", "# the board asked for this one\ntext    =    ");
        let change = Change {
            status: Status::Done,
            period: "2026-Q4".into(),
            date: date!(2027 - 01 - 10),
            note: "Both posts filled".into(),
        };
        let reviewed = review(&text, "A1", &change).unwrap();
        assert!(reviewed.starts_with(&text[..text.find("[[action.history]]").unwrap()]));
        assert!(reviewed.contains("# the board asked for this one\ntext    =    "));
        let mut second = sample().actions[0].clone();
        second.id = "A2".into();
        let added = add(&reviewed, &second).unwrap();
        assert!(added.starts_with(&reviewed), "an addition goes at the end");
        let log = read(added.as_bytes(), &expect()).unwrap();
        assert_eq!(log.actions.len(), 2);
        assert_eq!(log.actions[0].status(), Status::Done);
        assert_eq!(log.actions[0].history[2], change);
    }

    #[test]
    fn reviewing_an_id_not_in_the_log_is_refused() {
        let text = to_text(&sample());
        let change = sample().actions[0].history[0].clone();
        assert!(
            review(&text, "A9", &change)
                .unwrap_err()
                .contains("no action \"A9\"")
        );
    }
}
