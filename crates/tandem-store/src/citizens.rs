//! Invitations for the young person and network members of a course (R8): random tokens stored
//! only as hashes, single use, expiring and revocable. Unknown, used, expired and revoked tokens
//! all answer `None` alike, so a response never tells which it was.

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Course;
use tandem_domain::staff::User;
use time::OffsetDateTime;

use crate::courses::stored_id;
use crate::error::StoreError;
use crate::network::Member;
use crate::time::stored;
use crate::tokens::{new_token, token_hash};
use crate::tx::Tx;

/// Marker type for invitations' ids.
#[derive(Debug)]
pub enum Invitation {}

/// The course role a citizen is invited to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitizenRole {
    /// The young person of the course.
    YoungPerson,
    /// A member of the young person's network.
    NetworkMember(Id<Member>),
}

impl CitizenRole {
    fn word(self) -> &'static str {
        match self {
            Self::YoungPerson => "young_person",
            Self::NetworkMember(_) => "network_member",
        }
    }

    fn member(self) -> Option<String> {
        match self {
            Self::YoungPerson => None,
            Self::NetworkMember(id) => Some(id.to_string()),
        }
    }
}

/// An open invitation, found by its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenInvitation {
    /// The invitation.
    pub id: Id<Invitation>,
    /// Its organization.
    pub organization_id: Id<Organization>,
    /// Its course.
    pub course_id: Id<Course>,
    /// The role it gives.
    pub role: CitizenRole,
    /// When it stops working.
    pub expires_at: OffsetDateTime,
}

/// A new invitation: its id and the token for the link (shown once, never stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedInvitation {
    /// The invitation.
    pub id: Id<Invitation>,
    /// The secret for the link.
    pub token: String,
}

type InvitationRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    OffsetDateTime,
);

impl Tx {
    /// Issues an invitation to `role` on a course, valid until `expires_at`, revoking any open
    /// invitation for the same person (re-issuing).
    ///
    /// # Errors
    /// A database error or no randomness.
    pub async fn issue_invitation(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        role: CitizenRole,
        created_by: Id<User>,
        now: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<IssuedInvitation, StoreError> {
        let (token, hash) = new_token()?;
        let id = Id::<Invitation>::new();
        let now = stored(now);
        let org = organization_id.to_string();
        let course = course_id.to_string();
        with_tx!(self, conn => {
            sqlx::query(
                "UPDATE invitations SET revoked_at = $1 WHERE course_id = $2 AND organization_id = $3 \
                 AND role = $4 AND COALESCE(member_id, '') = COALESCE($5, '') AND used_at IS NULL AND revoked_at IS NULL",
            )
            .bind(now).bind(&course).bind(&org).bind(role.word()).bind(role.member())
            .execute(&mut *conn).await?;
            sqlx::query(
                "INSERT INTO invitations (id, token_hash, organization_id, course_id, role, member_id, created_by, \
                 created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(id.to_string()).bind(&hash).bind(&org).bind(&course).bind(role.word())
            .bind(role.member()).bind(created_by.to_string()).bind(now).bind(stored(expires_at))
            .execute(&mut *conn).await?;
        });
        Ok(IssuedInvitation { id, token })
    }

    /// Revokes an open invitation of a course; returns whether it was open.
    ///
    /// # Errors
    /// A database error.
    pub async fn revoke_invitation(
        &mut self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
        id: Id<Invitation>,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query(
                "UPDATE invitations SET revoked_at = $1 WHERE id = $2 AND course_id = $3 AND organization_id = $4 \
                 AND used_at IS NULL AND revoked_at IS NULL",
            )
            .bind(stored(now)).bind(id.to_string()).bind(course_id.to_string()).bind(organization_id.to_string())
            .execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }

    /// The invitation behind a token, if it can still be used: not used, not revoked, not
    /// expired. Every other case is `None`, indistinguishable from an unknown token.
    ///
    /// # Errors
    /// A database error, or stored ids that no longer parse.
    pub async fn open_invitation(
        &mut self,
        token: &str,
        now: OffsetDateTime,
    ) -> Result<Option<OpenInvitation>, StoreError> {
        let row: Option<InvitationRow> = with_tx!(self, conn => {
            sqlx::query_as(
                "SELECT id, organization_id, course_id, role, member_id, expires_at FROM invitations \
                 WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2",
            )
            .bind(token_hash(token)).bind(stored(now)).fetch_optional(conn).await?
        });
        let Some((id, org, course, role, member, expires_at)) = row else {
            return Ok(None);
        };
        let role = match (role.as_str(), member) {
            ("young_person", None) => CitizenRole::YoungPerson,
            ("network_member", Some(member)) => {
                CitizenRole::NetworkMember(stored_id(&member, "member id")?)
            }
            _ => return Err(StoreError::corrupt("invitation role")),
        };
        Ok(Some(OpenInvitation {
            id: stored_id(&id, "invitation id")?,
            organization_id: stored_id(&org, "organization id")?,
            course_id: stored_id(&course, "course id")?,
            role,
            expires_at,
        }))
    }

    /// Uses up an open invitation (single use); returns whether this call was the one that did.
    ///
    /// # Errors
    /// A database error.
    pub async fn use_invitation(
        &mut self,
        id: Id<Invitation>,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let now = stored(now);
        let done = with_tx!(self, conn => {
            sqlx::query(
                "UPDATE invitations SET used_at = $1 WHERE id = $2 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $1",
            )
            .bind(now).bind(id.to_string()).execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }
}
