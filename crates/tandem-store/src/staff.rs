//! Queries about staff accounts and teams. Every query but the sign-in lookup carries the
//! organization predicate (R5); sign-in looks an address up before any organization is known.

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::staff::{DisplayName, EmailAddress, StaffRole, Team, User};
use time::OffsetDateTime;

use crate::error::StoreError;
use crate::pool::Store;
use crate::time::stored;
use crate::tx::Tx;

/// A staff account as stored (without its password hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffUser {
    /// The account.
    pub id: Id<User>,
    /// Its organization.
    pub organization_id: Id<Organization>,
    /// Sign-in address.
    pub email: EmailAddress,
    /// Name shown to colleagues.
    pub display_name: DisplayName,
    /// Role.
    pub role: StaffRole,
    /// Team (managers and processors).
    pub team_id: Option<Id<Team>>,
    /// The team's name, for display.
    pub team_name: Option<String>,
    /// Whether a password has been set.
    pub has_password: bool,
    /// When and why the account was locked, if it is.
    pub locked: Option<(OffsetDateTime, String)>,
    /// When the account was deactivated, if it was.
    pub deactivated_at: Option<OffsetDateTime>,
    /// When it was created.
    pub created_at: OffsetDateTime,
}

impl StaffUser {
    /// Whether the account may sign in at all.
    #[must_use]
    pub fn is_active(&self) -> bool {
        self.locked.is_none() && self.deactivated_at.is_none()
    }
}

/// A new account's details.
#[derive(Debug, Clone)]
pub struct NewStaffUser {
    /// Its organization.
    pub organization_id: Id<Organization>,
    /// Sign-in address.
    pub email: EmailAddress,
    /// Name.
    pub display_name: DisplayName,
    /// Role.
    pub role: StaffRole,
    /// Team, required for managers and processors.
    pub team_id: Option<Id<Team>>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    id: String,
    organization_id: String,
    email: String,
    display_name: String,
    role: String,
    team_id: Option<String>,
    team_name: Option<String>,
    has_password: bool,
    locked_at: Option<OffsetDateTime>,
    lock_reason: Option<String>,
    deactivated_at: Option<OffsetDateTime>,
    created_at: OffsetDateTime,
}

/// A user's columns and the `FROM` they come from (`users u` with its team `t`).
pub(crate) const USER_COLUMNS: &str = "u.id, u.organization_id, u.email, u.display_name, u.role, u.team_id, \
     t.name AS team_name, (u.password_hash IS NOT NULL) AS has_password, u.locked_at, \
     u.lock_reason, u.deactivated_at, u.created_at \
     FROM users u LEFT JOIN teams t ON t.id = u.team_id AND t.organization_id = u.organization_id";

impl TryFrom<UserRow> for StaffUser {
    type Error = StoreError;
    fn try_from(row: UserRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: Id::parse(&row.id).map_err(|_| StoreError::corrupt("user id"))?,
            organization_id: Id::parse(&row.organization_id)
                .map_err(|_| StoreError::corrupt("organization id"))?,
            email: EmailAddress::parse(&row.email)
                .map_err(|_| StoreError::corrupt("user email"))?,
            display_name: DisplayName::parse(&row.display_name)
                .map_err(|_| StoreError::corrupt("user name"))?,
            role: StaffRole::parse(&row.role).map_err(|_| StoreError::corrupt("user role"))?,
            team_id: row
                .team_id
                .as_deref()
                .map(Id::parse)
                .transpose()
                .map_err(|_| StoreError::corrupt("team id"))?,
            team_name: row.team_name,
            has_password: row.has_password,
            locked: row
                .locked_at
                .map(|at| (at, row.lock_reason.unwrap_or_default())),
            deactivated_at: row.deactivated_at,
            created_at: row.created_at,
        })
    }
}

impl Store {
    /// The team's processors who can take on courses (active, not deactivated), by name.
    ///
    /// # Errors
    /// A database error.
    pub async fn active_processors_of_team(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
    ) -> Result<Vec<StaffUser>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS} WHERE u.organization_id = $1 AND u.team_id = $2 \
             AND u.role = 'processor' AND u.deactivated_at IS NULL ORDER BY u.display_name, u.email"
        );
        let rows: Vec<UserRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(organization_id.to_string())
                .bind(team_id.to_string()).fetch_all(pool).await?
        });
        rows.into_iter().map(StaffUser::try_from).collect()
    }

    /// The account and password hash for a sign-in address, in any organization.
    ///
    /// # Errors
    /// A database error.
    pub async fn credentials_by_email(
        &self,
        email: &EmailAddress,
    ) -> Result<Option<(StaffUser, Option<String>)>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} WHERE u.email = $1");
        let found: Option<(UserRow, Option<String>)> = with_pool!(self, pool => {
            let row: Option<UserRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(email.as_str()).fetch_optional(pool).await?;
            match row {
                Some(row) => {
                    let hash: Option<String> = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
                        .bind(&row.id).fetch_one(pool).await?;
                    Some((row, hash))
                }
                None => None,
            }
        });
        found
            .map(|(row, hash)| Ok((StaffUser::try_from(row)?, hash)))
            .transpose()
    }
}

impl Tx {
    /// Adds a staff account (without a password; one is set through a link).
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the address is already in use.
    pub async fn insert_staff_user(
        &mut self,
        new: &NewStaffUser,
        now: OffsetDateTime,
    ) -> Result<Id<User>, StoreError> {
        let id = Id::<User>::new();
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO users (id, organization_id, email, display_name, role, team_id, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id.to_string())
            .bind(new.organization_id.to_string())
            .bind(new.email.as_str())
            .bind(new.display_name.as_str())
            .bind(new.role.as_str())
            .bind(new.team_id.map(|t| t.to_string()))
            .bind(stored(now))
            .execute(conn)
            .await
            .map_err(StoreError::from_unique)?;
        });
        Ok(id)
    }

    /// One account of the organization.
    ///
    /// # Errors
    /// A database error.
    pub async fn staff_user(
        &mut self,
        organization_id: Id<Organization>,
        id: Id<User>,
    ) -> Result<Option<StaffUser>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} WHERE u.id = $1 AND u.organization_id = $2");
        let row: Option<UserRow> = with_tx!(self, conn => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id.to_string()).bind(organization_id.to_string())
                .fetch_optional(conn).await?
        });
        row.map(StaffUser::try_from).transpose()
    }

    /// Every account of the organization, by name.
    ///
    /// # Errors
    /// A database error.
    pub async fn staff_users_of(
        &mut self,
        organization_id: Id<Organization>,
    ) -> Result<Vec<StaffUser>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS} WHERE u.organization_id = $1 ORDER BY u.display_name, u.email"
        );
        let rows: Vec<UserRow> = with_tx!(self, conn => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(organization_id.to_string()).fetch_all(conn).await?
        });
        rows.into_iter().map(StaffUser::try_from).collect()
    }

    /// Stores a new password hash.
    ///
    /// # Errors
    /// A database error.
    pub async fn set_password_hash(
        &mut self,
        organization_id: Id<Organization>,
        id: Id<User>,
        hash: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        with_tx!(self, conn => {
            sqlx::query("UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3 AND organization_id = $4")
                .bind(hash).bind(stored(now)).bind(id.to_string()).bind(organization_id.to_string())
                .execute(conn).await?;
        });
        Ok(())
    }

    /// Locks an account (too many failed sign-ins, or by an administrator).
    ///
    /// # Errors
    /// A database error.
    pub async fn lock_user(
        &mut self,
        organization_id: Id<Organization>,
        id: Id<User>,
        reason: &str,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query("UPDATE users SET locked_at = $1, lock_reason = $2 WHERE id = $3 AND organization_id = $4 AND locked_at IS NULL")
                .bind(stored(now)).bind(reason).bind(id.to_string()).bind(organization_id.to_string())
                .execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }

    /// Unlocks an account; returns whether it was locked.
    ///
    /// # Errors
    /// A database error.
    pub async fn unlock_user(
        &mut self,
        organization_id: Id<Organization>,
        id: Id<User>,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query("UPDATE users SET locked_at = NULL, lock_reason = NULL WHERE id = $1 AND organization_id = $2 AND locked_at IS NOT NULL")
                .bind(id.to_string()).bind(organization_id.to_string())
                .execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }

    /// Deactivates an account; returns whether it was active.
    ///
    /// # Errors
    /// A database error.
    pub async fn deactivate_user(
        &mut self,
        organization_id: Id<Organization>,
        id: Id<User>,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query("UPDATE users SET deactivated_at = $1 WHERE id = $2 AND organization_id = $3 AND deactivated_at IS NULL")
                .bind(stored(now)).bind(id.to_string()).bind(organization_id.to_string())
                .execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }

    /// Changes an account's role and team.
    ///
    /// # Errors
    /// A database error.
    pub async fn set_role(
        &mut self,
        organization_id: Id<Organization>,
        id: Id<User>,
        role: StaffRole,
        team_id: Option<Id<Team>>,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query("UPDATE users SET role = $1, team_id = $2 WHERE id = $3 AND organization_id = $4")
                .bind(role.as_str()).bind(team_id.map(|t| t.to_string())).bind(id.to_string()).bind(organization_id.to_string())
                .execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }
}

pub use crate::teams::TeamRecord;
