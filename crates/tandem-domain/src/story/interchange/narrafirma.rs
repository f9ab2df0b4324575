//! NarraFirma's story CSV export, as its export function writes it: a first header row with
//! "Story title", "Story text", "Eliciting question" and each question's name (repeated once per
//! option for checkbox questions), a second header row naming the option of each checkbox column
//! (empty elsewhere); a checkbox cell holds the option's name when it was chosen. Participant
//! questions follow the story questions; annotation questions carry an `A_` prefix.
//!
//! A question is matched by its id or by its stem in either language; options by id or label.

use super::{Column, FileError, Plan, common_column, finish, option_named, question_named};
use crate::framework::{Framework, QuestionKind};

pub(crate) fn plan(
    framework: &Framework,
    first: &[String],
    second: &[String],
) -> Result<Plan, FileError> {
    let mut columns = Vec::new();
    let mut unknown = Vec::new();
    for (index, name) in first.iter().enumerate() {
        let sub = second.get(index).map_or("", String::as_str);
        if let Some(annotation) = name.strip_prefix("A_") {
            let label = if sub.is_empty() {
                annotation.to_owned()
            } else {
                format!("{annotation}: {sub}")
            };
            columns.push(Column::Annotation(label));
            continue;
        }
        if let Some(column) = common_column(name) {
            columns.push(column);
            continue;
        }
        let Some(q) = question_named(framework, name) else {
            unknown.push(name.clone());
            columns.push(Column::Ignore);
            continue;
        };
        let question = &framework.questions()[q];
        let column = match question.kind {
            QuestionKind::Multiple if !sub.is_empty() => {
                option_named(question, sub).map(|option| Column::Flag(q, option))
            }
            QuestionKind::Triad => ["a", "b", "c"]
                .iter()
                .position(|p| p.eq_ignore_ascii_case(sub))
                .or_else(|| {
                    question.labels.iter().position(|l| {
                        l.da.eq_ignore_ascii_case(sub) || l.en.eq_ignore_ascii_case(sub)
                    })
                })
                .map(|corner| Column::Corner(q, corner)),
            _ => Some(Column::Whole(q)),
        };
        match column {
            Some(column) => columns.push(column),
            None => {
                unknown.push(format!("{name} / {sub}"));
                columns.push(Column::Ignore);
            }
        }
    }
    finish(columns, unknown)
}
