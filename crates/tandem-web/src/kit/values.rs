//! A rating's values as typed: one field per instrument item (`value-0`, `value-1`, …), each
//! parsed by the instrument, with a translated problem on the field that is wrong. Staff and
//! citizens' rating forms share it.

use std::collections::HashMap;

use tandem_domain::instrument::{Instrument, ValueError};

use crate::forms::FormErrors;
use crate::i18n::Translator;

/// The translation key of a value error.
fn value_error_key(error: ValueError) -> &'static str {
    match error {
        ValueError::NotANumber => "rating-error-number",
        ValueError::OutOfRange => "rating-error-range",
        ValueError::OffStep => "rating-error-step",
    }
}

/// Parses one value per item from `values[i]`, with an error on `value-{i}` for each bad one.
pub fn parse_values(
    tr: &Translator,
    instrument: &Instrument,
    inputs: &[String],
    field: &'static [&'static str],
    errors: &mut FormErrors,
) -> Option<Vec<i32>> {
    let mut values = Vec::new();
    for (i, _) in instrument.items.iter().enumerate() {
        let input = inputs.get(i).map_or("", String::as_str);
        match instrument.parse_value(input) {
            Ok(v) => values.push(v),
            Err(e) => {
                let name = field.get(i).copied().unwrap_or("value-0");
                errors.add(
                    name,
                    tr.t_args(
                        value_error_key(e),
                        &[
                            ("min", i64::from(instrument.min / 10)),
                            ("max", i64::from(instrument.max / 10)),
                        ],
                    ),
                );
            }
        }
    }
    (values.len() == instrument.items.len()).then_some(values)
}

/// Field names for item values (instruments have at most 40 items).
pub const VALUE_FIELDS: &[&str] = &[
    "value-0", "value-1", "value-2", "value-3", "value-4", "value-5", "value-6", "value-7",
    "value-8", "value-9", "value-10", "value-11", "value-12", "value-13", "value-14", "value-15",
    "value-16", "value-17", "value-18", "value-19", "value-20", "value-21", "value-22", "value-23",
    "value-24", "value-25", "value-26", "value-27", "value-28", "value-29", "value-30", "value-31",
    "value-32", "value-33", "value-34", "value-35", "value-36", "value-37", "value-38", "value-39",
];

/// The typed inputs `value-0` … `value-{count-1}`, an absent one as empty (it then fails to parse).
pub fn values_from(fields: &HashMap<String, String>, count: usize) -> Vec<String> {
    (0..count)
        .map(|i| {
            fields
                .get(&format!("value-{i}"))
                .cloned()
                .unwrap_or_default()
        })
        .collect()
}
