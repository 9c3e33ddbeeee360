//! Small line charts for a trend, one panel per row (overall first, then each item), all
//! on the same percent axis so panels compare at a glance. A panel names its first and
//! last period under the axis and writes its first and latest score beside the points; a
//! period without a score leaves a gap in the line.

use super::bars::Axis;
use super::geom::{Linear, chars_in, wrap};
use super::{Chart, Svg, WIDTH, colour};

/// One panel.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    /// One value per period on the axis; none where not scored.
    pub values: Vec<Option<f64>>,
    /// Each value as the report writes it ("2.01").
    pub shown: Vec<String>,
}

pub const COLUMNS: usize = 4;
const GAP: f64 = 12.0;
pub const PANEL_WIDTH: f64 = (WIDTH - GAP * (COLUMNS as f64 - 1.0)) / COLUMNS as f64;
const TITLE: f64 = 30.0;
const PLOT: f64 = 70.0;
pub const PANEL_HEIGHT: f64 = TITLE + PLOT + 34.0;
/// Room left of a panel's plot for its axis labels ("100%").
const AXIS_ROOM: f64 = 30.0;
/// Room right of the plot for the latest value.
const VALUE_ROOM: f64 = 6.0;

/// A panel's x positions, one per period, and its y scale (panel-relative).
pub fn panel_scales(periods: usize, axis: Axis) -> (Vec<f64>, Linear) {
    let left = AXIS_ROOM + 8.0;
    let right = PANEL_WIDTH - VALUE_ROOM - 14.0;
    let xs = if periods <= 1 {
        vec![(left + right) / 2.0]
    } else {
        (0..periods)
            .map(|i| left + (right - left) * i as f64 / (periods - 1) as f64)
            .collect()
    };
    (
        xs,
        Linear::new((axis.min, axis.max), (TITLE + PLOT, TITLE + 6.0)),
    )
}

/// Where one panel sits on the chart: its top-left corner, so each drawing step can work in
/// panel-relative coordinates.
#[derive(Debug, Clone, Copy)]
struct Panel {
    ox: f64,
    oy: f64,
}

impl Panel {
    /// The `k`th panel, filling rows of [`COLUMNS`] left to right.
    fn nth(k: usize) -> Panel {
        Panel {
            ox: (k % COLUMNS) as f64 * (PANEL_WIDTH + GAP),
            oy: (k / COLUMNS) as f64 * (PANEL_HEIGHT + GAP),
        }
    }

    /// A panel-relative point on the chart.
    fn at(self, (px, py): (f64, f64)) -> (f64, f64) {
        (self.ox + px, self.oy + py)
    }
}

pub fn draw(
    title: &str,
    description: &str,
    series: &[Series],
    periods: &[String],
    axis: Axis,
) -> Chart {
    let (xs, y) = panel_scales(periods.len(), axis);
    let mut svg = Svg::new();
    for (k, s) in series.iter().enumerate() {
        let panel = Panel::nth(k);
        panel_title(&mut svg, panel, &s.label, k == 0);
        panel_frame(&mut svg, panel, axis, y);
        let scored = trend_line(&mut svg, panel, s, &xs, y);
        end_values(&mut svg, panel, s, &scored, &xs, y);
        period_ends(&mut svg, panel, periods, &xs);
    }
    let rows = series.len().div_ceil(COLUMNS).max(1);
    Chart {
        title: title.to_string(),
        description: description.to_string(),
        width: WIDTH,
        height: rows as f64 * (PANEL_HEIGHT + GAP) - GAP,
        body: svg.finish(),
    }
}

/// The panel's name, wrapped to two lines (the full name as a tooltip when cut); the
/// overall panel's in bold so it reads as the headline.
fn panel_title(svg: &mut Svg, panel: Panel, label: &str, overall: bool) {
    let name = wrap(label, chars_in(PANEL_WIDTH, 11.0), 2);
    svg.open((name.join(" ") != label).then_some(label));
    svg.lines(
        panel.at((0.0, 12.0)),
        13.0,
        &name,
        &[
            ("font-size", "11"),
            ("font-weight", if overall { "bold" } else { "normal" }),
        ],
    );
    svg.close();
}

/// The plot's background and its three gridlines (bottom, middle, top of the axis) with
/// their labels.
fn panel_frame(svg: &mut Svg, panel: Panel, axis: Axis, y: Linear) {
    svg.rect(
        panel.ox,
        panel.oy + TITLE + 2.0,
        PANEL_WIDTH,
        PLOT + 8.0,
        colour::FAINT,
        &[],
    );
    for t in [axis.min, (axis.min + axis.max) / 2.0, axis.max] {
        svg.line(
            panel.at((AXIS_ROOM, y.map(t))),
            panel.at((PANEL_WIDTH - 4.0, y.map(t))),
            colour::PALE_GREY,
            &[],
        );
        svg.text(
            panel.at((AXIS_ROOM - 3.0, y.map(t) + 3.0)),
            &axis.label(t),
            &[
                ("text-anchor", "end"),
                ("font-size", "9"),
                ("fill", colour::GREY),
            ],
        );
    }
}

/// The series' line and a point per scored period; returns the scored periods, which
/// [`end_values`] labels.
fn trend_line(svg: &mut Svg, panel: Panel, s: &Series, xs: &[f64], y: Linear) -> Vec<usize> {
    // The line, broken where a period has no value.
    let mut run: Vec<(f64, f64)> = Vec::new();
    let mut runs = Vec::new();
    for (i, v) in s.values.iter().enumerate() {
        match v {
            Some(v) => run.push(panel.at((xs[i], y.map(*v)))),
            None => runs.push(std::mem::take(&mut run)),
        }
    }
    runs.push(run);
    for r in runs.iter().filter(|r| r.len() > 1) {
        svg.poly(
            false,
            r,
            &[
                ("fill", "none"),
                ("stroke", colour::BLUE),
                ("stroke-width", "2"),
            ],
        );
    }
    let scored: Vec<usize> = (0..s.values.len())
        .filter(|&i| s.values[i].is_some())
        .collect();
    for &i in &scored {
        svg.circle(
            panel.at((xs[i], y.map(s.values[i].unwrap_or(0.0)))),
            3.0,
            colour::BLUE,
            &[],
        );
    }
    scored
}

/// The first and latest values, above their points (below when near the top), so the
/// reader sees where the trend started and where it is now.
fn end_values(svg: &mut Svg, panel: Panel, s: &Series, scored: &[usize], xs: &[f64], y: Linear) {
    let mut labelled = vec![];
    if let Some(&first) = scored.first() {
        labelled.push((first, "start"));
    }
    if let Some(&last) = scored.last()
        && Some(&last) != scored.first()
    {
        labelled.push((last, "end"));
    }
    for (i, anchor) in labelled {
        let py = y.map(s.values[i].unwrap_or(0.0));
        let ty = if py - 7.0 < TITLE + 12.0 {
            py + 14.0
        } else {
            py - 7.0
        };
        let tx = if anchor == "start" {
            xs[i] - 4.0
        } else {
            xs[i] + 4.0
        };
        svg.text(
            panel.at((tx, ty)),
            s.shown.get(i).map_or("", String::as_str),
            &[
                ("text-anchor", anchor),
                ("font-size", "11"),
                ("font-weight", "bold"),
            ],
        );
    }
}

/// The first and last period under the axis, which is all a small panel has room for.
fn period_ends(svg: &mut Svg, panel: Panel, periods: &[String], xs: &[f64]) {
    let base = TITLE + PLOT + 24.0;
    if let (Some(first), Some(last)) = (periods.first(), periods.last()) {
        svg.text(panel.at((xs[0] - 4.0, base)), first, &[("font-size", "10")]);
        if periods.len() > 1 {
            svg.text(
                panel.at((*xs.last().unwrap_or(&0.0) + 10.0, base)),
                last,
                &[("font-size", "10"), ("text-anchor", "end")],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::geom::text_width;
    use super::*;

    const PERCENT: Axis = Axis {
        min: 0.0,
        max: 100.0,
        percent: true,
    };

    #[test]
    fn periods_spread_across_the_panel_and_stay_inside_it() {
        for n in [2, 4, 12] {
            let (xs, y) = panel_scales(n, PERCENT);
            assert_eq!(xs.len(), n);
            assert!(xs.windows(2).all(|w| w[1] > w[0]));
            assert!(xs[0] > AXIS_ROOM && xs[n - 1] + 14.0 <= PANEL_WIDTH);
            assert!(y.map(100.0) < y.map(0.0), "higher is up");
            assert!(y.map(100.0) >= TITLE && y.map(0.0) <= TITLE + PLOT);
        }
        // A period label such as "2026-Q4" fits under its end of the axis.
        let (xs, _) = panel_scales(4, PERCENT);
        assert!(xs[3] + 10.0 - text_width("2026-Q4", 10.0) >= 0.0);
        assert!(xs[0] - 4.0 + text_width("2026-Q1", 10.0) <= PANEL_WIDTH);
    }

    #[test]
    fn panels_wrap_four_to_a_row_and_gaps_break_the_line() {
        let series: Vec<Series> = (0..11)
            .map(|k| Series {
                label: format!("Item {k}"),
                values: vec![Some(25.0), None, Some(50.0), Some(75.0)],
                shown: vec!["1.00".into(), String::new(), "2.00".into(), "3.00".into()],
            })
            .collect();
        let periods: Vec<String> = (1..=4).map(|q| format!("2026-Q{q}")).collect();
        let chart = draw("t", "d", &series, &periods, PERCENT);
        assert!((chart.height - (3.0 * (PANEL_HEIGHT + GAP) - GAP)).abs() < 1e-9);
        // One line per panel (Q3–Q4); Q1 stands alone.
        assert_eq!(chart.body.matches("<polyline").count(), 11);
        assert_eq!(chart.body.matches("<circle").count(), 33);
        assert!(chart.body.contains(">1.00</text>") && chart.body.contains(">3.00</text>"));
    }
}
