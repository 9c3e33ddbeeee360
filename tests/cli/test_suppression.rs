//! The property that small-number suppression cannot be undone: for random group sizes
//! (several small groups, one group, groups absent, a blank group) and random answers
//! (some groups answering "not applicable" to most items), each report format is read
//! back as a reader would (JSON, CSV, xlsx, HTML, the terminal table, Markdown), and
//! nothing it shows lets a suppressed group's respondents, an item's answers or a
//! theme's or the overall figure's answers be worked out by subtracting shown figures
//! from the totals: what is hidden is none, or at least the minimum. Every shown figure
//! is also checked against the truth, so a reader that missed a figure would fail. The
//! whole survey's own figures are held to the same rule (an item rated by fewer than the
//! minimum, and any theme or overall over it, shown nowhere, the CSV included).

use std::collections::BTreeMap;

use plead::assessment::Assessment;
use plead::cli::Format;
use plead::render::{self, Options};
use plead::result::{Context, Method, ResultDoc};
use plead::survey::{self, Input};
use proptest::prelude::*;

use super::fuzz_harness as harness;

const LABELS: [&str; 6] = ["Board", "Carers", "Doctors", "Nurses", "Porters", "Staff"];

fn assessment() -> &'static Assessment {
    harness::builtins()
        .iter()
        .find(|a| a.id == "building-blocks")
        .expect("building-blocks")
}

/// What was generated: per row, its group (None: blank) and per item a cell: 0–4 a
/// rating, 5 "N/A", 6 blank.
#[derive(Debug)]
struct Returns {
    rows: Vec<(Option<usize>, Vec<u8>)>,
}

/// The truth, per group label: respondents and per item the number of ratings.
#[derive(Debug, Default, Clone)]
struct Truth {
    respondents: u64,
    n: Vec<u64>,
}

fn label(group: Option<usize>) -> &'static str {
    group.map_or("(blank)", |g| LABELS[g])
}

fn truth(returns: &Returns, items: usize) -> BTreeMap<String, Truth> {
    let mut out: BTreeMap<String, Truth> = BTreeMap::new();
    for (group, cells) in &returns.rows {
        if cells.iter().all(|c| *c == 6) {
            continue; // no answer at all: not a respondent
        }
        let t = out.entry(label(*group).to_string()).or_insert(Truth {
            respondents: 0,
            n: vec![0; items],
        });
        t.respondents += 1;
        for (k, c) in cells.iter().enumerate() {
            if *c <= 4 {
                t.n[k] += 1;
            }
        }
    }
    out
}

fn gen_returns() -> impl Strategy<Value = Returns> {
    // Up to seven groups (six labels and the blank), each 0–24 people, each group with
    // its own leaning to "not applicable".
    gen_returns_of(7, 25)
}

/// `groups` groups of up to `max - 1` people each.
fn gen_returns_of(groups: usize, max: usize) -> impl Strategy<Value = Returns> {
    prop::collection::vec((0..max, 0..4u8, any::<u64>()), groups).prop_map(|groups| {
        let items = assessment().items.len();
        let mut rows = Vec::new();
        for (g, (size, na, seed)) in groups.into_iter().enumerate() {
            let group = (g < LABELS.len()).then_some(g);
            let mut state = seed | 1;
            for _ in 0..size {
                let cells = (0..items)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        let v = (state % 10) as u8;
                        match v {
                            0..=4 if u64::from(na) * 2 > state % 8 => 5,
                            0..=4 => v,
                            5..=7 => v % 5,
                            8 => 5,
                            _ => 6,
                        }
                    })
                    .collect();
                rows.push((group, cells));
            }
        }
        // At least one respondent, or there is nothing to score.
        if rows.is_empty() {
            rows.push((Some(0), vec![1; items]));
        }
        Returns { rows }
    })
}

fn scored(returns: &Returns, min: u64) -> ResultDoc {
    let a = assessment();
    let mut csv = String::from("Role");
    for item in &a.items {
        csv.push(',');
        csv.push_str(&item.id);
    }
    csv.push('\n');
    for (group, cells) in &returns.rows {
        csv.push_str(group.map_or("", |g| LABELS[g]));
        for c in cells {
            csv.push(',');
            match c {
                0..=4 => csv.push_str(&c.to_string()),
                5 => csv.push_str("N/A"),
                _ => {}
            }
        }
        csv.push('\n');
    }
    let options = survey::Options {
        group_by: Some("Role".into()),
        min_group: min,
        ..survey::Options::default()
    };
    let input = Input {
        name: "returns.csv".into(),
        reader: Box::new(std::io::Cursor::new(csv.into_bytes())),
    };
    let read = survey::read(a, input, &options, &mut survey::Quiet).expect("the returns read");
    let context = Context {
        organisation: "Northshire".into(),
        period: "2026-Q3".into(),
        created: "2026-11-21T10:00:00Z".into(),
        plead_version: "0.1.0".into(),
        method: Method::Survey,
    };
    plead::score::survey::result(a, context, read)
}

/// What a reader of one report sees of the groups.
#[derive(Debug, Default)]
struct View {
    /// Per group label: its respondents, when shown.
    respondents: BTreeMap<String, Option<u64>>,
    /// Per group label and item: the item's number of ratings in the group, when shown.
    n: BTreeMap<(String, usize), Option<u64>>,
    /// Per group label: whether its overall score is shown.
    overall: BTreeMap<String, bool>,
    /// Per group label and theme: whether the theme's score is shown (JSON only).
    themes: BTreeMap<(String, usize), bool>,
}

/// Hidden is none or at least the minimum.
fn safe(hidden: u64, min: u64) -> bool {
    hidden == 0 || hidden >= min
}

fn check(
    format: &str,
    view: &View,
    truth: &BTreeMap<String, Truth>,
    doc: &ResultDoc,
    min: u64,
) -> Result<(), TestCaseError> {
    let a = assessment();
    let items = a.items.len();
    // Every group is there, and every shown figure is the truth.
    for (label, t) in truth {
        let shown = view.respondents.get(label);
        prop_assert!(shown.is_some(), "{format}: group {label} missing");
        if let Some(Some(r)) = shown {
            prop_assert_eq!(*r, t.respondents, "{}: {} respondents", format, label);
            prop_assert!(*r >= min, "{format}: {label} shown with {r} respondents");
        }
        for i in 0..items {
            if let Some(Some(n)) = view.n.get(&(label.clone(), i)) {
                prop_assert_eq!(*n, t.n[i], "{}: {} item {}", format, label, i);
                prop_assert!(*n == 0 || *n >= min, "{format}: {label} item {i} n={n}");
            }
        }
    }
    let total: u64 = truth.values().map(|t| t.respondents).sum();
    prop_assert_eq!(total, doc.respondents);
    // Respondents: the total less the shown groups.
    let shown: u64 = view.respondents.values().flatten().sum();
    prop_assert!(
        safe(total - shown, min),
        "{format}: {} respondents can be worked out",
        total - shown
    );
    // Each item: its answers less those shown per group.
    let shown_n = |label: &str, i: usize| -> Option<u64> {
        view.n.get(&(label.to_string(), i)).copied().flatten()
    };
    for i in 0..items {
        let all = doc.items[i].n;
        let shown: u64 = truth.keys().filter_map(|l| shown_n(l, i)).sum();
        if doc.items[i].reason.is_some() {
            // Not shown for the whole survey (fewer answers than the minimum): no group
            // shows it either, and its count of answers is the whole survey's own.
            prop_assert_eq!(shown, 0, "{}: item {} shown in a group", format, i);
            continue;
        }
        prop_assert!(
            safe(all - shown, min),
            "{format}: {} answers to item {i} can be worked out",
            all - shown
        );
    }
    // A group's overall (and theme) figure is shown only over items all shown in it,
    // so none gives a suppressed item back; and what the shown figures leave hidden,
    // theme by theme and overall, is none or at least the minimum.
    let over =
        |label: &str, members: &[usize]| members.iter().all(|i| shown_n(label, *i).is_some());
    let all_items: Vec<usize> = (0..items).collect();
    for (label, shown) in &view.overall {
        if *shown {
            prop_assert!(
                over(label, &all_items),
                "{format}: {label} overall over a hidden item"
            );
        }
    }
    let mut sets: Vec<(String, Vec<usize>, Vec<bool>)> = vec![(
        "overall".into(),
        all_items.clone(),
        truth
            .keys()
            .map(|l| view.overall.get(l).copied().unwrap_or(false))
            .collect(),
    )];
    for (t, theme) in a.themes.iter().enumerate() {
        let members: Vec<usize> = (0..items)
            .filter(|i| a.items[*i].theme == theme.id)
            .collect();
        for label in truth.keys() {
            if view
                .themes
                .get(&(label.clone(), t))
                .copied()
                .unwrap_or(false)
            {
                prop_assert!(
                    over(label, &members),
                    "{format}: {label} theme {t} over a hidden item"
                );
            }
        }
        sets.push((
            theme.id.clone(),
            members,
            truth
                .keys()
                .map(|l| view.themes.get(&(l.clone(), t)).copied().unwrap_or(false))
                .collect(),
        ));
    }
    for (what, members, shown) in sets {
        let whole = match what.as_str() {
            "overall" => &doc.overall.reason,
            id => &doc.themes.iter().find(|t| t.id == id).unwrap().reason,
        };
        if whole.is_some() {
            continue; // not shown for the whole survey: no total to subtract from
        }
        let all: u64 = members.iter().map(|i| doc.items[*i].n).sum();
        let shown: u64 = truth
            .iter()
            .zip(shown)
            .filter(|(_, s)| *s)
            .map(|((_, t), _)| members.iter().map(|i| t.n[*i]).sum::<u64>())
            .sum();
        prop_assert!(
            safe(all - shown, min),
            "{format}: {what}: {} answers worked out",
            all - shown
        );
    }
    Ok(())
}

fn json_view(doc: &ResultDoc) -> View {
    let doc = ResultDoc::from_json(&doc.to_json()).expect("the JSON reads back");
    let mut view = View::default();
    for g in &doc.groups {
        view.respondents.insert(g.label.clone(), g.respondents);
        view.overall.insert(
            g.label.clone(),
            g.overall.as_ref().is_some_and(|o| o.reason.is_none()),
        );
        for (t, s) in g.themes.iter().enumerate() {
            view.themes.insert((g.label.clone(), t), s.reason.is_none());
        }
        for i in 0..doc.items.len() {
            view.n
                .insert((g.label.clone(), i), g.items.get(i).and_then(|c| c.n));
        }
    }
    view
}

/// The view from the two grids of a report's groups section, as rows of cells: the
/// overall grid (Group, Respondents, Score, …) and the item grid (Item, each group, All).
fn grid_view(format: &str, grids: &[Vec<Vec<String>>], doc: &ResultDoc) -> View {
    let mut view = View::default();
    let number = |s: &str| s.trim().parse::<u64>().ok();
    for grid in grids {
        let Some(head) = grid.first() else { continue };
        match head[0].trim() {
            "Group" => {
                for row in &grid[1..] {
                    let label = row[0].trim().to_string();
                    view.respondents.insert(label.clone(), number(&row[1]));
                    view.overall
                        .insert(label, !row[2].contains("suppressed") && row[2].trim() != "");
                }
            }
            "Item" => {
                let labels: Vec<String> = head[1..head.len() - 1]
                    .iter()
                    .map(|s| s.trim().to_string())
                    .collect();
                for (i, row) in grid[1..].iter().enumerate() {
                    assert_eq!(
                        row[0].trim(),
                        doc.items[i].title,
                        "{format}: item rows in order"
                    );
                    for (k, label) in labels.iter().enumerate() {
                        let cell = row[k + 1].trim();
                        let n = cell
                            .rsplit_once("(n=")
                            .and_then(|(_, n)| n.trim_end_matches(')').parse::<u64>().ok());
                        assert!(
                            n.is_some() || cell.starts_with("suppressed"),
                            "{format}: cell {cell:?}"
                        );
                        view.n.insert((label.clone(), i), n);
                    }
                }
            }
            _ => {}
        }
    }
    view
}

/// The groups section of a text report: from its heading to the next.
fn section<'a>(text: &'a str, heading: &str, next: &[&str]) -> &'a str {
    let start = text.find(heading).expect("a groups section");
    let rest = &text[start..];
    let end = next
        .iter()
        .filter_map(|n| rest.find(n))
        .min()
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Tables of lines whose cells are split by `split`.
fn text_grids(
    section: &str,
    is_row: fn(&str) -> bool,
    split: fn(&str) -> Vec<String>,
) -> Vec<Vec<Vec<String>>> {
    let mut grids = Vec::new();
    let mut grid: Vec<Vec<String>> = Vec::new();
    for line in section.lines() {
        if is_row(line) {
            grid.push(split(line));
        } else if !grid.is_empty() && !line.starts_with('╞') && !line.starts_with("| ---") {
            grids.push(std::mem::take(&mut grid));
        }
    }
    if !grid.is_empty() {
        grids.push(grid);
    }
    grids
}

fn markdown_view(doc: &ResultDoc) -> View {
    let md = String::from_utf8(render::result(doc, Format::Markdown, &Options::default())).unwrap();
    let s = section(&md, "## Groups by", &["## Differences", "## Findings"]);
    let grids = text_grids(
        s,
        |l| l.starts_with("| ") && !l.starts_with("| ---"),
        |l| {
            l.trim()
                .trim_matches('|')
                .split(" | ")
                .map(str::to_string)
                .collect()
        },
    );
    grid_view("markdown", &grids, doc)
}

fn table_view(doc: &ResultDoc) -> View {
    let options = Options {
        width: 2000,
        color: false,
    };
    let text = String::from_utf8(render::result(doc, Format::Table, &options)).unwrap();
    let s = section(
        &text,
        "Groups by",
        &["Differences between groups", "Findings"],
    );
    let grids = text_grids(
        s,
        |l| l.starts_with('│'),
        |l| {
            l.trim_matches('│')
                .split(['┆', '│'])
                .map(str::to_string)
                .collect()
        },
    );
    grid_view("table", &grids, doc)
}

fn html_view(doc: &ResultDoc) -> View {
    let page = String::from_utf8(render::result(doc, Format::Html, &Options::default())).unwrap();
    let s = section(
        &page,
        ">Groups by",
        &[">Differences between groups<", "id=\"findings"],
    );
    let strip = |cell: &str| -> String {
        let mut out = String::new();
        let mut tag = false;
        for c in cell.chars() {
            match c {
                '<' => tag = true,
                '>' => tag = false,
                c if !tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&#39;", "'")
            .replace("&amp;", "&")
            .replace("&quot;", "\"")
    };
    let mut grids = Vec::new();
    for table in s.split("<table>").skip(1) {
        let table = &table[..table.find("</table>").unwrap_or(table.len())];
        let grid: Vec<Vec<String>> = table
            .split("<tr>")
            .skip(1)
            .map(|row| {
                row.replace("</th>", "\u{0}")
                    .replace("</td>", "\u{0}")
                    .split('\u{0}')
                    .filter(|c| c.contains("<th") || c.contains("<td"))
                    .map(&strip)
                    .collect()
            })
            .collect();
        grids.push(grid);
    }
    let mut view = grid_view("html", &grids, doc);
    // The chart's bars say "(n=…)" only for figures shown in the tables.
    let shown: Vec<u64> = view
        .n
        .values()
        .flatten()
        .copied()
        .chain(doc.items.iter().map(|i| i.n))
        .collect();
    for text in s.split("(n=").skip(1) {
        let n: u64 = text[..text.find(')').unwrap()].parse().unwrap();
        assert!(shown.contains(&n), "html: the chart shows n={n}");
    }
    view.themes.clear();
    view
}

fn xlsx_view(doc: &ResultDoc) -> View {
    use calamine::{Data, Reader};
    let bytes = render::xlsx::result(doc, Vec::new());
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("Groups").unwrap();
    let mut view = View::default();
    let number = |d: &Data| match d {
        Data::Float(f) => Some(*f as u64),
        Data::Int(i) => Some(*i as u64),
        _ => None,
    };
    for row in range.rows().skip(1) {
        let label = row[0].to_string();
        let item = row[2].to_string();
        if row[1] == "suppressed" {
            view.respondents.insert(label.clone(), None);
            view.overall.insert(label.clone(), false);
            for i in 0..doc.items.len() {
                view.n.insert((label.clone(), i), None);
            }
        } else if item == "(overall)" {
            view.respondents.insert(label.clone(), number(&row[1]));
            view.overall.insert(label, row[3] != "suppressed");
        } else {
            let i = doc.items.iter().position(|x| x.id == item).unwrap();
            view.n.insert((label, i), number(&row[5]));
        }
    }
    view
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_suppressed_figure_can_be_worked_out_from_any_report(
        returns in gen_returns(),
        min in prop::sample::select(vec![3u64, 5, 11]),
    ) {
        let doc = scored(&returns, min);
        let truth = truth(&returns, assessment().items.len());
        // Every suppressed cell says why.
        for g in &doc.groups {
            prop_assert_eq!(g.suppressed, g.reason.is_some());
            for c in &g.items {
                prop_assert_eq!(c.reason.is_some(), c.n.is_none());
                if c.reason.is_some() {
                    prop_assert!(c.score.is_none() && c.not_applicable.is_none() && c.missing.is_none() && c.aggregate.is_none());
                }
            }
        }
        // Differences between groups come from shown figures only.
        for d in &doc.group_by.as_ref().unwrap().differences {
            let i = doc.items.iter().position(|x| x.id == d.item).unwrap();
            for label in [&d.high_group, &d.low_group] {
                let g = doc.groups.iter().find(|g| &g.label == label).unwrap();
                prop_assert!(!g.suppressed && g.items[i].reason.is_none());
            }
        }
        check("json", &json_view(&doc), &truth, &doc, min)?;
        check("xlsx", &xlsx_view(&doc), &truth, &doc, min)?;
        if doc.groups.len() <= 8 {
            check("markdown", &markdown_view(&doc), &truth, &doc, min)?;
            check("table", &table_view(&doc), &truth, &doc, min)?;
            check("html", &html_view(&doc), &truth, &doc, min)?;
        }
        // The CSV report carries no group's figures at all.
        let csv = String::from_utf8(render::result(&doc, Format::Csv, &Options::default())).unwrap();
        for label in truth.keys() {
            prop_assert!(!csv.contains(label.as_str()), "the CSV names {}", label);
        }
        for warning in &doc.warnings {
            prop_assert!(csv.contains(warning.as_str()));
        }
        prop_assert_eq!(!doc.warnings.is_empty(), doc.respondents < min);
        whole_survey(&doc, &csv, min)?;
    }

    /// Small files (two groups of up to 14), where the whole survey's own figures often
    /// rest on fewer than the minimum: the same checks, and the whole survey's.
    #[test]
    fn no_whole_survey_figure_rests_on_fewer_than_the_minimum(
        returns in gen_returns_of(2, 15),
        min in prop::sample::select(vec![3u64, 5, 11]),
    ) {
        let doc = scored(&returns, min);
        let truth = truth(&returns, assessment().items.len());
        // A file smaller than the minimum shows its count of respondents (and nothing
        // else), so the groups' respondents add up to it: checked as groups only above it.
        if doc.respondents >= min {
            check("json", &json_view(&doc), &truth, &doc, min)?;
        }
        let csv = String::from_utf8(render::result(&doc, Format::Csv, &Options::default())).unwrap();
        whole_survey(&doc, &csv, min)?;
    }
}

/// The whole survey is held to the same rule: an item rated by fewer than the minimum
/// (every item, in a file of fewer respondents) shows no figure, in the Result and in the
/// CSV; a theme or the overall is shown only when none of its items is hidden, so no
/// hidden item can be worked out from them.
fn whole_survey(doc: &ResultDoc, csv: &str, min: u64) -> Result<(), TestCaseError> {
    let a = assessment();
    let too_few = doc.respondents < min;
    let hidden: Vec<bool> = doc
        .items
        .iter()
        .map(|i| too_few || (i.n > 0 && i.n < min))
        .collect();
    for (item, hide) in doc.items.iter().zip(&hidden) {
        prop_assert_eq!(item.reason.is_some(), *hide, "item {}", &item.id);
        if *hide {
            prop_assert!(
                item.score.is_none() && item.percent.is_none() && item.aggregate.is_none()
            );
        } else {
            prop_assert_eq!(item.score.is_some(), item.n > 0);
        }
    }
    for (t, theme) in a.themes.iter().enumerate() {
        let includes = (0..a.items.len()).any(|i| a.items[i].theme == theme.id && hidden[i]);
        let r = &doc.themes[t];
        prop_assert_eq!(
            r.reason.is_some(),
            too_few || includes,
            "theme {}",
            &theme.id
        );
        if r.reason.is_some() {
            prop_assert!(r.score.is_none() && r.percent.is_none() && r.per_respondent.is_none());
        }
    }
    let o = &doc.overall;
    prop_assert_eq!(o.reason.is_some(), hidden.iter().any(|h| *h));
    if o.reason.is_some() {
        prop_assert!(o.score.is_none() && o.percent.is_none() && o.band.is_none());
        prop_assert!(o.per_respondent.is_none());
    }
    // No gap or finding rests on a hidden item.
    for (item, hide) in doc.items.iter().zip(&hidden) {
        if *hide {
            prop_assert!(!doc.gaps.iter().any(|g| g.item == item.id));
            prop_assert!(!doc.findings.iter().any(|f| f.items.contains(&item.id)));
        }
    }
    // The CSV's rows: a hidden figure's cells are empty and its notes say why.
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    for row in reader.records().map(Result::unwrap) {
        let reason = match &row[0] {
            "overall" => &o.reason,
            "theme" => &doc.themes.iter().find(|t| t.id == row[1]).unwrap().reason,
            "item" => &doc.items.iter().find(|i| i.id == row[1]).unwrap().reason,
            _ => continue,
        };
        if reason.is_some() {
            for figure in ["score", "percent", "median", "sd"] {
                prop_assert_eq!(&row[column(figure)], "", "{} {}", &row[1], figure);
            }
            prop_assert!(row[column("notes")].starts_with("not shown: "));
        }
    }
    Ok(())
}
