//! The sensemaking practices a team runs (sensemaking specification §4): huddles around fresh
//! stories, safe-to-fail probes with their signals set in advance, the next steps both agree,
//! and "you said, we did" — what came of it, published back to the people who told the stories.
//!
//! These types hold what a manager typed, checked; the store keeps them and the web shows them.
//! The reflective practices (the good-enough story, vocabulary, cues, dilemma rounds and
//! retrospectives) live in [`account`], [`vocabulary`] and [`reflection`]; the manager's
//! decision journal in [`journal`].
//!
//! Interpretations are attributed to a *voice* (a role), never to a named person: a huddle is a
//! conversation, not a record of who said what.

pub mod account;
pub mod journal;
pub mod measures;
pub mod reflection;
pub mod vocabulary;

use time::Date;

use crate::course::Problem;
use crate::text::PlainText;

/// Marker type for [`crate::Id`]s of huddles.
#[derive(Debug)]
pub enum Huddle {}

/// Marker type for [`crate::Id`]s of probes.
#[derive(Debug)]
pub enum Probe {}

/// Marker type for [`crate::Id`]s of next steps.
#[derive(Debug)]
pub enum NextStep {}

/// Marker type for [`crate::Id`]s of "you said, we did" outcomes.
#[derive(Debug)]
pub enum Outcome {}

/// The longest topic, title or signal (one line).
pub const MAX_LINE_CHARS: usize = 200;
/// The longest interpretation, hypothesis, rationale or outcome text.
pub const MAX_TEXT_CHARS: usize = 4000;
/// The most people of one voice a huddle records (a team meeting, not an assembly).
pub const MAX_PER_VOICE: u32 = 60;
/// The most stories a huddle or probe links (a huddle discusses one or two fresh stories).
pub const MAX_LINKED_STORIES: usize = 12;

keyword_enum! {
    /// Who took part in a huddle or offered an interpretation, by role.
    Voice {
        /// A social worker of the team.
        Processor = "processor",
        /// The team manager.
        Manager = "manager",
        /// A young person.
        YoungPerson = "young_person",
        /// A parent or someone else from a young person's network.
        Network = "network",
        /// A partner from outside the team (school, health, police, NGO).
        Partner = "partner",
    }
}

impl Voice {
    /// Whether the voice is the team's own staff (the spec asks for a non-staff voice at least
    /// monthly).
    #[must_use]
    pub fn is_staff(self) -> bool {
        matches!(self, Self::Processor | Self::Manager)
    }
}

keyword_enum! {
    /// What a team decides about a probe at its review.
    ProbeDecision {
        /// It helped: do more of it, more widely.
        Amplify = "amplify",
        /// Mixed or worrying signals: do less, keep watching.
        Dampen = "dampen",
        /// The failure signal showed: stop it.
        Stop = "stop",
    }
}

/// How many people of each voice took part in a huddle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Participants {
    counts: [u32; 5],
}

impl Participants {
    /// Participants from (voice, count) pairs; a voice given twice keeps the last count.
    #[must_use]
    pub fn from_counts(pairs: &[(Voice, u32)]) -> Self {
        let mut counts = [0; 5];
        for (voice, count) in pairs {
            counts[Self::index(*voice)] = *count;
        }
        Self { counts }
    }

    fn index(voice: Voice) -> usize {
        Voice::ALL.iter().position(|v| *v == voice).unwrap_or(0)
    }

    /// How many of `voice` took part.
    #[must_use]
    pub fn count(&self, voice: Voice) -> u32 {
        self.counts[Self::index(voice)]
    }

    /// Everyone who took part.
    #[must_use]
    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// How many different voices were present (the spec's "voice diversity").
    #[must_use]
    pub fn voices(&self) -> usize {
        self.counts.iter().filter(|c| **c > 0).count()
    }

    /// Whether someone from outside the team's staff took part.
    #[must_use]
    pub fn has_outside_voice(&self) -> bool {
        Voice::ALL
            .iter()
            .any(|v| !v.is_staff() && self.count(*v) > 0)
    }
}

/// A huddle as the manager records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HuddleDetails {
    /// The day it was held (or is planned).
    pub held_on: Date,
    /// What it was about, in a line.
    pub topic: PlainText,
    /// Who took part, by voice.
    pub participants: Participants,
}

impl HuddleDetails {
    /// The rules broken: nobody took part, or implausibly many of one voice.
    #[must_use]
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if self.participants.total() == 0 {
            problems.push(Problem::new("participants", "participants-required"));
        }
        if Voice::ALL
            .iter()
            .any(|v| self.participants.count(*v) > MAX_PER_VOICE)
        {
            problems.push(Problem::new("participants", "participants-too-many"));
        }
        problems
    }
}

/// A safe-to-fail probe with its signals set before it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeDetails {
    /// A short name ("The young person chairs the network meeting").
    pub title: PlainText,
    /// What the team expects to happen, and why.
    pub hypothesis: PlainText,
    /// What would show it works.
    pub success_signal: PlainText,
    /// What would show it does harm (when seen, stop).
    pub failure_signal: PlainText,
    /// The course measure that follows the success signal, if one does.
    pub success_measure: Option<measures::CourseMeasure>,
    /// The course measure that follows the failure signal, if one does.
    pub failure_measure: Option<measures::CourseMeasure>,
    /// The first day.
    pub starts_on: Date,
    /// The day the team reviews it and decides.
    pub review_on: Date,
}

impl ProbeDetails {
    /// The rules broken: a review before the start; signals that say the same thing.
    #[must_use]
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if self.review_on < self.starts_on {
            problems.push(Problem::new("review_on", "review-before-start"));
        }
        if self
            .success_signal
            .as_str()
            .eq_ignore_ascii_case(self.failure_signal.as_str())
        {
            problems.push(Problem::new("failure_signal", "signals-same"));
        }
        if self.success_measure.is_some() && self.success_measure == self.failure_measure {
            problems.push(Problem::new("failure_measure", "measures-same"));
        }
        problems
    }

    /// Whether the review is due on `today`: the review day has come, the probe is not stopped,
    /// and no decision was taken on or after the review day (a decision to amplify or dampen
    /// may set a later review day, which makes it due again then).
    #[must_use]
    pub fn review_due(&self, today: Date, stopped: bool, last_decided_on: Option<Date>) -> bool {
        !stopped && self.review_on <= today && last_decided_on.is_none_or(|d| d < self.review_on)
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn text(s: &str) -> PlainText {
        PlainText::parse(s, 200).expect("a valid text")
    }

    #[test]
    fn participants_count_voices_and_outside_voices() {
        let staff_only = Participants::from_counts(&[(Voice::Processor, 4), (Voice::Manager, 1)]);
        assert_eq!(staff_only.total(), 5);
        assert_eq!(staff_only.voices(), 2);
        assert!(!staff_only.has_outside_voice());
        let with_family = Participants::from_counts(&[
            (Voice::Processor, 3),
            (Voice::Network, 1),
            (Voice::Processor, 2),
        ]);
        assert_eq!(
            with_family.count(Voice::Processor),
            2,
            "the last count wins"
        );
        assert_eq!(with_family.total(), 3);
        assert!(with_family.has_outside_voice());
    }

    #[test]
    fn a_huddle_needs_someone_and_not_a_crowd() {
        let mut huddle = HuddleDetails {
            held_on: date!(2026 - 11 - 02),
            topic: text("Two stories about moving out"),
            participants: Participants::default(),
        };
        assert_eq!(huddle.problems()[0].key, "participants-required");
        huddle.participants = Participants::from_counts(&[(Voice::Processor, 61)]);
        assert_eq!(huddle.problems()[0].key, "participants-too-many");
        huddle.participants = Participants::from_counts(&[(Voice::Processor, 6)]);
        assert!(huddle.problems().is_empty());
    }

    #[test]
    fn a_probe_reviews_after_it_starts_with_distinct_signals() {
        let mut probe = ProbeDetails {
            title: text("The young person chairs"),
            hypothesis: text("They say more when they lead"),
            success_signal: text("More own-words goals"),
            failure_signal: text("more own-words GOALS"),
            success_measure: None,
            failure_measure: None,
            starts_on: date!(2026 - 11 - 10),
            review_on: date!(2026 - 11 - 01),
        };
        let keys: Vec<_> = probe.problems().iter().map(|p| p.key).collect();
        assert_eq!(keys, ["review-before-start", "signals-same"]);
        probe.review_on = date!(2026 - 12 - 10);
        probe.failure_signal = text("Meetings cancelled");
        assert!(probe.problems().is_empty());
        probe.success_measure = Some(measures::CourseMeasure::GoalsInOwnWords);
        probe.failure_measure = probe.success_measure;
        let keys: Vec<_> = probe.problems().iter().map(|p| p.key).collect();
        assert_eq!(
            keys,
            ["measures-same"],
            "one measure cannot be both signals"
        );
        probe.failure_measure = Some(measures::CourseMeasure::SessionFeedback);
        assert!(probe.problems().is_empty());
        assert!(!probe.review_due(date!(2026 - 12 - 09), false, None));
        assert!(probe.review_due(date!(2026 - 12 - 10), false, None));
        assert!(probe.review_due(date!(2026 - 12 - 11), false, Some(date!(2026 - 11 - 20))));
        assert!(!probe.review_due(date!(2026 - 12 - 11), false, Some(date!(2026 - 12 - 10))));
        assert!(!probe.review_due(date!(2026 - 12 - 11), true, None));
    }
}
