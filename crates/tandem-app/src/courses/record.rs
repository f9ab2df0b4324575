//! Starting, editing and reassigning a course: the course's own record, its staff-internal note
//! and who works on it, each change with its audit event in one transaction.

use tandem_domain::Id;
use tandem_domain::course::details::CourseDetails;
use tandem_domain::policy::{Course, CourseAccess};
use tandem_domain::staff::{StaffRole, Team, User};
use tandem_store::staff::StaffUser;

use super::{CourseRef, commit_with};
use crate::actor::Actor;
use crate::app::App;
use crate::error::ActionError;

/// Starts a course in the acting processor's own team, with them as processor, and its
/// staff-internal `note` (if one was written).
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff of a team; a database error. Nothing is
/// stored on any error.
pub async fn create(
    app: &App,
    actor: &Actor,
    details: &CourseDetails,
    note: Option<&str>,
) -> Result<Id<Course>, ActionError> {
    let staff = actor.staff().copied().ok_or(ActionError::NotFound)?;
    let team = staff.team_id.ok_or(ActionError::NotFound)?;
    let org = staff.organization_id;
    let mut tx = app.store().begin().await?;
    let id = tx
        .insert_course(org, team, staff.user_id, details, actor.at())
        .await?;
    tx.set_internal_note(org, id, note).await?;
    let event = actor.course_event(
        id,
        "course.create",
        "course",
        Some(id.to_string()),
        "new course",
    );
    commit_with(tx, event).await?;
    Ok(id)
}

/// Changes the course's young person and dates, and its staff-internal `note`.
///
/// # Errors
/// A database error; nothing is then stored.
pub async fn update(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    details: &CourseDetails,
    note: Option<&str>,
) -> Result<(), ActionError> {
    let mut tx = app.store().begin().await?;
    tx.update_course(course.organization_id, course.id, details, actor.at())
        .await?;
    tx.set_internal_note(course.organization_id, course.id, note)
        .await?;
    let event = actor.course_event(course.id, "course.update", "course", None, "edit course");
    commit_with(tx, event).await
}

/// The team manager's choice: a processor and, optionally, a deputy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assignment {
    /// Who processes the course from now on.
    pub processor: Id<User>,
    /// A deputy to add, if any.
    pub deputy: Option<Id<User>>,
}

/// The active processors of `team` among an organization's staff.
fn processors(users: &[StaffUser], team: Id<Team>) -> impl Iterator<Item = &StaffUser> {
    users.iter().filter(move |u| {
        u.role == StaffRole::Processor && u.team_id == Some(team) && u.deactivated_at.is_none()
    })
}

/// Sets the processor (when it changes) and adds the deputy (when one is chosen and is not the
/// processor), each recorded. Only the course team's active processors can be chosen: another
/// choice can only come from a forged form, and nothing changes (`Ok` all the same).
///
/// # Errors
/// A database error; nothing is then stored.
pub async fn reassign(
    app: &App,
    actor: &Actor,
    course: &CourseAccess,
    command: Assignment,
) -> Result<(), ActionError> {
    let (org, id) = (course.organization_id, course.id);
    let mut tx = app.store().begin().await?;
    let users = tx.staff_users_of(org).await?;
    let pick = |wanted: Id<User>| processors(&users, course.team_id).any(|u| u.id == wanted);
    if !pick(command.processor) {
        return Ok(());
    }
    let processor = command.processor;
    if processor != course.processor_id {
        tx.reassign_course(org, id, processor, actor.at()).await?;
        tx.append_audit(actor.course_event(id, "course.reassign", "course", None, "assignment"))
            .await?;
    }
    if let Some(deputy) = command.deputy.filter(|d| *d != processor && pick(*d)) {
        tx.add_deputy(org, id, deputy).await?;
        tx.append_audit(actor.course_event(id, "course.deputy", "course", None, "assignment"))
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The active processors of the course's team, whom the manager may assign.
///
/// # Errors
/// A database error.
pub async fn team_processors(
    app: &App,
    course: &CourseAccess,
) -> Result<Vec<StaffUser>, ActionError> {
    Ok(app
        .store()
        .active_processors_of_team(course.organization_id, course.team_id)
        .await?)
}
