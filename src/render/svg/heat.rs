//! A heat strip: for each item rated through named examples (the connection tool's six
//! types of patient leader), a row of cells, one per example, shaded by its rating and
//! with the rating written in it, so the shade is never the only signal.

use super::geom::{LINE, Rows, chars_in, ink_on, wrap};
use super::{Chart, Svg, WIDTH, colour};

/// One row: an item and its examples.
#[derive(Debug, Clone, PartialEq)]
pub struct Strip {
    pub label: String,
    /// Each example's name and rating (none: not applicable).
    pub cells: Vec<(String, Option<i32>)>,
}

pub const LABEL_WIDTH: f64 = 170.0;
const LEFT: f64 = LABEL_WIDTH + 10.0;
const GAP: f64 = 4.0;
const TOP: f64 = 34.0;
/// The widest a cell gets, with few examples.
const CELL_MAX: f64 = 150.0;

/// The width of each cell for rows of at most `most` examples.
pub fn cell_width(most: usize) -> f64 {
    let most = most.max(1) as f64;
    ((WIDTH - LEFT - GAP * (most - 1.0)) / most).min(CELL_MAX)
}

/// The fill for a rating on a scale from `min` to `max`.
pub fn fill(rating: Option<i32>, min: i32, max: i32) -> &'static str {
    match rating {
        None => colour::FAINT,
        Some(r) => colour::ordered(
            (r.clamp(min, max) - min) as usize,
            (max - min + 1).max(1) as usize,
        ),
    }
}

pub fn draw(title: &str, description: &str, strips: &[Strip], min: i32, max: i32) -> Chart {
    let most = strips.iter().map(|s| s.cells.len()).max().unwrap_or(1);
    let cell = cell_width(most);
    // A row is tall enough for its label and for two lines of names under the rating.
    let lines: Vec<usize> = strips
        .iter()
        .map(|s| wrap(&s.label, chars_in(LABEL_WIDTH, 12.0), 3).len().max(3))
        .collect();
    let rows = Rows::new(TOP, &lines);
    let mut svg = Svg::new();
    legend(&mut svg, min, max);
    for (i, strip) in strips.iter().enumerate() {
        strip_label(&mut svg, &rows, i, strip);
        strip_cells(&mut svg, &rows, i, strip, cell, min, max);
    }
    Chart {
        title: title.to_string(),
        description: description.to_string(),
        width: WIDTH,
        height: rows.bottom() + 4.0,
        body: svg.finish(),
    }
}

/// The legend: each rating's shade with its number, then the shade of not applicable.
fn legend(svg: &mut Svg, min: i32, max: i32) {
    svg.text((0.0, 18.0), "Rating:", &[]);
    for (k, r) in (min..=max).enumerate() {
        let x = 50.0 + k as f64 * 30.0;
        let f = fill(Some(r), min, max);
        svg.rect(x, 5.0, 26.0, 18.0, f, &[("stroke", colour::GREY)]);
        svg.text(
            (x + 13.0, 18.0),
            &r.to_string(),
            &[("text-anchor", "middle"), ("fill", ink_on(f))],
        );
    }
    let na_x = 50.0 + (max - min + 1) as f64 * 30.0 + 10.0;
    svg.rect(
        na_x,
        5.0,
        34.0,
        18.0,
        colour::FAINT,
        &[("stroke", colour::GREY)],
    );
    svg.text((na_x + 17.0, 18.0), "N/A", &[("text-anchor", "middle")]);
}

/// The item's label left of its row, the full label as a tooltip when wrapped short.
fn strip_label(svg: &mut Svg, rows: &Rows, i: usize, strip: &Strip) {
    let label = wrap(&strip.label, chars_in(LABEL_WIDTH, 12.0), 3);
    let shortened = label.join(" ") != strip.label;
    svg.open(shortened.then_some(strip.label.as_str()));
    svg.lines((0.0, rows.baseline(i, 0, label.len())), LINE, &label, &[]);
    svg.close();
}

/// The row's cells, one per example, each shaded by its rating with the rating and the
/// example's name written in it; an item with no examples says so instead.
fn strip_cells(svg: &mut Svg, rows: &Rows, i: usize, strip: &Strip, cell: f64, min: i32, max: i32) {
    let name_chars = chars_in(cell - 8.0, 10.0);
    let top = rows.tops[i] + 3.0;
    let height = rows.heights[i] - 6.0;
    if strip.cells.is_empty() {
        svg.text(
            (LEFT + 4.0, rows.middle(i) + 4.0),
            "no examples named",
            &[("font-style", "italic"), ("fill", colour::GREY)],
        );
    }
    for (k, (name, rating)) in strip.cells.iter().enumerate() {
        let x = LEFT + k as f64 * (cell + GAP);
        let f = fill(*rating, min, max);
        let ink = ink_on(f);
        svg.open(Some(&format!(
            "{name}: {}",
            rating.map_or_else(|| "N/A".to_string(), |r| r.to_string())
        )));
        svg.rect(
            x,
            top,
            cell,
            height,
            f,
            &[("stroke", colour::GREY), ("rx", "3")],
        );
        svg.text(
            (x + cell / 2.0, top + 20.0),
            &rating.map_or_else(|| "N/A".to_string(), |r| r.to_string()),
            &[
                ("text-anchor", "middle"),
                ("font-size", "16"),
                ("font-weight", "bold"),
                ("fill", ink),
            ],
        );
        svg.lines(
            (x + cell / 2.0, top + 35.0),
            12.0,
            &wrap(name, name_chars, 2),
            &[
                ("text-anchor", "middle"),
                ("font-size", "10"),
                ("fill", ink),
            ],
        );
        svg.close();
    }
}

#[cfg(test)]
mod tests {
    use super::super::geom::{contrast, text_width};
    use super::*;

    #[test]
    fn cells_share_the_width_and_never_overflow() {
        assert_eq!(cell_width(1), CELL_MAX);
        assert_eq!(cell_width(3), CELL_MAX);
        for most in 1..=12 {
            let w = cell_width(most);
            let right = LEFT + most as f64 * w + (most as f64 - 1.0) * GAP;
            assert!(right <= WIDTH + 1e-9, "{most} examples: {right}");
            let chars = chars_in(w - 8.0, 10.0);
            for line in wrap("Lay member of Health and Wellbeing Board", chars, 2) {
                assert!(text_width(&line, 10.0) <= w - 8.0, "{line}");
            }
        }
    }

    #[test]
    fn every_rating_of_a_0_to_4_and_a_0_to_5_scale_has_its_own_readable_shade() {
        for max in [4, 5] {
            let fills: Vec<_> = (0..=max).map(|r| fill(Some(r), 0, max)).collect();
            let mut distinct = fills.clone();
            distinct.dedup();
            assert_eq!(distinct.len(), fills.len(), "{fills:?}");
            for f in fills {
                assert!(contrast(f, ink_on(f)) >= 4.5);
            }
        }
        assert_eq!(fill(None, 0, 5), colour::FAINT);
    }

    #[test]
    fn ratings_are_written_in_their_cells() {
        let strips = vec![Strip {
            label: "Formal representatives".into(),
            cells: vec![("FT Governor".into(), Some(4)), ("Lay member".into(), None)],
        }];
        let chart = draw("t", "d", &strips, 0, 5);
        assert!(chart.body.contains(">4</text>"));
        assert!(chart.body.contains(">N/A</text>"));
        assert!(chart.body.contains(">FT Governor</text>"));
    }
}
