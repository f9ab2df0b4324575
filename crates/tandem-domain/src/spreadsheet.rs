//! Text cells that a spreadsheet will not run (CSV/formula injection).
//!
//! Every file Tandem exports can be opened in Excel or LibreOffice, and both treat a cell that
//! begins with `=`, `+`, `-` or `@` (and, in some versions, a tab or carriage return) as a
//! formula — `=HYPERLINK(...)` or `=cmd|...` planted in a story by any teller, anonymous ones
//! included, would run on the reader's machine. Every text cell of every export therefore goes
//! through [`inert_cell`], which puts an apostrophe in front of such a cell: spreadsheets show
//! the text as written and run nothing. A cell that already begins with an apostrophe gets one
//! more, so that [`restore_cell`] — used when Tandem reads its own story CSV back — returns
//! exactly the text that was exported.

use std::borrow::Cow;

/// The characters a spreadsheet may read as the start of a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `text` as a cell a spreadsheet will show, not run.
#[must_use]
pub fn inert_cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) || text.starts_with('\'') {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// How a CSV file is written for the reader's spreadsheet: Danish Excel splits columns at
/// semicolons and reads decimal commas (the comma being the decimal mark, a comma-separated file
/// lands in one column there); English spreadsheets read commas and decimal points. Either way
/// the file starts with a UTF-8 byte-order mark, without which Excel reads "æøå" as Latin-1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvLocale {
    /// Semicolons, decimal commas.
    Danish,
    /// Commas, decimal points.
    English,
}

/// The UTF-8 byte-order mark every CSV export starts with.
pub const BYTE_ORDER_MARK: [u8; 3] = [0xEF, 0xBB, 0xBF];

impl CsvLocale {
    /// The column separator.
    #[must_use]
    pub fn delimiter(self) -> u8 {
        match self {
            Self::Danish => b';',
            Self::English => b',',
        }
    }

    /// A number cell: at most three decimals, trailing zeros dropped, the locale's decimal mark
    /// (`0.666…` → "0,667" in Danish, `0.5` → "0,5", `12.0` → "12"). Not-a-number is empty.
    #[must_use]
    pub fn number(self, value: f64) -> String {
        if !value.is_finite() {
            return String::new();
        }
        let fixed = format!("{value:.3}");
        let trimmed = fixed.trim_end_matches('0').trim_end_matches('.');
        let text = if trimmed == "-0" { "0" } else { trimmed };
        match self {
            Self::Danish => text.replace('.', ","),
            Self::English => text.to_owned(),
        }
    }
}

/// The text an [`inert_cell`] was made from (for reading Tandem's own files back).
#[must_use]
pub fn restore_cell(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_are_written_for_the_readers_spreadsheet() {
        let (da, en) = (super::CsvLocale::Danish, super::CsvLocale::English);
        assert_eq!(da.number(0.6), "0,6");
        assert_eq!(en.number(0.6), "0.6");
        assert_eq!(da.number(2.0 / 3.0), "0,667", "no full float precision");
        assert_eq!(da.number(12.0), "12");
        assert_eq!(da.number(-0.0001), "0");
        assert_eq!(da.number(f64::NAN), "");
        assert_eq!((da.delimiter(), en.delimiter()), (b';', b','));
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_formula_is_written_as_text() {
        assert_eq!(
            inert_cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(inert_cell("+45 12 34"), "'+45 12 34");
        assert_eq!(inert_cell("-1"), "'-1");
        assert_eq!(inert_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert_cell("\tx"), "'\tx");
        assert_eq!(inert_cell("Jeg er glad"), "Jeg er glad");
        assert_eq!(inert_cell(""), "");
        assert_eq!(inert_cell("a=b"), "a=b");
    }

    proptest! {
        #[test]
        fn every_text_survives_the_round_trip_and_never_starts_a_formula(text in ".{0,20}") {
            let cell = inert_cell(&text);
            prop_assert!(!cell.starts_with(FORMULA_STARTS));
            prop_assert_eq!(restore_cell(&cell), text.as_str());
        }
    }
}
