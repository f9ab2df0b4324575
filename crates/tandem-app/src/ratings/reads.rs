//! What the rating pages read: the choices for a new round, one round with its instrument, and
//! the checks a submitted rating form is parsed against.

use std::sync::Arc;

use tandem_domain::Id;
use tandem_domain::instrument::Instrument;
use tandem_store::network::MemberRecord;
use tandem_store::ratings::{Round, RoundRecord};
use tandem_store::work::GoalRecord;

use super::CourseRef;
use crate::actor::Actor;
use crate::app::{App, Configuration};
use crate::audit::course_read;
use crate::error::ActionError;

/// What a new round is chosen from: the instruments, the goals, and the network (raters).
#[derive(Debug, Clone)]
pub struct RoundChoices {
    /// The organization's settings and instruments.
    pub configuration: Arc<Configuration>,
    /// The course's goals.
    pub goals: Vec<GoalRecord>,
    /// The network, past relations included.
    pub members: Vec<MemberRecord>,
}

/// The choices for a new round, for its form (when `actor` is given, the read is audited as the
/// new-round page; a submitted form is checked against them without a read being recorded).
///
/// # Errors
/// [`ActionError::AuditUnavailable`] when the read cannot be recorded; a database error.
pub async fn round_choices(
    app: &App,
    actor: Option<&Actor>,
    course: CourseRef,
) -> Result<RoundChoices, ActionError> {
    let (org, id) = (course.organization_id, course.id);
    let configuration = app.configuration(org).await?;
    let goals = app.store().goals_of(org, id).await?;
    let members = app.store().network_of(org, id).await?;
    if let Some(actor) = actor {
        course_read(app, actor, course, "new rating round").await?;
    }
    Ok(RoundChoices {
        configuration,
        goals,
        members,
    })
}

/// One round as its page shows it.
#[derive(Debug, Clone)]
pub struct RoundView {
    /// The round with its raters.
    pub round: RoundRecord,
    /// Its instrument.
    pub instrument: Instrument,
    /// The course's goals (the round's goal is among them).
    pub goals: Vec<GoalRecord>,
}

/// The round `round` of the course, the read audited.
///
/// # Errors
/// [`ActionError::NotFound`] when the course has no such round or its instrument is gone;
/// [`ActionError::AuditUnavailable`] when the read cannot be recorded; a database error.
pub async fn round(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    round: Id<Round>,
) -> Result<RoundView, ActionError> {
    let (round, instrument) = round_and_instrument(app, course, round).await?;
    let goals = app
        .store()
        .goals_of(course.organization_id, course.id)
        .await?;
    course_read(app, actor, course, "rating round").await?;
    Ok(RoundView {
        round,
        instrument,
        goals,
    })
}

/// The round and the instrument it is rated with, for parsing a submitted rating (nothing is
/// shown, so no read is recorded).
///
/// # Errors
/// [`ActionError::NotFound`] when the course has no such round or its instrument is gone; a
/// database error.
pub async fn round_and_instrument(
    app: &App,
    course: CourseRef,
    round: Id<Round>,
) -> Result<(RoundRecord, Instrument), ActionError> {
    let (org, id) = (course.organization_id, course.id);
    let round = app
        .store()
        .rounds_of(org, id)
        .await?
        .into_iter()
        .find(|r| r.id == round)
        .ok_or(ActionError::NotFound)?;
    let instrument = app
        .configuration(org)
        .await?
        .instrument(&round.instrument_key)
        .cloned()
        .ok_or(ActionError::NotFound)?;
    Ok((round, instrument))
}
