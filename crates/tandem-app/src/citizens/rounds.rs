//! The rating rounds on the citizen's own page: the blind rounds waiting for their number (with
//! the goal's own anchor words for 0 and 10), the rounds they rated that everyone has now rated
//! (all numbers shown — the point of rating blind is to compare afterwards), and the young
//! person's own numbers on each goal over time.

use tandem_domain::course::kinds::GoalStatus;
use tandem_domain::instrument::{GOAL_SCALE, Instrument, SESSION_FEEDBACK};
use tandem_store::ratings::{RaterRecord, RoundRecord};
use tandem_store::work::GoalRecord;
use time::OffsetDateTime;

use super::{CitizenRole, is_mine};

/// How many revealed rounds the page shows.
const REVEALED_SHOWN: usize = 5;

/// A blind round waiting for the citizen's rating.
#[derive(Debug, Clone)]
pub struct PendingRound {
    /// The round.
    pub round: RoundRecord,
    /// Its instrument.
    pub instrument: Instrument,
    /// The goal it rates, in the young person's words, when it rates one.
    pub goal_words: Option<String>,
    /// What 0 and what 10 mean, in the goal's own words, when the goal has them.
    pub anchors: Option<(String, String)>,
}

/// A round the citizen rated and everyone has now rated (or the processor revealed).
#[derive(Debug, Clone)]
pub struct RevealedRound {
    /// The round, with every rater's number.
    pub round: RoundRecord,
    /// Its instrument.
    pub instrument: Instrument,
    /// The goal it rated, in the young person's words.
    pub goal_words: Option<String>,
    /// Which of the raters is the citizen.
    pub mine: usize,
}

/// The young person's own numbers on one goal, oldest first.
#[derive(Debug, Clone)]
pub struct GoalProgress {
    /// The goal in the young person's words.
    pub goal_words: String,
    /// When they rated, and their number (tenths, 0–100).
    pub points: Vec<(OffsetDateTime, i32)>,
}

fn goal_of<'a>(round: &RoundRecord, goals: &'a [GoalRecord]) -> Option<&'a GoalRecord> {
    round
        .goal_id
        .and_then(|g| goals.iter().find(|goal| goal.id == g))
}

fn words(goal: Option<&GoalRecord>) -> Option<String> {
    goal.map(|g| g.details.own_words.as_str().to_owned())
}

/// The rounds still hidden in which the citizen has not rated yet, with their instruments.
pub(super) fn pending_rounds(
    role: CitizenRole,
    rounds: &[RoundRecord],
    instruments: &[Instrument],
    goals: &[GoalRecord],
) -> Vec<PendingRound> {
    rounds
        .iter()
        .filter(|r| {
            r.revealed_at.is_none()
                && r.raters
                    .iter()
                    .any(|x| x.values.is_none() && is_mine(role, x))
        })
        .filter_map(|r| {
            let instrument = instruments.iter().find(|i| i.key == r.instrument_key)?;
            let goal = goal_of(r, goals);
            let anchors = goal.and_then(|g| {
                let (low, high) = (
                    g.details.anchor_low.as_ref(),
                    g.details.anchor_high.as_ref(),
                );
                Some((low?.as_str().to_owned(), high?.as_str().to_owned()))
            });
            Some(PendingRound {
                round: r.clone(),
                instrument: instrument.clone(),
                goal_words: words(goal),
                anchors,
            })
        })
        .collect()
}

/// The citizen's own rating in a round, when they gave one.
fn rated_by_me(role: CitizenRole, round: &RoundRecord) -> Option<usize> {
    round
        .raters
        .iter()
        .position(|x: &RaterRecord| x.total.is_some() && is_mine(role, x))
}

/// The revealed rounds the citizen rated in, newest first, at most [`REVEALED_SHOWN`]. Meeting
/// feedback is left out: the young person alone gives it, about the meeting, not a shared view.
pub(super) fn revealed_rounds(
    role: CitizenRole,
    rounds: &[RoundRecord],
    instruments: &[Instrument],
    goals: &[GoalRecord],
) -> Vec<RevealedRound> {
    let mut shown: Vec<RevealedRound> = rounds
        .iter()
        .filter(|r| r.revealed_at.is_some() && r.instrument_key != SESSION_FEEDBACK)
        .filter_map(|r| {
            let mine = rated_by_me(role, r)?;
            let instrument = instruments.iter().find(|i| i.key == r.instrument_key)?;
            Some(RevealedRound {
                round: r.clone(),
                instrument: instrument.clone(),
                goal_words: words(goal_of(r, goals)),
                mine,
            })
        })
        .collect();
    shown.sort_by_key(|r| std::cmp::Reverse(r.round.revealed_at));
    shown.truncate(REVEALED_SHOWN);
    shown
}

/// The young person's own goal-scale numbers per active goal, oldest first; goals without a
/// number are left out. Their own numbers are theirs to see before a round is revealed.
pub(super) fn progress(rounds: &[RoundRecord], goals: &[GoalRecord]) -> Vec<GoalProgress> {
    goals
        .iter()
        .filter(|g| g.status == GoalStatus::Active)
        .filter_map(|goal| {
            let mut points: Vec<(OffsetDateTime, i32)> = rounds
                .iter()
                .filter(|r| r.instrument_key == GOAL_SCALE && r.goal_id == Some(goal.id))
                .filter_map(|r| {
                    let me = &r.raters[rated_by_me(CitizenRole::YoungPerson, r)?];
                    Some((me.rated_at?, me.total?))
                })
                .collect();
            points.sort_by_key(|(at, _)| *at);
            (!points.is_empty()).then(|| GoalProgress {
                goal_words: goal.details.own_words.as_str().to_owned(),
                points,
            })
        })
        .collect()
}
