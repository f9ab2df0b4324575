//! A framework's questions as form fields, and the story form's shared parts.
//!
//! A triad is a fieldset with three number fields (the corners' weights, any scale) that work
//! without JavaScript; `tandem.js` adds a triangle operable by pointer, touch and arrow keys
//! that fills them. A slider is a native range input showing its value, with a "not applicable"
//! box ticked until the slider is used (a range input always has a value, and an untouched
//! slider must not count as an answer in the middle).

use tandem_domain::answer::AnswerError;
use tandem_domain::framework::{Bilingual, Question, QuestionKind};
use tandem_domain::story::form::{FieldError, TRIAD_PARTS};

use crate::forms::FormErrors;
use crate::i18n::Translator;

/// One option of a choice question.
pub struct OptionView {
    /// The submitted value.
    pub id: String,
    /// The label.
    pub label: String,
    /// Ticked.
    pub checked: bool,
}

/// One question as the form shows it.
pub struct QuestionView {
    /// The question id (field name).
    pub id: String,
    /// `triad`, `slider`, `single`, `multiple` or `text`.
    pub kind: &'static str,
    /// The question.
    pub stem: String,
    /// Corners (triad) or poles (slider).
    pub labels: Vec<String>,
    /// Options (choices).
    pub options: Vec<OptionView>,
    /// A triad's fields as typed: name, value and the corner's label.
    pub weights: Vec<(String, String, String)>,
    /// A slider's or text's value as typed.
    pub value: String,
    /// "Not applicable" ticked (sliders).
    pub na: bool,
    /// The most options (multiple choice).
    pub max: i64,
    /// The translated error, if the answer was refused.
    pub error: Option<String>,
}

fn text(tr: &Translator, b: &Bilingual) -> String {
    if tr.language().code() == "da" {
        b.da.clone()
    } else {
        b.en.clone()
    }
}

fn first<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The translated message for a refused answer.
#[must_use]
pub fn answer_error(tr: &Translator, error: &AnswerError) -> String {
    match error {
        AnswerError::IncompleteTriad => tr.t("story-error-triad-incomplete"),
        AnswerError::NotANumber(_) => tr.t("story-error-number"),
        AnswerError::AllZero => tr.t("story-error-triad-zero"),
        AnswerError::OutOfRange => tr.t("story-error-range"),
        AnswerError::UnknownOption(_) => tr.t("story-error-option"),
        AnswerError::TooManyChoices(n) => tr.t_num(
            "story-error-too-many",
            "max",
            i64::try_from(*n).unwrap_or(0),
        ),
        AnswerError::Text(_) => tr.t("story-error-text"),
    }
}

/// The questions as fields: blank on first show (`fields` empty), as typed after an error.
#[must_use]
pub fn question_views<'q>(
    tr: &Translator,
    questions: impl IntoIterator<Item = &'q Question>,
    fields: &[(String, String)],
    errors: &[FieldError],
) -> Vec<QuestionView> {
    let fresh = fields.is_empty();
    questions
        .into_iter()
        .map(|q| {
            let id = q.id.clone();
            let error = errors
                .iter()
                .find(|e| e.field == id || e.field.starts_with(&format!("{id}.")))
                .map(|e| answer_error(tr, &e.error));
            let chosen: Vec<&str> = fields
                .iter()
                .filter(|(n, _)| *n == id)
                .map(|(_, v)| v.as_str())
                .collect();
            QuestionView {
                kind: match q.kind {
                    QuestionKind::Triad => "triad",
                    QuestionKind::Dyad | QuestionKind::Slider => "slider",
                    QuestionKind::Single | QuestionKind::Metadata => "single",
                    QuestionKind::Multiple => "multiple",
                    QuestionKind::FreeText => "text",
                },
                stem: text(tr, &q.stem),
                labels: q.labels.iter().map(|l| text(tr, l)).collect(),
                options: q
                    .options
                    .iter()
                    .map(|o| OptionView {
                        id: o.id.clone(),
                        label: if tr.language().code() == "da" {
                            o.da.clone()
                        } else {
                            o.en.clone()
                        },
                        checked: chosen.contains(&o.id.as_str()),
                    })
                    .collect(),
                weights: TRIAD_PARTS
                    .iter()
                    .zip(&q.labels)
                    .map(|(p, label)| {
                        let name = format!("{id}.{p}");
                        let value = first(fields, &name).unwrap_or_default().to_owned();
                        (name, value, text(tr, label))
                    })
                    .collect(),
                value: first(fields, &id).map(str::to_owned).unwrap_or_else(|| {
                    if q.kind == QuestionKind::FreeText {
                        String::new()
                    } else {
                        "50".to_owned()
                    }
                }),
                na: fresh || first(fields, &format!("{id}.na")).is_some(),
                max: i64::try_from(q.max.unwrap_or(q.options.len())).unwrap_or(0),
                error,
                id,
            }
        })
        .collect()
}

/// Adds the refused answers to the form's error summary, each named by its question and
/// linked to the questions' section.
pub fn add_answer_errors(errors: &mut FormErrors, views: &[QuestionView]) {
    for view in views {
        if let Some(message) = &view.error {
            errors.add("story-questions", format!("{}: {message}", view.stem));
        }
    }
}
