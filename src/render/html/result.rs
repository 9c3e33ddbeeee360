//! A Result as a web page: a header with the headline figures, then the charts the data
//! calls for (`charts`), each followed by the table of its figures, then findings,
//! priorities (lowest scores, largest gaps to target) and an action plan with what good
//! looks like, the evidence and the actions recorded.

use super::page::{blocks, date, facts, footer, heading, page, paragraphs, table};
use crate::render::markup::escape;
use crate::render::model::Grid;
use crate::render::result::{rating_label, who};
use crate::render::text::{number, percent, score};
use crate::result::{GapKind, ItemResult, Method, ResultDoc};

/// The page for a Result (for the tests: no sections).
#[cfg(test)]
pub fn result(doc: &ResultDoc) -> String {
    result_with(doc, "")
}

/// The page for a Result, with `sections` (HTML) after its action plan.
pub fn result_with(doc: &ResultDoc, sections: &str) -> String {
    let title = format!(
        "{} — {}, {}",
        doc.assessment.title, doc.context.organisation, doc.context.period
    );
    let mut main = String::new();
    main.push_str(&super::charts::charts(doc));
    main.push_str(&stories(doc));
    main.push_str(&findings(doc));
    main.push_str(&priorities(doc));
    main.push_str(&action_plan(doc));
    main.push_str(sections);
    main.push_str(&data(doc));
    let footer = footer(&format!(
        "Assessment {} version {} (definition {}), scored {} by plead {}.",
        doc.assessment.id,
        doc.assessment.version,
        doc.assessment.definition_hash,
        crate::render::text::human_time(&doc.context.created),
        doc.context.plead_version
    ));
    page(&title, &header(doc), &main, &footer)
}

/// The comments and workshop evidence, under their theme or item, as quotations.
fn stories(doc: &ResultDoc) -> String {
    let section = crate::render::stories::blocks(doc, None);
    if section.is_empty() {
        return String::new();
    }
    format!(
        "<section class=\"stories\" aria-labelledby=\"stories-0\">\n{}</section>\n",
        blocks(&section, "stories")
    )
}

fn header(doc: &ResultDoc) -> String {
    let o = &doc.overall;
    let mut out = format!(
        "<p class=\"kicker\">Patient leadership assessment report</p>\n<h1>{}</h1>\n\
         <p class=\"subtitle\">{}, {}</p>\n",
        escape(&doc.assessment.title),
        escape(&doc.context.organisation),
        escape(&doc.context.period)
    );
    out.push_str(&facts(&[
        ("Organisation", doc.context.organisation.clone()),
        ("Period", doc.context.period.clone()),
        (
            "Assessment",
            format!(
                "{} (version {})",
                doc.assessment.title, doc.assessment.version
            ),
        ),
        ("Source", doc.assessment.source.clone()),
        ("Date", date(&doc.context.created)),
        (
            if doc.context.method == Method::Survey {
                "Respondents"
            } else {
                "Raters"
            },
            who(doc),
        ),
    ]));
    let out_of = doc
        .common_scale()
        .map_or(String::new(), |s| format!(" of {}", s.max));
    for w in &doc.warnings {
        out.push_str(&format!(
            "<div class=\"notice\"><strong>Warning:</strong> {}</div>\n",
            escape(w)
        ));
    }
    out.push_str("<div class=\"headline\">\n");
    let mut figure =
        |label: &str, value: String| out.push_str(&super::page::headline(label, &value));
    let hidden = o.reason.is_some();
    let shown = |v: String| {
        if hidden {
            crate::render::result::NOT_SHOWN.to_string()
        } else {
            v
        }
    };
    figure(
        "Overall score",
        shown(format!("{}{out_of}", score(o.score))),
    );
    figure("Percent", shown(percent(o.percent)));
    figure("Band", shown(o.band.clone().unwrap_or_else(|| "—".into())));
    figure("Items answered", format!("{} of {}", o.answered, o.items));
    out.push_str("</div>\n");
    if let Some(b) = doc.bands.iter().find(|b| Some(&b.label) == o.band.as_ref())
        && !b.description.is_empty()
    {
        out.push_str(&format!(
            "<p><strong>{}:</strong> {}</p>\n",
            escape(&b.label),
            escape(&b.description)
        ));
    }
    if let Some(hidden) = crate::render::result::not_shown_sentence(doc) {
        out.push_str(&format!("<p>{}</p>\n", escape(&hidden)));
    } else if o.answered < o.items {
        out.push_str(&format!(
            "<p>{}</p>\n",
            escape(&crate::render::result::unscored_sentence(doc))
        ));
    }
    out.push_str(&format!(
        "<p class=\"tool-note\">{}</p>\n",
        escape(&doc.assessment.banner().sentence())
    ));
    out
}

/// The label of an item's rating when it is a whole point ("Partly in place").
fn severity_badge(s: crate::assessment::Severity) -> String {
    format!(
        "<span class=\"severity severity-{0}\">{0}</span>",
        escape(s.as_str())
    )
}

fn findings(doc: &ResultDoc) -> String {
    let mut out = heading(2, "findings", "Findings");
    if doc.findings.is_empty() {
        out.push_str("<p>No findings.</p>\n");
        return out;
    }
    out.push_str("<ul class=\"findings\">\n");
    for f in &doc.findings {
        out.push_str(&format!(
            "<li>{}{}</li>\n",
            severity_badge(f.severity),
            escape(&f.message)
        ));
    }
    out.push_str("</ul>\n");
    out
}

/// An item's score as a reader wants it: "1.00 (Partly in place)".
fn score_and_label(doc: &ResultDoc, item: &ItemResult) -> String {
    let label = rating_label(doc, item);
    match item.score {
        Some(_) if !label.is_empty() => format!("{} ({label})", score(item.score)),
        Some(_) => score(item.score),
        None => label,
    }
}

fn priorities(doc: &ResultDoc) -> String {
    let mut out = heading(2, "priorities", "Priorities");
    out.push_str(
        "<p>Where to start: the lowest scores and the largest gaps to the targets set. \
         The action plan below has what good looks like for each.</p>\n",
    );
    out.push_str(&lowest_scores(doc));
    out.push_str(&gaps_to_target(doc));
    out.push_str(&below_threshold(doc));
    out
}

/// The three lowest-scoring items that still have room to improve; a Result whose every
/// scored item is at the top of its scale says so, and one with no scores says nothing.
fn lowest_scores(doc: &ResultDoc) -> String {
    let mut out = String::new();
    // An item at the top of its scale is not a place to start, however low the rest.
    let mut answered: Vec<&ItemResult> = doc
        .items
        .iter()
        .filter(|i| i.percent.is_some_and(|p| p < 100.0 - 1e-9))
        .collect();
    answered.sort_by(|a, b| {
        a.percent
            .partial_cmp(&b.percent)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let lowest: Vec<&ItemResult> = answered.into_iter().take(3).collect();
    if !lowest.is_empty() {
        let mut grid = Grid::new(&[("Item", false), ("Score", false), ("Percent", true)]);
        for i in &lowest {
            grid.row(vec![
                i.title.clone(),
                score_and_label(doc, i),
                percent(i.percent),
            ]);
        }
        out.push_str(&heading(3, "lowest", "Lowest scores"));
        out.push_str(&table(&grid, None));
    } else if doc.items.iter().any(|i| i.score.is_some()) {
        out.push_str(&heading(3, "lowest", "Lowest scores"));
        out.push_str("<p>Every item scored is at the top of its scale.</p>\n");
    }
    out
}

/// The five largest gaps between an item's score and its target, largest first.
fn gaps_to_target(doc: &ResultDoc) -> String {
    let mut to_target: Vec<_> = doc
        .gaps
        .iter()
        .filter(|g| g.kind == GapKind::ToTarget)
        .collect();
    to_target.sort_by(|a, b| {
        b.size
            .partial_cmp(&a.size)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut out = heading(3, "to-target", "Largest gaps to target");
    if to_target.is_empty() {
        out.push_str("<p>No targets were set, or every target is met.</p>\n");
    } else {
        let mut grid = Grid::new(&[
            ("Item", false),
            ("Score", false),
            ("Target", true),
            ("Gap", true),
        ]);
        for g in to_target.iter().take(5) {
            let (title, now) = match doc.item(&g.item) {
                Some(i) => (i.title.clone(), score_and_label(doc, i)),
                None => (g.item.clone(), score(Some(g.score))),
            };
            grid.row(vec![title, now, number(g.reference), score(Some(g.size))]);
        }
        out.push_str(&table(&grid, None));
    }
    out
}

/// The items scored below the gap threshold, when the assessment sets one (`gap_threshold`).
fn below_threshold(doc: &ResultDoc) -> String {
    let mut out = String::new();
    let below: Vec<&str> = doc
        .gaps
        .iter()
        .filter(|g| g.kind == GapKind::BelowThreshold)
        .map(|g| {
            doc.item(&g.item)
                .map_or(g.item.as_str(), |i| i.title.as_str())
        })
        .collect();
    if let Some(threshold) = doc.gap_threshold {
        out.push_str(&heading(
            3,
            "below",
            &format!("Below {}", number(threshold)),
        ));
        if below.is_empty() {
            out.push_str(&format!(
                "<p>No item scored below {}.</p>\n",
                number(threshold)
            ));
        } else {
            out.push_str(&format!(
                "<p>{} items scored below {}: {}.</p>\n",
                below.len(),
                number(threshold),
                escape(&below.join(", "))
            ));
        }
    }
    out
}

/// The first paragraph of the guide's passage on an item, under its label, with where it
/// comes from.
fn from_the_guide(item: &ItemResult) -> String {
    let first = item
        .guidance
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .trim();
    if first.is_empty() {
        return "<span class=\"muted\">the guide gives none</span>".into();
    }
    // A Result written before passages had kinds carries no label: its text is shown bare
    // rather than under a label that may not fit it.
    let label = item.guidance_label.as_ref().map_or(String::new(), |l| {
        format!("<strong>{}:</strong> ", escape(l))
    });
    let cite = item.guidance_cite.as_ref().map_or(String::new(), |c| {
        format!(" <span class=\"muted\">[{}]</span>", escape(c))
    });
    format!("<p>{label}{}{cite}</p>", escape(first))
}

fn action_plan(doc: &ResultDoc) -> String {
    let gap = |id: &str| doc.gaps.iter().any(|g| g.item == id);
    let items: Vec<&ItemResult> = doc
        .items
        .iter()
        .filter(|i| gap(&i.id) || i.target.is_some() || i.action.is_some() || !i.notes.is_empty())
        .collect();
    let mut out = heading(2, "action-plan", "Action plan");
    if items.is_empty() {
        out.push_str("<p>No gaps, targets, evidence or actions were recorded.</p>\n");
        return out;
    }
    out.push_str(
        "<p>Every item with a gap, a target, evidence or an action: where it stands, what \
         the guide says (what good looks like where it describes it, with its source), the evidence noted and \
         the action agreed.</p>\n",
    );
    out.push_str(
        "<table class=\"plan\">\n<thead><tr><th scope=\"col\">Item</th>\
         <th scope=\"col\">Now</th><th scope=\"col\" class=\"num\">Target</th>\
         <th scope=\"col\">From the guide</th><th scope=\"col\">Evidence</th>\
         <th scope=\"col\">Action</th></tr></thead>\n<tbody>\n",
    );
    for i in items {
        let evidence: String = if i.notes.is_empty() {
            "<span class=\"muted\">none recorded</span>".into()
        } else {
            i.notes.iter().map(|n| paragraphs(n)).collect()
        };
        let action = match &i.action {
            Some(a) => paragraphs(a),
            None => "<span class=\"muted\">none recorded yet</span>".into(),
        };
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td class=\"num\">{}</td><td>{}</td>\
             <td>{}</td><td>{}</td></tr>\n",
            escape(&i.title),
            escape(&score_and_label(doc, i)),
            escape(&i.target.map_or_else(String::new, |t| t.to_string())),
            from_the_guide(i),
            evidence,
            action,
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// Where the figures came from: rejected cells and how a survey file was read.
fn data(doc: &ResultDoc) -> String {
    let mut out = String::new();
    if !doc.rejected.is_empty() {
        out.push_str(&heading(2, "rejected", "Rejected cells"));
        out.push_str(
            "<p>Cells of the survey file that could not be read as an answer, and why: they \
             are not counted.</p>\n",
        );
        let grid = crate::render::result::rejected_grid(doc);
        out.push_str(&table(&grid, None));
    }
    out.push_str(&blocks(&crate::render::survey::source(doc), "source"));
    out
}
