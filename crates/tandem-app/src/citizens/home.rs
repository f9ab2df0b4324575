//! The citizen's own page ("my course"): what it shows is decided here — the goals, steps and
//! meetings in their scope, their own steps to tick off, the minutes waiting for the young
//! person's approval, the blind ratings waiting for them, and the meeting they can still give
//! feedback on.

use tandem_domain::Id;
use tandem_domain::course::kinds::GoalStatus;
use tandem_domain::course::network::ConsentScope;
use tandem_domain::instrument::{Instrument, SESSION_FEEDBACK};
use tandem_domain::worry::WorryRules;
use tandem_store::network::MemberRecord;
use tandem_store::ratings::{Rater, Round, RoundRecord};
use tandem_store::voice::StatementRecord;
use tandem_store::work::{GoalRecord, Meeting, MeetingRecord, StepRecord};
use time::Date;

use super::rounds::{
    GoalProgress, PendingRound, RevealedRound, pending_rounds, progress, revealed_rounds,
};
use super::{CitizenRecord, CitizenRole, PURPOSE, course_of, is_mine, owns, scope};
use crate::actor::Actor;
use crate::app::App;
use crate::audit::course_read;
use crate::error::ActionError;

/// How long after a meeting the young person can still give feedback on it.
const FEEDBACK_DAYS: i64 = 30;

/// The meeting the young person can give feedback on.
#[derive(Debug, Clone)]
pub struct FeedbackDue {
    /// The meeting.
    pub meeting: MeetingRecord,
    /// The session-feedback instrument with the organization's thresholds.
    pub instrument: Instrument,
}

/// What the citizen's own page shows.
#[derive(Debug, Clone)]
pub struct Home {
    /// The name the page greets: the young person's first name, or the network member's name.
    pub first_name: String,
    /// What the citizen may see.
    pub scope: ConsentScope,
    /// The course's active goals (when in scope).
    pub goals: Vec<GoalRecord>,
    /// The citizen's own steps.
    pub own_steps: Vec<StepRecord>,
    /// The course's meetings (when in scope).
    pub meetings: Vec<MeetingRecord>,
    /// Minutes shared with the young person and not yet approved (the young person only).
    pub minutes_to_approve: Vec<MeetingRecord>,
    /// The young person's current network (the young person only).
    pub network: Vec<MemberRecord>,
    /// Blind rounds waiting for the citizen.
    pub pending: Vec<PendingRound>,
    /// Rounds the citizen rated that everyone has now rated, newest first: the numbers shown.
    pub revealed: Vec<RevealedRound>,
    /// The young person's own numbers on each active goal over time (the young person only).
    pub progress: Vec<GoalProgress>,
    /// The latest meeting the young person attended in the last 30 days before `today`
    /// without feedback yet.
    pub feedback: Option<FeedbackDue>,
    /// The young person's messages with who read them and the replies, newest first (the
    /// young person only).
    pub messages: Vec<StatementRecord>,
    /// The organization's rules for worries: what the young person is promised.
    pub worry_rules: WorryRules,
    /// The young person's age today (the rating scale shows faces for the youngest).
    pub young_age: i32,
}

/// The citizen's page as of `today` (Copenhagen), read and recorded.
///
/// # Errors
/// [`ActionError::NotFound`] when the course is gone; [`ActionError::AuditUnavailable`]; a
/// database error.
pub async fn home(
    app: &App,
    actor: &Actor,
    account: &CitizenRecord,
    today: Date,
) -> Result<Home, ActionError> {
    let (store, course) = (app.store(), course_of(account));
    let (org, id) = (course.organization_id, course.id);
    let entry = store.course(org, id).await?.ok_or(ActionError::NotFound)?;
    let scope = scope(app, account).await?;
    let goals = store.goals_of(org, id).await?;
    let steps = store.steps_of(org, id).await?;
    let meetings = store.meetings_of(org, id).await?;
    let network = store.network_of(org, id).await?;
    course_read(app, actor, course, PURPOSE).await?;
    let rounds = store.rounds_of(org, id).await?;
    let config = app.configuration(org).await?;
    let young = account.role == CitizenRole::YoungPerson;
    let messages = if young {
        store.statements_of(org, id).await?
    } else {
        Vec::new()
    };
    let worry_rules = store.worry_rules(org).await?;
    let first_name = match account.role {
        CitizenRole::YoungPerson => {
            let name = entry.course.details.young_person_name.as_str();
            name.split(' ').next().unwrap_or("").to_owned()
        }
        CitizenRole::NetworkMember(member) => network
            .iter()
            .find(|m| m.id == member)
            .map(|m| m.details.name.as_str().to_owned())
            .unwrap_or_default(),
    };
    let pending = pending_rounds(account.role, &rounds, &config.instruments, &goals);
    let revealed = revealed_rounds(account.role, &rounds, &config.instruments, &goals);
    let progress = if young {
        progress(&rounds, &goals)
    } else {
        Vec::new()
    };
    let feedback = young
        .then(|| {
            let instrument = Instrument::session_feedback(config.settings.feedback);
            feedback_due(&meetings, &rounds, today).map(|meeting| FeedbackDue {
                meeting: meeting.clone(),
                instrument,
            })
        })
        .flatten();
    Ok(Home {
        first_name,
        own_steps: steps
            .into_iter()
            .filter(|s| owns(account.role, &s.owner))
            .collect(),
        minutes_to_approve: if young {
            meetings
                .iter()
                .filter(|m| m.details.minutes_shared && m.minutes_approved_at.is_none())
                .filter(|m| m.details.minutes.is_some())
                .cloned()
                .collect()
        } else {
            Vec::new()
        },
        network: if young {
            network
                .into_iter()
                .filter(|m| m.active_to.is_none())
                .collect()
        } else {
            Vec::new()
        },
        goals: if scope.goals {
            goals
                .into_iter()
                .filter(|g| g.status == GoalStatus::Active)
                .collect()
        } else {
            Vec::new()
        },
        meetings: if scope.meetings { meetings } else { Vec::new() },
        scope,
        pending,
        revealed,
        progress,
        feedback,
        messages,
        worry_rules,
        young_age: tandem_domain::deadlines::age_on(entry.course.details.birth_date, today),
    })
}

/// The latest held meeting the young person attended within [`FEEDBACK_DAYS`] of `today` that
/// has no feedback round yet.
fn feedback_due<'a>(
    meetings: &'a [MeetingRecord],
    rounds: &[RoundRecord],
    today: Date,
) -> Option<&'a MeetingRecord> {
    meetings
        .iter()
        .filter(|m| {
            m.details.held
                && m.details.young_person_present
                && (today - m.details.held_on).whole_days() <= FEEDBACK_DAYS
        })
        .find(|m| {
            !rounds
                .iter()
                .any(|r| r.instrument_key == SESSION_FEEDBACK && r.meeting_id == Some(m.id))
        })
}

/// The citizen's own rating still to give in `round`, and the round's instrument (for the
/// form's values).
///
/// # Errors
/// [`ActionError::NotFound`] when the round is not the course's, or the citizen has nothing to
/// rate in it (already rated, or not invited); a database error.
pub async fn rating_form(
    app: &App,
    account: &CitizenRecord,
    round: Id<Round>,
) -> Result<(Id<Rater>, Instrument), ActionError> {
    let org = account.organization_id;
    let rounds = app.store().rounds_of(org, account.course_id).await?;
    let round = rounds
        .iter()
        .find(|r| r.id == round)
        .ok_or(ActionError::NotFound)?;
    let rater = round
        .raters
        .iter()
        .find(|r| r.values.is_none() && is_mine(account.role, r))
        .ok_or(ActionError::NotFound)?;
    let config = app.configuration(org).await?;
    let instrument = config
        .instrument(&round.instrument_key)
        .cloned()
        .ok_or(ActionError::NotFound)?;
    Ok((rater.id, instrument))
}

/// The session-feedback instrument for the young person's feedback on `meeting`: only the young
/// person gives it, and only on a meeting that was held.
///
/// # Errors
/// [`ActionError::NotFound`] for anyone else, or a meeting not held in the course; a database
/// error.
pub async fn feedback_instrument(
    app: &App,
    account: &CitizenRecord,
    meeting: Id<Meeting>,
) -> Result<Instrument, ActionError> {
    if account.role != CitizenRole::YoungPerson {
        return Err(ActionError::NotFound);
    }
    let org = account.organization_id;
    let meetings = app.store().meetings_of(org, account.course_id).await?;
    if !meetings.iter().any(|m| m.id == meeting && m.details.held) {
        return Err(ActionError::NotFound);
    }
    let settings = app.course_settings(org).await?;
    Ok(Instrument::session_feedback(settings.feedback))
}
