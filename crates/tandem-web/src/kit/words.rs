//! Stored keywords and instrument texts in the page's language.

use crate::i18n::Translator;

/// The translated label of a keyword (`{prefix}-{word}`).
#[must_use]
pub fn word(tr: &Translator, prefix: &str, word: &str) -> String {
    tr.t(&format!("{prefix}-{word}"))
}

/// What a network member may see, in words ("mål, skridt"); `none_key` when nothing.
#[must_use]
pub fn consent_words(
    tr: &Translator,
    scope: tandem_domain::course::network::ConsentScope,
    none_key: &str,
) -> String {
    let parts: Vec<String> = [
        (scope.goals, "network-consent-goals"),
        (scope.steps, "network-consent-steps"),
        (scope.meetings, "network-consent-meetings"),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, key)| tr.t(key))
    .collect();
    if parts.is_empty() {
        tr.t(none_key)
    } else {
        parts.join(", ")
    }
}

/// An instrument's name: translated for the shipped ones, as defined for the others.
#[must_use]
pub fn instrument_name(
    tr: &Translator,
    instrument: &tandem_domain::instrument::Instrument,
) -> String {
    if instrument.is_shipped() {
        tr.t(&format!("instrument-{}", instrument.key))
    } else {
        instrument.name.clone()
    }
}

/// An item's label: translated for the shipped instruments, as defined for the others.
#[must_use]
pub fn item_label(
    tr: &Translator,
    instrument: &tandem_domain::instrument::Instrument,
    index: usize,
) -> String {
    let label = instrument.items.get(index).cloned().unwrap_or_default();
    if instrument.is_shipped() {
        tr.t(&format!("item-{label}"))
    } else {
        label
    }
}
