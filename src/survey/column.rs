//! A column of a survey file as the reader knows it: its names from the header rows,
//! its code, what it holds, and its spreadsheet letter. A leaf the layout, the matching
//! and the personal-data checks share.

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Possibly an answer to a question.
    Question,
    /// The tool's own bookkeeping: ids, times, progress.
    Metadata,
    /// Names, emails, IP addresses and the like: never read.
    Personal,
}

/// One column of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its name as shown to people: the header cell (SurveyMonkey: `Question [Option]`
    /// where a second-row label adds to the question; Qualtrics: the question text).
    pub name: String,
    /// Every other text it may be matched by (a second header row's label, the question
    /// a SurveyMonkey option belongs to).
    pub other_names: Vec<String>,
    /// The tool's short code for the question (Qualtrics' first header row, `Q14_1`):
    /// matched exactly, never after normalising (which would make `Q14_1` and `Q29_1`
    /// alike).
    pub code: Option<String>,
    /// Qualtrics' ImportId (`QID14_1`, from the third header row's JSON).
    pub import_id: Option<String>,
    pub kind: Kind,
}

impl Column {
    /// A column known only by its header text.
    pub fn named(name: impl Into<String>, kind: Kind) -> Column {
        Column {
            name: name.into(),
            other_names: Vec::new(),
            code: None,
            import_id: None,
            kind,
        }
    }

    /// Every text the column carries in its header rows: its name, the other header
    /// cells, its code and ImportId.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.other_names.iter().map(String::as_str))
            .chain(self.code.as_deref())
            .chain(self.import_id.as_deref())
    }
}

/// A spreadsheet column letter for a 0-based index: 0 is `A`, 27 is `AB`.
pub fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}
