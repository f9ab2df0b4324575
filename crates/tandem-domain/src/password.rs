//! Password rules (security requirement R9).
//!
//! Length is what makes a password strong, so the rules are few: at least 12 characters, at most
//! 128 (long enough for any passphrase or password manager, short enough to bound hashing cost),
//! and not one of the ~44,000 most common passwords of that length. No composition rules and no
//! forced rotation, following current NIST guidance.

use thiserror::Error;

/// The shortest password accepted, in characters.
pub const MIN_CHARS: usize = 12;
/// The longest password accepted, in characters.
pub const MAX_CHARS: usize = 128;

/// The common-password list, lower-case and sorted (see `scripts/vendor-assets.sh`).
const COMMON: &str = include_str!("../data/common-passwords.txt");

/// The list split into lines once, on first use.
static COMMON_LINES: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| COMMON.lines().collect());

/// Why a new password was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PasswordError {
    /// Fewer than [`MIN_CHARS`] characters.
    #[error("the password must have at least {min} characters")]
    TooShort {
        /// The minimum.
        min: usize,
    },
    /// More than [`MAX_CHARS`] characters.
    #[error("the password can have at most {max} characters")]
    TooLong {
        /// The maximum.
        max: usize,
    },
    /// On the list of commonly used passwords.
    #[error("the password is too common")]
    Common,
    /// Contains an invisible control character (often a paste accident).
    #[error("the password contains an invisible control character")]
    ControlCharacter,
}

/// A password that satisfies the rules; only ever hashed, never stored or logged.
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(…)")
    }
}

impl NewPassword {
    /// Checks a proposed password. Spaces are kept: passphrases are welcome.
    ///
    /// # Errors
    /// The first [`PasswordError`] that applies.
    pub fn parse(input: &str) -> Result<Self, PasswordError> {
        let chars = input.chars().count();
        if chars < MIN_CHARS {
            return Err(PasswordError::TooShort { min: MIN_CHARS });
        }
        if chars > MAX_CHARS {
            return Err(PasswordError::TooLong { max: MAX_CHARS });
        }
        if input.chars().any(char::is_control) {
            return Err(PasswordError::ControlCharacter);
        }
        if is_common(input) {
            return Err(PasswordError::Common);
        }
        Ok(Self(input.to_owned()))
    }

    /// The password, for hashing.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Whether a password is on the common list (case-insensitively).
#[must_use]
pub fn is_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    // The list is sorted bytewise (LC_ALL=C sort), which is `str`'s ordering.
    COMMON_LINES.binary_search(&lower.as_str()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_64_character_passphrase_is_accepted() {
        let phrase = "korte sætninger om cykler og kaffe er lette at huske, ikke gætte";
        assert_eq!(phrase.chars().count(), 64);
        assert!(NewPassword::parse(phrase).is_ok());
    }

    #[test]
    fn the_length_limits_count_characters() {
        assert_eq!(NewPassword::parse("kort kodeord").map(|_| ()), Ok(()));
        assert_eq!(
            NewPassword::parse("elleve tegn").map(|_| ()),
            Err(PasswordError::TooShort { min: 12 })
        );
        assert!(NewPassword::parse(&"æ".repeat(128)).is_ok());
        assert_eq!(
            NewPassword::parse(&"æ".repeat(129)).map(|_| ()),
            Err(PasswordError::TooLong { max: 128 })
        );
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        assert!(COMMON.lines().count() > 40_000);
        for common in ["123456789012", "qwertyuiopasdfghjkl", "PASSWORD1234"] {
            if is_common(common) {
                assert_eq!(
                    NewPassword::parse(common).map(|_| ()),
                    Err(PasswordError::Common)
                );
            }
        }
        assert!(is_common("123456789012") || is_common("qwertyuiopasdfghjkl"));
        assert!(!is_common("en helt almindelig sætning om ingenting"));
    }

    #[test]
    fn the_list_is_sorted_for_binary_search() {
        let lines: Vec<&str> = COMMON.lines().collect();
        assert!(
            lines.windows(2).all(|w| w[0] < w[1]),
            "common-passwords.txt must be sorted and unique"
        );
    }

    #[test]
    fn a_password_never_shows_in_debug_output() {
        let password = NewPassword::parse("hemmelig sætning 42").expect("valid");
        assert!(!format!("{password:?}").contains("hemmelig"));
    }
}
