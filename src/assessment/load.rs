//! Loading an assessment file: TOML syntax and types first (with the parser's spans),
//! then the checks TOML cannot make — duplicate ids, unknown references, band coverage,
//! scale points, weights — each pointing at the offending key.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use super::file::{
    AssessmentFile, ConditionFile, EachFile, FieldKindFile, FindingFile, ItemFile, PointFile,
    ScaleFile,
};
use super::passage_file::{BannerFile, PassagesFile};
use super::{
    Assessment, Band, Banner, Condition, Field, FieldKind, FindingRule, Item, Passage, PassageKind,
    Point, Rule, Scale, Test, Theme, Wording,
};
use crate::problem::Problem;

mod comments;

/// The widest scale allowed, max − min.
const MAX_SCALE_STEPS: i64 = 100;
/// The largest weight: far beyond any real one (weights say an item counts twice or
/// three times), and small enough that weighted sums never overflow — a weight of 1e308
/// made the overall score null beside "8 of 8 answered".
const MAX_WEIGHT: f64 = 1000.0;

/// Loads and validates assessment text; on failure returns every problem found.
pub fn load_str(text: &str) -> Result<Assessment, Vec<Problem>> {
    // Only blank lines and comments: say so, rather than "missing field `id`".
    if toml::from_str::<toml::Table>(text).is_ok_and(|t| t.is_empty()) {
        return Err(vec![Problem::at(
            text,
            0,
            "the file is empty: an assessment needs id, title, version, source, scales, themes and items",
        )]);
    }
    let file: AssessmentFile =
        toml::from_str(text).map_err(|e| vec![Problem::from_toml(text, &e)])?;
    Checker::new(text).check(file)
}

struct Checker<'a> {
    text: &'a str,
    problems: Vec<Problem>,
    /// Each item's scale, (min, max), for checking the thresholds of findings.
    ranges: HashMap<String, (i32, i32)>,
}

impl<'a> Checker<'a> {
    fn new(text: &'a str) -> Self {
        Checker {
            text,
            problems: Vec::new(),
            ranges: HashMap::new(),
        }
    }

    fn problem(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.problems
            .push(Problem::at_span(self.text, span, message));
    }

    /// Records a duplicate when `id` was seen before.
    fn unique(&mut self, seen: &mut HashSet<String>, id: &Spanned<String>, what: &str) {
        if !seen.insert(id.get_ref().clone()) {
            self.problem(
                id.span(),
                format!(
                    "duplicate {what} id \"{}\": each {what} needs its own id",
                    id.get_ref()
                ),
            );
        }
    }

    fn check(mut self, file: AssessmentFile) -> Result<Assessment, Vec<Problem>> {
        if !is_id(file.id.get_ref()) {
            self.problem(
                file.id.span(),
                format!(
                    "id \"{}\" must be lower-case letters, digits, '-' and '_' (e.g. \"building-blocks\")",
                    file.id.get_ref()
                ),
            );
        }
        let scales = self.scales(&file.scales);
        let scale_ids: Vec<String> = scales.iter().map(|s| s.id.clone()).collect();
        let themes = self.themes(&file);
        let theme_ids: Vec<String> = themes.iter().map(|t| t.id.clone()).collect();
        let items = self.items(&file.items, &theme_ids, &scale_ids);
        let item_ids: HashSet<String> = items.iter().map(|i| i.id.clone()).collect();
        self.ranges = items
            .iter()
            .filter_map(|i| {
                let s = scales.iter().find(|s| s.id == i.scale)?;
                Some((i.id.clone(), (s.min, s.max)))
            })
            .collect();
        let fields = self.fields(&file, &item_ids);
        let bands = self.bands(&file);
        let findings = self.findings(&file.findings, &item_ids);
        let comments = self.comments(&file.comments, &theme_ids, &item_ids);
        let banner = file.banner.as_ref().map(|b| self.banner(b));
        if let Some(t) = &file.gap_threshold
            && let Some(scale) = scales.first()
            && !(f64::from(scale.min)..=f64::from(scale.max)).contains(t.get_ref())
        {
            self.problem(
                t.span(),
                format!(
                    "gap_threshold {} is outside the scale {}–{}",
                    t.get_ref(),
                    scale.min,
                    scale.max
                ),
            );
        }
        if let Some(list) = &file.action_list
            && *list.get_ref()
            && file.gap_threshold.is_none()
        {
            self.problem(
                list.span(),
                "action_list needs a gap_threshold: the action list is the items scoring below it",
            );
        }
        if !self.problems.is_empty() {
            // In file order, so they can be fixed top to bottom.
            self.problems.sort_by_key(|p| (p.line, p.column));
            return Err(self.problems);
        }
        // Items in theme order, then file order.
        let mut ordered = Vec::with_capacity(items.len());
        for theme in &themes {
            ordered.extend(items.iter().filter(|i| i.theme == theme.id).cloned());
        }
        Ok(Assessment {
            id: file.id.into_inner(),
            title: file.title,
            version: file.version,
            source: file.source,
            description: file.description,
            note: file.note,
            gap_threshold: file.gap_threshold.map(Spanned::into_inner),
            banner,
            action_list: file.action_list.is_some_and(|a| *a.get_ref()),
            scales,
            themes,
            items: ordered,
            fields,
            bands,
            findings,
            comments,
        })
    }

    fn scales(&mut self, scales: &Spanned<Vec<ScaleFile>>) -> Vec<Scale> {
        if scales.get_ref().is_empty() {
            self.problem(scales.span(), "at least one scale is needed");
        }
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for s in scales.get_ref() {
            self.unique(&mut seen, &s.id, "scale");
            out.extend(self.scale(s));
        }
        out
    }

    /// One scale: its range, its points (each on the scale, each value and label once,
    /// a point without a label named by its number) and its aliases. `None` when it has
    /// neither points nor a min and max.
    fn scale(&mut self, s: &ScaleFile) -> Option<Scale> {
        let empty = Vec::new();
        let given = s.points.as_ref().map_or(&empty, |p| p.get_ref());
        let points_span = s.points.as_ref().map_or(s.id.span(), |p| p.span());
        if given.is_empty() && (s.min.is_none() || s.max.is_none()) {
            self.problem(
                points_span,
                "a scale needs points, or its min and max (a point without a label is shown as its number)",
            );
            return None;
        }
        let (min, max) = self.scale_range(s, given, points_span);
        let mut labels = self.check_points(given, min, max);
        let mut points: Vec<Point> = given
            .iter()
            .map(|p| Point {
                value: *p.value.get_ref(),
                label: p
                    .label
                    .as_ref()
                    .map_or_else(|| p.value.get_ref().to_string(), |l| l.get_ref().clone()),
                descriptor: p.descriptor.clone(),
                aliases: Vec::new(),
            })
            .collect();
        points.sort_by_key(|p| p.value);
        let not_applicable_aliases = self.scale_aliases(s, min, max, &mut points, &mut labels);
        Some(Scale {
            id: s.id.get_ref().clone(),
            min,
            max,
            not_applicable: s.not_applicable,
            not_applicable_label: s
                .not_applicable_label
                .clone()
                .unwrap_or_else(|| "Not applicable / don't know".to_string()),
            note: s.note.clone(),
            points,
            not_applicable_aliases,
        })
    }

    /// A scale's min and max (given, or its points' lowest and highest), which must run
    /// upwards over at most `MAX_SCALE_STEPS` steps.
    fn scale_range(
        &mut self,
        s: &ScaleFile,
        points: &[PointFile],
        points_span: Range<usize>,
    ) -> (i32, i32) {
        let lowest = points.iter().map(|p| *p.value.get_ref()).min().unwrap_or(0);
        let highest = points.iter().map(|p| *p.value.get_ref()).max().unwrap_or(0);
        let min = s.min.as_ref().map_or(lowest, |m| *m.get_ref());
        let max = s.max.as_ref().map_or(highest, |m| *m.get_ref());
        let span = s.max.as_ref().map_or(points_span, |m| m.span());
        if min >= max {
            self.problem(
                span,
                format!("the scale runs from {min} to {max}: max must be greater than min"),
            );
        } else if i64::from(max) - i64::from(min) > MAX_SCALE_STEPS {
            // Ratings are counted per point (histograms, labels listed in messages),
            // so a scale must stay small.
            self.problem(
                span,
                format!(
                    "the scale runs from {min} to {max}: a scale may span at most {MAX_SCALE_STEPS} steps (e.g. 0–100)"
                ),
            );
        }
        (min, max)
    }

    /// Every point on the scale, each value and each label (without case) once; returns
    /// the labels, lowercased, for the aliases to be checked against.
    fn check_points(&mut self, points: &[PointFile], min: i32, max: i32) -> HashSet<String> {
        let mut values = HashSet::new();
        let mut labels = HashSet::new();
        for p in points {
            let v = *p.value.get_ref();
            if !(min..=max).contains(&v) {
                self.problem(
                    p.value.span(),
                    format!("a label for point {v}, which is outside the scale {min}–{max}"),
                );
            }
            if !values.insert(v) {
                self.problem(p.value.span(), format!("point {v} is labelled twice"));
            }
            let (label, label_span) = match &p.label {
                Some(l) => (l.get_ref().clone(), l.span()),
                None => (v.to_string(), p.value.span()),
            };
            if !labels.insert(label.to_lowercase()) {
                self.problem(
                    label_span,
                    format!(
                        "label \"{label}\" is used twice in this scale: labels must tell points apart"
                    ),
                );
            }
        }
        labels
    }

    /// A scale's `aliases`: each key a point's value or `not_applicable`, each spelling
    /// used once in the scale (not another point's label or spelling). The points' own
    /// aliases are set on `points`; the not-applicable ones are returned.
    fn scale_aliases(
        &mut self,
        s: &ScaleFile,
        min: i32,
        max: i32,
        points: &mut Vec<Point>,
        labels: &mut HashSet<String>,
    ) -> Vec<String> {
        let Some(aliases) = &s.aliases else {
            return Vec::new();
        };
        let span = aliases.span();
        let mut not_applicable = Vec::new();
        for (key, spellings) in aliases.get_ref() {
            let target = if key == "not_applicable" {
                if !s.not_applicable {
                    self.problem(
                        span.clone(),
                        "aliases.not_applicable: this scale does not allow \"not applicable\" (add not_applicable = true)",
                    );
                }
                None
            } else {
                match key.parse::<i32>() {
                    Ok(v) if (min..=max).contains(&v) => Some(v),
                    _ => {
                        self.problem(
                            span.clone(),
                            format!(
                                "aliases.{key}: a key is a point of the scale ({min}–{max}) or not_applicable"
                            ),
                        );
                        continue;
                    }
                }
            };
            for spelling in spellings {
                if spelling.trim().is_empty() || !labels.insert(spelling.to_lowercase()) {
                    self.problem(
                        span.clone(),
                        format!(
                            "aliases.{key}: \"{spelling}\" is empty or already names a point of this scale: each spelling must name one thing"
                        ),
                    );
                    continue;
                }
                match target {
                    None => not_applicable.push(spelling.clone()),
                    Some(v) => match points.iter_mut().find(|p| p.value == v) {
                        Some(p) => p.aliases.push(spelling.clone()),
                        None => {
                            points.push(Point {
                                value: v,
                                label: v.to_string(),
                                descriptor: String::new(),
                                aliases: vec![spelling.clone()],
                            });
                            points.sort_by_key(|p| p.value);
                        }
                    },
                }
            }
        }
        not_applicable
    }

    fn themes(&mut self, file: &AssessmentFile) -> Vec<Theme> {
        if file.themes.get_ref().is_empty() {
            self.problem(file.themes.span(), "at least one theme is needed");
        }
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for t in file.themes.get_ref() {
            self.unique(&mut seen, &t.id, "theme");
            out.push(Theme {
                id: t.id.get_ref().clone(),
                title: t.title.clone(),
                description: t.description.clone(),
            });
        }
        out
    }

    fn items(
        &mut self,
        items: &Spanned<Vec<ItemFile>>,
        themes: &[String],
        scales: &[String],
    ) -> Vec<Item> {
        if items.get_ref().is_empty() {
            self.problem(items.span(), "at least one item is needed");
        }
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for i in items.get_ref() {
            self.unique(&mut seen, &i.id, "item");
            if !themes.contains(i.theme.get_ref()) {
                self.problem(
                    i.theme.span(),
                    format!(
                        "item \"{}\" is in an unknown theme \"{}\" (themes: {})",
                        i.id.get_ref(),
                        i.theme.get_ref(),
                        themes.join(", ")
                    ),
                );
            }
            let scale = match &i.scale {
                Some(s) => {
                    if !scales.contains(s.get_ref()) {
                        self.problem(
                            s.span(),
                            format!(
                                "unknown scale \"{}\" (scales: {})",
                                s.get_ref(),
                                scales.join(", ")
                            ),
                        );
                    }
                    s.get_ref().clone()
                }
                None => scales.first().cloned().unwrap_or_default(),
            };
            let weight = match &i.weight {
                Some(w) => {
                    let value = *w.get_ref();
                    if !(value > 0.0 && value <= MAX_WEIGHT) {
                        self.problem(
                            w.span(),
                            format!(
                                "weight {} must be a number greater than 0 and at most {MAX_WEIGHT}",
                                if value.abs() >= 1e6 { format!("{value:e}") } else { format!("{value}") }
                            ),
                        );
                    }
                    value
                }
                None => 1.0,
            };
            let question = self.question(i);
            out.push(Item {
                id: i.id.get_ref().clone(),
                theme: i.theme.get_ref().clone(),
                title: i.title.clone().unwrap_or_else(|| i.text.clone()),
                text: i.text.clone(),
                cite: i.cite.as_ref().map(|c| self.cite(c)),
                question,
                question_by: i.question_by.as_ref().map(|q| *q.get_ref()),
                guidance: self.passages(i.guidance.as_ref(), PassageKind::Good),
                prompts: self.passages(i.prompts.as_ref(), PassageKind::Prompt),
                weight,
                scale,
                aliases: i.aliases.clone(),
                examples: i.examples.clone(),
            });
        }
        out
    }

    /// An item's stand-alone question: its own, or its text.
    fn question(&mut self, i: &ItemFile) -> String {
        if let (None, Some(by)) = (&i.question, &i.question_by) {
            self.problem(
                by.span(),
                "question_by says whose words the question is, but there is no `question`",
            );
        }
        match &i.question {
            Some(q) if q.get_ref().trim().is_empty() => {
                self.problem(
                    q.span(),
                    "the question is empty: give the words a respondent reads, or leave `question` out to ask the item's text",
                );
                i.text.clone()
            }
            Some(q) => q.get_ref().trim().to_string(),
            None => i.text.clone(),
        }
    }

    fn cite(&mut self, cite: &Spanned<String>) -> String {
        if cite.get_ref().trim().is_empty() {
            self.problem(
                cite.span(),
                "the citation is empty: give the document, the section or point and the page (e.g. \"section 5.2, p. 25\"), or leave `cite` out",
            );
        }
        cite.get_ref().trim().to_string()
    }

    /// Guidance or prompts: each passage with its kind, speaker and citation checked.
    fn passages(
        &mut self,
        list: Option<&Spanned<PassagesFile>>,
        default: PassageKind,
    ) -> Vec<Passage> {
        let Some(list) = list else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (span, p) in &list.get_ref().0 {
            let span = span.clone().unwrap_or_else(|| list.span());
            if p.text.trim().is_empty() {
                // The old single-string form could be empty to mean "none".
                if p.kind.is_some() || p.who.is_some() || p.cite.is_some() {
                    self.problem(span, "a passage needs its words in `text`");
                }
                continue;
            }
            let kind = p.kind.as_ref().map_or(default, |k| *k.get_ref());
            if kind != PassageKind::Quotation
                && let Some(who) = p.who.as_ref().or(p.role.as_ref())
            {
                self.problem(
                    who.span(),
                    format!(
                        "`who` and `role` say who is quoted, but this passage is of kind \"{}\": use kind = \"quotation\"",
                        kind_name(kind)
                    ),
                );
            }
            if let (None, Some(role)) = (&p.who, &p.role) {
                self.problem(
                    role.span(),
                    "a role without `who`: name the person (as the source does) or leave `role` out",
                );
            }
            for named in [&p.who, &p.role].into_iter().flatten() {
                if named.get_ref().trim().is_empty() {
                    self.problem(
                        named.span(),
                        "empty: name them as the source does, or leave the key out",
                    );
                }
            }
            out.push(Passage {
                kind,
                text: p.text.trim().to_string(),
                who: p.who.as_ref().map(|w| w.get_ref().trim().to_string()),
                role: p.role.as_ref().map(|r| r.get_ref().trim().to_string()),
                cite: p.cite.as_ref().map(|c| self.cite(c)),
            });
        }
        out
    }

    /// The banner: a source's sentence must say where it comes from.
    fn banner(&mut self, b: &BannerFile) -> Banner {
        if b.text.get_ref().trim().is_empty() {
            self.problem(b.text.span(), "the banner's text is empty: give the sentence, or leave [banner] out to show plead's own");
        }
        if *b.by.get_ref() == Wording::Source && b.cite.is_none() {
            self.problem(
                b.by.span(),
                "a banner in the source's words needs `cite` (document, section or point, page), so it is shown attributed",
            );
        }
        Banner {
            text: b.text.get_ref().trim().to_string(),
            by: *b.by.get_ref(),
            cite: b.cite.as_ref().map(|c| self.cite(c)),
        }
    }

    fn known_item(&mut self, items: &HashSet<String>, id: &Spanned<String>) {
        if !items.contains(id.get_ref()) {
            let mut known: Vec<&String> = items.iter().collect();
            known.sort();
            let known: Vec<&str> = known.iter().map(|s| s.as_str()).collect();
            self.problem(
                id.span(),
                format!(
                    "unknown item \"{}\" (items: {})",
                    id.get_ref(),
                    known.join(", ")
                ),
            );
        }
    }

    fn fields(&mut self, file: &AssessmentFile, items: &HashSet<String>) -> Vec<Field> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for f in &file.fields {
            self.unique(&mut seen, &f.id, "field");
            let kind = match (f.kind.get_ref(), &f.choices) {
                (FieldKindFile::Text, None) => FieldKind::Text,
                (FieldKindFile::Text, Some(c)) => {
                    self.problem(
                        c.span(),
                        "a text field takes no choices (use kind = \"choice\")",
                    );
                    FieldKind::Text
                }
                (FieldKindFile::Choice, Some(c)) if !c.get_ref().is_empty() => {
                    FieldKind::Choice(c.get_ref().clone())
                }
                (FieldKindFile::Choice, c) => {
                    let span = c.as_ref().map_or(f.kind.span(), |c| c.span());
                    self.problem(span, "a choice field needs a non-empty list of choices");
                    FieldKind::Choice(Vec::new())
                }
            };
            if let Some(ids) = &f.items {
                for id in ids {
                    self.known_item(items, id);
                }
            }
            out.push(Field {
                id: f.id.get_ref().clone(),
                label: f.label.clone(),
                kind,
                items: f
                    .items
                    .as_ref()
                    .map(|ids| ids.iter().map(|i| i.get_ref().clone()).collect()),
            });
        }
        out
    }

    fn bands(&mut self, file: &AssessmentFile) -> Vec<Band> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for b in &file.bands {
            self.unique(&mut seen, &b.label, "band");
            let (min, max) = (*b.min.get_ref(), *b.max.get_ref());
            if min.is_nan() || max.is_nan() || min >= max {
                self.problem(
                    b.max.span(),
                    format!(
                        "band \"{}\" runs from {min} to {max}: max must be greater than min",
                        b.label.get_ref()
                    ),
                );
            }
            out.push((
                b,
                Band {
                    label: b.label.get_ref().clone(),
                    min,
                    max,
                    description: b.description.clone(),
                },
            ));
        }
        if out.is_empty() {
            return Vec::new();
        }
        out.sort_by(|a, b| a.1.min.total_cmp(&b.1.min));
        let first = &out[0];
        if first.1.min != 0.0 {
            let span = first.0.min.span();
            self.problem(
                span,
                format!(
                    "bands leave a gap: nothing covers 0 to {} (bands must cover 0–100 without gaps or overlaps)",
                    first.1.min
                ),
            );
        }
        for pair in out.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if b.1.min > a.1.max {
                self.problem(
                    b.0.min.span(),
                    format!(
                        "bands leave a gap: nothing covers {} to {} between \"{}\" and \"{}\"",
                        a.1.max, b.1.min, a.1.label, b.1.label
                    ),
                );
            } else if b.1.min < a.1.max {
                self.problem(
                    b.0.min.span(),
                    format!(
                        "bands overlap: \"{}\" starts at {} but \"{}\" runs to {}",
                        b.1.label, b.1.min, a.1.label, a.1.max
                    ),
                );
            }
        }
        let last = &out[out.len() - 1];
        if last.1.max != 100.0 {
            self.problem(
                last.0.max.span(),
                format!(
                    "bands leave a gap: the last band ends at {} but must end at 100",
                    last.1.max
                ),
            );
        }
        out.into_iter().map(|(_, b)| b).collect()
    }

    fn findings(&mut self, findings: &[FindingFile], items: &HashSet<String>) -> Vec<FindingRule> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for f in findings {
            self.unique(&mut seen, &f.id, "finding");
            let given = [f.all.is_some(), f.any.is_some(), f.each.is_some()]
                .iter()
                .filter(|g| **g)
                .count();
            if given != 1 {
                self.problem(
                    f.id.span(),
                    format!(
                        "finding \"{}\" needs exactly one of `all`, `any` or `each`",
                        f.id.get_ref()
                    ),
                );
                continue;
            }
            let rule = if let Some(all) = &f.all {
                Rule::All(self.conditions(all, items))
            } else if let Some(any) = &f.any {
                Rule::Any(self.conditions(any, items))
            } else {
                let each = f.each.as_ref().expect("counted above");
                self.each(each, items)
            };
            out.push(FindingRule {
                id: f.id.get_ref().clone(),
                severity: f.severity,
                message: f.message.clone(),
                rule,
                supersedes: f.supersedes.iter().map(|s| s.get_ref().clone()).collect(),
            });
        }
        self.supersedes(findings);
        out
    }

    /// Each `supersedes` names another finding of the file, and no two findings
    /// supersede each other (one of them would never be reported).
    fn supersedes(&mut self, findings: &[FindingFile]) {
        let ids: Vec<&str> = findings.iter().map(|f| f.id.get_ref().as_str()).collect();
        for f in findings {
            let id = f.id.get_ref();
            for s in &f.supersedes {
                let other = s.get_ref();
                if other == id {
                    self.problem(
                        s.span(),
                        format!("finding \"{id}\" supersedes itself: name another finding"),
                    );
                } else if !ids.contains(&other.as_str()) {
                    self.problem(
                        s.span(),
                        format!(
                            "finding \"{id}\" supersedes \"{other}\", which is not a finding of this assessment; its findings are: {}",
                            ids.join(", ")
                        ),
                    );
                } else if findings.iter().any(|g| {
                    g.id.get_ref() == other && g.supersedes.iter().any(|t| t.get_ref() == id)
                }) {
                    self.problem(
                        s.span(),
                        format!(
                            "findings \"{id}\" and \"{other}\" supersede each other: keep `supersedes` on the one that says more"
                        ),
                    );
                }
            }
        }
    }

    fn test(&mut self, span: Range<usize>, below: Option<f64>, at_least: Option<f64>) -> Test {
        match (below, at_least) {
            (Some(b), None) => Test::Below(b),
            (None, Some(a)) => Test::AtLeast(a),
            _ => {
                self.problem(
                    span,
                    "a condition needs exactly one of `below` or `at_least`",
                );
                Test::Below(0.0)
            }
        }
    }

    fn conditions(
        &mut self,
        list: &Spanned<Vec<Spanned<ConditionFile>>>,
        items: &HashSet<String>,
    ) -> Vec<Condition> {
        if list.get_ref().is_empty() {
            self.problem(list.span(), "a rule needs at least one condition");
        }
        list.get_ref()
            .iter()
            .map(|c| {
                let span = c.span();
                let c: &ConditionFile = c.get_ref();
                self.known_item(items, &c.item);
                let test = self.test(span.clone(), c.below, c.at_least);
                if c.below.is_some() != c.at_least.is_some() {
                    self.meaningful(span, test, c.item.get_ref());
                }
                Condition {
                    item: c.item.get_ref().clone(),
                    test,
                }
            })
            .collect()
    }

    fn each(&mut self, each: &Spanned<EachFile>, items: &HashSet<String>) -> Rule {
        let span = each.span();
        let e = each.get_ref();
        if let Some(ids) = &e.items {
            for id in ids {
                self.known_item(items, id);
            }
        }
        let test = self.test(span.clone(), e.below, e.at_least);
        let mut selected: Vec<String> = match &e.items {
            Some(ids) => ids.iter().map(|i| i.get_ref().clone()).collect(),
            None => self.ranges.keys().cloned().collect(),
        };
        selected.sort();
        // One problem per scale, not per item on it.
        let mut checked = HashSet::new();
        for id in selected {
            if e.below.is_some() != e.at_least.is_some()
                && self.ranges.get(&id).is_some_and(|r| checked.insert(*r))
            {
                self.meaningful(span.clone(), test, &id);
            }
        }
        Rule::Each {
            test,
            items: e
                .items
                .as_ref()
                .map(|ids| ids.iter().map(|i| i.get_ref().clone()).collect()),
        }
    }
}

impl Checker<'_> {
    /// A condition that could never hold, or would always hold, on an item's scale is a
    /// mistake in the file (a threshold on the wrong scale, or a typo).
    fn meaningful(&mut self, span: Range<usize>, test: Test, item: &str) {
        let Some(&(min, max)) = self.ranges.get(item) else {
            return;
        };
        let (min, max) = (f64::from(min), f64::from(max));
        let (key, t, never, always) = match test {
            Test::Below(t) => ("below", t, t <= min, t > max),
            Test::AtLeast(t) => ("at_least", t, t > max, t <= min),
        };
        if never || always || t.is_nan() {
            let would = if always { "always" } else { "never" };
            self.problem(
                span,
                format!(
                    "`{key} = {t}` would {would} hold: item \"{item}\" scores from {min} to {max}"
                ),
            );
        }
    }
}

fn kind_name(kind: PassageKind) -> &'static str {
    match kind {
        PassageKind::Good => "good",
        PassageKind::Pitfall => "pitfall",
        PassageKind::Evidence => "evidence",
        PassageKind::Quotation => "quotation",
        PassageKind::Prompt => "prompt",
        PassageKind::Context => "context",
    }
}

fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::load_str;
    use crate::assessment::builtin::BUILTIN;

    /// A built-in file with one stretch of it replaced by some text.
    fn damaged() -> impl Strategy<Value = String> {
        (
            0..BUILTIN.len(),
            any::<prop::sample::Index>(),
            0..40usize,
            "[\\[\\]{}=\",.#a-z0-9 \n-]{0,12}",
        )
            .prop_map(|(file, at, len, insert)| {
                let text = BUILTIN[file].1;
                let mut start = at.index(text.len());
                while !text.is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = (start + len).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                format!("{}{insert}{}", &text[..start], &text[end..])
            })
    }

    proptest! {
        /// Whatever the damage, loading gives an assessment or located problems, never a
        /// panic, and every problem is at a real line of the text.
        #[test]
        fn a_damaged_file_never_panics_and_problems_point_into_it(text in damaged()) {
            if let Err(problems) = load_str(&text) {
                prop_assert!(!problems.is_empty());
                let lines = text.split('\n').count();
                for p in &problems {
                    prop_assert!(p.line >= 1 && p.line <= lines, "{p:?} in {lines} lines");
                    prop_assert!(p.column >= 1, "{p:?}");
                }
            }
        }
    }
}
