//! The score, checked against numbers worked out by hand, and properties that hold for any
//! assessment and any answers: percents stay within 0–100, not-applicable answers never
//! move a mean, and the order of items does not matter.

use proptest::prelude::*;

use super::{ItemInput, Scores, band_of, score};
use crate::assessment::{Assessment, load_str};
use crate::response::{Answer, Example, Rating};
use crate::result::{Finding, Gap, GapKind};

fn load(text: &str) -> Assessment {
    load_str(text).unwrap_or_else(|p| panic!("the test assessment does not load: {p:?}"))
}

fn rated(v: f64) -> ItemInput {
    ItemInput {
        score: Some(v),
        n: 1,
        ..ItemInput::default()
    }
}

fn not_applicable() -> ItemInput {
    ItemInput {
        not_applicable: 1,
        ..ItemInput::default()
    }
}

fn missing() -> ItemInput {
    ItemInput {
        missing: 1,
        ..ItemInput::default()
    }
}

fn target(mut input: ItemInput, target: i32) -> ItemInput {
    input.target = Some(target);
    input
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

const HEADER: &str = r#"
id = "t"
title = "T"
version = "1"
source = "tests"
"#;

/// Three items on a 0–4 scale in two themes, weights 1, 3 and 2, gap threshold 2.
fn weighted() -> Assessment {
    load(&weighted_text())
}

fn weighted_text() -> String {
    format!(
        r#"{HEADER}
gap_threshold = 2

[[scales]]
id = "s"
not_applicable = true
points = [{{ value = 0, label = "None" }}, {{ value = 4, label = "Full" }}]

[[themes]]
id = "one"
title = "One"

[[themes]]
id = "two"
title = "Two"

[[items]]
id = "a"
theme = "one"
text = "A"

[[items]]
id = "b"
theme = "one"
text = "B"
weight = 3

[[items]]
id = "c"
theme = "two"
text = "C"
weight = 2

[[bands]]
label = "Low"
min = 0
max = 25

[[bands]]
label = "Middle"
min = 25
max = 50

[[bands]]
label = "High"
min = 50
max = 100
"#
    )
}

#[test]
fn theme_and_overall_scores_are_weighted_means_worked_out_by_hand() {
    let a = weighted();
    let s = score(&a, &[rated(4.0), rated(0.0), rated(2.0)]);
    // Theme one: (1×4 + 3×0) / (1 + 3) = 1, which is 25% of 0–4.
    assert_eq!(s.themes[0].score, Some(1.0));
    assert_eq!(s.themes[0].percent, Some(25.0));
    assert_eq!((s.themes[0].answered, s.themes[0].items), (2, 2));
    // Theme two: c alone, 2 = 50%.
    assert_eq!(s.themes[1].score, Some(2.0));
    assert_eq!(s.themes[1].percent, Some(50.0));
    // Overall: (1×4 + 3×0 + 2×2) / (1 + 3 + 2) = 8/6.
    assert!(
        close(s.overall.score.unwrap(), 8.0 / 6.0),
        "{:?}",
        s.overall
    );
    assert!(
        close(s.overall.percent.unwrap(), 100.0 / 3.0),
        "{:?}",
        s.overall
    );
    assert_eq!(s.band.as_deref(), Some("Middle"));
    // Item percents are each on the item's own scale.
    assert_eq!(s.items[0].percent, Some(100.0));
    assert_eq!(s.items[1].percent, Some(0.0));
}

#[test]
fn not_applicable_and_missing_items_are_counted_but_not_averaged() {
    let a = weighted();
    let s = score(&a, &[rated(3.0), not_applicable(), missing()]);
    assert_eq!(s.themes[0].score, Some(3.0));
    assert_eq!((s.themes[0].answered, s.themes[0].items), (1, 2));
    assert_eq!(s.themes[1].score, None);
    assert_eq!(s.themes[1].percent, None);
    assert_eq!(s.overall.score, Some(3.0));
    assert_eq!(s.overall.percent, Some(75.0));
    assert_eq!((s.overall.answered, s.overall.items), (1, 3));
}

#[test]
fn nothing_answered_gives_no_score_and_no_band() {
    let a = weighted();
    let s = score(&a, &[missing(), not_applicable(), missing()]);
    assert_eq!(s.overall.score, None);
    assert_eq!(s.overall.percent, None);
    assert_eq!(s.band, None);
    assert!(s.gaps.is_empty());
}

#[test]
fn with_several_scales_the_percent_is_the_weighted_mean_of_item_percents() {
    let a = load(&format!(
        r#"{HEADER}
[[scales]]
id = "four"
points = [{{ value = 0, label = "None" }}, {{ value = 4, label = "Full" }}]

[[scales]]
id = "five"
points = [{{ value = 1, label = "Low" }}, {{ value = 5, label = "High" }}]

[[themes]]
id = "x"
title = "X"

[[items]]
id = "a"
theme = "x"
text = "A"

[[items]]
id = "b"
theme = "x"
text = "B"
scale = "five"
weight = 3
"#
    ));
    // a: 4 on 0–4 = 100%; b: 2 on 1–5 = 25%. (1×100 + 3×25) / 4 = 43.75.
    let s = score(&a, &[rated(4.0), rated(2.0)]);
    assert_eq!(s.items[1].percent, Some(25.0));
    assert_eq!(s.overall.percent, Some(43.75));
}

#[test]
fn a_band_holds_its_min_but_not_its_max_except_the_last_which_holds_100() {
    let a = weighted();
    assert_eq!(band_of(&a, 0.0).as_deref(), Some("Low"));
    assert_eq!(band_of(&a, 24.999).as_deref(), Some("Low"));
    assert_eq!(band_of(&a, 25.0).as_deref(), Some("Middle"));
    assert_eq!(band_of(&a, 49.999).as_deref(), Some("Middle"));
    assert_eq!(band_of(&a, 50.0).as_deref(), Some("High"));
    assert_eq!(band_of(&a, 100.0).as_deref(), Some("High"));
    // A rating of 1 on 0–4 is exactly 25%: the band starting there.
    let s = score(&a, &[rated(1.0), rated(1.0), rated(1.0)]);
    assert_eq!(s.overall.percent, Some(25.0));
    assert_eq!(s.band.as_deref(), Some("Middle"));
    let s = score(&a, &[rated(4.0), rated(4.0), rated(4.0)]);
    assert_eq!(s.band.as_deref(), Some("High"));
}

/// Regression: with weights of tenths, an overall percent of exactly 50 summed to
/// 49.99999999999999, was shown as "50%" and put in the band below.
#[test]
fn a_result_exactly_on_a_band_boundary_falls_in_the_band_starting_there() {
    let weights = ["4.7", "0.5", "1.7", "2.7", "1.3"];
    let mut text = format!(
        r#"{HEADER}
[[scales]]
id = "s"
points = [{{ value = 0, label = "None" }}, {{ value = 4, label = "Full" }}]

[[themes]]
id = "x"
title = "X"

[[bands]]
label = "Lower half"
min = 0
max = 50

[[bands]]
label = "Upper half"
min = 50
max = 100
"#
    );
    for (i, w) in weights.iter().enumerate() {
        text.push_str(&format!(
            "\n[[items]]\nid = \"i{i}\"\ntheme = \"x\"\ntext = \"I\"\nweight = {w}\n"
        ));
    }
    let a = load(&text);
    // (4.7×0 + 0.5×100 + 1.7×75 + 2.7×100 + 1.3×75) / 10.9 = 545 / 10.9 = 50 exactly.
    let s = score(
        &a,
        &[rated(0.0), rated(4.0), rated(3.0), rated(4.0), rated(3.0)],
    );
    assert_eq!(s.overall.percent, Some(50.0));
    assert_eq!(s.overall.score, Some(2.0));
    assert_eq!(s.band.as_deref(), Some("Upper half"));
}

#[test]
fn an_assessment_without_bands_puts_no_result_in_a_band() {
    let a = load(&format!(
        r#"{HEADER}
[[scales]]
id = "s"
points = [{{ value = 0, label = "None" }}, {{ value = 4, label = "Full" }}]

[[themes]]
id = "x"
title = "X"

[[items]]
id = "a"
theme = "x"
text = "A"
"#
    ));
    assert_eq!(band_of(&a, 50.0), None);
    assert_eq!(score(&a, &[rated(2.0)]).band, None);
}

#[test]
fn a_gap_is_a_score_below_the_threshold_or_short_of_its_target() {
    let a = weighted();
    let s = score(
        &a,
        &[
            rated(1.5),            // below the threshold 2
            target(rated(2.0), 4), // at the threshold: no threshold gap, but 2 short of target
            target(rated(3.0), 3), // target met: no gap
        ],
    );
    assert_eq!(
        s.gaps,
        vec![
            Gap {
                item: "a".into(),
                kind: GapKind::BelowThreshold,
                score: 1.5,
                reference: 2.0,
                size: 0.5,
            },
            Gap {
                item: "b".into(),
                kind: GapKind::ToTarget,
                score: 2.0,
                reference: 4.0,
                size: 2.0,
            },
        ]
    );
}

#[test]
fn an_item_both_below_threshold_and_short_of_target_has_both_gaps() {
    let a = weighted();
    let s = score(&a, &[target(rated(0.0), 3), rated(2.0), rated(2.0)]);
    let kinds: Vec<(&str, GapKind, f64)> = s
        .gaps
        .iter()
        .map(|g| (g.item.as_str(), g.kind, g.size))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("a", GapKind::BelowThreshold, 2.0),
            ("a", GapKind::ToTarget, 3.0)
        ]
    );
}

#[test]
fn an_unanswered_item_is_never_a_gap_even_with_a_target() {
    let a = weighted();
    let s = score(
        &a,
        &[
            target(missing(), 4),
            target(not_applicable(), 4),
            rated(2.0),
        ],
    );
    assert!(s.gaps.is_empty(), "{:?}", s.gaps);
}

/// Items a, b, c on 0–4 (b titled "Bee") with one rule of each kind.
fn with_findings() -> Assessment {
    load(&format!(
        r#"{HEADER}
[[scales]]
id = "s"
not_applicable = true
points = [{{ value = 0, label = "None" }}, {{ value = 4, label = "Full" }}]

[[themes]]
id = "x"
title = "X"

[[items]]
id = "a"
theme = "x"
text = "A"

[[items]]
id = "b"
theme = "x"
title = "Bee"
text = "B"

[[items]]
id = "c"
theme = "x"
text = "C"

[[findings]]
id = "all-rule"
severity = "high"
message = "a low while b high"
all = [{{ item = "a", below = 2 }}, {{ item = "b", at_least = 3 }}]

[[findings]]
id = "any-rule"
severity = "medium"
message = "a or c at zero"
any = [{{ item = "a", below = 1 }}, {{ item = "c", below = 1 }}]

[[findings]]
id = "each-rule"
severity = "low"
message = "{{item}} is missing"
each = {{ below = 1 }}

[[findings]]
id = "each-of-some"
severity = "low"
message = "{{item}} is full"
each = {{ at_least = 4, items = ["b"] }}
"#
    ))
}

fn ids(findings: &[Finding]) -> Vec<(&str, Vec<&str>)> {
    findings
        .iter()
        .map(|f| {
            (
                f.id.as_str(),
                f.items.iter().map(String::as_str).collect::<Vec<_>>(),
            )
        })
        .collect()
}

#[test]
fn an_all_rule_needs_every_condition_and_an_any_rule_one() {
    let a = with_findings();
    // a = 1 (< 2) and b = 3 (>= 3): all holds. Neither a nor c is below 1: any does not.
    let s = score(&a, &[rated(1.0), rated(3.0), rated(2.0)]);
    assert_eq!(ids(&s.findings), vec![("all-rule", vec!["a", "b"])]);
    assert_eq!(s.findings[0].message, "a low while b high");
    // b = 2 breaks the all rule.
    let s = score(&a, &[rated(1.0), rated(2.0), rated(2.0)]);
    assert_eq!(ids(&s.findings), Vec::<(&str, Vec<&str>)>::new());
}

#[test]
fn an_any_rule_names_the_items_that_matched() {
    let a = with_findings();
    let s = score(&a, &[rated(2.0), rated(2.0), rated(0.0)]);
    assert_eq!(
        ids(&s.findings),
        vec![("any-rule", vec!["c"]), ("each-rule", vec!["c"])]
    );
}

#[test]
fn an_each_rule_gives_one_finding_per_matching_item_with_its_title() {
    let a = with_findings();
    let s = score(&a, &[rated(0.0), rated(4.0), rated(0.0)]);
    assert_eq!(
        ids(&s.findings),
        vec![
            ("all-rule", vec!["a", "b"]),
            ("any-rule", vec!["a", "c"]),
            ("each-rule", vec!["a"]),
            ("each-rule", vec!["c"]),
            ("each-of-some", vec!["b"]),
        ]
    );
    assert_eq!(s.findings[2].message, "A is missing");
    assert_eq!(s.findings[4].message, "Bee is full");
}

#[test]
fn unanswered_items_never_trigger_a_finding() {
    let a = with_findings();
    // Missing and not-applicable items would be "below" anything if they counted as 0.
    let s = score(&a, &[missing(), not_applicable(), missing()]);
    assert!(s.findings.is_empty(), "{:?}", s.findings);
    // The all rule's a-condition holds but b is unanswered: no finding.
    let s = score(&a, &[rated(1.0), not_applicable(), rated(2.0)]);
    assert!(s.findings.is_empty(), "{:?}", s.findings);
}

fn example(name: &str, rating: Option<Rating>) -> Example {
    Example {
        name: name.into(),
        rating,
    }
}

#[test]
fn an_item_rated_through_examples_scores_the_mean_of_its_rated_examples() {
    let answer = Answer {
        examples: vec![
            example("FT Governor", Some(Rating::Value(1))),
            example("CCG Lay member", Some(Rating::Value(4))),
            example("Board lay member", Some(Rating::NotApplicable)),
            example("Someone", None),
        ],
        ..Answer::default()
    };
    let input = answer.input();
    // (1 + 4) / 2: the not-applicable and the unrated examples are not averaged in.
    assert_eq!(input.score, Some(2.5));
    assert_eq!(
        (input.n, input.not_applicable, input.missing),
        (2, 1, 1),
        "{input:?}"
    );
}

#[test]
fn an_item_rated_through_examples_none_of_them_rated_is_unanswered() {
    let answer = Answer {
        examples: vec![
            example("Coach", Some(Rating::NotApplicable)),
            example("Online mentor", None),
        ],
        ..Answer::default()
    };
    let input = answer.input();
    assert_eq!(input.score, None);
    assert_eq!((input.n, input.not_applicable, input.missing), (0, 1, 1));
    let a = weighted();
    let s = score(&a, &[input, rated(2.0), rated(2.0)]);
    assert_eq!(s.items[0].score, None);
    assert_eq!(s.themes[0].answered, 1);
}

#[test]
fn a_single_rating_is_the_item_score() {
    let given = |rating| {
        Answer {
            rating,
            ..Answer::default()
        }
        .input()
    };
    assert_eq!(given(Some(Rating::Value(3))), rated(3.0));
    assert_eq!(given(Some(Rating::NotApplicable)), not_applicable());
    assert_eq!(given(None), missing());
}

// ------------------------------------------------------------------------ properties

/// One generated item: its theme (0–2), weight in tenths (1–50) and scale (0 or 1).
#[derive(Debug, Clone)]
struct GenItem {
    theme: usize,
    tenths: u32,
    scale: usize,
}

/// What was given for an item: a rating as a fraction of the scale (0..=1, in steps),
/// not applicable, or nothing.
#[derive(Debug, Clone, Copy)]
enum Given {
    Rating(u8),
    NotApplicable,
    Missing,
}

/// The two scales: 0–4 and 1–10.
const SCALES: [(i32, i32); 2] = [(0, 4), (1, 10)];

fn toml_for(items: &[(String, GenItem)]) -> String {
    let mut s = format!(
        r#"{HEADER}
gap_threshold = 2

[[scales]]
id = "s0"
not_applicable = true
points = [{{ value = 0, label = "None" }}, {{ value = 4, label = "Full" }}]

[[scales]]
id = "s1"
not_applicable = true
points = [{{ value = 1, label = "Low" }}, {{ value = 10, label = "High" }}]
"#
    );
    for t in 0..3 {
        s.push_str(&format!("\n[[themes]]\nid = \"t{t}\"\ntitle = \"T{t}\"\n"));
    }
    for (id, item) in items {
        s.push_str(&format!(
            "\n[[items]]\nid = \"{id}\"\ntheme = \"t{}\"\ntext = \"{id}\"\nweight = {}.{}\nscale = \"s{}\"\n",
            item.theme,
            item.tenths / 10,
            item.tenths % 10,
            item.scale
        ));
    }
    s.push_str(
        "\n[[bands]]\nlabel = \"Low\"\nmin = 0\nmax = 50\n\n[[bands]]\nlabel = \"High\"\nmin = 50\nmax = 100\n",
    );
    s
}

fn input_for(item: &GenItem, given: Given) -> ItemInput {
    match given {
        Given::Rating(r) => {
            let (min, max) = SCALES[item.scale];
            let v = min + i32::from(r) % (max - min + 1);
            rated(f64::from(v))
        }
        Given::NotApplicable => not_applicable(),
        Given::Missing => missing(),
    }
}

fn gen_item() -> impl Strategy<Value = GenItem> {
    (0..3usize, 1..=50u32, 0..2usize).prop_map(|(theme, tenths, scale)| GenItem {
        theme,
        tenths,
        scale,
    })
}

fn gen_given() -> impl Strategy<Value = Given> {
    prop_oneof![
        3 => (0..=10u8).prop_map(Given::Rating),
        1 => Just(Given::NotApplicable),
        1 => Just(Given::Missing),
    ]
}

/// Items named i0, i1, … with what was given for each.
fn gen_case() -> impl Strategy<Value = Vec<(String, GenItem, Given)>> {
    prop::collection::vec((gen_item(), gen_given()), 1..12).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (item, given))| (format!("i{i}"), item, given))
            .collect()
    })
}

/// Loads the case's assessment and scores it; items come back in the assessment's order,
/// so the inputs are put in that order by id.
fn score_case(case: &[(String, GenItem, Given)]) -> (Assessment, Scores) {
    let items: Vec<(String, GenItem)> = case
        .iter()
        .map(|(id, item, _)| (id.clone(), item.clone()))
        .collect();
    let a = load(&toml_for(&items));
    let inputs: Vec<ItemInput> = a
        .items
        .iter()
        .map(|i| {
            let (_, item, given) = case.iter().find(|(id, _, _)| *id == i.id).unwrap();
            input_for(item, *given)
        })
        .collect();
    let s = score(&a, &inputs);
    (a, s)
}

fn within_0_100(p: Option<f64>) -> bool {
    p.is_none_or(|p| (0.0..=100.0).contains(&p))
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => close(a, b),
        (None, None) => true,
        _ => false,
    }
}

proptest! {
    #[test]
    fn every_percent_is_within_0_and_100(case in gen_case()) {
        let (_, s) = score_case(&case);
        prop_assert!(within_0_100(s.overall.percent), "{:?}", s.overall);
        for t in &s.themes {
            prop_assert!(within_0_100(t.percent), "{t:?}");
        }
        for i in &s.items {
            prop_assert!(within_0_100(i.percent), "{i:?}");
        }
        // Something answered has a percent, so it falls in a band.
        prop_assert_eq!(s.overall.percent.is_some(), s.band.is_some());
    }

    #[test]
    fn overall_is_the_weighted_mean_of_the_answered_items_only(case in gen_case()) {
        let (a, s) = score_case(&case);
        let (mut w, mut total) = (0.0, 0.0);
        for (item, scored) in a.items.iter().zip(&s.items) {
            if let Some(p) = scored.percent {
                w += item.weight;
                total += item.weight * p;
            }
        }
        let expected = (w > 0.0).then(|| total / w);
        prop_assert!(same(s.overall.percent, expected), "{:?} vs {expected:?}", s.overall);
    }

    #[test]
    fn a_not_applicable_answer_never_changes_a_mean(
        case in gen_case(),
        extra in gen_item(),
        skipped in prop_oneof![Just(Given::NotApplicable), Just(Given::Missing)],
    ) {
        let (_, without) = score_case(&case);
        let mut with = case.clone();
        with.push(("extra".into(), extra.clone(), skipped));
        let (_, s) = score_case(&with);
        // An extra item on a scale of another length makes the score meaningless (it is
        // then absent whatever was answered); otherwise the mean is unchanged.
        let kept = if s.overall.mixed_scales {
            s.overall.score.is_none()
        } else {
            same(s.overall.score, without.overall.score)
        };
        prop_assert!(kept, "{:?} vs {:?}", s.overall, without.overall);
        prop_assert!(same(s.overall.percent, without.overall.percent));
        for (t, u) in s.themes.iter().zip(&without.themes) {
            let score_kept = t.mixed_scales || same(t.score, u.score);
            prop_assert!(score_kept && same(t.percent, u.percent), "{t:?} vs {u:?}");
        }
        prop_assert_eq!(s.overall.answered, without.overall.answered);
        prop_assert_eq!(s.overall.items, without.overall.items + 1);
        prop_assert_eq!(&s.band, &without.band);
        prop_assert_eq!(s.gaps.len(), without.gaps.len());
    }

    #[test]
    fn scores_do_not_depend_on_the_order_of_items(
        (case, order) in gen_case().prop_flat_map(|case| {
            let n = case.len();
            (Just(case), Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        })
    ) {
        let (a, s) = score_case(&case);
        let shuffled: Vec<_> = order.iter().map(|&i| case[i].clone()).collect();
        let (b, t) = score_case(&shuffled);
        prop_assert!(same(s.overall.score, t.overall.score), "{:?} vs {:?}", s.overall, t.overall);
        prop_assert!(same(s.overall.percent, t.overall.percent));
        prop_assert_eq!(&s.band, &t.band);
        for (x, y) in s.themes.iter().zip(&t.themes) {
            prop_assert!(same(x.score, y.score) && same(x.percent, y.percent), "{x:?} vs {y:?}");
        }
        for (item, scored) in a.items.iter().zip(&s.items) {
            let j = b.items.iter().position(|i| i.id == item.id).unwrap();
            prop_assert_eq!(scored, &t.items[j]);
        }
        let mut g1: Vec<_> = s.gaps.iter().map(|g| (g.item.clone(), g.kind)).collect();
        let mut g2: Vec<_> = t.gaps.iter().map(|g| (g.item.clone(), g.kind)).collect();
        g1.sort_by(|x, y| x.0.cmp(&y.0));
        g2.sort_by(|x, y| x.0.cmp(&y.0));
        prop_assert_eq!(g1, g2);
    }
}

/// With weight 1e308 the weighted sums overflowed and the overall score was null beside
/// "8 of 8 answered, 100%": at the bounds weights may take, it is always a number.
#[test]
fn overall_is_never_null_when_items_are_answered_at_the_weight_bounds() {
    for weight in ["1000", "0.000001"] {
        let text = weighted_text().replace("weight = 3", &format!("weight = {weight}"));
        let a = load(&text);
        let s = score(&a, &[rated(4.0), rated(4.0), rated(4.0)]);
        assert_eq!(s.overall.score, Some(4.0), "weight {weight}");
        assert_eq!(s.overall.percent, Some(100.0), "weight {weight}");
    }
}

/// Whether test `a` holding implies test `b` holds (on the same value).
fn implies(a: crate::assessment::Test, b: crate::assessment::Test) -> bool {
    use crate::assessment::Test::{AtLeast, Below};
    match (a, b) {
        (Below(x), Below(y)) => x <= y,
        (AtLeast(x), AtLeast(y)) => x >= y,
        _ => false,
    }
}

/// The conditions behind a raised finding: (item, test) pairs.
fn conditions_of(assessment: &Assessment, f: &Finding) -> Vec<(String, crate::assessment::Test)> {
    use crate::assessment::Rule;
    let rule = assessment.findings.iter().find(|r| r.id == f.id).unwrap();
    match &rule.rule {
        Rule::All(cs) | Rule::Any(cs) => cs
            .iter()
            .filter(|c| f.items.contains(&c.item))
            .map(|c| (c.item.clone(), c.test))
            .collect(),
        Rule::Each { test, .. } => f.items.iter().map(|i| (i.clone(), *test)).collect(),
    }
}

/// A random answer to every item (a rating, not applicable or none; for an item rated
/// through examples, some of its examples so rated), from `below(n)`, a number under n.
fn random_answers(
    assessment: &Assessment,
    below: &mut impl FnMut(u64) -> u64,
) -> Vec<crate::response::Answer> {
    use crate::response::{Answer, Example, Rating};
    let mut answers = Vec::new();
    for item in &assessment.items {
        let scale = assessment.scale_of(item);
        let span = (scale.max - scale.min + 1) as u64;
        let rating = |r: u64| match r {
            r if r < span => Some(Rating::Value(scale.min + r as i32)),
            r if r == span && scale.not_applicable => Some(Rating::NotApplicable),
            _ => None,
        };
        let answer = match &item.examples {
            Some(names) => {
                let count = 1 + below(names.len().max(1) as u64) as usize;
                let examples = names
                    .iter()
                    .take(count)
                    .map(|n| Example {
                        name: n.clone(),
                        rating: rating(below(span + 2)),
                    })
                    .collect();
                Answer {
                    examples,
                    ..Answer::default()
                }
            }
            None => Answer {
                rating: rating(below(span + 2)),
                ..Answer::default()
            },
        };
        answers.push(answer);
    }
    answers
}

/// A finding that an item is below a point is true of every example rated under it.
fn assert_true_of_every_example(
    name: &str,
    assessment: &Assessment,
    f: &Finding,
    answers: &[crate::response::Answer],
) {
    use crate::response::Rating;
    for (item, test) in conditions_of(assessment, f) {
        let k = assessment.items.iter().position(|i| i.id == item).unwrap();
        if let crate::assessment::Test::Below(t) = test {
            for e in &answers[k].examples {
                if let Some(Rating::Value(v)) = e.rating {
                    assert!(
                        f64::from(v) < t,
                        "{name}: \"{}\" says {item} is below {t}, but its example {} is rated {v}",
                        f.id,
                        e.name
                    );
                }
            }
        }
    }
}

/// No finding repeats what another one reported beside it already says.
fn assert_none_repeats_another(name: &str, assessment: &Assessment, findings: &[Finding]) {
    for f in findings {
        for g in findings.iter().filter(|g| g.id != f.id) {
            let (fc, gc) = (conditions_of(assessment, f), conditions_of(assessment, g));
            let said = fc
                .iter()
                .all(|(i, t)| gc.iter().any(|(j, u)| i == j && implies(*u, *t)));
            assert!(
                !said,
                "{name}: \"{}\" ({:?}) says all that \"{}\" ({:?}) says, and both are reported: one should supersede the other",
                g.id, g.items, f.id, f.items
            );
        }
    }
}

#[test]
fn every_built_in_s_findings_agree_with_each_other_and_with_the_examples() {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut below = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for (name, text) in crate::assessment::builtin::BUILTIN {
        let assessment = load(text);
        for _ in 0..3000 {
            let answers = random_answers(&assessment, &mut below);
            let inputs: Vec<ItemInput> = answers.iter().map(|a| a.input()).collect();
            let findings = score(&assessment, &inputs).findings;
            for f in &findings {
                assert_true_of_every_example(name, &assessment, f, &answers);
            }
            assert_none_repeats_another(name, &assessment, &findings);
        }
    }
}

const TWO_FINDINGS: &str = r#"id = "mini"
title = "Mini"
version = "1.0"
source = "A test"

[[scales]]
id = "s"
points = [
  { value = 0, label = "None" },
  { value = 1, label = "Some" },
  { value = 2, label = "Full" },
]

[[themes]]
id = "t"
title = "Theme"

[[items]]
id = "a"
theme = "t"
text = "Item A"

[[findings]]
id = "none"
severity = "high"
message = "None at all: {item}."
each = { below = 1 }
SUPERSEDES

[[findings]]
id = "not-full"
severity = "medium"
message = "Not full: {item}."
each = { below = 2 }
"#;

#[test]
fn a_finding_that_supersedes_another_is_reported_instead_of_it() {
    let a = load(&TWO_FINDINGS.replace("SUPERSEDES", "supersedes = [\"not-full\"]"));
    let ids = |v: f64| -> Vec<String> {
        score(&a, &[rated(v)])
            .findings
            .into_iter()
            .map(|f| f.id)
            .collect()
    };
    assert_eq!(ids(0.0), ["none"]);
    assert_eq!(ids(1.0), ["not-full"]);
    assert!(ids(2.0).is_empty());
    // Without the key, both are said.
    let b = load(&TWO_FINDINGS.replace("SUPERSEDES", ""));
    assert_eq!(score(&b, &[rated(0.0)]).findings.len(), 2);
}

#[test]
fn supersedes_must_name_another_finding_and_not_go_both_ways() {
    let problems = |text: String| -> Vec<(usize, String)> {
        crate::assessment::load_str(&text)
            .expect_err("refused")
            .into_iter()
            .map(|p| (p.line, p.message))
            .collect()
    };
    assert_eq!(
        problems(TWO_FINDINGS.replace("SUPERSEDES", "supersedes = [\"not-ful\"]")),
        [(28, "finding \"none\" supersedes \"not-ful\", which is not a finding of this assessment; its findings are: none, not-full".to_string())]
    );
    assert_eq!(
        problems(TWO_FINDINGS.replace("SUPERSEDES", "supersedes = [\"none\"]")),
        [(
            28,
            "finding \"none\" supersedes itself: name another finding".to_string()
        )]
    );
    let both = TWO_FINDINGS
        .replace("SUPERSEDES", "supersedes = [\"not-full\"]")
        .replace(
            "each = { below = 2 }",
            "each = { below = 2 }\nsupersedes = [\"none\"]",
        );
    assert_eq!(problems(both).len(), 2);
}
