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

    /// A form refused for one reason, on one field.
    #[must_use]
    pub fn one(field: &'static str, message: String) -> Self {
        Self {
            errors: vec![(field, message)],
        }
    }

    /// `value`, or `None` with `message` on `field` when it is missing: for forms that check
    /// every field before giving up.
    pub fn require<T>(
        &mut self,
        value: Option<T>,
        field: &'static str,
        message: String,
    ) -> Option<T> {
        if value.is_none() {
            self.add(field, message);
        }
        value
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

    /// The status of a page showing this form: 422 when it has errors (a submission was
    /// refused), 200 otherwise.
    #[must_use]
    pub fn status(&self) -> axum::http::StatusCode {
        if self.is_empty() {
            axum::http::StatusCode::OK
        } else {
            axum::http::StatusCode::UNPROCESSABLE_ENTITY
        }
    }

    /// All errors, for the summary.
    #[must_use]
    pub fn all(&self) -> &[(&'static str, String)] {
        &self.errors
    }
}

/// Checks a new password and its repetition, adding translated errors to the `new_password`
/// and `repeat` fields; the password when both are fine.
pub fn new_password(
    tr: &crate::i18n::Translator,
    new: &str,
    repeat: &str,
    errors: &mut FormErrors,
) -> Option<tandem_domain::password::NewPassword> {
    let parsed = tandem_domain::password::NewPassword::parse(new)
        .map_err(|e| errors.add("new_password", tr.t(password_error_key(&e))))
        .ok();
    if new != repeat {
        errors.add("repeat", tr.t("password-error-mismatch"));
        return None;
    }
    parsed
}

/// The form that changes one's own password (staff and citizens alike).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct PasswordChangeForm {
    /// The password now.
    pub current: String,
    /// The one chosen.
    pub new_password: String,
    /// The one chosen, again.
    pub repeat: String,
}

impl PasswordChangeForm {
    /// The new password, or the translated problems: a wrong current password (`current_ok`
    /// false), a new one that breaks a rule, a repetition that differs.
    ///
    /// # Errors
    /// The field problems the page shows.
    pub fn parse(
        &self,
        tr: &crate::i18n::Translator,
        current_ok: bool,
    ) -> Result<tandem_domain::password::NewPassword, FormErrors> {
        let mut errors = FormErrors::new();
        if !current_ok {
            errors.add("current", tr.t("password-error-current"));
        }
        let new = new_password(tr, &self.new_password, &self.repeat, &mut errors);
        match new {
            Some(new) if errors.is_empty() => Ok(new),
            _ => Err(errors),
        }
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

/// A urlencoded form that refuses invalid UTF-8 with 400 (axum's own `Form` decodes it lossily,
/// which would store replacement characters instead of what the person typed).
#[derive(Debug)]
pub struct Form<T>(pub T);

impl<T, S> axum::extract::FromRequest<S> for Form<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = axum::http::StatusCode;

    async fn from_request(
        request: axum::extract::Request,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        use axum::http::StatusCode;
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|e| e.status())?;
        if !is_strict_utf8_form(&bytes) {
            return Err(StatusCode::BAD_REQUEST);
        }
        serde_urlencoded::from_bytes(&bytes)
            .map(Form)
            .map_err(|_| StatusCode::UNPROCESSABLE_ENTITY)
    }
}

/// Whether every name and value of a urlencoded body decodes to valid UTF-8.
#[must_use]
pub fn is_strict_utf8_form(body: &[u8]) -> bool {
    body.split(|b| *b == b'&')
        .flat_map(|pair| pair.split(|b| *b == b'='))
        .all(|part| {
            let mut decoded = Vec::with_capacity(part.len());
            let mut i = 0;
            while i < part.len() {
                match part[i] {
                    b'+' => decoded.push(b' '),
                    b'%' => {
                        let hex = part
                            .get(i + 1..i + 3)
                            .and_then(|h| std::str::from_utf8(h).ok());
                        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                            Some(byte) => {
                                decoded.push(byte);
                                i += 2;
                            }
                            None => return false,
                        }
                    }
                    other => decoded.push(other),
                }
                i += 1;
            }
            std::str::from_utf8(&decoded).is_ok()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_and_broken_escapes_are_refused() {
        assert!(is_strict_utf8_form(b"name=%C3%A6bler+og+p%C3%A6rer&x="));
        assert!(!is_strict_utf8_form(b"name=%FF%FE"));
        assert!(!is_strict_utf8_form(b"name=%C3"));
        assert!(!is_strict_utf8_form(b"name=%G1"));
        assert!(!is_strict_utf8_form(b"name=%"));
        assert!(!is_strict_utf8_form(b"na%FFme=x"));
    }
}

/// One option of a select list or radio group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The submitted value.
    pub value: String,
    /// The label shown.
    pub label: String,
    /// Whether it is the current value.
    pub selected: bool,
}

impl Choice {
    /// Choices from `(value, label)` pairs, with `current` selected.
    #[must_use]
    pub fn list(options: impl IntoIterator<Item = (String, String)>, current: &str) -> Vec<Self> {
        options
            .into_iter()
            .map(|(value, label)| Self {
                selected: value == current,
                value,
                label,
            })
            .collect()
    }
}

/// Translated keyword choices: the label of `word` is the translation of `{prefix}-{word}`.
#[must_use]
pub fn keyword_choices(
    tr: &crate::i18n::Translator,
    prefix: &str,
    words: impl IntoIterator<Item = &'static str>,
    current: &str,
) -> Vec<Choice> {
    Choice::list(
        words
            .into_iter()
            .map(|w| (w.to_owned(), tr.t(&format!("{prefix}-{w}")))),
        current,
    )
}

/// Adds the translated error for a domain rule broken by the input.
pub fn add_problem(
    tr: &crate::i18n::Translator,
    errors: &mut FormErrors,
    problem: tandem_domain::course::Problem,
) {
    if errors.get(problem.field).is_none() {
        errors.add(
            problem.field,
            tr.t(&format!("course-error-{}", problem.key)),
        );
    }
}

/// Keeps what a person typed for re-display after an error, cut to a sane length. Forms that
/// parse the kept value (the practices' page forms) must see control characters as typed, so
/// their field refuses them.
#[must_use]
pub fn kept(input: &str) -> String {
    input.chars().take(10_000).collect()
}

/// What a person typed, for re-display only: [`kept`], with control characters other than line
/// breaks and tabs shown as U+FFFD. The field's error names them; raw, they would ring, clear or
/// recolour a terminal that shows the page source.
#[must_use]
pub fn redisplayed(input: &str) -> String {
    kept(input)
        .chars()
        .map(|c| {
            if c.is_control() && !matches!(c, '\n' | '\r' | '\t') {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// A date field's error, naming the field when its label is known (`course-<field>`): a form
/// with several dates otherwise shows "Enter a date." twice in its summary, not saying which.
fn date_message(tr: &crate::i18n::Translator, field: &str, key: &str) -> String {
    match tr.try_t(&format!("course-{}", field.replace('_', "-"))) {
        Some(label) => tr.t_str(&format!("{key}-named"), "field", &label),
        None => tr.t(key),
    }
}

/// The error of a choice that is not one of the field's options, naming the field by its label
/// (`label_key`): a form with several choices otherwise lists "Choose one of the options."
/// twice in its summary.
#[must_use]
pub fn choose_message(tr: &crate::i18n::Translator, label_key: &str) -> String {
    tr.t_str("course-error-choose-named", "field", &tr.t(label_key))
}

/// Parses an optional date field (`YYYY-MM-DD`); a malformed one adds the translated error.
pub fn optional_date(
    tr: &crate::i18n::Translator,
    errors: &mut FormErrors,
    field: &'static str,
    value: &str,
) -> Option<time::Date> {
    tandem_domain::course::parse_optional_date(value)
        .map_err(|_| errors.add(field, date_message(tr, field, "course-error-date-invalid")))
        .ok()
        .flatten()
}

/// Parses a text field (one line when `single`) of at most `max` characters; a broken rule adds
/// the translated error and gives `None`.
pub fn text_input(
    tr: &crate::i18n::Translator,
    errors: &mut FormErrors,
    field: &'static str,
    value: &str,
    max: usize,
    single: bool,
) -> Option<tandem_domain::PlainText> {
    let parsed = if single {
        tandem_domain::PlainText::parse_single_line(value, max)
    } else {
        tandem_domain::PlainText::parse(value, max)
    };
    parsed
        .map_err(|e| errors.add(field, text_message(tr, &e, text_error_key(&e), value)))
        .ok()
}

/// Parses a required date field; a missing or malformed one adds the translated error.
pub fn required_date(
    tr: &crate::i18n::Translator,
    errors: &mut FormErrors,
    field: &'static str,
    value: &str,
) -> Option<time::Date> {
    match tandem_domain::course::parse_optional_date(value) {
        Ok(Some(date)) => Some(date),
        Ok(None) => {
            errors.add(field, date_message(tr, field, "course-error-date-required"));
            None
        }
        Err(_) => {
            errors.add(field, date_message(tr, field, "course-error-date-invalid"));
            None
        }
    }
}

/// What a person is told when a text field breaks a rule: `empty_key`'s words when nothing was
/// written (each field says what belongs there), the field's limit and how much was written
/// when it is too long, and what is invisible in it otherwise.
#[must_use]
pub fn text_message(
    tr: &crate::i18n::Translator,
    error: &tandem_domain::TextError,
    empty_key: &str,
    value: &str,
) -> String {
    match error {
        tandem_domain::TextError::Empty => tr.t(empty_key),
        tandem_domain::TextError::TooLong { max } => tr.t_strs(
            "text-error-too-long",
            &[
                ("max", &crate::numbers::whole(tr, *max)),
                ("length", &crate::numbers::whole(tr, value.chars().count())),
            ],
        ),
        other => tr.t(text_error_key(other)),
    }
}

/// A required text field of at most `max` characters (several lines allowed), or its error
/// (see [`text_message`]).
pub fn required_text(
    errors: &mut FormErrors,
    tr: &crate::i18n::Translator,
    field: (&'static str, &str),
    max: usize,
    empty_key: &str,
) -> Option<tandem_domain::PlainText> {
    checked_text(
        errors,
        tr,
        field,
        tandem_domain::PlainText::parse(field.1, max),
        empty_key,
    )
}

/// A required one-line text field (see [`required_text`]).
pub fn required_line(
    errors: &mut FormErrors,
    tr: &crate::i18n::Translator,
    field: (&'static str, &str),
    max: usize,
    empty_key: &str,
) -> Option<tandem_domain::PlainText> {
    let parsed = tandem_domain::PlainText::parse_single_line(field.1, max);
    checked_text(errors, tr, field, parsed, empty_key)
}

/// The parsed text, or its error added under the field.
fn checked_text(
    errors: &mut FormErrors,
    tr: &crate::i18n::Translator,
    (field, value): (&'static str, &str),
    parsed: Result<tandem_domain::PlainText, tandem_domain::TextError>,
    empty_key: &str,
) -> Option<tandem_domain::PlainText> {
    parsed
        .map_err(|e| errors.add(field, text_message(tr, &e, empty_key, value)))
        .ok()
}

/// An optional text field: `None` when blank, else as [`required_text`].
pub fn optional_text(
    errors: &mut FormErrors,
    tr: &crate::i18n::Translator,
    (field, value): (&'static str, &str),
    max: usize,
) -> Option<tandem_domain::PlainText> {
    if value.trim().is_empty() {
        return None;
    }
    required_text(errors, tr, (field, value), max, "text-error-empty")
}

/// The translation key for a text rule that was broken.
#[must_use]
pub fn text_error_key(error: &tandem_domain::TextError) -> &'static str {
    match error {
        tandem_domain::TextError::Empty => "text-error-empty",
        tandem_domain::TextError::TooLong { .. } => "text-error-long",
        tandem_domain::TextError::ControlCharacter => "text-error-control",
        tandem_domain::TextError::InvisibleFormatting => "text-error-invisible",
    }
}
