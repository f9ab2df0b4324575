//! Finding obvious personal identifiers in a story before it is saved: national-ID-like numbers
//! (CPR: six digits, optional hyphen, four digits), phone numbers (eight digits, optionally in
//! pairs or with +45), e-mail addresses, and the names of the people of a course the story is
//! told from. The teller sees what was found and confirms a redacted version (or their own edit);
//! nothing is removed silently, because a wrong guess must not change someone's words unseen.

use std::sync::LazyLock;

use regex::Regex;

keyword_enum! {
    /// What kind of identifier was found.
    FindingKind {
        /// A national-ID-like number.
        NationalId = "national_id",
        /// A phone number.
        Phone = "phone",
        /// An e-mail address.
        Email = "email",
        /// A name of one of the course's people.
        Name = "name",
    }
}

/// One identifier found in a text: byte range and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What it looks like.
    pub kind: FindingKind,
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
}

#[expect(
    clippy::expect_used,
    reason = "constant patterns, checked by the tests"
)]
static PATTERNS: LazyLock<[(FindingKind, Regex); 3]> = LazyLock::new(|| {
    [
        (
            FindingKind::NationalId,
            Regex::new(r"\b\d{6}[-\s]?\d{4}\b").expect("pattern"),
        ),
        (
            FindingKind::Email,
            Regex::new(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}").expect("pattern"),
        ),
        (
            FindingKind::Phone,
            Regex::new(r"(?:\+\d{2}\s?)?\b(?:\d{2}[\s-]?){3}\d{2}\b|\b\d{4}\s\d{4}\b")
                .expect("pattern"),
        ),
    ]
});

/// Finds identifiers in `text`. `names` are the names of the people of the course the story is
/// told from; each part of three letters or more is looked for as a whole word, in any case.
#[must_use]
pub fn find(text: &str, names: &[String]) -> Vec<Finding> {
    let mut found: Vec<Finding> = Vec::new();
    let mut add = |kind, start, end| {
        if !found
            .iter()
            .any(|f: &Finding| start < f.end && f.start < end)
        {
            found.push(Finding { kind, start, end });
        }
    };
    for (kind, pattern) in PATTERNS.iter() {
        for m in pattern.find_iter(text) {
            add(*kind, m.start(), m.end());
        }
    }
    let mut parts: Vec<String> = names
        .iter()
        .flat_map(|n| n.split_whitespace())
        .map(|p| p.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|p| p.chars().count() >= 3)
        .map(regex::escape)
        .collect();
    parts.sort();
    parts.dedup();
    if !parts.is_empty()
        && let Ok(pattern) = Regex::new(&format!(r"(?i)\b(?:{})\b", parts.join("|")))
    {
        for m in pattern.find_iter(text) {
            add(FindingKind::Name, m.start(), m.end());
        }
    }
    found.sort_by_key(|f| f.start);
    found
}

/// The text with every finding replaced by `marker(kind)` (e.g. "[name]").
#[must_use]
pub fn redact(text: &str, findings: &[Finding], marker: impl Fn(FindingKind) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in findings {
        if f.start < at || f.end > text.len() {
            continue;
        }
        out.push_str(&text[at..f.start]);
        out.push_str(&marker(f.kind));
        at = f.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str, names: &[&str]) -> Vec<(FindingKind, String)> {
        let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        find(text, &names)
            .into_iter()
            .map(|f| (f.kind, text[f.start..f.end].to_owned()))
            .collect()
    }

    #[test]
    fn national_ids_phones_and_addresses_are_found() {
        assert_eq!(
            kinds("CPR 010203-1234 og 0102031234.", &[]),
            vec![
                (FindingKind::NationalId, "010203-1234".to_owned()),
                (FindingKind::NationalId, "0102031234".to_owned())
            ]
        );
        assert_eq!(
            kinds("Ring 12 34 56 78, +45 87654321 eller 2233 4455", &[]),
            vec![
                (FindingKind::Phone, "12 34 56 78".to_owned()),
                (FindingKind::Phone, "+45 87654321".to_owned()),
                (FindingKind::Phone, "2233 4455".to_owned())
            ]
        );
        assert_eq!(
            kinds("skriv til anna.b@kommune.dk i dag", &[]),
            vec![(FindingKind::Email, "anna.b@kommune.dk".to_owned())]
        );
        assert!(kinds("Vi mødtes 3 gange i 2026 og talte 45 minutter.", &[]).is_empty());
    }

    #[test]
    fn names_of_the_course_are_found_as_whole_words_in_any_case() {
        assert_eq!(
            kinds(
                "Mødet med SØREN og hans mor Åse gik godt; Sørensen kom ikke.",
                &["Søren Ask", "Åse Ask"]
            ),
            vec![
                (FindingKind::Name, "SØREN".to_owned()),
                (FindingKind::Name, "Åse".to_owned())
            ]
        );
        // Parts shorter than three letters are too common to look for.
        assert!(kinds("Jo, det gik.", &["Jo Li"]).is_empty());
    }

    #[test]
    fn redaction_replaces_each_finding_with_its_marker() {
        let text = "Søren (12345678) skrev til s@x.dk";
        let findings = find(text, &["Søren".to_owned()]);
        let marked = redact(text, &findings, |k| format!("[{}]", k.as_str()));
        assert_eq!(marked, "[name] ([phone]) skrev til [email]");
    }
}
