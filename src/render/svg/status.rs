//! A grid of roles coloured by status — missing, partly in place, in place — like the
//! report's infographic of the 8 Role Model. Each tile names the role, writes its status
//! in words with a symbol (✗, ◐, ✓), and who holds it and how it is filled.

use super::geom::{LINE, chars_in, ink_on, wrap};
use super::{Chart, Svg, WIDTH, colour};

/// One tile.
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    pub title: String,
    /// The status's place on the scale: 0 the lowest point, `levels − 1` the highest;
    /// none when not answered.
    pub level: Option<usize>,
    /// The status in words, from the scale ("Partly in place").
    pub status: String,
    /// Lines of detail ("Holder: Chief Nurse", "Sourcing: In-house").
    pub details: Vec<String>,
}

pub const COLUMNS: usize = 4;
const GAP: f64 = 10.0;
pub const TILE_WIDTH: f64 = (WIDTH - GAP * (COLUMNS as f64 - 1.0)) / COLUMNS as f64;
const PADDING: f64 = 8.0;

/// Fill, border and symbol for a level of `levels`: the lowest reads as missing (red),
/// the highest as in place (green), any between as partly (amber).
pub fn look(level: Option<usize>, levels: usize) -> (&'static str, &'static str, &'static str) {
    match level {
        None => (colour::FAINT, colour::GREY, "?"),
        Some(0) => ("#f9d9d6", colour::RED, "✗"),
        Some(l) if l + 1 >= levels => ("#d2ecdd", colour::GREEN, "✓"),
        Some(_) => ("#fff0c2", "#8a4b00", "◐"),
    }
}

/// The lines a tile shows: title (bold, up to 2), status, then details (up to 2 each).
pub fn tile_lines(tile: &Tile) -> (Vec<String>, Vec<String>) {
    let chars = chars_in(TILE_WIDTH - 2.0 * PADDING, 12.0);
    let title = wrap(&tile.title, chars - 2, 2);
    let details = tile
        .details
        .iter()
        .flat_map(|d| wrap(d, chars, 2))
        .collect();
    (title, details)
}

/// Tiles under an optional heading (a theme).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub heading: Option<String>,
    pub tiles: Vec<Tile>,
}

/// The height of one row of tiles: every tile in it as tall as the tallest.
fn row_height(row: &[Tile]) -> f64 {
    let most = row
        .iter()
        .map(|t| {
            let (title, details) = tile_lines(t);
            title.len() + 1 + details.len()
        })
        .max()
        .unwrap_or(1);
    most as f64 * LINE + 2.0 * PADDING + 4.0
}

pub fn draw(title: &str, description: &str, groups: &[Group], levels: usize) -> Chart {
    let mut svg = Svg::new();
    let mut top = 0.0;
    for group in groups {
        if let Some(h) = &group.heading {
            let lines = wrap(h, chars_in(WIDTH, 13.0), 2);
            svg.lines(
                (0.0, top + 14.0),
                LINE,
                &lines,
                &[("font-weight", "bold"), ("font-size", "13")],
            );
            top += lines.len() as f64 * LINE + 8.0;
        }
        for row in group.tiles.chunks(COLUMNS) {
            let height = row_height(row);
            for (c, tile) in row.iter().enumerate() {
                draw_tile(
                    &mut svg,
                    tile,
                    c as f64 * (TILE_WIDTH + GAP),
                    top,
                    height,
                    levels,
                );
            }
            top += height + GAP;
        }
    }
    Chart {
        title: title.to_string(),
        description: description.to_string(),
        width: WIDTH,
        height: (top - GAP).max(1.0),
        body: svg.finish(),
    }
}

fn draw_tile(svg: &mut Svg, tile: &Tile, x: f64, top: f64, height: f64, levels: usize) {
    let (fill, border, symbol) = look(tile.level, levels);
    let ink = ink_on(fill);
    svg.open(Some(&format!("{}: {}", tile.title, tile.status)));
    svg.rect(
        x,
        top,
        TILE_WIDTH,
        height,
        fill,
        &[("stroke", border), ("stroke-width", "3"), ("rx", "6")],
    );
    let (title_lines, details) = tile_lines(tile);
    let mut y = top + PADDING + 12.0;
    for line in &title_lines {
        svg.text(
            (x + PADDING, y),
            line,
            &[("font-weight", "bold"), ("fill", ink)],
        );
        y += LINE;
    }
    svg.text(
        (x + PADDING, y),
        &format!("{symbol} {}", tile.status),
        &[("fill", ink), ("font-style", "italic")],
    );
    y += LINE;
    for d in &details {
        svg.text((x + PADDING, y), d, &[("fill", ink), ("font-size", "11")]);
        y += LINE;
    }
    svg.close();
}

#[cfg(test)]
mod tests {
    use super::super::geom::{contrast, text_width};
    use super::*;

    fn tile(level: Option<usize>) -> Tile {
        Tile {
            title: "Facilitator connectors who bring people together".into(),
            level,
            status: "Partly in place".into(),
            details: vec![
                "Holder: Healthwatch and the voluntary sector partnership board".into(),
                "Sourcing: External partner".into(),
            ],
        }
    }

    #[test]
    fn eight_roles_make_two_rows_of_four() {
        let tiles: Vec<Tile> = (0..8).map(|i| tile(Some(i % 3))).collect();
        let chart = draw(
            "t",
            "d",
            &[Group {
                heading: None,
                tiles: tiles.clone(),
            }],
            3,
        );
        assert_eq!(chart.body.matches("<rect").count(), 8);
        assert!(chart.body.contains("✗ Partly") && chart.body.contains("✓ Partly"));
        // Two rows of equal height with a gap between.
        let (t, d) = tile_lines(&tiles[0]);
        let row = (t.len() + 1 + d.len()) as f64 * LINE + 2.0 * PADDING + 4.0;
        assert!((chart.height - (2.0 * row + GAP)).abs() < 1e-9);
    }

    #[test]
    fn themes_head_their_tiles() {
        let groups: Vec<Group> = (0..6)
            .map(|k| Group {
                heading: Some(format!("Section {k}")),
                tiles: (0..7).map(|i| tile(Some(i % 3))).collect(),
            })
            .collect();
        let chart = draw("t", "d", &groups, 3);
        assert_eq!(chart.body.matches("<rect").count(), 42);
        assert!(chart.body.contains(">Section 5</text>"));
        // Six headings, and two rows of tiles under each.
        let row = row_height(&groups[0].tiles[..4]);
        let expected = 6.0 * (LINE + 8.0) + 12.0 * (row + GAP) - GAP;
        assert!((chart.height - expected).abs() < 1e-9, "{}", chart.height);
    }

    #[test]
    fn text_fits_its_tile_and_reads_on_every_status() {
        let (title, details) = tile_lines(&tile(Some(1)));
        for line in title.iter().chain(&details) {
            assert!(
                text_width(line, 12.0) <= TILE_WIDTH - 2.0 * PADDING,
                "{line}"
            );
        }
        for level in [None, Some(0), Some(1), Some(2)] {
            let (fill, _, _) = look(level, 3);
            assert!(contrast(fill, ink_on(fill)) >= 4.5, "{fill}");
        }
        // Symbols tell the statuses apart without colour.
        let symbols: Vec<_> = [None, Some(0), Some(1), Some(2)]
            .into_iter()
            .map(|l| look(l, 3).2)
            .collect();
        assert_eq!(symbols, vec!["?", "✗", "◐", "✓"]);
        // A two-point scale has no "partly".
        assert_eq!(look(Some(1), 2).2, "✓");
    }
}
