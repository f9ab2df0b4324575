//! The team's rhythms (practices 6 and 1): which campaign carries the weekly pulse and which the
//! monthly identity check-in, and the answers the pulse and identity pages are computed from.

use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Campaign;
use tandem_domain::practice::reflection::Rhythm;
use tandem_domain::staff::{Team, User};
use time::Date;

use crate::courses::stored_id;
use crate::error::StoreError;
use crate::pool::Store;
use crate::tx::Tx;

/// One story as the rhythm pages read it.
#[derive(Debug, Clone, PartialEq)]
pub struct RhythmRow {
    /// The day it was told.
    pub collected_on: Date,
    /// Its teller, when a member of staff.
    pub author: Option<Id<User>>,
    /// Its logic weights (T1), if answered.
    pub logic: Option<[f64; 3]>,
    /// Its role weights (T2), if answered.
    pub role: Option<[f64; 3]>,
}

#[derive(sqlx::FromRow)]
struct Row {
    collected_on: Date,
    author_id: Option<String>,
    l1: Option<f64>,
    l2: Option<f64>,
    l3: Option<f64>,
    r1: Option<f64>,
    r2: Option<f64>,
    r3: Option<f64>,
}

fn weights(a: Option<f64>, b: Option<f64>, c: Option<f64>) -> Option<[f64; 3]> {
    Some([a?, b?, c?])
}

impl Store {
    /// The campaign carrying the team's `rhythm`, if one was chosen.
    ///
    /// # Errors
    /// A database error.
    pub async fn rhythm_campaign(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        rhythm: Rhythm,
    ) -> Result<Option<Id<Campaign>>, StoreError> {
        let id: Option<String> = with_pool!(self, pool => {
            sqlx::query_scalar(
                "SELECT campaign_id FROM rhythm_campaigns WHERE organization_id = $1 AND team_id = $2 \
                 AND rhythm = $3",
            )
            .bind(organization_id.to_string()).bind(team_id.to_string()).bind(rhythm.as_str())
            .fetch_optional(pool).await?
        });
        id.map(|id| stored_id(&id, "campaign id")).transpose()
    }

    /// The stories of `campaign` told on or after `from`, oldest first, with their logic and
    /// role answers.
    ///
    /// # Errors
    /// A database error.
    pub async fn rhythm_stories(
        &self,
        organization_id: Id<Organization>,
        campaign: Id<Campaign>,
        from: Date,
    ) -> Result<Vec<RhythmRow>, StoreError> {
        let rows: Vec<Row> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT s.collected_on, s.author_id, l.w1 AS l1, l.w2 AS l2, l.w3 AS l3, \
                 r.w1 AS r1, r.w2 AS r2, r.w3 AS r3 FROM stories s \
                 LEFT JOIN story_answers l ON l.story_id = s.id AND l.question = 'T1' \
                 LEFT JOIN story_answers r ON r.story_id = s.id AND r.question = 'T2' \
                 WHERE s.organization_id = $1 AND s.campaign_id = $2 AND s.collected_on >= $3 \
                 ORDER BY s.collected_on, s.id",
            )
            .bind(organization_id.to_string()).bind(campaign.to_string()).bind(from)
            .fetch_all(pool).await?
        });
        rows.into_iter()
            .map(|r| {
                Ok(RhythmRow {
                    collected_on: r.collected_on,
                    author: r
                        .author_id
                        .as_deref()
                        .map(|a| stored_id(a, "user id"))
                        .transpose()?,
                    logic: weights(r.l1, r.l2, r.l3),
                    role: weights(r.r1, r.r2, r.r3),
                })
            })
            .collect()
    }
}

impl Tx {
    /// Lets one of the team's campaigns carry `rhythm` (replacing an earlier choice); false
    /// when the campaign is not the team's.
    ///
    /// # Errors
    /// A database error.
    pub async fn set_rhythm_campaign(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        (rhythm, campaign, set_on): (Rhythm, Id<Campaign>, Date),
        set_by: Id<User>,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO rhythm_campaigns (team_id, rhythm, organization_id, campaign_id, set_by, set_on) \
                 SELECT c.team_id, $1, c.organization_id, c.id, $2, $3 FROM campaigns c \
                 WHERE c.id = $4 AND c.organization_id = $5 AND c.team_id = $6 \
                 ON CONFLICT (team_id, rhythm) DO UPDATE SET campaign_id = excluded.campaign_id, \
                 set_by = excluded.set_by, set_on = excluded.set_on",
            )
            .bind(rhythm.as_str()).bind(set_by.to_string()).bind(set_on)
            .bind(campaign.to_string()).bind(organization_id.to_string()).bind(team_id.to_string())
            .execute(&mut *conn).await?.rows_affected()
        });
        Ok(done == 1)
    }
}
