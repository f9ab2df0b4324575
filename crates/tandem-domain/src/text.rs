//! Human-entered text.
//!
//! Everything people type into Tandem — a goal in a young person's own words, a story, an
//! organization's name — passes through [`PlainText`]. It keeps the words exactly as written
//! (they are the record) but refuses what no person means to type: invisible control characters,
//! and text longer than the field allows. Script tags and SQL fragments are *not* refused here:
//! they are ordinary characters, stored inert and always shown escaped.

use std::fmt;

use thiserror::Error;

/// Why a piece of text was refused. Each variant maps to one translated message in the web layer.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TextError {
    /// Nothing but white space was given where text is required.
    #[error("the text is empty")]
    Empty,
    /// The text has more characters than the field allows.
    #[error("the text is longer than {max} characters")]
    TooLong {
        /// The field's maximum, in characters.
        max: usize,
    },
    /// The text contains a control character other than line breaks and tabs.
    #[error("the text contains an invisible control character")]
    ControlCharacter,
}

/// Text typed by a person: non-empty after trimming, within a maximum length, and free of
/// control characters other than newline, carriage return and tab (and of those too where
/// `single_line` is asked for).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct PlainText(String);

impl PlainText {
    /// Parses multi-line text of at most `max_chars` characters.
    ///
    /// # Errors
    /// A [`TextError`] naming the first rule broken.
    pub fn parse(input: &str, max_chars: usize) -> Result<Self, TextError> {
        Self::parse_with(input, max_chars, false)
    }

    /// Parses text that must stay on one line (names, titles).
    ///
    /// # Errors
    /// A [`TextError`] naming the first rule broken.
    pub fn parse_single_line(input: &str, max_chars: usize) -> Result<Self, TextError> {
        Self::parse_with(input, max_chars, true)
    }

    fn parse_with(input: &str, max_chars: usize, single_line: bool) -> Result<Self, TextError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(TextError::Empty);
        }
        // Count characters, not bytes: Danish letters are two bytes in UTF-8 and must not
        // shorten the limit for people who write Danish.
        if trimmed.chars().count() > max_chars {
            return Err(TextError::TooLong { max: max_chars });
        }
        let allowed = |c: char| !single_line && matches!(c, '\n' | '\r' | '\t');
        if trimmed.chars().any(|c| c.is_control() && !allowed(c)) {
            return Err(TextError::ControlCharacter);
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The text as written (trimmed at both ends).
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Takes the text out.
    #[must_use]
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for PlainText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn words_are_kept_exactly_apart_from_surrounding_space() {
        let text = PlainText::parse("  Jeg vil gerne i skole igen  \n", 100).expect("valid");
        assert_eq!(text.as_str(), "Jeg vil gerne i skole igen");
    }

    #[test]
    fn script_and_sql_are_ordinary_text() {
        for hostile in ["<script>alert(1)</script>", "'; DROP TABLE courses; --"] {
            assert_eq!(
                PlainText::parse(hostile, 100).expect("inert").as_str(),
                hostile
            );
        }
    }

    #[test]
    fn the_limit_counts_characters_not_bytes() {
        let danish = "æøå".repeat(10);
        assert!(PlainText::parse(&danish, 30).is_ok());
        assert_eq!(
            PlainText::parse(&danish, 29),
            Err(TextError::TooLong { max: 29 })
        );
    }

    #[test]
    fn empty_and_blank_text_is_refused() {
        assert_eq!(PlainText::parse("", 10), Err(TextError::Empty));
        assert_eq!(PlainText::parse(" \n\t ", 10), Err(TextError::Empty));
    }

    #[test]
    fn control_characters_are_refused_but_line_breaks_are_not() {
        assert_eq!(
            PlainText::parse("a\u{0}b", 10),
            Err(TextError::ControlCharacter)
        );
        assert_eq!(
            PlainText::parse("a\u{1b}[31mb", 10),
            Err(TextError::ControlCharacter)
        );
        assert!(PlainText::parse("first line\nsecond\tline", 100).is_ok());
        assert_eq!(
            PlainText::parse_single_line("first\nsecond", 100),
            Err(TextError::ControlCharacter)
        );
    }

    proptest! {
        #[test]
        fn accepted_text_never_holds_forbidden_characters(input in "\\PC*", max in 1usize..64) {
            if let Ok(text) = PlainText::parse_single_line(&input, max) {
                prop_assert!(text.as_str().chars().count() <= max);
                prop_assert!(!text.as_str().chars().any(char::is_control));
                prop_assert_eq!(text.as_str(), text.as_str().trim());
            }
        }
    }
}
