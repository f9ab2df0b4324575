//! "You said, we did": what the team did about what a campaign's tellers said, published back to
//! the campaign's audience (sensemaking specification §4, "Keep the pulse").

use tandem_domain::organization::Organization;
use tandem_domain::policy::Campaign;
use tandem_domain::practice::{Huddle, Outcome, Probe};
use tandem_domain::staff::{Team, User};
use tandem_domain::{Id, PlainText};
use time::{Date, OffsetDateTime};

use super::huddles::text;
use crate::courses::stored_id;
use crate::error::StoreError;
use crate::pool::Store;
use crate::time::stored;
use crate::tx::Tx;

/// A published outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeRecord {
    /// The outcome.
    pub id: Id<Outcome>,
    /// The campaign whose audience sees it.
    pub campaign_id: Id<Campaign>,
    /// The campaign's title.
    pub campaign_title: String,
    /// What the tellers said, in the team's summary.
    pub said: PlainText,
    /// What the team did about it.
    pub did: PlainText,
    /// The day it was published.
    pub published_on: Date,
}

/// An outcome to publish.
#[derive(Debug, Clone)]
pub struct NewOutcome<'a> {
    /// The campaign whose audience sees it (one of the team's).
    pub campaign_id: Id<Campaign>,
    /// The huddle it came from, if any.
    pub huddle_id: Option<Id<Huddle>>,
    /// The probe it came from, if any.
    pub probe_id: Option<Id<Probe>>,
    /// "You said …".
    pub said: &'a PlainText,
    /// "… we did".
    pub did: &'a PlainText,
    /// The day it is published.
    pub published_on: Date,
}

#[derive(sqlx::FromRow)]
struct OutcomeRow {
    id: String,
    campaign_id: String,
    campaign_title: String,
    said: String,
    did: String,
    published_on: Date,
}

const SELECT: &str = "SELECT o.id, o.campaign_id, c.title AS campaign_title, o.said, o.did, \
    o.published_on FROM outcomes o JOIN campaigns c ON c.id = o.campaign_id WHERE o.organization_id = $1";

fn decode(row: OutcomeRow) -> Result<OutcomeRecord, StoreError> {
    Ok(OutcomeRecord {
        id: stored_id(&row.id, "outcome id")?,
        campaign_id: stored_id(&row.campaign_id, "campaign id")?,
        campaign_title: row.campaign_title,
        said: text(&row.said, "outcome")?,
        did: text(&row.did, "outcome")?,
        published_on: row.published_on,
    })
}

impl Store {
    /// What was published back to a campaign's audience, newest first.
    ///
    /// # Errors
    /// A database error.
    pub async fn campaign_outcomes(
        &self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
    ) -> Result<Vec<OutcomeRecord>, StoreError> {
        let sql = format!(
            "{SELECT} AND o.campaign_id = $2 ORDER BY o.published_on DESC, o.created_at DESC"
        );
        let rows: Vec<OutcomeRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(organization_id.to_string())
                .bind(campaign_id.to_string()).fetch_all(pool).await?
        });
        rows.into_iter().map(decode).collect()
    }

    /// Everything the team has published, newest first (the "you said, we did" log).
    ///
    /// # Errors
    /// A database error.
    pub async fn team_outcomes(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
    ) -> Result<Vec<OutcomeRecord>, StoreError> {
        let sql =
            format!("{SELECT} AND o.team_id = $2 ORDER BY o.published_on DESC, o.created_at DESC");
        let rows: Vec<OutcomeRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(organization_id.to_string())
                .bind(team_id.to_string()).fetch_all(pool).await?
        });
        rows.into_iter().map(decode).collect()
    }
}

impl Tx {
    /// Publishes an outcome to the audience of one of the team's campaigns; `None` (nothing
    /// stored) when the campaign, huddle or probe is not the team's.
    ///
    /// # Errors
    /// A database error.
    pub async fn publish_outcome(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        outcome: &NewOutcome<'_>,
        published_by: Id<User>,
        now: OffsetDateTime,
    ) -> Result<Option<Id<Outcome>>, StoreError> {
        let id = Id::<Outcome>::new();
        let done = with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO outcomes (id, organization_id, team_id, campaign_id, huddle_id, probe_id, said, did, \
                 published_on, published_by, created_at) \
                 SELECT $1, c.organization_id, c.team_id, c.id, $2, $3, $4, $5, $6, $7, $8 FROM campaigns c \
                 WHERE c.id = $9 AND c.organization_id = $10 AND c.team_id = $11 \
                 AND ($2 IS NULL OR EXISTS (SELECT 1 FROM huddles h WHERE h.id = $2 AND h.team_id = c.team_id)) \
                 AND ($3 IS NULL OR EXISTS (SELECT 1 FROM probes p WHERE p.id = $3 AND p.team_id = c.team_id))",
            )
            .bind(id.to_string()).bind(outcome.huddle_id.map(|h| h.to_string()))
            .bind(outcome.probe_id.map(|p| p.to_string())).bind(outcome.said.as_str())
            .bind(outcome.did.as_str()).bind(outcome.published_on).bind(published_by.to_string())
            .bind(stored(now)).bind(outcome.campaign_id.to_string()).bind(organization_id.to_string())
            .bind(team_id.to_string())
            .execute(conn).await?.rows_affected()
        });
        Ok((done == 1).then_some(id))
    }
}
