//! A marked region of a landscape: a reader picks a zone of a triad (a corner, an edge or the
//! centre) or a third of a dyad or slider and says the team wants "more stories like these" or
//! "fewer like those" (SenseMaker's move, sensemaking.md §4). The mark then carries the intent of
//! a probe or the material of a huddle, and the landscape shows whether the stories' mass moves.

use crate::course::Problem;
use crate::framework::{Framework, QuestionKind};
use crate::text::PlainText;

/// Marker type for [`crate::Id`]s of marked regions.
#[derive(Debug)]
pub enum Mark {}

/// The longest note on a mark (why the region matters, in a line or two).
pub const MAX_NOTE_CHARS: usize = 500;

keyword_enum! {
    /// Which way the team wants the stories of a region to go.
    Direction {
        /// More stories like these.
        More = "more",
        /// Fewer stories like those.
        Fewer = "fewer",
    }
}

keyword_enum! {
    /// A region a reader can mark: the seven zones of a triad (corners at ≥ 60 %, edges where the
    /// third part is under 20 %, the centre), and the thirds of a dyad or slider.
    RegionKey {
        /// The triad's first corner.
        CornerA = "a",
        /// The triad's second corner.
        CornerB = "b",
        /// The triad's third corner.
        CornerC = "c",
        /// The edge between the first and second corners.
        EdgeAb = "ab",
        /// The edge between the second and third corners.
        EdgeBc = "bc",
        /// The edge between the first and third corners.
        EdgeAc = "ac",
        /// The triad's centre.
        Centre = "centre",
        /// Near the left pole (below a third of the scale).
        Low = "low",
        /// Between the poles.
        Middle = "middle",
        /// Near the right pole (above two thirds of the scale).
        High = "high",
    }
}

impl RegionKey {
    /// The regions of a question of `kind`, in the order a form offers them; none for a
    /// question without a landscape.
    #[must_use]
    pub fn of_kind(kind: QuestionKind) -> &'static [Self] {
        match kind {
            QuestionKind::Triad => &Self::ALL[..7],
            QuestionKind::Dyad | QuestionKind::Slider => &Self::ALL[7..],
            _ => &[],
        }
    }
}

/// A mark as a reader sets it, checked against the campaign's framework by [`Self::problems`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkDetails {
    /// The triad, dyad or slider question whose landscape is marked.
    pub question: String,
    /// The region.
    pub region: RegionKey,
    /// More like these, or fewer like those.
    pub direction: Direction,
    /// Why, in the reader's words.
    pub note: Option<PlainText>,
}

impl MarkDetails {
    /// The rules broken: the question is not a landscape of the framework, or the region is
    /// not one of its regions (a slider has no corners).
    #[must_use]
    pub fn problems(&self, framework: &Framework) -> Vec<Problem> {
        let kind = framework
            .questions()
            .iter()
            .find(|q| q.id == self.question)
            .map(|q| q.kind);
        match kind {
            Some(kind) if !RegionKey::of_kind(kind).is_empty() => {
                if RegionKey::of_kind(kind).contains(&self.region) {
                    Vec::new()
                } else {
                    vec![Problem::new("region", "mark-region-not-of-question")]
                }
            }
            _ => vec![Problem::new("question", "mark-question-not-landscape")],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(question: &str, region: RegionKey) -> MarkDetails {
        MarkDetails {
            question: question.to_owned(),
            region,
            direction: Direction::More,
            note: None,
        }
    }

    fn keys(details: &MarkDetails) -> Vec<&'static str> {
        let framework = Framework::default_framework();
        details.problems(&framework).iter().map(|p| p.key).collect()
    }

    #[test]
    fn a_triad_takes_its_zones_and_a_dyad_its_thirds() {
        assert!(keys(&mark("T1", RegionKey::EdgeBc)).is_empty());
        assert!(keys(&mark("D1", RegionKey::High)).is_empty());
        assert!(keys(&mark("D3", RegionKey::Middle)).is_empty(), "a slider");
        assert_eq!(
            keys(&mark("T1", RegionKey::Low)),
            ["mark-region-not-of-question"]
        );
        assert_eq!(
            keys(&mark("D1", RegionKey::CornerA)),
            ["mark-region-not-of-question"]
        );
    }

    #[test]
    fn only_landscapes_can_be_marked() {
        assert_eq!(
            keys(&mark("M1", RegionKey::CornerA)),
            ["mark-question-not-landscape"]
        );
        assert_eq!(
            keys(&mark("T9", RegionKey::CornerA)),
            ["mark-question-not-landscape"]
        );
    }

    #[test]
    fn regions_are_offered_per_kind_and_read_back_from_their_words() {
        assert_eq!(RegionKey::of_kind(QuestionKind::Triad).len(), 7);
        assert_eq!(
            RegionKey::of_kind(QuestionKind::Dyad),
            [RegionKey::Low, RegionKey::Middle, RegionKey::High]
        );
        assert!(RegionKey::of_kind(QuestionKind::FreeText).is_empty());
        for key in RegionKey::ALL {
            assert_eq!(RegionKey::parse(key.as_str()), Ok(*key));
        }
        assert!(RegionKey::parse("corner").is_err());
        assert_eq!(Direction::parse("fewer"), Ok(Direction::Fewer));
    }
}
