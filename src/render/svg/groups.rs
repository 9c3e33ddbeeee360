//! Groups side by side (e.g. patient leaders against staff): under each item, a bar per
//! group, the group named beside its bar and its score at the end. A suppressed group
//! draws a dashed empty outline with the word "suppressed" and never a number.

use super::bars::{Axis, LABEL_WIDTH, PLOT_LEFT, PLOT_RIGHT};
use super::geom::{LINE, Linear, chars_in, ticks, wrap};
use super::{Chart, Svg, WIDTH, colour};

/// One group's bar under an item.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupBar {
    pub group: String,
    /// The value on the axis; none with `suppressed` or when not answered.
    pub value: Option<f64>,
    /// What is written at the end ("2.10 (n=12)", "suppressed", "no answers").
    pub shown: String,
    pub suppressed: bool,
}

/// An item and its groups.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    pub label: String,
    pub bars: Vec<GroupBar>,
}

/// Room above the first item for the axis labels.
const TOP: f64 = 26.0;
/// The dashed outline of a suppressed group: long enough for the word.
const SUPPRESSED_WIDTH: f64 = 90.0;
const BAR_ROW: f64 = 18.0;
const BAR: f64 = 12.0;

/// Each group's colour, by its place in the list; "All" (the first) is grey.
pub fn fill(index: usize) -> &'static str {
    if index == 0 {
        colour::GREY
    } else {
        colour::GROUPS[(index - 1) % colour::GROUPS.len()]
    }
}

/// The height of a cluster with `title_lines` of title and `bars` bars.
pub fn cluster_height(title_lines: usize, bars: usize) -> f64 {
    title_lines as f64 * LINE + bars as f64 * BAR_ROW + 10.0
}

pub fn draw(title: &str, description: &str, clusters: &[Cluster], axis: Axis) -> Chart {
    let x = Linear::new((axis.min, axis.max), (PLOT_LEFT, PLOT_RIGHT));
    let mut svg = Svg::new();
    let mut body = Svg::new();
    let mut y = TOP;
    for c in clusters {
        y += draw_cluster(&mut body, c, x, y);
    }
    // Grid lines first, so bars and words sit on top of them.
    grid(&mut svg, x, axis, y);
    let body = body.finish();
    let mut out = svg.finish();
    out.push_str(&body);
    Chart {
        title: title.to_string(),
        description: description.to_string(),
        width: WIDTH,
        height: y + 24.0,
        body: out,
    }
}

/// One item's cluster from `y` down: its title in bold, then a bar per group; returns the
/// cluster's height.
fn draw_cluster(body: &mut Svg, c: &Cluster, x: Linear, y: f64) -> f64 {
    let title_lines = wrap(&c.label, chars_in(WIDTH, 12.0), 2);
    body.lines(
        (0.0, y + 12.0),
        LINE,
        &title_lines,
        &[("font-weight", "bold")],
    );
    let mut row_top = y + title_lines.len() as f64 * LINE + 4.0;
    for (k, b) in c.bars.iter().enumerate() {
        group_bar(body, k, b, x, row_top + BAR_ROW / 2.0);
        row_top += BAR_ROW;
    }
    cluster_height(title_lines.len(), c.bars.len())
}

/// The `k`th group's row, centred on `middle`: its name, then its bar and score, a dashed
/// outline when suppressed (never a number), or why it has no score.
fn group_bar(body: &mut Svg, k: usize, b: &GroupBar, x: Linear, middle: f64) {
    let name = wrap(&b.group, chars_in(LABEL_WIDTH - 12.0, 11.0), 1);
    body.open((name[0] != b.group).then_some(b.group.as_str()));
    body.text(
        (LABEL_WIDTH, middle + 4.0),
        &name[0],
        &[("text-anchor", "end"), ("font-size", "11")],
    );
    body.close();
    if b.suppressed {
        body.rect(
            PLOT_LEFT,
            middle - BAR / 2.0,
            SUPPRESSED_WIDTH,
            BAR,
            "none",
            &[("stroke", colour::GREY), ("stroke-dasharray", "4 3")],
        );
        body.text(
            (PLOT_LEFT + 6.0, middle + 4.0),
            &b.shown,
            &[
                ("font-size", "11"),
                ("font-style", "italic"),
                ("fill", colour::GREY),
            ],
        );
    } else if let Some(v) = b.value {
        let end = x.map(v);
        body.rect(
            PLOT_LEFT,
            middle - BAR / 2.0,
            end - PLOT_LEFT,
            BAR,
            fill(k),
            &[],
        );
        body.text((end + 6.0, middle + 4.0), &b.shown, &[("font-size", "11")]);
    } else {
        body.text(
            (PLOT_LEFT + 4.0, middle + 4.0),
            &b.shown,
            &[
                ("font-size", "11"),
                ("font-style", "italic"),
                ("fill", colour::GREY),
            ],
        );
    }
}

/// Grid lines from the top of the plot to `bottom`, each labelled above and below so a
/// long chart can be read from either end.
fn grid(svg: &mut Svg, x: Linear, axis: Axis, bottom: f64) {
    for t in ticks(axis.min, axis.max) {
        let gx = x.map(t);
        svg.line((gx, TOP), (gx, bottom), colour::PALE_GREY, &[]);
        svg.text(
            (gx, bottom + 16.0),
            &axis.label(t),
            &[("text-anchor", "middle")],
        );
        svg.text(
            (gx, TOP - 8.0),
            &axis.label(t),
            &[("text-anchor", "middle")],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(groups: usize) -> Cluster {
        Cluster {
            label: "Decision-making".into(),
            bars: (0..groups)
                .map(|k| GroupBar {
                    group: format!("Group {k}"),
                    value: (k != 2).then_some(k as f64 / 2.0),
                    shown: if k == 2 {
                        "suppressed".into()
                    } else {
                        format!("{k}")
                    },
                    suppressed: k == 2,
                })
                .collect(),
        }
    }

    const AXIS: Axis = Axis {
        min: 0.0,
        max: 4.0,
        percent: false,
    };

    #[test]
    fn a_suppressed_group_shows_the_word_and_no_bar() {
        let chart = draw("t", "d", &[cluster(3)], AXIS);
        assert!(chart.body.contains(">suppressed</text>"));
        assert!(chart.body.contains("stroke-dasharray"));
        // Two filled bars (groups 0 and 1) and one dashed outline.
        assert_eq!(chart.body.matches("<rect").count(), 3);
        assert_eq!(chart.body.matches("fill=\"none\"").count(), 1);
    }

    #[test]
    fn clusters_stack_by_their_height_for_2_to_40_items() {
        for n in [2, 10, 40] {
            let clusters: Vec<Cluster> = (0..n).map(|_| cluster(4)).collect();
            let chart = draw("t", "d", &clusters, AXIS);
            let expected = TOP + n as f64 * cluster_height(1, 4) + 24.0;
            assert!((chart.height - expected).abs() < 1e-9, "{n}");
        }
    }

    #[test]
    fn each_group_has_its_own_colour() {
        let fills: Vec<_> = (0..9).map(fill).collect();
        let mut distinct = fills.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 9);
    }
}
