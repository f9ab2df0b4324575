//! Signifier frameworks: the questions a story's teller answers about their own story (triads,
//! dyads, sliders, choices, free text, metadata), as versioned configuration in TOML.
//!
//! A framework file is parsed into [`Framework`], which can only exist when it is valid: unique
//! question and option ids, three corners for a triad, two poles for a dyad or slider, a maximum
//! that fits the options, and every label in both Danish and English. The spec's default
//! framework ships in `data/default-framework.toml`.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The default framework shipped with Tandem.
const DEFAULT: &str = include_str!("../data/default-framework.toml");

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    /// Danish.
    pub da: String,
    /// English.
    pub en: String,
}

/// A choice option: a stable id and its labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    /// Stable id, used in stored answers and CSV.
    pub id: String,
    /// Danish label.
    pub da: String,
    /// English label.
    pub en: String,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// A point in a triangle: three weights summing to 1.
    Triad,
    /// 0–100 between two poles that are both undesirable.
    Dyad,
    /// 0–100 between two labelled ends.
    Slider,
    /// One option.
    Single,
    /// Several options, up to an optional maximum.
    Multiple,
    /// Free text.
    FreeText,
    /// A coarse fact about the teller (role, team, tenure band), as options.
    Metadata,
}

/// One question of a framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable id (`T1`, `D3`, `M2`), used in stored answers and CSV columns.
    pub id: String,
    /// The kind of answer.
    pub kind: QuestionKind,
    /// The question as asked.
    pub stem: Bilingual,
    /// Corners (triad) or poles (dyad, slider).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<Bilingual>,
    /// Options (single, multiple, metadata).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ChoiceOption>,
    /// The most options that may be chosen (multiple).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<usize>,
    /// Whether the question may be skipped entirely (N/A is always possible as an answer).
    #[serde(default)]
    pub optional: bool,
    /// Part of the short set offered to young people and network members.
    #[serde(default)]
    pub reduced: bool,
    /// The analysis codes of the corners or poles (`TPA`, `NPM`, `NPG`): shown on the pattern
    /// pages beside the labels, never to a teller, because a theory's name primes the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<String>,
    /// The same question in plain words for young people and their networks (the short set):
    /// the signifier stays one question in the analysis, only its wording changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plain: Option<Wording>,
}

/// A question's wording for young tellers: the stem, and the labels and options in the same
/// order and with the same ids as the question's own (an empty list keeps the question's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wording {
    /// The question as a 12-year-old is asked it.
    pub stem: Bilingual,
    /// Corners or poles, in the question's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<Bilingual>,
    /// Options, with the question's ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ChoiceOption>,
}

impl Question {
    /// The question as young people and network members see it: its plain wording where the
    /// framework has one, else as written.
    #[must_use]
    pub fn in_plain_words(&self) -> Self {
        let mut q = self.clone();
        if let Some(plain) = self.plain.clone() {
            q.stem = plain.stem;
            if !plain.labels.is_empty() {
                q.labels = plain.labels;
            }
            if !plain.options.is_empty() {
                q.options = plain.options;
            }
        }
        q
    }

    /// A corner's or pole's label with its analysis code, for the pattern pages
    /// ("At nå frem sammen (NPG)"); the label alone when the question has no codes.
    #[must_use]
    pub fn coded_label(&self, index: usize, label: &str) -> String {
        match self.codes.get(index) {
            Some(code) => format!("{label} ({code})"),
            None => label.to_owned(),
        }
    }
}

/// The framework file as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct FrameworkFile {
    id: String,
    version: u32,
    name: Bilingual,
    #[serde(default)]
    prompts: Vec<Bilingual>,
    questions: Vec<Question>,
}

/// A valid framework.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Framework(FrameworkFile);

/// Why a framework file was refused; each names the question concerned.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FrameworkError {
    /// Not TOML of the expected shape.
    #[error("the framework file cannot be read: {0}")]
    Syntax(String),
    /// An id is empty or has characters other than letters, digits and `_`.
    #[error("'{0}' is not a valid id (letters, digits and _ only, starting with a letter)")]
    InvalidId(String),
    /// Two questions, or two options of one question, share an id.
    #[error("the id '{0}' is used twice")]
    DuplicateId(String),
    /// A triad without exactly three corners, or a dyad/slider without exactly two poles.
    #[error("question {question} needs exactly {expected} labels")]
    WrongLabelCount {
        /// The question.
        question: String,
        /// How many it needs.
        expected: usize,
    },
    /// A choice question with fewer than two options.
    #[error("question {0} needs at least two options")]
    TooFewOptions(String),
    /// A maximum of 0, above the number of options, or on a question that is not multiple choice.
    #[error("question {0} has a maximum that does not fit")]
    InvalidMax(String),
    /// A text missing in one of the languages.
    #[error("a text of {0} is missing in Danish or English")]
    MissingTranslation(String),
    /// No questions at all.
    #[error("the framework has no questions")]
    NoQuestions,
    /// Analysis codes that do not match the labels one to one, or are not short capitals.
    #[error("question {0} has codes that do not match its labels")]
    InvalidCodes(String),
    /// A plain wording whose labels or options do not match the question's.
    #[error("question {0} has a plain wording that does not match it")]
    InvalidWording(String),
}

fn valid_id(id: &str) -> bool {
    id.len() <= 64
        && id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Framework ids may also contain hyphens (`tandem-default`).
fn valid_framework_id(id: &str) -> bool {
    valid_id(&id.replace('-', "_"))
}

fn complete(text: &Bilingual) -> bool {
    !text.da.trim().is_empty() && !text.en.trim().is_empty()
}

impl Framework {
    /// Parses and validates a framework file.
    ///
    /// # Errors
    /// The first [`FrameworkError`] found.
    pub fn parse_toml(text: &str) -> Result<Self, FrameworkError> {
        let file: FrameworkFile =
            toml::from_str(text).map_err(|e| FrameworkError::Syntax(e.message().to_owned()))?;
        validate(&file)?;
        Ok(Self(file))
    }

    /// The framework shipped with Tandem.
    ///
    /// # Panics
    /// Never: the shipped file is checked by a test.
    #[must_use]
    pub fn default_framework() -> Self {
        #[expect(
            clippy::expect_used,
            reason = "the shipped file is validated by a test"
        )]
        Self::parse_toml(DEFAULT).expect("the shipped default framework is valid")
    }

    /// The framework as a TOML file (export; parses back to an equal framework).
    ///
    /// # Errors
    /// Only if serialization fails, which valid frameworks do not.
    pub fn to_toml(&self) -> Result<String, FrameworkError> {
        toml::to_string(&self.0).map_err(|e| FrameworkError::Syntax(e.to_string()))
    }

    /// Its stable id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.0.id
    }

    /// Its version (a story keeps the version it was told under).
    #[must_use]
    pub fn version(&self) -> u32 {
        self.0.version
    }

    /// Its name.
    #[must_use]
    pub fn name(&self) -> &Bilingual {
        &self.0.name
    }

    /// The prompts a campaign can choose from.
    #[must_use]
    pub fn prompts(&self) -> &[Bilingual] {
        &self.0.prompts
    }

    /// All questions, in order.
    #[must_use]
    pub fn questions(&self) -> &[Question] {
        &self.0.questions
    }

    /// The short set for young people and network members, as written (answers are read
    /// against these).
    pub fn reduced_questions(&self) -> impl Iterator<Item = &Question> {
        self.0.questions.iter().filter(|q| q.reduced)
    }

    /// The short set as young people and network members are asked it: in plain words.
    #[must_use]
    pub fn questions_for_young_people(&self) -> Vec<Question> {
        self.reduced_questions()
            .map(Question::in_plain_words)
            .collect()
    }

    /// A copy as the next version (administrators edit copies; stories keep their version).
    #[must_use]
    pub fn next_version(&self) -> Self {
        let mut copy = self.0.clone();
        copy.version += 1;
        Self(copy)
    }
}

fn validate(file: &FrameworkFile) -> Result<(), FrameworkError> {
    if !valid_framework_id(&file.id) {
        return Err(FrameworkError::InvalidId(file.id.clone()));
    }
    if !complete(&file.name) || !file.prompts.iter().all(complete) {
        return Err(FrameworkError::MissingTranslation(file.id.clone()));
    }
    if file.questions.is_empty() {
        return Err(FrameworkError::NoQuestions);
    }
    let mut ids = HashSet::new();
    for q in &file.questions {
        if !valid_id(&q.id) {
            return Err(FrameworkError::InvalidId(q.id.clone()));
        }
        if !ids.insert(q.id.as_str()) {
            return Err(FrameworkError::DuplicateId(q.id.clone()));
        }
        if !complete(&q.stem) || !q.labels.iter().all(complete) {
            return Err(FrameworkError::MissingTranslation(q.id.clone()));
        }
        let labels = match q.kind {
            QuestionKind::Triad => Some(3),
            QuestionKind::Dyad | QuestionKind::Slider => Some(2),
            _ => None,
        };
        if let Some(expected) = labels
            && q.labels.len() != expected
        {
            return Err(FrameworkError::WrongLabelCount {
                question: q.id.clone(),
                expected,
            });
        }
        let has_options = matches!(
            q.kind,
            QuestionKind::Single | QuestionKind::Multiple | QuestionKind::Metadata
        );
        if has_options && q.options.len() < 2 {
            return Err(FrameworkError::TooFewOptions(q.id.clone()));
        }
        let mut option_ids = HashSet::new();
        for option in &q.options {
            if !valid_id(&option.id) {
                return Err(FrameworkError::InvalidId(option.id.clone()));
            }
            if !option_ids.insert(option.id.as_str()) {
                return Err(FrameworkError::DuplicateId(format!(
                    "{}.{}",
                    q.id, option.id
                )));
            }
            if option.da.trim().is_empty() || option.en.trim().is_empty() {
                return Err(FrameworkError::MissingTranslation(format!(
                    "{}.{}",
                    q.id, option.id
                )));
            }
        }
        if let Some(max) = q.max
            && (q.kind != QuestionKind::Multiple || max == 0 || max > q.options.len())
        {
            return Err(FrameworkError::InvalidMax(q.id.clone()));
        }
        validate_codes(q)?;
        validate_wording(q)?;
    }
    Ok(())
}

fn validate_codes(q: &Question) -> Result<(), FrameworkError> {
    let short_capitals = |c: &String| {
        (1..=8).contains(&c.len())
            && c.chars()
                .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit())
    };
    if q.codes.is_empty() || (q.codes.len() == q.labels.len() && q.codes.iter().all(short_capitals))
    {
        Ok(())
    } else {
        Err(FrameworkError::InvalidCodes(q.id.clone()))
    }
}

fn validate_wording(q: &Question) -> Result<(), FrameworkError> {
    let Some(plain) = &q.plain else {
        return Ok(());
    };
    if !complete(&plain.stem) || !plain.labels.iter().all(complete) {
        return Err(FrameworkError::MissingTranslation(q.id.clone()));
    }
    let labels_fit = plain.labels.is_empty() || plain.labels.len() == q.labels.len();
    let options_fit = plain.options.is_empty()
        || (plain.options.len() == q.options.len()
            && plain
                .options
                .iter()
                .zip(&q.options)
                .all(|(p, o)| p.id == o.id)
            && plain
                .options
                .iter()
                .all(|o| !o.da.trim().is_empty() && !o.en.trim().is_empty()));
    if labels_fit && options_fit {
        Ok(())
    } else {
        Err(FrameworkError::InvalidWording(q.id.clone()))
    }
}

#[cfg(test)]
mod tests;
