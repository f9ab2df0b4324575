//! Human-entered text.
//!
//! Everything people type into Tandem — a goal in a young person's own words, a story, an
//! organization's name — passes through [`PlainText`]. It keeps the words exactly as written
//! (they are the record) but refuses what no person means to type: invisible control characters,
//! and text longer than the field allows. Script tags and SQL fragments are *not* refused here:
//! they are ordinary characters, stored inert and always shown escaped.
//!
//! Invisible Unicode formatting is handled by what it can do:
//! - **Direction overrides, embeddings and isolates** (U+202A–U+202E, U+2066–U+2069) reorder how
//!   the text *after* them is displayed, so `"\u{202e}txt.exe"` shows as `exe.txt`: refused in
//!   every text.
//! - **Zero-width spaces, word joiners and byte-order marks** (U+200B, U+2060, U+FEFF) carry no
//!   meaning; they arrive with copied text. In multi-line texts they are *stripped*; in one-line
//!   texts (names, titles, which people search for and tell apart) they are *refused*, together
//!   with the zero-width (non-)joiners and direction marks (U+200C, U+200D, U+200E, U+200F,
//!   U+061C), so two names that look the same are the same.
//! - Zero-width joiners and direction marks are kept in multi-line texts: emoji sequences (👨‍👩‍👧)
//!   and Arabic or Persian writing need them, and they cannot reorder other text.

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
    /// The text contains invisible formatting that changes how it reads: a direction override
    /// anywhere, or a zero-width character or direction mark in a one-line text.
    #[error("the text contains invisible formatting characters")]
    InvisibleFormatting,
}

/// Whether `c` reorders the display of the text after it (an embedding, override or isolate):
/// refused in every text, and in every query string by the web's input gate.
#[must_use]
pub fn is_direction_override(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Carries no meaning in running text: stripped from multi-line texts, refused in one-line ones.
fn is_meaningless_invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}')
}

/// Needed by some writing (emoji sequences, Arabic script) but never in a name: refused in
/// one-line texts, kept in multi-line ones.
fn is_joiner_or_mark(c: char) -> bool {
    matches!(c, '\u{200c}'..='\u{200f}' | '\u{061c}')
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
        if input.chars().any(is_direction_override)
            || (single_line
                && input
                    .chars()
                    .any(|c| is_meaningless_invisible(c) || is_joiner_or_mark(c)))
        {
            return Err(TextError::InvisibleFormatting);
        }
        let stripped: String;
        let input = if input.chars().any(is_meaningless_invisible) {
            stripped = input
                .chars()
                .filter(|c| !is_meaningless_invisible(*c))
                .collect();
            stripped.as_str()
        } else {
            input
        };
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

    #[test]
    fn direction_overrides_are_refused_in_every_text() {
        for text in ["\u{202e}txt.exe", "a\u{2066}b", "line\n\u{202d}x"] {
            assert_eq!(
                PlainText::parse(text, 100),
                Err(TextError::InvisibleFormatting)
            );
            assert_eq!(
                PlainText::parse_single_line(&text.replace('\n', " "), 100),
                Err(TextError::InvisibleFormatting)
            );
        }
    }

    #[test]
    fn zero_width_characters_are_refused_in_names_and_stripped_from_texts() {
        for c in ['\u{200b}', '\u{2060}', '\u{feff}'] {
            let text = format!("{c}Anna{c} Jensen");
            assert_eq!(
                PlainText::parse_single_line(&text, 100),
                Err(TextError::InvisibleFormatting)
            );
            assert_eq!(
                PlainText::parse(&text, 100).expect("stripped").as_str(),
                "Anna Jensen"
            );
        }
        assert_eq!(
            PlainText::parse("\u{feff}\u{200b}", 10),
            Err(TextError::Empty),
            "nothing but invisible characters is nothing"
        );
    }

    #[test]
    fn joiners_and_direction_marks_are_kept_in_texts_but_not_in_names() {
        let family = "Min familie \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        assert_eq!(
            PlainText::parse(family, 100).expect("kept").as_str(),
            family
        );
        assert_eq!(
            PlainText::parse_single_line(family, 100),
            Err(TextError::InvisibleFormatting)
        );
        assert!(PlainText::parse("\u{645}\u{200f}2026", 100).is_ok());
    }

    proptest! {
        #[test]
        fn accepted_text_never_holds_forbidden_characters(input in "\\PC*", max in 1usize..64) {
            if let Ok(text) = PlainText::parse_single_line(&input, max) {
                prop_assert!(text.as_str().chars().count() <= max);
                prop_assert!(!text.as_str().chars().any(char::is_control));
                prop_assert!(!text.as_str().chars().any(|c| is_direction_override(c)
                    || is_meaningless_invisible(c) || is_joiner_or_mark(c)));
                prop_assert_eq!(text.as_str(), text.as_str().trim());
            }
        }
    }
}
