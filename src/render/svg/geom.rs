//! Chart geometry, kept apart from drawing so it can be tested on its own: linear scales,
//! axis ticks, rows that grow with wrapped labels, label wrapping and width estimates,
//! polar positions for a radar, and colour contrast (WCAG 2.1) for text on a fill.

/// A linear map from a domain (e.g. a 0–4 scale) onto a range of pixels; values outside
/// the domain are clamped, so a bad value never draws outside the plot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Linear {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl Linear {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Linear {
        Linear { domain, range }
    }

    pub fn map(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if (d1 - d0).abs() < f64::EPSILON {
            return r0;
        }
        let t = ((value - d0) / (d1 - d0)).clamp(0.0, 1.0);
        r0 + t * (r1 - r0)
    }
}

/// Tick values for an axis from `min` to `max`: every whole point on a rating scale of up
/// to 10 steps (0–2, 0–4, 0–5, 1–10), else at most four round steps (0, 25, … 100 for a
/// percent axis). The ends are always ticks.
pub fn ticks(min: f64, max: f64) -> Vec<f64> {
    if max <= min {
        return vec![min];
    }
    let span = max - min;
    let whole = min.fract() == 0.0 && max.fract() == 0.0;
    let step = if whole && span <= 10.0 {
        1.0
    } else {
        let raw = span / 4.0;
        let magnitude = 10f64.powf(raw.log10().floor());
        [1.0, 2.0, 2.5, 5.0, 10.0]
            .iter()
            .map(|m| m * magnitude)
            .find(|s| span / s <= 4.0 + 1e-9)
            .unwrap_or(magnitude * 10.0)
    };
    let mut ticks = Vec::new();
    let mut k = 0.0;
    while min + k * step < max - 1e-9 {
        ticks.push(min + k * step);
        k += 1.0;
    }
    ticks.push(max);
    ticks
}

/// Average glyph width as a share of the font size for the sans-serif faces reports use:
/// a little wide on purpose, so an estimate never lets a label run into the plot.
const GLYPH: f64 = 0.58;

/// The estimated width of `text` at `size` pixels.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * GLYPH
}

/// How many characters fit in `width` pixels at `size`.
pub fn chars_in(width: f64, size: f64) -> usize {
    ((width / (size * GLYPH)).floor() as usize).max(1)
}

/// Breaks `text` at spaces (and after hyphens, in a word too long for a line) into at
/// most `max_lines` lines of at most `max_chars` characters; what does not fit ends in
/// "…" (the table beside each chart has it whole).
pub fn wrap(text: &str, max_chars: usize, max_lines: usize) -> Vec<String> {
    let max_chars = max_chars.max(2);
    // Pieces of words, each marked whether it follows a space (or a hyphen).
    let mut pieces: Vec<(bool, String)> = Vec::new();
    for word in text.split_whitespace() {
        if word.chars().count() <= max_chars || !word.contains('-') {
            pieces.push((true, word.to_string()));
            continue;
        }
        let mut first = true;
        for part in word.split_inclusive('-') {
            pieces.push((first, part.to_string()));
            first = false;
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut truncated = false;
    let mut rest = pieces.into_iter().peekable();
    while let Some((spaced, piece)) = rest.next() {
        let candidate = if current.is_empty() {
            piece.clone()
        } else if spaced {
            format!("{current} {piece}")
        } else {
            format!("{current}{piece}")
        };
        if candidate.chars().count() <= max_chars {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
            if lines.len() == max_lines {
                truncated = true;
                break;
            }
        }
        if piece.chars().count() > max_chars {
            // A word longer than a line: cut it.
            let cut: String = piece.chars().take(max_chars - 1).collect();
            lines.push(format!("{cut}…"));
            if lines.len() == max_lines {
                truncated = rest.peek().is_some();
                break;
            }
        } else {
            current = piece;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if truncated
        && let Some(last) = lines.last_mut()
        && !last.ends_with('…')
    {
        let keep: String = last.chars().take(max_chars - 1).collect();
        *last = format!("{}…", keep.trim_end());
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Rows stacked down a chart, each as tall as its label needs (one or more lines).
#[derive(Debug, Clone, PartialEq)]
pub struct Rows {
    /// The top of each row.
    pub tops: Vec<f64>,
    /// The height of each row.
    pub heights: Vec<f64>,
}

/// Line height of a row label, and the padding above and below it.
pub const LINE: f64 = 15.0;
pub const PAD: f64 = 6.0;

impl Rows {
    /// Rows starting at `top`, one per entry of `lines` (the label's line count).
    pub fn new(top: f64, lines: &[usize]) -> Rows {
        let mut tops = Vec::with_capacity(lines.len());
        let mut heights = Vec::with_capacity(lines.len());
        let mut y = top;
        for &n in lines {
            let h = n.max(1) as f64 * LINE + 2.0 * PAD;
            tops.push(y);
            heights.push(h);
            y += h;
        }
        Rows { tops, heights }
    }

    /// The vertical middle of row `i`.
    pub fn middle(&self, i: usize) -> f64 {
        self.tops[i] + self.heights[i] / 2.0
    }

    /// The baseline of line `k` of `n` lines centred in row `i` (12 px text).
    pub fn baseline(&self, i: usize, k: usize, n: usize) -> f64 {
        self.middle(i) - (n as f64 - 1.0) * LINE / 2.0 + k as f64 * LINE + 4.0
    }

    /// Where the rows end.
    pub fn bottom(&self) -> f64 {
        match (self.tops.last(), self.heights.last()) {
            (Some(t), Some(h)) => t + h,
            _ => 0.0,
        }
    }
}

/// The point at `radius` on spoke `i` of `n`, the first straight up, going clockwise.
pub fn spoke(centre: (f64, f64), radius: f64, i: usize, n: usize) -> (f64, f64) {
    let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
    (
        centre.0 + radius * angle.cos(),
        centre.1 + radius * angle.sin(),
    )
}

/// How a label beside point `x` lines up against a centre: to its right it starts at the
/// point, to its left it ends there, near the middle it is centred.
pub fn anchor(x: f64, centre_x: f64) -> &'static str {
    if (x - centre_x).abs() < 1.0 {
        "middle"
    } else if x > centre_x {
        "start"
    } else {
        "end"
    }
}

/// A coordinate as written in SVG: at most one decimal, no trailing ".0".
pub fn fmt(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The relative luminance of a `#rrggbb` colour (WCAG 2.1).
pub fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let v = u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap_or(0) as f64 / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
}

/// The contrast ratio of two `#rrggbb` colours, from 1 to 21.
pub fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Text colour for a fill: the page's ink or white, whichever contrasts more.
pub fn ink_on(fill: &str) -> &'static str {
    if contrast(fill, INK) >= contrast(fill, "#ffffff") {
        INK
    } else {
        "#ffffff"
    }
}

/// The page's text colour (NHS dark grey).
pub const INK: &str = "#212b32";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_linear_scale_maps_ends_and_clamps() {
        let x = Linear::new((0.0, 4.0), (200.0, 600.0));
        assert_eq!(x.map(0.0), 200.0);
        assert_eq!(x.map(4.0), 600.0);
        assert_eq!(x.map(1.0), 300.0);
        assert_eq!(x.map(9.0), 600.0);
        assert_eq!(x.map(-1.0), 200.0);
        // Upside down, as for a y axis.
        let y = Linear::new((0.0, 100.0), (90.0, 10.0));
        assert_eq!(y.map(50.0), 50.0);
        // A one-point domain does not divide by zero.
        assert_eq!(Linear::new((2.0, 2.0), (0.0, 10.0)).map(2.0), 0.0);
    }

    #[test]
    fn rating_scales_tick_every_point_and_percents_in_quarters() {
        assert_eq!(ticks(0.0, 4.0), vec![0.0, 1.0, 2.0, 3.0, 4.0]);
        assert_eq!(ticks(0.0, 5.0), vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(ticks(0.0, 2.0), vec![0.0, 1.0, 2.0]);
        assert_eq!(ticks(1.0, 10.0).len(), 10);
        assert_eq!(ticks(0.0, 100.0), vec![0.0, 25.0, 50.0, 75.0, 100.0]);
        let many = ticks(0.0, 40.0);
        assert_eq!((many[0], *many.last().unwrap()), (0.0, 40.0));
        assert!(many.len() <= 6, "{many:?}");
        assert_eq!(ticks(3.0, 3.0), vec![3.0]);
    }

    #[test]
    fn labels_wrap_at_words_and_shorten_with_an_ellipsis() {
        assert_eq!(wrap("Decision-making", 30, 2), vec!["Decision-making"]);
        assert_eq!(
            wrap("Relationships of respect and trust", 20, 2),
            vec!["Relationships of", "respect and trust"]
        );
        let cut = wrap(
            "Put robust feedback mechanisms in place so that organisations listen",
            20,
            2,
        );
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'), "{cut:?}");
        assert!(cut.iter().all(|l| l.chars().count() <= 20), "{cut:?}");
        assert_eq!(wrap("Supercalifragilistic", 8, 1), vec!["Superca…"]);
        // A hyphenated word too long for a line breaks after its hyphen.
        assert_eq!(
            wrap("Facilitator-connectors", 14, 2),
            vec!["Facilitator-", "connectors"]
        );
        assert_eq!(
            wrap("Co-design from the start", 30, 2),
            vec!["Co-design from the start"]
        );
        assert_eq!(wrap("", 8, 2), vec![""]);
    }

    #[test]
    fn rows_for_2_to_40_items_stack_without_overlap() {
        for n in [2, 3, 10, 12, 40] {
            let lines: Vec<usize> = (0..n).map(|i| 1 + i % 2).collect();
            let rows = Rows::new(30.0, &lines);
            assert_eq!(rows.tops.len(), n);
            for i in 1..n {
                assert_eq!(rows.tops[i], rows.tops[i - 1] + rows.heights[i - 1]);
            }
            for (i, &l) in lines.iter().enumerate() {
                // Every line of a label stays inside its row, 12 px text, lines LINE apart.
                let first = rows.baseline(i, 0, l);
                let last = rows.baseline(i, l - 1, l);
                assert!(first - 12.0 >= rows.tops[i], "row {i} of {n}");
                assert!(last <= rows.tops[i] + rows.heights[i], "row {i} of {n}");
            }
            let expected: f64 = lines.iter().map(|&l| l as f64 * LINE + 2.0 * PAD).sum();
            assert!((rows.bottom() - 30.0 - expected).abs() < 1e-9);
        }
    }

    #[test]
    fn spokes_start_at_the_top_and_go_clockwise() {
        let (x, y) = spoke((100.0, 100.0), 50.0, 0, 4);
        assert!((x - 100.0).abs() < 1e-9 && (y - 50.0).abs() < 1e-9);
        let (x, y) = spoke((100.0, 100.0), 50.0, 1, 4);
        assert!((x - 150.0).abs() < 1e-9 && (y - 100.0).abs() < 1e-9);
        assert_eq!(anchor(150.0, 100.0), "start");
        assert_eq!(anchor(50.0, 100.0), "end");
        assert_eq!(anchor(100.4, 100.0), "middle");
    }

    #[test]
    fn coordinates_are_short() {
        assert_eq!(fmt(12.0), "12");
        assert_eq!(fmt(12.345), "12.3");
        assert_eq!(fmt(-0.04), "0");
    }

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert!((contrast("#777777", "#777777") - 1.0).abs() < 1e-9);
        // NHS blue takes white text at AA.
        assert!(contrast("#005eb8", "#ffffff") >= 4.5);
        assert_eq!(ink_on("#005eb8"), "#ffffff");
        assert_eq!(ink_on("#f0f4f5"), INK);
    }
}
