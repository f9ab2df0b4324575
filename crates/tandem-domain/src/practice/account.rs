//! The good-enough story (practice 8, "plausibility"): a one-page current best account of where
//! the team's change is heading, written together and revised — quarterly, or sooner when one of
//! the revision triggers the team set is met. Versions are never rewritten; what changed between
//! two is shown as a word-level diff, and staff say how well each version rings true (1–5).

use time::Date;

use crate::indicators::add_months;

/// Marker type for [`crate::Id`]s of versions of a good-enough story.
#[derive(Debug)]
pub enum AccountVersion {}

/// Marker type for [`crate::Id`]s of revision triggers.
#[derive(Debug)]
pub enum AccountTrigger {}

/// The longest version: about one page.
pub const MAX_ACCOUNT_CHARS: usize = 6000;
/// The story is due for its regular revision this many months after the last version.
pub const REVISION_MONTHS: u8 = 3;
/// Fewer ratings than this are not summarised (a handful of ratings points at people).
pub const MIN_RATINGS_SHOWN: usize = 5;

/// How well a version rings true to one member of staff, 1 (not at all) to 5 (completely).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Resonance(u8);

impl Resonance {
    /// A rating from what a form sent; `None` outside 1–5.
    #[must_use]
    pub fn parse(input: &str) -> Option<Self> {
        match input.trim().parse::<u8>() {
            Ok(n @ 1..=5) => Some(Self(n)),
            _ => None,
        }
    }

    /// A stored rating; `None` outside 1–5.
    #[must_use]
    pub fn from_stored(n: i64) -> Option<Self> {
        u8::try_from(n)
            .ok()
            .filter(|n| (1..=5).contains(n))
            .map(Self)
    }

    /// The rating, 1–5.
    #[must_use]
    pub fn value(self) -> u8 {
        self.0
    }
}

/// The ratings of one version, summarised only when there are enough of them.
#[derive(Debug, Clone, PartialEq)]
pub struct ResonanceSummary {
    /// How many rated it.
    pub n: usize,
    /// Their mean, when at least [`MIN_RATINGS_SHOWN`] rated it.
    pub mean: Option<f64>,
    /// How many gave 1, 2, 3, 4 and 5, when at least [`MIN_RATINGS_SHOWN`] rated it.
    pub counts: Option<[usize; 5]>,
}

impl ResonanceSummary {
    /// Summarises `ratings`.
    #[must_use]
    pub fn of(ratings: &[Resonance]) -> Self {
        let n = ratings.len();
        if n < MIN_RATINGS_SHOWN {
            return Self {
                n,
                mean: None,
                counts: None,
            };
        }
        let mut counts = [0; 5];
        for r in ratings {
            counts[usize::from(r.0 - 1)] += 1;
        }
        let sum: f64 = ratings.iter().map(|r| f64::from(r.0)).sum();
        #[allow(clippy::cast_precision_loss)] // a team's ratings
        let mean = sum / n as f64;
        Self {
            n,
            mean: Some(mean),
            counts: Some(counts),
        }
    }
}

/// Why the story is due for revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevisionDue {
    /// The team has no good-enough story yet.
    FirstVersion,
    /// A trigger was met after the current version was written.
    TriggerMet,
    /// [`REVISION_MONTHS`] have passed since the current version.
    Quarterly,
}

/// Whether (and why) the story is due for revision on `today`, given the day the current version
/// was written (`None`: there is none) and the days triggers were met.
#[must_use]
pub fn revision_due(
    current: Option<Date>,
    triggers_met: &[Date],
    today: Date,
) -> Option<RevisionDue> {
    let Some(written) = current else {
        return Some(RevisionDue::FirstVersion);
    };
    if triggers_met.iter().any(|met| *met >= written) {
        Some(RevisionDue::TriggerMet)
    } else if add_months(written, REVISION_MONTHS) <= today {
        Some(RevisionDue::Quarterly)
    } else {
        None
    }
}

/// What happened to a run of words between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// In both versions.
    Kept,
    /// Only in the newer version.
    Added,
    /// Only in the older version.
    Removed,
}

/// A run of text with what happened to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Kept, added or removed.
    pub edit: Edit,
    /// The words, with the spaces between them.
    pub text: String,
}

/// The word-level difference between two versions, as runs of kept, added and removed text
/// (adjacent words with the same fate are one run, so a reader sees phrases, not words).
#[must_use]
pub fn diff(older: &str, newer: &str) -> Vec<Span> {
    let diff = similar::TextDiff::from_words(older, newer);
    let mut spans: Vec<Span> = Vec::new();
    for change in diff.iter_all_changes() {
        let edit = match change.tag() {
            similar::ChangeTag::Equal => Edit::Kept,
            similar::ChangeTag::Insert => Edit::Added,
            similar::ChangeTag::Delete => Edit::Removed,
        };
        match spans.last_mut() {
            Some(last) if last.edit == edit => last.text.push_str(change.value()),
            _ => spans.push(Span {
                edit,
                text: change.value().to_owned(),
            }),
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn resonance_is_one_to_five() {
        assert_eq!(Resonance::parse("3").map(Resonance::value), Some(3));
        assert_eq!(Resonance::parse(" 5 ").map(Resonance::value), Some(5));
        for bad in ["0", "6", "-1", "three", "", "2.5", "<script>"] {
            assert_eq!(Resonance::parse(bad), None, "{bad}");
        }
        assert_eq!(Resonance::from_stored(7), None);
    }

    #[test]
    fn fewer_than_five_ratings_are_not_summarised() {
        let r = |n: &str| Resonance::parse(n).expect("a rating");
        let four = [r("5"), r("4"), r("4"), r("1")];
        assert_eq!(
            ResonanceSummary::of(&four),
            ResonanceSummary {
                n: 4,
                mean: None,
                counts: None
            }
        );
        let five = [r("5"), r("4"), r("4"), r("1"), r("2")];
        let summary = ResonanceSummary::of(&five);
        // (5 + 4 + 4 + 1 + 2) / 5 = 16 / 5
        assert_eq!(summary.mean, Some(3.2));
        assert_eq!(summary.counts, Some([1, 1, 0, 2, 1]));
    }

    #[test]
    fn revision_is_due_first_after_a_trigger_or_a_quarter() {
        let written = date!(2026 - 08 - 31);
        assert_eq!(
            revision_due(None, &[], written),
            Some(RevisionDue::FirstVersion)
        );
        assert_eq!(
            revision_due(Some(written), &[], date!(2026 - 11 - 29)),
            None
        );
        // Three months after 31 August is 30 November.
        assert_eq!(
            revision_due(Some(written), &[], date!(2026 - 11 - 30)),
            Some(RevisionDue::Quarterly)
        );
        // A trigger met before this version was written was what the version answered.
        assert_eq!(
            revision_due(
                Some(written),
                &[date!(2026 - 08 - 01)],
                date!(2026 - 09 - 01)
            ),
            None
        );
        assert_eq!(
            revision_due(
                Some(written),
                &[date!(2026 - 09 - 01)],
                date!(2026 - 09 - 02)
            ),
            Some(RevisionDue::TriggerMet)
        );
    }

    #[test]
    fn the_diff_shows_phrases_kept_added_and_removed() {
        let spans = diff(
            "We decide with families when we can.",
            "We decide with families, and young people chair the meeting.",
        );
        let kept: String = spans
            .iter()
            .filter(|s| s.edit != Edit::Added)
            .map(|s| s.text.as_str())
            .collect();
        let new: String = spans
            .iter()
            .filter(|s| s.edit != Edit::Removed)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(kept, "We decide with families when we can.");
        assert_eq!(
            new,
            "We decide with families, and young people chair the meeting."
        );
        assert_eq!(spans[0].edit, Edit::Kept);
        assert!(
            spans
                .iter()
                .any(|s| s.edit == Edit::Added && s.text.contains("chair"))
        );
        assert!(
            spans
                .iter()
                .any(|s| s.edit == Edit::Removed && s.text.contains("can"))
        );
        // Neighbouring words with the same fate are one run.
        assert!(spans.windows(2).all(|w| w[0].edit != w[1].edit));
        assert_eq!(diff("same", "same").len(), 1);
    }
}
