//! Sign-in support: throttling counts (R10) and one-time set-password links.

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::staff::User;
use time::OffsetDateTime;

use crate::error::StoreError;
use crate::pool::Store;
use crate::time::stored;
use crate::tokens::{new_token, token_hash};
use crate::tx::Tx;

impl Tx {
    /// Records one sign-in attempt.
    ///
    /// # Errors
    /// A database error.
    pub async fn record_login_attempt(
        &mut self,
        account_key: &str,
        ip: &str,
        succeeded: bool,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        with_tx!(self, conn => {
            sqlx::query("INSERT INTO login_attempts (id, account_key, ip, succeeded, at) VALUES ($1, $2, $3, $4, $5)")
                .bind(uuid::Uuid::now_v7().to_string()).bind(account_key).bind(ip).bind(succeeded).bind(stored(now))
                .execute(conn).await?;
        });
        Ok(())
    }

    /// Creates a one-time link to set a password; returns the token for the URL.
    ///
    /// # Errors
    /// A database error or no randomness.
    pub async fn insert_password_link(
        &mut self,
        organization_id: Id<Organization>,
        user_id: Id<User>,
        now: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<String, StoreError> {
        let (token, hash) = new_token()?;
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO password_links (token_hash, user_id, organization_id, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&hash).bind(user_id.to_string()).bind(organization_id.to_string())
            .bind(stored(now)).bind(stored(expires_at))
            .execute(conn).await?;
        });
        Ok(token)
    }

    /// Uses up a set-password link: returns its account if the link is unknown-to-be-used,
    /// unexpired and unused, and marks it (and every other open link of the account) used.
    /// Unknown, used and expired links all answer `None` alike (R8).
    ///
    /// # Errors
    /// A database error.
    pub async fn take_password_link(
        &mut self,
        token: &str,
        now: OffsetDateTime,
    ) -> Result<Option<(Id<Organization>, Id<User>)>, StoreError> {
        let hash = token_hash(token);
        let now = stored(now);
        let row: Option<(String, String)> = with_tx!(self, conn => {
            sqlx::query_as(
                "SELECT organization_id, user_id FROM password_links \
                 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
            )
            .bind(&hash).bind(now).fetch_optional(&mut *conn).await?
        });
        let Some((organization_id, user_id)) = row else {
            return Ok(None);
        };
        with_tx!(self, conn => {
            sqlx::query("UPDATE password_links SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
                .bind(now).bind(&user_id).execute(conn).await?;
        });
        match (Id::parse(&organization_id), Id::parse(&user_id)) {
            (Ok(org), Ok(user)) => Ok(Some((org, user))),
            _ => Err(StoreError::Corrupt("password link ids".into())),
        }
    }

    /// Ends every open set-password link of an account (after a password change, lock or
    /// deactivation, R12); returns how many were open.
    ///
    /// # Errors
    /// A database error.
    pub async fn revoke_password_links(
        &mut self,
        organization_id: Id<Organization>,
        user_id: Id<User>,
        now: OffsetDateTime,
    ) -> Result<u64, StoreError> {
        let revoked = with_tx!(self, conn => {
            sqlx::query("UPDATE password_links SET used_at = $1 WHERE user_id = $2 AND organization_id = $3 AND used_at IS NULL")
                .bind(stored(now)).bind(user_id.to_string()).bind(organization_id.to_string())
                .execute(conn).await?.rows_affected()
        });
        Ok(revoked)
    }

    /// Whether a set-password link is currently usable (without using it up).
    ///
    /// # Errors
    /// A database error.
    pub async fn password_link_is_open(
        &mut self,
        token: &str,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let count: i64 = with_tx!(self, conn => {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM password_links WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
            )
            .bind(token_hash(token)).bind(stored(now)).fetch_one(conn).await?
        });
        Ok(count > 0)
    }
}

impl Store {
    /// Failed sign-ins for an address since a moment.
    ///
    /// # Errors
    /// A database error.
    pub async fn failed_logins_for_account(
        &self,
        account_key: &str,
        since: OffsetDateTime,
    ) -> Result<i64, StoreError> {
        let count: i64 = with_pool!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM login_attempts WHERE account_key = $1 AND NOT succeeded AND at > $2")
                .bind(account_key).bind(stored(since)).fetch_one(pool).await?
        });
        Ok(count)
    }

    /// Failed sign-ins from a client address since a moment.
    ///
    /// # Errors
    /// A database error.
    pub async fn failed_logins_from_ip(
        &self,
        ip: &str,
        since: OffsetDateTime,
    ) -> Result<i64, StoreError> {
        let count: i64 = with_pool!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM login_attempts WHERE ip = $1 AND NOT succeeded AND at > $2")
                .bind(ip).bind(stored(since)).fetch_one(pool).await?
        });
        Ok(count)
    }
}
