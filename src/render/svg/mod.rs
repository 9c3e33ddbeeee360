//! Charts as inline SVG for the HTML reports: pure functions from figures to markup, one
//! file per kind of chart, all drawn through the small writer here so that every piece
//! of text, in `<text>` and in attributes alike, goes through the page's one escaping
//! function. Geometry (scales, ticks, rows, wrapping, contrast) lives in `geom`.
//!
//! Colour is never the only signal: every mark that a colour tells apart also carries a
//! label, a shape or a position, and each chart's figures are in a table beside it.

pub mod bars;
pub mod dumbbell;
pub mod geom;
pub mod groups;
pub mod heat;
pub mod lines;
pub mod radar;
pub mod stacked;
pub mod status;

use geom::fmt;

use super::markup::escape;

/// The width every full-width chart is drawn at (it scales down to fit the page).
pub const WIDTH: f64 = 680.0;

/// Colours: NHS identity colours where they meet WCAG AA against white.
pub mod colour {
    pub const BLUE: &str = "#005eb8";
    pub const GREEN: &str = "#007f3b";
    pub const RED: &str = "#d5281b";
    pub const GREY: &str = "#4c6272";
    pub const PALE_GREY: &str = "#d8dde0";
    pub const FAINT: &str = "#f0f4f5";
    pub const INK: &str = super::geom::INK;
    /// Light to dark blues, for ordered values (scale points, ratings).
    pub const RAMP: [&str; 7] = [
        "#eef5fb", "#c6dbef", "#9ecae1", "#6baed6", "#2b6cb0", "#08519c", "#08306b",
    ];
    /// Distinct dark colours for groups, each at least 4.5:1 against white.
    pub const GROUPS: [&str; 8] = [
        "#005eb8", "#ae2573", "#007f3b", "#330072", "#8a4b00", "#425563", "#7c2855", "#003087",
    ];

    /// The colour of point `i` of `n` ordered points, spread over the ramp.
    pub fn ordered(i: usize, n: usize) -> &'static str {
        if n <= 1 {
            return RAMP[3];
        }
        let k = (i * (RAMP.len() - 1) + (n - 1) / 2) / (n - 1);
        RAMP[k.min(RAMP.len() - 1)]
    }
}

/// A drawn chart: what it shows (title, a sentence for screen readers) and its markup.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    /// The text alternative: what the chart says, in words.
    pub description: String,
    pub width: f64,
    pub height: f64,
    pub body: String,
}

impl Chart {
    /// The `<svg>` element, labelled by its title and description (`id` must be unique
    /// on the page).
    pub fn to_svg(&self, id: &str) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" \
             viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" class=\"chart\" \
             font-family=\"Arial, Helvetica, sans-serif\" font-size=\"12\" fill=\"{ink}\">\n\
             <title id=\"{id}-t\">{title}</title>\n<desc id=\"{id}-d\">{desc}</desc>\n{body}</svg>",
            id = escape(id),
            w = fmt(self.width),
            h = fmt(self.height),
            ink = colour::INK,
            title = escape(&self.title),
            desc = escape(&self.description),
            body = self.body,
        )
    }
}

/// Writes SVG elements; every text and attribute value is escaped.
#[derive(Debug, Default)]
pub struct Svg {
    out: String,
}

/// Extra attributes of an element, written as given (names are ours, values escaped).
pub type Attrs<'a> = &'a [(&'a str, &'a str)];

impl Svg {
    pub fn new() -> Svg {
        Svg::default()
    }

    pub fn finish(self) -> String {
        self.out
    }

    fn attrs(&mut self, attrs: Attrs) {
        for (name, value) in attrs {
            self.out.push_str(&format!(" {name}=\"{}\"", escape(value)));
        }
    }

    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, attrs: Attrs) {
        self.out.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"",
            fmt(x),
            fmt(y),
            fmt(w.max(0.0)),
            fmt(h.max(0.0)),
            escape(fill)
        ));
        self.attrs(attrs);
        self.out.push_str("/>\n");
    }

    pub fn line(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), stroke: &str, attrs: Attrs) {
        self.out.push_str(&format!(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"",
            fmt(x1),
            fmt(y1),
            fmt(x2),
            fmt(y2),
            escape(stroke)
        ));
        self.attrs(attrs);
        self.out.push_str("/>\n");
    }

    pub fn circle(&mut self, (cx, cy): (f64, f64), r: f64, fill: &str, attrs: Attrs) {
        self.out.push_str(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"",
            fmt(cx),
            fmt(cy),
            fmt(r),
            escape(fill)
        ));
        self.attrs(attrs);
        self.out.push_str("/>\n");
    }

    /// A closed shape (`polygon`) or an open line (`polyline`) through `points`.
    pub fn poly(&mut self, closed: bool, points: &[(f64, f64)], attrs: Attrs) {
        let tag = if closed { "polygon" } else { "polyline" };
        let points: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", fmt(*x), fmt(*y)))
            .collect();
        self.out
            .push_str(&format!("<{tag} points=\"{}\"", points.join(" ")));
        self.attrs(attrs);
        self.out.push_str("/>\n");
    }

    /// One line of text.
    pub fn text(&mut self, (x, y): (f64, f64), text: &str, attrs: Attrs) {
        self.out
            .push_str(&format!("<text x=\"{}\" y=\"{}\"", fmt(x), fmt(y)));
        self.attrs(attrs);
        self.out.push_str(&format!(">{}</text>\n", escape(text)));
    }

    /// A tooltip for the element group opened last (`open`), with the whole text of a
    /// label that the chart had to shorten.
    pub fn open(&mut self, tooltip: Option<&str>) {
        self.out.push_str("<g>");
        if let Some(t) = tooltip {
            self.out.push_str(&format!("<title>{}</title>", escape(t)));
        }
        self.out.push('\n');
    }

    pub fn close(&mut self) {
        self.out.push_str("</g>\n");
    }

    /// Several lines of text, one `<text>` each, from baseline `y`, `step` apart.
    pub fn lines(&mut self, (x, y): (f64, f64), step: f64, lines: &[String], attrs: Attrs) {
        for (k, line) in lines.iter().enumerate() {
            self.text((x, y + k as f64 * step), line, attrs);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut svg = Svg::new();
        svg.text(
            (1.0, 2.0),
            "<script>&\"",
            &[("data-x", "\"><img onerror=x>")],
        );
        let out = svg.finish();
        assert!(!out.contains("<script") && !out.contains("<img"), "{out}");
        assert!(out.contains("&lt;script&gt;&amp;&quot;"), "{out}");
    }

    #[test]
    fn ordered_colours_span_the_ramp() {
        assert_eq!(colour::ordered(0, 5), colour::RAMP[0]);
        assert_eq!(colour::ordered(4, 5), colour::RAMP[6]);
        assert_eq!(colour::ordered(0, 3), colour::RAMP[0]);
        assert_eq!(colour::ordered(2, 3), colour::RAMP[6]);
        let six: Vec<_> = (0..6).map(|i| colour::ordered(i, 6)).collect();
        let mut distinct = six.clone();
        distinct.dedup();
        assert_eq!(distinct.len(), 6, "{six:?}");
    }

    #[test]
    fn text_on_every_fill_meets_aa() {
        let fills = colour::RAMP.iter().chain(colour::GROUPS.iter()).chain(
            [
                colour::BLUE,
                colour::GREEN,
                colour::RED,
                colour::GREY,
                colour::FAINT,
            ]
            .iter(),
        );
        for fill in fills {
            let ink = geom::ink_on(fill);
            assert!(
                geom::contrast(fill, ink) >= 4.5,
                "{ink} on {fill}: {}",
                geom::contrast(fill, ink)
            );
        }
        for g in colour::GROUPS {
            assert!(geom::contrast(g, "#ffffff") >= 4.5, "{g} against the page");
        }
    }
}
