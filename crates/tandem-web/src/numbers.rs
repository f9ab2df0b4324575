//! Numbers as the reader writes them: a decimal comma in Danish, a point in English; rating
//! values in tenths; shares as whole percentages; kroner with thousands separators.

use crate::i18n::Translator;

/// `value` with `places` decimals in the reader's notation ("0,52" / "0.52").
pub(crate) fn decimal(tr: &Translator, value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    if tr.language().code() == "da" {
        text.replace('.', ",")
    } else {
        text
    }
}

/// A rating value stored in tenths, as the reader writes it: whole numbers without decimals
/// ("7"), others with one ("7,5" / "7.5").
pub(crate) fn tenths(tr: &Translator, value: i32) -> String {
    if value % 10 == 0 {
        (value / 10).to_string()
    } else {
        decimal(tr, f64::from(value) / 10.0, 1)
    }
}

/// A machine-made text with numbers in it ("4.9 → 2.7", "35.5 / 40") in the reader's notation:
/// in Danish, a point between two digits becomes a comma.
pub(crate) fn numbers_in(tr: &Translator, text: &str) -> String {
    if tr.language().code() != "da" {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let between_digits = i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if *c == '.' && between_digits { ',' } else { *c }
        })
        .collect()
}

/// A share (0–1) as a whole percentage in the reader's notation.
pub(crate) fn percent(tr: &Translator, share: f64) -> String {
    format!("{} %", decimal(tr, share * 100.0, 0))
}

/// A count with thousands separators ("1.000" / "1,000").
pub(crate) fn whole(tr: &Translator, count: usize) -> String {
    grouped(tr, count.to_string())
}

fn grouped(tr: &Translator, digits: String) -> String {
    let separator = if tr.language().code() == "da" {
        '.'
    } else {
        ','
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(c);
    }
    grouped
}

/// Whole kroner with thousands separators ("12.345 kr." / "DKK 12,345").
pub(crate) fn kroner(tr: &Translator, value: f64) -> String {
    let grouped = grouped(tr, (value.round().abs() as u64).to_string());
    let sign = if value.round() < 0.0 { "-" } else { "" };
    if tr.language().code() == "da" {
        format!("{sign}{grouped} kr.")
    } else {
        format!("DKK {sign}{grouped}")
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::i18n::{I18n, Language};

    #[test]
    fn numbers_are_written_the_readers_way() {
        let i18n = Arc::new(I18n::load().expect("catalogs"));
        let (da, en) = (
            i18n.translator(Language::Danish),
            i18n.translator(Language::English),
        );
        assert_eq!(decimal(&da, 0.525, 2), "0,53");
        assert_eq!(decimal(&en, 0.525, 2), "0.53");
        assert_eq!(percent(&da, 0.6), "60 %");
        assert_eq!(kroner(&da, 1_234_567.4), "1.234.567 kr.");
        assert_eq!(kroner(&en, 1_234_567.6), "DKK 1,234,568");
        assert_eq!(kroner(&da, 999.0), "999 kr.");
        assert_eq!(
            (whole(&da, 5400), whole(&en, 5400)),
            ("5.400".into(), "5,400".into())
        );
        assert_eq!(whole(&da, 12), "12");
        assert_eq!(kroner(&en, -12_000.0), "DKK -12,000");
        assert_eq!(
            (tenths(&da, 70), tenths(&da, 75), tenths(&en, 75)),
            ("7".into(), "7,5".into(), "7.5".into())
        );
        assert_eq!(numbers_in(&da, "4.9 → 2.7 (v. 3.)"), "4,9 → 2,7 (v. 3.)");
        assert_eq!(numbers_in(&en, "4.9 → 2.7"), "4.9 → 2.7");
    }
}
