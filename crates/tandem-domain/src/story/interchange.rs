//! Story files: reading Tandem's story CSV, NarraFirma's story export and SenseMaker-style wide
//! CSV against a framework, and writing Tandem's CSV.
//!
//! Each format only decides what its columns mean (a [`Plan`]); the rows are then read the same
//! way: every cell parsed by the question it belongs to, every bad row reported with its line
//! number and reason, nothing dropped silently. Whether a file with errors imports anything is
//! the caller's decision (`--skip-invalid`).
//!
//! # Layout
//! - [`tandem`]: Tandem's own CSV (sensemaking specification §2), read and written.
//! - [`narrafirma`]: NarraFirma's export: two header rows, one column per checkbox option,
//!   `A_`-prefixed annotations.
//! - [`sensemaker`]: SenseMaker-style wide CSV: a triad as three percentage columns
//!   (`T1_Top`, `T1_Left`, `T1_Right`), a multiple choice as one 0/1 column per option.

pub mod narrafirma;
pub mod sensemaker;
pub mod tandem;

use std::fmt;

use time::Date;

use super::{Answers, MAX_STORY_CHARS, MAX_TITLE_CHARS, Teller};
use crate::answer::Answer;
use crate::framework::{Framework, Question, QuestionKind};
use crate::spreadsheet::restore_cell;
use crate::text::PlainText;

/// The largest file taken (bytes): a hundred thousand stories fit; beyond it the file is
/// refused as a whole before anything is read.
pub const MAX_FILE_BYTES: usize = 40 * 1024 * 1024;

/// The longest teller key taken from a file (a pseudonym, not a text).
pub const MAX_TELLER_KEY_CHARS: usize = 100;

keyword_enum! {
    /// A story file format.
    Format {
        /// Tandem's story CSV.
        Tandem = "tandem",
        /// NarraFirma's story CSV export.
        NarraFirma = "narrafirma",
        /// SenseMaker-style wide CSV.
        SenseMaker = "sensemaker",
    }
}

/// A problem with one row. `key` names the kind of problem (for translation), `detail` the
/// column and value concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// The 1-based line where the row starts.
    pub line: u64,
    /// What kind of problem (`column-count`, `not-utf8`, `answer`, `text`, `date`, `syntax`).
    pub key: &'static str,
    /// The column and value concerned, as read.
    pub detail: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.key, self.detail)
    }
}

/// Why a file was refused as a whole.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    /// Nothing in it.
    #[error("the file is empty")]
    Empty,
    /// Larger than [`MAX_FILE_BYTES`].
    #[error("the file is larger than {} MB", MAX_FILE_BYTES / (1024 * 1024))]
    TooLarge,
    /// The header rows cannot be read.
    #[error("the header cannot be read: {0}")]
    Header(String),
    /// A required column is absent.
    #[error("the column '{0}' is missing")]
    MissingColumn(&'static str),
}

impl FileError {
    /// A stable key for translation.
    #[must_use]
    pub fn key(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::TooLarge => "too-large",
            Self::Header(_) => "header",
            Self::MissingColumn(_) => "missing-column",
        }
    }
}

/// One story read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedStory {
    /// Where it started in the file.
    pub line: u64,
    /// Its title, where the format has one (NarraFirma).
    pub title: Option<PlainText>,
    /// The story.
    pub text: PlainText,
    /// When it was collected (the import date where the file does not say).
    pub collected_on: Option<Date>,
    /// Its answers, in the framework's order.
    pub answers: Answers,
    /// Annotations carried in the file (NarraFirma's `A_` columns): name and value.
    pub annotations: Vec<(String, String)>,
    /// Who told it, by kind, where the file says (Tandem's `teller_kind` column).
    pub teller_kind: Option<Teller>,
    /// Who told it, as the file's pseudonymous key (the `teller` column): one person's stories
    /// share it, so analysis counts them as one person. Never shown.
    pub teller_key: Option<String>,
}

/// What a file held: the stories that were read and the rows that were not.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    /// Good rows.
    pub stories: Vec<ImportedStory>,
    /// Bad rows, in file order.
    pub errors: Vec<LineError>,
    /// Columns that are not questions of the framework (nor text, title, date or teller):
    /// their cells were left out, and the reader is told so.
    pub ignored_columns: Vec<String>,
}

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Column {
    /// Ignored (an id column, the eliciting question).
    Ignore,
    /// The story.
    Text,
    /// The title.
    Title,
    /// The collection date.
    Date,
    /// One corner (0–2) of the triad of question `q`.
    Corner(usize, usize),
    /// The whole answer of question `q`.
    Whole(usize),
    /// Whether option `option` of question `q` was chosen.
    Flag(usize, String),
    /// An annotation with this name.
    Annotation(String),
    /// The teller's kind (`staff`, `young_person`, …).
    TellerKind,
    /// The teller's pseudonymous key.
    TellerKey,
}

/// The meaning of every column, decided by the format from the header rows.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub(crate) columns: Vec<Column>,
    /// The names of the columns nobody understands (read as [`Column::Ignore`]).
    pub(crate) ignored: Vec<String>,
}

/// Reads a story file of `format` against `framework`.
///
/// # Errors
/// A [`FileError`] when the file cannot be read at all; row problems are in [`Parsed::errors`].
pub fn read(format: Format, framework: &Framework, bytes: &[u8]) -> Result<Parsed, FileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FileError::Empty);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.byte_records();
    let mut headers: Vec<Vec<String>> = Vec::new();
    let rows_needed = match format {
        Format::NarraFirma => 2,
        Format::Tandem | Format::SenseMaker => 1,
    };
    while headers.len() < rows_needed {
        let record = records
            .next()
            .ok_or_else(|| FileError::Header("no header row".to_owned()))?
            .map_err(|e| FileError::Header(e.to_string()))?;
        let row = record
            .iter()
            .map(|c| std::str::from_utf8(c).map(|s| s.trim().to_owned()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| FileError::Header("not valid UTF-8".to_owned()))?;
        headers.push(row);
    }
    let plan = match format {
        Format::Tandem => tandem::plan(framework, &headers[0])?,
        Format::NarraFirma => narrafirma::plan(framework, &headers[0], &headers[1])?,
        Format::SenseMaker => sensemaker::plan(framework, &headers[0])?,
    };
    let mut parsed = Parsed {
        ignored_columns: plan.ignored.clone(),
        ..Parsed::default()
    };
    // Line numbers are counted from the byte offsets: the reader's own line count drifts on
    // files with CRLF line ends (as spreadsheets write them).
    let mut lines = LineCounter::new(bytes);
    let mut last: Option<(usize, u64, bool)> = None;
    for record in records {
        match record {
            Ok(record) => {
                let start = record.position().map_or(0, csv::Position::byte);
                let line = lines.line_at(start);
                let read = read_row(framework, &plan, &record, line, format);
                last = Some((
                    usize::try_from(start).unwrap_or(usize::MAX),
                    line,
                    read.is_ok(),
                ));
                match read {
                    Ok(story) => parsed.stories.push(story),
                    Err(error) => parsed.errors.push(error),
                }
            }
            Err(error) => {
                let line = lines.line_at(error.position().map_or(0, csv::Position::byte));
                parsed.errors.push(LineError {
                    line,
                    key: "syntax",
                    detail: error.to_string(),
                });
                // A broken quote leaves the reader unable to find where rows start again.
                break;
            }
        }
    }
    // The reader ends an unclosed quoted field at the end of the file without complaint: the
    // row that opened it has silently taken every following line as its text. Only the last
    // row can have done so; it is reported instead of imported.
    if let Some((start, line, was_story)) = last
        && opens_unclosed_quote(bytes.get(start..).unwrap_or_default())
    {
        if was_story {
            parsed.stories.pop();
        } else {
            parsed.errors.pop();
        }
        parsed.errors.push(LineError {
            line,
            key: "unclosed-quote",
            detail: "a quote (\") opens a text that is never closed; the lines after it were read as part of it".to_owned(),
        });
    }
    Ok(parsed)
}

/// Whether a row starting at the beginning of `row` (running to the end of the file) leaves a
/// quoted field open: CSV quoting as the reader applies it — a field that starts with `"` runs
/// to the next `"` not doubled; quotes inside an unquoted field are plain characters.
fn opens_unclosed_quote(row: &[u8]) -> bool {
    let mut at_field_start = true;
    let mut quoted = false;
    let mut bytes = row.iter().peekable();
    while let Some(&byte) = bytes.next() {
        if quoted {
            if byte == b'"' {
                if bytes.peek() == Some(&&b'"') {
                    bytes.next();
                } else {
                    quoted = false;
                }
            }
            continue;
        }
        match byte {
            b'"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            b',' | b'\n' | b'\r' => at_field_start = true,
            _ => at_field_start = false,
        }
    }
    quoted
}

/// Turns byte offsets (increasing) into 1-based line numbers, counting `\n` once.
struct LineCounter<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            at: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, offset: u64) -> u64 {
        let mut offset = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        // After a CRLF the reader places the next record at the LF; the row starts after it.
        while matches!(self.bytes.get(offset), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        if offset > self.at {
            let newlines = self.bytes[self.at..offset]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            self.line += u64::try_from(newlines).unwrap_or(0);
            self.at = offset;
        }
        self.line
    }
}

/// The cells of one row that belong to each question, before they are parsed.
#[derive(Default)]
struct Cells<'a> {
    corners: [&'a str; 3],
    whole: Option<&'a str>,
    flags: Vec<String>,
    seen: bool,
}

fn read_row(
    framework: &Framework,
    plan: &Plan,
    record: &csv::ByteRecord,
    line: u64,
    format: Format,
) -> Result<ImportedStory, LineError> {
    let fail = |key, detail: String| LineError { line, key, detail };
    if record.len() != plan.columns.len() {
        return Err(fail(
            "column-count",
            format!(
                "{} columns, the header has {}",
                record.len(),
                plan.columns.len()
            ),
        ));
    }
    let questions = framework.questions();
    let mut cells: Vec<Cells<'_>> = questions.iter().map(|_| Cells::default()).collect();
    let (mut text, mut title, mut date) = ("", "", "");
    let (mut teller_kind, mut teller_key) = (None, None);
    let mut annotations = Vec::new();
    for (index, (column, raw)) in plan.columns.iter().zip(record.iter()).enumerate() {
        let value = std::str::from_utf8(raw)
            .map_err(|_| fail("not-utf8", format!("column {}", index + 1)))?
            .trim();
        // Tandem's own export writes texts inert for spreadsheets; read them back as written.
        let value = match (format, column) {
            (Format::Tandem, Column::Text | Column::Whole(_)) => restore_cell(value),
            _ => value,
        };
        match column {
            Column::Ignore => {}
            Column::Text => text = value,
            Column::Title => title = value,
            Column::Date => date = value,
            Column::Corner(q, corner) => {
                cells[*q].corners[*corner] = value;
                cells[*q].seen = true;
            }
            Column::Whole(q) => cells[*q].whole = Some(value),
            Column::Flag(q, option) => {
                if is_chosen(value) {
                    cells[*q].flags.push(option.clone());
                }
            }
            Column::Annotation(name) => {
                if !value.is_empty() {
                    annotations.push((name.clone(), value.to_owned()));
                }
            }
            Column::TellerKind if !value.is_empty() => {
                let kind = Teller::parse(value)
                    .map_err(|_| fail("teller-kind", format!("teller_kind: '{value}'")))?;
                teller_kind = Some(kind);
            }
            Column::TellerKey if !value.is_empty() => {
                teller_key = Some(teller_key_of(value).map_err(|e| fail("teller", e))?);
            }
            Column::TellerKind | Column::TellerKey => {}
        }
    }
    let text =
        PlainText::parse(text, MAX_STORY_CHARS).map_err(|e| fail("text", format!("text: {e}")))?;
    let title = if title.is_empty() {
        None
    } else {
        Some(
            PlainText::parse_single_line(title, MAX_TITLE_CHARS)
                .map_err(|e| fail("text", format!("title: {e}")))?,
        )
    };
    let collected_on = if date.is_empty() {
        None
    } else {
        Some(parse_date(date).ok_or_else(|| fail("date", format!("'{date}'")))?)
    };
    let mut answers = Vec::new();
    for (question, cell) in questions.iter().zip(&cells) {
        let answer = answer_from(question, cell)
            .map_err(|e| fail("answer", format!("{}: {e}", question.id)))?;
        if answer != Answer::NotApplicable {
            answers.push((question.id.clone(), answer));
        }
    }
    Ok(ImportedStory {
        line,
        title,
        text,
        collected_on,
        answers,
        annotations,
        teller_kind,
        teller_key,
    })
}

/// A teller key as taken from a file: a pseudonym of at most [`MAX_TELLER_KEY_CHARS`]
/// characters on one line, without control characters.
fn teller_key_of(value: &str) -> Result<String, String> {
    let key = PlainText::parse_single_line(value, MAX_TELLER_KEY_CHARS)
        .map_err(|e| format!("teller: {e}"))?;
    Ok(key.as_str().to_owned())
}

fn answer_from(
    question: &Question,
    cell: &Cells<'_>,
) -> Result<Answer, crate::answer::AnswerError> {
    if question.kind == QuestionKind::Triad {
        if !cell.seen {
            return Ok(Answer::NotApplicable);
        }
        return question.triad_answer(cell.corners);
    }
    if let Some(whole) = cell.whole {
        return question.answer(whole);
    }
    question.answer(&cell.flags.join(";"))
}

/// Whether a checkbox-like cell means "chosen": anything but empty, 0, false or no.
fn is_chosen(value: &str) -> bool {
    !value.is_empty()
        && !matches!(
            value.to_ascii_lowercase().as_str(),
            "0" | "false" | "no" | "nej"
        )
}

/// An ISO date, also at the start of a date-time (`2026-11-02 10:33`, `2026-11-02T10:33Z`).
fn parse_date(value: &str) -> Option<Date> {
    let day = value.get(..10)?;
    if value.len() > 10 && !value[10..].starts_with([' ', 'T']) {
        return None;
    }
    Date::parse(
        day,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

/// The question (index) whose id, or stem in either language, is `name` (case-insensitive).
pub(crate) fn question_named(framework: &Framework, name: &str) -> Option<usize> {
    let name = name.trim();
    framework.questions().iter().position(|q| {
        q.id.eq_ignore_ascii_case(name)
            || q.stem.da.trim().eq_ignore_ascii_case(name)
            || q.stem.en.trim().eq_ignore_ascii_case(name)
    })
}

/// The option id of question `q` named by id or label.
pub(crate) fn option_named(question: &Question, name: &str) -> Option<String> {
    let name = name.trim();
    question
        .options
        .iter()
        .find(|o| {
            o.id.eq_ignore_ascii_case(name)
                || o.da.eq_ignore_ascii_case(name)
                || o.en.eq_ignore_ascii_case(name)
        })
        .map(|o| o.id.clone())
}

/// The columns every format may have for text, title and date, by their usual names.
pub(crate) fn common_column(name: &str) -> Option<Column> {
    match name.to_ascii_lowercase().as_str() {
        "text" | "story text" | "fragment" | "story" => Some(Column::Text),
        "title" | "story title" | "fragment title" => Some(Column::Title),
        "collected_on" | "date" | "entrydate" | "entry date" | "collected on" => Some(Column::Date),
        "id" | "fragmentid" | "fragment id" | "eliciting question" => Some(Column::Ignore),
        // Who told the story: the pseudonymous key of sensemaking.md §2 (NarraFirma calls it
        // the participant), and the teller's kind as Tandem's export writes it.
        "teller" | "participant id" => Some(Column::TellerKey),
        "teller_kind" | "teller kind" => Some(Column::TellerKind),
        _ => None,
    }
}

/// Refuses a plan without a text column; columns nobody understands are read as ignored and
/// named in [`Parsed::ignored_columns`] (a team or role column the framework does not ask
/// about should not cost a whole file).
pub(crate) fn finish(columns: Vec<Column>, unknown: Vec<String>) -> Result<Plan, FileError> {
    if !columns.contains(&Column::Text) {
        return Err(FileError::MissingColumn("text"));
    }
    Ok(Plan {
        columns,
        ignored: unknown,
    })
}

#[cfg(test)]
mod tests;
