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
    /// The stored word, also the role recorded in the audit trail.
    #[must_use]
    pub fn word(self) -> &'static str {
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

/// Marker type for citizen accounts' ids.
#[derive(Debug)]
pub enum CitizenAccount {}

/// A citizen's account as a session sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitizenRecord {
    /// The account.
    pub id: Id<CitizenAccount>,
    /// Its organization.
    pub organization_id: Id<Organization>,
    /// Its course.
    pub course_id: Id<Course>,
    /// The role on the course.
    pub role: CitizenRole,
    /// The name they sign in with.
    pub login_name: String,
    /// Whether the account still gives access: not revoked, and for a network member the
    /// relation is current and consent not revoked (R7).
    pub active: bool,
}

/// A live citizen session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitizenSession {
    /// The stored hash of the session token.
    pub token_hash: String,
    /// The account.
    pub account: CitizenRecord,
    /// Created.
    pub created_at: OffsetDateTime,
    /// Last activity.
    pub last_seen_at: OffsetDateTime,
}

type AccountRow = (String, String, String, String, Option<String>, String, bool);
/// An account row followed by its password hash.
type CredentialRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    bool,
    String,
);

const ACCOUNT_COLUMNS: &str = "a.id, a.organization_id, a.course_id, a.role, a.member_id, a.login_name, \
    (a.revoked_at IS NULL AND (a.member_id IS NULL OR EXISTS (SELECT 1 FROM network_members n \
      WHERE n.id = a.member_id AND n.active_to IS NULL AND n.consent_revoked_at IS NULL))) AS active";

fn account(row: AccountRow) -> Result<CitizenRecord, StoreError> {
    let (id, org, course, role, member, login_name, active) = row;
    let role = match (role.as_str(), member) {
        ("young_person", None) => CitizenRole::YoungPerson,
        ("network_member", Some(m)) => CitizenRole::NetworkMember(stored_id(&m, "member id")?),
        _ => return Err(StoreError::corrupt("citizen role")),
    };
    Ok(CitizenRecord {
        id: stored_id(&id, "citizen id")?,
        organization_id: stored_id(&org, "organization id")?,
        course_id: stored_id(&course, "course id")?,
        role,
        login_name,
        active,
    })
}

impl crate::pool::Store {
    /// The account and password hash for a sign-in name (names are unique installation-wide).
    ///
    /// # Errors
    /// A database error.
    pub async fn citizen_credentials(
        &self,
        login_name: &str,
    ) -> Result<Option<(CitizenRecord, String)>, StoreError> {
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS}, a.password_hash FROM citizen_accounts a WHERE a.login_name = $1"
        );
        let row: Option<CredentialRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(login_name).fetch_optional(pool).await?
        });
        row.map(|(a, b, c, d, e, f, g, hash)| Ok((account((a, b, c, d, e, f, g))?, hash)))
            .transpose()
    }

    /// The live session for a token, with its account.
    ///
    /// # Errors
    /// A database error.
    pub async fn citizen_session(&self, token: &str) -> Result<Option<CitizenSession>, StoreError> {
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS}, s.token_hash, s.created_at, s.last_seen_at FROM citizen_sessions s \
             JOIN citizen_accounts a ON a.id = s.account_id WHERE s.token_hash = $1"
        );
        type Row = (
            String,
            String,
            String,
            String,
            Option<String>,
            String,
            bool,
            String,
            OffsetDateTime,
            OffsetDateTime,
        );
        let row: Option<Row> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(token_hash(token)).fetch_optional(pool).await?
        });
        row.map(
            |(a, b, c, d, e, f, g, token_hash, created_at, last_seen_at)| {
                Ok(CitizenSession {
                    account: account((a, b, c, d, e, f, g))?,
                    token_hash,
                    created_at,
                    last_seen_at,
                })
            },
        )
        .transpose()
    }

    /// Ends one citizen session.
    ///
    /// # Errors
    /// A database error.
    pub async fn end_citizen_session(&self, token_hash: &str) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            sqlx::query("DELETE FROM citizen_sessions WHERE token_hash = $1").bind(token_hash).execute(pool).await?;
        });
        Ok(())
    }

    /// Records activity on a citizen session.
    ///
    /// # Errors
    /// A database error.
    pub async fn touch_citizen_session(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            sqlx::query("UPDATE citizen_sessions SET last_seen_at = $1 WHERE token_hash = $2")
                .bind(stored(now)).bind(token_hash).execute(pool).await?;
        });
        Ok(())
    }
}

impl Tx {
    /// Creates a citizen account for an invitation's role.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the sign-in name is taken; a database error.
    pub async fn insert_citizen_account(
        &mut self,
        invitation: &OpenInvitation,
        login_name: &str,
        password_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Id<CitizenAccount>, StoreError> {
        let id = Id::<CitizenAccount>::new();
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO citizen_accounts (id, organization_id, course_id, role, member_id, login_name, password_hash, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(id.to_string()).bind(invitation.organization_id.to_string()).bind(invitation.course_id.to_string())
            .bind(invitation.role.word()).bind(invitation.role.member()).bind(login_name).bind(password_hash)
            .bind(stored(now))
            .execute(conn).await.map_err(StoreError::from_unique)?;
        });
        Ok(id)
    }

    /// Starts a session for a citizen account; returns the token for the cookie.
    ///
    /// # Errors
    /// A database error or no randomness.
    pub async fn insert_citizen_session(
        &mut self,
        account: &CitizenRecord,
        now: OffsetDateTime,
    ) -> Result<String, StoreError> {
        let (token, hash) = new_token()?;
        let now = stored(now);
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO citizen_sessions (token_hash, account_id, organization_id, created_at, last_seen_at, authenticated_at) \
                 VALUES ($1, $2, $3, $4, $4, $4)",
            )
            .bind(&hash).bind(account.id.to_string()).bind(account.organization_id.to_string()).bind(now)
            .execute(conn).await?;
        });
        Ok(token)
    }

    /// Revokes a network member's accounts (consent revoked or relation ended, R7); returns how
    /// many were revoked. Their sessions stop working at once: the next request through one of
    /// them finds the account without access, answers 404 and deletes the session.
    ///
    /// # Errors
    /// A database error.
    pub async fn end_member_access(
        &mut self,
        organization_id: Id<Organization>,
        member_id: Id<Member>,
        now: OffsetDateTime,
    ) -> Result<u64, StoreError> {
        let revoked = with_tx!(self, conn => {
            sqlx::query("UPDATE citizen_accounts SET revoked_at = $1 WHERE member_id = $2 AND organization_id = $3 AND revoked_at IS NULL")
                .bind(stored(now)).bind(member_id.to_string()).bind(organization_id.to_string())
                .execute(conn).await?.rows_affected()
        });
        Ok(revoked)
    }

    /// Replaces a citizen's password and ends their other sessions (R12).
    ///
    /// # Errors
    /// A database error.
    pub async fn set_citizen_password(
        &mut self,
        account_id: Id<CitizenAccount>,
        password_hash: &str,
        keep_session: &str,
    ) -> Result<(), StoreError> {
        with_tx!(self, conn => {
            sqlx::query("UPDATE citizen_accounts SET password_hash = $1 WHERE id = $2")
                .bind(password_hash).bind(account_id.to_string()).execute(&mut *conn).await?;
            sqlx::query("DELETE FROM citizen_sessions WHERE account_id = $1 AND token_hash <> $2")
                .bind(account_id.to_string()).bind(keep_session).execute(&mut *conn).await?;
        });
        Ok(())
    }
}
