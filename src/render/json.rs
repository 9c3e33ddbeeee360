//! The JSON format: a document's own serialised form (a Result is the document itself,
//! so `report --format json` gives back what `score` wrote).

use super::{Options, Renderer};
use crate::compare::{Diff, Trend};
use crate::result::ResultDoc;

/// The JSON renderer.
pub struct Json;

impl Renderer for Json {
    fn result(&self, doc: &ResultDoc, _: &Options) -> Vec<u8> {
        doc.to_json().into_bytes()
    }

    fn diff(&self, d: &Diff, _: &Options) -> Vec<u8> {
        d.to_json().into_bytes()
    }

    fn trend(&self, t: &Trend, _: &Options) -> Vec<u8> {
        t.to_json().into_bytes()
    }
}
