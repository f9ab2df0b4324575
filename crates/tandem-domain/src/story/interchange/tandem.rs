//! Tandem's story CSV (sensemaking specification §2): `id`, `text`, `collected_on`, the
//! teller's kind (`teller_kind`) and pseudonymous key (`teller`), then per
//! question a triad as `T1.a,T1.b,T1.c` (weights on any positive scale), a slider as `D1`
//! (0–100), a single choice as its option label, a multiple choice as labels joined by `;`.
//! Empty cells are N/A. Texts are written inert for spreadsheets ([`crate::spreadsheet`]) and
//! read back as they were. The same file is the input of `tandem analyze`.

use std::io::Write;

use time::Date;

use super::{Column, FileError, Plan, common_column, finish};
use crate::answer::Answer;
use crate::framework::{Framework, QuestionKind};
use crate::spreadsheet::inert_cell;
use crate::story::form::TRIAD_PARTS;
use crate::story::{Answers, Teller};

pub(crate) fn plan(framework: &Framework, header: &[String]) -> Result<Plan, FileError> {
    let mut columns = Vec::new();
    let mut unknown = Vec::new();
    for name in header {
        let column = common_column(name).or_else(|| question_column(framework, name));
        match column {
            Some(column) => columns.push(column),
            None => {
                unknown.push(name.clone());
                columns.push(Column::Ignore);
            }
        }
    }
    if !columns.contains(&Column::Date) {
        return Err(FileError::MissingColumn("collected_on"));
    }
    finish(columns, unknown)
}

fn question_column(framework: &Framework, name: &str) -> Option<Column> {
    let questions = framework.questions();
    if let Some((id, part)) = name.rsplit_once('.')
        && let Some(corner) = TRIAD_PARTS.iter().position(|p| *p == part)
        && let Some(q) = questions
            .iter()
            .position(|q| q.id == id && q.kind == QuestionKind::Triad)
    {
        return Some(Column::Corner(q, corner));
    }
    questions
        .iter()
        .position(|q| q.id == name && q.kind != QuestionKind::Triad)
        .map(Column::Whole)
}

/// One story to write.
#[derive(Debug, Clone, Copy)]
pub struct ExportRow<'a> {
    /// The key in the `id` column (a pseudonymous key per export, never the stored id, R23).
    pub key: &'a str,
    /// The story.
    pub text: &'a str,
    /// When it was collected.
    pub collected_on: Date,
    /// Who told it, by kind.
    pub teller_kind: Teller,
    /// Who told it, as this export's pseudonym for them ("" when not known): the same for one
    /// person's stories within the export, unrelated to any account and to other exports.
    pub teller: &'a str,
    /// Its answers.
    pub answers: &'a Answers,
}

/// The header row for `framework`.
#[must_use]
pub fn header(framework: &Framework) -> Vec<String> {
    let mut header = vec![
        "id".to_owned(),
        "text".to_owned(),
        "collected_on".to_owned(),
        "teller_kind".to_owned(),
        "teller".to_owned(),
    ];
    for q in framework.questions() {
        if q.kind == QuestionKind::Triad {
            header.extend(TRIAD_PARTS.iter().map(|p| format!("{}.{p}", q.id)));
        } else {
            header.push(q.id.clone());
        }
    }
    header
}

/// The cells of one story; option labels in `language` (`da` or `en`).
#[must_use]
pub fn record(framework: &Framework, row: &ExportRow<'_>, language: &str) -> Vec<String> {
    let mut cells = vec![
        row.key.to_owned(),
        inert_cell(row.text).into_owned(),
        row.collected_on.to_string(),
        row.teller_kind.as_str().to_owned(),
        row.teller.to_owned(),
    ];
    for q in framework.questions() {
        let answer = row
            .answers
            .iter()
            .find(|(id, _)| *id == q.id)
            .map(|(_, a)| a);
        match (q.kind, answer) {
            (QuestionKind::Triad, Some(Answer::Triad(w))) => {
                cells.extend(w.iter().map(ToString::to_string));
            }
            (QuestionKind::Triad, _) => cells.extend(["", "", ""].map(str::to_owned)),
            (_, Some(Answer::Position(p))) => cells.push(p.to_string()),
            (_, Some(Answer::Choices(ids))) => cells.push(
                inert_cell(
                    &ids.iter()
                        .filter_map(|id| q.options.iter().find(|o| &o.id == id))
                        .map(|o| {
                            if language == "da" {
                                o.da.as_str()
                            } else {
                                o.en.as_str()
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(";"),
                )
                .into_owned(),
            ),
            (_, Some(Answer::Text(t))) => cells.push(inert_cell(t.as_str()).into_owned()),
            _ => cells.push(String::new()),
        }
    }
    cells
}

/// Writes stories as Tandem CSV.
///
/// # Errors
/// When `out` cannot be written.
pub fn write<'a, W: Write>(
    framework: &Framework,
    rows: impl IntoIterator<Item = ExportRow<'a>>,
    language: &str,
    out: W,
) -> Result<(), csv::Error> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(header(framework))?;
    for row in rows {
        writer.write_record(record(framework, &row, language))?;
    }
    writer.flush()?;
    Ok(())
}
