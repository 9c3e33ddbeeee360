//! A radar of 3 to 12 items on one scale: a spoke per item, a ring per scale point, the
//! scores joined into a shape. Spokes are labelled with the item's number and a short
//! title, lined up away from the centre so no label crosses the rings.

use super::geom::{Linear, anchor, chars_in, fmt, spoke, ticks, wrap};
use super::{Chart, Svg, WIDTH, colour};

/// The fewest and most items a radar is drawn for: fewer make no shape, more crowd it.
pub const MIN_ITEMS: usize = 3;
pub const MAX_ITEMS: usize = 12;

const RADIUS: f64 = 130.0;
const LABEL_GAP: f64 = 12.0;
const HEIGHT: f64 = 2.0 * RADIUS + 80.0;
const CENTRE: (f64, f64) = (WIDTH / 2.0, HEIGHT / 2.0);
/// Room for a label on either side of the rings.
const LABEL_ROOM: f64 = WIDTH / 2.0 - RADIUS - LABEL_GAP - 4.0;

/// One spoke: a label and a value on the scale. A spoke with no value (not answered,
/// not applicable, no column in the file) is drawn as absent, not as zero: the shape
/// breaks there and an open marker sits at the spoke's end; its label says why.
#[derive(Debug, Clone, PartialEq)]
pub struct Spoke {
    pub label: String,
    pub value: Option<f64>,
}

/// A label's place: where it starts, how it lines up, its lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub x: f64,
    pub y: f64,
    pub anchor: &'static str,
    pub lines: Vec<String>,
}

/// Where each spoke's label goes.
pub fn labels(spokes: &[Spoke]) -> Vec<Label> {
    let n = spokes.len();
    spokes
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (x, y) = spoke(CENTRE, RADIUS + LABEL_GAP, i, n);
            let anchor = anchor(x, CENTRE.0);
            let lines = wrap(&s.label, chars_in(LABEL_ROOM, 11.0), 2);
            // Labels above the centre grow upwards, below it downwards.
            let lift = if y < CENTRE.1 - 1.0 {
                -((lines.len() - 1) as f64) * 13.0
            } else if y > CENTRE.1 + 1.0 {
                10.0
            } else {
                4.0
            };
            Label {
                x,
                y: y + lift,
                anchor,
                lines,
            }
        })
        .collect()
}

pub fn draw(title: &str, description: &str, spokes: &[Spoke], min: f64, max: f64) -> Chart {
    let r = Linear::new((min, max), (0.0, RADIUS));
    let mut svg = Svg::new();
    web(&mut svg, spokes.len(), r, min, max);
    outline(&mut svg, spokes, r, min);
    let n = spokes.len();
    for (i, s) in spokes.iter().enumerate() {
        if let Some(v) = s.value {
            svg.circle(spoke(CENTRE, r.map(v), i, n), 3.5, colour::BLUE, &[]);
        }
    }
    spoke_labels(&mut svg, spokes);
    Chart {
        title: title.to_string(),
        description: description.to_string(),
        width: WIDTH,
        height: HEIGHT,
        body: svg.finish(),
    }
}

/// The web behind the shape: a ring at each tick, labelled up the first spoke, and the
/// `n` spokes themselves.
fn web(svg: &mut Svg, n: usize, r: Linear, min: f64, max: f64) {
    for t in ticks(min, max) {
        let ring: Vec<(f64, f64)> = (0..n).map(|i| spoke(CENTRE, r.map(t), i, n)).collect();
        svg.poly(
            true,
            &ring,
            &[("fill", "none"), ("stroke", colour::PALE_GREY)],
        );
        let (_, y) = spoke(CENTRE, r.map(t), 0, n);
        svg.text(
            (CENTRE.0 + 4.0, y - 2.0),
            &fmt(t),
            &[("font-size", "10"), ("fill", colour::GREY)],
        );
    }
    for i in 0..n {
        svg.line(CENTRE, spoke(CENTRE, RADIUS, i, n), colour::PALE_GREY, &[]);
    }
}

/// The scores' outline: a filled shape when every spoke has a score, otherwise only the
/// joins between scored neighbours, with an open ring at the rim of each unscored spoke.
fn outline(svg: &mut Svg, spokes: &[Spoke], r: Linear, min: f64) {
    let n = spokes.len();
    let point = |i: usize, v: f64| spoke(CENTRE, r.map(v), i, n);
    let shape_style = [
        ("fill", colour::BLUE),
        ("fill-opacity", "0.25"),
        ("stroke", colour::BLUE),
        ("stroke-width", "2"),
    ];
    if spokes.iter().all(|s| s.value.is_some()) {
        let shape: Vec<(f64, f64)> = spokes
            .iter()
            .enumerate()
            .map(|(i, s)| point(i, s.value.unwrap_or(min)))
            .collect();
        svg.poly(true, &shape, &shape_style);
    } else {
        // Only neighbours that both have a value are joined: a missing score is a break
        // in the outline, never a dip to the centre (which would read as the lowest point).
        for i in 0..n {
            let j = (i + 1) % n;
            if let (Some(a), Some(b)) = (spokes[i].value, spokes[j].value)
                && n > 1
            {
                svg.poly(
                    false,
                    &[point(i, a), point(j, b)],
                    &[
                        ("fill", "none"),
                        ("stroke", colour::BLUE),
                        ("stroke-width", "2"),
                    ],
                );
            }
        }
        for (i, s) in spokes.iter().enumerate() {
            if s.value.is_none() {
                svg.circle(
                    spoke(CENTRE, RADIUS, i, n),
                    4.5,
                    "white",
                    &[("stroke", colour::GREY), ("stroke-width", "1.5")],
                );
            }
        }
    }
}

/// Each spoke's name beyond its rim, the full name as a tooltip when wrapped short.
fn spoke_labels(svg: &mut Svg, spokes: &[Spoke]) {
    for (label, s) in labels(spokes).iter().zip(spokes) {
        let shortened = label.lines.join(" ") != s.label;
        svg.open(shortened.then_some(s.label.as_str()));
        svg.lines(
            (label.x, label.y),
            13.0,
            &label.lines,
            &[("text-anchor", label.anchor), ("font-size", "11")],
        );
        svg.close();
    }
}

#[cfg(test)]
mod tests {
    use super::super::geom::text_width;
    use super::*;

    fn spokes(n: usize) -> Vec<Spoke> {
        (0..n)
            .map(|i| Spoke {
                label: format!("{} Relationships of respect and trust", i + 1),
                value: Some((i % 5) as f64),
            })
            .collect()
    }

    #[test]
    fn regression_missing_drawn_as_zero_an_unanswered_spoke_breaks_the_shape() {
        let mut s = spokes(5);
        s.iter_mut().for_each(|s| s.value = Some(2.0));
        s[2].value = None;
        let body = draw("t", "d", &s, 0.0, 4.0).body;
        // No closed shape through the centre; four joins between answered neighbours
        // (0–1, 3–4, 4–0) and an open marker at the unanswered spoke's end.
        assert!(!body.contains("fill-opacity"), "{body}");
        assert_eq!(body.matches("<polyline").count(), 3, "{body}");
        assert_eq!(body.matches("fill=\"white\"").count(), 1, "{body}");
        let centre = format!("cx=\"{}\" cy=\"{}\"", fmt(CENTRE.0), fmt(CENTRE.1));
        assert!(!body.contains(&centre), "{body}");
    }

    #[test]
    fn labels_line_up_away_from_the_centre_and_stay_on_the_chart() {
        for n in MIN_ITEMS..=MAX_ITEMS {
            for l in labels(&spokes(n)) {
                let widest = l
                    .lines
                    .iter()
                    .map(|s| text_width(s, 11.0))
                    .fold(0.0, f64::max);
                let (left, right) = match l.anchor {
                    "start" => (l.x, l.x + widest),
                    "end" => (l.x - widest, l.x),
                    _ => (l.x - widest / 2.0, l.x + widest / 2.0),
                };
                assert!(left >= 0.0 && right <= WIDTH, "{n} spokes: {l:?}");
                let last = l.y + (l.lines.len() - 1) as f64 * 13.0;
                assert!(l.y >= 11.0 && last <= HEIGHT - 2.0, "{n} spokes: {l:?}");
                // Outside the rings.
                let dx = l.x - CENTRE.0;
                let dy = l.y - CENTRE.1;
                assert!((dx * dx + dy * dy).sqrt() > RADIUS, "{n} spokes: {l:?}");
            }
        }
    }

    #[test]
    fn the_first_spoke_points_up_and_its_label_is_centred() {
        let l = &labels(&spokes(10))[0];
        assert_eq!(l.anchor, "middle");
        assert!(l.y < CENTRE.1 - RADIUS);
        // 0–4 and 0–5 scales ring every point.
        let chart = draw("t", "d", &spokes(10), 0.0, 4.0);
        assert_eq!(chart.body.matches("<polygon").count(), 5 + 1);
        let chart = draw("t", "d", &spokes(6), 0.0, 5.0);
        assert_eq!(chart.body.matches("<polygon").count(), 6 + 1);
    }

    #[test]
    fn a_top_score_reaches_the_outer_ring() {
        let one = vec![
            Spoke {
                label: "a".into(),
                value: Some(4.0),
            },
            Spoke {
                label: "b".into(),
                value: Some(0.0),
            },
            Spoke {
                label: "c".into(),
                value: None,
            },
        ];
        let chart = draw("t", "d", &one, 0.0, 4.0);
        let top = format!("{},{}", fmt(CENTRE.0), fmt(CENTRE.1 - RADIUS));
        assert!(chart.body.contains(&top), "{}", chart.body);
        // An unanswered spoke gets no dot, only an open marker at its end.
        assert_eq!(chart.body.matches("<circle").count(), 3);
        assert_eq!(chart.body.matches("fill=\"white\"").count(), 1);
    }
}
