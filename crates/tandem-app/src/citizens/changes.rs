//! What citizens change on their own page: a goal in their own words, a step of their own, a
//! step ticked off, a message to the processor (a worry alerts the processor and the team
//! manager in the same transaction), and the young person's approval of — or disagreement with —
//! shared minutes.

use tandem_domain::course::kinds::{AlertKind, LifeArea, StatementTopic, StepStatus};
use tandem_domain::course::work::{GoalDetails, StepOwner};
use tandem_domain::{Id, PlainText};
use tandem_store::voice::Statement;
use tandem_store::work::{Goal, Meeting, NewStep, Step};
use time::Date;

use super::{CitizenRecord, PURPOSE, course_of, owns};
use crate::actor::Actor;
use crate::app::App;
use crate::courses::commit_with;
use crate::error::ActionError;

/// The young person sets a goal in their own words (they are its author; life area "other"
/// until the processor and they place it).
///
/// # Errors
/// [`ActionError::NotFound`] when the course is gone; a database error.
pub async fn propose_goal(
    app: &App,
    actor: &Actor,
    account: &CitizenRecord,
    own_words: PlainText,
) -> Result<Id<Goal>, ActionError> {
    let course = course_of(account);
    let entry = app
        .store()
        .course(course.organization_id, course.id)
        .await?
        .ok_or(ActionError::NotFound)?;
    let goal = GoalDetails {
        own_words,
        author: entry.course.details.young_person_name.clone(),
        restatement: None,
        life_area: LifeArea::Other,
        anchor_low: None,
        anchor_high: None,
        target_date: None,
    };
    crate::goals::create(app, actor, course, &goal, PURPOSE).await
}

/// The young person adds a step of their own.
///
/// # Errors
/// A database error; nothing is added.
pub async fn add_own_step(
    app: &App,
    actor: &Actor,
    account: &CitizenRecord,
    description: PlainText,
) -> Result<Id<Step>, ActionError> {
    let course = course_of(account);
    let step = NewStep {
        description,
        owner: StepOwner::YoungPerson,
        goal_id: None,
        due_date: None,
        meeting_id: None,
    };
    crate::steps::create(app, actor, course, &step, PURPOSE).await
}

/// The citizen ticks off one of their own steps, done on `today`.
///
/// # Errors
/// [`ActionError::NotFound`] for anyone else's step, exactly as for a step that does not
/// exist; a database error.
pub async fn mark_own_step_done(
    app: &App,
    actor: &Actor,
    account: &CitizenRecord,
    step: Id<Step>,
    today: Date,
) -> Result<(), ActionError> {
    let course = course_of(account);
    let (org, id) = (course.organization_id, course.id);
    let steps = app.store().steps_of(org, id).await?;
    if !steps
        .iter()
        .any(|s| s.id == step && owns(account.role, &s.owner))
    {
        return Err(ActionError::NotFound);
    }
    let mut tx = app.store().begin().await?;
    tx.set_step_status(org, id, step, StepStatus::Done, today)
        .await?;
    let event = actor.course_event(id, "step.done", "step", Some(step.to_string()), PURPOSE);
    commit_with(tx, event).await
}

/// A message sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageSent {
    /// The message.
    pub id: Id<Statement>,
    /// Whether it raised a worry alert.
    pub worry: bool,
}

/// A message to the processor. A worry raises an alert in the same transaction, routed to the
/// processor (or, while they are away, the course's deputy or the team manager) with its
/// acknowledgement deadline and the e-mail that tells them: a worry is never stored without
/// its alert and its deadline.
///
/// # Errors
/// A database error; nothing is stored.
pub async fn send_message(
    app: &App,
    actor: &Actor,
    account: &CitizenRecord,
    topic: StatementTopic,
    text: &PlainText,
) -> Result<MessageSent, ActionError> {
    let course = course_of(account);
    let (org, now) = (course.organization_id, actor.at());
    let worry = topic == StatementTopic::Worry;
    let mut tx = app.store().begin().await?;
    let id = tx
        .insert_statement(org, course.id, topic, text.as_str(), worry, now)
        .await?;
    if worry {
        let alert = tx
            .raise_alert(
                org,
                course.id,
                AlertKind::Worry,
                Some(id.to_string()),
                "statement",
                now,
            )
            .await?;
        let team = app
            .store()
            .course(org, course.id)
            .await?
            .ok_or(ActionError::NotFound)?
            .course
            .team_id;
        crate::worries::route_new(app, &mut tx, actor, course, team, alert).await?;
    }
    let event = actor.course_event(
        course.id,
        "statement.create",
        "statement",
        Some(id.to_string()),
        PURPOSE,
    );
    commit_with(tx, event).await?;
    Ok(MessageSent { id, worry })
}

/// The young person approves the minutes of a meeting shared with them.
///
/// # Errors
/// [`ActionError::NotFound`] when the course has no such meeting with minutes to approve; a
/// database error.
pub async fn approve_minutes(
    app: &App,
    actor: &Actor,
    account: &CitizenRecord,
    meeting: Id<Meeting>,
) -> Result<(), ActionError> {
    let course = course_of(account);
    let mut tx = app.store().begin().await?;
    if !tx
        .approve_minutes(course.organization_id, course.id, meeting, actor.at())
        .await?
    {
        return Err(ActionError::NotFound);
    }
    let event = actor.course_event(
        course.id,
        "minutes.approve",
        "meeting",
        Some(meeting.to_string()),
        PURPOSE,
    );
    commit_with(tx, event).await
}

/// The young person disagrees with the minutes of a meeting shared with them, in their own
/// words: the processor sees it on the meeting, and the course summary carries it. The minutes
/// stay unapproved; a second disagreement replaces the first.
///
/// # Errors
/// [`ActionError::NotFound`] when the course has no such meeting with minutes to approve; a
/// database error.
pub async fn disagree_with_minutes(
    app: &App,
    actor: &Actor,
    account: &CitizenRecord,
    meeting: Id<Meeting>,
    words: &PlainText,
) -> Result<(), ActionError> {
    let course = course_of(account);
    let mut tx = app.store().begin().await?;
    if !tx
        .disagree_with_minutes(
            course.organization_id,
            course.id,
            meeting,
            words,
            actor.at(),
        )
        .await?
    {
        return Err(ActionError::NotFound);
    }
    let event = actor.course_event(
        course.id,
        "minutes.disagree",
        "meeting",
        Some(meeting.to_string()),
        PURPOSE,
    );
    commit_with(tx, event).await
}
