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

/// The text an [`inert_cell`] was made from (for reading Tandem's own files back).
#[must_use]
pub fn restore_cell(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

#[cfg(test)]
mod tests {
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
