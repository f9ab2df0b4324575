//! Hold the tension (practice 10): rounds on stories where logics collided, each story with the
//! way the team handled it (separate, layer, blend, drop) and what follows; and the team's
//! recent stories with their logic weights, from which the mixed-logic filter picks candidates.

use tandem_domain::organization::Organization;
use tandem_domain::practice::reflection::{DilemmaRound, Handling};
use tandem_domain::staff::{Team, User};
use tandem_domain::{Id, PlainText};
use time::{Date, OffsetDateTime};

use super::huddles::text;
use super::{LINKED, LinkedRow, LinkedStory, decode_linked};
use crate::courses::{stored_id, stored_word};
use crate::error::StoreError;
use crate::pool::Store;
use crate::stories::Story;
use crate::time::stored;
use crate::tx::Tx;

/// The question whose triad says which logics guided a story (the default framework's T1).
pub const LOGIC_QUESTION: &str = "T1";

/// A round with its handled stories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundRecord {
    /// The round.
    pub id: Id<DilemmaRound>,
    /// When it was held.
    pub held_on: Date,
    /// What it was about.
    pub title: PlainText,
    /// Each story discussed, how the team handled it and what follows.
    pub handlings: Vec<(LinkedStory, Handling, PlainText)>,
}

#[derive(sqlx::FromRow)]
struct HandlingRow {
    round_id: String,
    handling: String,
    follow_up: String,
    #[sqlx(flatten)]
    story: LinkedRow,
}

#[derive(sqlx::FromRow)]
struct WeightedRow {
    w1: f64,
    w2: f64,
    w3: f64,
    #[sqlx(flatten)]
    story: LinkedRow,
}

impl Store {
    /// The team's rounds, newest first, with their handlings.
    ///
    /// # Errors
    /// A database error.
    pub async fn dilemma_rounds(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
    ) -> Result<Vec<RoundRecord>, StoreError> {
        let (org, team) = (organization_id.to_string(), team_id.to_string());
        let rounds: Vec<(String, Date, String)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, held_on, title FROM dilemma_rounds WHERE organization_id = $1 AND team_id = $2 \
                 ORDER BY held_on DESC, created_at DESC",
            )
            .bind(&org).bind(&team).fetch_all(pool).await?
        });
        let sql = format!(
            "SELECT h.round_id, h.handling, h.follow_up, {LINKED} FROM dilemma_handlings h \
             JOIN dilemma_rounds r ON r.id = h.round_id JOIN stories s ON s.id = h.story_id \
             WHERE r.organization_id = $1 AND r.team_id = $2 ORDER BY s.collected_on, s.id"
        );
        let handlings: Vec<HandlingRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(&org).bind(&team).fetch_all(pool).await?
        });
        rounds
            .into_iter()
            .map(|(id, held_on, title)| {
                Ok(RoundRecord {
                    handlings: handlings
                        .iter()
                        .filter(|h| h.round_id == id)
                        .map(|h| {
                            Ok((
                                decode_linked(h.story.clone())?,
                                stored_word(Handling::parse, &h.handling, "handling")?,
                                text(&h.follow_up, "follow-up")?,
                            ))
                        })
                        .collect::<Result<_, StoreError>>()?,
                    id: stored_id(&id, "round id")?,
                    held_on,
                    title: text(&title, "round title")?,
                })
            })
            .collect()
    }

    /// The team's stories told on or after `from` with their logic weights (T1), newest first;
    /// stories without a T1 answer are left out.
    ///
    /// # Errors
    /// A database error.
    pub async fn team_logic_stories(
        &self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        from: Date,
    ) -> Result<Vec<(LinkedStory, [f64; 3])>, StoreError> {
        let sql = format!(
            "SELECT a.w1, a.w2, a.w3, {LINKED} FROM stories s JOIN campaigns c ON c.id = s.campaign_id \
             JOIN story_answers a ON a.story_id = s.id AND a.question = $4 \
             WHERE s.organization_id = $1 AND c.team_id = $2 AND s.collected_on >= $3 \
             AND a.w1 IS NOT NULL AND a.w2 IS NOT NULL AND a.w3 IS NOT NULL \
             ORDER BY s.collected_on DESC, s.id"
        );
        let rows: Vec<WeightedRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(organization_id.to_string())
                .bind(team_id.to_string()).bind(from).bind(LOGIC_QUESTION).fetch_all(pool).await?
        });
        rows.into_iter()
            .map(|r| Ok((decode_linked(r.story)?, [r.w1, r.w2, r.w3])))
            .collect()
    }
}

impl Tx {
    /// Opens a round.
    ///
    /// # Errors
    /// A database error.
    pub async fn insert_dilemma_round(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        (held_on, title): (Date, &PlainText),
        created_by: Id<User>,
        now: OffsetDateTime,
    ) -> Result<Id<DilemmaRound>, StoreError> {
        let id = Id::<DilemmaRound>::new();
        with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO dilemma_rounds (id, organization_id, team_id, held_on, title, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id.to_string()).bind(organization_id.to_string()).bind(team_id.to_string())
            .bind(held_on).bind(title.as_str()).bind(created_by.to_string()).bind(stored(now))
            .execute(&mut *conn).await?;
        });
        Ok(id)
    }

    /// Records how the team handled a story (already checked to be the team's) in one of its
    /// rounds; recording it again replaces the handling. False when the round is not the team's.
    ///
    /// # Errors
    /// A database error.
    pub async fn handle_dilemma(
        &mut self,
        organization_id: Id<Organization>,
        team_id: Id<Team>,
        round: Id<DilemmaRound>,
        (story, handling, follow_up): (Id<Story>, Handling, &PlainText),
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = with_tx!(self, conn => {
            sqlx::query(
                "INSERT INTO dilemma_handlings (round_id, story_id, handling, follow_up, created_at) \
                 SELECT r.id, $1, $2, $3, $4 FROM dilemma_rounds r \
                 WHERE r.id = $5 AND r.organization_id = $6 AND r.team_id = $7 \
                 ON CONFLICT (round_id, story_id) DO UPDATE SET handling = excluded.handling, \
                 follow_up = excluded.follow_up",
            )
            .bind(story.to_string()).bind(handling.as_str()).bind(follow_up.as_str()).bind(stored(now))
            .bind(round.to_string()).bind(organization_id.to_string()).bind(team_id.to_string())
            .execute(&mut *conn).await?.rows_affected()
        });
        Ok(done == 1)
    }
}
