//! The formats a document can be rendered in, owned by the renderers (as hyperfine's
//! export types are): the command line offers them, a file's extension names one, and
//! each is drawn by its own file behind `Renderer`.

use std::path::Path;

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Markdown,
    Json,
    Csv,
    /// An Excel workbook (write it with --out FILE.xlsx); its sheets are listed under
    /// "Formats" below
    Xlsx,
    /// One self-contained web page with charts (no scripts, prints on A4)
    Html,
}

impl Format {
    /// The format a file's extension names, if any (`-`, standard output, names none).
    pub fn from_path(path: impl AsRef<Path>) -> Option<Format> {
        let ext = path.as_ref().extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            "html" | "htm" => Some(Format::Html),
            "txt" => Some(Format::Table),
            _ => None,
        }
    }

    /// The extension a file in this format is given.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Table => "txt",
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
        }
    }

    /// The name the command line uses (`--format csv`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Markdown => "markdown",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
        }
    }

    /// Whether the format is bytes a terminal cannot show (a workbook).
    pub fn is_binary(self) -> bool {
        self == Format::Xlsx
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn every_format_reads_back_from_its_own_extension() {
        for f in Format::value_variants() {
            let path = format!("report.{}", f.extension());
            assert_eq!(Format::from_path(&path), Some(*f), "{path}");
            assert_eq!(f.to_possible_value().unwrap().get_name(), f.name());
        }
        assert_eq!(Format::from_path("REPORT.HTM"), Some(Format::Html));
        assert_eq!(Format::from_path("report.markdown"), Some(Format::Markdown));
        assert_eq!(Format::from_path("-"), None);
        assert_eq!(Format::from_path("report.pdf"), None);
    }
}
