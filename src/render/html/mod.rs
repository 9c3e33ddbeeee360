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

pub use diff::diff;
pub use result::result;
pub use trend::trend;

use super::{Options, Renderer};
use crate::compare::{Diff, Trend};
use crate::result::ResultDoc;

/// The HTML renderer: one page per document.
pub struct Html;

impl Renderer for Html {
    fn result(&self, doc: &ResultDoc, _: &Options) -> Vec<u8> {
        result(doc).into_bytes()
    }

    fn diff(&self, d: &Diff, _: &Options) -> Vec<u8> {
        diff(d).into_bytes()
    }

    fn trend(&self, t: &Trend, _: &Options) -> Vec<u8> {
        trend(t).into_bytes()
    }
}
