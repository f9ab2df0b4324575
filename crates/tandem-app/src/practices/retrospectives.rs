//! Look back before looking forward (practice 2): closed courses of the team reconstructed
//! episode by episode, each labelled with its co-production phase and the level planned and
//! reached.

use tandem_domain::Id;
use tandem_domain::policy::{Course, CourseAccess};
use tandem_domain::practice::reflection::{Episode, Retrospective};
use time::Date;

use super::{TeamRef, commit, read, staff_user};
use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

pub use tandem_store::practices::retrospectives::{ClosedCourse, RetrospectiveRecord};

/// The retrospectives page: the team's reviews and its closed courses, each with who it
/// belongs to (the web layer shows a course's name only to those who may list it).
#[derive(Debug, Clone)]
pub struct Retrospectives {
    /// The reviews.
    pub reviews: Vec<RetrospectiveRecord>,
    /// The team's closed courses with their access (none when the course is gone).
    pub closed: Vec<(ClosedCourse, Option<CourseAccess>)>,
}

/// The team's retrospectives, read for their page (audited before the courses' access is read).
///
/// # Errors
/// The read cannot be recorded; a database error.
pub async fn show(app: &App, actor: &Actor, team: TeamRef) -> Result<Retrospectives, ActionError> {
    let (org, store) = (team.organization_id, app.store());
    let reviews = store.retrospectives(org, team.id).await?;
    let closed = store.closed_team_courses(org, team.id).await?;
    let purpose = "retrospectives";
    read(app, actor, "retrospectives", team.id.to_string(), purpose).await?;
    let mut with_access = Vec::with_capacity(closed.len());
    for course in closed {
        let access = store.course_access(org, course.id).await?;
        with_access.push((course, access));
    }
    Ok(Retrospectives {
        reviews,
        closed: with_access,
    })
}

/// Opens a retrospective of one of the team's closed courses (the manager). `Ok(None)`: the
/// course is not a closed course of the team; nothing stored.
///
/// # Errors
/// [`ActionError::NotFound`] when the actor is not staff; a database error.
pub async fn open(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    (course, held_on): (Id<Course>, Date),
) -> Result<Option<Id<Retrospective>>, ActionError> {
    let by = staff_user(actor)?;
    let mut tx = app.store().begin().await?;
    let Some(id) = tx
        .insert_retrospective(
            team.organization_id,
            team.id,
            (course, held_on),
            by,
            actor.at(),
        )
        .await?
    else {
        return Ok(None);
    };
    let object = Some(id.to_string());
    let entry = Entry::allowed(
        "retrospective.create",
        "retrospective",
        object,
        "retrospective",
    );
    commit(tx, actor, entry).await?;
    Ok(Some(id))
}

/// Adds an episode to one of the team's retrospectives (the manager).
///
/// # Errors
/// [`ActionError::NotFound`] when the team has no such retrospective; a database error.
pub async fn add_episode(
    app: &App,
    actor: &Actor,
    team: TeamRef,
    id: Id<Retrospective>,
    episode: &Episode,
) -> Result<(), ActionError> {
    let mut tx = app.store().begin().await?;
    if !tx
        .add_episode(team.organization_id, team.id, id, episode, actor.at())
        .await?
    {
        return Err(ActionError::NotFound);
    }
    let object = Some(id.to_string());
    let entry = Entry::allowed(
        "retrospective.episode",
        "retrospective",
        object,
        "retrospective",
    );
    commit(tx, actor, entry).await
}
