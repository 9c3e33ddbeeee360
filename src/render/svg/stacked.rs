//! Stacked bars of a survey's answers: for each item, the share of valid answers at each
//! scale point, lowest on the left, with the share written in every segment wide enough
//! to hold it and the number of answers at the end. A legend names each point.

use super::bars::{LABEL_WIDTH, PLOT_LEFT, PLOT_RIGHT};
use super::geom::{LINE, Linear, Rows, chars_in, ink_on, text_width, wrap};
use super::{Chart, Svg, WIDTH, colour};

/// One item's answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    /// Answers at each scale point, from the lowest.
    pub counts: Vec<u64>,
}

const BAR: f64 = 18.0;
const SWATCH: f64 = 12.0;

/// Where each legend entry goes: (x, baseline) for entries "0 Not started", …, wrapping
/// onto a new line when the next would run off the chart.
pub fn legend(entries: &[String]) -> Vec<(f64, f64)> {
    let mut places = Vec::new();
    let (mut x, mut y) = (0.0, 16.0);
    for e in entries {
        let w = SWATCH + 4.0 + text_width(e, 12.0) + 14.0;
        if x > 0.0 && x + w > WIDTH {
            x = 0.0;
            y += 18.0;
        }
        places.push((x, y));
        x += w;
    }
    places
}

/// A segment's share as written in it ("42%"), or nothing when it is too narrow.
pub fn segment_label(share: f64, width: f64) -> Option<String> {
    let text = format!("{:.0}%", crate::numbers::half_up(share * 100.0, 0));
    (width >= text_width(&text, 11.0) + 6.0).then_some(text)
}

pub fn draw(title: &str, description: &str, rows: &[Row], points: &[String]) -> Chart {
    let mut svg = Svg::new();
    let places = legend(points);
    draw_legend(&mut svg, points, &places);
    let top = places.last().map_or(16.0, |p| p.1) + 14.0;
    let labels: Vec<Vec<String>> = rows
        .iter()
        .map(|r| wrap(&r.label, chars_in(LABEL_WIDTH, 12.0), 2))
        .collect();
    let lines: Vec<usize> = labels.iter().map(Vec::len).collect();
    let layout = Rows::new(top, &lines);
    let x = Linear::new((0.0, 1.0), (PLOT_LEFT, PLOT_RIGHT));
    for (i, (row, label)) in rows.iter().zip(&labels).enumerate() {
        let shortened = label.join(" ") != row.label;
        svg.open(shortened.then_some(row.label.as_str()));
        svg.lines((0.0, layout.baseline(i, 0, label.len())), LINE, label, &[]);
        svg.close();
        answers_bar(&mut svg, row, points, x, layout.middle(i));
    }
    Chart {
        title: title.to_string(),
        description: description.to_string(),
        width: WIDTH,
        height: layout.bottom() + 4.0,
        body: svg.finish(),
    }
}

/// The legend: each scale point's swatch and name at the places [`legend`] found.
fn draw_legend(svg: &mut Svg, points: &[String], places: &[(f64, f64)]) {
    for (k, (p, (x, y))) in points.iter().zip(places).enumerate() {
        let f = colour::ordered(k, points.len());
        svg.rect(*x, y - 10.0, SWATCH, SWATCH, f, &[("stroke", colour::GREY)]);
        svg.text((x + SWATCH + 4.0, *y), p, &[]);
    }
}

/// One item's bar, centred on `middle`: a segment per scale point answered, its share
/// written in it when it fits, and the number of answers at the end; an item with no
/// valid answers says so instead of drawing an empty bar.
fn answers_bar(svg: &mut Svg, row: &Row, points: &[String], x: Linear, middle: f64) {
    let n: u64 = row.counts.iter().sum();
    if n == 0 {
        svg.text(
            (PLOT_LEFT + 4.0, middle + 4.0),
            "no valid answers",
            &[("font-style", "italic"), ("fill", colour::GREY)],
        );
        return;
    }
    let mut start = 0.0;
    for (k, &count) in row.counts.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let share = count as f64 / n as f64;
        let (x0, x1) = (x.map(start), x.map(start + share));
        let f = colour::ordered(k, row.counts.len());
        let point = points.get(k).map_or("", String::as_str);
        svg.open(Some(&format!("{point}: {count} of {n}")));
        svg.rect(
            x0,
            middle - BAR / 2.0,
            x1 - x0,
            BAR,
            f,
            &[("stroke", "#ffffff")],
        );
        if let Some(text) = segment_label(share, x1 - x0) {
            svg.text(
                ((x0 + x1) / 2.0, middle + 4.0),
                &text,
                &[
                    ("text-anchor", "middle"),
                    ("font-size", "11"),
                    ("fill", ink_on(f)),
                ],
            );
        }
        svg.close();
        start += share;
    }
    // An outline, so a pale first segment still shows where the bar starts.
    svg.rect(
        PLOT_LEFT,
        middle - BAR / 2.0,
        PLOT_RIGHT - PLOT_LEFT,
        BAR,
        "none",
        &[("stroke", colour::GREY)],
    );
    svg.text((PLOT_RIGHT + 6.0, middle + 4.0), &format!("n={n}"), &[]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legends_of_5_and_6_points_wrap_inside_the_chart() {
        for points in [
            vec![
                "0 Not started",
                "1 Beginning",
                "2 Developing",
                "3 Established",
                "4 Embedded",
            ],
            vec![
                "0 No links at all",
                "1 Occasional contact",
                "2 Some links",
                "3 Regular links",
                "4 Regular, effective, continuing dialogue",
                "5 Partnership",
            ],
        ] {
            let points: Vec<String> = points.into_iter().map(String::from).collect();
            let places = legend(&points);
            for (p, (x, _)) in points.iter().zip(&places) {
                assert!(x + SWATCH + 4.0 + text_width(p, 12.0) <= WIDTH, "{p}");
            }
            // Entries on one line do not overlap.
            for w in places.windows(2) {
                if w[0].1 == w[1].1 {
                    assert!(w[1].0 > w[0].0);
                }
            }
        }
    }

    #[test]
    fn narrow_segments_carry_no_label() {
        assert_eq!(segment_label(0.5, 190.0).as_deref(), Some("50%"));
        assert_eq!(segment_label(0.02, 7.6), None);
        assert_eq!(segment_label(0.125, 40.0).as_deref(), Some("13%"));
    }

    #[test]
    fn segments_fill_the_bar_in_proportion() {
        let rows = vec![Row {
            label: "Decision-making".into(),
            counts: vec![1, 1, 2, 0, 0],
        }];
        let points: Vec<String> = (0..5).map(|p| p.to_string()).collect();
        let chart = draw("t", "d", &rows, &points);
        // Quarter, quarter, half: the half starts at the middle of the plot.
        let half = super::super::geom::fmt((PLOT_LEFT + PLOT_RIGHT) / 2.0);
        assert!(
            chart.body.contains(&format!("<rect x=\"{half}\"")),
            "{}",
            chart.body
        );
        assert!(chart.body.contains(">n=4</text>"));
        assert!(chart.body.contains(">50%</text>"));
    }
}
