//! Stored keywords and instrument texts in the page's language.

use crate::i18n::Translator;

/// `text` cut to at most `max` characters at the last space before the limit, with "…" when
/// cut — never in the middle of a word (unless a single word is longer than `max`).
#[must_use]
pub fn shortened(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let head: String = text.chars().take(max.saturating_sub(1)).collect();
    let cut = head
        .rfind(char::is_whitespace)
        .filter(|at| *at > 0)
        .map_or(head.as_str(), |at| &head[..at]);
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == '.')
    )
}

/// How a story is listed: a heading, and below it what more there is to read. A story without
/// a title is headed by its opening words, and the text below goes on where the heading
/// stopped (it used to repeat the whole text under a heading cut mid-word).
#[must_use]
pub fn story_listing(title: Option<&str>, body: &str) -> (String, Option<String>) {
    const HEADING: usize = 70;
    const EXCERPT: usize = 300;
    if let Some(title) = title.filter(|t| !t.trim().is_empty()) {
        return (title.to_owned(), Some(shortened(body, EXCERPT)));
    }
    let heading = shortened(body, HEADING);
    let Some(opening) = heading.strip_suffix('…') else {
        return (heading, None);
    };
    let rest = body.trim()[opening.len()..]
        .trim_start_matches([',', '.'])
        .trim_start();
    (heading, Some(format!("…{}", shortened(rest, EXCERPT))))
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_cut_between_words() {
        assert_eq!(shortened("kort", 10), "kort");
        assert_eq!(
            shortened("Da vi skulle revidere barnets plan", 20),
            "Da vi skulle…"
        );
        assert_eq!(shortened("Overmådeligtlangtord", 8), "Overmåd…");
    }

    #[test]
    fn a_story_without_a_title_is_headed_by_its_opening_and_not_repeated() {
        let body = "Til netværksmødet i sidste uge lod vi den unge selv styre dagsordenen, \
                    og familien fandt en løsning, vi ikke havde set.";
        let (heading, more) = story_listing(None, body);
        assert_eq!(
            heading,
            "Til netværksmødet i sidste uge lod vi den unge selv styre…"
        );
        assert_eq!(
            more.as_deref(),
            Some("…dagsordenen, og familien fandt en løsning, vi ikke havde set.")
        );
        assert_eq!(story_listing(None, "Kort."), ("Kort.".to_owned(), None));
        let (heading, more) = story_listing(Some("Mødet"), "Kort.");
        assert_eq!(
            (heading.as_str(), more.as_deref()),
            ("Mødet", Some("Kort."))
        );
    }
}
