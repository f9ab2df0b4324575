//! Queries about organizations (tenants).

use tandem_domain::organization::Organization as OrganizationKind;
use tandem_domain::{Id, OrganizationName};
use time::OffsetDateTime;

use crate::error::StoreError;
use crate::pool::Store;
use crate::tx::Tx;

/// An organization as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    /// Its identifier.
    pub id: Id<OrganizationKind>,
    /// Its display name.
    pub name: OrganizationName,
    /// When it was added.
    pub created_at: OffsetDateTime,
}

type Row = (String, String, OffsetDateTime);

fn from_row((id, name, created_at): Row) -> Result<Organization, StoreError> {
    Ok(Organization {
        id: Id::parse(&id).map_err(|e| StoreError::Corrupt(format!("organization id: {e}")))?,
        name: OrganizationName::parse(&name)
            .map_err(|e| StoreError::Corrupt(format!("organization name: {e}")))?,
        created_at,
    })
}

impl Tx {
    /// Adds an organization.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the name is already taken; a database error.
    pub async fn insert_organization(
        &mut self,
        name: &OrganizationName,
    ) -> Result<Organization, StoreError> {
        let id = Id::<OrganizationKind>::new();
        // Whole seconds: both backends then round-trip the value exactly.
        let now = OffsetDateTime::now_utc()
            .replace_nanosecond(0)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH);
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO organizations (id, name, legal_bases, created_at) VALUES ($1, $2, $3, $4)",
            )
                .bind(id.to_string())
                .bind(name.as_str())
                .bind(crate::settings::DEFAULT_LEGAL_BASES.join("\n"))
                .bind(now)
                .execute(conn)
                .await
                .map_err(StoreError::from_unique)?;
        });
        Ok(Organization {
            id,
            name: name.clone(),
            created_at: now,
        })
    }
}

impl Store {
    /// Adds an organization in a transaction of its own (for tests and tools that set up a
    /// database; `tandem org add` records it with its audit event through tandem-app).
    ///
    /// # Errors
    /// As [`Tx::insert_organization`].
    pub async fn insert_organization(
        &self,
        name: &OrganizationName,
    ) -> Result<Organization, StoreError> {
        let mut tx = self.begin().await?;
        let org = tx.insert_organization(name).await?;
        tx.commit().await?;
        Ok(org)
    }

    /// One organization by id, if it exists.
    ///
    /// # Errors
    /// A database error.
    pub async fn organization_by_id(
        &self,
        id: Id<OrganizationKind>,
    ) -> Result<Option<Organization>, StoreError> {
        let row: Option<Row> = with_pool!(self, pool => {
            sqlx::query_as("SELECT id, name, created_at FROM organizations WHERE id = $1")
                .bind(id.to_string())
                .fetch_optional(pool)
                .await?
        });
        row.map(from_row).transpose()
    }

    /// Every organization, by name.
    ///
    /// # Errors
    /// A database error.
    pub async fn list_organizations(&self) -> Result<Vec<Organization>, StoreError> {
        let rows: Vec<Row> = with_pool!(self, pool => {
            sqlx::query_as("SELECT id, name, created_at FROM organizations ORDER BY name")
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(from_row).collect()
    }
}
