//! Horizontal bars, one per item, grouped under headings (an assessment's themes), on the
//! item's scale, with the score written at the end of each bar and a diamond where a
//! target was set.

use super::geom::{Linear, Rows, chars_in, ticks, wrap};
use super::{Chart, Svg, WIDTH, colour};

/// One item's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    /// The value on the axis; none draws no bar, only `shown`.
    pub value: Option<f64>,
    /// The value as the report writes it ("2.35", "not answered").
    pub shown: String,
    pub target: Option<f64>,
    /// A survey mean's 95% interval on the axis, drawn as a whisker across the bar's end.
    pub interval: Option<(f64, f64)>,
}

/// Bars under an optional heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: Option<String>,
    pub bars: Vec<Bar>,
}

/// The value axis: a rating scale (0–4) or percents (0–100 with `%`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axis {
    pub min: f64,
    pub max: f64,
    pub percent: bool,
}

impl Axis {
    pub fn label(&self, v: f64) -> String {
        if self.percent {
            format!("{}%", super::geom::fmt(v))
        } else {
            super::geom::fmt(v)
        }
    }
}

pub const LABEL_WIDTH: f64 = 220.0;
pub const PLOT_LEFT: f64 = 232.0;
/// Room right of the plot for the value written after the longest bar.
pub const PLOT_RIGHT: f64 = WIDTH - 56.0;
const BAR: f64 = 14.0;
const TOP: f64 = 26.0;

/// Where things go: the rows (headings and bars in order) and the value scale.
pub struct Layout {
    pub rows: Rows,
    pub x: Linear,
    /// Each row's label lines; headings are marked.
    pub labels: Vec<(bool, Vec<String>)>,
}

pub fn layout(sections: &[Section], axis: Axis) -> Layout {
    let mut labels = Vec::new();
    for s in sections {
        if let Some(h) = &s.heading {
            labels.push((true, wrap(h, chars_in(WIDTH, 13.0), 2)));
        }
        for b in &s.bars {
            labels.push((false, wrap(&b.label, chars_in(LABEL_WIDTH, 12.0), 2)));
        }
    }
    let lines: Vec<usize> = labels.iter().map(|(_, l)| l.len()).collect();
    Layout {
        rows: Rows::new(TOP, &lines),
        x: Linear::new((axis.min, axis.max), (PLOT_LEFT, PLOT_RIGHT)),
        labels,
    }
}

pub fn draw(title: &str, description: &str, sections: &[Section], axis: Axis) -> Chart {
    let l = layout(sections, axis);
    let bottom = l.rows.bottom();
    let mut svg = Svg::new();
    legend(&mut svg, sections);
    grid(&mut svg, &l, axis, bottom);
    let mut row = 0;
    for s in sections {
        if s.heading.is_some() {
            section_heading(&mut svg, &l, row);
            row += 1;
        }
        for b in &s.bars {
            bar_row(&mut svg, &l, row, b);
            row += 1;
        }
    }
    Chart {
        title: title.to_string(),
        description: description.to_string(),
        width: WIDTH,
        height: bottom + 24.0,
        body: svg.finish(),
    }
}

/// The legend: always the score, and the target and confidence-interval marks only when
/// some bar has one, so the key names nothing the chart does not show.
fn legend(svg: &mut Svg, sections: &[Section]) {
    svg.rect(PLOT_LEFT, 6.0, 12.0, 12.0, colour::BLUE, &[]);
    svg.text((PLOT_LEFT + 16.0, 16.0), "score", &[]);
    if sections
        .iter()
        .flat_map(|s| &s.bars)
        .any(|b| b.target.is_some())
    {
        diamond(svg, PLOT_LEFT + 72.0, 12.0);
        svg.text((PLOT_LEFT + 82.0, 16.0), "target", &[]);
    }
    if sections
        .iter()
        .flat_map(|s| &s.bars)
        .any(|b| b.interval.is_some())
    {
        let at = PLOT_LEFT + 136.0;
        whisker(svg, at, at + 20.0, 12.0);
        svg.text((at + 26.0, 16.0), "95% confidence interval", &[]);
    }
}

/// Grid lines down the plot at each tick, labelled under the axis.
fn grid(svg: &mut Svg, l: &Layout, axis: Axis, bottom: f64) {
    for t in ticks(axis.min, axis.max) {
        let x = l.x.map(t);
        svg.line((x, TOP), (x, bottom), colour::PALE_GREY, &[]);
        svg.text(
            (x, bottom + 16.0),
            &axis.label(t),
            &[("text-anchor", "middle")],
        );
    }
}

/// A section's heading, in bold on a row of its own above its bars.
fn section_heading(svg: &mut Svg, l: &Layout, row: usize) {
    let lines = &l.labels[row].1;
    svg.lines(
        (0.0, l.rows.baseline(row, 0, lines.len())),
        super::geom::LINE,
        lines,
        &[("font-weight", "bold"), ("font-size", "13")],
    );
}

/// One bar's row: its label (the full label as a tooltip when wrapped short), the bar with
/// its interval and value, or the reason it has no score, and its target.
fn bar_row(svg: &mut Svg, l: &Layout, row: usize, b: &Bar) {
    let lines = &l.labels[row].1;
    let shortened = lines.join(" ") != b.label;
    svg.open(shortened.then_some(b.label.as_str()));
    svg.lines(
        (0.0, l.rows.baseline(row, 0, lines.len())),
        super::geom::LINE,
        lines,
        &[],
    );
    let middle = l.rows.middle(row);
    match b.value {
        Some(v) => {
            let end = l.x.map(v);
            svg.rect(
                PLOT_LEFT,
                middle - BAR / 2.0,
                end - PLOT_LEFT,
                BAR,
                colour::BLUE,
                &[],
            );
            // The value goes past the whisker, not under it.
            let mut after = end;
            if let Some((low, high)) = b.interval {
                let (a, z) = (l.x.map(low), l.x.map(high));
                whisker(svg, a, z, middle);
                after = after.max(z);
            }
            svg.text((after + 6.0, middle + 4.0), &b.shown, &[]);
        }
        None => svg.text(
            (PLOT_LEFT + 4.0, middle + 4.0),
            &b.shown,
            &[("font-style", "italic"), ("fill", colour::GREY)],
        ),
    }
    if let Some(t) = b.target {
        diamond(svg, l.x.map(t), middle);
    }
    svg.close();
}

/// An interval: a dark line from `from` to `to` with an end cap at each side.
fn whisker(svg: &mut Svg, from: f64, to: f64, middle: f64) {
    let style: &[(&str, &str)] = &[("stroke-width", "1.5")];
    svg.line((from, middle), (to, middle), colour::INK, style);
    for x in [from, to] {
        svg.line((x, middle - 5.0), (x, middle + 5.0), colour::INK, style);
    }
}

/// The target marker: a dark diamond outlined in white, so it shows on a bar and off it.
pub fn diamond(svg: &mut Svg, x: f64, y: f64) {
    let r = 6.0;
    svg.poly(
        true,
        &[(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
        &[
            ("fill", colour::INK),
            ("stroke", "#ffffff"),
            ("stroke-width", "1.5"),
        ],
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::svg::geom::fmt;

    fn bars(n: usize) -> Vec<Section> {
        vec![Section {
            heading: Some("Invest in Patient Leaders".into()),
            bars: (0..n)
                .map(|i| Bar {
                    interval: None,
                    label: format!("Item {i} with a title long enough to need two lines"),
                    value: Some((i % 5) as f64),
                    shown: format!("{}.00", i % 5),
                    target: (i == 1).then_some(3.0),
                })
                .collect(),
        }]
    }

    const SCALE: Axis = Axis {
        min: 0.0,
        max: 4.0,
        percent: false,
    };

    #[test]
    fn bars_and_targets_sit_on_the_scale() {
        let l = layout(&bars(3), SCALE);
        assert_eq!(l.x.map(0.0), PLOT_LEFT);
        assert_eq!(l.x.map(4.0), PLOT_RIGHT);
        assert_eq!(l.x.map(3.0), PLOT_LEFT + 0.75 * (PLOT_RIGHT - PLOT_LEFT));
        let chart = draw("t", "d", &bars(3), SCALE);
        // The target of 3 on a 0–4 scale: its diamond's top point.
        let x = super::super::geom::fmt(l.x.map(3.0));
        assert!(
            chart.body.contains(&format!("points=\"{x},")),
            "{}",
            chart.body
        );
    }

    #[test]
    fn values_fit_right_of_the_longest_bar() {
        // "100%" after a full bar still ends inside the chart.
        let end = PLOT_RIGHT + 6.0 + super::super::geom::text_width("100%", 12.0);
        assert!(end <= WIDTH, "{end}");
        let end = PLOT_RIGHT + 6.0 + super::super::geom::text_width("4.00", 12.0);
        assert!(end <= WIDTH, "{end}");
    }

    #[test]
    fn labels_stay_left_of_the_plot_for_2_to_40_items() {
        for n in [2, 10, 40] {
            let l = layout(&bars(n), SCALE);
            assert_eq!(l.labels.len(), n + 1);
            for (heading, lines) in &l.labels {
                let room = if *heading { WIDTH } else { LABEL_WIDTH };
                for line in lines {
                    assert!(
                        super::super::geom::text_width(line, 12.0) <= room,
                        "{line:?} is wider than {room}"
                    );
                }
            }
            // The chart grows with the items; every row is below the legend.
            let chart = draw("t", "d", &bars(n), SCALE);
            assert!(chart.height > l.rows.bottom());
            assert!(l.rows.tops[0] >= 20.0);
        }
    }

    #[test]
    fn percent_axes_label_their_ticks() {
        let axis = Axis {
            min: 0.0,
            max: 100.0,
            percent: true,
        };
        let chart = draw("t", "d", &bars(2), axis);
        for tick in ["0%", "25%", "50%", "75%", "100%"] {
            assert!(chart.body.contains(&format!(">{tick}</text>")), "{tick}");
        }
    }

    #[test]
    fn an_unanswered_item_has_no_bar_but_says_so() {
        let sections = vec![Section {
            heading: None,
            bars: vec![Bar {
                interval: None,
                label: "Voices".into(),
                value: None,
                shown: "not answered".into(),
                target: None,
            }],
        }];
        let chart = draw("t", "d", &sections, SCALE);
        assert!(chart.body.contains(">not answered</text>"));
        assert_eq!(chart.body.matches("<rect").count(), 1, "only the legend's");
    }

    #[test]
    fn an_interval_is_a_whisker_across_the_bar_s_end() {
        let sections = [Section {
            heading: None,
            bars: vec![Bar {
                label: "Decision-making".into(),
                value: Some(1.9),
                shown: "1.90".into(),
                target: None,
                interval: Some((1.58, 2.21)),
            }],
        }];
        let axis = Axis {
            min: 0.0,
            max: 4.0,
            percent: false,
        };
        let l = layout(&sections, axis);
        let body = draw("t", "d", &sections, axis).body;
        let (a, z) = (fmt(l.x.map(1.58)), fmt(l.x.map(2.21)));
        assert!(body.contains(&format!("x1=\"{a}\"")), "{body}");
        assert!(body.contains(&format!("x2=\"{z}\"")), "{body}");
        assert!(body.contains("95% confidence interval"));
        // The figure is written after the whisker, not over it.
        let after = l.x.map(2.21) + 6.0;
        assert!(
            body.contains(&format!("<text x=\"{}\"", fmt(after))),
            "{body}"
        );
    }
}
