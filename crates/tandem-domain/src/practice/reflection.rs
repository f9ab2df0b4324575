//! Three reflective practices that look at what already happened:
//! - *Notice the small stuff* (practice 7): a cue is what someone expected and what happened
//!   instead; the team openly picks cues to amplify and writes down what followed.
//! - *Hold the tension* (practice 10): a quarterly round on stories where logics collided,
//!   recording how the team handled each (separate, layer, blend, drop).
//! - *Keep the pulse* and *Who are we becoming?* (practices 6 and 1): the campaigns that carry
//!   the team's weekly and monthly prompts ([`Rhythm`]).
//! - *Look back before looking forward* (practice 2): a closed course reconstructed episode by
//!   episode in co-production terms — the phase, the level planned and the level that happened.

use time::Date;

use crate::course::Problem;
use crate::text::PlainText;

/// Marker type for [`crate::Id`]s of cues.
#[derive(Debug)]
pub enum Cue {}

/// Marker type for [`crate::Id`]s of dilemma rounds.
#[derive(Debug)]
pub enum DilemmaRound {}

/// Marker type for [`crate::Id`]s of retrospective reviews.
#[derive(Debug)]
pub enum Retrospective {}

/// The most stories one dilemma round handles (a round is an hour, not an audit).
pub const MAX_DILEMMAS: usize = 8;

/// A cue as someone noticed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueDetails {
    /// The day it was noticed.
    pub noticed_on: Date,
    /// A word or two the team groups cues by ("meetings", "school").
    pub theme: PlainText,
    /// What they expected.
    pub expected: PlainText,
    /// What happened instead.
    pub happened: PlainText,
}

impl CueDetails {
    /// The rules broken: a cue where nothing differed is no cue.
    #[must_use]
    pub fn problems(&self) -> Vec<Problem> {
        if self
            .expected
            .as_str()
            .eq_ignore_ascii_case(self.happened.as_str())
        {
            vec![Problem::new("happened", "cue-same")]
        } else {
            Vec::new()
        }
    }
}

/// The key cues are grouped by: the theme in lower case with single spaces, so "Meetings" and
/// "meetings " are one cluster.
#[must_use]
pub fn theme_key(theme: &str) -> String {
    theme
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

keyword_enum! {
    /// A standing prompt a team answers on a rhythm, each carried by one of its campaigns.
    Rhythm {
        /// "Keep the pulse": a three-minute weekly story.
        Pulse = "pulse",
        /// "Who are we becoming?": a monthly story where one felt like — or unlike — a processor.
        Identity = "identity",
    }
}

keyword_enum! {
    /// How a team handled a story where logics collided (the hybrid-organization literature's
    /// four responses).
    Handling {
        /// Kept apart: each logic in its own place or time.
        Separate = "separate",
        /// One on top of the other: the procedure done, then the dialogue.
        Layer = "layer",
        /// Combined into one way of working.
        Blend = "blend",
        /// One logic given up in this case.
        Drop = "drop",
    }
}

keyword_enum! {
    /// The phase of co-production an episode belonged to (the spec's M1 phases).
    Phase {
        /// Deciding what help is needed.
        CoCommissioning = "co_commissioning",
        /// Planning how.
        CoDesign = "co_design",
        /// Doing it.
        CoDelivery = "co_delivery",
        /// Following up.
        CoAssessment = "co_assessment",
    }
}

keyword_enum! {
    /// How much the young person and network shaped an episode, from least to most: done *to*
    /// them, *for* them, *with* them, *by* them.
    Level {
        /// Professionals decided and acted.
        To = "to",
        /// Professionals acted on the family's behalf, having asked.
        For = "for",
        /// Decided and done together.
        With = "with",
        /// Led by the young person and network.
        By = "by",
    }
}

impl Level {
    /// The rung on the ladder, 0 (to) to 3 (by).
    #[must_use]
    pub fn rung(self) -> usize {
        Self::ALL.iter().position(|l| *l == self).unwrap_or(0)
    }
}

/// An episode of a closed course as the team reconstructs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Episode {
    /// When it happened.
    pub happened_on: Date,
    /// What happened, in a line or two (no names: the course is linked).
    pub description: PlainText,
    /// The phase.
    pub phase: Phase,
    /// The level the plan meant it to have.
    pub planned: Level,
    /// The level it had.
    pub actual: Level,
}

/// What the team's retrospectives show per phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PhaseTally {
    /// Episodes in the phase.
    pub episodes: usize,
    /// Of them, done *with* or *by* the young person and network.
    pub together: usize,
    /// Of them, at a lower level than planned.
    pub below_plan: usize,
}

/// Per phase (in [`Phase::ALL`] order), how many episodes the team reconstructed, how many were
/// done together, and how many fell short of the plan: the spec's "phases actually practised"
/// (e.g. almost no co-assessment).
#[must_use]
pub fn phases_practised(episodes: &[Episode]) -> [PhaseTally; 4] {
    let mut tallies = [PhaseTally::default(); 4];
    for e in episodes {
        let i = Phase::ALL.iter().position(|p| *p == e.phase).unwrap_or(0);
        tallies[i].episodes += 1;
        if e.actual.rung() >= Level::With.rung() {
            tallies[i].together += 1;
        }
        if e.actual.rung() < e.planned.rung() {
            tallies[i].below_plan += 1;
        }
    }
    tallies
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn text(s: &str) -> PlainText {
        PlainText::parse(s, 200).expect("a valid text")
    }

    #[test]
    fn a_cue_is_a_difference() {
        let mut cue = CueDetails {
            noticed_on: date!(2026 - 11 - 02),
            theme: text("Meetings"),
            expected: text("Mum would stay silent"),
            happened: text("MUM WOULD STAY SILENT"),
        };
        assert_eq!(cue.problems()[0].key, "cue-same");
        cue.happened = text("Mum chaired the meeting");
        assert!(cue.problems().is_empty());
        assert_eq!(theme_key("  School   Meetings "), "school meetings");
        assert_eq!(theme_key("SKOLE"), "skole");
    }

    #[test]
    fn phases_practised_count_together_and_shortfalls() {
        let episode = |phase, planned, actual| Episode {
            happened_on: date!(2026 - 05 - 01),
            description: text("An episode"),
            phase,
            planned,
            actual,
        };
        let tallies = phases_practised(&[
            episode(Phase::CoDesign, Level::With, Level::With),
            episode(Phase::CoDesign, Level::By, Level::For),
            episode(Phase::CoDelivery, Level::For, Level::By),
            episode(Phase::CoCommissioning, Level::To, Level::To),
        ]);
        assert_eq!(
            tallies[0],
            PhaseTally {
                episodes: 1,
                together: 0,
                below_plan: 0
            }
        );
        assert_eq!(
            tallies[1],
            PhaseTally {
                episodes: 2,
                together: 1,
                below_plan: 1
            }
        );
        assert_eq!(
            tallies[2],
            PhaseTally {
                episodes: 1,
                together: 1,
                below_plan: 0
            }
        );
        assert_eq!(tallies[3], PhaseTally::default(), "no co-assessment at all");
        assert!(Level::To.rung() < Level::By.rung());
    }
}
