//! Queries about teams. Every query carries the organization predicate (R5).

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::staff::{Team, TeamName};
use time::OffsetDateTime;

use crate::error::StoreError;
use crate::pool::Store;
use crate::time::stored;
use crate::tx::Tx;

/// A team as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamRecord {
    /// The team.
    pub id: Id<Team>,
    /// Its organization.
    pub organization_id: Id<Organization>,
    /// Its name.
    pub name: TeamName,
    /// When it was deactivated, if it was.
    pub deactivated_at: Option<OffsetDateTime>,
}

#[derive(sqlx::FromRow)]
struct TeamRow {
    id: String,
    organization_id: String,
    name: String,
    deactivated_at: Option<OffsetDateTime>,
}

impl TryFrom<TeamRow> for TeamRecord {
    type Error = StoreError;
    fn try_from(row: TeamRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: Id::parse(&row.id).map_err(|_| StoreError::corrupt("team id"))?,
            organization_id: Id::parse(&row.organization_id)
                .map_err(|_| StoreError::corrupt("organization id"))?,
            name: TeamName::parse(&row.name).map_err(|_| StoreError::corrupt("team name"))?,
            deactivated_at: row.deactivated_at,
        })
    }
}

impl Store {
    /// The teams of an organization, by name.
    ///
    /// # Errors
    /// A database error.
    pub async fn teams_of(
        &self,
        organization_id: Id<Organization>,
    ) -> Result<Vec<TeamRecord>, StoreError> {
        let rows: Vec<TeamRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, organization_id, name, deactivated_at FROM teams \
                 WHERE organization_id = $1 ORDER BY name",
            )
            .bind(organization_id.to_string())
            .fetch_all(pool)
            .await?
        });
        rows.into_iter().map(TeamRecord::try_from).collect()
    }

    /// One active team of the organization (a deactivated team keeps its history but has no
    /// practices to open).
    ///
    /// # Errors
    /// A database error.
    pub async fn active_team(
        &self,
        organization_id: Id<Organization>,
        id: Id<Team>,
    ) -> Result<Option<TeamRecord>, StoreError> {
        let row: Option<TeamRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, organization_id, name, deactivated_at FROM teams \
                 WHERE id = $1 AND organization_id = $2 AND deactivated_at IS NULL",
            )
            .bind(id.to_string()).bind(organization_id.to_string())
            .fetch_optional(pool).await?
        });
        row.map(TeamRecord::try_from).transpose()
    }
}

impl Tx {
    /// Adds a team.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the organization already has a team of that name.
    pub async fn insert_team(
        &mut self,
        organization_id: Id<Organization>,
        name: &TeamName,
        now: OffsetDateTime,
    ) -> Result<TeamRecord, StoreError> {
        let id = Id::<Team>::new();
        with_tx!(self, conn => {
            sqlx::query("INSERT INTO teams (id, organization_id, name, created_at) VALUES ($1, $2, $3, $4)")
                .bind(id.to_string())
                .bind(organization_id.to_string())
                .bind(name.as_str())
                .bind(stored(now))
                .execute(conn)
                .await
                .map_err(StoreError::from_unique)?;
        });
        Ok(TeamRecord {
            id,
            organization_id,
            name: name.clone(),
            deactivated_at: None,
        })
    }

    /// Deactivates a team of the organization; returns whether it existed there.
    ///
    /// # Errors
    /// A database error.
    pub async fn deactivate_team(
        &mut self,
        organization_id: Id<Organization>,
        id: Id<Team>,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query("UPDATE teams SET deactivated_at = $1 WHERE id = $2 AND organization_id = $3 AND deactivated_at IS NULL")
                .bind(stored(now)).bind(id.to_string()).bind(organization_id.to_string())
                .execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }

    /// One team of the organization.
    ///
    /// # Errors
    /// A database error.
    pub async fn team_by_id(
        &mut self,
        organization_id: Id<Organization>,
        id: Id<Team>,
    ) -> Result<Option<TeamRecord>, StoreError> {
        let row: Option<TeamRow> = with_tx!(self, conn => {
            sqlx::query_as("SELECT id, organization_id, name, deactivated_at FROM teams WHERE id = $1 AND organization_id = $2")
                .bind(id.to_string()).bind(organization_id.to_string())
                .fetch_optional(conn).await?
        });
        row.map(TeamRecord::try_from).transpose()
    }
}
