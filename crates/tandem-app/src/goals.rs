//! Goals in the young person's own words: set by the processor with the young person, or by the
//! young person on their own page; their status; and each goal's ratings over time.

use tandem_domain::Id;
use tandem_domain::PlainText;
use tandem_domain::course::kinds::GoalStatus;
use tandem_domain::course::work::GoalDetails;
use tandem_domain::instrument::Instrument;

use crate::actor::Actor;
use crate::app::App;
use crate::audit::course_read;
use crate::courses::{CourseRef, commit_with};
use crate::error::ActionError;

pub use tandem_store::ratings::RoundRecord;
pub use tandem_store::work::{Goal, GoalRecord};

/// The course's goals, oldest first, read for `purpose` (the page; the read is audited).
///
/// # Errors
/// [`ActionError::AuditUnavailable`] when the read cannot be recorded; a database error.
pub async fn list(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    purpose: &str,
) -> Result<Vec<GoalRecord>, ActionError> {
    let goals = app
        .store()
        .goals_of(course.organization_id, course.id)
        .await?;
    course_read(app, actor, course, purpose).await?;
    Ok(goals)
}

/// Adds a goal to the course; `purpose` is the page it was set on.
///
/// # Errors
/// A database error; nothing is kept.
pub async fn create(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    goal: &GoalDetails,
    purpose: &str,
) -> Result<Id<Goal>, ActionError> {
    let mut tx = app.store().begin().await?;
    let id = tx
        .insert_goal(course.organization_id, course.id, goal, actor.at())
        .await?;
    let event = actor.course_event(
        course.id,
        "goal.create",
        "goal",
        Some(id.to_string()),
        purpose,
    );
    commit_with(tx, event).await?;
    Ok(id)
}

/// Changes a goal's status (active, reached, paused, dropped).
///
/// # Errors
/// [`ActionError::NotFound`] when the course has no such goal; a database error.
pub async fn set_status(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    goal: Id<Goal>,
    status: GoalStatus,
) -> Result<(), ActionError> {
    let mut tx = app.store().begin().await?;
    if !tx
        .set_goal_status(course.organization_id, course.id, goal, status)
        .await?
    {
        return Err(ActionError::NotFound);
    }
    let event = actor.course_event(
        course.id,
        "goal.update",
        "goal",
        Some(goal.to_string()),
        "goals",
    );
    commit_with(tx, event).await
}

/// The young person puts one of their goals in new words.
///
/// # Errors
/// [`ActionError::NotFound`] when the course has no such goal; a database error.
pub async fn reword(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    goal: Id<Goal>,
    own_words: &PlainText,
    purpose: &str,
) -> Result<(), ActionError> {
    let mut tx = app.store().begin().await?;
    if !tx
        .reword_goal(
            course.organization_id,
            course.id,
            goal,
            (own_words, actor.at()),
        )
        .await?
    {
        return Err(ActionError::NotFound);
    }
    let event = actor.course_event(
        course.id,
        "goal.update",
        "goal",
        Some(goal.to_string()),
        purpose,
    );
    commit_with(tx, event).await
}

/// One goal with what its progress page shows: the goal-scale instrument (for its norms) and the
/// course's rating rounds (the page keeps this goal's revealed ones).
#[derive(Debug, Clone)]
pub struct GoalProgress {
    /// The goal.
    pub goal: GoalRecord,
    /// The organization's goal scale, when it has one.
    pub scale: Option<Instrument>,
    /// The course's rounds.
    pub rounds: Vec<RoundRecord>,
}

/// A goal's progress, read for its page (audited).
///
/// # Errors
/// [`ActionError::NotFound`] when the course has no such goal; as [`list`].
pub async fn progress(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    goal: Id<Goal>,
) -> Result<GoalProgress, ActionError> {
    let store = app.store();
    let goal = store
        .goals_of(course.organization_id, course.id)
        .await?
        .into_iter()
        .find(|g| g.id == goal)
        .ok_or(ActionError::NotFound)?;
    let scale = app
        .configuration(course.organization_id)
        .await?
        .instrument(tandem_domain::instrument::GOAL_SCALE)
        .cloned();
    let rounds = store.rounds_of(course.organization_id, course.id).await?;
    course_read(app, actor, course, "goal progress").await?;
    Ok(GoalProgress {
        goal,
        scale,
        rounds,
    })
}
