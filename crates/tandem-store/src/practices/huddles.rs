//! Huddles: who took part (by voice), the stories discussed, the interpretations offered and
//! the next steps agreed (practice 4, "What's the story? Now what?").

use tandem_domain::organization::Organization;
use tandem_domain::practice::{Huddle, HuddleDetails, NextStep, Participants, Voice};
use tandem_domain::staff::{Team, User};
use tandem_domain::{Id, PlainText};
use time::{Date, OffsetDateTime};

use super::{LinkedStory, linked_stories};
use crate::courses::{stored_id, stored_word};
use crate::error::StoreError;
use crate::pool::Store;
use crate::stories::Story;
use crate::time::stored;
use crate::tx::Tx;

/// A huddle in the team's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HuddleSummary {
    /// The huddle.
    pub id: Id<Huddle>,
    /// What the manager recorded.
    pub details: HuddleDetails,
    /// How many stories were discussed.
    pub stories: i64,
    /// How many interpretations were offered.
    pub interpretations: i64,
}

/// One interpretation offered in a huddle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interpretation {
    /// Who offered it, by role.
    pub voice: Voice,
    /// What they made of the stories.
    pub body: PlainText,
    /// When it was recorded.
    pub created_at: OffsetDateTime,
}

/// A next step: what, who, by when, and whether it is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextStepRecord {
    /// The step.
    pub id: Id<NextStep>,
    /// The huddle that agreed it, if any.
    pub huddle_id: Option<Id<Huddle>>,
    /// What is to be done.
    pub description: PlainText,
    /// Who does it.
    pub owner_id: Id<User>,
    /// Their name.
    pub owner_name: String,
    /// By when.
    pub due_on: Date,
    /// When it was marked done.
    pub done_at: Option<OffsetDateTime>,
}

impl NextStepRecord {
    /// Not done, and its day has passed.
    #[must_use]
    pub fn is_overdue(&self, today: Date) -> bool {
        self.done_at.is_none() && self.due_on < today
    }
}

/// A huddle with everything recorded in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HuddleRecord {
    /// The huddle and its counts.
    pub summary: HuddleSummary,
    /// The stories discussed.
    pub stories: Vec<LinkedStory>,
    /// The interpretations, oldest first.
    pub interpretations: Vec<Interpretation>,
    /// The next steps agreed, by due date.
    pub steps: Vec<NextStepRecord>,
}

#[derive(sqlx::FromRow)]
struct HuddleRow {
    id: String,
    held_on: Date,
    topic: String,
    processors: i64,
    managers: i64,
    young_people: i64,
    network: i64,
    partners: i64,
    stories: i64,
    interpretations: i64,
}

// The counts are INTEGER (INT4 on PostgreSQL); cast so both backends hand back an i64.
const SELECT: &str = "SELECT h.id, h.held_on, h.topic, CAST(h.processors AS BIGINT) AS processors, \
    CAST(h.managers AS BIGINT) AS managers, CAST(h.young_people AS BIGINT) AS young_people, \
    CAST(h.network AS BIGINT) AS network, CAST(h.partners AS BIGINT) AS partners, \
    (SELECT COUNT(*) FROM huddle_stories hs WHERE hs.huddle_id = h.id) AS stories, \
    (SELECT COUNT(*) FROM huddle_interpretations hi WHERE hi.huddle_id = h.id) AS interpretations \
    FROM huddles h WHERE h.organization_id = $1 AND h.team_id = $2";

fn count(value: i64, what: &str) -> Result<u32, StoreError> {
    u32::try_from(value).map_err(|_| StoreError::corrupt(what))
}

pub(super) fn text(value: &str, what: &str) -> Result<PlainText, StoreError> {
    PlainText::parse(value, 100_000).map_err(|_| StoreError::corrupt(what))
}

fn decode(row: HuddleRow) -> Result<HuddleSummary, StoreError> {
    let participants = Participants::from_counts(&[
        (Voice::Processor, count(row.processors, "participants")?),
        (Voice::Manager, count(row.managers, "participants")?),
        (Voice::YoungPerson, count(row.young_people, "participants")?),
        (Voice::Network, count(row.network, "participants")?),
        (Voice::Partner, count(row.partners, "participants")?),
    ]);
    Ok(HuddleSummary {
        id: stored_id(&row.id, "huddle id")?,
        details: HuddleDetails {
            held_on: row.held_on,
            topic: text(&row.topic, "huddle topic")?,
            participants,
        },
        stories: row.stories,
        interpretations: row.interpretations,
    })
}

#[derive(sqlx::FromRow)]
struct StepRow {
    id: String,
    huddle_id: Option<String>,
    description: String,
    owner_id: String,
    owner_name: String,
    due_on: Date,
    done_at: Option<OffsetDateTime>,
}

const STEPS: &str = "SELECT n.id, n.huddle_id, n.description, n.owner_id, u.display_name AS owner_name, \
    n.due_on, n.done_at FROM next_steps n JOIN users u ON u.id = n.owner_id \
    WHERE n.organization_id = $1 AND n.team_id = $2";

fn decode_step(row: StepRow) -> Result<NextStepRecord, StoreError> {
    Ok(NextStepRecord {
        id: stored_id(&row.id, "next step id")?,
        huddle_id: row
            .huddle_id
            .as_deref()
            .map(|h| stored_id(h, "huddle id"))
            .transpose()?,
        description: text(&row.description, "next step")?,
        owner_id: stored_id(&row.owner_id, "user id")?,
        owner_name: row.owner_name,
        due_on: row.due_on,
        done_at: row.done_at,
    })
}

impl Store {
    /// The team's huddles, newest first.
    ///
    /// # Errors
    /// A database error.
    pub async fn huddles(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
    ) -> Result<Vec<HuddleSummary>, StoreError> {
        let sql = format!("{SELECT} ORDER BY h.held_on DESC, h.created_at DESC");
        let rows: Vec<HuddleRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(organization_id.to_string())
                .bind(team_id.to_string()).fetch_all(pool).await?
        });
        rows.into_iter().map(decode).collect()
    }

    /// One huddle of the team, with its stories, interpretations and next steps.
    ///
    /// # Errors
    /// A database error.
    pub async fn huddle(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        id: Id<Huddle>,
    ) -> Result<Option<HuddleRecord>, StoreError> {
        let sql = format!("{SELECT} AND h.id = $3");
        let row: Option<HuddleRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(organization_id.to_string())
                .bind(team_id.to_string()).bind(id.to_string()).fetch_optional(pool).await?
        });
        let Some(row) = row else {
            return Ok(None);
        };
        let summary = decode(row)?;
        let key = id.to_string();
        let stories = linked_stories(self, "huddle_stories", "huddle_id", &key).await?;
        let rows: Vec<(String, String, OffsetDateTime)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT voice, body, created_at FROM huddle_interpretations WHERE huddle_id = $1 \
                 ORDER BY created_at, id",
            )
            .bind(&key).fetch_all(pool).await?
        });
        let interpretations = rows
            .into_iter()
            .map(|(voice, body, created_at)| {
                Ok(Interpretation {
                    voice: stored_word(Voice::parse, &voice, "voice")?,
                    body: text(&body, "interpretation")?,
                    created_at,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let sql = format!("{STEPS} AND n.huddle_id = $3 ORDER BY n.due_on, n.id");
        let rows: Vec<StepRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(organization_id.to_string())
                .bind(team_id.to_string()).bind(&key).fetch_all(pool).await?
        });
        Ok(Some(HuddleRecord {
            summary,
            stories,
            interpretations,
            steps: rows
                .into_iter()
                .map(decode_step)
                .collect::<Result<_, _>>()?,
        }))
    }

    /// One of the team's next steps, done or not.
    ///
    /// # Errors
    /// A database error.
    pub async fn next_step(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        id: Id<NextStep>,
    ) -> Result<Option<NextStepRecord>, StoreError> {
        let sql = format!("{STEPS} AND n.id = $3");
        let row: Option<StepRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(organization_id.to_string())
                .bind(team_id.to_string()).bind(id.to_string()).fetch_optional(pool).await?
        });
        row.map(decode_step).transpose()
    }

    /// The team's next steps not yet done, by due date (the oldest overdue first).
    ///
    /// # Errors
    /// A database error.
    pub async fn open_steps(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
    ) -> Result<Vec<NextStepRecord>, StoreError> {
        let sql = format!("{STEPS} AND n.done_at IS NULL ORDER BY n.due_on, n.id");
        let rows: Vec<StepRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(organization_id.to_string())
                .bind(team_id.to_string()).fetch_all(pool).await?
        });
        rows.into_iter().map(decode_step).collect()
    }
}

impl Tx {
    /// Records a huddle and links the stories discussed (already checked to be the team's).
    ///
    /// # Errors
    /// A database error.
    pub async fn insert_huddle(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        details: &HuddleDetails,
        stories: &[Id<Story>],
        created_by: Id<User>,
        now: OffsetDateTime,
    ) -> Result<Id<Huddle>, StoreError> {
        let id = Id::<Huddle>::new();
        let p = &details.participants;
        let n = |voice| i64::from(p.count(voice));
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO huddles (id, organization_id, team_id, held_on, topic, processors, managers, \
                 young_people, network, partners, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            )
            .bind(id.to_string()).bind(organization_id.to_string()).bind(team_id.to_string())
            .bind(details.held_on).bind(details.topic.as_str()).bind(n(Voice::Processor))
            .bind(n(Voice::Manager)).bind(n(Voice::YoungPerson)).bind(n(Voice::Network))
            .bind(n(Voice::Partner)).bind(created_by.to_string()).bind(stored(now))
            .execute(&mut *conn).await?;
            for story in stories {
                sqlx::query("INSERT INTO huddle_stories (huddle_id, story_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                    .bind(id.to_string()).bind(story.to_string()).execute(&mut *conn).await?;
            }
        });
        Ok(id)
    }

    /// Adds an interpretation to one of the team's huddles; false when there is no such huddle.
    ///
    /// # Errors
    /// A database error.
    pub async fn add_interpretation(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        huddle_id: Id<Huddle>,
        interpretation: (Voice, &PlainText),
        created_by: Id<User>,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let (voice, body) = interpretation;
        let done = with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO huddle_interpretations (id, huddle_id, voice, body, created_by, created_at) \
                 SELECT $1, h.id, $2, $3, $4, $5 FROM huddles h \
                 WHERE h.id = $6 AND h.organization_id = $7 AND h.team_id = $8",
            )
            .bind(Id::<Huddle>::new().to_string()).bind(voice.as_str()).bind(body.as_str())
            .bind(created_by.to_string()).bind(stored(now)).bind(huddle_id.to_string())
            .bind(organization_id.to_string()).bind(team_id.to_string())
            .execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }

    /// Adds a next step (from a huddle of the team, or on its own); the owner must be an active
    /// member of the team, else nothing is stored and `None` comes back.
    ///
    /// # Errors
    /// A database error.
    pub async fn add_next_step(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        huddle_id: Option<Id<Huddle>>,
        step: (&PlainText, Id<User>, Date),
        created_by: Id<User>,
        now: OffsetDateTime,
    ) -> Result<Option<Id<NextStep>>, StoreError> {
        let (description, owner, due_on) = step;
        let id = Id::<NextStep>::new();
        let done = with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO next_steps (id, organization_id, team_id, huddle_id, description, owner_id, \
                 due_on, created_by, created_at) \
                 SELECT $1, u.organization_id, u.team_id, $2, $3, u.id, $4, $5, $6 FROM users u \
                 WHERE u.id = $7 AND u.organization_id = $8 AND u.team_id = $9 AND u.deactivated_at IS NULL \
                 AND ($2 IS NULL OR EXISTS (SELECT 1 FROM huddles h WHERE h.id = $2 AND h.team_id = u.team_id))",
            )
            .bind(id.to_string()).bind(huddle_id.map(|h| h.to_string())).bind(description.as_str())
            .bind(due_on).bind(created_by.to_string()).bind(stored(now)).bind(owner.to_string())
            .bind(organization_id.to_string()).bind(team_id.to_string())
            .execute(conn).await?.rows_affected()
        });
        Ok((done == 1).then_some(id))
    }

    /// Marks one of the team's next steps done (once); false when there is no such open step.
    ///
    /// # Errors
    /// A database error.
    pub async fn mark_step_done(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        id: Id<NextStep>,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query(
                "UPDATE next_steps SET done_at = $1 WHERE id = $2 AND organization_id = $3 \
                 AND team_id = $4 AND done_at IS NULL",
            )
            .bind(stored(now)).bind(id.to_string()).bind(organization_id.to_string())
            .bind(team_id.to_string())
            .execute(conn).await?.rows_affected()
        });
        Ok(done == 1)
    }
}
