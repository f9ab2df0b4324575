//! Steps, each owned by whoever does it — the young person, someone in the network, or staff:
//! added, their status changed, and shown grouped by owner. The grouping and the overdue rule
//! are here once for every page (a citizen ticking off their own step is in
//! [`crate::citizens`]).

use tandem_domain::Id;
use tandem_domain::course::kinds::StepStatus;
use tandem_domain::course::work::StepOwner;
use tandem_store::courses::CourseRecord;
use tandem_store::network::MemberRecord;

use crate::actor::Actor;
use crate::app::App;
use crate::audit::course_read;
use crate::courses::{CourseRef, commit_with, today};
use crate::error::ActionError;

pub use tandem_store::work::{GoalRecord, NewStep, Step, StepRecord};

/// Steps grouped by who does them, owners in the order they first appear (the step board's
/// columns and the overview's counts); `young` names the young person. A step's
/// [`StepRecord::is_overdue`] is the overdue rule.
#[must_use]
pub fn by_owner<'a>(
    steps: &'a [StepRecord],
    young: &'a str,
) -> Vec<(&'a str, Vec<&'a StepRecord>)> {
    tandem_store::work::steps_by_owner(steps, young)
}

/// Whether `owner` may own a step of `course`: the young person, a current relation of the
/// network (`members`), or the course's processor.
#[must_use]
pub fn owner_in_course(owner: &StepOwner, course: &CourseRecord, members: &[MemberRecord]) -> bool {
    match owner {
        StepOwner::YoungPerson => true,
        StepOwner::Network(id) => members.iter().any(|m| m.id == *id && m.active_to.is_none()),
        StepOwner::Staff(id) => course.processor_id == *id,
    }
}

/// The step board's content: the steps, and the network and goals its form chooses from.
#[derive(Debug, Clone)]
pub struct Board {
    /// The steps.
    pub steps: Vec<StepRecord>,
    /// The network (owners to choose from).
    pub members: Vec<MemberRecord>,
    /// The goals (a step may serve one).
    pub goals: Vec<GoalRecord>,
}

/// The step board, read for the steps page (audited).
///
/// # Errors
/// [`ActionError::AuditUnavailable`] when the read cannot be recorded; a database error.
pub async fn board(app: &App, actor: &Actor, course: CourseRef) -> Result<Board, ActionError> {
    let (org, id) = (course.organization_id, course.id);
    let store = app.store();
    let steps = store.steps_of(org, id).await?;
    let members = store.network_of(org, id).await?;
    let goals = store.goals_of(org, id).await?;
    course_read(app, actor, course, "steps").await?;
    Ok(Board {
        steps,
        members,
        goals,
    })
}

/// The network and goals a submitted step form is checked against (nothing is shown, so no
/// read is recorded).
///
/// # Errors
/// A database error.
pub async fn choices(
    app: &App,
    course: CourseRef,
) -> Result<(Vec<MemberRecord>, Vec<GoalRecord>), ActionError> {
    let (org, id) = (course.organization_id, course.id);
    let members = app.store().network_of(org, id).await?;
    let goals = app.store().goals_of(org, id).await?;
    Ok((members, goals))
}

/// Adds a step; `purpose` is the page it was added on.
///
/// # Errors
/// A database error; nothing is then stored.
pub async fn create(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    step: &NewStep,
    purpose: &str,
) -> Result<Id<Step>, ActionError> {
    let mut tx = app.store().begin().await?;
    let id = tx
        .insert_step(course.organization_id, course.id, step, actor.at())
        .await?;
    let event = actor.course_event(
        course.id,
        "step.create",
        "step",
        Some(id.to_string()),
        purpose,
    );
    commit_with(tx, event).await?;
    Ok(id)
}

/// Changes a step's status (done today when it becomes done), from the step board.
///
/// # Errors
/// [`ActionError::NotFound`] when the course has no such step; a database error.
pub async fn set_status(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    step: Id<Step>,
    status: StepStatus,
) -> Result<(), ActionError> {
    let mut tx = app.store().begin().await?;
    if !tx
        .set_step_status(
            course.organization_id,
            course.id,
            step,
            status,
            today(actor),
        )
        .await?
    {
        return Err(ActionError::NotFound);
    }
    let event = actor.course_event(
        course.id,
        "step.update",
        "step",
        Some(step.to_string()),
        "steps",
    );
    commit_with(tx, event).await
}
