//! Reading a campaign's answers for its pattern pages: every story's date and teller kind with
//! its answered parts except free text, streamed one story at a time so a campaign of 100,000
//! stories (about 1.2 million answer parts) never sits in memory as rows. The web keeps the result as columns and
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
use crate::pool::{Backend, Store};

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

/// A story with its answer parts joined: id, date, teller, parts.
type StoryRow = (String, Date, String, Option<String>);

/// One part as joined by [`Store::for_each_campaign_story`]: five fields separated by U+001F.
fn part_of(text: &str) -> Result<AnswerPart<'_>, StoreError> {
    let bad = || StoreError::Corrupt(format!("a stored answer part does not parse: {text:?}"));
    let mut fields = text.split('\u{1f}');
    let mut next = || fields.next().ok_or_else(bad);
    let question = next()?;
    let option = next()?;
    let mut weights = [None; 3];
    for weight in &mut weights {
        let field = next()?;
        if !field.is_empty() {
            *weight = Some(field.parse::<f64>().map_err(|_| bad())?);
        }
    }
    Ok(AnswerPart {
        question,
        option_id: (!option.is_empty()).then_some(option),
        weights,
    })
}

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

    /// Calls `each` with every story of a campaign, oldest first, and its answered parts except
    /// free text. The parts come joined into one text per story (one row per story instead of
    /// one per part: reading 100,000 stories takes one tenth of the time), with floats written
    /// so that they read back bit for bit (`%!.17g` on SQLite, PostgreSQL's shortest exact text).
    ///
    /// # Errors
    /// A database error, or a stored value that does not parse.
    pub async fn for_each_campaign_story(
        &self,
        organization_id: Id<Organization>,
        campaign_id: Id<Campaign>,
        mut each: impl FnMut(StoryFacts, &[AnswerPart<'_>]) + Send,
    ) -> Result<(), StoreError> {
        let (number, glue, unit, record) = match self.backend() {
            Backend::Sqlite => (
                "iif({0} IS NULL, '', printf('%!.17g', {0}))",
                "group_concat",
                "char(31)",
                "char(30)",
            ),
            Backend::Postgres => (
                "coalesce({0}::text, '')",
                "string_agg",
                "chr(31)",
                "chr(30)",
            ),
        };
        let part = [
            "a.question".to_owned(),
            "coalesce(a.option_id, '')".to_owned(),
            number.replace("{0}", "a.w1"),
            number.replace("{0}", "a.w2"),
            number.replace("{0}", "a.w3"),
        ]
        .join(&format!(" || {unit} || "));
        let sql = format!(
            "SELECT s.id, s.collected_on, s.teller, \
             (SELECT {glue}({part}, {record}) FROM story_answers a WHERE a.story_id = s.id AND a.body IS NULL) \
             FROM stories s WHERE s.organization_id = $1 AND s.campaign_id = $2 ORDER BY s.collected_on, s.id"
        );
        with_pool!(self, pool => {
            let mut rows = sqlx::query_as::<_, StoryRow>(sqlx::AssertSqlSafe(sql.clone()))
                .bind(organization_id.to_string())
                .bind(campaign_id.to_string())
                .fetch(pool);
            while let Some((id, collected_on, teller, joined)) = rows.try_next().await? {
                let facts = StoryFacts {
                    id,
                    collected_on,
                    teller: stored_word(Teller::parse, &teller, "teller")?,
                };
                let parts = joined
                    .as_deref()
                    .unwrap_or("")
                    .split('\u{1e}')
                    .filter(|t| !t.is_empty())
                    .map(part_of)
                    .collect::<Result<Vec<_>, _>>()?;
                each(facts, &parts);
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
