//! A dumbbell per item for a diff: an open circle at the old value, a filled one at the
//! new, joined by a line, with "old → new" and an arrow written after, so the direction
//! reads without the colour of the line (green up, red down).

use super::bars::Axis;
use super::geom::{LINE, Linear, Rows, chars_in, ticks, wrap};
use super::{Chart, Svg, WIDTH, colour};

/// One row of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub label: String,
    pub old: Option<f64>,
    pub new: Option<f64>,
    /// What is written after the dumbbell ("1.95 → 1.90 ▼").
    pub shown: String,
}

pub const LABEL_WIDTH: f64 = 200.0;
pub const PLOT_LEFT: f64 = 212.0;
pub const PLOT_RIGHT: f64 = 470.0;
pub const TEXT_LEFT: f64 = PLOT_RIGHT + 14.0;
const TOP: f64 = 28.0;

/// The colour of the line joining old to new.
pub fn line_colour(old: f64, new: f64) -> &'static str {
    if new > old {
        colour::GREEN
    } else if new < old {
        colour::RED
    } else {
        colour::GREY
    }
}

/// How many characters of the text after each dumbbell fit.
pub fn text_room() -> usize {
    chars_in(WIDTH - TEXT_LEFT, 12.0)
}

pub fn draw(
    title: &str,
    description: &str,
    pairs: &[Pair],
    axis: Axis,
    legend: (&str, &str),
) -> Chart {
    let x = Linear::new((axis.min, axis.max), (PLOT_LEFT, PLOT_RIGHT));
    let labels: Vec<Vec<String>> = pairs
        .iter()
        .map(|p| wrap(&p.label, chars_in(LABEL_WIDTH, 12.0), 2))
        .collect();
    let lines: Vec<usize> = labels.iter().map(Vec::len).collect();
    let rows = Rows::new(TOP, &lines);
    let bottom = rows.bottom();
    let mut svg = Svg::new();
    svg.circle(
        (PLOT_LEFT + 6.0, 12.0),
        5.0,
        "#ffffff",
        &[("stroke", colour::INK), ("stroke-width", "2")],
    );
    svg.text((PLOT_LEFT + 16.0, 16.0), legend.0, &[]);
    let second = PLOT_LEFT + 30.0 + super::geom::text_width(legend.0, 12.0);
    svg.circle((second + 6.0, 12.0), 5.0, colour::INK, &[]);
    svg.text((second + 16.0, 16.0), legend.1, &[]);
    for t in ticks(axis.min, axis.max) {
        let gx = x.map(t);
        svg.line((gx, TOP), (gx, bottom), colour::PALE_GREY, &[]);
        svg.text(
            (gx, bottom + 16.0),
            &axis.label(t),
            &[("text-anchor", "middle")],
        );
    }
    for (i, (p, label)) in pairs.iter().zip(&labels).enumerate() {
        let shortened = label.join(" ") != p.label;
        svg.open(shortened.then_some(p.label.as_str()));
        svg.lines((0.0, rows.baseline(i, 0, label.len())), LINE, label, &[]);
        svg.close();
        let y = rows.middle(i);
        if let (Some(o), Some(n)) = (p.old, p.new) {
            svg.line(
                (x.map(o), y),
                (x.map(n), y),
                line_colour(o, n),
                &[("stroke-width", "4")],
            );
        }
        if let Some(o) = p.old {
            svg.circle(
                (x.map(o), y),
                5.5,
                "#ffffff",
                &[("stroke", colour::INK), ("stroke-width", "2")],
            );
        }
        if let Some(n) = p.new {
            svg.circle((x.map(n), y), 5.5, colour::INK, &[]);
        }
        let shown = wrap(&p.shown, text_room(), 1);
        svg.text((TEXT_LEFT, y + 4.0), &shown[0], &[]);
    }
    Chart {
        title: title.to_string(),
        description: description.to_string(),
        width: WIDTH,
        height: bottom + 24.0,
        body: svg.finish(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::geom::{fmt, text_width};
    use super::*;

    const PERCENT: Axis = Axis {
        min: 0.0,
        max: 100.0,
        percent: true,
    };

    #[test]
    fn old_and_new_sit_on_the_axis_joined_in_the_direction_s_colour() {
        let pairs = vec![Pair {
            label: "Decision-making".into(),
            old: Some(25.0),
            new: Some(50.0),
            shown: "1.00 → 2.00 ▲".into(),
        }];
        let chart = draw("t", "d", &pairs, PERCENT, ("2026-Q1", "2026-Q2"));
        let x = Linear::new((0.0, 100.0), (PLOT_LEFT, PLOT_RIGHT));
        assert!(chart.body.contains(&format!("cx=\"{}\"", fmt(x.map(25.0)))));
        assert!(chart.body.contains(&format!("cx=\"{}\"", fmt(x.map(50.0)))));
        assert!(chart.body.contains(colour::GREEN));
        assert_eq!(line_colour(2.0, 1.0), colour::RED);
        assert_eq!(line_colour(2.0, 2.0), colour::GREY);
    }

    #[test]
    fn the_text_after_fits_and_an_item_on_one_side_has_one_dot() {
        assert!(TEXT_LEFT + text_width(&"x".repeat(text_room()), 12.0) <= WIDTH);
        let pairs = vec![Pair {
            label: "Peer support".into(),
            old: None,
            new: Some(75.0),
            shown: "added: 3.00".into(),
        }];
        let chart = draw("t", "d", &pairs, PERCENT, ("old", "new"));
        // The legend's two circles and the new value's.
        assert_eq!(chart.body.matches("<circle").count(), 3);
        assert_eq!(chart.body.matches("<line").count(), 5, "grid lines only");
    }

    #[test]
    fn rows_grow_for_2_to_40_items() {
        for n in [2, 40] {
            let pairs: Vec<Pair> = (0..n)
                .map(|i| Pair {
                    label: format!("Item {i}"),
                    old: Some(10.0),
                    new: Some(20.0),
                    shown: String::new(),
                })
                .collect();
            let chart = draw("t", "d", &pairs, PERCENT, ("a", "b"));
            let row = LINE + 2.0 * super::super::geom::PAD;
            assert!((chart.height - (TOP + n as f64 * row + 24.0)).abs() < 1e-9);
        }
    }
}
