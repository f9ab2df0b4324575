//! A submitted story form read against the questions it showed.
//!
//! The form sends `(name, value)` pairs: a triad as `T1.a`, `T1.b`, `T1.c` (three weights, all
//! empty for N/A — the triangle widget fills them, and they work on their own without
//! JavaScript); a slider as `D1` with a `D1.na` checkbox (a range input always has a value, so
//! "not applicable" must be said explicitly); choices as repeated `M2` values; free text and
//! metadata as `Q`.

use crate::answer::{Answer, AnswerError};
use crate::framework::{Question, QuestionKind};

use super::Answers;

/// The corner suffixes of a triad's three fields.
pub const TRIAD_PARTS: [&str; 3] = ["a", "b", "c"];

/// A question whose answer was refused: the field to point at and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The form field (`T1.a` for a triad, the question id otherwise).
    pub field: String,
    /// What is wrong.
    pub error: AnswerError,
}

fn values<'a>(fields: &'a [(String, String)], name: &'a str) -> impl Iterator<Item = &'a str> {
    fields
        .iter()
        .filter(move |(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn first<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.as_str())
}

/// Reads the answers to `questions` from submitted fields; every refused answer is listed, and
/// the answers that were fine are returned beside them so the form can be shown again as typed.
#[must_use]
pub fn read_answers<'q>(
    questions: impl IntoIterator<Item = &'q Question>,
    fields: &[(String, String)],
) -> (Answers, Vec<FieldError>) {
    let mut answers = Vec::new();
    let mut errors = Vec::new();
    for q in questions {
        let id = q.id.as_str();
        let parsed = match q.kind {
            QuestionKind::Triad => {
                let names = TRIAD_PARTS.map(|p| format!("{id}.{p}"));
                q.triad_answer([
                    first(fields, &names[0]),
                    first(fields, &names[1]),
                    first(fields, &names[2]),
                ])
                .map_err(|e| (names[0].clone(), e))
            }
            QuestionKind::Dyad | QuestionKind::Slider => {
                if values(fields, &format!("{id}.na")).next().is_some() {
                    Ok(Answer::NotApplicable)
                } else {
                    q.answer(first(fields, id)).map_err(|e| (id.to_owned(), e))
                }
            }
            QuestionKind::Multiple => {
                let joined = values(fields, id).collect::<Vec<_>>().join(";");
                q.answer(&joined).map_err(|e| (id.to_owned(), e))
            }
            _ => q.answer(first(fields, id)).map_err(|e| (id.to_owned(), e)),
        };
        match parsed {
            Ok(Answer::NotApplicable) => {}
            Ok(answer) => answers.push((q.id.clone(), answer)),
            Err((field, error)) => errors.push(FieldError { field, error }),
        }
    }
    (answers, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::Framework;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn a_form_gives_triads_sliders_and_choices_and_leaves_na_out() {
        let framework = Framework::default_framework();
        let fields = pairs(&[
            ("T1.a", "20"),
            ("T1.b", "30"),
            ("T1.c", "50"),
            ("D2", "40"),
            ("D3", "70"),
            ("D3.na", "on"),
            ("M3", "proud"),
            ("M3", "worried"),
            ("M1", ""),
        ]);
        let (answers, errors) = read_answers(framework.reduced_questions(), &fields);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            answers,
            vec![
                ("T1".to_owned(), Answer::Triad([0.2, 0.3, 0.5])),
                ("D2".to_owned(), Answer::Position(40.0)),
                (
                    "M3".to_owned(),
                    Answer::Choices(vec!["proud".into(), "worried".into()])
                ),
            ]
        );
    }

    #[test]
    fn refused_answers_name_their_field_and_keep_the_rest() {
        let framework = Framework::default_framework();
        let fields = pairs(&[
            ("T1.a", "20"),
            ("T1.b", ""),
            ("T1.c", "50"),
            ("D2", "101"),
            ("M3", "proud"),
            ("M3", "worried"),
            ("M3", "hopeful"),
        ]);
        let (answers, errors) = read_answers(framework.reduced_questions(), &fields);
        assert!(answers.is_empty());
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["T1.a", "D2", "M3"]);
        assert_eq!(errors[2].error, AnswerError::TooManyChoices(2));
    }
}
