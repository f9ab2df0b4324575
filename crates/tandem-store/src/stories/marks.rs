//! Marked regions of a campaign's landscapes ("more like these, fewer like those"): which
//! question, which region, which way, and why. The region's share of stories is computed from the
//! answers when shown; only the mark is kept.

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Campaign;
use tandem_domain::staff::{Team, User};
use tandem_domain::story::mark::{Direction, Mark, MarkDetails, RegionKey};
use time::{Date, OffsetDateTime};

use super::campaigns::text;
use crate::courses::{stored_id, stored_word};
use crate::error::StoreError;
use crate::pool::Store;
use crate::time::stored;
use crate::tx::Tx;

/// A stored mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkRecord {
    /// The mark.
    pub id: Id<Mark>,
    /// The campaign whose landscape is marked.
    pub campaign_id: Id<Campaign>,
    /// The campaign's title.
    pub campaign_title: String,
    /// Question, region, direction and note.
    pub details: MarkDetails,
    /// The day it was set (the share charts draw it as "marked here").
    pub marked_on: Date,
    /// How many probes take it as their intent.
    pub probes: i64,
}

#[derive(sqlx::FromRow)]
struct MarkRow {
    id: String,
    campaign_id: String,
    campaign_title: String,
    question: String,
    region: String,
    direction: String,
    note: Option<String>,
    marked_on: Date,
    probes: i64,
}

const SELECT: &str = "SELECT m.id, m.campaign_id, c.title AS campaign_title, m.question, \
    m.region, m.direction, m.note, m.marked_on, \
    (SELECT COUNT(*) FROM probes p WHERE p.mark_id = m.id) AS probes \
    FROM landscape_marks m JOIN campaigns c ON c.id = m.campaign_id \
    WHERE m.organization_id = $1";

fn decode(row: MarkRow) -> Result<MarkRecord, StoreError> {
    Ok(MarkRecord {
        id: stored_id(&row.id, "mark id")?,
        campaign_id: stored_id(&row.campaign_id, "campaign id")?,
        campaign_title: row.campaign_title,
        details: MarkDetails {
            question: row.question,
            region: stored_word(RegionKey::parse, &row.region, "mark region")?,
            direction: stored_word(Direction::parse, &row.direction, "mark direction")?,
            note: row
                .note
                .as_deref()
                .map(|n| text(n, "mark note"))
                .transpose()?,
        },
        marked_on: row.marked_on,
        probes: row.probes,
    })
}

impl Store {
    /// The campaign's marks, newest first.
    ///
    /// # Errors
    /// A database error.
    pub async fn marks(
        &self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
    ) -> Result<Vec<MarkRecord>, StoreError> {
        let sql = format!("{SELECT} AND m.campaign_id = $2 ORDER BY m.created_at DESC, m.id");
        let rows: Vec<MarkRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(organization_id.to_string())
                .bind(campaign_id.to_string()).fetch_all(pool).await?
        });
        rows.into_iter().map(decode).collect()
    }

    /// The marks on the landscapes of a team's campaigns, newest first (what a probe of the
    /// team may take as its intent).
    ///
    /// # Errors
    /// A database error.
    pub async fn team_marks(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
    ) -> Result<Vec<MarkRecord>, StoreError> {
        let sql = format!("{SELECT} AND c.team_id = $2 ORDER BY m.created_at DESC, m.id");
        let rows: Vec<MarkRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(organization_id.to_string())
                .bind(team_id.to_string()).fetch_all(pool).await?
        });
        rows.into_iter().map(decode).collect()
    }

    /// One mark of the organization.
    ///
    /// # Errors
    /// A database error.
    pub async fn mark(
        &self,
        organization_id: Id<Organization>,
        id: Id<Mark>,
    ) -> Result<Option<MarkRecord>, StoreError> {
        let sql = format!("{SELECT} AND m.id = $2");
        let row: Option<MarkRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(organization_id.to_string())
                .bind(id.to_string()).fetch_optional(pool).await?
        });
        row.map(decode).transpose()
    }
}

impl Tx {
    /// Marks a region of one of the organization's campaigns (the details already checked
    /// against its framework); `None` when the campaign is not the organization's.
    ///
    /// # Errors
    /// A database error.
    pub async fn insert_mark(
        &mut self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
        details: &MarkDetails,
        (marked_on, marked_by): (Date, Id<User>),
        now: OffsetDateTime,
    ) -> Result<Option<Id<Mark>>, StoreError> {
        let id = Id::<Mark>::new();
        let done = with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO landscape_marks (id, organization_id, campaign_id, question, region, \
                 direction, note, marked_on, created_by, created_at) \
                 SELECT $1, c.organization_id, c.id, $3, $4, $5, $6, $7, $8, $9 \
                 FROM campaigns c WHERE c.id = $2 AND c.organization_id = $10",
            )
            .bind(id.to_string()).bind(campaign_id.to_string()).bind(&details.question)
            .bind(details.region.as_str()).bind(details.direction.as_str())
            .bind(details.note.as_ref().map(|n| n.as_str())).bind(marked_on)
            .bind(marked_by.to_string()).bind(stored(now)).bind(organization_id.to_string())
            .execute(conn).await?.rows_affected()
        });
        Ok((done == 1).then_some(id))
    }
}
