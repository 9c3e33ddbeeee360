//! Property tests over the whole core, from answers to reports: Results of random
//! workshops and surveys of every built-in (with hostile text in notes and actions)
//! write to JSON and read back to the same document, diff with themselves showing no
//! change, and give a CSV report that reads back to the same values. The scoring
//! invariants themselves (percent within 0–100, order independence, N/A never moves a
//! mean) are tested next to the scoring code, in `src/score/tests.rs`.

use std::collections::BTreeMap;

use plead::cli::Format;
use plead::render::text::csv_text;
use plead::render::{self, Options};
use plead::response::{Answer, Answers, Rating};
use plead::result::{Context, Method, ResultDoc};
use plead::survey::{self, Input};
use proptest::prelude::*;

use super::fuzz_harness::{self as harness, HOSTILE};

fn context(method: Method) -> Context {
    Context {
        organisation: "Northshire <NHS> \"Trust\"".into(),
        period: "2026-Q3".into(),
        created: "2026-11-21T10:00:00Z".into(),
        plead_version: "0.1.0".into(),
        method,
    }
}

/// A piece of text: hostile, arbitrary, or empty.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        (0..HOSTILE.len()).prop_map(|i| HOSTILE[i].to_string()),
        ".{0,40}",
        Just(String::new()),
    ]
}

/// Per item: a rating (an offset into the scale, or N/A, or nothing), a note, a target
/// offset and an action.
type GenAnswer = (Option<Option<u8>>, String, Option<u8>, String);

fn gen_answers() -> impl Strategy<Value = (usize, Vec<GenAnswer>)> {
    let n = harness::builtins().len();
    (
        0..n,
        prop::collection::vec(
            (
                prop::option::of(prop::option::of(any::<u8>())),
                text(),
                prop::option::of(any::<u8>()),
                text(),
            ),
            60,
        ),
    )
}

/// A workshop Result of a built-in from generated answers.
fn workshop((which, given): (usize, Vec<GenAnswer>)) -> ResultDoc {
    let a = &harness::builtins()[which];
    let mut items = BTreeMap::new();
    for (item, (rating, note, target, action)) in a.items.iter().zip(given) {
        let scale = a.scale_of(item);
        let span = (scale.max - scale.min + 1) as u8;
        let rating = rating.map(|r| match r {
            Some(v) => Rating::Value(scale.min + i32::from(v % span)),
            None if scale.not_applicable => Rating::NotApplicable,
            None => Rating::Value(scale.max),
        });
        let answer = Answer {
            rating,
            notes: if note.is_empty() { vec![] } else { vec![note] },
            target: target.map(|t| scale.min + i32::from(t % span)),
            action: (!action.is_empty()).then_some(action),
            ..Answer::default()
        };
        if item.examples.is_none() {
            items.insert(item.id.clone(), answer);
        }
    }
    let answers = Answers {
        items,
        ..Answers::default()
    };
    plead::score::workshop::result(a, &answers, context(Method::Workshop))
}

/// A survey Result of a built-in: a CSV of generated returns (one column per item, by
/// id; a rating, "N/A" or a blank per cell) read and scored as `plead score` does.
fn survey_result(which: usize, rows: &[Vec<u8>]) -> ResultDoc {
    let a = &harness::builtins()[which];
    let mut csv = a
        .items
        .iter()
        .map(|i| i.id.as_str())
        .collect::<Vec<_>>()
        .join(",");
    csv.push('\n');
    for row in rows {
        let cells: Vec<String> = a
            .items
            .iter()
            .zip(row.iter().cycle())
            .map(|(item, b)| {
                let scale = a.scale_of(item);
                let span = (scale.max - scale.min + 2) as u8;
                match b % span {
                    0 if scale.not_applicable => "N/A".to_string(),
                    0 => String::new(),
                    v => (scale.min + i32::from(v) - 1).to_string(),
                }
            })
            .collect();
        csv.push_str(&cells.join(","));
        csv.push('\n');
    }
    let input = Input {
        name: "returns.csv".into(),
        reader: Box::new(std::io::Cursor::new(csv.into_bytes())),
    };
    let options = survey::Options {
        allow_missing: true,
        ..survey::Options::default()
    };
    let returns = survey::read(a, input, &options, &mut survey::Quiet).expect("the returns read");
    plead::score::survey::result(a, context(Method::Survey), returns)
}

fn gen_survey() -> impl Strategy<Value = (usize, Vec<Vec<u8>>)> {
    (
        0..harness::builtins().len(),
        prop::collection::vec(prop::collection::vec(1..=255u8, 1..12), 1..40),
    )
}

/// The CSV report reads back to the document's values: one row per item with its
/// score and percent to four decimals, its counts, its notes and action (as
/// `csv_text` guards them).
fn csv_reads_back(doc: &ResultDoc) -> Result<(), TestCaseError> {
    let bytes = render::result(doc, Format::Csv, &Options::default());
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let items: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[0] == "item").collect();
    prop_assert_eq!(items.len(), doc.items.len());
    let number =
        |cell: &str| -> Option<f64> { (!cell.is_empty()).then(|| cell.parse().expect("a number")) };
    let near = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 0.00005 + 1e-12,
        (None, None) => true,
        _ => false,
    };
    // A warning row (a file smaller than the suppression minimum) may come first.
    let overall = rows
        .iter()
        .find(|r| &r[0] == "overall")
        .expect("an overall row");
    prop_assert_eq!(
        rows.iter().filter(|r| &r[0] == "warning").count(),
        doc.warnings.len()
    );
    prop_assert!(near(number(&overall[column("score")]), doc.overall.score));
    prop_assert!(near(
        number(&overall[column("percent")]),
        doc.overall.percent
    ));
    for (row, item) in items.iter().zip(&doc.items) {
        prop_assert_eq!(&row[column("id")], csv_text(&item.id));
        prop_assert_eq!(&row[column("title")], csv_text(&item.title));
        prop_assert!(near(number(&row[column("score")]), item.score));
        prop_assert!(near(number(&row[column("percent")]), item.percent));
        prop_assert_eq!(row[column("n")].parse::<u64>().unwrap(), item.n);
        prop_assert_eq!(
            row[column("not_applicable")].parse::<u64>().unwrap(),
            item.not_applicable
        );
        prop_assert_eq!(row[column("missing")].parse::<u64>().unwrap(), item.missing);
        // Text reads back as written, guarded where it would start a formula.
        prop_assert_eq!(&row[column("notes")], csv_text(&item.notes.join(" / ")));
        prop_assert_eq!(
            &row[column("action")],
            csv_text(item.action.as_deref().unwrap_or(""))
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_workshop_result_round_trips_diffs_with_itself_unchanged_and_renders_safely(
        answers in gen_answers()
    ) {
        let doc = workshop(answers);
        let read = ResultDoc::from_json(&doc.to_json()).unwrap();
        prop_assert_eq!(&read, &doc);
        // Every format, a diff with itself that shows no change, a trend: see the harness.
        harness::check_result(&doc);
        csv_reads_back(&doc)?;
    }

    #[test]
    fn a_survey_result_round_trips_diffs_with_itself_unchanged_and_renders_safely(
        (which, rows) in gen_survey()
    ) {
        let doc = survey_result(which, &rows);
        for item in &doc.items {
            if let Some(p) = item.percent {
                prop_assert!((0.0..=100.0).contains(&p), "{} at {p}%", item.id);
            }
        }
        let read = ResultDoc::from_json(&doc.to_json()).unwrap();
        prop_assert_eq!(&read, &doc);
        harness::check_result(&doc);
        csv_reads_back(&doc)?;
    }
}
