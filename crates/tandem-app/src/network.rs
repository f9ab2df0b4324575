//! The young person's network: relations added and ended (an ended relation also ends the
//! member's own logins), and dated snapshots of the network as it stood.

use tandem_domain::Id;
use tandem_domain::course::consent::ParentalAuthority;
use tandem_domain::course::network::{MemberDetails, SnapshotEntry};

use crate::actor::Actor;
use crate::app::App;
use crate::audit::course_read;
use crate::courses::{CourseRef, commit_with, today};
use crate::error::ActionError;

pub use tandem_store::network::{Member, MemberRecord, Snapshot};

/// The network page's content: every relation, past ones included, and the snapshots, oldest
/// first.
#[derive(Debug, Clone)]
pub struct Network {
    /// The relations.
    pub members: Vec<MemberRecord>,
    /// The snapshots.
    pub snapshots: Vec<Snapshot>,
}

/// The network with its snapshots, read for the network page (audited).
///
/// # Errors
/// [`ActionError::AuditUnavailable`] when the read cannot be recorded; a database error.
pub async fn show(app: &App, actor: &Actor, course: CourseRef) -> Result<Network, ActionError> {
    let (org, id) = (course.organization_id, course.id);
    let members = app.store().network_of(org, id).await?;
    let snapshots = app.store().snapshots_of(org, id).await?;
    course_read(app, actor, course, "network").await?;
    Ok(Network { members, snapshots })
}

/// The relations, read for `purpose` (a page that shows them; audited).
///
/// # Errors
/// As [`show`].
pub async fn list(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    purpose: &str,
) -> Result<Vec<MemberRecord>, ActionError> {
    let members = members_of(app, course).await?;
    course_read(app, actor, course, purpose).await?;
    Ok(members)
}

/// The relations, for checking the choices of a submitted form (who owns a step, who attended,
/// who is invited): nothing of it is shown, so no read is recorded.
///
/// # Errors
/// A database error.
pub async fn members_of(app: &App, course: CourseRef) -> Result<Vec<MemberRecord>, ActionError> {
    Ok(app
        .store()
        .network_of(course.organization_id, course.id)
        .await?)
}

/// Whether `member` is a current relation of the network (`members` as [`members_of`] read it).
#[must_use]
pub fn is_current(members: &[MemberRecord], member: Id<Member>) -> bool {
    members
        .iter()
        .any(|m| m.id == member && m.active_to.is_none())
}

/// Records who holds parental authority over the young person: under 15 they consent to what
/// the network sees (`course::consent`).
///
/// # Errors
/// [`ActionError::NotFound`] when the course is gone; a database error.
pub async fn set_parental_authority(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    authority: ParentalAuthority,
) -> Result<(), ActionError> {
    let mut tx = app.store().begin().await?;
    if !tx
        .set_parental_authority(course.organization_id, course.id, authority)
        .await?
    {
        return Err(ActionError::NotFound);
    }
    let event = actor.course_event(
        course.id,
        "course.parental_authority",
        "course",
        Some(authority.as_str().to_owned()),
        "network",
    );
    commit_with(tx, event).await
}

/// Who holds parental authority over the course's young person (not shown alone: read with
/// the network page, whose read is recorded).
///
/// # Errors
/// [`ActionError::NotFound`] when the course is gone; a database error.
pub async fn parental_authority(
    app: &App,
    course: CourseRef,
) -> Result<ParentalAuthority, ActionError> {
    app.store()
        .parental_authority(course.organization_id, course.id)
        .await?
        .ok_or(ActionError::NotFound)
}

/// Adds a relation, from today.
///
/// # Errors
/// A database error; nothing is then stored.
pub async fn add(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    details: &MemberDetails,
) -> Result<Id<Member>, ActionError> {
    let mut tx = app.store().begin().await?;
    let id = tx
        .insert_member(
            course.organization_id,
            course.id,
            details,
            today(actor),
            actor.at(),
        )
        .await?;
    let event = actor.course_event(
        course.id,
        "network.add",
        "network_member",
        Some(id.to_string()),
        "network",
    );
    commit_with(tx, event).await?;
    Ok(id)
}

/// Ends a relation today; the member's own logins end with it (R7): sessions now, accounts for
/// good.
///
/// # Errors
/// [`ActionError::NotFound`] when the course has no such current relation; a database error.
/// Nothing is stored on any error.
pub async fn end(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    member: Id<Member>,
) -> Result<(), ActionError> {
    let (org, id) = (course.organization_id, course.id);
    let mut tx = app.store().begin().await?;
    if !tx
        .end_member(org, id, member, today(actor), actor.at())
        .await?
    {
        return Err(ActionError::NotFound);
    }
    tx.end_member_access(org, member, actor.at()).await?;
    let event = actor.course_event(
        id,
        "network.end",
        "network_member",
        Some(member.to_string()),
        "network",
    );
    commit_with(tx, event).await
}

/// Freezes the current network as it stands today.
///
/// # Errors
/// A database error; nothing is then stored.
pub async fn take_snapshot(app: &App, actor: &Actor, course: CourseRef) -> Result<(), ActionError> {
    let members = members_of(app, course).await?;
    let entries: Vec<SnapshotEntry> = members
        .iter()
        .filter(|m| m.active_to.is_none())
        .map(MemberRecord::snapshot_entry)
        .collect();
    let mut tx = app.store().begin().await?;
    tx.insert_snapshot(
        course.organization_id,
        course.id,
        today(actor),
        None,
        &entries,
        actor.at(),
    )
    .await?;
    let event = actor.course_event(
        course.id,
        "network.snapshot",
        "ecomap_snapshot",
        None,
        "network",
    );
    commit_with(tx, event).await
}
