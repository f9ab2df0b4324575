//! A teller's answer to one framework question, parsed against the question ("parse, don't
//! validate"): the same rules serve the story forms and the Tandem story CSV (sensemaking spec
//! §2): triad weights on any positive scale (closed to sum 1), sliders 0–100, choices by option
//! id or by label in either language (multiple choices joined by `;`), and N/A everywhere.

use thiserror::Error;

use crate::framework::{Question, QuestionKind};
use crate::text::{PlainText, TextError};

/// The longest free-text answer (a story's own text has its own, larger limit).
pub const MAX_FREE_TEXT_CHARS: usize = 4000;

/// A parsed answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Not applicable / not answered.
    NotApplicable,
    /// Triad weights, closed to sum 1.
    Triad([f64; 3]),
    /// A dyad or slider position, 0–100.
    Position(f64),
    /// Chosen option ids (one for single choice and metadata), in the framework's order.
    Choices(Vec<String>),
    /// Free text.
    Text(PlainText),
}

/// Why an answer was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AnswerError {
    /// A triad needs three weights, all given or all empty.
    #[error("give all three weights or none")]
    IncompleteTriad,
    /// A weight or position is not a number, or negative.
    #[error("'{0}' is not a valid number here")]
    NotANumber(String),
    /// All three triad weights are zero.
    #[error("the three weights cannot all be zero")]
    AllZero,
    /// A position outside 0–100.
    #[error("the value must be from 0 to 100")]
    OutOfRange,
    /// An option that the question does not have.
    #[error("'{0}' is not one of the options")]
    UnknownOption(String),
    /// More options than the question allows, or several for a single choice.
    #[error("at most {0} options may be chosen")]
    TooManyChoices(usize),
    /// Free text breaking the text rules.
    #[error("{0}")]
    Text(TextError),
}

fn number(text: &str) -> Result<f64, AnswerError> {
    let value: f64 = text
        .trim()
        .replace(',', ".")
        .parse()
        .map_err(|_| AnswerError::NotANumber(text.trim().to_owned()))?;
    if !value.is_finite() || value < 0.0 {
        return Err(AnswerError::NotANumber(text.trim().to_owned()));
    }
    Ok(value)
}

impl Question {
    /// Parses a triad answer from three weight fields (empty fields: N/A).
    ///
    /// # Errors
    /// [`AnswerError`] for partial, non-numeric, negative or all-zero weights.
    pub fn triad_answer(&self, weights: [&str; 3]) -> Result<Answer, AnswerError> {
        let empty = weights.iter().filter(|w| w.trim().is_empty()).count();
        match empty {
            3 => return Ok(Answer::NotApplicable),
            0 => {}
            _ => return Err(AnswerError::IncompleteTriad),
        }
        let values = [
            number(weights[0])?,
            number(weights[1])?,
            number(weights[2])?,
        ];
        let sum: f64 = values.iter().sum();
        if sum <= 0.0 {
            return Err(AnswerError::AllZero);
        }
        // Weights that already sum to 1 (a re-imported export) are kept bit for bit, so a round
        // trip through a file gives identical answers.
        if (sum - 1.0).abs() < 1e-12 {
            return Ok(Answer::Triad(values));
        }
        Ok(Answer::Triad(values.map(|v| v / sum)))
    }

    /// Parses a one-field answer: a dyad/slider position, choices, free text or metadata
    /// (empty: N/A). Triads take [`Question::triad_answer`].
    ///
    /// # Errors
    /// [`AnswerError`] describing what does not fit the question.
    pub fn answer(&self, raw: &str) -> Result<Answer, AnswerError> {
        if raw.trim().is_empty() {
            return Ok(Answer::NotApplicable);
        }
        match self.kind {
            QuestionKind::Triad => Err(AnswerError::IncompleteTriad),
            QuestionKind::Dyad | QuestionKind::Slider => {
                let value = number(raw)?;
                if value > 100.0 {
                    return Err(AnswerError::OutOfRange);
                }
                Ok(Answer::Position(value))
            }
            QuestionKind::FreeText => PlainText::parse(raw, MAX_FREE_TEXT_CHARS)
                .map(Answer::Text)
                .map_err(AnswerError::Text),
            QuestionKind::Single | QuestionKind::Metadata | QuestionKind::Multiple => {
                self.choices(raw)
            }
        }
    }

    fn choices(&self, raw: &str) -> Result<Answer, AnswerError> {
        let mut chosen = Vec::new();
        for part in raw.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let option = self
                .options
                .iter()
                .find(|o| o.id == part || o.da == part || o.en == part)
                .ok_or_else(|| AnswerError::UnknownOption(part.to_owned()))?;
            if !chosen.contains(&option.id) {
                chosen.push(option.id.clone());
            }
        }
        let allowed = match self.kind {
            QuestionKind::Multiple => self.max.unwrap_or(self.options.len()),
            _ => 1,
        };
        if chosen.len() > allowed {
            return Err(AnswerError::TooManyChoices(allowed));
        }
        // The framework's order, so equal answers compare equal however they were typed.
        chosen.sort_by_key(|id| self.options.iter().position(|o| &o.id == id));
        Ok(Answer::Choices(chosen))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::Framework;

    fn question(id: &str) -> Question {
        Framework::default_framework()
            .questions()
            .iter()
            .find(|q| q.id == id)
            .cloned()
            .expect("question")
    }

    #[test]
    fn triad_weights_on_any_scale_are_closed_and_all_empty_is_na() {
        let t1 = question("T1");
        assert_eq!(
            t1.triad_answer(["20", "30", "50"]),
            Ok(Answer::Triad([0.2, 0.3, 0.5]))
        );
        assert_eq!(
            t1.triad_answer(["1", "1", "2"]),
            Ok(Answer::Triad([0.25, 0.25, 0.5]))
        );
        assert_eq!(t1.triad_answer(["", " ", ""]), Ok(Answer::NotApplicable));
        assert_eq!(
            t1.triad_answer(["20", "", "50"]),
            Err(AnswerError::IncompleteTriad)
        );
        assert_eq!(t1.triad_answer(["0", "0", "0"]), Err(AnswerError::AllZero));
        assert_eq!(
            t1.triad_answer(["-1", "1", "1"]),
            Err(AnswerError::NotANumber("-1".into()))
        );
        assert_eq!(
            t1.triad_answer(["NaN", "1", "1"]),
            Err(AnswerError::NotANumber("NaN".into()))
        );
    }

    #[test]
    fn sliders_run_from_0_to_100() {
        let d3 = question("D3");
        assert_eq!(d3.answer("0"), Ok(Answer::Position(0.0)));
        assert_eq!(d3.answer("72,5"), Ok(Answer::Position(72.5)));
        assert_eq!(d3.answer(""), Ok(Answer::NotApplicable));
        assert_eq!(d3.answer("100.1"), Err(AnswerError::OutOfRange));
        assert_eq!(
            d3.answer("<script>"),
            Err(AnswerError::NotANumber("<script>".into()))
        );
    }

    #[test]
    fn choices_are_read_by_id_or_label_in_either_language() {
        let m1 = question("M1");
        assert_eq!(
            m1.answer("co_design"),
            Ok(Answer::Choices(vec!["co_design".into()]))
        );
        assert_eq!(
            m1.answer("following up (co-assessment)"),
            Ok(Answer::Choices(vec!["co_assessment".into()]))
        );
        assert_eq!(
            m1.answer("ved ikke"),
            Ok(Answer::Choices(vec!["not_sure".into()]))
        );
        assert_eq!(
            m1.answer("co_design;co_delivery"),
            Err(AnswerError::TooManyChoices(1))
        );
        assert_eq!(
            m1.answer("maybe"),
            Err(AnswerError::UnknownOption("maybe".into()))
        );
    }

    proptest::proptest! {
        #[test]
        fn any_input_to_any_question_is_parsed_or_refused_without_panicking(raw in "\\PC{0,40}", a in 0.0f64..1e6, b in 0.0f64..1e6, c in 0.001f64..1e6) {
            for q in Framework::default_framework().questions() {
                let _ = q.answer(&raw);
            }
            let closed = question("T2").triad_answer([&a.to_string(), &b.to_string(), &c.to_string()]);
            let Ok(Answer::Triad(parts)) = closed else { panic!("valid weights refused") };
            proptest::prop_assert!((parts.iter().sum::<f64>() - 1.0).abs() < 1e-9);
            proptest::prop_assert!(parts.iter().all(|p| (0.0..=1.0).contains(p)));
        }
    }

    #[test]
    fn multiple_choices_respect_the_maximum_and_ignore_order_and_repeats() {
        let m3 = question("M3");
        assert_eq!(
            m3.answer("worried; proud"),
            Ok(Answer::Choices(vec!["proud".into(), "worried".into()]))
        );
        assert_eq!(
            m3.answer("proud;proud"),
            Ok(Answer::Choices(vec!["proud".into()]))
        );
        assert_eq!(
            m3.answer("proud;hopeful;relieved"),
            Err(AnswerError::TooManyChoices(2))
        );
        let m2 = question("M2");
        assert!(
            matches!(m2.answer("the young person;school;manager"), Ok(Answer::Choices(c)) if c.len() == 3)
        );
    }
}
