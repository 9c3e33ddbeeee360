//! `--format xlsx` for score, report, diff and trend, read back with calamine: numbers are
//! numbers, text a user wrote is text even when it starts with "=", nothing is a formula,
//! and several `--out` files come from one run, each in its extension's format.

use calamine::{Data, Reader, Xlsx};

use crate::support::{Run, Test, root};

fn open(run: &Run, name: &str) -> Xlsx<std::io::Cursor<Vec<u8>>> {
    let bytes = std::fs::read(run.dir.join(name)).unwrap();
    calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap()
}

fn sheet(book: &mut Xlsx<std::io::Cursor<Vec<u8>>>, name: &str) -> calamine::Range<Data> {
    book.worksheet_range(name)
        .unwrap_or_else(|e| panic!("no sheet {name}: {e}"))
}

/// The row whose first cell is `key`, in a two-column sheet.
fn value<'a>(range: &'a calamine::Range<Data>, key: &str) -> &'a Data {
    range
        .rows()
        .find(|r| r[0] == Data::String(key.into()))
        .map(|r| &r[1])
        .unwrap_or_else(|| panic!("no row {key}"))
}

fn no_formulas(book: &mut Xlsx<std::io::Cursor<Vec<u8>>>) {
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().next().is_none(),
            "{name} has a formula"
        );
    }
}

const RETURNS: &str = "\
ID,Start time,Completion time,Email,Name,decision-making,co-design,Role
1,1/9/26 10:00,1/9/26 10:04,a@example.org,Ann,3,=1+1,Staff
2,1/9/26 11:00,1/9/26 11:03,b@example.org,Bob,1,2,Staff
3,1/9/26 12:00,1/9/26 12:05,c@example.org,Cy,N/A,4,Patient leader
";

#[test]
fn a_scored_survey_as_a_workbook_with_json_and_markdown_from_one_run() {
    let run = Test::new()
        .write("returns.csv", RETURNS)
        .args(["score", "building-blocks", "returns.csv", "--allow-missing"])
        .args(["--org", "=HYPERLINK(\"http://x\")", "--group-by", "Role"])
        .args(["--min-group", "1", "--respondents", "people.csv"])
        .args(["--out", "r.xlsx", "--out", "r.json", "--out", "r.md"])
        .success()
        .stderr_has("wrote r.xlsx")
        .stderr_has("wrote r.json")
        .stderr_has("wrote r.md");
    assert!(run.file("r.md").starts_with("# 10 building blocks"));
    let doc: serde_json::Value = serde_json::from_str(&run.file("r.json")).unwrap();
    let mut book = open(&run, "r.xlsx");
    assert_eq!(
        book.sheet_names(),
        [
            "Summary",
            "Themes",
            "Items",
            "Groups",
            "Gaps",
            "Findings",
            "Rejected",
            "Respondents"
        ]
    );
    no_formulas(&mut book);
    let summary = sheet(&mut book, "Summary");
    assert_eq!(
        value(&summary, "Organisation"),
        &Data::String("=HYPERLINK(\"http://x\")".into())
    );
    assert_eq!(value(&summary, "Respondents"), &Data::Float(3.0));
    assert_eq!(
        value(&summary, "Overall score"),
        &Data::Float(doc["overall"]["score"].as_f64().unwrap())
    );
    let items = sheet(&mut book, "Items");
    let header: Vec<String> = items
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let first = &items.rows().nth(1).unwrap();
    assert_eq!(first[col("Item")], Data::String("decision-making".into()));
    // 3 and 1 (N/A not averaged in): mean 2, one at each of 1 and 3.
    assert_eq!(first[col("Score")], Data::Float(2.0));
    assert_eq!(first[col("n")], Data::Float(2.0));
    assert_eq!(first[col("N/A")], Data::Float(1.0));
    assert_eq!(first[col("Count 1")], Data::Float(1.0));
    assert_eq!(first[col("Count 3")], Data::Float(1.0));
    let rejected = sheet(&mut book, "Rejected");
    let row = rejected.rows().nth(1).unwrap();
    assert_eq!(row[0], Data::Float(2.0));
    assert_eq!(row[2], Data::String("=1+1".into()));
    let groups = sheet(&mut book, "Groups");
    assert!(
        groups
            .rows()
            .any(|r| r[0] == Data::String("Patient leader".into())
                && r[2] == Data::String("co-design".into())
                && r[3] == Data::Float(4.0)),
        "{groups:?}"
    );
    let people = sheet(&mut book, "Respondents");
    let header: Vec<String> = people
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        &header[..4],
        ["row", "respondent", "Role", "decision-making"]
    );
    let third = people.rows().nth(3).unwrap();
    assert_eq!(third[0], Data::Float(4.0));
    assert_eq!(third[2], Data::String("Patient leader".into()));
    assert_eq!(third[3], Data::String("NA".into()));
    assert_eq!(third[4], Data::Float(4.0));
    // The respondents CSV is written as before.
    assert!(
        run.file("people.csv")
            .starts_with("row,respondent,Role,decision-making")
    );
}

#[test]
fn respondents_can_be_a_workbook_of_their_own() {
    let run = Test::new()
        .write("returns.csv", RETURNS)
        .args(["score", "building-blocks", "returns.csv", "--allow-missing"])
        .args(["--respondents", "people.xlsx", "--out", "r.json"])
        .success()
        .stderr_has("wrote people.xlsx");
    let mut book = open(&run, "people.xlsx");
    assert_eq!(book.sheet_names(), ["Respondents"]);
    let people = sheet(&mut book, "Respondents");
    assert_eq!(people.rows().nth(1).unwrap()[2], Data::Float(3.0));
    Test::new()
        .write("returns.csv", RETURNS)
        .write("people.xlsx", "mine")
        .args(["score", "building-blocks", "returns.csv", "--allow-missing"])
        .args(["--respondents", "people.xlsx", "--out", "r.json"])
        .fails(2)
        .stderr_has("people.xlsx already exists");
}

#[test]
fn report_diff_and_trend_write_workbooks() {
    let dir = root().join("examples/northshire");
    let q = |n: u8| dir.join(format!("2026-Q{n}.json")).display().to_string();
    let run = Test::new()
        .args(["report", &q(3), "--out", "r.xlsx", "--out", "r.md"])
        .args(["--out", "r.csv", "--out", "r.txt"])
        .success()
        .stderr_has("wrote r.xlsx");
    assert!(run.file("r.md").starts_with("# "), "md");
    assert!(run.file("r.csv").starts_with("level,id,"), "csv");
    assert!(run.file("r.txt").contains("Overall"), "txt");
    let mut book = open(&run, "r.xlsx");
    let themes = sheet(&mut book, "Themes");
    assert!(matches!(themes.rows().nth(1).unwrap()[2], Data::Float(_)));

    let run = Test::new()
        .args(["diff", &q(2), &q(3), "--out", "d.xlsx"])
        .success()
        .stderr_has("wrote d.xlsx");
    let mut book = open(&run, "d.xlsx");
    assert_eq!(book.sheet_names(), ["Summary", "Changes"]);
    no_formulas(&mut book);
    let changes = sheet(&mut book, "Changes");
    let overall = changes.rows().nth(1).unwrap();
    assert_eq!(overall[0], Data::String("overall".into()));
    assert!(matches!(overall[5], Data::Float(_)), "{overall:?}");

    let run = Test::new()
        .args(["trend", &q(1), &q(2), &q(3), &q(4)])
        .args(["--format", "xlsx", "--out", "t.xlsx"])
        .success()
        .stderr_has("wrote t.xlsx");
    let mut book = open(&run, "t.xlsx");
    let trend = sheet(&mut book, "Trend");
    let header: Vec<String> = trend
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(&header[..4], ["level", "id", "title", "2026-Q1"]);
    assert!(matches!(trend.rows().nth(1).unwrap()[3], Data::Float(_)));
}

#[test]
fn xlsx_on_a_pipe_is_a_workbook_and_an_existing_file_is_kept() {
    let result = root().join("examples/northshire/2026-Q3.json");
    let run = Test::new()
        .args(["report", &result.display().to_string(), "-f", "xlsx"])
        .success();
    assert!(run.stdout.starts_with("PK"), "not a zip");
    Test::new()
        .write("r.xlsx", "mine")
        .args(["report", &result.display().to_string(), "--out", "r.xlsx"])
        .fails(2)
        .stderr_has("r.xlsx already exists");
}
