//! Invitations to take part through one's own login: staff issue a single-use link (valid for
//! [`INVITATION_TTL`]) to the young person or a network member, and may revoke it; accepting it,
//! the young person or network member chooses a sign-in name and a password; the invitation is
//! used up, the account and its first session are created, and the acceptance is recorded — one
//! transaction, so a link is never used without an account, nor an account made without its
//! audit event.

use tandem_domain::Id;
use tandem_store::StoreError;
use tandem_store::citizens::{CitizenRecord, OpenInvitation};
use time::{Duration, OffsetDateTime};

use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::courses::{CourseRef, commit_with};
use crate::error::ActionError;
use crate::network::{MemberRecord, members_of};

pub use tandem_store::citizens::{CitizenRole, Invitation, IssuedInvitation};

/// How long an invitation works.
pub const INVITATION_TTL: Duration = Duration::hours(72);

/// An invitation just issued: the link's token is in `invitation` (shown once, never stored).
#[derive(Debug, Clone)]
pub struct Issued {
    /// Its id and token.
    pub invitation: IssuedInvitation,
    /// When the link stops working.
    pub expires_at: OffsetDateTime,
    /// The network member invited, when it is one.
    pub member: Option<MemberRecord>,
}

/// Issues an invitation to `role` on the course (revoking an open one for the same person),
/// created by the acting member of staff.
///
/// # Errors
/// [`ActionError::NotFound`] when a network member invited is not a current relation of the
/// course, or the actor is not staff; a database error. Nothing is stored on any error.
pub async fn issue(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    role: CitizenRole,
) -> Result<Issued, ActionError> {
    let member = match role {
        CitizenRole::YoungPerson => None,
        CitizenRole::NetworkMember(id) => Some(
            members_of(app, course)
                .await?
                .into_iter()
                .find(|m| m.id == id && m.active_to.is_none())
                .ok_or(ActionError::NotFound)?,
        ),
    };
    let by = actor.staff_user().ok_or(ActionError::NotFound)?;
    let expires_at = actor.at() + INVITATION_TTL;
    let mut tx = app.store().begin().await?;
    let invitation = tx
        .issue_invitation(
            course.organization_id,
            course.id,
            role,
            by,
            actor.at(),
            expires_at,
        )
        .await?;
    let event = actor.course_event(
        course.id,
        "invitation.issue",
        "invitation",
        Some(invitation.id.to_string()),
        "invite",
    );
    commit_with(tx, event).await?;
    Ok(Issued {
        invitation,
        expires_at,
        member,
    })
}

/// Revokes an open invitation of the course.
///
/// # Errors
/// [`ActionError::NotFound`] when the course has no such open invitation; a database error.
pub async fn revoke(
    app: &App,
    actor: &Actor,
    course: CourseRef,
    invitation: Id<Invitation>,
) -> Result<(), ActionError> {
    let mut tx = app.store().begin().await?;
    if !tx
        .revoke_invitation(course.organization_id, course.id, invitation, actor.at())
        .await?
    {
        return Err(ActionError::NotFound);
    }
    let event = actor.course_event(
        course.id,
        "invitation.revoke",
        "invitation",
        Some(invitation.to_string()),
        "invite",
    );
    commit_with(tx, event).await
}

/// The acceptance form, parsed (the password already hashed: hashing is slow and is done
/// before the transaction begins).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptInvitation {
    /// The chosen sign-in name, valid by the sign-in name rules.
    pub login_name: String,
    /// The chosen password's hash.
    pub password_hash: String,
}

/// What came of an acceptance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Acceptance {
    /// The account exists and is signed in with `session_token` (for the cookie).
    Accepted {
        /// The new account.
        account: CitizenRecord,
        /// The first session's token.
        session_token: String,
    },
    /// The link was used, revoked or expired meanwhile; nothing was stored.
    Gone,
    /// Someone already signs in with that name; nothing was stored.
    LoginNameTaken,
}

/// The invitation behind a link, if it can still be accepted.
///
/// # Errors
/// A database error.
pub async fn open_invitation(
    app: &App,
    token: &str,
    at: OffsetDateTime,
) -> Result<Option<OpenInvitation>, ActionError> {
    let mut tx = app.store().begin_read().await?;
    let open = tx.open_invitation(token, at).await?;
    tx.commit().await?;
    Ok(open)
}

/// Uses the invitation, creates the account and its session, and records the acceptance as
/// done by the new account, from `ip` at `at`.
///
/// # Errors
/// A database error; nothing is then stored.
pub async fn accept(
    app: &App,
    invitation: &OpenInvitation,
    command: &AcceptInvitation,
    ip: Option<String>,
    at: OffsetDateTime,
) -> Result<Acceptance, ActionError> {
    let mut tx = app.store().begin().await?;
    if !tx.use_invitation(invitation.id, at).await? {
        return Ok(Acceptance::Gone);
    }
    let id = match tx
        .insert_citizen_account(invitation, &command.login_name, &command.password_hash, at)
        .await
    {
        Ok(id) => id,
        Err(StoreError::Conflict) => return Ok(Acceptance::LoginNameTaken),
        Err(other) => return Err(other.into()),
    };
    // The account is what the invitation said: no need to read it back.
    let account = CitizenRecord {
        id,
        organization_id: invitation.organization_id,
        course_id: invitation.course_id,
        role: invitation.role,
        login_name: command.login_name.clone(),
        active: true,
    };
    let session_token = tx.insert_citizen_session(&account, at).await?;
    let mut entry = Entry::allowed(
        "citizen.accept",
        "citizen_account",
        Some(account.id.to_string()),
        "invitation",
    );
    entry.subject_id = Some(account.course_id.to_string());
    tx.append_audit(Actor::citizen(&account, ip, at).event(entry))
        .await?;
    tx.commit().await?;
    Ok(Acceptance::Accepted {
        account,
        session_token,
    })
}
