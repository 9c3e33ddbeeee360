//! HTML reports: one self-contained page per document — no scripts, fonts, styles or
//! images from anywhere else, no JavaScript needed — so a report opens from an email
//! attachment on a locked-down laptop and prints on A4.
//!
//! Hand-written rather than through a template crate: the pages are small, and every
//! piece of text, in elements and in attributes, goes through the one function `escape`
//! (`markup`; the SVG charts use it too), which is easy to see and to test. User text is never put
//! in `style`, `href` or a script; the Content-Security-Policy forbids scripts anyway.

mod charts;
mod diff;
pub mod page;
mod result;
#[cfg(test)]
mod tests;
mod trend;

#[cfg(test)]
pub use diff::diff;
pub use diff::diff_with;
#[cfg(test)]
pub use result::result;
pub use result::result_with;
#[cfg(test)]
pub use trend::trend;
pub use trend::trend_with;

use super::{Options, Renderer, Section};
use crate::compare::{Diff, Trend};
use crate::result::ResultDoc;

/// The HTML renderer: one page per document.
pub struct Html;

impl Renderer for Html {
    fn result(&self, doc: &ResultDoc, sections: &[Section], _: &Options) -> Vec<u8> {
        result_with(doc, &section_html(sections)).into_bytes()
    }

    fn diff(&self, d: &Diff, sections: &[Section], _: &Options) -> Vec<u8> {
        diff_with(d, &section_html(sections)).into_bytes()
    }

    fn trend(&self, t: &Trend, sections: &[Section], _: &Options) -> Vec<u8> {
        trend_with(t, &section_html(sections)).into_bytes()
    }

    fn sections(&self, title: &str, sections: &[Section], _: &Options) -> Vec<u8> {
        let header = format!("<h1>{}</h1>\n", crate::render::markup::escape(title));
        let footer = format!(
            "<h2>About this list</h2>\n<p>Written by plead {} from the actions log: each action's status is its latest change's; an action still open or in progress after its due date is overdue.</p>\n",
            crate::render::markup::escape(env!("CARGO_PKG_VERSION"))
        );
        // A list of actions has no figures to chart: the page says so, for the browser
        // check that every report has its charts.
        let main = format!(
            "<div data-charts=\"none\">\n{}</div>\n",
            section_html(sections)
        );
        page::page(title, &header, &main, &footer).into_bytes()
    }
}

/// Each section's blocks as HTML, in a section element of its own (its key the id).
fn section_html(sections: &[Section]) -> String {
    sections
        .iter()
        .map(|s| {
            format!(
                "<section id=\"{}\">\n{}</section>\n",
                crate::render::markup::escape(&s.key),
                page::blocks(&s.blocks, &s.key)
            )
        })
        .collect()
}
