//! Passages as TOML spells them: the old plain forms (`guidance = "…"`, `prompts = ["…"]`)
//! and the tables that say what a passage is, who said it and where it comes from.
//!
//! A hand-written `Deserialize` (not an untagged enum) takes either form, so the spans and
//! the unknown-key check of the table form survive.

use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use toml::Spanned;

use super::{PassageKind, Wording};

/// One passage: a plain string, or a table.
#[derive(Debug, Default)]
pub struct PassageFile {
    pub kind: Option<Spanned<PassageKind>>,
    pub text: String,
    pub who: Option<Spanned<String>>,
    pub role: Option<Spanned<String>>,
    pub cite: Option<Spanned<String>>,
}

/// The table form of a passage.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PassageTable {
    kind: Option<Spanned<PassageKind>>,
    text: String,
    who: Option<Spanned<String>>,
    role: Option<Spanned<String>>,
    cite: Option<Spanned<String>>,
}

impl<'de> Deserialize<'de> for PassageFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = PassageFile;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or a table with `text` (and `kind`, `who`, `role`, `cite`)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PassageFile, E> {
                Ok(PassageFile::plain(v))
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<PassageFile, M::Error> {
                let t = PassageTable::deserialize(MapAccessDeserializer::new(map))?;
                Ok(PassageFile {
                    kind: t.kind,
                    text: t.text,
                    who: t.who,
                    role: t.role,
                    cite: t.cite,
                })
            }
        }
        d.deserialize_any(Either)
    }
}

/// A list of passages with the place of each (the list's own place for the old
/// single-string form).
#[derive(Debug, Default)]
pub struct PassagesFile(pub Vec<(Option<Range<usize>>, PassageFile)>);

impl<'de> Deserialize<'de> for PassagesFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct List;
        impl<'de> Visitor<'de> for List {
            type Value = PassagesFile;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or an array of strings or passage tables")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PassagesFile, E> {
                Ok(PassagesFile(vec![(None, PassageFile::plain(v))]))
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<PassagesFile, S::Error> {
                let mut out = Vec::new();
                while let Some(p) = seq.next_element::<Spanned<PassageFile>>()? {
                    let span = p.span();
                    out.push((Some(span), p.into_inner()));
                }
                Ok(PassagesFile(out))
            }
        }
        d.deserialize_any(List)
    }
}

impl PassageFile {
    /// The old form: only the words, of the list's default kind.
    fn plain(text: &str) -> PassageFile {
        PassageFile {
            text: text.to_string(),
            ..PassageFile::default()
        }
    }
}

/// A sentence plead shows on every report and questionnaire of an assessment.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BannerFile {
    pub text: Spanned<String>,
    pub by: Spanned<Wording>,
    pub cite: Option<Spanned<String>>,
}
