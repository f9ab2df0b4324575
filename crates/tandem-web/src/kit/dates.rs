//! Dates as people read them: Danish `28.02.2026`, English `2026-02-28`.

use time::Date;

use crate::i18n::Translator;

/// A date as shown in the page's language (Danish `28.02.2026`, English `2026-02-28`).
#[must_use]
pub fn show_date(tr: &Translator, date: Date) -> String {
    if tr.language().code() == "da" {
        format!(
            "{:02}.{:02}.{}",
            date.day(),
            u8::from(date.month()),
            date.year()
        )
    } else {
        date.to_string()
    }
}

/// An optional date as shown, or a dash.
#[must_use]
pub fn show_opt(tr: &Translator, date: Option<Date>) -> String {
    date.map_or_else(|| "–".to_owned(), |d| show_date(tr, d))
}

/// An optional date for an `<input type="date">`.
#[must_use]
pub fn input_date(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}
