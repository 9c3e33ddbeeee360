//! Reading survey files of each layout and encoding, in memory; figures worked out by
//! hand; property tests that row order and "not applicable" cells change nothing they
//! should not.

use proptest::prelude::*;

use super::*;
use crate::assessment::Catalog;
use crate::score::histogram::Histogram;

fn assessment(id: &str) -> Assessment {
    Catalog::load(None)
        .unwrap()
        .resolve(id)
        .unwrap()
        .assessment
        .clone()
}

fn read_bytes(id: &str, bytes: &[u8], options: &Options) -> anyhow::Result<Returns> {
    let a = assessment(id);
    read(
        &a,
        Input {
            name: "returns.csv".into(),
            reader: Box::new(io::Cursor::new(bytes.to_vec())),
        },
        options,
        &mut Quiet,
    )
}

fn allow_missing() -> Options {
    Options {
        allow_missing: true,
        ..Options::default()
    }
}

fn counts(h: &Histogram) -> (Vec<u64>, u64, u64) {
    (h.counts.clone(), h.not_applicable, h.missing)
}

/// Four Microsoft Forms returns of four building blocks (see the figures below).
const MS_FORMS: &str = "ID,Start time,Completion time,Email,Name,Decision-making,Co-design from the start,Training and development,Relationships of respect and trust,Role\r\n\
1,1/2/26 10:00,1/2/26 10:05,ann@example.org,Ann Example,Established,3 - Established,N/A,0,Staff\r\n\
2,1/2/26 10:00,1/2/26 10:05,bob@example.org,Bob Example,1,Planned / early,4,rubbish,Patient leader\r\n\
3,1/2/26 10:00,1/2/26 10:05,cy@example.org,Cy Example,4,,Don't know,2.5,Staff\r\n\
4,1/2/26 10:00,1/2/26 10:05,di@example.org,Di Example,2,2,1,Developing,Patient leader\r\n";

#[test]
fn microsoft_forms_figures_worked_out_by_hand() {
    let r = read_bytes("building-blocks", MS_FORMS.as_bytes(), &allow_missing()).unwrap();
    assert_eq!(r.source.layout, "Microsoft Forms");
    assert_eq!(r.tally.respondents, 4);
    let items = &r.tally.items;
    // Decision-making: 3, 1, 4, 2.
    assert_eq!(counts(&items[0]), (vec![0, 1, 1, 1, 1], 0, 0));
    let a = items[0].aggregate().unwrap();
    assert_eq!((a.mean, a.median, a.min, a.max), (2.5, 2.5, 1, 4));
    // Deviations ±0.5, ±1.5: squares sum to 5, over n − 1 = 3.
    assert!((a.sd - (5.0f64 / 3.0).sqrt()).abs() < 1e-12);
    // Co-design: 3, 1, blank, 2.
    assert_eq!(counts(&items[1]), (vec![0, 1, 1, 1, 0], 0, 1));
    // Training: N/A, 4, Don't know, 1.
    assert_eq!(counts(&items[2]), (vec![0, 1, 0, 0, 1], 2, 0));
    // Relationships: 0, rejected, rejected, 2 (a rejected cell counts as missing).
    assert_eq!(counts(&items[3]), (vec![1, 0, 1, 0, 0], 0, 2));
    let rejected: Vec<(u64, &str, &str)> = r
        .rejected
        .iter()
        .map(|x| (x.row, x.column.as_str(), x.value.as_str()))
        .collect();
    assert_eq!(
        rejected,
        vec![
            (3, "Relationships of respect and trust", "rubbish"),
            (4, "Relationships of respect and trust", "2.5"),
        ]
    );
    assert!(r.rejected[0].reason.starts_with("not a rating"));
    assert!(r.rejected[1].reason.starts_with("not a whole point"));
    assert_eq!(r.source.personal_columns, vec!["Email", "Name"]);
    assert_eq!(r.source.unused_columns, vec!["Role"]);
    assert_eq!(r.source.unmatched_items.len(), 6);
}

#[test]
fn the_result_never_holds_personal_data() {
    let a = assessment("building-blocks");
    // Four returns: shown only with a minimum of 1 (this test is about personal data).
    let options = Options {
        min_group: 1,
        ..allow_missing()
    };
    let r = read_bytes("building-blocks", MS_FORMS.as_bytes(), &options).unwrap();
    let doc = crate::score::survey::result(
        &a,
        crate::result::Context {
            organisation: "T".into(),
            period: "P".into(),
            created: "C".into(),
            plead_version: "V".into(),
            method: crate::result::Method::Survey,
        },
        r,
    );
    let json = doc.to_json();
    for personal in ["example.org", "Ann Example", "Bob"] {
        assert!(!json.contains(personal), "{personal} reached the Result");
    }
    // Overall: the mean of the four item scores 2.5, 2, 2.5 and 1.
    assert_eq!(doc.overall.score, Some(2.0));
}

/// The same four returns, as the file `returns` gives them, in another encoding.
fn same_as_ms_forms(bytes: &[u8], options: &Options) {
    let expected = read_bytes("building-blocks", MS_FORMS.as_bytes(), &allow_missing()).unwrap();
    let got = read_bytes("building-blocks", bytes, options).unwrap();
    assert_eq!(got.tally, expected.tally);
    assert_eq!(got.rejected, expected.rejected);
}

#[test]
fn encodings_and_line_endings() {
    let lf = MS_FORMS.replace("\r\n", "\n");
    same_as_ms_forms(lf.as_bytes(), &allow_missing());
    let bom = [&[0xEF, 0xBB, 0xBF][..], MS_FORMS.as_bytes()].concat();
    same_as_ms_forms(&bom, &allow_missing());
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(MS_FORMS.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    same_as_ms_forms(&le, &allow_missing());
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(MS_FORMS.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    same_as_ms_forms(&be, &allow_missing());
    // Windows-1252, with Excel's curly apostrophe in "Don’t know" (byte 0x92).
    let cp1252 = MS_FORMS.replace("Don't", "Don\u{2019}t");
    let (bytes, _, lossy) = encoding_rs::WINDOWS_1252.encode(&cp1252);
    assert!(!lossy);
    same_as_ms_forms(&bytes, &allow_missing());
    let r = read_bytes("building-blocks", &bytes, &allow_missing()).unwrap();
    assert!(
        r.source.format.contains("Windows-1252 (detected)"),
        "{}",
        r.source.format
    );
}

#[test]
fn delimiters_and_sep_lines() {
    let semicolons = format!("sep=;\r\n{}", MS_FORMS.replace(',', ";"));
    let r = read_bytes("building-blocks", semicolons.as_bytes(), &allow_missing()).unwrap();
    // Spreadsheets hide the sep= line, so rows keep the numbers they show.
    assert_eq!(r.rejected[0].row, 3);
    assert!(
        r.source
            .format
            .contains("semicolon-separated (from its sep= line)")
    );
    let tabs = MS_FORMS.replace(',', "\t");
    same_as_ms_forms(tabs.as_bytes(), &allow_missing());
    let forced = Options {
        delimiter: Some(b'\t'),
        ..allow_missing()
    };
    same_as_ms_forms(tabs.as_bytes(), &forced);
}

#[test]
fn a_file_that_stops_being_utf8_is_not_decoded_silently() {
    // The start of the file is UTF-8; the bad row comes after the first 64 KiB.
    let mut bytes = MS_FORMS.as_bytes().to_vec();
    for _ in 0..2000 {
        bytes.extend_from_slice(b"5,1/2/26 10:00,1/2/26 10:05,e@x,E,1,1,1,1,Staff\r\n");
    }
    bytes.extend_from_slice(b"5,x,y,e@x,E,Caf\xe9,1,1,1,Staff\r\n");
    let e = read_bytes("building-blocks", &bytes, &allow_missing()).unwrap_err();
    let e = format!("{e:#}");
    assert!(e.contains("row 2006, column \"Decision-making\""), "{e}");
    assert!(e.contains("--encoding windows-1252"), "{e}");
    let utf16_no_bom: Vec<u8> = MS_FORMS.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let e = read_bytes("building-blocks", &utf16_no_bom, &allow_missing()).unwrap_err();
    assert!(format!("{e:#}").contains("--encoding utf-16le"), "{e:#}");
}

#[test]
fn google_forms_grid_columns() {
    let csv = "Timestamp,Email address,How connected are you? [Patient entrepreneurs],How connected are you? [Community Enablers],How connected are you? [Activists and campaigners],How connected are you? [Informal representatives],How connected are you? [Formal representatives],How connected are you? [Peer to peer supporters]\n\
2026/01/02 10:00:00 GMT,a@x.org,0,1,2,3,4,5\n\
2026/01/02 10:00:00 GMT,b@x.org,5,4,3,2,1,0\n";
    let r = read_bytes("connection", csv.as_bytes(), &Options::default()).unwrap();
    assert_eq!(r.source.layout, "Google Forms");
    assert!(
        r.source
            .columns
            .iter()
            .all(|c| c.matched_by == crate::result::MatchedBy::Grid)
    );
    assert_eq!(r.tally.items[0].counts, vec![1, 0, 0, 0, 0, 1]);
    assert_eq!(r.source.personal_columns, vec!["Email address"]);
}

#[test]
fn surveymonkey_two_header_rows() {
    let csv = "Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Rate your links with each type of patient leader,,,,,\n\
,,,,,,,,Patient entrepreneurs,Community Enablers,Activists and campaigners,Informal representatives,Formal representatives,Peer to peer supporters\n\
1001,42,01/02/2026,01/02/2026,10.0.0.1,a@x.org,Ann,Example,3 - Regular systematic contact,2,1,0,5,4\n";
    let r = read_bytes("connection", csv.as_bytes(), &Options::default()).unwrap();
    assert_eq!(r.source.layout, "SurveyMonkey");
    assert_eq!(r.tally.items[0].counts, vec![0, 0, 0, 1, 0, 0]);
    assert_eq!(r.source.rows, 1);
    assert_eq!(r.source.personal_columns.len(), 4);
}

#[test]
fn qualtrics_three_header_rows_and_previews_dropped() {
    let csv = "StartDate,EndDate,Status,IPAddress,ResponseId,Q1,Q2\n\
Start Date,End Date,Response Type,IP Address,Response ID,Linchpin,Administrator\n\
{\"ImportId\":\"startDate\"},{\"ImportId\":\"endDate\"},{\"ImportId\":\"status\"},{\"ImportId\":\"ipAddress\"},{\"ImportId\":\"_recordId\"},{\"ImportId\":\"QID1\"},{\"ImportId\":\"QID2\"}\n\
2026-01-02,2026-01-02,Survey Preview,,R_1,Missing,Missing\n\
2026-01-02,2026-01-02,IP Address,10.0.0.9,R_2,In place,Partly in place\n\
2026-01-02,2026-01-02,Survey Test,,R_3,Missing,Missing\n";
    let r = read_bytes("role-model", csv.as_bytes(), &allow_missing()).unwrap();
    assert_eq!(r.source.layout, "Qualtrics");
    assert_eq!((r.source.rows, r.source.test_rows), (3, 2));
    assert_eq!(r.tally.respondents, 1);
    let a = assessment("role-model");
    let linchpin = a.items.iter().position(|i| i.title == "Linchpin").unwrap();
    assert_eq!(r.tally.items[linchpin].counts, vec![0, 0, 1]);
}

#[test]
fn header_rows_can_be_given() {
    let csv = "Survey of patient leadership,,\nDecision-making,Block 2,Role\n3,2,Staff\n";
    let options = Options {
        header_rows: Some(2),
        ..allow_missing()
    };
    let r = read_bytes("building-blocks", csv.as_bytes(), &options).unwrap();
    assert_eq!(r.tally.items[0].counts, vec![0, 0, 0, 1, 0]);
}

#[test]
fn missing_items_are_an_error_listing_the_columns() {
    let e = read_bytes("building-blocks", MS_FORMS.as_bytes(), &Options::default()).unwrap_err();
    let e = format!("{e:#}");
    assert!(
        e.starts_with("returns.csv: no column matches 6 of the assessment's items"),
        "{e}"
    );
    assert!(e.contains("\"Role\""), "{e}");
    assert!(e.contains("--allow-missing"), "{e}");
    // Personal columns are not offered.
    assert!(!e.contains("\"Email\""), "{e}");
}

#[test]
fn a_file_with_no_valid_rows_is_an_error() {
    let csv = "Decision-making,Block 2\nrubbish,\n,\n";
    let e = read_bytes("building-blocks", csv.as_bytes(), &allow_missing()).unwrap_err();
    let e = format!("{e:#}");
    assert!(e.contains("no valid rows"), "{e}");
    assert!(
        e.contains("row 2, column \"Decision-making\": \"rubbish\""),
        "{e}"
    );
    let e = read_bytes("building-blocks", b"", &allow_missing()).unwrap_err();
    assert!(format!("{e:#}").contains("the file is empty"));
}

#[test]
fn grouping_by_a_column() {
    let options = Options {
        group_by: Some("role".into()),
        min_group: 1,
        ..allow_missing()
    };
    let r = read_bytes("building-blocks", MS_FORMS.as_bytes(), &options).unwrap();
    let g = r.grouping.unwrap();
    assert_eq!(g.column, "Role");
    let labels: Vec<(&str, u64)> = g
        .groups
        .iter()
        .map(|g| (g.label.as_str(), g.tally.respondents))
        .collect();
    assert_eq!(labels, vec![("Patient leader", 2), ("Staff", 2)]);
    // Staff rated decision-making 3 and 4.
    assert_eq!(g.groups[1].tally.items[0].counts, vec![0, 0, 0, 1, 1]);

    let personal = Options {
        group_by: Some("Email".into()),
        ..allow_missing()
    };
    let e = read_bytes("building-blocks", MS_FORMS.as_bytes(), &personal).unwrap_err();
    assert!(format!("{e:#}").contains("personal column"), "{e:#}");
    let unknown = Options {
        group_by: Some("Team".into()),
        ..allow_missing()
    };
    let e = read_bytes("building-blocks", MS_FORMS.as_bytes(), &unknown).unwrap_err();
    assert!(format!("{e:#}").contains("J \"Role\""), "{e:#}");
}

#[test]
fn an_xlsx_as_microsoft_forms_writes_it() {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Form1").unwrap();
    let header = [
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "Decision-making",
        "Block 2",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_number(1, 0, 1.0).unwrap();
    sheet.write_string(1, 3, "ann@example.org").unwrap();
    sheet.write_string(1, 5, "Established").unwrap();
    sheet.write_number(1, 6, 2.0).unwrap();
    sheet.write_number(2, 0, 2.0).unwrap();
    sheet.write_number(2, 5, 4.0).unwrap();
    sheet.write_string(2, 6, "nonsense").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let r = read_bytes("building-blocks", &bytes, &allow_missing()).unwrap();
    assert_eq!(r.source.layout, "Microsoft Forms");
    assert_eq!(r.source.format, "spreadsheet, sheet \"Form1\"");
    assert_eq!(r.tally.items[0].counts, vec![0, 0, 0, 1, 1]);
    assert_eq!(r.tally.items[1].counts, vec![0, 0, 1, 0, 0]);
    assert_eq!(
        (r.rejected[0].row, r.rejected[0].value.as_str()),
        (3, "nonsense")
    );
    let named = Options {
        sheet: Some("Nope".into()),
        ..allow_missing()
    };
    let e = read_bytes("building-blocks", &bytes, &named).unwrap_err();
    assert!(
        format!("{e:#}").contains("the sheets are \"Form1\""),
        "{e:#}"
    );
}

const LABELS: [&str; 5] = [
    "Not in place",
    "Planned / early",
    "Developing",
    "Established",
    "Embedded and sustained",
];

/// A file of the given cells (one row per respondent, two items).
fn file(rows: &[(String, String)]) -> Vec<u8> {
    let mut out = String::from("Decision-making,Block 2\n");
    for (a, b) in rows {
        out.push_str(&format!("\"{a}\",\"{b}\"\n"));
    }
    out.into_bytes()
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        (0..5usize).prop_map(|v| v.to_string()),
        (0..5usize).prop_map(|v| LABELS[v].to_string()),
        (0..5usize).prop_map(|v| format!("{v} - {}", LABELS[v])),
        Just("N/A".to_string()),
        Just(String::new()),
        Just("no idea".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_shuffled_file_gives_the_same_result(
        rows in prop::collection::vec((cell(), cell()), 1..40),
        seed in any::<u64>(),
    ) {
        let mut shuffled = rows.clone();
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let a = read_bytes("building-blocks", &file(&rows), &allow_missing());
        let b = read_bytes("building-blocks", &file(&shuffled), &allow_missing());
        match (a, b) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(&a.tally, &b.tally);
                prop_assert_eq!(a.source.rejected_total, b.source.rejected_total);
            }
            (Err(_), Err(_)) => {}
            (a, b) => prop_assert!(false, "one read failed: {:?} / {:?}", a.err(), b.err()),
        }
    }

    #[test]
    fn a_not_applicable_cell_never_moves_a_mean(
        rows in prop::collection::vec((0..5usize, 0..5usize), 1..30),
        extra in 1..10usize,
    ) {
        let rated: Vec<(String, String)> =
            rows.iter().map(|(a, b)| (LABELS[*a].to_string(), b.to_string())).collect();
        let mut with_na = rated.clone();
        for i in 0..extra {
            with_na.insert(i % (with_na.len() + 1), ("N/A".into(), "Don't know".into()));
        }
        let a = read_bytes("building-blocks", &file(&rated), &allow_missing()).unwrap();
        let b = read_bytes("building-blocks", &file(&with_na), &allow_missing()).unwrap();
        for k in 0..2 {
            let (x, y) = (a.tally.items[k].aggregate().unwrap(), b.tally.items[k].aggregate().unwrap());
            prop_assert_eq!(x.mean, y.mean);
            prop_assert_eq!(x.n, y.n);
            prop_assert_eq!(b.tally.items[k].not_applicable, extra as u64);
        }
    }
}
