//! Campaigns: prompt, framework version, audience and dates; the courses a citizens' campaign
//! asks; the hash of an anonymous link.

use tandem_domain::organization::Organization;
use tandem_domain::policy::{Campaign, CampaignAccess, Course};
use tandem_domain::staff::{Team, User};
use tandem_domain::story::campaign::{Audience, CampaignDetails};
use tandem_domain::{Id, PlainText};
use time::{Date, OffsetDateTime};

use super::FrameworkVersion;
use crate::courses::{stored_id, stored_word};
use crate::error::StoreError;
use crate::pool::Store;
use crate::time::stored;
use crate::tx::Tx;

/// A stored campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignRecord {
    /// The campaign.
    pub id: Id<Campaign>,
    /// Its organization.
    pub organization_id: Id<Organization>,
    /// What the organizer set.
    pub details: CampaignDetails,
    /// The framework version asked.
    pub framework_id: Id<FrameworkVersion>,
    /// The team it belongs to.
    pub team_id: Option<Id<Team>>,
    /// The team's name.
    pub team_name: Option<String>,
    /// Stories told so far, where counted: the organization's list counts them; reading one
    /// campaign does not (every campaign route reads it, the guard too, and the count walked
    /// the campaign's stories each time). [`Store::campaign_revision`] counts one campaign.
    pub stories: Option<i64>,
    /// The current anonymous link's token (link campaigns made or renewed since it is kept).
    pub link_token: Option<String>,
}

/// A campaign to create.
#[derive(Debug, Clone)]
pub struct NewCampaign<'a> {
    /// What the organizer set.
    pub details: &'a CampaignDetails,
    /// The framework version asked.
    pub framework_id: Id<FrameworkVersion>,
    /// The team it belongs to.
    pub team_id: Option<Id<Team>>,
    /// The anonymous link's token and its hash (link campaigns only).
    pub link: Option<(String, String)>,
    /// The courses asked (courses campaigns only).
    pub course_ids: &'a [Id<Course>],
    /// Who created it.
    pub created_by: Id<User>,
}

#[derive(sqlx::FromRow)]
struct CampaignRow {
    id: String,
    organization_id: String,
    title: String,
    prompt: String,
    framework_id: String,
    audience: String,
    team_id: Option<String>,
    team_name: Option<String>,
    consent_text: Option<String>,
    opens_on: Date,
    closes_on: Date,
    returns_stories: bool,
    stories: Option<i64>,
    link_token: Option<String>,
}

/// The campaign columns with `$stories` as the story count.
macro_rules! select_campaigns {
    ($stories:literal) => {
        concat!(
            "SELECT c.id, c.organization_id, c.title, c.prompt, c.framework_id, c.audience, ",
            "c.team_id, t.name AS team_name, c.consent_text, c.opens_on, c.closes_on, ",
            "c.returns_stories, c.link_token, ",
            $stories,
            " AS stories FROM campaigns c LEFT JOIN teams t ON t.id = c.team_id"
        )
    };
}
const SELECT: &str = select_campaigns!("CAST(NULL AS BIGINT)");
/// [`SELECT`] with each campaign's stories counted, for the organization's list.
const SELECT_COUNTED: &str =
    select_campaigns!("(SELECT COUNT(*) FROM stories s WHERE s.campaign_id = c.id)");

pub(crate) fn text(value: &str, what: &str) -> Result<PlainText, StoreError> {
    PlainText::parse(value, 100_000).map_err(|_| StoreError::corrupt(what))
}

fn decode(row: CampaignRow) -> Result<CampaignRecord, StoreError> {
    Ok(CampaignRecord {
        id: stored_id(&row.id, "campaign id")?,
        organization_id: stored_id(&row.organization_id, "organization id")?,
        details: CampaignDetails {
            title: text(&row.title, "campaign title")?,
            prompt: text(&row.prompt, "campaign prompt")?,
            audience: stored_word(Audience::parse, &row.audience, "audience")?,
            consent_text: row
                .consent_text
                .as_deref()
                .map(|c| text(c, "consent text"))
                .transpose()?,
            opens_on: row.opens_on,
            closes_on: row.closes_on,
            returns_stories: row.returns_stories,
        },
        framework_id: stored_id(&row.framework_id, "framework id")?,
        team_id: row
            .team_id
            .as_deref()
            .map(|t| stored_id(t, "team id"))
            .transpose()?,
        team_name: row.team_name,
        stories: row.stories,
        link_token: row.link_token,
    })
}

impl Store {
    /// The organization's campaigns, newest first (callers show those the policy allows).
    ///
    /// # Errors
    /// A database error.
    pub async fn campaigns(
        &self,
        organization_id: Id<Organization>,
    ) -> Result<Vec<CampaignRecord>, StoreError> {
        let sql = format!(
            "{SELECT_COUNTED} WHERE c.organization_id = $1 ORDER BY c.opens_on DESC, c.created_at DESC"
        );
        let rows: Vec<CampaignRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(organization_id.to_string()).fetch_all(pool).await?
        });
        rows.into_iter().map(decode).collect()
    }

    /// One campaign of the organization.
    ///
    /// # Errors
    /// A database error.
    pub async fn campaign(
        &self,
        organization_id: Id<Organization>,
        id: Id<Campaign>,
    ) -> Result<Option<CampaignRecord>, StoreError> {
        let sql = format!("{SELECT} WHERE c.organization_id = $1 AND c.id = $2");
        let row: Option<CampaignRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(organization_id.to_string()).bind(id.to_string())
                .fetch_optional(pool).await?
        });
        row.map(decode).transpose()
    }

    /// The campaign behind an anonymous link (by the link token's hash).
    ///
    /// # Errors
    /// A database error.
    pub async fn campaign_by_link(
        &self,
        token_hash: &str,
    ) -> Result<Option<CampaignRecord>, StoreError> {
        let sql = format!("{SELECT} WHERE c.link_token_hash = $1 AND c.audience = 'link'");
        let row: Option<CampaignRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(token_hash).fetch_optional(pool).await?
        });
        row.map(decode).transpose()
    }

    /// The campaigns that ask a course's young person and network, newest first.
    ///
    /// # Errors
    /// A database error.
    pub async fn campaigns_for_course(
        &self,
        organization_id: Id<Organization>,
        course_id: Id<Course>,
    ) -> Result<Vec<CampaignRecord>, StoreError> {
        let sql = format!(
            "{SELECT} WHERE c.organization_id = $1 AND c.audience = 'courses' AND c.id IN \
             (SELECT campaign_id FROM campaign_courses WHERE course_id = $2) ORDER BY c.opens_on DESC"
        );
        let rows: Vec<CampaignRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(organization_id.to_string()).bind(course_id.to_string())
                .fetch_all(pool).await?
        });
        rows.into_iter().map(decode).collect()
    }

    /// What the policy needs to know about a campaign.
    ///
    /// # Errors
    /// A database error.
    pub async fn campaign_access(
        &self,
        organization_id: Id<Organization>,
        id: Id<Campaign>,
    ) -> Result<Option<CampaignAccess>, StoreError> {
        let Some(campaign) = self.campaign(organization_id, id).await? else {
            return Ok(None);
        };
        Ok(Some(self.access_of(&campaign).await?))
    }

    /// The policy's view of a loaded campaign (adds the courses it asks).
    ///
    /// # Errors
    /// A database error.
    pub async fn access_of(&self, campaign: &CampaignRecord) -> Result<CampaignAccess, StoreError> {
        let course_ids: Vec<String> = if campaign.details.audience == Audience::Courses {
            with_pool!(self, pool => {
                sqlx::query_scalar("SELECT course_id FROM campaign_courses WHERE campaign_id = $1")
                    .bind(campaign.id.to_string()).fetch_all(pool).await?
            })
        } else {
            Vec::new()
        };
        Ok(CampaignAccess {
            id: campaign.id,
            organization_id: campaign.organization_id,
            team_id: campaign.team_id,
            audience: campaign.details.audience,
            returns_stories: campaign.details.returns_stories,
            course_ids: course_ids
                .iter()
                .map(|c| stored_id(c, "course id"))
                .collect::<Result<_, _>>()?,
        })
    }
}

impl Tx {
    /// Creates a campaign.
    ///
    /// # Errors
    /// A database error.
    pub async fn insert_campaign(
        &mut self,
        organization_id: Id<Organization>,
        campaign: &NewCampaign<'_>,
        now: OffsetDateTime,
    ) -> Result<Id<Campaign>, StoreError> {
        let id = Id::<Campaign>::new();
        let d = campaign.details;
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO campaigns (id, organization_id, title, prompt, framework_id, audience, team_id, \
                 link_token_hash, link_token, consent_text, opens_on, closes_on, returns_stories, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
            )
            .bind(id.to_string()).bind(organization_id.to_string()).bind(d.title.as_str())
            .bind(d.prompt.as_str()).bind(campaign.framework_id.to_string()).bind(d.audience.as_str())
            .bind(campaign.team_id.map(|t| t.to_string())).bind(campaign.link.as_ref().map(|(_, hash)| hash.as_str()))
            .bind(campaign.link.as_ref().map(|(token, _)| token.as_str()))
            .bind(d.consent_text.as_ref().map(PlainText::as_str)).bind(d.opens_on).bind(d.closes_on)
            .bind(d.returns_stories).bind(campaign.created_by.to_string()).bind(stored(now))
            .execute(&mut *conn).await?;
            for course in campaign.course_ids {
                sqlx::query("INSERT INTO campaign_courses (campaign_id, course_id) VALUES ($1, $2)")
                    .bind(id.to_string()).bind(course.to_string()).execute(&mut *conn).await?;
            }
        });
        Ok(id)
    }

    /// Replaces the anonymous link of a link campaign (the old one stops working).
    ///
    /// # Errors
    /// A database error.
    pub async fn replace_campaign_link(
        &mut self,
        organization_id: Id<Organization>,
        id: Id<Campaign>,
        (token, token_hash): (&str, &str),
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query(
                "UPDATE campaigns SET link_token_hash = $1, link_token = $2 WHERE id = $3 \
                 AND organization_id = $4 AND audience = 'link'",
            )
            .bind(token_hash).bind(token).bind(id.to_string()).bind(organization_id.to_string())
            .execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }
}
