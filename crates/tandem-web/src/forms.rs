//! Form errors: collected per field, shown summarized at the top and beside each field, as the
//! design system prescribes. Messages are already translated.

/// The errors of one submitted form.
#[derive(Debug, Clone, Default)]
pub struct FormErrors {
    errors: Vec<(&'static str, String)>,
}

impl FormErrors {
    /// No errors yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an error for a field (its `id`).
    pub fn add(&mut self, field: &'static str, message: String) {
        self.errors.push((field, message));
    }

    /// The error for a field, if any.
    #[must_use]
    pub fn get(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    /// Whether the form was valid.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// All errors, for the summary.
    #[must_use]
    pub fn all(&self) -> &[(&'static str, String)] {
        &self.errors
    }
}

/// The translation key for a password rule that was broken.
#[must_use]
pub fn password_error_key(error: &tandem_domain::password::PasswordError) -> &'static str {
    use tandem_domain::password::PasswordError;
    match error {
        PasswordError::TooShort { .. } => "password-error-short",
        PasswordError::TooLong { .. } => "password-error-long",
        PasswordError::Common => "password-error-common",
        PasswordError::ControlCharacter => "password-error-control",
    }
}
