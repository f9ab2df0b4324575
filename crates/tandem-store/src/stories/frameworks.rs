//! Signifier framework versions, stored as their TOML files.

use tandem_domain::Id;
use tandem_domain::framework::Framework;
use tandem_domain::organization::Organization;
use time::OffsetDateTime;

use super::FrameworkVersion;
use crate::courses::stored_id;
use crate::error::StoreError;
use crate::pool::Store;
use crate::time::stored;
use crate::tx::Tx;

/// A stored framework version.
#[derive(Debug, Clone)]
pub struct FrameworkRecord {
    /// The version's id.
    pub id: Id<FrameworkVersion>,
    /// The framework, parsed.
    pub framework: Framework,
    /// Archived versions take no new campaigns.
    pub archived: bool,
    /// Stories told under this version, where counted: the organization's list counts them;
    /// reading one version does not (it is read for every pattern page and story form, and the
    /// count scanned every story of the organization — 50 ms at 200,000 stories).
    pub stories: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct FrameworkRow {
    id: String,
    definition: String,
    archived: bool,
    stories: Option<i64>,
}

/// The framework columns with `$stories` as the story count.
macro_rules! select_frameworks {
    ($stories:literal) => {
        concat!(
            "SELECT f.id, f.definition, f.archived_at IS NOT NULL AS archived, ",
            $stories,
            " AS stories FROM frameworks f"
        )
    };
}
const SELECT: &str =
    select_frameworks!("(SELECT COUNT(*) FROM stories s WHERE s.framework_id = f.id)");
/// [`SELECT`] without the count of stories.
const SELECT_ONE: &str = select_frameworks!("CAST(NULL AS BIGINT)");

fn decode(row: FrameworkRow) -> Result<FrameworkRecord, StoreError> {
    Ok(FrameworkRecord {
        id: stored_id(&row.id, "framework id")?,
        framework: Framework::parse_toml(&row.definition)
            .map_err(|_| StoreError::corrupt("framework definition"))?,
        archived: row.archived,
        stories: row.stories,
    })
}

impl Store {
    /// Adds the shipped default framework to the organization unless it is there already.
    ///
    /// # Errors
    /// A database error.
    pub async fn ensure_default_framework(
        &self,
        organization_id: Id<Organization>,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let default = Framework::default_framework();
        if tx
            .framework_version_exists(organization_id, default.id(), default.version())
            .await?
        {
            return Ok(());
        }
        tx.insert_framework(organization_id, &default, now).await?;
        tx.commit().await
    }

    /// The organization's framework versions, by key and version.
    ///
    /// # Errors
    /// A database error, or a stored definition that no longer parses.
    pub async fn frameworks(
        &self,
        organization_id: Id<Organization>,
    ) -> Result<Vec<FrameworkRecord>, StoreError> {
        let sql = format!(
            "{SELECT} WHERE f.organization_id = $1 ORDER BY f.framework_key, f.version DESC"
        );
        let rows: Vec<FrameworkRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(organization_id.to_string()).fetch_all(pool).await?
        });
        rows.into_iter().map(decode).collect()
    }

    /// One framework version of the organization (its stories not counted).
    ///
    /// # Errors
    /// A database error.
    pub async fn framework(
        &self,
        organization_id: Id<Organization>,
        id: Id<FrameworkVersion>,
    ) -> Result<Option<FrameworkRecord>, StoreError> {
        let sql = format!("{SELECT_ONE} WHERE f.organization_id = $1 AND f.id = $2");
        let row: Option<FrameworkRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(organization_id.to_string()).bind(id.to_string())
                .fetch_optional(pool).await?
        });
        row.map(decode).transpose()
    }

    /// The highest version stored under a framework key.
    ///
    /// # Errors
    /// A database error.
    pub async fn latest_framework_version(
        &self,
        organization_id: Id<Organization>,
        key: &str,
    ) -> Result<Option<i32>, StoreError> {
        Ok(with_pool!(self, pool => {
            sqlx::query_scalar::<_, Option<i32>>(
                "SELECT MAX(version) FROM frameworks WHERE organization_id = $1 AND framework_key = $2",
            )
            .bind(organization_id.to_string()).bind(key).fetch_one(pool).await?
        }))
    }
}

impl Tx {
    /// Whether a key and version are taken.
    ///
    /// # Errors
    /// A database error.
    pub async fn framework_version_exists(
        &mut self,
        organization_id: Id<Organization>,
        key: &str,
        version: u32,
    ) -> Result<bool, StoreError> {
        let found: Option<i32> = with_tx!(self, conn => {
            sqlx::query_scalar(
                "SELECT 1 FROM frameworks WHERE organization_id = $1 AND framework_key = $2 AND version = $3",
            )
            .bind(organization_id.to_string()).bind(key).bind(i32::try_from(version).unwrap_or(i32::MAX))
            .fetch_optional(conn).await?
        });
        Ok(found.is_some())
    }

    /// Stores a framework version (check [`Tx::framework_version_exists`] first).
    ///
    /// # Errors
    /// A database error (also when the key and version are taken).
    pub async fn insert_framework(
        &mut self,
        organization_id: Id<Organization>,
        framework: &Framework,
        now: OffsetDateTime,
    ) -> Result<Id<FrameworkVersion>, StoreError> {
        let id = Id::<FrameworkVersion>::new();
        let definition = framework
            .to_toml()
            .map_err(|_| StoreError::corrupt("framework definition"))?;
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO frameworks (id, organization_id, framework_key, version, name_da, name_en, \
                 definition, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(id.to_string()).bind(organization_id.to_string()).bind(framework.id())
            .bind(i32::try_from(framework.version()).unwrap_or(i32::MAX)).bind(&framework.name().da)
            .bind(&framework.name().en).bind(definition).bind(stored(now))
            .execute(conn).await?;
        });
        Ok(id)
    }

    /// Archives a framework version (no new campaigns use it); returns whether it was found.
    ///
    /// # Errors
    /// A database error.
    pub async fn archive_framework(
        &mut self,
        organization_id: Id<Organization>,
        id: Id<FrameworkVersion>,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query(
                "UPDATE frameworks SET archived_at = COALESCE(archived_at, $1) \
                 WHERE id = $2 AND organization_id = $3",
            )
            .bind(stored(now)).bind(id.to_string()).bind(organization_id.to_string())
            .execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }
}
