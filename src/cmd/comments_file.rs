//! `plead score --comments FILE.csv`: every comment, personal data already removed,
//! streamed to a CSV in constant memory while the survey is read.
//!
//! Two things are known only at the end — which groups are suppressed, and so which
//! labels a comment may carry — and the order must not follow the file's. So comments
//! are gathered in windows of at most `WINDOW` (and `WINDOW_BYTES`), each window
//! written in the order of its comments' shuffle keys to a temporary file beside the
//! target (groups as numbers), which is then copied into the target with each group
//! replaced by its label where that group's figures are shown. A comment's place in the
//! file says at most which window of thousands of comments it came from.

use std::fs::File;
use std::io::{self, Seek, Write};

use anyhow::Context;

use crate::assessment::Assessment;
use crate::output::{AtomicFile, Dest, Readers};
use crate::render::stories::{COLUMNS, about};
use crate::render::text::csv_text;
use crate::result::ResultDoc;
use crate::score::comments::published_group;
use crate::survey::CommentRow;
use crate::survey::comments::shuffle_key;
use crate::survey::personal::cut;

/// Comments shuffled together before they are written.
const WINDOW: usize = 4096;
/// … and at most this many bytes of them.
const WINDOW_BYTES: usize = 8 * 1024 * 1024;
/// The longest comment written: a spreadsheet cell holds 32,767 characters.
const MAX_CHARS: usize = 32_000;

/// One comment waiting in the window.
struct Waiting {
    key: u64,
    question: usize,
    group: Option<usize>,
    text: String,
    removed: u64,
}

/// The comments file being written.
pub struct CommentsFile {
    dest: Dest,
    /// The file itself, filled at the end from `scratch` (none for standard output).
    staged: Option<AtomicFile>,
    /// The comments as shuffled, groups numbered: beside the target, or for standard
    /// output an unnamed temporary file.
    scratch: Option<AtomicFile>,
    unnamed: Option<File>,
    writer: csv::Writer<Box<dyn Write>>,
    window: Vec<Waiting>,
    window_bytes: usize,
    /// The group labels seen, by the number written for each.
    labels: Vec<String>,
}

impl CommentsFile {
    pub fn create(dest: &Dest, force: bool) -> anyhow::Result<CommentsFile> {
        let buffered = |file: File| -> Box<dyn Write> {
            Box::new(io::BufWriter::with_capacity(256 * 1024, file))
        };
        let (mut staged, mut scratch, mut unnamed) = (None, None, None);
        let out = match dest {
            Dest::Stdout => {
                let file = tempfile::tempfile()
                    .context("cannot create a temporary file for the comments")?;
                let out = file
                    .try_clone()
                    .context("cannot create a temporary file for the comments")?;
                unnamed = Some(file);
                buffered(out)
            }
            Dest::File(path) => {
                let name = path.display();
                // Comments are people's words: the user's eyes only until they are read.
                let target = AtomicFile::create(path, force, Readers::Owner)
                    .with_context(|| format!("--comments {name}"))?;
                let rows = AtomicFile::create(path, force, Readers::Owner)?;
                let file = rows
                    .writer()
                    .with_context(|| format!("cannot write {name}"))?;
                scratch = Some(rows);
                staged = Some(target);
                buffered(file)
            }
        };
        Ok(CommentsFile {
            dest: dest.clone(),
            staged,
            scratch,
            unnamed,
            writer: csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(out),
            window: Vec::new(),
            window_bytes: 0,
            labels: Vec::new(),
        })
    }

    pub fn comment(&mut self, c: &CommentRow) -> io::Result<()> {
        let group = c
            .group
            .map(|g| match self.labels.iter().position(|l| l == g) {
                Some(k) => k,
                None => {
                    self.labels.push(g.to_string());
                    self.labels.len() - 1
                }
            });
        self.window_bytes += c.text.len();
        self.window.push(Waiting {
            key: shuffle_key(c.text),
            question: c.question,
            group,
            text: c.text.to_string(),
            removed: c.removed,
        });
        if self.window.len() >= WINDOW || self.window_bytes >= WINDOW_BYTES {
            self.flush_window()?;
        }
        Ok(())
    }

    fn flush_window(&mut self) -> io::Result<()> {
        self.window
            .sort_by(|a, b| (a.key, &a.text).cmp(&(b.key, &b.text)));
        for w in self.window.drain(..) {
            self.writer.write_record([
                w.question.to_string(),
                w.group.map_or_else(String::new, |g| g.to_string()),
                w.text,
                w.removed.to_string(),
            ])?;
        }
        self.window_bytes = 0;
        Ok(())
    }

    /// Writes the file itself from the shuffled comments, each group labelled as `doc`
    /// allows; returns it ready to be moved into place with the run's other outputs
    /// (`None` when it went to standard output).
    pub fn finish(
        mut self,
        assessment: &Assessment,
        doc: &ResultDoc,
    ) -> anyhow::Result<Option<AtomicFile>> {
        let name = self.dest.to_string();
        self.flush_window()
            .and_then(|()| self.writer.flush())
            .with_context(|| format!("cannot write {name}"))?;
        // The writer holds a handle to the file it wrote: closed before it is read.
        self.writer = csv::Writer::from_writer(Box::new(io::sink()));
        let relabel = Relabel {
            assessment,
            doc,
            labels: &self.labels,
        };
        if let Some(mut rows) = self.unnamed.take() {
            rows.seek(io::SeekFrom::Start(0))
                .context("cannot read back the comments")?;
            let mut out = io::stdout().lock();
            relabel
                .copy(rows, &mut out)
                .context("cannot write the comments to standard output")?;
            return Ok(None);
        }
        if let (Some(rows), Some(target)) = (self.scratch.take(), &self.staged) {
            let file = target
                .writer()
                .with_context(|| format!("cannot write {name}"))?;
            let mut out = io::BufWriter::with_capacity(256 * 1024, file);
            let read =
                File::open(rows.temporary()).with_context(|| format!("cannot write {name}"))?;
            relabel
                .copy(read, &mut out)
                .and_then(|()| out.flush().map_err(anyhow::Error::from))
                .with_context(|| format!("cannot write {name}"))?;
        }
        Ok(self.staged.take())
    }
}

/// The copy from the shuffled comments to the file people read.
struct Relabel<'a> {
    assessment: &'a Assessment,
    doc: &'a ResultDoc,
    labels: &'a [String],
}

impl Relabel<'_> {
    fn copy(&self, from: impl io::Read, to: &mut dyn Write) -> anyhow::Result<()> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(io::BufReader::with_capacity(256 * 1024, from));
        let mut writer = csv::Writer::from_writer(to);
        writer.write_record(COLUMNS)?;
        let mut record = csv::StringRecord::new();
        while reader.read_record(&mut record)? {
            let Some(question) = record
                .get(0)
                .and_then(|q| q.parse::<usize>().ok())
                .and_then(|q| self.assessment.comments.get(q))
            else {
                continue;
            };
            let group = record
                .get(1)
                .and_then(|g| g.parse::<usize>().ok())
                .and_then(|g| self.labels.get(g))
                .and_then(|raw| published_group(self.doc, question, raw))
                .unwrap_or_default();
            let (text, cut_chars) = cut(record.get(2).unwrap_or(""), MAX_CHARS);
            writer.write_record([
                question.id.as_str(),
                &about(question.theme.as_deref(), question.item.as_deref()),
                &csv_text(&group),
                &csv_text(&text),
                record.get(3).unwrap_or("0"),
                &cut_chars.to_string(),
            ])?;
        }
        writer.flush()?;
        Ok(())
    }
}
