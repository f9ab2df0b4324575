//! Words that work (practice 9): the few terms a manager introduces to carry the change
//! (processor, network, recovery, co-design), the definitions staff write of them in their own
//! words, and how often the terms turn up in the team's stories month by month — the uptake
//! curve that shows whether the words are being used, not just taught.

use time::Date;

/// Marker type for [`crate::Id`]s of vocabulary terms.
#[derive(Debug)]
pub enum Term {}

/// The longest term.
pub const MAX_TERM_CHARS: usize = 60;
/// The longest meaning or staff definition.
pub const MAX_DEFINITION_CHARS: usize = 1000;
/// How many months the uptake curve covers.
pub const UPTAKE_MONTHS: u8 = 12;
/// A month with fewer stories than this shows no share (one or two stories say little, and
/// point at their tellers).
pub const MIN_STORIES_SHOWN: u32 = 5;

/// Why a term was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TermError {
    /// Nothing but spaces.
    #[error("the term is empty")]
    Empty,
    /// Longer than [`MAX_TERM_CHARS`].
    #[error("the term is too long")]
    TooLong,
    /// Something other than letters, digits, spaces, hyphens and apostrophes.
    #[error("a term is a word or a few words")]
    NotAWord,
}

/// A term of the vocabulary, as introduced ("co-design"), with the key it is matched by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermText {
    shown: String,
    key: String,
}

impl TermText {
    /// Parses a term: one to a few words of letters and digits (joined by spaces, hyphens or
    /// apostrophes); spaces inside are collapsed.
    ///
    /// # Errors
    /// [`TermError`] for an empty, overlong or non-word term.
    pub fn parse(input: &str) -> Result<Self, TermError> {
        let shown = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if shown.is_empty() {
            return Err(TermError::Empty);
        }
        if shown.chars().count() > MAX_TERM_CHARS {
            return Err(TermError::TooLong);
        }
        if !shown
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'' | '’'))
            || !shown.chars().any(char::is_alphanumeric)
        {
            return Err(TermError::NotAWord);
        }
        let key = shown.to_lowercase();
        Ok(Self { shown, key })
    }

    /// The term as introduced.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.shown
    }

    /// The term in lower case: two spellings differing only in case are one term.
    #[must_use]
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Whether a story's text (already in lower case) uses the term: it must begin a word, and
    /// may run on into a longer one, because Danish compounds ("netværksmøde") and inflections
    /// ("processorrollen", "co-designed") are uses of the term.
    #[must_use]
    pub fn used_in(&self, lowercase_text: &str) -> bool {
        lowercase_text.match_indices(&self.key).any(|(at, _)| {
            lowercase_text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        })
    }
}

/// One month of the uptake curve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthUse {
    /// The month's first day.
    pub month: Date,
    /// Stories told that month.
    pub stories: u32,
    /// Of them, those using the term.
    pub using: u32,
}

impl MonthUse {
    /// The share of the month's stories that use the term, when there are enough stories.
    #[must_use]
    pub fn share(&self) -> Option<f64> {
        (self.stories >= MIN_STORIES_SHOWN).then(|| f64::from(self.using) / f64::from(self.stories))
    }
}

/// The first day of `date`'s month.
fn month_of(date: Date) -> Date {
    date.replace_day(1).unwrap_or(date)
}

/// The first days of the [`UPTAKE_MONTHS`] months ending with `today`'s, oldest first.
#[must_use]
pub fn uptake_months(today: Date) -> Vec<Date> {
    let last = month_of(today);
    let mut months = vec![last];
    while months.len() < usize::from(UPTAKE_MONTHS) {
        let first = months[0];
        let previous = first.previous_day().map_or(first, month_of);
        months.insert(0, previous);
    }
    months
}

/// Each term's use in `stories` (day told, text), month by month over the months ending with
/// `today`'s; stories outside those months are not counted.
#[must_use]
pub fn uptake(terms: &[TermText], stories: &[(Date, String)], today: Date) -> Vec<Vec<MonthUse>> {
    let months = uptake_months(today);
    let mut curves: Vec<Vec<MonthUse>> = terms
        .iter()
        .map(|_| {
            months
                .iter()
                .map(|m| MonthUse {
                    month: *m,
                    stories: 0,
                    using: 0,
                })
                .collect()
        })
        .collect();
    for (told, text) in stories {
        let Some(index) = months.iter().position(|m| *m == month_of(*told)) else {
            continue;
        };
        let lower = text.to_lowercase();
        for (term, curve) in terms.iter().zip(&mut curves) {
            curve[index].stories += 1;
            if term.used_in(&lower) {
                curve[index].using += 1;
            }
        }
    }
    curves
}

/// Above this divergence, a term's definitions are flagged as pulling apart.
pub const DIVERGENT_ABOVE: f64 = 0.8;

/// How far staff definitions of a term pull apart: one minus the mean word overlap (Jaccard
/// similarity of the sets of words of three letters or more) over every pair of definitions.
/// 0 when all use the same words, 1 when no two share one; `None` with fewer than two.
#[must_use]
pub fn divergence(definitions: &[&str]) -> Option<f64> {
    let words: Vec<std::collections::BTreeSet<String>> = definitions
        .iter()
        .map(|d| {
            d.to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 3)
                .map(str::to_owned)
                .collect()
        })
        .collect();
    let mut total = 0.0;
    let mut pairs = 0_u32;
    for (i, a) in words.iter().enumerate() {
        for b in &words[i + 1..] {
            let union = a.union(b).count();
            #[allow(clippy::cast_precision_loss)] // words in a definition
            let overlap = if union == 0 {
                1.0
            } else {
                a.intersection(b).count() as f64 / union as f64
            };
            total += overlap;
            pairs += 1;
        }
    }
    (pairs > 0).then(|| 1.0 - total / f64::from(pairs))
}

/// The first day of the oldest month [`uptake`] counts.
#[must_use]
pub fn uptake_from(today: Date) -> Date {
    uptake_months(today)[0]
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn a_term_is_a_few_words() {
        let term = TermText::parse("  Co-design ").expect("a term");
        assert_eq!(term.as_str(), "Co-design");
        assert_eq!(term.key(), "co-design");
        assert_eq!(
            TermText::parse("young   person").map(|t| t.as_str().to_owned()),
            Ok("young person".to_owned())
        );
        assert_eq!(TermText::parse(" "), Err(TermError::Empty));
        assert_eq!(TermText::parse(&"a".repeat(61)), Err(TermError::TooLong));
        for hostile in ["<script>", "x'; DROP TABLE x;--", "a\u{7}b", "--"] {
            assert_eq!(
                TermText::parse(hostile),
                Err(TermError::NotAWord),
                "{hostile}"
            );
        }
    }

    #[test]
    fn a_term_is_used_where_a_word_begins_with_it() {
        let network = TermText::parse("Netværk").expect("a term");
        assert!(network.used_in("vi holdt et netværksmøde i går"));
        assert!(network.used_in("netværk"));
        assert!(
            !network.used_in("et sikkerhedsnetværk"),
            "inside a word is not a use"
        );
        let processor = TermText::parse("processor").expect("a term");
        assert!(processor.used_in("i rollen som (processor) fik jeg"));
        assert!(!processor.used_in("microprocessor"));
        assert!(!processor.used_in("process"));
    }

    #[test]
    fn divergence_is_one_minus_the_mean_word_overlap() {
        assert_eq!(divergence(&["only one"]), None);
        assert_eq!(divergence(&["the family", "The family!"]), Some(0.0));
        assert_eq!(
            divergence(&["family friends", "school teachers"]),
            Some(1.0)
        );
        // {family, friends} vs {family, school}: overlap 1/3, so divergence 2/3 ("or" is too short
        // to count).
        let d = divergence(&["family, friends", "family or school"]).expect("two");
        assert!((d - 2.0 / 3.0).abs() < 1e-12, "{d}");
        // {family, and, friends} vs {family, school}: overlap 1/4.
        let d = divergence(&["family and friends", "family or school"]).expect("two");
        assert!((d - 0.75).abs() < 1e-12, "{d}");
        // Three definitions: the mean over the three pairs (1, 0, 0 overlap → 2/3).
        let d = divergence(&["family", "family", "school"]).expect("three");
        assert!((d - 2.0 / 3.0).abs() < 1e-12, "{d}");
    }

    #[test]
    fn the_curve_counts_stories_and_uses_per_month() {
        let today = date!(2026 - 11 - 29);
        let months = uptake_months(today);
        assert_eq!(months.len(), 12);
        assert_eq!(months[0], date!(2025 - 12 - 01));
        assert_eq!(months[11], date!(2026 - 11 - 01));
        let terms = [
            TermText::parse("netværk").expect("a term"),
            TermText::parse("co-design").expect("a term"),
        ];
        let mut stories = vec![(date!(2025 - 11 - 30), "netværk, too early".to_owned())];
        for day in 1..=6 {
            let text = if day <= 3 {
                "Et NETVÆRKSMØDE"
            } else {
                "co-design alone"
            };
            stories.push((
                date!(2026 - 11 - 01).replace_day(day).expect("a day"),
                text.to_owned(),
            ));
        }
        stories.push((date!(2026 - 10 - 15), "netværk".to_owned()));
        let curves = uptake(&terms, &stories, today);
        let november = curves[0][11];
        assert_eq!((november.stories, november.using), (6, 3));
        assert_eq!(november.share(), Some(0.5));
        assert_eq!((curves[1][11].stories, curves[1][11].using), (6, 3));
        let october = curves[0][10];
        assert_eq!((october.stories, october.using), (1, 1));
        assert_eq!(october.share(), None, "one story shows no share");
        let counted: u32 = curves[0].iter().map(|m| m.stories).sum();
        assert_eq!(counted, 7, "the story before the twelve months is left out");
    }
}
