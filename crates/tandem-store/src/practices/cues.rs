//! Notice the small stuff (practice 7): cues — what someone expected and what happened instead —
//! optionally linked to a story, openly picked to amplify, followed up and closed.

use tandem_domain::organization::Organization;
use tandem_domain::practice::reflection::{Cue, CueDetails};
use tandem_domain::staff::{Team, User};
use tandem_domain::{Id, PlainText};
use time::{Date, OffsetDateTime};

use super::huddles::text;
use super::{LINKED, LinkedRow, LinkedStory, decode_linked};
use crate::courses::stored_id;
use crate::error::StoreError;
use crate::pool::Store;
use crate::stories::Story;
use crate::time::stored;
use crate::tx::Tx;

/// A cue with what came of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueRecord {
    /// The cue.
    pub id: Id<Cue>,
    /// What was noticed.
    pub details: CueDetails,
    /// The story it came from, if any.
    pub story: Option<LinkedStory>,
    /// Whether the team picked it to amplify.
    pub amplified: bool,
    /// What followed.
    pub follow_up: Option<PlainText>,
    /// The day it was closed.
    pub resolved_on: Option<Date>,
}

#[derive(sqlx::FromRow)]
struct CueRow {
    id: String,
    noticed_on: Date,
    theme: String,
    expected: String,
    happened: String,
    amplified: bool,
    follow_up: Option<String>,
    resolved_on: Option<Date>,
    story_id: Option<String>,
}

impl Store {
    /// The team's cues, newest first.
    ///
    /// # Errors
    /// A database error.
    pub async fn cues(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
    ) -> Result<Vec<CueRecord>, StoreError> {
        let (org, team) = (organization_id.to_string(), team_id.to_string());
        let rows: Vec<CueRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, noticed_on, theme, expected, happened, amplified, follow_up, resolved_on, \
                 story_id FROM cues WHERE organization_id = $1 AND team_id = $2 \
                 ORDER BY noticed_on DESC, created_at DESC",
            )
            .bind(&org).bind(&team).fetch_all(pool).await?
        });
        let sql = format!(
            "SELECT {LINKED} FROM stories s WHERE s.id IN \
             (SELECT story_id FROM cues WHERE organization_id = $1 AND team_id = $2)"
        );
        let stories: Vec<LinkedRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(&org).bind(&team).fetch_all(pool).await?
        });
        let stories: Vec<LinkedStory> = stories
            .into_iter()
            .map(decode_linked)
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|row| {
                let story = match &row.story_id {
                    Some(id) => {
                        let id: Id<Story> = stored_id(id, "story id")?;
                        stories.iter().find(|s| s.id == id).cloned()
                    }
                    None => None,
                };
                Ok(CueRecord {
                    id: stored_id(&row.id, "cue id")?,
                    details: CueDetails {
                        noticed_on: row.noticed_on,
                        theme: text(&row.theme, "cue theme")?,
                        expected: text(&row.expected, "cue")?,
                        happened: text(&row.happened, "cue")?,
                    },
                    story,
                    amplified: row.amplified,
                    follow_up: row
                        .follow_up
                        .as_deref()
                        .map(|f| text(f, "follow-up"))
                        .transpose()?,
                    resolved_on: row.resolved_on,
                })
            })
            .collect()
    }
}

impl Tx {
    /// Records a cue, linked to a story already checked to be the team's.
    ///
    /// # Errors
    /// A database error.
    pub async fn insert_cue(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        (cue, story): (&CueDetails, Option<Id<Story>>),
        created_by: Id<User>,
        now: OffsetDateTime,
    ) -> Result<Id<Cue>, StoreError> {
        let id = Id::<Cue>::new();
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO cues (id, organization_id, team_id, noticed_on, theme, expected, happened, \
                 story_id, amplified, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(id.to_string()).bind(organization_id.to_string()).bind(team_id.to_string())
            .bind(cue.noticed_on).bind(cue.theme.as_str()).bind(cue.expected.as_str())
            .bind(cue.happened.as_str()).bind(story.map(|s| s.to_string())).bind(false)
            .bind(created_by.to_string()).bind(stored(now))
            .execute(&mut *conn).await?;
        });
        Ok(id)
    }

    /// Sets whether one of the team's open cues is amplified, what followed, and whether it is
    /// closed (on `resolved_on`); false when there is no such open cue.
    ///
    /// # Errors
    /// A database error.
    pub async fn follow_up_cue(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        id: Id<Cue>,
        (amplified, follow_up, resolved_on): (bool, Option<&PlainText>, Option<Date>),
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query(
                "UPDATE cues SET amplified = $1, follow_up = COALESCE($2, follow_up), resolved_on = $3 \
                 WHERE id = $4 AND organization_id = $5 AND team_id = $6 AND resolved_on IS NULL",
            )
            .bind(amplified).bind(follow_up.map(PlainText::as_str)).bind(resolved_on)
            .bind(id.to_string()).bind(organization_id.to_string()).bind(team_id.to_string())
            .execute(&mut *conn).await?.rows_affected()
        });
        Ok(done == 1)
    }
}
