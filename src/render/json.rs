//! The JSON format: a document's own serialised form (a Result is the document itself,
//! so `report --format json` gives back what `score` wrote).

use super::{Options, Renderer, Section};
use crate::compare::{Diff, Trend};
use crate::result::ResultDoc;

/// The JSON renderer.
pub struct Json;

impl Renderer for Json {
    fn result(&self, doc: &ResultDoc, sections: &[Section], _: &Options) -> Vec<u8> {
        with_keys(doc.to_json(), sections).into_bytes()
    }

    fn diff(&self, d: &Diff, sections: &[Section], _: &Options) -> Vec<u8> {
        with_keys(d.to_json(), sections).into_bytes()
    }

    fn trend(&self, t: &Trend, sections: &[Section], _: &Options) -> Vec<u8> {
        with_keys(t.to_json(), sections).into_bytes()
    }

    /// One section is its own document (`plead actions --format json`); several are
    /// one object of their keys.
    fn sections(&self, _: &str, sections: &[Section], _: &Options) -> Vec<u8> {
        match sections {
            [one] => format!("{}\n", one.json).into_bytes(),
            _ => with_keys("{\n}\n".into(), sections)
                .replacen("{\n,", "{", 1)
                .into_bytes(),
        }
    }
}

/// A document's JSON (a pretty-printed object) with each section as one more key at the
/// end, the document's own keys kept in their order: a Result with "You said, we did"
/// still reads as a Result.
fn with_keys(json: String, sections: &[Section]) -> String {
    if sections.is_empty() {
        return json;
    }
    let body = json
        .trim_end()
        .strip_suffix('}')
        .unwrap_or(&json)
        .trim_end();
    let mut out = body.to_string();
    for s in sections {
        let value = s.json.replace('\n', "\n  ");
        let key = serde_json::to_string(&s.key).expect("a string serialises");
        out.push_str(&format!(",\n  {key}: {value}"));
    }
    out.push_str("\n}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::model::Table;

    #[test]
    fn a_section_is_one_more_key_and_the_document_still_parses() {
        let section = Section {
            key: "you_said_we_did".into(),
            sheet: "You said, we did".into(),
            blocks: Vec::new(),
            table: Table::default(),
            json: "[\n  {\"id\": \"A1\"}\n]".into(),
        };
        let out = with_keys("{\n  \"schema\": \"x\"\n}\n".into(), &[section]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["schema"], "x");
        assert_eq!(v["you_said_we_did"][0]["id"], "A1");
    }
}
