//! The HTML pages: snapshots of one page per kind of Result and of a diff and a trend,
//! the charts each kind of data calls for, the page's structure (headings in order,
//! labelled charts, unique ids, nothing fetched from elsewhere), and user text that tries
//! to become markup through every field.

use std::collections::BTreeSet;

use crate::compare::{self, Named};
use crate::render::diff::tests::quarters;
use crate::result::{
    ExampleResult, GroupDifference, Rater, RaterRating, Rejected, ResultDoc, TagMean,
};

fn fixture(name: &str) -> ResultDoc {
    let text = match name {
        "building-blocks" => include_str!("../../../tests/fixtures/results/building-blocks.json"),
        "role-model" => include_str!("../../../tests/fixtures/results/role-model.json"),
        "connection" => include_str!("../../../tests/fixtures/results/connection.json"),
        "survey-by-role" => include_str!("../../../tests/fixtures/results/survey-by-role.json"),
        _ => unreachable!("no fixture {name}"),
    };
    ResultDoc::from_json(text).expect("the fixtures are Results")
}

/// The page from `<body>` on: the head (style sheet) is the same on every page.
fn body(page: &str) -> &str {
    &page[page.find("<body>").expect("a body")..]
}

fn diff_page(old: &ResultDoc, new: &ResultDoc) -> String {
    let d = compare::diff(
        Named {
            name: "old.json",
            doc: old,
        },
        Named {
            name: "new.json",
            doc: new,
        },
    )
    .unwrap();
    super::diff(&d)
}

fn trend_page(docs: &[ResultDoc]) -> String {
    let names: Vec<String> = (1..=docs.len()).map(|q| format!("q{q}.json")).collect();
    let named: Vec<Named> = docs
        .iter()
        .zip(&names)
        .map(|(doc, name)| Named { name, doc })
        .collect();
    super::trend(&compare::trend(&named).unwrap())
}

#[test]
fn workshop_building_blocks() {
    insta::assert_snapshot!(body(&super::result(&fixture("building-blocks"))));
}

#[test]
fn workshop_role_model() {
    insta::assert_snapshot!(body(&super::result(&fixture("role-model"))));
}

#[test]
fn workshop_connection() {
    insta::assert_snapshot!(body(&super::result(&fixture("connection"))));
}

#[test]
fn survey_with_groups() {
    insta::assert_snapshot!(body(&super::result(&fixture("survey-by-role"))));
}

#[test]
fn diff_of_two_surveys() {
    let [_, _, q3, q4] = quarters();
    insta::assert_snapshot!(body(&diff_page(&q3, &q4)));
}

#[test]
fn trend_of_four_quarters() {
    insta::assert_snapshot!(body(&trend_page(&quarters())));
}

/// The ids of the charts on a page.
fn charts(page: &str) -> Vec<&str> {
    page.match_indices("aria-labelledby=\"chart-")
        .map(|(i, _)| {
            let rest = &page[i + "aria-labelledby=\"".len()..];
            &rest[..rest.find("-t ").unwrap()]
        })
        .collect()
}

#[test]
fn the_charts_follow_the_data() {
    let page = super::result(&fixture("role-model"));
    assert_eq!(charts(&page), ["chart-status"], "a 3-point status scale");
    assert!(page.contains("✗ Missing") && page.contains("◐ Partly in place"));
    assert!(page.contains("<th scope=\"col\">Holder</th>"));

    let page = super::result(&fixture("connection"));
    assert_eq!(
        charts(&page),
        ["chart-bars", "chart-radar", "chart-examples"],
        "six types on 0–5, rated through examples"
    );

    let page = super::result(&fixture("building-blocks"));
    assert_eq!(charts(&page), ["chart-bars", "chart-radar"]);
    assert!(page.contains("<h2 id=\"raters-0\">Raters</h2>"));

    let page = super::result(&fixture("survey-by-role"));
    assert_eq!(
        charts(&page),
        [
            "chart-bars",
            "chart-radar",
            "chart-answers-0",
            "chart-groups"
        ]
    );
    assert!(page.contains(">suppressed</text>"));

    // More than 12 items: no radar.
    let mut many = fixture("building-blocks");
    let extra: Vec<_> = many.items.clone();
    for (k, mut item) in extra.into_iter().enumerate() {
        item.id = format!("extra-{k}");
        many.items.push(item);
    }
    assert_eq!(charts(&super::result(&many)), ["chart-bars"]);

    let [q1, q2, q3, q4] = quarters();
    assert_eq!(
        charts(&diff_page(&q1, &q2)),
        ["chart-themes", "chart-items"]
    );
    assert_eq!(charts(&trend_page(&[q1, q2, q3, q4])), ["chart-trend"]);
}

/// Start tags in a page: name and attribute names. Text and attribute values are skipped,
/// so markup smuggled in through user text shows up here as a tag or an attribute.
fn start_tags(page: &str) -> Vec<(String, Vec<String>)> {
    let bytes = page.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        i += 1;
        if i < bytes.len() && (bytes[i] == b'!' || bytes[i] == b'/') {
            while i < bytes.len() && bytes[i] != b'>' {
                i += 1;
            }
            continue;
        }
        if i >= bytes.len() || !bytes[i].is_ascii_alphabetic() {
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let name = page[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                break;
            }
            if bytes[i] == b'/' {
                i += 1;
                continue;
            }
            let a = i;
            while i < bytes.len() && !b"= \t\n>/".contains(&bytes[i]) {
                i += 1;
            }
            attrs.push(page[a..i].to_ascii_lowercase());
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        i += 1;
                        while i < bytes.len() && bytes[i] != q {
                            i += 1;
                        }
                        i += 1;
                    }
                    _ => {
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>'
                        {
                            i += 1;
                        }
                    }
                }
            }
        }
        if name == "style" {
            i += page[i..].find("</style>").unwrap_or(0);
        }
        tags.push((name, attrs));
    }
    tags
}

#[test]
fn the_tag_scanner_sees_smuggled_markup() {
    let tags = start_tags("<p class=\"a>b\">x &lt;img&gt; <img src=x onerror=alert(1)></p>");
    let names: Vec<&str> = tags.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["p", "img"]);
    assert_eq!(tags[1].1, ["src", "onerror"]);
}

const TAGS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "div",
    "section",
    "blockquote",
    "header",
    "main",
    "footer",
    "h1",
    "h2",
    "h3",
    "p",
    "br",
    "strong",
    "span",
    "ul",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "svg",
    "desc",
    "g",
    "rect",
    "line",
    "circle",
    "polygon",
    "polyline",
    "text",
];

/// Checks a page is only the markup plead writes: known tags, no event handlers, no
/// links or sources, a CSP, the language, headings in order, labelled charts, unique ids.
fn assert_well_formed(page: &str) {
    let tags = start_tags(page);
    let mut ids = BTreeSet::new();
    let mut level = 0;
    for (name, attrs) in &tags {
        assert!(TAGS.contains(&name.as_str()), "unexpected <{name}>");
        for a in attrs {
            assert!(
                !a.starts_with("on")
                    && !["href", "src", "srcdoc", "xlink:href", "action"].contains(&a.as_str()),
                "unexpected attribute {a} on <{name}>"
            );
        }
        if let Some(l) = name.strip_prefix('h').and_then(|l| l.parse::<i32>().ok()) {
            assert!(l <= level + 1, "<h{l}> after <h{level}>");
            level = l;
        }
    }
    for (i, _) in page.match_indices(" id=\"") {
        let rest = &page[i + 5..];
        let id = &rest[..rest.find('"').unwrap()];
        assert!(ids.insert(id.to_string()), "duplicate id {id}");
    }
    for (i, _) in page.match_indices("aria-labelledby=\"") {
        let rest = &page[i + 17..];
        for id in rest[..rest.find('"').unwrap()].split(' ') {
            assert!(ids.contains(id), "aria-labelledby names a missing id {id}");
        }
    }
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
    assert!(page.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; img-src data:\">"
    ));
    assert_eq!(page.matches("<h1>").count(), 1);
    assert!(!page.contains("url("), "nothing fetched from a style sheet");
    let svgs = page.matches("<svg ").count();
    assert_eq!(page.matches("role=\"img\" aria-labelledby=").count(), svgs);
    // Every page says what the results are for: the source's sentence quoted and cited, or
    // plead's own, marked as plead's.
    assert!(
        page.contains("<p class=\"tool-note\">"),
        "no note on what the results are for"
    );
    assert!(
        !page.contains("benchmarking") || page.contains("Bring it on (2013)"),
        "the guide's sentence shown without its source"
    );
}

#[test]
fn every_page_is_plain_accessible_markup() {
    for name in [
        "building-blocks",
        "role-model",
        "connection",
        "survey-by-role",
    ] {
        assert_well_formed(&super::result(&fixture(name)));
    }
    let [q1, q2, q3, q4] = quarters();
    assert_well_formed(&diff_page(&q1, &q2));
    assert_well_formed(&diff_page(&q3, &q4));
    assert_well_formed(&diff_page(&q2, &q3));
    assert_well_formed(&trend_page(&[q1, q2, q3, q4]));
}

/// Text that tries to become markup, marked with where it was put.
fn payload(field: &str) -> String {
    format!(
        "<i class=\"x\">{field}</i>\"'><img src=x onerror=alert('{field}')><script>alert('{field}')</script>\u{1b}[31m&amp;"
    )
}

/// The payload as a page shows it: escaped.
fn shown(field: &str) -> String {
    format!("&lt;i class=&quot;x&quot;&gt;{field}&lt;/i&gt;")
}

/// Every piece of user text in a Result replaced by a payload naming its field.
fn hostile(mut doc: ResultDoc) -> ResultDoc {
    doc.context.organisation = payload("organisation");
    doc.context.period = payload("period");
    doc.assessment.title = payload("assessment-title");
    doc.assessment.source = payload("source");
    for b in &mut doc.bands {
        b.description = payload("band-description");
    }
    doc.raters = vec![
        Rater {
            label: payload("rater-a"),
            tag: Some(payload("tag-a")),
        },
        Rater {
            label: payload("rater-b"),
            tag: Some(payload("tag-b")),
        },
    ];
    for t in &mut doc.themes {
        t.title = payload("theme");
    }
    for s in &mut doc.scales {
        for p in &mut s.points {
            p.label = payload("point-label");
        }
    }
    let raters = [doc.raters[0].label.clone(), doc.raters[1].label.clone()];
    for (k, item) in doc.items.iter_mut().enumerate() {
        hostile_item(item, k, &raters);
    }
    for f in &mut doc.findings {
        f.message = payload("finding");
    }
    doc.rejected = vec![Rejected {
        row: 2,
        column: payload("rejected-column"),
        value: payload("rejected-value"),
        reason: payload("rejected-reason"),
    }];
    hostile_survey(&mut doc);
    doc
}

/// An item's user text replaced by payloads (its title naming the item's place `k`), rated
/// by the two `raters`.
fn hostile_item(item: &mut crate::result::ItemResult, k: usize, raters: &[String; 2]) {
    item.title = payload(&format!("item-{k}"));
    item.guidance = payload("guidance");
    item.notes = vec![payload("note")];
    item.action = Some(payload("action"));
    item.target = Some(2);
    item.fields.insert("holder".into(), payload("field-value"));
    item.fields.insert(payload("fieldkey"), "x".into());
    item.examples = vec![ExampleResult {
        name: payload("example"),
        rating: Some(1),
    }];
    item.ratings = vec![
        RaterRating {
            rater: raters[0].clone(),
            rating: Some(1),
        },
        RaterRating {
            rater: raters[1].clone(),
            rating: Some(3),
        },
    ];
    item.tag_means = vec![
        TagMean {
            tag: payload("tag-a"),
            mean: Some(1.0),
            n: 1,
        },
        TagMean {
            tag: payload("tag-b"),
            mean: Some(3.0),
            n: 1,
        },
    ];
}

/// A survey's user text replaced by payloads: the file, its columns, the groups.
fn hostile_survey(doc: &mut ResultDoc) {
    if let Some(s) = &mut doc.survey {
        s.file = payload("survey-file");
        s.unused_columns = vec![payload("unused-column")];
        s.personal_columns = vec![payload("personal-column")];
        for c in &mut s.columns {
            c.column = payload("matched-column");
        }
    }
    if let Some(by) = &mut doc.group_by {
        by.column = payload("group-column");
        by.differences = vec![GroupDifference {
            item: doc.items[0].id.clone(),
            high_group: payload("high-group"),
            high: 3.0,
            low_group: payload("low-group"),
            low: 1.0,
            difference: 2.0,
        }];
    }
    for (k, g) in doc.groups.iter_mut().enumerate() {
        g.label = payload(&format!("group-{k}"));
    }
}

/// A hostile page: well formed, no script, image or control character, and `&`
/// escaped once more.
fn assert_inert(page: &str, what: &str) {
    assert_well_formed(page);
    assert!(
        !page.contains("<script") && !page.contains("<img"),
        "{what}"
    );
    assert!(!page.contains('\u{1b}'), "{what}: a control character");
    assert!(page.contains("&amp;amp;"), "{what}: & is escaped once more");
}

/// The fields whose payloads each page must show, escaped.
const MUST_SHOW: [(&str, &[&str]); 5] = [
    (
        "workshop",
        &[
            "organisation",
            "period",
            "assessment-title",
            "source",
            "band-description",
            "rater-a",
            "rater-b",
            "tag-a",
            "tag-b",
            "theme",
            "item-0",
            "item-9",
            "guidance",
            "note",
            "action",
            "example",
            "finding",
            "rejected-column",
            "rejected-value",
            "rejected-reason",
        ],
    ),
    ("status", &["field-value", "fieldkey", "point-label"]),
    (
        "survey",
        &[
            "survey-file",
            "unused-column",
            "personal-column",
            "matched-column",
            "group-column",
            "high-group",
            "low-group",
            "group-0",
            "group-1",
            "point-label",
        ],
    ),
    ("diff", &["organisation", "period", "item-0", "theme"]),
    ("trend", &["organisation", "period", "item-0", "finding"]),
];

#[test]
fn user_text_never_becomes_markup() {
    let workshop = hostile(fixture("building-blocks"));
    let survey = hostile(fixture("survey-by-role"));
    let pages = [
        (super::result(&workshop), "workshop"),
        (super::result(&hostile(fixture("role-model"))), "status"),
        (super::result(&hostile(fixture("connection"))), "examples"),
        (super::result(&survey), "survey"),
        (diff_page(&workshop, &survey), "diff"),
        (trend_page(&[workshop.clone(), survey.clone()]), "trend"),
    ];
    for (page, what) in &pages {
        assert_inert(page, what);
    }
    for (what, fields) in MUST_SHOW {
        let (page, _) = pages.iter().find(|(_, w)| *w == what).unwrap();
        for f in fields {
            assert!(page.contains(&shown(f)), "{what}: {f} is not on the page");
        }
    }
}

#[test]
fn escaping_covers_text_and_attributes() {
    assert_eq!(
        crate::render::markup::escape("<a href=\"x\">'&'</a>"),
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
    );
    assert_eq!(
        crate::render::markup::escape("a\u{0}b\u{1b}c\nd"),
        "a\u{fffd}b\u{fffd}c\nd"
    );
    assert_eq!(
        super::page::paragraphs("one\ntwo\n\n<three>"),
        "<p>one<br>two</p><p>&lt;three&gt;</p>"
    );
    assert_eq!(super::page::date("2026-10-19T15:00:00Z"), "19 October 2026");
    assert_eq!(super::page::date("yesterday"), "yesterday");
}

#[test]
fn regression_where_to_start_listed_roles_in_place_it_lists_only_items_below_the_top() {
    let mut doc = fixture("role-model");
    let top = doc.scales[0].max;
    for (k, item) in doc.items.iter_mut().enumerate() {
        let v = if k == 0 { 1.5 } else { f64::from(top) };
        item.score = Some(v);
        item.percent = Some(v / f64::from(top) * 100.0);
    }
    let page = super::result(&doc);
    let lowest = page
        .split("id=\"lowest\"")
        .nth(1)
        .and_then(|s| s.split("</table>").next())
        .expect("a lowest-scores table");
    assert_eq!(lowest.matches("<tr>").count(), 2, "{lowest}");
    // 1.50 on the 0–2 scale lies between its two labels, and says so.
    let (low, high) = (doc.scales[0].label(1), doc.scales[0].label(2));
    assert!(
        lowest.contains(&format!("1.50 (between {low} and {high})")),
        "{lowest}"
    );
}
