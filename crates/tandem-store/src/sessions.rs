//! Sign-in sessions, stored in the database so any instance can serve any request (R11).
//! Only token hashes are stored.

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::staff::User;
use time::OffsetDateTime;

use crate::error::StoreError;
use crate::pool::Store;
use crate::staff::{StaffUser, USER_COLUMNS, UserRow};
use crate::time::stored;
use crate::tokens::{new_token, token_hash};
use crate::tx::Tx;

/// A session and the account it belongs to.
#[derive(Debug, Clone)]
pub struct SessionRecord {
    /// The hash of the session's token (its key).
    pub token_hash: String,
    /// The signed-in account.
    pub user: StaffUser,
    /// When the session began.
    pub created_at: OffsetDateTime,
    /// The last request.
    pub last_seen_at: OffsetDateTime,
    /// When the password was last entered (step-up, R13).
    pub authenticated_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    session_created_at: OffsetDateTime,
    last_seen_at: OffsetDateTime,
    authenticated_at: OffsetDateTime,
    #[sqlx(flatten)]
    user: UserRow,
}

impl Tx {
    /// Starts a session for an account; returns the token for the cookie (never stored).
    ///
    /// # Errors
    /// A database error or no randomness.
    pub async fn insert_session(
        &mut self,
        user_id: Id<User>,
        organization_id: Id<Organization>,
        now: OffsetDateTime,
    ) -> Result<String, StoreError> {
        let (token, hash) = new_token()?;
        let now = stored(now);
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_id, organization_id, created_at, last_seen_at, authenticated_at) \
                 VALUES ($1, $2, $3, $4, $4, $4)",
            )
            .bind(&hash).bind(user_id.to_string()).bind(organization_id.to_string()).bind(now)
            .execute(conn).await?;
        });
        Ok(token)
    }

    /// Ends one session.
    ///
    /// # Errors
    /// A database error.
    pub async fn delete_session(&mut self, token_hash: &str) -> Result<(), StoreError> {
        with_tx!(self, conn => {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(conn).await?;
        });
        Ok(())
    }

    /// Ends every session of an account except `keep` (R12); returns how many ended.
    ///
    /// # Errors
    /// A database error.
    pub async fn delete_sessions_of_user(
        &mut self,
        organization_id: Id<Organization>,
        user_id: Id<User>,
        keep: Option<&str>,
    ) -> Result<u64, StoreError> {
        let ended = with_tx!(self, conn => {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND organization_id = $2 AND token_hash <> $3")
                .bind(user_id.to_string()).bind(organization_id.to_string()).bind(keep.unwrap_or(""))
                .execute(conn).await?.rows_affected()
        });
        Ok(ended)
    }

    /// Records that the password was just entered again (step-up).
    ///
    /// # Errors
    /// A database error.
    pub async fn reauthenticate_session(
        &mut self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        with_tx!(self, conn => {
            sqlx::query("UPDATE sessions SET authenticated_at = $1, last_seen_at = $1 WHERE token_hash = $2")
                .bind(stored(now)).bind(token_hash).execute(conn).await?;
        });
        Ok(())
    }
}

impl Store {
    /// The session for a cookie token, with its account.
    ///
    /// # Errors
    /// A database error.
    pub async fn session_by_token(&self, token: &str) -> Result<Option<SessionRecord>, StoreError> {
        let hash = token_hash(token);
        // One statement: the session and its account (a signed-in request's first read).
        let sql = format!(
            "SELECT s.created_at AS session_created_at, s.last_seen_at, s.authenticated_at, \
             {USER_COLUMNS} JOIN sessions s ON s.user_id = u.id AND s.organization_id = u.organization_id \
             WHERE s.token_hash = $1"
        );
        let row: Option<SessionRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&hash).fetch_optional(pool).await?
        });
        row.map(|row| {
            Ok(SessionRecord {
                token_hash: hash,
                user: StaffUser::try_from(row.user)?,
                created_at: row.session_created_at,
                last_seen_at: row.last_seen_at,
                authenticated_at: row.authenticated_at,
            })
        })
        .transpose()
    }

    /// Records activity on a session (for the idle timeout).
    ///
    /// # Errors
    /// A database error.
    pub async fn touch_session(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                .bind(stored(now)).bind(token_hash).execute(pool).await?;
        });
        Ok(())
    }

    /// Removes a session that has expired.
    ///
    /// # Errors
    /// A database error.
    pub async fn expire_session(&self, token_hash: &str) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(pool).await?;
        });
        Ok(())
    }
}
