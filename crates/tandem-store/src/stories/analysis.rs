//! Reading a campaign's answers for its pattern pages: every story's date and teller kind, and
//! every answered part except free text, streamed so a campaign of 100,000 stories (about 1.2
//! million answer rows) never sits in memory as rows. The web keeps the result as columns and
//! asks [`Store::campaign_revision`] whether it is still current.

use futures_util::TryStreamExt;
use tandem_domain::Id;
use tandem_domain::organization::Organization;
use tandem_domain::policy::Campaign;
use tandem_domain::story::Teller;
use time::{Date, OffsetDateTime};

use super::Story;
use super::catalog::{StoryFilter, StorySummary, SummaryRow, conditions, summary};
use crate::courses::stored_word;
use crate::error::StoreError;
use crate::pool::Store;

/// A story as the pattern pages know it: no text, no author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryFacts {
    /// The story's id, as stored.
    pub id: String,
    /// When it was collected.
    pub collected_on: Date,
    /// Who told it (the kind).
    pub teller: Teller,
}

/// One stored answer part (see migration 0005): a chosen option, a triad's three weights or a
/// slider position in `weights[0]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnswerPart<'a> {
    /// The story it belongs to.
    pub story_id: &'a str,
    /// The question.
    pub question: &'a str,
    /// The chosen option, for choice questions.
    pub option_id: Option<&'a str>,
    /// Triad weights, or a position in the first.
    pub weights: [Option<f64>; 3],
}

/// What changes when stories are added: how many, and the newest save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CampaignRevision {
    /// Stories in the campaign.
    pub stories: i64,
    /// When the newest was saved.
    pub latest: Option<OffsetDateTime>,
}

type PartRow = (
    String,
    String,
    Option<String>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
);

impl Store {
    /// How many stories a campaign holds and when the newest was saved: a cheap check of
    /// whether columns read earlier are still current.
    ///
    /// # Errors
    /// A database error.
    pub async fn campaign_revision(
        &self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
    ) -> Result<CampaignRevision, StoreError> {
        let (stories, latest): (i64, Option<OffsetDateTime>) = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT COUNT(*), MAX(created_at) FROM stories WHERE organization_id = $1 AND campaign_id = $2",
            )
            .bind(organization_id.to_string()).bind(campaign_id.to_string()).fetch_one(pool).await?
        });
        Ok(CampaignRevision { stories, latest })
    }

    /// Every story of a campaign (id, date, teller kind), oldest first.
    ///
    /// # Errors
    /// A database error.
    pub async fn campaign_story_facts(
        &self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
    ) -> Result<Vec<StoryFacts>, StoreError> {
        let rows: Vec<(String, Date, String)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, collected_on, teller FROM stories WHERE organization_id = $1 AND campaign_id = $2 \
                 ORDER BY collected_on, id",
            )
            .bind(organization_id.to_string()).bind(campaign_id.to_string()).fetch_all(pool).await?
        });
        rows.into_iter()
            .map(|(id, collected_on, teller)| {
                Ok(StoryFacts {
                    id,
                    collected_on,
                    teller: stored_word(Teller::parse, &teller, "teller")?,
                })
            })
            .collect()
    }

    /// Calls `each` with every answered part of a campaign's stories except free text, in no
    /// particular order, one row at a time.
    ///
    /// # Errors
    /// A database error.
    pub async fn for_each_campaign_answer(
        &self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
        mut each: impl FnMut(AnswerPart<'_>) + Send,
    ) -> Result<(), StoreError> {
        let sql = "SELECT a.story_id, a.question, a.option_id, a.w1, a.w2, a.w3 FROM story_answers a \
                   JOIN stories s ON s.id = a.story_id \
                   WHERE s.organization_id = $1 AND s.campaign_id = $2 AND a.body IS NULL";
        with_pool!(self, pool => {
            let mut rows = sqlx::query_as::<_, PartRow>(sql)
                .bind(organization_id.to_string())
                .bind(campaign_id.to_string())
                .fetch(pool);
            while let Some((story_id, question, option_id, w1, w2, w3)) = rows.try_next().await? {
                each(AnswerPart {
                    story_id: &story_id,
                    question: &question,
                    option_id: option_id.as_deref(),
                    weights: [w1, w2, w3],
                });
            }
        });
        Ok(())
    }

    /// The ids of a campaign's stories matching a filter's words and code or tag (the parts of
    /// a filter that the columns do not hold).
    ///
    /// # Errors
    /// A database error.
    pub async fn matching_story_ids(
        &self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
        filter: &StoryFilter,
    ) -> Result<Vec<String>, StoreError> {
        let (clause, binds) = conditions(self.backend(), filter);
        let sql = format!(
            "SELECT s.id FROM stories s WHERE s.organization_id = $1 AND s.campaign_id = $2{clause}"
        );
        let ids: Vec<String> = filtered!(
            self,
            sqlx::query_scalar,
            sql,
            organization_id,
            campaign_id,
            binds,
            fetch_all
        );
        Ok(ids)
    }

    /// The summaries of some of a campaign's stories (example stories beside a finding), in the
    /// order of `ids`; ids outside the campaign are left out.
    ///
    /// # Errors
    /// A database error.
    pub async fn story_summaries(
        &self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
        ids: &[Id<Story>],
    ) -> Result<Vec<StorySummary>, StoreError> {
        let mut found = Vec::new();
        for id in ids {
            let row: Option<SummaryRow> = with_pool!(self, pool => {
                sqlx::query_as(
                    "SELECT id, title, body, collected_on, teller FROM stories \
                     WHERE id = $1 AND campaign_id = $2 AND organization_id = $3",
                )
                .bind(id.to_string()).bind(campaign_id.to_string()).bind(organization_id.to_string())
                .fetch_optional(pool).await?
            });
            if let Some(row) = row {
                found.push(summary(row)?);
            }
        }
        Ok(found)
    }
}
