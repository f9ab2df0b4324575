//! SenseMaker-style wide CSV: one row per fragment; `FragmentID`, `Fragment` (the story),
//! optional `Title` and `EntryDate`; a triad as three percentage columns `T1_Top`, `T1_Left`,
//! `T1_Right` (corners a, b, c of the framework's triad, in that order); a dyad or slider as
//! `D1` (0–100); a single choice or metadata as `M1` holding the option's label; a multiple
//! choice as one column per option, `M2_<option id>`, holding 1 or 0.

use super::{Column, FileError, Plan, common_column, finish, option_named};
use crate::framework::{Framework, QuestionKind};

/// Corner column suffixes, in the order of the framework's corners a, b, c.
pub const CORNERS: [&str; 3] = ["Top", "Left", "Right"];

pub(crate) fn plan(framework: &Framework, header: &[String]) -> Result<Plan, FileError> {
    let mut columns = Vec::new();
    let mut unknown = Vec::new();
    for name in header {
        match common_column(name).or_else(|| column(framework, name)) {
            Some(column) => columns.push(column),
            None => {
                unknown.push(name.clone());
                columns.push(Column::Ignore);
            }
        }
    }
    finish(columns, unknown)
}

fn column(framework: &Framework, name: &str) -> Option<Column> {
    let questions = framework.questions();
    if let Some(q) = questions.iter().position(|q| {
        q.id == name && q.kind != QuestionKind::Triad && q.kind != QuestionKind::Multiple
    }) {
        return Some(Column::Whole(q));
    }
    let (id, suffix) = name.split_once('_')?;
    let q = questions.iter().position(|q| q.id == id)?;
    let question = &questions[q];
    match question.kind {
        QuestionKind::Triad => CORNERS
            .iter()
            .position(|c| c.eq_ignore_ascii_case(suffix))
            .map(|corner| Column::Corner(q, corner)),
        QuestionKind::Multiple => {
            option_named(question, suffix).map(|option| Column::Flag(q, option))
        }
        _ => None,
    }
}
